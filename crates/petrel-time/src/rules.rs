//! The recogniser: hand-written rules over word keys (HeidelTime-style, but compiled into
//! code paths that look words up in the lexicon tables; no regular expressions). At each
//! word the longest matching rule wins; modifiers ("early", "more than", "the end of") are
//! kept in the extent as TimeML does.

use crate::calendar::{self as cal, Gran, Unit};
use crate::lexicon::{Holiday, Lexicon, ModScope};
use crate::words::Words;
use chrono::{Datelike, NaiveDate};

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Date,
    Time,
    Duration,
    Set,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Date => "DATE",
            Kind::Time => "TIME",
            Kind::Duration => "DURATION",
            Kind::Set => "SET",
        }
    }
}

/// A recognised expression over words `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub value: String,
}

/// A rule's result: end word (exclusive), type, value.
type M = (usize, Kind, String);

/// A day reference: its end and the resolved day (or `None` without an article date).
type DayRef = (usize, Option<NaiveDate>, DayFallback);

/// What to write when a day cannot be resolved.
#[derive(Debug, Clone, Copy)]
enum DayFallback {
    Unknown,
    Weekday(u32),
    MonthDay(u32, u32),
}

impl DayFallback {
    fn value(self) -> String {
        match self {
            DayFallback::Unknown => "XXXX-XX-XX".into(),
            DayFallback::Weekday(d) => format!("XXXX-WXX-{d}"),
            DayFallback::MonthDay(m, d) => format!("XXXX-{m:02}-{d:02}"),
        }
    }
}

fn day_value(d: Option<NaiveDate>, fb: DayFallback) -> String {
    match d {
        Some(d) => cal::format(d, Gran::Day),
        None => fb.value(),
    }
}

pub struct Rules<'a> {
    pub w: &'a Words,
    pub lex: &'a Lexicon,
    pub dct: Option<NaiveDate>,
    /// The article reports quarterly results: "a year ago" then means the same quarter
    /// a year before.
    pub financial: bool,
    /// The last year (and month) written out in the text so far: the anchor of "that
    /// year", "the following month".
    pub anchor: std::cell::Cell<Option<(i32, Option<u32>)>>,
    /// The last day the text has dated so far ("on Tuesday", "May 14"): "two days later"
    /// counts from it, not from the article date ("ago" still does).
    pub last_day: std::cell::Cell<Option<NaiveDate>>,
}

const TIMEZONES: &[&str] = &[
    "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "gmt", "utc", "bst", "cet", "cest",
];
const FUTURE_CUES: &[&str] = &[
    "will",
    "'ll",
    "shall",
    "wo",
    "might",
    "scheduled",
    "upcoming",
    "planned",
    "plans",
    "plan",
    "planning",
    "expected",
];
/// Future cues that count only right before the expression ("as early as Tuesday",
/// "until Tuesday", "would leave Thursday").
const NEAR_FUTURE_CUES: &[&str] = &["until", "resume"];
/// Past-tense words that, right before a weekday, settle it ("said Friday").
const PAST_CUES: &[&str] = &[
    "said", "told", "met", "held", "began", "took", "left", "came", "was", "were", "had",
];

impl Rules<'_> {
    fn k(&self, i: usize) -> &str {
        self.w.key(i)
    }

    /// Finds every expression, left to right, longest match first.
    pub fn run(&self) -> Vec<Found> {
        let mut out = Vec::new();
        let n = self.w.len();
        let mut i = 0;
        while i < n {
            match self.at(i) {
                Some(f) if f.end > i => {
                    i = f.end;
                    if f.kind == Kind::Date {
                        if let Some(a) = explicit_anchor(&f.value) {
                            self.anchor.set(Some(a));
                        }
                        if let Ok(d) = NaiveDate::parse_from_str(&f.value, "%Y-%m-%d") {
                            self.last_day.set(Some(d));
                        }
                    }
                    out.push(f);
                }
                _ => i += 1,
            }
        }
        out
    }

    /// The expression starting at word `i`, with any modifiers in front.
    fn at(&self, i: usize) -> Option<Found> {
        // Modifiers: up to two ("at least the past …", "early next …").
        let mut j = i;
        let mut scope_dur_only = false;
        let mut mods = 0;
        while mods < 2 {
            let Some((e, scope)) = self.lex.modifiers.longest(self.w, j) else {
                break;
            };
            if *scope == ModScope::Duration {
                scope_dur_only = true;
            }
            if *scope == ModScope::This && self.k(e) != "this" {
                break;
            }
            j = e;
            // "mid-1990s": the hyphen belongs to the modifier.
            if self.k(j) == "-" && self.w.touches_next(j) {
                j += 1;
            }
            mods += 1;
        }
        if j > i {
            if let Some((end, kind, value)) = self.core(j) {
                let ok = !scope_dur_only || kind == Kind::Duration || self.ends_with_ago(end);
                if ok {
                    return Some(Found {
                        start: i,
                        end,
                        kind,
                        value,
                    });
                }
            }
        }
        let (end, kind, value) = self.core(i)?;
        Some(Found {
            start: i,
            end,
            kind,
            value,
        })
    }

    fn ends_with_ago(&self, end: usize) -> bool {
        end > 0 && matches!(self.k(end - 1), "ago" | "earlier" | "later")
    }

    /// The longest rule match at word `i` (no modifiers).
    fn core(&self, i: usize) -> Option<M> {
        let cands = [
            self.time_of_day(i),
            self.day_expr(i),
            self.month_expr(i),
            self.year_expr(i),
            self.relative(i),
            self.ago(i),
            self.duration(i),
            self.quarter(i),
            self.set(i),
            self.fuzzy(i),
        ];
        let mut best: Option<M> = None;
        for c in cands.into_iter().flatten() {
            if c.0 > i && best.as_ref().is_none_or(|b| c.0 > b.0) {
                best = Some(c);
            }
        }
        best
    }

    // ----- primitives -----------------------------------------------------------------

    /// The key of word `i` without a glued "mid-" ("mid-November" is one token).
    fn base(&self, i: usize) -> &str {
        let k = self.k(i);
        k.strip_prefix("mid-").unwrap_or(k)
    }

    /// A number at `i`: digits, number words ("twenty - four"), "a"/"an" when
    /// `article`; vague quantities ("several", "a few") give `None` as value.
    fn number(&self, i: usize, article: bool) -> Option<(usize, Option<f64>)> {
        let k = self.k(i);
        if k.bytes().next().is_some_and(|b| b.is_ascii_digit()) {
            if !k
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            {
                return None;
            }
            let v: f64 = k.replace(',', "").parse().ok()?;
            if self.k(i + 1) == "1/2" {
                return Some((i + 2, Some(v + 0.5)));
            }
            return Some((i + 1, Some(v)));
        }
        match k {
            "a" | "an" if article => {
                if self.k(i + 1) == "few" || self.k(i + 1) == "couple" {
                    let e = if self.k(i + 2) == "of" { i + 3 } else { i + 2 };
                    return Some((e, None));
                }
                return Some((i + 1, Some(1.0)));
            }
            "several" | "few" | "many" | "some" | "numerous" => return Some((i + 1, None)),
            _ => {}
        }
        let &v = self.lex.numerals.get(k)?;
        let mut v = v as f64;
        let mut e = i + 1;
        if (20.0..100.0).contains(&v) {
            // twenty-four / twenty four
            let (skip, nk) = if self.k(e) == "-" {
                (2, self.k(e + 1))
            } else {
                (1, self.k(e))
            };
            if let Some(&u) = self.lex.numerals.get(nk) {
                if u < 10 {
                    v += u as f64;
                    e += skip;
                }
            }
        }
        if matches!(self.k(e), "hundred" | "thousand") && v < 100.0 {
            v *= if self.k(e) == "hundred" {
                100.0
            } else {
                1000.0
            };
            e += 1;
        }
        Some((e, Some(v)))
    }

    fn unit(&self, i: usize) -> Option<(Unit, bool)> {
        let (code, plural) = self.lex.units.get(self.k(i))?;
        Some((Unit::from_code(code)?, *plural))
    }

    fn ordinal(&self, i: usize) -> Option<u32> {
        let k = self.k(i);
        if let Some(&v) = self.lex.ordinals.get(k) {
            return Some(v);
        }
        let digits = k.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        let suffix = &k[digits.len()..];
        if !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_digit())
            && matches!(suffix, "st" | "nd" | "rd" | "th")
        {
            return digits.parse().ok();
        }
        None
    }

    /// A day of the month (digits or ordinal).
    fn day_num(&self, i: usize) -> Option<u32> {
        let k = self.k(i);
        let v = if k.bytes().all(|b| b.is_ascii_digit()) && !k.is_empty() && k.len() <= 2 {
            k.parse().ok()?
        } else {
            self.ordinal(i)?
        };
        (1..=31).contains(&v).then_some(v)
    }

    /// A four-digit year.
    fn year_num(&self, i: usize) -> Option<i32> {
        let k = self.base(i);
        if k.len() == 4 && k.bytes().all(|b| b.is_ascii_digit()) {
            let y: i32 = k.parse().ok()?;
            return (1000..=2999).contains(&y).then_some(y);
        }
        None
    }

    /// A year said in words: "nineteen ninety-six", "nineteen eighty", "two thousand (and) one".
    fn spoken_year(&self, i: usize) -> Option<(usize, i32)> {
        let k = self.k(i);
        let &hi = self.lex.numerals.get(k)?;
        if matches!(k, "eighteen" | "nineteen" | "twenty") {
            // nineteen + ninety[-six] / nineteen + hundred
            let (e, lo) = self.number(i + 1, false)?;
            let lo = lo? as i32;
            if self.k(i + 1) == "hundred" {
                return Some((i + 2, hi as i32 * 100));
            }
            if !(10..100).contains(&lo) {
                return None;
            }
            return Some((e, hi as i32 * 100 + lo));
        }
        if k == "two" && self.k(i + 1) == "thousand" {
            let mut e = i + 2;
            if self.k(e) == "and" {
                e += 1;
            }
            if let Some((e2, Some(v))) = self.number(e, false) {
                if v < 100.0 {
                    return Some((e2, 2000 + v as i32));
                }
            }
            return Some((i + 2, 2000));
        }
        None
    }

    /// A month name at `i`; ambiguous words ("may", "march") need a date-like neighbour.
    fn month(&self, i: usize) -> Option<u32> {
        let &m = self.lex.months.get(self.base(i))?;
        if !self.w.is_cap(i) && !self.k(i).starts_with("mid-") {
            return None;
        }
        let k = self.base(i);
        if matches!(
            k,
            "may" | "march" | "mar" | "jan" | "dec" | "sep" | "sept" | "jun" | "jul"
        ) {
            let next_ok = self.day_num(i + 1).is_some() || self.year_num(i + 1).is_some();
            let prev_ok = i > 0
                && matches!(
                    self.k(i - 1),
                    "in" | "since"
                        | "until"
                        | "till"
                        | "by"
                        | "from"
                        | "through"
                        | "early"
                        | "late"
                        | "mid"
                        | "last"
                        | "next"
                        | "this"
                        | "of"
                        | "-"
                        | "before"
                        | "after"
                        | "during"
                        | "between"
                        | "and"
                        | "to"
                );
            // "Jan." abbreviations are fine; bare "May"/"March" need context.
            let abbrev_ok = matches!(k, "jan" | "dec" | "sep" | "sept" | "jun" | "jul") && next_ok;
            if !(next_ok || prev_ok || abbrev_ok) {
                return None;
            }
        }
        Some(m)
    }

    fn weekday(&self, i: usize) -> Option<u32> {
        let k = self.k(i);
        if k.len() < 6 {
            return None;
        }
        self.lex.weekdays.get(k).copied()
    }

    /// Whether the sentence around word `i` talks about the future (a few words back).
    fn future(&self, i: usize) -> bool {
        // the word just before (skipping "on"/"at"): "said Friday", "until Tuesday"
        let mut p = i;
        while p > 0 && matches!(self.k(p - 1), "on" | "at" | "by" | "as" | "'s") {
            p -= 1;
        }
        if p > 0 {
            let k = self.k(p - 1);
            if PAST_CUES.contains(&k)
                || (k.len() > 4
                    && k.ends_with("ed")
                    && k != "scheduled"
                    && k != "planned"
                    && k != "expected")
            {
                return false;
            }
        }
        // "as early as Tuesday", "as soon as Monday"
        if i >= 3 && self.k(i - 1) == "as" && matches!(self.k(i - 2), "soon" | "early") {
            return true;
        }
        for j in (i.saturating_sub(4)..i).rev() {
            if NEAR_FUTURE_CUES.contains(&self.k(j)) {
                return true;
            }
        }
        let lo = i.saturating_sub(8);
        for j in (lo..i).rev() {
            let k = self.k(j);
            if matches!(k, "." | "?" | "!" | ";") {
                break;
            }
            if FUTURE_CUES.contains(&k) {
                return true;
            }
        }
        // "… on Friday to discuss": a to-infinitive right after points ahead too.
        false
    }

    /// The year closing a range of months that starts before word `e`: "(March) and May
    /// 2009", "(March) to May 2009", "(March)-May 2009".
    fn range_year(&self, e: usize) -> Option<i32> {
        if !matches!(self.k(e), "and" | "to" | "-" | "through" | "until") {
            return None;
        }
        self.month(e + 1)?;
        self.year_num(e + 2)
    }

    /// Whether a past-tense verb comes right before word `i`, or before its preposition
    /// ("began in March", "ended March"): the month is then not the coming one.
    fn past_before(&self, i: usize) -> bool {
        let mut p = i;
        if p > 0 && matches!(self.k(p - 1), "in" | "on" | "during" | "since") {
            p -= 1;
        }
        p > 0 && {
            let k = self.k(p - 1);
            PAST_CUES.contains(&k)
                || (k.len() > 4
                    && k.ends_with("ed")
                    && !matches!(k, "scheduled" | "planned" | "expected"))
        }
    }

    /// Picks the year for a month (and day) written without one: the article's year,
    /// moved back or forward when the date would be far on the other side of it.
    fn year_for(&self, dct: NaiveDate, m: u32, d: u32, i: usize) -> i32 {
        let y = dct.year();
        let Some(c) = cal::date(y, m, d.min(28)) else {
            return y;
        };
        let diff = (c - dct).num_days();
        if self.future(i) {
            if diff < -30 {
                return y + 1;
            }
        } else if diff > 90 {
            return y - 1;
        } else if diff < -240 && !self.past_before(i) {
            // "January" written in late autumn is most often the coming one ("began in
            // March" is not)
            return y + 1;
        }
        y
    }

    // ----- rules ------------------------------------------------------------------------

    /// A day: today/yesterday/tomorrow, weekdays, month-day(-year), day-month(-year),
    /// holidays, numeric dates.
    fn day_ref(&self, i: usize) -> Option<DayRef> {
        let dct = self.dct;
        let k = self.k(i);
        let rel = |n: i64| dct.and_then(|d| cal::add_days(d, n));
        match k {
            "today" => return Some((i + 1, dct, DayFallback::Unknown)),
            "yesterday" => return Some((i + 1, rel(-1), DayFallback::Unknown)),
            "tomorrow" => return Some((i + 1, rel(1), DayFallback::Unknown)),
            _ => {}
        }
        // last/next/this + weekday
        let (shift, j) = match k {
            "last" | "past" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" => (Some(0), i + 1),
            "the"
                if matches!(self.k(i + 1), "previous" | "following")
                    && self.weekday(i + 2).is_some() =>
            {
                (
                    Some(if self.k(i + 1) == "previous" { -1 } else { 1 }),
                    i + 2,
                )
            }
            _ => (None, i),
        };
        if let Some(wd) = self.weekday(j) {
            let mut e = j + 1;
            // "Friday, Aug. 7" / "Friday, August 7, 1998": the explicit date wins.
            let mut explicit = None;
            if self.k(e) == "," {
                if let Some((e2, d, fb)) = self.month_day(e + 1) {
                    explicit = Some((e2, d, fb));
                }
            } else if let Some((e2, d, fb)) = self.month_day(e) {
                explicit = Some((e2, d, fb));
            }
            if let Some(x) = explicit {
                return Some(x);
            }
            let d = dct.and_then(|dct| {
                let d0 = dct.weekday().number_from_monday() as i64;
                let t = wd as i64;
                let back = (d0 - t).rem_euclid(7);
                let fwd = (t - d0).rem_euclid(7);
                let off = match shift {
                    Some(-1) => -(if back == 0 { 7 } else { back }),
                    Some(1) => {
                        if fwd == 0 {
                            7
                        } else {
                            fwd
                        }
                    }
                    _ => {
                        if self.future(i) {
                            fwd
                        } else {
                            -back
                        }
                    }
                };
                cal::add_days(dct, off)
            });
            e = e.max(j + 1);
            return Some((e, d, DayFallback::Weekday(wd)));
        }
        if shift.is_some() {
            return None;
        }
        if let Some(x) = self.month_day(i) {
            return Some(x);
        }
        // 7 April (2010) / 7th of April
        if let Some(d) = self.day_num(i) {
            let mut j = i + 1;
            if self.k(j) == "of" {
                j += 1;
            }
            if let Some(m) = self.month(j) {
                let mut e = j + 1;
                let y = if let Some(y) = self.year_num(e) {
                    e += 1;
                    Some(y)
                } else {
                    dct.map(|dct| self.year_for(dct, m, d, i))
                };
                let day = y.and_then(|y| cal::date(y, m, d));
                if y.is_some() && day.is_none() {
                    return None;
                }
                return Some((e, day, DayFallback::MonthDay(m, d)));
            }
        }
        // the 7th (of this month) is too ambiguous; numeric dates:
        if let Some(x) = self.numeric_date(i) {
            return Some(x);
        }
        // holidays
        if self.w.is_cap(i) {
            if let Some((e, h)) = self.lex.holidays.longest(self.w, i) {
                let (y, e) = match self.year_num(e) {
                    Some(y) => (Some(y), e + 1),
                    None => {
                        let (m, d) = match *h {
                            Holiday::Fixed(m, d) => (m, d),
                            Holiday::Nth(m, _, _) => (m, 15),
                            Holiday::Easter(_) => (4, 1),
                        };
                        (dct.map(|dct| self.year_for(dct, m, d, i)), e)
                    }
                };
                let d = y.and_then(|y| match *h {
                    Holiday::Fixed(m, d) => cal::date(y, m, d),
                    Holiday::Nth(m, wd, n) => cal::nth_weekday(y, m, wd, n),
                    Holiday::Easter(off) => cal::easter(y).and_then(|d| cal::add_days(d, off)),
                });
                return Some((e, d, DayFallback::Unknown));
            }
        }
        None
    }

    /// Month Day (, Year): "April 7", "Aug. 7, 1998", "April 7th".
    fn month_day(&self, i: usize) -> Option<DayRef> {
        let m = self.month(i)?;
        let d = self.day_num(i + 1)?;
        let mut e = i + 2;
        let y = if self.k(e) == "," && self.year_num(e + 1).is_some() {
            e += 2;
            self.year_num(e - 1)
        } else if let Some(y) = self.year_num(e) {
            e += 1;
            Some(y)
        } else {
            self.dct.map(|dct| self.year_for(dct, m, d, i))
        };
        let day = y.and_then(|y| cal::date(y, m, d));
        if y.is_some() && day.is_none() {
            return None;
        }
        Some((e, day, DayFallback::MonthDay(m, d)))
    }

    /// 2010-04-07 (one token or split at hyphens) and 4/7/2010 (US order).
    fn numeric_date(&self, i: usize) -> Option<DayRef> {
        let k = self.k(i);
        let parts: Vec<&str>;
        let e;
        if k.contains('-') || k.contains('/') {
            parts = k.split(['-', '/']).collect();
            e = i + 1;
        } else if self.year_num(i).is_some()
            && self.k(i + 1) == "-"
            && self.k(i + 3) == "-"
            && self.w.touches_next(i)
            && self.w.touches_next(i + 1)
            && self.w.touches_next(i + 2)
            && self.w.touches_next(i + 3)
        {
            parts = vec![k, self.k(i + 2), self.k(i + 4)];
            e = i + 5;
        } else {
            return None;
        }
        if parts.len() != 3
            || !parts
                .iter()
                .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        if n.len() != 3 {
            return None;
        }
        let d = if parts[0].len() == 4 {
            cal::date(n[0] as i32, n[1], n[2])
        } else if parts[2].len() == 4 {
            cal::date(n[2] as i32, n[0], n[1])
        } else {
            None
        }?;
        Some((e, Some(d), DayFallback::Unknown))
    }

    /// A day reference, optionally with a part of the day ("Friday morning", "last night").
    fn day_expr(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        // last night / this morning / tonight
        if k == "tonight" {
            return Some((
                i + 1,
                Kind::Time,
                format!("{}TNI", day_value(self.dct, DayFallback::Unknown)),
            ));
        }
        if (k == "last" || k == "this") && self.lex.dayparts.contains_key(self.k(i + 1)) {
            let part = self.lex.dayparts[self.k(i + 1)];
            let off = if k == "last" && part == "NI" { -1 } else { 0 };
            if k == "last" && part != "NI" {
                return None;
            }
            let d = self.dct.and_then(|d| cal::add_days(d, off));
            return Some((
                i + 2,
                Kind::Time,
                format!("{}T{part}", day_value(d, DayFallback::Unknown)),
            ));
        }
        let (e, d, fb) = self.day_ref(i)?;
        // "Friday night": a part of that day (typed DATE, as TimeBank mostly does).
        if let Some(&part) = self.lex.dayparts.get(self.k(e)) {
            if !self.k(e).ends_with('s') {
                let _ = part;
                return Some((e + 1, Kind::Date, day_value(d, fb)));
            }
        }
        Some((e, Kind::Date, day_value(d, fb)))
    }

    /// Clock times: "10:35 a.m.", "5 p.m. EST Nov. 9", "noon Saturday", "midnight".
    fn time_of_day(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        let (mut e, hhmm) = match k {
            "noon" | "midday" => (i + 1, "12:00".to_string()),
            "midnight" => (i + 1, "24:00".to_string()),
            _ => {
                let (h, m) = match k.split_once(':') {
                    Some((h, m)) => (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?),
                    None => (
                        if k.len() <= 2 && !k.is_empty() && k.bytes().all(|b| b.is_ascii_digit()) {
                            k.parse::<u32>().ok()?
                        } else {
                            return None;
                        },
                        0,
                    ),
                };
                if m > 59 {
                    return None;
                }
                let ampm = self.k(i + 1);
                let h = match ampm {
                    "am" if (1..=12).contains(&h) => h % 12,
                    "pm" if (1..=12).contains(&h) => h % 12 + 12,
                    _ if k.contains(':') && h < 24 && TIMEZONES.contains(&ampm) => h,
                    _ => return None,
                };
                let e = if matches!(ampm, "am" | "pm") {
                    i + 2
                } else {
                    i + 1
                };
                (e, format!("{h:02}:{m:02}"))
            }
        };
        if TIMEZONES.contains(&self.k(e)) {
            e += 1;
        } else if self.k(e) == "local" && self.k(e + 1) == "time" {
            e += 2;
        }
        // a following day: "5 p.m. Friday", "5 p.m. EST, Nov. 6", "noon yesterday"
        let mut day = None;
        let after = if self.k(e) == "," || self.k(e) == "on" {
            e + 1
        } else {
            e
        };
        if let Some((e2, d, fb)) = self.day_ref(after) {
            day = Some(day_value(d, fb));
            e = e2;
        }
        let day = day.unwrap_or_else(|| day_value(self.dct, DayFallback::Unknown));
        Some((e, Kind::Time, format!("{day}T{hhmm}")))
    }

    /// Months and seasons: "July 1997", "April of 2010", "April", "last April", "this summer".
    fn month_expr(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        let (shift, j) = match k {
            "last" | "past" => (Some(-1), i + 1),
            "next" | "coming" => (Some(1), i + 1),
            "this" => (Some(0), i + 1),
            _ => (None, i),
        };
        let dct = self.dct;
        if let Some(m) = self.month(j) {
            if self.day_num(j + 1).is_some() {
                return None;
            }
            let mut e = j + 1;
            let of = if self.k(e) == "of" || self.k(e) == "," {
                e + 1
            } else {
                e
            };
            let rel_year = match (self.k(e), self.k(e + 1)) {
                ("last", "year") => Some(-1),
                ("this", "year") => Some(0),
                ("next", "year") => Some(1),
                _ => None,
            };
            let y = if let Some(y) = self.year_num(of) {
                e = of + 1;
                Some(y)
            } else if let Some((e2, y)) = self.spoken_year(of) {
                e = e2;
                Some(y)
            } else if let Some(r) = rel_year {
                e += 2;
                dct.map(|d| d.year() + r)
            } else if let Some(y) = self.range_year(e) {
                // "between March and May 2009": the range's year is written once, at its end.
                Some(y)
            } else {
                dct.map(|dct| match shift {
                    Some(-1) => {
                        if m < dct.month() {
                            dct.year()
                        } else {
                            dct.year() - 1
                        }
                    }
                    Some(1) => {
                        if m > dct.month() {
                            dct.year()
                        } else {
                            dct.year() + 1
                        }
                    }
                    Some(_) => dct.year(),
                    None => self.year_for(dct, m, 15, i),
                })
            };
            let v = match y {
                Some(y) => format!("{y:04}-{m:02}"),
                None => format!("XXXX-{m:02}"),
            };
            return Some((e, Kind::Date, v));
        }
        if let Some(&s) = self.lex.seasons.get(self.base(j)) {
            let mut e = j + 1;
            let of = if self.k(e) == "of" { e + 1 } else { e };
            let explicit = self.year_num(of);
            if explicit.is_some() {
                e = of + 1;
            } else if self.k(e) == "of" {
                return None; // "the fall of the wall"
            }
            let needs_context = explicit.is_none() && shift.is_none();
            if needs_context
                && !self.k(j).starts_with("mid-")
                && !(i > 0
                    && matches!(
                        self.k(i - 1),
                        "the" | "in" | "late" | "early" | "mid" | "since" | "until" | "by" | "-"
                    ))
            {
                return None;
            }
            let y = explicit.or_else(|| dct.map(|d| d.year() + shift.unwrap_or(0)));
            let v = match y {
                Some(y) => format!("{y:04}-{s}"),
                None => format!("XXXX-{s}"),
            };
            return Some((e, Kind::Date, v));
        }
        None
    }

    /// Years, fiscal years, decades and centuries: "2009", "fiscal 1989", "the 1990s",
    /// "the '90s", "the 20th century".
    fn year_expr(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        let mut j = i;
        if k == "fiscal" || (k == "the" && self.k(i + 1) == "year") {
            j = if k == "fiscal" { i + 1 } else { i + 2 };
        }
        if let Some(y) = self.year_num(j) {
            let prev = if i > 0 { self.k(i - 1) } else { "" };
            let next = self.k(j + 1);
            if prev == "$" || next == "%" || self.lex.count_nouns.contains(next) {
                return None;
            }
            return Some((j + 1, Kind::Date, format!("{y:04}")));
        }
        if k == "the" && self.k(i + 1) == "year" {
            if let Some((e, y)) = self.spoken_year(i + 2) {
                return Some((e, Kind::Date, format!("{y:04}")));
            }
        }
        if matches!(k, "eighteen" | "nineteen") {
            if let Some((e, y)) = self.spoken_year(i) {
                if y >= 1100 {
                    return Some((e, Kind::Date, format!("{y:04}")));
                }
            }
        }
        // "the full year", "year-end"; "the year" after "the end of" (a modifier)
        let dct_year = || match self.dct {
            Some(d) => format!("{:04}", d.year()),
            None => "XXXX".into(),
        };
        if k == "the" && self.k(i + 1) == "full" && self.k(i + 2) == "year" {
            return Some((i + 3, Kind::Date, dct_year()));
        }
        if k == "year" && self.k(i + 1) == "-" && self.k(i + 2) == "end" {
            return Some((i + 3, Kind::Date, dct_year()));
        }
        if k == "the"
            && self.k(i + 1) == "year"
            && i >= 2
            && self.k(i - 1) == "of"
            && matches!(self.k(i - 2), "end" | "beginning" | "start" | "middle")
        {
            return Some((i + 2, Kind::Date, dct_year()));
        }
        // decades: 1990s, '90s (as one token or "'" + "90s")
        let (dk, e) = if k == "the" {
            (self.base(i + 1), i + 2)
        } else {
            (self.base(i), i + 1)
        };
        if let Some(stem) = dk.strip_suffix('s') {
            let stem = stem.trim_start_matches('\'');
            if stem.len() == 4 && stem.ends_with('0') && stem.bytes().all(|b| b.is_ascii_digit()) {
                return Some((e, Kind::Date, stem[..3].to_string()));
            }
            if stem.len() == 2
                && stem.ends_with('0')
                && dk.starts_with('\'')
                && stem.bytes().all(|b| b.is_ascii_digit())
            {
                let cent = match self.dct {
                    Some(d) if stem.as_bytes()[0] <= b'2' && d.year() >= 2000 => "20",
                    _ => "19",
                };
                return Some((e, Kind::Date, format!("{cent}{}", &stem[..1])));
            }
        }
        // the 20th century
        let (ck, e) = if k == "the" {
            (i + 1, i + 2)
        } else {
            (i, i + 1)
        };
        if let Some(n) = self.ordinal(ck) {
            if matches!(self.k(e), "century") && (1..=30).contains(&n) {
                return Some((e + 1, Kind::Date, format!("{:02}", n - 1)));
            }
        }
        None
    }

    /// this/last/next + week, month, year, quarter, decade, century, weekend;
    /// "the weekend", "the past year", "year-earlier/year-ago (quarter|period)".
    fn relative(&self, i: usize) -> Option<M> {
        if let Some(m) = self.anaphoric(i) {
            return Some(m);
        }
        let dct = self.dct;
        let mut j = i;
        if self.k(j) == "the" {
            j += 1;
        }
        let shift = match self.k(j) {
            "this" | "current" => Some(0i32),
            "last" | "past" | "previous" | "latest" => Some(-1),
            "next" | "coming" | "following" => Some(1),
            _ => None,
        };
        if self.k(j) == "the" && self.k(j + 1) == "weekend" {
            return self.weekend(i, j + 2, None);
        }
        if self.k(j) == "weekend" && j > i {
            return self.weekend(i, j + 1, None);
        }
        let Some(s) = shift else {
            // year-earlier / year-ago
            return self.year_ago(i, j);
        };
        let mut u = j + 1;
        if self.k(u) == "fiscal" {
            u += 1;
        }
        if self.k(u) == "weekend" {
            return self.weekend(i, u + 1, Some(s));
        }
        let (unit, plural) = self.unit(u)?;
        if plural {
            return None;
        }
        // "the latest quarter" names the last reported one; "the latest year" is odd.
        if self.k(j) == "latest" && unit != Unit::Quarter {
            return None;
        }
        let e = u + 1;
        // "the past decade", "the past century": the span up to now
        if self.k(j) == "past" && matches!(unit, Unit::Decade | Unit::Century) {
            return Some((e, Kind::Duration, unit.duration(Some(1.0))));
        }
        let (gran, ushift) = match unit {
            Unit::Week => (Gran::Week, Unit::Week),
            Unit::Month => (Gran::Month, Unit::Month),
            Unit::Quarter => (Gran::Quarter, Unit::Quarter),
            Unit::Year => (Gran::Year, Unit::Year),
            Unit::Decade => (Gran::Decade, Unit::Decade),
            Unit::Century => (Gran::Century, Unit::Century),
            Unit::Day if s == 0 => (Gran::Day, Unit::Day),
            _ => return None,
        };
        let v = match dct.and_then(|d| cal::shift(d, ushift, s as f64)) {
            Some(d) => cal::format(d, gran),
            None => cal::unresolved(gran).to_string(),
        };
        Some((e, Kind::Date, v))
    }

    /// "that year", "the same year", "the following year", "the previous month": relative
    /// to the last year or month written in the text (else the article date).
    fn anaphoric(&self, i: usize) -> Option<M> {
        // "the next day", "the previous day": a day from the last one the text dated.
        // ("The day before" is left alone: it mostly leads to its own anchor, "the day
        // before the vote", "the day before last Tuesday".)
        if self.k(i) == "the" && self.k(i + 2) == "day" {
            let (shift, e) = match self.k(i + 1) {
                "next" | "following" => (1, i + 3),
                "previous" => (-1, i + 3),
                _ => (0, i),
            };
            if e > i {
                let from = self.last_day.get().or(self.dct)?;
                let d = cal::shift(from, Unit::Day, f64::from(shift))?;
                return Some((e, Kind::Date, cal::format(d, Gran::Day)));
            }
        }
        let (shift, e) = match (self.k(i), self.k(i + 1)) {
            ("that", _) => (0, i + 1),
            ("the", "same") => (0, i + 2),
            ("the", "following") => (1, i + 2),
            ("the", "previous") => (-1, i + 2),
            _ => return None,
        };
        let unit = self.k(e);
        if unit != "year" && unit != "month" {
            return None;
        }
        let (y, m) = match self.anchor.get() {
            Some(a) => a,
            None => {
                let d = self.dct?;
                (d.year(), Some(d.month()))
            }
        };
        let v = if unit == "year" {
            format!("{:04}", y + shift)
        } else {
            let m = m?;
            let d = cal::date(y, m, 1).and_then(|d| cal::shift(d, Unit::Month, shift as f64))?;
            cal::format(d, Gran::Month)
        };
        Some((e + 1, Kind::Date, v))
    }

    fn weekend(&self, _i: usize, e: usize, shift: Option<i32>) -> Option<M> {
        let v = match self.dct {
            Some(d) => {
                let wd = d.weekday().number_from_monday() as i64;
                // The weekend just past unless told otherwise.
                let weeks = match shift {
                    Some(s) => s as i64,
                    None if wd >= 6 || self.future(_i) => 0,
                    None => -1,
                };
                let base = cal::add_days(d, weeks * 7)?;
                format!("{}-WE", cal::format(base, Gran::Week))
            }
            None => "XXXX-WXX-WE".into(),
        };
        Some((e, Kind::Date, v))
    }

    /// "year-earlier", "year-ago" (financial news: the same period a year before).
    fn year_ago(&self, i: usize, j: usize) -> Option<M> {
        if !(self.k(j) == "year"
            && self.k(j + 1) == "-"
            && matches!(self.k(j + 2), "earlier" | "ago"))
        {
            return None;
        }
        let mut e = j + 3;
        let dct = self.dct?;
        let ly = dct.year() - 1;
        let mut q = None;
        if let Some(o) = self.ordinal(e).filter(|&o| o <= 4) {
            if self.k(e + 1) == "quarter" {
                q = Some(o);
                e += 2;
            }
        } else if matches!(self.k(e), "quarter" | "period") {
            q = Some((quarter_of_last(dct)).1);
            e += 1;
        } else if self.financial {
            q = Some((quarter_of_last(dct)).1);
        }
        let _ = i;
        Some(match q {
            Some(q) => (e, Kind::Date, format!("{ly:04}-Q{q}")),
            None => (e, Kind::Date, format!("{ly:04}")),
        })
    }

    /// "two weeks ago", "a year earlier", "three days later", "ten years from now".
    fn ago(&self, i: usize) -> Option<M> {
        let (j, n) = self.number(i, true)?;
        let (unit, _) = self.unit(j)?;
        let mut e = j + 1;
        if self.k(e) == "or" && self.k(e + 1) == "so" {
            e += 2;
        }
        let dir = match self.k(e) {
            "ago" | "earlier" | "before" => -1.0,
            "later" | "hence" => 1.0,
            "from" if self.k(e + 1) == "now" => {
                e += 1;
                1.0
            }
            _ => return None,
        };
        if self.k(e) == "before" && !matches!(self.k(e + 1), "." | "," | "") {
            return None;
        }
        e += 1;
        let v = match n {
            None => if dir < 0.0 { "PAST_REF" } else { "FUTURE_REF" }.to_string(),
            Some(n) if self.financial && n == 1.0 && unit == Unit::Year && dir < 0.0 => {
                match self.dct {
                    Some(d) => {
                        let (y, q) = quarter_of_last(d);
                        format!("{:04}-Q{q}", y - 1)
                    }
                    None => "XXXX-QX".into(),
                }
            }
            Some(n) => match self
                .last_day
                .get()
                .filter(|_| {
                    matches!(self.k(e - 1), "later" | "earlier") && unit.gran() == Gran::Day
                })
                .or(self.dct)
                .and_then(|d| cal::shift(d, unit, dir * n))
            {
                Some(d) => cal::format(d, unit.gran()),
                None => cal::unresolved(unit.gran()).to_string(),
            },
        };
        Some((e, Kind::Date, v))
    }

    /// Durations: "two days", "the past 20 years", "a week", "two-year", "several months",
    /// "the first nine months", "weeks" (after "for"/"in"/"within").
    fn duration(&self, i: usize) -> Option<M> {
        // "the year ended Sept. 30", "the fiscal year": a one-year accounting period
        if self.k(i) == "the" {
            let y = if self.k(i + 1) == "fiscal" {
                i + 2
            } else {
                i + 1
            };
            if self.k(y) == "year"
                && (y == i + 2 || matches!(self.k(y + 1), "ended" | "ending"))
                && self.k(y + 1) != "-"
            {
                return Some((y + 1, Kind::Duration, "P1Y".into()));
            }
        }
        let mut j = i;
        let mut det = false;
        if self.k(j) == "the" {
            j += 1;
            det = true;
        }
        let mut lead = false;
        if matches!(
            self.k(j),
            "past" | "last" | "next" | "first" | "coming" | "previous" | "final" | "following"
        ) {
            j += 1;
            lead = true;
        }
        if let Some((e, n)) = self.number(j, !det && !lead) {
            // NUM - unit (adjectival)
            let (ue, hy) = if self.k(e) == "-" && self.w.touches_next(e) {
                (e + 1, true)
            } else {
                (e, false)
            };
            if let Some((unit, plural)) = self.unit(ue) {
                if hy && plural {
                    return None;
                }
                // ages: "a 6-year-old", "52 years old"
                if self.k(ue + 1) == "old" || (self.k(ue + 1) == "-" && self.k(ue + 2) == "old") {
                    return None;
                }
                if plural && matches!(self.k(j), "a" | "an" | "one") {
                    return None;
                }
                // "a second attempt", "a quarter of the vote": not time units
                if matches!(self.k(j), "a" | "an")
                    && (unit == Unit::Second || (unit == Unit::Quarter && self.k(ue + 1) == "of"))
                {
                    return None;
                }
                // "a year-earlier …": the `year_ago` rule's
                if !hy && self.k(ue + 1) == "-" && self.w.touches_next(ue) {
                    return None;
                }
                // "twice a day", "$5 a year", "40 hours a week": a rate, not a duration.
                if self.k(j) == "a" && i > 0 {
                    let p = self.k(i - 1);
                    if matches!(p, "times" | "twice" | "once" | "per" | "cents" | "dollars")
                        || p.bytes().next().is_some_and(|b| b.is_ascii_digit())
                        || self.lex.units.contains_key(p)
                        || self.lex.numerals.contains_key(p)
                        || matches!(p, "million" | "billion")
                    {
                        return None;
                    }
                }
                if n == Some(1.0) && self.k(j) == "one" && self.k(ue) == "day" && !det && !lead {
                    return None;
                }
                // number must be a plain count, not a year or a price
                if n.is_some_and(|v| v > 9999.0) || self.year_num(j).is_some() {
                    return None;
                }
                let mut e = ue + 1;
                if self.k(e) == "or" && self.k(e + 1) == "so" {
                    e += 2;
                }
                if matches!(self.k(e), "ago" | "earlier" | "later" | "hence") {
                    return None; // the `ago` rule's
                }
                return Some((e, Kind::Duration, unit.duration(n)));
            }
            return None;
        }
        // the past week / the next few days handled above; plural bare units:
        if let Some((unit, plural)) = self.unit(j) {
            if plural
                && (lead || (i > 0 && matches!(self.k(i - 1), "for" | "within" | "over" | "in")))
                && !det
            {
                return Some((j + 1, Kind::Duration, unit.duration(None)));
            }
            if plural && lead && det {
                return Some((j + 1, Kind::Duration, unit.duration(None)));
            }
            // "the past year" is handled by `relative`.
        }
        None
    }

    /// Quarters and halves: "the third quarter", "third-quarter", "the fiscal first quarter",
    /// "the fourth quarter of 1989", "the first half", "the quarter", "the latest quarter".
    fn quarter(&self, i: usize) -> Option<M> {
        let dct = self.dct;
        let mut j = i;
        if self.k(j) == "the" {
            j += 1;
        }
        if matches!(self.k(j), "this" | "last" | "next") && self.k(j + 1) == "year" {
            j += 1;
        }
        if self.k(j) == "fiscal" {
            j += 1;
            if self.k(j) == "-" {
                j += 1;
            }
        }
        // a year written first: "the 1988 second quarter", "the 1989 period",
        // "this year's third quarter", "last year's quarter"
        let mut pre_year = None;
        if let Some(y) = self.year_num(j) {
            if self.ordinal(j + 1).is_some() || matches!(self.k(j + 1), "quarter" | "period") {
                pre_year = Some(y);
                j += 1;
            }
        } else if self.k(j) == "year" && self.k(j + 1) == "'s" && j > i {
            let s = match self.k(j - 1) {
                "this" => Some(0),
                "last" => Some(-1),
                "next" => Some(1),
                _ => None,
            };
            if let (Some(s), Some(d)) = (s, dct) {
                pre_year = Some(d.year() + s);
                j += 2;
            }
        }
        if let Some(y) = pre_year {
            if matches!(self.k(j), "quarter" | "period") {
                let q = dct.map(|d| quarter_of_last(d).1).unwrap_or(0);
                let v = if q == 0 {
                    format!("{y:04}-QX")
                } else {
                    format!("{y:04}-Q{q}")
                };
                return Some((j + 1, Kind::Date, v));
            }
        }
        let mut half = false;
        let q;
        if let Some(o) = self.ordinal(j) {
            let mut u = j + 1;
            if self.k(u) == "-" {
                u += 1;
            }
            match self.k(u) {
                "quarter" if (1..=4).contains(&o) => q = o,
                "half" if (1..=2).contains(&o) => {
                    q = o;
                    half = true;
                }
                _ => return None,
            }
            j = u + 1;
        } else if self.k(j) == "quarter" && j > i {
            // "the quarter": the last reported quarter
            let (y, lq) = dct.map(quarter_of_last)?;
            return Some((j + 1, Kind::Date, format!("{y:04}-Q{lq}")));
        } else {
            return None;
        }
        // of 1989 / fiscal 1989 / 1989
        let mut y = None;
        let mut e = j;
        let of = if matches!(self.k(e), "of" | "fiscal") {
            e + 1
        } else {
            e
        };
        let of = if self.k(of) == "fiscal" { of + 1 } else { of };
        if let Some(yy) = self.year_num(of) {
            y = Some(yy);
            e = of + 1;
        }
        let y = y.or(pre_year).or_else(|| {
            dct.map(|d| {
                let cq = cal::quarter_of(d);
                let qq = if half { q * 2 } else { q };
                if !half && qq > cq + 1 {
                    d.year() - 1
                } else {
                    d.year()
                }
            })
        });
        let tag = if half {
            format!("H{q}")
        } else {
            format!("Q{q}")
        };
        let v = match y {
            Some(y) => format!("{y:04}-{tag}"),
            None => format!("XXXX-{tag}"),
        };
        Some((e, Kind::Date, v))
    }

    /// Sets: "daily", "every week", "each year", "every Monday", "Tuesdays".
    fn set(&self, i: usize) -> Option<M> {
        let k = self.k(i);
        if let Some(&v) = self.lex.sets.get(k) {
            return Some((i + 1, Kind::Set, v.to_string()));
        }
        if matches!(k, "every" | "each" | "per") {
            let (j, n) = match self.number(i + 1, false) {
                Some((j, n)) => (j, n),
                None => (i + 1, Some(1.0)),
            };
            if let Some((unit, _)) = self.unit(j) {
                if unit == Unit::Second && j == i + 1 && k != "per" {
                    return None; // "every second house"
                }
                return Some((j + 1, Kind::Set, unit.duration(n)));
            }
            if let Some(wd) = self.weekday(i + 1) {
                return Some((i + 2, Kind::Set, format!("XXXX-WXX-{wd}")));
            }
        }
        // "twice a year"/"$5 a month": the "a year" part
        if k == "a" && i > 0 && matches!(self.k(i - 1), "times" | "twice" | "once") {
            if let Some((unit, false)) = self.unit(i + 1) {
                return Some((i + 2, Kind::Set, unit.duration(Some(1.0))));
            }
        }
        if let Some(stem) = k.strip_suffix('s') {
            if stem.len() >= 6 && self.w.is_cap(i) {
                if let Some(&wd) = self.lex.weekdays.get(stem) {
                    return Some((i + 1, Kind::Set, format!("XXXX-WXX-{wd}")));
                }
            }
        }
        None
    }

    fn fuzzy(&self, i: usize) -> Option<M> {
        let (e, &(t, v)) = self.lex.fuzzy.longest(self.w, i)?;
        // "the current chairman", "its recent decision": an adjective of a noun phrase
        if matches!(self.k(i), "current" | "recent")
            && i > 0
            && matches!(
                self.k(i - 1),
                "the" | "a" | "its" | "their" | "his" | "her" | "our" | "then"
            )
        {
            return None;
        }
        let kind = match t {
            "DURATION" => Kind::Duration,
            "TIME" => Kind::Time,
            "SET" => Kind::Set,
            _ => Kind::Date,
        };
        Some((e, kind, v.to_string()))
    }
}

/// The year and month of a calendar value (`1996`, `1996-04`, `1996-04-07`).
fn explicit_anchor(v: &str) -> Option<(i32, Option<u32>)> {
    let y: i32 = v.get(..4)?.parse().ok()?;
    let m = v
        .get(5..7)
        .filter(|_| v.as_bytes().get(4) == Some(&b'-'))
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m));
    Some((y, m))
}

/// The year and number of the last quarter completed before `d`.
fn quarter_of_last(d: NaiveDate) -> (i32, u32) {
    let q = cal::quarter_of(d);
    if q == 1 {
        (d.year() - 1, 4)
    } else {
        (d.year(), q - 1)
    }
}
