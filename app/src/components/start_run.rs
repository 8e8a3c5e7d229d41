//! Starting a run: a name the team will recognise, then straight to the first step.

use leptos::prelude::*;
use tebiki::Playbook;

use crate::Ctx;
use crate::components::questions::AnswerFields;
use crate::route::RunView;
use crate::time::now;

#[component]
pub fn StartRun(playbook: StoredValue<Playbook>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let year = js_sys::Date::new_0().get_full_year();
    let department = playbook.with_value(|p| p.meta.department.clone());
    let name = RwSignal::new((t().default_run_name)(&department, year));
    let error = RwSignal::new(None::<String>);
    let questions = playbook.with_value(|p| p.questions.clone());
    // The answers picked so far, one per question; applied with the start.
    let answers = RwSignal::new(vec![None::<String>; questions.len()]);
    let pick = Callback::new(move |(i, answer): (usize, Option<String>)| {
        answers.update(|a| {
            if let Some(slot) = a.get_mut(i) {
                *slot = answer;
            }
        });
    });
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = tebiki::progress::run_id(now(), (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
        let picked = answers.get_untracked();
        let result = playbook.with_value(|p| {
            ctx.store.change(|progress, now| {
                progress.start_run(p, &name.get_untracked(), id.clone(), now.clone())?;
                let run = progress.run_mut(&id)?;
                for (q, answer) in p.questions.iter().zip(&picked) {
                    if answer.is_some() {
                        run.set_answer(p, &q.id, answer.as_deref(), now.clone())?;
                    }
                }
                Ok(())
            })
        });
        match result {
            Ok(()) => {
                let href = RunView { run: id, ..RunView::default() }
                    .href(&ctx.nav.pages(), &ctx.playbook_page(&playbook.with_value(|p| p.meta.id.clone())));
                ctx.nav.go(&href);
            }
            Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    };
    view! {
        <form class="start-run" on:submit=start>
            <div class="field grow">
                <label for="new-run-name">{move || t().new_run_name}</label>
                <input id="new-run-name" type="text" aria-required="true" aria-describedby="new-run-help"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev)) />
                <p id="new-run-help" class="help">{move || t().new_run_help}</p>
            </div>
            {(!questions.is_empty()).then(|| view! {
                <div class="start-questions" data-testid="start-questions">
                    <p class="help">{move || t().start_questions_help}</p>
                    <AnswerFields questions=questions.clone() prefix="new-answer" answers=answers pick />
                </div>
            })}
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" data-testid="start-run">{move || t().start_run}</button>
        </form>
    }
}
