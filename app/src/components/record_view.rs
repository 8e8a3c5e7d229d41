//! The success record of a run, as a printable A4 page and a markdown file:
//! scope, exceptions met, approvals (with empty boxes to sign on paper),
//! metrics before and after with charts, ROI beside them, the inventory
//! summary and the notes. Below it, the clone for the next department.

use leptos::prelude::*;
use tebiki::format_number;
use tebiki::inventory::{TaskKind, round1};
use tebiki::progress::Prerequisite;
use tebiki::record::Record;

use crate::Ctx;
use crate::components::clone_form::CloneForm;
use crate::components::decision::DecisionBlock;
use crate::components::metric_chart::MetricChart;
use crate::components::roi_panel::RoiPanel;
use crate::components::status_link::StatusQr;
use crate::handle::RunHandle;
use crate::time::now;

#[component]
pub fn RecordView(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let download = move |_| {
        let today = crate::time::iso_date(now());
        let file = run.with_untracked(|r, p| {
            let md = Record::new(p, r).to_markdown_at(ctx.lang.get_untracked(), &today, crate::time::offset_minutes());
            (format!("{}-{}-record-{today}.md", p.meta.id, r.id), md)
        });
        if let Some((name, md)) = file {
            crate::download::download(&name, "text/markdown", &md);
        }
    };
    let (playbook, source) = (run.playbook(), run.source());
    let print = move |_| {
        let _ = window().print();
    };
    view! {
        <section class="record" aria-labelledby="record-title" data-testid="record">
            <h2 id="record-title">{move || t().record_title}</h2>
            <p class="help no-print">{move || t().record_lead}</p>
            <p class="actions no-print">
                <button type="button" on:click=print data-testid="print-record">{move || t().print_record}</button>
                <button type="button" class="secondary" on:click=download data-testid="download-record">{move || t().download_record}</button>
            </p>
            {move || run.get().map(|r| playbook.with_value(|p| {
                let rec = Record::new(p, &r);
                let lang = ctx.lang.get();
                let tx = ctx.t();
                let theme = rec.theme.map_or_else(|| p.meta.theme.clone(), |th| format!("{} / {}", th.department, th.task));
                view! {
                    <dl class="record-meta">
                        <dt>{t().playbook_label}</dt><dd>{format!("{}（{}）", p.meta.title, (tx.version)(p.meta.version))}</dd>
                        <dt>{tx.department_label}</dt><dd>{p.meta.department.clone()}</dd>
                        <dt>{t().theme_label}</dt><dd data-testid="record-theme">{theme}</dd>
                        {rec.prerequisite.map(|(_, how)| {
                            let text = match how {
                                None => t().prereq_not_confirmed.to_owned(),
                                Some(Prerequisite::Run { name, date, .. }) => (t().prereq_met_here)(name, &crate::time::entered_date(date, lang)),
                                Some(Prerequisite::Elsewhere { by, date, reference }) => (t().prereq_met_elsewhere)(by, &crate::time::entered_date(date, lang), reference),
                            };
                            view! { <dt>{t().prereq_title}</dt><dd data-testid="record-prerequisite">{text}</dd> }
                        })}
                        <dt>{tx.overall}</dt><dd>{(tx.done_of)(rec.done, rec.total, tebiki::progress::Tally { done: rec.done, total: rec.total }.percent())}</dd>
                        <dt>{t().made_on}</dt><dd>{crate::time::date(now(), lang)}</dd>
                    </dl>
                    <h3>{tx.scope}</h3>
                    <ul>{p.conditions.scope.iter().map(|s| view! { <li>{s.clone()}</li> }).collect_view()}</ul>
                    <h3>{tx.exceptions}</h3>
                    <ul>{p.conditions.exceptions.iter().map(|e| view! { <li>{format!("{}：{}", e.work, e.reason)}</li> }).collect_view()}</ul>
                    {(!rec.answers.is_empty()).then(|| view! {
                        <h4>{t().answers_title}</h4>
                        <ul data-testid="record-answers">{rec.answers.iter().map(|(question, answer)| view! {
                            <li>{format!("{question}：{}", answer.unwrap_or(t().unanswered))}</li>
                        }).collect_view()}</ul>
                    })}
                    <h4>{t().exceptions_met}</h4>
                    {if rec.exceptions_met.is_empty() {
                        view! { <p>{t().none}</p> }.into_any()
                    } else {
                        view! { <ul data-testid="record-exceptions-met">{rec.exceptions_met.iter().map(|e| {
                            let what = e.item.map_or_else(|| e.step.to_owned(), |i| format!("{} / {}", e.step, i));
                            view! { <li>{format!("{what}：{}", e.reason.text(t()))}</li> }
                        }).collect_view()}</ul> }.into_any()
                    }}
                    <h3 id="record-approvals">{t().approvals_title}</h3>
                    <div class="table-scroll" role="region" tabindex="0" aria-labelledby="record-approvals">
                        <table class="record-approvals">
                            <thead><tr>
                                <th scope="col">{t().gate_col}</th><th scope="col">{tx.approvers}</th><th scope="col">{t().signer_entered}</th>
                                <th scope="col">{t().date}</th><th scope="col">{tx.version_label}</th>
                            </tr></thead>
                            <tbody>
                                {rec.approvals.iter().map(|a| {
                                    let gate = tx.gate(a.gate);
                                    match a.signed {
                                        Some(s) => {
                                            let mut v = (tx.version)(s.version);
                                            if s.version != p.meta.version { v = format!("{v} {}", (t().signed_on_older)(s.version)); }
                                            view! { <tr class="signed-row">
                                                <td data-label=t().gate_col>{gate}</td>
                                                <td data-label=tx.approvers>{a.role.to_owned()}</td>
                                                <td data-label=t().signer_entered>{s.name.clone()}</td>
                                                <td class="date" data-label=t().date>{crate::time::entered_date(&s.date, lang)}</td>
                                                <td class="version" data-label=tx.version_label>{v}</td>
                                            </tr>
                                            // The comment on its own line: whole on paper, never squeezed into a column.
                                            {(!s.comment.is_empty()).then(|| view! {
                                                <tr class="comment-row"><td colspan="5" data-label=t().comment>{s.comment.clone()}</td></tr>
                                            })} }.into_any()
                                        }
                                        None => view! {
                                            <tr class="unsigned-row"><td data-label=t().gate_col>{gate}</td><td data-label=tx.approvers>{a.role.to_owned()}</td>
                                                <td colspan="3"><span class="stamp-box" aria-label=t().approval_box>{t().approval_box}</span><span class="unsigned">{t().not_signed}</span></td></tr>
                                        }.into_any(),
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                    {(!rec.owners.is_empty()).then(|| view! {
                    <h3 id="record-owners">{tx.owners_title}</h3>
                    <table class="record-owners" aria-labelledby="record-owners" data-testid="record-owners">
                        <thead><tr><th scope="col">{tx.responsible}</th><th scope="col">{tx.owners_col}</th></tr></thead>
                        <tbody>
                            {rec.owners.iter().map(|(role, people)| view! {
                                <tr>
                                    <td>{role.to_string()}</td>
                                    <td class:unassigned=people.is_none()>{people.map_or_else(|| tx.unassigned.to_owned(), str::to_owned)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    })}
                    {(!rec.returns.is_empty()).then(|| {
                        let lang = ctx.lang.get_untracked();
                        view! {
                        <h3 id="record-returns">{tx.returns_title}</h3>
                        <div class="table-scroll">
                        <table class="record-returns" aria-labelledby="record-returns" data-testid="record-returns">
                            <thead><tr>{tx.returns_cols.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rec.returns.iter().map(|r| view! {
                                    <tr>
                                        <td>{crate::time::date_time(r.at, lang)}</td>
                                        <td>{r.step.to_owned()}</td>
                                        <td>{r.reason.to_owned()}</td>
                                        <td>{r.reopened.join("、")}</td>
                                        <td>{r.by.shown(tx)}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }})}
                    {(!rec.evidence.is_empty()).then(|| view! {
                        <h3 id="record-evidence">{tx.evidence_title}</h3>
                        <div class="table-scroll">
                        <table class="record-evidence" aria-labelledby="record-evidence" data-testid="record-evidence">
                            <thead><tr>{tx.evidence_cols.iter().map(|c| view! { <th scope="col">{*c}</th> }).collect_view()}</tr></thead>
                            <tbody>
                                {rec.evidence.iter().map(|(title, e)| {
                                    let target = e.target.clone();
                                    let place = match e.place() {
                                        Some(tebiki::progress::Place::Web) => {
                                            let href = target.clone();
                                            view! { <a href=href rel="noopener noreferrer" target="_blank">{target}</a> }.into_any()
                                        }
                                        _ => view! { <code>{target}</code> }.into_any(),
                                    };
                                    view! { <tr><td>{title.to_string()}</td><td>{e.label.clone()}</td><td>{place}</td></tr> }
                                }).collect_view()}
                            </tbody>
                        </table>
                        </div>
                    })}
                    {p.steps().filter_map(|s| match (&s.kind, &s.decision) {
                        (tebiki::StepKind::Approval { gate, .. }, Some(_)) => Some((s.id.clone(), tx.gate(gate))),
                        _ => None,
                    }).map(|(step, gate)| view! {
                        <h3>{format!("{}：{gate}", t().decision_title)}</h3>
                        <DecisionBlock run step />
                    }).collect_view()}
                    <h3>{tx.metrics}</h3>
                    <div class="record-metrics">
                        {rec.metrics.iter().map(|m| {
                            let values = r.series(m.metric, crate::time::offset_minutes());
                            let num = |v: Option<f64>| v.map_or_else(|| "—".to_owned(), |v| format!("{} {}", format_number(v), m.metric.unit));
                            let verdict = match (m.reached, m.improved) {
                                (Some(true), _) => t().reached,
                                (_, Some(true)) => t().improved,
                                (_, Some(false)) => t().not_improved,
                                _ => t().not_measured,
                            };
                            let start = match (m.baseline, m.metric.from_pilot.is_some()) {
                                (None, true) => tx.from_pilot.to_owned(),
                                (b, _) => num(b),
                            };
                            let target = m.target.map_or_else(|| m.metric.target.describe(&m.metric.unit, tx), |v| num(Some(v)));
                            let label = (t().chart_label)(&m.metric.name, &start, &target, &num(m.latest));
                            view! {
                                <figure class="record-metric">
                                    <figcaption><strong>{m.metric.name.clone()}</strong>
                                        {format!("　{}：{start}　{}：{target}　{}：{}　", tx.baseline, tx.target, t().latest, num(m.latest))}
                                        <span class="verdict">{verdict}</span></figcaption>
                                    <MetricChart label baseline=m.baseline target=m.target values baseline_label=tx.baseline.to_owned() target_label=tx.target.to_owned() />
                                </figure>
                            }
                        }).collect_view()}
                    </div>
                    {(!rec.orphaned_metrics.is_empty()).then(|| view! {
                        <h4>{t().orphaned_metrics}</h4>
                        <ul class="orphaned-metrics" data-testid="orphaned-metrics">
                            {rec.orphaned_metrics.iter().map(|(id, baseline, values)| {
                                let mut parts: Vec<String> = baseline.map(|b| format!("{}：{}", tx.baseline, format_number(b))).into_iter().collect();
                                parts.extend(values.iter().map(|m| format!("{}：{}", crate::time::entered_date(&m.date, lang), format_number(m.value))));
                                view! { <li>{format!("{id}：{}", parts.join("、"))}</li> }
                            }).collect_view()}
                        </ul>
                    })}
                    <RoiPanel run />
                    <h3>{t().inventory_summary}</h3>
                    <ul class="record-inventory">
                        <li>{(t().inventory_totals)(rec.inventory.tasks, &round1(rec.inventory.hours))}</li>
                        {TaskKind::ALL.iter().zip(rec.inventory.by_kind).map(|(k, total)| view! {
                            <li>{format!("{}：{} / {} h", k.label(lang), total.tasks, round1(total.hours))}</li>
                        }).collect_view()}
                        <li>{(t().single_owner_count)(rec.inventory.single_owner)}</li>
                    </ul>
                    <h3>{t().notes_title}</h3>
                    {if rec.notes.is_empty() {
                        view! { <p>{t().none}</p> }.into_any()
                    } else {
                        rec.notes.iter().map(|n| view! {
                            <div class="record-note"><h4>{n.step.to_owned()}</h4><p class="note-text">{n.text.to_owned()}</p></div>
                        }).collect_view().into_any()
                    }}
                    {
                        let (latest, all) = rec.latest_changes(tebiki::record::LATEST_CHANGES);
                        (all > 0).then(|| view! {
                            <h3>{t().history_title}</h3>
                            <p>{(t().history_latest)(latest.len(), all)}</p>
                            <ul class="record-history" data-testid="record-history">
                                {latest.into_iter().map(|e| {
                                    let step = e.step_in(p).map(|s| format!("（{}）", s.title)).unwrap_or_default();
                                    view! { <li>{format!("{} {}：{}{step}", crate::time::date_time(e.at, lang), e.who(tx), e.describe(p, tx))}</li> }
                                }).collect_view()}
                            </ul>
                        })
                    }
                }.into_any()
            }))}
            <StatusQr run />
        </section>
        <CloneForm playbook source />
    }
}
