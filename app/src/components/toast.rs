//! A short message after an action, with an undo when the action can be undone.

use leptos::prelude::*;

use crate::Ctx;

/// What the toast says and what its button undoes.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// The message.
    pub message: String,
    /// The deleted run that "undo" restores.
    pub restore_run: Option<String>,
}

#[component]
pub fn ToastArea() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let undo = move |_| {
        if let Some(run) = ctx.toast.get_untracked().and_then(|toast| toast.restore_run) {
            let _ = ctx.store.change(|p, now| p.restore(&run, now));
            ctx.toast.set(Some(Toast { message: t().restored.to_owned(), restore_run: None }));
        }
    };
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || ctx.toast.get().map(|toast| {
                let can_undo = toast.restore_run.is_some();
                view! {
                    <div class="toast">
                        <span>{toast.message}</span>
                        <Show when=move || can_undo>
                            <button type="button" class="secondary" on:click=undo>{move || t().undo}</button>
                        </Show>
                        <button type="button" class="plain" aria-label=move || t().dismiss on:click=move |_| ctx.toast.set(None)>"×"</button>
                    </div>
                }
            })}
        </div>
    }
}
