//! Keeping a copy outside the browser: the export file, asking the browser
//! not to evict this site's storage, and when to remind the team.

use leptos::prelude::{GetUntracked, Set};
use tebiki::progress::{Export, Millis};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::prefs::Prefs;

/// Download everything this browser keeps as one file, and remember when.
pub fn export_all(ctx: Ctx, at: Millis) {
    let file = Export::new(ctx.store.progress.get_untracked(), Some(ctx.lang.get_untracked()), at);
    let name = format!("tebiki-{}.json", crate::time::iso_date(at));
    if crate::download::download(&name, "application/json", &file.to_json()) {
        Prefs::update(|p| p.last_export = Some(at));
        ctx.last_export.set(Some(at));
    }
}

/// Ask the browser to keep this site's storage under storage pressure
/// (`navigator.storage.persist()`), once per page. Browsers decide for
/// themselves (Chromium grants it to sites people use often); asking is free.
pub fn ask_to_persist() {
    thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let get = |on: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(on, &key.into()).ok().filter(|v| !v.is_undefined())
    };
    let storage = get(&window, "navigator").and_then(|n| get(&n, "storage"));
    let Some(storage) = storage else { return };
    let persist = get(&storage, "persist").and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(persist) = persist {
        // The promise is left to settle; nothing waits on the answer.
        let _ = persist.call0(&storage);
    }
}
