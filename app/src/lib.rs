//! tebiki's app: the catalog of playbooks and each playbook, in the browser.
//!
//! `main.rs` only calls [`mount`]. State lives in plain types (`route`,
//! `prefs`, the core's `progress`) with their own tests; components wire
//! signals to them. All text comes from `tebiki::text`; all navigation goes through
//! `nav`; everything kept in the browser goes through `storage`.

mod components;
mod copy;
mod download;
mod filter;
mod handle;
mod nav;
mod net;
mod pages;
mod playbooks;
mod route;
mod storage;
#[cfg(all(test, target_arch = "wasm32"))]
mod testing;
mod time;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::backup_reminder::BackupReminder;
use crate::components::header::Header;
use crate::components::storage_banner::StorageBanner;
use crate::components::toast::{Toast, ToastArea};
use crate::nav::Nav;
use crate::pages::{
    catalog::CatalogPage, dashboard::DashboardPage, not_found::NotFoundPage, playbook::PlaybookPage,
    settings::SettingsPage, status::StatusPage,
};
use crate::route::Page;
use crate::storage::local::Library;
use crate::storage::prefs::Prefs;
use crate::storage::runs::Store;

/// What every component may need: the language and where we are.
#[derive(Clone, Copy)]
pub struct Ctx {
    /// The interface language: the page's (its address says it), for as
    /// long as the page is open.
    pub lang: RwSignal<tebiki::Lang>,
    /// The current route and how to move.
    pub nav: Nav,
    /// The pre-rendered HTML of the page the browser opened, shown while that
    /// page's data loads the first time, then dropped.
    pub prerendered: StoredValue<Option<String>>,
    /// This browser's runs and whether saving works.
    pub store: Store,
    /// The message after an action (with undo where possible).
    pub toast: RwSignal<Option<Toast>>,
    /// Playbooks kept in this browser.
    pub local: Library,
    /// When everything was last exported to a file (for the backup reminder).
    pub last_export: RwSignal<Option<tebiki::progress::Millis>>,
}

impl Ctx {
    /// The texts of the current language.
    pub fn t(&self) -> &'static tebiki::text::Texts {
        tebiki::text::texts(self.lang.get())
    }

    /// The page of playbook `id`: the site's, or this browser's.
    pub fn playbook_page(&self, id: &str) -> Page {
        if self.local.has(id) { Page::Local { id: id.to_owned() } } else { Page::Playbook { id: id.to_owned() } }
    }

    /// The pre-rendered HTML, once.
    pub fn take_prerendered(&self) -> Option<String> {
        self.prerendered.try_update_value(Option::take).flatten()
    }
}

/// Mount the app in place of the pre-rendered content of `#tebiki`.
pub fn mount() {
    let Some(root) = document().get_element_by_id("tebiki").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    else {
        return;
    };
    // The content of the page the browser opened (its `<main>`: the site
    // header around it is the app's own), shown while the page's data loads.
    let prerendered = root.query_selector("main").ok().flatten().map(|m| m.outer_html()).unwrap_or_default();
    root.set_inner_html("");
    leptos::mount::mount_to(root, move || view! { <App prerendered /> }).forget();
}

#[component]
fn App(prerendered: String) -> impl IntoView {
    let nav = Nav::from_location();
    nav.listen();
    let lang = RwSignal::new(nav.lang());
    let prerendered = StoredValue::new((!prerendered.trim().is_empty()).then_some(prerendered));
    let store = Store::open();
    let toast = RwSignal::new(None);
    let local = Library::open();
    let last_export = RwSignal::new(Prefs::load().last_export);
    let ctx = Ctx { lang, nav, prerendered, store, toast, local, last_export };
    provide_context(ctx);
    crate::storage::summary::keep(store, local, nav.base());

    Effect::new(move |_| {
        let code = match lang.get() {
            tebiki::Lang::Ja => "ja",
            tebiki::Lang::En => "en",
        };
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", code);
        }
    });

    let page = Memo::new(move |_| nav.route.with(|r| r.page.clone()));
    Effect::new(move |_| {
        page.track();
        toast.set(None);
    });
    view! {
        <div class="app" on:click=move |ev| nav.on_click(ev)>
            <a class="skip" href="#main">{move || ctx.t().skip_to_content}</a>
            <Header />
            <StorageBanner />
            <BackupReminder />
            {move || match page.get() {
                Page::Catalog => view! { <CatalogPage /> }.into_any(),
                Page::Playbook { id } => view! { <PlaybookPage id /> }.into_any(),
                Page::Local { id } => view! { <PlaybookPage id local=true /> }.into_any(),
                Page::Settings => view! { <SettingsPage /> }.into_any(),
                Page::Dashboard => view! { <DashboardPage /> }.into_any(),
                Page::Status => view! { <StatusPage /> }.into_any(),
                Page::Editor => view! { <crate::pages::editor::EditorPage /> }.into_any(),
                Page::NotFound => view! { <NotFoundPage /> }.into_any(),
            }}
            <ToastArea />
        </div>
    }
}

/// Set the document title: `page | site`.
pub fn set_title(ctx: Ctx, page: &str) {
    let site = ctx.t().site;
    document().set_title(&if page.is_empty() { site.to_owned() } else { format!("{page} | {site}") });
}
