//! The line under a step's title that says what kind of work it is: the gate
//! an approval signs, the metrics a step records, the inventory worksheet.
//! Nothing for a plain step.

use leptos::prelude::*;
use tebiki::{Metric, StepKind};

use crate::Ctx;

#[component]
pub fn StepKindLine(kind: StepKind, metrics: StoredValue<Vec<Metric>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    match kind {
        StepKind::Approval { gate, .. } => {
            Some(view! { <p class="kind">{move || format!("{}：{}", t().approval_of, t().gate(&gate))}</p> }.into_any())
        }
        StepKind::Metric { metrics: ids } => {
            let names = metrics.with_value(|all| {
                ids.iter()
                    .filter_map(|id| all.iter().find(|m| &m.id == id).map(|m| m.name.clone()))
                    .collect::<Vec<_>>()
                    .join("、")
            });
            Some(view! { <p class="kind">{move || format!("{}：{}", t().records, names)}</p> }.into_any())
        }
        StepKind::Inventory => Some(view! { <p class="kind">{move || t().inventory_sheet}</p> }.into_any()),
        StepKind::Plain => None,
    }
}
