//! HTML to plain text: drops markup, scripts and styles, decodes entities, and turns block
//! elements into line breaks so that paragraphs stay paragraphs for the sentence splitter.

/// Extracts readable text from an HTML page.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let bytes = html.as_bytes();
    let mut i = 0;
    let mut skip_until: Option<&'static str> = None;
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
            match name.as_str() {
                "script" | "style" | "noscript" | "head" | "template" | "svg" if !closing => {
                    skip_until = Some(match name.as_str() {
                        "script" => "script",
                        "style" => "style",
                        "noscript" => "noscript",
                        "head" => "head",
                        "template" => "template",
                        _ => "svg",
                    });
                }
                "p" | "div" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" | "ul" | "ol"
                | "table" | "tr" | "blockquote" | "article" | "section" | "header" | "footer"
                | "title" | "pre" | "figcaption" => push_break(&mut out, "\n\n"),
                "br" | "td" | "th" => push_break(&mut out, "\n"),
                _ => {}
            }
            continue;
        }
        if skip_until.is_some() {
            i += 1;
            continue;
        }
        if bytes[i] == b'&' {
            if let Some((c, len)) = entity(&html[i..]) {
                out.push_str(&c);
                i += len;
                continue;
            }
        }
        let ch = html[i..].chars().next().unwrap_or(' ');
        if ch.is_whitespace() {
            if !out.ends_with(char::is_whitespace) && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(ch);
        }
        i += ch.len_utf8();
    }
    out.trim().to_string()
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
        char::from_u32(code)?.to_string()
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
    fn unterminated_tag_does_not_panic() {
        assert_eq!(html_to_text("text <b"), "text");
    }
}
