//! Every step of a run beside the current one: where you are, what is done.

use leptos::prelude::*;
use tebiki::Playbook;
use tebiki::progress::Mark;

use crate::Ctx;
use crate::route::RunView;

#[component]
pub fn StepList(
    playbook: StoredValue<Playbook>,
    run: StoredValue<String>,
    #[prop(into)] current: Signal<String>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let playbook_id = playbook.with_value(|p| p.meta.id.clone());
    let phases = playbook.with_value(|p| p.phases.clone());
    view! {
        <nav class="step-list" aria-label=move || t().step_list>
            {phases
                .into_iter()
                .map(|phase| {
                    let kind = phase.kind;
                    let tally = move || {
                        ctx.store.progress.with(|p| {
                            p.run(&run.get_value()).and_then(|r| playbook.with_value(|pb| pb.phase(kind).map(|ph| r.phase_tally(ph))))
                        }).unwrap_or_default()
                    };
                    let playbook_id = playbook_id.clone();
                    view! {
                        <div class="step-group">
                            <p class="group-title">
                                <span>{phase.title.clone()}</span>
                                <span class="group-count">{move || { let t = tally(); format!("{}/{}", t.done, t.total) }}</span>
                            </p>
                            <ol>
                                {phase.steps.into_iter().map(|step| {
                                    let href = RunView { run: run.get_value(), step: Some(step.id.clone()), ..RunView::default() }
                                        .href(&ctx.nav.base(), &ctx.playbook_page(&playbook_id));
                                    let step = StoredValue::new(step);
                                    let id = step.with_value(|s| s.id.clone());
                                    let mark = move || ctx.store.progress.with(|p| {
                                        p.run(&run.get_value()).map(|r| step.with_value(|s| r.step_mark(s))).unwrap_or_default()
                                    });
                                    let is_current = move || current.get() == id;
                                    view! {
                                        <li class=move || match mark() { Mark::Open => "open", Mark::Done => "done", Mark::Na { .. } => "na" }>
                                            <a href=href aria-current=move || is_current().then_some("step")>
                                                <span class="mark" aria-hidden="true">{move || match mark() { Mark::Open => "○", Mark::Done => "✓", Mark::Na { .. } => "－" }}</span>
                                                <span>{step.with_value(|s| s.title.clone())}</span>
                                                <span class="visually-hidden">{move || match mark() {
                                                    Mark::Open => format!("（{}）", t().status_open),
                                                    Mark::Done => format!("（{}）", t().status_done),
                                                    Mark::Na { .. } => format!("（{}）", t().not_applicable),
                                                }}</span>
                                            </a>
                                        </li>
                                    }
                                }).collect_view()}
                            </ol>
                        </div>
                    }
                })
                .collect_view()}
        </nav>
    }
}
