//! By when: each step's date and where it stands (期限内・まもなく期限・
//! 期限切れ), the fields that move a date or a start, the header's count of
//! late steps, and the run's schedule with its calendar file. The dates
//! come from the handle's one schedule (`RunHandle::schedule`), worked out
//! once per change of the run.

use leptos::prelude::*;
use tebiki::dashboard::due_state_text;
use tebiki::day::Day;
use tebiki::progress::{DueState, Meeting, ProgressError, StartFrom, StepDates};
use tebiki::text::Texts;
use tebiki::{Lang, PhaseKind};

use crate::Ctx;
use crate::handle::RunHandle;

/// Where a step stands, for `data-state` and the chip's class.
pub fn state_id(state: DueState) -> &'static str {
    match state {
        DueState::Done => "done",
        DueState::NotApplicable => "na",
        DueState::OnTrack => "on-track",
        DueState::Soon => "soon",
        DueState::Overdue => "overdue",
    }
}

/// 「期限：2027年1月18日(月)」 and, while the step is still to do, where it
/// stands as a chip: a next step's date on the dashboard and the status page.
pub fn due_with_state(day: Day, state: DueState, t: &'static Texts, lang: Lang) -> impl IntoView {
    let colon = if lang == Lang::Ja { "：" } else { ": " };
    view! {
        {format!("{}{colon}{}", t.due_label, day.with_weekday(lang))}
        {due_state_text(state, t).map(|words| view! {
            " " <span class=format!("chip due-chip {}", state_id(state))>{words}</span>
        })}
    }
}

/// 「期限：2027年1月18日(月)」, or for a repeating step 「次回：…」, with the
/// meeting's time when the team set one.
fn when_text(dates: &StepDates, t: &Texts, lang: Lang) -> String {
    let label = if dates.dates.len() > 1 { t.due_next } else { t.due_label };
    let colon = if lang == Lang::Ja { "：" } else { ": " };
    let mut text = format!("{label}{colon}{}", dates.next.with_weekday(lang));
    if let Some(meeting) = dates.meeting {
        text.push(' ');
        text.push_str(&meeting.span_text(lang));
    }
    text
}

/// The playbook's guide for step `id` (「棚卸しの開始から 10 営業日」), and
/// whether the team moved the date.
fn guide_text(run: RunHandle, dates: &StepDates, t: &Texts) -> String {
    let guide = run.with_playbook(|p| p.step(&dates.step).and_then(|s| s.due).map(|d| d.describe(dates.phase, t)));
    let mut text = guide.unwrap_or_default();
    if dates.moved {
        text.push_str(t.due_moved);
    }
    text
}

/// A step's date and where it stands, with the field that moves it; nothing
/// for a step without a date.
#[component]
pub fn DueLine(run: RunHandle, step: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let id = step.clone();
    let dates = Memo::new(move |_| run.schedule().with(|s| s.as_ref().and_then(|s| s.step(&id).cloned())));
    // Built once while the step has a date: moving it updates the texts,
    // not the field being typed in.
    let dated = Memo::new(move |_| dates.with(Option::is_some));
    let state = move || dates.get().map(|d| d.state);
    move || {
        dated.get().then(|| {
            view! {
                <div class="due" data-testid="step-due" data-state=move || state().map(state_id)>
                    <p class="due-when">
                        <span>{move || dates.get().map(|d| when_text(&d, t(), ctx.lang.get()))}</span>
                        {move || state().and_then(|s| due_state_text(s, t()).map(|text| {
                            view! { " " <span class=format!("chip due-chip {}", state_id(s))>{text}</span> }
                        }))}
                    </p>
                    <p class="help due-guide">{move || dates.get().map(|d| guide_text(run, &d, t()))}</p>
                    <details class="due-edit no-print">
                        <summary>{move || t().due_edit}</summary>
                        <DueField run step=step.clone() id=format!("due-{step}") label=t().due_change.to_owned() />
                        <MeetingField run step=step.clone() />
                    </details>
                </div>
            }
        })
    }
}

/// A date field: shows the day in `value` (and whether the team set it),
/// saves a day typed or picked with `set`, offers going back (`set(None)`)
/// while the team's day is in place, and says what happened.
#[component]
fn DateField(
    id: String,
    #[prop(optional, into)] label: Option<String>,
    #[prop(optional, into)] described: Option<String>,
    value: Memo<Option<(Day, bool)>>,
    set: Callback<Option<Day>, Result<(), ProgressError>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let message = RwSignal::new(None::<String>);
    let save = move |day: Option<Day>| {
        message.set(Some(match set.run(day) {
            Ok(()) => ctx.t().due_saved.to_owned(),
            Err(e) => e.message(ctx.lang.get_untracked()),
        }));
    };
    view! {
        <span class="date-field">
            <input type="date" id=id aria-label=label aria-describedby=described
                prop:value=move || value.get().map(|(d, _)| d.to_string()).unwrap_or_default()
                on:change=move |ev| {
                    if let Some(day) = Day::parse(&event_target_value(&ev)) {
                        save(Some(day));
                    }
                } />
            {move || value.get().is_some_and(|(_, set_by_team)| set_by_team).then(|| view! {
                <button type="button" class="link" on:click=move |_| save(None)>{move || ctx.t().due_reset}</button>
            })}
            <span role="status" class="help">{move || message.get()}</span>
        </span>
    }
}

/// The date field of step `step`: changing it moves the step's (first)
/// date; going back gives it the playbook's again.
#[component]
pub fn DueField(run: RunHandle, step: String, id: String, label: String) -> impl IntoView {
    let step = StoredValue::new(step);
    let value = Memo::new(move |_| {
        run.schedule().with(|s| s.as_ref().and_then(|s| step.with_value(|id| s.step(id).map(|d| (d.first(), d.moved)))))
    });
    let set = Callback::new(move |day: Option<Day>| {
        run.change(|r, p, now| step.with_value(|id| p.step(id).map_or(Ok(()), |s| r.set_due(s, day, now))))
    });
    view! { <DateField id label value set /> }
}

/// The lengths a meeting is offered with, in minutes.
const MEETING_LENGTHS: [u16; 8] = [15, 30, 45, 60, 90, 120, 180, 240];

/// The time the team meets for step `step` (Japan time) and how long: the
/// calendar then has the step at that time instead of all day. Clearing the
/// time (or the button) makes it a deadline again.
#[component]
fn MeetingField(run: RunHandle, step: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let (at_id, length_id, help_id) =
        (format!("meeting-at-{step}"), format!("meeting-length-{step}"), format!("meeting-help-{step}"));
    let step = StoredValue::new(step);
    let meeting = Memo::new(move |_| {
        run.schedule().with(|s| s.as_ref().and_then(|s| step.with_value(|id| s.step(id).and_then(|d| d.meeting))))
    });
    let at = NodeRef::<leptos::html::Input>::new();
    let length = NodeRef::<leptos::html::Select>::new();
    let message = RwSignal::new(None::<String>);
    let save = move |value: Option<Meeting>| {
        let saved =
            run.change(|r, p, now| step.with_value(|id| p.step(id).map_or(Ok(()), |s| r.set_meeting(s, value, now))));
        message.set(Some(match saved {
            Ok(()) => ctx.t().meeting_saved.to_owned(),
            Err(e) => e.message(ctx.lang.get_untracked()),
        }));
    };
    // Either field changed: both are read, as one meeting.
    let changed = move |_| {
        let (Some(at), Some(length)) = (at.get_untracked(), length.get_untracked()) else { return };
        let text = at.value();
        if text.trim().is_empty() {
            if meeting.get_untracked().is_some() {
                save(None);
            }
            return;
        }
        let minutes = length.value().parse().unwrap_or(60);
        match Meeting::new(&text, minutes) {
            Some(m) => save(Some(m)),
            None => message.set(Some(ctx.t().meeting_invalid.to_owned())),
        }
    };
    let minutes = move || meeting.get().map_or(60, |m| m.minutes() as u16);
    view! {
        <fieldset class="meeting" data-testid="meeting">
            <legend>{move || t().meeting_title}</legend>
            <p class="help" id=help_id.clone()>{move || t().meeting_help}</p>
            <span class="meeting-fields">
                <span class="meeting-field">
                <label for=at_id.clone()>{move || t().meeting_at}</label>
                <input type="time" id=at_id step="300" node_ref=at aria-describedby=help_id
                    prop:value=move || meeting.get().map(|m| m.at()).unwrap_or_default()
                    on:change=changed />
                </span>
                <span class="meeting-field">
                <label for=length_id.clone()>{move || t().meeting_length}</label>
                <select id=length_id node_ref=length on:change=changed>
                    {move || {
                        let chosen = minutes();
                        let mut lengths = MEETING_LENGTHS.to_vec();
                        if !lengths.contains(&chosen) {
                            lengths.push(chosen);
                            lengths.sort_unstable();
                        }
                        lengths.into_iter().map(|n| view! {
                            <option value=n.to_string() selected=n == chosen>{(t().meeting_minutes)(u32::from(n))}</option>
                        }).collect_view()
                    }}
                </select>
                </span>
                {move || meeting.with(Option::is_some).then(|| view! {
                    <button type="button" class="link" on:click=move |_| save(None)>{move || t().meeting_clear}</button>
                })}
                <span role="status" class="help">{move || message.get()}</span>
            </span>
        </fieldset>
    }
}

/// 「期限切れ 1 件・まもなく期限 2 件」 under the run's title, linking to the
/// schedule; nothing while no step is late or close.
#[component]
pub fn DueAlerts(run: RunHandle, href: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let alerts = Memo::new(move |_| run.schedule().with(|s| s.as_ref().map(|s| s.alerts()).unwrap_or_default()));
    move || {
        let (overdue, soon) = alerts.get();
        (overdue + soon > 0).then(|| {
            view! {
                <p class="due-alerts" class:overdue={overdue > 0} data-testid="due-alerts">
                    <a href=href.clone()>{(ctx.t().schedule_alerts)(overdue, soon)}</a>
                </p>
            }
        })
    }
}

/// Where a start comes from, in words.
fn start_from(from: StartFrom, run_start: bool, t: &Texts) -> &'static str {
    match from {
        StartFrom::Set => t.start_from_set,
        StartFrom::RunStart if run_start => t.start_from_created,
        StartFrom::RunStart => t.start_from_run,
        StartFrom::FirstWork => t.start_from_work,
        StartFrom::Planned => t.start_from_planned,
    }
}

/// The start of the run (`phase` `None`) or of a phase: its date field, and
/// where the date comes from; the reset button, there once the team set it,
/// goes back to the day worked out.
#[component]
fn StartField(run: RunHandle, phase: Option<PhaseKind>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let start = Memo::new(move |_| {
        run.schedule().with(|s| {
            let s = s.as_ref()?;
            Some(match phase {
                None => (s.start, if s.start_set { StartFrom::Set } else { StartFrom::RunStart }),
                Some(kind) => s.phase(kind).map(|p| (p.start, p.from))?,
            })
        })
    });
    let value = Memo::new(move |_| start.get().map(|(day, from)| (day, from == StartFrom::Set)));
    let set = Callback::new(move |day: Option<Day>| run.change(|r, _, now| r.set_start(phase, day, now)));
    let id = format!("start-{}", phase.map_or("run", PhaseKind::id));
    let from_id = format!("{id}-from");
    let (testid, label_for) = (id.clone(), id.clone());
    let label = move || match phase {
        None => t().schedule_run_start.to_owned(),
        Some(kind) => (t().schedule_phase_start)(t().phase_names[kind as usize]),
    };
    view! {
        <div class="field" data-testid=testid>
            <label for=label_for>{label}</label>
            <DateField id described=from_id.clone() value set />
            <p class="help start-from" id=from_id>{move || start.get().map(|(_, from)| start_from(from, phase.is_none(), t()))}</p>
        </div>
    }
}

/// One row of the schedule: the step (a link to it), who does it, its date
/// and where it stands, and its date field.
#[component]
fn ScheduleRow(run: RunHandle, step: String, title: String, role: Option<String>, href: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let id = step.clone();
    let dates = Memo::new(move |_| run.schedule().with(|s| s.as_ref().and_then(|s| s.step(&id).cloned())));
    // Every row has the same cells, a step without a role an empty one.
    let people = role.clone().map_or_else(
        || view! { <span class="role"></span> }.into_any(),
        |r| {
            let owner = Memo::new({
                let r = r.clone();
                move |_| run.with(|run, _| run.owner(&r).map(str::to_owned)).flatten()
            });
            view! {
                <span class="role" class:unassigned=move || owner.with(Option::is_none)>
                    {move || (t().owner_of)(&r, owner.get().as_deref())}
                </span>
            }
            .into_any()
        },
    );
    let label = format!("{} — {}", title, t().due_change);
    view! {
        <li data-step=step.clone() data-state=move || dates.get().map_or("none", |d| state_id(d.state))>
            <a class="title" href=href>{title}</a>
            {people}
            <span class="when">
                {move || match dates.get() {
                    Some(d) => {
                        let t = t();
                        let lang = ctx.lang.get();
                        let chip = due_state_text(d.state, t)
                            .map(|s| view! { " " <span class=format!("chip due-chip {}", state_id(d.state))>{s}</span> });
                        view! { <span>{when_text(&d, t, lang)}</span>{chip} }.into_any()
                    }
                    None => view! { <span class="help">"—"</span> }.into_any(),
                }}
            </span>
            <DueField run step=step.clone() id=format!("schedule-due-{step}") label />
        </li>
    }
}

/// The run's dates: its start and each phase's, every step with its date,
/// and the calendar file.
#[component]
pub fn ScheduleView(run: RunHandle, step_href: Callback<String, String>, page: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let alerts = Memo::new(move |_| run.schedule().with(|s| s.as_ref().map(|s| s.alerts()).unwrap_or_default()));
    let has_guide = run.with_playbook(|p| p.steps().any(|s| s.due.is_some()));
    let phases = run.with_playbook(|p| {
        p.phases
            .iter()
            .map(|ph| {
                let steps: Vec<_> = ph.steps.iter().map(|s| (s.id.clone(), s.title.clone(), s.role.clone())).collect();
                (ph.kind, ph.title.clone(), steps)
            })
            .collect::<Vec<_>>()
    });
    let page = StoredValue::new(page);
    let download = move |_| {
        let now = crate::time::now();
        let file = run.with_untracked(|r, p| {
            let schedule = run.schedule().get_untracked()?;
            let text = schedule.calendar(r, p, Some(&page.get_value()), ctx.t(), now);
            Some((crate::storage::backup::calendar_file_name(&r.name.value), text))
        });
        if let Some((name, text)) = file.flatten() {
            crate::download::download(&name, "text/calendar;charset=utf-8", &text);
        }
    };
    view! {
        <section class="schedule" aria-labelledby="schedule-title" data-testid="schedule">
            <h2 id="schedule-title">{move || t().schedule_title}</h2>
            <p class="help">{move || if has_guide { t().schedule_help } else { t().schedule_none }}</p>
            <p class="due-alerts" class:overdue=move || { alerts.get().0 > 0 } data-testid="schedule-alerts">
                {move || { let (overdue, soon) = alerts.get(); (t().schedule_alerts)(overdue, soon) }}
            </p>
            <div class="form-grid starts">
                <StartField run phase=None />
                {phases.iter().map(|(kind, ..)| view! { <StartField run phase=Some(*kind) /> }).collect_view()}
            </div>
            {phases.into_iter().map(|(_, title, steps)| view! {
                <h3>{title}</h3>
                <ol class="schedule-steps">
                    {steps.into_iter().map(|(id, title, role)| {
                        let href = step_href.run(id.clone());
                        view! { <ScheduleRow run step=id title role href /> }
                    }).collect_view()}
                </ol>
            }).collect_view()}
            <p class="actions no-print">
                <button type="button" on:click=download data-testid="ics-download">{move || t().ics_download}</button>
            </p>
            <p class="help">{move || t().ics_help}</p>
        </section>
    }
}
