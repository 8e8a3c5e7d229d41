//! The state of runs and how two copies of it merge: every value a person
//! sets is [`Stamped`], and [`Progress::merge`] keeps, field by field, the
//! value set last.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::history::{self, Entry, Event, Stamp};
use super::{
    Approval, Comment, Dates, Evidence, FORMAT, MetricRecord, Millis, OpenItem, Prerequisite, ProgressError, Return,
    Roi, Theme,
};
use crate::inventory;
use crate::model::{Item, Phase, PhaseKind, Playbook, Step, StepConditions, StepKind};

/// The longest run name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// How old work that is not yet in an export file may get before the app
/// reminds the team to export.
pub const BACKUP_REMINDER_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// How long a deleted run is kept so that its deletion can be undone.
pub const KEEP_DELETED_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A value and when it was set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was set; 0 for "never".
    pub at: Millis,
}

impl<T: PartialEq> Stamped<T> {
    pub(super) fn new(value: T, at: Millis) -> Self {
        Stamped { value, at }
    }

    /// Keep whichever was set last; on a tie, keep `self`.
    pub(super) fn merge(&mut self, other: Stamped<T>) {
        if other.at > self.at {
            *self = other;
        }
    }

    /// Set it to `value` at `at`, unless it already holds `value` (then
    /// nothing changes, not even when it was set): whether it changed. The
    /// setters log a history entry exactly when it did.
    pub(super) fn set(&mut self, value: T, at: Millis) -> bool {
        if self.value == value {
            return false;
        }
        *self = Stamped::new(value, at);
        true
    }
}

/// [`Stamped::set`] for the slot under `key` in `map`; a missing slot holds
/// the default value (none, empty), so setting that adds no slot.
pub(super) fn set_keyed<T: PartialEq + Default>(
    map: &mut BTreeMap<String, Stamped<T>>,
    key: &str,
    value: T,
    at: Millis,
) -> bool {
    match map.get_mut(key) {
        Some(slot) => slot.set(value, at),
        None if value == T::default() => false,
        None => {
            map.insert(key.to_owned(), Stamped::new(value, at));
            true
        }
    }
}

/// The state of a step or a checklist item.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mark", rename_all = "lowercase")]
pub enum Mark {
    /// Not done yet.
    #[default]
    Open,
    /// Done.
    Done,
    /// Does not apply to this team, for the given reason.
    Na {
        /// Why it does not apply; never empty.
        reason: String,
    },
}

impl Mark {
    /// Done or not applicable: nothing left to do.
    pub fn is_resolved(&self) -> bool {
        !matches!(self, Mark::Open)
    }
}

/// What a team recorded on one step.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct StepRecord {
    /// Done, not applicable or open.
    pub mark: Stamped<Mark>,
    /// The team's note.
    pub note: Stamped<String>,
    /// Checklist items by id.
    pub items: BTreeMap<String, Stamped<Mark>>,
    /// Signatures on an approval step, by approver id (format 2).
    #[serde(default)]
    pub approvals: BTreeMap<String, Stamped<Option<Approval>>>,
    /// The former id this record was copied forward from, when the step was
    /// renamed (format 2); that record's values are all in this one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub copied_from: Option<String>,
}

impl StepRecord {
    pub(super) fn merge(&mut self, other: StepRecord) {
        self.mark.merge(other.mark);
        self.note.merge(other.note);
        merge_maps(&mut self.items, other.items, Stamped::merge);
        merge_maps(&mut self.approvals, other.approvals, Stamped::merge);
        if self.copied_from.is_none() {
            self.copied_from = other.copied_from;
        }
    }

    /// When anything in the record was last set.
    pub fn updated(&self) -> Millis {
        [self.mark.at, self.note.at]
            .into_iter()
            .chain(self.items.values().map(|i| i.at))
            .chain(self.approvals.values().map(|a| a.at))
            .max()
            .unwrap_or(0)
    }

    /// True when nothing has ever been recorded.
    pub fn is_empty(&self) -> bool {
        self.mark.at == 0 && self.note.at == 0 && self.items.is_empty() && self.approvals.is_empty()
    }
}

/// One team's execution of one playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Run {
    /// Unique id, used in URLs.
    pub id: String,
    /// The playbook's id.
    pub playbook: String,
    /// What the team calls it (人事部 2026年度 パイロット).
    pub name: Stamped<String>,
    /// When it was started.
    pub created: Millis,
    /// When it was deleted (`Some`), or restored (`None` with a later stamp).
    pub deleted: Stamped<Option<Millis>>,
    /// The playbook version it was started on.
    pub version: u32,
    /// The playbook's content hash when it was started.
    pub content_hash: String,
    /// Each step's hash when the run was started, by step id.
    pub step_hashes: BTreeMap<String, String>,
    /// What was recorded, by step id.
    pub steps: BTreeMap<String, StepRecord>,
    /// The inventory worksheet, by task id; `None` marks a removed task (format 2).
    #[serde(default)]
    pub tasks: BTreeMap<String, Stamped<Option<inventory::Task>>>,
    /// The pilot theme picked from the worksheet (format 2).
    #[serde(default)]
    pub theme: Stamped<Option<Theme>>,
    /// Baselines, targets and measurements, by metric id (format 2).
    #[serde(default)]
    pub metrics: BTreeMap<String, MetricRecord>,
    /// The team's figures for the ROI view (format 2).
    #[serde(default)]
    pub roi: Stamped<Roi>,
    /// Step hashes accepted since the run started, by step id; `None`
    /// accepts that the step was removed (format 2).
    #[serde(default)]
    pub accepted: BTreeMap<String, Stamped<Option<String>>>,
    /// The playbook version last accepted as a whole (format 2).
    #[serde(default)]
    pub accepted_version: Stamped<Option<u32>>,
    /// How the playbook's prerequisite was met (format 3).
    #[serde(default)]
    pub prerequisite: Stamped<Option<Prerequisite>>,
    /// The people who take on each role, as typed, by role (format 6;
    /// `owners.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub owners: BTreeMap<String, Stamped<String>>,
    /// The run's, phases' and steps' dates the team set (format 7;
    /// `schedule.rs`).
    #[serde(default, skip_serializing_if = "Dates::is_empty")]
    pub dates: Dates,
    /// Every time the work was sent back at an approval, by id (format 7;
    /// `send_back.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub returns: BTreeMap<String, Stamped<Return>>,
    /// The comments on the steps, by id; `None` marks a deleted one
    /// (format 7; `discussion.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub comments: BTreeMap<String, Stamped<Option<Comment>>>,
    /// The evidence on the steps, by id; `None` marks a removed one
    /// (format 7; `discussion.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub evidence: BTreeMap<String, Stamped<Option<Evidence>>>,
    /// The answers to the playbook's questions, by question id; `None`
    /// marks a cleared answer (format 8; `answers.rs`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub answers: BTreeMap<String, Stamped<Option<String>>>,
    /// Every change, who made it and when, oldest first (format 5).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Entry>,
}

/// How many of something are finished.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Done or not applicable.
    pub done: usize,
    /// All.
    pub total: usize,
}

impl Tally {
    /// Whole percent, rounded down so that 100 means really all.
    pub fn percent(self) -> u32 {
        (self.done * 100).checked_div(self.total).unwrap_or(0) as u32
    }

    /// Everything is finished (and there was something to finish).
    pub fn complete(self) -> bool {
        self.total > 0 && self.done == self.total
    }

    fn add(self, other: Tally) -> Tally {
        Tally { done: self.done + other.done, total: self.total + other.total }
    }
}

/// Which phases of a run are complete, in playbook order: taken before and
/// after a change, it tells the moment a phase becomes complete (not a
/// phase that already was).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhasesComplete(Vec<(PhaseKind, bool)>);

impl PhasesComplete {
    /// The first phase complete now that was not complete `before`.
    pub fn just_completed(&self, before: &PhasesComplete) -> Option<PhaseKind> {
        self.0.iter().zip(&before.0).find(|(now, then)| now.0 == then.0 && now.1 && !then.1).map(|(now, _)| now.0)
    }
}

/// A run's id from the time and a random number: short, sortable by time,
/// and safe in URLs and storage keys.
pub fn run_id(now: Millis, random: u32) -> String {
    format!("r{}{}", base36(now.max(0) as u64), base36(u64::from(random)))
}

pub(super) fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

pub(super) fn check_name(name: &str) -> Result<String, ProgressError> {
    let name = name.trim();
    if name.is_empty() {
        Err(ProgressError::EmptyName)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(ProgressError::NameTooLong)
    } else {
        Ok(name.to_owned())
    }
}

pub(super) fn check_mark(mark: Mark, na_allowed: bool) -> Result<Mark, ProgressError> {
    match mark {
        Mark::Na { reason } => {
            let reason = reason.trim();
            if !na_allowed {
                Err(ProgressError::NaNotAllowed)
            } else if reason.is_empty() {
                Err(ProgressError::ReasonRequired)
            } else {
                Ok(Mark::Na { reason: reason.to_owned() })
            }
        }
        other => Ok(other),
    }
}

impl Run {
    /// Add change `did` (of `step`, if any) to the history.
    pub(super) fn log(&mut self, stamp: &Stamp, step: Option<&str>, did: Event) {
        let version = self.accepted_version.value.unwrap_or(self.version);
        history::record(&mut self.history, stamp, version, step, did);
    }

    /// Whether the run has been deleted (and may still be restored).
    pub fn is_deleted(&self) -> bool {
        self.deleted.value.is_some()
    }

    /// The record of `step`, under its id or, when nothing was recorded
    /// under it yet, the most recently changed record under one of the ids
    /// it was renamed from (in whatever order the author listed them).
    pub fn record(&self, step: &Step) -> Option<&StepRecord> {
        self.record_key(step).and_then(|id| self.steps.get(id))
    }

    /// The id [`Run::record`] reads `step`'s progress from.
    pub(super) fn record_key<'s>(&self, step: &'s Step) -> Option<&'s str> {
        if self.steps.contains_key(&step.id) {
            return Some(&step.id);
        }
        step.renamed_from
            .iter()
            .filter_map(|id| self.steps.get(id).map(|r| (id.as_str(), r.updated())))
            .max_by_key(|(_, at)| *at)
            .map(|(id, _)| id)
    }

    pub(super) fn record_mut(&mut self, step: &Step) -> &mut StepRecord {
        if !self.steps.contains_key(&step.id) {
            // Progress kept under an earlier id is copied forward; the old
            // record stays, so nothing recorded is ever dropped.
            let earlier = match self.record_key(step) {
                Some(from) => StepRecord { copied_from: Some(from.to_owned()), ..self.steps[from].clone() },
                None => StepRecord::default(),
            };
            self.steps.insert(step.id.clone(), earlier);
        }
        self.steps.entry(step.id.clone()).or_default()
    }

    /// The mark of `step`: not applicable, with the reason, while the
    /// answers exclude it (what was recorded on it stays, for when they no
    /// longer do); else as recorded.
    pub fn step_mark(&self, step: &Step) -> Mark {
        if let Some(c) = self.unmet(&step.when) {
            return Mark::Na { reason: c.reason(crate::text::texts(crate::Lang::Ja)) };
        }
        self.record(step).map(|r| r.mark.value.clone()).unwrap_or_default()
    }

    /// The team's note on `step`.
    pub fn note(&self, step: &Step) -> &str {
        self.record(step).map_or("", |r| r.note.value.as_str())
    }

    /// The mark of checklist item `item` of `step`.
    pub fn item_mark(&self, step: &Step, item: &Item) -> Mark {
        if let Some(c) = self.item_unmet(step, item) {
            return Mark::Na { reason: c.reason(crate::text::texts(crate::Lang::Ja)) };
        }
        self.record(step)
            .and_then(|r| std::iter::once(&item.id).chain(&item.renamed_from).find_map(|id| r.items.get(id)))
            .map(|m| m.value.clone())
            .unwrap_or_default()
    }

    /// Checklist items of `step` not yet done or marked not applicable.
    pub fn open_items(&self, step: &Step) -> usize {
        step.items.iter().filter(|item| !self.item_mark(step, item).is_resolved()).count()
    }

    /// Mark `step`. Done needs every checklist item resolved; not applicable
    /// needs a reason and a playbook that allows it. A step behind a closed
    /// gate (an approval step of an earlier phase not yet signed, or, for the
    /// pilot, metrics without a baseline) cannot be finished, and an approval
    /// step is done only once its gate is open.
    pub fn set_step(
        &mut self,
        playbook: &Playbook,
        step: &Step,
        mark: Mark,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let mark = check_mark(mark, step.na_allowed)?;
        if !self.applies(step) {
            return Err(ProgressError::Excluded);
        }
        if mark.is_resolved()
            && let Some(gate) = self.blocking_gate(playbook, step)
        {
            return Err(ProgressError::GateClosed(gate.to_owned()));
        }
        if mark == Mark::Done {
            let open: Vec<OpenItem> = step
                .items
                .iter()
                .filter(|item| !self.item_mark(step, item).is_resolved())
                .map(|item| OpenItem { text: item.text.clone(), na_allowed: item.na_allowed })
                .collect();
            if !open.is_empty() {
                return Err(ProgressError::ItemsOpen { items: open, step_na: step.na_allowed });
            }
            if let StepKind::Approval { gate, .. } = &step.kind
                && !self.gate(playbook, gate).is_empty()
            {
                return Err(ProgressError::GateClosed(gate.clone()));
            }
        }
        self.record_mut(step).mark = Stamped::new(mark.clone(), now);
        self.log(&stamp, Some(&step.id), Event::Step { mark });
        Ok(())
    }

    /// Mark checklist item `item_id` of `step`. Unchecking an item of a done
    /// step reopens the step, so "done" always means every item resolved.
    pub fn set_item(
        &mut self,
        step: &Step,
        item_id: &str,
        mark: Mark,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let item = step.items.iter().find(|i| i.id == item_id).ok_or(ProgressError::NoSuchItem)?;
        let mark = check_mark(mark, item.na_allowed)?;
        if self.item_unmet(step, item).is_some() {
            return Err(ProgressError::Excluded);
        }
        let reopen = !mark.is_resolved() && self.step_mark(step) == Mark::Done;
        let record = self.record_mut(step);
        record.items.insert(item.id.clone(), Stamped::new(mark.clone(), now));
        if reopen {
            record.mark = Stamped::new(Mark::Open, now);
        }
        self.log(&stamp, Some(&step.id), Event::Item { item: item.id.clone(), mark });
        if reopen {
            self.log(&stamp, Some(&step.id), Event::Step { mark: Mark::Open });
        }
        Ok(())
    }

    /// Replace the note on `step`.
    pub fn set_note(&mut self, step: &Step, note: &str, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        let now = stamp.at;
        let record = self.record_mut(step);
        if record.note.value != note {
            record.note = Stamped::new(note.to_owned(), now);
            self.log(&stamp, Some(&step.id), Event::Note { text: note.to_owned() });
        }
    }

    /// Finished steps of one phase.
    pub fn phase_tally(&self, phase: &Phase) -> Tally {
        let done = phase.steps.iter().filter(|s| self.step_mark(s).is_resolved()).count();
        Tally { done, total: phase.steps.len() }
    }

    /// Finished steps of the whole playbook.
    pub fn tally(&self, playbook: &Playbook) -> Tally {
        playbook.phases.iter().map(|p| self.phase_tally(p)).fold(Tally::default(), Tally::add)
    }

    /// The first step not yet finished, if any.
    pub fn next_open<'p>(&self, playbook: &'p Playbook) -> Option<&'p Step> {
        playbook.steps().find(|s| !self.step_mark(s).is_resolved())
    }

    /// The step to show: `wanted` (from the address) when the playbook has
    /// it, else the first step not yet finished, else the first step.
    pub fn current_step<'p>(&self, playbook: &'p Playbook, wanted: Option<&str>) -> Option<&'p Step> {
        wanted.and_then(|id| playbook.step(id)).or_else(|| self.next_open(playbook)).or_else(|| playbook.steps().next())
    }

    /// Which phases are complete now, to compare with an earlier moment.
    pub fn phases_complete(&self, playbook: &Playbook) -> PhasesComplete {
        PhasesComplete(playbook.phases.iter().map(|ph| (ph.kind, self.phase_tally(ph).complete())).collect())
    }

    /// Records no step of the playbook shows: under ids it no longer has
    /// (not even as `renamed_from`), or under an earlier id of a step that
    /// reads its progress elsewhere and never took this record's values over
    /// (two former ids, say). Nothing is dropped: the app lists them.
    pub fn orphaned<'r>(&'r self, playbook: &Playbook) -> Vec<(&'r str, &'r StepRecord)> {
        // Every id a step answers to, and the id it reads from.
        let mut shown: std::collections::HashMap<&str, Option<&str>> = std::collections::HashMap::new();
        for step in playbook.steps() {
            let read = self.record_key(step);
            for id in std::iter::once(&step.id).chain(&step.renamed_from) {
                shown.insert(id.as_str(), read);
            }
        }
        // Whether `id`'s values are all in the record read from `read`: it is
        // that record, or one it was copied forward from.
        let subsumed = |id: &str, read: &str| {
            let mut at = Some(read);
            for _ in 0..=self.steps.len() {
                match at {
                    Some(k) if k == id => return true,
                    Some(k) => at = self.steps.get(k).and_then(|r| r.copied_from.as_deref()),
                    None => return false,
                }
            }
            false
        };
        self.steps
            .iter()
            .filter(|(id, r)| {
                !r.is_empty()
                    && match shown.get(id.as_str()) {
                        None => true,
                        Some(read) => !read.is_some_and(|read| subsumed(id, read)),
                    }
            })
            .map(|(id, r)| (id.as_str(), r))
            .collect()
    }

    /// Last time anything in the run was set.
    pub fn updated(&self) -> Millis {
        let steps = self.steps.values().map(StepRecord::updated);
        let accepted = self.accepted.values().map(|a| a.at).chain([self.accepted_version.at]);
        steps
            .chain(accepted)
            .chain(self.tools_updated())
            .chain(self.owners.values().map(|o| o.at))
            .chain(self.answers.values().map(|a| a.at))
            .chain(self.dates.updated())
            .chain(self.returns.values().map(|r| r.at))
            .chain(self.comments.values().map(|c| c.at))
            .chain(self.evidence.values().map(|e| e.at))
            .chain([self.created, self.name.at, self.deleted.at])
            .max()
            .unwrap_or(self.created)
    }

    pub(super) fn merge(&mut self, mut other: Run) {
        self.merge_tools(&mut other);
        merge_maps(&mut self.accepted, std::mem::take(&mut other.accepted), Stamped::merge);
        self.accepted_version.merge(std::mem::take(&mut other.accepted_version));
        self.name.merge(other.name);
        self.deleted.merge(other.deleted);
        merge_maps(&mut self.owners, other.owners, Stamped::merge);
        merge_maps(&mut self.answers, other.answers, Stamped::merge);
        self.dates.merge(other.dates);
        merge_maps(&mut self.returns, other.returns, Stamped::merge);
        merge_maps(&mut self.comments, other.comments, Stamped::merge);
        merge_maps(&mut self.evidence, other.evidence, Stamped::merge);
        merge_maps(&mut self.steps, other.steps, StepRecord::merge);
        history::merge(&mut self.history, other.history);
    }

    /// Finished steps among those the playbook had when the run started, for
    /// places that know the run but not the playbook (the catalog): done,
    /// marked not applicable, or excluded by the answers under `when` (the
    /// playbook's [`StepConditions`], from the manifest), as [`Run::tally`]
    /// counts them.
    pub fn resolved_started_steps(&self, when: &StepConditions) -> usize {
        self.step_hashes
            .keys()
            .filter(|id| {
                self.unmet(when.get(id)).is_some() || self.steps.get(*id).is_some_and(|r| r.mark.value.is_resolved())
            })
            .count()
    }
}

/// Add `theirs` to `mine` by key; values under the same key are combined with `merge`.
pub(super) fn merge_maps<V>(mine: &mut BTreeMap<String, V>, theirs: BTreeMap<String, V>, merge: impl Fn(&mut V, V)) {
    for (key, value) in theirs {
        match mine.entry(key) {
            std::collections::btree_map::Entry::Occupied(mut entry) => merge(entry.get_mut(), value),
            std::collections::btree_map::Entry::Vacant(entry) => {
                entry.insert(value);
            }
        }
    }
}

/// Everything this browser keeps about runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    /// Always [`FORMAT`] once decoded.
    pub format: u32,
    /// Every run, deleted ones included until purged, in creation order.
    pub runs: Vec<Run>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { format: FORMAT, runs: Vec::new() }
    }
}

impl Progress {
    /// Start a run of `playbook`, named `name`, with the given fresh id.
    pub fn start_run(
        &mut self,
        playbook: &Playbook,
        name: &str,
        id: String,
        stamp: impl Into<Stamp>,
    ) -> Result<&Run, ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let name = check_name(name)?;
        let run = Run {
            id,
            playbook: playbook.meta.id.clone(),
            name: Stamped::new(name.clone(), now),
            created: now,
            deleted: Stamped::default(),
            version: playbook.meta.version,
            content_hash: playbook_hash(playbook),
            step_hashes: playbook
                .steps()
                .map(|s| (s.id.clone(), s.hash.clone()))
                .chain(playbook.questions.iter().map(|q| (super::drift::question_key(&q.id), q.hash.clone())))
                .collect(),
            steps: BTreeMap::new(),
            tasks: BTreeMap::new(),
            theme: Stamped::default(),
            metrics: BTreeMap::new(),
            roi: Stamped::default(),
            accepted: BTreeMap::new(),
            accepted_version: Stamped::default(),
            prerequisite: Stamped::default(),
            owners: BTreeMap::new(),
            dates: Dates::default(),
            returns: BTreeMap::new(),
            comments: BTreeMap::new(),
            evidence: BTreeMap::new(),
            answers: BTreeMap::new(),
            history: Vec::new(),
        };
        self.runs.push(run);
        let run = self.runs.last_mut().unwrap_or_else(|| unreachable!());
        run.log(&stamp, None, Event::Started { name });
        Ok(self.runs.last().unwrap_or_else(|| unreachable!()))
    }

    /// The run with this id, unless deleted.
    pub fn run(&self, id: &str) -> Option<&Run> {
        self.runs.iter().find(|r| r.id == id && !r.is_deleted())
    }

    /// The run with this id for changing, unless deleted.
    pub fn run_mut(&mut self, id: &str) -> Result<&mut Run, ProgressError> {
        self.runs.iter_mut().find(|r| r.id == id && !r.is_deleted()).ok_or(ProgressError::NoSuchRun)
    }

    /// Runs that are not deleted.
    pub fn live_runs(&self) -> impl Iterator<Item = &Run> {
        self.runs.iter().filter(|r| !r.is_deleted())
    }

    /// Runs of this browser that replacing it with `other` would remove:
    /// live here and not live there.
    pub fn runs_missing_from<'a>(&'a self, other: &'a Progress) -> impl Iterator<Item = &'a Run> {
        self.live_runs().filter(|r| !other.live_runs().any(|o| o.id == r.id))
    }

    /// Runs of one playbook, most recently worked on first.
    pub fn runs_of(&self, playbook: &str) -> Vec<&Run> {
        let mut runs: Vec<&Run> = self.live_runs().filter(|r| r.playbook == playbook).collect();
        runs.sort_by_cached_key(|r| std::cmp::Reverse(r.updated()));
        runs
    }

    /// Rename a run.
    pub fn rename(&mut self, id: &str, name: &str, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let name = check_name(name)?;
        let run = self.run_mut(id)?;
        run.name = Stamped::new(name.clone(), now);
        run.log(&stamp, None, Event::Renamed { name });
        Ok(())
    }

    /// Delete a run; it is kept for [`KEEP_DELETED_MS`] so that [`Progress::restore`] can undo it.
    pub fn delete(&mut self, id: &str, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let run = self.run_mut(id)?;
        run.deleted = Stamped::new(Some(now), now);
        run.log(&stamp, None, Event::Deleted);
        Ok(())
    }

    /// Undo the deletion of a run.
    pub fn restore(&mut self, id: &str, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let run = self.runs.iter_mut().find(|r| r.id == id && r.is_deleted()).ok_or(ProgressError::NoSuchRun)?;
        run.deleted = Stamped::new(None, now);
        run.log(&stamp, None, Event::Restored);
        Ok(())
    }

    /// Whether to remind the team to export: some work is not in an export
    /// file (changed after `last_export`, or never exported) and the oldest
    /// such work is older than [`BACKUP_REMINDER_MS`].
    pub fn backup_due(&self, last_export: Option<Millis>, now: Millis) -> bool {
        let exported = last_export.unwrap_or(0);
        let unsaved = self.live_runs().filter(|r| r.updated() > exported);
        // The oldest unsaved work began at the export, or at the run's start.
        let since = unsaved.map(|r| r.created.max(exported)).min();
        since.is_some_and(|since| now - since >= BACKUP_REMINDER_MS)
    }

    /// Forget runs deleted longer than [`KEEP_DELETED_MS`] ago.
    pub fn purge(&mut self, now: Millis) {
        self.runs.retain(|r| r.deleted.value.is_none_or(|at| now - at < KEEP_DELETED_MS));
    }

    /// Combine with another copy of the same data (another tab, the stored
    /// value): runs are matched by id, every field keeps the value set last.
    pub fn merge(&mut self, other: Progress) {
        for run in other.runs {
            match self.runs.iter_mut().find(|r| r.id == run.id) {
                Some(mine) => mine.merge(run),
                None => self.runs.push(run),
            }
        }
        self.runs.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)));
    }
}

/// The hash a run records of the whole playbook it started on.
pub fn playbook_hash(playbook: &Playbook) -> String {
    let mut text = format!("{}@{}\n", playbook.meta.id, playbook.meta.version);
    for step in playbook.steps() {
        text.push_str(&step.id);
        text.push(' ');
        text.push_str(&step.hash);
        text.push('\n');
    }
    crate::hash::content_hash(&text)
}
