//! A playbook's prerequisite: another playbook finished before the pilot
//! starts (every department's pilot requires the company's AI tool review).
//! A team meets it with a finished run of that playbook in this browser, or
//! records that it was done elsewhere — by whom, when, and a reference such
//! as a 稟議 number. Either way it is recorded on the run, stamped like
//! everything else, so it travels with the run to a colleague's browser.

use serde::{Deserialize, Serialize};

use super::history::{Event, Stamp};
use super::{Millis, Progress, ProgressError, Run, Stamped, valid_date};
use crate::model::Playbook;
use crate::progress::tools::MAX_APPROVAL_CHARS;

/// How the required playbook was finished.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "how", rename_all = "lowercase")]
pub enum Prerequisite {
    /// A finished run of the required playbook in this browser.
    Run {
        /// The run's id.
        run: String,
        /// The run's name when it was recorded.
        name: String,
        /// The day its last step was resolved, `YYYY-MM-DD` (in the
        /// browser's time zone).
        date: String,
    },
    /// Done elsewhere: in another browser or team, or before tebiki.
    Elsewhere {
        /// Who confirmed it (a name or a role).
        by: String,
        /// When it was done, `YYYY-MM-DD`.
        date: String,
        /// Where it is documented, such as a 稟議 number; may be empty.
        reference: String,
    },
}

impl Prerequisite {
    /// The same value with its texts trimmed, or why it cannot be recorded.
    fn checked(self) -> Result<Prerequisite, ProgressError> {
        match self {
            Prerequisite::Run { run, name, date } => {
                if run.trim().is_empty() || name.trim().is_empty() {
                    return Err(ProgressError::NoSuchRun);
                }
                if !valid_date(&date) {
                    return Err(ProgressError::InvalidDate);
                }
                Ok(Prerequisite::Run { run, name, date })
            }
            Prerequisite::Elsewhere { by, date, reference } => {
                let (by, reference) = (by.trim().to_owned(), reference.trim().to_owned());
                if by.is_empty() {
                    return Err(ProgressError::EmptyName);
                }
                if [&by, &reference].iter().any(|t| t.chars().count() > MAX_APPROVAL_CHARS) {
                    return Err(ProgressError::TooLong(MAX_APPROVAL_CHARS));
                }
                if !valid_date(&date) {
                    return Err(ProgressError::InvalidDate);
                }
                Ok(Prerequisite::Elsewhere { by, date, reference })
            }
        }
    }

    /// Which rule of [`Run::set_prerequisite`] a stored value breaks, if any.
    pub(super) fn problem(&self) -> Option<ProgressError> {
        self.clone().checked().err()
    }
}

impl Run {
    /// How the playbook's prerequisite was met, if it was recorded.
    pub fn prerequisite(&self) -> Option<&Prerequisite> {
        self.prerequisite.value.as_ref()
    }

    /// Record how the prerequisite of `playbook` was met (or clear it).
    pub fn set_prerequisite(
        &mut self,
        playbook: &Playbook,
        value: Option<Prerequisite>,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let now = stamp.at;
        if playbook.meta.requires.is_none() {
            return Err(ProgressError::NoPrerequisite);
        }
        let value = value.map(Prerequisite::checked).transpose()?;
        let met = value.is_some();
        self.prerequisite = Stamped::new(value, now);
        self.log(&stamp, None, Event::Prerequisite { met });
        Ok(())
    }

    /// When every step of `playbook` was resolved in this run, if it is
    /// finished: the latest time any of them was marked.
    pub fn finished_at(&self, playbook: &Playbook) -> Option<Millis> {
        if !self.tally(playbook).complete() {
            return None;
        }
        playbook.steps().filter_map(|s| self.record(s).map(|r| r.mark.at)).max()
    }
}

impl Progress {
    /// This browser's finished run of `required`, the most recently finished
    /// first, with when it finished.
    pub fn finished_run_of<'a>(&'a self, required: &Playbook) -> Option<(&'a Run, Millis)> {
        self.live_runs()
            .filter(|r| r.playbook == required.meta.id)
            .filter_map(|r| r.finished_at(required).map(|at| (r, at)))
            .max_by_key(|(_, at)| *at)
    }

    /// Record this browser's finished run of `required` as how run `id` of
    /// `playbook` met its prerequisite. `date` is the day it finished
    /// (`finished_run_of`'s time, as the browser's calendar reads it).
    pub fn use_finished_run(
        &mut self,
        id: &str,
        playbook: &Playbook,
        required: &Playbook,
        date: &str,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        if playbook.meta.requires.as_deref() != Some(required.meta.id.as_str()) {
            return Err(ProgressError::NoPrerequisite);
        }
        let (run, _) = self.finished_run_of(required).ok_or(ProgressError::PrerequisiteNotFinished)?;
        let value = Prerequisite::Run { run: run.id.clone(), name: run.name.value.clone(), date: date.to_owned() };
        self.run_mut(id)?.set_prerequisite(playbook, Some(value), stamp)
    }
}
