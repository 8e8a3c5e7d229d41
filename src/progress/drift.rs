//! Template drift: how the playbook changed since a run last looked at it,
//! and accepting those changes step by step or all at once.
//!
//! A run keeps the hash of every step as it started (`step_hashes`) and, per
//! step, the hash it accepted since (`accepted`). Comparing those with the
//! playbook as it is now gives each step's [`StepDrift`]. Accepting changes
//! nothing a team recorded: it only moves the hash the run compares against,
//! so "until they accept, nothing changes" and records under removed ids stay
//! listed by [`Run::orphaned`].
//!
//! Questions are compared the same way, under the key `?{id}` in the same
//! maps (no step or item id starts with `?`): a question added, changed or
//! removed is listed until the team accepts it. An answer kept for a
//! question whose answers changed counts as none until it is answered again.

use super::history::{Event, Stamp};
use super::{Run, Stamped};
use crate::model::{Playbook, Question, Step};

/// The key a question's hash is kept under in `step_hashes` and `accepted`.
pub(super) fn question_key(id: &str) -> String {
    format!("?{id}")
}

/// How one step of the playbook differs from what the run knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StepDrift {
    /// As the run knows it.
    Unchanged,
    /// Its text (title, instructions, checklist, kind) changed.
    Changed,
    /// New since the run last looked.
    Added,
    /// Known under an earlier id (`renamed_from`); progress carries over.
    Renamed {
        /// The id the run knows it by.
        from: String,
        /// Whether its text changed too.
        changed: bool,
    },
}

/// Everything that differs between a run and the playbook now.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drift {
    /// Steps that differ, by id, in playbook order (unchanged ones left out).
    pub steps: Vec<(String, StepDrift)>,
    /// Steps the run knew that the playbook no longer has, by id.
    pub removed: Vec<String>,
    /// Questions that are new or changed, by id, in playbook order.
    pub questions: Vec<(String, StepDrift)>,
    /// Questions the run knew that the playbook no longer asks, by id.
    pub removed_questions: Vec<String>,
    /// The playbook version the run last accepted (or started on).
    pub from_version: u32,
    /// The playbook's version now.
    pub to_version: u32,
}

impl Drift {
    /// Nothing to review.
    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
            && self.removed.is_empty()
            && self.questions.is_empty()
            && self.removed_questions.is_empty()
    }
}

impl Run {
    /// The hash the run compares step id `id` against: accepted, else as started.
    fn known_hash(&self, id: &str) -> Option<&str> {
        match self.accepted.get(id) {
            Some(s) => s.value.as_deref(),
            None => self.step_hashes.get(id).map(String::as_str),
        }
    }

    /// How `step` differs from what the run knows.
    pub fn step_drift(&self, step: &Step) -> StepDrift {
        if let Some(hash) = self.known_hash(&step.id) {
            return if hash == step.hash { StepDrift::Unchanged } else { StepDrift::Changed };
        }
        match step.renamed_from.iter().find_map(|old| self.known_hash(old).map(|h| (old, h))) {
            Some((old, hash)) => StepDrift::Renamed { from: old.clone(), changed: hash != step.hash },
            None => StepDrift::Added,
        }
    }

    /// How `question` differs from what the run knows: unchanged, changed
    /// or added (never renamed).
    pub fn question_drift(&self, question: &Question) -> StepDrift {
        match self.known_hash(&question_key(&question.id)) {
            Some(hash) if hash == question.hash => StepDrift::Unchanged,
            Some(_) => StepDrift::Changed,
            None => StepDrift::Added,
        }
    }

    /// Every difference between the run and `playbook`.
    pub fn drift(&self, playbook: &Playbook) -> Drift {
        let steps = playbook
            .steps()
            .map(|s| (s.id.clone(), self.step_drift(s)))
            .filter(|(_, d)| *d != StepDrift::Unchanged)
            .collect();
        let questions = playbook
            .questions
            .iter()
            .map(|q| (q.id.clone(), self.question_drift(q)))
            .filter(|(_, d)| *d != StepDrift::Unchanged)
            .collect();
        let current: std::collections::HashSet<&str> =
            playbook.steps().flat_map(|s| std::iter::once(&s.id).chain(&s.renamed_from)).map(String::as_str).collect();
        let asked: std::collections::HashSet<String> = playbook.questions.iter().map(|q| question_key(&q.id)).collect();
        let mut removed: Vec<String> = Vec::new();
        let mut removed_questions: Vec<String> = Vec::new();
        for id in self.step_hashes.keys().chain(self.accepted.keys()) {
            if self.known_hash(id).is_none() {
                continue;
            }
            match id.strip_prefix('?') {
                Some(question) if !asked.contains(id) => removed_questions.push(question.to_owned()),
                Some(_) => {}
                None if !current.contains(id.as_str()) => removed.push(id.clone()),
                None => {}
            }
        }
        removed.sort();
        removed.dedup();
        removed_questions.sort();
        removed_questions.dedup();
        let from_version = self.accepted_version.value.unwrap_or(self.version);
        Drift { steps, removed, questions, removed_questions, from_version, to_version: playbook.meta.version }
    }

    /// Accept the playbook's current text of `step` (and its new id, when renamed).
    pub fn accept_step(&mut self, step: &Step, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        self.accepted.insert(step.id.clone(), Stamped::new(Some(step.hash.clone()), stamp.at));
        self.log(&stamp, Some(&step.id), Event::Accepted { version: None });
    }

    /// Accept that step `id` was removed from the playbook. Its records stay
    /// (listed as orphaned); only the notice goes.
    pub fn accept_removal(&mut self, id: &str, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        self.accepted.insert(id.to_owned(), Stamped::new(None, stamp.at));
        self.log(&stamp, Some(id), Event::Accepted { version: None });
    }

    /// Accept the playbook's current text of `question`.
    pub fn accept_question(&mut self, question: &Question, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        self.accepted.insert(question_key(&question.id), Stamped::new(Some(question.hash.clone()), stamp.at));
        self.log(&stamp, None, Event::Accepted { version: None });
    }

    /// Accept that question `id` is no longer asked. Its answer stays in the
    /// run (and in the history); it excludes nothing any more.
    pub fn accept_question_removal(&mut self, id: &str, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        self.accepted.insert(question_key(id), Stamped::new(None, stamp.at));
        self.log(&stamp, None, Event::Accepted { version: None });
    }

    /// Accept every change: the run now compares against `playbook` as it is.
    pub fn accept_all(&mut self, playbook: &Playbook, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        let now = stamp.at;
        let drift = self.drift(playbook);
        for step in playbook.steps() {
            if drift.steps.iter().any(|(id, _)| *id == step.id) {
                self.accepted.insert(step.id.clone(), Stamped::new(Some(step.hash.clone()), now));
            }
        }
        for id in drift.removed {
            self.accepted.insert(id, Stamped::new(None, now));
        }
        for question in &playbook.questions {
            if drift.questions.iter().any(|(id, _)| *id == question.id) {
                self.accepted.insert(question_key(&question.id), Stamped::new(Some(question.hash.clone()), now));
            }
        }
        for id in drift.removed_questions {
            self.accepted.insert(question_key(&id), Stamped::new(None, now));
        }
        self.accepted_version = Stamped::new(Some(playbook.meta.version), now);
        self.log(&stamp, None, Event::Accepted { version: Some(playbook.meta.version) });
    }
}
