//! Calendar days and the spans a schedule is written in: the dates of due
//! dates and phase starts, without a time of day or a time zone.
//!
//! A [`Day`] can only hold a real date from 0001-01-01 to 9999-12-31; it is
//! written and read as `YYYY-MM-DD`. A [`Span`] is what a playbook writes
//! after `due:` or `repeat:` (「10 営業日」「2 週」「1 か月」).
//!
//! Weekdays are Monday to Friday. Japanese public holidays are not known
//! here (no small, kept source of them exists, and companies add their own
//! closing days), so a team moves a date that falls on one by hand.

use serde::{Deserialize, Serialize};

/// Days from 0000-03-01 to 1970-01-01 in the proleptic Gregorian calendar.
const EPOCH_SHIFT: i64 = 719_468;

/// One calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub struct Day {
    /// Days since 1970-01-01.
    days: i32,
}

/// The first and last days a [`Day`] can be.
const FIRST: i32 = -719_162; // 0001-01-01
const LAST: i32 = 2_932_896; // 9999-12-31

impl Day {
    /// The day `year`-`month`-`day`, if it exists (years 1 to 9999).
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=9999).contains(&year) || !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil.
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day { days: (era * 146_097 + doe - EPOCH_SHIFT) as i32 })
    }

    /// Year, month (1–12) and day of the month.
    pub fn ymd(self) -> (i32, u32, u32) {
        // Howard Hinnant's civil_from_days.
        let z = i64::from(self.days) + EPOCH_SHIFT;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        (year, month, day)
    }

    /// A day written `YYYY-MM-DD`, if it is one.
    pub fn parse(text: &str) -> Option<Day> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let digits = |r: std::ops::Range<usize>| {
            let part = &text[r];
            part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse::<u32>().ok()).flatten()
        };
        Day::from_ymd(digits(0..4)? as i32, digits(5..7)?, digits(8..10)?)
    }

    /// The day it is at `at` (milliseconds since the epoch) on a clock
    /// `offset_minutes` ahead of UTC (540 in Japan).
    pub fn from_millis(at: i64, offset_minutes: i32) -> Day {
        let local = at.saturating_add(i64::from(offset_minutes) * 60_000);
        Day::from_days(local.div_euclid(86_400_000))
    }

    /// The day `days` after 1970-01-01, kept within years 1 to 9999.
    fn from_days(days: i64) -> Day {
        Day { days: days.clamp(i64::from(FIRST), i64::from(LAST)) as i32 }
    }

    /// Days since 1970-01-01 (negative before it).
    pub fn days_since_epoch(self) -> i32 {
        self.days
    }

    /// The day of the week: 0 for Monday to 6 for Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday.
        (i64::from(self.days) + 3).rem_euclid(7) as u32
    }

    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    /// The day `n` days later (earlier when negative).
    pub fn add_days(self, n: i64) -> Day {
        Day::from_days(i64::from(self.days).saturating_add(n))
    }

    /// The `n`th weekday after this day: one weekday after a Friday, a
    /// Saturday or a Sunday is the Monday. With `n` = 0, this day, or the
    /// Monday after it when it falls on a weekend.
    pub fn add_weekdays(self, n: u32) -> Day {
        let weekday = i64::from(self.weekday());
        if n == 0 {
            return if weekday >= 5 { self.add_days(7 - weekday) } else { self };
        }
        // From a weekend, count as from the Friday before it.
        let friday_or_earlier = if weekday >= 5 { self.add_days(4 - weekday) } else { self };
        let n = i64::from(n);
        let weeks = (n - 1) / 5;
        let rest = (n - 1) % 5 + 1;
        let day = friday_or_earlier.add_days(weeks * 7);
        let weekday = i64::from(day.weekday());
        // `rest` (1 to 5) more weekdays: past Friday, skip the weekend.
        day.add_days(if weekday + rest > 4 { rest + 2 } else { rest })
    }

    /// The same day of the month `n` months later; the month's last day
    /// when it is shorter (2027-01-31 plus one month is 2027-02-28).
    pub fn add_months(self, n: u32) -> Day {
        let (year, month, day) = self.ymd();
        let months = i64::from(year) * 12 + i64::from(month) - 1 + i64::from(n);
        let (year, month) = (months.div_euclid(12), months.rem_euclid(12) as u32 + 1);
        if year > 9999 {
            return Day { days: LAST };
        }
        let year = year as i32;
        Day::from_ymd(year, month, day.min(days_in_month(year, month))).unwrap_or(Day { days: LAST })
    }

    /// How many days from this day to `other` (negative when it is earlier).
    pub fn days_until(self, other: Day) -> i32 {
        other.days - self.days
    }

    /// 「2027年1月15日」 or "Jan 15, 2027": the one form of a date on screen
    /// and on paper.
    pub fn text(self, lang: crate::Lang) -> String {
        let (year, month, day) = self.ymd();
        crate::text::Moment { year: year as u32, month, day, hour: 0, minute: 0 }.text(lang, false)
    }

    /// 「2027年1月15日(金)」 or "Fri, Jan 15, 2027": with the day of the
    /// week, for due dates.
    pub fn with_weekday(self, lang: crate::Lang) -> String {
        let weekday = self.weekday() as usize;
        match lang {
            crate::Lang::Ja => format!("{}({})", self.text(lang), ["月", "火", "水", "木", "金", "土", "日"][weekday]),
            crate::Lang::En => {
                format!("{}, {}", ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"][weekday], self.text(lang))
            }
        }
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl From<Day> for String {
    fn from(day: Day) -> String {
        day.to_string()
    }
}

impl TryFrom<String> for Day {
    type Error = String;
    fn try_from(text: String) -> Result<Day, String> {
        Day::parse(&text).ok_or_else(|| format!("not a date (YYYY-MM-DD): {text}"))
    }
}

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i32) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// The number of days in `month` (1–12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// What a span counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Unit {
    /// Calendar days (日).
    Days,
    /// Monday to Friday (営業日).
    Weekdays,
    /// Weeks of seven days (週).
    Weeks,
    /// Calendar months, kept to the month's last day (か月).
    Months,
}

/// The largest count a span may have.
pub const MAX_SPAN: u32 = 999;

/// A length of time as a playbook writes it: 「10 営業日」「2 週」「1 か月」.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Span {
    /// How many (0 to [`MAX_SPAN`]).
    pub count: u32,
    /// Of what.
    pub unit: Unit,
}

impl Span {
    /// A span as written: a whole number (half- or full-width digits) and a
    /// unit — 日, 営業日, 週 (週間), か月 (ヶ月, カ月, ケ月, ヵ月, 箇月), or
    /// days, weekdays (business days), weeks, months.
    pub fn parse(text: &str) -> Option<Span> {
        let text = crate::inventory::normalize(text);
        let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        if digits == 0 || digits > 3 {
            return None;
        }
        let count = text[..digits].parse::<u32>().ok().filter(|n| *n <= MAX_SPAN)?;
        let unit = match text[digits..].trim().to_lowercase().as_str() {
            "日" | "日間" | "day" | "days" => Unit::Days,
            "営業日" | "weekday" | "weekdays" | "business day" | "business days" => Unit::Weekdays,
            "週" | "週間" | "week" | "weeks" => Unit::Weeks,
            "か月" | "ヶ月" | "カ月" | "ケ月" | "ヵ月" | "箇月" | "month" | "months" => Unit::Months,
            _ => return None,
        };
        Some(Span { count, unit })
    }

    /// The day this span after `day`.
    pub fn after(self, day: Day) -> Day {
        self.times(day, 1)
    }

    /// The day `k` of these spans after `day` (months counted from `day`
    /// each time, so that the 31st stays the 31st where a month has one).
    pub fn times(self, day: Day, k: u32) -> Day {
        let n = self.count.saturating_mul(k);
        match self.unit {
            Unit::Days => day.add_days(i64::from(n)),
            Unit::Weekdays => day.add_weekdays(n),
            Unit::Weeks => day.add_days(i64::from(n) * 7),
            Unit::Months => day.add_months(n),
        }
    }

    /// As people read it: 「10 営業日」, "10 weekdays".
    pub fn text(self, lang: crate::Lang) -> String {
        let n = self.count;
        match (lang, self.unit) {
            (crate::Lang::Ja, Unit::Days) => format!("{n} 日"),
            (crate::Lang::Ja, Unit::Weekdays) => format!("{n} 営業日"),
            (crate::Lang::Ja, Unit::Weeks) => format!("{n} 週"),
            (crate::Lang::Ja, Unit::Months) => format!("{n} か月"),
            (crate::Lang::En, unit) => {
                let word = match unit {
                    Unit::Days => "day",
                    Unit::Weekdays => "weekday",
                    Unit::Weeks => "week",
                    Unit::Months => "month",
                };
                format!("{n} {word}{}", if n == 1 { "" } else { "s" })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn days_are_real_dates() {
        assert_eq!(d("1970-01-01").days_since_epoch(), 0);
        assert_eq!(d("2024-02-29").to_string(), "2024-02-29");
        for not_a_day in [
            "2023-02-29",
            "1900-02-29",
            "2026-13-01",
            "2026-00-10",
            "2026-04-31",
            "2026-1-01",
            "２０２６-01-01",
            "+026-01-01",
            "0000-01-01",
            "",
        ] {
            assert_eq!(Day::parse(not_a_day), None, "{not_a_day}");
        }
        assert_eq!(d("2000-02-29").ymd(), (2000, 2, 29), "2000 is a leap year");
        assert_eq!(d("0001-01-01").days_since_epoch(), FIRST);
        assert_eq!(d("9999-12-31").days_since_epoch(), LAST);
        assert_eq!(d("2026-12-04").weekday(), 4, "a Friday");
        assert_eq!(d("2026-12-04").with_weekday(crate::Lang::Ja), "2026年12月4日(金)");
        assert_eq!(d("2026-12-04").with_weekday(crate::Lang::En), "Fri, Dec 4, 2026");
        assert_eq!(serde_json::to_string(&d("2026-12-04")).unwrap(), r#""2026-12-04""#);
        assert!(serde_json::from_str::<Day>(r#""2026-02-30""#).is_err());
    }

    #[test]
    fn the_day_depends_on_the_clock_s_zone() {
        // 2026-12-04 15:30 UTC is already the 5th in Tokyo.
        let at = 1_796_398_200_000;
        assert_eq!(Day::from_millis(at, 0), d("2026-12-04"));
        assert_eq!(Day::from_millis(at, 540), d("2026-12-05"));
        assert_eq!(Day::from_millis(-1, 0), d("1969-12-31"));
    }

    #[test]
    fn months_keep_the_day_or_stop_at_the_month_s_end() {
        assert_eq!(d("2027-01-31").add_months(1), d("2027-02-28"));
        assert_eq!(d("2028-01-31").add_months(1), d("2028-02-29"), "leap year");
        assert_eq!(d("2027-01-31").add_months(2), d("2027-03-31"), "counted from the start, not from February");
        assert_eq!(d("2026-11-30").add_months(3), d("2027-02-28"));
        assert_eq!(d("2026-12-15").add_months(1), d("2027-01-15"), "over the year's end");
        assert_eq!(d("2024-02-29").add_months(12), d("2025-02-28"));
        assert_eq!(d("9999-12-01").add_months(5), d("9999-12-31"), "kept within the calendar");
    }

    #[test]
    fn weekdays_skip_saturday_and_sunday() {
        let friday = d("2026-12-04");
        assert_eq!(friday.add_weekdays(1), d("2026-12-07"));
        assert_eq!(friday.add_weekdays(5), d("2026-12-11"));
        assert_eq!(friday.add_weekdays(0), friday);
        let saturday = d("2026-12-05");
        assert_eq!(saturday.add_weekdays(0), d("2026-12-07"));
        assert_eq!(saturday.add_weekdays(1), d("2026-12-07"));
        assert_eq!(d("2026-12-06").add_weekdays(2), d("2026-12-08"));
        assert_eq!(d("2026-12-01").add_weekdays(10), d("2026-12-15"));
    }

    /// One weekday at a time, as a person counts on a calendar.
    fn counted(mut day: Day, n: u32) -> Day {
        if n == 0 {
            while day.is_weekend() {
                day = day.add_days(1);
            }
            return day;
        }
        for _ in 0..n {
            day = day.add_days(1);
            while day.is_weekend() {
                day = day.add_days(1);
            }
        }
        day
    }

    proptest! {
        #[test]
        fn every_day_reads_back_as_itself(days in FIRST..=LAST) {
            let day = Day { days };
            let (y, m, dd) = day.ymd();
            prop_assert_eq!(Day::from_ymd(y, m, dd), Some(day));
            prop_assert_eq!(Day::parse(&day.to_string()), Some(day));
            prop_assert_eq!(day.add_days(1).weekday(), (day.weekday() + 1) % 7);
        }

        #[test]
        fn weekdays_match_counting_by_hand(days in -20_000i32..40_000, n in 0u32..60) {
            let day = Day { days };
            let got = day.add_weekdays(n);
            prop_assert_eq!(got, counted(day, n));
            prop_assert!(!got.is_weekend());
        }

        #[test]
        fn a_month_later_is_the_same_day_or_the_month_s_last(days in -20_000i32..40_000, n in 0u32..40) {
            let day = Day { days };
            let (y, m, dd) = day.ymd();
            let (y2, m2, d2) = day.add_months(n).ymd();
            let months = (y2 - y) * 12 + m2 as i32 - m as i32;
            prop_assert_eq!(months, n as i32);
            prop_assert_eq!(d2, dd.min(days_in_month(y2, m2)));
        }
    }

    #[test]
    fn spans_are_read_as_people_write_them() {
        let span = |count, unit| Some(Span { count, unit });
        assert_eq!(Span::parse("10 営業日"), span(10, Unit::Weekdays));
        assert_eq!(Span::parse("１４日"), span(14, Unit::Days));
        assert_eq!(Span::parse("2 週間"), span(2, Unit::Weeks));
        assert_eq!(Span::parse("1ヶ月"), span(1, Unit::Months));
        assert_eq!(Span::parse("3 Months"), span(3, Unit::Months));
        assert_eq!(Span::parse("0 日"), span(0, Unit::Days));
        for not_a_span in ["", "日", "10", "-1 日", "1.5 日", "1000 日", "10 年", "十日", "10 日後"] {
            assert_eq!(Span::parse(not_a_span), None, "{not_a_span}");
        }
        assert_eq!(Span { count: 10, unit: Unit::Weekdays }.text(crate::Lang::Ja), "10 営業日");
        assert_eq!(Span { count: 1, unit: Unit::Months }.text(crate::Lang::En), "1 month");
        assert_eq!(Span { count: 1, unit: Unit::Months }.times(d("2027-01-31"), 2), d("2027-03-31"));
    }
}
