//! Date arithmetic and TIMEX3 value formatting on top of chrono. Every function is total:
//! out-of-range dates give `None` rather than a panic.

use chrono::{Datelike, Duration, Months, NaiveDate, Weekday};

/// Granularity of a calendar value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gran {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A time unit as written ("days", "quarter") with its TIMEX3 duration letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

impl Unit {
    pub fn from_code(code: &str) -> Option<Unit> {
        Some(match code {
            "S" => Unit::Second,
            "MI" => Unit::Minute,
            "H" => Unit::Hour,
            "D" => Unit::Day,
            "W" => Unit::Week,
            "MO" => Unit::Month,
            "Q" => Unit::Quarter,
            "Y" => Unit::Year,
            "DE" => Unit::Decade,
            "CE" => Unit::Century,
            _ => return None,
        })
    }

    /// The ISO-8601 duration for `n` units (`None` = unknown amount, `X`).
    pub fn duration(self, n: Option<f64>) -> String {
        let num = |k: f64| match n {
            Some(v) => fmt_num(v * k),
            None => "X".to_string(),
        };
        match self {
            Unit::Second => format!("PT{}S", num(1.0)),
            Unit::Minute => format!("PT{}M", num(1.0)),
            Unit::Hour => format!("PT{}H", num(1.0)),
            Unit::Day => format!("P{}D", num(1.0)),
            Unit::Week => format!("P{}W", num(1.0)),
            Unit::Month => format!("P{}M", num(1.0)),
            Unit::Quarter => format!("P{}Q", num(1.0)),
            Unit::Year => format!("P{}Y", num(1.0)),
            Unit::Decade => match n {
                Some(_) => format!("P{}Y", num(10.0)),
                None => "PXDE".to_string(),
            },
            Unit::Century => match n {
                Some(_) => format!("P{}Y", num(100.0)),
                None => "PXCE".to_string(),
            },
        }
    }

    /// The granularity a date `n` units away is reported at ("two months ago" → month).
    pub fn gran(self) -> Gran {
        match self {
            Unit::Second | Unit::Minute | Unit::Hour | Unit::Day | Unit::Week => Gran::Day,
            Unit::Month => Gran::Month,
            Unit::Quarter => Gran::Quarter,
            Unit::Year | Unit::Decade => Gran::Year,
            Unit::Century => Gran::Century,
        }
    }
}

/// `12` for 12.0, `1.5` for 1.5.
pub fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

pub fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Moves `d` by `n` units (whole units; fractions are rounded).
pub fn shift(d: NaiveDate, unit: Unit, n: f64) -> Option<NaiveDate> {
    let n = n.round() as i64;
    let months = |k: i64| -> Option<NaiveDate> {
        let k = n.checked_mul(k)?;
        if k >= 0 {
            d.checked_add_months(Months::new(u32::try_from(k).ok()?))
        } else {
            d.checked_sub_months(Months::new(u32::try_from(-k).ok()?))
        }
    };
    match unit {
        Unit::Second | Unit::Minute | Unit::Hour => Some(d),
        Unit::Day => d.checked_add_signed(Duration::try_days(n)?),
        Unit::Week => d.checked_add_signed(Duration::try_days(n.checked_mul(7)?)?),
        Unit::Month => months(1),
        Unit::Quarter => months(3),
        Unit::Year => months(12),
        Unit::Decade => months(120),
        Unit::Century => months(1200),
    }
}

pub fn add_days(d: NaiveDate, n: i64) -> Option<NaiveDate> {
    d.checked_add_signed(Duration::try_days(n)?)
}

pub fn quarter_of(d: NaiveDate) -> u32 {
    (d.month() - 1) / 3 + 1
}

/// Formats `d` at granularity `g` (`2010-04-07`, `2010-W14`, `2010-04`, `2010-Q2`, `2010`,
/// `201`, `20`).
pub fn format(d: NaiveDate, g: Gran) -> String {
    match g {
        Gran::Day => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
        Gran::Week => {
            let w = d.iso_week();
            format!("{:04}-W{:02}", w.year(), w.week())
        }
        Gran::Month => format!("{:04}-{:02}", d.year(), d.month()),
        Gran::Quarter => format!("{:04}-Q{}", d.year(), quarter_of(d)),
        Gran::Year => format!("{:04}", d.year()),
        Gran::Decade => format!("{:03}", d.year().div_euclid(10)),
        Gran::Century => format!("{:02}", d.year().div_euclid(100)),
    }
}

/// The underspecified value used when there is no article date to resolve against.
pub fn unresolved(g: Gran) -> &'static str {
    match g {
        Gran::Day => "XXXX-XX-XX",
        Gran::Week => "XXXX-WXX",
        Gran::Month => "XXXX-XX",
        Gran::Quarter => "XXXX-QX",
        Gran::Year => "XXXX",
        Gran::Decade => "XXX",
        Gran::Century => "XX",
    }
}

pub fn weekday_from_iso(n: u32) -> Option<Weekday> {
    Some(match n {
        1 => Weekday::Mon,
        2 => Weekday::Tue,
        3 => Weekday::Wed,
        4 => Weekday::Thu,
        5 => Weekday::Fri,
        6 => Weekday::Sat,
        7 => Weekday::Sun,
        _ => return None,
    })
}

/// The `n`-th (1-based; −1 = last) ISO weekday `wd` of a month.
pub fn nth_weekday(y: i32, m: u32, wd: u32, n: i32) -> Option<NaiveDate> {
    let wd = weekday_from_iso(wd)?;
    if n > 0 {
        NaiveDate::from_weekday_of_month_opt(y, m, wd, u8::try_from(n).ok()?)
    } else {
        let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
        let mut d = date(ny, nm, 1)?.pred_opt()?;
        while d.weekday() != wd {
            d = d.pred_opt()?;
        }
        Some(d)
    }
}

/// Western Easter Sunday (anonymous Gregorian algorithm).
pub fn easter(y: i32) -> Option<NaiveDate> {
    let a = y.rem_euclid(19);
    let b = y.div_euclid(100);
    let c = y.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(y, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_and_formats() {
        let d = date(2010, 4, 7).unwrap();
        assert_eq!(format(d, Gran::Week), "2010-W14");
        assert_eq!(format(d, Gran::Quarter), "2010-Q2");
        assert_eq!(format(d, Gran::Decade), "201");
        assert_eq!(
            format(shift(d, Unit::Month, -1.0).unwrap(), Gran::Month),
            "2010-03"
        );
        assert_eq!(easter(2010), date(2010, 4, 4));
        assert_eq!(nth_weekday(2010, 11, 4, 4), date(2010, 11, 25));
        assert_eq!(nth_weekday(2010, 5, 1, -1), date(2010, 5, 31));
        assert_eq!(Unit::Decade.duration(Some(2.0)), "P20Y");
        assert_eq!(Unit::Hour.duration(Some(1.5)), "PT1.5H");
        assert!(shift(d, Unit::Year, 1e12).is_none());
    }
}
