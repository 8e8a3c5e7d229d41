//! One playbook in the catalog.

use leptos::prelude::*;
use tebiki::manifest::ManifestEntry;

use crate::Ctx;
use crate::components::progress_bar::ProgressBar;
use crate::route::Page;

#[component]
pub fn Card(entry: ManifestEntry) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let href = ctx.nav.href(&Page::Playbook { id: entry.id.clone() });
    let (steps, version) = (entry.steps, entry.version);
    let theme = entry.theme.clone();
    let id = entry.id.clone();
    // The manifest has no step ids, so a run's progress here counts its
    // finished steps among those the playbook had when the run started.
    let runs = Memo::new(move |_| {
        ctx.store.progress.with(|p| {
            let runs = p.runs_of(&id);
            let latest = runs.first().map(|r| {
                let done = r
                    .step_hashes
                    .keys()
                    .filter(|s| r.steps.get(*s).is_some_and(|x| x.mark.value.is_resolved()))
                    .count();
                (r.name.value.clone(), tebiki::progress::Tally { done: done.min(steps), total: steps })
            });
            (runs.len(), latest)
        })
    });
    view! {
        <li class="card" data-testid="playbook-card" data-id=entry.id.clone()>
            <p class="dept">{entry.department}</p>
            <h2><a href=href>{entry.title}</a></h2>
            <p>{entry.summary}</p>
            <p class="meta">
                {move || format!("{}：{} ・ {} ・ {}", ctx.t().theme, theme, (ctx.t().steps)(steps), (ctx.t().version)(version))}
            </p>
            {move || {
                let (count, latest) = runs.get();
                latest.map(|(name, tally)| view! {
                    <div class="card-runs" data-testid="card-runs">
                        <p>{move || (ctx.t().runs_here)(count, &name)}</p>
                        <ProgressBar label=Signal::derive(move || ctx.t().latest_run.to_owned()) tally />
                    </div>
                })
            }}
        </li>
    }
}
