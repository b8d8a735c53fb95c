//! "Did you mean" suggestions for unknown ids.

/// Levenshtein distance between two strings, counted in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = diagonal + usize::from(ca != *cb);
            diagonal = row[j + 1];
            row[j + 1] = substitute.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

/// Up to `limit` candidates close to `query`: within an edit distance of a third of its length
/// (at least 2), or containing it; nearest first, ties alphabetical.
pub(crate) fn nearest<'a>(
    query: &str,
    candidates: impl Iterator<Item = &'a str>,
    limit: usize,
) -> Vec<&'a str> {
    let query = query.to_lowercase();
    let allowed = (query.chars().count() / 3).max(2);
    let mut scored: Vec<(usize, &str)> = candidates
        .filter_map(|c| {
            let d = edit_distance(&query, c);
            let contains = query.len() >= 3 && c.contains(query.as_str());
            (d <= allowed || contains).then_some((d, c))
        })
        .collect();
    scored.sort();
    scored.dedup();
    scored.into_iter().take(limit).map(|(_, c)| c).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(edit_distance("methotrexat", "methotrexate"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn nearest_prefers_close_ids() {
        let ids = ["methotrexate", "mycophenolate", "tacrolimus", "prednisone"];
        assert_eq!(nearest("methotrexat", ids.into_iter(), 3), ["methotrexate"]);
        assert_eq!(nearest("predni", ids.into_iter(), 3), ["prednisone"]);
        assert!(nearest("zzzzzz", ids.into_iter(), 3).is_empty());
    }
}
