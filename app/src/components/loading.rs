//! What a page shows while its data loads, and when loading failed.

use leptos::prelude::*;

use crate::Ctx;
use crate::net::LoadError;

/// The pre-rendered page the browser opened (first load only), or a status line.
#[component]
pub fn Loading() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    match ctx.take_prerendered() {
        // Our own generator's output, already sanitised when it was built.
        Some(html) => view! { <div class="prerendered" inner_html=html></div> }.into_any(),
        None => view! {
            <main class="page" id="main">
                <p role="status" class="loading">{move || ctx.t().loading}</p>
            </main>
        }
        .into_any(),
    }
}

/// A failed load, with a way to try again.
#[component]
pub fn LoadFailed(error: LoadError, retry: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let detail = match error {
        LoadError::Status(code) => format!(" (HTTP {code})"),
        LoadError::Network => String::new(),
    };
    view! {
        <main class="page" id="main">
            <p role="alert" class="error">{move || ctx.t().load_failed}{detail}</p>
            <button type="button" on:click=move |_| retry.run(())>{move || ctx.t().retry}</button>
        </main>
    }
}
