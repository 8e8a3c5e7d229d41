//! The front matter: finding it, then reading it into [`Meta`] and
//! [`SuccessConditions`].
//!
//! Reading never stops at the first problem. Fields that cannot be read keep
//! their defaults and their problems are reported; the caller only builds a
//! [`crate::Playbook`] when no error was found, so defaults never leak out.

use std::ops::Range;

use crate::diagnostic::{Context, Problem, Problems};
use crate::fields::MapReader;
use crate::model::{
    Approver, Choice, Count, Direction, Exception, Meta, Metric, Question, SourceRef, SuccessConditions,
};
use crate::yaml;

/// Where the front matter and the body are, as byte ranges of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Split {
    /// The YAML between the two `---` lines; `None` when the file has no
    /// front matter (already reported).
    pub yaml: Option<Range<usize>>,
    /// Everything after the closing `---` line.
    pub body: Range<usize>,
}

/// Find the front matter of `text`, starting at `start` (after a BOM).
pub(crate) fn split(text: &str, start: usize, out: &mut Problems) -> Split {
    let rest = &text[start..];
    let first_end = line_end(rest, 0);
    if rest[..first_end].trim_end() != "---" {
        out.push((start..start, Problem::NoFrontMatter));
        return Split { yaml: None, body: start..text.len() };
    }
    let yaml_start = next_line(rest, first_end);
    let mut pos = yaml_start;
    while pos < rest.len() {
        let end = line_end(rest, pos);
        if rest[pos..end].trim_end() == "---" {
            return Split {
                yaml: Some(start + yaml_start..start + pos),
                body: start + next_line(rest, end)..text.len(),
            };
        }
        pos = next_line(rest, end);
    }
    out.push((start..start + first_end, Problem::UnclosedFrontMatter));
    Split { yaml: Some(start + yaml_start..text.len()), body: text.len()..text.len() }
}

fn line_end(s: &str, from: usize) -> usize {
    s[from..].find(['\n', '\r']).map_or(s.len(), |i| from + i)
}

fn next_line(s: &str, end: usize) -> usize {
    match s.as_bytes().get(end) {
        Some(b'\r') if s.as_bytes().get(end + 1) == Some(&b'\n') => end + 2,
        Some(_) => end + 1,
        None => end,
    }
}

/// Where the ids that other parts refer to were written.
#[derive(Debug, Default)]
pub(crate) struct Places {
    /// The range of each approver's id, in the order of `approvers`.
    pub approvers: Vec<Range<usize>>,
    /// For each approver, the range of each gate.
    pub gates: Vec<Vec<Range<usize>>>,
    /// The range of each metric's id, in the order of `metrics`.
    pub metrics: Vec<Range<usize>>,
    /// For each metric: whether the front matter itself gives it a start
    /// (a `baseline` or `from_pilot`), so no step has to record one.
    pub starts: Vec<bool>,
    /// The range of the `id` value.
    pub id: Range<usize>,
    /// The range of the `cloned_from` value, when there is one.
    pub cloned_from: Option<Range<usize>>,
    /// The range of the `requires` value, when there is one.
    pub requires: Option<Range<usize>>,
    /// The range of each question's id, in the order of `questions`.
    pub questions: Vec<Range<usize>>,
    /// For each question, the range of each choice's id (none for yes/no).
    pub choices: Vec<Vec<Range<usize>>>,
}

/// The front matter as read, with defaults where it could not be.
#[derive(Debug, Default)]
pub(crate) struct FrontMatter {
    pub meta: Meta,
    pub conditions: SuccessConditions,
    pub questions: Vec<Question>,
    pub places: Places,
}

const KEYS: &[&str] = &[
    "id",
    "title",
    "department",
    "theme",
    "summary",
    "owner",
    "version",
    "cloned_from",
    "requires",
    "tags",
    "prepare",
    "effort",
    "scope",
    "exceptions",
    "approvers",
    "metrics",
    "questions",
];
const QUESTION_KEYS: &[&str] = &["id", "text", "choices"];
const CHOICE_KEYS: &[&str] = &["id", "label"];
const EXCEPTION_KEYS: &[&str] = &["work", "reason"];
const APPROVER_KEYS: &[&str] = &["id", "role", "gates"];
const METRIC_KEYS: &[&str] =
    &["id", "name", "unit", "direction", "baseline", "from_pilot", "counts", "target", "measure"];
const DIRECTIONS: &[&str] = &["up", "down"];

/// Read the YAML in `text[range]`.
pub(crate) fn read(text: &str, range: Range<usize>, out: &mut Problems) -> FrontMatter {
    let base = range.start;
    let parsed = yaml::parse(&text[range]);
    let had_yaml_problems = !parsed.problems.is_empty();
    out.extend(parsed.problems.into_iter().map(|(r, p)| (base + r.start..base + r.end, p)));
    let mut fm = FrontMatter::default();
    let Some(root) = parsed.root else {
        if !had_yaml_problems {
            // An empty front matter: every required key is missing.
            for key in [
                "id",
                "title",
                "department",
                "theme",
                "summary",
                "owner",
                "version",
                "scope",
                "exceptions",
                "approvers",
                "metrics",
            ] {
                out.push((base..base, Problem::MissingKey { key, context: Context::FrontMatter }));
            }
        }
        return fm;
    };
    let Some(map) = MapReader::open(&root, base, Context::FrontMatter, KEYS, out) else { return fm };

    if let Some((id, r)) = map.id("id", true, out) {
        fm.meta.id = id;
        fm.places.id = r;
    }
    for (key, slot) in [
        ("title", &mut fm.meta.title),
        ("department", &mut fm.meta.department),
        ("theme", &mut fm.meta.theme),
        ("summary", &mut fm.meta.summary),
        ("owner", &mut fm.meta.owner),
    ] {
        if let Some((value, _)) = map.text(key, true, out) {
            *slot = value;
        }
    }
    fm.meta.version = map.positive_integer("version", true, out).unwrap_or_default();
    if let Some((value, r)) = map.text("cloned_from", false, out) {
        fm.meta.cloned_from = parse_source_ref(&value);
        if fm.meta.cloned_from.is_none() {
            out.push((r, Problem::InvalidClonedFrom { value }));
        } else {
            fm.places.cloned_from = Some(r);
        }
    }
    if let Some((id, r)) = map.id("requires", false, out) {
        if id == fm.meta.id {
            out.push((r.clone(), Problem::RequiresItself));
        }
        fm.meta.requires = Some(id);
        fm.places.requires = Some(r);
    }
    fm.meta.tags = map.texts("tags", false, out).into_iter().map(|(t, _)| t).collect();
    fm.meta.prepare = map.texts("prepare", false, out).into_iter().map(|(t, _)| t).collect();
    fm.meta.effort = map.text("effort", false, out).map(|(t, _)| t);
    fm.conditions.scope = map.texts("scope", true, out).into_iter().map(|(t, _)| t).collect();

    if !map.has("exceptions") {
        out.push((
            map.key_range("exceptions"),
            Problem::MissingKey { key: "exceptions", context: Context::FrontMatter },
        ));
    }
    for node in map.list("exceptions", false, out).unwrap_or_default() {
        let Some(entry) = MapReader::open(node, base, Context::Exception, EXCEPTION_KEYS, out) else { continue };
        let work = entry.text("work", true, out);
        let reason = entry.text("reason", true, out);
        if let (Some((work, _)), Some((reason, _))) = (work, reason) {
            fm.conditions.exceptions.push(Exception { work, reason });
        }
    }

    for node in map.list("approvers", true, out).unwrap_or_default() {
        let Some(entry) = MapReader::open(node, base, Context::Approver, APPROVER_KEYS, out) else { continue };
        let id = entry.id("id", true, out);
        let role = entry.text("role", true, out);
        let gates = entry.ids("gates", true, out);
        if let (Some((id, id_range)), Some((role, _))) = (id, role) {
            fm.places.approvers.push(id_range);
            fm.places.gates.push(gates.iter().map(|(_, r)| r.clone()).collect());
            fm.conditions.approvers.push(Approver { id, role, gates: gates.into_iter().map(|(g, _)| g).collect() });
        }
    }

    for node in map.list("metrics", true, out).unwrap_or_default() {
        let Some(entry) = MapReader::open(node, base, Context::Metric, METRIC_KEYS, out) else { continue };
        let id = entry.id("id", true, out);
        let name = entry.text("name", true, out);
        let unit = entry.text("unit", true, out);
        let direction = entry.text("direction", true, out).and_then(|(d, r)| match d.as_str() {
            "up" => Some(Direction::Up),
            "down" => Some(Direction::Down),
            _ => {
                out.push((r, Problem::InvalidChoice { key: "direction", value: d, allowed: DIRECTIONS }));
                None
            }
        });
        let baseline = entry.number("baseline", false, out);
        let from_pilot = entry.text("from_pilot", false, out);
        let counts = entry.text("counts", false, out).and_then(|(name, r)| match Count::from_name(&name) {
            Some(count) => Some((count, r)),
            None => {
                out.push((r, Problem::InvalidChoice { key: "counts", value: name, allowed: Count::NAMES }));
                None
            }
        });
        let target = entry.target("target", out);
        let measure = entry.text("measure", true, out);
        if let (
            Some((id, id_range)),
            Some((name, _)),
            Some((unit, _)),
            Some(direction),
            Some(target),
            Some((measure, _)),
        ) = (id, name, unit, direction, target, measure)
        {
            if !target.improves(direction, baseline) {
                out.push((entry.key_range("target"), Problem::TargetNotAnImprovement { id: id.clone() }));
            }
            if baseline.is_some()
                && let Some((_, r)) = &from_pilot
            {
                out.push((r.clone(), Problem::BaselineAndFromPilot { id: id.clone() }));
            }
            if let Some((_, r)) = &counts
                && (baseline.is_some() || from_pilot.is_some())
            {
                out.push((r.clone(), Problem::CountedWithStart { id: id.clone() }));
            }
            fm.places.metrics.push(id_range);
            // A value that could not be read is reported already; no second
            // message that the metric has no start. A counted one starts at 0.
            fm.places.starts.push(entry.has("from_pilot") || entry.has("baseline") || entry.has("counts"));
            let from_pilot = from_pilot.map(|(t, _)| t);
            let counts = counts.map(|(c, _)| c);
            fm.conditions.metrics.push(Metric {
                id,
                name,
                unit,
                direction,
                baseline,
                target,
                measure,
                from_pilot,
                counts,
            });
        }
    }

    for node in map.list("questions", false, out).unwrap_or_default() {
        let Some(entry) = MapReader::open(node, base, Context::Question, QUESTION_KEYS, out) else { continue };
        let id = entry.id("id", true, out);
        let question_text = entry.text("text", true, out);
        let mut choices = Vec::new();
        let mut places = Vec::new();
        let written = entry.list("choices", false, out);
        for choice in written.unwrap_or_default() {
            let Some(c) = MapReader::open(choice, base, Context::Choice, CHOICE_KEYS, out) else { continue };
            if let (Some((id, r)), Some((label, _))) = (c.id("id", true, out), c.text("label", true, out)) {
                places.push(r);
                choices.push(Choice { id, label });
            }
        }
        if let Some(list) = written
            && list.len() < 2
        {
            let question = id.as_ref().map(|(q, _)| q.clone()).unwrap_or_default();
            out.push((entry.key_range("choices"), Problem::TooFewChoices { question }));
        }
        if written.is_none() && !entry.has("choices") {
            choices = crate::model::yes_no();
        }
        if let (Some((id, id_range)), Some((question_text, _))) = (id, question_text) {
            fm.places.questions.push(id_range);
            fm.places.choices.push(places);
            let hash = crate::hash::content_hash(&text[entry.range(node)]);
            fm.questions.push(Question { id, text: question_text, choices, hash });
        }
    }
    fm
}

/// Parse `id@version`.
pub fn parse_source_ref(value: &str) -> Option<SourceRef> {
    let (id, version) = value.rsplit_once('@')?;
    let version = version.parse::<u32>().ok().filter(|v| *v > 0)?;
    crate::fields::is_valid_id(id).then(|| SourceRef { id: id.to_owned(), version })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_found_between_two_dash_lines() {
        let text = "---\nid: a\n---\nbody\n";
        let mut out = Vec::new();
        let split = split(text, 0, &mut out);
        assert!(out.is_empty());
        assert_eq!(&text[split.yaml.unwrap()], "id: a\n");
        assert_eq!(&text[split.body], "body\n");
    }

    #[test]
    fn crlf_front_matter_is_found_too() {
        let text = "---\r\nid: a\r\n---\r\nbody";
        let mut out = Vec::new();
        let split = split(text, 0, &mut out);
        assert_eq!(&text[split.yaml.unwrap()], "id: a\r\n");
        assert_eq!(&text[split.body], "body");
    }

    #[test]
    fn an_unclosed_front_matter_is_reported_once() {
        let mut out = Vec::new();
        split("---\nid: a\n", 0, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].1.code(), "unclosed-front-matter");
    }

    #[test]
    fn source_refs_need_an_id_and_a_positive_version() {
        assert_eq!(parse_source_ref("hr-inquiry@3"), Some(SourceRef { id: "hr-inquiry".into(), version: 3 }));
        assert_eq!(parse_source_ref("hr-inquiry"), None);
        assert_eq!(parse_source_ref("hr-inquiry@0"), None);
        assert_eq!(parse_source_ref("HR@1"), None);
    }
}
