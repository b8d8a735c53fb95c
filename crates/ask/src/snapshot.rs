//! A compact binary form of a corpus and its analysis (index, sentences, synonyms), so the
//! built-in engine starts without re-reading and re-analysing the knowledge base.
//!
//! The build script (`src/build.rs`) runs the same corpus and analysis code on the built-in
//! knowledge base and writes the bytes to `OUT_DIR`; [`crate::builtin_engine`] decodes them.
//! Every type is written field by field with exhaustive destructuring, so adding a field to a
//! rule or a document fails to compile here until the snapshot carries it too.

use crate::contacts::ContactKind;
use crate::corpus::{Corpus, Document};
use crate::engine::{Analysis, SynonymGroup};
use crate::passage::Sentence;
use crate::triage::{Concept, NumberCheck, Quantity, Rule, TempUnit, Tier};

/// First bytes of a snapshot, with the format version.
const MAGIC: &[u8; 8] = b"MYOASK06";

/// Why a snapshot could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    /// Not a snapshot of this format version.
    #[error("the built-in search index has an unknown format")]
    Format,
    /// The bytes ended early or hold an impossible value.
    #[error("the built-in search index is damaged at byte {0}")]
    Damaged(usize),
}

/// Appends values to a byte buffer.
#[derive(Debug, Default)]
pub(crate) struct Writer {
    pub(crate) bytes: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub(crate) fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub(crate) fn len(&mut self, v: usize) {
        self.u32(u32::try_from(v).unwrap_or(u32::MAX));
    }
    pub(crate) fn f32(&mut self, v: f32) {
        self.u32(v.to_bits());
    }
    pub(crate) fn f64(&mut self, v: f64) {
        self.bytes.extend_from_slice(&v.to_bits().to_le_bytes());
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.len(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn strs(&mut self, v: &[String]) {
        self.len(v.len());
        for s in v {
            self.str(s);
        }
    }
    pub(crate) fn nested(&mut self, v: &[Vec<String>]) {
        self.len(v.len());
        for x in v {
            self.strs(x);
        }
    }
}

/// Reads values back, failing on truncated or impossible input.
#[derive(Debug)]
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, at: 0 }
    }
    fn take(&mut self, n: usize) -> Result<&'a [u8], SnapshotError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.bytes.len())
            .ok_or(SnapshotError::Damaged(self.at))?;
        let out = &self.bytes[self.at..end];
        self.at = end;
        Ok(out)
    }
    pub(crate) fn u8(&mut self) -> Result<u8, SnapshotError> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn u32(&mut self) -> Result<u32, SnapshotError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }
    pub(crate) fn len(&mut self) -> Result<usize, SnapshotError> {
        let n = self.u32()? as usize;
        // No count can exceed the bytes left: guards allocations against damaged input.
        if n > self.bytes.len() - self.at {
            return Err(SnapshotError::Damaged(self.at));
        }
        Ok(n)
    }
    pub(crate) fn f32(&mut self) -> Result<f32, SnapshotError> {
        Ok(f32::from_bits(self.u32()?))
    }
    pub(crate) fn f64(&mut self) -> Result<f64, SnapshotError> {
        let b = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(b);
        Ok(f64::from_bits(u64::from_le_bytes(a)))
    }
    pub(crate) fn str(&mut self) -> Result<String, SnapshotError> {
        let n = self.len()?;
        let at = self.at;
        let b = self.take(n)?;
        std::str::from_utf8(b)
            .map(str::to_string)
            .map_err(|_| SnapshotError::Damaged(at))
    }
    pub(crate) fn strs(&mut self) -> Result<Vec<String>, SnapshotError> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    pub(crate) fn nested(&mut self) -> Result<Vec<Vec<String>>, SnapshotError> {
        let n = self.len()?;
        (0..n).map(|_| self.strs()).collect()
    }
    fn bad(&self) -> SnapshotError {
        SnapshotError::Damaged(self.at)
    }
}

/// Analyse a corpus and return its snapshot (what the build script writes).
pub fn build(corpus: &Corpus) -> Vec<u8> {
    encode(corpus, &Analysis::build(corpus))
}

/// The engine a snapshot describes.
pub fn engine(bytes: &[u8]) -> Result<crate::engine::Engine, SnapshotError> {
    let (corpus, analysis) = decode(bytes)?;
    Ok(crate::engine::Engine::assemble(corpus, analysis))
}

/// Encode a corpus and its analysis.
pub(crate) fn encode(corpus: &Corpus, analysis: &Analysis) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    let Corpus {
        documents,
        synonyms,
        rules,
        medicines,
        disclaimer,
        spanish,
        counterparts,
        spanish_synonyms,
    } = corpus;
    encode_documents(&mut w, documents);
    w.nested(synonyms);
    w.len(rules.len());
    for r in rules {
        encode_rule(&mut w, r);
    }
    w.strs(medicines);
    w.str(disclaimer);
    encode_documents(&mut w, spanish);
    w.len(counterparts.len());
    for (es, en) in counterparts {
        w.str(es);
        w.str(en);
    }
    w.nested(spanish_synonyms);
    encode_analysis(&mut w, analysis);
    w.bytes
}

fn encode_documents(w: &mut Writer, documents: &[Document]) {
    w.len(documents.len());
    for d in documents {
        let Document {
            id,
            title,
            section,
            summary,
            lines,
            terms,
            facts,
            sources,
            reviewed_on,
            related,
        } = d;
        for s in [id, title, section, summary, reviewed_on] {
            w.str(s);
        }
        for v in [lines, terms, facts, sources, related] {
            w.strs(v);
        }
    }
}

fn encode_analysis(w: &mut Writer, analysis: &Analysis) {
    let Analysis {
        titles,
        labels,
        sentences,
        index,
        synonyms,
        domain,
        domain_stems,
    } = analysis;
    w.nested(titles);
    w.nested(labels);
    w.len(sentences.len());
    for doc in sentences {
        w.len(doc.len());
        for s in doc {
            let Sentence {
                text,
                stems,
                origin,
                cues,
            } = s;
            w.str(text);
            w.str(stems.as_str());
            w.u8(*origin);
            w.u32(u32::from(*cues));
        }
    }
    index.encode(w);
    w.len(synonyms.len());
    for g in synonyms {
        let SynonymGroup { phrases } = g;
        w.nested(phrases);
    }
    w.strs(domain);
    w.strs(domain_stems);
}

fn encode_rule(w: &mut Writer, r: &Rule) {
    let Rule {
        id,
        title,
        tier,
        action,
        phrases,
        requires_any,
        requires_all,
        negations,
        number_checks,
        contacts,
        concepts,
    } = r;
    w.str(id);
    w.str(title);
    w.u8(match tier {
        Tier::Discuss => 0,
        Tier::Urgent => 1,
        Tier::Emergency => 2,
    });
    w.str(action);
    w.strs(phrases);
    w.strs(requires_any);
    w.nested(requires_all);
    w.strs(negations);
    w.len(number_checks.len());
    let opt = |w: &mut Writer, v: &Option<f64>| match v {
        None => w.u8(0),
        Some(x) => {
            w.u8(1);
            w.f64(*x);
        }
    };
    for c in number_checks {
        let NumberCheck {
            quantity,
            at_least,
            at_most,
            unit,
            narrows_only,
        } = c;
        w.u8(match quantity {
            Quantity::Temperature => 0,
            Quantity::Days => 1,
            Quantity::Pulse => 2,
            Quantity::Glucose => 3,
            Quantity::OxygenSaturation => 4,
            Quantity::DaysAgo => 5,
        });
        opt(w, at_least);
        opt(w, at_most);
        w.u8(match unit {
            None => 0,
            Some(TempUnit::Celsius) => 1,
            Some(TempUnit::Fahrenheit) => 2,
        });
        w.u8(u8::from(*narrows_only));
    }
    w.len(contacts.len());
    for c in contacts {
        w.u8(match c {
            ContactKind::Emergency => 0,
            ContactKind::Crisis => 1,
            ContactKind::Poison => 2,
            ContactKind::MedicalAdvice => 3,
        });
    }
    w.len(concepts.len());
    for c in concepts {
        let Concept {
            groups,
            ordered,
            window,
            sentence,
            adjacent,
            unless,
        } = c;
        w.nested(groups);
        w.u8(u8::from(*ordered) | (u8::from(*sentence) << 1) | (u8::from(*adjacent) << 2));
        w.len(*window);
        w.strs(unless);
    }
}

fn decode_rule(r: &mut Reader<'_>) -> Result<Rule, SnapshotError> {
    let id = r.str()?;
    let title = r.str()?;
    let tier = match r.u8()? {
        0 => Tier::Discuss,
        1 => Tier::Urgent,
        2 => Tier::Emergency,
        _ => return Err(r.bad()),
    };
    let action = r.str()?;
    let phrases = r.strs()?;
    let requires_any = r.strs()?;
    let requires_all = r.nested()?;
    let negations = r.strs()?;
    let n = r.len()?;
    let mut number_checks = Vec::with_capacity(n);
    for _ in 0..n {
        let quantity = match r.u8()? {
            0 => Quantity::Temperature,
            1 => Quantity::Days,
            2 => Quantity::Pulse,
            3 => Quantity::Glucose,
            4 => Quantity::OxygenSaturation,
            5 => Quantity::DaysAgo,
            _ => return Err(r.bad()),
        };
        let opt = |r: &mut Reader<'_>| -> Result<Option<f64>, SnapshotError> {
            match r.u8()? {
                0 => Ok(None),
                1 => Ok(Some(r.f64()?)),
                _ => Err(r.bad()),
            }
        };
        let at_least = opt(r)?;
        let at_most = opt(r)?;
        let unit = match r.u8()? {
            0 => None,
            1 => Some(TempUnit::Celsius),
            2 => Some(TempUnit::Fahrenheit),
            _ => return Err(r.bad()),
        };
        let narrows_only = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(r.bad()),
        };
        number_checks.push(NumberCheck {
            quantity,
            at_least,
            at_most,
            unit,
            narrows_only,
        });
    }
    let n = r.len()?;
    let mut contacts = Vec::with_capacity(n);
    for _ in 0..n {
        contacts.push(match r.u8()? {
            0 => ContactKind::Emergency,
            1 => ContactKind::Crisis,
            2 => ContactKind::Poison,
            3 => ContactKind::MedicalAdvice,
            _ => return Err(r.bad()),
        });
    }
    let n = r.len()?;
    let mut concepts = Vec::with_capacity(n);
    for _ in 0..n {
        let groups = r.nested()?;
        let flags = r.u8()?;
        if flags > 7 {
            return Err(r.bad());
        }
        let window = r.len()?;
        let unless = r.strs()?;
        concepts.push(Concept {
            groups,
            ordered: flags & 1 != 0,
            window,
            sentence: flags & 2 != 0,
            adjacent: flags & 4 != 0,
            unless,
        });
    }
    Ok(Rule {
        id,
        title,
        tier,
        action,
        phrases,
        requires_any,
        requires_all,
        negations,
        number_checks,
        contacts,
        concepts,
    })
}

/// Decode what [`encode`] wrote.
pub(crate) fn decode(bytes: &[u8]) -> Result<(Corpus, Analysis), SnapshotError> {
    if bytes.get(..MAGIC.len()) != Some(&MAGIC[..]) {
        return Err(SnapshotError::Format);
    }
    let mut r = Reader::new(&bytes[MAGIC.len()..]);
    let documents = decode_documents(&mut r)?;
    let synonyms = r.nested()?;
    let n = r.len()?;
    let rules = (0..n)
        .map(|_| decode_rule(&mut r))
        .collect::<Result<_, _>>()?;
    let medicines = r.strs()?;
    let disclaimer = r.str()?;
    let spanish = decode_documents(&mut r)?;
    let n = r.len()?;
    let counterparts = (0..n)
        .map(|_| Ok((r.str()?, r.str()?)))
        .collect::<Result<_, SnapshotError>>()?;
    let spanish_synonyms = r.nested()?;
    let corpus = Corpus {
        documents,
        synonyms,
        rules,
        medicines,
        disclaimer,
        spanish,
        counterparts,
        spanish_synonyms,
    };
    let analysis = decode_analysis(&mut r)?;
    Ok((corpus, analysis))
}

fn decode_documents(r: &mut Reader<'_>) -> Result<Vec<Document>, SnapshotError> {
    let n = r.len()?;
    let mut documents = Vec::with_capacity(n);
    for _ in 0..n {
        let id = r.str()?;
        let title = r.str()?;
        let section = r.str()?;
        let summary = r.str()?;
        let reviewed_on = r.str()?;
        documents.push(Document {
            id,
            title,
            section,
            summary,
            reviewed_on,
            lines: r.strs()?,
            terms: r.strs()?,
            facts: r.strs()?,
            sources: r.strs()?,
            related: r.strs()?,
        });
    }
    Ok(documents)
}

fn decode_analysis(r: &mut Reader<'_>) -> Result<Analysis, SnapshotError> {
    let titles = r.nested()?;
    let labels = r.nested()?;
    let n = r.len()?;
    let mut sentences = Vec::with_capacity(n);
    for _ in 0..n {
        let m = r.len()?;
        let mut doc = Vec::with_capacity(m);
        for _ in 0..m {
            let text = r.str()?;
            let stems = crate::passage::Stems::from_joined(r.str()?);
            let origin = r.u8()?;
            let cues = u16::try_from(r.u32()?).map_err(|_| r.bad())?;
            doc.push(Sentence {
                text,
                stems,
                origin,
                cues,
            });
        }
        sentences.push(doc);
    }
    let index = crate::bm25::Index::decode(r)?;
    let n = r.len()?;
    let mut groups = Vec::with_capacity(n);
    for _ in 0..n {
        groups.push(SynonymGroup {
            phrases: r.nested()?,
        });
    }
    let domain = r.strs()?;
    let domain_stems = r.strs()?;
    let analysis = Analysis {
        titles,
        labels,
        sentences,
        index,
        synonyms: groups,
        domain,
        domain_stems,
    };
    Ok(analysis)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn corpus() -> Corpus {
        Corpus {
            documents: vec![Document {
                id: "heliotrope-rash".into(),
                title: "Heliotrope rash".into(),
                section: "symptoms".into(),
                summary: "A purple rash on the upper eyelids. It is a sign of DM.".into(),
                lines: vec![
                    "# Look".into(),
                    "Signs include:".into(),
                    "puffy eyes".into(),
                ],
                terms: vec!["purple eyelids".into()],
                facts: vec!["What to do: see your team.".into()],
                sources: vec!["Mayo Clinic".into()],
                reviewed_on: "2026-11-21".into(),
                related: vec!["gottrons-papules".into()],
            }],
            synonyms: vec![vec!["heliotrope rash".into(), "purple eyelids".into()]],
            rules: vec![Rule {
                id: "fever".into(),
                title: "Fever".into(),
                tier: Tier::Urgent,
                action: "Call today.".into(),
                phrases: vec!["fever".into()],
                requires_any: vec!["methotrexate".into()],
                requires_all: vec![vec!["stiff neck".into()], vec!["rash".into()]],
                negations: vec!["no fever".into()],
                number_checks: vec![
                    NumberCheck {
                        quantity: Quantity::Temperature,
                        at_least: Some(38.0),
                        at_most: None,
                        unit: Some(TempUnit::Celsius),
                        narrows_only: false,
                    },
                    NumberCheck {
                        quantity: Quantity::OxygenSaturation,
                        at_least: None,
                        at_most: Some(92.0),
                        unit: None,
                        narrows_only: true,
                    },
                ],
                contacts: vec![ContactKind::Crisis, ContactKind::Poison],
                concepts: vec![Concept {
                    groups: vec![vec!["vomiting".into()], vec!["blood".into(), "red".into()]],
                    ordered: true,
                    window: 6,
                    sentence: true,
                    adjacent: true,
                    unless: vec!["for the trip".into()],
                }],
            }],
            medicines: vec!["methotrexate".into()],
            disclaimer: "General information only.".into(),
            spanish: vec![Document {
                id: "heliotrope-rash-es".into(),
                title: "Eritema en heliotropo".into(),
                section: "symptoms".into(),
                summary: "Un sarpullido morado en los párpados.".into(),
                lines: vec!["Los párpados se hinchan.".into()],
                terms: vec!["párpados morados".into()],
                facts: vec![],
                sources: vec!["MedlinePlus".into()],
                reviewed_on: "2026-12-07".into(),
                related: vec![],
            }],
            counterparts: vec![("heliotrope-rash-es".into(), "heliotrope-rash".into())],
            spanish_synonyms: vec![vec!["mialgia".into(), "dolor muscular".into()]],
        }
    }

    #[test]
    fn round_trip_is_exact() {
        let c = corpus();
        let a = Analysis::build(&c);
        let bytes = encode(&c, &a);
        let (c2, a2) = decode(&bytes).expect("decodes");
        assert_eq!(c, c2);
        assert_eq!(a, a2);
    }

    #[test]
    fn damaged_bytes_are_errors_not_panics() {
        let c = corpus();
        let bytes = encode(&c, &Analysis::build(&c));
        assert_eq!(decode(b"nonsense").unwrap_err(), SnapshotError::Format);
        for cut in [8, 9, 20, bytes.len() / 2, bytes.len() - 1] {
            assert!(decode(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[8] = 0xff;
        flipped[9] = 0xff;
        assert!(decode(&flipped).is_err());
    }
}
