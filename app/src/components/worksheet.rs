//! The inventory worksheet of a run: the team's tasks, hours and owners,
//! rows pasted from a spreadsheet or read from CSV, totals per kind of work
//! with the suggested approach, and the pilot ranking with "pick as theme".

use leptos::prelude::*;
use tebiki::Lang;
use tebiki::inventory::{self, DataClass, Field, TableProblems, Task, TaskKind};
use tebiki::progress::{ImportedTasks, TaskImport, TaskPreview};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::components::task_form::TaskForm;
use crate::components::toast::{Toast, Undo};
use crate::handle::RunHandle;
use crate::time::now;

/// Where rows came from: the paste box or a CSV file. Each shows its own
/// outcome beside its own field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum From {
    Paste,
    Csv,
}

/// What reading a table led to, waiting beside the field it came from.
#[derive(Debug, Clone, PartialEq)]
enum Outcome {
    /// Rows read; the worksheet has tasks, so the team chooses how they go in.
    Choose { tasks: Vec<Task>, preview: TaskPreview },
    /// Nothing imported: a summary line and every problem.
    Problems { summary: Option<String>, list: Vec<String> },
    /// What was done.
    Done(String),
}

fn random() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32
}

fn hours(n: f64) -> String {
    inventory::round1(n)
}

#[component]
pub fn Worksheet(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let tasks = Memo::new(move |_| {
        run.with(|r, _| r.tasks().into_iter().map(|(id, t)| (id.to_owned(), t.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    let theme = Memo::new(move |_| run.with(|r, _| r.theme.value.clone()).flatten());
    let editing = RwSignal::new(None::<(String, Task)>);
    let paste = RwSignal::new(String::new());
    let outcome = RwSignal::new(None::<(From, Outcome)>);

    let problems = move |e: TableProblems| {
        let l = ctx.lang.get_untracked();
        Outcome::Problems { summary: Some(e.summary(l)), list: e.messages(l) }
    };
    let failed = move |message: String| Outcome::Problems { summary: None, list: vec![message] };
    // Put the rows in as chosen and say what happened; a replace can be undone.
    let import_as = move |tasks: Vec<Task>, mode: TaskImport| -> Outcome {
        let result = run.change(|r, _, now| r.import_tasks(tasks, mode, now, random()));
        match result {
            Err(e) => failed(e.message(ctx.lang.get_untracked())),
            Ok(done) => {
                let message = imported_message(&done, mode, ctx.lang.get_untracked());
                if mode == TaskImport::Replace {
                    let undo = Undo::Import { run: run.id(), imported: done };
                    ctx.toast.set(Some(Toast { message, undo: Some(undo) }));
                    Outcome::Done(String::new())
                } else {
                    Outcome::Done(message)
                }
            }
        }
    };
    // Rows read from a table: straight in when the sheet is empty, otherwise
    // the team chooses (nothing changes before that).
    let read = move |tasks: Vec<Task>| -> Outcome {
        let preview = run.with_untracked(|r, _| r.preview_tasks(&tasks));
        match preview {
            Some(preview) if preview.current > 0 => Outcome::Choose { tasks, preview },
            _ => import_as(tasks, TaskImport::Add),
        }
    };
    let take_paste = move |_| {
        let text = paste.get_untracked();
        let next = match inventory::tasks_from_table(text.as_bytes()) {
            Ok(list) => read(list),
            Err(e) => problems(e),
        };
        if matches!(next, Outcome::Done(_)) {
            paste.set(String::new());
        }
        outcome.set(Some((From::Paste, next)));
    };
    let export = move |_| {
        let csv =
            tasks.with_untracked(|list| inventory::tasks_to_csv(list.iter().map(|(_, t)| t), ctx.lang.get_untracked()));
        crate::download::download(&format!("tebiki-inventory-{}.csv", crate::time::iso_date(now())), "text/csv", &csv);
    };
    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        input.set_value("");
        let size = file.size() as usize;
        if size > tebiki::table::MAX_TABLE_BYTES {
            let e = tebiki::table::TableError::TooLarge(size);
            outcome.set(Some((From::Csv, failed(e.message(ctx.lang.get_untracked())))));
            return;
        }
        wasm_bindgen_futures::spawn_local(async move {
            let bytes = crate::net::file_bytes(&file).await;
            let next = match bytes {
                None => failed(ctx.t().import_unreadable.to_owned()),
                Some(bytes) => match inventory::tasks_from_table(&bytes) {
                    Ok(list) => read(list),
                    Err(e) => problems(e),
                },
            };
            outcome.set(Some((From::Csv, next)));
        });
    };
    let finish = move |mode: TaskImport| {
        let Some((from, Outcome::Choose { tasks, .. })) = outcome.get_untracked() else { return };
        let next = import_as(tasks, mode);
        if from == From::Paste && matches!(next, Outcome::Done(_)) {
            paste.set(String::new());
        }
        outcome.set(Some((from, next)));
    };
    let outcome_view = move |here: From| {
        move || {
            let (from, shown) = outcome.get()?;
            (from == here).then(|| match shown {
                Outcome::Done(m) if m.is_empty() => ().into_any(),
                Outcome::Done(m) => view! { <p class="ok">{m}</p> }.into_any(),
                Outcome::Problems { summary, list } => {
                    let testid = if here == From::Paste { "paste-problems" } else { "csv-problems" };
                    view! {
                        <div class="error problems" role="alert" data-testid=testid>
                            {summary.map(|s| view! { <p>{s}</p> })}
                            <ul>{list.into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}</ul>
                        </div>
                    }
                    .into_any()
                }
                Outcome::Choose { tasks, preview } => {
                    let n = tasks.len();
                    let testid = if here == From::Paste { "paste-preview" } else { "import-preview" };
                    let matching = preview.matching();
                    view! {
                        <div class="import-preview" data-testid=testid>
                            <p>{move || (t().csv_preview)(n)}" "{move || (matching > 0).then(|| (t().rows_matching)(n, matching, preview.changed))}</p>
                            <p class="actions">
                                {if matching > 0 {
                                    view! {
                                        <button type="button" on:click=move |_| finish(TaskImport::Update)>{move || t().rows_update}</button>
                                        <button type="button" class="secondary" on:click=move |_| finish(TaskImport::Add)>{move || t().rows_add_all}</button>
                                    }.into_any()
                                } else {
                                    view! { <button type="button" on:click=move |_| finish(TaskImport::Add)>{move || t().csv_append}</button> }.into_any()
                                }}
                                <button type="button" class="secondary" on:click=move |_| finish(TaskImport::Replace)>{move || t().csv_replace}</button>
                                <button type="button" class="plain" on:click=move |_| outcome.set(None)>{move || ctx.t().cancel}</button>
                            </p>
                        </div>
                    }
                    .into_any()
                }
            })
        }
    };
    let remove = move |id: String| {
        let removed = run.change(|r, _, now| r.remove_task(&id, now));
        if let Ok(task) = removed {
            let message = (t().task_removed)(&task.name);
            ctx.toast.set(Some(Toast { message, undo: Some(Undo::Task { run: run.id(), id, task }) }));
        }
    };
    let summary = Memo::new(move |_| tasks.with(|list| inventory::summarize(list.iter().map(|(_, t)| t))));
    let ranking = Memo::new(move |_| {
        tasks.with(|list| {
            let refs: Vec<&Task> = list.iter().map(|(_, t)| t).collect();
            inventory::rank(&refs)
                .into_iter()
                .take(5)
                .map(|c| (list[c.index].1.clone(), c.ruled_out(), c.reasons))
                .collect::<Vec<_>>()
        })
    });
    let pick = move |task: Task| {
        let department = if task.department.trim().is_empty() {
            run.with_playbook(|p| p.meta.department.clone())
        } else {
            task.department.clone()
        };
        let theme = tebiki::progress::Theme { task: task.name.clone(), department };
        let _ = run.change(|r, _, now| r.set_theme(Some(theme), now));
    };
    let clear_theme = move |_| {
        let _ = run.change(|r, _, now| r.set_theme(None, now));
    };
    let on_saved = Callback::new(move |_| editing.set(None));
    // Open at first when the sheet is empty; after that, the team decides.
    let start_open = tasks.with_untracked(Vec::is_empty);
    let form_section = NodeRef::<leptos::html::Details>::new();
    let edit = move |entry: (String, Task)| {
        editing.set(Some(entry));
        if let Some(details) = form_section.get_untracked() {
            details.set_open(true);
            details.scroll_into_view();
        }
    };

    view! {
        <section class="tool worksheet" aria-labelledby="worksheet-title" data-testid="worksheet">
            <h3 id="worksheet-title">{move || t().worksheet_title}</h3>
            <p class="help">{move || t().worksheet_help}</p>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="worksheet-title">
                <table class="tasks">
                    <thead>
                        <tr>
                            {move || {
                                let l = lang();
                                [Field::Name, Field::Department, Field::Kind, Field::PerMonth, Field::Minutes]
                                    .map(|f| view! { <th scope="col">{f.label(l)}</th> })
                                    .into_iter()
                                    .collect_view()
                            }}
                            <th scope="col">{move || t().hours_per_month}</th>
                            <th scope="col">{move || Field::People.label(lang())}</th>
                            <th scope="col">{move || Field::ExceptionRate.label(lang())}</th>
                            <th scope="col">{move || Field::Source.label(lang())}</th>
                            <th scope="col">{move || Field::Data.label(lang())}</th>
                            <th scope="col">{move || Field::CheckMinutes.label(lang())}</th>
                            <th scope="col" class="actions-col"><span class="visually-hidden">{move || t().actions}</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || tasks.get() key=|(id, task)| (id.clone(), format!("{task:?}")) let:entry>
                            {
                                let (id, task) = entry;
                                let single = task.single_owner();
                                let (edit_id, edit_task, remove_id) = (id.clone(), task.clone(), id.clone());
                                let name = task.name.clone();
                                let name2 = task.name.clone();
                                let row_name = task.name.clone();
                                view! {
                                    <tr class:single-owner=single data-task=row_name>
                                        <th scope="row">{task.name.clone()}
                                            {(!task.notes.is_empty()).then(|| view! { <span class="task-notes">{task.notes.clone()}</span> })}
                                        </th>
                                        <td>{task.department.clone()}</td>
                                        <td>{move || task.kind.label(lang())}</td>
                                        <td class="num">{tebiki::format_number(task.per_month)}</td>
                                        <td class="num">{tebiki::format_number(task.minutes)}</td>
                                        <td class="num">{hours(task.hours_per_month())}</td>
                                        <td class="num">
                                            {task.people.map(|p| p.to_string()).unwrap_or_default()}
                                            {single.then(|| view! { <span class="chip warn-chip">{move || t().single_owner}</span> })}
                                        </td>
                                        <td class="num">{task.exception_rate.map(tebiki::format_number).unwrap_or_default()}</td>
                                        <td>{task.source.clone()}</td>
                                        <td>
                                            {match task.data {
                                                Some(d) => view! { <span class:warn-chip=d == DataClass::Sensitive>{move || d.label(lang())}</span> }.into_any(),
                                                None => view! { <span class="muted">{move || t().data_not_said}</span> }.into_any(),
                                            }}
                                        </td>
                                        <td class="num">{task.check_minutes.map(tebiki::format_number).unwrap_or_default()}</td>
                                        <td class="row-actions">
                                            <button type="button" class="secondary small" aria-label=move || (t().edit_task)(&name)
                                                on:click=move |_| edit((edit_id.clone(), edit_task.clone()))>{move || t().edit}</button>
                                            <button type="button" class="secondary small" aria-label=move || (t().remove_task)(&name2)
                                                on:click=move |_| remove(remove_id.clone())>{move || t().remove}</button>
                                        </td>
                                    </tr>
                                }
                            }
                        </For>
                    </tbody>
                </table>
            </div>
            <Show when=move || tasks.with(Vec::is_empty)>
                <p class="empty">{move || t().worksheet_empty}</p>
            </Show>
            <details class="sheet-section" open=start_open node_ref=form_section>
                <summary>{move || if editing.with(Option::is_some) { t().edit_task_title } else { t().add_task_title }}</summary>
                {move || {
                    let current = editing.get();
                    view! { <TaskForm run editing=current on_saved /> }
                }}
            </details>
            <details class="sheet-section" open=start_open>
            <summary>{move || t().import_title}</summary>
            <div class="sheet-io">
                <div class="field">
                    <label for="paste-rows">{move || t().paste_label}</label>
                    <textarea id="paste-rows" rows="3" aria-describedby="paste-help" prop:value=move || paste.get()
                        on:input=move |ev| paste.set(event_target_value(&ev))></textarea>
                    <p id="paste-help" class="help">{move || t().paste_help}</p>
                    <p><button type="button" on:click=take_paste disabled=move || paste.with(|p| p.trim().is_empty())>{move || t().paste_add}</button></p>
                </div>
                <div role="status" aria-live="polite">{outcome_view(From::Paste)}</div>
                <div class="field">
                    <label for="csv-file">{move || t().csv_import}</label>
                    <input id="csv-file" type="file" accept=".csv,.tsv,.txt,text/csv" aria-describedby="csv-help" on:change=choose />
                    <p id="csv-help" class="help">{move || t().csv_help}</p>
                </div>
                <div role="status" aria-live="polite">{outcome_view(From::Csv)}</div>
            </div>
            </details>
            <p><button type="button" class="secondary" on:click=export disabled=move || tasks.with(Vec::is_empty) data-testid="csv-export">{move || t().csv_export}</button></p>
            <Show when=move || !tasks.with(Vec::is_empty)>
                <h4 id="summary-title">{move || t().summary_title}</h4>
                <div class="table-scroll" role="region" tabindex="0" aria-labelledby="summary-title">
                    <table class="summary">
                        <thead>
                            <tr>
                                <th scope="col">{move || Field::Kind.label(lang())}</th>
                                <th scope="col">{move || t().task_count}</th>
                                <th scope="col">{move || t().hours_per_month}</th>
                                <th scope="col">{move || t().approach}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {move || {
                                let s = summary.get();
                                let l = lang();
                                TaskKind::ALL.iter().zip(s.by_kind).map(|(kind, total)| view! {
                                    <tr>
                                        <th scope="row">{kind.label(l)}</th>
                                        <td class="num">{total.tasks}</td>
                                        <td class="num">{hours(total.hours)}</td>
                                        <td>{kind.approach(l)}</td>
                                    </tr>
                                }).collect_view()
                            }}
                        </tbody>
                        <tfoot>
                            <tr>
                                <th scope="row">{move || t().total}</th>
                                <td class="num">{move || summary.get().tasks}</td>
                                <td class="num">{move || hours(summary.get().hours)}</td>
                                <td>{move || (t().single_owner_count)(summary.get().single_owner)}</td>
                            </tr>
                        </tfoot>
                    </table>
                </div>
                <h4>{move || t().ranking_title}</h4>
                <p class="help">{move || t().ranking_help}</p>
                <ol class="ranking">
                    {move || ranking.get().into_iter().map(|(task, ruled_out, reasons)| {
                        let l = lang();
                        let label = if task.department.is_empty() { task.name.clone() } else { format!("{}（{}）", task.name, task.department) };
                        let chosen = theme.with(|th| th.as_ref().is_some_and(|th| th.task == task.name));
                        let task_for_pick = task.clone();
                        let name = task.name.clone();
                        view! {
                            <li class:chosen=chosen class:ruled-out=ruled_out>
                                <p class="candidate">{label}</p>
                                <ul class="reasons">
                                    {reasons.iter().map(|r| {
                                        let class = if r.is_for() { "for" } else { "against" };
                                        let sign = if r.is_for() { "＋" } else { "－" };
                                        view! { <li class=class><span aria-hidden="true">{sign}</span>" "{r.text(l)}</li> }
                                    }).collect_view()}
                                </ul>
                                {if chosen {
                                    view! { <p class="chip done-chip">{move || t().theme_chosen}</p> }.into_any()
                                } else {
                                    view! {
                                        <button type="button" class="secondary" aria-label=move || (t().pick_theme_for)(&name)
                                            on:click=move |_| pick(task_for_pick.clone())>{move || t().pick_theme}</button>
                                    }.into_any()
                                }}
                            </li>
                        }
                    }).collect_view()}
                </ol>
            </Show>
            <div class="theme-box" role="status" aria-live="polite" data-testid="theme">
                {move || match theme.get() {
                    Some(th) => view! {
                        <p><strong>{move || t().theme_label}</strong>" "{format!("{} / {}", th.department, th.task)}
                            " "<button type="button" class="plain" on:click=clear_theme>{move || t().theme_clear}</button></p>
                    }.into_any(),
                    None => view! { <p>{move || t().theme_none}</p> }.into_any(),
                }}
            </div>
        </section>
    }
}

/// What an import did, in a sentence.
fn imported_message(done: &ImportedTasks, mode: TaskImport, lang: Lang) -> String {
    let t = tebiki::text::texts(lang);
    let (added, updated, removed) = (done.added.len(), done.updated.len(), done.removed.len());
    match mode {
        TaskImport::Replace => (t.imported_replace)(removed, added),
        TaskImport::Update => (t.imported_update)(updated, added),
        TaskImport::Add => (t.imported_add)(added),
    }
}

/// The label of a kind in the current language, for the form's select.
pub fn kind_options(lang: Lang) -> Vec<(TaskKind, &'static str)> {
    TaskKind::ALL.iter().map(|k| (*k, k.label(lang))).collect()
}
