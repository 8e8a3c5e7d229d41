//! The site header: name and main navigation.

use leptos::prelude::*;

use crate::Ctx;
use crate::route::Page;

#[component]
pub fn Header() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let current = move |page: Page| {
        move || {
            let same = ctx.nav.route.with(|r| std::mem::discriminant(&r.page) == std::mem::discriminant(&page));
            same.then_some("page")
        }
    };
    view! {
        <header class="site-header">
            <a class="brand" href=ctx.nav.href(&Page::Catalog)>{move || ctx.t().site}</a>
            <nav aria-label=move || ctx.t().nav_label>
                <ul>
                    <li>
                        <a href=ctx.nav.href(&Page::Catalog) aria-current=current(Page::Catalog)>
                            {move || ctx.t().nav_catalog}
                        </a>
                    </li>
                    <li>
                        <a href=ctx.nav.href(&Page::Dashboard) aria-current=current(Page::Dashboard)>
                            {move || ctx.t().nav_dashboard}
                        </a>
                    </li>
                    <li>
                        <a href=ctx.nav.href(&Page::Settings) aria-current=current(Page::Settings)>
                            {move || ctx.t().nav_settings}
                        </a>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
