//! Adding one task to the worksheet, or changing one.

use leptos::prelude::*;
use tebiki::inventory::{self, DataClass, Field, Task};

use crate::Ctx;
use crate::components::worksheet::kind_options;
use crate::handle::RunHandle;

/// `editing`: the task being changed (its id and values); `None` adds a new one.
#[component]
pub fn TaskForm(run: RunHandle, editing: Option<(String, Task)>, on_saved: Callback<()>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let lang = move || ctx.lang.get();
    let initial: [String; 11] = match &editing {
        Some((_, task)) => [
            task.name.clone(),
            task.department.clone(),
            task.kind.label(ctx.lang.get_untracked()).to_owned(),
            tebiki::format_number(task.per_month),
            tebiki::format_number(task.minutes),
            task.people.map(|p| p.to_string()).unwrap_or_default(),
            task.exception_rate.map(tebiki::format_number).unwrap_or_default(),
            task.source.clone(),
            task.notes.clone(),
            task.data.map(|d| d.label(ctx.lang.get_untracked()).to_owned()).unwrap_or_default(),
            task.check_minutes.map(tebiki::format_number).unwrap_or_default(),
        ],
        None => Default::default(),
    };
    let values = initial.map(RwSignal::new);
    let error = RwSignal::new(None::<String>);
    let id = StoredValue::new(editing.as_ref().map(|(id, _)| id.clone()));
    let is_edit = editing.is_some();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let cells: Vec<String> = values.iter().map(|v| v.get_untracked()).collect();
        let lang = ctx.lang.get_untracked();
        let task = match inventory::task_from_fields(&cells) {
            Ok(task) => task,
            Err(e) => {
                error.set(Some(e.form_message(lang)));
                return;
            }
        };
        let result = run.change(|r, _, now| match id.get_value() {
            Some(id) => r.set_task(&id, task, now),
            None => r.add_tasks(vec![task], now, (js_sys::Math::random() * f64::from(u32::MAX)) as u32).map(drop),
        });
        match result {
            Ok(()) => {
                error.set(None);
                for v in values {
                    v.set(String::new());
                }
                on_saved.run(());
            }
            Err(e) => error.set(Some(e.message(lang))),
        }
    };
    let input = move |field: Field, i: usize, mode: &'static str| {
        let id = format!("task-{}", i);
        let required = matches!(field, Field::Name | Field::PerMonth | Field::Minutes);
        view! {
            <div class="field">
                <label for=id.clone()>{move || field.label(lang())}</label>
                <input id=id type="text" inputmode=mode required=required list=(field == Field::Source).then_some("sources")
                    prop:value=move || values[i].get() on:input=move |ev| values[i].set(event_target_value(&ev)) />
            </div>
        }
    };
    view! {
        <form class="task-form" on:submit=submit aria-labelledby="task-form-title" novalidate>
            <h4 id="task-form-title">{move || if is_edit { t().edit_task_title } else { t().add_task_title }}</h4>
            <div class="form-grid">
                {input(Field::Name, 0, "text")}
                {input(Field::Department, 1, "text")}
                <div class="field">
                    <label for="task-2">{move || Field::Kind.label(lang())}</label>
                    <select id="task-2" on:change=move |ev| values[2].set(event_target_value(&ev)) prop:value=move || values[2].get()>
                        <option value="">{move || t().choose}</option>
                        {move || kind_options(lang()).into_iter().map(|(_, label)| view! { <option value=label>{label}</option> }).collect_view()}
                    </select>
                </div>
                {input(Field::PerMonth, 3, "decimal")}
                {input(Field::Minutes, 4, "decimal")}
                {input(Field::People, 5, "numeric")}
                {input(Field::ExceptionRate, 6, "decimal")}
                {input(Field::Source, 7, "text")}
                <div class="field">
                    <label for="task-9">{move || Field::Data.label(lang())}</label>
                    <select id="task-9" aria-describedby="task-9-help" on:change=move |ev| values[9].set(event_target_value(&ev)) prop:value=move || values[9].get()>
                        <option value="">{move || t().data_not_said}</option>
                        {move || DataClass::ALL.map(|d| d.label(lang())).map(|label| view! { <option value=label>{label}</option> }).collect_view()}
                    </select>
                    <p id="task-9-help" class="help">{move || t().data_help}</p>
                </div>
                <div class="field">
                    <label for="task-10">{move || Field::CheckMinutes.label(lang())}</label>
                    <input id="task-10" type="text" inputmode="decimal" aria-describedby="task-10-help"
                        prop:value=move || values[10].get() on:input=move |ev| values[10].set(event_target_value(&ev)) />
                    <p id="task-10-help" class="help">{move || t().check_minutes_help}</p>
                </div>
                {input(Field::Notes, 8, "text")}
            </div>
            <datalist id="sources">
                {move || t().sources.iter().map(|s| view! { <option value=*s></option> }).collect_view()}
            </datalist>
            <p class="error" role="alert">{move || error.get()}</p>
            <p class="actions">
                <button type="submit">{move || if is_edit { ctx.t().save } else { t().add_task }}</button>
                {is_edit.then(|| view! { <button type="button" class="secondary" on:click=move |_| on_saved.run(())>{move || ctx.t().cancel}</button> })}
            </p>
        </form>
    }
}
