//! From text to a [`Playbook`] plus every problem found on the way.
//!
//! One pass over the input: split the front matter, read it, cut the body at
//! its headings ([`crate::markdown`]), read the comment under each heading,
//! then check the references between the parts ([`crate::validate`]). Nothing
//! stops at the first problem; a playbook is returned only when no error was
//! found, warnings allowed.

use std::ops::Range;

use crate::day::Unit;
use crate::diagnostic::{Context, Diagnostic, Expected, Problem, Problems, Severity};
use crate::fields::MapReader;
use crate::frontmatter;
use crate::hash::content_hash;
use crate::lines::LineIndex;
use crate::markdown::{self, Section};
use crate::model::{
    Condition, Due, DueFrom, Item, MAX_REPEAT, Phase, PhaseKind, Playbook, Question, Repeat, Step, StepKind,
};
use crate::validate;
use crate::yaml;

/// Largest playbook accepted, in bytes. The biggest real playbook is a few
/// tens of kilobytes; a 500-step one about 200 KB.
pub const MAX_PLAYBOOK_BYTES: usize = 2 * 1024 * 1024;

/// At most this many diagnostics are reported for one file.
pub const MAX_DIAGNOSTICS: usize = 200;

/// Parse and validate a playbook.
///
/// Returns the playbook when there is no error, and every diagnostic (errors
/// and warnings) sorted by position. Never panics; time and memory grow
/// linearly with the input.
pub fn parse(text: &str) -> (Option<Playbook>, Vec<Diagnostic>) {
    let read = parse_located(text);
    (read.playbook, read.diagnostics)
}

/// What [`parse_located`] found: the result of [`parse`] plus what checks
/// across files need.
#[derive(Debug, Default)]
pub(crate) struct Located {
    pub playbook: Option<Playbook>,
    pub diagnostics: Vec<Diagnostic>,
    /// The id as written, even when the file has errors (empty if unreadable).
    pub id: String,
    pub id_range: Option<Range<usize>>,
    pub cloned_from: Option<(crate::model::SourceRef, Range<usize>)>,
    /// The playbook required before the pilot, and where it was written.
    pub requires: Option<(String, Range<usize>)>,
}

/// [`parse`], keeping where the id and `cloned_from` were written.
pub(crate) fn parse_located(text: &str) -> Located {
    if text.len() > MAX_PLAYBOOK_BYTES {
        return Located { diagnostics: vec![too_large(text.len())], ..Located::default() };
    }
    let mut out = Problems::new();
    let (draft, places) = read(text, &mut out);
    let diagnostics = finish(text, out);
    let id = draft.meta.id.clone();
    let cloned_from = draft.meta.cloned_from.clone().zip(places.cloned_from);
    let requires = draft.meta.requires.clone().zip(places.requires);
    let id_range = (!id.is_empty()).then_some(places.id);
    let playbook = if diagnostics.iter().any(Diagnostic::is_error) { None } else { Some(draft) };
    Located { playbook, diagnostics, id, id_range, cloned_from, requires }
}

/// Like [`parse`], for bytes that may not be UTF-8. Every invalid sequence is
/// reported; the rest of the file is still checked, with U+FFFD in place of the
/// invalid bytes (ranges then refer to that replaced text; lines are the same).
pub fn parse_bytes(bytes: &[u8]) -> (Option<Playbook>, Vec<Diagnostic>) {
    if bytes.len() > MAX_PLAYBOOK_BYTES {
        return (None, vec![too_large(bytes.len())]);
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return parse(text);
    }
    let mut text = String::with_capacity(bytes.len() + 16);
    let mut bad = Vec::new();
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        if !chunk.invalid().is_empty() {
            bad.push(text.len());
            text.push(char::REPLACEMENT_CHARACTER);
        }
    }
    let mut out: Problems = bad.into_iter().map(|at| (at..at + 3, Problem::InvalidUtf8)).collect();
    read(&text, &mut out);
    (None, finish(&text, out))
}

/// The one diagnostic of a file of `size` bytes, past [`MAX_PLAYBOOK_BYTES`]:
/// what [`parse_bytes`] says of it, for a reader that does not read it.
pub fn too_large(size: usize) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        range: 0..0,
        at: crate::lines::LineCol { line: 1, col: 1 },
        problem: Problem::TooLarge { size, limit: MAX_PLAYBOOK_BYTES },
    }
}

/// Sort, cap and place the problems.
pub(crate) fn finish(text: &str, mut out: Problems) -> Vec<Diagnostic> {
    if out.is_empty() {
        return Vec::new();
    }
    out.sort_by_key(|(r, _)| r.start);
    let index = LineIndex::new(text);
    let mut diagnostics: Vec<Diagnostic> = Vec::with_capacity(out.len().min(MAX_DIAGNOSTICS + 1));
    let total = out.len();
    for (range, problem) in out.into_iter().take(MAX_DIAGNOSTICS) {
        diagnostics.push(Diagnostic {
            severity: problem.severity(),
            at: index.locate(text, range.start),
            range,
            problem,
        });
    }
    if total > MAX_DIAGNOSTICS {
        let at = diagnostics.last().map_or(0, |d| d.range.start);
        diagnostics.push(Diagnostic {
            severity: Severity::Error,
            range: at..at,
            at: index.locate(text, at),
            problem: Problem::TooManyProblems { limit: MAX_DIAGNOSTICS },
        });
    }
    diagnostics
}

/// A step while the file is read: the step plus where its parts were written.
#[derive(Debug)]
pub(crate) struct StepDraft {
    pub step: Step,
    pub id: Range<usize>,
    pub gate: Option<Range<usize>>,
    pub approvers: Vec<Range<usize>>,
    pub metrics: Vec<Range<usize>>,
    /// The metrics an approval step's decision names, and where.
    pub decision_metrics: Vec<(String, Range<usize>)>,
    pub renamed_from: Vec<Range<usize>>,
    /// For each item: where its id and its renamed_from entries were written.
    pub items: Vec<(Range<usize>, Vec<Range<usize>>)>,
    /// The step's `when`, as written.
    pub when: Vec<WhenDraft>,
    /// Each item's `when`, as written.
    pub item_when: Vec<Vec<WhenDraft>>,
}

/// One condition of a `when` as written, before it is checked against the
/// questions: the question and the answer, each with where it was written.
#[derive(Debug)]
pub(crate) struct WhenDraft {
    question: (String, Range<usize>),
    answer: (String, Range<usize>),
    equal: bool,
}

/// Read everything; the playbook it returns is only valid if `out` has no error.
fn read(text: &str, out: &mut Problems) -> (Playbook, frontmatter::Places) {
    let start = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let split = frontmatter::split(text, start, out);
    // Without front matter there is nothing to read, and a message for each
    // missing key would only repeat the one already given.
    let front = split.yaml.map(|yaml| frontmatter::read(text, yaml, out)).unwrap_or_default();
    let outline = markdown::outline(text, split.body.clone(), out);

    let mut intro_html = String::new();
    let mut phases: Vec<(Phase, Range<usize>)> = Vec::new();
    let mut steps: Vec<StepDraft> = Vec::new();
    // Which phase each step draft belongs to (index into `phases`), if any.
    let mut owner: Vec<Option<usize>> = Vec::new();
    let mut current: Option<usize> = None;
    // True after a `##` whose phase could not be read, so its steps are not
    // also reported as being outside any phase.
    let mut phase_unknown = false;

    for section in outline.sections {
        let Some(heading) = &section.heading else {
            no_items_here(&section, out);
            intro_html = section.html;
            continue;
        };
        if heading.text.is_empty() {
            out.push((heading.range.clone(), Problem::EmptyTitle));
        }
        match heading.level {
            1 => {
                out.push((heading.range.clone(), Problem::TopLevelHeading));
                no_items_here(&section, out);
            }
            2 => {
                no_items_here(&section, out);
                match read_phase_comment(text, &section, out) {
                    Some(kind) => {
                        if let Some((dup, _)) = phases.iter().find(|(p, _)| p.kind == kind) {
                            out.push((heading.range.clone(), Problem::DuplicatePhase { phase: dup.kind.id() }));
                        } else if let Some((later, _)) = phases.iter().find(|(p, _)| p.kind > kind) {
                            out.push((
                                heading.range.clone(),
                                Problem::PhaseOutOfOrder { phase: kind.id(), after: later.kind.id() },
                            ));
                        }
                        phases.push((
                            Phase {
                                kind,
                                title: heading.text.clone(),
                                intro_html: section.html.clone(),
                                steps: Vec::new(),
                            },
                            heading.range.clone(),
                        ));
                        current = Some(phases.len() - 1);
                        phase_unknown = false;
                    }
                    None => {
                        current = None;
                        phase_unknown = true;
                    }
                }
            }
            _ => {
                let Some(draft) = read_step(text, &section, out) else { continue };
                if current.is_none() && !phase_unknown {
                    out.push((heading.range.clone(), Problem::StepOutsidePhase));
                }
                owner.push(current);
                steps.push(draft);
            }
        }
    }

    // A missing phase is reported where the text ends, not on the empty line
    // after the final line break.
    let end_of_text = text[..split.body.end].trim_end().len();
    for kind in PhaseKind::ALL {
        match phases.iter().position(|(p, _)| p.kind == kind) {
            None => out.push((end_of_text..end_of_text, Problem::MissingPhase { phase: kind.id() })),
            Some(i) if !owner.contains(&Some(i)) => {
                out.push((phases[i].1.clone(), Problem::PhaseWithoutSteps { phase: kind.id() }));
            }
            Some(_) => {}
        }
    }

    let step_phases: Vec<Option<PhaseKind>> = owner.iter().map(|i| i.map(|i| phases[i].0.kind)).collect();
    validate::check(text, &front, &steps, &step_phases, out);
    let mut used = vec![false; front.questions.len()];
    for draft in &mut steps {
        draft.step.when = resolve_when(&front.questions, &draft.when, &mut used, out);
        for (item, when) in draft.step.items.iter_mut().zip(&draft.item_when) {
            item.when = resolve_when(&front.questions, when, &mut used, out);
        }
    }
    // A question used under its id counts as used for every copy of the id
    // (a duplicate is reported as such).
    for (question, range) in front.questions.iter().zip(&front.places.questions) {
        if !front.questions.iter().zip(&used).any(|(q, used)| *used && q.id == question.id) {
            out.push((range.clone(), Problem::QuestionNeverUsed { id: question.id.clone() }));
        }
    }

    for (draft, phase) in steps.into_iter().zip(owner) {
        if let Some(i) = phase {
            phases[i].0.steps.push(draft.step);
        }
    }
    let mut phases: Vec<Phase> = phases.into_iter().map(|(p, _)| p).collect();
    phases.sort_by_key(|p| p.kind);
    let questions = front.questions;
    (Playbook { meta: front.meta, conditions: front.conditions, intro_html, phases, questions }, front.places)
}

fn no_items_here(section: &Section, out: &mut Problems) {
    for item in &section.items {
        out.push((item.range.clone(), Problem::ChecklistOutsideStep));
    }
}

/// Parse the YAML inside a comment. Returns the tree and the base to add to
/// its spans to get absolute offsets.
///
/// The text after `<!--` on the first line is given the indentation of the
/// lines below it, so both `<!-- step: a` + `kind: metric` on the next line
/// and an indented block under a bare `<!--` read as one mapping.
fn comment_yaml<'t>(text: &'t str, inner: &Range<usize>, out: &mut Problems) -> Option<(yaml::Node<'t>, usize)> {
    let raw = &text[inner.clone()];
    let first_end = raw.find(['\n', '\r']).unwrap_or(raw.len());
    let lead = first_end - raw[..first_end].trim_start_matches([' ', '\t']).len();
    let content_start = inner.start + lead;
    let indent = raw[first_end..]
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.len() - l.trim_start_matches(' ').len())
        .min()
        .unwrap_or(0)
        .min(content_start);
    let base = content_start - indent;
    let content = &text[content_start..inner.end];
    let root = if indent == 0 {
        let parsed = yaml::parse(content);
        out.extend(parsed.problems.into_iter().map(|(r, p)| (base + r.start..base + r.end, p)));
        parsed.root
    } else {
        let mut snippet = String::with_capacity(indent + content.len());
        snippet.extend(std::iter::repeat_n(' ', indent));
        snippet.push_str(content);
        let parsed = yaml::parse(&snippet);
        out.extend(parsed.problems.into_iter().map(|(r, p)| (base + r.start..base + r.end, p)));
        parsed.root.map(yaml::Node::into_owned)
    };
    root.map(|root| (root, base))
}

/// The key that says what a comment is for, if it has one of them.
fn comment_kind(node: &yaml::Node<'_>) -> Option<&'static str> {
    let yaml::Value::Map(entries) = &node.value else { return None };
    entries.iter().find_map(|(k, _)| match &k.value {
        yaml::Value::Scalar { text, .. } => ["phase", "step", "item"].into_iter().find(|w| w == text),
        _ => None,
    })
}

fn read_phase_comment(text: &str, section: &Section, out: &mut Problems) -> Option<PhaseKind> {
    let heading = section.heading.as_ref()?;
    let Some(inner) = &section.comment else {
        out.push((heading.range.clone(), Problem::HeadingWithoutComment { level: 2 }));
        return None;
    };
    let (node, base) = comment_yaml(text, inner, out)?;
    match comment_kind(&node) {
        Some("phase") | None => {}
        Some(found) => {
            out.push((inner.clone(), Problem::CommentDoesNotFitHeading { level: 2, found }));
            return None;
        }
    }
    let map = MapReader::open(&node, base, Context::Phase, &["phase"], out)?;
    let (value, range) = map.text("phase", true, out)?;
    let kind = PhaseKind::from_id(&value);
    if kind.is_none() {
        out.push((range, Problem::UnknownPhase { value }));
    }
    kind
}

const STEP_KEYS: &[&str] = &[
    "step",
    "kind",
    "role",
    "approver",
    "gate",
    "metrics",
    "decision",
    "na",
    "renamed_from",
    "due",
    "due_from",
    "repeat",
    "times",
    "send_back_reasons",
    "when",
];
const DUE_FROM: &[&str] = &["phase", "run"];
const ITEM_KEYS: &[&str] = &["item", "na", "renamed_from", "when"];
const STEP_KINDS: &[&str] = &["plain", "approval", "metric", "inventory"];

/// A step's `due`, `due_from`, `repeat` and `times`: each checked, and each
/// reported when written without the key it belongs with.
fn read_due(map: &MapReader<'_>, out: &mut Problems) -> Option<Due> {
    let after = map.span("due", Expected::Span, |_| true, out);
    let from = match map.text("due_from", false, out) {
        None => DueFrom::Phase,
        Some((value, _)) if value == "phase" => DueFrom::Phase,
        Some((value, _)) if value == "run" => DueFrom::Run,
        Some((value, range)) => {
            out.push((range, Problem::InvalidChoice { key: "due_from", value, allowed: DUE_FROM }));
            DueFrom::Phase
        }
    };
    let every = map.span("repeat", Expected::RepeatSpan, |s| s.count > 0 && s.unit != Unit::Weekdays, out);
    let times = map.get("times").and_then(|node| {
        let times = match &node.value {
            crate::yaml::Value::Scalar { text, plain: true } => {
                text.parse::<u32>().ok().filter(|n| (2..=MAX_REPEAT).contains(n))
            }
            _ => None,
        };
        if times.is_none() {
            out.push((map.range(node), Problem::WrongType { key: "times".into(), expected: Expected::RepeatTimes }));
        }
        times
    });
    for (key, needs) in [("due_from", "due"), ("repeat", "due"), ("times", "repeat")] {
        if map.has(key) && !map.has(needs) {
            out.push((map.key_range(key), Problem::KeyNeedsKey { key, needs }));
        }
    }
    if map.has("repeat") && !map.has("times") {
        out.push((map.key_range("repeat"), Problem::KeyNeedsKey { key: "repeat", needs: "times" }));
    }
    let repeat = every.zip(times).map(|(every, times)| Repeat { every, times });
    Some(Due { after: after?, from, repeat })
}

/// A `when`: `question=answer`, `question!=answer`, or a list of them.
fn read_when(text: &str, map: &MapReader<'_>, out: &mut Problems) -> Vec<WhenDraft> {
    let Some(node) = map.get("when") else { return Vec::new() };
    let nodes: Vec<&yaml::Node<'_>> = match &node.value {
        yaml::Value::Seq(items) if !items.is_empty() => items.iter().collect(),
        yaml::Value::Invalid => return Vec::new(),
        _ => vec![node],
    };
    let mut drafts = Vec::with_capacity(nodes.len());
    for node in nodes {
        let range = map.range(node);
        let condition = match &node.value {
            yaml::Value::Scalar { text: written, .. } => {
                // Where the scalar's text starts in the file (after a quote).
                let start = text[range.clone()].find(written.as_ref()).map_or(range.start, |at| range.start + at);
                split_condition(written, start)
            }
            _ => None,
        };
        match condition {
            Some(draft) => drafts.push(draft),
            None => out.push((range, Problem::WrongType { key: "when".into(), expected: Expected::Condition })),
        }
    }
    drafts
}

/// `question=answer` or `question!=answer` written at byte `start`, with
/// spaces around either side allowed; both sides must be ids.
fn split_condition(written: &str, start: usize) -> Option<WhenDraft> {
    let (at, sign, equal) = match written.find("!=") {
        Some(at) => (at, 2, false),
        None => (written.find('=')?, 1, true),
    };
    let side = |from: usize, part: &str| -> Option<(String, Range<usize>)> {
        let lead = part.len() - part.trim_start().len();
        let id = part.trim();
        crate::fields::is_valid_id(id).then(|| (id.to_owned(), start + from + lead..start + from + lead + id.len()))
    };
    let question = side(0, &written[..at])?;
    let answer = side(at + sign, &written[at + sign..])?;
    Some(WhenDraft { question, answer, equal })
}

/// Check `drafts` against the questions: each names a question and one of
/// its answers. Marks the questions used.
fn resolve_when(questions: &[Question], drafts: &[WhenDraft], used: &mut [bool], out: &mut Problems) -> Vec<Condition> {
    let mut conditions = Vec::with_capacity(drafts.len());
    for draft in drafts {
        let (question_id, question_range) = &draft.question;
        let Some(index) = questions.iter().position(|q| q.id == *question_id) else {
            out.push((question_range.clone(), Problem::UnknownQuestion { id: question_id.clone() }));
            continue;
        };
        used[index] = true;
        let question = &questions[index];
        let (answer, answer_range) = &draft.answer;
        let Some(choice) = question.choice(answer) else {
            let allowed = question.choices.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ");
            out.push((
                answer_range.clone(),
                Problem::UnknownAnswer { question: question.id.clone(), answer: answer.clone(), allowed },
            ));
            continue;
        };
        conditions.push(Condition {
            question: question.id.clone(),
            answer: choice.id.clone(),
            equal: draft.equal,
            ask: question.text.clone(),
            label: choice.label.clone(),
            choices: question.choices.iter().map(|c| c.id.clone()).collect(),
        });
    }
    conditions
}

fn read_step(text: &str, section: &Section, out: &mut Problems) -> Option<StepDraft> {
    let heading = section.heading.as_ref()?;
    let Some(inner) = &section.comment else {
        out.push((heading.range.clone(), Problem::HeadingWithoutComment { level: 3 }));
        return None;
    };
    let (node, base) = comment_yaml(text, inner, out)?;
    match comment_kind(&node) {
        Some("step") | None => {}
        Some(found) => {
            out.push((inner.clone(), Problem::CommentDoesNotFitHeading { level: 3, found }));
            return None;
        }
    }
    let map = MapReader::open(&node, base, Context::Step, STEP_KEYS, out)?;
    // An invalid id is reported but the step is kept, so that its phase and
    // the references to and from it are still checked.
    let (id, id_range) = map.text("step", true, out)?;
    if !crate::fields::is_valid_id(&id) {
        out.push((id_range.clone(), Problem::InvalidId { value: id.clone() }));
    }
    let role = map.text("role", false, out).map(|(r, _)| r);
    let na_allowed = map.flag("na", out);
    let renamed = map.ids("renamed_from", false, out);
    let kind_name = map.text("kind", false, out);
    let mut draft_gate = None;
    let mut draft_approvers = Vec::new();
    let mut draft_metrics = Vec::new();
    let mut decision = None;
    let mut decision_metrics = Vec::new();
    let mut send_back_reasons = Vec::new();
    let kind = match kind_name.as_ref().map(|(k, r)| (k.as_str(), r)) {
        None | Some(("plain", _)) => StepKind::Plain,
        Some(("inventory", _)) => StepKind::Inventory,
        Some(("approval", _)) => {
            let gate = map.id("gate", true, out);
            let approvers = map.ids("approver", true, out);
            draft_gate = gate.as_ref().map(|(_, r)| r.clone());
            draft_approvers = approvers.iter().map(|(_, r)| r.clone()).collect();
            if let Some(node) = map.get("decision") {
                (decision, decision_metrics) = crate::decision::read(node, base, out);
            }
            send_back_reasons = map.texts("send_back_reasons", false, out).into_iter().map(|(r, _)| r).collect();
            StepKind::Approval {
                gate: gate.map(|(g, _)| g).unwrap_or_default(),
                approvers: approvers.into_iter().map(|(a, _)| a).collect(),
            }
        }
        Some(("metric", _)) => {
            let metrics = map.ids("metrics", true, out);
            draft_metrics = metrics.iter().map(|(_, r)| r.clone()).collect();
            StepKind::Metric { metrics: metrics.into_iter().map(|(m, _)| m).collect() }
        }
        Some((other, range)) => {
            out.push((
                range.clone(),
                Problem::InvalidChoice { key: "kind", value: other.to_owned(), allowed: STEP_KINDS },
            ));
            StepKind::Plain
        }
    };
    let allowed: &[&str] = match kind {
        StepKind::Approval { .. } => &["approver", "gate", "decision", "send_back_reasons"],
        StepKind::Metric { .. } => &["metrics"],
        _ => &[],
    };
    for key in ["approver", "gate", "metrics", "decision", "send_back_reasons"] {
        if map.has(key) && !allowed.contains(&key) {
            out.push((map.key_range(key), Problem::KeyNotForKind { key, kind: kind.id() }));
        }
    }

    let due = read_due(&map, out);
    let when = read_when(text, &map, out);

    let mut items = Vec::with_capacity(section.items.len());
    let mut item_places = Vec::with_capacity(section.items.len());
    let mut item_when = Vec::with_capacity(section.items.len());
    for task in &section.items {
        let Some(inner) = &task.comment else {
            out.push((task.range.clone(), Problem::ItemWithoutId));
            continue;
        };
        let Some((node, base)) = comment_yaml(text, inner, out) else { continue };
        let Some(map) = MapReader::open(&node, base, Context::Item, ITEM_KEYS, out) else { continue };
        let Some((item_id, item_range)) = map.id("item", true, out) else { continue };
        let renamed = map.ids("renamed_from", false, out);
        item_places.push((item_range, renamed.iter().map(|(_, r)| r.clone()).collect()));
        item_when.push(read_when(text, &map, out));
        items.push(Item {
            id: item_id,
            html: task.html.clone(),
            text: task.text.clone(),
            na_allowed: map.flag("na", out),
            renamed_from: renamed.into_iter().map(|(r, _)| r).collect(),
            hash: content_hash(&text[task.range.clone()]),
            when: Vec::new(),
        });
    }

    Some(StepDraft {
        step: Step {
            id,
            title: heading.text.clone(),
            role,
            kind,
            na_allowed,
            renamed_from: renamed.iter().map(|(r, _)| r.clone()).collect(),
            html: section.html.clone(),
            items,
            hash: content_hash(&text[section.range.clone()]),
            decision,
            due,
            send_back_reasons,
            when: Vec::new(),
        },
        decision_metrics,
        id: id_range,
        gate: draft_gate,
        approvers: draft_approvers,
        metrics: draft_metrics,
        renamed_from: renamed.into_iter().map(|(_, r)| r).collect(),
        items: item_places,
        when,
        item_when,
    })
}
