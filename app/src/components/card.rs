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
    // The manifest has no step ids: count among the steps the run started with.
    let runs = Memo::new(move |_| {
        ctx.store.with(|p| {
            let runs = p.runs_of(&id);
            let latest = runs.first().map(|r| {
                let done = r.resolved_started_steps().min(steps);
                (r.name.value.clone(), tebiki::progress::Tally { done, total: steps })
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
