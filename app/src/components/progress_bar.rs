//! How far something is, as a bar and as words.

use leptos::prelude::*;
use tebiki::progress::Tally;

use crate::Ctx;

/// A labelled bar: `label` names what is measured ("全体", a phase).
#[component]
pub fn ProgressBar(#[prop(into)] label: Signal<String>, #[prop(into)] tally: Signal<Tally>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let words = move || {
        let t = tally.get();
        (ctx.t().done_of)(t.done, t.total, t.percent())
    };
    view! {
        <div class="progress" class:complete=move || tally.get().complete()>
            <span class="progress-label">{move || label.get()}</span>
            <progress max=move || tally.get().total.max(1) value=move || tally.get().done aria-label=move || format!("{} {}", label.get(), words())></progress>
            <span class="progress-words">{words}</span>
        </div>
    }
}
