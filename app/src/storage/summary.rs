//! The summary of this browser's runs and local playbooks that the site's
//! small script reads on the pages that do not load the app (see
//! `tebiki::summary`). Written when the runs have been written (so that it
//! never shows a run storage does not hold yet) or the local playbooks or the
//! store's health changed, and only when it differs from what was written.

use leptos::prelude::*;
use std::collections::BTreeMap;

use tebiki::StepConditions;
use tebiki::summary::{KEY, LocalSummary, Summary};

use super::local::Library;
use super::runs::{Health, Store};

/// Keep the summary in step with `store` and `local` for as long as the app
/// runs; the site's manifest under `base` says which steps of its playbooks
/// are conditional (until it has loaded, or if it cannot be, no step is
/// taken as excluded by a run's answers).
pub fn keep(store: Store, local: Library, base: String) {
    // Parsing the local playbooks only when that list changes, not at every
    // change of a run.
    let locals = Memo::new(move |_| {
        local.list.with(|list| {
            list.iter()
                .map(|p| {
                    let parsed = tebiki::parse(&p.source).0;
                    let when = parsed.as_ref().map(StepConditions::of).unwrap_or_default();
                    (LocalSummary::read(&p.id, parsed.as_ref()), (p.id.clone(), when))
                })
                .collect::<Vec<_>>()
        })
    });
    let site = LocalResource::new(move || {
        let base = base.clone();
        async move {
            let manifest = crate::net::manifest(&base).await.ok();
            manifest.map(|m| m.playbooks.into_iter().map(|p| (p.id, p.when)).collect::<BTreeMap<_, _>>())
        }
    });
    let mut written: Option<String> = None;
    Effect::new(move |_| {
        let healthy = store.health.with(|h| *h == Health::Ok);
        // The runs as last written: a change still waiting to be written
        // (saves are coalesced) is not in storage, so not in the summary.
        store.track_writes();
        let (local, local_when): (Vec<_>, Vec<_>) = locals.get().into_iter().unzip();
        let mut when = site.get().flatten().unwrap_or_default();
        when.extend(local_when);
        let summary = store.with_untracked(|p| Summary::new(p, local, &when));
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

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use gloo_storage::Storage as _;
    use wasm_bindgen_test::*;

    use super::*;
    use crate::testing::{self, tick};

    wasm_bindgen_test_configure!(run_in_browser);

    const PLAYBOOK: &str = include_str!("../../../tests/fixtures/valid/every-feature.md");

    fn summary() -> Option<String> {
        gloo_storage::LocalStorage::raw().get_item(KEY).unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_run_is_in_the_summary_once_it_is_written_and_not_before() {
        let playbook = tebiki::parse(PLAYBOOK).0.expect("fixture parses");
        let (container, store) = testing::mount(&playbook, |_| {
            let ctx = expect_context::<crate::Ctx>();
            keep(ctx.store, ctx.local, ctx.nav.base());
        });
        store.flush();
        tick().await;
        assert!(summary().expect("written with the run").contains(r#""id":"r1""#));

        let p = playbook.clone();
        store.change(|progress, now| progress.start_run(&p, "二つ目", "r2".into(), now).map(|_| ())).unwrap();
        tick().await;
        assert!(store.pending());
        assert!(
            !summary().unwrap().contains(r#""id":"r2""#),
            "a run storage does not hold yet is not shown on the pages people read"
        );
        store.flush();
        tick().await;
        assert!(summary().unwrap().contains(r#""id":"r2""#));
        testing::unmount(container, store);
    }
}
