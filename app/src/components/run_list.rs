//! The list view of a run: every step of one phase (or of all phases) as a
//! full step panel, to work through or to print.
//!
//! A step panel with its checklist, note and tools takes about a millisecond
//! to build, so a long phase would freeze the page for half a second. The
//! first steps (a screenful) are built with the page; the rest follow a
//! slice per animation frame, each slice sized so that a frame's work stays
//! near 25 ms on this machine and on slower ones. The list says
//! `aria-busy` until the last slice is in. A list asked to print (one
//! phase or all) prints once its last slice is in; the browser's own print builds
//! whatever is left first.

use leptos::prelude::*;
use tebiki::{PhaseKind, Playbook, Step};

use crate::Ctx;
use crate::components::progress_bar::ProgressBar;
use crate::components::step_panel::StepPanel;
use crate::handle::RunHandle;

/// Steps built with the page, before the first slice: more than a tall
/// screen shows.
pub const FIRST: usize = 2 * GROUP;
/// Steps per group that appears at once; slices are whole groups.
const GROUP: usize = 4;
/// The most groups one frame may add.
const MAX_GROUPS: usize = 16;

/// `phase`: the one phase to list, or all when `None`. `print`: printing
/// of a list was asked for (`Some(phase)`); the list of that phase (of all
/// phases) prints once every step's panel is in the page, and clears it.
/// `only`: list only these steps (by id), and only the phases that hold one.
#[component]
pub fn RunList(
    run: RunHandle,
    phase: Option<PhaseKind>,
    print: RwSignal<Option<Option<PhaseKind>>>,
    #[prop(optional)] only: Option<Vec<String>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let total_steps = run.with_playbook(Playbook::step_count);
    let phases = run.with_playbook(|p| {
        let mut offset = 0;
        p.phases
            .iter()
            .filter_map(|ph| {
                let first = offset;
                offset += ph.steps.len();
                let steps: Vec<(usize, Step)> = (first..)
                    .zip(&ph.steps)
                    .filter(|(_, s)| only.as_ref().is_none_or(|ids| ids.contains(&s.id)))
                    .map(|(n, s)| (n, s.clone()))
                    .collect();
                (phase.is_none_or(|k| k == ph.kind) && !steps.is_empty()).then(|| (ph.kind, ph.title.clone(), steps))
            })
            .collect::<Vec<_>>()
    });
    let listed = phases.iter().map(|(.., steps)| steps.len()).sum::<usize>();
    let built = RwSignal::new(FIRST.min(listed));
    Effect::new(move |_| {
        if print.get() == Some(phase) && built.get() >= listed {
            print.set(None);
            // In the next frame: the last slice is laid out by then.
            request_animation_frame(|| drop(window().print()));
        }
    });
    if listed > FIRST {
        grow(built, listed, 2, None);
    }
    // The browser's own print (Ctrl+P) gets every step: the rest is built
    // before it lays the page out.
    let before_print = window_event_listener_untyped("beforeprint", move |_| {
        let _ = built.try_set(listed);
    });
    on_cleanup(move || {
        before_print.remove();
        // A print of this list asked for and not done (the list was left)
        // is forgotten.
        if print.try_get_untracked() == Some(Some(phase)) {
            let _ = print.try_set(None);
        }
    });

    let mut listed_before = 0;
    view! {
            <div class="run-list-view" aria-busy=move || (built.get() < listed).then_some("true")>
                {phases.into_iter().map(|(kind, title, steps)| {
                    let phase_tally = Signal::derive(move || {
    run.with(|r, pb| pb.phase(kind).map(|ph| r.phase_tally(ph))).flatten().unwrap_or_default()
                    });
                    let panels = steps.chunks(GROUP).enumerate().map(|(g, group)| {
                        let start = listed_before + g * GROUP;
                        let group: Vec<(Step, String)> = group.iter().map(|(n, step)| {
                            (step.clone(), (t().step_position)(n + 1, total_steps))
                        }).collect();
                        let group = StoredValue::new(group);
                        // Built once, when the slices reach it (`built` only grows).
                        let reached = Memo::new(move |_| built.get() > start);
                        move || reached.get().then(|| {
                            group.get_value().into_iter().map(|(step, position)| {
                                view! { <StepPanel step run position compact=true /> }
                            }).collect_view()
                        })
                    }).collect_view();
                    listed_before += steps.len();
                    view! {
                        <section class="phase-list" data-phase=kind.id()>
                            <h2>{title.clone()}</h2>
                            <ProgressBar label=title tally=phase_tally />
                            {panels}
                        </section>
                    }
                }).collect_view()}
            </div>
        }
}

/// Adds `groups` groups of panels in the next animation frame, then more
/// in the frames after until all `listed` are built. The time between two
/// frames tells how long the last slice took: when it fitted in one frame
/// (60 Hz) the slice doubles, when it needed more than two it halves.
fn grow(built: RwSignal<usize>, listed: usize, groups: usize, last: Option<f64>) {
    request_animation_frame(move || {
        let now = js_sys::Date::now();
        let groups = match last.map(|last| now - last) {
            Some(took) if took < 20.0 => (groups * 2).min(MAX_GROUPS),
            Some(took) if took > 40.0 => (groups / 2).max(1),
            _ => groups,
        };
        // The list may have been left (another view, another run).
        let Some(next) = built.try_update(|b| {
            *b = (*b + groups * GROUP).min(listed);
            *b
        }) else {
            return;
        };
        if next < listed {
            grow(built, listed, groups, Some(now));
        }
    });
}

/// Mounted in real headless Chromium (wasm-bindgen-test; see `scripts/test`).
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use wasm_bindgen_test::*;

    use super::*;
    use wasm_bindgen::JsCast;

    use crate::testing::{frame, mount, tick, unmount};

    wasm_bindgen_test_configure!(run_in_browser);

    fn long_playbook() -> Playbook {
        tebiki::parse(&tebiki::synthetic::playbook("long", 90, 1)).0.unwrap()
    }

    fn in_list(container: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
        let list = container.query_selector_all(selector).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
    }

    fn listed(container: &web_sys::HtmlElement) -> Vec<String> {
        in_list(container, ".run-list-view .step-panel").iter().filter_map(|p| p.get_attribute("data-step")).collect()
    }

    fn busy(container: &web_sys::HtmlElement) -> Option<String> {
        container.query_selector(".run-list-view").unwrap().unwrap().get_attribute("aria-busy")
    }

    /// Headless Chromium has no print dialog: `window.print` is replaced by
    /// one that records how many steps were in the page at each call.
    fn record_prints(container: &web_sys::HtmlElement) -> std::rc::Rc<std::cell::RefCell<Vec<usize>>> {
        let printed = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
        let (seen, container) = (printed.clone(), container.clone());
        let spy =
            wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || seen.borrow_mut().push(listed(&container).len()));
        js_sys::Reflect::set(&window(), &"print".into(), spy.as_ref()).unwrap();
        spy.forget();
        printed
    }

    #[wasm_bindgen_test]
    async fn a_long_list_comes_in_slices_until_every_step_is_there() {
        let playbook = long_playbook();
        let order: Vec<String> = playbook.steps().map(|s| s.id.clone()).collect();
        let print = RwSignal::new(Some(None));
        let (container, store) = mount(&playbook, move |run| {
            view! { <RunList run phase=None print /> }
        });
        let printed = record_prints(&container);
        assert_eq!(listed(&container), order[..FIRST], "the first screenful is built with the page");
        assert_eq!(busy(&container).as_deref(), Some("true"));
        assert_eq!(print.get_untracked(), Some(None), "printing waits for the last slice");

        let mut frames = 0;
        while listed(&container).len() < order.len() {
            let before = listed(&container).len();
            frame().await;
            frames += 1;
            assert!(listed(&container).len() > before, "every frame adds steps");
            assert!(frames < 60, "all 90 steps in well under a second of frames");
        }
        assert!(frames > 1, "in more than one slice");
        assert_eq!(listed(&container), order, "every step once, in the playbook's order");
        assert_eq!(busy(&container), None);
        frame().await;
        assert_eq!(print.get_untracked(), None);
        assert_eq!(*printed.borrow(), [order.len()], "printed once, with every step in the page");
        unmount(container, store);
    }

    #[wasm_bindgen_test]
    async fn printing_builds_every_step_at_once() {
        let playbook = long_playbook();
        let (container, store) = mount(&playbook, move |run| {
            view! { <RunList run phase=None print=RwSignal::new(None) /> }
        });
        assert_eq!(listed(&container).len(), FIRST);
        window().dispatch_event(&web_sys::Event::new("beforeprint").unwrap()).unwrap();
        tick().await;
        assert_eq!(listed(&container).len(), playbook.step_count());
        assert_eq!(busy(&container), None);
        unmount(container, store);
    }

    #[wasm_bindgen_test]
    async fn one_phase_lists_its_own_steps_with_their_place_in_the_run() {
        let playbook = long_playbook();
        let second = playbook.phases[1].kind;
        // Printing every phase was asked for: the list of one phase does not print.
        let print = RwSignal::new(Some(None));
        let (container, store) = mount(&playbook, move |run| {
            view! { <RunList run phase=Some(second) print /> }
        });
        let printed = record_prints(&container);
        for _ in 0..60 {
            if busy(&container).is_none() {
                break;
            }
            frame().await;
        }
        frame().await;
        assert!(printed.borrow().is_empty() && print.get_untracked() == Some(None), "only the list asked for prints");
        let ids: Vec<String> = playbook.phases[1].steps.iter().map(|s| s.id.clone()).collect();
        assert_eq!(listed(&container), ids);
        let first_position = in_list(&container, ".run-list-view .step-panel .position")[0].text_content().unwrap();
        let before = playbook.phases[0].steps.len();
        assert_eq!(first_position, format!("ステップ {} / {}", before + 1, playbook.step_count()));
        assert_eq!(in_list(&container, ".run-list-view h2").len(), 1);
        unmount(container, store);
    }
}
