//! How the playbook changed since the run last looked (changed, added,
//! renamed, removed steps; new, changed and removed questions), with "checked" per change and for all at once;
//! and the records no step shows any more, so nothing entered is hidden.

use leptos::prelude::*;
use tebiki::progress::{Mark, StepDrift};

use crate::Ctx;
use crate::handle::RunHandle;
use crate::route::RunView;

#[component]
pub fn DriftPanel(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let drift = Memo::new(move |_| run.with(|r, pb| r.drift(pb)));
    let href = move |step: &str| {
        let page = ctx.playbook_page(&run.with_playbook(|p| p.meta.id.clone()));
        RunView { run: run.id(), step: Some(step.to_owned()), ..RunView::default() }.href(&ctx.nav.pages(), &page)
    };
    let accept = move |id: String| {
        let _ = run.change(|r, pb, now| {
            match pb.step(&id) {
                Some(step) => r.accept_step(step, now),
                None => r.accept_removal(&id, now),
            }
            Ok(())
        });
    };
    let accept_question = move |id: String| {
        let _ = run.change(|r, pb, now| {
            match pb.question(&id) {
                Some(q) => r.accept_question(q, now),
                None => r.accept_question_removal(&id, now),
            }
            Ok(())
        });
    };
    let accept_all = move |_| {
        let _ = run.change(|r, pb, now| {
            r.accept_all(pb, now);
            Ok(())
        });
    };
    let title_of = move |id: &str| run.with_playbook(|p| p.step(id).map_or_else(|| id.to_owned(), |s| s.title.clone()));
    move || {
        let d = drift.get()?;
        if d.is_empty() {
            return None;
        }
        let (from, to) = (d.from_version, d.to_version);
        Some(view! {
            <section class="drift" aria-labelledby="drift-title" data-testid="drift">
                <h2 id="drift-title">{move || (t().drift_title)(from, to)}</h2>
                <p>{move || t().drift_lead}</p>
                <ul>
                    {d.steps.iter().map(|(id, kind)| {
                        let what = match kind {
                            StepDrift::Changed => t().drift_changed.to_owned(),
                            StepDrift::Added => t().drift_added.to_owned(),
                            StepDrift::Renamed { from, changed } => (t().drift_renamed)(from, *changed),
                            StepDrift::Unchanged => String::new(),
                        };
                        let (link, title, key) = (href(id), title_of(id), id.clone());
                        let label = title.clone();
                        view! {
                            <li data-drift=id.clone()>
                                <a href=link>{title}</a>" — "{what}" "
                                <button type="button" class="secondary small" aria-label=move || (t().drift_accept_one)(&label)
                                    on:click=move |_| accept(key.clone())>{move || t().drift_accept}</button>
                            </li>
                        }
                    }).collect_view()}
                    {d.removed.iter().map(|id| {
                        let (key, label) = (id.clone(), id.clone());
                        view! {
                            <li data-drift=id.clone()>
                                <code>{id.clone()}</code>" — "{move || t().drift_removed}" "
                                <button type="button" class="secondary small" aria-label=move || (t().drift_accept_one)(&label)
                                    on:click=move |_| accept(key.clone())>{move || t().drift_accept}</button>
                            </li>
                        }
                    }).collect_view()}
                    {d.questions.iter().map(|(id, kind)| {
                        let what = if *kind == StepDrift::Added { t().drift_question_added } else { t().drift_question_changed };
                        let text = run.with_playbook(|p| p.question(id).map_or_else(|| id.clone(), |q| q.text.clone()));
                        let (key, label) = (id.clone(), (t().drift_question)(&text));
                        view! {
                            <li data-drift=format!("?{id}")>
                                {label.clone()}" — "{what}" "
                                <button type="button" class="link" on:click=|_| crate::components::questions::show_questions()>
                                    {move || t().review_answers}
                                </button>" "
                                <button type="button" class="secondary small" aria-label=move || (t().drift_accept_one)(&label)
                                    on:click=move |_| accept_question(key.clone())>{move || t().drift_accept}</button>
                            </li>
                        }
                    }).collect_view()}
                    {d.removed_questions.iter().map(|id| {
                        let (key, label) = (id.clone(), (t().drift_question)(id));
                        view! {
                            <li data-drift=format!("?{id}")>
                                <code>{id.clone()}</code>" — "{move || t().drift_question_removed}" "
                                <button type="button" class="secondary small" aria-label=move || (t().drift_accept_one)(&label)
                                    on:click=move |_| accept_question(key.clone())>{move || t().drift_accept}</button>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p><button type="button" on:click=accept_all data-testid="accept-all">{move || (t().drift_accept_all)(from, to)}</button></p>
            </section>
        })
    }
}

/// Records under ids no step shows: kept, listed, exported — never dropped.
#[component]
pub fn OrphanedList(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let orphaned = Memo::new(move |_| {
        run.with(|r, pb| r.orphaned(pb).into_iter().map(|(id, rec)| (id.to_owned(), rec.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    move || {
        let list = orphaned.get();
        (!list.is_empty()).then(|| view! {
            <section class="orphaned" aria-labelledby="orphaned-title" data-testid="orphaned">
                <h2 id="orphaned-title">{move || t().orphaned_title}</h2>
                <p class="help">{move || t().orphaned_help}</p>
                <ul>
                    {list.into_iter().map(|(id, rec)| {
                        let mark = match &rec.mark.value {
                            Mark::Open => ctx.t().status_open.to_owned(),
                            Mark::Done => ctx.t().status_done.to_owned(),
                            Mark::Na { reason } => format!("{}：{reason}", ctx.t().not_applicable),
                        };
                        let items = rec.items.values().filter(|m| m.value.is_resolved()).count();
                        let signed: Vec<String> = rec.approvals.values().filter_map(|a| a.value.as_ref()).map(|a| format!("{}（{}）", a.name, a.date)).collect();
                        let shown_id = id.clone();
                        view! {
                            <li data-orphan=id>
                                <p><code>{shown_id}</code>" ・ "{mark}" ・ "{move || (t().orphaned_items)(items)}</p>
                                {(!rec.note.value.is_empty()).then(|| view! { <p class="note-text">{rec.note.value.clone()}</p> })}
                                {(!signed.is_empty()).then(|| view! { <p>{move || t().approvals_title}"："{signed.join("、")}</p> })}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        })
    }
}
