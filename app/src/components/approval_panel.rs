//! An approval step: what its gate still waits for, and one box per
//! approver — signed (name, role, date, version, comment) or a form to sign.

use leptos::prelude::*;
use tebiki::progress::{Approval, Missing};
use tebiki::{Playbook, Step, StepKind};

use crate::Ctx;
use crate::components::decision::DecisionBlock;
use crate::components::prerequisite_panel::PrerequisitePanel;
use crate::components::send_back::SendBack;
use crate::handle::RunHandle;
use crate::time::now;

/// Where what is missing is entered: its step, at its field.
fn missing_href(ctx: Ctx, playbook: &Playbook, run: &str, missing: &Missing) -> Option<String> {
    let step = missing.step(playbook)?;
    let field = match missing {
        Missing::Prerequisite(_) => "prerequisite".to_owned(),
        Missing::Baseline(metric) => format!("metric-{metric}-baseline"),
        Missing::Signature { step, approver } => format!("sign-{step}-{approver}-name"),
    };
    let view = crate::route::RunView { run: run.to_owned(), step: Some(step.id.clone()), ..Default::default() };
    Some(format!("{}#{field}", view.href(&ctx.nav.pages(), &ctx.playbook_page(&playbook.meta.id))))
}

/// The printable decision summary of approval step `step`.
fn decision_href(ctx: Ctx, run: RunHandle, step: &str) -> String {
    let view =
        crate::route::RunView { run: run.id(), step: Some(step.to_owned()), decision: true, ..Default::default() };
    view.href(&ctx.nav.pages(), &ctx.playbook_page(&run.with_playbook(|p| p.meta.id.clone())))
}

/// The gate's state: open, or what it waits for, each item a link to where
/// it is entered.
#[component]
pub fn GateStatus(run: RunHandle, gate: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let gate = StoredValue::new(gate);
    let missing = Memo::new(move |_| run.with(|r, pb| gate.with_value(|g| r.gate(pb, g))).unwrap_or_default());
    let label = move || ctx.t().gate(&gate.get_value());
    view! {
        <div class="gate" class:open=move || missing.with(Vec::is_empty) data-testid="gate" role="status">
            {move || if missing.with(Vec::is_empty) {
                view! { <p><strong>{move || (t().gate_open)(&label())}</strong></p> }.into_any()
            } else {
                view! {
                    <p><strong>{move || (t().gate_closed)(&label())}</strong></p>
                    <ul>
                        {move || missing.get().iter().map(|m| {
                            let (text, href) = run.with_playbook(|pb| (m.describe(pb, ctx.t()), missing_href(ctx, pb, &run.id(), m)));
                            match href {
                                Some(href) => view! { <li><a href=href>{text}</a></li> }.into_any(),
                                None => view! { <li>{text}</li> }.into_any(),
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </div>
    }
}

#[component]
pub fn ApprovalPanel(run: RunHandle, step: StoredValue<Step>) -> impl IntoView {
    let StepKind::Approval { gate, approvers } = step.with_value(|s| s.kind.clone()) else { return ().into_any() };
    let version = run.with_playbook(|p| p.meta.version);
    let required = run.with_playbook(|p| p.meta.requires.clone()).filter(|_| gate == tebiki::progress::PILOT_GATE);
    let ctx = expect_context::<Ctx>();
    let (step_id, has_decision) = step.with_value(|s| (s.id.clone(), s.decision.is_some()));
    view! {
        <div class="tool approvals">
            <GateStatus run gate />
            {required.map(|required| view! { <PrerequisitePanel run required /> })}
            {has_decision.then(|| {
                let href = decision_href(ctx, run, &step_id);
                view! {
                    <details class="decision" open>
                        <summary>{move || ctx.t().decision_title}</summary>
                        <DecisionBlock run step=step_id.clone() />
                        <p><a href=href data-testid="decision-link">{move || ctx.t().decision_open}</a></p>
                    </details>
                }
            })}
            {approvers.into_iter().map(|approver| view! { <SignBox run step approver version /> }).collect_view()}
            <SendBack run step />
        </div>
    }
    .into_any()
}

#[component]
fn SignBox(run: RunHandle, step: StoredValue<Step>, approver: String, version: u32) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let role = run.with_playbook(|p| p.conditions.approver_role(&approver).to_owned());
    let approver = StoredValue::new(approver);
    let signed = Memo::new(move |_| {
        run.with(|r, _| step.with_value(|s| r.approval(s, &approver.get_value()).cloned())).flatten()
    });
    let name = RwSignal::new(String::new());
    let role_field = RwSignal::new(role.clone());
    let date = RwSignal::new(crate::time::iso_date(now()));
    let comment = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let sign = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let approval = Approval {
            name: name.get_untracked(),
            role: role_field.get_untracked(),
            date: date.get_untracked(),
            version,
            comment: comment.get_untracked(),
        };
        let result = run.change(|r, pb, now| step.with_value(|s| r.sign(pb, s, &approver.get_value(), approval, now)));
        match result {
            Ok(()) => {
                error.set(None);
                name.set(String::new());
                comment.set(String::new());
            }
            Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
        }
    };
    let unsign = move |_| {
        let _ = run.change(|r, _, now| {
            step.with_value(|s| r.unsign(s, &approver.get_value(), now));
            Ok(())
        });
    };
    let key = approver.with_value(|a| step.with_value(|s| format!("{}-{a}", s.id)));
    let heading = format!("sign-{key}");
    let role_title = role.clone();
    let labelled_by = heading.clone();
    view! {
        <section class="sign-box" aria-labelledby=labelled_by data-approver=approver.get_value()>
            <h3 id=heading>{role_title}</h3>
            {
                let who = role.clone();
                move || signed.with(Option::is_none).then(|| {
                    let who = who.clone();
                    view! { <p class="help sign-who">{move || (t().sign_who)(&who)}</p> }
                })
            }
            {move || match signed.get() {
                Some(a) => {
                    let older = a.version != version;
                    let v = a.version;
                    view! {
                        <dl class="signed">
                            <dt>{move || t().signer}</dt><dd>{a.name.clone()}</dd>
                            <dt>{move || ctx.t().role}</dt><dd>{a.role.clone()}</dd>
                            <dt>{move || t().date}</dt><dd>{let d = a.date.clone(); move || crate::time::entered_date(&d, ctx.lang.get())}</dd>
                            <dt>{move || ctx.t().version_label}</dt>
                            <dd>{move || (ctx.t().version)(v)}
                                {older.then(|| view! { <span class="chip warn-chip">{move || (t().signed_on_older)(v)}</span> })}
                            </dd>
                            {(!a.comment.is_empty()).then(|| view! { <dt>{move || t().comment}</dt><dd>{a.comment.clone()}</dd> })}
                        </dl>
                        <p><button type="button" class="secondary small" on:click=unsign>{move || t().unsign}</button></p>
                    }.into_any()
                }
                None => {
                    let (n, r, d, c) = (format!("sign-{key}-name"), format!("sign-{key}-role"), format!("sign-{key}-date"), format!("sign-{key}-comment"));
                    view! {
                        <form class="sign-form" on:submit=sign>
                            <div class="form-grid">
                                <div class="field">
                                    <label for=n.clone()>{move || t().signer}</label>
                                    <input id=n type="text" autocomplete="name" data-testid="signer" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev)) />
                                </div>
                                <div class="field">
                                    <label for=r.clone()>{move || ctx.t().role}</label>
                                    <input id=r type="text" prop:value=move || role_field.get() on:input=move |ev| role_field.set(event_target_value(&ev)) />
                                </div>
                                <div class="field">
                                    <label for=d.clone()>{move || t().date}</label>
                                    <input id=d type="date" prop:value=move || date.get() on:input=move |ev| date.set(event_target_value(&ev)) />
                                </div>
                                <div class="field wide">
                                    <label for=c.clone()>{move || t().comment_optional}</label>
                                    <input id=c type="text" prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev)) />
                                </div>
                            </div>
                            <p><button type="submit">{move || t().sign}</button></p>
                        </form>
                    }.into_any()
                }
            }}
            <p class="error" role="alert">{move || error.get()}</p>
        </section>
    }
}
