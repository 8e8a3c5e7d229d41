//! One phase and its steps, as read in the overview.

use leptos::prelude::*;
use tebiki::{Metric, Phase, StepKind};

use crate::Ctx;

#[component]
pub fn PhaseSection(phase: Phase, metrics: StoredValue<Vec<Metric>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    view! {
        <section class="phase" data-phase=phase.kind.id() id=format!("phase-{}", phase.kind.id())>
            <h2>{phase.title}</h2>
            <div inner_html=phase.intro_html></div>
            <ol class="steps">
                {phase
                    .steps
                    .into_iter()
                    .map(|step| {
                        let kind = match step.kind.clone() {
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
                        };
                        let role = step.role.clone().map(|r| view! { <p class="role">{move || format!("{}：{}", t().responsible, r)}</p> });
                        let has_items = !step.items.is_empty();
                        view! {
                            <li class="step" id=format!("step-{}", step.id)>
                                <h3>{step.title}</h3>
                                {role}
                                {kind}
                                <div inner_html=step.html></div>
                                <Show when=move || has_items>
                                    <ul class="checklist">
                                        {step.items.clone().into_iter().map(|item| view! { <li inner_html=item.html></li> }).collect_view()}
                                    </ul>
                                </Show>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
