//! Scope, exceptions, approvers and metrics of a playbook.

use leptos::prelude::*;
use tebiki::{Direction, SuccessConditions, format_number as number};

use crate::Ctx;

/// `run`: this browser's latest run of the playbook, whose own baselines are
/// shown beside the playbook's.
#[component]
pub fn Conditions(conditions: SuccessConditions, #[prop(optional, into)] run: Signal<Option<String>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let metric_list = StoredValue::new(conditions.metrics.clone());
    // The run's name and its baselines, metric by metric.
    let ours = Memo::new(move |_| {
        let id = run.get()?;
        ctx.store.with(|p| {
            let r = p.run(&id)?;
            let values = metric_list.with_value(|ms| ms.iter().map(|m| r.own_baseline(m)).collect::<Vec<_>>());
            Some((r.name.value.clone(), values))
        })
    });
    let no_exceptions = conditions.exceptions.is_empty();
    view! {
        <section class="conditions">
            <h2>{move || t().scope}</h2>
            <ul>{conditions.scope.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul>
            <h2>{move || t().exceptions}</h2>
            <Show
                when=move || !no_exceptions
                fallback=move || view! { <p>{move || t().no_exceptions}</p> }
            >
                <table>
                    <thead>
                        <tr>
                            <th scope="col">{move || t().work}</th>
                            <th scope="col">{move || t().reason}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {conditions
                            .exceptions
                            .clone()
                            .into_iter()
                            .map(|e| view! { <tr><td>{e.work}</td><td>{e.reason}</td></tr> })
                            .collect_view()}
                    </tbody>
                </table>
            </Show>
            <h2>{move || t().approvers}</h2>
            <table>
                <thead>
                    <tr>
                        <th scope="col">{move || t().role}</th>
                        <th scope="col">{move || t().gates}</th>
                    </tr>
                </thead>
                <tbody>
                    {conditions
                        .approvers
                        .into_iter()
                        .map(|a| {
                            let gates = a.gates.clone();
                            view! {
                                <tr>
                                    <td>{a.role}</td>
                                    <td>{move || gates.iter().map(|g| t().gate(g)).collect::<Vec<_>>().join("、")}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            <h2 id="metrics-heading">{move || t().metrics}</h2>
            <div class="table-scroll" role="region" tabindex="0" aria-labelledby="metrics-heading">
            <table class="metrics">
                <thead>
                    <tr>
                        <th scope="col">{move || t().metric}</th>
                        <th scope="col">{move || t().baseline}</th>
                        {move || ours.with(|o| o.as_ref().map(|(name, _)| {
                            let name = name.clone();
                            view! { <th scope="col">{move || (ctx.t().run_baselines)(&name)}</th> }
                        }))}
                        <th scope="col">{move || t().target}</th>
                        <th scope="col">{move || t().better}</th>
                        <th scope="col">{move || t().how_measured}</th>
                    </tr>
                </thead>
                <tbody>
                    {conditions
                        .metrics
                        .into_iter()
                        .enumerate()
                        .map(|(i, m)| {
                            let unit = m.unit.clone();
                            let run_unit = m.unit.clone();
                            let (target, target_unit) = (m.target, m.unit.clone());
                            let baseline = m.baseline;
                            let from_pilot = m.from_pilot.clone();
                            let starts_with_pilot = from_pilot.is_some();
                            let direction = m.direction;
                            view! {
                                <tr>
                                    <td>{m.name}</td>
                                    <td class="num">
                                        {move || match (baseline, starts_with_pilot) {
                                            (Some(b), _) => format!("{} {unit}", number(b)),
                                            (None, true) => t().from_pilot.to_owned(),
                                            (None, false) => t().not_recorded.to_owned(),
                                        }}
                                        {from_pilot.map(|why| view! { <span class="why">{why}</span> })}
                                    </td>
                                    {move || ours.with(|o| o.as_ref().map(|(_, values)| {
                                        let text = match (values[i], starts_with_pilot) {
                                            (Some(b), _) => format!("{} {run_unit}", number(b)),
                                            (None, true) => t().from_pilot.to_owned(),
                                            (None, false) => t().not_recorded.to_owned(),
                                        };
                                        view! { <td class="num">{text}</td> }
                                    }))}
                                    <td class="num">{move || target.describe(&target_unit, t())}</td>
                                    <td class="num">
                                        {move || match direction {
                                            Direction::Up => t().higher_better,
                                            Direction::Down => t().lower_better,
                                        }}
                                    </td>
                                    <td>{m.measure}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
