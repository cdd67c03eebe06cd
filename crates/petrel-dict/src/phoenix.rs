//! CAMEO code helpers (root, quad class) and the Phoenix/PETRARCH tab-separated event
//! line, for drop-in use where Phoenix data was consumed.

use petrel_doc::{Document, Event};

/// The two-digit root of a CAMEO event code (`0331` → `03`).
pub fn cameo_root(code: &str) -> &str {
    let end = code
        .char_indices()
        .nth(2)
        .map(|(i, _)| i)
        .unwrap_or(code.len());
    &code[..end]
}

/// Phoenix quad class (PentaClass) of a CAMEO code: 0 statements/appeals (01–02),
/// 1 verbal cooperation (03–05), 2 material cooperation (06–08), 3 verbal conflict
/// (09–13), 4 material conflict (14–20). Unknown roots give 0.
pub fn quad_class(code: &str) -> u8 {
    match cameo_root(code).parse::<u8>().unwrap_or(0) {
        3..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => 0,
    }
}

/// GDELT-style quad class (1 verbal cooperation for roots 01–05, 2 material cooperation
/// 06–08, 3 verbal conflict 09–13, 4 material conflict 14–20), as in the output schema.
pub fn gdelt_quad_class(code: &str) -> u8 {
    match quad_class(code) {
        0 => 1,
        q => q,
    }
}

/// The column names of [`phoenix_line`], tab-separated.
pub const PHOENIX_HEADER: &str = "EventID\tDate\tYear\tMonth\tDay\tSourceActorFull\tSourceActorEntity\tSourceActorRole\tSourceActorAttribute\tTargetActorFull\tTargetActorEntity\tTargetActorRole\tTargetActorAttribute\tEventCode\tEventRootCode\tQuadClass\tGoldsteinScore\tIssues\tLat\tLon\tLocationName\tStateName\tCountryCode\tSentenceID\tURLs\tNewsSources";

/// Splits an actor code into Phoenix entity (first three letters), role (next three) and
/// attribute (the rest).
fn split_actor(code: &str) -> (&str, &str, &str) {
    let at = |n: usize| {
        code.char_indices()
            .nth(n)
            .map(|(i, _)| i)
            .unwrap_or(code.len())
    };
    let (a, b) = (at(3), at(6));
    (&code[..a], &code[a..b], &code[b..])
}

fn clean(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// One Phoenix-format line (no trailing newline) for event `k` of `doc`; the columns are
/// [`PHOENIX_HEADER`]. The event's issues are written as `CATEGORY,CODE;…`.
pub fn phoenix_line(doc: &Document, k: usize) -> String {
    let e: &Event = &doc.events[k];
    let date = e
        .date
        .as_deref()
        .or(doc.meta.date.as_deref())
        .unwrap_or("")
        .replace('-', "");
    let (y, m, d) = if date.len() >= 8 {
        (&date[0..4], &date[4..6], &date[6..8])
    } else {
        ("", "", "")
    };
    let src = e.source.as_ref().map(|a| a.code.as_str()).unwrap_or("");
    let tgt = e.target.as_ref().map(|a| a.code.as_str()).unwrap_or("");
    let (se, sr, sa) = split_actor(src);
    let (te, tr, ta) = split_actor(tgt);
    let (lat, lon, loc, cc) = match &e.location {
        Some(l) => (
            format!("{:.4}", l.lat),
            format!("{:.4}", l.lon),
            clean(&l.name),
            l.country.clone().unwrap_or_default(),
        ),
        None => Default::default(),
    };
    let fields: Vec<String> = vec![
        format!("{}-{}", clean(&doc.meta.id), k),
        date.clone(),
        y.into(),
        m.into(),
        d.into(),
        src.into(),
        se.into(),
        sr.into(),
        sa.into(),
        tgt.into(),
        te.into(),
        tr.into(),
        ta.into(),
        e.cameo.clone(),
        e.cameo_root.clone(),
        quad_class(&e.cameo).to_string(),
        format!("{:.1}", e.goldstein),
        clean(&e.issues.join(";")),
        lat,
        lon,
        loc,
        String::new(),
        cc,
        format!("{}-{}", clean(&doc.meta.id), e.sentence),
        doc.meta.url.as_deref().map(clean).unwrap_or_default(),
        doc.meta.source.as_deref().map(clean).unwrap_or_default(),
    ];
    fields.join("\t")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roots_and_quad_classes() {
        assert_eq!(cameo_root("0331"), "03");
        assert_eq!(quad_class("0331"), 1);
        assert_eq!(quad_class("010"), 0);
        assert_eq!(quad_class("061"), 2);
        assert_eq!(quad_class("112"), 3);
        assert_eq!(quad_class("1823"), 4);
        assert_eq!(quad_class("xyz"), 0);
        assert_eq!(gdelt_quad_class("010"), 1);
        assert_eq!(gdelt_quad_class("1823"), 4);
        assert_eq!(split_actor("ITHGOVPRS"), ("ITH", "GOV", "PRS"));
        assert_eq!(split_actor("UN"), ("UN", "", ""));
    }
}
