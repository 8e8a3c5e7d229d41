//! The moment a phase becomes complete while the page is open (not a phase
//! that already was): a message, and a link to the next phase's first step.

use leptos::prelude::*;
use tebiki::PhaseKind;
use tebiki::progress::PhasesComplete;

use super::links::Links;
use crate::Ctx;
use crate::handle::RunHandle;

#[component]
pub fn PhaseComplete(run: RunHandle, links: Links) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let completed = RwSignal::new(None::<PhaseKind>);
    let now = Memo::new(move |_| run.with(|r, p| r.phases_complete(p)).unwrap_or_default());
    Effect::new(move |before: Option<PhasesComplete>| {
        let now = now.get();
        if let Some(kind) = before.and_then(|before| now.just_completed(&before)) {
            completed.set(Some(kind));
        }
        now
    });
    move || {
        completed.get().map(|kind| {
            let all_done = run.with_untracked(|r, p| r.tally(p).complete()).unwrap_or(false);
            let (title, next) = run.with_playbook(|p| {
                let title = p.phase(kind).map(|ph| ph.title.clone()).unwrap_or_default();
                let next = p.phase_after(kind).and_then(|n| Some((n.title.clone(), n.steps.first()?.id.clone())));
                (title, next)
            });
            view! {
                <section class="celebrate" role="status" aria-live="polite" data-testid="phase-complete">
                    <p class="celebrate-title">{move || if all_done { t().run_complete.to_owned() } else { (t().phase_complete)(&title) }}</p>
                    {next.filter(|_| !all_done).map(|(next_title, first)| {
                        let href = links.step(first);
                        view! { <p><a class="button" href=href on:click=move |_| completed.set(None)>{move || (t().go_to_phase)(&next_title)}</a></p> }
                    })}
                    <button type="button" class="plain" aria-label=move || t().dismiss on:click=move |_| completed.set(None)>"×"</button>
                </section>
            }
        })
    }
}
