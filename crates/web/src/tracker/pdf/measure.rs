//! Text widths from the embedded fonts' own advance widths, for wrapping lines and sizing
//! table columns.

use ttf_parser::Face;

use super::{BOLD, REGULAR};

/// The two faces, parsed once per document.
pub(crate) struct Metrics<'a> {
    regular: Face<'a>,
    bold: Face<'a>,
}

impl Metrics<'static> {
    /// Parses the embedded faces.
    pub(crate) fn new() -> Result<Self, String> {
        let parse = |b: &'static [u8]| Face::parse(b, 0).map_err(|e| format!("font: {e}"));
        Ok(Metrics {
            regular: parse(REGULAR)?,
            bold: parse(BOLD)?,
        })
    }
}

impl Metrics<'_> {
    /// Width of `s` in points at `size`.
    pub(crate) fn width(&self, s: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let upem = f32::from(face.units_per_em());
        let units: u32 = s
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(u32::from(face.units_per_em() / 2), u32::from)
            })
            .sum();
        units as f32 * size / upem
    }

    /// `s` broken into lines at most `max` points wide (at spaces; a word longer than a line is
    /// cut). An empty string gives one empty line.
    pub(crate) fn wrap(&self, s: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in s.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size, bold) <= max {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word wider than the line is cut where it no longer fits.
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size, bold) > max && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::replace(&mut line, c.to_string()));
                }
            }
        }
        if !line.is_empty() || lines.is_empty() {
            lines.push(line);
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_to_width() {
        let m = Metrics::new().unwrap_or_else(|e| panic!("{e}"));
        let lines = m.wrap(&"anti-MDA5 ".repeat(30), 10.0, false, 200.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| m.width(l, 10.0, false) <= 200.0));
        assert!(m.width("γ²", 10.0, false) > 0.0);
        assert_eq!(m.wrap("", 10.0, false, 100.0), vec![String::new()]);
    }
}
