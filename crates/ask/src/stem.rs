//! A light English stemmer: the classic Porter (1980) suffix-stripping algorithm.
//!
//! Words that are not plain ASCII letters (numbers, "mda5", accented words) and words of two
//! letters or fewer are returned unchanged, so codes and antibody names survive intact.

/// Reduce an English word (already lowercased) to its Porter stem.
///
/// ```
/// assert_eq!(myo_ask::stem::stem("breathing"), "breath");
/// assert_eq!(myo_ask::stem::stem("papules"), "papul");
/// ```
pub fn stem(word: &str) -> String {
    if word.len() <= 2 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w: Vec<u8> = word.as_bytes().to_vec();
    step1a(&mut w);
    step1b(&mut w);
    step1c(&mut w);
    step2(&mut w);
    step3(&mut w);
    step4(&mut w);
    step5(&mut w);
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

/// Is the letter at `i` a consonant in Porter's sense ('y' after a consonant is a vowel)?
fn is_consonant(w: &[u8], i: usize) -> bool {
    match w[i] {
        b'a' | b'e' | b'i' | b'o' | b'u' => false,
        b'y' => i == 0 || !is_consonant(w, i - 1),
        _ => true,
    }
}

/// Porter's measure m of `w[..len]`: the number of vowel-consonant sequences.
fn measure(w: &[u8], len: usize) -> usize {
    let mut m = 0;
    let mut i = 0;
    while i < len && is_consonant(w, i) {
        i += 1;
    }
    while i < len {
        while i < len && !is_consonant(w, i) {
            i += 1;
        }
        if i >= len {
            break;
        }
        m += 1;
        while i < len && is_consonant(w, i) {
            i += 1;
        }
    }
    m
}

fn has_vowel(w: &[u8], len: usize) -> bool {
    (0..len).any(|i| !is_consonant(w, i))
}

fn ends_double_consonant(w: &[u8]) -> bool {
    let n = w.len();
    n >= 2 && w[n - 1] == w[n - 2] && is_consonant(w, n - 1)
}

/// consonant-vowel-consonant ending, where the last consonant is not w, x or y.
fn ends_cvc(w: &[u8], len: usize) -> bool {
    len >= 3
        && is_consonant(w, len - 3)
        && !is_consonant(w, len - 2)
        && is_consonant(w, len - 1)
        && !matches!(w[len - 1], b'w' | b'x' | b'y')
}

fn ends_with(w: &[u8], suffix: &str) -> bool {
    w.ends_with(suffix.as_bytes())
}

/// Replace `suffix` by `repl` when the remaining stem has measure > `min_m`.
fn replace_if(w: &mut Vec<u8>, suffix: &str, repl: &str, min_m: usize) -> bool {
    if !ends_with(w, suffix) {
        return false;
    }
    let stem_len = w.len() - suffix.len();
    if measure(w, stem_len) > min_m {
        w.truncate(stem_len);
        w.extend_from_slice(repl.as_bytes());
    }
    true
}

fn step1a(w: &mut Vec<u8>) {
    if ends_with(w, "sses") || ends_with(w, "ies") {
        w.truncate(w.len() - 2);
    } else if ends_with(w, "ss") {
    } else if ends_with(w, "s") {
        w.pop();
    }
}

fn step1b(w: &mut Vec<u8>) {
    if ends_with(w, "eed") {
        if measure(w, w.len() - 3) > 0 {
            w.pop();
        }
        return;
    }
    let cut = if ends_with(w, "ed") && has_vowel(w, w.len() - 2) {
        2
    } else if ends_with(w, "ing") && has_vowel(w, w.len() - 3) {
        3
    } else {
        return;
    };
    w.truncate(w.len() - cut);
    if ends_with(w, "at") || ends_with(w, "bl") || ends_with(w, "iz") {
        w.push(b'e');
    } else if ends_double_consonant(w) && !matches!(w[w.len() - 1], b'l' | b's' | b'z') {
        w.pop();
    } else if measure(w, w.len()) == 1 && ends_cvc(w, w.len()) {
        w.push(b'e');
    }
}

fn step1c(w: &mut [u8]) {
    let n = w.len();
    if n > 1 && w[n - 1] == b'y' && has_vowel(w, n - 1) {
        w[n - 1] = b'i';
    }
}

const STEP2: &[(&str, &str)] = &[
    ("ational", "ate"),
    ("tional", "tion"),
    ("enci", "ence"),
    ("anci", "ance"),
    ("izer", "ize"),
    ("bli", "ble"),
    ("alli", "al"),
    ("entli", "ent"),
    ("eli", "e"),
    ("ousli", "ous"),
    ("ization", "ize"),
    ("ation", "ate"),
    ("ator", "ate"),
    ("alism", "al"),
    ("iveness", "ive"),
    ("fulness", "ful"),
    ("ousness", "ous"),
    ("aliti", "al"),
    ("iviti", "ive"),
    ("biliti", "ble"),
    ("logi", "log"),
];

fn step2(w: &mut Vec<u8>) {
    for (suffix, repl) in STEP2 {
        if replace_if(w, suffix, repl, 0) {
            return;
        }
    }
}

const STEP3: &[(&str, &str)] = &[
    ("icate", "ic"),
    ("ative", ""),
    ("alize", "al"),
    ("iciti", "ic"),
    ("ical", "ic"),
    ("ful", ""),
    ("ness", ""),
];

fn step3(w: &mut Vec<u8>) {
    for (suffix, repl) in STEP3 {
        if replace_if(w, suffix, repl, 0) {
            return;
        }
    }
}

const STEP4: &[&str] = &[
    "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou",
    "ism", "ate", "iti", "ous", "ive", "ize",
];

fn step4(w: &mut Vec<u8>) {
    // Longest matching suffix first, as the algorithm requires ("ement" before "ment").
    let Some(suffix) = STEP4
        .iter()
        .filter(|s| ends_with(w, s))
        .max_by_key(|s| s.len())
    else {
        return;
    };
    let stem_len = w.len() - suffix.len();
    if measure(w, stem_len) <= 1 {
        return;
    }
    if *suffix == "ion" && !(stem_len > 0 && matches!(w[stem_len - 1], b's' | b't')) {
        return;
    }
    w.truncate(stem_len);
}

fn step5(w: &mut Vec<u8>) {
    if ends_with(w, "e") {
        let len = w.len() - 1;
        let m = measure(w, len);
        if m > 1 || (m == 1 && !ends_cvc(w, len)) {
            w.pop();
        }
    }
    if ends_with(w, "ll") && measure(w, w.len()) > 1 {
        w.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::stem;

    #[test]
    fn classic_porter_examples() {
        for (word, expected) in [
            ("caresses", "caress"),
            ("ponies", "poni"),
            ("cats", "cat"),
            ("agreed", "agre"),
            ("plastered", "plaster"),
            ("motoring", "motor"),
            ("hopping", "hop"),
            ("filing", "file"),
            ("happy", "happi"),
            ("relational", "relat"),
            ("generalization", "gener"),
            ("electrical", "electr"),
            ("adjustment", "adjust"),
            ("controll", "control"),
            ("rate", "rate"),
        ] {
            assert_eq!(stem(word), expected, "{word}");
        }
    }

    #[test]
    fn related_forms_meet() {
        assert_eq!(stem("breathing"), stem("breathe"));
        assert_eq!(stem("breathe"), "breath");
        assert_eq!(stem("swallowing"), stem("swallow"));
        assert_eq!(stem("infections"), stem("infection"));
        assert_eq!(stem("weakness"), stem("weak"));
        assert_eq!(stem("choking"), stem("choke"));
    }

    #[test]
    fn codes_and_short_words_unchanged() {
        assert_eq!(stem("mda5"), "mda5");
        assert_eq!(stem("dm"), "dm");
        assert_eq!(stem("38.5"), "38.5");
    }
}
