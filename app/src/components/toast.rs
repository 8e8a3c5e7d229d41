//! A short message after an action, with an undo when the action can be undone.

use leptos::prelude::*;

use crate::Ctx;

/// What the toast says and what its button undoes.
#[derive(Debug, Clone, PartialEq)]
pub struct Toast {
    /// The message.
    pub message: String,
    /// What "undo" puts back.
    pub undo: Option<Undo>,
}

/// What a toast's "undo" puts back.
#[derive(Debug, Clone, PartialEq)]
pub enum Undo {
    /// A deleted run, by id.
    Run(String),
    /// A task removed from a run's worksheet.
    Task {
        /// The run.
        run: String,
        /// The task's id.
        id: String,
        /// The task as it was.
        task: tebiki::inventory::Task,
    },
    /// Rows imported into a run's worksheet.
    Import {
        /// The run.
        run: String,
        /// What the import did.
        imported: tebiki::progress::ImportedTasks,
    },
    /// A playbook removed from this browser.
    Local(crate::storage::local::LocalPlaybook),
}

#[component]
pub fn ToastArea() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let undo = move |_| {
        let Some(undo) = ctx.toast.get_untracked().and_then(|toast| toast.undo) else { return };
        match undo {
            Undo::Run(run) => drop(ctx.store.change(|p, now| p.restore(&run, now))),
            Undo::Task { run, id, task } => drop(ctx.store.change(|p, now| {
                p.run_mut(&run)?.restore_task(&id, task, now);
                Ok(())
            })),
            Undo::Import { run, imported } => drop(ctx.store.change(|p, now| {
                p.run_mut(&run)?.undo_import(&imported, now);
                Ok(())
            })),
            Undo::Local(playbook) => drop(ctx.local.restore(playbook)),
        }
        ctx.toast.set(Some(Toast { message: t().restored.to_owned(), undo: None }));
    };
    view! {
        <div class="toast-area" role="status" aria-live="polite">
            {move || ctx.toast.get().map(|toast| {
                let can_undo = toast.undo.is_some();
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
