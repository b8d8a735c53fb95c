//! Markdown to plain text, words, sentences and the Flesch–Kincaid grade of `kb/README.md`.

/// Kinds of Markdown block that matter for sentences: headings and list items end a sentence at
/// their line break, paragraphs do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BlockKind {
    Heading(usize),
    ListItem,
    Paragraph,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Block {
    kind: BlockKind,
    text: String,
}

/// Splits Markdown into blocks with inline syntax removed.
fn blocks(markdown: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    // Whether the last block may take a continuation line (no blank line since it started).
    let mut open = false;
    for line in markdown.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with("```") || t.starts_with("~~~") {
            open = false;
            continue;
        }
        let t = t.trim_start_matches('>').trim_start();
        if let Some((level, rest)) = heading(t) {
            out.push(Block {
                kind: BlockKind::Heading(level),
                text: inline(rest),
            });
            open = false;
        } else if let Some(rest) = list_item(t) {
            out.push(Block {
                kind: BlockKind::ListItem,
                text: inline(rest),
            });
            open = true;
        } else if let (true, Some(last)) = (open, out.last_mut()) {
            // Lazy continuation of a wrapped list item or paragraph.
            last.text.push(' ');
            last.text.push_str(&inline(t));
        } else {
            out.push(Block {
                kind: BlockKind::Paragraph,
                text: inline(t),
            });
            open = true;
        }
    }
    out
}

/// `# Title` → (1, "Title"); trailing `#`s are dropped.
fn heading(line: &str) -> Option<(usize, &str)> {
    let level = line.chars().take_while(|&c| c == '#').count();
    let rest = &line[level..];
    let ok = (1..=6).contains(&level) && (rest.is_empty() || rest.starts_with([' ', '\t']));
    ok.then(|| (level, rest.trim().trim_end_matches('#').trim_end()))
}

/// `- item`, `* item`, `+ item`, `1. item`, `1) item` → "item".
fn list_item(line: &str) -> Option<&str> {
    for marker in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(marker) {
            return Some(rest.trim_start());
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    let rest = &line[digits..];
    if (1..=9).contains(&digits) && (rest.starts_with(". ") || rest.starts_with(") ")) {
        return Some(rest[2..].trim_start());
    }
    None
}

/// Removes inline Markdown: links and images keep their text, emphasis and code marks go.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '!' && rest[1..].starts_with('[') {
            rest = &rest[1..];
            continue;
        }
        if let Some((label, after)) = link(rest) {
            out.push_str(&inline(label));
            rest = after;
            continue;
        }
        if c == '*' || c == '`' {
            rest = &rest[1..];
            continue;
        }
        if rest.starts_with("__") {
            rest = &rest[2..];
            continue;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// `[label](url)rest` → (label, rest).
fn link(text: &str) -> Option<(&str, &str)> {
    if !text.starts_with('[') {
        return None;
    }
    let close = text.find("](")?;
    let label = &text[1..close];
    if label.contains('[') {
        return None;
    }
    let end = text[close + 2..].find(')')? + close + 2;
    Some((label, &text[end + 1..]))
}

/// Markdown to plain text: one line per heading, list item or paragraph.
pub fn plain_text(markdown: &str) -> String {
    blocks(markdown)
        .into_iter()
        .map(|b| b.text)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Curly quotes and the modifier apostrophe count as `'`.
fn normalise_char(c: char) -> char {
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02bc}' => '\'',
        other => other,
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\''
}

/// Words of `text`: maximal runs of letters, digits and apostrophes that hold at least one
/// letter or digit (curly apostrophes normalised to `'`).
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in text.chars().map(normalise_char).chain(std::iter::once(' ')) {
        if is_word_char(c) {
            current.push(c);
        } else if !current.is_empty() {
            if current.chars().any(char::is_alphanumeric) {
                out.push(std::mem::take(&mut current));
            } else {
                current.clear();
            }
        }
    }
    out
}

/// Syllables of one word: vowel groups (`aeiouy`), minus a silent final `e` (not `le`) when the
/// count is above 1; at least 1. Words without letters count 1.
pub(crate) fn syllables(word: &str) -> usize {
    let letters: String = word
        .chars()
        .filter(char::is_ascii_alphabetic)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut groups = 0;
    let mut in_vowels = false;
    for c in letters.chars() {
        let vowel = matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        if vowel && !in_vowels {
            groups += 1;
        }
        in_vowels = vowel;
    }
    if groups > 1 && letters.ends_with('e') && !letters.ends_with("le") {
        groups -= 1;
    }
    groups.max(1)
}

/// Word, sentence and syllable counts and the Flesch–Kincaid grade of a text.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Readability {
    /// Number of words.
    pub words: usize,
    /// Number of (non-empty) sentences.
    pub sentences: usize,
    /// Number of syllables.
    pub syllables: usize,
    /// US school grade: 0.39 × words/sentences + 11.8 × syllables/words − 15.59 (0 for no words).
    pub grade: f64,
}

/// A `.` between two digits ("38.0") is a decimal point, not the end of a sentence.
fn decimal_point(chars: &[char], i: usize) -> bool {
    let digit = |j: Option<usize>| {
        j.and_then(|j| chars.get(j))
            .is_some_and(char::is_ascii_digit)
    };
    chars[i] == '.' && digit(i.checked_sub(1)) && digit(Some(i + 1))
}

struct Counter {
    /// How the counted language splits a word into syllables.
    syllables_of: fn(&str) -> usize,
    words: usize,
    sentences: usize,
    syllables: usize,
    words_in_sentence: usize,
}

impl Counter {
    fn feed(&mut self, text: &str) {
        let chars: Vec<char> = text.chars().map(normalise_char).chain([' ']).collect();
        let mut word = String::new();
        for (i, &c) in chars.iter().enumerate() {
            if is_word_char(c) {
                word.push(c);
                continue;
            }
            if word.chars().any(char::is_alphanumeric) {
                self.words += 1;
                self.words_in_sentence += 1;
                self.syllables += (self.syllables_of)(&word);
            }
            word.clear();
            if matches!(c, '.' | '!' | '?') && !decimal_point(&chars, i) {
                self.end_sentence();
            }
        }
    }

    fn end_sentence(&mut self) {
        if self.words_in_sentence > 0 {
            self.sentences += 1;
            self.words_in_sentence = 0;
        }
    }

    fn finish(mut self) -> Readability {
        self.end_sentence();
        let grade = if self.words == 0 {
            0.0
        } else {
            let w = self.words as f64;
            0.39 * (w / self.sentences as f64) + 11.8 * (self.syllables as f64 / w) - 15.59
        };
        Readability {
            words: self.words,
            sentences: self.sentences,
            syllables: self.syllables,
            grade,
        }
    }
}

/// Readability of one Markdown text.
pub fn readability(markdown: &str) -> Readability {
    readability_of(&[markdown])
}

/// Readability of several Markdown parts measured as one text (e.g. summary + body).
pub(crate) fn readability_of(parts: &[&str]) -> Readability {
    counts_of(parts, syllables)
}

/// Word, sentence and syllable counts of several Markdown parts, with syllables counted by
/// `syllables_of` (the `grade` field is the English formula's and means nothing for another
/// language's syllable counts).
pub(crate) fn counts_of(parts: &[&str], syllables_of: fn(&str) -> usize) -> Readability {
    let mut counter = Counter {
        syllables_of,
        words: 0,
        sentences: 0,
        syllables: 0,
        words_in_sentence: 0,
    };
    for block in parts.iter().flat_map(|p| blocks(p)) {
        counter.feed(&block.text);
        // Paragraph line breaks do not end sentences; heading and list-item breaks do.
        if block.kind != BlockKind::Paragraph {
            counter.end_sentence();
        }
        counter.feed(" ");
    }
    counter.finish()
}

/// Number of sentences in a plain or Markdown text (same rules as the grade).
pub(crate) fn sentence_count(text: &str) -> usize {
    readability(text).sentences
}

/// A piece of an entry body under one heading, for search and answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    /// The entry's id.
    pub entry_id: String,
    /// The `#`/`##` heading above the passage; `None` for text before the first heading.
    pub heading: Option<String>,
    /// Plain text of the passage (sub-headings kept as lines).
    pub text: String,
}

/// Splits a body at level-1 and level-2 headings.
pub(crate) fn passages(entry_id: &str, body: &str) -> Vec<Passage> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut chunk = String::new();
    let mut flush = |heading: &Option<String>, chunk: &mut String| {
        let text = plain_text(chunk);
        if !text.trim().is_empty() {
            out.push(Passage {
                entry_id: entry_id.to_owned(),
                heading: heading.clone(),
                text,
            });
        }
        chunk.clear();
    };
    for line in body.lines() {
        match heading(line.trim()) {
            Some((level, title)) if level <= 2 => {
                flush(&current, &mut chunk);
                current = Some(inline(title));
            }
            _ => {
                chunk.push_str(line);
                chunk.push('\n');
            }
        }
    }
    flush(&current, &mut chunk);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn syllables_follow_the_readme_examples() {
        assert_eq!(syllables("rate"), 1);
        assert_eq!(syllables("table"), 2);
        assert_eq!(syllables("rash"), 1);
        assert_eq!(syllables("dermatomyositis"), 6);
        assert_eq!(syllables("the"), 1);
        assert_eq!(syllables("42"), 1);
        assert_eq!(syllables("Gottron's"), 2);
        assert_eq!(syllables("eye"), 1);
    }

    #[test]
    fn words_split_on_hyphens_and_keep_apostrophes() {
        assert_eq!(
            words("Don\u{2019}t self-test 2.5 mg/kg - ' now"),
            ["Don't", "self", "test", "2", "5", "mg", "kg", "now"]
        );
    }

    #[test]
    fn grade_of_a_hand_counted_text() {
        // "The cat sat on the mat." 6 words, 1 sentence, 6 syllables.
        // 0.39*6 + 11.8*1 - 15.59 = -1.45
        let r = readability("The cat sat on the mat.");
        assert_eq!((r.words, r.sentences, r.syllables), (6, 1, 6));
        assert!(close(r.grade, -1.45));
    }

    #[test]
    fn grade_of_a_harder_text() {
        // "Dermatomyositis causes muscle weakness. It is rare!"
        // words: dermatomyositis(6) causes(2: au, e) muscle(2: u, le) weakness(2) it(1) is(1) rare(1)
        // 7 words, 2 sentences, 15 syllables.
        let r = readability("Dermatomyositis causes muscle weakness. It is rare!");
        assert_eq!((r.words, r.sentences, r.syllables), (7, 2, 15));
        let want = 0.39 * 3.5 + 11.8 * 15.0 / 7.0 - 15.59;
        assert!(close(r.grade, want));
    }

    #[test]
    fn headings_and_list_items_end_sentences_paragraph_breaks_do_not() {
        let md = "## What it is\nA rash\non the eyelids.\n\n- red skin\n- sore muscles that\n  last weeks\n";
        let r = readability(md);
        // "What it is" | "A rash on the eyelids." | "red skin" | "sore muscles that last weeks"
        assert_eq!(r.sentences, 4);
        assert_eq!(readability("One. Two... Three?! ").sentences, 3);
        assert!(close(readability("").grade, 0.0));
        assert_eq!(readability("1. First step\n2. Second step").sentences, 2);
        // A decimal point does not end a sentence; its digits still count as two words.
        let r = readability("A fever of 38.0 C or more. Call.");
        assert_eq!((r.sentences, r.words), (2, 9));
    }

    #[test]
    fn plain_text_strips_markdown() {
        let md = "# Title\n\nSee **the** [Mayo page](https://x.org) and `code`.\n- item *one*\n";
        assert_eq!(
            plain_text(md),
            "Title\nSee the Mayo page and code.\nitem one"
        );
    }

    #[test]
    fn passages_split_at_level_two_headings() {
        let body = "Intro text.\n\n## First\nA.\n### Sub\nB.\n## Second\nC.\n";
        let p = passages("x", body);
        assert_eq!(p.len(), 3);
        assert_eq!(p[0].heading, None);
        assert_eq!(p[1].heading.as_deref(), Some("First"));
        assert_eq!(p[1].text, "A.\nSub\nB.");
        assert_eq!(p[2].text, "C.");
    }
}
