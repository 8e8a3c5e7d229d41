//! The coordinator's view across runs: one [`Row`] per run (of this browser
//! or of a team's shared folder), its sort orders, and the same rows as CSV
//! for Excel.
//!
//! A row says where a run stands without opening it: the phase it is in,
//! the share of steps finished, the next open step, every gate whose
//! conditions are not yet met with what each waits for, the key metric
//! against where it started, and the last change (who, when). Everything in
//! it comes from the run and its playbook; nothing is stored.

use crate::day::Day;
use crate::model::{Metric, Playbook, StepKind};
use crate::progress::{DueState, Millis, Missing, Person, Run, Tally, date_time, gate_label};
use crate::text::Texts;

/// A gate whose conditions are not met yet, with what it waits for.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenGate {
    /// The gate's id (`pilot-start`, `rollout-go`, or the playbook's own).
    pub gate: String,
    /// What it waits for, in the playbook's order.
    pub missing: Vec<Missing>,
}

/// The key metric of a run: the first metric of the playbook's success
/// conditions (authors list the one that matters most first), where it
/// started and its newest measurement.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricChange {
    /// The metric's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// The baseline (or, measured from the pilot, the first measurement).
    pub start: Option<f64>,
    /// The newest measurement.
    pub latest: Option<f64>,
}

impl MetricChange {
    fn of(run: &Run, metric: &Metric) -> MetricChange {
        MetricChange {
            id: metric.id.clone(),
            name: metric.name.clone(),
            unit: metric.unit.clone(),
            start: run.start(metric),
            latest: run.current(metric),
        }
    }

    /// The change from the start in whole percent, rounded to the nearest
    /// (`-25` for 40 → 30); `None` until both are known or when the start
    /// is zero.
    pub fn percent(&self) -> Option<i64> {
        let (start, latest) = (self.start?, self.latest?);
        if start == 0.0 {
            return None;
        }
        Some(((latest - start) / start.abs() * 100.0).round() as i64)
    }

    /// In words: `40 件 → 30 件（-25%）`, `基準値 40 件（未測定）`, or `未記録`.
    pub fn describe(&self, t: &Texts) -> String {
        let value = |v: f64| format!("{} {}", crate::model::format_number(v), self.unit).trim_end().to_owned();
        match (self.start, self.latest) {
            (Some(start), Some(latest)) => {
                let percent = self.percent().map(|p| format!("（{p:+}%）")).unwrap_or_default();
                format!("{} → {}{percent}", value(start), value(latest))
            }
            (Some(start), None) => (t.dash_metric_unmeasured)(&value(start)),
            (None, Some(latest)) => (t.dash_metric_no_start)(&value(latest)),
            (None, None) => t.dash_metric_none.to_owned(),
        }
    }
}

/// One run as the dashboard shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The run's id.
    pub run: String,
    /// The run's name.
    pub name: String,
    /// The playbook's id.
    pub playbook: String,
    /// The playbook's title.
    pub title: String,
    /// The playbook's department.
    pub department: String,
    /// The phase of the next open step; `None` when every step is finished.
    pub phase: Option<String>,
    /// Finished steps.
    pub tally: Tally,
    /// The next open step: its id and title.
    pub next: Option<(String, String)>,
    /// The next open step's responsible role, and the people named for it
    /// in the run (`None`: nobody yet).
    pub next_owner: Option<(String, Option<String>)>,
    /// The next open step's date (the next one, for a repeating step) and
    /// where it stands, when it has a date.
    pub next_due: Option<(Day, DueState)>,
    /// How many steps are overdue and how many soon due; `None` when no step
    /// of the run has a date.
    pub alerts: Option<(usize, usize)>,
    /// Gates not yet met, in the playbook's order.
    pub gates: Vec<OpenGate>,
    /// The key metric, when the playbook has metrics.
    pub metric: Option<MetricChange>,
    /// The last change: when and by whom (from the history; a run from
    /// before the history has only the time).
    pub last: (Millis, Person),
}

impl Row {
    /// The row of `run`, which follows `playbook`, with its dates as they
    /// stand on `today` (on a clock `offset_minutes` ahead of UTC).
    pub fn new(run: &Run, playbook: &Playbook, today: Day, offset_minutes: i32) -> Row {
        let next = run.next_open(playbook);
        let schedule = run.schedule(playbook, today, offset_minutes);
        let next_due = next.and_then(|s| schedule.step(&s.id)).map(|d| (d.next, d.state));
        let alerts = (!schedule.steps.is_empty()).then(|| schedule.alerts());
        let phase = next.and_then(|s| playbook.phase_of(&s.id)).map(|p| p.title.clone());
        let mut gates: Vec<OpenGate> = Vec::new();
        for step in playbook.steps() {
            if let StepKind::Approval { gate, .. } = &step.kind
                && !gates.iter().any(|g| g.gate == *gate)
            {
                let missing = run.gate(playbook, gate);
                if !missing.is_empty() {
                    gates.push(OpenGate { gate: gate.clone(), missing });
                }
            }
        }
        let last = match run.history.iter().max_by_key(|e| e.at) {
            Some(entry) if entry.at >= run.updated() => (entry.at, entry.by.clone()),
            _ => (run.updated().max(run.created), Person::default()),
        };
        Row {
            run: run.id.clone(),
            name: run.name.value.clone(),
            playbook: playbook.meta.id.clone(),
            title: playbook.meta.title.clone(),
            department: playbook.meta.department.clone(),
            phase,
            tally: run.tally(playbook),
            next: next.map(|s| (s.id.clone(), s.title.clone())),
            next_owner: next
                .and_then(|s| s.role.as_deref())
                .map(|role| (role.to_owned(), run.owner(role).map(str::to_owned))),
            next_due,
            alerts,
            gates,
            metric: playbook.conditions.metrics.first().map(|m| MetricChange::of(run, m)),
            last,
        }
    }

    /// The phase in words: its title, or "finished".
    pub fn phase_text(&self, t: &Texts) -> String {
        self.phase.clone().unwrap_or_else(|| t.dash_finished.to_owned())
    }

    /// Each open gate and what it waits for, in words, one per gate:
    /// `パイロット開始：「問い合わせ件数」の基準値、人事課長の承認`. Two or more
    /// missing baselines are counted (`指標 5 件の基準値`): the run's metric
    /// step lists them.
    pub fn gate_texts(&self, playbook: &Playbook, t: &Texts) -> Vec<String> {
        self.gates
            .iter()
            .map(|g| {
                let baselines = g.missing.iter().filter(|m| matches!(m, Missing::Baseline(_))).count();
                let mut words: Vec<String> = Vec::new();
                for missing in &g.missing {
                    match missing {
                        Missing::Baseline(_) if baselines > 1 => {
                            if !words.iter().any(|w| *w == (t.dash_missing_baselines)(baselines)) {
                                words.push((t.dash_missing_baselines)(baselines));
                            }
                        }
                        other => words.push(other.describe(playbook, t)),
                    }
                }
                (t.dash_gate_waits)(&gate_label(&g.gate, t.lang), &words.join(t.list_separator))
            })
            .collect()
    }

    /// Who does the next step, in words (`人事企画担当（山田 花子）`, or that
    /// nobody is named yet); empty when the step names no role.
    pub fn next_owner_text(&self, t: &Texts) -> String {
        self.next_owner.as_ref().map(|(role, people)| (t.owner_of)(role, people.as_deref())).unwrap_or_default()
    }

    /// How many steps are late or soon due, in words; empty when no step of
    /// the run has a date.
    pub fn alerts_text(&self, t: &Texts) -> String {
        self.alerts.map(|(overdue, soon)| (t.schedule_alerts)(overdue, soon)).unwrap_or_default()
    }

    /// Who made the last change, as shown.
    pub fn last_by(&self, t: &Texts) -> String {
        if self.last.1.is_unnamed() { t.who_unnamed.to_owned() } else { self.last.1.name.clone() }
    }
}

/// Where a step still to do stands against its date, in words
/// (期限内・まもなく期限・期限切れ); nothing once it is resolved.
pub fn due_state_text(state: DueState, t: &Texts) -> Option<&'static str> {
    match state {
        DueState::OnTrack => Some(t.due_on_track),
        DueState::Soon => Some(t.due_soon),
        DueState::Overdue => Some(t.due_overdue),
        DueState::Done | DueState::NotApplicable => None,
    }
}

/// How the dashboard orders its rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// By department, then playbook, then run name.
    #[default]
    Department,
    /// Least finished first.
    Progress,
    /// Most recently changed first.
    LastChange,
    /// Most open gate conditions first.
    Waiting,
    /// Most overdue steps first (then most soon due).
    Overdue,
}

impl Sort {
    /// Every order, as offered.
    pub const ALL: [Sort; 5] = [Sort::Department, Sort::Progress, Sort::LastChange, Sort::Waiting, Sort::Overdue];

    /// Its name in the address (`sort=`).
    pub fn key(self) -> &'static str {
        match self {
            Sort::Department => "department",
            Sort::Progress => "progress",
            Sort::LastChange => "last",
            Sort::Waiting => "waiting",
            Sort::Overdue => "overdue",
        }
    }

    /// The order named `key`, if any.
    pub fn from_key(key: &str) -> Option<Sort> {
        Sort::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Its label.
    pub fn label(self, t: &Texts) -> &'static str {
        match self {
            Sort::Department => t.dash_sort_department,
            Sort::Progress => t.dash_sort_progress,
            Sort::LastChange => t.dash_sort_last,
            Sort::Waiting => t.dash_sort_waiting,
            Sort::Overdue => t.dash_sort_overdue,
        }
    }

    /// Put `rows` in this order (stable; ties by department, playbook, name).
    pub fn apply<T>(self, rows: &mut [T], row: impl Fn(&T) -> &Row) {
        let by_name = |a: &Row, b: &Row| {
            (&a.department, &a.title, &a.name, &a.run).cmp(&(&b.department, &b.title, &b.name, &b.run))
        };
        rows.sort_by(|a, b| {
            let (a, b) = (row(a), row(b));
            let first = match self {
                Sort::Department => std::cmp::Ordering::Equal,
                Sort::Progress => a.tally.percent().cmp(&b.tally.percent()),
                Sort::LastChange => b.last.0.cmp(&a.last.0),
                Sort::Waiting => waiting(b).cmp(&waiting(a)),
                Sort::Overdue => b.alerts.unwrap_or_default().cmp(&a.alerts.unwrap_or_default()),
            };
            first.then_with(|| by_name(a, b))
        });
    }
}

fn waiting(row: &Row) -> usize {
    row.gates.iter().map(|g| g.missing.len()).sum()
}

/// The rows as CSV for Excel (BOM, CRLF, formulas neutralised), with the
/// headings of `t` and where each row came from (`source`), times on a clock
/// `offset_minutes` ahead of UTC.
pub fn to_csv<'a>(
    rows: impl IntoIterator<Item = (&'a Row, &'a Playbook, &'a str)>,
    t: &Texts,
    offset_minutes: i32,
) -> String {
    let mut table: Vec<Vec<String>> = vec![t.dash_headings.iter().map(|h| (*h).to_owned()).collect()];
    for (row, playbook, source) in rows {
        table.push(vec![
            row.department.clone(),
            row.title.clone(),
            row.name.clone(),
            row.phase_text(t),
            row.tally.percent().to_string(),
            format!("{}/{}", row.tally.done, row.tally.total),
            row.next.as_ref().map(|(_, title)| title.clone()).unwrap_or_default(),
            row.next_owner_text(t),
            row.next_due.map(|(day, _)| day.to_string()).unwrap_or_default(),
            row.alerts_text(t),
            row.gate_texts(playbook, t).join("\n"),
            row.metric.as_ref().map(|m| format!("{}: {}", m.name, m.describe(t))).unwrap_or_default(),
            date_time(row.last.0, offset_minutes),
            row.last_by(t),
            source.to_owned(),
        ]);
    }
    crate::table::write_csv(&table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Lang;
    use crate::progress::{Progress, Stamp};
    use crate::text::texts;

    const PLAYBOOK: &str = include_str!("../playbooks/hr-inquiry-desk.md");

    /// The day the tests' runs start (their clocks are near 0 ms).
    fn day0() -> Day {
        Day::from_ymd(1970, 1, 1).unwrap()
    }

    fn playbook() -> Playbook {
        crate::parse(PLAYBOOK).0.expect("shipped playbook is valid")
    }

    fn person(name: &str) -> Stamp {
        Stamp { at: 0, by: Person::new(name, "") }
    }

    fn at(ms: Millis, name: &str) -> Stamp {
        Stamp { at: ms, ..person(name) }
    }

    #[test]
    fn a_fresh_run_is_in_the_first_phase_with_every_gate_open() {
        let p = playbook();
        let mut progress = Progress::default();
        let run = progress.start_run(&p, "人事部 パイロット", "r1".into(), at(1_000, "佐藤")).unwrap().clone();
        let row = Row::new(&run, &p, day0(), 540);
        assert_eq!(row.phase.as_deref(), Some(p.phases[0].title.as_str()));
        assert_eq!(row.tally.done, 0);
        assert_eq!(row.next.as_ref().map(|n| n.0.as_str()), p.steps().next().map(|s| s.id.as_str()));
        let gates: Vec<&str> = row.gates.iter().map(|g| g.gate.as_str()).collect();
        assert_eq!(gates, vec!["pilot-start", "rollout-go"]);
        assert!(row.gates[0].missing.iter().any(|m| matches!(m, Missing::Baseline(_))));
        assert_eq!(row.last, (1_000, Person::new("佐藤", "")));
        assert_eq!(row.department, p.meta.department);
        let baselines = row.gates[0].missing.iter().filter(|m| matches!(m, Missing::Baseline(_))).count();
        assert!(baselines > 1);
        let words = &row.gate_texts(&p, texts(Lang::Ja))[0];
        assert!(words.starts_with("パイロット開始：前提のプレイブックの完了、"), "{words}");
        assert_eq!(words.matches(&format!("指標 {baselines} 件の基準値")).count(), 1, "{words}");
        let metric = row.metric.as_ref().expect("the playbook has metrics");
        assert_eq!(metric.id, p.conditions.metrics[0].id);
        assert_eq!(metric.latest, None);
    }

    #[test]
    fn progress_next_step_gate_and_metric_follow_the_run() {
        let p = crate::parse(&crate::synthetic::playbook("syn", 9, 0)).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "経理部", "r1".into(), at(1_000, "佐藤")).unwrap();
        let run = progress.run_mut("r1").unwrap();
        let steps: Vec<_> = p.phases[0].steps.clone();
        for (i, step) in steps.iter().take(2).enumerate() {
            run.set_step(&p, step, crate::progress::Mark::Done, at(2_000 + i as i64, "佐藤")).unwrap();
        }
        let key = &p.conditions.metrics[0];
        run.add_measurement(key, "2026-11-30", 90.0, at(4_000, "鈴木"), 1).unwrap();
        let row = Row::new(run, &p, day0(), 540);
        assert_eq!(row.phase.as_deref(), Some(p.phases[0].title.as_str()));
        assert_eq!(row.tally.done, 2);
        assert_eq!(row.next.as_ref().map(|n| n.0.as_str()), Some(steps[2].id.as_str()));
        // The baseline is the playbook's: the pilot gate waits for the approval only.
        assert_eq!(row.gates[0].gate, "pilot-start");
        assert_eq!(
            row.gates[0].missing,
            vec![Missing::Signature { step: steps[2].id.clone(), approver: "manager".into() }]
        );
        let t = texts(Lang::Ja);
        assert_eq!(row.gate_texts(&p, t)[0], "パイロット開始：経理課長の承認");
        let metric = row.metric.as_ref().unwrap();
        assert_eq!((metric.start, metric.latest, metric.percent()), (Some(120.0), Some(90.0), Some(-25)));
        assert_eq!(metric.describe(t), "120 件/月 → 90 件/月（-25%）");
        assert_eq!(row.last, (4_000, Person::new("鈴木", "")));
        assert_eq!(row.last_by(t), "鈴木");
    }

    #[test]
    fn a_finished_run_has_no_phase_and_no_next_step() {
        let p = crate::parse(&crate::synthetic::playbook("syn", 9, 0)).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&p, "経理部", "r1".into(), at(1_000, "佐藤")).unwrap();
        let run = progress.run_mut("r1").unwrap();
        let steps: Vec<_> = p.steps().cloned().collect();
        let approval = crate::progress::Approval {
            name: "高橋".into(),
            role: "経理課長".into(),
            date: "2026-11-20".into(),
            version: 1,
            comment: String::new(),
        };
        for step in &steps {
            if matches!(step.kind, StepKind::Approval { .. }) {
                run.sign(&p, step, "manager", approval.clone(), at(2_000, "高橋")).unwrap();
            }
            run.set_step(&p, step, crate::progress::Mark::Done, at(2_000, "佐藤")).unwrap();
        }
        let row = Row::new(run, &p, day0(), 540);
        assert_eq!(row.phase, None);
        assert_eq!(row.next, None);
        assert!(row.gates.is_empty(), "{:?}", row.gates);
        assert!(row.tally.complete());
        assert_eq!(row.phase_text(texts(Lang::Ja)), texts(Lang::Ja).dash_finished);
    }

    #[test]
    fn the_next_step_carries_its_date_and_late_steps_are_counted() {
        let p = playbook();
        let mut progress = Progress::default();
        progress.start_run(&p, "人事 パイロット", "r1".into(), at(1_000, "佐藤")).unwrap();
        let run = progress.run("r1").unwrap();
        let t = texts(Lang::Ja);

        // Thursday 1 January: the first step is due in 5 weekdays.
        let row = Row::new(run, &p, day0(), 540);
        let due = Day::from_ymd(1970, 1, 8).unwrap();
        assert_eq!(row.next_due, Some((due, DueState::OnTrack)));
        assert_eq!(row.alerts, Some((0, 0)));

        // Two days before: soon due.
        let row = Row::new(run, &p, Day::from_ymd(1970, 1, 6).unwrap(), 540);
        assert_eq!(row.next_due, Some((due, DueState::Soon)));

        // A month later, nothing done: the first steps are late, and the
        // row says how many.
        let later = Day::from_ymd(1970, 2, 2).unwrap();
        let row = Row::new(run, &p, later, 540);
        assert_eq!(row.next_due, Some((due, DueState::Overdue)));
        let schedule = run.schedule(&p, later, 540);
        let (overdue, soon) = schedule.alerts();
        assert!(overdue >= 1);
        assert_eq!(row.alerts, Some((overdue, soon)));
        assert!(row.alerts_text(t).starts_with(&format!("期限切れ {overdue} 件")), "{}", row.alerts_text(t));

        // A playbook without dates: nothing to say.
        let plain = crate::parse(&crate::synthetic::playbook("syn", 6, 0)).0.unwrap();
        let mut progress = Progress::default();
        progress.start_run(&plain, "経理部", "r2".into(), at(1_000, "佐藤")).unwrap();
        let row = Row::new(progress.run("r2").unwrap(), &plain, later, 540);
        assert_eq!((row.next_due, row.alerts), (None, None));
        assert_eq!(row.alerts_text(t), "");
    }

    #[test]
    fn metric_change_in_words() {
        let t = texts(Lang::Ja);
        let change =
            |start, latest| MetricChange { id: "m".into(), name: "件数".into(), unit: "件".into(), start, latest };
        assert_eq!(change(Some(40.0), Some(30.0)).describe(t), "40 件 → 30 件（-25%）");
        assert_eq!(change(Some(0.0), Some(30.0)).describe(t), "0 件 → 30 件");
        assert_eq!(change(Some(40.0), Some(50.0)).percent(), Some(25));
        assert_eq!(change(None, None).describe(t), t.dash_metric_none);
        assert!(change(Some(40.0), None).describe(t).contains("40 件"));
        assert!(change(None, Some(3.0)).describe(t).contains("3 件"));
    }

    fn row(department: &str, name: &str, done: usize, last: Millis, waiting: usize) -> Row {
        Row {
            run: name.into(),
            name: name.into(),
            playbook: "p".into(),
            title: "t".into(),
            department: department.into(),
            phase: None,
            tally: Tally { done, total: 10 },
            next: None,
            next_owner: None,
            next_due: None,
            alerts: None,
            gates: (0..waiting)
                .map(|_| OpenGate { gate: "g".into(), missing: vec![Missing::Baseline("m".into())] })
                .collect(),
            metric: None,
            last: (last, Person::default()),
        }
    }

    #[test]
    fn sort_orders() {
        let rows = vec![row("経理", "b", 5, 3, 0), row("人事", "a", 9, 1, 2), row("経理", "a", 1, 2, 1)];
        let names = |sort: Sort| {
            let mut rows = rows.clone();
            sort.apply(&mut rows, |r| r);
            rows.iter().map(|r| format!("{}{}", r.department, r.name)).collect::<Vec<_>>()
        };
        assert_eq!(names(Sort::Department), ["人事a", "経理a", "経理b"]);
        assert_eq!(names(Sort::Progress), ["経理a", "経理b", "人事a"]);
        assert_eq!(names(Sort::LastChange), ["経理b", "経理a", "人事a"]);
        assert_eq!(names(Sort::Waiting), ["人事a", "経理a", "経理b"]);
        let mut rows = rows.clone();
        rows[0].alerts = Some((2, 0));
        rows[1].alerts = Some((0, 3));
        rows[2].alerts = Some((2, 1));
        Sort::Overdue.apply(&mut rows, |r| r);
        let names: Vec<String> = rows.iter().map(|r| format!("{}{}", r.department, r.name)).collect();
        assert_eq!(names, ["経理a", "経理b", "人事a"], "most overdue, then most soon due");
        for sort in Sort::ALL {
            assert_eq!(Sort::from_key(sort.key()), Some(sort));
        }
        assert_eq!(Sort::from_key("other"), None);
    }

    #[test]
    fn csv_has_a_bom_headings_and_guards_formulas() {
        let p = playbook();
        let mut progress = Progress::default();
        progress.start_run(&p, "=HYPERLINK(\"x\")", "r1".into(), at(1_000, "佐藤")).unwrap();
        let row = Row::new(progress.run("r1").unwrap(), &p, day0(), 540);
        let t = texts(Lang::Ja);
        let csv = to_csv([(&row, &p, "フォルダ")], t, 540);
        assert!(csv.starts_with('\u{feff}'));
        let rows = crate::table::read(csv.as_bytes(), b',').unwrap();
        assert_eq!(rows[0].cells, t.dash_headings.map(str::to_owned).to_vec());
        let cells = &rows[1].cells;
        assert_eq!(cells.len(), t.dash_headings.len());
        assert_eq!(cells[0], p.meta.department);
        assert_eq!(cells[2], "'=HYPERLINK(\"x\")");
        assert_eq!(cells[4], "0");
        assert!(cells[7].ends_with("（未割り当て）"), "the next step's role, nobody named: {}", cells[7]);
        assert_eq!(cells[8], "1970-01-08", "the first step's date: 5 weekdays from Thursday 1 January");
        assert_eq!(cells[9], "期限切れのステップはありません");
        assert!(cells[10].contains("パイロット開始"), "{}", cells[10]);
        assert_eq!(cells[12], "1970-01-01 09:00");
        assert_eq!(cells[13], "佐藤");
        assert_eq!(cells[14], "フォルダ");
    }

    #[test]
    fn the_next_step_says_who_does_it_or_that_nobody_is_named() {
        let p = playbook();
        let first = p.steps().next().unwrap();
        let role = first.role.clone().expect("the shipped playbook's first step names its role");
        let mut progress = Progress::default();
        progress.start_run(&p, "人事 パイロット", "r1".into(), at(1_000, "佐藤")).unwrap();
        let t = texts(Lang::Ja);
        let row = Row::new(progress.run("r1").unwrap(), &p, day0(), 540);
        assert_eq!(row.next_owner, Some((role.clone(), None)));
        assert_eq!(row.next_owner_text(t), format!("{role}（未割り当て）"));
        progress.run_mut("r1").unwrap().set_owner(&role, "山田 花子", at(2_000, "佐藤")).unwrap();
        let row = Row::new(progress.run("r1").unwrap(), &p, day0(), 540);
        assert_eq!(row.next_owner_text(t), format!("{role}（山田 花子）"));
        assert_eq!(row.next_owner_text(texts(Lang::En)), format!("{role} (山田 花子)"));
        let csv = to_csv([(&row, &p, "")], t, 540);
        assert_eq!(crate::table::read(csv.as_bytes(), b',').unwrap()[1].cells[7], format!("{role}（山田 花子）"));
    }
}
