//! Helpers for the tests that mount components in real headless Chromium
//! (wasm-bindgen-test; see `scripts/test`).

use gloo_storage::Storage as _;
use leptos::prelude::*;
use tebiki::Playbook;
use wasm_bindgen::JsCast;

/// Let Leptos run its effects and the browser its `toggle` events.
pub async fn tick() {
    for _ in 0..2 {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}

/// The next animation frame, and the effects it set off.
pub async fn frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    tick().await;
}

/// Every element `selector` finds, in document order.
pub fn all(selector: &str) -> Vec<web_sys::Element> {
    let list = document().query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

/// Mounts what `view` makes for a run "r1" of `playbook` in a new element,
/// with empty storage and the app's context in Japanese. Returns the
/// element and the store, to change the run; call [`unmount`] at the end.
pub fn mount<V: IntoView + 'static>(
    playbook: &Playbook,
    view: impl FnOnce(crate::handle::RunHandle) -> V + 'static,
) -> (web_sys::HtmlElement, crate::storage::runs::Store) {
    gloo_storage::LocalStorage::raw().clear().unwrap();
    let container: web_sys::HtmlElement = document().create_element("div").unwrap().dyn_into().unwrap();
    document().body().unwrap().append_child(&container).unwrap();
    let store = crate::storage::runs::Store::open();
    store.change(|progress, now| progress.start_run(playbook, "テスト", "r1".into(), now).map(|_| ())).unwrap();
    let playbook = StoredValue::new(playbook.clone());
    leptos::mount::mount_to(container.clone(), move || {
        provide_context(crate::Ctx {
            lang: RwSignal::new(tebiki::Lang::Ja),
            nav: crate::nav::Nav::from_location(),
            prerendered: StoredValue::new(None),
            store,
            toast: RwSignal::new(None),
            local: crate::storage::local::Library::open(),
            last_export: RwSignal::new(None),
        });
        view(crate::handle::RunHandle::new(store, playbook, StoredValue::new(String::new()), "r1".to_owned()))
    })
    .forget();
    (container, store)
}

/// Writes what is pending, removes the element, empties storage.
pub fn unmount(container: web_sys::HtmlElement, store: crate::storage::runs::Store) {
    store.flush();
    container.remove();
    gloo_storage::LocalStorage::raw().clear().unwrap();
}
