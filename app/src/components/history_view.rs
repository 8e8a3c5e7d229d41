//! The run's history: who changed what, and when, newest first, filtered
//! by step and by person. Long histories are shown a page at a time.

use leptos::prelude::*;
use tebiki::progress::people;

use crate::Ctx;
use crate::handle::RunHandle;
use crate::route::RunView;

/// Entries shown at first, and added by each "show more".
const PAGE: usize = 100;

/// One line of the timeline.
#[derive(Clone, PartialEq)]
struct Row {
    when: String,
    who: String,
    step: Option<(String, String)>,
    what: String,
}

#[component]
pub fn HistoryView(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    // "" = every step / everyone; a person's filter is their name ("\u{0}"
    // would be ambiguous: the unnamed have the empty name, so Some("")).
    let step_filter = RwSignal::new(String::new());
    let person_filter = RwSignal::new(None::<String>);
    let shown = RwSignal::new(PAGE);
    // The steps and the people that appear, for the filters.
    let choices = Memo::new(move |_| {
        run.with(|r, pb| {
            let mut steps: Vec<(String, String)> = Vec::new();
            for step in pb.steps() {
                if r.history.iter().any(|e| e.step_in(pb).is_some_and(|s| s.id == step.id)) {
                    steps.push((step.id.clone(), step.title.clone()));
                }
            }
            (steps, people(&r.history))
        })
        .unwrap_or_default()
    });
    let rows = Memo::new(move |_| {
        let lang = ctx.lang.get();
        let (limit, step, person) = (shown.get(), step_filter.get(), person_filter.get());
        run.with(|r, pb| {
            let t = ctx.t();
            let matching = r.history.iter().rev().filter(|e| {
                (step.is_empty() || e.step_in(pb).is_some_and(|s| s.id == step))
                    && person.as_ref().is_none_or(|p| *p == e.by.name)
            });
            let mut total = 0;
            let mut list = Vec::new();
            for entry in matching {
                total += 1;
                if list.len() < limit {
                    list.push(Row {
                        when: crate::time::date_time(entry.at, lang),
                        who: entry.who(t),
                        step: entry.step_in(pb).map(|s| (s.id.clone(), s.title.clone())),
                        what: entry.describe(pb, t),
                    });
                }
            }
            (list, total, r.history.len())
        })
        .unwrap_or_default()
    });
    let page = ctx.playbook_page(&run.with_playbook(|p| p.meta.id.clone()));
    let step_href =
        move |id: String| RunView { run: run.id(), step: Some(id), ..RunView::default() }.href(&ctx.nav.pages(), &page);
    view! {
        <section class="history" aria-labelledby="history-title" data-testid="history">
            <h2 id="history-title">{move || t().history_title}</h2>
            <p class="help">{move || t().history_lead}</p>
            <div class="form-grid history-filters">
                <div class="field">
                    <label for="history-step">{move || t().history_step}</label>
                    <select id="history-step" on:change=move |ev| { step_filter.set(event_target_value(&ev)); shown.set(PAGE); }>
                        <option value="" selected=move || step_filter.with(String::is_empty)>{move || t().history_all_steps}</option>
                        {move || choices.get().0.into_iter().map(|(id, title)| {
                            let chosen = id.clone();
                            view! { <option value=id selected=move || step_filter.with(|s| *s == chosen)>{title}</option> }
                        }).collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="history-person">{move || t().history_person}</label>
                    <select id="history-person" on:change=move |ev| {
                        let value = event_target_value(&ev);
                        // "*" is everyone; any other value is a name (the unnamed: "").
                        person_filter.set((value != "*").then(|| value.strip_prefix('=').unwrap_or(&value).to_owned()));
                        shown.set(PAGE);
                    }>
                        <option value="*" selected=move || person_filter.with(Option::is_none)>{move || t().history_all_people}</option>
                        {move || choices.get().1.into_iter().map(|name| {
                            let label = if name.is_empty() { t().who_unnamed.to_owned() } else { name.clone() };
                            let chosen = name.clone();
                            view! { <option value=format!("={name}") selected=move || person_filter.with(|p| p.as_deref() == Some(chosen.as_str()))>{label}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            {move || {
                let (list, total, all) = rows.get();
                if list.is_empty() {
                    return view! { <p>{move || t().history_empty}</p> }.into_any();
                }
                let more = list.len() < total;
                let shown_now = list.len();
                view! {
                    <p class="help" role="status">{move || (t().history_shown)(shown_now, total)}{(total != all).then(|| format!(" / {all}"))}</p>
                    <ol class="timeline">
                        {list.into_iter().map(|row| view! {
                            <li>
                                <p class="timeline-head">
                                    <span class="when">{row.when}</span>" ・ "<span class="by">{row.who}</span>
                                    {row.step.map(|(id, title)| view! { " ・ "<a href=step_href(id)>{title}</a> })}
                                </p>
                                <p class="what">{row.what}</p>
                            </li>
                        }).collect_view()}
                    </ol>
                    {more.then(|| view! {
                        <p><button type="button" class="secondary" on:click=move |_| shown.update(|n| *n += PAGE)>{move || t().history_more}</button></p>
                    })}
                }.into_any()
            }}
        </section>
    }
}
