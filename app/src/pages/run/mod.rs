//! A run of a playbook: guided (one step at a time, the step list beside it)
//! or the list of a phase's steps, with progress per phase and overall.
//!
//! `RunPage` finds the run; `RunScreen` wires the run's handle to its parts:
//! the header (`RunHeader`), the keyboard (`keys`), printing (`print`), the
//! moment a phase completes (`celebrate`) and the view the address asks for.

mod celebrate;
mod keys;
mod links;
mod print;
mod share;

use leptos::prelude::*;
use tebiki::{PhaseKind, Playbook};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::components::decision::DecisionSheet;
use crate::components::drift_panel::{DriftPanel, OrphanedList};
use crate::components::due::{DueAlerts, ScheduleView};
use crate::components::history_view::HistoryView;
use crate::components::keyed::{self, Keyed};
use crate::components::owners::OwnersPanel;
use crate::components::phase_map::PhaseMap;
use crate::components::progress_bar::ProgressBar;
use crate::components::questions::QuestionsPanel;
use crate::components::record_view::RecordView;
use crate::components::run_list::RunList;
use crate::components::shortcuts::Shortcuts;
use crate::components::step_list::StepList;
use crate::components::step_panel::StepPanel;
use crate::components::who::WhoPrompt;
use crate::handle::RunHandle;
use crate::route::{Page, RunView};
use celebrate::PhaseComplete;
use keys::Key;
use links::Links;
use print::PrintMenu;

#[component]
pub fn RunPage(playbook: StoredValue<Playbook>, source: StoredValue<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let view_of = Memo::new(move |_| ctx.nav.route.with(RunView::from_route).unwrap_or_default());
    let run_id = Memo::new(move |_| view_of.with(|v| v.run.clone()));
    let exists = Memo::new(move |_| ctx.store.with(|p| p.run(&run_id.get()).is_some()));
    move || {
        if exists.get() {
            // Another run is another page: nothing of this one is reused.
            view! {
                <Keyed key=run_id children=keyed::build(move |id| {
                    let run = RunHandle::new(ctx.store, playbook, source, id);
                    view! { <RunScreen run view_of /> }
                }) />
            }
            .into_any()
        } else {
            let back = ctx.nav.href(&ctx.playbook_page(&playbook.with_value(|p| p.meta.id.clone())));
            view! {
                <main class="page" id="main">
                    <h1>{move || t().run_missing_title}</h1>
                    <p>{move || t().run_missing_text}</p>
                    <p><a href=back>{move || t().back_to_playbook}</a></p>
                </main>
            }
            .into_any()
        }
    }
}

/// What the address shows of the run.
#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Guided,
    List,
    Record,
    /// Who changed what, and when.
    History,
    /// The steps of the roles naming this browser's person, every phase.
    Mine,
    /// The decision summary of an approval step (`view=decision&step=`).
    Decision,
    /// The dates of every step, the starts, the calendar file.
    Schedule,
}

#[component]
fn RunScreen(run: RunHandle, view_of: Memo<RunView>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let links = Links::new(ctx, run);
    let mode = Memo::new(move |_| {
        view_of.with(|v| match (v.decision, v.record, v.history, v.list) {
            (true, ..) => Mode::Decision,
            (_, true, ..) => Mode::Record,
            (_, _, true, _) => Mode::History,
            (.., true) => Mode::List,
            _ if v.mine => Mode::Mine,
            _ if v.schedule => Mode::Schedule,
            _ => Mode::Guided,
        })
    });
    // The step shown: the one in the address, else the first open one (as
    // it was when the address changed: finishing a step does not move the
    // page), else the first.
    let current = Memo::new(move |_| {
        let wanted = view_of.with(|v| v.step.clone());
        run.with_untracked(|r, p| r.current_step(p, wanted.as_deref()).map(|s| s.id.clone()))
            .flatten()
            .unwrap_or_default()
    });
    let current_phase = move || run.with_playbook(|p| p.phase_of(&current.get()).map(|ph| ph.kind));
    let listed_phase = Memo::new(move |_| match view_of.with(|v| v.phase.clone()).as_deref() {
        Some("all") => None,
        Some(id) => PhaseKind::from_id(id).or_else(current_phase),
        None => current_phase(),
    });
    let shown_phase =
        Signal::derive(move || if mode.get() == Mode::List { listed_phase.get() } else { current_phase() });
    let beside = move |delta: isize| run.with_playbook(|p| p.step_beside(&current.get(), delta).map(|s| s.id.clone()));

    let help_open = RwSignal::new(false);
    keys::listen(move |key| {
        let list = mode.get_untracked() == Mode::List;
        let go = |href: String| {
            ctx.nav.go(&href);
            focus_main();
            true
        };
        match key {
            Key::Next if !list => beside(1).map(|id| go(links.step(id))).is_some(),
            Key::Previous if !list => beside(-1).map(|id| go(links.step(id))).is_some(),
            // The panel's own button: the same refusal, said the same way,
            // when the step cannot be finished yet (issue 21).
            Key::Toggle if !list => {
                click(".guided .step-panel [data-testid=toggle-done]");
                true
            }
            Key::List if list => go(links.step(current.get_untracked())),
            Key::List => go(links.list(current_phase())),
            Key::Help => {
                help_open.update(|o| *o = !*o);
                true
            }
            _ => false,
        }
    });

    let print_pending = RwSignal::new(None::<Option<PhaseKind>>);
    view! {
        <main class="page run" class:record-mode=move || mode.get() == Mode::Record
            class:decision-mode=move || mode.get() == Mode::Decision id="main" tabindex="-1">
            <RunHeader run>
                <nav class="view-switch" aria-label=move || ctx.t().view_label>
                    <a href=move || links.step(current.get()) aria-current=move || (mode.get() == Mode::Guided).then_some("page")>{move || ctx.t().view_guided}</a>
                    <a href=move || links.list(current_phase()) aria-current=move || (mode.get() == Mode::List).then_some("page")>{move || ctx.t().view_list}</a>
                    <a href=move || links.record() aria-current=move || (mode.get() == Mode::Record).then_some("page") data-testid="record-link">{move || ctx.t().view_record}</a>
                    <a href=move || links.history() aria-current=move || (mode.get() == Mode::History).then_some("page") data-testid="history-link">{move || ctx.t().view_history}</a>
                    <a href=move || links.mine() aria-current=move || (mode.get() == Mode::Mine).then_some("page") data-testid="mine-link">{move || ctx.t().view_mine}</a>
                    <a href=move || links.schedule() aria-current=move || (mode.get() == Mode::Schedule).then_some("page") data-testid="schedule-link">{move || ctx.t().view_schedule}</a>
                </nav>
                <DueAlerts run href=links.schedule() />
                <share::ShareButton run />
                <crate::components::status_link::StatusLinkButton run />
                <PrintMenu run links shown=shown_phase pending=print_pending hidden=Signal::derive(move || mode.get() == Mode::Record) />
            </RunHeader>
            <WhoPrompt />
            <QuestionsPanel run />
            <OwnersPanel run />
            <DriftPanel run />
            <PhaseComplete run links />
            {move || match mode.get() {
                Mode::Decision => view! { <DecisionSheet run step=view_of.with(|v| v.step.clone().unwrap_or_default()) /> }.into_any(),
                Mode::Record => view! { <RecordView run /> }.into_any(),
                Mode::History => view! { <HistoryView run /> }.into_any(),
                Mode::Mine => view! { <Mine run /> }.into_any(),
                Mode::Schedule => {
                    let page = window().location().origin().unwrap_or_default() + &links.to(RunView { run: run.id(), ..RunView::default() });
                    view! { <ScheduleView run step_href=Callback::new(move |id| links.step(id)) page /> }.into_any()
                }
                // Another phase is a fresh list: no field of one phase's
                // steps is reused for another's.
                Mode::List => view! {
                    <Keyed key=Signal::derive(move || listed_phase.get().map_or("all", PhaseKind::id).to_owned())
                        children=keyed::build(move |phase: String| {
                            let phase = PhaseKind::from_id(&phase);
                            view! { <RunList run phase print=print_pending /> }
                        }) />
                }.into_any(),
                Mode::Guided => view! { <Guided run links current /> }.into_any(),
            }}
            <OrphanedList run />
            <Shortcuts open=help_open />
        </main>
    }
}

/// The run's name, when and on which version it started, its progress
/// overall and per phase, and the tools given as children.
#[component]
fn RunHeader(run: RunHandle, children: Children) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let (playbook_id, title) = run.with_playbook(|p| (p.meta.id.clone(), p.meta.title.clone()));
    let name = move || run.with(|r, _| r.name.value.clone()).unwrap_or_default();
    let page_title = title.clone();
    Effect::new(move |_| crate::set_title(ctx, &format!("{} | {page_title}", name())));
    let tally = Signal::derive(move || run.with(|r, p| r.tally(p)).unwrap_or_default());
    let id = run.id();
    view! {
        <nav class="crumbs" aria-label=move || t().breadcrumb>
            <a href=ctx.nav.href(&Page::Catalog)>{move || t().nav_catalog}</a>
            " › "
            <a href=ctx.nav.href(&ctx.playbook_page(&playbook_id))>{title}</a>
        </nav>
        <header class="run-head">
            <p class="dept">{move || t().run_label}</p>
            <h1>{name}</h1>
            <p class="run-meta">
                {move || run.with(|r, _| (t().run_meta)(&crate::time::date(r.created, ctx.lang.get()), r.version))}
            </p>
            <ProgressBar label=Signal::derive(move || t().overall.to_owned()) tally />
            <PhaseMap playbook=run.playbook() run=Signal::derive(move || Some(id.clone())) />
            <div class="run-tools">{children()}</div>
        </header>
    }
}

/// One step at a time. The side list stays while the team moves from step
/// to step; only the step panel and the pager follow the current step.
#[component]
fn Guided(run: RunHandle, links: Links, current: Memo<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let total = run.with_playbook(Playbook::step_count);
    view! {
        <div class="guided">
            <StepList run current />
            <div class="guided-main">
                // Each step gets a fresh panel: its note, its fields show
                // that step's values (issue 21).
                <Keyed key=current children=keyed::build(move |id: String| {
                    let found = run.with_playbook(|p| {
                        let (index, step) = p.steps().enumerate().find(|(_, s)| s.id == id)?;
                        let phase = p.phase_of(&id)?;
                        let prev = p.step_beside(&id, -1).map(|s| s.id.clone());
                        let next = p.step_beside(&id, 1).map(|s| s.id.clone());
                        Some((step.clone(), index, phase.title.clone(), prev, next))
                    });
                    found.map(|(step, index, phase_title, prev, next)| {
                        let position = format!("{} ・ {}", phase_title, (t().step_position)(index + 1, total));
                        view! {
                            <StepPanel step run position />
                            <nav class="pager" aria-label=move || t().pager_label>
                                {prev.map(|id| view! { <a class="button secondary" rel="prev" href=links.step(id)>{move || t().prev_step}</a> })}
                                {next.map(|id| view! { <a class="button" rel="next" href=links.step(id)>{move || t().next_step}</a> })}
                            </nav>
                        }
                    })
                }) />
            </div>
        </div>
    }
}

/// The steps of the roles that name this browser's person, in every phase,
/// as the list view shows them; or why there are none.
#[component]
fn Mine(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    // Who this browser is, and the steps of the roles naming them: the list
    // is built again when either changes (a name saved in the owners panel
    // above), not when a step is checked.
    let mine = Memo::new(move |_| {
        let me = ctx.store.me_tracked();
        let steps: Vec<String> = run
            .with(|r, p| p.steps().filter(|s| r.is_mine(s, &me)).map(|s| s.id.clone()).collect())
            .unwrap_or_default();
        (me.name, steps)
    });
    let body = move || {
        let (name, steps) = mine.get();
        if name.is_empty() {
            view! { <p class="empty" data-testid="mine-empty">{move || t().mine_unnamed}</p> }.into_any()
        } else if steps.is_empty() {
            view! { <p class="empty" data-testid="mine-empty">{move || (t().mine_none)(&name)}</p> }.into_any()
        } else {
            view! {
                <p class="help">{move || (t().mine_who)(&name)}</p>
                <RunList run phase=None print=RwSignal::new(None) only=steps />
            }
            .into_any()
        }
    };
    view! {
        <section class="mine" aria-labelledby="mine-title" data-testid="mine">
            <h2 id="mine-title">{move || t().mine_title}</h2>
            {body}
        </section>
    }
}

/// Press the button `selector` finds, as a click would.
fn click(selector: &str) {
    let button =
        document().query_selector(selector).ok().flatten().and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        button.click();
    }
}

/// After moving with the keyboard, start reading at the new step.
fn focus_main() {
    if let Some(main) = document().get_element_by_id("main").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = main.focus();
    }
}
