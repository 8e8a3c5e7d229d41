//! By when: the dates of a run. A playbook step may say how long after its
//! phase's start (or the run's) it is due; a run has a start, each phase a
//! start, and the team may set any of these or move a step's date. From
//! them and today, [`Run::schedule`] works out every step's date and
//! whether it is on track (期限内), soon due (まもなく期限) or past it
//! (期限切れ).
//!
//! A phase starts on the day the team set, or else on the day its first
//! step was worked on; a phase nobody has worked on yet is planned to start
//! when the phase before it is due to end, or today when that is already
//! past — so when a phase starts late, the dates of its steps move with it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::history::{Event, Stamp};
use super::run::set_keyed;
use super::{Millis, ProgressError, Run, Stamped};
use crate::day::Day;
use crate::model::{Due, DueFrom, PhaseKind, Playbook, Step};
use crate::text::Texts;

/// How many days before its date a step counts as soon due.
pub const SOON_DAYS: i32 = 3;

/// The dates a team set, each stamped (format 7).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dates {
    /// The run's start, when the team set it (otherwise the day the run was
    /// created).
    #[serde(default, skip_serializing_if = "unset")]
    pub start: Stamped<Option<Day>>,
    /// The phases' starts the team set, by phase id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub phases: BTreeMap<String, Stamped<Option<Day>>>,
    /// The steps' dates the team set or moved, by step id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub steps: BTreeMap<String, Stamped<Option<Day>>>,
    /// The time of day the team meets for a step (the monthly review), by
    /// step id (format 9); `None` marks a cleared time.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub meetings: BTreeMap<String, Stamped<Option<Meeting>>>,
}

/// When in the day a step's meeting is held, in Japan time, and for how
/// long: a time from 00:00 to 23:59 and 5 minutes to 8 hours, held by the
/// constructor (and checked when read back).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MeetingFields", into = "MeetingFields")]
pub struct Meeting {
    start: u16,
    minutes: u16,
}

/// The stored shape of a [`Meeting`]: `{"at": "10:00", "minutes": 60}`.
#[derive(Serialize, Deserialize)]
struct MeetingFields {
    at: String,
    minutes: u16,
}

impl Meeting {
    /// The shortest meeting, in minutes.
    pub const MIN_MINUTES: u16 = 5;
    /// The longest meeting, in minutes (a working day).
    pub const MAX_MINUTES: u16 = 8 * 60;

    /// A meeting at `at` (`HH:MM`, as an `<input type=time>` gives it, or
    /// `H:MM`) lasting `minutes`; `None` when either is out of range.
    pub fn new(at: &str, minutes: u16) -> Option<Meeting> {
        let (h, m) = at.trim().split_once(':')?;
        let digits = |s: &str, max: u16| -> Option<u16> {
            (!s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
                .filter(|v| *v <= max)
        };
        // `<input type=time step=1>` adds seconds; only `:00` is kept.
        let (m, seconds) = m.split_once(':').unwrap_or((m, "00"));
        if seconds != "00" || m.len() != 2 {
            return None;
        }
        let start = digits(h, 23)? * 60 + digits(m, 59)?;
        (Self::MIN_MINUTES..=Self::MAX_MINUTES).contains(&minutes).then_some(Meeting { start, minutes })
    }

    /// The hour it starts, 0–23.
    pub fn hour(self) -> u32 {
        u32::from(self.start / 60)
    }

    /// The minute it starts, 0–59.
    pub fn minute(self) -> u32 {
        u32::from(self.start % 60)
    }

    /// How long it lasts, in minutes.
    pub fn minutes(self) -> u32 {
        u32::from(self.minutes)
    }

    /// `HH:MM`, its start.
    pub fn at(self) -> String {
        format!("{:02}:{:02}", self.start / 60, self.start % 60)
    }

    /// 「10:00〜11:00」 / "10:00–11:00" (an end past midnight is shown as it
    /// reads on the clock).
    pub fn span_text(self, lang: crate::Lang) -> String {
        let end = (self.start + self.minutes) % (24 * 60);
        let dash = if lang == crate::Lang::Ja { "〜" } else { "–" };
        format!("{}{dash}{:02}:{:02}", self.at(), end / 60, end % 60)
    }
}

impl TryFrom<MeetingFields> for Meeting {
    type Error = String;

    fn try_from(fields: MeetingFields) -> Result<Meeting, String> {
        Meeting::new(&fields.at, fields.minutes).ok_or_else(|| {
            format!(
                "a meeting is at HH:MM and lasts {} to {} minutes, not {} for {}",
                Meeting::MIN_MINUTES,
                Meeting::MAX_MINUTES,
                fields.at,
                fields.minutes
            )
        })
    }
}

impl From<Meeting> for MeetingFields {
    fn from(meeting: Meeting) -> MeetingFields {
        MeetingFields { at: meeting.at(), minutes: meeting.minutes }
    }
}

fn unset(date: &Stamped<Option<Day>>) -> bool {
    date.at == 0 && date.value.is_none()
}

impl Dates {
    /// Nothing was ever set.
    pub fn is_empty(&self) -> bool {
        unset(&self.start) && self.phases.is_empty() && self.steps.is_empty() && self.meetings.is_empty()
    }

    pub(super) fn merge(&mut self, other: Dates) {
        self.start.merge(other.start);
        super::merge_maps(&mut self.phases, other.phases, Stamped::merge);
        super::merge_maps(&mut self.steps, other.steps, Stamped::merge);
        super::merge_maps(&mut self.meetings, other.meetings, Stamped::merge);
    }

    pub(super) fn updated(&self) -> impl Iterator<Item = Millis> + '_ {
        [self.start.at]
            .into_iter()
            .chain(self.phases.values().map(|d| d.at))
            .chain(self.steps.values().map(|d| d.at))
            .chain(self.meetings.values().map(|d| d.at))
    }
}

/// Where a start date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StartFrom {
    /// The team set it.
    Set,
    /// The day the run was created (the run's start), or the run's start
    /// (the first phase's).
    RunStart,
    /// The day the phase's first step was worked on.
    FirstWork,
    /// Nobody has worked on the phase yet: when the phase before it is due
    /// to end, or today.
    Planned,
}

/// Where a step stands against its date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueState {
    /// Done.
    Done,
    /// Marked not applicable.
    NotApplicable,
    /// More than [`SOON_DAYS`] days to go (期限内).
    OnTrack,
    /// Due within [`SOON_DAYS`] days, today included (まもなく期限).
    Soon,
    /// Past its date and not done (期限切れ).
    Overdue,
}

impl DueState {
    /// Still to do: on track, soon due or overdue.
    pub fn is_open(self) -> bool {
        matches!(self, DueState::OnTrack | DueState::Soon | DueState::Overdue)
    }
}

/// A phase's start in the schedule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhaseDates {
    /// Which phase.
    pub kind: PhaseKind,
    /// The day it starts (or started).
    pub start: Day,
    /// Where that day comes from.
    pub from: StartFrom,
    /// The last date of its steps (its start when none has a date).
    pub end: Day,
}

/// A step's dates in the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepDates {
    /// The step's id.
    pub step: String,
    /// Its phase.
    pub phase: PhaseKind,
    /// Every date it falls on, in order: one, or each time a repeating step
    /// comes back.
    pub dates: Vec<Day>,
    /// The team set or moved the (first) date.
    pub moved: bool,
    /// Where it stands today.
    pub state: DueState,
    /// The date the state is about: the next one from today on, or the last
    /// when all are past.
    pub next: Day,
    /// The time of day the team meets for it, when they set one.
    pub meeting: Option<Meeting>,
}

impl StepDates {
    /// The step's first date.
    pub fn first(&self) -> Day {
        self.dates[0]
    }

    /// The step's last date (its first, unless it repeats).
    pub fn last(&self) -> Day {
        self.dates[self.dates.len() - 1]
    }
}

/// The dates of a run on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// The run's start.
    pub start: Day,
    /// Whether the team set it (otherwise it is the day the run was created).
    pub start_set: bool,
    /// The day it was worked out for.
    pub today: Day,
    /// The phases, in order.
    pub phases: Vec<PhaseDates>,
    /// The steps that have a date, in playbook order.
    pub steps: Vec<StepDates>,
}

impl Schedule {
    /// The dates of step `id`, if it has any.
    pub fn step(&self, id: &str) -> Option<&StepDates> {
        self.steps.iter().find(|s| s.step == id)
    }

    /// The start of phase `kind`.
    pub fn phase(&self, kind: PhaseKind) -> Option<&PhaseDates> {
        self.phases.iter().find(|p| p.kind == kind)
    }

    /// How many steps are overdue and how many soon due.
    pub fn alerts(&self) -> (usize, usize) {
        let count = |state| self.steps.iter().filter(|s| s.state == state).count();
        (count(DueState::Overdue), count(DueState::Soon))
    }
}

/// The dates a step with `due` falls on, from its first.
pub fn occurrences(first: Day, due: Option<&Due>) -> Vec<Day> {
    match due.and_then(|d| d.repeat) {
        Some(repeat) => (0..repeat.times).map(|k| repeat.every.times(first, k)).collect(),
        None => vec![first],
    }
}

/// Where a step with these dates stands on `today`, and the date that is
/// about.
fn state_on(dates: &[Day], today: Day, resolved: Option<bool>) -> (DueState, Day) {
    let last = dates[dates.len() - 1];
    let next = dates.iter().copied().find(|d| *d >= today);
    match (resolved, next) {
        (Some(true), _) => (DueState::Done, next.unwrap_or(last)),
        (Some(false), _) => (DueState::NotApplicable, next.unwrap_or(last)),
        (None, None) => (DueState::Overdue, last),
        (None, Some(next)) if today.days_until(next) < SOON_DAYS => (DueState::Soon, next),
        (None, Some(next)) => (DueState::OnTrack, next),
    }
}

impl Run {
    /// The run's dates as they stand on `today`, on a clock `offset_minutes`
    /// ahead of UTC (for the day the run was created and the days work was
    /// done).
    pub fn schedule(&self, playbook: &Playbook, today: Day, offset_minutes: i32) -> Schedule {
        let day = |at: Millis| Day::from_millis(at, offset_minutes);
        let start_set = self.dates.start.value;
        let start = start_set.unwrap_or_else(|| day(self.created));
        let mut phases = Vec::with_capacity(playbook.phases.len());
        let mut steps = Vec::new();
        let mut previous_end: Option<Day> = None;
        let first_work = self.first_work(playbook);
        for (i, phase) in playbook.phases.iter().enumerate() {
            let set = self.dates.phases.get(phase.kind.id()).and_then(|d| d.value);
            let (phase_start, from) = if let Some(set) = set {
                (set, StartFrom::Set)
            } else if let Some(end) = previous_end {
                match first_work[i] {
                    Some(at) => (day(at), StartFrom::FirstWork),
                    None => (end.max(today), StartFrom::Planned),
                }
            } else {
                (start, StartFrom::RunStart)
            };
            let mut end = phase_start;
            for step in &phase.steps {
                let moved = self.dates.steps.get(&step.id).and_then(|d| d.value);
                let computed = step.due.map(|due| {
                    let base = match due.from {
                        DueFrom::Phase => phase_start,
                        DueFrom::Run => start,
                    };
                    due.after.after(base)
                });
                let Some(first) = moved.or(computed) else { continue };
                let dates = occurrences(first, step.due.as_ref());
                let resolved = match self.step_mark(step) {
                    super::Mark::Done => Some(true),
                    super::Mark::Na { .. } => Some(false),
                    super::Mark::Open => None,
                };
                let (state, next) = state_on(&dates, today, resolved);
                // A step the answers exclude does not hold its phase up.
                if self.applies(step) {
                    end = end.max(dates[dates.len() - 1]);
                }
                steps.push(StepDates {
                    step: step.id.clone(),
                    phase: phase.kind,
                    dates,
                    moved: moved.is_some(),
                    state,
                    next,
                    meeting: self.dates.meetings.get(&step.id).and_then(|m| m.value),
                });
            }
            previous_end = Some(end);
            phases.push(PhaseDates { kind: phase.kind, start: phase_start, from, end });
        }
        Schedule { start, start_set: start_set.is_some(), today, phases, steps }
    }

    /// When each phase of `playbook` (by position) was first worked on: the
    /// earliest change the history records for one of its steps (planning
    /// one — its date, its meeting time — is not work on it), or (for a run
    /// kept before the history was) the earliest value still recorded. One
    /// pass over the history and the records, whatever the playbook's size.
    fn first_work(&self, playbook: &Playbook) -> Vec<Option<Millis>> {
        let phase_of: BTreeMap<&str, usize> = playbook
            .phases
            .iter()
            .enumerate()
            .flat_map(|(i, p)| p.steps.iter().map(move |s| (s.id.as_str(), i)))
            .collect();
        let mut first: Vec<Option<Millis>> = vec![None; playbook.phases.len()];
        let mut seen = |step: &str, at: Millis| {
            if let Some(&i) = phase_of.get(step) {
                first[i] = Some(first[i].map_or(at, |f| f.min(at)));
            }
        };
        for e in &self.history {
            if let Some(step) = e.step.as_deref()
                && !matches!(e.did, Event::Due { .. } | Event::Meeting { .. })
            {
                seen(step, e.began());
            }
        }
        for (id, r) in &self.steps {
            let kept = [r.mark.at, r.note.at]
                .into_iter()
                .chain(r.items.values().map(|i| i.at))
                .chain(r.approvals.values().map(|a| a.at))
                .filter(|at| *at > 0)
                .min();
            if let Some(at) = kept {
                seen(id, at);
            }
        }
        first
    }

    /// Set the run's start (`phase` `None`) or a phase's, or clear it
    /// (`None`) to go back to the day worked out. Setting what is already
    /// there changes nothing.
    pub fn set_start(
        &mut self,
        phase: Option<PhaseKind>,
        day: Option<Day>,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let changed = match phase {
            None => self.dates.start.set(day, stamp.at),
            Some(kind) => set_keyed(&mut self.dates.phases, kind.id(), day, stamp.at),
        };
        if changed {
            self.log(&stamp, None, Event::Start { phase: phase.map(|p| p.id().to_owned()), date: day });
        }
        Ok(())
    }

    /// Set or move `step`'s date (its first, for a repeating step), or clear
    /// it (`None`) to go back to the playbook's.
    pub fn set_due(&mut self, step: &Step, day: Option<Day>, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        if set_keyed(&mut self.dates.steps, &step.id, day, stamp.at) {
            self.log(&stamp, Some(&step.id), Event::Due { date: day });
        }
        Ok(())
    }

    /// Set the time of day the team meets for `step` (its calendar event
    /// then has that time instead of lasting all day), or clear it (`None`).
    pub fn set_meeting(
        &mut self,
        step: &Step,
        meeting: Option<Meeting>,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        if set_keyed(&mut self.dates.meetings, &step.id, meeting, stamp.at) {
            self.log(&stamp, Some(&step.id), Event::Meeting { meeting });
        }
        Ok(())
    }
}

/// What calendars show as the product that wrote the file.
pub const PRODID: &str = "-//tebiki//tebiki//JA";

/// Seconds from 2025-01-01 (UTC) to `at`: a `SEQUENCE` that only rises.
fn sequence(at: Millis) -> u32 {
    const BASE: Millis = 1_735_689_600_000;
    u32::try_from((at - BASE).max(0) / 1000).unwrap_or(u32::MAX)
}

impl Schedule {
    /// The steps' dates as an iCalendar file: one all-day event per step
    /// with a date (not those marked not applicable) — or, for a step the
    /// team meets for, an event at that time in Japan time — a reminder the
    /// day before (a meeting's, 15 minutes before) for those still open, a repeating step as one event with its
    /// rule — or, for a monthly one from the 29th on (which the rule would
    /// skip in shorter months), one event per time. `page` is the run's
    /// address, linked from every event; `now` stamps the file.
    pub fn calendar(&self, run: &Run, playbook: &Playbook, page: Option<&str>, t: &Texts, now: Millis) -> String {
        use crate::day::Unit;
        use crate::ics::{Calendar, Event, Freq, Rule, When};
        let name = &run.name.value;
        let ja = t.lang == crate::Lang::Ja;
        let colon = if ja { "：" } else { ": " };
        let aside = |text: &str| if ja { format!("（{text}）") } else { format!(" ({text})") };
        // Any change to the run may move a date (a phase's first work
        // does): every export after one is a newer version of each event.
        let sequence = sequence(run.updated());
        let mut events = Vec::new();
        // Each step found once, not searched for per date (a long playbook).
        let by_id: BTreeMap<&str, &Step> = playbook.steps().map(|s| (s.id.as_str(), s)).collect();
        for s in &self.steps {
            if s.state == DueState::NotApplicable {
                continue;
            }
            let Some(&step) = by_id.get(s.step.as_str()) else { continue };
            let done = s.state == DueState::Done;
            let summary = format!("{}{}{}", if done { t.ics_done } else { "" }, step.title, aside(name));
            let mut description = vec![format!("{} — {}", name, playbook.meta.title)];
            if let Some(phase) = playbook.phase(s.phase) {
                description.push(phase.title.clone());
            }
            if let Some(role) = &step.role {
                description.push(format!("{}{colon}{}", t.responsible, (t.owner_of)(role, run.owner(role))));
            }
            let mut when = format!("{}{colon}{}", t.due_label, s.first().text(t.lang));
            if let Some(due) = step.due {
                when.push_str(&aside(&due.describe(s.phase, t)));
            }
            if s.moved {
                when.push_str(t.due_moved);
            }
            description.push(when);
            if let Some(page) = page {
                description.push(page.to_owned());
            }
            // A deadline reminds the afternoon before (15 hours before its
            // midnight); a meeting, a quarter of an hour before it starts.
            let alarm = (!done).then(|| match s.meeting {
                Some(_) => (15, (t.ics_meeting_alarm)(&step.title)),
                None => (15 * 60, (t.ics_alarm)(&step.title)),
            });
            if let Some(meeting) = s.meeting {
                description.push(format!("{}{colon}{}", t.meeting_title, meeting.span_text(t.lang)));
            }
            let uid = format!("{}.{}@tebiki", run.id, step.id);
            let repeat = step.due.and_then(|d| d.repeat).filter(|_| s.dates.len() > 1);
            let rule = repeat.and_then(|r| {
                let freq = match r.every.unit {
                    Unit::Days => Freq::Daily,
                    Unit::Weeks => Freq::Weekly,
                    Unit::Months if s.first().ymd().2 <= 28 => Freq::Monthly,
                    Unit::Months | Unit::Weekdays => return None,
                };
                Some(Rule { freq, interval: r.every.count, count: s.dates.len() as u32 })
            });
            let event = |uid: String, day: Day, rule: Option<Rule>| Event {
                uid,
                sequence,
                summary: summary.clone(),
                description: description.join("\n"),
                url: page.map(str::to_owned),
                when: match s.meeting {
                    Some(m) => When::Tokyo { day, hour: m.hour(), minute: m.minute(), minutes: m.minutes() },
                    None => When::Day(day),
                },
                rule,
                alarm: alarm.clone(),
            };
            if rule.is_some() || s.dates.len() == 1 {
                events.push(event(uid, s.first(), rule));
            } else {
                for (k, day) in s.dates.iter().enumerate() {
                    events.push(event(format!("{}.{}.{}@tebiki", run.id, step.id, k + 1), *day, None));
                }
            }
        }
        let calendar = Calendar { name: format!("{name}{}", aside(&playbook.meta.title)), events };
        crate::ics::write(&calendar, PRODID, now)
    }
}
