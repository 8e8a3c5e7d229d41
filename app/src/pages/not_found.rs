//! An address the site does not have.

use leptos::prelude::*;

use crate::Ctx;
use crate::route::Page;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    Effect::new(move |_| crate::set_title(ctx, t().not_found_title));
    view! {
        <main class="page not-found" id="main">
            <h1>{move || t().not_found_title}</h1>
            <p>{move || t().not_found_text}</p>
            <p><a href=ctx.nav.href(&Page::Catalog)>{move || t().back_to_catalog}</a></p>
        </main>
    }
}
