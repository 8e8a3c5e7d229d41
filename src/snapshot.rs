//! The status link: where a run stands, as a snapshot small enough to travel
//! in a URL fragment (`#s=…`) that a manager opens read-only.
//!
//! A [`Snapshot`] is taken from a run and its playbook: the playbook (id,
//! version, title, department), the run's name, who took it and when, each
//! phase's finished steps, the next open step with its date, how many steps
//! were late that day, the team's answers to the playbook's questions, every
//! gate not yet met with what it waits for, and the metrics against their
//! start and target. Notes, history and the worksheet never go in it.
//!
//! [`Snapshot::encode`] writes it as `FORMAT.DATA`: `DATA` is the snapshot as
//! lines of tab-separated fields, zlib-compressed (its Adler-32 checksum finds a
//! damaged link) and base64url-encoded, so the fragment is plain ASCII that
//! mail and chat clients do not escape. When the result would pass the
//! budget (links longer than [`LINK_LIMIT`] characters are cut by Outlook and
//! Teams), the snapshot is summarised step by step (long texts shortened,
//! long lists cut with a count of what was left out) until it fits; the
//! last step fits any playbook. [`Snapshot::decode`] reads a fragment back
//! and says what is wrong with one that does not read. Everything in a link
//! is untrusted text: it is shown, never interpreted.

use crate::day::Day;
use crate::model::{Direction, PhaseKind, Playbook, StepKind};
use crate::progress::{DueState, Millis, Missing, Person, Run, clip};

/// The longest link (address and fragment) that mail and chat clients keep
/// whole: the budget of a status link.
pub const LINK_LIMIT: usize = 2_000;

/// The snapshot format this version writes. It reads every format up to it:
/// format 1 links (before the dates and the answers) read as having none.
pub const FORMAT: u32 = 2;

/// Fragments longer than this are refused unread.
pub const MAX_FRAGMENT: usize = 8_000;

/// The most a fragment may inflate to.
const MAX_JSON: usize = 64 * 1024;

/// What an open gate waits for, as a snapshot carries it (in the playbook's
/// words, worded by the reader in its own language).
#[derive(Debug, Clone, PartialEq)]
pub enum Waiting {
    /// The playbook required before the pilot.
    Prerequisite,
    /// The baseline of the metric of this name.
    Baseline(String),
    /// Baselines of this many metrics.
    Baselines(u32),
    /// The approval of the approver of this role.
    Approval(String),
}

/// A phase and how far the run is in it.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseState {
    /// Which phase.
    pub kind: PhaseKind,
    /// Its title.
    pub title: String,
    /// Steps finished (done or not applicable).
    pub done: u32,
    /// Its steps.
    pub total: u32,
}

/// A gate not yet met.
#[derive(Debug, Clone, PartialEq)]
pub struct GateState {
    /// The gate's id (`pilot-start`, `rollout-go` or the playbook's own).
    pub gate: String,
    /// What it waits for.
    pub waiting: Vec<Waiting>,
    /// How many more it waits for, left out of the link for its size.
    pub more: u32,
}

/// A metric against its start and target.
#[derive(Debug, Clone, PartialEq)]
pub struct MetricState {
    /// Its name.
    pub name: String,
    /// Its unit.
    pub unit: String,
    /// Whether up or down is better.
    pub direction: Direction,
    /// The baseline (or, for a metric measured from the pilot, its first
    /// measurement).
    pub start: Option<f64>,
    /// The newest measurement.
    pub latest: Option<f64>,
    /// The target in force, once known.
    pub target: Option<f64>,
}

impl MetricState {
    /// Whether the newest measurement reaches the target.
    pub fn reached(&self) -> Option<bool> {
        let (latest, target) = (self.latest?, self.target?);
        Some(match self.direction {
            Direction::Up => latest >= target,
            Direction::Down => latest <= target,
        })
    }
}

/// Where a run stood when someone made its status link.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// The playbook's id.
    pub playbook: String,
    /// The playbook's version.
    pub version: u32,
    /// The playbook's title.
    pub title: String,
    /// The playbook's department.
    pub department: String,
    /// Whether the playbook was kept only in the sender's browser (the
    /// site has no page for it).
    pub local: bool,
    /// The run's name.
    pub run: String,
    /// When the snapshot was taken.
    pub at: Millis,
    /// Who took it (typed, never verified).
    pub by: Person,
    /// The three phases, in order.
    pub phases: Vec<PhaseState>,
    /// The next open step's title; `None` when every step is finished.
    pub next: Option<String>,
    /// The next open step's date and where it stood on the day the
    /// snapshot was taken, when it has a date (format 2).
    pub next_due: Option<(Day, DueState)>,
    /// How many steps were overdue and how many soon due that day; `None`
    /// when no step of the run has a date (format 2).
    pub alerts: Option<(u32, u32)>,
    /// The playbook's questions and the team's answers (the answer's label;
    /// `None`: not answered), in the playbook's order (format 2).
    pub answers: Vec<(String, Option<String>)>,
    /// Answers left out of the link for its size.
    pub more_answers: u32,
    /// Gates not yet met, in the playbook's order.
    pub gates: Vec<GateState>,
    /// The playbook's metrics, in its order.
    pub metrics: Vec<MetricState>,
    /// Gates left out of the link for its size.
    pub more_gates: u32,
    /// Metrics left out of the link for its size.
    pub more_metrics: u32,
    /// Whether the link had to leave something out or shorten a text.
    pub summarised: bool,
}

/// Why a status link does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// The address has no snapshot (`#s=` is missing or empty).
    Missing,
    /// Written by a newer version of tebiki (its format number).
    Newer(u32),
    /// Longer than any status link (its length in characters).
    TooLarge(usize),
    /// Cut short, e.g. by a mail client that broke the line.
    Truncated,
    /// Changed or garbled on the way.
    Damaged,
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LinkError::Missing => write!(f, "the address carries no status snapshot"),
            LinkError::Newer(v) => write!(f, "the link was made by a newer version of tebiki (format {v})"),
            LinkError::TooLarge(n) => write!(f, "the link is too long to be a status link ({n} characters)"),
            LinkError::Truncated => write!(f, "the link was cut short"),
            LinkError::Damaged => write!(f, "the link is damaged"),
        }
    }
}

impl std::error::Error for LinkError {}

/// How hard [`Snapshot::encode`] summarises: the longest text and the
/// longest list kept. The last level fits any playbook: ids are at most
/// 64 characters and there are three phases.
const LEVELS: [(usize, usize); 6] = [(200, 100), (60, 12), (40, 6), (24, 3), (12, 1), (8, 0)];

impl Snapshot {
    /// The snapshot of `run` of `playbook`, taken by `by` at `at` on a clock
    /// `offset_minutes` ahead of UTC (its dates stand as on that day);
    /// `local` when the playbook is kept only in this browser.
    pub fn new(run: &Run, playbook: &Playbook, local: bool, by: Person, at: Millis, offset_minutes: i32) -> Snapshot {
        let next = run.next_open(playbook);
        let schedule = run.schedule(playbook, Day::from_millis(at, offset_minutes), offset_minutes);
        let next_due = next.and_then(|s| schedule.step(&s.id)).map(|d| (d.next, d.state));
        let alerts = (!schedule.steps.is_empty()).then(|| {
            let (overdue, soon) = schedule.alerts();
            (overdue as u32, soon as u32)
        });
        let answers =
            playbook.questions.iter().map(|q| (q.text.clone(), run.answer_to(q).map(|c| c.label.clone()))).collect();
        let phases = playbook
            .phases
            .iter()
            .map(|phase| {
                let tally = run.phase_tally(phase);
                PhaseState {
                    kind: phase.kind,
                    title: phase.title.clone(),
                    done: tally.done as u32,
                    total: tally.total as u32,
                }
            })
            .collect();
        let mut gates: Vec<GateState> = Vec::new();
        for step in playbook.steps() {
            let StepKind::Approval { gate, .. } = &step.kind else { continue };
            if gates.iter().any(|g| g.gate == *gate) {
                continue;
            }
            let missing = run.gate(playbook, gate);
            if missing.is_empty() {
                continue;
            }
            let baselines = missing.iter().filter(|m| matches!(m, Missing::Baseline(_))).count();
            let mut waiting = Vec::new();
            for m in &missing {
                let w = match m {
                    Missing::Prerequisite(_) => Waiting::Prerequisite,
                    Missing::Baseline(_) if baselines > 1 => Waiting::Baselines(baselines as u32),
                    Missing::Baseline(id) => Waiting::Baseline(playbook.conditions.metric_name(id).to_owned()),
                    Missing::Signature { approver, .. } => {
                        Waiting::Approval(playbook.conditions.approver_role(approver).to_owned())
                    }
                };
                if !waiting.contains(&w) {
                    waiting.push(w);
                }
            }
            gates.push(GateState { gate: gate.clone(), waiting, more: 0 });
        }
        let metrics = playbook
            .conditions
            .metrics
            .iter()
            .map(|metric| MetricState {
                name: metric.name.clone(),
                unit: metric.unit.clone(),
                direction: metric.direction,
                start: run.start(metric),
                latest: run.current(metric),
                target: run.target(metric),
            })
            .collect();
        Snapshot {
            playbook: playbook.meta.id.clone(),
            version: playbook.meta.version,
            title: playbook.meta.title.clone(),
            department: playbook.meta.department.clone(),
            local,
            run: run.name.value.clone(),
            at,
            by,
            phases,
            next: next.map(|s| s.title.clone()),
            next_due,
            alerts,
            answers,
            more_answers: 0,
            gates,
            metrics,
            more_gates: 0,
            more_metrics: 0,
            summarised: false,
        }
    }

    /// Finished steps out of all, over the phases.
    pub fn tally(&self) -> (u32, u32) {
        self.phases.iter().fold((0, 0), |(d, t), p| (d + p.done, t + p.total))
    }

    /// The fragment value (after `#s=`) of this snapshot, summarised until
    /// it is at most `budget` characters long (never below what the last
    /// level needs: a few hundred characters).
    pub fn encode(&self, budget: usize) -> String {
        let mut out = String::new();
        for (text, list) in LEVELS {
            out = self.shortened(text, list).to_fragment();
            if out.len() <= budget {
                break;
            }
        }
        out
    }

    /// This snapshot with every text at most `text` characters long and
    /// every list at most `list` entries long (with a count of the rest).
    fn shortened(&self, text: usize, list: usize) -> Snapshot {
        let cut = |s: &str| clip(&one_line(s), text);
        let more = |n: usize| n.saturating_sub(list) as u32;
        let mut out = Snapshot {
            playbook: self.playbook.clone(),
            version: self.version,
            title: cut(&self.title),
            department: cut(&self.department),
            local: self.local,
            run: cut(&self.run),
            at: self.at,
            by: Person { name: cut(&self.by.name), role: cut(&self.by.role) },
            phases: self.phases.iter().map(|p| PhaseState { title: cut(&p.title), ..p.clone() }).collect(),
            next: self.next.as_deref().map(cut),
            next_due: self.next_due,
            alerts: self.alerts,
            answers: self.answers.iter().take(list).map(|(q, a)| (cut(q), a.as_deref().map(cut))).collect(),
            more_answers: self.more_answers + more(self.answers.len()),
            gates: self
                .gates
                .iter()
                .take(list)
                .map(|g| GateState {
                    gate: cut(&g.gate),
                    waiting: g
                        .waiting
                        .iter()
                        .take(list)
                        .map(|w| match w {
                            Waiting::Baseline(name) => Waiting::Baseline(cut(name)),
                            Waiting::Approval(role) => Waiting::Approval(cut(role)),
                            other => other.clone(),
                        })
                        .collect(),
                    more: g.more + more(g.waiting.len()),
                })
                .collect(),
            metrics: self
                .metrics
                .iter()
                .take(list)
                .map(|m| MetricState { name: cut(&m.name), unit: cut(&m.unit), ..m.clone() })
                .collect(),
            more_gates: self.more_gates + more(self.gates.len()),
            more_metrics: self.more_metrics + more(self.metrics.len()),
            summarised: self.summarised,
        };
        out.summarised |= out != *self;
        out
    }

    /// `FORMAT.DATA`, as is.
    fn to_fragment(&self) -> String {
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(self.to_text().as_bytes(), 10);
        format!("{FORMAT}.{}", base64url(&packed))
    }

    /// The snapshot as lines of tab-separated fields (see [`Snapshot::from_text`]).
    /// Texts are one line already ([`Snapshot::shortened`] clips them).
    fn to_text(&self) -> String {
        let number = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
        let mut out = [
            self.playbook.clone(),
            self.version.to_string(),
            one_line(&self.title),
            one_line(&self.department),
            u8::from(self.local).to_string(),
            one_line(&self.run),
            self.at.to_string(),
            one_line(&self.by.name),
            one_line(&self.by.role),
            self.next.as_deref().map_or_else(String::new, |n| format!("+{}", one_line(n))),
            self.more_gates.to_string(),
            self.more_metrics.to_string(),
            u8::from(self.summarised).to_string(),
        ]
        .join("\t");
        for p in &self.phases {
            out.push_str(&format!("\nP\t{}\t{}\t{}\t{}", p.kind.id(), one_line(&p.title), p.done, p.total));
        }
        for g in &self.gates {
            out.push_str(&format!("\nG\t{}\t{}", one_line(&g.gate), g.more));
            for w in &g.waiting {
                out.push('\t');
                match w {
                    Waiting::Prerequisite => out.push('p'),
                    Waiting::Baseline(name) => out.push_str(&format!("b{}", one_line(name))),
                    Waiting::Baselines(n) => out.push_str(&format!("n{n}")),
                    Waiting::Approval(role) => out.push_str(&format!("a{}", one_line(role))),
                }
            }
        }
        if let Some((overdue, soon)) = self.alerts {
            let (day, state) = match self.next_due {
                Some((day, state)) => (day.to_string(), due_state_id(state)),
                None => (String::new(), ""),
            };
            out.push_str(&format!("\nD\t{day}\t{state}\t{overdue}\t{soon}"));
        }
        for (question, answer) in &self.answers {
            let answer = answer.as_deref().map(one_line).unwrap_or_default();
            out.push_str(&format!("\nA\t{}\t{answer}", one_line(question)));
        }
        if self.more_answers > 0 {
            out.push_str(&format!("\nR\t{}", self.more_answers));
        }
        for m in &self.metrics {
            let direction = match m.direction {
                Direction::Up => "u",
                Direction::Down => "d",
            };
            out.push_str(&format!(
                "\nM\t{}\t{}\t{direction}\t{}\t{}\t{}",
                one_line(&m.name),
                one_line(&m.unit),
                number(m.start),
                number(m.latest),
                number(m.target)
            ));
        }
        out
    }

    /// The snapshot written by [`Snapshot::to_text`]; `None` when anything in
    /// it is not as written there.
    fn from_text(text: &str) -> Option<Snapshot> {
        fn int<T: std::str::FromStr>(field: &str) -> Option<T> {
            field.parse().ok()
        }
        fn number(field: &str) -> Option<Option<f64>> {
            if field.is_empty() {
                return Some(None);
            }
            field.parse::<f64>().ok().filter(|v| v.is_finite()).map(Some)
        }
        let flag = |field: &str| match field {
            "0" => Some(false),
            "1" => Some(true),
            _ => None,
        };
        let mut lines = text.split('\n');
        let head: Vec<&str> = lines.next()?.split('\t').collect();
        let [playbook, version, title, department, local, run, at, name, role, next, mg, mm, summarised] = head[..]
        else {
            return None;
        };
        let mut snapshot = Snapshot {
            playbook: playbook.to_owned(),
            version: int(version)?,
            title: title.to_owned(),
            department: department.to_owned(),
            local: flag(local)?,
            run: run.to_owned(),
            at: int(at)?,
            by: Person { name: name.to_owned(), role: role.to_owned() },
            phases: Vec::new(),
            next: match next {
                "" => None,
                n => Some(n.strip_prefix('+')?.to_owned()),
            },
            next_due: None,
            alerts: None,
            answers: Vec::new(),
            more_answers: 0,
            gates: Vec::new(),
            metrics: Vec::new(),
            more_gates: int(mg)?,
            more_metrics: int(mm)?,
            summarised: flag(summarised)?,
        };
        for line in lines {
            let fields: Vec<&str> = line.split('\t').collect();
            match fields[..] {
                ["P", kind, title, done, total] => snapshot.phases.push(PhaseState {
                    kind: PhaseKind::from_id(kind)?,
                    title: title.to_owned(),
                    done: int(done)?,
                    total: int(total)?,
                }),
                ["G", gate, more, ref waiting @ ..] => snapshot.gates.push(GateState {
                    gate: gate.to_owned(),
                    more: int(more)?,
                    waiting: waiting
                        .iter()
                        .map(|w| match w.split_at_checked(1)? {
                            ("p", "") => Some(Waiting::Prerequisite),
                            ("b", name) => Some(Waiting::Baseline(name.to_owned())),
                            ("n", n) => Some(Waiting::Baselines(int(n)?)),
                            ("a", role) => Some(Waiting::Approval(role.to_owned())),
                            _ => None,
                        })
                        .collect::<Option<Vec<_>>>()?,
                }),
                ["D", day, state, overdue, soon] if snapshot.alerts.is_none() => {
                    snapshot.next_due = match (day, state) {
                        ("", "") => None,
                        (day, state) => Some((Day::parse(day)?, due_state_from_id(state)?)),
                    };
                    snapshot.alerts = Some((int(overdue)?, int(soon)?));
                }
                ["A", question, answer] => {
                    snapshot.answers.push((question.to_owned(), (!answer.is_empty()).then(|| answer.to_owned())))
                }
                ["R", more] => snapshot.more_answers = int(more)?,
                ["M", name, unit, direction, start, latest, target] => snapshot.metrics.push(MetricState {
                    name: name.to_owned(),
                    unit: unit.to_owned(),
                    direction: match direction {
                        "u" => Direction::Up,
                        "d" => Direction::Down,
                        _ => return None,
                    },
                    start: number(start)?,
                    latest: number(latest)?,
                    target: number(target)?,
                }),
                _ => return None,
            }
        }
        Some(snapshot)
    }

    /// The snapshot in `fragment`: a whole URL fragment (`#s=…`, with or
    /// without `#`, other `&`-separated parameters ignored) or the value
    /// after `s=`.
    pub fn decode(fragment: &str) -> Result<Snapshot, LinkError> {
        let fragment = fragment.trim().trim_start_matches('#');
        let value = if fragment.contains('=') {
            fragment.split('&').find_map(|pair| pair.strip_prefix("s=")).ok_or(LinkError::Missing)?
        } else {
            fragment
        };
        if value.is_empty() {
            return Err(LinkError::Missing);
        }
        if value.len() > MAX_FRAGMENT {
            return Err(LinkError::TooLarge(value.chars().count()));
        }
        let (format, data) = value.split_once('.').ok_or(LinkError::Damaged)?;
        let format: u32 = format.parse().map_err(|_| LinkError::Damaged)?;
        if format > FORMAT {
            return Err(LinkError::Newer(format));
        }
        if format == 0 {
            return Err(LinkError::Damaged);
        }
        // A cut can leave a last group of one character, which is no byte.
        let bytes = from_base64url(data)?;
        let json = miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_JSON).map_err(|e| {
            use miniz_oxide::inflate::TINFLStatus;
            match e.status {
                TINFLStatus::HasMoreOutput => LinkError::TooLarge(value.len()),
                TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => LinkError::Truncated,
                _ => LinkError::Damaged,
            }
        })?;
        let text = String::from_utf8(json).map_err(|_| LinkError::Damaged)?;
        let snapshot = Snapshot::from_text(&text).ok_or(LinkError::Damaged)?;
        let order = [PhaseKind::Inventory, PhaseKind::Pilot, PhaseKind::Rollout];
        let phases_valid = snapshot.phases.len() == order.len()
            && snapshot.phases.iter().zip(order).all(|(p, kind)| p.kind == kind && p.done <= p.total);
        if !phases_valid || !crate::is_valid_id(&snapshot.playbook) {
            return Err(LinkError::Damaged);
        }
        Ok(snapshot)
    }
}

/// A next step's state as a link carries it (a next step is never resolved).
fn due_state_id(state: DueState) -> &'static str {
    match state {
        DueState::OnTrack | DueState::Done | DueState::NotApplicable => "t",
        DueState::Soon => "s",
        DueState::Overdue => "o",
    }
}

fn due_state_from_id(id: &str) -> Option<DueState> {
    match id {
        "t" => Some(DueState::OnTrack),
        "s" => Some(DueState::Soon),
        "o" => Some(DueState::Overdue),
        _ => None,
    }
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | u32::from(*b) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// The bytes of base64url `text` (no padding). A last group of one
/// character holds no byte: the link was cut. The unused low bits of the
/// last character are not checked: a link cut anywhere ends in such a
/// character, and the inflater then says that it was cut short.
fn from_base64url(text: &str) -> Result<Vec<u8>, LinkError> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        if chunk.len() == 1 {
            return Err(LinkError::Truncated);
        }
        let mut n = 0u32;
        for (i, c) in chunk.iter().enumerate() {
            let v = ALPHABET.iter().position(|a| a == c).ok_or(LinkError::Damaged)? as u32;
            n |= v << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    Ok(out)
}

/// `text` on one line: any run of whitespace or control characters (tabs
/// and line breaks included, which separate the fields) becomes one space.
fn one_line(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Mark, Progress};

    const FIXTURE: &str = include_str!("../tests/fixtures/valid/every-feature.md");

    fn playbook() -> Playbook {
        crate::parse(FIXTURE).0.expect("the fixture parses")
    }

    /// A run of the fixture with its first two steps done and one baseline.
    fn run(playbook: &Playbook) -> Run {
        let mut progress = Progress::default();
        progress.start_run(playbook, "経理部 2027 上期", "r1".into(), 1_000).unwrap();
        let run = progress.run_mut("r1").unwrap();
        for step in playbook.steps().take(2) {
            for item in &step.items {
                run.set_item(step, &item.id, Mark::Done, 2_000).unwrap();
            }
            run.set_step(playbook, step, Mark::Done, 2_000).unwrap();
        }
        let metric = &playbook.conditions.metrics[0];
        run.set_baseline(metric, Some(40.0), 3_000).unwrap();
        run.add_measurement(metric, "2027-05-31", 30.0, 4_000, 7).unwrap();
        run.set_answer(playbook, "listing", Some("listed"), 5_000).unwrap();
        run.clone()
    }

    fn snapshot() -> Snapshot {
        let playbook = playbook();
        Snapshot::new(&run(&playbook), &playbook, false, Person::new("佐藤 花子", "経理課長"), 1_764_900_000_000, 540)
    }

    #[test]
    fn a_snapshot_reads_back_as_it_was_taken() {
        let s = snapshot();
        let fragment = s.encode(LINK_LIMIT);
        assert!(fragment.starts_with("2."), "{fragment}");
        assert!(fragment.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b)), "{fragment}");
        assert_eq!(Snapshot::decode(&fragment), Ok(s.clone()));
        assert_eq!(Snapshot::decode(&format!("#s={fragment}")), Ok(s.clone()));
        assert_eq!(Snapshot::decode(&format!("x=1&s={fragment}")), Ok(s.clone()));
        assert!(!s.summarised);
        let playbook = playbook();
        let tally = run(&playbook).tally(&playbook);
        assert_eq!(s.tally(), (tally.done as u32, tally.total as u32));
        assert_eq!(s.tally().0, 2);
    }

    #[test]
    fn the_snapshot_carries_the_dates_and_the_answers_as_they_stood_that_day() {
        let s = snapshot();
        let playbook = playbook();
        let run = run(&playbook);
        let day = Day::from_millis(s.at, 540);
        let schedule = run.schedule(&playbook, day, 540);
        let (overdue, soon) = schedule.alerts();
        assert!(overdue > 0, "started in 1970, taken in 2025: late");
        assert_eq!(s.alerts, Some((overdue as u32, soon as u32)));
        let next = run.next_open(&playbook).unwrap();
        assert_eq!(s.next_due, schedule.step(&next.id).map(|d| (d.next, d.state)));
        let answers: Vec<(&str, Option<&str>)> = s.answers.iter().map(|(q, a)| (q.as_str(), a.as_deref())).collect();
        assert_eq!(answers, [("社外クラウドの AI サービスを使いますか", None), ("会社の区分", Some("上場企業"))]);
        let read = Snapshot::decode(&s.encode(LINK_LIMIT)).unwrap();
        assert_eq!((read.next_due, read.alerts, &read.answers), (s.next_due, s.alerts, &s.answers));

        // A next step with a date travels with its state.
        let mut dated = s.clone();
        dated.next_due = Some((Day::from_ymd(2025, 12, 8).unwrap(), DueState::Soon));
        assert_eq!(Snapshot::decode(&dated.encode(LINK_LIMIT)).unwrap().next_due, dated.next_due);

        // Summarised to the last level: the answers are counted, not listed.
        let mut many = s.clone();
        many.answers = (0..30).map(|i| (format!("質問 {i} ").repeat(20), Some("はい".to_owned()))).collect();
        let read = Snapshot::decode(&many.encode(700)).unwrap();
        assert!(read.summarised);
        assert_eq!(read.answers.len() as u32 + read.more_answers, 30);
        assert!(read.more_answers > 0);
    }

    #[test]
    fn a_link_made_before_the_dates_and_answers_still_reads() {
        // Format 1: the same lines without D, A and R.
        let s = snapshot();
        let text = s.to_text();
        let text: Vec<&str> = text.split('\n').filter(|l| !l.starts_with(['D', 'A', 'R'])).collect();
        let packed = miniz_oxide::deflate::compress_to_vec_zlib(text.join("\n").as_bytes(), 10);
        let read = Snapshot::decode(&format!("1.{}", base64url(&packed))).unwrap();
        assert_eq!((read.next_due, read.alerts, read.answers.len()), (None, None, 0));
        assert_eq!((read.run, read.phases, read.metrics), (s.run.clone(), s.phases.clone(), s.metrics.clone()));
        assert_eq!(Snapshot::decode(&format!("3.{}", base64url(&packed))), Err(LinkError::Newer(3)));
    }

    #[test]
    fn the_snapshot_says_what_each_gate_waits_for_and_where_each_metric_is() {
        let s = snapshot();
        let playbook = playbook();
        assert_eq!(s.next.as_deref(), playbook.steps().nth(2).map(|st| st.title.as_str()));
        let pilot = s.gates.iter().find(|g| g.gate == "pilot-start").expect("the pilot gate is open");
        assert!(
            pilot
                .waiting
                .iter()
                .all(|w| !matches!(w, Waiting::Baseline(n) if *n == playbook.conditions.metrics[0].name))
        );
        let first = &s.metrics[0];
        assert_eq!((first.start, first.latest), (Some(40.0), Some(30.0)));
        assert_eq!(s.metrics.len(), playbook.conditions.metrics.len());
    }

    #[test]
    fn a_long_snapshot_is_summarised_until_it_fits_and_says_what_it_left_out() {
        let mut s = snapshot();
        s.run = "長い名前".repeat(100);
        let gate = s.gates[0].clone();
        for i in 0..60 {
            s.gates.push(GateState {
                gate: format!("gate-{i}"),
                waiting: (0..20).map(|j| Waiting::Approval(format!("承認者 {i}-{j} の役職"))).collect(),
                more: 0,
            });
            s.metrics.push(MetricState { name: format!("指標 {i} の名前").repeat(5), ..s.metrics[0].clone() });
        }
        let fragment = s.encode(LINK_LIMIT);
        assert!(fragment.len() <= LINK_LIMIT, "{}", fragment.len());
        let read = Snapshot::decode(&fragment).unwrap();
        assert!(read.summarised);
        assert!(read.run.chars().count() < s.run.chars().count() && read.run.ends_with('…'));
        assert_eq!(read.gates.len() as u32 + read.more_gates, s.gates.len() as u32);
        assert_eq!(read.metrics.len() as u32 + read.more_metrics, s.metrics.len() as u32);
        assert_eq!(read.gates[0].gate, gate.gate);
        assert_eq!(read.tally(), s.tally(), "the progress is never summarised");
        // The last level fits a small budget too.
        let tiny = s.encode(0);
        assert!(tiny.len() < 400, "{}", tiny.len());
        assert!(Snapshot::decode(&tiny).is_ok());
    }

    #[test]
    fn base64url_reads_back_what_it_wrote_and_matches_the_standard() {
        // RFC 4648, section 10, in the URL alphabet without padding.
        for (bytes, text) in [
            ("", ""),
            ("f", "Zg"),
            ("fo", "Zm8"),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg"),
            ("fooba", "Zm9vYmE"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64url(bytes.as_bytes()), text);
            assert_eq!(from_base64url(text).unwrap(), bytes.as_bytes());
        }
        let all: Vec<u8> = (0..=255).collect();
        let text = base64url(&all);
        assert!(text.contains('-') && text.contains('_') && !text.contains('+') && !text.contains('/'));
        assert_eq!(from_base64url(&text).unwrap(), all);
        assert_eq!(from_base64url("Zm9vY"), Err(LinkError::Truncated));
        assert_eq!(from_base64url("Zm9v+g"), Err(LinkError::Damaged));
    }

    #[test]
    fn a_link_that_does_not_read_says_why() {
        let fragment = snapshot().encode(LINK_LIMIT);
        assert_eq!(Snapshot::decode(""), Err(LinkError::Missing));
        assert_eq!(Snapshot::decode("#s="), Err(LinkError::Missing));
        assert_eq!(Snapshot::decode("#other=1"), Err(LinkError::Missing));
        let newer = FORMAT + 1;
        assert_eq!(Snapshot::decode(&format!("#s={newer}.{}", &fragment[2..])), Err(LinkError::Newer(newer)));
        assert_eq!(Snapshot::decode(&"A".repeat(MAX_FRAGMENT + 1)), Err(LinkError::TooLarge(MAX_FRAGMENT + 1)));
        assert_eq!(Snapshot::decode("1"), Err(LinkError::Damaged));
        assert_eq!(Snapshot::decode("x.AAAA"), Err(LinkError::Damaged));
        assert_eq!(Snapshot::decode("0.AAAA"), Err(LinkError::Damaged));
        assert_eq!(Snapshot::decode("1.%%%%"), Err(LinkError::Damaged));
        // Cut anywhere: cut short, never a snapshot.
        for end in 2..fragment.len() {
            assert_eq!(Snapshot::decode(&fragment[..end]), Err(LinkError::Truncated), "{end}");
        }
        // One character changed anywhere: the checksum or the reader finds
        // it (or it fell on the padding bits of deflate's last byte, which
        // carry nothing).
        let whole = Snapshot::decode(&fragment);
        for i in 2..fragment.len() {
            let mut bytes = fragment.clone().into_bytes();
            bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
            let changed = Snapshot::decode(&String::from_utf8(bytes).unwrap());
            assert!(changed.is_err() || changed == whole, "{i}");
        }
        // A well-formed link of something else.
        let other = |json: &str| {
            let packed = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), 6);
            format!("1.{}", base64url(&packed))
        };
        assert_eq!(Snapshot::decode(&other("{\"runs\":[]}")), Err(LinkError::Damaged));
        assert_eq!(
            Snapshot::decode(&other(&" ".repeat(MAX_JSON + 1))),
            Err(LinkError::TooLarge(other(&" ".repeat(MAX_JSON + 1)).len()))
        );
    }

    #[test]
    fn texts_with_tabs_line_breaks_and_control_characters_travel_on_one_line() {
        let mut s = snapshot();
        s.run = "人事部\t上期\n<b>案</b>\u{1}\r\n".into();
        s.by.name = "佐藤\t花子".into();
        s.metrics[0].name = "件数\n（月）".into();
        let read = Snapshot::decode(&s.encode(LINK_LIMIT)).unwrap();
        assert_eq!(read.run, "人事部 上期 <b>案</b>");
        assert_eq!(read.by.name, "佐藤 花子");
        assert_eq!(read.metrics[0].name, "件数 （月）");
        assert_eq!(read.metrics[1..], s.metrics[1..]);
    }

    #[test]
    fn a_link_with_impossible_numbers_is_damaged() {
        let mut s = snapshot();
        s.phases[0].done = s.phases[0].total + 1;
        assert_eq!(Snapshot::decode(&s.to_fragment()), Err(LinkError::Damaged));
        let mut s = snapshot();
        s.phases.swap(0, 1);
        assert_eq!(Snapshot::decode(&s.to_fragment()), Err(LinkError::Damaged));
        let mut s = snapshot();
        s.playbook = "../etc".into();
        assert_eq!(Snapshot::decode(&s.to_fragment()), Err(LinkError::Damaged));
        // Fields that are not what the format says.
        let text = snapshot().to_text();
        for (from, to) in
            [("\nP\tinventory", "\nP\tbacklog"), ("\nM\t", "\nX\t"), ("\td\t", "\tx\t"), ("\t0\nP\t", "\t2\nP\t")]
        {
            let changed = text.replacen(from, to, 1);
            assert_ne!(changed, text, "{from:?}");
            assert_eq!(Snapshot::from_text(&changed), None, "{from:?}");
        }
        let measured = snapshot().to_text().replacen("\t40\t30", "\tNaN\t30", 1);
        assert_eq!(Snapshot::from_text(&measured), None);
    }
}
