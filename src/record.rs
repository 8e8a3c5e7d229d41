//! The success record: what a run achieved, in the form that is attached to
//! an internal approval request and handed to the next department.
//!
//! [`Record`] gathers the facts once (scope, exceptions met during the run,
//! approvals, metrics before and after, the inventory summary, notes); the
//! app renders it as a printable page and [`Record::to_markdown`] writes it
//! as a markdown file. Everything a team typed is escaped so that the
//! markdown shows it as text.

use crate::decision::{Side, describe};
use crate::diagnostic::Lang;
use crate::inventory::{self, Summary, TaskKind};
use crate::model::{Decision, Direction, Metric, Playbook, StepKind, format_number};
use crate::progress::{Approval, Mark, Measurement, Prerequisite, RoiView, Run, Theme};
use crate::text::{Texts, texts};

/// One metric, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricOutcome<'a> {
    /// The metric's definition.
    pub metric: &'a Metric,
    /// The team's baseline.
    pub baseline: Option<f64>,
    /// For a metric measured from the pilot (no baseline): its first
    /// measurement, which the latest is compared with.
    pub first: Option<f64>,
    /// The target in force: `None` for a change from a start not yet known.
    pub target: Option<f64>,
    /// The newest measurement.
    pub latest: Option<f64>,
    /// Whether the latest value moved the right way from the baseline (or,
    /// for a metric measured from the pilot, from its first measurement).
    pub improved: Option<bool>,
    /// Whether the latest value reaches the target.
    pub reached: Option<bool>,
}

/// A not-applicable reason given during the run.
#[derive(Debug, Clone, PartialEq)]
pub struct ExceptionMet<'a> {
    /// The step's title.
    pub step: &'a str,
    /// The checklist item's text, when the item (not the step) was skipped.
    pub item: Option<&'a str>,
    /// Why.
    pub reason: Why<'a>,
}

/// Why something was skipped: the reason the team wrote, or the answer
/// that excludes it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Why<'a> {
    /// As written when it was marked not applicable.
    Written(&'a str),
    /// The condition the team's answers make false.
    Answer(&'a crate::model::Condition),
}

impl Why<'_> {
    /// In words, in `t`'s language for an answer.
    pub fn text(&self, t: &Texts) -> String {
        match self {
            Why::Written(reason) => (*reason).to_owned(),
            Why::Answer(condition) => condition.reason(t),
        }
    }
}

/// An approver's box on an approval step: signed or waiting.
#[derive(Debug, Clone, PartialEq)]
pub struct ApprovalBox<'a> {
    /// The gate the step opens.
    pub gate: &'a str,
    /// The approver's role as the playbook defines it.
    pub role: &'a str,
    /// The approver's id.
    pub approver: &'a str,
    /// The signature, if given.
    pub signed: Option<&'a Approval>,
}

/// A note written on a step (or on a step no longer in the playbook).
#[derive(Debug, Clone, PartialEq)]
pub struct NoteEntry<'a> {
    /// The step's title, or its id when the playbook no longer has it.
    pub step: &'a str,
    /// The note.
    pub text: &'a str,
}

/// Everything the success record shows.
#[derive(Debug, Clone, PartialEq)]
pub struct Record<'a> {
    /// The playbook followed.
    pub playbook: &'a Playbook,
    /// The run.
    pub run: &'a Run,
    /// The pilot theme, if picked.
    pub theme: Option<&'a Theme>,
    /// The playbook required before the pilot (by id), and how it was met.
    pub prerequisite: Option<(&'a str, Option<&'a Prerequisite>)>,
    /// Steps finished out of all.
    pub done: usize,
    /// All steps.
    pub total: usize,
    /// Each question of the playbook and the run's answer (its label;
    /// `None`: unanswered).
    pub answers: Vec<(&'a str, Option<&'a str>)>,
    /// Reasons given for skipping steps and items.
    pub exceptions_met: Vec<ExceptionMet<'a>>,
    /// Every approver of every approval step.
    pub approvals: Vec<ApprovalBox<'a>>,
    /// The decision of each approval step that has one, with its gate.
    pub decisions: Vec<(&'a str, &'a Decision)>,
    /// Every metric of the playbook.
    pub metrics: Vec<MetricOutcome<'a>>,
    /// Values recorded under metrics the playbook no longer has.
    pub orphaned_metrics: Vec<(&'a str, Option<f64>, Vec<&'a Measurement>)>,
    /// The ROI figures.
    pub roi: RoiView,
    /// The worksheet in numbers.
    pub inventory: Summary,
    /// Notes, in step order; notes of removed steps last.
    pub notes: Vec<NoteEntry<'a>>,
    /// Each role and the people who took it on (`None`: nobody was named).
    pub owners: Vec<(&'a str, Option<&'a str>)>,
    /// Every time the work was sent back at an approval, oldest first.
    pub returns: Vec<ReturnRow<'a>>,
    /// The evidence on each step, in step order: the step's title and the
    /// evidence.
    pub evidence: Vec<(&'a str, &'a crate::progress::Evidence)>,
}

/// One return of the work at an approval, as the record lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnRow<'a> {
    /// When.
    pub at: crate::progress::Millis,
    /// The approval step's title (its id when the playbook no longer has it).
    pub step: &'a str,
    /// Why.
    pub reason: &'a str,
    /// The titles of the steps reopened.
    pub reopened: Vec<&'a str>,
    /// Who sent it back.
    pub by: &'a crate::progress::Person,
}

/// The outcome of `metric` in `run`.
pub fn outcome<'a>(run: &Run, metric: &'a Metric) -> MetricOutcome<'a> {
    let baseline = run.baseline(metric);
    let target = run.target(metric);
    let measurements = run.measurements(metric);
    let latest = run.current(metric);
    let first = match (baseline, metric.from_pilot.is_some(), measurements.as_slice()) {
        (None, true, [(_, first), _, ..]) => Some(first.value),
        _ => None,
    };
    let improved = baseline.or(first).zip(latest).map(|(b, l)| metric.direction.improves(b, l));
    let reached = latest.zip(target).map(|(l, target)| match metric.direction {
        Direction::Up => l >= target,
        Direction::Down => l <= target,
    });
    MetricOutcome { metric, baseline, first, target, latest, improved, reached }
}

/// How many of the newest changes the record lists.
pub const LATEST_CHANGES: usize = 10;

/// Japan time: UTC + 9 h, in minutes.
const JAPAN_MINUTES: i32 = 9 * 60;

impl<'a> Record<'a> {
    /// Gather the record of `run` of `playbook`.
    pub fn new(playbook: &'a Playbook, run: &'a Run) -> Record<'a> {
        let mut exceptions_met = Vec::new();
        let mut approvals = Vec::new();
        let mut notes = Vec::new();
        for step in playbook.steps() {
            let excluded = run.unmet(&step.when);
            let record = run.record(step);
            match (excluded, record.map(|r| &r.mark.value)) {
                (Some(condition), _) => {
                    exceptions_met.push(ExceptionMet { step: &step.title, item: None, reason: Why::Answer(condition) });
                }
                (None, Some(Mark::Na { reason })) => {
                    exceptions_met.push(ExceptionMet { step: &step.title, item: None, reason: Why::Written(reason) });
                }
                _ => {}
            }
            // The items of an excluded step are not listed one by one.
            for item in step.items.iter().filter(|_| excluded.is_none()) {
                let mark = record
                    .and_then(|r| std::iter::once(&item.id).chain(&item.renamed_from).find_map(|id| r.items.get(id)));
                let reason = match (run.unmet(&item.when), mark.map(|m| &m.value)) {
                    (Some(condition), _) => Why::Answer(condition),
                    (None, Some(Mark::Na { reason })) => Why::Written(reason),
                    _ => continue,
                };
                exceptions_met.push(ExceptionMet { step: &step.title, item: Some(&item.text), reason });
            }
            if let Some(record) = record
                && !record.note.value.trim().is_empty()
            {
                notes.push(NoteEntry { step: &step.title, text: &record.note.value });
            }
            if let StepKind::Approval { gate, approvers } = &step.kind {
                for approver in approvers {
                    let role = playbook.conditions.approver_role(approver);
                    approvals.push(ApprovalBox { gate, role, approver, signed: run.approval(step, approver) });
                }
            }
        }
        for (id, record) in run.orphaned(playbook) {
            if !record.note.value.trim().is_empty() {
                notes.push(NoteEntry { step: id, text: &record.note.value });
            }
        }
        let tally = run.tally(playbook);
        let tasks = run.tasks();
        Record {
            playbook,
            run,
            theme: run.theme.value.as_ref(),
            prerequisite: playbook.meta.requires.as_deref().map(|id| (id, run.prerequisite())),
            done: tally.done,
            total: tally.total,
            answers: playbook
                .questions
                .iter()
                .map(|q| (q.text.as_str(), run.answer_to(q).map(|c| c.label.as_str())))
                .collect(),
            exceptions_met,
            approvals,
            decisions: playbook
                .steps()
                .filter_map(|s| match (&s.kind, &s.decision) {
                    (StepKind::Approval { gate, .. }, Some(d)) => Some((gate.as_str(), d)),
                    _ => None,
                })
                .collect(),
            metrics: playbook.conditions.metrics.iter().map(|m| outcome(run, m)).collect(),
            orphaned_metrics: run.orphaned_metrics(playbook),
            roi: run.roi_view(playbook),
            inventory: inventory::summarize(tasks.iter().map(|(_, t)| *t)),
            notes,
            owners: run.owner_list(playbook),
            returns: run
                .returns()
                .into_iter()
                .map(|(r, at)| {
                    let title = |id: &'a str| playbook.step(id).map_or(id, |s| s.title.as_str());
                    ReturnRow {
                        at,
                        step: title(&r.step),
                        reason: &r.reason,
                        reopened: r.reopened.iter().map(|id| title(id)).collect(),
                        by: &r.by,
                    }
                })
                .collect(),
            evidence: playbook
                .steps()
                .flat_map(|s| run.evidence_on(&s.id).into_iter().map(move |(_, e)| (s.title.as_str(), e)))
                .collect(),
        }
    }

    /// The newest `n` changes of the run's history (newest first), and how
    /// many there are in all.
    pub fn latest_changes(&self, n: usize) -> (Vec<&'a crate::progress::Entry>, usize) {
        let run: &'a Run = self.run;
        (run.history.iter().rev().take(n).collect(), run.history.len())
    }

    /// The record as markdown, in `lang`. `today` (`YYYY-MM-DD`) is the day
    /// it was made; times of changes are written in Japan time.
    pub fn to_markdown(&self, lang: Lang, today: &str) -> String {
        self.to_markdown_at(lang, today, JAPAN_MINUTES)
    }

    /// [`Record::to_markdown`] with times on a clock `offset_minutes` ahead
    /// of UTC (the browser's own).
    pub fn to_markdown_at(&self, lang: Lang, today: &str, offset_minutes: i32) -> String {
        let t = texts(lang);
        let meta = &self.playbook.meta;
        let mut out = String::new();
        let mut line = |s: String| {
            out.push_str(&s);
            out.push('\n');
        };
        line(format!("# {}: {}", t.record_title, text(&self.run.name.value)));
        line(String::new());
        line(format!(
            "- {}: {} ({}, {})",
            t.playbook_label,
            text(&meta.title),
            text(&meta.id),
            (t.version)(meta.version)
        ));
        line(format!("- {}: {}", t.department_label, text(&meta.department)));
        match self.theme {
            Some(theme) => line(format!("- {}: {} / {}", t.pilot_theme, text(&theme.department), text(&theme.task))),
            None => line(format!("- {}: {}", t.pilot_theme, text(&meta.theme))),
        }
        if let Some((required, how)) = self.prerequisite {
            line(format!("- {}: {}", t.prereq_title, prerequisite_text(required, how, t)));
        }
        line(format!("- {}: {} / {}", t.progress, self.done, self.total));
        line(format!("- {}: {}", t.made_on, today));
        line(String::new());

        line(format!("## {}", t.scope));
        line(String::new());
        for s in &self.playbook.conditions.scope {
            line(format!("- {}", text(s)));
        }
        line(String::new());
        line(format!("## {}", t.exceptions));
        line(String::new());
        for e in &self.playbook.conditions.exceptions {
            line(format!("- {}: {}", text(&e.work), text(&e.reason)));
        }
        line(String::new());
        if !self.answers.is_empty() {
            line(format!("### {}", t.answers_title));
            line(String::new());
            for (question, answer) in &self.answers {
                line(format!("- {}: {}", text(question), answer.map_or_else(|| t.unanswered.to_owned(), text)));
            }
            line(String::new());
        }
        line(format!("### {}", t.exceptions_met));
        line(String::new());
        if self.exceptions_met.is_empty() {
            line(t.none.to_owned());
        }
        for e in &self.exceptions_met {
            let what = match e.item {
                Some(item) => format!("{} / {}", text(e.step), text(item)),
                None => text(e.step),
            };
            line(format!("- {what}: {}", text(&e.reason.text(t))));
        }
        line(String::new());

        line(format!("## {}", t.approvals_title));
        line(String::new());
        line(format!(
            "| {} | {} | {} | {} | {} | {} |",
            t.gate_col, t.approvers, t.signer, t.date, t.version_label, t.comment
        ));
        line("|---|---|---|---|---|---|".to_owned());
        for a in &self.approvals {
            let gate = cell(&t.gate(a.gate));
            match a.signed {
                Some(s) => {
                    let mut version = (t.version)(s.version);
                    if s.version != meta.version {
                        version.push_str(t.older_version);
                    }
                    line(format!(
                        "| {gate} | {} | {} | {} | {version} | {} |",
                        cell(a.role),
                        cell(&s.name),
                        s.date,
                        cell(&s.comment)
                    ));
                }
                None => line(format!("| {gate} | {} | {} |  |  |  |", cell(a.role), t.not_signed_cell)),
            }
        }
        line(String::new());

        if !self.owners.is_empty() {
            line(format!("## {}", t.owners_title));
            line(String::new());
            line(format!("| {} | {} |", t.responsible, t.owners_col));
            line("|---|---|".to_owned());
            for (role, people) in &self.owners {
                line(format!("| {} | {} |", cell(role), people.map_or_else(|| format!("（{}）", t.unassigned), cell)));
            }
            line(String::new());
        }

        if !self.returns.is_empty() {
            line(format!("## {}", t.returns_title));
            line(String::new());
            let [when, step, reason, reopened, by] = t.returns_cols;
            line(format!("| {when} | {step} | {reason} | {reopened} | {by} |"));
            line("|---|---|---|---|---|".to_owned());
            for r in &self.returns {
                line(format!(
                    "| {} | {} | {} | {} | {} |",
                    crate::progress::date_time(r.at, offset_minutes),
                    cell(r.step),
                    cell(r.reason),
                    cell(&r.reopened.join("、")),
                    cell(&r.by.shown(t))
                ));
            }
            line(String::new());
        }

        if !self.evidence.is_empty() {
            line(format!("## {}", t.evidence_title));
            line(String::new());
            let [step, what, place] = t.evidence_cols;
            line(format!("| {step} | {what} | {place} |"));
            line("|---|---|---|".to_owned());
            for (title, e) in &self.evidence {
                line(format!("| {} | {} | {} |", cell(title), cell(&e.label), cell(&e.target)));
            }
            line(String::new());
        }

        for (gate, decision) in &self.decisions {
            self.decision_markdown(gate, decision, t, &mut line);
        }

        line(format!("## {}", t.metrics));
        line(String::new());
        line(format!("| {} | {} | {} | {} | {} |", t.metric, t.baseline, t.target, t.latest, t.result));
        line("|---|---:|---:|---:|---|".to_owned());
        for m in &self.metrics {
            let num = |v: Option<f64>| {
                v.map_or_else(|| "—".to_owned(), |v| format!("{} {}", format_number(v), cell(&m.metric.unit)))
            };
            let result = match (m.reached, m.improved) {
                (Some(true), _) => t.reached,
                (_, Some(true)) => t.improved,
                (_, Some(false)) => t.not_improved,
                _ => t.not_measured,
            };
            let start = match (m.baseline, m.metric.from_pilot.is_some()) {
                (None, true) => t.from_pilot.to_owned(),
                (b, _) => num(b),
            };
            line(format!(
                "| {} | {start} | {} | {} | {result} |",
                cell(&m.metric.name),
                m.target.map_or_else(|| target_text(m.metric, t), |v| num(Some(v))),
                num(m.latest)
            ));
        }
        line(String::new());
        if !self.orphaned_metrics.is_empty() {
            line(format!("### {}", t.orphaned_metrics));
            line(String::new());
            for (id, baseline, values) in &self.orphaned_metrics {
                let mut parts: Vec<String> = Vec::new();
                if let Some(b) = baseline {
                    parts.push(format!("{}: {}", t.baseline, format_number(*b)));
                }
                parts.extend(values.iter().map(|m| format!("{}: {}", m.date, format_number(m.value))));
                line(format!("- {}: {}", text(id), parts.join(t.list_separator)));
            }
            line(String::new());
        }
        if let Some(hours) = self.roi.hours_saved {
            line(format!("### {}", t.roi_title));
            line(String::new());
            line(format!("- {}: {}", t.hours_saved, inventory::round1(hours)));
            if let Some(v) = self.roi.monthly_value {
                line(format!("- {}: {}", t.monthly_value, yen(v)));
            }
            if let Some(c) = self.roi.tool_cost {
                line(format!("- {}: {}", t.tool_cost_monthly, yen(c)));
            }
            if let Some(n) = self.roi.net {
                line(format!("- {}: {}", t.net, yen(n)));
            }
            line(String::new());
        }

        line(format!("## {}", t.inventory_summary));
        line(String::new());
        let s = &self.inventory;
        line(format!("- {}", (t.inventory_totals)(s.tasks, &inventory::round1(s.hours).to_string())));
        for (kind, total) in TaskKind::ALL.iter().zip(&s.by_kind) {
            line(format!("- {}: {} / {} h", kind.label(lang), total.tasks, inventory::round1(total.hours)));
        }
        line(format!("- {}", (t.single_owner_count)(s.single_owner)));
        line(String::new());

        line(format!("## {}", t.notes_title));
        line(String::new());
        if self.notes.is_empty() {
            line(t.none.to_owned());
        }
        for n in &self.notes {
            line(format!("### {}", text(n.step)));
            line(String::new());
            for l in n.text.lines() {
                line(format!("> {}", text(l)));
            }
            line(String::new());
        }

        let (latest, all) = self.latest_changes(LATEST_CHANGES);
        if all > 0 {
            line(format!("## {}", t.history_title));
            line(String::new());
            line((t.history_latest)(latest.len(), all));
            line(String::new());
            for entry in latest {
                let when = crate::progress::date_time(entry.at, offset_minutes);
                let what = entry.describe(self.playbook, t);
                let step = entry.step_in(self.playbook).map(|s| format!("（{}）", s.title)).unwrap_or_default();
                line(format!("- {when} {}: {}{}", text(&entry.who(t)), text(&what), text(&step)));
            }
            line(String::new());
        }
        out.trim_end().to_owned() + "\n"
    }
}

impl Record<'_> {
    /// The 稟議 one-pager of `gate`: purpose, criteria with where each
    /// stands, cost, risks, when it is decided.
    fn decision_markdown(&self, gate: &str, d: &Decision, t: &Texts, line: &mut impl FnMut(String)) {
        let metrics = &self.playbook.conditions.metrics;
        line(format!("## {}", (t.decision_heading)(&t.gate(gate))));
        line(String::new());
        line(format!("- {}: {}", t.decision_purpose, text(&d.purpose)));
        if let Some(cost) = &d.cost {
            line(format!("- {}: {}", t.decision_cost, text(cost)));
        }
        if let Some(decide) = &d.decide {
            line(format!("- {}: {}", t.decision_when, text(decide)));
        }
        line(String::new());
        for (list, side, heading) in [(&d.go, Side::Go, t.decision_go), (&d.stop, Side::Stop, t.decision_stop)] {
            if list.is_empty() {
                continue;
            }
            line(format!("| {heading} | {} |", t.decision_status));
            line("|---|---|".to_owned());
            for c in list {
                line(format!("| {} | {} |", cell(&c.text), cell(&describe(c, side, metrics, self.run, t.lang))));
            }
            line(String::new());
        }
        if !d.risks.is_empty() {
            line(format!("| {} | {} | {} |", t.decision_risk, t.decision_info, t.decision_response));
            line("|---|---|---|".to_owned());
            for r in &d.risks {
                let info = r.info.as_deref().map_or_else(|| "—".to_owned(), cell);
                line(format!("| {} | {info} | {} |", cell(&r.risk), cell(&r.response)));
            }
            line(String::new());
        }
    }
}

/// How the required playbook was finished, in one line of markdown: the
/// same sentence the pilot gate shows.
fn prerequisite_text(required: &str, how: Option<&Prerequisite>, t: &Texts) -> String {
    let status = match how {
        None => t.prereq_not_confirmed.to_owned(),
        Some(Prerequisite::Run { name, date, .. }) => (t.prereq_met_here)(name, date),
        Some(Prerequisite::Elsewhere { by, date, reference }) => (t.prereq_met_elsewhere)(by, date, reference),
    };
    format!("{} — {}", text(required), text(&status))
}

/// A target not yet resolved (a change from a start still unknown), as the
/// playbook states it.
fn target_text(metric: &Metric, t: &Texts) -> String {
    cell(&metric.target.describe(&metric.unit, t))
}

/// Yen with thousands separators.
pub fn yen(value: f64) -> String {
    let rounded = value.round();
    let digits = format!("{}", rounded.abs() as u64);
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    let sign = if rounded < 0.0 { "-" } else { "" };
    format!("{sign}{grouped} 円")
}

/// A team's text as markdown that shows it literally, on one line.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '!' | '|' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim().to_owned()
}

/// Text for a table cell (already escaped by [`text`], pipes included).
fn cell(s: &str) -> String {
    text(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Progress, Roi};

    const FIXTURE: &str = include_str!("../tests/fixtures/valid/every-feature.md");

    #[test]
    fn the_record_says_who_took_on_each_role_and_which_are_unassigned() {
        let p = crate::parse(FIXTURE).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "情シス", "r1".into(), 1).unwrap();
        let run = progress.run_mut("r1").unwrap();
        run.set_owner("CISO", "高橋 | <b>一郎</b>", 2).unwrap();
        let run = progress.run("r1").unwrap();
        let md = Record::new(&p, run).to_markdown_at(Lang::Ja, "2026-12-06", 540);
        let section = md.split("## 担当者\n\n").nth(1).unwrap().split("\n\n").next().unwrap();
        assert_eq!(
            section,
            "| 担当 | 担当者 |\n|---|---|\n| 情報システム部 企画担当 | （未割り当て） |\n| 情報システム部長 | （未割り当て） |\n| CISO | 高橋 \\| \\<b\\>一郎\\</b\\> |"
        );
        let en = Record::new(&p, run).to_markdown_at(Lang::En, "2026-12-06", 540);
        assert!(en.contains("## Owners\n\n| Responsible | People |\n"), "{en}");
    }

    #[test]
    fn the_record_has_every_part_and_escapes_what_teams_typed() {
        let p = crate::parse(FIXTURE).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "情シス <script>alert(1)</script>", "r1".into(), 1).unwrap();
        let run = progress.run_mut("r1").unwrap();
        let tickets = &p.conditions.metrics[0];
        let fcr = &p.conditions.metrics[1];
        run.set_baseline(tickets, Some(1200.0), 2).unwrap();
        run.set_baseline(fcr, Some(40.0), 2).unwrap();
        run.add_measurement(tickets, "2026-12-01", 780.0, 3, 0).unwrap();
        run.add_measurement(fcr, "2026-12-01", 50.0, 3, 1).unwrap();
        let start = p.steps().find(|s| s.id == "approve-start").unwrap();
        let approval = Approval {
            name: "佐藤 | 課長".into(),
            role: "CISO".into(),
            date: "2026-11-20".into(),
            version: 11,
            comment: "[link](javascript:x)".into(),
        };
        run.sign(&p, start, "ciso", approval, 4).unwrap();
        let list = p.steps().find(|s| s.id == "list-tickets").unwrap();
        run.set_item(list, "second", Mark::Na { reason: "紙の申請はない".into() }, 5).unwrap();
        run.set_note(list, "一行目\n**太字ではない**", 6);
        run.set_roi(Roi { hourly_cost: Some(3000.0), tool_cost: Some(20000.0), hours_saved: Some(10.0) }, 7).unwrap();
        let run = progress.run("r1").unwrap();

        let record = Record::new(&p, run);
        assert_eq!(record.approvals.len(), 3);
        assert_eq!(record.exceptions_met.len(), 1);
        assert_eq!(record.metrics[0].reached, Some(true));
        assert_eq!(record.metrics[1].reached, Some(false));
        assert_eq!(record.metrics[1].improved, Some(true));

        let md = record.to_markdown(Lang::Ja, "2026-12-02");
        assert!(md.starts_with("# 成功記録: 情シス \\<script\\>alert(1)\\</script\\>\n"), "{md}");
        assert!(md.contains(
            "| パイロット開始 | CISO | 佐藤 \\| 課長 | 2026-11-20 | 第 11 版（旧版） | \\[link\\](javascript:x) |"
        ));
        assert!(md.contains("| パイロット開始 | 情報システム部長 | （未承認） |  |  |  |"));
        assert!(md.contains("| チケット数 | 1200 件/月 | 800.5 件/月 | 780 件/月 | 目標達成 |"));
        assert!(md.contains("| 一次解決率 | 40 % | 70 % | 50 % | 改善 |"));
        assert!(md.contains("- 問い合わせを書き出す / 二つ目は対象外にできる: 紙の申請はない"));
        assert!(md.contains("> 一行目\n> \\*\\*太字ではない\\*\\*"));
        assert!(md.contains("- 差し引き（月）: 10,000 円"));
        // Rendered, the record shows no markup from what teams typed.
        let html = crate::markdown::render(&md);
        assert!(!html.contains("<script"));
        assert!(!html.contains("href=\"javascript"));
        assert!(!html.contains("<strong>"));
        // The 稟議 one-pager of the pilot gate, each criterion with where it stands.
        assert!(md.contains("## 稟議用サマリー：パイロット開始\n\n- 目的: ヘルプデスクの AI による回答案を三か月試す\n- 費用: 月額 2 万円\n- 判断の時期: 三か月目の部長会\n"), "{md}");
        assert!(md.contains("| 一次解決率が 50 % 以上 | 満たしている（最新 50 %） |"), "{md}");
        assert!(md.contains("| 担当者の残業が増えていない | 承認者が判断 |"));
        assert!(md.contains("| チケット数が 1500 件以上に増えた | 該当しない（最新 780 件/月） |"));
        assert!(md.contains("| 誤った手順を案内する | 社内手順書（社外秘） | 送る前に担当者が確かめる |"));
        let en = record.to_markdown(Lang::En, "2026-12-02");
        assert!(en.contains("## Approvals") && en.contains("(not approved)"));
    }

    #[test]
    fn the_record_lists_the_answers_and_what_they_exclude() {
        let p = crate::parse(FIXTURE).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "経理", "r1".into(), 1).unwrap();
        let run = progress.run_mut("r1").unwrap();
        run.set_answer(&p, "external-cloud", Some("no"), 2).unwrap();
        let md = Record::new(&p, progress.run("r1").unwrap()).to_markdown(Lang::Ja, "2026-12-06");
        assert!(
            md.contains(
                "### 質問への回答\n\n- 社外クラウドの AI サービスを使いますか: いいえ\n- 会社の区分: （未回答）\n"
            ),
            "{md}"
        );
        assert!(
            md.contains("- 棚卸し表 inventory / 次の項目: 「社外クラウドの AI サービスを使いますか」の回答が「はい」ではないため対象外"),
            "{md}"
        );
        let run = progress.run_mut("r1").unwrap();
        run.set_answer(&p, "listing", Some("private"), 3).unwrap();
        let record = Record::new(&p, progress.run("r1").unwrap());
        assert_eq!(record.exceptions_met.len(), 1, "the excluded step, not its items too");
        let en = record.to_markdown(Lang::En, "2026-12-06");
        assert!(en.contains("- 棚卸し表 inventory: Not applicable: the answer to “会社の区分” is “非上場”"), "{en}");
    }

    #[test]
    fn the_record_lists_the_newest_changes_with_who_and_when() {
        use crate::progress::{Person, Stamp};
        let p = crate::parse(FIXTURE).0.unwrap();
        let mut progress = Progress::default();
        let sato = |at| Stamp { at, by: Person::new("佐藤 <b>", "課長") };
        // 2026-12-01 00:00 UTC: 09:00 in Japan.
        let start = 1_796_083_200_000;
        progress.start_run(&p, "人事部", "r1".into(), sato(start)).unwrap();
        let step = p.steps().next().unwrap();
        let run = progress.run_mut("r1").unwrap();
        for i in 0..12 {
            run.set_note(
                step,
                &format!("メモ {i}"),
                Stamp { at: start + 60_000 + i * 10 * 60_000, by: Person::new(&format!("担当{i}"), "") },
            );
        }
        let md = Record::new(&p, progress.run("r1").unwrap()).to_markdown(Lang::Ja, "2026-12-02");
        assert!(md.contains("## 変更の履歴\n\n全 13 件のうち、新しい 10 件\n"), "{md}");
        assert!(md.contains(&format!("- 2026-12-01 10:51 担当11: メモを書いた：メモ 11（{}）", step.title)), "{md}");
        assert!(!md.contains("担当1:"), "only the newest ten: {md}");
        let early = Record::new(&p, progress.run("r1").unwrap()).to_markdown_at(Lang::Ja, "2026-12-02", 0);
        assert!(early.contains("- 2026-12-01 01:51 担当11"), "{early}");
        // Names are text, never markup.
        progress.run_mut("r1").unwrap().set_note(step, "x", sato(start + 3_600_000 * 5));
        let md = Record::new(&p, progress.run("r1").unwrap()).to_markdown(Lang::Ja, "2026-12-02");
        assert!(md.contains("佐藤 \\<b\\>（課長）"), "{md}");
        assert!(!crate::markdown::render(&md).contains("<b>"));
    }

    #[test]
    fn a_metric_measured_from_the_pilot_starts_at_its_first_measurement() {
        let p = crate::parse(FIXTURE).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "r", "r1".into(), 1).unwrap();
        let draft_use = p.conditions.metrics.iter().find(|m| m.id == "draft-use").unwrap();
        let run = progress.run_mut("r1").unwrap();
        run.add_measurement(draft_use, "2026-11-30", 40.0, 2, 0).unwrap();
        let one = outcome(run, draft_use);
        assert_eq!(
            (one.baseline, one.first, one.improved),
            (None, None, None),
            "one measurement compares with nothing"
        );
        run.add_measurement(draft_use, "2026-12-31", 55.0, 3, 1).unwrap();
        let two = outcome(run, draft_use);
        assert_eq!(
            (two.first, two.latest, two.improved, two.reached),
            (Some(40.0), Some(55.0), Some(true), Some(false))
        );
        let md = Record::new(&p, progress.run("r1").unwrap()).to_markdown(Lang::Ja, "2026-12-31");
        assert!(md.contains("| 下書きの採用率 | パイロットから計測 | 60 % | 55 % | 改善 |"), "{md}");
    }

    #[test]
    fn a_target_written_as_a_change_resolves_from_each_runs_start() {
        let mut p = crate::parse(FIXTURE).0.unwrap();
        p.conditions.metrics[0].target = crate::model::Target::Change(-25.0); // tickets, down, baseline 1200
        p.conditions.metrics[0].baseline = None;
        p.conditions.metrics[2].target = crate::model::Target::Change(10.0); // draft-use, from the pilot
        let (tickets, draft_use) = (p.conditions.metrics[0].clone(), p.conditions.metrics[2].clone());
        let mut progress = Progress::default();
        progress.start_run(&p, "r", "r1".into(), 1).unwrap();
        let run = progress.run_mut("r1").unwrap();
        assert_eq!(run.target(&tickets), None, "unknown until the baseline is");
        let md = Record::new(&p, run).to_markdown(Lang::Ja, "2026-12-31");
        assert!(md.contains("| チケット数 | — | 基準値から -25% | — | 未測定 |"), "{md}");
        run.set_baseline(&tickets, Some(1000.0), 2).unwrap();
        run.add_measurement(&tickets, "2026-12-01", 760.0, 3, 0).unwrap();
        assert_eq!(run.target(&tickets), Some(750.0));
        assert_eq!(outcome(run, &tickets).reached, Some(false));
        run.add_measurement(&draft_use, "2026-12-01", 50.0, 4, 1).unwrap();
        assert_eq!(run.target(&draft_use), Some(55.0), "from its first measurement");
        run.set_target(&tickets, Some(800.0), 5).unwrap();
        assert_eq!(outcome(run, &tickets).reached, Some(true), "the team's own target wins");
        let md = Record::new(&p, progress.run("r1").unwrap()).to_markdown(Lang::Ja, "2026-12-31");
        assert!(md.contains("| チケット数 | 1000 件/月 | 800 件/月 | 760 件/月 | 目標達成 |"), "{md}");
    }

    #[test]
    fn the_record_says_how_the_required_playbook_was_finished() {
        let mut p = crate::parse(FIXTURE).0.unwrap();
        p.meta.requires = Some("ai-tool-review".into());
        let mut progress = Progress::default();
        progress.start_run(&p, "r", "r1".into(), 1).unwrap();
        let md =
            |progress: &Progress, lang| Record::new(&p, progress.run("r1").unwrap()).to_markdown(lang, "2026-12-31");
        assert!(md(&progress, Lang::Ja).contains("- 前提のプレイブック: ai-tool-review — まだ確認されていません。\n"));
        let done = Prerequisite::Elsewhere {
            by: "情報システム部 佐藤".into(),
            date: "2026-11-02".into(),
            reference: "稟議 2026-118".into(),
        };
        progress.run_mut("r1").unwrap().set_prerequisite(&p, Some(done), 2).unwrap();
        assert!(md(&progress, Lang::Ja).contains(
            "- 前提のプレイブック: ai-tool-review — 満たしています：他で実施済み（確認した人：情報システム部 佐藤、実施日：2026-11-02、参照：稟議 2026-118）。\n"
        ));
        assert!(md(&progress, Lang::En).contains(
            "- Required first: ai-tool-review — Met: done elsewhere (confirmed by 情報システム部 佐藤, on 2026-11-02, reference: 稟議 2026-118).\n"
        ));
        let here = Prerequisite::Run { run: "t1".into(), name: "全社 *審査*".into(), date: "2026-11-30".into() };
        progress.run_mut("r1").unwrap().set_prerequisite(&p, Some(here), 3).unwrap();
        assert!(md(&progress, Lang::Ja).contains(
            "ai-tool-review — 満たしています：このブラウザの取り組み「全社 \\*審査\\*」で 2026-11-30 に完了。"
        ));
    }

    #[test]
    fn values_of_a_metric_the_playbook_no_longer_has_stay_in_the_record() {
        let p = crate::parse(FIXTURE).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "r", "r1".into(), 1).unwrap();
        let mut old = p.conditions.metrics[0].clone();
        old.id = "response-hours".into();
        let run = progress.run_mut("r1").unwrap();
        run.set_baseline(&old, Some(20.0), 2).unwrap();
        run.add_measurement(&old, "2026-12-31", 16.0, 3, 0).unwrap();
        run.add_measurement(&old, "2026-11-30", 18.0, 4, 1).unwrap();
        let run = progress.run("r1").unwrap();
        let orphaned = run.orphaned_metrics(&p);
        assert_eq!(orphaned.len(), 1);
        assert_eq!((orphaned[0].0, orphaned[0].1), ("response-hours", Some(20.0)));
        let md = Record::new(&p, run).to_markdown(Lang::Ja, "2027-01-01");
        assert!(
            md.contains(
                "### プレイブックから外れた指標の記録\n\n- response-hours: 基準値: 20、2026-11-30: 18、2026-12-31: 16\n"
            ),
            "{md}"
        );
        // A metric the playbook has is not listed.
        assert!(!md.contains("- tickets:"));
    }

    #[test]
    fn yen_is_grouped() {
        assert_eq!(yen(0.0), "0 円");
        assert_eq!(yen(1234567.4), "1,234,567 円");
        assert_eq!(yen(-2500.0), "-2,500 円");
    }
}
