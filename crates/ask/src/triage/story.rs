//! Sentence-level context for signs told across sentences: a sentence that talks about a sign
//! (the past, a death, a quote, a definition, a story on a screen) rather than reporting one,
//! and a clause about someone just after a sentence telling of their death.

use super::context::{defines, died, has, long_ago};
use super::cues::{PRESENT, SAYS, SOURCES};
use crate::text::Token;

/// Stories on a screen or a page: a sign told in one is not a report ("the film ended with a
/// goodbye letter").
pub(super) const FICTION: &[&str] = &[
    "film",
    "films",
    "movie",
    "movies",
    "novel",
    "episode",
    "series",
    "documentary",
    "soap",
    "character",
    "characters",
    "song",
    "lyrics",
];
/// "My uncle took his own life last year. He had stockpiled his painkillers.": a clause about
/// "he" or "she" (or the writer's past deed toward them), with nothing present in it, just after
/// a sentence telling of a death.
pub(super) fn after_a_death(at: usize, tokens: &[Token], clause: &[&str]) -> bool {
    let here = tokens[at].sentence;
    let before: Vec<&str> = tokens
        .iter()
        .filter(|t| here > 0 && t.sentence == here - 1)
        .map(|t| t.word.as_str())
        .collect();
    let third = has(clause, &["he", "she", "they", "his", "her", "their"]);
    let writer = has(clause, &["i", "me", "my", "we", "our"]);
    // "My cat died last week. I wrote her a goodbye note.": the writer, in the past, about
    // the one who died.
    let past = clause.iter().any(|w| {
        matches!(*w, "wrote" | "said" | "gave" | "sent") || w.len() > 4 && w.ends_with("ed")
    });
    died(&before) && third && (!writer || past) && !has(clause, PRESENT)
}

/// Does the sentence holding token `at` talk about a sign rather than report one now (someone
/// who died, long ago, a quote, a definition)? Read over the whole sentence: a concept told
/// across two sentences ("Years ago I had decided. I had the tablets saved up.") is silenced by
/// a cue anywhere in either.
pub(super) fn sentence_talks_about(at: usize, tokens: &[Token]) -> bool {
    let sentence: Vec<&str> = tokens
        .iter()
        .filter(|t| t.sentence == tokens[at].sentence)
        .map(|t| t.word.as_str())
        .collect();
    died(&sentence)
        || long_ago(&sentence)
        || has(&sentence, FICTION)
        || has(&sentence, SOURCES) && has(&sentence, SAYS)
        || defines(&sentence)
}
