//! Bytes to text: UTF-8 with repair, UTF-16 by byte-order mark, binary detection.

/// Decoded text and the warning to attach to the document, if any.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub warning: Option<String>,
}

/// Decodes article bytes. Invalid UTF-8 is repaired (U+FFFD) with a warning naming the
/// first bad offset; input that looks binary (NUL bytes or mostly control characters) is an
/// error with its offset.
pub fn decode_text(bytes: &[u8]) -> Result<Decoded, (usize, String)> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return decode_utf8(rest, 3);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let text = String::from_utf16_lossy(&units);
        return Ok(Decoded {
            text,
            warning: Some("decoded from UTF-16".to_string()),
        });
    }
    decode_utf8(bytes, 0)
}

fn decode_utf8(bytes: &[u8], base: usize) -> Result<Decoded, (usize, String)> {
    if let Some(pos) = memchr::memchr(0, bytes) {
        return Err((base + pos, "binary input: NUL byte".to_string()));
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let controls = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if !sample.is_empty() && controls * 10 > sample.len() {
        return Err((base, "binary input: mostly control characters".to_string()));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(Decoded {
            text: s.to_string(),
            warning: None,
        }),
        Err(e) => {
            let first = e.valid_up_to();
            let text = String::from_utf8_lossy(bytes).into_owned();
            let replaced = text.matches('\u{FFFD}').count();
            Ok(Decoded {
                text,
                warning: Some(format!(
                    "invalid UTF-8 repaired: first bad byte at offset {}, {replaced} replacement(s)",
                    base + first
                )),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repairs_invalid_utf8_with_offset() {
        let d = decode_text(b"Osh \xff market").unwrap();
        assert_eq!(d.text, "Osh \u{FFFD} market");
        assert!(d.warning.unwrap().contains("offset 4"));
    }

    #[test]
    fn rejects_binary() {
        let e = decode_text(b"PK\x03\x04\x00\x00").unwrap_err();
        assert_eq!(e.0, 4);
        assert!(e.1.contains("binary"));
    }

    #[test]
    fn strips_bom_and_reads_utf16() {
        assert_eq!(decode_text(b"\xEF\xBB\xBFHi").unwrap().text, "Hi");
        let d = decode_text(&[0xFF, 0xFE, b'O', 0, b'k', 0]).unwrap();
        assert_eq!(d.text, "Ok");
    }
}
