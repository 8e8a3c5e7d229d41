//! What a team says and keeps on a step, beside its note: evidence (links,
//! and network paths offered to copy, since a web page cannot open them)
//! and a comment thread (who, when; edited and deleted with history). All
//! of it is shown as text: a link is a plain `http(s)` `<a>`, nothing typed
//! becomes markup.

use leptos::prelude::*;
use tebiki::Step;
use tebiki::progress::{Comment, Evidence, Millis, Place};

use crate::Ctx;
use crate::handle::RunHandle;

/// The evidence and the comments of `step`; `compact` in the list of a
/// phase (headings one level down).
#[component]
pub fn Discussion(run: RunHandle, step: StoredValue<Step>, #[prop(optional)] compact: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let id = step.with_value(|s| s.id.clone());
    let (evidence_id, comments_id) = (format!("step-{id}-evidence"), format!("step-{id}-comments"));
    let heading = move |id: String, text: &'static str| {
        if compact { view! { <h4 id=id>{text}</h4> }.into_any() } else { view! { <h3 id=id>{text}</h3> }.into_any() }
    };
    let (evidence_heading, comments_heading) =
        (heading(evidence_id.clone(), t().evidence_title), heading(comments_id.clone(), t().comments_title));
    view! {
        <section class="evidence-box" aria-labelledby=evidence_id data-testid="evidence">
            {evidence_heading}
            <EvidenceList run step=id.clone() />
            <EvidenceForm run step />
        </section>
        <section class="comments-box" aria-labelledby=comments_id data-testid="comments">
            {comments_heading}
            <CommentList run step=id.clone() />
            <CommentForm run step />
        </section>
    }
}

#[component]
fn EvidenceList(run: RunHandle, step: String) -> impl IntoView {
    let list = Memo::new(move |_| {
        run.with(|r, _| r.evidence_on(&step).into_iter().map(|(id, e)| (id.to_owned(), e.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let message = RwSignal::new(None::<String>);
    let remove = move |id: String| {
        let _ = run.change(|r, _, now| r.remove_evidence(&id, now));
    };
    move || {
        let items = list.get();
        (!items.is_empty()).then(|| {
            view! {
                <ul class="evidence">
                    {items.into_iter().map(|(id, e)| view! { <EvidenceRow id e remove message /> }).collect_view()}
                </ul>
                <p role="status" class="help">{move || message.get()}</p>
            }
        })
    }
}

#[component]
fn EvidenceRow(
    id: String,
    e: Evidence,
    remove: impl Fn(String) + Copy + Send + Sync + 'static,
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let shown = if e.label.is_empty() { e.target.clone() } else { e.label.clone() };
    let field = format!("evidence-{}", id.replace(['.', ' '], "-"));
    let what = match e.place() {
        Some(Place::Web) => {
            view! { <a href=e.target.clone() rel="noopener noreferrer" target="_blank">{shown}</a> }.into_any()
        }
        // A network path: a web page cannot open it, so it is offered to copy.
        _ => {
            let copy_id = field.clone();
            let copy = move |_| {
                let ok = crate::copy::copy_field(&copy_id);
                message.set(Some(if ok { t().evidence_copied } else { t().evidence_copy_failed }.to_owned()));
            };
            view! {
                <span class="share-path">
                    {(!e.label.is_empty()).then(|| view! { <span>{e.label.clone()}</span> })}
                    <input type="text" readonly id=field.clone() aria-label=move || t().evidence_target prop:value=e.target.clone() />
                    <button type="button" class="secondary small" on:click=copy data-testid="evidence-copy">{move || t().evidence_copy}</button>
                </span>
            }
            .into_any()
        }
    };
    view! {
        <li>
            {what}
            <button type="button" class="link" on:click=move |_| remove(id.clone())>{move || t().evidence_remove}</button>
        </li>
    }
}

#[component]
fn EvidenceForm(run: RunHandle, step: StoredValue<Step>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let target = RwSignal::new(String::new());
    let label = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (typed, named) = (target.get_untracked(), label.get_untracked());
        match run.change(|r, _, now| step.with_value(|s| r.add_evidence(s, &typed, &named, now))) {
            Ok(_) => {
                target.set(String::new());
                label.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    };
    let key = step.with_value(|s| s.id.clone());
    let (target_id, label_id, help_id, error_id) = (
        format!("evidence-{key}-target"),
        format!("evidence-{key}-label"),
        format!("evidence-{key}-help"),
        format!("evidence-{key}-error"),
    );
    let described = format!("{help_id} {error_id}");
    view! {
        <details class="evidence-add no-print">
            <summary>{move || t().evidence_add}</summary>
            <form on:submit=add>
                <p class="help" id=help_id>{move || t().evidence_help}</p>
                <div class="form-grid">
                    <div class="field">
                        <label for=target_id.clone()>{move || t().evidence_target}</label>
                        <input id=target_id type="text" inputmode="url" autocomplete="off" aria-describedby=described
                            aria-invalid=move || error.with(Option::is_some).then_some("true")
                            prop:value=move || target.get() on:input=move |ev| target.set(event_target_value(&ev)) />
                    </div>
                    <div class="field">
                        <label for=label_id.clone()>{move || t().evidence_label}</label>
                        <input id=label_id type="text" autocomplete="off"
                            prop:value=move || label.get() on:input=move |ev| label.set(event_target_value(&ev)) />
                    </div>
                </div>
                <p class="error" id=error_id role="alert">{move || error.get()}</p>
                <p><button type="submit" class="secondary" data-testid="evidence-add">{move || t().evidence_add}</button></p>
            </form>
        </details>
    }
}

#[component]
fn CommentList(run: RunHandle, step: String) -> impl IntoView {
    let list = Memo::new(move |_| {
        run.with(|r, _| {
            r.comments_on(&step).into_iter().map(|(id, c, at)| (id.to_owned(), c.clone(), at)).collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    move || {
        let items = list.get();
        (!items.is_empty()).then(|| {
            view! {
                <ol class="comments">
                    {items.into_iter().map(|(id, c, at)| view! { <CommentRow run id c at /> }).collect_view()}
                </ol>
            }
        })
    }
}

#[component]
fn CommentRow(run: RunHandle, id: String, c: Comment, at: Millis) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let editing = RwSignal::new(false);
    let draft = RwSignal::new(c.text.clone());
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(id);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = draft.get_untracked();
        match run.change(|r, _, now| id.with_value(|id| r.edit_comment(id, &text, now))) {
            Ok(()) => editing.set(false),
            Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    };
    let delete = move |_| {
        let _ = run.change(|r, _, now| id.with_value(|id| r.delete_comment(id, now)));
    };
    let lang = ctx.lang.get_untracked();
    let who = format!("{} ・ {}", c.by.shown(t()), crate::time::date_time(c.posted, lang));
    let edited = at > c.posted;
    let field = id.with_value(|id| format!("comment-{}", id.replace(['.', ' '], "-")));
    let text = c.text.clone();
    view! {
        <li>
            <p class="by">{who}{edited.then(|| view! { <span class="help">{move || t().comment_edited}</span> })}</p>
            {move || if editing.get() {
                let field = field.clone();
                view! {
                    <form on:submit=save>
                        <label class="visually-hidden" for=field.clone()>{move || t().comment_edit}</label>
                        <textarea id=field rows="3" prop:value=move || draft.get() on:input=move |ev| draft.set(event_target_value(&ev))></textarea>
                        <p class="error" role="alert">{move || error.get()}</p>
                        <p class="actions">
                            <button type="submit" class="small">{move || t().comment_save}</button>
                            <button type="button" class="secondary small" on:click=move |_| editing.set(false)>{move || t().comment_cancel}</button>
                        </p>
                    </form>
                }.into_any()
            } else {
                view! {
                    <p class="text">{text.clone()}</p>
                    <p class="actions no-print">
                        <button type="button" class="link" on:click=move |_| editing.set(true)>{move || t().comment_edit}</button>
                        <button type="button" class="link" on:click=delete>{move || t().comment_delete}</button>
                    </p>
                }.into_any()
            }}
        </li>
    }
}

#[component]
fn CommentForm(run: RunHandle, step: StoredValue<Step>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let post = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let typed = text.get_untracked();
        match run.change(|r, _, now| step.with_value(|s| r.add_comment(s, &typed, now))) {
            Ok(_) => {
                text.set(String::new());
                error.set(None);
            }
            Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    };
    let field = step.with_value(|s| format!("comment-{}-new", s.id));
    view! {
        <form class="comment-new no-print" on:submit=post>
            <label for=field.clone()>{move || t().comment_new}</label>
            <textarea id=field rows="2" prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <p class="error" role="alert">{move || error.get()}</p>
            <p><button type="submit" class="secondary small" data-testid="comment-post">{move || t().comment_post}</button></p>
        </form>
    }
}
