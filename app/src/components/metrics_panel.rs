//! The metrics a step records: baseline, target and dated measurements of
//! each, with a chart and the change in the metric's own direction.

use leptos::prelude::*;
use tebiki::inventory::parse_quantity;
use tebiki::record::outcome;
use tebiki::{Direction, Metric, format_number};

use crate::Ctx;
use crate::components::metric_chart::MetricChart;
use crate::handle::RunHandle;
use crate::time::now;

#[component]
pub fn MetricsPanel(run: RunHandle, ids: Vec<String>) -> impl IntoView {
    let metrics: Vec<Metric> =
        run.with_playbook(|p| p.conditions.metrics.iter().filter(|m| ids.contains(&m.id)).cloned().collect());
    view! {
        <div class="tool metrics-panel">
            {metrics.into_iter().map(|metric| view! { <MetricCard metric run /> }).collect_view()}
        </div>
    }
}

/// A number field's state beside what is stored: the text typed while it
/// cannot be saved, and why.
#[derive(Clone, Copy)]
struct Field {
    text: RwSignal<Option<String>>,
    error: RwSignal<Option<String>>,
}

impl Field {
    fn new() -> Field {
        Field { text: RwSignal::new(None), error: RwSignal::new(None) }
    }

    /// After saving `text`: kept in the field with the error, or the stored
    /// value shown again.
    fn settle(self, text: String, error: Option<String>) {
        self.text.set(error.is_some().then_some(text));
        self.error.set(error);
    }

    /// What the field shows: the kept text, or the stored value.
    fn shown(self, stored: impl Fn() -> String) -> String {
        self.text.get().unwrap_or_else(stored)
    }

    /// `aria-invalid` while there is an error.
    fn invalid(self) -> Option<&'static str> {
        self.error.with(Option::is_some).then_some("true")
    }
}

/// What a metric card shows of one metric in one run.
#[derive(Debug, Clone, PartialEq)]
struct MetricData {
    baseline: Option<f64>,
    /// The target in force (the team's own, or the playbook's resolved).
    target: Option<f64>,
    own_target: Option<f64>,
    latest: Option<f64>,
    improved: Option<bool>,
    reached: Option<bool>,
    /// Measurements: (id, date, value), oldest first.
    list: Vec<(String, String, f64)>,
    own_baseline: Option<f64>,
    first: Option<f64>,
    /// The playbook's target for this run (a change resolved from its start).
    playbook_target: Option<f64>,
}

/// A number as the field shows it (blank when not recorded).
fn number_text(v: Option<f64>) -> String {
    v.map(format_number).unwrap_or_default()
}

#[component]
fn MetricCard(metric: Metric, run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let metric = StoredValue::new(metric);
    let id = metric.with_value(|m| m.id.clone());
    let data = Memo::new(move |_| {
        run.with(|r, _| {
            metric.with_value(|m| {
                let o = outcome(r, m);
                let list: Vec<(String, String, f64)> =
                    r.measurements(m).into_iter().map(|(id, x)| (id.to_owned(), x.date.clone(), x.value)).collect();
                let own = r.own_baseline(m);
                MetricData {
                    baseline: o.baseline,
                    target: o.target,
                    own_target: r.own_target(m),
                    latest: o.latest,
                    improved: o.improved,
                    reached: o.reached,
                    list,
                    own_baseline: own,
                    first: o.first,
                    playbook_target: m.target.resolve(r.start(m)),
                }
            })
        })
    });
    // Each field keeps what was typed when it cannot be saved, with its own
    // message beside it (issue 21): nothing typed disappears.
    let unit_text = StoredValue::new(metric.with_value(|m| m.unit.clone()));
    let parse = move |text: &str| -> Result<Option<f64>, String> {
        if text.trim().is_empty() {
            Ok(None)
        } else {
            unit_text.with_value(|unit| {
                parse_quantity(text, unit).map(Some).ok_or_else(|| (t().not_a_quantity)(text.trim(), unit))
            })
        }
    };
    let baseline_field = Field::new();
    let target_field = Field::new();
    let value_field = Field::new();
    let save = move |field: Field,
                     text: String,
                     set: fn(
        &mut tebiki::progress::Run,
        &Metric,
        Option<f64>,
        tebiki::progress::Stamp,
    ) -> Result<(), tebiki::progress::ProgressError>| {
        let result = parse(&text).and_then(|v| {
            run.change(|r, _, now| metric.with_value(|m| set(r, m, v, now)))
                .map_err(|e| e.message(ctx.lang.get_untracked()))
        });
        field.settle(text, result.err());
    };
    let set_baseline = move |text: String| save(baseline_field, text, |r, m, v, now| r.set_baseline(m, v, now));
    let set_target = move |text: String| save(target_field, text, |r, m, v, now| r.set_target(m, v, now));
    let date = RwSignal::new(crate::time::iso_date(now()));
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = value_field.text.get_untracked().unwrap_or_default();
        let result = match parse(&text) {
            Ok(Some(v)) => run
                .change(|r, _, now| {
                    metric.with_value(|m| {
                        let random = (js_sys::Math::random() * f64::from(u32::MAX)) as u32;
                        r.add_measurement(m, &date.get_untracked(), v, now, random)
                    })
                })
                .map(drop)
                .map_err(|e| e.message(ctx.lang.get_untracked())),
            Ok(None) => Err(tebiki::progress::ProgressError::NotANumber.message(ctx.lang.get_untracked())),
            Err(e) => Err(e),
        };
        match result {
            Ok(()) => value_field.settle(String::new(), None),
            Err(e) => value_field.error.set(Some(e)),
        }
    };
    let remove = move |mid: String| {
        let result = run.change(|r, _, now| metric.with_value(|m| r.remove_measurement(m, &mid, now)));
        value_field.error.set(result.err().map(|e| e.message(ctx.lang.get_untracked())));
    };
    let (name, unit, direction, measure, playbook_baseline, playbook_target, from_pilot) = metric.with_value(|m| {
        (m.name.clone(), m.unit.clone(), m.direction, m.measure.clone(), m.baseline, m.target, m.from_pilot.clone())
    });
    let heading = format!("metric-{id}-title");
    let (bid, tid, did, vid) = (
        format!("metric-{id}-baseline"),
        format!("metric-{id}-target"),
        format!("metric-{id}-date"),
        format!("metric-{id}-value"),
    );
    let name2 = name.clone();
    let unit2 = unit.clone();
    let unit3 = unit.clone();
    let labelled_by = heading.clone();
    view! {
        <section class="metric-card" aria-labelledby=labelled_by data-metric=id.clone()>
            <h3 id=heading>{name.clone()}<span class="unit">{format!("（{unit}）")}</span></h3>
            <p class="help">
                {move || if direction == Direction::Down { ctx.t().lower_better } else { ctx.t().higher_better }}
                " ・ "{measure}
            </p>
            <div class="form-grid metric-inputs">
                {match from_pilot {
                    // No baseline exists before the pilot: nothing to enter,
                    // and the pilot gate does not wait for one.
                    Some(why) => view! {
                        <div class="field from-pilot" id=bid.clone() data-testid="from-pilot">
                            <p class="label">{move || ctx.t().baseline}</p>
                            <p class="value">{move || ctx.t().from_pilot}</p>
                            <p class="help">{why}</p>
                        </div>
                    }.into_any(),
                    None => view! {
                        <div class="field">
                            <label for=bid.clone()>{move || ctx.t().baseline}</label>
                            <input id=bid.clone() type="text" inputmode="decimal" data-testid="baseline"
                                placeholder=playbook_baseline.map(format_number)
                                aria-invalid=move || baseline_field.invalid()
                                aria-describedby=format!("{bid}-error")
                                prop:value=move || baseline_field.shown(move || data.with(|d| number_text(d.as_ref().and_then(|d| d.own_baseline))))
                                on:change=move |ev| set_baseline(event_target_value(&ev)) />
                            <p class="error" id=format!("{bid}-error") role="alert">{move || baseline_field.error.get()}</p>
                            {playbook_baseline.map(|b| view! { <p class="help">{move || (t().source_baseline)(&format_number(b))}</p> })}
                        </div>
                    }.into_any(),
                }}
                <div class="field">
                    <label for=tid.clone()>{move || ctx.t().target}</label>
                    <input id=tid.clone() type="text" inputmode="decimal" placeholder=move || data.with(|d| number_text(d.as_ref().and_then(|d| d.playbook_target)))
                        aria-invalid=move || target_field.invalid()
                        aria-describedby=format!("{tid}-error")
                        prop:value=move || target_field.shown(move || data.with(|d| number_text(d.as_ref().and_then(|d| d.own_target))))
                        on:change=move |ev| set_target(event_target_value(&ev)) />
                    <p class="error" id=format!("{tid}-error") role="alert">{move || target_field.error.get()}</p>
                    <p class="help">{move || (t().playbook_target)(&playbook_target.describe(&unit3, t()))}</p>
                </div>
            </div>
            {move || data.get().map(|MetricData { baseline, target, latest, improved, reached, list, first, .. }| {
                let values: Vec<(String, f64)> = list.iter().map(|(_, d, v)| (d.clone(), *v)).collect();
                let target_text = target.map_or_else(|| playbook_target.describe(&unit2, t()), format_number);
                let label = (t().chart_label)(&name2, &number_text(baseline), &target_text, &number_text(latest));
                // A metric measured from the pilot changes from its first measurement.
                let change = baseline.or(first).zip(latest).map(|(b, l)| {
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
                                            <td>{crate::time::entered_date(&d, ctx.lang.get_untracked())}</td>
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
                    <input id=vid.clone() type="text" inputmode="decimal" data-testid="measurement"
                        aria-invalid=move || value_field.invalid()
                        aria-describedby=format!("{vid}-error")
                        prop:value=move || value_field.text.get().unwrap_or_default()
                        on:input=move |ev| value_field.text.set(Some(event_target_value(&ev))) />
                    <p class="error" id=format!("{vid}-error") role="alert">{move || value_field.error.get()}</p>
                </div>
                <button type="submit" class="secondary">{move || t().add_measurement}</button>
            </form>
        </section>
    }
}
