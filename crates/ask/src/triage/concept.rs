//! Concept matching: a sign told in words no phrase list holds ("vomiting **bright red** blood",
//! "took **the whole lot of my** pills **deliberately**").
//!
//! A [`Concept`] is a few groups of alternative words or phrases (stems and synonyms). It fires
//! when every group has a match inside one clause, the matches do not overlap, they span at most
//! `window` tokens, and, for an ordered concept, they come in the groups' order. The whole span
//! must not be negated (a cue word before it, "has gone" after it, a rule negation phrase over
//! any part of it: see `context::negated`), and no cue word may stand in a gap just before a
//! later match ("vomiting but no blood" is two clauses; "vomiting without blood" is negated). Whether the clause reports something happening now is decided by
//! the same context rules as a phrase (`context::reported`).
//!
//! The concepts are data (`data/triage-concepts.toml`, then `data/triage-concepts-more.toml`): a
//! lexicon of named synonym groups (`@vomit`, `@blood`), and per red-flag entry id a list of concepts whose groups name lexicon
//! entries or plain phrases. Each entry cites the knowledge-base entry whose sign it words.

use std::collections::HashMap;

use serde::Deserialize;

use super::{Pattern, context, find_all, pattern};
use crate::text::Token;

/// The built-in concept table: its lexicon and first rules.
pub const BUILTIN_DATA: &str = include_str!("../../data/triage-concepts.toml");
/// More built-in concept rules, read after [`BUILTIN_DATA`] as one table.
pub const BUILTIN_MORE: &str = include_str!("../../data/triage-concepts-more.toml");
/// Crisis concepts told across two sentences, with their own lexicon (merged with the first).
pub const BUILTIN_ACROSS: &str = include_str!("../../data/triage-concepts-across.toml");
/// Signs in lay words (a lexicon that widens the earlier tables' names, and more concepts).
pub const BUILTIN_LAY: &str = include_str!("../../data/triage-concepts-lay.toml");

/// Default span, in tokens, from the first matched word to the last.
pub const DEFAULT_WINDOW: usize = 8;

/// Groups of alternatives that must co-occur in one clause, within a window of tokens.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    /// Every group needs one of its phrases (lexicon names already expanded).
    pub groups: Vec<Vec<String>>,
    /// The groups must appear in the order given.
    pub ordered: bool,
    /// Most tokens from the first matched word to the last, inclusive of both.
    pub window: usize,
    /// The groups may meet anywhere in one sentence, across its commas ("temp 39.4, breathing
    /// fast, a bit muddled"), not only in one clause.
    pub sentence: bool,
    /// The groups may meet across two adjacent sentences of one message: intent in one, the
    /// means, the time or a farewell in the next ("I've decided tonight's the night. I've got
    /// the tablets saved up."). Each match must then be live and reported on its own, and
    /// neither sentence may talk about the past, a death, a quote or a definition.
    pub adjacent: bool,
    /// A harmless purpose or setting that, said in a sentence holding one of the matches,
    /// keeps the concept quiet ("saved up my tablets so I don't run out on the trip").
    pub unless: Vec<String>,
}

/// A concept compiled to stem patterns.
#[derive(Debug, Clone)]
pub(super) struct CompiledConcept {
    groups: Vec<Vec<(String, Pattern)>>,
    ordered: bool,
    window: usize,
    sentence: bool,
    adjacent: bool,
    unless: Vec<Pattern>,
}

impl CompiledConcept {
    pub(super) fn new(c: &Concept) -> CompiledConcept {
        CompiledConcept {
            groups: c
                .groups
                .iter()
                .map(|g| {
                    g.iter()
                        .map(|p| (p.clone(), pattern(p)))
                        .filter(|(_, p)| !p.is_empty())
                        .collect::<Vec<_>>()
                })
                .filter(|g| !g.is_empty())
                .collect(),
            ordered: c.ordered,
            window: c.window,
            sentence: c.sentence,
            adjacent: c.adjacent,
            unless: c
                .unless
                .iter()
                .map(|p| pattern(p))
                .filter(|p| !p.is_empty())
                .collect(),
        }
    }

    /// Apply `f` to every stem of every group.
    pub(super) fn map_stems(&mut self, f: &dyn Fn(&mut String)) {
        self.groups
            .iter_mut()
            .flatten()
            .flat_map(|(_, p)| p.iter_mut())
            .chain(self.unless.iter_mut().flatten())
            .for_each(f);
    }

    /// Does a sentence holding one of the picked matches state a harmless purpose (`unless`)?
    fn purpose_stated(&self, picked: &[(usize, usize, &str)], tokens: &[Token]) -> bool {
        self.unless.iter().any(|p| {
            find_all(p, tokens).into_iter().any(|(a, _)| {
                picked
                    .iter()
                    .any(|s| tokens[s.0].sentence == tokens[a].sentence)
            })
        })
    }

    /// Every stem of every group.
    pub(super) fn stems(&self) -> impl Iterator<Item = &String> {
        self.groups.iter().flatten().flat_map(|(_, p)| p)
    }

    /// The matched words ("vomiting + blood") when the concept fires on these tokens.
    pub(super) fn fires(
        &self,
        tokens: &[Token],
        negations: &[Pattern],
        lenient: bool,
    ) -> Option<String> {
        if self.groups.is_empty() {
            return None;
        }
        // Spans of each group: (start, end, phrase).
        let mut spans: Vec<Vec<(usize, usize, &str)>> = Vec::with_capacity(self.groups.len());
        for group in &self.groups {
            let live: Vec<(usize, usize, &str)> = group
                .iter()
                .flat_map(|(text, p)| {
                    find_all(p, tokens)
                        .into_iter()
                        .map(move |(a, b)| (a, b, text.as_str()))
                })
                .collect();
            if live.is_empty() {
                return None;
            }
            spans.push(live);
        }
        let mut picked: Vec<(usize, usize, &str)> = Vec::with_capacity(spans.len());
        self.search(&spans, &mut picked, tokens, negations, lenient)
    }

    /// Depth-first choice of one span per group meeting the clause, order and window limits.
    fn search<'a>(
        &self,
        spans: &[Vec<(usize, usize, &'a str)>],
        picked: &mut Vec<(usize, usize, &'a str)>,
        tokens: &[Token],
        negations: &[Pattern],
        lenient: bool,
    ) -> Option<String> {
        let k = picked.len();
        if k == spans.len() {
            if self.purpose_stated(picked, tokens) {
                return None;
            }
            let first = picked.iter().map(|s| s.0).min()?;
            let last = picked.iter().map(|s| s.1).max()?;
            let one_sentence = tokens[first].sentence == tokens[last].sentence;
            if self.adjacent && !one_sentence {
                return self.across_sentences(picked, tokens, negations, lenient);
            }
            if context::negated((first, last), tokens, negations) {
                return None;
            }
            let mut sorted = picked.clone();
            sorted.sort_unstable();
            let gap_negated = sorted
                .windows(2)
                .any(|w| context::cue_before(w[1].0, w[0].1 + 1, tokens));
            if gap_negated {
                return None;
            }
            // The clause is read from the first matched word: a later group's own "my" ("blood
            // in my vomit") is not a subject of the report.
            let reported = context::reported((first, last), tokens, lenient);
            return reported.then(|| picked.iter().map(|s| s.2).collect::<Vec<_>>().join(" + "));
        }
        for &s in &spans[k] {
            let fits = picked.iter().all(|p| {
                let disjoint = s.1 < p.0 || s.0 > p.1;
                let same_clause = if self.adjacent {
                    tokens[s.0].sentence.abs_diff(tokens[p.0].sentence) <= 1
                } else if self.sentence {
                    tokens[s.0].sentence == tokens[p.0].sentence
                } else {
                    tokens[s.0].clause == tokens[p.0].clause
                };
                let span = s.1.max(p.1) - s.0.min(p.0) + 1;
                disjoint && same_clause && span <= self.window
            }) && (!self.ordered || picked.last().is_none_or(|p| s.0 > p.1));
            if !fits {
                continue;
            }
            picked.push(s);
            let found = self.search(spans, picked, tokens, negations, lenient);
            picked.pop();
            if found.is_some() {
                return found;
            }
        }
        None
    }

    /// The verdict on matches spread over two adjacent sentences: every match live (not
    /// negated, nothing saying it has passed) and reported in its own clause, and neither
    /// sentence about the past, a death, a quote or a definition.
    fn across_sentences(
        &self,
        picked: &[(usize, usize, &str)],
        tokens: &[Token],
        negations: &[Pattern],
        lenient: bool,
    ) -> Option<String> {
        let each_live = picked.iter().all(|&(a, b, _)| {
            !context::negated((a, b), tokens, negations)
                && context::reported((a, b), tokens, lenient)
                && !super::story::sentence_talks_about(a, tokens)
        });
        each_live.then(|| picked.iter().map(|s| s.2).collect::<Vec<_>>().join(" + "))
    }
}

/// Errors in the concept table.
#[derive(Debug, thiserror::Error)]
pub enum ConceptError {
    /// The file is not valid TOML of the expected shape.
    #[error("the triage concept table does not parse: {0}")]
    Parse(#[from] toml::de::Error),
    /// A group names a lexicon entry that does not exist.
    #[error("concept for {rule}: unknown lexicon entry @{name}")]
    UnknownLexicon {
        /// Rule id.
        rule: String,
        /// The missing name.
        name: String,
    },
    /// An entry gives no source.
    #[error("concepts for {0}: no source cited")]
    NoSource(String),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    #[serde(default)]
    lexicon: HashMap<String, Vec<String>>,
    #[serde(default)]
    rule: Vec<RawRule>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    /// The knowledge-base source id (of entry `id`) that states the sign.
    source: String,
    #[serde(default)]
    negations: Vec<String>,
    #[serde(default)]
    concept: Vec<RawConcept>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConcept {
    groups: Vec<Vec<String>>,
    #[serde(default)]
    ordered: bool,
    window: Option<usize>,
    #[serde(default)]
    sentence: bool,
    #[serde(default)]
    adjacent: bool,
    #[serde(default)]
    unless: Vec<String>,
}

/// Concepts and extra negations per red-flag entry id.
#[derive(Debug, Clone, Default)]
pub struct ConceptTable {
    by_rule: HashMap<String, (Vec<Concept>, Vec<String>)>,
    /// The knowledge-base source ids each entry's concepts cite.
    cited: HashMap<String, Vec<String>>,
}

impl ConceptTable {
    /// Parse a table; lexicon names (`@vomit`) are expanded here.
    pub fn parse(text: &str) -> Result<ConceptTable, ConceptError> {
        ConceptTable::parse_all(&[text])
    }

    /// Parse several tables as one: their lexicons are merged (a later name adds to an
    /// earlier one's words) and their rules read in order.
    pub fn parse_all(texts: &[&str]) -> Result<ConceptTable, ConceptError> {
        let mut raw = RawTable {
            lexicon: HashMap::new(),
            rule: Vec::new(),
        };
        for text in texts {
            let part: RawTable = toml::from_str(text)?;
            for (name, words) in part.lexicon {
                raw.lexicon.entry(name).or_default().extend(words);
            }
            raw.rule.extend(part.rule);
        }
        let mut by_rule: HashMap<String, (Vec<Concept>, Vec<String>)> = HashMap::new();
        let mut cited: HashMap<String, Vec<String>> = HashMap::new();
        for r in raw.rule {
            if r.source.trim().is_empty() {
                return Err(ConceptError::NoSource(r.id));
            }
            let mut concepts = Vec::new();
            let expand = |g: Vec<String>| -> Result<Vec<String>, ConceptError> {
                let mut words = Vec::new();
                for item in g {
                    match item.strip_prefix('@') {
                        Some(name) => {
                            let list = raw.lexicon.get(name).ok_or_else(|| {
                                ConceptError::UnknownLexicon {
                                    rule: r.id.clone(),
                                    name: name.to_string(),
                                }
                            })?;
                            words.extend(list.iter().cloned());
                        }
                        None => words.push(item),
                    }
                }
                Ok(words)
            };
            for c in r.concept {
                let groups = c
                    .groups
                    .into_iter()
                    .map(&expand)
                    .collect::<Result<Vec<_>, _>>()?;
                let unless = expand(c.unless)?;
                concepts.push(Concept {
                    groups,
                    ordered: c.ordered,
                    window: c.window.unwrap_or(DEFAULT_WINDOW),
                    sentence: c.sentence,
                    adjacent: c.adjacent,
                    unless,
                });
            }
            cited
                .entry(r.id.clone())
                .or_default()
                .push(r.source.clone());
            let slot = by_rule.entry(r.id).or_default();
            slot.0.extend(concepts);
            slot.1.extend(r.negations);
        }
        Ok(ConceptTable { by_rule, cited })
    }

    /// The built-in table.
    pub fn builtin() -> Result<ConceptTable, ConceptError> {
        let first = [BUILTIN_DATA, BUILTIN_MORE].join("\n");
        ConceptTable::parse_all(&[&first, BUILTIN_ACROSS, BUILTIN_LAY])
    }

    /// Concepts for an entry's rule (empty when it has none).
    pub fn concepts(&self, rule_id: &str) -> &[Concept] {
        self.by_rule.get(rule_id).map_or(&[], |r| &r.0)
    }

    /// Negation phrases the entry's concepts add to its rule.
    pub fn negations(&self, rule_id: &str) -> &[String] {
        self.by_rule.get(rule_id).map_or(&[], |r| &r.1)
    }

    /// The source ids the entry's concepts cite (each must be one of the entry's own sources).
    pub fn sources(&self, rule_id: &str) -> &[String] {
        self.cited.get(rule_id).map_or(&[], Vec::as_slice)
    }

    /// Entry ids with concepts.
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.by_rule.keys().map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::triage::{Rule, Tier, Triage};

    fn concept(groups: &[&[&str]], ordered: bool, window: usize) -> Concept {
        Concept {
            groups: groups
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect(),
            ordered,
            window,
            sentence: false,
            adjacent: false,
            unless: vec![],
        }
    }

    fn triage(concepts: Vec<Concept>, negations: &[&str]) -> Triage {
        let mut r = Rule::new("bleed", "Bleeding", Tier::Emergency, "Call now.", &[]);
        r.concepts = concepts;
        r.negations = negations.iter().map(|s| s.to_string()).collect();
        Triage::new(vec![r])
    }

    fn vomit_blood() -> Triage {
        triage(
            vec![concept(
                &[&["vomiting", "threw up", "throwing up"], &["blood"]],
                false,
                6,
            )],
            &["blood test"],
        )
    }

    fn fires(t: &Triage, q: &str) -> bool {
        t.check(q).is_some()
    }

    #[test]
    fn words_inside_the_phrase_still_match_within_the_window() {
        let t = vomit_blood();
        assert!(fires(&t, "I'm vomiting bright red blood"));
        assert!(fires(&t, "my dad keeps throwing up fresh blood"));
        // Unordered: the groups may come the other way round.
        assert!(fires(&t, "I have blood in my mouth from vomiting"));
    }

    #[test]
    fn matches_further_apart_than_the_window_do_not_fire() {
        let t = vomit_blood();
        assert!(!fires(
            &t,
            "I have been vomiting since I started the new tablets and my blood"
        ));
    }

    #[test]
    fn ordered_concepts_keep_their_order() {
        let t = triage(
            vec![concept(&[&["giving"], &["things"], &["away"]], true, 6)],
            &[],
        );
        assert!(fires(&t, "I've been giving my things away"));
        assert!(!fires(
            &t,
            "I'm away so my things need giving to the neighbour"
        ));
    }

    #[test]
    fn a_clause_boundary_separates_the_groups() {
        let t = vomit_blood();
        assert!(!fires(
            &t,
            "I was vomiting yesterday, blood pressure fine today"
        ));
        assert!(!fires(&t, "I threw up once but my blood looked normal"));
        assert!(!fires(&t, "I threw up. Blood everywhere in the film."));
    }

    #[test]
    fn negation_within_the_window_cancels() {
        let t = vomit_blood();
        assert!(!fires(&t, "I'm vomiting without any blood"));
        assert!(!fires(&t, "not vomiting blood, just nausea"));
        assert!(!fires(&t, "no vomiting and the blood is from my nose"));
        // A rule negation over a matched word: "blood test" is not bleeding.
        assert!(!fires(&t, "I threw up before my blood test"));
    }

    #[test]
    fn a_negation_inside_a_groups_own_phrase_does_not_cancel_the_next_group() {
        let t = triage(
            vec![concept(
                &[&["won't have to"], &["look after me"], &["much longer"]],
                true,
                12,
            )],
            &[],
        );
        assert!(fires(&t, "they won't have to look after me much longer"));
        assert!(!fires(
            &t,
            "they won't have to look after me when I can walk"
        ));
    }

    #[test]
    fn context_rules_apply_to_concepts() {
        let t = vomit_blood();
        assert!(!fires(
            &t,
            "the leaflet says vomiting red blood is an emergency"
        ));
        assert!(!fires(
            &t,
            "my grandmother died after vomiting lots of blood"
        ));
        assert!(!fires(&t, "what does vomiting dark blood mean"));
        assert!(!fires(&t, "I had vomiting with blood in it last year"));
        assert!(fires(&t, "my son threw up a lot of blood"));
    }

    #[test]
    fn choking_in_the_past_tense_with_a_present_sign_fires() {
        let t = triage(vec![concept(&[&["choked"], &["blue"]], false, 12)], &[]);
        assert!(fires(&t, "she choked on her water and her face went blue"));
    }

    #[test]
    fn a_sentence_concept_crosses_commas_a_clause_concept_does_not() {
        let mut across = concept(&[&["fever"], &["breathing fast"]], false, 12);
        across.sentence = true;
        let t = triage(vec![across], &[]);
        assert!(fires(&t, "fever of 39, heart racing, breathing fast"));
        assert!(!fires(&t, "fever of 39. Breathing fast after the stairs."));
        let within = triage(
            vec![concept(&[&["fever"], &["breathing fast"]], false, 12)],
            &[],
        );
        assert!(!fires(&within, "fever of 39, heart racing, breathing fast"));
        assert!(fires(&within, "fever and breathing fast"));
    }

    #[test]
    fn an_adjacent_concept_meets_in_the_next_sentence_only() {
        let mut across = concept(&[&["decided"], &["tablets saved"]], false, 40);
        across.adjacent = true;
        let t = triage(vec![across], &[]);
        assert!(fires(
            &t,
            "I have decided. The tablets saved up are in my bag."
        ));
        assert!(fires(
            &t,
            "The tablets saved up are in my bag. I have decided."
        ));
        // Two sentences apart, a sentence told as long ago, a negated match: quiet.
        assert!(!fires(
            &t,
            "I have decided. It is raining. The tablets saved up are in my bag."
        ));
        assert!(!fires(
            &t,
            "Years ago I had decided. The tablets saved up were in my bag."
        ));
        assert!(!fires(&t, "I have decided. No tablets saved up, though."));
        // Without the flag the groups must meet in one clause.
        let t = triage(
            vec![concept(&[&["decided"], &["tablets saved"]], false, 40)],
            &[],
        );
        assert!(!fires(
            &t,
            "I have decided. The tablets saved up are in my bag."
        ));
    }

    #[test]
    fn tables_merge_their_lexicons() {
        let a = "[lexicon]\npills = [\"pills\"]\n";
        let b = "[lexicon]\npills = [\"tablets\"]\n[[rule]]\nid = \"x\"\nsource = \"s\"\n[[rule.concept]]\ngroups = [[\"@pills\"]]\n";
        let table = ConceptTable::parse_all(&[a, b]).expect("merged tables parse");
        assert_eq!(
            table.concepts("x")[0].groups,
            vec![vec!["pills", "tablets"]]
        );
    }

    #[test]
    fn the_builtin_table_parses_and_names_known_lexicon_entries() {
        let table = ConceptTable::builtin().expect("concept table parses");
        assert!(!table.concepts("suicidal-thoughts").is_empty());
        assert!(table.concepts("no-such-rule").is_empty());
        let bad = "[lexicon]\n[[rule]]\nid = \"x\"\nsource = \"s\"\n[[rule.concept]]\ngroups = [[\"@nope\"]]\n";
        assert!(matches!(
            ConceptTable::parse(bad),
            Err(ConceptError::UnknownLexicon { .. })
        ));
        let unsourced = "[lexicon]\n[[rule]]\nid = \"x\"\nsource = \" \"\n[[rule.concept]]\ngroups = [[\"a\"]]\n";
        assert!(matches!(
            ConceptTable::parse(unsourced),
            Err(ConceptError::NoSource(_))
        ));
    }
}
