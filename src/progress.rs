//! A team's progress: runs of playbooks, what is done, what does not apply
//! and why, notes — and how that survives storage, a second tab, an export
//! and a newer build.
//!
//! Everything here is plain data and pure functions. Time comes in as `now`
//! (milliseconds since the Unix epoch) so that tests can choose it; the app
//! passes `Date.now()`.
//!
//! Every value a person sets is [`Stamped`] with the time it was set. Two
//! copies of the same data (two tabs, the stored value and memory) are
//! combined with [`Progress::merge`], which keeps, field by field, the value
//! set last. So checking different steps in two tabs loses neither, and a
//! stale tab never undoes newer work.
//!
//! The stored and exported forms carry a format number. [`decode`] reads
//! every format up to [`FORMAT`], migrating older ones step by step, and
//! refuses newer ones with [`DecodeError::Newer`] so that an older build
//! never overwrites what a newer build wrote.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::diagnostic::Lang;
use crate::inventory;
use crate::model::{Item, Phase, Playbook, Step, StepKind};

mod drift;
mod prerequisite;
mod tools;

pub use drift::{Drift, StepDrift};
pub use prerequisite::Prerequisite;

pub use tools::{
    Approval, ImportedTasks, MAX_APPROVAL_CHARS, MAX_MEASUREMENTS, Measurement, MetricRecord, Missing, PILOT_GATE,
    ROLLOUT_GATE, Roi, RoiView, TaskImport, TaskPreview, Theme, gate_label, valid_date,
};

/// The format of [`Progress`] this build writes. Raise it, and add a step to
/// [`migrate`], whenever the stored shape changes.
pub const FORMAT: u32 = 4;

/// The oldest format the current types read directly (later fields all
/// have defaults). Raise it when a format changes the shape incompatibly.
const FIRST_SERDE_FORMAT: u64 = 1;

/// What an export file says it is.
pub const EXPORT_KIND: &str = "tebiki-export";

/// The largest import (or stored value) read, in bytes.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

/// The longest run name, in characters.
pub const MAX_NAME_CHARS: usize = 120;

/// How old work that is not yet in an export file may get before the app
/// reminds the team to export.
pub const BACKUP_REMINDER_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// How long a deleted run is kept so that its deletion can be undone.
pub const KEEP_DELETED_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

/// A value and when it was set.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Stamped<T> {
    /// The value.
    pub value: T,
    /// When it was set; 0 for "never".
    pub at: Millis,
}

impl<T: PartialEq> Stamped<T> {
    fn new(value: T, at: Millis) -> Self {
        Stamped { value, at }
    }

    /// Keep whichever was set last; on a tie, keep `self`.
    fn merge(&mut self, other: Stamped<T>) {
        if other.at > self.at {
            *self = other;
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
    fn merge(&mut self, other: StepRecord) {
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

/// Why a change was refused. Messages are in [`ProgressError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    /// No run (or only a deleted one) has this id.
    NoSuchRun,
    /// A run name that is empty after trimming.
    EmptyName,
    /// A run name longer than [`MAX_NAME_CHARS`].
    NameTooLong,
    /// "Not applicable" without a reason.
    ReasonRequired,
    /// The playbook does not allow marking this step or item not applicable.
    NaNotAllowed,
    /// The step still has open checklist items: which ones, and whether the
    /// step as a whole may be marked not applicable.
    ItemsOpen {
        /// The open items, in the playbook's order.
        items: Vec<OpenItem>,
        /// The playbook allows marking the whole step not applicable.
        step_na: bool,
    },
    /// The step has no item with this id.
    NoSuchItem,
    /// A run id with characters other than ASCII letters, digits, `-` and `_`.
    InvalidId,
    /// A number that is not finite.
    NotANumber,
    /// A date that is not a real day written `YYYY-MM-DD`.
    InvalidDate,
    /// More entries than the limit allows.
    TooMany(usize),
    /// A text longer than this many characters.
    TooLong(usize),
    /// The approver is not listed on this approval step.
    NotAnApprover,
    /// No task with this id in the worksheet.
    NoSuchTask,
    /// A task with a value in this column that cannot be right.
    InvalidTask(inventory::Field),
    /// The pilot gate cannot be signed: this many metrics have no baseline.
    BaselinesMissing(usize),
    /// The playbook requires no other playbook (or not this one).
    NoPrerequisite,
    /// This browser has no finished run of the required playbook.
    PrerequisiteNotFinished,
    /// This gate (by id) is still closed.
    GateClosed(String),
}

impl ProgressError {
    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProgressError::NoSuchRun, Lang::Ja) => "この取り組みは見つかりません。削除された可能性があります。".into(),
            (ProgressError::NoSuchRun, Lang::En) => "This run no longer exists; it may have been deleted.".into(),
            (ProgressError::EmptyName, Lang::Ja) => "名前を入力してください。".into(),
            (ProgressError::EmptyName, Lang::En) => "Enter a name.".into(),
            (ProgressError::NameTooLong, Lang::Ja) => format!("名前は {MAX_NAME_CHARS} 文字以内にしてください。"),
            (ProgressError::NameTooLong, Lang::En) => format!("Names can be at most {MAX_NAME_CHARS} characters."),
            (ProgressError::ReasonRequired, Lang::Ja) => "対象外にする理由を入力してください。".into(),
            (ProgressError::ReasonRequired, Lang::En) => "Enter why this does not apply.".into(),
            (ProgressError::NaNotAllowed, Lang::Ja) => "このプレイブックでは、これを対象外にできません。".into(),
            (ProgressError::NaNotAllowed, Lang::En) => "This playbook does not allow skipping this.".into(),
            (ProgressError::ItemsOpen { items, step_na }, lang) => items_open_message(items, *step_na, lang),
            (ProgressError::NoSuchItem, Lang::Ja) => "このチェック項目はプレイブックにありません。".into(),
            (ProgressError::NoSuchItem, Lang::En) => "This checklist item is not in the playbook.".into(),
            (ProgressError::InvalidId, Lang::Ja) => {
                "取り組みの id には半角英数字・ハイフン・アンダースコア（_）だけを使えます。".into()
            }
            (ProgressError::InvalidId, Lang::En) => "Run ids may only use ASCII letters, digits, - and _.".into(),
            (ProgressError::NotANumber, Lang::Ja) => "数値を入力してください。".into(),
            (ProgressError::NotANumber, Lang::En) => "Enter a number.".into(),
            (ProgressError::InvalidDate, Lang::Ja) => "日付を YYYY-MM-DD の形で入力してください。".into(),
            (ProgressError::InvalidDate, Lang::En) => "Enter a date as YYYY-MM-DD.".into(),
            (ProgressError::TooMany(n), Lang::Ja) => format!("記録できるのは {n} 件までです。"),
            (ProgressError::TooMany(n), Lang::En) => format!("At most {n} entries can be recorded."),
            (ProgressError::TooLong(n), Lang::Ja) => format!("{n} 文字以内にしてください。"),
            (ProgressError::TooLong(n), Lang::En) => format!("Use at most {n} characters."),
            (ProgressError::NotAnApprover, Lang::Ja) => "この承認者は、このステップで承認する人ではありません。".into(),
            (ProgressError::NotAnApprover, Lang::En) => "This approver does not approve at this step.".into(),
            (ProgressError::NoSuchTask, Lang::Ja) => "この業務は棚卸し表にありません。".into(),
            (ProgressError::NoSuchTask, Lang::En) => "This task is not in the worksheet.".into(),
            (ProgressError::InvalidTask(field), Lang::Ja) => {
                format!("「{}」の値を確かめてください。", field.label(Lang::Ja))
            }
            (ProgressError::InvalidTask(field), Lang::En) => format!("Check the \"{}\" value.", field.label(Lang::En)),
            (ProgressError::BaselinesMissing(n), Lang::Ja) => {
                format!("基準値が未記録の指標が {n} 件あります。すべての基準値を記録してから承認してください。")
            }
            (ProgressError::BaselinesMissing(n), Lang::En) => {
                format!("{n} metric(s) have no baseline yet. Record every baseline before approving.")
            }
            (ProgressError::NoPrerequisite, Lang::Ja) => {
                "このプレイブックには、先に終えておくプレイブックの指定がありません。".into()
            }
            (ProgressError::NoPrerequisite, Lang::En) => "This playbook requires no other playbook first.".into(),
            (ProgressError::PrerequisiteNotFinished, Lang::Ja) => {
                "このブラウザには、前提のプレイブックを最後まで終えた取り組みがありません。".into()
            }
            (ProgressError::PrerequisiteNotFinished, Lang::En) => {
                "This browser has no finished run of the required playbook.".into()
            }
            (ProgressError::GateClosed(gate), Lang::Ja) => {
                format!(
                    "「{}」の承認条件がまだそろっていません。不足しているものは、承認ステップの欄に表示しています。",
                    gate_label(gate, Lang::Ja)
                )
            }
            (ProgressError::GateClosed(gate), Lang::En) => {
                format!(
                    "The conditions for {} are not yet met; what is missing is listed on the approval step.",
                    gate_label(gate, Lang::En)
                )
            }
        }
    }
}

/// A checklist item still open, as [`ProgressError::ItemsOpen`] names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    /// The item's text.
    pub text: String,
    /// The playbook allows marking it not applicable.
    pub na_allowed: bool,
}

/// 「A」「B」 and 「C」, or the first three and how many more.
fn quoted_list(texts: &[&str], lang: Lang) -> String {
    const SHOWN: usize = 3;
    let clip = |t: &str| {
        let mut s: String = t.chars().take(30).collect();
        if t.chars().count() > 30 {
            s.push('…');
        }
        s
    };
    let shown: Vec<String> = texts
        .iter()
        .take(SHOWN)
        .map(|t| if lang == Lang::Ja { format!("「{}」", clip(t)) } else { format!("\"{}\"", clip(t)) })
        .collect();
    let rest = texts.len().saturating_sub(SHOWN);
    match (lang, rest) {
        (Lang::Ja, 0) => shown.concat(),
        (Lang::Ja, n) => format!("{} ほか {n} 件", shown.concat()),
        (Lang::En, 0) => shown.join(", "),
        (Lang::En, n) => format!("{} and {n} more", shown.join(", ")),
    }
}

/// What a step with open items needs: the open items, then only the ways
/// out the playbook really offers (an item or the step not applicable).
fn items_open_message(items: &[OpenItem], step_na: bool, lang: Lang) -> String {
    let all: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let skippable: Vec<&str> = items.iter().filter(|i| i.na_allowed).map(|i| i.text.as_str()).collect();
    let n = items.len();
    let mut out = match lang {
        Lang::Ja => format!(
            "未完了のチェック項目が {n} 件あります：{}。済んだ項目にチェックを付けてから、完了にしてください。",
            quoted_list(&all, lang)
        ),
        Lang::En => format!(
            "{n} checklist item(s) are still open: {}. Check the ones that are done, then complete the step.",
            quoted_list(&all, lang)
        ),
    };
    if !skippable.is_empty() {
        out.push_str(&match lang {
            Lang::Ja => {
                format!("当てはまらない場合は、{}を理由を添えて対象外にできます。", quoted_list(&skippable, lang))
            }
            Lang::En => format!(
                " If it does not apply, {} can be marked not applicable with a reason.",
                quoted_list(&skippable, lang)
            ),
        });
    }
    if step_na {
        out.push_str(match lang {
            Lang::Ja => "このステップ全体を、理由を添えて対象外にすることもできます。",
            Lang::En => " The whole step can also be marked not applicable with a reason.",
        });
    }
    out
}

/// A run's id from the time and a random number: short, sortable by time,
/// and safe in URLs and storage keys.
pub fn run_id(now: Millis, random: u32) -> String {
    format!("r{}{}", base36(now.max(0) as u64), base36(u64::from(random)))
}

fn base36(mut n: u64) -> String {
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

fn check_name(name: &str) -> Result<String, ProgressError> {
    let name = name.trim();
    if name.is_empty() {
        Err(ProgressError::EmptyName)
    } else if name.chars().count() > MAX_NAME_CHARS {
        Err(ProgressError::NameTooLong)
    } else {
        Ok(name.to_owned())
    }
}

fn check_mark(mark: Mark, na_allowed: bool) -> Result<Mark, ProgressError> {
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
    fn record_key<'s>(&self, step: &'s Step) -> Option<&'s str> {
        if self.steps.contains_key(&step.id) {
            return Some(&step.id);
        }
        step.renamed_from
            .iter()
            .filter_map(|id| self.steps.get(id).map(|r| (id.as_str(), r.updated())))
            .max_by_key(|(_, at)| *at)
            .map(|(id, _)| id)
    }

    fn record_mut(&mut self, step: &Step) -> &mut StepRecord {
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

    /// The mark of `step`.
    pub fn step_mark(&self, step: &Step) -> Mark {
        self.record(step).map(|r| r.mark.value.clone()).unwrap_or_default()
    }

    /// The team's note on `step`.
    pub fn note(&self, step: &Step) -> &str {
        self.record(step).map_or("", |r| r.note.value.as_str())
    }

    /// The mark of checklist item `item` of `step`.
    pub fn item_mark(&self, step: &Step, item: &Item) -> Mark {
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
    pub fn set_step(&mut self, playbook: &Playbook, step: &Step, mark: Mark, now: Millis) -> Result<(), ProgressError> {
        let mark = check_mark(mark, step.na_allowed)?;
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
        self.record_mut(step).mark = Stamped::new(mark, now);
        Ok(())
    }

    /// Mark checklist item `item_id` of `step`. Unchecking an item of a done
    /// step reopens the step, so "done" always means every item resolved.
    pub fn set_item(&mut self, step: &Step, item_id: &str, mark: Mark, now: Millis) -> Result<(), ProgressError> {
        let item = step.items.iter().find(|i| i.id == item_id).ok_or(ProgressError::NoSuchItem)?;
        let mark = check_mark(mark, item.na_allowed)?;
        let reopen = !mark.is_resolved() && self.step_mark(step) == Mark::Done;
        let record = self.record_mut(step);
        record.items.insert(item.id.clone(), Stamped::new(mark, now));
        if reopen {
            record.mark = Stamped::new(Mark::Open, now);
        }
        Ok(())
    }

    /// Replace the note on `step`.
    pub fn set_note(&mut self, step: &Step, note: &str, now: Millis) {
        let record = self.record_mut(step);
        if record.note.value != note {
            record.note = Stamped::new(note.to_owned(), now);
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
            .chain([self.created, self.name.at, self.deleted.at])
            .max()
            .unwrap_or(self.created)
    }

    fn merge(&mut self, mut other: Run) {
        self.merge_tools(&mut other);
        merge_maps(&mut self.accepted, std::mem::take(&mut other.accepted), Stamped::merge);
        self.accepted_version.merge(std::mem::take(&mut other.accepted_version));
        self.name.merge(other.name);
        self.deleted.merge(other.deleted);
        merge_maps(&mut self.steps, other.steps, StepRecord::merge);
    }

    /// Finished steps among those the playbook had when the run started, for
    /// places that know the run but not the playbook (the catalog).
    pub fn resolved_started_steps(&self) -> usize {
        self.step_hashes.keys().filter(|id| self.steps.get(*id).is_some_and(|r| r.mark.value.is_resolved())).count()
    }
}

/// Add `theirs` to `mine` by key; values under the same key are combined with `merge`.
fn merge_maps<V>(mine: &mut BTreeMap<String, V>, theirs: BTreeMap<String, V>, merge: impl Fn(&mut V, V)) {
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
        now: Millis,
    ) -> Result<&Run, ProgressError> {
        let name = check_name(name)?;
        let run = Run {
            id,
            playbook: playbook.meta.id.clone(),
            name: Stamped::new(name, now),
            created: now,
            deleted: Stamped::default(),
            version: playbook.meta.version,
            content_hash: playbook_hash(playbook),
            step_hashes: playbook.steps().map(|s| (s.id.clone(), s.hash.clone())).collect(),
            steps: BTreeMap::new(),
            tasks: BTreeMap::new(),
            theme: Stamped::default(),
            metrics: BTreeMap::new(),
            roi: Stamped::default(),
            accepted: BTreeMap::new(),
            accepted_version: Stamped::default(),
            prerequisite: Stamped::default(),
        };
        self.runs.push(run);
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
    pub fn rename(&mut self, id: &str, name: &str, now: Millis) -> Result<(), ProgressError> {
        let name = check_name(name)?;
        self.run_mut(id)?.name = Stamped::new(name, now);
        Ok(())
    }

    /// Delete a run; it is kept for [`KEEP_DELETED_MS`] so that [`Progress::restore`] can undo it.
    pub fn delete(&mut self, id: &str, now: Millis) -> Result<(), ProgressError> {
        self.run_mut(id)?.deleted = Stamped::new(Some(now), now);
        Ok(())
    }

    /// Undo the deletion of a run.
    pub fn restore(&mut self, id: &str, now: Millis) -> Result<(), ProgressError> {
        let run = self.runs.iter_mut().find(|r| r.id == id && r.is_deleted()).ok_or(ProgressError::NoSuchRun)?;
        run.deleted = Stamped::new(None, now);
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

/// An export: all of this browser's tebiki data in one file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    /// Always [`EXPORT_KIND`].
    pub kind: String,
    /// When it was written.
    pub exported: Millis,
    /// The interface language chosen, if any.
    pub lang: Option<Lang>,
    /// The runs.
    pub progress: Progress,
}

impl Export {
    /// An export of `progress` at `now`.
    pub fn new(progress: Progress, lang: Option<Lang>, now: Millis) -> Export {
        Export { kind: EXPORT_KIND.to_owned(), exported: now, lang, progress }
    }

    /// The file's text: pretty JSON, so that people can read what they keep.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Why stored data or an import could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge(usize),
    /// Not JSON, or not the expected shape, at `line`:`column` (1-based).
    Syntax {
        /// What the JSON parser said.
        what: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Valid JSON that is not a tebiki export.
    NotAnExport,
    /// Written by a newer tebiki in this format.
    Newer(u32),
    /// A value that breaks a rule, at a JSON path such as `runs[2].name`.
    Invalid {
        /// Where.
        path: String,
        /// Which rule.
        what: ProgressError,
    },
    /// Two runs with the same id.
    DuplicateRun(String),
}

impl DecodeError {
    /// What to tell the person, naming the place or the limit.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecodeError::TooLarge(n), Lang::Ja) => format!(
                "ファイルが大きすぎます（{} バイト）。読み込める上限は {} MB です。",
                n,
                MAX_IMPORT_BYTES / 1024 / 1024
            ),
            (DecodeError::TooLarge(n), Lang::En) => {
                format!("The file is too large ({n} bytes); the limit is {} MB.", MAX_IMPORT_BYTES / 1024 / 1024)
            }
            (DecodeError::Syntax { what, line, column }, Lang::Ja) => {
                format!("{line} 行 {column} 列：JSON として読めません（{what}）")
            }
            (DecodeError::Syntax { what, line, column }, Lang::En) => {
                format!("line {line}, column {column}: not valid tebiki JSON ({what})")
            }
            (DecodeError::NotAnExport, Lang::Ja) => "tebiki の書き出しファイルではありません。".into(),
            (DecodeError::NotAnExport, Lang::En) => "This is not a tebiki export file.".into(),
            (DecodeError::Newer(v), Lang::Ja) => format!(
                "新しい版の tebiki で保存されたデータです（形式 {v}、この版は {FORMAT} まで）。サイトを更新してから読み込んでください。"
            ),
            (DecodeError::Newer(v), Lang::En) => format!(
                "This was saved by a newer tebiki (format {v}; this build reads up to {FORMAT}). Update the site first."
            ),
            (DecodeError::Invalid { path, what }, lang) => format!("{path}: {}", what.message(lang)),
            (DecodeError::DuplicateRun(id), Lang::Ja) => format!("取り組み {id} が二回含まれています。"),
            (DecodeError::DuplicateRun(id), Lang::En) => format!("Run {id} appears twice."),
        }
    }
}

fn syntax(e: &serde_json::Error) -> DecodeError {
    let what = e.to_string();
    // serde_json appends " at line L column C"; the place is reported apart.
    let what = what.split(" at line ").next().unwrap_or(&what).to_owned();
    DecodeError::Syntax { what, line: e.line(), column: e.column() }
}

/// Read a stored [`Progress`] (the value the app keeps in local storage).
pub fn decode(text: &str) -> Result<Progress, DecodeError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(DecodeError::TooLarge(text.len()));
    }
    let value: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(&e))?;
    let progress = migrate(value, text)?;
    validate(&progress, "")?;
    Ok(progress)
}

/// Read an export file, checking everything before anything is replaced.
pub fn decode_export(text: &str) -> Result<Export, DecodeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_IMPORT_BYTES {
        return Err(DecodeError::TooLarge(text.len()));
    }
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(&e))?;
    let Some(object) = value.as_object_mut() else { return Err(DecodeError::NotAnExport) };
    if object.get("kind").and_then(|k| k.as_str()) != Some(EXPORT_KIND) {
        return Err(DecodeError::NotAnExport);
    }
    let progress_value = object.remove("progress").ok_or(DecodeError::NotAnExport)?;
    let format = progress_value.get("format").and_then(|f| f.as_u64());
    let mut export: Export = if format.is_some_and(|f| (FIRST_SERDE_FORMAT..=u64::from(FORMAT)).contains(&f)) {
        // Formats the current types read directly are read from the text,
        // so that shape errors name their line and column.
        serde_json::from_str(text).map_err(|e| syntax(&e))?
    } else {
        let progress = migrate(progress_value, "")?;
        let mut rest: Export = serde_json::from_value(serde_json::json!({
            "kind": EXPORT_KIND,
            "exported": object.get("exported").cloned().unwrap_or(serde_json::json!(0)),
            "lang": object.get("lang").cloned().unwrap_or(serde_json::Value::Null),
            "progress": Progress::default(),
        }))
        .map_err(|e| syntax(&e))?;
        rest.progress = progress;
        rest
    };
    export.progress.format = FORMAT;
    validate(&export.progress, "progress.")?;
    Ok(export)
}

/// Bring a stored value of any known format to [`FORMAT`].
///
/// Each past format gets one arm that brings the value to the next format;
/// the arms run in sequence until the value is current. A test pins a
/// literal value of every past format and checks it reads back unchanged in
/// meaning.
fn migrate(value: serde_json::Value, text: &str) -> Result<Progress, DecodeError> {
    let format = match value.get("format") {
        Some(f) => f.as_u64().ok_or(DecodeError::NotAnExport)?,
        None => return Err(DecodeError::NotAnExport),
    };
    if format > u64::from(FORMAT) {
        return Err(DecodeError::Newer(u32::try_from(format).unwrap_or(u32::MAX)));
    }
    if format == 0 {
        return Err(DecodeError::NotAnExport);
    }
    if format < u64::from(FORMAT) {
        // Format 2 added the worksheet, pilot theme, metric records, ROI
        // figures and approvals, format 3 the prerequisite, format 4 a
        // task's data class and checking time, all empty by default: an
        // older value is a current one without them. Read from the text, so that shape
        // errors keep their line and column, then bring it up to date.
        let mut progress: Progress =
            if text.is_empty() { serde_json::from_value(value) } else { serde_json::from_str(text) }
                .map_err(|e| syntax(&e))?;
        progress.format = FORMAT;
        return Ok(progress);
    }
    // `format == FORMAT` from here on.
    if text.is_empty() {
        serde_json::from_value(value).map_err(|e| syntax(&e))
    } else {
        serde_json::from_str(text).map_err(|e| syntax(&e))
    }
}

/// Rules serde cannot express: unique ids, names and reasons present.
fn validate(progress: &Progress, prefix: &str) -> Result<(), DecodeError> {
    let mut seen = std::collections::HashSet::new();
    for (i, run) in progress.runs.iter().enumerate() {
        let at = |field: &str| format!("{prefix}runs[{i}].{field}");
        if run.id.is_empty() || !run.id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(DecodeError::Invalid { path: at("id"), what: ProgressError::InvalidId });
        }
        if !seen.insert(run.id.as_str()) {
            return Err(DecodeError::DuplicateRun(run.id.clone()));
        }
        check_name(&run.name.value).map_err(|what| DecodeError::Invalid { path: at("name"), what })?;
        for (step_id, record) in &run.steps {
            let na_ok = |m: &Mark| !matches!(m, Mark::Na { reason } if reason.trim().is_empty());
            if !na_ok(&record.mark.value) {
                return Err(DecodeError::Invalid {
                    path: at(&format!("steps.{step_id}.mark")),
                    what: ProgressError::ReasonRequired,
                });
            }
            if let Some((item_id, _)) = record.items.iter().find(|(_, m)| !na_ok(&m.value)) {
                return Err(DecodeError::Invalid {
                    path: at(&format!("steps.{step_id}.items.{item_id}")),
                    what: ProgressError::ReasonRequired,
                });
            }
            for (approver, approval) in &record.approvals {
                let Some(a) = &approval.value else { continue };
                let path = at(&format!("steps.{step_id}.approvals.{approver}"));
                if a.name.trim().is_empty() {
                    return Err(DecodeError::Invalid { path, what: ProgressError::EmptyName });
                }
                if !valid_date(&a.date) {
                    return Err(DecodeError::Invalid { path, what: ProgressError::InvalidDate });
                }
            }
        }
        for (task_id, task) in &run.tasks {
            if let Some(Err(field)) = task.value.as_ref().map(inventory::Task::check) {
                return Err(DecodeError::Invalid {
                    path: at(&format!("tasks.{task_id}")),
                    what: ProgressError::InvalidTask(field),
                });
            }
        }
        if let Some(what) = run.prerequisite.value.as_ref().and_then(Prerequisite::problem) {
            return Err(DecodeError::Invalid { path: at("prerequisite"), what });
        }
        for (metric_id, record) in &run.metrics {
            for (m_id, m) in &record.measurements {
                if m.value.as_ref().is_some_and(|m| !valid_date(&m.date)) {
                    return Err(DecodeError::Invalid {
                        path: at(&format!("metrics.{metric_id}.measurements.{m_id}")),
                        what: ProgressError::InvalidDate,
                    });
                }
            }
        }
    }
    Ok(())
}

/// The stored form of `progress`: compact JSON.
pub fn encode(progress: &Progress) -> String {
    serde_json::to_string(progress).unwrap_or_default()
}

#[cfg(test)]
mod tests;
