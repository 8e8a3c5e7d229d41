//! Starting a run: a name the team will recognise, then straight to the first step.

use leptos::prelude::*;
use tebiki::Playbook;

use crate::Ctx;
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
    let start = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = tebiki::progress::run_id(now(), (js_sys::Math::random() * f64::from(u32::MAX)) as u32);
        let result = playbook.with_value(|p| {
            ctx.store.change(|progress, now| progress.start_run(p, &name.get_untracked(), id.clone(), now).map(|_| ()))
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
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" data-testid="start-run">{move || t().start_run}</button>
        </form>
    }
}
