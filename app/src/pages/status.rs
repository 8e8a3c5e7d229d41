//! A run's status from a link (`status/#s=…`): the snapshot in the
//! fragment, shown read-only. Nothing here reads or writes this browser's
//! runs; the text in the link is untrusted and only ever shown as text.

use leptos::prelude::*;
use tebiki::dashboard::MetricChange;
use tebiki::format_number;
use tebiki::progress::Tally;
use tebiki::snapshot::{LinkError, Snapshot, Waiting};
use tebiki::text::Texts;

use crate::Ctx;
use crate::components::due::{due_with_state, state_id};
use crate::components::progress_bar::ProgressBar;
use crate::route::Page;

/// The fragment of the address now.
fn fragment() -> String {
    window().location().hash().unwrap_or_default()
}

/// What a link's problem means for the reader.
fn problem(error: &LinkError, t: &Texts) -> String {
    match error {
        LinkError::Missing => t.status_error_missing.to_owned(),
        LinkError::Newer(v) => (t.status_error_newer)(*v),
        LinkError::TooLarge(n) => (t.status_error_too_large)(*n),
        LinkError::Truncated => t.status_error_truncated.to_owned(),
        LinkError::Damaged => t.status_error_damaged.to_owned(),
    }
}

/// What a gate waits for, in words.
fn waiting(w: &Waiting, t: &Texts) -> String {
    match w {
        Waiting::Prerequisite => t.missing_prerequisite.to_owned(),
        Waiting::Baseline(name) => (t.missing_baseline)(name),
        Waiting::Baselines(n) => (t.dash_missing_baselines)(*n as usize),
        Waiting::Approval(role) => (t.missing_signature)(role),
    }
}

#[component]
pub fn StatusPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    // The prerendered page only says that the script is needed.
    let _ = ctx.take_prerendered();
    let hash = RwSignal::new(fragment());
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| hash.set(fragment()));
    let snapshot = Memo::new(move |_| hash.with(|h| Snapshot::decode(h)));
    Effect::new(move |_| crate::set_title(ctx, t().status_title));
    view! {
        <main class="page status" id="main">
            {move || {
                ctx.lang.track();
                snapshot.get()
            }.map_or_else(
                |e| view! {
                    <h1>{t().status_error_title}</h1>
                    <p class="error" role="alert" data-testid="status-error">{problem(&e, t())}</p>
                    <p class="help">{t().status_error_hint}</p>
                    <p><a href=ctx.nav.href(&Page::Catalog)>{t().back_to_catalog}</a></p>
                }.into_any(),
                |s| view! { <StatusView snapshot=s /> }.into_any(),
            )}
        </main>
    }
}

#[component]
fn StatusView(snapshot: Snapshot) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = ctx.t();
    let lang = ctx.lang.get_untracked();
    let s = snapshot;
    let by = if s.by.is_unnamed() { t.who_unnamed.to_owned() } else { s.by.name.clone() };
    let banner = (t.status_banner)(&crate::time::date_time(s.at, lang), &by);
    let (done, total) = s.tally();
    let overall = Tally { done: done as usize, total: total as usize };
    let playbook_line = format!("{}（{}）・{}", s.title, (t.version)(s.version), s.department);
    let playbook_link = (!s.local).then(|| ctx.nav.href(&Page::Playbook { id: s.playbook.clone() }));
    let value = |v: Option<f64>, unit: &str| {
        v.map_or_else(|| "—".to_owned(), |v| format!("{} {unit}", format_number(v)).trim_end().to_owned())
    };
    view! {
        <p class="snapshot-banner" data-testid="status-banner">{banner}</p>
        {(!s.by.role.is_empty()).then(|| view! { <p class="help">{(t.status_by_role)(&s.by.role)}</p> })}
        <p class="help">{t.status_read_only}</p>
        <h1 data-testid="status-run">{s.run.clone()}</h1>
        <p class="lead" data-testid="status-playbook">{playbook_line}</p>
        {match playbook_link {
            Some(href) => view! { <p><a href=href>{t.status_open_playbook}</a></p> }.into_any(),
            None => view! { <p class="help">{t.status_local}</p> }.into_any(),
        }}
        {s.summarised.then(|| view! { <p class="notice" data-testid="status-summarised">{t.status_summarised}</p> })}
        <section aria-labelledby="status-progress">
            <h2 id="status-progress">{t.status_phases}</h2>
            <div data-testid="status-overall"><ProgressBar label=t.overall.to_owned() tally=overall /></div>
            <ul class="status-phases" data-testid="status-phases">
                {s.phases.iter().map(|p| {
                    let tally = Tally { done: p.done as usize, total: p.total as usize };
                    view! { <li><ProgressBar label=p.title.clone() tally /></li> }
                }).collect_view()}
            </ul>
            <p data-testid="status-next"><strong>{t.dash_col_next}</strong>{"："}
                {s.next.clone().unwrap_or_else(|| t.dash_finished.to_owned())}</p>
            {s.next_due.map(|(day, state)| view! {
                <p class="next-due" data-testid="status-next-due" data-state=state_id(state)>
                    {due_with_state(day, state, t, lang)}
                </p>
            })}
            {s.alerts.filter(|a| *a != (0, 0)).map(|(overdue, soon)| view! {
                <p class="due-alerts" class:overdue={overdue > 0} data-testid="status-alerts">
                    {(t.schedule_alerts)(overdue as usize, soon as usize)}
                </p>
            })}
        </section>
        {(!s.answers.is_empty() || s.more_answers > 0).then(|| view! {
            <section aria-labelledby="status-answers">
                <h2 id="status-answers">{t.answers_title}</h2>
                <ul data-testid="status-answer-list">
                    {s.answers.iter().map(|(question, answer)| view! {
                        <li>{format!("{question}：{}", answer.as_deref().unwrap_or(t.unanswered))}</li>
                    }).collect_view()}
                    {(s.more_answers > 0).then(|| view! { <li>{(t.status_more)(s.more_answers)}</li> })}
                </ul>
            </section>
        })}
        <section aria-labelledby="status-gates">
            <h2 id="status-gates">{t.status_gates}</h2>
            {if s.gates.is_empty() && s.more_gates == 0 {
                view! { <p>{t.dash_all_gates_met}</p> }.into_any()
            } else {
                view! {
                    <ul data-testid="status-gate-list">
                        {s.gates.iter().map(|g| {
                            let mut words: Vec<String> = g.waiting.iter().map(|w| waiting(w, t)).collect();
                            if g.more > 0 { words.push((t.status_more)(g.more)); }
                            view! { <li>{(t.dash_gate_waits)(&t.gate(&g.gate), &words.join(t.list_separator))}</li> }
                        }).collect_view()}
                        {(s.more_gates > 0).then(|| view! { <li>{(t.status_more)(s.more_gates)}</li> })}
                    </ul>
                }.into_any()
            }}
        </section>
        <section aria-labelledby="status-metrics">
            <h2 id="status-metrics">{t.metrics}</h2>
            {if s.metrics.is_empty() && s.more_metrics == 0 {
                view! { <p>{t.status_no_metrics}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="status-metrics">
                        <table class="status-metrics" data-testid="status-metrics">
                            <thead><tr>
                                <th scope="col">{t.metrics}</th><th scope="col">{t.status_change}</th>
                                <th scope="col">{t.target}</th><th scope="col">{t.status_verdict}</th>
                            </tr></thead>
                            <tbody>
                                {s.metrics.iter().map(|m| {
                                    let change = MetricChange { id: String::new(), name: m.name.clone(), unit: m.unit.clone(), start: m.start, latest: m.latest };
                                    let verdict = match (m.reached(), m.start.zip(m.latest).map(|(a, b)| m.direction.improves(a, b))) {
                                        (Some(true), _) => t.reached,
                                        (_, Some(true)) => t.improved,
                                        (_, Some(false)) => t.not_improved,
                                        _ => t.not_measured,
                                    };
                                    view! { <tr>
                                        <th scope="row" data-label=t.metrics>{m.name.clone()}</th>
                                        <td data-label=t.status_change>{change.describe(t)}</td>
                                        <td data-label=t.target>{value(m.target, &m.unit)}</td>
                                        <td data-label=t.status_verdict>{verdict}</td>
                                    </tr> }
                                }).collect_view()}
                                {(s.more_metrics > 0).then(|| view! { <tr><td colspan="4">{(t.status_more)(s.more_metrics)}</td></tr> })}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
}
