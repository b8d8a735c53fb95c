//! Does a matched sign report something happening now to a living person?
//!
//! The checks, in order, for the clause that holds the match:
//! 1. negation: a cue word just before ("no fever", "I don't have chest pain", "never had"), a
//!    rule negation phrase over it, or a word just after saying it has passed ("the pain has
//!    gone");
//! 2. a condition before it: "if you can't breathe", "in case", "when you have chest pain"
//!    (but "I don't know if I'm having a stroke" is a report, and so is "what if I took two");
//! 3. a person just before it in the present ("I have", "my son can't", "she is") always
//!    reports: none of the checks below can silence it;
//! 4. someone who has died ("my grandmother died of a stroke"), an event long ago with nothing
//!    present in the clause ("I had a fever last year"), a quote from a leaflet, label or
//!    clinician ("the leaflet says chest pain is a warning sign"), a definition ("what does
//!    anaphylaxis mean"), something to watch for ("signs of a stroke"), hearsay about other
//!    people, and worries about a possible future do not report;
//! 5. a general question ("why do people choke with myositis") reports only when it names a
//!    person, frames nothing as a risk or a hypothesis, and does not ask about the writer's own
//!    next step ("can I stop…").
//!
//! Crisis rules are lenient: "should I just end it all" and "I'm scared I might hurt myself"
//! still report.

use super::cues::{
    ASKING, CONJUNCTIONS, DEATH, DEFINING, DONE, EMBEDDING, GENERIC, HYPOTHETICAL, IRREGULAR_PAST,
    LATE_WHO, LIST_NEGATION_WINDOW, MODALS, NEGATION_CUES, NEGATION_WINDOW, NOT_PRESENT,
    PARTICIPLES, PERSON_WORDS, PRESENT, QUESTION_STARTS, REQUEST_VERBS, RESOLVED, RESOLVED_FILLER,
    SAYS, SCOPE_BREAKS, SOURCES, SUBJECTS,
};
use super::{Pattern, find_all, story};
use crate::text::Token;

/// Is the trigger at `span` negated by a cue word just before it, a word just after it saying
/// it has passed, or a rule negation phrase over it?
pub(super) fn negated(span: (usize, usize), tokens: &[Token], negations: &[Pattern]) -> bool {
    let (start, end) = span;
    let clause = tokens[start].clause;
    // A cue within a few words, or further back over a list joined by "or"/"nor" ("no chest
    // pain or breathlessness", "never had a fever nor chills"). A list may run over commas once an "or" has been seen ("no chest pain, fever or
    // breathlessness"), never over a clause that opens with "but" or another break word.
    let mut listed = false;
    for back in 1..=LIST_NEGATION_WINDOW.min(start) {
        let t = &tokens[start - back];
        let next = &tokens[start - back + 1];
        let crossing = t.clause != next.clause;
        if SCOPE_BREAKS.contains(&t.word.as_str())
            || t.sentence != tokens[start].sentence
            || (crossing && (!listed || SCOPE_BREAKS.contains(&next.word.as_str())))
        {
            break;
        }
        listed |= matches!(t.word.as_str(), "or" | "nor");
        let unsure = matches!(
            tokens.get(start - back + 1).map_or("", |n| n.word.as_str()),
            "sure" | "certain"
        );
        if NEGATION_CUES.contains(&t.stem.as_str())
            && !idiom(start - back, tokens)
            && (back <= NEGATION_WINDOW || (listed && !unsure))
        {
            return true;
        }
    }
    let after = tokens[end + 1..]
        .iter()
        .take_while(|t| t.clause == clause)
        .take(4)
        .map(|t| t.word.as_str())
        .collect::<Vec<_>>();
    let resolved = after
        .iter()
        .take_while(|w| RESOLVED_FILLER.contains(w) || RESOLVED.contains(w) || **w == "went")
        .any(|w| RESOLVED.contains(w))
        || after
            .windows(2)
            .take_while(|w| RESOLVED_FILLER.contains(&w[0]) || w[0] == "went")
            .any(|w| w == ["went", "away"]);
    resolved
        || negations.iter().any(|n| {
            find_all(n, tokens)
                .into_iter()
                .any(|(ns, ne)| ns <= end && ne >= start)
        })
}

/// Is there a negation cue word in the few tokens before `start` (same clause, no scope break),
/// looking back no further than `floor`? Concept matching uses it between its matched words, so
/// the "not" of one group's own phrase ("won't have to") does not negate the next group.
pub(super) fn cue_before(start: usize, floor: usize, tokens: &[Token]) -> bool {
    let clause = tokens[start].clause;
    for k in (floor..start).rev().take(NEGATION_WINDOW) {
        let t = &tokens[k];
        if t.clause != clause || SCOPE_BREAKS.contains(&t.word.as_str()) {
            break;
        }
        if NEGATION_CUES.contains(&t.stem.as_str()) && !idiom(k, tokens) {
            return true;
        }
    }
    false
}

/// A cue word that negates nothing in the sign ("without help", "without support").
fn idiom(k: usize, tokens: &[Token]) -> bool {
    tokens[k].word == "without"
        && tokens
            .get(k + 1)
            .is_some_and(|n| matches!(n.word.as_str(), "help" | "support" | "assistance"))
}

/// Token indices of the clause holding token `at`.
fn clause_of(tokens: &[Token], at: usize) -> Vec<usize> {
    let c = tokens[at].clause;
    (0..tokens.len())
        .filter(|&i| tokens[i].clause == c)
        .collect()
}

/// Is there a condition before the sign in its clause ("if you can't breathe", "in case")?
fn conditional_before(start: usize, tokens: &[Token]) -> bool {
    let clause = tokens[start].clause;
    let word = |k: usize| tokens.get(k).map_or("", |t| t.word.as_str());
    let mut k = start;
    while k > 0 {
        k -= 1;
        if tokens[k].clause != clause || SCOPE_BREAKS.contains(&word(k)) {
            return false;
        }
        let w = word(k);
        let opens = match w {
            "if" | "unless" | "incase" | "whether" => true,
            "case" => k > 0 && word(k - 1) == "in",
            "when" | "whenever" => GENERIC.contains(&word(k + 1)),
            _ => false,
        };
        if !opens {
            continue;
        }
        let before = |n: usize| k >= n && EMBEDDING.contains(&word(k - n));
        let embedded = before(1) || before(2) || (w == "case" && k >= 2 && before(2));
        let done = (k + 1..(k + 4).min(start)).any(|j| DONE.contains(&word(j)));
        return !(embedded || done);
    }
    false
}

/// A subject just before the sign, with nothing past, modal or conditional in between ("I
/// have", "my son can't", "she is"), or a phrase that starts with one.
fn present_subject(span: (usize, usize), tokens: &[Token]) -> bool {
    let (start, _) = span;
    let first = tokens[start].word.as_str();
    if SUBJECTS.contains(&first) {
        return true;
    }
    // A sign told in the past tense ("my mother had a seizure", "he killed himself") is not an
    // override; the checks below decide.
    if NOT_PRESENT.contains(&first)
        || IRREGULAR_PAST.contains(&first)
        || (first.len() > 4 && first.ends_with("ed"))
    {
        return false;
    }
    // "I self harmed": a past verb inside the sign is no present override either.
    let (_, end) = span;
    if tokens[start..=end].iter().any(|t| {
        t.word.len() > 4 && t.word.ends_with("ed") && !PARTICIPLES.contains(&t.word.as_str())
    }) {
        return false;
    }
    let clause = tokens[start].clause;
    for back in 1..=4.min(start) {
        let t = &tokens[start - back];
        // "I tried to end my life", "she wanted to": a past verb before the sign is no
        // present override either.
        if t.clause != clause || NOT_PRESENT.contains(&t.word.as_str()) || is_past(&t.word) {
            return false;
        }
        if SUBJECTS.contains(&t.word.as_str()) {
            // "should I take …", "is my son …": a question; the checks below decide.
            let k = start - back;
            // "I wrote her a goodbye note": "her" after a past verb is its object, not a subject.
            let object =
                k > 0 && is_past(&tokens[k - 1].word) && matches!(t.word.as_str(), "her" | "his");
            return !object && (k == 0 || !ASKING.contains(&tokens[k - 1].word.as_str()));
        }
    }
    false
}

/// A past verb: an irregular past form or an "-ed" word that is not a state now.
fn is_past(word: &str) -> bool {
    IRREGULAR_PAST.contains(&word)
        || word.len() > 4 && word.ends_with("ed") && !PARTICIPLES.contains(&word)
}

pub(super) fn has(words: &[&str], list: &[&str]) -> bool {
    words.iter().any(|w| list.contains(w))
}

fn pair(words: &[&str], a: &[&str], b: &[&str]) -> bool {
    words
        .windows(2)
        .any(|w| a.contains(&w[0]) && b.contains(&w[1]))
}

/// "my grandmother died of a stroke", "passed away", "lost my dad to".
pub(super) fn died(clause: &[&str]) -> bool {
    has(clause, DEATH)
        || pair(clause, &["late"], LATE_WHO)
        || pair(clause, &["passed"], &["away", "on"])
        || pair(
            clause,
            &["killed"],
            &["him", "her", "them", "himself", "herself", "themselves"],
        )
        || pair(clause, &["committed"], &["suicide"])
        || clause.windows(4).any(|w| {
            matches!(w[0], "took" | "ended")
                && matches!(w[1], "his" | "her" | "their")
                && (w[2] == "life" || w[2] == "own" && w[3] == "life")
        })
        || pair(clause, &["lost"], &["my", "his", "her", "our"])
}

/// "last year", "years ago", "as a child", "used to", "in 2019", with nothing present
/// ("now", "again", "is") in the clause.
pub(super) fn long_ago(clause: &[&str]) -> bool {
    let past = pair(
        clause,
        &["last"],
        &[
            "year",
            "winter",
            "summer",
            "spring",
            "autumn",
            "fall",
            "christmas",
            "easter",
        ],
    ) || pair(
        clause,
        &["year", "years", "months", "decade", "decades"],
        &["ago", "back"],
    ) || pair(clause, &["as"], &["a", "child", "kid", "teenager", "teen"])
        || pair(clause, &["long"], &["ago"])
        || clause.windows(3).any(|w| w == ["long", "time", "ago"])
        || pair(clause, &["used"], &["to"])
        || pair(clause, &["back"], &["in", "when", "then"])
        || clause.windows(4).any(|w| {
            w[0] == "when"
                && matches!(w[2], "was" | "were")
                && matches!(
                    w[3],
                    "young"
                        | "younger"
                        | "little"
                        | "small"
                        | "a"
                        | "baby"
                        | "child"
                        | "kid"
                        | "teen"
                        | "teenager"
                        | "pregnant"
                        | "at"
                )
        })
        || clause.windows(3).any(|w| {
            w[0] == "when" && w[1] == "i" && w[2] == "was"
                || w[0] == "in"
                    && w[1].len() == 4
                    && (w[1].starts_with("19") || w[1].starts_with("20"))
        });
    past && !has(clause, PRESENT)
}

/// "signs of a stroke", "watch out for chest pain".
fn watch_for(start: usize, tokens: &[Token], clause: &[&str]) -> bool {
    let word = |k: usize| tokens.get(k).map_or("", |t| t.word.as_str());
    let after = |w: &str| {
        start >= 1 && word(start - 1) == w
            || start >= 2 && word(start - 2) == w && matches!(word(start - 1), "a" | "an" | "any")
    };
    after("for")
        && clause
            .iter()
            .any(|w| matches!(*w, "watch" | "look" | "out"))
        || after("of")
            && clause
                .iter()
                .any(|w| matches!(*w, "signs" | "sign" | "symptoms" | "symptom" | "risk"))
}

/// Do the words ask what something means: a defining word, or "stand(s) for" ("what does CK
/// stand for"; "too weak to stand" defines nothing)?
pub(super) fn defines(words: &[&str]) -> bool {
    has(words, DEFINING)
        || words
            .windows(2)
            .any(|w| matches!(w[0], "stand" | "stands") && w[1] == "for")
}

/// Does the clause or sentence talk about a sign without reporting it now (death, long ago,
/// a quote, a definition, something to watch for)?
fn not_a_report(span: (usize, usize), tokens: &[Token]) -> bool {
    let clause: Vec<&str> = clause_of(tokens, span.0)
        .into_iter()
        .map(|i| tokens[i].word.as_str())
        .collect();
    let sentence: Vec<&str> = tokens
        .iter()
        .filter(|t| t.sentence == tokens[span.0].sentence)
        .map(|t| t.word.as_str())
        .collect();
    let quoted = source_says(&sentence) && !own_words_after_quote(span.0, tokens);
    // "A long time ago, back in 2015, I tried to …": the time may sit in another clause of
    // the sentence, so long as nothing in the sign's own clause is present.
    died(&clause)
        || long_ago(&clause)
        || long_ago(&sentence) && !has(&clause, PRESENT)
        || quoted
        || has(&sentence, story::FICTION)
        || story::after_a_death(span.0, tokens, &clause)
        || defines(&clause)
        || watch_for(span.0, tokens, &clause)
}

/// Does a source say something in the sentence: a source word before a saying word ("the
/// leaflet says…", "…, the nurse said")? "it" counts only right before the saying word ("it
/// says"), so "my husband says he has worked out how he would do it" is not a quote.
fn source_says(sentence: &[&str]) -> bool {
    sentence.iter().enumerate().any(|(j, w)| {
        SAYS.contains(w)
            && sentence[..j]
                .iter()
                .enumerate()
                .any(|(i, s)| SOURCES.contains(s) && (*s != "it" || i + 1 == j))
    })
}

/// Words that hand a sentence back from a quoted source to its writer ("the label said daily,
/// so I've been taking it daily"), when a subject follows.
const QUOTE_ENDS: &[&str] = &["so", "and", "but", "then", "because", "cause", "which"];
/// Subjects that start the writer's own words after a quote.
const OWN_SUBJECTS: &[&str] = &["i", "we", "my", "he", "she", "they", "our"];

/// Is the sign at `start` in the writer's own words after a quote in the same sentence: a
/// saying word ("said", "says") before it, then a conjunction and a subject between the two
/// ("the chemist's label said daily so I've been taking the methotrexate once a day")?
fn own_words_after_quote(start: usize, tokens: &[Token]) -> bool {
    let sentence = tokens[start].sentence;
    let Some(says) = (0..start)
        .rev()
        .take_while(|&i| tokens[i].sentence == sentence)
        .find(|&i| SAYS.contains(&tokens[i].word.as_str()))
    else {
        return false;
    };
    (says + 1..start).any(|i| {
        QUOTE_ENDS.contains(&tokens[i].word.as_str())
            && tokens
                .get(i + 1)
                .is_some_and(|t| OWN_SUBJECTS.contains(&t.word.as_str()))
    })
}

/// Does the clause holding `span` report something happening to someone, rather than talk
/// about it? `lenient` (crisis rules) keeps questions about one's own next step and worries
/// as reports.
pub(super) fn reported(span: (usize, usize), tokens: &[Token], lenient: bool) -> bool {
    if conditional_before(span.0, tokens) {
        return false;
    }
    let clause_tokens: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.clause == tokens[span.0].clause)
        .collect();
    if !lenient && how_to_tell(&clause_tokens) {
        return false;
    }
    if present_subject(span, tokens) {
        return true;
    }
    if not_a_report(span, tokens) {
        return false;
    }
    let clause = tokens[span.0].clause;
    // A clause opened by a conjunction is read from the word after it ("…, but why is daily
    // dosing dangerous" is a question).
    let words: Vec<&Token> = tokens
        .iter()
        .filter(|t| t.clause == clause)
        .skip_while(|t| CONJUNCTIONS.contains(&t.word.as_str()))
        .collect();
    if words.is_empty() {
        return true;
    }
    if !lenient && hearsay_or_worry(&words) {
        return false;
    }
    let first = |k: usize| words.get(k).map_or("", |t| t.stem.as_str());
    let question_led = QUESTION_STARTS.contains(&first(0));
    if !question_led {
        return true;
    }
    let hypothetical = words
        .iter()
        .any(|t| HYPOTHETICAL.contains(&t.stem.as_str()));
    if lenient {
        // "what's the point of living like this" is not a request for information; "is suicide
        // more common in people with myositis" is.
        let generic = words.iter().any(|t| {
            matches!(
                t.word.as_str(),
                "people" | "patients" | "someone" | "anyone" | "teenagers" | "teens" | "others"
            )
        });
        return !hypothetical && !generic;
    }
    if !lenient && MODALS.contains(&first(0)) && matches!(first(1), "i" | "we") {
        return false;
    }
    let person = words.iter().enumerate().any(|(i, t)| {
        PERSON_WORDS.contains(&t.stem.as_str())
            && !(t.word == "me" && i > 0 && REQUEST_VERBS.contains(&words[i - 1].stem.as_str()))
    });
    person && !hypothetical
}

/// Does the reading at token `at` report a measurement? A number is the person's own unless
/// it is conditional, long ago, about someone who died, hearsay or a worry: a question with a
/// number in it ("is a sat of 88 bad") is a report.
pub(super) fn reading_reported(at: usize, tokens: &[Token]) -> bool {
    if conditional_before(at, tokens) {
        return false;
    }
    if present_subject((at, at), tokens) {
        return true;
    }
    let clause = tokens[at].clause;
    let words: Vec<&Token> = tokens.iter().filter(|t| t.clause == clause).collect();
    if matches!(
        words.first().map_or("", |t| t.stem.as_str()),
        "if" | "whether" | "incas"
    ) {
        return false;
    }
    let clause_words: Vec<&str> = words.iter().map(|t| t.word.as_str()).collect();
    // "the booklet says a reading under 92 means call 999": a threshold quoted, not a reading.
    // The quote comes before the number ("temp 38.5 and the nurse said my count is low" reads
    // 38.5), and a device that "says" a number is the reading itself ("the app says 91").
    let before: Vec<&str> = tokens[..at]
        .iter()
        .filter(|t| t.sentence == tokens[at].sentence)
        .map(|t| t.word.as_str())
        .collect();
    let printed = before
        .iter()
        .any(|w| SOURCES.contains(w) && !matches!(*w, "it" | "app"));
    let quoted = printed && has(&before, SAYS);
    !(died(&clause_words) || long_ago(&clause_words) || quoted || hearsay_or_worry(&words))
}

/// Second-hand facts about other people ("I read that people with MDA5 can't breathe") and
/// worries about a possible future ("I'm worried I might get a fever"). "I'm afraid I might be
/// having a heart attack" is still a report (modal + "be").
fn hearsay_or_worry(words: &[&Token]) -> bool {
    let has = |list: &[&str]| words.iter().any(|t| list.contains(&t.stem.as_str()));
    let hearsay = has(&[
        "read", "heard", "told", "learn", "learnt", "articl", "onlin", "googl",
    ]) && has(&[
        "peopl", "patient", "someon", "anyon", "person", "other", "somebodi", "can", "may",
        "sometim", "often", "usual", "common",
    ]);
    let modal_not_be = words.windows(2).any(|w| {
        matches!(w[0].stem.as_str(), "might" | "could" | "may" | "will") && w[1].stem != "be"
    });
    let worry = has(&["worri", "afraid", "scare", "concern", "fear", "nervou"]) && modal_not_be;
    hearsay || worry
}

/// "how do I know if I'm choking", "how can I tell whether it's a stroke": a question about
/// recognising a sign, not a report of it.
fn how_to_tell(words: &[&Token]) -> bool {
    let w = |k: usize| words.get(k).map_or("", |t| t.word.as_str());
    w(0) == "how"
        && words.iter().any(|t| {
            matches!(
                t.word.as_str(),
                "know" | "tell" | "recognise" | "recognize" | "spot" | "differentiate"
            )
        })
        && words
            .iter()
            .any(|t| matches!(t.word.as_str(), "if" | "whether" | "between"))
}
