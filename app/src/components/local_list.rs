//! The catalog's list of playbooks kept in this browser (clones not yet in
//! the repository): open, or remove with undo.

use leptos::prelude::*;

use crate::Ctx;
use crate::components::toast::{Toast, Undo};
use crate::route::Page;

#[component]
pub fn LocalList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let entries = Memo::new(move |_| {
        ctx.local.list.with(|list| {
            list.iter()
                .map(|p| {
                    let meta = tebiki::parse(&p.source).0.map(|pb| pb.meta);
                    let title = meta.as_ref().map_or_else(|| p.id.clone(), |m| m.title.clone());
                    let department = meta.as_ref().map(|m| m.department.clone()).unwrap_or_default();
                    let from = meta.and_then(|m| m.cloned_from).map(|f| f.to_string());
                    (p.id.clone(), title, department, from)
                })
                .collect::<Vec<_>>()
        })
    });
    let remove = move |id: String| match ctx.local.remove(&id) {
        Ok(kept) => {
            let message = (t().local_removed)(&id);
            ctx.toast.set(Some(Toast { message, undo: Some(Undo::Local(kept)) }));
        }
        Err(_) => ctx.toast.set(Some(Toast { message: t().local_storage_failed.to_owned(), undo: None })),
    };
    view! {
        <Show when=move || entries.with(|e| !e.is_empty())>
            <section class="local-playbooks" aria-labelledby="local-title" data-testid="local-playbooks">
                <h2 id="local-title">{move || t().local_title}</h2>
                <p class="help">{move || t().local_help}</p>
                <ul class="local-list">
                    <For each=move || entries.get() key=|e| e.0.clone() let:entry>
                        {
                            let (id, title, department, from) = entry;
                            let href = ctx.nav.href(&Page::Local { id: id.clone() });
                            let label_title = title.clone();
                            let id_shown = id.clone();
                            view! {
                                <li>
                                    <p><span class="chip">{move || t().local_badge}</span>" "<a href=href>{title}</a></p>
                                    <p class="meta">{format!("{department} ・ {id_shown}")}{from.map(|f| format!(" ・ {} {f}", ctx.t().cloned_from))}</p>
                                    <button type="button" class="secondary small" aria-label=move || (t().remove_local)(&label_title)
                                        data-action="remove-local" data-local=id.clone()
                                        on:click=move |_| remove(id.clone())>{move || t().remove}</button>
                                </li>
                            }
                        }
                    </For>
                </ul>
            </section>
        </Show>
    }
}
