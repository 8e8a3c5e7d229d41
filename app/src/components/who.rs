//! Who makes the changes in this browser: a name (and a role) typed once,
//! kept in the preferences and stamped on every change. Asked on the run
//! screen while it is missing (not at the first visit), changeable in 設定.
//! Nothing here is an account: the form says the name is not verified.

use leptos::prelude::*;
use tebiki::progress::{MAX_NAME_CHARS, Person, ProgressError};

use crate::Ctx;

/// The name and role fields. `id`: prefix of the fields' ids; `later`:
/// shows a button that closes the form without saving; `saved`: called with
/// the confirmation once the name is kept (instead of showing it here).
#[component]
pub fn WhoForm(
    id: &'static str,
    #[prop(optional)] later: Option<Callback<()>>,
    #[prop(optional)] saved: Option<Callback<String>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let me = ctx.store.me();
    let name = RwSignal::new(me.name.clone());
    let role = RwSignal::new(me.role.clone());
    let message = RwSignal::new(None::<String>);
    let error = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let person = Person::new(&name.get_untracked(), &role.get_untracked());
        let lang = ctx.lang.get_untracked();
        let problem = if person.is_unnamed() {
            Some(ProgressError::EmptyName)
        } else if [&person.name, &person.role].iter().any(|t| t.chars().count() > MAX_NAME_CHARS) {
            Some(ProgressError::TooLong(MAX_NAME_CHARS))
        } else {
            None
        };
        if let Some(problem) = problem {
            error.set(Some(problem.message(lang)));
            return;
        }
        error.set(None);
        let kept = ctx.store.set_me(person.clone());
        let said = (ctx.t().who_saved)(&person.name);
        let said = if kept { said } else { format!("{said}{}", ctx.t().who_not_kept) };
        match saved {
            Some(saved) => saved.run(said),
            None => message.set(Some(said)),
        }
    };
    let (name_id, role_id, help_id) = (format!("{id}-name"), format!("{id}-role"), format!("{id}-help"));
    view! {
        <form class="who-form" on:submit=save data-testid=id>
            <p class="help" id=help_id.clone()>{move || t().who_lead}</p>
            <div class="form-grid">
                <div class="field">
                    <label for=name_id.clone()>{move || t().who_name}</label>
                    <input id=name_id type="text" autocomplete="name" aria-describedby=help_id.clone()
                        aria-invalid=move || error.with(Option::is_some).then_some("true")
                        prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for=role_id.clone()>{move || t().who_role}</label>
                    <input id=role_id type="text" autocomplete="organization-title" placeholder=move || t().who_role_example
                        prop:value=move || role.get() on:input=move |ev| role.set(event_target_value(&ev)) />
                </div>
            </div>
            <p class="actions">
                <button type="submit">{move || t().who_save}</button>
                {later.map(|later| view! {
                    <button type="button" class="secondary" on:click=move |_| later.run(())>{move || t().who_later}</button>
                })}
            </p>
            <p class="error" role="alert">{move || error.get()}</p>
            <p role="status">{move || message.get()}</p>
        </form>
    }
}

/// Asks for the name on the run screen while none is set; "later" hides it
/// until the next page load. Once saved, the form gives way to one line
/// that says under which name changes are recorded and where to change it.
#[component]
pub fn WhoPrompt() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let open = RwSignal::new(ctx.store.me().is_unnamed());
    let confirmation = RwSignal::new(None::<String>);
    let later = Callback::new(move |()| open.set(false));
    let saved = Callback::new(move |said: String| confirmation.set(Some(said)));
    let settings = StoredValue::new(ctx.nav.href(&crate::route::Page::Settings));
    view! {
        <Show when=move || open.get()>
            <section class="who no-print" aria-labelledby="who-title" data-testid="who-prompt">
                <h2 id="who-title">{move || t().who_title}</h2>
                {move || match confirmation.get() {
                    None => view! { <WhoForm id="who-prompt-form" later saved /> }.into_any(),
                    Some(said) => view! {
                        <p class="who-done" role="status">
                            <span>{said}</span>" "
                            <a href=settings.get_value()>{move || t().who_change_in_settings}</a>
                        </p>
                        <p class="actions">
                            <button type="button" class="secondary" on:click=move |_| open.set(false)>{move || t().dismiss}</button>
                        </p>
                    }
                    .into_any(),
                }}
            </section>
        </Show>
    }
}
