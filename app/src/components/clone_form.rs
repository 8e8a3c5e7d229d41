//! "Clone for another department": a new playbook with this one's scope,
//! exceptions, approvers and metric definitions (marked for review),
//! baselines cleared, `cloned_from` set — downloaded as markdown that passes
//! `tebiki check`.

use leptos::prelude::*;
use tebiki::{AuthoringError, Playbook};

use crate::Ctx;
use crate::local::LocalError;
use crate::route::Page;

/// The ids of the site's playbooks (a local playbook must not take one).
async fn site_ids(base: String) -> Vec<String> {
    let Ok(text) = crate::net::fetch_text(&format!("{base}playbooks/manifest.json")).await else { return Vec::new() };
    serde_json::from_str::<tebiki::manifest::Manifest>(&text)
        .map(|m| m.playbooks.into_iter().map(|p| p.id).collect())
        .unwrap_or_default()
}

#[component]
pub fn CloneForm(playbook: StoredValue<Playbook>, source: StoredValue<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.tt();
    let department = RwSignal::new(String::new());
    let id = RwSignal::new(playbook.with_value(|p| format!("{}-2", p.meta.id)));
    let state = RwSignal::new(None::<Result<String, String>>);
    // The clone just made, which the team can also keep in this browser.
    let made = RwSignal::new(None::<String>);
    let kept = RwSignal::new(None::<Result<String, String>>);
    let keep = move |_| {
        let Some(text) = made.get_untracked() else { return };
        let base = ctx.nav.base();
        wasm_bindgen_futures::spawn_local(async move {
            let ids = site_ids(base).await;
            let tt = ctx.tt();
            kept.set(Some(match ctx.local.add(text, &ids, crate::store::now()) {
                Ok(id) => Ok(id),
                Err(LocalError::Taken(id)) => Err((tt.local_taken)(&id)),
                Err(LocalError::Full) => Err(tt.local_full.to_owned()),
                Err(LocalError::Invalid) => Err(ctx.t().playbook_invalid.to_owned()),
                Err(LocalError::Storage) => Err(tt.local_storage_failed.to_owned()),
            }));
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (new_id, dept) = (id.get_untracked().trim().to_owned(), department.get_untracked());
        let result = source.with_value(|s| tebiki::clone_playbook(s, &new_id, &dept, None));
        let tt = ctx.tt();
        kept.set(None);
        made.set(result.as_ref().ok().cloned());
        state.set(Some(match result {
            Ok(text) => {
                crate::download::download(&format!("{new_id}.md"), "text/markdown", &text);
                Ok((tt.clone_done)(&format!("{new_id}.md")))
            }
            Err(AuthoringError::InvalidId(_)) => Err(tt.clone_bad_id.to_owned()),
            Err(AuthoringError::Empty(_)) => Err(tt.clone_need_department.to_owned()),
            Err(other) => Err(other.to_string()),
        }));
    };
    view! {
        <section class="tool clone no-print" aria-labelledby="clone-title">
            <h3 id="clone-title">{move || t().clone_title}</h3>
            <p class="help">{move || t().clone_help}</p>
            <form on:submit=submit>
                <div class="form-grid">
                    <div class="field">
                        <label for="clone-department">{move || t().clone_department}</label>
                        <input id="clone-department" type="text" prop:value=move || department.get() on:input=move |ev| department.set(event_target_value(&ev)) />
                    </div>
                    <div class="field wide">
                        <label for="clone-id">{move || t().clone_id}</label>
                        <input id="clone-id" type="text" spellcheck="false" autocapitalize="off" aria-describedby="clone-id-help"
                            prop:value=move || id.get() on:input=move |ev| id.set(event_target_value(&ev)) />
                        <p id="clone-id-help" class="help">{move || t().clone_id_help}</p>
                    </div>
                </div>
                <p><button type="submit" data-testid="clone">{move || t().clone_download}</button></p>
            </form>
            <div role="status" aria-live="polite">
                {move || state.get().map(|s| match s {
                    Ok(m) => view! { <p class="ok">{m}</p> }.into_any(),
                    Err(m) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
                })}
                <Show when=move || made.with(Option::is_some)>
                    <p class="help">{move || t().local_offer}</p>
                    <p><button type="button" class="secondary" on:click=keep data-testid="keep-local">{move || t().keep_local}</button></p>
                </Show>
                {move || kept.get().map(|k| match k {
                    Ok(id) => {
                        let href = ctx.nav.href(&Page::Local { id: id.clone() });
                        view! { <p class="ok">{move || t().local_added}" "<a href=href.clone()>{move || t().open_local}</a></p> }.into_any()
                    }
                    Err(m) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
                })}
            </div>
        </section>
    }
}
