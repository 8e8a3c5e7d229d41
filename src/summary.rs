//! What the site's small script needs to know about this browser: the runs
//! (for the catalog's cards and a playbook's list of runs) and the playbooks
//! kept only here (for the catalog's list of them), written by the app beside
//! the runs whenever they change, so that the pages that do not load the app
//! can show them with one `JSON.parse` and no parsing of the progress format.
//!
//! The summary is a cache: the runs themselves stay the source of truth, a
//! summary that cannot be read shows nothing, and the app writes it again on
//! its next start. Everything in it was typed by people or came from a file
//! and is untrusted: the script puts it in the page as text only.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::model::StepConditions;
use crate::progress::{Millis, Progress};

/// The storage key the app writes and the site script reads.
pub const KEY: &str = "tebiki.summary.v1";

/// The version of the summary's shape. The script shows nothing for any other.
pub const VERSION: u32 = 1;

/// The summary of this browser.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Always [`VERSION`].
    pub v: u32,
    /// Every run not deleted, most recently changed first (the order of
    /// `Progress::runs_of`).
    pub runs: Vec<RunSummary>,
    /// The playbooks kept only in this browser, oldest first.
    pub local: Vec<LocalSummary>,
}

/// One run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RunSummary {
    /// The run's id (its address is `?run=ID` on its playbook's page).
    pub id: String,
    /// The playbook it follows.
    pub playbook: String,
    /// Its name.
    pub name: String,
    /// When it was started.
    pub created: Millis,
    /// The playbook version it was started on.
    pub version: u32,
    /// Finished steps among those the playbook had when the run started, the
    /// steps its answers exclude included: the count the catalog shows
    /// without the playbook (`Run::resolved_started_steps`).
    pub done: usize,
}

/// One playbook kept in this browser.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalSummary {
    /// Its id (its page is `?local=ID` on the catalog's address).
    pub id: String,
    /// Its title (the id when it cannot be read).
    pub title: String,
    /// Its department (empty when it cannot be read).
    pub department: String,
    /// `id@version` of the playbook it was cloned from.
    pub cloned_from: Option<String>,
}

impl Summary {
    /// The summary of `progress` and the local playbooks `local`; `when`
    /// has the conditional steps of the playbooks known here, by playbook id
    /// (a playbook missing from it counts no step as excluded).
    pub fn new(progress: &Progress, local: Vec<LocalSummary>, when: &BTreeMap<String, StepConditions>) -> Summary {
        let none = StepConditions::default();
        let mut runs: Vec<_> = progress.live_runs().collect();
        runs.sort_by_cached_key(|r| std::cmp::Reverse(r.updated()));
        let runs = runs
            .into_iter()
            .map(|r| RunSummary {
                id: r.id.clone(),
                playbook: r.playbook.clone(),
                name: r.name.value.clone(),
                created: r.created,
                version: r.version,
                done: r.resolved_started_steps(when.get(&r.playbook).unwrap_or(&none)),
            })
            .collect();
        Summary { v: VERSION, runs, local }
    }

    /// As stored: compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl LocalSummary {
    /// The summary of local playbook `id`, read as `playbook` (`None`: it
    /// cannot be read).
    pub fn read(id: &str, playbook: Option<&crate::Playbook>) -> LocalSummary {
        let meta = playbook.map(|p| &p.meta);
        LocalSummary {
            id: id.to_owned(),
            title: meta.as_ref().map_or_else(|| id.to_owned(), |m| m.title.clone()),
            department: meta.map(|m| m.department.clone()).unwrap_or_default(),
            cloned_from: meta.and_then(|m| m.cloned_from.as_ref()).map(ToString::to_string),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic;

    #[test]
    fn runs_are_listed_most_recent_first_without_the_deleted() {
        let playbook = synthetic::playbook("s", 6, 0);
        let p = crate::parse(&playbook).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "一つ目", "r1".into(), 1).unwrap();
        progress.start_run(&p, "二つ目 <b>", "r2".into(), 2).unwrap();
        progress.start_run(&p, "消す", "r3".into(), 3).unwrap();
        progress.delete("r3", 4).unwrap();
        let first = p.steps().next().unwrap();
        progress.run_mut("r1").unwrap().set_step(&p, first, crate::progress::Mark::Done, 5).unwrap();
        let summary = Summary::new(&progress, Vec::new(), &BTreeMap::new());
        let ids: Vec<_> = summary.runs.iter().map(|r| (r.id.as_str(), r.done)).collect();
        assert_eq!(ids, [("r1", 1), ("r2", 0)]);
        let json = summary.to_json();
        assert!(json.starts_with(r#"{"v":1,"runs":[{"id":"r1","playbook":"#), "{json}");
        assert!(json.contains(r#""name":"二つ目 <b>""#), "names are data, escaped by the reader: {json}");
    }

    #[test]
    fn steps_the_answers_exclude_count_as_finished_when_the_conditions_are_known() {
        let p = crate::parse(include_str!("../tests/fixtures/valid/every-feature.md")).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "非上場の会社", "r1".into(), 1).unwrap();
        let run = progress.run_mut("r1").unwrap();
        run.set_answer(&p, "listing", Some("private"), 2).unwrap();
        let tally = run.tally(&p);
        assert_eq!(tally.done, 1, "the worksheet is excluded: {tally:?}");

        let known = BTreeMap::from([(p.meta.id.clone(), StepConditions::of(&p))]);
        assert_eq!(Summary::new(&progress, Vec::new(), &known).runs[0].done, tally.done);
        assert_eq!(
            Summary::new(&progress, Vec::new(), &BTreeMap::new()).runs[0].done,
            0,
            "without the conditions nothing is taken as excluded"
        );

        let entry = crate::manifest::ManifestEntry::new(&p, "");
        assert_eq!(crate::overview::CardRuns::of(&progress, &entry).unwrap().done, tally.done);
        let json = serde_json::to_string(&entry).unwrap();
        assert!(json.contains(r#""when":{"worksheet":[{"question":"listing""#), "{json}");
        let read: crate::manifest::ManifestEntry = serde_json::from_str(&json).unwrap();
        assert_eq!(read, entry, "the manifest reads back what it wrote");
    }

    #[test]
    fn a_local_playbook_that_cannot_be_read_is_listed_by_its_id() {
        let good = LocalSummary::read("x", crate::parse(&synthetic::playbook("x", 3, 1)).0.as_ref());
        assert_ne!(good.title, "x");
        assert!(!good.department.is_empty());
        let bad = LocalSummary::read("broken", crate::parse("not a playbook").0.as_ref());
        assert_eq!((bad.title.as_str(), bad.department.as_str(), bad.cloned_from), ("broken", "", None));
    }
}
