//! The keyboard shortcuts of a run, documented where they are used.

use leptos::prelude::*;

use crate::Ctx;

/// The keys and what they do; `keys` shown as `<kbd>`.
#[component]
pub fn Shortcuts(open: RwSignal<bool>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    view! {
        <details class="shortcuts" prop:open=move || open.get() on:toggle=move |ev| {
            use wasm_bindgen::JsCast;
            if let Some(d) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok()) {
                open.set(d.open());
            }
        }>
            <summary>{move || t().shortcuts_title}</summary>
            <dl>
                <dt><kbd>"→"</kbd>" / "<kbd>"j"</kbd></dt><dd>{move || t().key_next}</dd>
                <dt><kbd>"←"</kbd>" / "<kbd>"k"</kbd></dt><dd>{move || t().key_prev}</dd>
                <dt><kbd>"x"</kbd></dt><dd>{move || t().key_done}</dd>
                <dt><kbd>"l"</kbd></dt><dd>{move || t().key_list}</dd>
                <dt><kbd>"?"</kbd></dt><dd>{move || t().key_help}</dd>
            </dl>
            <p class="help">{move || t().keys_note}</p>
        </details>
    }
}
