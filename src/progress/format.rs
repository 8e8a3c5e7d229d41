//! The stored and exported form of [`Progress`]: a format number, read
//! back from every earlier format ([`decode`] migrates step by step),
//! checked against the rules serde cannot express, and refused when a newer
//! build wrote it.

use serde::{Deserialize, Serialize};

use super::{
    DecodeError, MAX_COMMENT_CHARS, MAX_EVIDENCE_CHARS, MAX_NAME_CHARS, MAX_OWNER_CHARS, MAX_REASON_CHARS, Mark,
    Millis, Prerequisite, Progress, ProgressError, check_name, valid_date,
};
use crate::diagnostic::Lang;
use crate::inventory;

/// The format of [`Progress`] this build writes. Raise it, and add a step to
/// [`migrate`], whenever the stored shape changes.
pub const FORMAT: u32 = 9;

/// The oldest format the current types read directly (later fields all
/// have defaults). Raise it when a format changes the shape incompatibly.
const FIRST_SERDE_FORMAT: u64 = 1;

/// What an export file says it is.
pub const EXPORT_KIND: &str = "tebiki-export";

/// The largest import (or stored value) read, in bytes.
pub const MAX_IMPORT_BYTES: usize = 10 * 1024 * 1024;

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
    /// Playbooks kept only in the sender's browser, which the runs follow
    /// (a shared run of a local playbook carries it). Untrusted text: parsed
    /// and checked like any other playbook before it is kept.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub playbooks: Vec<SharedPlaybook>,
}

/// A playbook's markdown carried in a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedPlaybook {
    /// Its id, as its front matter says.
    pub id: String,
    /// The markdown.
    pub source: String,
}

impl Export {
    /// An export of `progress` at `now`.
    pub fn new(progress: Progress, lang: Option<Lang>, now: Millis) -> Export {
        Export { kind: EXPORT_KIND.to_owned(), exported: now, lang, progress, playbooks: Vec::new() }
    }

    /// The playbook `id` carried in the file, if it is.
    pub fn playbook_source(&self, id: &str) -> Option<&str> {
        self.playbooks.iter().find(|p| p.id == id).map(|p| p.source.as_str())
    }

    /// The file's text: pretty JSON, so that people can read what they keep.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
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
    check_format(value.get("format"))?;
    let progress = migrate(text)?;
    validate(&progress, "")?;
    Ok(progress)
}

/// Read an export file, checking everything before anything is replaced.
pub fn decode_export(text: &str) -> Result<Export, DecodeError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_IMPORT_BYTES {
        return Err(DecodeError::TooLarge(text.len()));
    }
    // Read once, as the current types (every known format is: later fields
    // all have defaults), from the text, so that shape errors name their
    // line and column; what the file says it is is checked on the result. A
    // file that does not read, or is not what it should be, is looked at
    // again as a whole to say exactly what is wrong (a newer format first).
    // Only ever from text: a second path through `serde_json::Value` would
    // build every type's reader twice into the wasm.
    let mut export = match serde_json::from_str::<Export>(text) {
        Ok(export)
            if export.kind == EXPORT_KIND
                && (FIRST_SERDE_FORMAT..=u64::from(FORMAT)).contains(&u64::from(export.progress.format)) =>
        {
            export
        }
        read => {
            let value: serde_json::Value = serde_json::from_str(text).map_err(|e| syntax(&e))?;
            let Some(object) = value.as_object() else { return Err(DecodeError::NotAnExport) };
            if object.get("kind").and_then(|k| k.as_str()) != Some(EXPORT_KIND) {
                return Err(DecodeError::NotAnExport);
            }
            let progress = object.get("progress").ok_or(DecodeError::NotAnExport)?;
            check_format(progress.get("format"))?;
            read.map_err(|e| syntax(&e))?
        }
    };
    export.progress.format = FORMAT;
    validate(&export.progress, "progress.")?;
    Ok(export)
}

/// Whether a stored `format` is one this build reads.
fn check_format(format: Option<&serde_json::Value>) -> Result<(), DecodeError> {
    let format = format.and_then(serde_json::Value::as_u64).ok_or(DecodeError::NotAnExport)?;
    if format > u64::from(FORMAT) {
        return Err(DecodeError::Newer(u32::try_from(format).unwrap_or(u32::MAX)));
    }
    if format < FIRST_SERDE_FORMAT {
        return Err(DecodeError::NotAnExport);
    }
    Ok(())
}

/// Bring a stored value of any known format (checked by [`check_format`])
/// to [`FORMAT`].
///
/// Format 2 added the worksheet, pilot theme, metric records, ROI figures
/// and approvals, format 3 the prerequisite, format 4 a task's data class
/// and checking time, format 5 the history (who changed what, when), format 6
/// the people of each role (`owners`), format 7 the dates the team set
/// (`dates`), the work sent back at approvals (`returns`), and the
/// comments and evidence on steps (`comments`, `evidence`), format 8 the
/// answers to the playbook's questions (`answers`), format 9 the times the
/// team meets for a step (`dates.meetings`), all
/// empty by default: an older value is a current one without them. When a
/// format changes the shape incompatibly, raise [`FIRST_SERDE_FORMAT`] and
/// give each older format an arm here that brings it to the next. A test
/// pins a literal value of every past format and checks it reads back
/// unchanged in meaning.
fn migrate(text: &str) -> Result<Progress, DecodeError> {
    let mut progress: Progress = serde_json::from_str(text).map_err(|e| syntax(&e))?;
    progress.format = FORMAT;
    Ok(progress)
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
        for (n, entry) in run.history.iter().enumerate() {
            if [&entry.by.name, &entry.by.role].iter().any(|t| t.chars().count() > MAX_NAME_CHARS) {
                return Err(DecodeError::Invalid {
                    path: at(&format!("history[{n}].by")),
                    what: ProgressError::TooLong(MAX_NAME_CHARS),
                });
            }
        }
        for (role, people) in &run.owners {
            let path = at(&format!("owners.{role}"));
            if role.trim().is_empty() {
                return Err(DecodeError::Invalid { path, what: ProgressError::EmptyName });
            }
            if [role, &people.value].iter().any(|t| t.chars().count() > MAX_OWNER_CHARS) {
                return Err(DecodeError::Invalid { path, what: ProgressError::TooLong(MAX_OWNER_CHARS) });
            }
        }
        for (question, answer) in &run.answers {
            let valid =
                crate::fields::is_valid_id(question) && answer.value.as_deref().is_none_or(crate::fields::is_valid_id);
            if !valid {
                return Err(DecodeError::Invalid {
                    path: at(&format!("answers.{question}")),
                    what: ProgressError::NotAChoice,
                });
            }
        }
        for (id, sent) in &run.returns {
            let path = at(&format!("returns.{id}"));
            if sent.value.reason.trim().is_empty() {
                return Err(DecodeError::Invalid { path, what: ProgressError::ReturnReasonRequired });
            }
            if sent.value.reason.chars().count() > MAX_REASON_CHARS {
                return Err(DecodeError::Invalid { path, what: ProgressError::TooLong(MAX_REASON_CHARS) });
            }
        }
        for (id, comment) in &run.comments {
            let Some(c) = &comment.value else { continue };
            let path = at(&format!("comments.{id}"));
            if c.text.trim().is_empty() {
                return Err(DecodeError::Invalid { path, what: ProgressError::EmptyComment });
            }
            if c.text.chars().count() > MAX_COMMENT_CHARS {
                return Err(DecodeError::Invalid { path, what: ProgressError::TooLong(MAX_COMMENT_CHARS) });
            }
        }
        for (id, evidence) in &run.evidence {
            let Some(e) = &evidence.value else { continue };
            let path = at(&format!("evidence.{id}"));
            if e.place().is_none() {
                return Err(DecodeError::Invalid { path, what: ProgressError::NotEvidence });
            }
            if e.label.chars().count() > MAX_EVIDENCE_CHARS {
                return Err(DecodeError::Invalid { path, what: ProgressError::TooLong(MAX_EVIDENCE_CHARS) });
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
