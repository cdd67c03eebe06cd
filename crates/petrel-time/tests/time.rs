//! Recognition and normalisation on invented news sentences, against a fixed article
//! date (Friday 9 April 2010) unless a test says otherwise.

use petrel_doc::{Component, Document, Meta, Timex};
use petrel_time::{event_date, governing_timex, TimeComponent};
use proptest::prelude::*;

const DCT: &str = "2010-04-09";

fn times_with(text: &str, date: Option<&str>, tokenize: bool) -> Vec<Timex> {
    let meta = Meta {
        date: date.map(str::to_string),
        ..Default::default()
    };
    let mut doc = Document::new(meta, text);
    if tokenize {
        petrel_text::TextComponent::default()
            .process(&mut doc)
            .unwrap();
    }
    TimeComponent.process(&mut doc).unwrap();
    doc.times
}

/// (text, type, value) of every expression, with the pipeline's tokenizer; the built-in
/// tokenizer must agree.
fn tx(text: &str) -> Vec<(String, String, String)> {
    let a = times_with(text, Some(DCT), true);
    let b = times_with(text, Some(DCT), false);
    let f = |v: Vec<Timex>| -> Vec<(String, String, String)> {
        v.into_iter().map(|t| (t.text, t.kind, t.value)).collect()
    };
    let (a, b) = (f(a), f(b));
    assert_eq!(a, b, "tokenizers disagree on {text:?}");
    a
}

fn one(text: &str) -> (String, String, String) {
    let v = tx(text);
    assert_eq!(v.len(), 1, "expected one expression in {text:?}, got {v:?}");
    v.into_iter().next().unwrap()
}

fn t(s: &str, k: &str, v: &str) -> (String, String, String) {
    (s.into(), k.into(), v.into())
}

#[test]
fn deictic_days() {
    assert_eq!(
        one("The minister resigned today."),
        t("today", "DATE", "2010-04-09")
    );
    assert_eq!(
        one("Protesters gathered yesterday outside parliament."),
        t("yesterday", "DATE", "2010-04-08")
    );
    assert_eq!(
        one("The verdict is due tomorrow, lawyers said."),
        t("tomorrow", "DATE", "2010-04-10")
    );
    assert_eq!(
        one("Gunfire was heard last night in the capital."),
        t("last night", "TIME", "2010-04-08TNI")
    );
    assert_eq!(
        one("The governor will speak this morning."),
        t("this morning", "TIME", "2010-04-09TMO")
    );
}

#[test]
fn weekdays_follow_tense() {
    assert_eq!(
        one("The opposition leader was detained on Tuesday."),
        t("Tuesday", "DATE", "2010-04-06")
    );
    assert_eq!(
        one("Negotiators will meet again on Monday."),
        t("Monday", "DATE", "2010-04-12")
    );
    // the article's own weekday is the article date
    assert_eq!(
        one("Troops withdrew on Friday."),
        t("Friday", "DATE", "2010-04-09")
    );
    assert_eq!(
        one("The mayor was sworn in last Wednesday."),
        t("last Wednesday", "DATE", "2010-04-07")
    );
    assert_eq!(
        one("The curfew was lifted Thursday night."),
        t("Thursday night", "DATE", "2010-04-08")
    );
}

#[test]
fn calendar_dates() {
    assert_eq!(
        one("Elections were held on April 7th."),
        t("April 7th", "DATE", "2010-04-07")
    );
    assert_eq!(
        one("The accord was signed on 7 April 2010 in Bishkek."),
        t("7 April 2010", "DATE", "2010-04-07")
    );
    assert_eq!(
        one("Rioting broke out on Sept. 30, 2008, after the vote."),
        t("Sept. 30, 2008", "DATE", "2008-09-30")
    );
    assert_eq!(
        one("The law took effect in March 2009."),
        t("March 2009", "DATE", "2009-03")
    );
    assert_eq!(
        one("The party was founded in 2009."),
        t("2009", "DATE", "2009")
    );
    assert_eq!(
        one("The results, dated 2010-03-28, were disputed."),
        t("2010-03-28", "DATE", "2010-03-28")
    );
    // a month later in the year than the article, told in the past: last year's
    assert_eq!(
        one("The dam burst in November."),
        t("November", "DATE", "2009-11")
    );
    assert_eq!(
        one("The ban dates from the 1990s."),
        t("the 1990s", "DATE", "199")
    );
    assert_eq!(
        one("Shops closed on Christmas Eve."),
        t("Christmas Eve", "DATE", "2009-12-24")
    );
}

#[test]
fn relative_periods() {
    assert_eq!(
        one("Prices rose last month."),
        t("last month", "DATE", "2010-03")
    );
    assert_eq!(
        one("The envoy visited last week."),
        t("last week", "DATE", "2010-W13")
    );
    assert_eq!(
        one("A summit is planned for next year."),
        t("next year", "DATE", "2011")
    );
    assert_eq!(
        one("The riots began a week ago."),
        t("a week ago", "DATE", "2010-04-02")
    );
    assert_eq!(
        one("He fled two years ago."),
        t("two years ago", "DATE", "2008")
    );
    assert_eq!(
        one("Growth slowed in the third quarter."),
        t("the third quarter", "DATE", "2010-Q3")
    );
    assert_eq!(
        one("Exports fell earlier this year."),
        t("earlier this year", "DATE", "2010")
    );
    assert_eq!(
        one("The strike ended in mid-March."),
        t("mid-March", "DATE", "2010-03")
    );
}

#[test]
fn later_and_earlier_count_from_the_last_day_the_text_dated() {
    // From Monday 5 April, not from the article date; "ago" keeps the article date.
    assert_eq!(
        tx("The strike began on Monday. Three days later, the port reopened."),
        [
            t("Monday", "DATE", "2010-04-05"),
            t("Three days later", "DATE", "2010-04-08")
        ]
    );
    assert_eq!(
        tx("Talks failed on March 3. Two days earlier, envoys had met. The vote came a week ago."),
        [
            t("March 3", "DATE", "2010-03-03"),
            t("Two days earlier", "DATE", "2010-03-01"),
            t("a week ago", "DATE", "2010-04-02")
        ]
    );
    // With no day dated before it, the article date.
    assert_eq!(
        one("Two days later, the border reopened."),
        t("Two days later", "DATE", "2010-04-11")
    );
}

#[test]
fn durations_and_sets() {
    assert_eq!(
        one("The siege lasted three days."),
        t("three days", "DURATION", "P3D")
    );
    assert_eq!(
        one("Fighting went on for more than two weeks."),
        t("more than two weeks", "DURATION", "P2W")
    );
    assert_eq!(
        one("Output has doubled over the past 20 years."),
        t("the past 20 years", "DURATION", "P20Y")
    );
    assert_eq!(
        one("It was a 24-hour strike."),
        t("24-hour", "DURATION", "PT24H")
    );
    assert_eq!(
        one("Talks are held every year."),
        t("every year", "SET", "P1Y")
    );
    assert_eq!(one("The paper appears weekly."), t("weekly", "SET", "P1W"));
    // an age is not a duration
    assert!(tx("A 12-year-old boy was hurt.").is_empty());
}

#[test]
fn ranges_give_both_ends() {
    let v = tx("The ceasefire held from Monday to Wednesday.");
    assert_eq!(
        v,
        vec![
            t("Monday", "DATE", "2010-04-05"),
            t("Wednesday", "DATE", "2010-04-07")
        ]
    );
    let v = tx("Between 1991 and 1995 the economy shrank.");
    assert_eq!(
        v,
        vec![t("1991", "DATE", "1991"), t("1995", "DATE", "1995")]
    );
}

#[test]
fn clock_times() {
    assert_eq!(
        one("The blast came at 10:35 a.m. local time."),
        t("10:35 a.m. local time", "TIME", "2010-04-09T10:35")
    );
    assert_eq!(
        one("Polls close at 8 p.m. Sunday."),
        t("8 p.m. Sunday", "TIME", "2010-04-04T20:00")
    );
}

#[test]
fn vague_references() {
    assert_eq!(
        one("Inflation is now falling."),
        t("now", "DATE", "PRESENT_REF")
    );
    assert_eq!(
        one("Relations have recently improved."),
        t("recently", "DATE", "PAST_REF")
    );
}

#[test]
fn not_time_expressions() {
    for s in [
        "May I ask a question?",
        "The fall of the government surprised nobody.",
        "They spent $2009 on fuel.",
        "Turnout was 1998 voters.",
        "Police march through the square.",
        "She spoke on the programme \"This Week\" about the vote.",
    ] {
        assert!(tx(s).is_empty(), "{s:?} gave {:?}", tx(s));
    }
}

#[test]
fn financial_year_ago_names_the_quarter() {
    let v = tx("Third-quarter profit rose to $5 million from $3 million a year ago.");
    assert_eq!(v[0], t("Third-quarter", "DATE", "2010-Q3"));
    // the last full quarter before the article date, a year back
    assert_eq!(v[1], t("a year ago", "DATE", "2009-Q1"));
}

#[test]
fn anaphoric_years() {
    let v = tx("He was jailed in 1996 and freed the following year.");
    assert_eq!(v[1], t("the following year", "DATE", "1997"));
}

#[test]
fn without_article_date_relative_values_stay_open() {
    let f = |s: &str| -> Vec<String> {
        times_with(s, None, true)
            .into_iter()
            .map(|t| t.value)
            .collect()
    };
    assert_eq!(f("He left yesterday."), vec!["XXXX-XX-XX"]);
    assert_eq!(f("He left on Friday."), vec!["XXXX-WXX-5"]);
    assert_eq!(f("He left last year."), vec!["XXXX"]);
    assert_eq!(f("He left on 7 April 2010."), vec!["2010-04-07"]);
    assert_eq!(f("He left in June."), vec!["XXXX-06"]);
    // a malformed article date is treated as absent
    let v: Vec<String> = times_with("He left yesterday.", Some("April 2010"), true)
        .into_iter()
        .map(|t| t.value)
        .collect();
    assert_eq!(v, vec!["XXXX-XX-XX"]);
}

#[test]
fn spans_and_sentences() {
    let text = "Rebels seized the town. On Tuesday the army retook it.";
    let mut doc = Document::new(
        Meta {
            date: Some(DCT.into()),
            ..Default::default()
        },
        text,
    );
    petrel_text::TextComponent::default()
        .process(&mut doc)
        .unwrap();
    TimeComponent.process(&mut doc).unwrap();
    assert_eq!(doc.times.len(), 1);
    let x = &doc.times[0];
    assert_eq!(&text[x.start as usize..x.end as usize], "Tuesday");
    assert_eq!(x.sentence, 1);
}

fn pipeline_doc(text: &str, date: Option<&str>) -> Document {
    let mut doc = Document::new(
        Meta {
            date: date.map(str::to_string),
            ..Default::default()
        },
        text,
    );
    petrel_text::TextComponent::default()
        .process(&mut doc)
        .unwrap();
    TimeComponent.process(&mut doc).unwrap();
    doc
}

fn token_of(doc: &Document, form: &str) -> usize {
    (0..doc.tokens.len())
        .find(|&i| doc.form(i) == form)
        .unwrap()
}

#[test]
fn governing_expression_and_event_date() {
    let doc = pipeline_doc(
        "Police arrested 40 people on Tuesday, officials said yesterday.",
        Some(DCT),
    );
    let arrested = token_of(&doc, "arrested");
    let said = token_of(&doc, "said");
    let g = governing_timex(&doc, arrested).unwrap();
    assert_eq!(doc.times[g].text, "Tuesday");
    assert_eq!(event_date(&doc, arrested).as_deref(), Some("2010-04-06"));
    assert_eq!(event_date(&doc, said).as_deref(), Some("2010-04-08"));

    // no expression in the sentence: the article date
    let doc = pipeline_doc("Thousands marched in the capital.", Some(DCT));
    let marched = token_of(&doc, "marched");
    assert_eq!(governing_timex(&doc, marched), None);
    assert_eq!(event_date(&doc, marched).as_deref(), Some(DCT));
    // a duration does not date an event
    let doc = pipeline_doc("The strike lasted three days.", None);
    assert_eq!(event_date(&doc, token_of(&doc, "lasted")), None);
    // out-of-range token
    assert_eq!(governing_timex(&doc, 10_000), None);
}

/// Sets a hand-made parse on `doc`: `(dependent, head, UPOS, relation)` by form; other
/// tokens hang from the first head, tagged `X`.
fn with_parse(doc: &mut Document, arcs: &[(&str, &str, &str, &str)]) {
    let n = doc.tokens.len();
    let (x, dep) = (doc.strings.intern("X"), doc.strings.intern("dep"));
    doc.tokens.upos = vec![x; n];
    doc.tokens.xpos = vec![x; n];
    doc.tokens.lemma = vec![x; n];
    doc.tokens.deprel = vec![dep; n];
    let root = token_of(doc, arcs[0].1) as u32;
    doc.tokens.head = vec![root; n];
    doc.tokens.head[root as usize] = petrel_doc::NO_HEAD;
    for &(d, h, upos, rel) in arcs {
        let (d, h) = (token_of(doc, d), token_of(doc, h));
        doc.tokens.head[d] = h as u32;
        doc.tokens.upos[d] = doc.strings.intern(upos);
        doc.tokens.deprel[d] = doc.strings.intern(rel);
    }
}

#[test]
fn an_expression_inside_a_reported_clause_dates_that_clause_only() {
    // "He added that talks could resume next month ." — the adding happens today.
    let mut doc = pipeline_doc("He added that talks could resume next month .", Some(DCT));
    with_parse(
        &mut doc,
        &[
            ("He", "added", "PRON", "nsubj"),
            ("resume", "added", "VERB", "ccomp"),
            ("added", "added", "VERB", "root"),
            ("month", "resume", "NOUN", "obl:tmod"),
            ("next", "month", "ADJ", "amod"),
        ],
    );
    let (added, resume) = (token_of(&doc, "added"), token_of(&doc, "resume"));
    doc.tokens.head[added] = petrel_doc::NO_HEAD;
    assert_eq!(event_date(&doc, added).as_deref(), Some(DCT));
    assert_eq!(event_date(&doc, resume).as_deref(), Some("2010-05"));

    // The saying's date dates what it reports when nothing closer does.
    let mut doc = pipeline_doc("On Tuesday he said troops would withdraw .", Some(DCT));
    with_parse(
        &mut doc,
        &[
            ("said", "said", "VERB", "root"),
            ("Tuesday", "said", "PROPN", "obl"),
            ("withdraw", "said", "VERB", "ccomp"),
        ],
    );
    let said = token_of(&doc, "said");
    doc.tokens.head[said] = petrel_doc::NO_HEAD;
    let withdraw = token_of(&doc, "withdraw");
    assert_eq!(event_date(&doc, withdraw).as_deref(), Some("2010-04-06"));
}

proptest! {
    #[test]
    fn never_panics_and_spans_are_valid(s in "\\PC{0,80}", date in prop::option::of("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
        for tokenize in [false, true] {
            let v = times_with(&s, date.as_deref(), tokenize);
            for x in v {
                prop_assert!(x.start < x.end);
                prop_assert!(s.is_char_boundary(x.start as usize) && s.is_char_boundary(x.end as usize));
                prop_assert_eq!(&s[x.start as usize..x.end as usize], x.text.as_str());
            }
        }
    }

    #[test]
    fn numbers_and_dates_in_odd_places(s in "(the |last |next |[0-9]{1,5} |[A-Z][a-z]{2,8}\\.? |,|-|'s |ago |days? |years? |quarter |1/2 ){0,12}", date in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        let _ = times_with(&s, Some(&date), true);
        let _ = times_with(&s, Some(&date), false);
    }
}

#[test]
fn the_next_and_previous_day_count_from_the_last_day_dated() {
    assert_eq!(
        tx("Police detained 12 traders on Tuesday; the next day a judge freed them."),
        [
            t("Tuesday", "DATE", "2010-04-06"),
            t("the next day", "DATE", "2010-04-07")
        ]
    );
    assert_eq!(
        tx("The ferry sank on March 3. The previous day, storms had closed the port."),
        [
            t("March 3", "DATE", "2010-03-03"),
            t("The previous day", "DATE", "2010-03-02")
        ]
    );
}

#[test]
fn a_range_of_months_takes_the_year_written_at_its_end() {
    assert_eq!(
        tx("Between March and May 2009, at least 40 miners died."),
        [
            t("March", "DATE", "2009-03"),
            t("May 2009", "DATE", "2009-05")
        ]
    );
}

#[test]
fn a_month_right_after_a_past_verb_is_not_the_coming_one() {
    // Written in late November: a bare March is the coming one unless the verb is past.
    let v = |text: &str| -> Vec<String> {
        times_with(text, Some("2026-11-20"), true)
            .into_iter()
            .map(|t| t.value)
            .collect()
    };
    assert_eq!(v("The strike began in March."), ["2026-03"]);
    assert_eq!(v("The strike will begin in March."), ["2027-03"]);
}
