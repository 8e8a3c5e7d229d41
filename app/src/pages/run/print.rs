//! Printing a run: the person chooses this phase, every phase or the
//! success record. The list prints once its last panel is in the page
//! (`RunList`); the record in the frame after it is shown. The address is
//! replaced, not pushed, and put back after printing: the person is left
//! where they were (issue 21).

use leptos::prelude::*;
use tebiki::PhaseKind;

use super::links::Links;
use crate::Ctx;
use crate::handle::RunHandle;

/// The print button and its menu. `shown`: the phase on screen (this
/// phase's choice); `pending`: the list print asked for, which `RunList`
/// carries out; `hidden`: on the record, which has its own print button.
/// It stays mounted while hidden, to put the address back after printing.
#[component]
pub fn PrintMenu(
    run: RunHandle,
    links: Links,
    #[prop(into)] shown: Signal<Option<PhaseKind>>,
    pending: RwSignal<Option<Option<PhaseKind>>>,
    #[prop(into)] hidden: Signal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let open = RwSignal::new(false);
    let return_to = StoredValue::new(None::<String>);
    let here = || {
        let location = window().location();
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default())
    };
    let print_list = move |which: Option<PhaseKind>| {
        open.set(false);
        return_to.set_value(Some(here()));
        let target = links.list(which);
        pending.set(Some(which));
        if target != here() {
            ctx.nav.replace(&target);
        }
    };
    let print_record = move |_| {
        open.set(false);
        return_to.set_value(Some(here()));
        ctx.nav.replace(&links.record());
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
        let kind = shown.get();
        let title = run.with_playbook(|p| p.phases.iter().find(|ph| Some(ph.kind) == kind).map(|ph| ph.title.clone()));
        // 「1. 棚卸し」 reads 「棚卸し」 here: the number says nothing in a menu.
        let title = title.unwrap_or_default();
        let plain = title.trim_start_matches(|c: char| c.is_ascii_digit()).strip_prefix(". ").unwrap_or(&title);
        (t().print_phase)(plain)
    };
    view! {
        <Show when=move || !hidden.get()>
            <button type="button" class="secondary" aria-expanded=move || open.get().to_string()
                aria-controls="print-menu" on:click=move |_| open.update(|o| *o = !*o)>{move || t().print_run}</button>
        </Show>
        // The choices on a row of their own under the tools: never off the
        // side of a narrow screen.
        <Show when=move || open.get() && !hidden.get()>
            <div class="print-menu" id="print-menu" role="group" aria-label=move || t().print_run>
                <button type="button" class="secondary" on:click=move |_| print_list(shown.get_untracked())>{this_phase_label}</button>
                <button type="button" class="secondary" on:click=move |_| print_list(None)>{move || t().print_all}</button>
                <button type="button" class="secondary" on:click=print_record>{move || ctx.t().record_title}</button>
            </div>
        </Show>
    }
}
