//! Taking in a colleague's file: what it brings, and where both sides
//! changed the same thing since they last shared.
//!
//! A merge keeps, field by field, the value set last ([`Progress::merge`]),
//! and the union of the histories. That is right for two tabs of one
//! person; between two people it silently drops the value of whoever typed
//! first. The history tells the two cases apart: a side *saw* the other's
//! value exactly when its history holds the entry that set it. So a field
//! is a [`Conflict`] when each side holds an entry changing it that the
//! other side does not, and the two values differ. The person picks one
//! ([`Side`]); the value not picked stays in the merged history (its entry
//! came in with the union), and the pick is recorded as a change of the
//! person who made it.
//!
//! Only fields whose history entry carries the whole value can be picked
//! (a run's name, a step's mark and note, a checklist item, an approval, a
//! task of the worksheet, the pilot theme, a metric's baseline and target,
//! the ROI figures, the people of a role, the run's and a phase's start, a
//! step's date and meeting time, an answer, a comment's text or its
//! deletion). Everything else merges as between two tabs: the value set
//! last wins, and both changes are in the history.

use std::collections::BTreeMap;

use super::history::{Entry, Event};
use super::{Comment, Millis, Progress, Run, Stamp, Stamped, StepRecord};

/// What taking in a file would do, before anything changes.
#[derive(Debug, Clone, PartialEq)]
pub struct MergePreview {
    /// Each run of the file that is new here or brings changes, in the
    /// file's order; runs that bring nothing new are left out.
    pub runs: Vec<RunPreview>,
    /// Runs of the file that bring nothing this browser does not have (a
    /// note that a file was taken in is merged, but is no news).
    pub unchanged: usize,
}

impl MergePreview {
    /// Every conflict of every run, in order: the order of the choices
    /// [`Progress::merge_file`] expects.
    pub fn conflicts(&self) -> impl Iterator<Item = &Conflict> {
        self.runs.iter().flat_map(|r| r.conflicts.iter())
    }

    /// Whether taking the file in would change nothing.
    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }
}

/// One run of a file, as it would come in.
#[derive(Debug, Clone, PartialEq)]
pub struct RunPreview {
    /// The run's id.
    pub id: String,
    /// Its name (the file's).
    pub name: String,
    /// Its playbook's id.
    pub playbook: String,
    /// The playbook version it follows (the one it started on, or the one
    /// accepted since).
    pub version: u32,
    /// True when this browser has no run with this id.
    pub new: bool,
    /// The changes the file holds that this browser has not seen, oldest
    /// first.
    pub incoming: Vec<Entry>,
    /// Fields both sides changed since they last shared, to value differently.
    pub conflicts: Vec<Conflict>,
}

/// A field both sides changed since they last shared.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The run's id.
    pub run: String,
    /// The latest change of the field here.
    pub mine: Entry,
    /// The latest change of the field in the file.
    pub theirs: Entry,
}

impl Conflict {
    /// The side a plain merge would keep: the value set last (this
    /// browser's on a tie), offered as the default pick.
    pub fn newest(&self) -> Side {
        if self.theirs.at > self.mine.at { Side::Theirs } else { Side::Mine }
    }
}

/// Which value of a conflict to keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// This browser's.
    Mine,
    /// The file's.
    Theirs,
}

/// What a field is, for the entries that carry its whole value: the step,
/// the kind of field and the id within it. `None`: not a pickable field.
fn field(entry: &Entry) -> Option<(Option<&str>, &'static str, &str)> {
    let step = entry.step.as_deref();
    let (kind, id) = match &entry.did {
        Event::Renamed { .. } => ("name", ""),
        Event::Step { .. } => ("mark", ""),
        Event::Item { item, .. } => ("item", item.as_str()),
        Event::Note { .. } => ("note", ""),
        Event::Task { task, .. } => ("task", task.as_str()),
        Event::Theme { .. } => ("theme", ""),
        Event::Baseline { metric, .. } => ("baseline", metric.as_str()),
        Event::Target { metric, .. } => ("target", metric.as_str()),
        Event::Approved { approver, .. } | Event::Withdrawn { approver } => ("approval", approver.as_str()),
        Event::Roi { .. } => ("roi", ""),
        Event::Owner { role, .. } => ("owner", role.as_str()),
        Event::Start { phase, .. } => ("start", phase.as_deref().unwrap_or("")),
        Event::Due { .. } => ("due", ""),
        Event::Meeting { .. } => ("meeting", ""),
        Event::Answer { question, .. } => ("answer", question.as_str()),
        Event::Comment { id, .. } => ("comment", id.as_str()),
        _ => return None,
    };
    Some((step, kind, id))
}

/// The entries of `theirs` that `mine` does not hold: not the same entry,
/// or not gone as far (a note typed on since).
fn unseen<'a>(mine: &[Entry], theirs: &'a [Entry]) -> Vec<&'a Entry> {
    let mut furthest: BTreeMap<_, Millis> = BTreeMap::new();
    for e in mine {
        let at = furthest.entry(e.key()).or_insert(e.at);
        *at = (*at).max(e.at);
    }
    theirs.iter().filter(|e| furthest.get(&e.key()).is_none_or(|at| *at < e.at)).collect()
}

/// The latest entry per pickable field among `entries`, in the order the
/// fields first appear.
fn latest_per_field<'a>(entries: &[&'a Entry]) -> Vec<&'a Entry> {
    let mut latest: Vec<&Entry> = Vec::new();
    let mut slots: BTreeMap<_, usize> = BTreeMap::new();
    for &entry in entries {
        let Some(f) = field(entry) else { continue };
        match slots.get(&f) {
            Some(&i) if latest[i].at <= entry.at => latest[i] = entry,
            Some(_) => {}
            None => {
                slots.insert(f, latest.len());
                latest.push(entry);
            }
        }
    }
    latest
}

fn preview_run(mine: Option<&Run>, theirs: &Run) -> Option<RunPreview> {
    let incoming: Vec<Entry> = match mine {
        Some(mine) => unseen(&mine.history, &theirs.history).into_iter().cloned().collect(),
        None => theirs.history.clone(),
    };
    let mut conflicts = Vec::new();
    if let Some(mine) = mine {
        let theirs_new = latest_per_field(&incoming.iter().collect::<Vec<_>>());
        let mine_new = latest_per_field(&unseen(&theirs.history, &mine.history));
        for t in theirs_new {
            if let Some(m) = mine_new.iter().find(|m| field(m) == field(t))
                && m.did != t.did
            {
                conflicts.push(Conflict { run: theirs.id.clone(), mine: (*m).clone(), theirs: t.clone() });
            }
        }
    }
    // Entries saying only that a file was taken in are no news of their
    // own (two people sharing back and forth would otherwise always have
    // something new). A run whose history says nothing new may still differ
    // (a file from a build before histories): a change without entries.
    let news = incoming.iter().any(|e| !matches!(e.did, Event::Imported { .. }));
    let differs = match mine {
        None => true,
        Some(mine) => {
            news || {
                let imported = |e: &Entry| !matches!(e.did, Event::Imported { .. });
                let mut merged = mine.clone();
                merged.merge(theirs.clone());
                merged.history.retain(imported);
                let mut before = mine.clone();
                before.history.retain(imported);
                // In the order a merge leaves them: entries made at the
                // same moment (a pick sets several) are no change.
                for run in [&mut merged, &mut before] {
                    run.history.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.key().cmp(&b.key())));
                }
                merged != before
            }
        }
    };
    differs.then(|| RunPreview {
        id: theirs.id.clone(),
        name: theirs.name.value.clone(),
        playbook: theirs.playbook.clone(),
        version: theirs.accepted_version.value.unwrap_or(theirs.version),
        new: mine.is_none(),
        incoming,
        conflicts,
    })
}

impl Progress {
    /// What merging `theirs` (a colleague's file, or a whole export) into
    /// this progress would bring: new runs, changes, conflicts.
    pub fn preview_merge(&self, theirs: &Progress) -> MergePreview {
        let mut runs = Vec::new();
        let mut unchanged = 0;
        for run in &theirs.runs {
            match preview_run(self.runs.iter().find(|r| r.id == run.id), run) {
                Some(preview) => runs.push(preview),
                None => unchanged += 1,
            }
        }
        MergePreview { runs, unchanged }
    }

    /// Merge `theirs` in, keeping for each conflict of
    /// [`preview_merge`](Self::preview_merge) the side picked in `picks`
    /// (in the order of [`MergePreview::conflicts`]; a missing pick keeps
    /// the newest). `file` names where the changes came from, for the
    /// history of every run that changed.
    pub fn merge_file(&mut self, theirs: Progress, picks: &[Side], file: &str, stamp: impl Into<Stamp>) {
        let stamp = stamp.into();
        let preview = self.preview_merge(&theirs);
        self.merge(theirs);
        let mut picks = picks.iter().copied();
        for run_preview in &preview.runs {
            let Some(run) = self.runs.iter_mut().find(|r| r.id == run_preview.id) else { continue };
            run.log(&stamp, None, Event::Imported { file: file.to_owned() });
            for conflict in &run_preview.conflicts {
                // The newest is what the merge kept already; the other side
                // is set again, now, by whoever picked it.
                match picks.next().unwrap_or(conflict.newest()) {
                    pick if pick == conflict.newest() => {}
                    Side::Mine => run.reapply(&conflict.mine, &stamp),
                    Side::Theirs => run.reapply(&conflict.theirs, &stamp),
                }
            }
        }
    }
}

/// The record of `step`, made when missing.
fn record_at<'r>(run: &'r mut Run, step: Option<&str>) -> Option<&'r mut StepRecord> {
    step.map(|s| run.steps.entry(s.to_owned()).or_default())
}

impl Run {
    /// Set the field `entry` changed back to the value it set, now, by
    /// `stamp`'s person (a conflict's pick). Entries that do not carry a
    /// whole value change nothing.
    fn reapply(&mut self, entry: &Entry, stamp: &Stamp) {
        let at: Millis = stamp.at;
        let step = entry.step.as_deref();
        match &entry.did {
            Event::Renamed { name } => self.name = Stamped::new(name.clone(), at),
            Event::Step { mark } => match record_at(self, step) {
                Some(r) => r.mark = Stamped::new(mark.clone(), at),
                None => return,
            },
            Event::Item { item, mark } => match record_at(self, step) {
                Some(r) => {
                    r.items.insert(item.clone(), Stamped::new(mark.clone(), at));
                }
                None => return,
            },
            Event::Note { text } => match record_at(self, step) {
                Some(r) => r.note = Stamped::new(text.clone(), at),
                None => return,
            },
            Event::Approved { approver, approval } => match record_at(self, step) {
                Some(r) => {
                    r.approvals.insert(approver.clone(), Stamped::new(Some(approval.clone()), at));
                }
                None => return,
            },
            Event::Withdrawn { approver } => match record_at(self, step) {
                Some(r) => {
                    r.approvals.insert(approver.clone(), Stamped::new(None, at));
                }
                None => return,
            },
            Event::Task { task, value } => {
                self.tasks.insert(task.clone(), Stamped::new(value.clone(), at));
            }
            Event::Theme { theme } => self.theme = Stamped::new(theme.clone(), at),
            Event::Baseline { metric, value } => {
                self.metrics.entry(metric.clone()).or_default().baseline = Stamped::new(*value, at);
            }
            Event::Target { metric, value } => {
                self.metrics.entry(metric.clone()).or_default().target = Stamped::new(*value, at);
            }
            Event::Roi { roi } => self.roi = Stamped::new(roi.clone(), at),
            Event::Owner { role, people } => {
                self.owners.insert(role.clone(), Stamped::new(people.clone(), at));
            }
            Event::Start { phase: None, date } => self.dates.start = Stamped::new(*date, at),
            Event::Start { phase: Some(phase), date } => {
                self.dates.phases.insert(phase.clone(), Stamped::new(*date, at));
            }
            Event::Answer { question, answer } => {
                self.answers.insert(question.clone(), Stamped::new(answer.clone(), at));
            }
            Event::Due { date } => match step {
                Some(step) => {
                    self.dates.steps.insert(step.to_owned(), Stamped::new(*date, at));
                }
                None => return,
            },
            Event::Meeting { meeting } => match step {
                Some(step) => {
                    self.dates.meetings.insert(step.to_owned(), Stamped::new(*meeting, at));
                }
                None => return,
            },
            Event::Comment { id, text: None } => {
                self.comments.insert(id.clone(), Stamped::new(None, at));
            }
            Event::Comment { id, text: Some(text) } => {
                // Who wrote it first and when stay as they were: from the
                // comment, or, when the merge kept its deletion, from the
                // history's first entry of it.
                let kept = self.comments.get(id).and_then(|c| c.value.clone());
                let first = || {
                    self.history
                        .iter()
                        .filter(|e| matches!(&e.did, Event::Comment { id: i, .. } if i == id))
                        .min_by_key(|e| e.at)
                        .and_then(|e| {
                            let step = e.step.clone()?;
                            Some(Comment { step, text: String::new(), by: e.by.clone(), posted: e.at })
                        })
                };
                let Some(comment) = kept.or_else(first) else { return };
                self.comments.insert(id.clone(), Stamped::new(Some(Comment { text: text.clone(), ..comment }), at));
            }
            _ => return,
        }
        self.log(stamp, step, entry.did.clone());
    }
}
