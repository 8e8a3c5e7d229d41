//! One phase and its steps, as read in the overview.

use leptos::prelude::*;
use tebiki::{Metric, Phase};

use crate::Ctx;
use crate::components::step_kind::StepKindLine;

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
                        let kind = step.kind.clone();
                        let role = step.role.clone().map(|r| view! { <p class="role">{move || format!("{}：{}", t().responsible, r)}</p> });
                        let has_items = !step.items.is_empty();
                        view! {
                            <li class="step" id=format!("step-{}", step.id)>
                                <h3>{step.title}</h3>
                                {role}
                                <StepKindLine kind metrics />
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
