//! Scope, exceptions, approvers and metrics of a playbook: the core's markup
//! (`tebiki::overview::conditions_html`, the same as the pre-rendered page),
//! with this browser's latest run's own baselines beside the playbook's.

use leptos::prelude::*;
use tebiki::Playbook;
use tebiki::overview::conditions_html;

use crate::Ctx;

/// `run`: this browser's latest run of the playbook, whose own baselines are
/// shown beside the playbook's.
#[component]
pub fn Conditions(playbook: StoredValue<Playbook>, #[prop(into)] run: Signal<Option<String>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // The run's name and its baselines, metric by metric.
    let ours = Memo::new(move |_| {
        let id = run.get()?;
        ctx.store.with(|p| {
            let r = p.run(&id)?;
            let values = playbook.with_value(|pb| pb.conditions.metrics.iter().map(|m| r.own_baseline(m)).collect());
            Some((r.name.value.clone(), values))
        })
    });
    let html = move || {
        let t = ctx.t();
        ours.with(|o| {
            let run = o.as_ref().map(|(name, values): &(String, Vec<Option<f64>>)| (name.as_str(), values.as_slice()));
            playbook.with_value(|p| conditions_html(&p.conditions, t, run))
        })
    };
    view! { <div class="conditions-block" inner_html=html></div> }
}
