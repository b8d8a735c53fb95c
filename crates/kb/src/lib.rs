//! `myo-kb`: Myo's knowledge base: the content model, its loader and its quality checks.
//!
//! Pure code: the crate receives `(path, contents)` pairs and never walks the filesystem itself.
//! The real content (`kb/` at the repository root) is compiled in by the build script and is
//! available through [`builtin`] and [`Kb::builtin`]. The rules enforced by [`Kb::check`] are
//! those of `kb/README.md`.

pub mod builtin;
mod check;
mod cite;
pub mod codes;
mod date;
mod load;
mod model;
mod suggest;
mod text;
mod text_es;
mod translation;

pub use check::{
    COPY_RUN, EntryReport, GRADE_LIMIT, Problem, Report, Rule, Severity, names_working_note,
    working_notes,
};
pub use cite::{CitationStyle, DEFAULT_BASE_URL, cite, page_url};
pub use codes::{CodeSystem, Codes};
pub use date::{Date, DateError};
pub use load::{LoadError, LoadErrors};
pub use model::{
    Antibody, Audience, ContactKind, Dose, DoseBasis, DoseUnit, DrugGuide, Entry, Evidence,
    FactStatus, Food, FoodKind, Frequency, NumberCheck, Organisation, Quantity, QuantityUnit,
    RedFlag, RedFlagVariant, Route, Section, Source, SourceKind, SourceRef, Structured,
    StructuredKind, Supplement, Term, TestGroup, TestInfo, Tier, UnknownValue, url_problem,
};
pub use suggest::edit_distance;

pub use text::{Passage, Readability, plain_text, readability, words};
pub use text_es::{
    EASE_FLOOR, EASE_TARGET, SpanishReadability, readability_es, readability_es_of, syllables_es,
};

/// The languages entries may be written in: English (the source language) and Spanish.
pub const LANGUAGES: &[&str] = &["en", "es"];

/// Myo's medical disclaimer, shown at the end of every page.
pub const DISCLAIMER: &str = "Myo gives general information; it does not diagnose, \
prescribe or replace your care team. Talk to your doctor or nurse about your own care. \
In an emergency, call 911 or your local emergency number now.";

/// The loaded knowledge base: English entries (in load order), entries in other languages
/// (translations, each naming its English counterpart) and the source registry.
///
/// English is the source language: [`Kb::entries`], [`Kb::section`], [`Kb::red_flags`] and
/// [`Kb::glossary_terms`] see English entries only, so every English reader (search, triage,
/// tracker rules, Infobutton) is unchanged by translations. [`Kb::get`] finds any entry by id,
/// and [`Kb::counterpart`] links the two languages both ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Kb {
    entries: Vec<Entry>,
    translations: Vec<Entry>,
    sources: Vec<Source>,
}

impl Kb {
    /// Loads entries from `(path, contents)` pairs plus the source registry text.
    ///
    /// Paths look like `kb/<section>/<id>.md` (only the last two components matter). Every file
    /// that fails to parse is reported, with its path and field; none is skipped silently.
    pub fn load<I, P, C>(files: I, sources_toml: &str) -> Result<Kb, LoadErrors>
    where
        I: IntoIterator<Item = (P, C)>,
        P: AsRef<str>,
        C: AsRef<str>,
    {
        let mut errors = Vec::new();
        let sources = load::parse_sources("kb/sources.toml", sources_toml).unwrap_or_else(|e| {
            errors.push(e);
            Vec::new()
        });
        let mut entries = Vec::new();
        let mut translations = Vec::new();
        for (path, contents) in files {
            match load::parse_entry(path.as_ref(), contents.as_ref()) {
                Ok(entry) if entry.language == "en" => entries.push(entry),
                Ok(entry) => translations.push(entry),
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(Kb {
                entries,
                translations,
                sources,
            })
        } else {
            Err(LoadErrors(errors))
        }
    }

    /// The knowledge base compiled into this crate from the repository's `kb/` folder.
    pub fn builtin() -> Result<Kb, LoadErrors> {
        Kb::load(builtin::FILES.iter().copied(), builtin::SOURCES_TOML)
    }

    /// All English entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Entries in other languages than English, in load order.
    pub fn translations(&self) -> &[Entry] {
        &self.translations
    }

    /// Every entry, English first, then translations.
    pub fn all_entries(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().chain(&self.translations)
    }

    /// Entries written in `language` (`en`, `es`).
    pub fn in_language<'a>(&'a self, language: &'a str) -> impl Iterator<Item = &'a Entry> {
        self.all_entries().filter(move |e| e.language == language)
    }

    /// The entry with this id, in any language (the first one, should ids be duplicated).
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.all_entries().find(|e| e.id == id)
    }

    /// The entry in the other language: for a translation, its English entry; for an English
    /// entry, its Spanish translation (the first translation, when there are several).
    pub fn counterpart(&self, entry: &Entry) -> Option<&Entry> {
        match &entry.translation_of {
            Some(id) => self.entries.iter().find(|e| &e.id == id),
            None => self
                .translations
                .iter()
                .find(|t| t.translation_of.as_deref() == Some(entry.id.as_str())),
        }
    }

    /// The translation of the English entry `id` into `language`, if one exists.
    pub fn translation(&self, id: &str, language: &str) -> Option<&Entry> {
        self.translations
            .iter()
            .find(|t| t.language == language && t.translation_of.as_deref() == Some(id))
    }

    /// English entries of one section.
    pub fn section(&self, section: Section) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter(move |e| e.section == section)
    }

    /// The source registry.
    pub fn sources(&self) -> &[Source] {
        &self.sources
    }

    /// The registry source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// Every glossary term, with the entry it comes from.
    pub fn glossary_terms(&self) -> Vec<(&Entry, &Term)> {
        self.entries
            .iter()
            .filter_map(|e| match &e.structured {
                Some(Structured::Glossary(terms)) => Some(terms.iter().map(move |t| (e, t))),
                _ => None,
            })
            .flatten()
            .collect()
    }

    /// Every red-flag table, with its entry.
    pub fn red_flags(&self) -> Vec<(&Entry, &RedFlag)> {
        self.entries
            .iter()
            .filter_map(|e| match &e.structured {
                Some(Structured::RedFlag(flag)) => Some((e, flag)),
                _ => None,
            })
            .collect()
    }

    /// Every passage of every entry (see [`Entry::passages`]).
    pub fn passages(&self) -> Vec<Passage> {
        self.entries.iter().flat_map(Entry::passages).collect()
    }

    /// Up to `limit` known ids closest to `id`, nearest first, for "did you mean" messages.
    pub fn suggest(&self, id: &str, limit: usize) -> Vec<&str> {
        suggest::nearest(id, self.all_entries().map(|e| e.id.as_str()), limit)
    }

    /// How well the entries are sourced (see [`Sourcing`]).
    pub fn sourcing(&self) -> Sourcing {
        let mut out = Sourcing {
            entries: self.entries.len() + self.translations.len(),
            ..Sourcing::default()
        };
        for e in self.all_entries() {
            let cited: Vec<&Source> = e
                .sources
                .iter()
                .filter_map(|r| self.source(&r.id))
                .collect();
            let primary = cited.iter().any(|s| s.is_primary());
            let partial = e.sources.iter().any(SourceRef::is_partial);
            if primary && !partial {
                out.primary_sourced += 1;
            }
            if partial {
                out.with_partial += 1;
            }
            if cited.iter().any(|s| s.background) {
                out.citing_background += 1;
            }
            if !primary {
                out.background_only += 1;
            }
        }
        out
    }

    /// Checks every rule of `kb/README.md`. `seeds` are `(name, text)` pairs of the seed pages
    /// for the copy check (empty: the copy check is skipped and the report says so); `today`
    /// decides which entries are stale.
    pub fn check(&self, seeds: &[(&str, &str)], today: Date) -> Report {
        check::check(self, seeds, today)
    }
}

/// Sourcing figures of the whole knowledge base.
///
/// The content model cites sources per entry, not per number, so an entry counts as
/// `primary_sourced` when every number and claim in it sits under citations that include at
/// least one primary source (a label, guideline, paper or NIH/NHS/Mayo/MedlinePlus-type page
/// with a specific address, not a background seed or aggregator) and none of its citations is
/// flagged `partial`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Sourcing {
    /// All entries.
    pub entries: usize,
    /// Entries whose numbers and claims rest on a primary source, with nothing flagged partial.
    pub primary_sourced: usize,
    /// Entries with at least one citation flagged `partial`.
    pub with_partial: usize,
    /// Entries that still cite a background source (as background, beside primary ones).
    pub citing_background: usize,
    /// Entries with no primary source at all (`myo kb check` fails on these).
    pub background_only: usize,
}

impl Entry {
    /// The body split at `#`/`##` headings into passages of plain text (empty ones dropped).
    pub fn passages(&self) -> Vec<Passage> {
        text::passages(&self.id, &self.body)
    }

    /// Readability of the measured text (summary + body), Flesch–Kincaid (English rules).
    pub fn readability(&self) -> Readability {
        text::readability_of(&[&self.summary, &self.body])
    }

    /// Fernández-Huerta ease of the measured text (summary + body), Spanish rules.
    pub fn readability_es(&self) -> SpanishReadability {
        text_es::readability_es_of(&[&self.summary, &self.body])
    }

    /// True when the entry is past its review date.
    pub fn is_stale(&self, today: Date) -> bool {
        self.next_review_due < today
    }
}
