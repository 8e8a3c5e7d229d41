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
    // Every step's mark, in playbook order: one signal per step, set by one
    // pass over the run when anything in the runs changes, and only where
    // the mark changed. (A closure per step reading the runs would run for
    // all steps — 500 on a large playbook — on every keystroke in a note.)
    let marks_now = move || {
        ctx.store.progress.with_untracked(|p| {
            let run = run.with_value(|id| p.run(id));
            playbook.with_value(|pb| {
                pb.steps().map(|s| run.map(|r| r.step_mark(s)).unwrap_or_default()).collect::<Vec<_>>()
            })
        })
    };
    let marks: Vec<RwSignal<Mark>> = marks_now().into_iter().map(RwSignal::new).collect();
    let signals = marks.clone();
    Effect::new(move |_| {
        ctx.store.progress.track();
        for (signal, now) in signals.iter().zip(marks_now()) {
            if signal.with_untracked(|m| *m != now) {
                signal.set(now);
            }
        }
    });
    let mut index = 0;
    view! {
        <nav class="step-list" aria-label=move || t().step_list>
            {phases
                .into_iter()
                .map(|phase| {
                    let kind = phase.kind;
                    let tally = move || {
                        ctx.store.progress.with(|p| {
                            run.with_value(|id| p.run(id)).and_then(|r| playbook.with_value(|pb| pb.phase(kind).map(|ph| r.phase_tally(ph))))
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
                                    let mark = marks[index];
                                    index += 1;
                                    let mark = move || mark.get();
                                    let href = RunView { run: run.get_value(), step: Some(step.id.clone()), ..RunView::default() }
                                        .href(&ctx.nav.base(), &ctx.playbook_page(&playbook_id));
                                    let title = step.title;
                                    let id = step.id;
                                    let is_current = move || current.with(|c| *c == id);
                                    view! {
                                        <li class=move || match mark() { Mark::Open => "open", Mark::Done => "done", Mark::Na { .. } => "na" }>
                                            <a href=href aria-current=move || is_current().then_some("step")>
                                                <span class="mark" aria-hidden="true">{move || match mark() { Mark::Open => "○", Mark::Done => "✓", Mark::Na { .. } => "－" }}</span>
                                                <span>{title}</span>
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
