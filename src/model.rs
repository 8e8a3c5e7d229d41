//! The playbook as the rest of tebiki sees it: validated, plain data.
//!
//! A [`Playbook`] only exists when its file had no errors, so its invariants
//! hold for every consumer: three phases in the order inventory, pilot,
//! rollout, each with at least one step; every id unique in the file; every
//! approver and metric a step names is defined in the front matter. Markdown
//! has already been rendered to HTML that cannot run script.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::day::Span;

/// One validated playbook.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Playbook {
    /// Who it is for and what it is about.
    pub meta: Meta,
    /// What the rollout covers and how success is judged.
    pub conditions: SuccessConditions,
    /// Rendered HTML of the text before the first phase.
    pub intro_html: String,
    /// Inventory, pilot and rollout, in that order.
    pub phases: Vec<Phase>,
    /// What a team answers when it starts a run (and may change later),
    /// deciding which steps and checklist items apply to it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<Question>,
}

/// A question about the company or the team that decides which steps apply
/// (「社外クラウドの AI サービスを使いますか」「上場企業ですか」).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Question {
    /// Stable id, unique among the questions; answers are keyed by it.
    pub id: String,
    /// The question as asked.
    pub text: String,
    /// The answers to pick from: yes and no (はい・いいえ) unless the author
    /// lists others; at least two, ids unique.
    pub choices: Vec<Choice>,
    /// Hash of the question as written, to notice when it changes.
    pub hash: String,
}

/// One answer a question offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    /// Id that conditions name (`yes`, `no`, or the author's).
    pub id: String,
    /// The answer as shown.
    pub label: String,
}

/// The answers of a question written without `choices`.
pub fn yes_no() -> Vec<Choice> {
    vec![Choice { id: "yes".into(), label: "はい".into() }, Choice { id: "no".into(), label: "いいえ".into() }]
}

impl Question {
    /// The choice with id `id`.
    pub fn choice(&self, id: &str) -> Option<&Choice> {
        self.choices.iter().find(|c| c.id == id)
    }
}

/// When a step or checklist item applies: question `question` answered
/// `answer` (or, with `equal` false, anything else). Resolved when the
/// playbook is read, so that a run can tell whether a step applies from the
/// step alone: it carries the question's text, the answer's label and every
/// answer the question offers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    /// The question's id.
    pub question: String,
    /// The answer's id.
    pub answer: String,
    /// `question=answer` (true) or `question!=answer` (false).
    pub equal: bool,
    /// The question's text.
    pub ask: String,
    /// The answer's label.
    pub label: String,
    /// Every answer id the question offers; an answer kept from an earlier
    /// version of the question that is not among them counts as none.
    pub choices: Vec<String>,
}

/// The conditions of a playbook's conditional steps, by step id: what a
/// place that has the run but not the playbook (the catalog's cards, the
/// summary for the pages without the app) needs to tell which of the run's
/// steps its answers exclude. Carried in the site's manifest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StepConditions(BTreeMap<String, Vec<Condition>>);

impl StepConditions {
    /// The conditions of every step of `playbook` that has any.
    pub fn of(playbook: &Playbook) -> StepConditions {
        StepConditions(
            playbook.steps().filter(|s| !s.when.is_empty()).map(|s| (s.id.clone(), s.when.clone())).collect(),
        )
    }

    /// The conditions of step `id` (none: it always applies).
    pub fn get(&self, id: &str) -> &[Condition] {
        self.0.get(id).map_or(&[], Vec::as_slice)
    }

    /// No step has conditions.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl Condition {
    /// Whether the condition holds for `answer`; an unanswered question (or
    /// an answer the question no longer offers) excludes nothing.
    pub fn holds(&self, answer: Option<&str>) -> bool {
        match answer {
            Some(a) if self.choices.iter().any(|c| c == a) => (a == self.answer) == self.equal,
            _ => true,
        }
    }

    /// Why what it guards does not apply: 「「上場企業ですか」が「はい」の場合だけ行います」.
    pub fn reason(&self, t: &crate::text::Texts) -> String {
        (t.condition_reason)(&self.ask, &self.label, self.equal)
    }

    /// When what it guards applies: 「「上場企業ですか」が「はい」の場合」.
    pub fn describe(&self, t: &crate::text::Texts) -> String {
        (t.condition_rule)(&self.ask, &self.label, self.equal)
    }
}

/// The descriptive part of the front matter.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// Stable id, unique across the library; progress is keyed by it.
    pub id: String,
    /// Title shown in the catalog.
    pub title: String,
    /// Department the playbook was written for (人事, 経理, ...).
    pub department: String,
    /// The one theme the rollout is about.
    pub theme: String,
    /// One-line summary.
    pub summary: String,
    /// Role that owns the playbook.
    pub owner: String,
    /// Version, raised whenever the content changes in a way teams should see.
    pub version: u32,
    /// The playbook this one was cloned from, if any.
    pub cloned_from: Option<SourceRef>,
    /// The playbook (by id) a team must have finished before its pilot
    /// starts, such as the company-wide AI tool review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub requires: Option<String>,
    /// Free tags for the catalog filter.
    pub tags: Vec<String>,
    /// What a team prepares before the first step: tools, forms, the logs
    /// the metrics are counted from.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prepare: Vec<String>,
    /// The effort the playbook expects, as its author states it (人日, hours
    /// a week, months).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effort: Option<String>,
}

/// A reference to a playbook at one version (`id@version`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceRef {
    /// The source playbook's id.
    pub id: String,
    /// The source's version at the time of cloning.
    pub version: u32,
}

impl std::fmt::Display for SourceRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

/// The documented success conditions handed to the next department.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SuccessConditions {
    /// Which work the rollout covers.
    pub scope: Vec<String>,
    /// What is explicitly left out, and why.
    pub exceptions: Vec<Exception>,
    /// Who signs which gate.
    pub approvers: Vec<Approver>,
    /// How the effect is measured.
    pub metrics: Vec<Metric>,
}

/// Work that stays out of the rollout.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exception {
    /// The work that is excluded.
    pub work: String,
    /// Why it is excluded.
    pub reason: String,
}

/// A role that signs one or more gates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Approver {
    /// Id used by approval steps.
    pub id: String,
    /// The role (部長, 課長, ...), not a person's name.
    pub role: String,
    /// Gate ids this role signs, e.g. `pilot-start`, `rollout-go`.
    pub gates: Vec<String>,
}

/// Whether a bigger number is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// Higher is better (e.g. first-contact resolution).
    Up,
    /// Lower is better (e.g. send-backs, hours).
    Down,
}

impl Direction {
    /// True when going from `from` to `to` is an improvement.
    pub fn improves(self, from: f64, to: f64) -> bool {
        match self {
            Direction::Up => to > from,
            Direction::Down => to < from,
        }
    }
}

/// A metric value as people write it: `12`, not `12.0`; `0.5` stays `0.5`.
pub fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// What counts as success for a metric: a value every team aims for, or a
/// change from each team's own start (its baseline, or its first
/// measurement for a metric measured from the pilot) — `target: -20%`, for
/// a number that depends on the size of the company.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(into = "TargetRepr", try_from = "TargetRepr")]
pub enum Target {
    /// This value.
    Value(f64),
    /// This change from the start, in percent of the start (signed).
    Change(f64),
}

/// How a [`Target`] is written: a number, or a signed percentage.
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum TargetRepr {
    Value(f64),
    Change(String),
}

impl From<Target> for TargetRepr {
    fn from(t: Target) -> TargetRepr {
        match t {
            Target::Value(v) => TargetRepr::Value(v),
            Target::Change(p) => TargetRepr::Change(Target::Change(p).written()),
        }
    }
}

impl TryFrom<TargetRepr> for Target {
    type Error = String;
    fn try_from(r: TargetRepr) -> Result<Target, String> {
        match r {
            TargetRepr::Value(v) => Ok(Target::Value(v)),
            TargetRepr::Change(text) => Target::parse_change(&text).ok_or_else(|| format!("not a target: {text}")),
        }
    }
}

impl Target {
    /// A change written with its sign and a percent sign: `-20%`, `+10%`
    /// (full-width signs and digits are read too). Without a sign it is
    /// not a change: `20%` could mean the value 20. A change of 0, or below
    /// -100% (less than nothing), is not a target.
    pub fn parse_change(text: &str) -> Option<Target> {
        // Full-width digits and signs as the worksheet reads them, plus the
        // minus sign (U+2212) and the long-vowel mark people type for one.
        let text: String =
            crate::inventory::normalize(text).chars().map(|c| if matches!(c, '−' | 'ー') { '-' } else { c }).collect();
        let number = text.strip_suffix('%')?.trim_end();
        if !number.starts_with(['+', '-']) {
            return None;
        }
        let value = number.parse::<f64>().ok().filter(|v| v.is_finite() && *v != 0.0 && *v >= -100.0)?;
        Some(Target::Change(value))
    }

    /// As written in a playbook: `60`, `-20%`.
    pub fn written(self) -> String {
        match self {
            Target::Value(v) => format_number(v),
            Target::Change(p) if p > 0.0 => format!("+{}%", format_number(p)),
            Target::Change(p) => format!("{}%", format_number(p)),
        }
    }

    /// The value aimed for, from `start` (the baseline, or the first
    /// measurement): `None` for a change while the start is unknown.
    pub fn resolve(self, start: Option<f64>) -> Option<f64> {
        match self {
            Target::Value(v) => Some(v),
            // Rounded to six decimals, so that 50 + 10 % shows as 55.
            Target::Change(p) => start.map(|s| (s * (100.0 + p) / 100.0 * 1e6).round() / 1e6),
        }
    }

    /// In words, as the playbook states it: 「60 件/月」, 「基準値から -20%」.
    pub fn describe(self, unit: &str, t: &crate::text::Texts) -> String {
        match self {
            Target::Value(v) => format!("{} {unit}", format_number(v)),
            Target::Change(_) => (t.target_change)(&self.written()),
        }
    }

    /// Whether reaching the target would be an improvement in `direction`
    /// (from `baseline`, for a value).
    pub fn improves(self, direction: Direction, baseline: Option<f64>) -> bool {
        match (self, direction) {
            (Target::Value(v), d) => baseline.is_none_or(|b| d.improves(b, v)),
            (Target::Change(p), Direction::Up) => p > 0.0,
            (Target::Change(p), Direction::Down) => p < 0.0,
        }
    }
}

/// One measure of the rollout's effect.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    /// Id used by metric steps.
    pub id: String,
    /// Name shown to people.
    pub name: String,
    /// Unit of the numbers (件/月, %, 時間/月, 円 ...).
    pub unit: String,
    /// Whether up or down is better.
    pub direction: Direction,
    /// The value before the pilot, when already known.
    pub baseline: Option<f64>,
    /// The value that counts as success, or the change from the start that
    /// does.
    pub target: Target,
    /// How the number is measured: source, period, who counts.
    pub measure: String,
    /// Why the metric can only be measured once the pilot runs (there are no
    /// drafts or tags before it). Such a metric has no baseline: the pilot
    /// gate does not wait for one, and its first measurement is its start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_pilot: Option<String>,
    /// What tebiki counts as the metric's value instead of a team typing
    /// it (`counts: send-backs`): it starts at 0 and is never recorded in a
    /// metric step.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<Count>,
}

/// What a counted metric counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Count {
    /// Every time the work was sent back at an approval in the run
    /// (`send-backs`).
    SendBacks,
}

impl Count {
    /// As written in a playbook.
    pub const NAMES: &[&str] = &["send-backs"];

    /// The count named `name` in a playbook.
    pub fn from_name(name: &str) -> Option<Count> {
        match name {
            "send-backs" => Some(Count::SendBacks),
            _ => None,
        }
    }
}

/// The three phases of a rollout, in their required order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PhaseKind {
    /// 棚卸し: list and classify the work.
    Inventory,
    /// パイロット: one theme in one department, drafts approved by people.
    Pilot,
    /// 横展開: hand the success conditions to the next department.
    Rollout,
}

impl PhaseKind {
    /// All phases in order.
    pub const ALL: [PhaseKind; 3] = [PhaseKind::Inventory, PhaseKind::Pilot, PhaseKind::Rollout];

    /// The id written in playbooks.
    pub fn id(self) -> &'static str {
        match self {
            PhaseKind::Inventory => "inventory",
            PhaseKind::Pilot => "pilot",
            PhaseKind::Rollout => "rollout",
        }
    }

    /// Parse the id written in playbooks.
    pub fn from_id(id: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }
}

/// One phase and its steps.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    /// Which phase this is.
    pub kind: PhaseKind,
    /// The heading text as written.
    pub title: String,
    /// Rendered HTML of the text between the heading and the first step.
    pub intro_html: String,
    /// The steps, in file order.
    pub steps: Vec<Step>,
}

/// One step of a phase.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    /// Stable id, unique in the file; progress is keyed by it.
    pub id: String,
    /// The heading text as written.
    pub title: String,
    /// Who carries the step out, when stated.
    pub role: Option<String>,
    /// What kind of work the step is.
    pub kind: StepKind,
    /// Whether a team may mark the step not applicable (with a reason).
    pub na_allowed: bool,
    /// Earlier ids of this step, so progress recorded under them carries over.
    pub renamed_from: Vec<String>,
    /// Rendered HTML of the instructions (the checklist excluded).
    pub html: String,
    /// Checklist items.
    pub items: Vec<Item>,
    /// Hash of the step's source text, to notice when it changes.
    pub hash: String,
    /// What an approval step's decision needs (the 稟議 one-pager).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Decision>,
    /// When the step is due, counted from its phase's start or the run's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Due>,
    /// The reasons an approver usually sends the work back for, offered
    /// first (an approval step's `send_back_reasons`; any reason may be written).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub send_back_reasons: Vec<String>,
    /// When the step applies (every condition must hold); always, when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
}

/// When a step is due: a span after its phase's start (or the run's), and
/// for a step done again and again (the monthly review) how often and how
/// many times.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Due {
    /// How long after the start.
    pub after: Span,
    /// Which start it is counted from.
    pub from: DueFrom,
    /// How often it comes back, when it does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
}

/// The start a due date is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DueFrom {
    /// The start of the step's phase (`due_from: phase`, the default).
    Phase,
    /// The start of the run (`due_from: run`).
    Run,
}

/// A step that comes back: every `every`, `times` times in all (the first
/// included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repeat {
    /// The time between two occurrences (days, weeks or months).
    pub every: Span,
    /// How many occurrences in all, from 2 to [`MAX_REPEAT`].
    pub times: u32,
}

/// The most occurrences a repeating step may have.
pub const MAX_REPEAT: u32 = 60;

impl Due {
    /// As people read it: 「パイロットの開始から 1 か月、1 か月ごと、全 3 回」;
    /// `phase` is the step's phase.
    pub fn describe(&self, phase: PhaseKind, t: &crate::text::Texts) -> String {
        let from = match self.from {
            DueFrom::Phase => Some(t.phase_names[phase as usize]),
            DueFrom::Run => None,
        };
        let mut text = (t.due_rule)(&self.after.text(t.lang), from);
        if let Some(repeat) = self.repeat {
            text.push_str(if t.lang == crate::Lang::Ja { "、" } else { ", " });
            text.push_str(&(t.due_repeat)(&repeat.every.text(t.lang), repeat.times));
        }
        text
    }
}

/// What approvers need to decide at a gate: the one page attached to a 稟議.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    /// What is being decided, and why.
    pub purpose: String,
    /// 移行基準: what must hold to go ahead.
    pub go: Vec<Criterion>,
    /// 撤退基準: what makes the team stop.
    pub stop: Vec<Criterion>,
    /// What it costs (money and effort), as the author states it.
    pub cost: Option<String>,
    /// What could go wrong, and how it is handled.
    pub risks: Vec<Risk>,
    /// When (or where) the decision is taken.
    pub decide: Option<String>,
}

/// One go or stop criterion: words, and a threshold on a metric when it is
/// numeric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// The criterion as people read it.
    pub text: String,
    /// The metric (by id) and the value the criterion compares with.
    pub threshold: Option<Threshold>,
}

/// A value of a metric that a criterion compares the latest measurement with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Threshold {
    /// The metric's id.
    pub metric: String,
    /// The value, in the metric's unit.
    pub value: f64,
}

/// A risk of the decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    /// What could go wrong.
    pub risk: String,
    /// The level of the information involved (社外秘, 個人情報 …), when any.
    pub info: Option<String>,
    /// How it is prevented or handled.
    pub response: String,
}

/// What kind of work a step is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum StepKind {
    /// Read, do, check off.
    Plain,
    /// A gate that named approvers sign.
    Approval {
        /// The gate signed here.
        gate: String,
        /// Approver ids who sign it.
        approvers: Vec<String>,
    },
    /// Recording values of metrics.
    Metric {
        /// Metric ids recorded in this step.
        metrics: Vec<String>,
    },
    /// The inventory worksheet of current tasks.
    Inventory,
}

impl StepKind {
    /// The id written in playbooks.
    pub fn id(&self) -> &'static str {
        match self {
            StepKind::Plain => "plain",
            StepKind::Approval { .. } => "approval",
            StepKind::Metric { .. } => "metric",
            StepKind::Inventory => "inventory",
        }
    }
}

/// One checklist item of a step.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    /// Stable id, unique in the file.
    pub id: String,
    /// Rendered HTML of the item's text.
    pub html: String,
    /// The item's text without markup, for exports and screen readers.
    pub text: String,
    /// Whether a team may mark the item not applicable (with a reason).
    pub na_allowed: bool,
    /// Earlier ids of this item.
    pub renamed_from: Vec<String>,
    /// Hash of the item's source text.
    pub hash: String,
    /// When the item applies (every condition must hold); always, when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub when: Vec<Condition>,
}

impl SuccessConditions {
    /// The role of approver `id`, or the id itself when there is none (a
    /// record kept from an older version of the playbook).
    pub fn approver_role<'a>(&'a self, id: &'a str) -> &'a str {
        self.approvers.iter().find(|a| a.id == id).map_or(id, |a| a.role.as_str())
    }

    /// The name of metric `id`, or the id itself when there is none.
    pub fn metric_name<'a>(&'a self, id: &'a str) -> &'a str {
        self.metrics.iter().find(|m| m.id == id).map_or(id, |m| m.name.as_str())
    }
}

impl Playbook {
    /// Every step of every phase, in order.
    pub fn steps(&self) -> impl Iterator<Item = &Step> {
        self.phases.iter().flat_map(|p| p.steps.iter())
    }

    /// Every role the playbook names, once each: the steps' responsible
    /// roles in step order, then the approvers' roles not named by a step.
    /// A run maps each to the people who take it on.
    pub fn roles(&self) -> Vec<&str> {
        let mut roles: Vec<&str> = Vec::new();
        let steps = self.steps().filter_map(|s| s.role.as_deref());
        for role in steps.chain(self.conditions.approvers.iter().map(|a| a.role.as_str())) {
            let role = role.trim();
            if !role.is_empty() && !roles.contains(&role) {
                roles.push(role);
            }
        }
        roles
    }

    /// The question with id `id`.
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The phase of the given kind.
    pub fn phase(&self, kind: PhaseKind) -> Option<&Phase> {
        self.phases.iter().find(|p| p.kind == kind)
    }

    /// Number of steps in all phases.
    pub fn step_count(&self) -> usize {
        self.phases.iter().map(|p| p.steps.len()).sum()
    }

    /// The first step that records metric `id` (where its baseline is
    /// entered), if any step does.
    pub fn metric_step(&self, id: &str) -> Option<&Step> {
        self.steps().find(|s| matches!(&s.kind, StepKind::Metric { metrics } if metrics.iter().any(|m| m == id)))
    }

    /// The step with this id.
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps().find(|s| s.id == id)
    }

    /// The phase that holds step `id`.
    pub fn phase_of(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|p| p.steps.iter().any(|s| s.id == id))
    }

    /// The step `delta` places after step `id` in playbook order (before it
    /// when negative); `None` past either end or for an unknown id.
    pub fn step_beside(&self, id: &str, delta: isize) -> Option<&Step> {
        let index = self.steps().position(|s| s.id == id)?;
        self.steps().nth(index.checked_add_signed(delta)?)
    }

    /// The phase after the one of kind `kind`, if any.
    pub fn phase_after(&self, kind: PhaseKind) -> Option<&Phase> {
        let index = self.phases.iter().position(|p| p.kind == kind)?;
        self.phases.get(index + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_target_is_a_value_or_a_signed_change_from_the_start() {
        assert_eq!(Target::parse_change("-20%"), Some(Target::Change(-20.0)));
        assert_eq!(Target::parse_change("＋１２．５％"), Some(Target::Change(12.5)));
        assert_eq!(Target::parse_change("−30 %"), Some(Target::Change(-30.0)));
        assert_eq!(Target::parse_change("-100%"), Some(Target::Change(-100.0)));
        for not_a_change in ["20%", "-20", "+0%", "-150%", "-x%", "", "%"] {
            assert_eq!(Target::parse_change(not_a_change), None, "{not_a_change}");
        }
        let less = Target::Change(-20.0);
        assert_eq!(less.resolve(Some(150.0)), Some(120.0));
        assert_eq!(less.resolve(None), None, "unknown until the start is");
        assert_eq!(Target::Value(60.0).resolve(None), Some(60.0));
        assert!(less.improves(Direction::Down, Some(10.0)) && !less.improves(Direction::Up, None));
        assert!(Target::Value(5.0).improves(Direction::Down, Some(10.0)));
        assert!(!Target::Value(15.0).improves(Direction::Down, Some(10.0)));
        assert!(Target::Value(15.0).improves(Direction::Down, None), "no baseline: nothing to compare");
        assert_eq!(
            (less.written(), Target::Change(10.0).written(), Target::Value(0.5).written()),
            ("-20%".to_owned(), "+10%".to_owned(), "0.5".to_owned())
        );
        let ja = crate::text::texts(crate::Lang::Ja);
        assert_eq!(less.describe("時間/月", ja), "基準値から -20%");
        assert_eq!(Target::Value(60.0).describe("件/月", ja), "60 件/月");
        // Serialized as written, and read back.
        let json = serde_json::to_string(&[less, Target::Value(3.0)]).unwrap();
        assert_eq!(json, r#"["-20%",3.0]"#);
        assert_eq!(serde_json::from_str::<Vec<Target>>(&json).unwrap(), [less, Target::Value(3.0)]);
        assert!(serde_json::from_str::<Target>(r#""20%""#).is_err());
    }
}
