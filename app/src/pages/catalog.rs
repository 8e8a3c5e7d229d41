//! The catalog: every playbook of the site.

use leptos::prelude::*;
use tebiki::manifest::Manifest;
use tebiki::overview::{CardRuns, card_html};

use crate::Ctx;
use crate::components::loading::{LoadFailed, Loading};
use crate::components::local_list::LocalList;
use crate::filter::{CatalogFilter, distinct};
use crate::route::Page;

#[component]
pub fn CatalogPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let base = ctx.nav.base();
    let manifest = LocalResource::new(move || {
        let base = base.clone();
        async move { crate::net::manifest(&base).await }
    });
    Effect::new(move |_| crate::set_title(ctx, ctx.t().catalog_title));
    let retry = Callback::new(move |_| manifest.refetch());

    move || match manifest.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error retry /> }.into_any(),
        Some(Ok(manifest)) => view! { <Catalog manifest /> }.into_any(),
    }
}

#[component]
fn Catalog(manifest: Manifest) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let nav = ctx.nav;
    let filter = Memo::new(move |_| nav.route.with(CatalogFilter::from_route));
    let update = move |change: &dyn Fn(&mut CatalogFilter)| {
        let mut next = filter.get_untracked();
        change(&mut next);
        nav.replace(&format!("{}{}", nav.pages(), next.to_query()));
    };
    let departments = StoredValue::new(distinct(manifest.playbooks.iter().map(|p| p.department.as_str())));
    let tags = StoredValue::new(distinct(manifest.playbooks.iter().flat_map(|p| p.tags.iter().map(String::as_str))));
    let total = manifest.playbooks.len();
    let entries = StoredValue::new(manifest.playbooks);
    let shown = Memo::new(move |_| {
        let f = filter.get();
        entries.with_value(|all| all.iter().filter(|e| f.matches(e)).cloned().collect::<Vec<_>>())
    });
    // A playbook file dropped anywhere on the catalog opens in the editor
    // (as the site script does on the pre-rendered catalog).
    let dropping = RwSignal::new(false);
    let drop_status: RwSignal<Option<String>> = RwSignal::new(None);
    let has_files = |ev: &web_sys::DragEvent| {
        ev.data_transfer().is_some_and(|d| d.types().includes(&wasm_bindgen::JsValue::from_str("Files"), 0))
    };
    let over = window_event_listener(leptos::ev::dragover, move |ev| {
        if has_files(&ev) {
            ev.prevent_default();
            dropping.set(true);
        }
    });
    let leave = window_event_listener(leptos::ev::dragleave, move |ev| {
        if ev.related_target().is_none() {
            dropping.set(false);
        }
    });
    let dropped = window_event_listener(leptos::ev::drop, move |ev| {
        let Some(file) = ev.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) else { return };
        ev.prevent_default();
        dropping.set(false);
        drop_status.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            match crate::pages::editor::file_text(ctx, &file).await {
                Ok(text) if crate::pages::editor::hand_over(&text) => ctx.nav.go(&ctx.nav.href(&Page::Editor)),
                Ok(_) => drop_status.set(Some(ctx.t().load_failed.to_owned())),
                Err(why) => drop_status.set(Some(why)),
            }
        });
    });
    on_cleanup(move || {
        over.remove();
        leave.remove();
        dropped.remove();
    });
    let option = move |value: String, current: fn(&CatalogFilter) -> &str| {
        let (attribute, selected) = (value.clone(), value.clone());
        view! { <option value=attribute selected=move || filter.with(|f| current(f) == selected)>{value}</option> }
    };

    view! {
        <main class="page catalog" class:dropping=move || dropping.get() id="main">
            <h1>{move || t().catalog_title}</h1>
            <p class="lead">{move || t().catalog_lead}</p>
            <p class="catalog-write"><a href=ctx.nav.href(&Page::Editor) data-testid="editor-link">{move || t().editor_link}</a></p>
            <p class="drop-status" class:error=move || drop_status.with(Option::is_some) role="status" data-testid="drop-status">{move || drop_status.get()}</p>
            <Show when=move || total == 0>
                <p class="empty">{move || t().catalog_empty}</p>
            </Show>
            <Show when=move || total != 0>
                <form class="filters" role="search" aria-label=move || t().filters_label on:submit=|ev| ev.prevent_default()>
                    <div class="field grow">
                        <label for="catalog-q">{move || t().search_label}</label>
                        <input
                            id="catalog-q"
                            type="search"
                            aria-describedby="catalog-q-hint"
                            prop:value=move || filter.with(|f| f.query.clone())
                            on:input=move |ev| {
                                let q = event_target_value(&ev);
                                update(&move |f| f.query = q.clone());
                            }
                        />
                        <p id="catalog-q-hint" class="help">{move || t().search_hint}</p>
                    </div>
                    <div class="field">
                        <label for="catalog-dept">{move || t().department_label}</label>
                        <select id="catalog-dept" on:change=move |ev| {
                            let d = event_target_value(&ev);
                            update(&move |f| f.department = d.clone());
                        }>
                            <option value="" selected=move || filter.with(|f| f.department.is_empty())>{move || t().all_departments}</option>
                            {departments.get_value().into_iter().map(|d| option(d, |f| &f.department)).collect_view()}
                        </select>
                    </div>
                    <Show when=move || tags.with_value(|t| !t.is_empty())>
                        <div class="field">
                            <label for="catalog-tag">{move || t().tag_label}</label>
                            <select id="catalog-tag" on:change=move |ev| {
                                let tag = event_target_value(&ev);
                                update(&move |f| f.tag = tag.clone());
                            }>
                                <option value="" selected=move || filter.with(|f| f.tag.is_empty())>{move || t().all_tags}</option>
                                {tags.get_value().into_iter().map(|tag| option(tag, |f| &f.tag)).collect_view()}
                            </select>
                        </div>
                    </Show>
                </form>
                <p class="count" role="status" aria-live="polite">{move || (t().showing)(shown.with(Vec::len), total)}</p>
                <Show when=move || shown.with(Vec::is_empty)>
                    <div class="empty">
                        <p>{move || t().no_match}</p>
                        <button type="button" class="secondary" on:click=move |_| update(&|f| *f = CatalogFilter::default())>
                            {move || t().clear_filters}
                        </button>
                    </div>
                </Show>
                // The generator's markup for every card (`tebiki::overview`),
                // with this browser's runs: one block, set again when the
                // filter, the runs or the language change.
                <ul
                    class="cards"
                    inner_html=move || {
                        let t = t();
                        ctx.store.with(|progress| {
                            shown.with(|shown| {
                                shown
                                    .iter()
                                    .map(|e| {
                                        let href = nav.href(&Page::Playbook { id: e.id.clone() });
                                        card_html(e, &href, t, CardRuns::of(progress, e).as_ref())
                                    })
                                    .collect::<String>()
                            })
                        })
                    }
                ></ul>
            </Show>
            <LocalList />
        </main>
    }
}
