//! Writing or fixing a playbook in the browser (`edit/`): a plain text field
//! with line numbers, checked as the author types — a moment after the last
//! key — exactly as `tebiki check` checks the file in the site's library
//! (`tebiki::check_in_library` against the site's and this browser's
//! playbooks), each problem with a button that puts the cursor at its place.
//! The text is a draft kept in this browser (`tebiki.draft.v1`), written at
//! every change, so a reload or a closed tab loses nothing; it can be
//! downloaded as the `.md` to commit, or used in this browser at once as a
//! local playbook. Opening a file or the template over a draft asks first;
//! a file that is not UTF-8 or too large is not opened, with `tebiki check`'s
//! words for it.

use std::sync::Arc;

use leptos::prelude::*;
use tebiki::{Diagnostic, SourceFile, check_in_library};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::components::problems::ProblemList;
use crate::route::Page;

/// Where the draft is kept.
const DRAFT_KEY: &str = "tebiki.draft.v1";

/// A text handed to the editor by another page (a playbook file 設定 could
/// not add): offered once, as a file opened here would be.
pub const INCOMING_KEY: &str = "tebiki.draft.incoming.v1";

/// Where in the handed-over text the cursor goes (a byte offset), when a
/// problem was picked on the way.
const INCOMING_AT_KEY: &str = "tebiki.draft.incoming-at.v1";

/// Hand `text` to the editor (then go to it): kept until the editor takes it.
pub fn hand_over(text: &str) -> bool {
    crate::storage::storage().is_some_and(|s| {
        let _ = s.remove_item(INCOMING_AT_KEY);
        s.set_item(INCOMING_KEY, text).is_ok()
    })
}

/// Hand `text` to the editor with its cursor at byte `at` (a problem picked
/// in 設定's list).
pub fn hand_over_at(text: &str, at: usize) -> bool {
    hand_over(text) && crate::storage::storage().is_some_and(|s| s.set_item(INCOMING_AT_KEY, &at.to_string()).is_ok())
}

/// How long after the last key the text is checked, in milliseconds.
const SETTLE_MS: u64 = 250;

/// The user-timing measure of the last check (`performance.getEntriesByName`),
/// which the browser benchmark reads (`tests/e2e/bench.mjs --editor`).
const CHECK_MEASURE: &str = "tebiki:check";

/// `work()`, recorded as the browser's user-timing measure `name` (only the
/// last one is kept).
fn measured<T>(name: &str, work: impl FnOnce() -> T) -> T {
    let performance = web_sys::window().and_then(|w| w.performance());
    if let Some(p) = &performance {
        p.clear_measures_with_measure_name(name);
        let _ = p.mark(name);
    }
    let out = work();
    if let Some(p) = &performance {
        let _ = p.measure_with_start_mark(name, name);
        p.clear_marks_with_mark_name(name);
    }
    out
}

/// The site's playbooks as its manifest lists them: id and title.
async fn site_playbooks(base: String) -> Vec<(String, String)> {
    crate::net::manifest(&base)
        .await
        .map(|m| m.playbooks.into_iter().map(|p| (p.id, p.title)).collect())
        .unwrap_or_default()
}

/// The text of a playbook file the person chose or dropped, or why it
/// cannot be edited, in `tebiki check`'s words: too large (not even read),
/// or not UTF-8 (Shift_JIS from Notepad, or not text at all), whose text
/// would change on the way.
pub async fn file_text(ctx: Ctx, file: &web_sys::File) -> Result<String, String> {
    let lang = ctx.lang.get_untracked();
    if file.size() as usize > tebiki::MAX_PLAYBOOK_BYTES {
        return Err(tebiki::too_large(file.size() as usize).message(lang));
    }
    match crate::net::file_bytes(file).await.map(String::from_utf8) {
        Some(Ok(text)) => Ok(text),
        Some(Err(_)) => Err(tebiki::Problem::InvalidUtf8.message(lang)),
        None => Err(ctx.t().import_unreadable.to_owned()),
    }
}

fn load_draft() -> String {
    crate::storage::storage().and_then(|s| s.get_item(DRAFT_KEY).ok().flatten()).unwrap_or_default()
}

fn save_draft(text: &str) {
    if let Some(storage) = crate::storage::storage() {
        // A full storage refuses: the text stays in the field; the next
        // change tries again.
        let _ = if text.is_empty() { storage.remove_item(DRAFT_KEY) } else { storage.set_item(DRAFT_KEY, text) };
    }
}

/// The checked text: its problems, and the playbook's id when it has one.
#[derive(Clone)]
struct Checked {
    text: String,
    diagnostics: Arc<[Diagnostic]>,
    errors: usize,
    id: Option<String>,
}

impl PartialEq for Checked {
    /// The same text with the same problems at the same places (the
    /// problems' own `PartialEq` stays out of the wasm).
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
            && self.id == other.id
            && self.diagnostics.len() == other.diagnostics.len()
            && self
                .diagnostics
                .iter()
                .zip(other.diagnostics.iter())
                .all(|(a, b)| a.range == b.range && a.problem.code() == b.problem.code())
    }
}

fn check(text: &str, known: &[(String, String)]) -> Checked {
    let known: Vec<(&str, &str)> = known.iter().map(|(id, file)| (id.as_str(), file.as_str())).collect();
    // Checked under the name it will be downloaded as, so that a file name
    // that is not the id is not reported for the draft itself.
    let id = tebiki::parse(text).0.map(|p| p.meta.id).or_else(|| id_line(text));
    let name = format!("{}.md", id.as_deref().unwrap_or("draft"));
    let checked = check_in_library(&[SourceFile { name: &name, bytes: text.as_bytes() }], &known).pop();
    let diagnostics: Arc<[Diagnostic]> = checked.map(|c| c.diagnostics).unwrap_or_default().into();
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    Checked { text: text.to_owned(), diagnostics, errors, id }
}

/// The id a broken draft names in its front matter (`id: …` on a line of its
/// own), for its file name.
fn id_line(text: &str) -> Option<String> {
    text.lines()
        .skip(1)
        .take_while(|l| l.trim_end() != "---")
        .find_map(|l| l.strip_prefix("id:"))
        .map(|v| v.trim().trim_matches(['"', '\'']).to_owned())
        .filter(|id| tebiki::is_valid_id(id))
}

/// The UTF-16 offset (what a text field's selection counts) of byte `at` of `text`.
fn utf16_offset(text: &str, at: usize) -> u32 {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    text[..at].encode_utf16().count() as u32
}

#[component]
pub fn EditorPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    Effect::new(move |_| crate::set_title(ctx, ctx.t().editor_title));

    let text = RwSignal::new(load_draft());
    // The text as last checked: a moment after the last key.
    let settled = RwSignal::new(text.get_untracked());
    let pending: RwSignal<Option<String>> = RwSignal::new(None);
    let outcome: RwSignal<Option<Result<String, String>>> = RwSignal::new(None);
    // Why a chosen file was not opened (not UTF-8, too large, unreadable).
    let refused: RwSignal<Option<String>> = RwSignal::new(None);
    let field = NodeRef::<leptos::html::Textarea>::new();
    let gutter = NodeRef::<leptos::html::Pre>::new();

    // The site's playbooks and this browser's: what a draft's id must not
    // take and what it may require or be cloned from.
    let base = ctx.nav.base();
    let site = LocalResource::new(move || site_playbooks(base.clone()));
    let known = Memo::new(move |_| {
        let site: Vec<String> = site.get().unwrap_or_default().into_iter().map(|(id, _)| id).collect();
        let local: Vec<String> = ctx.local.list.with(|l| l.iter().map(|p| p.id.clone()).collect());
        let mut ids: Vec<String> = site.into_iter().chain(local).collect();
        ids.sort();
        ids.dedup();
        ids.into_iter().map(|id| (id.clone(), format!("{id}.md"))).collect::<Vec<_>>()
    });
    let checked = Memo::new(move |_| {
        let text = settled.get();
        known.with(|known| measured(CHECK_MEASURE, || check(&text, known)))
    });

    let mut timer: Option<TimeoutHandle> = None;
    let mut settle = move |value: String| {
        if let Some(handle) = timer.take() {
            handle.clear();
        }
        timer = set_timeout_with_handle(move || settled.set(value), std::time::Duration::from_millis(SETTLE_MS)).ok();
    };
    let on_input = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        save_draft(&value);
        outcome.set(None);
        text.set(value.clone());
        settle(value);
    };
    let replace = move |value: String| {
        save_draft(&value);
        text.set(value.clone());
        settled.set(value);
        pending.set(None);
        outcome.set(None);
    };
    // Opening a file or the template over a draft asks first.
    let offer = move |value: String| {
        if text.with_untracked(|t| t.trim().is_empty() || *t == value) {
            replace(value);
        } else {
            pending.set(Some(value));
        }
    };
    let open_file = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        refused.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            match file_text(ctx, &file).await {
                Ok(text) => offer(text),
                Err(why) => refused.set(Some(why)),
            }
        });
    };
    // Where the cursor goes once an offered text is in the field (a problem
    // picked in 設定's list before the text was handed over).
    let jump: RwSignal<Option<usize>> = RwSignal::new(None);
    // A text another page handed over: taken once, offered like a file.
    if let Some(storage) = crate::storage::storage()
        && let Ok(Some(incoming)) = storage.get_item(INCOMING_KEY)
    {
        let at = storage.get_item(INCOMING_AT_KEY).ok().flatten().and_then(|a| a.parse::<usize>().ok());
        let _ = storage.remove_item(INCOMING_KEY);
        let _ = storage.remove_item(INCOMING_AT_KEY);
        jump.set(at.filter(|at| *at <= incoming.len()));
        offer(incoming);
    }
    let from_template = move |_| {
        let t = ctx.t();
        if let Ok(source) = tebiki::new_playbook("new-playbook", t.editor_template_department, t.editor_template_title)
        {
            offer(source);
        }
    };
    // A copy of a site's or this browser's playbook for another department,
    // as the playbook page's clone form makes it, opened here to be written on.
    let clone_open = RwSignal::new(false);
    let clone_from = RwSignal::new(String::new());
    let clone_department = RwSignal::new(String::new());
    let clone_error: RwSignal<Option<String>> = RwSignal::new(None);
    let choices = Memo::new(move |_| {
        if !clone_open.get() {
            return Vec::new();
        }
        let tt = ctx.t();
        let mut list: Vec<(String, String)> = site.get().unwrap_or_default();
        ctx.local.list.with(|l| {
            for p in l {
                let title = tebiki::parse(&p.source).0.map_or_else(|| p.id.clone(), |pb| pb.meta.title);
                list.push((p.id.clone(), format!("{title}{}", tt.editor_clone_local)));
            }
        });
        list
    });
    Effect::new(move |_| {
        choices.with(|c| {
            if let Some((first, _)) = c.first()
                && clone_from.with_untracked(|f| !c.iter().any(|(id, _)| id == f))
            {
                clone_from.set(first.clone());
            }
        })
    });
    let start_clone = move |_| {
        let (from, department) = (clone_from.get_untracked(), clone_department.get_untracked());
        clone_error.set(None);
        let department = department.trim().to_owned();
        if department.is_empty() {
            clone_error.set(Some(ctx.t().clone_need_department.to_owned()));
            return;
        }
        let taken: Vec<String> = known.with_untracked(|k| k.iter().map(|(id, _)| id.clone()).collect());
        let new_id = tebiki::free_id(&format!("{from}-2"), taken.iter().map(String::as_str));
        let local = ctx.local.source(&from);
        let base = ctx.nav.base();
        wasm_bindgen_futures::spawn_local(async move {
            let source = match local {
                Some(source) => Ok(source),
                None => crate::net::fetch_text(&format!("{base}playbooks/{from}.md")).await,
            };
            match source.map(|s| tebiki::clone_playbook(&s, &new_id, &department, None)) {
                Ok(Ok(text)) => offer(text),
                Ok(Err(error)) => clone_error.set(Some(error.to_string())),
                Err(_) => clone_error.set(Some(ctx.t().load_failed.to_owned())),
            }
        });
    };
    // The playbook's page as the site shows it: only while the preview is
    // open, of the text as last checked.
    let preview_open = RwSignal::new(false);
    let preview = move || {
        if !preview_open.get() {
            return None;
        }
        let t = ctx.t();
        let html = settled.with(|text| {
            let playbook = tebiki::parse(text).0?;
            let required = playbook.meta.requires.as_ref().map(|id| {
                let title = site
                    .with(|s| s.as_ref().and_then(|s| s.iter().find(|(i, _)| i == id).map(|(_, title)| title.clone())));
                (ctx.nav.href(&ctx.playbook_page(id)), title.unwrap_or_else(|| id.clone()))
            });
            let required = required.as_ref().map(|(href, title)| (href.as_str(), title.as_str()));
            Some(format!(
                "<header>{}</header>{}",
                tebiki::overview::header_html(&playbook.meta, t, false, required),
                tebiki::overview::body_html(&playbook, t)
            ))
        });
        Some(match html {
            Some(html) => {
                view! { <div class="page playbook editor-preview-page" data-testid="editor-preview" inner_html=html></div> }
                    .into_any()
            }
            None => {
                view! { <p class="help" data-testid="editor-preview-blocked">{t.editor_preview_blocked}</p> }.into_any()
            }
        })
    };
    let go_to = Callback::new(move |at: usize| {
        let Some(area) = field.get() else { return };
        let offset = text.with_untracked(|t| utf16_offset(t, at));
        let _ = area.focus();
        let _ = area.set_selection_range(offset, offset);
        // Put the line in view: a line is the field's line height.
        let line = text.with_untracked(|t| t[..at.min(t.len())].matches('\n').count()) as f64;
        let height = area.scroll_height() as f64 / text.with_untracked(|t| t.matches('\n').count() + 1) as f64;
        area.set_scroll_top((line * height - area.client_height() as f64 / 3.0).max(0.0) as i32);
    });
    // Once the handed-over text is in the field (at once, or when the person
    // chose to replace the draft with it), the cursor goes to the picked place.
    Effect::new(move |_| {
        if let Some(at) = jump.get()
            && pending.with(Option::is_none)
        {
            jump.set(None);
            request_animation_frame(move || go_to.run(at));
        }
    });
    let sync_gutter = move |_| {
        if let (Some(area), Some(gutter)) = (field.get(), gutter.get()) {
            gutter.set_scroll_top(area.scroll_top());
        }
    };
    let download = move |_| {
        let now = text.get_untracked();
        let name = checked.with_untracked(|c| c.id.clone()).unwrap_or_else(|| "playbook".to_owned());
        crate::download::download(&format!("{name}.md"), "text/markdown", &now);
    };
    let use_here = move |_| {
        let source = text.get_untracked();
        settled.set(source.clone());
        let ids: Vec<String> = known.with_untracked(|k| k.iter().map(|(id, _)| id.clone()).collect());
        outcome.set(Some(crate::components::clone_form::keep_local(ctx, source, &ids)));
    };
    let lines = move || {
        let n = text.with(|t| t.split('\n').count());
        (1..=n).map(|i| i.to_string()).collect::<Vec<_>>().join("\n")
    };

    view! {
        <main class="page edit" id="main">
            <h1>{move || t().editor_title}</h1>
            <p class="lead">{move || t().editor_lead}</p>
            <div class="editor-start">
                <div class="field">
                    <label for="editor-file">{move || t().editor_open}</label>
                    <input id="editor-file" type="file" accept=".md,text/markdown" on:change=open_file />
                </div>
                <button type="button" class="secondary" on:click=from_template data-testid="editor-template">{move || t().editor_template}</button>
            </div>
            <details class="editor-clone" on:toggle=move |ev| clone_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>{move || t().editor_clone_summary}</summary>
                <div class="form-grid">
                    <div class="field wide">
                        <label for="editor-clone-from">{move || t().editor_clone_from}</label>
                        <select id="editor-clone-from" on:change=move |ev| clone_from.set(event_target_value(&ev))>
                            {move || choices.get().into_iter().map(|(id, title)| {
                                let selected = clone_from.with_untracked(|f| *f == id);
                                view! { <option value=id selected=selected>{title}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="editor-clone-department">{move || t().clone_department}</label>
                        <input id="editor-clone-department" type="text" prop:value=move || clone_department.get()
                            on:input=move |ev| clone_department.set(event_target_value(&ev)) />
                    </div>
                </div>
                <p><button type="button" data-testid="editor-clone" on:click=start_clone
                    disabled=move || choices.with(Vec::is_empty)>{move || t().editor_clone_start}</button></p>
                {move || clone_error.get().map(|why| view! { <p class="error" role="alert">{why}</p> })}
            </details>
            <p class="editor-format"><a href=format!("{}format/", ctx.nav.pages()) target="_blank" rel="noopener" data-testid="editor-format">{move || t().editor_format}</a></p>
            {move || refused.get().map(|why| view! { <p class="error" role="alert" data-testid="editor-refused">{why}</p> })}
            {move || pending.get().map(|value| view! {
                <div class="notice" role="alert" data-testid="editor-replace">
                    <p>{move || t().editor_replace_ask}</p>
                    <button type="button" on:click=move |_| replace(value.clone())>{move || t().editor_replace}</button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| {
                        jump.set(None);
                        pending.set(None);
                    }>{move || t().cancel}</button>
                </div>
            })}
            <div class="editor">
                <label for="editor-source">{move || t().editor_source}</label>
                <div class="editor-box">
                    <pre class="gutter" aria-hidden="true" node_ref=gutter>{lines}</pre>
                    <textarea id="editor-source" data-testid="editor-source" node_ref=field spellcheck="false" wrap="off"
                        aria-describedby="editor-kept" prop:value=move || text.get() on:input=on_input on:scroll=sync_gutter></textarea>
                </div>
                <p id="editor-kept" class="help">{move || t().editor_kept}</p>
            </div>
            <section class="editor-check" aria-labelledby="editor-result">
                <h2 id="editor-result">{move || t().editor_result}</h2>
                {move || checked.with(|c| {
                    // Checking waits for the author to pause: until then the
                    // result is of the text before the last keys.
                    let busy = move || text.with(|now| settled.with(|s| now != s));
                    if c.text.trim().is_empty() {
                        return view! {
                            <p role="status" data-testid="editor-summary" aria-busy=move || busy().then_some("true")>{move || t().editor_empty}</p>
                        }.into_any();
                    }
                    let warnings = c.diagnostics.len() - c.errors;
                    let summary = if c.diagnostics.is_empty() { t().editor_clean.to_owned() } else { (t().editor_counts)(c.errors, warnings) };
                    view! {
                        <p role="status" data-testid="editor-summary" class:ok=c.diagnostics.is_empty() aria-busy=move || busy().then_some("true")>{summary}</p>
                        <ProblemList source=c.text.clone() diagnostics=c.diagnostics.clone() on_pick=Some(go_to) />
                    }.into_any()
                })}
            </section>
            <details class="editor-preview" on:toggle=move |ev| preview_open.set(event_target::<web_sys::HtmlDetailsElement>(&ev).open())>
                <summary>{move || t().editor_preview}</summary>
                {preview}
            </details>
            <div class="editor-actions">
                <button type="button" data-testid="editor-use" on:click=use_here
                    disabled=move || checked.with(|c| c.errors > 0 || c.text.trim().is_empty())>{move || t().editor_use}</button>
                " "
                <button type="button" class="secondary" data-testid="editor-download" on:click=download
                    disabled=move || text.with(|t| t.trim().is_empty())>{move || t().editor_download}</button>
                {move || checked.with(|c| c.errors > 0).then(|| view! { <p class="help">{move || t().editor_use_blocked}</p> })}
                <div role="status" aria-live="polite">
                    {move || outcome.get().map(|done| match done {
                        Ok(id) => {
                            let href = ctx.nav.href(&Page::Local { id });
                            view! { <p class="ok" data-testid="editor-used">{move || ctx.t().local_added}" "<a href=href.clone()>{move || ctx.t().open_local}</a></p> }.into_any()
                        }
                        Err(message) => view! { <p class="error">{message}</p> }.into_any(),
                    })}
                </div>
            </div>
        </main>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_utf16_units_as_text_fields_do() {
        let text = "id: 人事\n😀x";
        assert_eq!(utf16_offset(text, 0), 0);
        assert_eq!(utf16_offset(text, text.find('人').unwrap()), 4);
        assert_eq!(utf16_offset(text, text.find('x').unwrap()), 9, "the emoji is two units");
        assert_eq!(utf16_offset(text, text.find('x').unwrap() - 1), 7, "inside a character: its start");
        assert_eq!(utf16_offset(text, 1000), 10);
    }

    #[test]
    fn a_broken_draft_is_named_after_the_id_it_writes() {
        assert_eq!(id_line("---\nid: hr-osaka\ntitle: [\n"), Some("hr-osaka".to_owned()));
        assert_eq!(id_line("---\nid: 人事\n"), None);
        let checked = check("---\nid: hr-osaka\n---\n", &[]);
        assert!(checked.errors > 0);
        assert_eq!(checked.id.as_deref(), Some("hr-osaka"));
        assert!(checked.diagnostics.iter().all(|d| d.problem.code() != "file-name-not-id"));
    }
}
