//! "Clone for another department": a new playbook with this one's scope,
//! exceptions, approvers and metric definitions (marked for review),
//! baselines cleared, `cloned_from` set — downloaded as markdown that the
//! site's checks accept, and usable in this browser at once.
//!
//! On the playbook page (inside 「このプレイブックを複製」) and in a run's
//! success record. The file name (the new playbook's id) is chosen for the
//! person and only shown on request; one the site or this browser already
//! uses is refused with a free one offered.

use leptos::prelude::*;
use tebiki::{AuthoringError, Playbook};

use crate::Ctx;
use crate::route::Page;
use crate::storage::local::LocalError;

/// The ids of the site's playbooks (a local playbook must not take one).
pub async fn site_ids(base: String) -> Vec<String> {
    crate::net::manifest(&base).await.map(|m| m.playbooks.into_iter().map(|p| p.id).collect()).unwrap_or_default()
}

/// Add a playbook's `source` to this browser's playbooks: its id, or what
/// stopped it in words (a name the site uses said as such).
pub fn keep_local(ctx: Ctx, source: String, site_ids: &[String]) -> Result<String, String> {
    let tt = ctx.t();
    ctx.local.add(source, site_ids, crate::time::now()).map_err(|e| match e {
        LocalError::Taken(id) if site_ids.contains(&id) => (tt.clone_taken_site)(&id),
        LocalError::Taken(id) => (tt.local_taken)(&id),
        LocalError::Full => tt.local_full.to_owned(),
        LocalError::Invalid => ctx.t().playbook_invalid.to_owned(),
        LocalError::Storage => tt.local_storage_failed.to_owned(),
    })
}

/// What submitting the form led to.
#[derive(Clone, PartialEq)]
enum Made {
    Downloaded(String),
    Failed(String),
    /// The file name is taken (by the site or by this browser); a free one.
    Taken {
        id: String,
        site: bool,
        free: String,
    },
}

#[component]
pub fn CloneForm(playbook: StoredValue<Playbook>, source: StoredValue<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let source_id = playbook.with_value(|p| p.meta.id.clone());
    let source_title = playbook.with_value(|p| p.meta.title.clone());
    let department = RwSignal::new(String::new());
    let title = RwSignal::new(source_title.clone());
    // The site's ids, read once: the default name is one nobody uses.
    let site = RwSignal::new(Vec::<String>::new());
    let local_ids = move || ctx.local.list.with_untracked(|l| l.iter().map(|p| p.id.clone()).collect::<Vec<_>>());
    let id = RwSignal::new(format!("{source_id}-2"));
    {
        let base = ctx.nav.base();
        let wanted = format!("{source_id}-2");
        wasm_bindgen_futures::spawn_local(async move {
            let ids = site_ids(base).await;
            let mut taken = ids.clone();
            taken.extend(local_ids());
            let _ = id.try_update(|id| {
                if *id == wanted {
                    *id = tebiki::free_id(&wanted, taken.iter().map(String::as_str));
                }
            });
            let _ = site.try_set(ids);
        });
    }
    let state = RwSignal::new(None::<Made>);
    // The clone just made, which the team can also keep in this browser.
    let made = RwSignal::new(None::<String>);
    let kept = RwSignal::new(None::<Result<String, String>>);
    let keep = move |_| {
        let Some(text) = made.get_untracked() else { return };
        kept.set(Some(site.with_untracked(|ids| keep_local(ctx, text, ids))));
    };
    let name_open = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (new_id, dept) = (id.get_untracked().trim().to_owned(), department.get_untracked());
        let tt = ctx.t();
        kept.set(None);
        made.set(None);
        let on_site = site.with_untracked(|s| s.contains(&new_id));
        if on_site || ctx.local.has(&new_id) {
            let mut taken = site.get_untracked();
            taken.extend(local_ids());
            let free = tebiki::free_id(&new_id, taken.iter().map(String::as_str));
            name_open.set(true);
            state.set(Some(Made::Taken { id: new_id, site: on_site, free }));
            return;
        }
        // A title left as the source's is marked for review in the file.
        let new_title = title.get_untracked();
        let new_title = new_title.trim();
        let given = (!new_title.is_empty() && new_title != source_title).then_some(new_title);
        let result = source.with_value(|s| tebiki::clone_playbook(s, &new_id, &dept, given));
        made.set(result.as_ref().ok().cloned());
        state.set(Some(match result {
            Ok(text) => {
                crate::download::download(&format!("{new_id}.md"), "text/markdown", &text);
                Made::Downloaded((tt.clone_done)(&format!("{new_id}.md")))
            }
            Err(AuthoringError::InvalidId(_)) => {
                name_open.set(true);
                Made::Failed(tt.clone_bad_id.to_owned())
            }
            Err(AuthoringError::Empty(_)) => Made::Failed(tt.clone_need_department.to_owned()),
            Err(other) => Made::Failed(other.to_string()),
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
                        <label for="clone-title-field">{move || t().clone_new_title}</label>
                        <input id="clone-title-field" type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev)) />
                    </div>
                </div>
                <details class="clone-name" prop:open=move || name_open.get() on:toggle=move |ev| {
                    let open = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                    name_open.set(open);
                }>
                    <summary>{move || t().clone_rename}</summary>
                    <div class="field">
                        <label for="clone-id">{move || t().clone_id}</label>
                        <input id="clone-id" type="text" spellcheck="false" autocapitalize="off" aria-describedby="clone-id-help"
                            prop:value=move || id.get() on:input=move |ev| id.set(event_target_value(&ev)) />
                        <p id="clone-id-help" class="help">{move || t().clone_id_help}</p>
                    </div>
                </details>
                <p><button type="submit" data-testid="clone">{move || t().clone_download}</button></p>
            </form>
            <div role="status" aria-live="polite">
                {move || state.get().map(|s| match s {
                    Made::Downloaded(m) => view! { <p class="ok">{m}</p> }.into_any(),
                    Made::Failed(m) => view! { <p class="error" role="alert">{m}</p> }.into_any(),
                    Made::Taken { id: taken, site: on_site, free } => {
                        let label = (t().clone_use_free)(&free);
                        view! {
                            <div class="error" role="alert">
                                <p>{move || if on_site { (t().clone_taken_site)(&taken) } else { (t().local_taken)(&taken) }}</p>
                                <p><button type="button" class="secondary" on:click=move |_| { id.set(free.clone()); state.set(None); }>{label}</button></p>
                            </div>
                        }.into_any()
                    }
                })}
                <Show when=move || made.with(Option::is_some)>
                    <p class="help">{move || t().local_offer}</p>
                    <p>
                        <button type="button" class="secondary" on:click=keep data-testid="keep-local">{move || t().keep_local}</button>
                        " "
                        <button type="button" class="secondary" data-testid="clone-edit" on:click=move |_| {
                            // The copy just made, written on further in the editor.
                            if let Some(text) = made.get_untracked()
                                && crate::pages::editor::hand_over(&text)
                            {
                                ctx.nav.go(&ctx.nav.href(&Page::Editor));
                            }
                        }>{move || t().clone_edit}</button>
                    </p>
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
