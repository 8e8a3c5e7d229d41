//! The playbook's questions (「社外クラウドの AI サービスを使いますか」):
//! answered when a run starts and changeable at any time. An answer
//! excludes the steps and items that do not apply (`Run::set_answer`);
//! what was recorded on them stays, and comes back with another answer.

use leptos::prelude::*;
use tebiki::Question;

use crate::Ctx;
use crate::handle::RunHandle;
use crate::route::RunView;

/// One group of radio buttons per question, plus 「未回答」. `answers`: the
/// answer picked for each question, in order; `pick` is called with the
/// question's index and the answer chosen (`None`: unanswered).
#[component]
pub fn AnswerFields(
    questions: Vec<Question>,
    prefix: &'static str,
    #[prop(into)] answers: Signal<Vec<Option<String>>>,
    pick: Callback<(usize, Option<String>)>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    questions
        .into_iter()
        .enumerate()
        .map(|(i, q)| {
            let name = format!("{prefix}-{}", q.id);
            let is = move |choice: Option<&str>| answers.with(|a| a.get(i).and_then(|a| a.as_deref()) == choice);
            view! {
                <fieldset class="question">
                    <legend>{q.text.clone()}</legend>
                    <div class="choices">
                        {q.choices.iter().map(|c| {
                            let (mine, picked) = (c.id.clone(), c.id.clone());
                            view! {
                                <label class="choice">
                                    <input type="radio" name=name.clone() value=c.id.clone()
                                        prop:checked=move || is(Some(&mine))
                                        on:change=move |_| pick.run((i, Some(picked.clone()))) />
                                    {c.label.clone()}
                                </label>
                            }
                        }).collect_view()}
                        <label class="choice unanswered">
                            <input type="radio" name=name.clone() value=""
                                prop:checked=move || is(None)
                                on:change=move |_| pick.run((i, None)) />
                            {move || t().not_answered}
                        </label>
                    </div>
                </fieldset>
            }
        })
        .collect_view()
}

/// The run's answers, changeable, and what they exclude. Open while a
/// question is unanswered.
#[component]
pub fn QuestionsPanel(run: RunHandle) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let questions = run.with_playbook(|p| p.questions.clone());
    if questions.is_empty() {
        return ().into_any();
    }
    let answers = Memo::new(move |_| {
        run.with(|r, p| p.questions.iter().map(|q| r.answer_to(q).map(|c| c.id.clone())).collect::<Vec<_>>())
            .unwrap_or_default()
    });
    // Answers kept from an earlier version of a question that no longer
    // offers them: said, so that nobody wonders why nothing is excluded.
    let stale = Memo::new(move |_| {
        run.with(|r, p| {
            p.questions
                .iter()
                .filter_map(|q| {
                    r.answer(&q.id).filter(|a| q.choice(a).is_none()).map(|a| (q.text.clone(), a.to_owned()))
                })
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let playbook_id = run.with_playbook(|p| p.meta.id.clone());
    let excluded = Memo::new(move |_| {
        run.with(|r, p| {
            r.excluded(p)
                .into_iter()
                .map(|e| (e.step.id.clone(), e.step.title.clone(), e.item.map(|i| i.text.clone())))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
    });
    let unanswered = Memo::new(move |_| answers.with(|a| a.iter().filter(|a| a.is_none()).count()));
    let message = RwSignal::new(None::<String>);
    let ids = StoredValue::new(questions.iter().map(|q| q.id.clone()).collect::<Vec<_>>());
    let pick = Callback::new(move |(i, answer): (usize, Option<String>)| {
        let Some(id) = ids.with_value(|ids| ids.get(i).cloned()) else { return };
        match run.change(|r, p, now| r.set_answer(p, &id, answer.as_deref(), now)) {
            Ok(()) => message.set(Some((ctx.t().answers_saved)(excluded.with_untracked(Vec::len)))),
            Err(e) => message.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    });
    let open = unanswered.get_untracked() > 0;
    view! {
        <details class="questions-panel no-print" id="questions" data-testid="questions" open=open>
            <summary>{move || (t().answers_summary)(unanswered.get(), excluded.with(Vec::len))}</summary>
            <p class="help">{move || t().answers_help}</p>
            <AnswerFields questions prefix="answer" answers=answers pick />
            {move || stale.get().into_iter().map(|(question, answer)| view! {
                <p class="help stale-answer">{(ctx.t().answer_stale)(&question, &answer)}</p>
            }).collect_view()}
            <p class="saved" role="status">{move || message.get()}</p>
            {move || {
                let list = excluded.get();
                (!list.is_empty()).then(|| {
                    let base = ctx.nav.pages();
                    let page = ctx.playbook_page(&playbook_id);
                    view! {
                        <h3>{move || t().excluded_title}</h3>
                        <ul class="excluded-list" data-testid="excluded-list">
                            {list.into_iter().map(|(step, title, item)| {
                                let href = RunView { run: run.id(), step: Some(step), ..RunView::default() }.href(&base, &page);
                                view! { <li><a href=href>{title}</a>{item.map(|i| format!(" / {i}"))}</li> }
                            }).collect_view()}
                        </ul>
                    }
                })
            }}
        </details>
    }
    .into_any()
}

/// Open the questions panel and move to it (from a step the answers exclude).
pub fn show_questions() {
    let Some(panel) = document().get_element_by_id("questions") else { return };
    let _ = panel.set_attribute("open", "");
    panel.scroll_into_view();
    if let Some(summary) = panel.query_selector("summary").ok().flatten() {
        use wasm_bindgen::JsCast;
        if let Ok(summary) = summary.dyn_into::<web_sys::HtmlElement>() {
            let _ = summary.focus();
        }
    }
}
