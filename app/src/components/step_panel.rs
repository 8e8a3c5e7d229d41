//! One step of a run: instructions, checklist, "not applicable", note, done.

use leptos::prelude::*;
use tebiki::progress::Mark;
use tebiki::{Step, StepKind};

use crate::Ctx;
use crate::components::approval_panel::{ApprovalPanel, GateStatus};
use crate::components::discussion::Discussion;
use crate::components::due::DueLine;
use crate::components::item_row::ItemRow;
use crate::components::metrics_panel::MetricsPanel;
use crate::components::na_control::NaControl;
use crate::components::note_field::NoteField;
use crate::components::send_back::SentBackNotice;
use crate::components::step_kind::StepKindLine;
use crate::components::worksheet::Worksheet;
use crate::handle::RunHandle;

/// `position`: "ステップ 3 / 12" and the phase's title, shown above the title.
/// `compact`: in the list of a phase (heading level 3) instead of guided mode.
#[component]
pub fn StepPanel(step: Step, run: RunHandle, position: String, #[prop(optional)] compact: bool) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let step = StoredValue::new(step);
    let metrics = StoredValue::new(run.with_playbook(|p| p.conditions.metrics.clone()));
    let mark = Signal::derive(move || run.with(|r, _| step.with_value(|s| r.step_mark(s))).unwrap_or_default());
    let error = RwSignal::new(None::<String>);
    let set = move |m: Mark| run.change(|r, pb, now| step.with_value(|s| r.set_step(pb, s, m, now)));
    let toggle_done = move |_| {
        let next = if mark.get_untracked() == Mark::Done { Mark::Open } else { Mark::Done };
        match set(next) {
            Ok(()) => error.set(None),
            Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    };
    let (id, title, html, items, na_allowed, role, kind) = step.with_value(|s| {
        (s.id.clone(), s.title.clone(), s.html.clone(), s.items.clone(), s.na_allowed, s.role.clone(), s.kind.clone())
    });
    let initial_note = run.with_untracked(|r, _| step.with_value(|s| r.note(s).to_owned())).unwrap_or_default();
    let save_note = Callback::new(move |text: String| {
        let _ = run.change(|r, _, now| {
            step.with_value(|s| r.set_note(s, &text, now));
            Ok(())
        });
    });
    // Why the team's answers exclude the step, while they do.
    let excluded =
        Memo::new(move |_| run.with(|r, _| step.with_value(|s| r.unmet(&s.when).map(|c| c.reason(ctx.t())))).flatten());
    // The gate that keeps the step from being finished; nothing to say for
    // a step the answers exclude, which is not finished at all.
    let blocking = Memo::new(move |_| {
        run.with(|r, pb| step.with_value(|s| r.applies(s).then(|| r.blocking_gate(pb, s).map(str::to_owned)).flatten()))
            .flatten()
    });
    let tool = match kind.clone() {
        StepKind::Inventory => view! { <Worksheet run /> }.into_any(),
        StepKind::Metric { metrics: ids } => view! { <MetricsPanel run ids /> }.into_any(),
        StepKind::Approval { .. } => view! { <ApprovalPanel run step /> }.into_any(),
        StepKind::Plain => ().into_any(),
    };
    let heading_id = format!("step-{id}-title");
    let heading = if compact {
        view! { <h3 id=heading_id.clone()>{title.clone()}</h3> }.into_any()
    } else {
        view! { <h2 id=heading_id.clone()>{title.clone()}</h2> }.into_any()
    };
    let has_items = !items.is_empty();
    let (na_id, note_id) = (format!("step-{id}-na"), format!("step-{id}-note"));
    let step_title = title.clone();
    view! {
        <article class="step-panel" class:compact=compact class:excluded=move || excluded.with(Option::is_some)
            aria-labelledby=heading_id data-step=id.clone()
            data-mark=move || match mark.get() { Mark::Open => "open", Mark::Done => "done", Mark::Na { .. } => "na" }>
            <p class="position">{position}</p>
            {heading}
            <p class="status">
                {move || match mark.get() {
                    Mark::Open => view! { <span class="chip open-chip">{move || t().status_open}</span> }.into_any(),
                    Mark::Done => view! { <span class="chip done-chip">{move || t().status_done}</span> }.into_any(),
                    Mark::Na { .. } => view! { <span class="chip na-chip">{move || t().not_applicable}</span> }.into_any(),
                }}
            </p>
            {role.map(|r| {
                // Who does it: the people named for the role in this run, or that nobody is yet.
                let people = Memo::new({
                    let r = r.clone();
                    move |_| run.with(|run, _| run.owner(&r).map(str::to_owned)).flatten()
                });
                view! {
                    <p class="role" class:unassigned=move || people.with(Option::is_none) data-testid="step-owner">
                        {move || format!("{}：{}", t().responsible, (t().owner_of)(&r, people.get().as_deref()))}
                    </p>
                }
            })}
            {move || excluded.get().map(|reason| view! {
                <div class="excluded-notice" data-testid="excluded-notice">
                    <p>{reason}</p>
                    <p class="help">{move || t().excluded_help}</p>
                    <button type="button" class="secondary" on:click=|_| crate::components::questions::show_questions()>
                        {move || t().review_answers}
                    </button>
                </div>
            })}
            // The work itself; hidden (never removed) while the answers exclude the step.
            <div class="step-work" hidden=move || excluded.with(Option::is_some)>
                <SentBackNotice run step />
                <DueLine run step=id.clone() />
                <StepKindLine kind metrics />
                // Rendered by the core's sanitiser: no script, no handlers, safe URLs only.
                <div class="instructions" inner_html=html></div>
                {tool}
                <Show when=move || has_items>
                    <fieldset class="checklist-box">
                        <legend>{move || t().checklist}</legend>
                        <ul class="items">
                            {items.clone().into_iter().map(|item| view! { <ItemRow step item run /> }).collect_view()}
                        </ul>
                    </fieldset>
                </Show>
            </div>
            <Show when=move || na_allowed && excluded.with(Option::is_none)>
                <NaControl id=na_id.clone() subject=step_title.clone() mark apply=Callback::new(set)
                    blocked=Signal::derive(move || blocking.get().map(|g| (ctx.t().na_blocked_by)(&ctx.t().gate(&g)))) />
            </Show>
            <NoteField id=note_id initial=initial_note on_input=save_note />
            <Discussion run step compact />
            {move || blocking.get().map(|gate| {
                let shown = gate.clone();
                view! {
                <div class="gate-notice">
                    <p>{move || (ctx.t().blocked_by)(&ctx.t().gate(&shown))}</p>
                    <GateStatus run gate />
                </div>
                }
            })}
            <p class="step-actions">
                <Show when=move || !matches!(mark.get(), Mark::Na { .. })>
                    <button type="button" class:secondary=move || mark.get() == Mark::Done on:click=toggle_done data-testid="toggle-done">
                        {move || if mark.get() == Mark::Done { t().reopen_step } else { t().complete_step }}
                    </button>
                </Show>
            </p>
            <p class="error" role="alert">{move || error.get()}</p>
        </article>
    }
}
