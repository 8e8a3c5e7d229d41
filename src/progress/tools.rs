//! What a run records beyond checks and notes: the inventory worksheet and
//! the chosen pilot theme, metric baselines, targets and measurements,
//! approvals, and the figures for the ROI view — and the gates these open.
//!
//! Every value is [`Stamped`] like the rest of a run, so two tabs never undo
//! each other; removing a task, a measurement or a signature stores `None`
//! with the time, so the removal itself merges like any other change.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::history::{Event, Stamp};
use super::{Millis, ProgressError, Run, Stamped, base36, merge_maps};
use crate::diagnostic::Lang;
use crate::inventory::Task;
use crate::model::{Count, Metric, Playbook, Step, StepKind};

/// The gate that opens the pilot: every metric needs a baseline first.
pub const PILOT_GATE: &str = "pilot-start";

/// The gate that opens the rollout to other departments.
pub const ROLLOUT_GATE: &str = "rollout-go";

/// The most measurements kept per metric.
pub const MAX_MEASUREMENTS: usize = 500;

/// The longest approver name, role or comment, in characters.
pub const MAX_APPROVAL_CHARS: usize = 500;

/// The department and task a run's pilot is about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Theme {
    /// The task chosen from the worksheet.
    pub task: String,
    /// The one department that pilots it.
    pub department: String,
}

/// One dated value of a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    /// The day it was measured, `YYYY-MM-DD`.
    pub date: String,
    /// The value, in the metric's unit.
    pub value: f64,
}

/// What a run recorded for one metric.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct MetricRecord {
    /// The value before the pilot.
    pub baseline: Stamped<Option<f64>>,
    /// The team's own target; `None` keeps the playbook's.
    pub target: Stamped<Option<f64>>,
    /// Measurements during the pilot, by id.
    pub measurements: BTreeMap<String, Stamped<Option<Measurement>>>,
}

impl MetricRecord {
    fn merge(&mut self, other: MetricRecord) {
        self.baseline.merge(other.baseline);
        self.target.merge(other.target);
        merge_maps(&mut self.measurements, other.measurements, Stamped::merge);
    }
}

/// A signature on an approval step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approval {
    /// The person who signed.
    pub name: String,
    /// Their role as they gave it.
    pub role: String,
    /// The day they signed, `YYYY-MM-DD`.
    pub date: String,
    /// The playbook version they signed.
    pub version: u32,
    /// What they added, if anything.
    pub comment: String,
}

/// How tasks read from a table go into the worksheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TaskImport {
    /// Every row as a new task at the end.
    Add,
    /// Rows naming a task already there (same name and department) update
    /// it; the others are added.
    Update,
    /// The worksheet becomes exactly the rows.
    Replace,
}

/// What importing a table would do to the worksheet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TaskPreview {
    /// Tasks in the worksheet now.
    pub current: usize,
    /// Rows naming a task already there with the same values.
    pub unchanged: usize,
    /// Rows naming a task already there with other values.
    pub changed: usize,
    /// Rows naming no task there.
    pub new: usize,
}

impl TaskPreview {
    /// Rows naming a task already there.
    pub fn matching(&self) -> usize {
        self.unchanged + self.changed
    }
}

/// What an import changed, enough to undo it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportedTasks {
    /// Ids of the tasks added.
    pub added: Vec<String>,
    /// Tasks changed, by id, with their values before.
    pub updated: Vec<(String, Task)>,
    /// Tasks removed (by a replace), by id, with their values.
    pub removed: Vec<(String, Task)>,
}

/// The same task of the worksheet: same name and department.
fn same_task(a: &Task, b: &Task) -> bool {
    a.name.trim() == b.name.trim() && a.department.trim() == b.department.trim()
}

/// The team's figures for the ROI view.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Roi {
    /// What an hour of the team's work costs, in yen.
    pub hourly_cost: Option<f64>,
    /// What the tool costs per month, in yen.
    pub tool_cost: Option<f64>,
    /// Hours saved per month as the team states them; `None` derives them
    /// from an hours metric.
    pub hours_saved: Option<f64>,
}

/// The ROI view's numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RoiView {
    /// Hours saved per month, when known.
    pub hours_saved: Option<f64>,
    /// The metric the hours come from, when derived.
    pub from_metric: Option<String>,
    /// Hours saved times the hourly cost.
    pub monthly_value: Option<f64>,
    /// The tool's monthly cost.
    pub tool_cost: Option<f64>,
    /// Value minus cost.
    pub net: Option<f64>,
}

/// Something a gate is still waiting for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    /// The playbook (by id) that must be finished before the pilot.
    Prerequisite(String),
    /// A metric (by id) has no baseline.
    Baseline(String),
    /// An approver (by id) of an approval step (by id) has not signed.
    Signature {
        /// The approval step.
        step: String,
        /// The approver.
        approver: String,
    },
}

impl Missing {
    /// What it is, in words: 「問い合わせ件数」の基準値, 人事課長の承認.
    pub fn describe(&self, playbook: &Playbook, t: &crate::text::Texts) -> String {
        match self {
            Missing::Prerequisite(_) => t.missing_prerequisite.to_owned(),
            Missing::Baseline(id) => (t.missing_baseline)(playbook.conditions.metric_name(id)),
            Missing::Signature { approver, .. } => (t.missing_signature)(playbook.conditions.approver_role(approver)),
        }
    }

    /// The step where what is missing is entered: the first step recording
    /// the metric, or the approval step.
    pub fn step<'p>(&self, playbook: &'p Playbook) -> Option<&'p Step> {
        match self {
            Missing::Prerequisite(_) => {
                playbook.steps().find(|s| matches!(&s.kind, StepKind::Approval { gate, .. } if gate == PILOT_GATE))
            }
            Missing::Baseline(metric) => playbook.metric_step(metric),
            Missing::Signature { step, .. } => playbook.steps().find(|s| s.id == *step),
        }
    }
}

/// A gate's name for people.
pub fn gate_label(gate: &str, lang: Lang) -> String {
    let t = crate::text::texts(lang);
    match gate {
        PILOT_GATE => t.pilot_gate.into(),
        ROLLOUT_GATE => t.rollout_gate.into(),
        other => other.to_owned(),
    }
}

/// Whether `date` is a real day written `YYYY-MM-DD`.
pub fn valid_date(date: &str) -> bool {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| {
        date[r].parse::<u32>().ok().filter(|_| b.iter().all(|c| c.is_ascii_digit() || *c == b'-'))
    };
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else { return false };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    y >= 1900 && (1..=days).contains(&d)
}

fn finite(value: f64) -> Result<f64, ProgressError> {
    if value.is_finite() { Ok(value) } else { Err(ProgressError::NotANumber) }
}

fn fresh_id(prefix: char, now: Millis, index: usize, random: u32) -> String {
    format!("{prefix}{}{index:04}{}", base36(now.max(0) as u64), base36(u64::from(random)))
}

impl Run {
    /// The worksheet's tasks with their ids, in the order they were added.
    pub fn tasks(&self) -> Vec<(&str, &Task)> {
        self.tasks.iter().filter_map(|(id, t)| t.value.as_ref().map(|t| (id.as_str(), t))).collect()
    }

    /// Add tasks at the end of the worksheet, all or none.
    pub fn add_tasks(
        &mut self,
        tasks: Vec<Task>,
        stamp: impl Into<Stamp>,
        random: u32,
    ) -> Result<Vec<String>, ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        if let Some(field) = tasks.iter().find_map(|t| t.check().err()) {
            return Err(ProgressError::InvalidTask(field));
        }
        let mut ids = Vec::new();
        for (i, task) in tasks.into_iter().enumerate() {
            let id = fresh_id('t', now, i, random);
            self.put_task(&id, Some(task), &stamp);
            ids.push(id);
        }
        Ok(ids)
    }

    /// How `incoming` tasks relate to the worksheet, for the choice before
    /// importing them: a row names a task already there when its name and
    /// department are the same (spaces around them ignored).
    pub fn preview_tasks(&self, incoming: &[Task]) -> TaskPreview {
        let current = self.tasks();
        let mut taken = vec![false; current.len()];
        let mut preview = TaskPreview { current: current.len(), ..TaskPreview::default() };
        for task in incoming {
            match current.iter().enumerate().position(|(i, (_, t))| !taken[i] && same_task(t, task)) {
                Some(i) => {
                    taken[i] = true;
                    if current[i].1 == task { preview.unchanged += 1 } else { preview.changed += 1 }
                }
                None => preview.new += 1,
            }
        }
        preview
    }

    /// Import `tasks` into the worksheet, all or none: added at the end,
    /// updating the tasks they name and adding the others, or replacing the
    /// whole worksheet. The outcome says what changed, and
    /// [`Run::undo_import`] puts it back.
    pub fn import_tasks(
        &mut self,
        tasks: Vec<Task>,
        mode: TaskImport,
        stamp: impl Into<Stamp>,
        random: u32,
    ) -> Result<ImportedTasks, ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        if let Some(field) = tasks.iter().find_map(|t| t.check().err()) {
            return Err(ProgressError::InvalidTask(field));
        }
        let mut outcome = ImportedTasks::default();
        let current: Vec<(String, Task)> = self.tasks().into_iter().map(|(id, t)| (id.to_owned(), t.clone())).collect();
        let mut fresh = Vec::new();
        match mode {
            TaskImport::Add => fresh = tasks,
            TaskImport::Replace => {
                for (id, task) in current {
                    self.put_task(&id, None, &stamp);
                    outcome.removed.push((id, task));
                }
                fresh = tasks;
            }
            TaskImport::Update => {
                let mut taken = vec![false; current.len()];
                for task in tasks {
                    match current.iter().enumerate().position(|(i, (_, t))| !taken[i] && same_task(t, &task)) {
                        Some(i) => {
                            taken[i] = true;
                            let (id, before) = &current[i];
                            if *before != task {
                                self.put_task(id, Some(task), &stamp);
                                outcome.updated.push((id.clone(), before.clone()));
                            }
                        }
                        None => fresh.push(task),
                    }
                }
            }
        }
        for (i, task) in fresh.into_iter().enumerate() {
            let id = fresh_id('t', now, i, random);
            self.put_task(&id, Some(task), &stamp);
            outcome.added.push(id);
        }
        Ok(outcome)
    }

    /// Put the worksheet back as it was before [`Run::import_tasks`].
    pub fn undo_import(&mut self, imported: &ImportedTasks, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        for id in &imported.added {
            if self.tasks.contains_key(id) {
                self.put_task(id, None, &stamp);
            }
        }
        for (id, task) in imported.updated.iter().chain(&imported.removed) {
            self.put_task(id, Some(task.clone()), &stamp);
        }
    }

    /// Change one task.
    pub fn set_task(&mut self, id: &str, task: Task, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        task.check().map_err(ProgressError::InvalidTask)?;
        let slot = self.tasks.get(id).filter(|t| t.value.is_some()).ok_or(ProgressError::NoSuchTask)?;
        if slot.value.as_ref() != Some(&task) {
            self.put_task(id, Some(task), &stamp);
        }
        Ok(())
    }

    /// Remove one task; [`Run::restore_task`] brings it back.
    pub fn remove_task(&mut self, id: &str, stamp: impl Into<Stamp>) -> Result<Task, ProgressError> {
        let stamp = stamp.into();
        let task = self.tasks.get(id).and_then(|t| t.value.clone()).ok_or(ProgressError::NoSuchTask)?;
        self.put_task(id, None, &stamp);
        Ok(task)
    }

    /// Put back a removed task under its old id (undo).
    pub fn restore_task(&mut self, id: &str, task: Task, stamp: impl Into<Stamp>) {
        self.put_task(id, Some(task), &stamp.into());
    }

    /// Set task `id` (`None`: removed) and record it in the history.
    fn put_task(&mut self, id: &str, task: Option<Task>, stamp: &Stamp) {
        self.tasks.insert(id.to_owned(), Stamped::new(task.clone(), stamp.at));
        self.log(stamp, None, Event::Task { task: id.to_owned(), value: task });
    }

    /// Record the pilot theme (or clear it).
    pub fn set_theme(&mut self, theme: Option<Theme>, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        if let Some(t) = &theme
            && (t.task.trim().is_empty() || t.department.trim().is_empty())
        {
            return Err(ProgressError::EmptyName);
        }
        self.theme = Stamped::new(theme.clone(), now);
        self.log(&stamp, None, Event::Theme { theme });
        Ok(())
    }

    /// The baseline: the team's own, or the one the playbook states (a
    /// value known before any pilot, such as 0 % for a share that starts
    /// with the pilot; clones never carry one over).
    pub fn baseline(&self, metric: &Metric) -> Option<f64> {
        if metric.counts.is_some() {
            // Counted in the run: nothing before it.
            return Some(0.0);
        }
        self.own_baseline(metric).or(metric.baseline)
    }

    /// The baseline the team recorded, if any.
    pub fn own_baseline(&self, metric: &Metric) -> Option<f64> {
        self.metrics.get(&metric.id).and_then(|r| r.baseline.value)
    }

    /// The team's own target, if set.
    pub fn own_target(&self, metric: &Metric) -> Option<f64> {
        self.metrics.get(&metric.id).and_then(|r| r.target.value)
    }

    /// Where the metric starts: the baseline, or for a metric measured from
    /// the pilot its first measurement.
    pub fn start(&self, metric: &Metric) -> Option<f64> {
        self.baseline(metric).or_else(|| {
            metric.from_pilot.as_ref().and_then(|_| self.measurements(metric).first().map(|(_, m)| m.value))
        })
    }

    /// The target: the team's own, or the playbook's (a change from the
    /// start resolved against this run's start; `None` until it is known).
    pub fn target(&self, metric: &Metric) -> Option<f64> {
        self.own_target(metric).or_else(|| metric.target.resolve(self.start(metric)))
    }

    /// What was recorded under metric ids the playbook no longer has (a
    /// metric removed or renamed by a newer version), so that nothing a
    /// team entered disappears from view: `(id, baseline, dated values)`,
    /// values oldest first.
    pub fn orphaned_metrics(&self, playbook: &Playbook) -> Vec<(&str, Option<f64>, Vec<&Measurement>)> {
        self.metrics
            .iter()
            .filter(|(id, _)| !playbook.conditions.metrics.iter().any(|m| &m.id == *id))
            .map(|(id, r)| {
                let mut values: Vec<&Measurement> = r.measurements.values().filter_map(|m| m.value.as_ref()).collect();
                values.sort_by(|a, b| a.date.cmp(&b.date));
                (id.as_str(), r.baseline.value, values)
            })
            .filter(|(_, baseline, values)| baseline.is_some() || !values.is_empty())
            .collect()
    }

    /// Measurements of `metric` with their ids, oldest first.
    pub fn measurements(&self, metric: &Metric) -> Vec<(&str, &Measurement)> {
        let mut list: Vec<(&str, &Measurement)> = self
            .metrics
            .get(&metric.id)
            .map(|r| r.measurements.iter().filter_map(|(id, m)| m.value.as_ref().map(|m| (id.as_str(), m))).collect())
            .unwrap_or_default();
        list.sort_by(|a, b| a.1.date.cmp(&b.1.date).then(a.0.cmp(b.0)));
        list
    }

    /// The newest measurement of `metric`.
    pub fn latest(&self, metric: &Metric) -> Option<&Measurement> {
        self.measurements(metric).last().map(|(_, m)| *m)
    }

    /// The metric's values over time, oldest first, as `(YYYY-MM-DD,
    /// value)`: its measurements, or for a counted metric the running count
    /// after each return (the day on a clock `offset_minutes` ahead of UTC).
    pub fn series(&self, metric: &Metric, offset_minutes: i32) -> Vec<(String, f64)> {
        match metric.counts {
            Some(Count::SendBacks) => self
                .returns()
                .into_iter()
                .enumerate()
                .map(|(k, (_, at))| (crate::day::Day::from_millis(at, offset_minutes).to_string(), (k + 1) as f64))
                .collect(),
            None => self.measurements(metric).into_iter().map(|(_, m)| (m.date.clone(), m.value)).collect(),
        }
    }

    /// The metric's value now: what tebiki counts for a counted metric
    /// (every return at an approval so far), else the newest measurement.
    pub fn current(&self, metric: &Metric) -> Option<f64> {
        match metric.counts {
            Some(Count::SendBacks) => Some(self.returns.len() as f64),
            None => self.latest(metric).map(|m| m.value),
        }
    }

    /// Record (or clear) the baseline of `metric`.
    pub fn set_baseline(
        &mut self,
        metric: &Metric,
        value: Option<f64>,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        if metric.counts.is_some() {
            return Err(ProgressError::Counted);
        }
        let stamp = stamp.into();
        let now = stamp.at;
        let value = value.map(finite).transpose()?;
        if self.set_metric_value(&metric.id, value, now, |m| &mut m.baseline) {
            self.log(&stamp, None, Event::Baseline { metric: metric.id.clone(), value });
        }
        Ok(())
    }

    /// Set the team's target for `metric`; `None` goes back to the playbook's.
    pub fn set_target(
        &mut self,
        metric: &Metric,
        value: Option<f64>,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let value = value.map(finite).transpose()?;
        if self.set_metric_value(&metric.id, value, now, |m| &mut m.target) {
            self.log(&stamp, None, Event::Target { metric: metric.id.clone(), value });
        }
        Ok(())
    }

    /// [`Stamped::set`] for one value of metric `id`'s record (clearing a
    /// value of a metric with no record adds none): whether it changed.
    fn set_metric_value(
        &mut self,
        id: &str,
        value: Option<f64>,
        at: Millis,
        slot: impl FnOnce(&mut MetricRecord) -> &mut Stamped<Option<f64>>,
    ) -> bool {
        if value.is_none() && !self.metrics.contains_key(id) {
            return false;
        }
        slot(self.metrics.entry(id.to_owned()).or_default()).set(value, at)
    }

    /// Add a dated measurement of `metric`.
    pub fn add_measurement(
        &mut self,
        metric: &Metric,
        date: &str,
        value: f64,
        stamp: impl Into<Stamp>,
        random: u32,
    ) -> Result<String, ProgressError> {
        if metric.counts.is_some() {
            return Err(ProgressError::Counted);
        }
        let stamp = stamp.into();
        let now = stamp.at;
        let value = finite(value)?;
        if !valid_date(date) {
            return Err(ProgressError::InvalidDate);
        }
        if self.measurements(metric).len() >= MAX_MEASUREMENTS {
            return Err(ProgressError::TooMany(MAX_MEASUREMENTS));
        }
        let id = fresh_id('m', now, 0, random);
        let record = self.metrics.entry(metric.id.clone()).or_default();
        record.measurements.insert(id.clone(), Stamped::new(Some(Measurement { date: date.to_owned(), value }), now));
        let did = Event::Measured { metric: metric.id.clone(), id: id.clone(), date: date.to_owned(), value };
        self.log(&stamp, None, did);
        Ok(id)
    }

    /// Remove a measurement of `metric`.
    pub fn remove_measurement(
        &mut self,
        metric: &Metric,
        id: &str,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let slot = self
            .metrics
            .get_mut(&metric.id)
            .and_then(|r| r.measurements.get_mut(id))
            .filter(|m| m.value.is_some())
            .ok_or(ProgressError::NoSuchItem)?;
        *slot = Stamped::new(None, now);
        self.log(&stamp, None, Event::Unmeasured { metric: metric.id.clone(), id: id.to_owned() });
        Ok(())
    }

    /// The signature of `approver` on approval step `step`.
    pub fn approval(&self, step: &Step, approver: &str) -> Option<&Approval> {
        self.record(step).and_then(|r| r.approvals.get(approver)).and_then(|a| a.value.as_ref())
    }

    /// What `gate` is still waiting for: for the pilot gate, the playbook it
    /// requires to be finished first (recorded on the run), and the baseline of
    /// every metric that has one before the pilot (recorded, or stated by the
    /// playbook; a metric measured from the pilot is not waited for); for
    /// every gate, the signature of each approver of each approval step of
    /// that gate.
    pub fn gate(&self, playbook: &Playbook, gate: &str) -> Vec<Missing> {
        let mut missing = Vec::new();
        if gate == PILOT_GATE {
            if let Some(required) = &playbook.meta.requires
                && self.prerequisite.value.is_none()
            {
                missing.push(Missing::Prerequisite(required.clone()));
            }
            for metric in &playbook.conditions.metrics {
                if metric.from_pilot.is_none() && self.baseline(metric).is_none() {
                    missing.push(Missing::Baseline(metric.id.clone()));
                }
            }
        }
        for step in playbook.steps() {
            if let StepKind::Approval { gate: g, approvers } = &step.kind
                && g == gate
            {
                for approver in approvers {
                    if self.approval(step, approver).is_none() {
                        missing.push(Missing::Signature { step: step.id.clone(), approver: approver.clone() });
                    }
                }
            }
        }
        missing
    }

    /// The first gate of an earlier phase that is still closed, which keeps
    /// `step` from being finished.
    pub fn blocking_gate<'p>(&self, playbook: &'p Playbook, step: &Step) -> Option<&'p str> {
        let phase = playbook.phases.iter().position(|p| p.steps.iter().any(|s| s.id == step.id))?;
        playbook.phases[..phase].iter().flat_map(|p| &p.steps).find_map(|s| match &s.kind {
            StepKind::Approval { gate, .. } if self.applies(s) && !self.gate(playbook, gate).is_empty() => {
                Some(gate.as_str())
            }
            _ => None,
        })
    }

    /// Sign approval step `step` as `approver`. The pilot gate can only be
    /// signed once every metric has a baseline.
    pub fn sign(
        &mut self,
        playbook: &Playbook,
        step: &Step,
        approver: &str,
        approval: Approval,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        let StepKind::Approval { gate, approvers } = &step.kind else { return Err(ProgressError::NotAnApprover) };
        if !approvers.iter().any(|a| a == approver) {
            return Err(ProgressError::NotAnApprover);
        }
        let name = approval.name.trim();
        if name.is_empty() {
            return Err(ProgressError::EmptyName);
        }
        if [&approval.name, &approval.role, &approval.comment].iter().any(|t| t.chars().count() > MAX_APPROVAL_CHARS) {
            return Err(ProgressError::TooLong(MAX_APPROVAL_CHARS));
        }
        if !valid_date(&approval.date) {
            return Err(ProgressError::InvalidDate);
        }
        if gate == PILOT_GATE {
            let baselines = self.gate(playbook, gate).iter().filter(|m| matches!(m, Missing::Baseline(_))).count();
            if baselines > 0 {
                return Err(ProgressError::BaselinesMissing(baselines));
            }
        }
        let approval = Approval {
            name: name.to_owned(),
            role: approval.role.trim().to_owned(),
            comment: approval.comment.trim().to_owned(),
            ..approval
        };
        self.record_mut(step).approvals.insert(approver.to_owned(), Stamped::new(Some(approval.clone()), now));
        self.log(&stamp, Some(&step.id), Event::Approved { approver: approver.to_owned(), approval });
        Ok(())
    }

    /// Take back the signature of `approver` on `step`. A done approval step
    /// is reopened: it can only be done while its gate is open.
    pub fn unsign(&mut self, step: &Step, approver: &str, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        let now = stamp.at;
        let record = self.record_mut(step);
        if record.approvals.get(approver).is_some_and(|a| a.value.is_some()) {
            record.approvals.insert(approver.to_owned(), Stamped::new(None, now));
            let reopened = record.mark.value == super::Mark::Done;
            if reopened {
                record.mark = Stamped::new(super::Mark::Open, now);
            }
            self.log(&stamp, Some(&step.id), Event::Withdrawn { approver: approver.to_owned() });
            if reopened {
                self.log(&stamp, Some(&step.id), Event::Step { mark: super::Mark::Open });
            }
        }
    }

    /// Set the figures of the ROI view.
    pub fn set_roi(&mut self, roi: Roi, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        for v in [roi.hourly_cost, roi.tool_cost, roi.hours_saved].into_iter().flatten() {
            finite(v)?;
        }
        if self.roi.set(roi.clone(), now) {
            self.log(&stamp, None, Event::Roi { roi });
        }
        Ok(())
    }

    /// Hours saved per month (stated, or the drop of an hours-per-month
    /// metric from its baseline to its latest measurement) in money, against
    /// the tool's cost.
    pub fn roi_view(&self, playbook: &Playbook) -> RoiView {
        let roi = &self.roi.value;
        let (hours_saved, from_metric) = match roi.hours_saved {
            Some(h) => (Some(h), None),
            None => playbook
                .conditions
                .metrics
                .iter()
                .find(|m| is_hours_per_month(&m.unit) && m.direction == crate::model::Direction::Down)
                .and_then(|m| Some((self.baseline(m)? - self.current(m)?, m.id.clone())))
                .map_or((None, None), |(h, id)| (Some(h), Some(id))),
        };
        let monthly_value = hours_saved.zip(roi.hourly_cost).map(|(h, c)| h * c);
        let net = monthly_value.zip(roi.tool_cost).map(|(v, c)| v - c);
        RoiView { hours_saved, from_metric, monthly_value, tool_cost: roi.tool_cost, net }
    }

    pub(super) fn merge_tools(&mut self, other: &mut Run) {
        merge_maps(&mut self.tasks, std::mem::take(&mut other.tasks), Stamped::merge);
        self.theme.merge(std::mem::take(&mut other.theme));
        merge_maps(&mut self.metrics, std::mem::take(&mut other.metrics), MetricRecord::merge);
        self.roi.merge(std::mem::take(&mut other.roi));
        self.prerequisite.merge(std::mem::take(&mut other.prerequisite));
    }

    pub(super) fn tools_updated(&self) -> impl Iterator<Item = Millis> + '_ {
        let metrics = self
            .metrics
            .values()
            .flat_map(|r| [r.baseline.at, r.target.at].into_iter().chain(r.measurements.values().map(|m| m.at)));
        self.tasks.values().map(|t| t.at).chain(metrics).chain([self.theme.at, self.roi.at, self.prerequisite.at])
    }
}

/// A unit that measures hours per month (時間/月, h/month, hours/month).
fn is_hours_per_month(unit: &str) -> bool {
    let unit = unit.to_lowercase().replace(' ', "");
    (unit.contains("時間") && unit.contains('月')) || unit == "h/month" || unit == "hours/month"
}
