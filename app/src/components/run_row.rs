//! One run in the list: open it, rename it, delete it (with confirmation and undo).

use leptos::prelude::*;
use tebiki::Playbook;

use crate::Ctx;
use crate::components::progress_bar::ProgressBar;
use crate::components::toast::{Toast, Undo};
use crate::route::RunView;

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Show,
    Rename,
    ConfirmDelete,
}

#[component]
pub fn RunRow(playbook: StoredValue<Playbook>, run: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let run_id = StoredValue::new(run);
    let data = Memo::new(move |_| ctx.store.with(|p| p.run(&run_id.get_value()).cloned()));
    let mode = RwSignal::new(Mode::Show);
    let error = RwSignal::new(None::<String>);
    let draft = RwSignal::new(String::new());
    let playbook_id = playbook.with_value(|p| p.meta.id.clone());
    let href = RunView { run: run_id.get_value(), ..RunView::default() }
        .href(&ctx.nav.pages(), &ctx.playbook_page(&playbook_id));
    let tally = Signal::derive(move || {
        data.with(|r| r.as_ref().map(|r| playbook.with_value(|p| r.tally(p))).unwrap_or_default())
    });
    let name = move || data.with(|r| r.as_ref().map(|r| r.name.value.clone()).unwrap_or_default());
    let dom_id = move |what: &str| format!("run-{}-{what}", run_id.get_value());

    let rename = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match ctx.store.change(|p, now| p.rename(&run_id.get_value(), &draft.get_untracked(), now)) {
            Ok(()) => {
                mode.set(Mode::Show);
                error.set(None);
            }
            Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    };
    let delete = move |_| {
        let name = name();
        if ctx.store.change(|p, now| p.delete(&run_id.get_value(), now)).is_ok() {
            ctx.toast.set(Some(Toast { message: (t().deleted)(&name), undo: Some(Undo::Run(run_id.get_value())) }));
        }
    };

    view! {
        <li class="run-row" data-testid="run-row">
            {move || match mode.get() {
                Mode::Rename => view! {
                    <form class="inline-form" on:submit=rename>
                        <label for=dom_id("name")>{move || t().run_name}</label>
                        <input id=dom_id("name") type="text" aria-required="true"
                            prop:value=move || draft.get()
                            on:input=move |ev| draft.set(event_target_value(&ev)) />
                        <button type="submit">{move || t().save}</button>
                        <button type="button" class="secondary" on:click=move |_| { mode.set(Mode::Show); error.set(None); }>
                            {move || t().cancel}
                        </button>
                    </form>
                }.into_any(),
                _ => view! {
                    <p class="run-name"><a href=href.clone()>{name}</a></p>
                }.into_any(),
            }}
            <p class="run-meta">
                {move || data.with(|r| r.as_ref().map(|r| (t().run_meta)(&crate::time::date(r.created, ctx.lang.get()), r.version)))}
            </p>
            <ProgressBar label=Signal::derive(move || t().overall.to_owned()) tally />
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {move || match mode.get() {
                Mode::ConfirmDelete => view! {
                    <div class="confirm" role="group" aria-label=move || t().delete_run>
                        <p>{move || (t().confirm_delete)(&name())}</p>
                        <button type="button" class="danger" on:click=delete>{move || t().delete_run}</button>
                        <button type="button" class="secondary" on:click=move |_| mode.set(Mode::Show)>{move || t().cancel}</button>
                    </div>
                }.into_any(),
                Mode::Show => view! {
                    <p class="row-actions">
                        <button type="button" class="secondary" data-action="rename" data-run=run_id.get_value()
                            on:click=move |_| { draft.set(name()); mode.set(Mode::Rename); }>
                            {move || t().rename}<span class="visually-hidden">{move || format!("：{}", name())}</span>
                        </button>
                        <button type="button" class="secondary" data-action="delete" data-run=run_id.get_value()
                            on:click=move |_| mode.set(Mode::ConfirmDelete)>
                            {move || t().delete}<span class="visually-hidden">{move || format!("：{}", name())}</span>
                        </button>
                    </p>
                }.into_any(),
                Mode::Rename => ().into_any(),
            }}
        </li>
    }
}
