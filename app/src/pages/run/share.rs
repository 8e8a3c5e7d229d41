//! 「この取り組みを共有」: one run as a file a colleague takes in from 設定
//! (merged with theirs, `components/merge_preview.rs`), named after the
//! playbook, the run, the person and the day; a playbook kept only in this
//! browser travels with its run.

use leptos::prelude::*;
use tebiki::progress::{Export, Progress, SharedPlaybook};

use crate::Ctx;
use crate::handle::RunHandle;
use crate::storage::backup::share_file_name;
use crate::time::now;

#[component]
pub fn ShareButton(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let share = move |_| {
        let at = now();
        let Some(shared) = run.with_untracked(|r, _| r.clone()) else { return };
        let me = ctx.store.me();
        let name = share_file_name(&shared.playbook, &shared.name.value, &me.name, &crate::time::iso_date(at));
        // A playbook kept only in this browser goes with its run.
        let carried =
            ctx.local.source(&shared.playbook).map(|source| SharedPlaybook { id: shared.playbook.clone(), source });
        let progress = Progress { runs: vec![shared], ..Progress::default() };
        let mut file = Export::new(progress, None, at);
        file.playbooks.extend(carried);
        if crate::download::download(&name, "application/json", &file.to_json()) {
            let message = (ctx.t().share_done)(&name);
            ctx.toast.set(Some(crate::components::toast::Toast { message, undo: None }));
        }
    };
    view! {
        <button type="button" class="secondary share" on:click=share data-testid="share-run"
            title=move || t().share_help>{move || t().share_run}</button>
    }
}
