//! The team's note on a step, saved as it is typed.

use leptos::prelude::*;

use crate::Ctx;

/// `initial`: the saved note. The field is not re-filled while typing, so
/// Japanese input (IME composition) is never interrupted.
#[component]
pub fn NoteField(id: String, initial: String, on_input: Callback<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let help = format!("{id}-help");
    let print_copy = RwSignal::new(initial.clone());
    view! {
        <div class="field note">
            <label for=id.clone()>{move || t().note}</label>
            <textarea id=id aria-describedby=help.clone() rows="3"
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    print_copy.set(text.clone());
                    on_input.run(text);
                }
            >{initial}</textarea>
            <p id=help class="help">{move || t().note_help}</p>
            <div class="note-print" aria-hidden="true">{move || print_copy.get()}</div>
        </div>
    }
}
