//! This browser's runs of one playbook, and starting a new one.

use leptos::prelude::*;
use tebiki::Playbook;

use crate::Ctx;
use crate::components::run_row::RunRow;
use crate::components::start_run::StartRun;

#[component]
pub fn Runs(playbook: StoredValue<Playbook>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let id = playbook.with_value(|p| p.meta.id.clone());
    let ids =
        Memo::new(move |_| ctx.store.with(|p| p.runs_of(&id).into_iter().map(|r| r.id.clone()).collect::<Vec<_>>()));
    view! {
        <section class="runs" aria-labelledby="runs-heading">
            <h2 id="runs-heading">{move || t().runs_title}</h2>
            <Show
                when=move || !ids.with(Vec::is_empty)
                fallback=move || view! { <p class="empty">{move || t().runs_empty}</p> }
            >
                <ul class="run-list">
                    <For each=move || ids.get() key=|id| id.clone() let:run>
                        <RunRow playbook run />
                    </For>
                </ul>
            </Show>
            <StartRun playbook />
        </section>
    }
}
