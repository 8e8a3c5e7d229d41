//! What approvers need to decide at a gate (an approval step's `decision`):
//! purpose, go and stop criteria each with where it stands by the latest
//! measurement, cost, risks, when it is decided. Shown at the gate, printed
//! on one A4 page as 「稟議用サマリー」 with empty 承認欄, and kept in the
//! success record.

use leptos::prelude::*;
use tebiki::StepKind;
use tebiki::decision::{Side, Status, describe, status};

use crate::Ctx;
use crate::handle::RunHandle;
use crate::time::now;

/// The decision of approval step `step`, with where each criterion stands.
/// Nothing when the step has none.
#[component]
pub fn DecisionBlock(run: RunHandle, step: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let found = run.with_playbook(|p| p.step(&step).and_then(|s| s.decision.clone()));
    let Some(d) = found else { return ().into_any() };
    let d = StoredValue::new(d);
    // Rebuilt as a whole when a measurement or the language changes: it is
    // a few rows, and reading it never needs a field kept.
    (move || {
        let lang = ctx.lang.get();
        let t = ctx.t();
        run.with(|r, p| {
            let rows = |side: Side| {
                d.with_value(|d| {
                    let list = if side == Side::Go { &d.go } else { &d.stop };
                    {
                        let metrics = &p.conditions.metrics;
                        list.iter()
                            .map(|c| {
                                let class = match status(c, side, metrics, r) {
                                    Status::Holds if side == Side::Go => "holds good",
                                    Status::Holds => "holds bad",
                                    Status::DoesNotHold => "not-holds",
                                    Status::NotMeasured => "not-measured",
                                    Status::ForApprovers => "for-approvers",
                                };
                                (c.text.clone(), describe(c, side, metrics, r, lang), class)
                            })
                            .collect::<Vec<_>>()
                    }
                })
            };
            let table = |heading: &'static str, rows: Vec<(String, String, &'static str)>| {
                (!rows.is_empty()).then(|| {
                    view! {
                        <table class="criteria">
                            <thead><tr><th scope="col">{heading}</th><th scope="col">{t.decision_status}</th></tr></thead>
                            <tbody>
                                {rows.into_iter().map(|(text, state, class)| view! {
                                    <tr><td>{text}</td><td class=format!("state {class}")>{state}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }
                })
            };
            let (purpose, cost, decide, risks) =
                d.with_value(|d| (d.purpose.clone(), d.cost.clone(), d.decide.clone(), d.risks.clone()));
            Some(view! {
                <div class="decision-block" data-testid="decision">
                    <dl class="decision-facts">
                        <dt>{t.decision_purpose}</dt><dd>{purpose}</dd>
                        {cost.map(|c| view! { <dt>{t.decision_cost}</dt><dd>{c}</dd> })}
                        {decide.map(|c| view! { <dt>{t.decision_when}</dt><dd>{c}</dd> })}
                    </dl>
                    {table(t.decision_go, rows(Side::Go))}
                    {table(t.decision_stop, rows(Side::Stop))}
                    {(!risks.is_empty()).then(|| view! {
                        <table class="risks">
                            <thead><tr>
                                <th scope="col">{t.decision_risk}</th><th scope="col">{t.decision_info}</th><th scope="col">{t.decision_response}</th>
                            </tr></thead>
                            <tbody>
                                {risks.into_iter().map(|r| view! {
                                    <tr><td>{r.risk}</td><td>{r.info.unwrap_or_else(|| "—".to_owned())}</td><td>{r.response}</td></tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                </div>
            })
        })
        .flatten()
    })
    .into_any()
}

/// The one page attached to a 稟議: what is decided, the decision block,
/// and each approver with an empty 承認欄 (a name and date when the app
/// already has the approval).
#[component]
pub fn DecisionSheet(run: RunHandle, step: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let found = run.with_playbook(|p| {
        let s = p.step(&step)?;
        let StepKind::Approval { gate, approvers } = &s.kind else { return None };
        s.decision.as_ref()?;
        let roles: Vec<(String, String)> =
            approvers.iter().map(|a| (a.clone(), p.conditions.approver_role(a).to_owned())).collect();
        Some((s.clone(), gate.clone(), roles, p.meta.title.clone()))
    });
    let Some((s, gate, roles, title)) = found else {
        return view! { <p class="error" role="alert">{move || ctx.t().decision_none}</p> }.into_any();
    };
    let step_value = StoredValue::new(s);
    let print = move |_| {
        let _ = window().print();
    };
    let step_id = step.clone();
    view! {
        <section class="decision-sheet" aria-labelledby="decision-title" data-testid="decision-sheet">
            <p class="actions no-print">
                <button type="button" on:click=print data-testid="print-decision">{move || ctx.t().decision_print}</button>
            </p>
            <h2 id="decision-title">{move || ctx.t().decision_title}</h2>
            <dl class="decision-facts">
                <dt>{move || ctx.t().decision_what}</dt>
                <dd>{move || (ctx.t().decision_what_text)(&ctx.t().gate(&gate))}</dd>
                <dt>{move || ctx.t().playbook_label}</dt><dd>{title.clone()}</dd>
                <dt>{move || ctx.t().decision_run}</dt>
                <dd>{move || run.with(|r, _| r.name.value.clone())}</dd>
                <dt>{move || ctx.t().made_on}</dt><dd>{move || crate::time::date(now(), ctx.lang.get())}</dd>
            </dl>
            <DecisionBlock run step=step_id />
            <table class="stamp-table">
                <thead><tr>
                    <th scope="col">{move || ctx.t().role}</th>
                    <th scope="col">{move || ctx.t().signer}</th>
                    <th scope="col">{move || ctx.t().date}</th>
                    <th scope="col">{move || ctx.t().approval_box}</th>
                </tr></thead>
                <tbody>
                    {roles.into_iter().map(|(approver, role)| {
                        let approver = StoredValue::new(approver);
                        let signed = move || run.with(|r, _| step_value.with_value(|s| r.approval(s, &approver.get_value()).cloned())).flatten();
                        view! {
                            <tr>
                                <td>{role}</td>
                                <td>{move || signed().map(|a| a.name)}</td>
                                <td>{move || signed().map(|a| crate::time::entered_date(&a.date, ctx.lang.get()))}</td>
                                <td class="stamp-cell"><span class="stamp-box"></span></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        </section>
    }
    .into_any()
}
