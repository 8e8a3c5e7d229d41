//! A run of a playbook: guided (one step at a time, the step list beside it)
//! or the list of a phase's steps, with progress per phase and overall.

use leptos::ev;
use leptos::prelude::*;
use tebiki::{PhaseKind, Playbook};
use wasm_bindgen::JsCast;

use crate::Ctx;
use crate::components::decision::DecisionSheet;
use crate::components::drift_panel::{DriftPanel, OrphanedList};
use crate::components::keyed::{self, Keyed};
use crate::components::phase_map::PhaseMap;
use crate::components::progress_bar::ProgressBar;
use crate::components::record_view::RecordView;
use crate::components::run_list::RunList;
use crate::components::shortcuts::Shortcuts;
use crate::components::step_list::StepList;
use crate::components::step_panel::StepPanel;
use crate::route::{Page, RunView};

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
                <Keyed key=run_id children=keyed::build(move |run| view! { <RunView playbook source run view_of /> }) />
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

#[component]
fn RunView(
    playbook: StoredValue<Playbook>,
    source: StoredValue<String>,
    run: String,
    view_of: Memo<RunView>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let run = StoredValue::new(run);
    let (playbook_id, title) = playbook.with_value(|p| (p.meta.id.clone(), p.meta.title.clone()));
    let playbook_id = StoredValue::new(playbook_id);
    let data = Memo::new(move |_| ctx.store.with(|p| p.run(&run.get_value()).cloned()));
    let name = move || data.with(|r| r.as_ref().map(|r| r.name.value.clone()).unwrap_or_default());
    Effect::new(move |_| {
        crate::set_title(ctx, &format!("{} | {}", name(), playbook.with_value(|p| p.meta.title.clone())))
    });
    let tally = Signal::derive(move || {
        data.with(|r| r.as_ref().map(|r| playbook.with_value(|p| r.tally(p))).unwrap_or_default())
    });

    // The step shown: the one in the URL, else the first open one, else the first.
    let step_ids = StoredValue::new(playbook.with_value(|p| p.steps().map(|s| s.id.clone()).collect::<Vec<_>>()));
    let current = Memo::new(move |_| {
        let wanted = view_of.with(|v| v.step.clone());
        let known = wanted.filter(|w| step_ids.with_value(|ids| ids.contains(w)));
        known.unwrap_or_else(|| {
            data.with_untracked(|r| {
                r.as_ref().and_then(|r| playbook.with_value(|p| r.next_open(p).map(|s| s.id.clone())))
            })
            .unwrap_or_else(|| step_ids.with_value(|ids| ids.first().cloned().unwrap_or_default()))
        })
    });
    let href_of = move |v: RunView| v.href(&ctx.nav.base(), &ctx.playbook_page(&playbook_id.get_value()));
    let step_href = move |id: String| href_of(RunView { run: run.get_value(), step: Some(id), ..RunView::default() });
    let neighbour = move |delta: isize| {
        step_ids.with_value(|ids| {
            let i = ids.iter().position(|s| *s == current.get())? as isize + delta;
            ids.get(usize::try_from(i).ok()?).cloned()
        })
    };
    let list = Memo::new(move |_| view_of.with(|v| v.list));
    let record = Memo::new(move |_| view_of.with(|v| v.record));
    // The decision summary of an approval step (`view=decision&step=`).
    let decision = Memo::new(move |_| view_of.with(|v| v.decision.then(|| v.step.clone().unwrap_or_default())));
    let record_href = move || href_of(RunView { run: run.get_value(), record: true, ..RunView::default() });
    let phase_of_current = move || {
        playbook
            .with_value(|p| p.phases.iter().find(|ph| ph.steps.iter().any(|s| s.id == current.get())).map(|ph| ph.kind))
    };
    let listed_phase = Memo::new(move |_| match view_of.with(|v| v.phase.clone()).as_deref() {
        Some("all") => None,
        Some(id) => PhaseKind::from_id(id).or_else(phase_of_current),
        None => phase_of_current(),
    });
    let guided_href = move || step_href(current.get());
    let list_href = move || {
        href_of(RunView {
            run: run.get_value(),
            list: true,
            phase: phase_of_current().map(|k| k.id().to_owned()),
            ..RunView::default()
        })
    };

    // The "phase complete" moment: a phase that becomes complete while the
    // page is open (not one that already was).
    let completed = RwSignal::new(None::<PhaseKind>);
    let phase_done = Memo::new(move |_| {
        data.with(|r| {
            playbook.with_value(|p| {
                p.phases
                    .iter()
                    .map(|ph| (ph.kind, r.as_ref().is_some_and(|r| r.phase_tally(ph).complete())))
                    .collect::<Vec<_>>()
            })
        })
    });
    Effect::new(move |previous: Option<Vec<(PhaseKind, bool)>>| {
        let now = phase_done.get();
        if let Some(previous) = previous
            && let Some((kind, _)) = now.iter().zip(&previous).find(|(n, p)| n.1 && !p.1).map(|(n, _)| n)
        {
            completed.set(Some(*kind));
        }
        now
    });

    // Keyboard: next/previous step, done, list, help. Not while typing.
    let help_open = RwSignal::new(false);
    let handle = window_event_listener(ev::keydown, move |event: web_sys::KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || event.default_prevented() {
            return;
        }
        let typing = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| {
            match e.tag_name().as_str() {
                "TEXTAREA" | "SELECT" => true,
                // Check boxes and buttons take no text: shortcuts still work there.
                "INPUT" => !matches!(
                    e.get_attribute("type").as_deref(),
                    Some("checkbox" | "radio" | "button" | "submit" | "reset")
                ),
                _ => e.closest("[contenteditable]").ok().flatten().is_some(),
            }
        });
        if typing {
            return;
        }
        let go = |href: String| {
            event.prevent_default();
            ctx.nav.go(&href);
            focus_main();
        };
        match event.key().as_str() {
            "ArrowRight" | "j" if !list.get_untracked() => {
                if let Some(next) = neighbour(1) {
                    go(step_href(next));
                }
            }
            "ArrowLeft" | "k" if !list.get_untracked() => {
                if let Some(prev) = neighbour(-1) {
                    go(step_href(prev));
                }
            }
            "x" if !list.get_untracked() => {
                // The panel's own button: the same refusal, said the same
                // way, when the step cannot be finished yet (issue 21).
                event.prevent_default();
                let button = document()
                    .query_selector(".guided .step-panel [data-testid=toggle-done]")
                    .ok()
                    .flatten()
                    .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(button) = button {
                    button.click();
                }
            }
            "l" => go(if list.get_untracked() { guided_href() } else { list_href() }),
            "?" => {
                event.prevent_default();
                help_open.update(|o| *o = !*o);
            }
            _ => {}
        }
    });
    on_cleanup(move || handle.remove());

    // Printing: the person chooses this phase, every phase or the success
    // record. The list prints once its last panel is in the page
    // (`RunList`); the record in the frame after it is shown. The address
    // is replaced, not pushed, and put back after printing: the person is
    // left where they were (issue 21).
    let print_pending = RwSignal::new(None::<Option<PhaseKind>>);
    let print_menu = RwSignal::new(false);
    let return_to = StoredValue::new(None::<String>);
    let here = || {
        let location = window().location();
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
    };
    let shown_phase = move || if list.get_untracked() { listed_phase.get_untracked() } else { phase_of_current() };
    let print_list = move |which: Option<PhaseKind>| {
        print_menu.set(false);
        return_to.set_value(Some(here()));
        let target = href_of(RunView {
            run: run.get_value(),
            list: true,
            phase: Some(which.map_or("all", PhaseKind::id).to_owned()),
            ..RunView::default()
        });
        print_pending.set(Some(which));
        if target != here() {
            ctx.nav.replace(&target);
        }
    };
    let print_record = move |_| {
        print_menu.set(false);
        return_to.set_value(Some(here()));
        ctx.nav.replace(&record_href());
        request_animation_frame(move || request_animation_frame(move || drop(window().print())));
    };
    let after_print = window_event_listener_untyped("afterprint", move |_| {
        if let Some(back) = return_to.try_update_value(Option::take).flatten()
            && back != here()
        {
            ctx.nav.replace(&back);
        }
    });
    on_cleanup(move || after_print.remove());
    let this_phase_label = move || {
        let kind = shown_phase();
        let title =
            playbook.with_value(|p| p.phases.iter().find(|ph| Some(ph.kind) == kind).map(|ph| ph.title.clone()));
        // 「1. 棚卸し」 reads 「棚卸し」 here: the number says nothing in a menu.
        let title = title.unwrap_or_default();
        let plain = title.trim_start_matches(|c: char| c.is_ascii_digit()).strip_prefix(". ").unwrap_or(&title);
        (t().print_phase)(plain)
    };
    let run_signal = Signal::derive(move || Some(run.get_value()));
    let playbook_href = ctx.nav.href(&ctx.playbook_page(&playbook_id.get_value()));

    view! {
        <main class="page run" class:record-mode=move || record.get() class:decision-mode=move || decision.with(Option::is_some) id="main" tabindex="-1">
            <nav class="crumbs" aria-label=move || t().breadcrumb>
                <a href=ctx.nav.href(&Page::Catalog)>{move || t().nav_catalog}</a>
                " › "
                <a href=playbook_href>{title}</a>
            </nav>
            <header class="run-head">
                <p class="dept">{move || t().run_label}</p>
                <h1>{name}</h1>
                <p class="run-meta">
                    {move || data.with(|r| r.as_ref().map(|r| (t().run_meta)(&crate::time::date(r.created, ctx.lang.get()), r.version)))}
                </p>
                <ProgressBar label=Signal::derive(move || t().overall.to_owned()) tally />
                <PhaseMap playbook run=run_signal />
                <div class="run-tools">
                    <nav class="view-switch" aria-label=move || t().view_label>
                        <a href=guided_href aria-current=move || (!list.get() && !record.get()).then_some("page")>{move || t().view_guided}</a>
                        <a href=list_href aria-current=move || list.get().then_some("page")>{move || t().view_list}</a>
                        <a href=record_href aria-current=move || record.get().then_some("page") data-testid="record-link">{move || ctx.t().view_record}</a>
                    </nav>
                    <Show when=move || !record.get()>
                        <button type="button" class="secondary" aria-expanded=move || print_menu.get().to_string()
                            aria-controls="print-menu" on:click=move |_| print_menu.update(|o| *o = !*o)>{move || t().print_run}</button>
                    </Show>
                    // The choices on a row of their own under the tools: never
                    // off the side of a narrow screen.
                    <Show when=move || print_menu.get() && !record.get()>
                        <div class="print-menu" id="print-menu" role="group" aria-label=move || t().print_run>
                            <button type="button" class="secondary" on:click=move |_| print_list(shown_phase())>{this_phase_label}</button>
                            <button type="button" class="secondary" on:click=move |_| print_list(None)>{move || t().print_all}</button>
                            <button type="button" class="secondary" on:click=print_record>{move || ctx.t().record_title}</button>
                        </div>
                    </Show>
                </div>
            </header>
            <DriftPanel playbook run />
            {move || completed.get().map(|kind| {
                let all_done = tally.get().complete();
                let next = playbook.with_value(|p| {
                    let i = p.phases.iter().position(|ph| ph.kind == kind)?;
                    let next = p.phases.get(i + 1)?;
                    Some((next.title.clone(), next.steps.first()?.id.clone()))
                });
                let title = playbook.with_value(|p| p.phase(kind).map(|ph| ph.title.clone()).unwrap_or_default());
                view! {
                    <section class="celebrate" role="status" aria-live="polite" data-testid="phase-complete">
                        <p class="celebrate-title">{move || if all_done { t().run_complete.to_owned() } else { (t().phase_complete)(&title) }}</p>
                        {(!all_done).then_some(()).and(next).map(|(next_title, first)| {
                            let href = step_href(first);
                            view! { <p><a class="button" href=href on:click=move |_| completed.set(None)>{move || (t().go_to_phase)(&next_title)}</a></p> }
                        })}
                        <button type="button" class="plain" aria-label=move || t().dismiss on:click=move |_| completed.set(None)>"×"</button>
                    </section>
                }
            })}
            {move || if let Some(step) = decision.get() {
                view! { <DecisionSheet playbook run step /> }.into_any()
            } else if record.get() {
                view! { <RecordView playbook source run /> }.into_any()
            } else if list.get() {
                // Another phase is a fresh list: no field of one phase's
                // steps is reused for another's.
                view! {
                    <Keyed key=Signal::derive(move || listed_phase.get().map_or("all", PhaseKind::id).to_owned())
                        children=keyed::build(move |phase: String| {
                            let phase = PhaseKind::from_id(&phase);
                            view! { <RunList playbook run phase print=print_pending /> }
                        }) />
                }.into_any()
            } else {
                // The side list stays while the team moves from step to step;
                // only the step panel and the pager follow the current step.
                view! {
                    <div class="guided">
                        <StepList playbook run current />
                        <div class="guided-main">
                            // Each step gets a fresh panel: its note, its
                            // fields show that step's values (issue 21).
                            <Keyed key=current children=keyed::build(move |id: String| {
                                let found = playbook.with_value(|p| {
                                    let (index, step) = p.steps().enumerate().find(|(_, s)| s.id == id)?;
                                    let phase = p.phases.iter().find(|ph| ph.steps.iter().any(|s| s.id == id))?;
                                    Some((step.clone(), index, phase.title.clone()))
                                });
                                let total = step_ids.with_value(Vec::len);
                                found.map(|(step, index, phase_title)| {
                                    let position = format!("{} ・ {}", phase_title, (t().step_position)(index + 1, total));
                                    let prev = neighbour(-1).map(step_href);
                                    let next = neighbour(1).map(step_href);
                                    view! {
                                        <StepPanel step run playbook position />
                                        <nav class="pager" aria-label=move || t().pager_label>
                                            {prev.map(|href| view! { <a class="button secondary" rel="prev" href=href>{move || t().prev_step}</a> })}
                                            {next.map(|href| view! { <a class="button" rel="next" href=href>{move || t().next_step}</a> })}
                                        </nav>
                                    }
                                })
                            }) />
                        </div>
                    </div>
                }.into_any()
            }}
            <OrphanedList playbook run />
            <Shortcuts open=help_open />
        </main>
    }
}

/// After moving with the keyboard, start reading at the new step.
fn focus_main() {
    if let Some(main) = document().get_element_by_id("main").and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = main.focus();
    }
}
