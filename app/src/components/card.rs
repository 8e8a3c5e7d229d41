//! One playbook in the catalog.

use leptos::prelude::*;
use tebiki::manifest::ManifestEntry;

use crate::Ctx;
use crate::route::Page;

#[component]
pub fn Card(entry: ManifestEntry) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let href = ctx.nav.href(&Page::Playbook { id: entry.id.clone() });
    let (steps, version) = (entry.steps, entry.version);
    let theme = entry.theme.clone();
    view! {
        <li class="card" data-testid="playbook-card" data-id=entry.id.clone()>
            <p class="dept">{entry.department}</p>
            <h2><a href=href>{entry.title}</a></h2>
            <p>{entry.summary}</p>
            <p class="meta">
                {move || format!("{}：{} ・ {} ・ {}", ctx.t().theme, theme, (ctx.t().steps)(steps), (ctx.t().version)(version))}
            </p>
        </li>
    }
}
