//! The knowledge base's Markdown subset rendered to HTML: `#`–`####` headings, paragraphs, `-`/`*`
//! and `1.` lists, and `**bold**`. Everything else is text, and all text is HTML-escaped, so a
//! content file can never inject markup.

/// Escapes text for HTML element content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Inline markup: escape, then turn balanced `**…**` pairs into `<strong>`.
fn inline(text: &str) -> String {
    let parts: Vec<&str> = text.split("**").collect();
    // An odd number of parts means every `**` has a partner.
    if parts.len().is_multiple_of(2) {
        return escape(text);
    }
    let mut out = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 1 {
            out.push_str("<strong>");
            out.push_str(&escape(part));
            out.push_str("</strong>");
        } else {
            out.push_str(&escape(part));
        }
    }
    out
}

#[derive(PartialEq, Clone, Copy)]
enum Block {
    None,
    Paragraph,
    Bullets,
    Numbers,
}

fn close(out: &mut String, block: Block) {
    out.push_str(match block {
        Block::None => "",
        Block::Paragraph => "</p>\n",
        Block::Bullets => "</li></ul>\n",
        Block::Numbers => "</li></ol>\n",
    });
}

/// `1. text` → `Some("text")`.
fn numbered(line: &str) -> Option<&str> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    line[digits..].strip_prefix(". ")
}

/// Renders a body. Headings start at level `min_level` (the page title is the `<h1>`, so pages
/// pass 2), capped at `<h6>`; each heading gets an id slug so sections can be linked.
pub fn render(body: &str, min_level: usize) -> String {
    let mut out = String::new();
    let mut block = Block::None;
    for raw in body.lines() {
        let line = raw.trim();
        if line.is_empty() {
            close(&mut out, block);
            block = Block::None;
            continue;
        }
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (1..=4).contains(&hashes) && line[hashes..].starts_with(' ') {
            close(&mut out, block);
            block = Block::None;
            let text = line[hashes..].trim();
            let level = hashes.max(min_level).min(6);
            out.push_str(&format!(
                "<h{level} id=\"s-{}\">{}</h{level}>\n",
                slug(text),
                inline(text)
            ));
            continue;
        }
        let bullet = line.strip_prefix("- ").or_else(|| line.strip_prefix("* "));
        let (kind, text) = match (bullet, numbered(line)) {
            (Some(t), _) => (Block::Bullets, t),
            (None, Some(t)) => (Block::Numbers, t),
            (None, None) => (Block::Paragraph, line),
        };
        match (block, kind) {
            (Block::Bullets, Block::Bullets) | (Block::Numbers, Block::Numbers) => {
                out.push_str("</li>\n<li>");
            }
            // A plain line inside a list item continues that item (soft wrap).
            (Block::Bullets | Block::Numbers | Block::Paragraph, Block::Paragraph) => {
                out.push(' ');
            }
            (_, _) => {
                close(&mut out, block);
                out.push_str(match kind {
                    Block::Bullets => "<ul>\n<li>",
                    Block::Numbers => "<ol>\n<li>",
                    _ => "<p>",
                });
                block = kind;
            }
        }
        out.push_str(&inline(text));
    }
    close(&mut out, block);
    out
}

/// A lowercase ASCII slug for heading ids: `What to do now` → `what-to-do-now`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything() {
        let html = render("<script>alert('x')</script> & \"q\"", 0);
        assert_eq!(
            html,
            "<p>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;</p>\n"
        );
    }

    #[test]
    fn headings_lists_bold() {
        let md = "## What to do\n\nTake it **once a week**.\nNot daily.\n\n- one\n- two **b**\n\n1. first\n2. second\n";
        let html = render(md, 0);
        assert_eq!(
            html,
            "<h2 id=\"s-what-to-do\">What to do</h2>\n<p>Take it <strong>once a week</strong>. Not daily.</p>\n\
             <ul>\n<li>one</li>\n<li>two <strong>b</strong></li></ul>\n<ol>\n<li>first</li>\n<li>second</li></ol>\n"
        );
    }

    #[test]
    fn unbalanced_bold_is_text_and_heading_shift_caps() {
        assert_eq!(render("a ** b", 0), "<p>a ** b</p>\n");
        assert_eq!(render("#### Deep", 6), "<h6 id=\"s-deep\">Deep</h6>\n");
        assert_eq!(render("# Top", 2), "<h2 id=\"s-top\">Top</h2>\n");
        assert_eq!(render("#NoSpace", 0), "<p>#NoSpace</p>\n");
    }

    #[test]
    fn bold_cannot_smuggle_markup() {
        assert_eq!(render("**<b>**", 0), "<p><strong>&lt;b&gt;</strong></p>\n");
    }
}
