//! Every step of a run beside the current one: where you are, what is done.
//!
//! Each phase is a disclosure (`<details>`). On a playbook of up to
//! [`ALL_OPEN_UP_TO`] steps every phase is open; on a longer one only the
//! phase of the current step is, and a phase's links are only built when it
//! is opened — a 500-step playbook's guided view builds about 170 links, not
//! 500. The list lives beside the step panel and stays while the team moves
//! from step to step; only the marks and the current step change in it.

use std::fmt::Write as _;

use leptos::prelude::*;
use tebiki::Playbook;
use tebiki::markdown::escape;
use tebiki::progress::Mark;

use crate::Ctx;
use crate::handle::RunHandle;
use crate::route::RunView;
use tebiki::text::Texts;

/// Up to this many steps, every phase of the list is open.
pub const ALL_OPEN_UP_TO: usize = 60;

#[component]
pub fn StepList(run: RunHandle, #[prop(into)] current: Signal<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let playbook_id = run.with_playbook(|p| p.meta.id.clone());
    let phases = run.with_playbook(|p| p.phases.clone());
    let all_open = run.with_playbook(Playbook::step_count) <= ALL_OPEN_UP_TO;
    // Every step's mark, in playbook order: one signal per step, set by one
    // pass over the run when anything in it changes, and only where
    // the mark changed. (A closure per step reading the runs would run for
    // all steps — 500 on a large playbook — on every keystroke in a note.)
    let marks_now = move || {
        run.with_untracked(|r, pb| pb.steps().map(|s| r.step_mark(s)).collect::<Vec<_>>())
            .unwrap_or_else(|| run.with_playbook(|pb| vec![Mark::default(); pb.step_count()]))
    };
    let marks: Vec<RwSignal<Mark>> = marks_now().into_iter().map(RwSignal::new).collect();
    let signals = marks.clone();
    Effect::new(move |_| {
        run.track();
        for (signal, now) in signals.iter().zip(marks_now()) {
            if signal.with_untracked(|m| *m != now) {
                signal.set(now);
            }
        }
    });
    let marks = StoredValue::new(marks);
    let mut first = 0;
    view! {
        <nav class="step-list" aria-label=move || t().step_list>
            {phases
                .into_iter()
                .map(|phase| {
                    let kind = phase.kind;
                    let offset = first;
                    first += phase.steps.len();
                    let tally = move || {
                        run.with(|r, pb| pb.phase(kind).map(|ph| r.phase_tally(ph))).flatten().unwrap_or_default()
                    };
                    let ids = StoredValue::new(phase.steps.iter().map(|s| s.id.clone()).collect::<Vec<_>>());
                    let holds_current = Memo::new(move |_| current.with(|c| ids.with_value(|ids| ids.contains(c))));
                    // What the user chose by opening or closing the phase;
                    // until then it is open when it holds the current step.
                    // The choice lasts until the current step enters or
                    // leaves the phase: the list follows where the team is.
                    let chosen = RwSignal::new(None::<bool>);
                    Effect::new(move |before: Option<bool>| {
                        let now = holds_current.get();
                        if before.is_some_and(|b| b != now) {
                            chosen.set(None);
                        }
                        now
                    });
                    let open = Memo::new(move |_| chosen.get().unwrap_or_else(|| all_open || holds_current.get()));
                    let steps = StoredValue::new(phase.steps);
                    let playbook_id = playbook_id.clone();
                    view! {
                        <details
                            class="step-group"
                            prop:open=move || open.get()
                            on:toggle=move |ev| {
                                let now = event_target::<web_sys::HtmlDetailsElement>(&ev).open();
                                if now != open.get_untracked() {
                                    chosen.set(Some(now));
                                }
                            }
                        >
                            <summary class="group-title">
                                <span>{phase.title.clone()}</span>
                                <span class="group-count">{move || { let t = tally(); format!("{}/{}", t.done, t.total) }}</span>
                            </summary>
                            {move || open.get().then(|| {
                                // The links as one block of HTML (building ~170
                                // links as reactive nodes cost a 500-step run
                                // page about 35 ms); the marks and the current
                                // step are then kept up to date in place.
                                let texts = t();
                                let ol = NodeRef::<leptos::html::Ol>::new();
                                let shown: Vec<Mark> = marks.with_value(|m| steps.with_value(|s| (0..s.len()).map(|i| m[offset + i].get_untracked()).collect()));
                                let here = current.get_untracked();
                                let base = ctx.nav.pages();
                                let page = ctx.playbook_page(&playbook_id);
                                let html = steps.with_value(|steps| {
                                    let mut out = String::with_capacity(steps.len() * 300);
                                    for (step, mark) in steps.iter().zip(&shown) {
                                        let href = RunView { run: run.id(), step: Some(step.id.clone()), ..RunView::default() }.href(&base, &page);
                                        link_html(&mut out, &href, &step.title, mark, step.id == here, texts);
                                    }
                                    out
                                });
                                let shown = StoredValue::new(shown);
                                Effect::new(move |_| {
                                    let Some(ol) = ol.get() else { return };
                                    let items = ol.children();
                                    shown.update_value(|shown| {
                                        for (i, was) in shown.iter_mut().enumerate() {
                                            let now = marks.with_value(|m| m[offset + i].get());
                                            if *was != now && let Some(li) = items.item(i as u32) {
                                                show_mark(&li, &now, texts);
                                                *was = now;
                                            }
                                        }
                                    });
                                });
                                Effect::new(move |_| {
                                    let Some(ol) = ol.get() else { return };
                                    let at = current.with(|c| ids.with_value(|ids| ids.iter().position(|id| id == c)));
                                    let items = ol.children();
                                    for i in 0..items.length() {
                                        let Some(a) = items.item(i).and_then(|li| li.first_element_child()) else { continue };
                                        if Some(i as usize) == at {
                                            let _ = a.set_attribute("aria-current", "step");
                                        } else if a.has_attribute("aria-current") {
                                            let _ = a.remove_attribute("aria-current");
                                        }
                                    }
                                });
                                view! { <ol node_ref=ol inner_html=html></ol> }
                            })}
                        </details>
                    }
                })
                .collect_view()}
        </nav>
    }
}

/// The class, the symbol and the words for a mark.
fn mark_look(mark: &Mark, t: &Texts) -> (&'static str, &'static str, &'static str) {
    match mark {
        Mark::Open => ("open", "○", t.status_open),
        Mark::Done => ("done", "✓", t.status_done),
        Mark::Na { .. } => ("na", "－", t.not_applicable),
    }
}

/// One step's link in the list, as HTML (the title escaped).
fn link_html(out: &mut String, href: &str, title: &str, mark: &Mark, current: bool, t: &Texts) {
    let (class, symbol, words) = mark_look(mark, t);
    let current = if current { r#" aria-current="step""# } else { "" };
    let _ = write!(
        out,
        r#"<li class="{class}"><a href="{}"{current}><span class="mark" aria-hidden="true">{symbol}</span><span>{}</span><span class="visually-hidden">（{words}）</span></a></li>"#,
        escape(href),
        escape(title),
    );
}

/// Show `mark` on a link built by [`link_html`].
fn show_mark(li: &web_sys::Element, mark: &Mark, t: &Texts) {
    let (class, symbol, words) = mark_look(mark, t);
    li.set_class_name(class);
    let Some(parts) = li.first_element_child().map(|a| a.children()) else { return };
    if let Some(span) = parts.item(0) {
        span.set_text_content(Some(symbol));
    }
    if let Some(span) = parts.item(2) {
        span.set_text_content(Some(&format!("（{words}）")));
    }
}

/// Mounted in real headless Chromium (wasm-bindgen-test; see `scripts/test`).
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::*;
    use crate::testing::{self, all, tick, unmount};

    wasm_bindgen_test_configure!(run_in_browser);

    fn groups() -> Vec<web_sys::HtmlDetailsElement> {
        all(".step-list details").into_iter().map(|e| e.dyn_into().unwrap()).collect()
    }

    fn mount(playbook: &Playbook, current: RwSignal<String>) -> (web_sys::HtmlElement, crate::storage::runs::Store) {
        testing::mount(playbook, move |run| view! { <StepList run current /> })
    }

    fn step_ids(playbook: &Playbook, phase: usize) -> Vec<String> {
        playbook.phases[phase].steps.iter().map(|s| s.id.clone()).collect()
    }

    #[wasm_bindgen_test]
    async fn a_long_playbook_opens_the_current_phase_and_builds_the_others_on_demand() {
        let playbook = tebiki::parse(&tebiki::synthetic::playbook("long", 90, 1)).0.unwrap();
        assert!(playbook.step_count() > ALL_OPEN_UP_TO);
        let first = step_ids(&playbook, 0);
        let second = step_ids(&playbook, 1);
        let third = step_ids(&playbook, 2);
        let current = RwSignal::new(first[0].clone());
        let (container, store) = mount(&playbook, current);
        tick().await;
        let open = || groups().iter().map(web_sys::HtmlDetailsElement::open).collect::<Vec<_>>();
        assert_eq!(open(), [true, false, false]);
        assert_eq!(all(".step-list li").len(), first.len(), "only the open phase's links are built");
        assert_eq!(all(".step-list [aria-current=step]").len(), 1);

        // A mark set in the run shows at once in the list, and in the phase's count.
        let step = playbook.phases[0].steps[3].clone();
        store
            .change(|progress, now| {
                let run = progress.run_mut("r1")?;
                for item in &step.items {
                    run.set_item(&step, &item.id, Mark::Done, now.clone())?;
                }
                run.set_step(&playbook, &step, Mark::Done, now)
            })
            .unwrap();
        tick().await;
        let link = document().query_selector(&format!(".step-list a[href$='step={}']", first[3])).unwrap().unwrap();
        assert_eq!(link.closest("li").unwrap().unwrap().class_name(), "done");
        assert_eq!(all(".step-list .group-count")[0].text_content().unwrap(), format!("1/{}", first.len()));

        // Opening the third phase by hand builds its links.
        all(".step-list summary")[2].dyn_ref::<web_sys::HtmlElement>().unwrap().click();
        tick().await;
        assert_eq!(open(), [true, false, true]);
        assert_eq!(all(".step-list li").len(), first.len() + third.len());

        // Moving to a step of the second phase opens it and closes the first;
        // the third stays as the user left it.
        current.set(second[3].clone());
        tick().await;
        assert_eq!(open(), [false, true, true]);
        assert_eq!(all(".step-list li").len(), second.len() + third.len());
        let here = &all(".step-list [aria-current=step]")[0];
        assert!(here.get_attribute("href").unwrap().contains(&second[3]));

        unmount(container, store);
    }

    #[wasm_bindgen_test]
    async fn a_short_playbook_shows_every_step() {
        let playbook = tebiki::parse(include_str!("../../../tests/fixtures/valid/every-feature.md")).0.unwrap();
        let current = RwSignal::new(playbook.steps().next().unwrap().id.clone());
        let (container, store) = mount(&playbook, current);
        tick().await;
        assert!(groups().iter().all(web_sys::HtmlDetailsElement::open));
        assert_eq!(all(".step-list li").len(), playbook.step_count());
        unmount(container, store);
    }
}
