//! The catalog: every playbook of the site.

use leptos::prelude::*;
use tebiki::manifest::{MANIFEST_FORMAT, Manifest};

use crate::Ctx;
use crate::components::card::Card;
use crate::components::loading::{LoadFailed, Loading};
use crate::net::{LoadError, fetch_text};

async fn load_manifest(url: String) -> Result<Manifest, LoadError> {
    let text = fetch_text(&url).await?;
    let manifest: Manifest = serde_json::from_str(&text).map_err(|_| LoadError::Network)?;
    if manifest.format > MANIFEST_FORMAT {
        return Err(LoadError::Network);
    }
    Ok(manifest)
}

#[component]
pub fn CatalogPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let url = format!("{}playbooks/manifest.json", ctx.nav.base());
    let manifest = LocalResource::new(move || load_manifest(url.clone()));
    Effect::new(move |_| crate::set_title(ctx, ctx.t().catalog_title));
    let retry = Callback::new(move |_| manifest.refetch());

    move || match manifest.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(error)) => view! { <LoadFailed error retry /> }.into_any(),
        Some(Ok(manifest)) => {
            let empty = manifest.playbooks.is_empty();
            view! {
                <main class="page catalog" id="main">
                    <h1>{move || ctx.t().catalog_title}</h1>
                    <p class="lead">{move || ctx.t().catalog_lead}</p>
                    <Show when=move || empty>
                        <p class="empty">{move || ctx.t().catalog_empty}</p>
                    </Show>
                    <ul class="cards">
                        {manifest.playbooks.into_iter().map(|entry| view! { <Card entry /> }).collect_view()}
                    </ul>
                </main>
            }
            .into_any()
        }
    }
}
