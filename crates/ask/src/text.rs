//! Text normalisation shared by triage, guardrails and retrieval.
//!
//! One tokeniser for questions and knowledge-base text alike, so both sides meet on the same
//! forms: lowercase, curly quotes straightened, contractions expanded ("can't" → "cannot",
//! "don't" → "do not"), possessives dropped ("gottron's" → "gottron"), short letter codes joined
//! to their number ("jo-1" → "jo1"), decimals kept whole ("38.5"), and "°" read as "degrees".

use crate::stem::stem;

/// One word of normalised text, with its stem and position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// The normalised surface word ("breathing").
    pub word: String,
    /// Its Porter stem ("breath").
    pub stem: String,
    /// Index of the sentence the word belongs to (sentences end at `.`, `!`, `?` and newlines).
    pub sentence: usize,
    /// Index of the clause: sentences, commas, semicolons, colons and "but" start a new clause.
    pub clause: usize,
}

/// Lowercase and straighten quotes; keeps every other character.
pub fn normalize(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02bc}' | '`' | '\u{00b4}' => '\'',
            '\u{201c}' | '\u{201d}' => '"',
            '\u{2013}' | '\u{2014}' | '\u{2010}' | '\u{2011}' => '-',
            other => other,
        })
        .collect()
}

/// A raw lexical item before contraction handling.
#[derive(Debug, PartialEq)]
enum Raw {
    Word(String),
    Hyphen,
    ClauseBreak,
    SentenceBreak,
}

/// Split normalised text into raw words and breaks.
fn lex(text: &str) -> Vec<Raw> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<Raw>| {
        let w = cur.trim_matches('\'').to_string();
        if !w.is_empty() {
            out.push(Raw::Word(w));
        }
        cur.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next_digit = chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if c.is_alphanumeric() {
            // "38c" splits into "38" "c"; "mda5" stays whole.
            if c.is_alphabetic()
                && prev_digit
                && cur.chars().all(|d| d.is_ascii_digit() || d == '.')
            {
                flush(&mut cur, &mut out);
            }
            cur.push(c);
        } else if c == '\'' && !cur.is_empty() {
            cur.push(c);
        } else if (c == '.' || c == ',') && prev_digit && next_digit && !cur.is_empty() {
            // Decimal point (or decimal comma) inside a number.
            cur.push('.');
        } else {
            flush(&mut cur, &mut out);
            match c {
                '-' | '/' => out.push(Raw::Hyphen),
                '°' | 'º' => out.push(Raw::Word("degrees".to_string())),
                '.' | '!' | '?' | '\n' => out.push(Raw::SentenceBreak),
                ',' | ';' | ':' | '(' | ')' => out.push(Raw::ClauseBreak),
                _ => {}
            }
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Words that take "is" when followed by `'s` ("it's" → "it is"); others are possessives.
const IS_CONTRACTORS: &[&str] = &[
    "it",
    "he",
    "she",
    "that",
    "what",
    "there",
    "who",
    "where",
    "how",
    "here",
    "this",
    "everything",
];

/// Expand one raw word into normalised words.
fn expand(word: &str) -> Vec<String> {
    let one = |s: &str| vec![s.to_string()];
    let two = |a: &str, b: &str| vec![a.to_string(), b.to_string()];
    match word {
        "can't" | "cant" | "cannot" | "can't've" => return one("cannot"),
        "won't" | "wont" => return two("will", "not"),
        "im" | "i'm" => return two("i", "am"),
        "ive" | "i've" => return two("i", "have"),
        "whats" => return two("what", "is"),
        "thats" => return two("that", "is"),
        "hes" => return two("he", "is"),
        "shes" => return two("she", "is"),
        "theyre" => return two("they", "are"),
        "youre" => return two("you", "are"),
        _ => {}
    }
    if let Some(base) = word.strip_suffix("n't") {
        let base = if base == "ca" { "can" } else { base };
        return two(base, "not");
    }
    // Apostrophe-less negations people type on phones.
    for base in [
        "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt", "hadnt",
        "couldnt", "wouldnt", "shouldnt", "aint",
    ] {
        if word == base {
            return two(&base[..base.len() - 2], "not");
        }
    }
    if let Some((base, tail)) = word.split_once('\'') {
        let base = base.to_string();
        let tail_word = match tail {
            "s" if IS_CONTRACTORS.contains(&base.as_str()) => Some("is"),
            "re" => Some("are"),
            "ve" => Some("have"),
            "ll" => Some("will"),
            "d" => Some("would"),
            "m" => Some("am"),
            _ => None,
        };
        let mut out = vec![base];
        if let Some(t) = tail_word {
            out.push(t.to_string());
        }
        return out;
    }
    one(word)
}

/// Antibody and cytokine prefixes people type with a space before the number ("anti jo 1").
const SPACED_CODES: &[&str] = &["jo", "pl", "mi", "mda", "tif", "nxp", "il", "cn"];

fn is_short_letters(w: &str) -> bool {
    (1..=4).contains(&w.len()) && w.chars().all(|c| c.is_ascii_lowercase())
}

fn is_short_number(w: &str) -> bool {
    (1..=2).contains(&w.len()) && w.chars().all(|c| c.is_ascii_digit())
}

/// Normalised words of `text`, with sentence and clause numbers.
pub fn tokenize(text: &str) -> Vec<Token> {
    let raw = lex(&normalize(text));
    let mut out: Vec<Token> = Vec::new();
    let (mut sentence, mut clause) = (0usize, 0usize);
    let mut pending_break = false;
    let mut after_hyphen = false;
    for item in raw {
        match item {
            Raw::SentenceBreak => {
                if !pending_break && !out.is_empty() {
                    sentence += 1;
                    clause += 1;
                }
                pending_break = true;
                after_hyphen = false;
            }
            Raw::ClauseBreak => {
                if !pending_break && !out.is_empty() {
                    clause += 1;
                }
                pending_break = true;
                after_hyphen = false;
            }
            Raw::Hyphen => after_hyphen = true,
            Raw::Word(w) => {
                for word in expand(&w) {
                    // "jo-1", "pl-12", "il-2" (and "jo 1" for known codes): join a short code
                    // to its number.
                    let joinable = after_hyphen
                        || out
                            .last()
                            .is_some_and(|t| SPACED_CODES.contains(&t.word.as_str()));
                    if joinable
                        && is_short_number(&word)
                        && out.last().is_some_and(|t| is_short_letters(&t.word))
                        && let Some(last) = out.last_mut()
                    {
                        last.word.push_str(&word);
                        last.stem = last.word.clone();
                        after_hyphen = false;
                        continue;
                    }
                    // "can not" reads as "cannot".
                    if word == "not"
                        && out
                            .last()
                            .is_some_and(|t| t.word == "can" && t.clause == clause)
                        && let Some(last) = out.last_mut()
                    {
                        last.word = "cannot".to_string();
                        last.stem = "cannot".to_string();
                        continue;
                    }
                    if word == "but" || word == "however" || word == "although" {
                        clause += 1;
                    }
                    let stem = stem(&word);
                    out.push(Token {
                        word,
                        stem,
                        sentence,
                        clause,
                    });
                    after_hyphen = false;
                }
                pending_break = false;
            }
        }
    }
    out
}

/// Stems of `text`, in order (convenience for phrase patterns).
pub fn stems(text: &str) -> Vec<String> {
    tokenize(text).into_iter().map(|t| t.stem).collect()
}

/// Function words and chat filler that carry no topic; ignored by retrieval (not by triage).
pub const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "anyone",
    "anything",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "cannot",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "done",
    "during",
    "each",
    "even",
    "every",
    "for",
    "from",
    "further",
    "get",
    "gets",
    "getting",
    "got",
    "had",
    "has",
    "have",
    "having",
    "he",
    "hello",
    "her",
    "here",
    "hers",
    "herself",
    "hi",
    "him",
    "himself",
    "his",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "know",
    "let",
    "like",
    "me",
    "mean",
    "means",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "ok",
    "okay",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "please",
    "really",
    "actually",
    "same",
    "she",
    "should",
    "so",
    "some",
    "such",
    "than",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "them",
    "then",
    "there",
    "these",
    "they",
    "thing",
    "things",
    "this",
    "those",
    "through",
    "to",
    "too",
    "under",
    "until",
    "up",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
    "yours",
    "yourself",
    "anymore",
    "someone",
    "something",
    "tell",
    "ever",
    "lot",
    "lots",
    "bit",
    "im",
    "ive",
    "dont",
    "cant",
    "wont",
    "u",
    "ur",
    "pls",
    "plz",
    "hey",
    "guys",
    "everyone",
    "question",
    "silly",
    "honestly",
    "maybe",
    "probably",
    "yes",
    "sure",
    "way",
    "ways",
    "want",
    "need",
    "said",
    "say",
    "says",
    "told",
    "whether",
    "still",
    "already",
    "since",
    "though",
];

/// Is `word` a retrieval stopword?
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn contractions_expand() {
        assert_eq!(words("I can't breathe"), ["i", "cannot", "breathe"]);
        assert_eq!(words("cant breath!!"), ["cannot", "breath"]);
        assert_eq!(words("I can not"), ["i", "cannot"]);
        assert_eq!(words("I don't have"), ["i", "do", "not", "have"]);
        assert_eq!(words("dont"), ["do", "not"]);
        assert_eq!(words("I’m fine"), ["i", "am", "fine"]);
        assert_eq!(words("it's bad"), ["it", "is", "bad"]);
    }

    #[test]
    fn possessives_and_codes() {
        assert_eq!(words("Gottron's papules"), ["gottron", "papules"]);
        assert_eq!(words("anti-Jo-1 and PL-12"), ["anti", "jo1", "and", "pl12"]);
        assert_eq!(words("anti-MDA5"), ["anti", "mda5"]);
        assert_eq!(words("low-dose IL-2"), ["low", "dose", "il2"]);
        assert_eq!(words("anti jo 1"), ["anti", "jo1"]);
        assert_eq!(words("temp 39"), ["temp", "39"]);
    }

    #[test]
    fn numbers_and_degrees() {
        assert_eq!(
            words("fever of 38.5°C"),
            ["fever", "of", "38.5", "degrees", "c"]
        );
        assert_eq!(words("101F"), ["101", "f"]);
        assert_eq!(words("38,5 c"), ["38.5", "c"]);
        assert_eq!(words("ck over 5000."), ["ck", "over", "5000"]);
    }

    #[test]
    fn clauses_split_on_commas_and_but() {
        let t = tokenize("no fever, but I can't breathe. Help");
        let clause = |w: &str| t.iter().find(|x| x.word == w).map(|x| x.clause);
        assert_ne!(clause("fever"), clause("cannot"));
        assert_eq!(clause("i"), clause("breathe"));
        assert_eq!(t.last().map(|x| x.sentence), Some(1));
    }
}
