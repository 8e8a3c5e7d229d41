//! The three phases side by side (棚卸し → パイロット → 横展開), with the
//! progress of a run in each when there is one.

use leptos::prelude::*;
use tebiki::Playbook;

use crate::Ctx;
use crate::components::progress_bar::ProgressBar;
use crate::route::RunView;

/// `run`: the run whose progress is shown (none: just the map). Each phase
/// links to its steps: in the run's list view, or to the overview section.
#[component]
pub fn PhaseMap(playbook: StoredValue<Playbook>, #[prop(into)] run: Signal<Option<String>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let playbook_id = playbook.with_value(|p| p.meta.id.clone());
    let phases = playbook
        .with_value(|p| p.phases.iter().map(|ph| (ph.kind, ph.title.clone(), ph.steps.len())).collect::<Vec<_>>());
    view! {
        <nav class="phase-map" aria-label=move || t().phase_map>
            <ol>
                {phases
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, title, steps))| {
                        let playbook_id = playbook_id.clone();
                        let href = move || match run.get() {
                            Some(run) => RunView { run, list: true, phase: Some(kind.id().to_owned()), ..RunView::default() }
                                .href(&ctx.nav.pages(), &ctx.playbook_page(&playbook_id)),
                            None => format!("#phase-{}", kind.id()),
                        };
                        let label = title.clone();
                        let tally = Signal::derive(move || {
                            let run = run.get()?;
                            ctx.store.with(|p| {
                                let r = p.run(&run)?;
                                playbook.with_value(|pb| pb.phase(kind).map(|ph| r.phase_tally(ph)))
                            })
                        });
                        view! {
                            <li class="phase-box" data-phase=kind.id()>
                                <a href=href>
                                    <span class="phase-number">{move || (t().phase_number)(i + 1)}</span>
                                    <span class="phase-title">{title}</span>
                                    <span class="phase-steps">{move || (t().steps)(steps)}</span>
                                </a>
                                {move || tally.get().map(|tally| view! { <ProgressBar label=label.clone() tally /> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
