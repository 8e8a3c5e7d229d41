//! Moving between pages without reloading: the route lives in a signal, links
//! inside the site are followed with the History API, and back/forward
//! restore the route from the address bar.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlAnchorElement, MouseEvent};

use tebiki::Lang;

use crate::route::{Page, Route};

/// The current route and the site's base path, shared through context.
///
/// The page's language is its address's (`en/…`), the same for as long as
/// the page is open: links to the other language load that page.
#[derive(Clone, Copy)]
pub struct Nav {
    pub route: RwSignal<Route>,
    base: StoredValue<String>,
    lang: Lang,
}

impl Nav {
    /// Read the base path the generator put in the page, and the current URL.
    pub fn from_location() -> Nav {
        let base = base_path();
        let route = current(&base);
        let lang = route.lang;
        Nav { route: RwSignal::new(route), base: StoredValue::new(base), lang }
    }

    /// The site's base path, `/` or `/sub/path/`: where its files are
    /// (`playbooks/…`).
    pub fn base(&self) -> String {
        self.base.get_value()
    }

    /// The page's language.
    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// Where the pages in the page's language are: the base, with `en/` for English.
    pub fn pages(&self) -> String {
        format!("{}{}", self.base(), self.lang.pages())
    }

    /// The address of `page`, in the page's language.
    pub fn href(&self, page: &Page) -> String {
        crate::route::href(&self.pages(), page)
    }

    /// This page's address in `lang`.
    pub fn here_in(&self, lang: Lang) -> String {
        let location = window().location();
        crate::route::in_lang(
            &self.base(),
            &location.pathname().unwrap_or_default(),
            &location.search().unwrap_or_default(),
            lang,
        )
    }

    /// Go to `href` (a path with optional query and `#field`) as a new
    /// history entry. With a fragment, the element it names is focused once
    /// it is on the page (a gate's missing item leads to its field).
    pub fn go(&self, href: &str) {
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        self.route.set(current(&self.base()));
        window().scroll_to_with_x_and_y(0.0, 0.0);
        if let Some((_, id)) = href.split_once('#').filter(|(_, id)| !id.is_empty()) {
            focus_when_shown(id.to_owned(), 20);
        }
    }

    /// Replace the current history entry with `href` (same page, new query).
    pub fn replace(&self, href: &str) {
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href));
        }
        self.route.set(current(&self.base()));
    }

    /// Follow back and forward.
    pub fn listen(self) {
        // The app lives as long as the page: the listener is never removed.
        let _handle = window_event_listener(ev::popstate, move |_| self.route.set(current(&self.base())));
    }

    /// For a click anywhere in the app: follow links inside the site without
    /// a reload; leave everything else (other sites, new tabs, downloads,
    /// modified clicks) to the browser.
    pub fn on_click(&self, event: MouseEvent) {
        if event.default_prevented()
            || event.button() != 0
            || event.ctrl_key()
            || event.meta_key()
            || event.shift_key()
            || event.alt_key()
        {
            return;
        }
        let Some(anchor) = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|e| e.closest("a[href]").ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlAnchorElement>().ok())
        else {
            return;
        };
        let location = window().location();
        let same_origin = location.origin().ok().is_some_and(|o| o == anchor.origin());
        if !same_origin || !anchor.target().is_empty() || anchor.has_attribute("download") {
            return;
        }
        let path = anchor.pathname();
        if !path.starts_with(&self.base()) || path.ends_with(".md") || path.ends_with(".json") {
            return;
        }
        // A page in the other language is loaded as a page of its own.
        if Route::parse(&self.base(), &path, "").lang != self.lang {
            return;
        }
        event.prevent_default();
        let href = format!("{}{}{}", path, anchor.search(), anchor.hash());
        let here = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        if href != here {
            self.go(&href);
        }
    }
}

/// Focus (and bring into view) the element `id` once the new page has
/// rendered it, trying for a few frames.
fn focus_when_shown(id: String, frames: u32) {
    request_animation_frame(move || {
        match document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            Some(element) => {
                let _ = element.focus();
                element.scroll_into_view_with_bool(false);
            }
            None if frames > 0 => focus_when_shown(id, frames - 1),
            None => {}
        }
    });
}

fn current(base: &str) -> Route {
    let location = window().location();
    Route::parse(base, &location.pathname().unwrap_or_default(), &location.search().unwrap_or_default())
}

/// The `<meta name="tebiki-base">` the generator writes into every page.
fn base_path() -> String {
    document()
        .query_selector(r#"meta[name="tebiki-base"]"#)
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .filter(|b| b.starts_with('/') && b.ends_with('/'))
        .unwrap_or_else(|| "/".to_owned())
}
