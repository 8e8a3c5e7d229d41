//! "Not applicable", always with a reason: mark a step or an item as not
//! applying to this team, or take that back.

use leptos::prelude::*;
use tebiki::progress::{Mark, ProgressError};

use crate::Ctx;

/// `id`: unique prefix for element ids; `subject`: what is marked, for labels.
#[component]
pub fn NaControl(
    id: String,
    #[prop(into)] subject: Signal<String>,
    #[prop(into)] mark: Signal<Mark>,
    apply: Callback<Mark, Result<(), ProgressError>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let run = move |m: Mark| match apply.run(m) {
        Ok(()) => {
            error.set(None);
            open.set(false);
        }
        Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
    };
    let input_id = format!("{id}-reason");
    let error_id = format!("{id}-error");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(Mark::Na { reason: reason.get_untracked() });
    };
    view! {
        <div class="na">
            {move || match mark.get() {
                Mark::Na { reason: why } => view! {
                    <p class="na-state">
                        <span class="chip na-chip">{move || t().not_applicable}</span>
                        <span class="na-reason">{move || t().reason_label}"："{why}</span>
                        <button type="button" class="link" on:click=move |_| run(Mark::Open)>
                            {move || t().make_applicable}<span class="visually-hidden">{move || format!("：{}", subject.get())}</span>
                        </button>
                    </p>
                }.into_any(),
                _ if open.get() => {
                    let (input_id, error_id) = (input_id.clone(), error_id.clone());
                    view! {
                        <form class="na-form" on:submit=submit>
                            <label for=input_id.clone()>{move || (t().na_reason_for)(&subject.get())}</label>
                            <input id=input_id type="text" aria-required="true" autofocus
                                aria-describedby=error_id.clone()
                                prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev)) />
                            <button type="submit">{move || t().mark_na}</button>
                            <button type="button" class="secondary" on:click=move |_| { open.set(false); error.set(None); }>{move || t().cancel}</button>
                            <p id=error_id class="error" role="alert">{move || error.get()}</p>
                        </form>
                    }.into_any()
                }
                _ => view! {
                    <button type="button" class="link" on:click=move |_| open.set(true)>
                        {move || t().mark_na_open}<span class="visually-hidden">{move || format!("：{}", subject.get())}</span>
                    </button>
                }.into_any(),
            }}
        </div>
    }
}
