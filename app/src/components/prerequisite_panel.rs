//! The pilot gate's prerequisite: the playbook that must be finished first,
//! whether this browser has a finished run of it, and a form to record that
//! it was done elsewhere (by whom, when, a reference such as a 稟議 number).
//! What is recorded says which of the two it is.

use leptos::prelude::*;
use tebiki::Playbook;
use tebiki::manifest::source_path;
use tebiki::progress::{Prerequisite, ProgressError};

use crate::Ctx;
use crate::handle::RunHandle;
use crate::pages::playbook::load_playbook;
use crate::time::now;

/// The required playbook: `None` while it loads, then `Some(None)` when it
/// cannot be had. This browser's own copy when it has one, else the site's.
/// (A signal set by one task: a resource would add its machinery to the
/// wasm for a single fetch.)
type Loaded = RwSignal<Option<Option<Playbook>>>;

fn load_required(ctx: Ctx, id: &str) -> Loaded {
    let loaded = RwSignal::new(None);
    let kept = ctx.local.source(id);
    let url = format!("{}{}", ctx.nav.base(), source_path(id));
    wasm_bindgen_futures::spawn_local(async move {
        let playbook = match kept {
            Some(text) => tebiki::parse(&text).0,
            None => load_playbook(url).await.ok().map(|(p, _)| p),
        };
        // The component may be gone by then.
        let _ = loaded.try_set(Some(playbook));
    });
    loaded
}

/// The loaded playbook's title, or `id` until then.
fn title_of(loaded: Loaded, id: &str) -> String {
    loaded.with(|l| l.as_ref().and_then(|p| p.as_ref().map(|p| p.meta.title.clone()))).unwrap_or_else(|| id.to_owned())
}

/// The required playbook's title once it is loaded (its id until then).
pub fn required_title(id: String) -> Signal<String> {
    let loaded = load_required(expect_context::<Ctx>(), &id);
    Signal::derive(move || title_of(loaded, &id))
}

#[component]
pub fn PrerequisitePanel(run: RunHandle, required: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let loaded = load_required(ctx, &required);
    let required = StoredValue::new(required);
    let title = move || title_of(loaded, &required.get_value());
    let recorded = Memo::new(move |_| run.with(|r, _| r.prerequisite().cloned()).flatten());
    // This browser's finished run of the required playbook, with its day.
    let found = Memo::new(move |_| {
        loaded.with(|l| {
            let required = l.as_ref()?.as_ref()?;
            ctx.store
                .with(|p| p.finished_run_of(required).map(|(r, at)| (r.name.value.clone(), crate::time::iso_date(at))))
        })
    });
    let error = RwSignal::new(None::<String>);
    let report = move |result: Result<(), ProgressError>| {
        error.set(result.err().map(|e| e.message(ctx.lang.get_untracked())));
    };
    let use_found = move |_| {
        let Some((_, date)) = found.get_untracked() else { return };
        let result = loaded.with_untracked(|l| {
            let required = l.as_ref().and_then(Option::as_ref).ok_or(ProgressError::PrerequisiteNotFinished)?;
            // Reads the other runs of this browser: a change of the store, not of this run alone.
            ctx.store.change(|p, now| run.with_playbook(|pb| p.use_finished_run(&run.id(), pb, required, &date, now)))
        });
        report(result);
    };
    let clear = move |_| {
        report(run.change(|r, pb, now| r.set_prerequisite(pb, None, now)));
    };
    let by = RwSignal::new(String::new());
    let date = RwSignal::new(crate::time::iso_date(now()));
    let reference = RwSignal::new(String::new());
    let record = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = Prerequisite::Elsewhere {
            by: by.get_untracked(),
            date: date.get_untracked(),
            reference: reference.get_untracked(),
        };
        let result = run.change(|r, pb, now| r.set_prerequisite(pb, Some(value), now));
        if result.is_ok() {
            by.set(String::new());
            reference.set(String::new());
        }
        report(result);
    };
    let href = move || ctx.nav.href(&ctx.playbook_page(&required.get_value()));
    let lang = move || ctx.lang.get();
    view! {
        <section class="prerequisite" id="prerequisite" aria-labelledby="prerequisite-heading" data-testid="prerequisite">
            <h3 id="prerequisite-heading">{move || t().prereq_title}</h3>
            <p>{move || (t().prereq_intro)(&title())} " " <a href=href>{move || t().prereq_open}</a></p>
            {move || match recorded.get() {
                Some(Prerequisite::Run { name, date, .. }) => view! {
                    <p class="met" data-testid="prereq-met">{(t().prereq_met_here)(&name, &crate::time::entered_date(&date, lang()))}</p>
                    <p><button type="button" class="secondary small" on:click=clear>{t().prereq_clear}</button></p>
                }.into_any(),
                Some(Prerequisite::Elsewhere { by, date, reference }) => view! {
                    <p class="met" data-testid="prereq-met">{(t().prereq_met_elsewhere)(&by, &crate::time::entered_date(&date, lang()), &reference)}</p>
                    <p><button type="button" class="secondary small" on:click=clear>{t().prereq_clear}</button></p>
                }.into_any(),
                None => view! {
                    {move || match (loaded.with(|l| l.as_ref().map(Option::is_some)), found.get()) {
                        (Some(true), Some((name, day))) => view! {
                            <p>{(t().prereq_found)(&name, &crate::time::entered_date(&day, lang()))}</p>
                            <p><button type="button" data-testid="prereq-use" on:click=use_found>{t().prereq_use_found}</button></p>
                        }.into_any(),
                        (Some(true), None) => view! { <p>{t().prereq_none_here}</p> }.into_any(),
                        (Some(false), _) => view! { <p class="help">{t().prereq_unavailable}</p> }.into_any(),
                        (None, _) => ().into_any(),
                    }}
                    <details class="prereq-elsewhere">
                        <summary>{t().prereq_elsewhere}</summary>
                        <form on:submit=record>
                            <div class="form-grid">
                                <div class="field">
                                    <label for="prereq-by">{t().prereq_by}</label>
                                    <input id="prereq-by" type="text" autocomplete="name" prop:value=move || by.get() on:input=move |ev| by.set(event_target_value(&ev)) />
                                </div>
                                <div class="field">
                                    <label for="prereq-date">{t().prereq_date}</label>
                                    <input id="prereq-date" type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                                </div>
                                <div class="field wide">
                                    <label for="prereq-reference">{t().prereq_reference}</label>
                                    <input id="prereq-reference" type="text" prop:value=move || reference.get() on:input=move |ev| reference.set(event_target_value(&ev)) />
                                </div>
                            </div>
                            <p class="help">{t().prereq_typed}</p>
                            <p><button type="submit" class="secondary">{t().prereq_record}</button></p>
                        </form>
                    </details>
                }.into_any(),
            }}
            <p class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
