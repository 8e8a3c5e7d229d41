//! Dates as people read them, in the interface language's conventions.
//!
//! Written here rather than with the browser's `Intl`: the first
//! `toLocaleString` of a page loads the locale's data, 30–50 ms inside
//! whatever the user just did (starting a run, opening a page with runs).
//! The two forms shown are fixed, so they are formatted from the date's
//! parts in the browser's time zone, as `Intl` would (ja-JP and en,
//! `dateStyle: medium`, `timeStyle: short`).

use tebiki::Lang;
use tebiki::progress::Millis;
use tebiki::text::Moment;
use wasm_bindgen::JsValue;

/// How many minutes this browser's clock is ahead of UTC (540 in Japan).
pub fn offset_minutes() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

/// Today, on this browser's clock.
pub fn today() -> tebiki::day::Day {
    tebiki::day::Day::from_millis(now(), offset_minutes())
}

/// `2026年11月21日 14:05` or `Nov 21, 2026, 2:05 PM`.
pub fn date_time(at: Millis, lang: Lang) -> String {
    local(at).text(lang, true)
}

/// `2026年11月21日` or `Nov 21, 2026`: the one form of a date on screen and
/// on paper.
pub fn date(at: Millis, lang: Lang) -> String {
    local(at).text(lang, false)
}

/// A date the team entered as `YYYY-MM-DD` (an approval, a measurement), in
/// the same form as [`date`] ([`tebiki::day::Day::text`]); anything else
/// (not a date of the calendar) as it is.
pub fn entered_date(iso: &str, lang: Lang) -> String {
    tebiki::day::Day::parse(iso).map_or_else(|| iso.to_owned(), |day| day.text(lang))
}

/// `2026-11-21`, for file names and date fields.
pub fn iso_date(at: Millis) -> String {
    let p = local(at);
    format!("{:04}-{:02}-{:02}", p.year, p.month, p.day)
}

/// The parts of `at` in the browser's time zone.
fn local(at: Millis) -> Moment {
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
    Moment {
        year: date.get_full_year(),
        month: date.get_month() + 1,
        day: date.get_date(),
        hour: date.get_hours(),
        minute: date.get_minutes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(year: u32, month: u32, day: u32, hour: u32, minute: u32) -> Moment {
        Moment { year, month, day, hour, minute }
    }

    /// The English strings are what Chromium's and Node's `Intl` print for
    /// the same parts (the space before AM/PM is a plain one here, where ICU
    /// 72+ uses U+202F); the Japanese ones are `dateStyle: long` (年月日, the
    /// norm on paper) with the time as `timeStyle: short`.
    #[test]
    fn formats_as_intl_does() {
        let cases = [
            (at(2026, 1, 2, 9, 5), "2026年1月2日", "2026年1月2日 9:05", "Jan 2, 2026", "Jan 2, 2026, 9:05 AM"),
            (at(2026, 12, 31, 0, 0), "2026年12月31日", "2026年12月31日 0:00", "Dec 31, 2026", "Dec 31, 2026, 12:00 AM"),
            (at(2026, 6, 7, 12, 30), "2026年6月7日", "2026年6月7日 12:30", "Jun 7, 2026", "Jun 7, 2026, 12:30 PM"),
            (
                at(2026, 11, 21, 23, 59),
                "2026年11月21日",
                "2026年11月21日 23:59",
                "Nov 21, 2026",
                "Nov 21, 2026, 11:59 PM",
            ),
        ];
        for (parts, ja, ja_time, en, en_time) in cases {
            assert_eq!(parts.text(Lang::Ja, false), ja);
            assert_eq!(parts.text(Lang::Ja, true), ja_time);
            assert_eq!(parts.text(Lang::En, false), en);
            assert_eq!(parts.text(Lang::En, true), en_time);
        }
    }

    #[test]
    fn entered_dates_read_as_the_interface_writes_them() {
        assert_eq!(entered_date("2026-12-04", Lang::Ja), "2026年12月4日");
        assert_eq!(entered_date("2026-12-04", Lang::En), "Dec 4, 2026");
        for odd in ["2026-13-01", "2026-02-30", "2026/12/04", "", "2026-1-4x", "12-04"] {
            assert_eq!(entered_date(odd, Lang::Ja), odd);
        }
    }
}
