//! Spelling tolerance: bounded edit distance against the index vocabulary.

/// Optimal-string-alignment distance between `a` and `b` (insertions, deletions, substitutions
/// and adjacent transpositions each cost 1), or `None` when it exceeds `max`.
///
/// ```
/// assert_eq!(myo_ask::spell::distance("metotrexate", "methotrexate", 2), Some(1));
/// assert_eq!(myo_ask::spell::distance("raynuads", "raynauds", 2), Some(1));
/// assert_eq!(myo_ask::spell::distance("cat", "horse", 2), None);
/// ```
pub fn distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let width = b.len() + 1;
    let mut prev2 = vec![0usize; width];
    let mut prev: Vec<usize> = (0..width).collect();
    let mut cur = vec![0usize; width];
    for i in 1..=a.len() {
        cur[0] = i;
        let mut row_min = cur[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (prev[j] + 1).min(cur[j - 1] + 1).min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(prev2[j - 2] + 1);
            }
            cur[j] = best;
            row_min = row_min.min(best);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    let d = prev[b.len()];
    (d <= max).then_some(d)
}

/// How many edits a word of this length may carry: none below 4 letters, 1 up to 7, else 2.
pub fn allowed_edits(len: usize) -> usize {
    match len {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_people_make() {
        assert_eq!(distance("dermatomiositis", "dermatomyositis", 2), Some(1));
        assert_eq!(distance("gottrons", "gottron", 1), Some(1));
        assert_eq!(distance("tumeric", "turmeric", 1), Some(1));
        assert_eq!(distance("cholestrol", "cholesterol", 2), Some(1));
        assert_eq!(distance("breath", "breath", 0), Some(0));
        assert_eq!(distance("abc", "xyz", 2), None);
    }

    #[test]
    fn budget_grows_with_length() {
        assert_eq!(allowed_edits(3), 0);
        assert_eq!(allowed_edits(6), 1);
        assert_eq!(allowed_edits(12), 2);
    }
}
