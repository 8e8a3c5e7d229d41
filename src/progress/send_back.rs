//! Sending back (差し戻し) at an approval: instead of approving, an approver
//! returns the work with a reason and reopens the earlier steps that must
//! be done again. Each return is kept (never edited, never dropped), with
//! who made it and when; a reopened step says why until it is done again,
//! the gate lists its returns, and the success record lists them all.

use serde::{Deserialize, Serialize};

use super::history::{Event, Person, Stamp};
use super::run::base36;
use super::{Mark, Millis, ProgressError, Run, Stamped};
use crate::model::{Playbook, Step, StepKind};

/// The longest reason, in characters.
pub const MAX_REASON_CHARS: usize = 500;

/// One return of the work at an approval step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Return {
    /// The approval step it was sent back from.
    pub step: String,
    /// Why, as written.
    pub reason: String,
    /// The steps reopened, in playbook order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reopened: Vec<String>,
    /// Who sent it back (as this browser's person is named).
    #[serde(default, skip_serializing_if = "Person::is_unnamed")]
    pub by: Person,
}

impl Run {
    /// Send the work back at approval step `step` with `reason`, reopening
    /// `reopen` (ids of steps before it; those done or not applicable become
    /// open again, each with its own history entry). The approval step
    /// itself is open again if it was done.
    pub fn send_back(
        &mut self,
        playbook: &Playbook,
        step: &Step,
        reason: &str,
        reopen: &[&str],
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        if !matches!(step.kind, StepKind::Approval { .. }) {
            return Err(ProgressError::NotAnApprover);
        }
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(ProgressError::ReturnReasonRequired);
        }
        if reason.chars().count() > MAX_REASON_CHARS {
            return Err(ProgressError::TooLong(MAX_REASON_CHARS));
        }
        // The steps to reopen, in playbook order, each checked before
        // anything changes: one walk up to the gate.
        let mut steps: Vec<&Step> = Vec::with_capacity(reopen.len());
        let mut at_gate = false;
        for s in playbook.steps() {
            if s.id == step.id {
                at_gate = true;
                break;
            }
            if reopen.contains(&s.id.as_str()) {
                steps.push(s);
            }
        }
        if !at_gate {
            return Err(ProgressError::NotAnApprover);
        }
        if reopen.iter().any(|id| !steps.iter().any(|s| s.id == *id)) {
            return Err(ProgressError::NotAnEarlierStep);
        }
        let stamp = stamp.into();
        let now = stamp.at;
        for s in steps.iter().copied().chain([step]) {
            if self.step_mark(s).is_resolved() {
                self.record_mut(s).mark = Stamped::new(Mark::Open, now);
                self.log(&stamp, Some(&s.id), Event::Step { mark: Mark::Open });
            }
        }
        let reopened: Vec<String> = steps.iter().map(|s| s.id.clone()).collect();
        let id = format!("{}.{}", step.id, base36(u64::try_from(now).unwrap_or(0)));
        let value = Return {
            step: step.id.clone(),
            reason: reason.to_owned(),
            reopened: reopened.clone(),
            by: stamp.by.clone(),
        };
        self.returns.insert(id, Stamped::new(value, now));
        self.log(&stamp, Some(&step.id), Event::SentBack { reason: reason.to_owned(), reopened });
        Ok(())
    }

    /// Every return, oldest first, with when it was made.
    pub fn returns(&self) -> Vec<(&Return, Millis)> {
        let mut all: Vec<(&Return, Millis)> = self.returns.values().map(|r| (&r.value, r.at)).collect();
        all.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.step.cmp(&b.0.step)));
        all
    }

    /// The returns made at approval step `step`, oldest first.
    pub fn returns_at(&self, step: &str) -> Vec<(&Return, Millis)> {
        self.returns().into_iter().filter(|(r, _)| r.step == step).collect()
    }

    /// Why `step` is open again: the latest return that reopened it, while
    /// nobody has finished it since. (An approval step's own returns are
    /// listed at its gate, [`Run::returns_at`].)
    pub fn sent_back(&self, step: &Step) -> Option<(&Return, Millis)> {
        let mark = self.record(step).map(|r| &r.mark);
        if mark.is_some_and(|m| m.value.is_resolved()) {
            return None;
        }
        self.returns()
            .into_iter()
            .rev()
            .find(|(r, at)| r.reopened.contains(&step.id) && mark.is_none_or(|m| m.at <= *at))
    }
}
