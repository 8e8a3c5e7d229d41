//! What a team says and keeps on a step, beside its note: a thread of
//! comments (who, when, what; edited and deleted with history) and evidence
//! — links (`http`/`https`) and network paths (`\\server\share\…`, which
//! browsers refuse to open from a web page, so the app offers to copy them).
//! All of it is text people typed: checked for shape, kept as typed, never
//! run.

use serde::{Deserialize, Serialize};

use super::history::{Event, Person, Stamp};
use super::run::base36;
use super::{Millis, ProgressError, Run, Stamped};
use crate::model::Step;

/// The longest comment, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;
/// The longest link or path, and the longest label, in characters.
pub const MAX_EVIDENCE_CHARS: usize = 500;

/// One comment on a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comment {
    /// The step it is on.
    pub step: String,
    /// What was written (the latest edit).
    pub text: String,
    /// Who wrote it first.
    #[serde(default, skip_serializing_if = "Person::is_unnamed")]
    pub by: Person,
    /// When it was first written.
    pub posted: Millis,
}

/// Where a piece of evidence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// An `http://` or `https://` address: opened as a link.
    Web,
    /// A Windows network path (`\\server\share\…`): copied, not linked.
    Share,
}

/// One piece of evidence on a step: a link or a network path, with a label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The step it is on.
    pub step: String,
    /// The address or the path, as typed (trimmed).
    pub target: String,
    /// What it is (may be empty).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub label: String,
    /// Who added it.
    #[serde(default, skip_serializing_if = "Person::is_unnamed")]
    pub by: Person,
}

/// Where `target` is, if it is an address or a path evidence may be: an
/// `http(s)://` address with a host, or `\\server\share…`; no spaces at the
/// ends, no control characters, at most [`MAX_EVIDENCE_CHARS`].
pub fn place(target: &str) -> Option<Place> {
    if target.is_empty() || target.chars().count() > MAX_EVIDENCE_CHARS || target.chars().any(char::is_control) {
        return None;
    }
    let lower = target.to_ascii_lowercase();
    for scheme in ["http://", "https://"] {
        if let Some(rest) = lower.strip_prefix(scheme) {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            return (!host.is_empty() && !host.contains(char::is_whitespace)).then_some(Place::Web);
        }
    }
    let rest = target.strip_prefix("\\\\")?;
    let mut parts = rest.split('\\');
    let server = parts.next().unwrap_or("");
    let share = parts.next().unwrap_or("");
    (!server.trim().is_empty() && !share.trim().is_empty() && !server.contains(['/', ' '])).then_some(Place::Share)
}

impl Evidence {
    /// Where it is (a value read from a file is checked when decoded).
    pub fn place(&self) -> Option<Place> {
        place(&self.target)
    }
}

/// A new id for something `by` adds at `at`: the time, and the name's
/// length and first letter so that two people adding at the same moment
/// get two ids.
fn new_id(prefix: &str, at: Millis, by: &Person) -> String {
    let mark: u64 = by.name.chars().next().map_or(0, u64::from) * 64 + by.name.chars().count() as u64;
    format!("{prefix}.{}.{}", base36(u64::try_from(at).unwrap_or(0)), base36(mark))
}

impl Run {
    /// Add a comment on `step`; its id.
    pub fn add_comment(&mut self, step: &Step, text: &str, stamp: impl Into<Stamp>) -> Result<String, ProgressError> {
        let text = check_comment(text)?;
        let stamp = stamp.into();
        let mut id = new_id(&step.id, stamp.at, &stamp.by);
        while self.comments.contains_key(&id) {
            id.push('x');
        }
        let comment = Comment { step: step.id.clone(), text: text.clone(), by: stamp.by.clone(), posted: stamp.at };
        self.comments.insert(id.clone(), Stamped::new(Some(comment), stamp.at));
        self.log(&stamp, Some(&step.id), Event::Comment { id: id.clone(), text: Some(text) });
        Ok(id)
    }

    /// Change comment `id` to `text`; the earlier text stays in the history.
    pub fn edit_comment(&mut self, id: &str, text: &str, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let text = check_comment(text)?;
        let stamp = stamp.into();
        let Some(Some(comment)) = self.comments.get(id).map(|c| c.value.clone()) else {
            return Err(ProgressError::NoSuchItem);
        };
        if comment.text == text {
            return Ok(());
        }
        let step = comment.step.clone();
        self.comments.insert(id.to_owned(), Stamped::new(Some(Comment { text: text.clone(), ..comment }), stamp.at));
        self.log(&stamp, Some(&step), Event::Comment { id: id.to_owned(), text: Some(text) });
        Ok(())
    }

    /// Delete comment `id`; what it said stays in the history.
    pub fn delete_comment(&mut self, id: &str, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let Some(Some(comment)) = self.comments.get(id).map(|c| c.value.clone()) else {
            return Err(ProgressError::NoSuchItem);
        };
        self.comments.insert(id.to_owned(), Stamped::new(None, stamp.at));
        self.log(&stamp, Some(&comment.step), Event::Comment { id: id.to_owned(), text: None });
        Ok(())
    }

    /// The comments on `step`, oldest first, with their ids and when each
    /// was last changed.
    pub fn comments_on(&self, step: &str) -> Vec<(&str, &Comment, Millis)> {
        let mut list: Vec<(&str, &Comment, Millis)> = self
            .comments
            .iter()
            .filter_map(|(id, c)| c.value.as_ref().filter(|c| c.step == step).map(|v| (id.as_str(), v, c.at)))
            .collect();
        list.sort_by(|a, b| a.1.posted.cmp(&b.1.posted).then_with(|| a.0.cmp(b.0)));
        list
    }

    /// Add evidence to `step`: `target` an `http(s)` address or a network
    /// path, `label` what it is; its id.
    pub fn add_evidence(
        &mut self,
        step: &Step,
        target: &str,
        label: &str,
        stamp: impl Into<Stamp>,
    ) -> Result<String, ProgressError> {
        let (target, label) = (target.trim(), label.trim());
        if place(target).is_none() {
            return Err(ProgressError::NotEvidence);
        }
        if label.chars().count() > MAX_EVIDENCE_CHARS {
            return Err(ProgressError::TooLong(MAX_EVIDENCE_CHARS));
        }
        let stamp = stamp.into();
        let mut id = new_id(&step.id, stamp.at, &stamp.by);
        while self.evidence.contains_key(&id) {
            id.push('x');
        }
        let value = Evidence {
            step: step.id.clone(),
            target: target.to_owned(),
            label: label.to_owned(),
            by: stamp.by.clone(),
        };
        self.evidence.insert(id.clone(), Stamped::new(Some(value.clone()), stamp.at));
        self.log(&stamp, Some(&step.id), Event::Evidence { id: id.clone(), value: Some(value) });
        Ok(id)
    }

    /// Remove evidence `id`; it stays in the history.
    pub fn remove_evidence(&mut self, id: &str, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let stamp = stamp.into();
        let Some(Some(value)) = self.evidence.get(id).map(|e| e.value.clone()) else {
            return Err(ProgressError::NoSuchItem);
        };
        self.evidence.insert(id.to_owned(), Stamped::new(None, stamp.at));
        self.log(&stamp, Some(&value.step), Event::Evidence { id: id.to_owned(), value: None });
        Ok(())
    }

    /// The evidence on `step`, in the order it was added, with ids.
    pub fn evidence_on(&self, step: &str) -> Vec<(&str, &Evidence)> {
        let mut list: Vec<(&str, &Evidence, Millis)> = self
            .evidence
            .iter()
            .filter_map(|(id, e)| e.value.as_ref().filter(|e| e.step == step).map(|v| (id.as_str(), v, e.at)))
            .collect();
        list.sort_by(|a, b| a.2.cmp(&b.2).then_with(|| a.0.cmp(b.0)));
        list.into_iter().map(|(id, e, _)| (id, e)).collect()
    }
}

/// A comment as kept: trimmed, not empty, not too long.
fn check_comment(text: &str) -> Result<String, ProgressError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ProgressError::EmptyComment);
    }
    if text.chars().count() > MAX_COMMENT_CHARS {
        return Err(ProgressError::TooLong(MAX_COMMENT_CHARS));
    }
    Ok(text.to_owned())
}
