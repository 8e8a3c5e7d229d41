//! 「状況をリンクで共有」: a read-only link to where a run stands, with the
//! snapshot in its fragment (`status/#s=…`, see `tebiki::snapshot`), and
//! the same link as a QR code on the printed success record. Copying works
//! on plain `http://` hosts too: the link is selected in a field and copied
//! with the document's copy command, since the async clipboard needs HTTPS.

use leptos::prelude::*;
use tebiki::snapshot::{LINK_LIMIT, Snapshot};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::handle::RunHandle;
use crate::route::Page;
use crate::time::now;

/// The status link of `run` as it stands now, at most [`LINK_LIMIT`]
/// characters long, address included; `None` once the run is gone.
/// Untracked: call it when the link is wanted.
pub fn status_link(ctx: Ctx, run: RunHandle) -> Option<String> {
    let origin = window().location().origin().unwrap_or_default();
    // The address without a language: each reader gets the page in theirs.
    let address = format!("{origin}{}#s=", crate::route::href(&ctx.nav.base(), &Page::Status));
    let me = ctx.store.me();
    run.with_untracked(|r, p| {
        let local = ctx.local.has(&p.meta.id);
        let fragment = Snapshot::new(r, p, local, me, now(), crate::time::offset_minutes())
            .encode(LINK_LIMIT.saturating_sub(address.len()));
        format!("{address}{fragment}")
    })
}

/// The button and, once pressed, the link with copy and open.
#[component]
pub fn StatusLinkButton(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let link = RwSignal::new(None::<String>);
    let make = move |_| link.set(status_link(ctx, run));
    let copy = move |_| {
        let message =
            if crate::copy::copy_field("status-link-field") { t().status_copied } else { t().status_copy_failed };
        ctx.toast.set(Some(crate::components::toast::Toast { message: message.to_owned(), undo: None }));
    };
    view! {
        <button type="button" class="secondary share" on:click=make data-testid="status-link"
            aria-expanded=move || link.with(Option::is_some).to_string()
            title=move || t().status_link_help>{move || t().status_link}</button>
        {move || link.get().map(|href| {
            let length = href.chars().count();
            view! {
                <div class="status-link-panel" role="group" aria-labelledby="status-link-label" data-testid="status-link-panel">
                    <label id="status-link-label" for="status-link-field">{t().status_link_label}</label>
                    <p class="help">{t().status_link_help}</p>
                    <input id="status-link-field" type="text" readonly value=href.clone() data-testid="status-link-field"
                        on:focus=|ev| { if let Some(i) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) { i.select(); } } />
                    <p class="help" data-testid="status-link-length">{(t().status_length)(length)}</p>
                    <p class="actions">
                        <button type="button" on:click=copy data-testid="status-link-copy">{t().status_copy}</button>
                        <a href=href target="_blank" rel="noopener" data-testid="status-link-open">{t().status_try}</a>
                        <button type="button" class="secondary" on:click=move |_| link.set(None)>{t().status_close}</button>
                    </p>
                </div>
            }
        })}
    }
}

/// The status link as a QR code, for the printed success record.
#[component]
pub fn StatusQr(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let code = Memo::new(move |_| {
        run.track();
        let t = ctx.t();
        status_link(ctx, run).and_then(|link| tebiki::qr::svg(&link, t.status_qr_label))
    });
    move || {
        let t = ctx.t();
        code.get().map(|svg| {
            let caption = (t.status_qr_caption)(&crate::time::date(now(), ctx.lang.get()));
            view! {
                <section class="status-qr" aria-labelledby="status-qr-title" data-testid="status-qr">
                    <h3 id="status-qr-title">{t.status_qr_title}</h3>
                    <div class="qr" inner_html=svg></div>
                    <p>{caption}</p>
                </section>
            }
        })
    }
}
