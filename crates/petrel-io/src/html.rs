//! HTML to plain text: drops markup, scripts and styles, decodes entities, turns block
//! elements into paragraphs for the sentence splitter, and keeps the article rather than the
//! page around it.
//!
//! News pages wrap a story in menus, share buttons, related-link lists and footers; coded as
//! text they yield spurious events ("Sign in", "World | Politics | Sport"). The page is read
//! as a list of blocks, and only story blocks are kept: those inside `<article>` or `<main>`
//! when the page has enough text there; never those inside `<nav>`, `<aside>`, `<form>`,
//! `<menu>` or a page-level `<header>`/`<footer>`; not link lists (blocks that are mostly
//! link text); not short fragments without sentence punctuation outside headings and
//! paragraphs. A page where nothing passes keeps all its text, so no article is lost.

/// Extracts the readable article text from an HTML page.
pub fn html_to_text(html: &str) -> String {
    let blocks = blocks(html);
    let article: usize = blocks
        .iter()
        .filter(|b| b.in_article)
        .map(|b| b.chars)
        .sum();
    let in_story = |b: &Block| article < MIN_ARTICLE_CHARS || b.in_article;
    let mut out = String::with_capacity(html.len() / 2);
    for b in blocks.iter().filter(|b| in_story(b) && b.is_story()) {
        push_block(&mut out, &b.text);
    }
    if out.is_empty() {
        for b in &blocks {
            push_block(&mut out, &b.text);
        }
    }
    out
}

/// Text an `<article>`/`<main>` element must hold before the rest of the page is dropped.
const MIN_ARTICLE_CHARS: usize = 200;

/// A run of text between block-level tags.
#[derive(Default)]
struct Block {
    text: String,
    /// Characters of text, and of text inside links.
    chars: usize,
    link_chars: usize,
    in_article: bool,
    /// Inside navigation, a form, an aside or a page-level header or footer.
    boilerplate: bool,
    /// Opened by a heading or paragraph tag (kept even when short).
    prose: bool,
}

impl Block {
    fn is_story(&self) -> bool {
        if self.boilerplate || self.link_chars * 2 > self.chars {
            return false;
        }
        self.prose
            || self.chars >= 40
            || self
                .text
                .trim_end()
                .ends_with(['.', '!', '?', '"', '\u{201D}'])
    }
}

/// Element nesting that decides whether a block is story or page furniture.
#[derive(Default)]
struct Nesting {
    article: u32,
    boilerplate: u32,
    /// `<header>`/`<footer>` outside any article.
    page_band: u32,
    link: u32,
}

fn blocks(html: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut cur = Block::default();
    let mut nest = Nesting::default();
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut skip_until: Option<&'static str> = None;
    // Ends the running block (kept if it holds text); the next one starts empty.
    let finish = |cur: &mut Block, out: &mut Vec<Block>| {
        let mut done = std::mem::take(cur);
        if done.chars > 0 {
            done.text.truncate(done.text.trim_end().len());
            out.push(done);
        }
    };
    while i < bytes.len() {
        if bytes[i] == b'<' {
            let Some(close) = memchr::memchr(b'>', &bytes[i..]) else {
                break;
            };
            let tag = &html[i + 1..i + close];
            i += close + 1;
            if tag.starts_with("!--") {
                // Comments may contain '>': skip to the real end.
                if let Some(end) = html[i - close - 1..].find("-->") {
                    i = i - close - 1 + end + 3;
                }
                continue;
            }
            let name: String = tag
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let closing = tag.starts_with('/');
            if let Some(end) = skip_until {
                if closing && name == end {
                    skip_until = None;
                }
                continue;
            }
            let step = |n: &mut u32| {
                if closing {
                    *n = n.saturating_sub(1)
                } else if !tag.ends_with('/') {
                    *n += 1
                }
            };
            match name.as_str() {
                "script" | "style" | "noscript" | "head" | "template" | "svg" | "select"
                | "button"
                    if !closing =>
                {
                    skip_until = Some(match name.as_str() {
                        "script" => "script",
                        "style" => "style",
                        "noscript" => "noscript",
                        "head" => "head",
                        "template" => "template",
                        "select" => "select",
                        "button" => "button",
                        _ => "svg",
                    });
                }
                "a" => step(&mut nest.link),
                "br" | "td" | "th" => push_break(&mut cur.text, "\n"),
                _ => {
                    let block = matches!(
                        name.as_str(),
                        "p" | "div"
                            | "h1"
                            | "h2"
                            | "h3"
                            | "h4"
                            | "h5"
                            | "h6"
                            | "li"
                            | "ul"
                            | "ol"
                            | "table"
                            | "tr"
                            | "blockquote"
                            | "article"
                            | "main"
                            | "section"
                            | "header"
                            | "footer"
                            | "nav"
                            | "aside"
                            | "form"
                            | "menu"
                            | "title"
                            | "pre"
                            | "figure"
                            | "figcaption"
                            | "dl"
                            | "dt"
                            | "dd"
                    );
                    if !block {
                        continue;
                    }
                    // Close the running block under the old nesting, then update it.
                    finish(&mut cur, &mut out);
                    match name.as_str() {
                        "article" | "main" => step(&mut nest.article),
                        "nav" | "aside" | "form" | "menu" => step(&mut nest.boilerplate),
                        // A page's own header or footer; an article's keeps its headline.
                        "header" | "footer" if closing || nest.article == 0 => {
                            step(&mut nest.page_band)
                        }
                        _ => {}
                    }
                    let prose = !closing
                        && matches!(
                            name.as_str(),
                            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
                        );
                    cur.in_article = nest.article > 0;
                    cur.boilerplate = nest.boilerplate > 0 || nest.page_band > 0;
                    cur.prose = prose;
                }
            }
            continue;
        }
        if skip_until.is_some() {
            i += 1;
            continue;
        }
        let (piece, len) = if bytes[i] == b'&' {
            match entity(&html[i..]) {
                Some((c, len)) => (c, len),
                None => ("&".to_string(), 1),
            }
        } else {
            let ch = html[i..].chars().next().unwrap_or(' ');
            (ch.to_string(), ch.len_utf8())
        };
        i += len;
        for ch in piece.chars() {
            if ch.is_whitespace() && ch != '\u{a0}' {
                if !cur.text.is_empty() && !cur.text.ends_with(char::is_whitespace) {
                    cur.text.push(' ');
                }
            } else {
                cur.text.push(ch);
                cur.chars += 1;
                if nest.link > 0 {
                    cur.link_chars += 1;
                }
            }
        }
    }
    finish(&mut cur, &mut out);
    out
}

/// Appends a block as its own paragraph.
fn push_block(out: &mut String, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push_str("\n\n");
    }
    out.push_str(text);
}

fn push_break(out: &mut String, brk: &str) {
    while out.ends_with(' ') {
        out.pop();
    }
    if !out.is_empty() && !out.ends_with(brk) {
        if out.ends_with('\n') && brk == "\n\n" {
            out.push('\n');
        } else if !out.ends_with("\n\n") {
            out.push_str(brk);
        }
    }
}

/// Decodes the entity at the start of `s`; returns its text and length.
fn entity(s: &str) -> Option<(String, usize)> {
    let end = s[..s.len().min(12)].find(';')?;
    let name = &s[1..end];
    let c = if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse().ok()?
        };
        // As browsers do: NUL, surrogates and code points past Unicode read as U+FFFD.
        char::from_u32(code)
            .filter(|&c| c != '\0')
            .unwrap_or('\u{FFFD}')
            .to_string()
    } else {
        match name {
            "amp" => "&",
            "lt" => "<",
            "gt" => ">",
            "quot" => "\"",
            "apos" => "'",
            "nbsp" => "\u{a0}",
            "mdash" => "\u{2014}",
            "ndash" => "\u{2013}",
            "lsquo" => "\u{2018}",
            "rsquo" => "\u{2019}",
            "ldquo" => "\u{201C}",
            "rdquo" => "\u{201D}",
            "hellip" => "\u{2026}",
            "euro" => "€",
            "pound" => "£",
            "eacute" => "é",
            _ => return None,
        }
        .to_string()
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_markup_and_keeps_paragraphs() {
        let html = "<html><head><title>T</title><script>var x = '<p>';</script></head>\
            <body><h1>Clashes in Osh</h1><p>Guards fired&nbsp;shots.</p><!-- a > b -->\
            <p>Aid of &euro;5 &amp; more&#x21;</p></body></html>";
        assert_eq!(
            html_to_text(html),
            "Clashes in Osh\n\nGuards fired\u{a0}shots.\n\nAid of €5 & more!"
        );
    }

    #[test]
    fn broken_numeric_entities_read_as_replacement_characters() {
        assert_eq!(
            html_to_text("<p>Talks in Riga&#0; ended &#xD800;today.</p>"),
            "Talks in Riga\u{FFFD} ended \u{FFFD}today."
        );
    }

    /// A news page: the story is kept, menus, share buttons, link lists and footers are not.
    #[test]
    fn keeps_the_article_and_drops_page_furniture() {
        let html = r#"<html><body>
            <header><a href="/">The Valley Herald</a><nav><ul><li><a href="/w">World</a></li>
            <li><a href="/p">Politics</a></li></ul></nav></header>
            <div class="promo">Subscribe today</div>
            <article><header><h1>Miners strike over unpaid wages</h1></header>
            <p>Several hundred miners stopped work at the northern pit on Monday, union leaders said.</p>
            <div class="share"><button>Share</button><a href="/s">Tweet</a></div>
            <p>The regional governor promised to meet a delegation of the strikers later this week
            and said the wages would be paid in full.</p>
            <ul class="related"><li><a href="/1">Older story about the pit</a></li>
            <li><a href="/2">Another older story</a></li></ul></article>
            <aside><p>Most read: ten recipes for autumn.</p></aside>
            <footer><p>Copyright the Valley Herald. All rights reserved.</p></footer>
            </body></html>"#;
        let text = html_to_text(html);
        assert_eq!(
            text,
            "Miners strike over unpaid wages\n\n\
             Several hundred miners stopped work at the northern pit on Monday, union leaders said.\n\n\
             The regional governor promised to meet a delegation of the strikers later this week \
             and said the wages would be paid in full."
        );
    }

    /// Without an `<article>`, link lists and stray fragments still go, paragraphs stay.
    #[test]
    fn without_article_drops_link_lists_and_fragments() {
        let html = "<body><div><a href='/a'>Home</a> | <a href='/b'>Regions</a></div>\
            <div>Advertisement</div><p>Flooding cut the only road to the valley.</p>\
            <div>Rescue teams reached two villages by boat on Sunday.</div></body>";
        assert_eq!(
            html_to_text(html),
            "Flooding cut the only road to the valley.\n\nRescue teams reached two villages by boat on Sunday."
        );
    }

    /// A page where nothing looks like a story keeps all its text.
    #[test]
    fn a_page_of_fragments_keeps_its_text() {
        assert_eq!(
            html_to_text("<div>Curfew lifted</div><div>Osh</div>"),
            "Curfew lifted\n\nOsh"
        );
    }

    #[test]
    fn unterminated_tag_does_not_panic() {
        assert_eq!(html_to_text("text <b"), "text");
    }
}
