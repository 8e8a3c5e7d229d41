//! The ROI view: hours saved per month times what an hour costs, against
//! the tool's monthly cost — shown beside the other metrics, never instead.

use leptos::prelude::*;
use tebiki::inventory::{parse_number, round1};
use tebiki::progress::{ProgressError, Roi};
use tebiki::record::yen;

use crate::Ctx;
use crate::handle::RunHandle;

#[component]
pub fn RoiPanel(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let roi = Memo::new(move |_| run.with(|r, _| r.roi.value.clone()).unwrap_or_default());
    let view_of = Memo::new(move |_| run.with(|r, pb| r.roi_view(pb)).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let set = move |change: fn(&mut Roi, Option<f64>), text: String| {
        let value = if text.trim().is_empty() {
            Ok(None)
        } else {
            parse_number(&text).map(Some).ok_or(ProgressError::NotANumber)
        };
        let result = value.and_then(|v| {
            let mut next = roi.get_untracked();
            change(&mut next, v);
            run.change(|r, _, now| r.set_roi(next, now))
        });
        error.set(result.err().map(|e| e.message(ctx.lang.get_untracked())));
    };
    let text = |v: Option<f64>| v.map(tebiki::format_number).unwrap_or_default();
    let metric_name = move |id: &str| run.with_playbook(|p| p.conditions.metric_name(id).to_owned());
    view! {
        <section class="tool roi" aria-labelledby="roi-title" data-testid="roi">
            <h3 id="roi-title">{move || t().roi_title}</h3>
            <p class="help">{move || t().roi_help}</p>
            <div class="form-grid no-print">
                <div class="field">
                    <label for="roi-hourly">{move || t().hourly_cost}</label>
                    <input id="roi-hourly" type="text" inputmode="decimal" prop:value=move || text(roi.get().hourly_cost)
                        on:change=move |ev| set(|r, v| r.hourly_cost = v, event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="roi-tool">{move || t().tool_cost}</label>
                    <input id="roi-tool" type="text" inputmode="decimal" prop:value=move || text(roi.get().tool_cost)
                        on:change=move |ev| set(|r, v| r.tool_cost = v, event_target_value(&ev)) />
                </div>
                <div class="field">
                    <label for="roi-hours">{move || t().hours_saved}</label>
                    <input id="roi-hours" type="text" inputmode="decimal" aria-describedby="roi-hours-help" prop:value=move || text(roi.get().hours_saved)
                        on:change=move |ev| set(|r, v| r.hours_saved = v, event_target_value(&ev)) />
                    <p id="roi-hours-help" class="help">{move || t().hours_saved_help}</p>
                </div>
            </div>
            <p class="error" role="alert">{move || error.get()}</p>
            <div role="status">
            <dl class="roi-figures">
                <dt>{move || t().hours_saved}</dt>
                <dd>{move || {
                    let v = view_of.get();
                    match (v.hours_saved, v.from_metric) {
                        (Some(h), Some(m)) => format!("{} h（{}）", round1(h), (t().roi_from_metric)(&metric_name(&m))),
                        (Some(h), None) => format!("{} h", round1(h)),
                        (None, _) => "—".to_owned(),
                    }
                }}</dd>
                <dt>{move || t().monthly_value}</dt>
                <dd>{move || view_of.get().monthly_value.map_or_else(|| "—".to_owned(), yen)}</dd>
                <dt>{move || t().tool_cost}</dt>
                <dd>{move || view_of.get().tool_cost.map_or_else(|| "—".to_owned(), yen)}</dd>
                <dt>{move || t().net}</dt>
                <dd data-testid="roi-net">{move || view_of.get().net.map_or_else(|| "—".to_owned(), yen)}</dd>
            </dl>
            </div>
        </section>
    }
}
