//! One checklist item: check it, or mark it not applicable with a reason.

use leptos::prelude::*;
use tebiki::progress::Mark;
use tebiki::{Item, Step};

use crate::handle::RunHandle;

use crate::components::na_control::NaControl;

#[component]
pub fn ItemRow(step: StoredValue<Step>, item: Item, run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<crate::Ctx>();
    let item = StoredValue::new(item);
    let mark = Signal::derive(move || {
        run.with(|r, _| step.with_value(|s| item.with_value(|i| r.item_mark(s, i)))).unwrap_or_default()
    });
    let set = move |m: Mark| {
        let item_id = item.with_value(|i| i.id.clone());
        run.change(|r, _, now| step.with_value(|s| r.set_item(s, &item_id, m, now)))
    };
    // Why the team's answers exclude the item, while they do.
    let excluded = Memo::new(move |_| {
        run.with(|r, _| step.with_value(|s| item.with_value(|i| r.item_unmet(s, i).map(|c| c.reason(ctx.t())))))
            .flatten()
    });
    let dom_id = step.with_value(|s| item.with_value(|i| format!("item-{}-{}", s.id, i.id)));
    let (html, text, na_allowed) = item.with_value(|i| (i.html.clone(), i.text.clone(), i.na_allowed));
    view! {
        <li class="item" class:done=move || mark.get() == Mark::Done class:na=move || matches!(mark.get(), Mark::Na { .. })
            class:excluded=move || excluded.with(Option::is_some)>
            <input type="checkbox" id=dom_id.clone()
                prop:checked=move || mark.get() == Mark::Done
                disabled=move || matches!(mark.get(), Mark::Na { .. })
                on:change=move |ev| {
                    let mark = if event_target_checked(&ev) { Mark::Done } else { Mark::Open };
                    let _ = set(mark);
                } />
            // Rendered by the core's sanitiser: no script, no handlers, safe URLs only.
            <label for=dom_id.clone() inner_html=html></label>
            <Show when=move || na_allowed && excluded.with(Option::is_none)>
                <NaControl id=dom_id.clone() subject=text.clone() mark apply=Callback::new(set) />
            </Show>
            {move || excluded.get().map(|reason| view! { <p class="help excluded-reason">{reason}</p> })}
        </li>
    }
}
