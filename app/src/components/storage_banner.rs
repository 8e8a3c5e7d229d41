//! Tells the person when their work is not being saved, and what to do.

use leptos::prelude::*;

use crate::Ctx;
use crate::storage::runs::{Health, backup_text};

#[component]
pub fn StorageBanner() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let settings = ctx.nav.href(&crate::route::Page::Settings);
    move || {
        let health = ctx.store.health.get();
        let (text, detail, backup, retry) = match health {
            Health::Ok => return None,
            Health::Unavailable => (t().storage_unavailable, None, None, false),
            Health::WriteFailed => (t().storage_full, None, None, true),
            Health::Newer(_) => (t().storage_newer, None, None, false),
            Health::Unreadable { backup, error } => {
                let text = if backup.is_some() { t().storage_unreadable } else { t().storage_unreadable_kept };
                (text, Some(error.message(ctx.lang.get())), backup, false)
            }
        };
        let download = backup.map(|key| {
            let on_click = move |_| {
                if let Some(raw) = backup_text(&key) {
                    crate::download::download("tebiki-unreadable-data.json", "application/json", &raw);
                }
            };
            view! { <button type="button" class="secondary" on:click=on_click>{move || t().download_unreadable}</button> }
        });
        Some(view! {
            <div class="banner warn" role="alert">
                <p>{text}</p>
                {detail.map(|d| view! { <p class="detail">{d}</p> })}
                <p class="banner-actions">
                    {download}
                    <Show when=move || retry>
                        <button type="button" on:click=move |_| ctx.store.retry()>{move || t().retry_save}</button>
                    </Show>
                    <a href=settings.clone()>{move || t().export_now}</a>
                </p>
            </div>
        })
    }
}
