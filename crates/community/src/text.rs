//! Small text readers for screening: words, sentences, e-mail addresses, link hosts, phone
//! numbers, house numbers and markup.

/// Lowercased words: split on whitespace and punctuation (keeping `'` and `/` inside a word and
/// `.`/`,` inside a number), with a number glued to a unit split off (`25mg` → `25`, `mg`).
#[must_use]
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for raw in text.split(|c: char| c.is_whitespace()) {
        let t = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != 'µ');
        if t.is_empty() {
            continue;
        }
        let low = t.to_lowercase();
        let mut current = String::new();
        let mut chars = low.chars().peekable();
        while let Some(c) = chars.next() {
            let keep_inside = (c == '\'' || c == '\u{2019}' || c == '/')
                || ((c == '.' || c == ',')
                    && current.chars().last().is_some_and(|p| p.is_ascii_digit())
                    && chars.peek().is_some_and(char::is_ascii_digit));
            if c.is_alphanumeric() || c == 'µ' || (keep_inside && !current.is_empty()) {
                // Split "25mg" into "25" "mg".
                if c.is_alphabetic()
                    && !current.is_empty()
                    && current
                        .chars()
                        .all(|p| p.is_ascii_digit() || p == '.' || p == ',')
                {
                    out.push(std::mem::take(&mut current));
                }
                current.push(if c == '\u{2019}' { '\'' } else { c });
            } else if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
    }
    out
}

/// Sentences: split after `.`, `!`, `?`, `;` or a line break (a `.` between digits is a
/// decimal point).
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut cur = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let decimal = c == '.'
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(char::is_ascii_digit);
        if matches!(c, '.' | '!' | '?' | ';' | '\n' | '¡' | '¿') && !decimal {
            if !cur.trim().is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
        } else {
            cur.push(c);
        }
    }
    if !cur.trim().is_empty() {
        out.push(cur);
    }
    out
}

/// A token without the punctuation around it (brackets, quotes, full stops).
pub(crate) fn trim_punct(token: &str) -> &str {
    token.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
}

/// `name@host.tld`.
pub(crate) fn is_email(token: &str) -> bool {
    let Some((local, domain)) = token.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && domain
            .rsplit_once('.')
            .is_some_and(|(h, tld)| !h.is_empty() && tld.chars().count() >= 2)
}

/// The host a token links to (`www.` removed), if it is a link: it has a scheme, starts with
/// `www.`, or is `label.label…` ending in a known top-level domain.
pub(crate) fn link_host(token: &str, tlds: &[String]) -> Option<String> {
    let low = token.to_lowercase();
    let (rest, explicit) = match low
        .strip_prefix("https://")
        .or_else(|| low.strip_prefix("http://"))
    {
        Some(r) => (r.to_owned(), true),
        None => (low.clone(), low.starts_with("www.")),
    };
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()
        .unwrap_or("")
        .trim_end_matches('.')
        .to_owned();
    let labels: Vec<&str> = host.split('.').collect();
    let shaped = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if !shaped {
        return explicit.then_some(host);
    }
    let tld = labels.last().copied().unwrap_or("");
    let looks = explicit
        || (tlds.iter().any(|t| t == tld) && !labels[0].chars().all(|c| c.is_ascii_digit()));
    looks.then(|| host.strip_prefix("www.").unwrap_or(&host).to_owned())
}

/// The first run of 9 to 15 digits written as a phone number (digits joined by single spaces,
/// `-`, brackets, or a leading `+`).
pub(crate) fn phone(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let starts = c.is_ascii_digit() || c == '+' || c == '(';
        let after_word = i > 0 && chars[i - 1].is_alphanumeric();
        if !starts || after_word {
            i += 1;
            continue;
        }
        let mut j = i;
        let mut digits = 0;
        let mut last_digit_end = i;
        while j < chars.len() {
            let d = chars[j];
            if d.is_ascii_digit() {
                digits += 1;
                last_digit_end = j + 1;
            } else if d == ' ' {
                if chars
                    .get(j + 1)
                    .is_none_or(|n| !(n.is_ascii_digit() || *n == '('))
                {
                    break;
                }
            } else if !(matches!(d, '-' | '(' | ')') || (d == '+' && j == i)) {
                break;
            }
            j += 1;
        }
        let run: String = chars[i..last_digit_end].iter().collect();
        if (9..=15).contains(&digits) && !run.contains(['.', ',']) {
            return Some(run.trim().to_owned());
        }
        i = j.max(i + 1);
    }
    None
}

/// `12`, `221b`: a house number (1 to 5 digits, maybe one letter).
pub(crate) fn house_number(word: &str) -> bool {
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    let rest: Vec<char> = word.chars().skip(digits).collect();
    (1..=5).contains(&digits) && (rest.is_empty() || (rest.len() == 1 && rest[0].is_alphabetic()))
}

/// `25`, `2.5`, `2,5`, `1/2`.
pub(crate) fn number(word: &str) -> bool {
    !word.is_empty()
        && word.chars().next().is_some_and(|c| c.is_ascii_digit())
        && word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '/'))
}

/// Starts with a capital letter.
pub(crate) fn capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// The first markup tag (`<b>`, `</a>`, `<!-- `, `<script`), if any.
pub(crate) fn markup(text: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c == '<'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphabetic() || *n == '/' || *n == '!')
        {
            let tag: String = chars[i..]
                .iter()
                .take_while(|c| !c.is_whitespace())
                .take(30)
                .collect();
            let end = tag.find('>').map_or(tag.len(), |e| e + 1);
            return Some(tag[..end].to_owned());
        }
    }
    None
}
