//! The metrics a step records: baseline, target and dated measurements of
//! each, with a chart and the change in the metric's own direction.

use leptos::prelude::*;
use tebiki::inventory::parse_number;
use tebiki::record::outcome;
use tebiki::{Direction, Metric, Playbook, format_number};

use crate::Ctx;
use crate::components::metric_chart::MetricChart;
use crate::store::now;

#[component]
pub fn MetricsPanel(playbook: StoredValue<Playbook>, run: StoredValue<String>, ids: Vec<String>) -> impl IntoView {
    let metrics: Vec<Metric> =
        playbook.with_value(|p| p.conditions.metrics.iter().filter(|m| ids.contains(&m.id)).cloned().collect());
    view! {
        <div class="tool metrics-panel">
            {metrics.into_iter().map(|metric| view! { <MetricCard metric run /> }).collect_view()}
        </div>
    }
}

/// A number field that saves when it loses focus or Enter is pressed.
fn number_text(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

#[component]
fn MetricCard(metric: Metric, run: StoredValue<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.tt();
    let metric = StoredValue::new(metric);
    let id = metric.with_value(|m| m.id.clone());
    let data = Memo::new(move |_| {
        ctx.store.progress.with(|p| {
            p.run(&run.get_value()).map(|r| {
                metric.with_value(|m| {
                    let o = outcome(r, m);
                    let list: Vec<(String, String, f64)> =
                        r.measurements(m).into_iter().map(|(id, x)| (id.to_owned(), x.date.clone(), x.value)).collect();
                    (o.baseline, o.target, r.own_target(m), o.latest, o.improved, o.reached, list, r.own_baseline(m))
                })
            })
        })
    });
    let error = RwSignal::new(None::<String>);
    let report = move |r: Result<(), tebiki::progress::ProgressError>| {
        error.set(r.err().map(|e| e.message(ctx.lang.get_untracked())));
    };
    let parse = move |text: &str| -> Result<Option<f64>, tebiki::progress::ProgressError> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_number(text).map(Some).ok_or(tebiki::progress::ProgressError::NotANumber)
        }
    };
    let set_baseline = move |text: String| {
        report(parse(&text).and_then(|v| {
            ctx.store.change(|p, now| metric.with_value(|m| p.run_mut(&run.get_value())?.set_baseline(m, v, now)))
        }));
    };
    let set_target = move |text: String| {
        report(parse(&text).and_then(|v| {
            ctx.store.change(|p, now| metric.with_value(|m| p.run_mut(&run.get_value())?.set_target(m, v, now)))
        }));
    };
    let date = RwSignal::new(crate::time::iso_date(now()));
    let value = RwSignal::new(String::new());
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = match parse(&value.get_untracked()) {
            Ok(Some(v)) => ctx
                .store
                .change(|p, now| {
                    metric.with_value(|m| {
                        let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
                        p.run_mut(&run.get_value())?.add_measurement(m, &date.get_untracked(), v, now, random)
                    })
                })
                .map(drop),
            Ok(None) => Err(tebiki::progress::ProgressError::NotANumber),
            Err(e) => Err(e),
        };
        if result.is_ok() {
            value.set(String::new());
        }
        report(result);
    };
    let remove = move |mid: String| {
        report(
            ctx.store
                .change(|p, now| metric.with_value(|m| p.run_mut(&run.get_value())?.remove_measurement(m, &mid, now))),
        );
    };
    let (name, unit, direction, measure, playbook_baseline, playbook_target) =
        metric.with_value(|m| (m.name.clone(), m.unit.clone(), m.direction, m.measure.clone(), m.baseline, m.target));
    let heading = format!("metric-{id}-title");
    let (bid, tid, did, vid) = (
        format!("metric-{id}-baseline"),
        format!("metric-{id}-target"),
        format!("metric-{id}-date"),
        format!("metric-{id}-value"),
    );
    let name2 = name.clone();
    let unit2 = unit.clone();
    let labelled_by = heading.clone();
    view! {
        <section class="metric-card" aria-labelledby=labelled_by data-metric=id.clone()>
            <h3 id=heading>{name.clone()}<span class="unit">{format!("（{unit}）")}</span></h3>
            <p class="help">
                {move || if direction == Direction::Down { ctx.t().lower_better } else { ctx.t().higher_better }}
                " ・ "{measure}
            </p>
            <div class="form-grid metric-inputs">
                <div class="field">
                    <label for=bid.clone()>{move || ctx.t().baseline}</label>
                    <input id=bid type="text" inputmode="decimal" data-testid="baseline"
                        placeholder=playbook_baseline.map(format_number)
                        prop:value=move || data.with(|d| number_text(d.as_ref().and_then(|d| d.7)))
                        on:change=move |ev| set_baseline(event_target_value(&ev)) />
                    {playbook_baseline.map(|b| view! { <p class="help">{move || (t().source_baseline)(&format_number(b))}</p> })}
                </div>
                <div class="field">
                    <label for=tid.clone()>{move || ctx.t().target}</label>
                    <input id=tid type="text" inputmode="decimal" placeholder=format_number(playbook_target)
                        prop:value=move || data.with(|d| number_text(d.as_ref().and_then(|d| d.2)))
                        on:change=move |ev| set_target(event_target_value(&ev)) />
                    <p class="help">{move || (t().playbook_target)(&format_number(playbook_target))}</p>
                </div>
            </div>
            {move || data.get().map(|(baseline, target, _, latest, improved, reached, list, _)| {
                let values: Vec<(String, f64)> = list.iter().map(|(_, d, v)| (d.clone(), *v)).collect();
                let label = (t().chart_label)(&name2, &number_text(baseline), &format_number(target), &number_text(latest));
                let change = baseline.zip(latest).map(|(b, l)| {
                    let diff = l - b;
                    let sign = if diff > 0.0 { "+" } else { "" };
                    let verdict = match (reached, improved) {
                        (Some(true), _) => t().reached,
                        (_, Some(true)) => t().improved,
                        _ => t().not_improved,
                    };
                    format!("{} → {}（{sign}{} {}）{verdict}", format_number(b), format_number(l), tebiki::inventory::round1(diff), unit2)
                });
                view! {
                    <MetricChart label baseline target values baseline_label=ctx.t().baseline.to_owned() target_label=ctx.t().target.to_owned() />
                    <p class="change" data-testid="change">{change.unwrap_or_else(|| t().no_change_yet.to_owned())}</p>
                    <Show when={let empty = list.is_empty(); move || !empty}>
                        <table class="measurements">
                            <caption>{move || t().measurements}</caption>
                            <thead><tr><th scope="col">{move || t().date}</th><th scope="col">{move || t().value}</th><th scope="col"><span class="visually-hidden">{move || t().actions}</span></th></tr></thead>
                            <tbody>
                                {list.clone().into_iter().map(|(mid, d, v)| {
                                    let label = (t().remove_measurement)(&d);
                                    view! {
                                        <tr>
                                            <td>{d}</td>
                                            <td class="num">{format_number(v)}</td>
                                            <td><button type="button" class="secondary small" aria-label=label on:click=move |_| remove(mid.clone())>{move || t().remove}</button></td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </Show>
                }
            })}
            <form class="measure-form" on:submit=add>
                <div class="field">
                    <label for=did.clone()>{move || t().date}</label>
                    <input id=did type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for=vid.clone()>{move || t().value}</label>
                    <input id=vid type="text" inputmode="decimal" data-testid="measurement" prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
                </div>
                <button type="submit" class="secondary">{move || t().add_measurement}</button>
            </form>
            <p class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
