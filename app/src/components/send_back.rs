//! Sending back (差し戻し) at an approval step (`Run::send_back`): the form
//! that returns the work with a reason and the earlier steps to redo, the
//! gate's list of its returns, and the notice on a reopened step.

use leptos::prelude::*;
use tebiki::Step;

use crate::Ctx;
use crate::handle::RunHandle;

/// The returns made at approval step `step`, and the form to send back.
#[component]
pub fn SendBack(run: RunHandle, step: StoredValue<Step>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let (step_id, reasons) = step.with_value(|s| (s.id.clone(), s.send_back_reasons.clone()));
    // The metrics the playbook counts from returns, named in the form.
    let counted: Vec<String> = run.with_playbook(|p| {
        p.conditions.metrics.iter().filter(|m| m.counts.is_some()).map(|m| m.name.clone()).collect()
    });
    // The steps before this one, each with its phase's title: what may be redone.
    let earlier: Vec<(String, String)> = run.with_playbook(|p| {
        p.phases
            .iter()
            .flat_map(|ph| ph.steps.iter().map(move |s| (s.id.clone(), format!("{} ・ {}", ph.title, s.title))))
            .take_while(|(id, _)| *id != step_id)
            .collect()
    });
    let returns = Memo::new({
        let step_id = step_id.clone();
        move |_| {
            run.with(|r, p| {
                r.returns_at(&step_id)
                    .into_iter()
                    .map(|(ret, at)| {
                        let titles: Vec<String> = ret
                            .reopened
                            .iter()
                            .map(|id| p.step(id).map_or_else(|| id.clone(), |s| s.title.clone()))
                            .collect();
                        (at, ret.reason.clone(), titles, ret.by.clone())
                    })
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
        }
    });
    let reason = RwSignal::new(String::new());
    let chosen = RwSignal::new(Vec::<String>::new());
    let message = RwSignal::new(None::<(bool, String)>);
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let picked = chosen.get_untracked();
        let ids: Vec<&str> = picked.iter().map(String::as_str).collect();
        let typed = reason.get_untracked();
        let result = run.change(|r, p, now| step.with_value(|s| r.send_back(p, s, &typed, &ids, now)));
        match result {
            Ok(()) => {
                reason.set(String::new());
                chosen.set(Vec::new());
                message.set(Some((true, ctx.t().send_back_done.to_owned())));
            }
            Err(e) => message.set(Some((false, e.message(ctx.lang.get_untracked())))),
        }
    };
    let (reason_id, list_id, help_id) = (
        format!("send-back-{step_id}-reason"),
        format!("send-back-{step_id}-reasons"),
        format!("send-back-{step_id}-help"),
    );
    view! {
        <div class="send-back-box">
            {move || {
                let list = returns.get();
                (!list.is_empty()).then(|| view! {
                    <div class="returns" data-testid="gate-returns">
                        <p><strong>{(t().returns_at_gate)(list.len())}</strong></p>
                        <ul>
                            {list.into_iter().map(|(at, reason, titles, by)| {
                                let lang = ctx.lang.get();
                                let redo = if titles.is_empty() { String::new() } else {
                                    format!(" — {}：{}", t().send_back_steps, titles.join("、"))
                                };
                                view! { <li>{format!("{} {}：{reason}{redo}", crate::time::date_time(at, lang), by.shown(t()))}</li> }
                            }).collect_view()}
                        </ul>
                    </div>
                })
            }}
            <details class="send-back no-print" data-testid="send-back">
                <summary>{move || t().send_back}</summary>
                <form on:submit=send>
                    <p class="help" id=help_id.clone()>{move || t().send_back_help}</p>
                    {(!counted.is_empty()).then(|| {
                        let names = move || {
                            counted.join(if ctx.lang.get() == tebiki::Lang::Ja { "」「" } else { "”, “" })
                        };
                        view! { <p class="help" data-testid="send-back-counted">{move || (t().send_back_counted)(&names())}</p> }
                    })}
                    <div class="field">
                        <label for=reason_id.clone()>{move || t().send_back_reason}</label>
                        <input id=reason_id type="text" list=list_id.clone() autocomplete="off" aria-describedby=help_id
                            prop:value=move || reason.get() on:input=move |ev| reason.set(event_target_value(&ev)) />
                        <datalist id=list_id>
                            {reasons.into_iter().map(|r| view! { <option value=r></option> }).collect_view()}
                        </datalist>
                    </div>
                    <fieldset class="redo">
                        <legend>{move || t().send_back_steps}</legend>
                        {earlier.into_iter().map(|(id, label)| {
                            let input_id = format!("send-back-{}-{id}", step.with_value(|s| s.id.clone()));
                            let value = id.clone();
                            let label_for = input_id.clone();
                            view! {
                                <label class="check" for=label_for>
                                    <input type="checkbox" id=input_id
                                        prop:checked=move || chosen.with(|c| c.contains(&id))
                                        on:change=move |ev| {
                                            let on = event_target_checked(&ev);
                                            chosen.update(|c| {
                                                c.retain(|x| *x != value);
                                                if on { c.push(value.clone()); }
                                            });
                                        } />
                                    <span>{label}</span>
                                </label>
                            }
                        }).collect_view()}
                    </fieldset>
                    <p><button type="submit" class="secondary" data-testid="send-back-submit">{move || t().send_back_submit}</button></p>
                    <p role="status" class:error=move || message.with(|m| m.as_ref().is_some_and(|(ok, _)| !ok))>
                        {move || message.get().map(|(_, text)| text)}
                    </p>
                </form>
            </details>
        </div>
    }
}

/// Why a step is open again, while it is: the reason, who sent it back, when.
#[component]
pub fn SentBackNotice(run: RunHandle, step: StoredValue<Step>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let notice = Memo::new(move |_| {
        run.with(|r, _| step.with_value(|s| r.sent_back(s).map(|(ret, at)| (ret.reason.clone(), ret.by.clone(), at))))
            .flatten()
    });
    move || {
        notice.get().map(|(reason, by, at)| {
            let t = ctx.t();
            let when = crate::time::date_time(at, ctx.lang.get());
            view! { <p class="sent-back-notice" data-testid="sent-back">{(t.sent_back_notice)(&reason, &by.shown(t), &when)}</p> }
        })
    }
}
