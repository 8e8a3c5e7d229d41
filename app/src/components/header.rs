//! The site header: name, main navigation, and this page in the other
//! language (the generator's pages write the same: `pages::language_link`).

use leptos::prelude::*;

use crate::Ctx;
use crate::route::Page;
use crate::storage::prefs::Prefs;

#[component]
pub fn Header() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Choosing the other language makes it this browser's, and loads the page in it.
    let other = ctx.nav.lang().other();
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
                    <li class="lang-switch">
                        <a
                            href=move || {
                                ctx.nav.route.track();
                                ctx.nav.here_in(other)
                            }
                            hreflang=other.code()
                            lang=other.code()
                            data-lang=other.code()
                            on:click=move |_| {
                                Prefs::update(|p| p.lang = other);
                            }
                        >
                            {other.name()}
                        </a>
                    </li>
                </ul>
            </nav>
        </header>
    }
}
