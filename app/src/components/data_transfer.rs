//! Export all of this browser's tebiki data as one JSON file, and import such
//! a file (or a colleague's): checked completely and previewed before
//! anything changes; merged by default (`merge_preview.rs`), replaced only
//! when the person restores their own backup.

use std::sync::Arc;

use leptos::prelude::*;
use tebiki::Lang;
use tebiki::progress::{Export, decode_export};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::components::merge_preview::MergeView;
use crate::components::problems::ProblemList;
use crate::storage::prefs::Prefs;
use crate::time::now;

#[derive(Clone)]
enum Import {
    Idle,
    Reading,
    Failed(String),
    /// A file read and checked, with its name.
    Preview(Box<Export>, String),
    /// Imported: the runs, and the file's language when it is not the page's
    /// (this browser's language from now on).
    Done(usize, Option<Lang>),
    /// Merged in: how many runs changed.
    Merged(usize),
    /// A playbook file, which belongs in this browser's playbooks.
    Playbook {
        title: String,
        source: String,
        /// What `tebiki check` warns about in it.
        warnings: Arc<[tebiki::Diagnostic]>,
    },
    /// A playbook file that cannot be used: its name, its text (as read)
    /// and every problem, as `tebiki check` lists them. Nothing was added.
    BrokenPlaybook {
        name: String,
        source: String,
        diagnostics: Arc<[tebiki::Diagnostic]>,
    },
    /// Where that playbook went.
    PlaybookAdded(Result<String, String>),
    /// An inventory table, which belongs in a run's worksheet.
    Table,
}

/// Whether a file named `name` starting with `bytes` is meant as a playbook:
/// a markdown file, or one that opens with front matter.
fn meant_as_playbook(name: &str, bytes: &[u8]) -> bool {
    let lower = name.to_ascii_lowercase();
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    lower.ends_with(".md") || lower.ends_with(".markdown") || body.starts_with(b"---")
}

/// A file meant as a playbook, checked exactly as `tebiki check` checks it
/// in a library that holds the playbooks `known` (the site's and this
/// browser's: id and file name) — not UTF-8, too large, an id taken, a
/// required playbook missing: the same messages. Added on request when it is
/// valid, its problems listed when it is not.
fn read_playbook(name: &str, bytes: &[u8], known: &[(String, String)]) -> Import {
    let known: Vec<(&str, &str)> = known.iter().map(|(id, file)| (id.as_str(), file.as_str())).collect();
    let checked = tebiki::check_in_library(&[tebiki::SourceFile { name, bytes }], &known).pop();
    let (playbook, diagnostics) = checked.map(|c| (c.playbook, c.diagnostics)).unwrap_or_default();
    match playbook {
        Some(playbook) => Import::Playbook {
            title: playbook.meta.title,
            source: String::from_utf8_lossy(bytes).into_owned(),
            warnings: diagnostics.into(),
        },
        None => Import::BrokenPlaybook {
            name: name.to_owned(),
            source: String::from_utf8_lossy(bytes).into_owned(),
            diagnostics: diagnostics.into(),
        },
    }
}

/// What a chosen file is, when it is not an export: said plainly, with where
/// it goes, instead of a JSON error.
fn recognise(name: &str, text: &str) -> Option<Import> {
    if text.trim_start().starts_with('{') {
        return None;
    }
    if let Some(playbook) = tebiki::parse(text).0 {
        return Some(Import::Playbook { title: playbook.meta.title, source: text.to_owned(), warnings: Arc::from([]) });
    }
    let lower = name.to_ascii_lowercase();
    let table = lower.ends_with(".csv")
        || lower.ends_with(".tsv")
        || tebiki::inventory::tasks_from_table(text.as_bytes()).is_ok();
    table.then_some(Import::Table)
}

#[component]
pub fn DataTransfer() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let state = RwSignal::new(Import::Idle);
    let export = move |_| {
        let at = now();
        crate::storage::backup::export_all(ctx, at);
    };
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let size = file.size() as usize;
        let name = file.name();
        let markdown = meant_as_playbook(&name, b"");
        if markdown && size > tebiki::MAX_PLAYBOOK_BYTES {
            // Not read at all: what `tebiki check` says of such a file.
            state.set(Import::BrokenPlaybook {
                name,
                source: String::new(),
                diagnostics: Arc::from([tebiki::too_large(size)]),
            });
            return;
        }
        if size > tebiki::progress::MAX_IMPORT_BYTES {
            let error = tebiki::progress::DecodeError::TooLarge(size);
            state.set(Import::Failed(error.message(ctx.lang.get_untracked())));
            return;
        }
        state.set(Import::Reading);
        wasm_bindgen_futures::spawn_local(async move {
            // The bytes, not the browser's decoding of them: a file that is
            // not UTF-8 (Shift_JIS from Notepad) is said to be one.
            let bytes = crate::net::file_bytes(&file).await;
            let next = match bytes {
                None => Import::Failed(t().import_unreadable.to_owned()),
                Some(bytes) if meant_as_playbook(&name, &bytes) => {
                    let mut known: Vec<(String, String)> = crate::components::clone_form::site_ids(ctx.nav.base())
                        .await
                        .into_iter()
                        .chain(ctx.local.list.with_untracked(|l| l.iter().map(|p| p.id.clone()).collect::<Vec<_>>()))
                        .map(|id| {
                            let file = format!("{id}.md");
                            (id, file)
                        })
                        .collect();
                    known.dedup();
                    read_playbook(&name, &bytes, &known)
                }
                Some(bytes) => {
                    let text = String::from_utf8_lossy(&bytes);
                    recognise(&name, &text).unwrap_or_else(|| match decode_export(&text) {
                        Ok(export) => Import::Preview(Box::new(export), name.clone()),
                        Err(e) => Import::Failed(e.message(ctx.lang.get_untracked())),
                    })
                }
            };
            state.set(next);
        });
    };
    let confirm = move |_| {
        let Import::Preview(export, _) = state.get_untracked() else { return };
        state.set(Import::Reading);
        let base = ctx.nav.base();
        wasm_bindgen_futures::spawn_local(async move {
            let Export { progress, lang, playbooks, .. } = *export;
            // The playbooks kept only in the browser that wrote the file come
            // back first (their runs need them), unless this browser has one
            // of that id already; one that cannot be kept is said, not dropped
            // in silence.
            let carried: Vec<_> = playbooks.into_iter().filter(|p| !ctx.local.has(&p.id)).collect();
            if !carried.is_empty() {
                let site = crate::components::clone_form::site_ids(base).await;
                for playbook in carried {
                    if let Err(message) = crate::components::clone_form::keep_local(ctx, playbook.source, &site) {
                        ctx.toast.set(Some(crate::components::toast::Toast { message, undo: None }));
                    }
                }
            }
            // The file's language is this browser's from now on; the page
            // stays as it is, with a link to itself in that language.
            if let Some(lang) = lang {
                Prefs::update(|p| p.lang = lang);
            }
            let switched = lang.filter(|l| *l != ctx.nav.lang());
            let runs = progress.live_runs().count();
            ctx.store.replace(progress);
            // What is in this browser now is exactly what is in the file.
            let at = now();
            Prefs::update(|p| p.last_export = Some(at));
            ctx.last_export.set(Some(at));
            state.set(Import::Done(runs, switched));
        });
    };
    let current_runs = move || ctx.store.with(|p| p.live_runs().count());
    let add_playbook = move |_| {
        let Import::Playbook { source, .. } = state.get_untracked() else { return };
        let base = ctx.nav.base();
        wasm_bindgen_futures::spawn_local(async move {
            let ids = crate::components::clone_form::site_ids(base).await;
            state.set(Import::PlaybookAdded(crate::components::clone_form::keep_local(ctx, source, &ids)));
        });
    };

    view! {
        <section class="data" aria-labelledby="data-heading">
            <h2 id="data-heading">{move || t().data_title}</h2>
            <p>{move || t().data_lead}</p>
            <p><button type="button" on:click=export data-testid="export">{move || t().export_button}</button></p>
            <div class="field">
                <label for="import-file">{move || t().import_label}</label>
                <input id="import-file" type="file" accept=".json,application/json,.md,text/markdown,.csv,text/csv" aria-describedby="import-help" on:change=choose />
                <p id="import-help" class="help">{move || t().import_help}</p>
            </div>
            <div role="status" aria-live="polite" class="import-state">
                {move || match state.get() {
                    Import::Idle => ().into_any(),
                    Import::Reading => view! { <p>{move || t().loading}</p> }.into_any(),
                    Import::Failed(message) => view! {
                        <p class="error" data-testid="import-error">{move || t().import_failed}" "{message}</p>
                    }.into_any(),
                    Import::Done(n, switched) => view! {
                        <p class="ok">{move || (t().import_done)(n)}</p>
                        {switched.map(|lang| view! {
                            <p data-testid="import-lang">
                                {move || (t().import_lang)(lang.name())}" "
                                <a href=ctx.nav.here_in(lang) hreflang=lang.code() lang=lang.code()>{lang.name()}</a>
                            </p>
                        })}
                    }.into_any(),
                    Import::Merged(n) => view! { <p class="ok" data-testid="merge-done">{move || (t().merge_done)(n)}</p> }.into_any(),
                    Import::Playbook { title, source, warnings } => view! {
                        <div class="preview" data-testid="import-playbook">
                            <p>{move || (t().file_is_playbook)(&title)}</p>
                            {(!warnings.is_empty()).then(|| {
                                let count = warnings.len();
                                view! {
                                    <p class="warn-text">{move || (t().playbook_warnings)(count)}</p>
                                    <ProblemList source diagnostics=warnings />
                                }
                            })}
                            <button type="button" on:click=add_playbook>{move || t().add_to_browser}</button>
                            " "
                            <button type="button" class="secondary" on:click=move |_| state.set(Import::Idle)>{move || t().cancel}</button>
                        </div>
                    }.into_any(),
                    Import::PlaybookAdded(Ok(id)) => {
                        let href = ctx.nav.href(&crate::route::Page::Local { id });
                        view! { <p class="ok">{move || ctx.t().local_added}" "<a href=href.clone()>{move || ctx.t().open_local}</a></p> }.into_any()
                    }
                    Import::PlaybookAdded(Err(message)) => view! { <p class="error">{message}</p> }.into_any(),
                    Import::BrokenPlaybook { name, source, diagnostics } => {
                        let fixable = !source.is_empty() && !diagnostics.iter().any(|d| matches!(d.problem, tebiki::Problem::InvalidUtf8));
                        let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                        let warnings = diagnostics.len() - errors;
                        view! {
                            <div class="preview broken-playbook" data-testid="import-problems">
                                <p class="error">{move || (t().playbook_problems)(&name, errors, warnings)}</p>
                                // Text that is not UTF-8 would change on the way: not offered.
                                {fixable.then(|| {
                                    let text = source.clone();
                                    view! {
                                        <p>
                                            <button type="button" data-testid="import-fix" on:click=move |_| {
                                                if crate::pages::editor::hand_over(&text) {
                                                    ctx.nav.go(&ctx.nav.href(&crate::route::Page::Editor));
                                                }
                                            }>{move || t().editor_fix}</button>
                                        </p>
                                    }
                                })}
                                // Each problem's 「この箇所へ」 opens the editor there.
                                <ProblemList source=source.clone() diagnostics on_pick=fixable.then(|| Callback::new(move |at: usize| {
                                    if crate::pages::editor::hand_over_at(&source, at) {
                                        ctx.nav.go(&ctx.nav.href(&crate::route::Page::Editor));
                                    }
                                })) />
                            </div>
                        }.into_any()
                    }
                    Import::Table => view! { <p class="error" data-testid="import-error">{move || t().file_is_table}</p> }.into_any(),
                    Import::Preview(export, file) => {
                        let merged = StoredValue::new((*export).clone());
                        let done = Callback::new(move |n| state.set(Import::Merged(n)));
                        let runs: Vec<(String, String, usize)> = export
                            .progress
                            .live_runs()
                            .map(|r| (r.name.value.clone(), r.playbook.clone(), r.steps.values().filter(|s| s.mark.value.is_resolved()).count()))
                            .collect();
                        let count = runs.len();
                        let exported = crate::time::date_time(export.exported, ctx.lang.get());
                        view! {
                            <div class="preview" data-testid="import-preview">
                                <h3>{move || t().import_preview}</h3>
                                <p>{move || (t().import_summary)(count, &exported)}</p>
                                <ul>
                                    {runs.into_iter().map(|(name, playbook, done)| view! {
                                        <li>{name}" — "{playbook}" ・ "{move || (t().steps_done)(done)}</li>
                                    }).collect_view()}
                                </ul>
                                <MergeView export=merged file=file.clone() done />
                                <h3 class="replace-title">{move || t().replace_title}</h3>
                                <p class="warn-text">{move || (t().import_replaces)(current_runs())}</p>
                                {move || {
                                    let lost: Vec<String> = ctx.store.with(|p| {
                                        p.runs_missing_from(&export.progress).map(|r| r.name.value.clone()).collect()
                                    });
                                    (!lost.is_empty()).then(|| view! {
                                        <div class="warn-text lost-runs">
                                            <p>{(t().import_loses)(lost.len())}</p>
                                            <ul>{lost.into_iter().map(|name| view! { <li>{name}</li> }).collect_view()}</ul>
                                        </div>
                                    })
                                }}
                                <button type="button" class="danger" on:click=confirm data-testid="import-confirm">{move || t().import_confirm}</button>
                                " "
                                <button type="button" class="secondary" on:click=move |_| state.set(Import::Idle)>{move || t().cancel}</button>
                            </div>
                        }.into_any()
                    }
                }}
            </div>
        </section>
    }
}
