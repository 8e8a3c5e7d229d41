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
//!
//! Split by concept: the state of runs and its merge (`run.rs`); the stored
//! and exported format — decode, migrate, validate, encode (`format.rs`);
//! what can go wrong and how to say it (`error.rs`); the worksheet, metrics
//! and approvals (`tools.rs`); playbook changes under a run (`drift.rs`);
//! a playbook required first (`prerequisite.rs`); who changed what, when
//! (`history.rs`); taking in a colleague's file, with its conflicts
//! (`share.rs`); a team's shared folder read as one (`folder.rs`); the
//! people who take on each role (`owners.rs`); the dates, and where each
//! step stands against its own (`schedule.rs`); work sent back at an
//! approval (`send_back.rs`); comments and evidence on a step
//! (`discussion.rs`); the answers to the playbook's questions and the steps
//! they exclude (`answers.rs`).

mod answers;
mod discussion;
mod drift;
mod error;
mod folder;
mod format;
mod history;
mod owners;
mod prerequisite;
mod run;
mod schedule;
mod send_back;
mod share;
mod tools;

pub use answers::Excluded;
pub use discussion::{Comment, Evidence, MAX_COMMENT_CHARS, MAX_EVIDENCE_CHARS, Place, place};
pub use drift::{Drift, StepDrift};
pub use error::{DecodeError, OpenItem, ProgressError};
pub use folder::{Folder, file_text, is_tebiki_file, read_folder};
pub use format::{EXPORT_KIND, Export, FORMAT, MAX_IMPORT_BYTES, SharedPlaybook, decode, decode_export, encode};
pub(crate) use history::clip;
pub use history::{Entry, Event, NOTE_SERIES_MS, Person, Stamp, date_time, people};
pub use owners::{MAX_OWNER_CHARS, names, same_name};
pub use prerequisite::Prerequisite;
pub use run::{
    BACKUP_REMINDER_MS, KEEP_DELETED_MS, MAX_NAME_CHARS, Mark, PhasesComplete, Progress, Run, Stamped, StepRecord,
    Tally, playbook_hash, run_id,
};
pub use schedule::{
    Dates, DueState, Meeting, PRODID, PhaseDates, SOON_DAYS, Schedule, StartFrom, StepDates, occurrences,
};
pub use send_back::{MAX_REASON_CHARS, Return};
pub use share::{Conflict, MergePreview, RunPreview, Side};
pub use tools::{
    Approval, ImportedTasks, MAX_APPROVAL_CHARS, MAX_MEASUREMENTS, Measurement, MetricRecord, Missing, PILOT_GATE,
    ROLLOUT_GATE, Roi, RoiView, TaskImport, TaskPreview, Theme, gate_label, valid_date,
};

use run::{base36, check_name, merge_maps};

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

#[cfg(test)]
mod tests;
