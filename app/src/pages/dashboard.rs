//! The dashboard: one row per run, from this browser and from a team's
//! shared folder opened with `<input type=file webkitdirectory>` (which
//! works on plain `http://` hosts). The folder is read into memory only;
//! this browser's storage changes only when the person takes it in through
//! the merge preview. Filter and order are kept in the address; the rows go
//! to CSV for Excel and print on A4 landscape.

use std::collections::HashSet;

use leptos::prelude::*;
use tebiki::dashboard::{Row, Sort, to_csv};
use tebiki::progress::{DecodeError, Folder, MAX_IMPORT_BYTES, Progress, Run, file_text, is_tebiki_file, read_folder};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::components::due::{due_with_state, state_id};
use crate::components::merge_preview::MergeView;
use crate::filter::{DashboardFilter, Shown, Source, distinct};
use crate::playbooks::Found;

/// A folder read into memory.
#[derive(Clone, PartialEq)]
struct Opened {
    /// The folder's name.
    name: String,
    /// Its tebiki files, merged, and those that could not be read.
    folder: Folder,
    /// Files that are not tebiki files.
    skipped: usize,
}

/// What the dashboard lists.
#[derive(Clone, PartialEq)]
struct Table {
    /// A row per run whose playbook is found, with where the run is.
    rows: Vec<(Row, Source)>,
    /// The playbooks not found anywhere.
    unknown: Vec<String>,
    /// The rows' departments, in first-seen order.
    departments: Vec<String>,
}

/// The folder's name: the first part of a file's path within it.
fn folder_name(file: &web_sys::File) -> String {
    let path = js_sys::Reflect::get(file, &"webkitRelativePath".into()).ok().and_then(|v| v.as_string());
    path.and_then(|p| p.split('/').next().map(str::to_owned)).filter(|n| !n.is_empty()).unwrap_or_default()
}

/// Read every tebiki file of the chosen folder; nothing is stored. The
/// files are read all at once, as bytes (not as text: that would decode
/// UTF-8 into the browser's strings only to encode it again for the wasm).
async fn read(files: Vec<web_sys::File>) -> Opened {
    let name = files.first().map(folder_name).unwrap_or_default();
    let mut problems = Vec::new();
    let mut wanted = Vec::new();
    let mut skipped = 0;
    for file in files {
        let file_name = file.name();
        let size = file.size() as usize;
        if !is_tebiki_file(&file_name) {
            skipped += 1;
        } else if size > MAX_IMPORT_BYTES {
            problems.push((file_name, DecodeError::TooLarge(size)));
        } else {
            wanted.push((file_name, file));
        }
    }
    let reads: js_sys::Array = wanted.iter().map(|(_, f)| wasm_bindgen::JsValue::from(f.array_buffer())).collect();
    let settled = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::all_settled(&reads)).await;
    let settled = settled.ok().map(|s| js_sys::Array::from(&s)).unwrap_or_default();
    let mut texts: Vec<(String, String)> = Vec::with_capacity(wanted.len());
    for (i, (file_name, _)) in wanted.into_iter().enumerate() {
        let value = js_sys::Reflect::get(&settled.get(i as u32), &"value".into()).ok();
        match value.filter(|v| v.is_instance_of::<js_sys::ArrayBuffer>()) {
            Some(buffer) => match file_text(js_sys::Uint8Array::new(&buffer).to_vec()) {
                Ok(text) => texts.push((file_name, text)),
                Err(e) => problems.push((file_name, e)),
            },
            None => problems.push((file_name, DecodeError::NotAnExport)),
        }
    }
    let mut folder = read_folder(texts.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    folder.problems.extend(problems);
    Opened { name, folder, skipped }
}

/// This browser's runs with the folder's merged in (in memory), each with
/// where it is.
fn combined(here: &Progress, opened: Option<&Opened>) -> Vec<(Run, Source)> {
    let mine: HashSet<&str> = here.live_runs().map(|r| r.id.as_str()).collect();
    let Some(opened) = opened else { return here.live_runs().map(|r| (r.clone(), Source::Here)).collect() };
    let theirs: HashSet<&str> = opened.folder.export.progress.live_runs().map(|r| r.id.as_str()).collect();
    // Merged only where there is something to merge (the folder alone is
    // already merged).
    let all = if mine.is_empty() {
        opened.folder.export.progress.clone()
    } else {
        let mut all = here.clone();
        all.merge(opened.folder.export.progress.clone());
        all
    };
    all.live_runs()
        .map(|r| {
            let source = match (mine.contains(r.id.as_str()), theirs.contains(r.id.as_str())) {
                (true, true) => Source::Both,
                (true, false) => Source::Here,
                _ => Source::Folder,
            };
            (r.clone(), source)
        })
        .collect()
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    Effect::new(move |_| crate::set_title(ctx, t().dash_title));
    let nav = ctx.nav;
    let filter = Memo::new(move |_| nav.route.with(DashboardFilter::from_route));
    let update = move |change: &dyn Fn(&mut DashboardFilter)| {
        let mut next = filter.get_untracked();
        change(&mut next);
        nav.replace(&format!("{}{}", nav.href(&crate::route::Page::Dashboard), next.to_query()));
    };

    let opened = RwSignal::new(None::<Opened>);
    let reading = RwSignal::new(None::<usize>);
    let taking_in = RwSignal::new(false);
    let taken = RwSignal::new(None::<usize>);
    let runs = Memo::new(move |_| ctx.store.with(|here| opened.with(|o| combined(here, o.as_ref()))));
    let ids = Memo::new(move |_| {
        let mut ids: Vec<String> = runs.with(|r| r.iter().map(|(run, _)| run.playbook.clone()).collect());
        ids.sort();
        ids.dedup();
        ids
    });
    let playbooks = LocalResource::new(move || {
        let ids = ids.get();
        let carried = opened.with(|o| o.as_ref().map(|o| o.folder.export.playbooks.clone()).unwrap_or_default());
        async move {
            let source = move |id: &str| carried.iter().find(|p| p.id == id).map(|p| p.source.clone());
            crate::playbooks::find(ctx, ids, source).await
        }
    });
    // Every run whose playbook is found, as a row, with where it is; the
    // runs whose playbook is not; the departments to filter by.
    let table = Memo::new(move |_| {
        // Dates as they stand today on this device's clock.
        let (today, offset) = (crate::time::today(), crate::time::offset_minutes());
        playbooks.with(|found| {
            let found: &Found = found.as_ref()?;
            let rows: Vec<(Row, Source)> = runs.with(|runs| {
                runs.iter()
                    .filter_map(|(run, source)| {
                        found.get(&run.playbook).map(|p| (Row::new(run, p, today, offset), *source))
                    })
                    .collect()
            });
            let departments = distinct(rows.iter().map(|(row, _)| row.department.as_str()));
            Some(Table { rows, unknown: found.missing(), departments })
        })
    });
    let shown = Memo::new(move |_| {
        let f = filter.get();
        let mut shown: Vec<(Row, Source)> = table.with(|t| {
            t.iter()
                .flat_map(|t| &t.rows)
                .filter(|(row, source)| f.matches(&row.department, *source))
                .cloned()
                .collect()
        });
        f.sort.apply(&mut shown, |(row, _)| row);
        shown
    });

    let choose = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(list) = input.files() else { return };
        let files: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        if files.is_empty() {
            return;
        }
        reading.set(Some(files.len()));
        taking_in.set(false);
        taken.set(None);
        wasm_bindgen_futures::spawn_local(async move {
            let folder = read(files).await;
            opened.set(Some(folder));
            reading.set(None);
        });
    };
    let close = move |_| {
        opened.set(None);
        taking_in.set(false);
    };
    let download_csv = move |_| {
        let lang = ctx.lang.get_untracked();
        let tt = tebiki::text::texts(lang);
        let csv = playbooks.with_untracked(|found| {
            let found = found.as_ref()?;
            Some(shown.with_untracked(|rows| {
                to_csv(
                    rows.iter()
                        .filter_map(|(row, source)| found.get(&row.playbook).map(|p| (row, p, source.label(tt)))),
                    tt,
                    crate::time::offset_minutes(),
                )
            }))
        });
        let Some(csv) = csv else { return };
        let name = format!("tebiki-dashboard-{}.csv", crate::time::iso_date(crate::time::now()));
        crate::download::download(&name, "text/csv;charset=utf-8", &csv);
    };
    let print = move |_| {
        let _ = window().print();
    };
    let option = move |value: String| {
        let (attribute, selected) = (value.clone(), value.clone());
        view! { <option value=attribute selected=move || filter.with(|f| f.department == selected)>{value}</option> }
    };
    let now = crate::time::now();

    view! {
        <main class="page dashboard" id="main">
            <h1>{move || t().dash_title}</h1>
            <p class="lead no-print">{move || t().dash_lead}</p>
            <p class="as-of">{move || (t().dash_as_of)(&crate::time::date_time(now, ctx.lang.get()))}</p>

            <section class="folder no-print" aria-labelledby="dash-folder-label">
                <div class="field">
                    <label id="dash-folder-label" for="dash-folder" class="button-like">{move || t().dash_folder_label}</label>
                    <input id="dash-folder" type="file" prop:webkitdirectory=true multiple=true
                        aria-describedby="dash-folder-help" on:change=choose data-testid="open-folder" />
                    <p id="dash-folder-help" class="help">{move || t().dash_folder_help}</p>
                </div>
                <div role="status" aria-live="polite">
                    {move || reading.get().map(|n| view! { <p>{(t().dash_reading)(n)}</p> })}
                    {move || opened.with(|o| o.as_ref().map(|o| {
                        let runs = o.folder.export.progress.live_runs().count();
                        let read = (t().dash_folder_read)(&o.name, o.folder.read(), runs);
                        let empty = o.folder.read() == 0 && o.folder.problems.is_empty();
                        let problems: Vec<String> = o.folder.problems.iter()
                            .map(|(name, e)| format!("{name}: {}", e.message(ctx.lang.get())))
                            .collect();
                        let skipped = o.skipped;
                        view! {
                            <div class="folder-state" data-testid="folder-state">
                                <p><strong>{read}</strong></p>
                                {empty.then(|| view! { <p class="warn-text">{t().dash_folder_empty}</p> })}
                                {(!problems.is_empty()).then(|| view! {
                                    <div class="error" data-testid="folder-problems">
                                        <p>{t().dash_folder_problems}</p>
                                        <ul>{problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
                                    </div>
                                })}
                                {(skipped > 0).then(|| view! { <p class="help">{(t().dash_folder_skipped)(skipped)}</p> })}
                            </div>
                        }
                    }))}
                    {move || taken.get().map(|n| view! { <p class="ok" data-testid="merge-done">{(t().merge_done)(n)}</p> })}
                </div>
                <Show when=move || opened.with(|o| o.as_ref().is_some_and(|o| o.folder.read() > 0))>
                    <p class="folder-actions">
                        <button type="button" on:click=move |_| taking_in.update(|v| *v = !*v)
                            aria-expanded=move || taking_in.get().to_string() data-testid="take-in-folder">
                            {move || t().dash_take_in}
                        </button>
                        " "
                        <button type="button" class="secondary" on:click=close>{move || t().dash_folder_close}</button>
                    </p>
                    <p class="help">{move || t().dash_take_in_help}</p>
                </Show>
                {move || (taking_in.get()).then(|| opened.get_untracked()).flatten().map(|o| {
                    let export = StoredValue::new(o.folder.export);
                    let done = Callback::new(move |n| {
                        taking_in.set(false);
                        taken.set(Some(n));
                    });
                    view! { <div class="preview"><MergeView export file=o.name done /></div> }
                })}
            </section>

            <form class="filters no-print" aria-label=move || t().filters_label on:submit=|ev| ev.prevent_default()>
                <div class="field">
                    <label for="dash-dept">{move || t().dash_filter_department}</label>
                    <select id="dash-dept" on:change=move |ev| {
                        let d = event_target_value(&ev);
                        update(&move |f| f.department = d.clone());
                    }>
                        <option value="" selected=move || filter.with(|f| f.department.is_empty())>{move || t().all_departments}</option>
                        {move || table.with(|t| t.as_ref().map(|t| t.departments.clone()).unwrap_or_default()).into_iter().map(option).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dash-from">{move || t().dash_filter_source}</label>
                    <select id="dash-from" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        let shown = Shown::ALL.iter().find(|(_, k)| *k == value).map_or(Shown::All, |(s, _)| *s);
                        update(&move |f| f.shown = shown);
                    }>
                        {Shown::ALL.into_iter().map(|(shown, key)| {
                            let label = move || match shown {
                                Shown::All => t().dash_all_sources,
                                Shown::Here => t().dash_source_here,
                                Shown::Folder => t().dash_source_folder,
                            };
                            view! { <option value=key selected=move || filter.with(|f| f.shown == shown)>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="dash-sort">{move || t().dash_sort_label}</label>
                    <select id="dash-sort" on:change=move |ev| {
                        let sort = Sort::from_key(&event_target_value(&ev)).unwrap_or_default();
                        update(&move |f| f.sort = sort);
                    }>
                        {Sort::ALL.into_iter().map(|sort| view! {
                            <option value=sort.key() selected=move || filter.with(|f| f.sort == sort)>{move || sort.label(t())}</option>
                        }).collect_view()}
                    </select>
                </div>
            </form>

            {move || {
                let missing = table.with(|t| t.as_ref().map(|t| t.unknown.clone()).unwrap_or_default());
                (!missing.is_empty()).then(|| view! {
                    <p class="warn-text" data-testid="dash-unknown">{(t().dash_unknown_playbooks)(&missing.join("、"))}</p>
                })
            }}

            {move || match table.with(|t| t.as_ref().map(|t| t.rows.len())) {
                None => view! { <p>{move || t().loading}</p> }.into_any(),
                Some(0) => view! { <p class="empty" data-testid="dash-empty">{move || t().dash_empty}</p> }.into_any(),
                Some(all) => view! {
                    <div class="dash-tools no-print">
                        <p class="count" role="status" aria-live="polite">{move || (t().dash_count)(shown.with(Vec::len), all)}</p>
                        <button type="button" class="secondary" on:click=download_csv data-testid="dash-csv">{move || t().dash_csv}</button>
                        <button type="button" class="secondary" on:click=print>{move || t().dash_print}</button>
                    </div>
                    <Show when=move || shown.with(Vec::is_empty)>
                        <p class="empty">{move || t().dash_no_match}</p>
                    </Show>
                    <Show when=move || !shown.with(Vec::is_empty)>
                        <DashboardTable shown playbooks />
                    </Show>
                }.into_any(),
            }}
        </main>
    }
}

/// The rows as a table (one block per run on a narrow screen).
#[component]
fn DashboardTable(shown: Memo<Vec<(Row, Source)>>, playbooks: LocalResource<Found>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let base = ctx.nav.pages();
    view! {
        <table class="dash" data-testid="dashboard">
            <thead>
                <tr>
                    <th scope="col">{move || t().dash_headings[0]}</th>
                    <th scope="col">{move || t().dash_col_run}</th>
                    <th scope="col">{move || t().dash_col_phase}</th>
                    <th scope="col">{move || t().dash_col_progress}</th>
                    <th scope="col">{move || t().dash_col_next}</th>
                    <th scope="col">{move || t().dash_col_gates}</th>
                    <th scope="col">{move || t().dash_col_metric}</th>
                    <th scope="col">{move || t().dash_col_last}</th>
                    <th scope="col">{move || t().dash_col_source}</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let tt = t();
                    let lang = ctx.lang.get();
                    // What each row's gates wait for, in words (the playbook names them).
                    let gates: Vec<Vec<String>> = playbooks.with(|found| {
                        shown.with(|rows| {
                            rows.iter()
                                .map(|(row, _)| {
                                    let playbook = found.as_ref().and_then(|f| f.get(&row.playbook));
                                    playbook.map(|p| row.gate_texts(p, tt)).unwrap_or_default()
                                })
                                .collect()
                        })
                    });
                    shown.get().into_iter().zip(gates).map(|((row, source), gates)| {
                        let page = ctx.playbook_page(&row.playbook);
                        let name = if source == Source::Folder {
                            view! { <span class="run-name">{row.name.clone()}</span> }.into_any()
                        } else {
                            let view = crate::route::RunView { run: row.run.clone(), ..Default::default() };
                            view! { <a class="run-name" href=view.href(&base, &page)>{row.name.clone()}</a> }.into_any()
                        };
                        let gates = if gates.is_empty() {
                            view! { <span class="ok">{tt.dash_all_gates_met}</span> }.into_any()
                        } else {
                            view! { <ul class="gates">{gates.into_iter().map(|g| view! { <li>{g}</li> }).collect_view()}</ul> }.into_any()
                        };
                        let metric = row.metric.as_ref().map(|m| format!("{}：{}", m.name, m.describe(tt)));
                        let percent = row.tally.percent();
                        view! {
                            <tr data-testid="dash-row" data-run=row.run.clone()>
                                <td data-label=tt.dash_headings[0]>{row.department.clone()}</td>
                                <th scope="row" data-label=tt.dash_col_run>
                                    {name}
                                    <span class="meta">{row.title.clone()}</span>
                                </th>
                                <td data-label=tt.dash_col_phase>{row.phase_text(tt)}</td>
                                <td data-label=tt.dash_col_progress class="num">
                                    {format!("{percent}%")}
                                    <span class="meta">{format!(" {}/{}", row.tally.done, row.tally.total)}</span>

                                </td>
                                <td data-label=tt.dash_col_next>
                                    {row.next.as_ref().map(|(_, title)| title.clone())}
                                    {row.next_owner.as_ref().map(|(_, people)| view! {
                                        <span class="by" class:unassigned=people.is_none() data-testid="next-owner">
                                            {format!("{}：{}", tt.responsible, row.next_owner_text(tt))}
                                        </span>
                                    })}
                                    {row.next_due.map(|(day, state)| view! {
                                        <span class="by next-due" data-testid="next-due" data-state=state_id(state)>
                                            {due_with_state(day, state, tt, lang)}
                                        </span>
                                    })}
                                    {row.alerts.filter(|a| *a != (0, 0)).map(|(overdue, soon)| view! {
                                        <span class="by alerts" class:overdue={overdue > 0} data-testid="dash-alerts">
                                            {(tt.schedule_alerts)(overdue, soon)}
                                        </span>
                                    })}
                                </td>
                                <td data-label=tt.dash_col_gates>{gates}</td>
                                <td data-label=tt.dash_col_metric>{metric}</td>
                                <td data-label=tt.dash_col_last>
                                    {crate::time::date_time(row.last.0, lang)}
                                    <span class="by">{row.last_by(tt)}</span>
                                </td>
                                <td data-label=tt.dash_col_source>{source.label(tt)}</td>
                            </tr>
                        }.into_any()
                    }).collect_view()
                }}
            </tbody>
        </table>
    }
}
