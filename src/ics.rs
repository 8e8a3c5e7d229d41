//! iCalendar (RFC 5545) files, written so that Outlook, Google Calendar and
//! Apple Calendar import them as they should: CRLF line ends, text escaped,
//! lines folded at 75 octets between UTF-8 characters (never inside one, so
//! Japanese survives clients that unfold byte by byte), a `UID` per event so
//! that importing again updates instead of duplicating where the client
//! does that, and `SEQUENCE` rising with every change.
//!
//! Deadlines are all-day events (`DTSTART;VALUE=DATE`), which no client
//! shifts by a time zone. Events at a time of day are in Japan time
//! (`TZID=Asia/Tokyo` with its `VTIMEZONE`, which has no summer time).

use std::fmt::Write as _;

use crate::day::Day;

/// The longest line, in octets, before it is folded.
const LINE_OCTETS: usize = 75;

/// A calendar to write.
#[derive(Debug, Clone, PartialEq)]
pub struct Calendar {
    /// What calendar clients show as its name (`X-WR-CALNAME`).
    pub name: String,
    /// The events.
    pub events: Vec<Event>,
}

/// One event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable across exports of the same thing, unique across calendars.
    pub uid: String,
    /// Raised whenever the event changes.
    pub sequence: u32,
    /// The title.
    pub summary: String,
    /// The details, newlines allowed.
    pub description: String,
    /// A page about it.
    pub url: Option<String>,
    /// When.
    pub when: When,
    /// How it comes back, when it does.
    pub rule: Option<Rule>,
    /// A reminder: how many minutes before the start (for an all-day
    /// event, before its midnight), and what it says.
    pub alarm: Option<(u32, String)>,
}

/// When an event is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// All of one day.
    Day(Day),
    /// From `hour`:`minute` Japan time, for `minutes`.
    Tokyo {
        /// The day.
        day: Day,
        /// 0–23.
        hour: u32,
        /// 0–59.
        minute: u32,
        /// How long, in minutes.
        minutes: u32,
    },
}

/// How often an event comes back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// Daily, weekly or monthly.
    pub freq: Freq,
    /// Every how many of them.
    pub interval: u32,
    /// How many times in all, the first included.
    pub count: u32,
}

/// The unit of a [`Rule`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Freq {
    /// `FREQ=DAILY`.
    Daily,
    /// `FREQ=WEEKLY`.
    Weekly,
    /// `FREQ=MONTHLY` (on the start's day of the month; months without that
    /// day are skipped, as RFC 5545 says, so use it for days up to the 28th).
    Monthly,
}

/// `text` as an iCalendar TEXT value: backslash, semicolon, comma and
/// newline escaped, other control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `line` folded: at most 75 octets a line, each continuation starting with
/// a space, never inside a UTF-8 character; every line ends in CRLF.
pub fn fold(line: &str, out: &mut String) {
    let mut rest = line;
    let mut limit = LINE_OCTETS;
    loop {
        if rest.len() <= limit {
            out.push_str(rest);
            out.push_str("\r\n");
            return;
        }
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        // The continuation's leading space counts towards its 75.
        limit = LINE_OCTETS - 1;
    }
}

/// `YYYYMMDD`.
fn date(day: Day) -> String {
    let (y, m, d) = day.ymd();
    format!("{y:04}{m:02}{d:02}")
}

/// `YYYYMMDDTHHMMSSZ` for `at` (milliseconds since the epoch).
fn utc(at: i64) -> String {
    let day = Day::from_millis(at, 0);
    let seconds = at.div_euclid(1000).rem_euclid(86_400);
    format!("{}T{:02}{:02}{:02}Z", date(day), seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// The calendar as an `.ics` file, stamped `now` (milliseconds since the
/// epoch) and produced by `product` (`PRODID`).
pub fn write(calendar: &Calendar, product: &str, now: i64) -> String {
    let mut out = String::new();
    let mut line = |text: String| fold(&text, &mut out);
    line("BEGIN:VCALENDAR".into());
    line("VERSION:2.0".into());
    line(format!("PRODID:{product}"));
    line("CALSCALE:GREGORIAN".into());
    line("METHOD:PUBLISH".into());
    line(format!("X-WR-CALNAME:{}", escape(&calendar.name)));
    if calendar.events.iter().any(|e| matches!(e.when, When::Tokyo { .. })) {
        line("X-WR-TIMEZONE:Asia/Tokyo".into());
        for text in [
            "BEGIN:VTIMEZONE",
            "TZID:Asia/Tokyo",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900",
            "TZNAME:JST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ] {
            line(text.into());
        }
    }
    let stamp = utc(now);
    for event in &calendar.events {
        line("BEGIN:VEVENT".into());
        line(format!("UID:{}", escape(&event.uid)));
        line(format!("DTSTAMP:{stamp}"));
        line(format!("SEQUENCE:{}", event.sequence));
        match event.when {
            When::Day(day) => {
                line(format!("DTSTART;VALUE=DATE:{}", date(day)));
                line(format!("DTEND;VALUE=DATE:{}", date(day.add_days(1))));
                // A deadline does not make anyone busy.
                line("TRANSP:TRANSPARENT".into());
            }
            When::Tokyo { day, hour, minute, minutes } => {
                let start = i64::from(hour.min(23)) * 60 + i64::from(minute.min(59));
                let end = start + i64::from(minutes.max(1));
                let end_day = day.add_days(end / 1440);
                let end = end % 1440;
                line(format!("DTSTART;TZID=Asia/Tokyo:{}T{:02}{:02}00", date(day), start / 60, start % 60));
                line(format!("DTEND;TZID=Asia/Tokyo:{}T{:02}{:02}00", date(end_day), end / 60, end % 60));
            }
        }
        if let Some(rule) = event.rule {
            let freq = match rule.freq {
                Freq::Daily => "DAILY",
                Freq::Weekly => "WEEKLY",
                Freq::Monthly => "MONTHLY",
            };
            line(format!("RRULE:FREQ={freq};INTERVAL={};COUNT={}", rule.interval.max(1), rule.count.max(1)));
        }
        line(format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            line(format!("DESCRIPTION:{}", escape(&event.description)));
        }
        if let Some(url) = &event.url {
            // A URI value is not TEXT: nothing to escape, but no line breaks.
            line(format!("URL:{}", url.replace(['\r', '\n'], "")));
        }
        if let Some((minutes, text)) = &event.alarm {
            line("BEGIN:VALARM".into());
            line("ACTION:DISPLAY".into());
            let mut trigger = String::from("TRIGGER:-P");
            let (days, rest) = (minutes / 1440, minutes % 1440);
            if days > 0 {
                let _ = write!(trigger, "{days}D");
            }
            if rest > 0 || days == 0 {
                let _ = write!(trigger, "T{}H{}M", rest / 60, rest % 60);
            }
            line(trigger);
            line(format!("DESCRIPTION:{}", escape(text)));
            line("END:VALARM".into());
        }
        line("END:VEVENT".into());
    }
    line("END:VCALENDAR".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    #[test]
    fn text_is_escaped_as_rfc_5545_says() {
        assert_eq!(escape("a;b,c\\d\ne\r\nf\u{7}"), "a\\;b\\,c\\\\d\\ne\\nf");
        assert_eq!(escape("会議：第1回、定例"), "会議：第1回、定例", "Japanese punctuation is not escaped");
    }

    #[test]
    fn folding_never_splits_a_character_at_any_byte_boundary() {
        // Every offset of a three-byte character against the 75-octet edge,
        // with one- and four-byte characters mixed in.
        for pad in 0..80 {
            for body in ["差し戻し理由のコード化と連絡の下書き", "a🙂bあ", "ｱｲｳ"] {
                let line = format!("SUMMARY:{}{}", "x".repeat(pad), body.repeat(12));
                let mut out = String::new();
                fold(&line, &mut out);
                assert!(out.ends_with("\r\n"));
                let lines: Vec<&str> = out.strip_suffix("\r\n").unwrap().split("\r\n").collect();
                for (i, l) in lines.iter().enumerate() {
                    assert!(l.len() <= LINE_OCTETS, "line {i} has {} octets", l.len());
                    assert!(i == 0 || l.starts_with(' '), "continuation starts with a space");
                    assert!(!l.contains('\r') && !l.contains('\n'));
                }
                // Unfolding (CRLF + space removed) gives the line back.
                assert_eq!(out.strip_suffix("\r\n").unwrap().replace("\r\n ", ""), line);
            }
        }
    }

    #[test]
    fn a_calendar_has_the_properties_clients_need() {
        let calendar = Calendar {
            name: "人事部, 2027".into(),
            events: vec![
                Event {
                    uid: "run-1-list@tebiki".into(),
                    sequence: 3,
                    summary: "業務を書き出す".into(),
                    description: "1行目\n2行目".into(),
                    url: Some("http://intranet/tebiki/p/x/?run=run-1".into()),
                    when: When::Day(day("2027-01-29")),
                    rule: None,
                    alarm: Some((900, "明日が期限".into())),
                },
                Event {
                    uid: "run-1-review@tebiki".into(),
                    sequence: 0,
                    summary: "月次レビュー".into(),
                    description: String::new(),
                    url: None,
                    when: When::Tokyo { day: day("2027-02-15"), hour: 23, minute: 30, minutes: 60 },
                    rule: Some(Rule { freq: Freq::Monthly, interval: 1, count: 3 }),
                    alarm: None,
                },
            ],
        };
        let ics = write(&calendar, "-//tebiki//tebiki//JA", 1_796_398_200_000);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//tebiki//tebiki//JA\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
        for expected in [
            "METHOD:PUBLISH",
            "X-WR-CALNAME:人事部\\, 2027",
            "DTSTAMP:20261204T153000Z",
            "SEQUENCE:3",
            "DTSTART;VALUE=DATE:20270129",
            "DTEND;VALUE=DATE:20270130",
            "DESCRIPTION:1行目\\n2行目",
            "TRIGGER:-PT15H0M",
            "TZID:Asia/Tokyo",
            "DTSTART;TZID=Asia/Tokyo:20270215T233000",
            "DTEND;TZID=Asia/Tokyo:20270216T003000",
            "RRULE:FREQ=MONTHLY;INTERVAL=1;COUNT=3",
        ] {
            assert!(ics.contains(&format!("{expected}\r\n")), "{expected} in\n{ics}");
        }
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 2);
        let untimed = write(&Calendar { name: "x".into(), events: vec![calendar.events[0].clone()] }, "p", 0);
        assert!(!untimed.contains("VTIMEZONE"), "no zone when nothing has a time");
    }
}
