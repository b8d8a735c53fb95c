//! Text widths from the embedded fonts' own advance widths, for wrapping lines and sizing
//! table columns.

use ttf_parser::Face;

use super::{BOLD, REGULAR};

/// The two faces' metrics (for layout).
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

/// The embedded faces, parsed once at start-up and kept in the application state: their
/// metrics for layout and `krilla`'s fonts for drawing (subset per document on export).
pub struct PdfFonts {
    pub(crate) metrics: Metrics<'static>,
    pub(crate) regular: krilla::text::Font,
    pub(crate) bold: krilla::text::Font,
}

impl PdfFonts {
    /// Parses both embedded faces; an error names the face that could not be read.
    pub fn new() -> Result<PdfFonts, String> {
        Ok(PdfFonts {
            metrics: Metrics::new()?,
            regular: krilla::text::Font::new(REGULAR.into(), 0)
                .ok_or("the regular font could not be read")?,
            bold: krilla::text::Font::new(BOLD.into(), 0)
                .ok_or("the bold font could not be read")?,
        })
    }
}

impl std::fmt::Debug for PdfFonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PdfFonts(DejaVu Sans, DejaVu Sans Bold)")
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

    /// `s` broken into lines at most `max` points wide (at spaces, never at a no-break space;
    /// a word longer than a line is cut). An empty string gives one empty line.
    pub(crate) fn wrap(&self, s: &str, size: f32, bold: bool, max: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        let breaks = |c: char| c.is_whitespace() && !matches!(c, '\u{a0}' | '\u{202f}');
        for word in s.split(breaks).filter(|w| !w.is_empty()) {
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
        let narrow = m.width("down 50", 10.0, false);
        assert_eq!(
            m.wrap("down 50\u{a0}%", 10.0, false, narrow),
            ["down", "50\u{a0}%"],
            "a no-break space keeps a number with its unit"
        );
    }
}
