//! Who does what in a run: for each role its playbook names (a step's
//! responsible role, an approver's role), the people who take it on
//! (`Run::set_owner`). A role nobody is named for stays listed, as
//! unassigned; a role an earlier version named keeps its people, marked.

use leptos::prelude::*;

use crate::Ctx;
use crate::handle::RunHandle;

/// One role's field: the role, whether only an earlier version names it,
/// what is typed, and why it was refused.
type Field = (String, bool, RwSignal<String>, RwSignal<Option<String>>);

#[component]
pub fn OwnersPanel(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    // The roles as they are when the panel is built; the fields start from
    // the people named then (a field keeps what is typed in it).
    let fields: Vec<Field> = run
        .with_untracked(|r, p| {
            let current = p.roles();
            r.owner_list(p)
                .into_iter()
                .map(|(role, people)| {
                    let value = RwSignal::new(people.unwrap_or_default().to_owned());
                    (role.to_owned(), !current.contains(&role), value, RwSignal::new(None))
                })
                .collect()
        })
        .unwrap_or_default();
    if fields.is_empty() {
        return ().into_any();
    }
    let fields = StoredValue::new(fields);
    let counts = Memo::new(move |_| {
        run.with(|r, p| {
            let list = r.owner_list(p);
            (list.iter().filter(|(_, people)| people.is_none()).count(), list.len())
        })
        .unwrap_or_default()
    });
    let message = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let lang = ctx.lang.get_untracked();
        let mut refused = false;
        fields.with_value(|fields| {
            for (role, _, value, error) in fields {
                let typed = value.get_untracked();
                match run.change(|r, _, now| r.set_owner(role, &typed, now)) {
                    Ok(()) => error.set(None),
                    Err(e) => {
                        error.set(Some(e.message(lang)));
                        refused = true;
                    }
                }
            }
        });
        message.set((!refused).then(|| ctx.t().owners_saved.to_owned()));
    };
    // Open while nobody is named for any role: the first thing to do.
    let first_time = counts.with_untracked(|(open, all)| open == all);
    view! {
        <details class="owners no-print" data-testid="owners" open=first_time>
            <summary>{move || { let (open, all) = counts.get(); (t().owners_summary)(open, all) }}</summary>
            <form on:submit=save>
                <p class="help" id="owners-help">{move || t().owners_help}</p>
                <div class="form-grid">
                {fields.get_value().into_iter().enumerate().map(|(i, (role, earlier, value, error))| {
                    let id = format!("owner-{i}");
                    let error_id = format!("owner-{i}-error");
                    let described = format!("owners-help {error_id}");
                    view! {
                        <div class="field">
                            <label for=id.clone()>
                                {role.clone()}
                                {earlier.then(|| view! { <span class="help">{move || t().owners_earlier_role}</span> })}
                            </label>
                            <input id=id type="text" autocomplete="off" aria-describedby=described
                                placeholder=move || t().unassigned
                                aria-invalid=move || error.with(Option::is_some).then_some("true")
                                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                            <p class="error" id=error_id>{move || error.get()}</p>
                        </div>
                    }
                }).collect_view()}
                </div>
                <p class="actions"><button type="submit" data-testid="owners-save">{move || t().save}</button></p>
                <p role="status">{move || message.get()}</p>
            </form>
        </details>
    }
    .into_any()
}
