//! The summary of this browser's runs and local playbooks that the site's
//! small script reads on the pages that do not load the app (see
//! `tebiki::summary`). Written whenever either changes, only when it did.

use leptos::prelude::*;
use tebiki::summary::{KEY, LocalSummary, Summary};

use super::local::Library;
use super::runs::{Health, Store};

/// Keep the summary in step with `store` and `local` for as long as the app runs.
pub fn keep(store: Store, local: Library) {
    // Parsing the local playbooks for their titles only when that list changes,
    // not at every change of a run.
    let locals = Memo::new(move |_| {
        local.list.with(|list| list.iter().map(|p| LocalSummary::of(&p.id, &p.source)).collect::<Vec<_>>())
    });
    let mut written: Option<String> = None;
    Effect::new(move |_| {
        let healthy = store.health.with(|h| *h == Health::Ok);
        let summary = store.with(|p| Summary::new(p, locals.get()));
        // Nothing to show, or runs this build cannot read or save: no summary,
        // so that the pages without the app leave this browser to the app
        // (which says what is wrong), and a visit that stored nothing stores nothing.
        let json = (healthy && !(summary.runs.is_empty() && summary.local.is_empty())).then(|| summary.to_json());
        let json = json.unwrap_or_default();
        if written.as_deref() == Some(json.as_str()) {
            return;
        }
        let Some(storage) = super::storage() else { return };
        let stored = storage.get_item(KEY).ok().flatten();
        let done = if json.is_empty() {
            stored.is_none() || storage.remove_item(KEY).is_ok()
        } else {
            // A full storage refuses the write: the runs' own banner says so;
            // the summary is only a cache, written again at the next change.
            stored.as_deref() == Some(json.as_str()) || storage.set_item(KEY, &json).is_ok()
        };
        if done {
            written = Some(json);
        }
    });
}
