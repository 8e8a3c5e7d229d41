//! One playbook: its success conditions, its phases and this browser's runs
//! of it; or, with `?run=`, one run (see `pages::run`).

use leptos::prelude::*;
use tebiki::Playbook;
use tebiki::manifest::source_path;
use tebiki::overview::{header_html, phases_html, preparation_html};

use crate::Ctx;
use crate::components::clone_form::CloneForm;
use crate::components::conditions::Conditions;
use crate::components::loading::{LoadFailed, Loading};
use crate::components::phase_map::PhaseMap;
use crate::components::prerequisite_panel::required_title;
use crate::components::runs::Runs;
use crate::net::{LoadError, fetch_text};
use crate::pages::run::RunPage;
use crate::route::{Page, RunView};

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PlaybookError {
    Load(LoadError),
    /// The file is there but has errors (a site built without `tebiki check`).
    Invalid,
}

/// How many of the site's playbooks stay parsed between pages.
const KEPT_PARSED: usize = 4;

thread_local! {
    /// The site's playbooks opened last, parsed, most recent first: moving
    /// back to one (catalog → playbook → catalog → …) neither fetches nor
    /// parses it again, so switching allocates nothing new. The site's files
    /// do not change while the page is open (a new build is a new load).
    static PARSED: std::cell::RefCell<Vec<(String, Playbook, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The playbook and its source text (the clone for another department is
/// made from the text, so that everything the author wrote is kept).
pub(crate) async fn load_playbook(url: String) -> Result<(Playbook, String), PlaybookError> {
    let kept = PARSED.with_borrow_mut(|kept| {
        let at = kept.iter().position(|(u, ..)| *u == url)?;
        let hit = kept.remove(at);
        let copy = (hit.1.clone(), hit.2.clone());
        kept.insert(0, hit);
        Some(copy)
    });
    if let Some(hit) = kept {
        return Ok(hit);
    }
    let text = fetch_text(&url).await.map_err(PlaybookError::Load)?;
    let playbook = tebiki::parse(&text).0.ok_or(PlaybookError::Invalid)?;
    PARSED.with_borrow_mut(|kept| {
        kept.insert(0, (url, playbook.clone(), text.clone()));
        kept.truncate(KEPT_PARSED);
    });
    Ok((playbook, text))
}

#[component]
pub fn PlaybookPage(id: String, #[prop(optional)] local: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let url = format!("{}{}", ctx.nav.base(), source_path(&id));
    let playbook = LocalResource::new(move || {
        // A local playbook comes from this browser's storage, not the site.
        let kept = local.then(|| ctx.local.source(&id));
        let url = url.clone();
        async move {
            match kept {
                None => load_playbook(url).await,
                Some(None) => Err(PlaybookError::Load(LoadError::Status(404))),
                Some(Some(text)) => {
                    let playbook = tebiki::parse(&text).0.ok_or(PlaybookError::Invalid)?;
                    Ok((playbook, text))
                }
            }
        }
    });
    let retry = Callback::new(move |_| playbook.refetch());
    let in_run = Memo::new(move |_| ctx.nav.route.with(|r| RunView::from_route(r).is_some()));
    Effect::new(move |_| {
        if let Some(Ok((p, _))) = playbook.get()
            && !in_run.get()
        {
            crate::set_title(ctx, &p.meta.title);
        }
    });

    move || match playbook.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Err(PlaybookError::Load(LoadError::Status(404)))) => {
            view! { <crate::pages::not_found::NotFoundPage /> }.into_any()
        }
        Some(Err(PlaybookError::Load(error))) => view! { <LoadFailed error retry /> }.into_any(),
        Some(Err(PlaybookError::Invalid)) => view! {
            <main class="page" id="main">
                <p role="alert" class="error">{move || ctx.t().playbook_invalid}</p>
            </main>
        }
        .into_any(),
        Some(Ok((p, text))) => {
            let playbook = StoredValue::new(p);
            let source = StoredValue::new(text);
            (move || {
                if in_run.get() {
                    view! { <RunPage playbook source /> }.into_any()
                } else {
                    view! { <Overview playbook=playbook.get_value() source local /> }.into_any()
                }
            })
            .into_any()
        }
    }
}

#[component]
fn Overview(playbook: Playbook, source: StoredValue<String>, local: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let meta = playbook.meta.clone();
    let required = meta.requires.clone().map(|id| (ctx.nav.href(&ctx.playbook_page(&id)), required_title(id)));
    let intro = playbook.intro_html.clone();
    let stored = StoredValue::new(playbook);
    let latest = Signal::derive(move || {
        let id = stored.with_value(|p| p.meta.id.clone());
        ctx.store.with(|p| p.runs_of(&id).first().map(|r| r.id.clone()))
    });
    view! {
        <main class="page playbook" id="main">
            <nav class="crumbs" aria-label=move || ctx.t().breadcrumb>
                <a href=ctx.nav.href(&Page::Catalog)>{move || ctx.t().nav_catalog}</a>
            </nav>
            // The generator's markup (`tebiki::overview::header_html`), in
            // the reader's language, the required playbook named by its
            // title once it is loaded.
            <header inner_html=move || {
                let required = required.as_ref().map(|(href, title)| (href.as_str(), title.get()));
                header_html(&meta, ctx.t(), local, required.as_ref().map(|(href, title)| (*href, title.as_str())))
            }></header>
            <Runs playbook=stored />
            <PhaseMap playbook=stored run=latest />
            <div class="intro" inner_html=intro></div>
            // What to prepare: the generator's markup, in the reader's language.
            <div
                class="prepare-block"
                inner_html=move || stored.with_value(|p| preparation_html(p, ctx.t()))
            ></div>
            <Conditions playbook=stored run=latest />
            // Every step as one block of HTML, the generator's markup: nothing
            // in it changes while it is read (only the language), and a
            // 500-step playbook opens without building thousands of nodes.
            <div
                class="phases"
                inner_html=move || {
                    let t = ctx.t();
                    stored.with_value(|p| phases_html(p, t))
                }
            ></div>
            <details class="clone-details no-print">
                <summary>{move || ctx.t().clone_summary}</summary>
                <CloneForm playbook=stored source />
            </details>
        </main>
    }
}
