//! Who changed what, and when: every change to a run appends an [`Entry`]
//! to its history. Names are typed by the person (set once per browser),
//! never verified: a [`Person`] is a label, not an account.
//!
//! The history only grows. Two copies merge by union ([`merge`]): an entry
//! is identified by when its series began, who made it, the step and what
//! it changed, so an entry both copies hold is kept once. Typing a note
//! key by key is one series: while the same person keeps changing the same
//! note with nothing else in between, the last entry is brought up to date
//! instead of a new one per key ([`NOTE_SERIES_MS`]); the copy whose entry
//! went further wins.

use serde::{Deserialize, Serialize};

use super::{Approval, Evidence, Mark, Millis, Roi, Theme};
use crate::day::Day;
use crate::inventory::Task;
use crate::model::{PhaseKind, Playbook, Step, StepKind, format_number};
use crate::text::Texts;

/// How long after the last change of a note the same person's next change
/// of it still belongs to the same entry.
pub const NOTE_SERIES_MS: Millis = 5 * 60 * 1000;

/// Someone who makes changes, as they named themselves in their browser.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// The name as typed (never verified); empty when not given yet.
    pub name: String,
    /// Their role in the rollout (課長, 情報システム…), if they gave one.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub role: String,
}

impl Person {
    /// A person named `name`, with `role` (both trimmed).
    pub fn new(name: &str, role: &str) -> Person {
        Person { name: name.trim().to_owned(), role: role.trim().to_owned() }
    }

    /// True while no name was given.
    pub fn is_unnamed(&self) -> bool {
        self.name.is_empty()
    }

    /// As shown: the name (and role), or "unnamed".
    pub fn shown(&self, t: &Texts) -> String {
        match (self.name.as_str(), self.role.as_str()) {
            ("", _) => t.who_unnamed.to_owned(),
            (name, "") => name.to_owned(),
            (name, role) => format!("{name}（{role}）"),
        }
    }
}

/// When a change is made and by whom. A bare time (tests, changes made
/// before anyone named themselves) is a change by nobody in particular.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Stamp {
    /// Milliseconds since the Unix epoch.
    pub at: Millis,
    /// Who made it.
    pub by: Person,
}

impl From<Millis> for Stamp {
    fn from(at: Millis) -> Stamp {
        Stamp { at, by: Person::default() }
    }
}

/// What one change did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Event {
    /// The run was started under this name.
    Started {
        /// The name given.
        name: String,
    },
    /// The run was renamed.
    Renamed {
        /// The new name.
        name: String,
    },
    /// The run was deleted (it can be restored for a while).
    Deleted,
    /// A deleted run was restored.
    Restored,
    /// The step was marked done, reopened, or marked not applicable.
    Step {
        /// The new mark (with the reason when not applicable).
        mark: Mark,
    },
    /// A checklist item was checked, unchecked or marked not applicable.
    Item {
        /// The item's id.
        item: String,
        /// The new mark.
        mark: Mark,
    },
    /// The step's note was changed.
    Note {
        /// The note as it was left.
        text: String,
    },
    /// A task of the worksheet was added, changed, removed or put back.
    Task {
        /// The task's id.
        task: String,
        /// Its values; `None`: removed (its last values are in an earlier entry).
        value: Option<Task>,
    },
    /// The pilot theme was picked (or cleared).
    Theme {
        /// The theme; `None`: cleared.
        theme: Option<Theme>,
    },
    /// A metric's baseline was recorded (or cleared).
    Baseline {
        /// The metric's id.
        metric: String,
        /// The value; `None`: cleared.
        value: Option<f64>,
    },
    /// The team's own target of a metric was set (or cleared).
    Target {
        /// The metric's id.
        metric: String,
        /// The value; `None`: cleared.
        value: Option<f64>,
    },
    /// A measurement was recorded.
    Measured {
        /// The metric's id.
        metric: String,
        /// The measurement's id.
        id: String,
        /// The day it was measured (`YYYY-MM-DD`).
        date: String,
        /// The value.
        value: f64,
    },
    /// A measurement was removed.
    Unmeasured {
        /// The metric's id.
        metric: String,
        /// The measurement's id.
        id: String,
    },
    /// An approver approved at an approval step.
    Approved {
        /// The approver's id in the playbook.
        approver: String,
        /// What was written: name, role, day, version, comment.
        approval: Approval,
    },
    /// An approval was withdrawn.
    Withdrawn {
        /// The approver's id in the playbook.
        approver: String,
    },
    /// The prerequisite was recorded as met (or cleared).
    Prerequisite {
        /// Met (`false`: cleared).
        met: bool,
    },
    /// The people who take on a role were named (or no longer are: empty).
    Owner {
        /// The role, as the playbook names it.
        role: String,
        /// The people, as typed; empty: nobody.
        people: String,
    },
    /// The run's start (no phase) or a phase's start was set, or cleared to
    /// go back to the day worked out.
    Start {
        /// The phase's id; `None`: the run's start.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        phase: Option<String>,
        /// The day; `None`: cleared.
        date: Option<Day>,
    },
    /// The entry's step's date was set or moved, or cleared to go back to
    /// the playbook's.
    Due {
        /// The day; `None`: cleared.
        date: Option<Day>,
    },
    /// The time of day the team meets for the entry's step was set, or
    /// cleared (format 9).
    Meeting {
        /// The time; `None`: cleared.
        meeting: Option<super::Meeting>,
    },
    /// The work was sent back at the entry's (approval) step.
    SentBack {
        /// Why.
        reason: String,
        /// The steps reopened.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        reopened: Vec<String>,
    },
    /// A comment on the entry's step was written or edited (`Some`), or
    /// deleted (`None`; what it said is in an earlier entry).
    Comment {
        /// The comment's id.
        id: String,
        /// What it says now.
        text: Option<String>,
    },
    /// Evidence was added to the entry's step (`Some`), or removed.
    Evidence {
        /// The evidence's id.
        id: String,
        /// The link or path and its label.
        value: Option<Evidence>,
    },
    /// A question of the playbook was answered, or its answer cleared.
    Answer {
        /// The question's id.
        question: String,
        /// The answer's id; `None`: cleared.
        answer: Option<String>,
    },
    /// The ROI figures were changed.
    Roi {
        /// The figures as they were left.
        roi: Roi,
    },
    /// A change of the playbook was accepted: one step (the entry's step),
    /// a removed step, or the whole version.
    Accepted {
        /// The version accepted as a whole, if it was.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        version: Option<u32>,
    },
    /// Changes were taken in from a colleague's file.
    Imported {
        /// The file's name.
        file: String,
    },
}

impl Event {
    /// The kind, and the id within the step it concerns: with the time and
    /// the person, what makes an entry the same entry in two copies.
    fn identity(&self) -> (&'static str, &str) {
        match self {
            Event::Started { .. } => ("started", ""),
            Event::Renamed { .. } => ("renamed", ""),
            Event::Deleted => ("deleted", ""),
            Event::Restored => ("restored", ""),
            Event::Step { .. } => ("step", ""),
            Event::Item { item, .. } => ("item", item),
            Event::Note { .. } => ("note", ""),
            Event::Task { task, .. } => ("task", task),
            Event::Theme { .. } => ("theme", ""),
            Event::Baseline { metric, .. } => ("baseline", metric),
            Event::Target { metric, .. } => ("target", metric),
            Event::Measured { id, .. } => ("measured", id),
            Event::Unmeasured { id, .. } => ("unmeasured", id),
            Event::Approved { approver, .. } => ("approved", approver),
            Event::Withdrawn { approver } => ("withdrawn", approver),
            Event::Prerequisite { .. } => ("prerequisite", ""),
            Event::Roi { .. } => ("roi", ""),
            Event::Owner { role, .. } => ("owner", role),
            Event::Start { phase, .. } => ("start", phase.as_deref().unwrap_or("")),
            Event::Due { .. } => ("due", ""),
            Event::Meeting { .. } => ("meeting", ""),
            Event::Answer { question, .. } => ("answer", question),
            Event::SentBack { .. } => ("sent-back", ""),
            Event::Comment { id, .. } => ("comment", id),
            Event::Evidence { id, .. } => ("evidence", id),
            Event::Accepted { .. } => ("accepted", ""),
            Event::Imported { file } => ("imported", file),
        }
    }
}

/// One change to a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// When it was made (for a note typed key by key: the last key).
    pub at: Millis,
    /// When its series began, when that was earlier than `at` (a note).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Millis>,
    /// Who made it.
    #[serde(default, skip_serializing_if = "Person::is_unnamed")]
    pub by: Person,
    /// The playbook version the run was on.
    pub version: u32,
    /// The step it concerns, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
    /// What it did.
    pub did: Event,
}

impl Entry {
    /// When its series began.
    pub fn began(&self) -> Millis {
        self.since.unwrap_or(self.at)
    }

    pub(super) fn key(&self) -> (Millis, &str, &str, Option<&str>, &'static str, &str) {
        let (kind, id) = self.did.identity();
        (self.began(), &self.by.name, &self.by.role, self.step.as_deref(), kind, id)
    }

    /// Whether `stamp`'s change of the note of `step` continues this entry.
    fn continues_note(&self, step: &str, stamp: &Stamp) -> bool {
        matches!(self.did, Event::Note { .. })
            && self.step.as_deref() == Some(step)
            && self.by == stamp.by
            && stamp.at >= self.at
            && stamp.at - self.at <= NOTE_SERIES_MS
    }
}

/// Add the change `did` to `history`: a new entry, or, for a note the same
/// person keeps typing, the last entry brought up to date.
pub(super) fn record(history: &mut Vec<Entry>, stamp: &Stamp, version: u32, step: Option<&str>, did: Event) {
    if let (Event::Note { text }, Some(step)) = (&did, step)
        && let Some(last) = history.last_mut()
        && last.continues_note(step, stamp)
    {
        last.since = Some(last.began());
        last.at = stamp.at;
        last.did = Event::Note { text: text.clone() };
        return;
    }
    history.push(Entry {
        at: stamp.at,
        since: None,
        by: stamp.by.clone(),
        version,
        step: step.map(str::to_owned),
        did,
    });
}

/// Both histories in one: every entry once, the one that went further
/// where both copies hold the same series, in time order.
pub(super) fn merge(mine: &mut Vec<Entry>, theirs: Vec<Entry>) {
    if theirs.is_empty() || *mine == theirs {
        return;
    }
    mine.extend(theirs);
    // Same entry next to each other, the furthest (then the greatest, so
    // that every copy keeps the same one) last.
    mine.sort_by(|a, b| a.key().cmp(&b.key()).then(a.at.cmp(&b.at)).then_with(|| tiebreak(a, b)));
    let mut merged: Vec<Entry> = Vec::with_capacity(mine.len());
    for entry in mine.drain(..) {
        match merged.last_mut() {
            Some(last) if last.key() == entry.key() => *last = entry,
            _ => merged.push(entry),
        }
    }
    merged.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.key().cmp(&b.key())));
    *mine = merged;
}

/// A fixed order between two versions of one entry made at the same time.
fn tiebreak(a: &Entry, b: &Entry) -> std::cmp::Ordering {
    let text = |e: &Entry| serde_json::to_string(&e.did).unwrap_or_default();
    text(a).cmp(&text(b))
}

impl Entry {
    /// The step this entry concerns, when it names one or the playbook
    /// tells (a metric is entered on its step, the worksheet on the
    /// inventory step).
    pub fn step_in<'p>(&self, playbook: &'p Playbook) -> Option<&'p Step> {
        if let Some(id) = &self.step {
            return playbook.step(id).or_else(|| playbook.steps().find(|s| s.renamed_from.iter().any(|r| r == id)));
        }
        match &self.did {
            Event::Baseline { metric, .. }
            | Event::Target { metric, .. }
            | Event::Measured { metric, .. }
            | Event::Unmeasured { metric, .. } => playbook.metric_step(metric),
            Event::Task { .. } | Event::Theme { .. } => playbook.steps().find(|s| s.kind == StepKind::Inventory),
            _ => None,
        }
    }

    /// What the entry did, in words (for the timeline and the record).
    /// Every text in it comes from the run or the playbook and is shown as
    /// text, never as markup.
    pub fn describe(&self, playbook: &Playbook, t: &Texts) -> String {
        let metric = |id: &str| playbook.conditions.metric_name(id).to_owned();
        let quantity = |id: &str, v: f64| {
            let unit = playbook.conditions.metrics.iter().find(|m| m.id == id).map_or("", |m| m.unit.as_str());
            format!("{} {unit}", format_number(v)).trim_end().to_owned()
        };
        let item_text = |item: &str| {
            self.step_in(playbook)
                .and_then(|s| s.items.iter().find(|i| i.id == item || i.renamed_from.iter().any(|r| r == item)))
                .map_or_else(|| item.to_owned(), |i| clip(&i.text, 40))
        };
        match &self.did {
            Event::Started { name } => (t.ev_started)(name),
            Event::Renamed { name } => (t.ev_renamed)(name),
            Event::Deleted => t.ev_deleted.to_owned(),
            Event::Restored => t.ev_restored.to_owned(),
            Event::Step { mark: Mark::Done } => t.ev_step_done.to_owned(),
            Event::Step { mark: Mark::Open } => t.ev_step_open.to_owned(),
            Event::Step { mark: Mark::Na { reason } } => (t.ev_step_na)(reason),
            Event::Item { item, mark: Mark::Done } => (t.ev_item_done)(&item_text(item)),
            Event::Item { item, mark: Mark::Open } => (t.ev_item_open)(&item_text(item)),
            Event::Item { item, mark: Mark::Na { reason } } => (t.ev_item_na)(&item_text(item), reason),
            Event::Note { text } if text.trim().is_empty() => t.ev_note_cleared.to_owned(),
            Event::Note { text } => (t.ev_note)(&clip(text, 80)),
            Event::Task { value: Some(task), .. } => (t.ev_task_set)(&task.name),
            Event::Task { value: None, .. } => t.ev_task_removed.to_owned(),
            Event::Theme { theme: Some(theme) } => (t.ev_theme)(&theme.department, &theme.task),
            Event::Theme { theme: None } => t.ev_theme_cleared.to_owned(),
            Event::Baseline { metric: m, value: Some(v) } => (t.ev_baseline)(&metric(m), &quantity(m, *v)),
            Event::Baseline { metric: m, value: None } => (t.ev_baseline_cleared)(&metric(m)),
            Event::Target { metric: m, value: Some(v) } => (t.ev_target)(&metric(m), &quantity(m, *v)),
            Event::Target { metric: m, value: None } => (t.ev_target_cleared)(&metric(m)),
            Event::Measured { metric: m, date, value, .. } => (t.ev_measured)(&metric(m), date, &quantity(m, *value)),
            Event::Unmeasured { metric: m, .. } => (t.ev_unmeasured)(&metric(m)),
            Event::Approved { approver, approval } => {
                (t.ev_approved)(playbook.conditions.approver_role(approver), &approval.name)
            }
            Event::Withdrawn { approver } => (t.ev_withdrawn)(playbook.conditions.approver_role(approver)),
            Event::Prerequisite { met: true } => t.ev_prerequisite_met.to_owned(),
            Event::Prerequisite { met: false } => t.ev_prerequisite_cleared.to_owned(),
            Event::Roi { .. } => t.ev_roi.to_owned(),
            Event::Owner { role, people } if people.trim().is_empty() => (t.ev_owner_cleared)(role),
            Event::Owner { role, people } => (t.ev_owner)(role, &clip(people, 80)),
            Event::Start { phase, date } => {
                let phase = phase.as_deref().map(|id| PhaseKind::from_id(id).map_or(id, |k| t.phase_names[k as usize]));
                (t.ev_start)(phase, date.map(|d| d.text(t.lang)).as_deref())
            }
            Event::Due { date } => (t.ev_due)(date.map(|d| d.text(t.lang)).as_deref()),
            Event::Meeting { meeting } => (t.ev_meeting)(meeting.map(|m| m.span_text(t.lang)).as_deref()),
            Event::Answer { question, answer } => {
                let q = playbook.question(question);
                let ask = q.map_or(question.as_str(), |q| q.text.as_str());
                match answer {
                    Some(a) => (t.ev_answer)(ask, q.and_then(|q| q.choice(a)).map_or(a.as_str(), |c| c.label.as_str())),
                    None => (t.ev_answer_cleared)(ask),
                }
            }
            Event::SentBack { reason, reopened } => (t.ev_sent_back)(&clip(reason, 80), reopened.len()),
            Event::Comment { text: Some(text), .. } => (t.ev_comment)(&clip(text, 80)),
            Event::Comment { text: None, .. } => t.ev_comment_deleted.to_owned(),
            Event::Evidence { value: Some(e), .. } => {
                (t.ev_evidence)(&clip(if e.label.is_empty() { &e.target } else { &e.label }, 80))
            }
            Event::Evidence { value: None, .. } => t.ev_evidence_removed.to_owned(),
            Event::Accepted { version: Some(v) } => (t.ev_accepted_version)(*v),
            Event::Accepted { version: None } => t.ev_accepted_step.to_owned(),
            Event::Imported { file } => (t.ev_imported)(file),
        }
    }

    /// Who made it, as shown: the name (and role), or "unnamed".
    pub fn who(&self, t: &Texts) -> String {
        self.by.shown(t)
    }
}

/// At most `max` characters of `text` on one line, with … when cut.
pub(crate) fn clip(text: &str, max: usize) -> String {
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if line.chars().count() <= max {
        return line;
    }
    let mut cut: String = line.chars().take(max).collect();
    cut.push('…');
    cut
}

/// The people who appear in `history`, by name, in the order they first
/// appear (the unnamed last, if any).
pub fn people(history: &[Entry]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for entry in history {
        if !names.contains(&entry.by.name) {
            names.push(entry.by.name.clone());
        }
    }
    if let Some(i) = names.iter().position(String::is_empty) {
        let unnamed = names.remove(i);
        names.push(unnamed);
    }
    names
}

/// `at` as `YYYY-MM-DD HH:MM` on a clock `offset_minutes` ahead of UTC
/// (540 in Japan), for places that write times without a browser.
pub fn date_time(at: Millis, offset_minutes: i32) -> String {
    let local = at.div_euclid(60_000) + i64::from(offset_minutes);
    let (days, minute) = (local.div_euclid(1440), local.rem_euclid(1440));
    // Days since 1970-01-01 to the civil date (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", minute / 60, minute % 60)
}
