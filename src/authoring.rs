//! Making playbooks from other playbooks: a new one from the template, a
//! clone for another department.
//!
//! Both edit the front matter as text, at the exact places the YAML tree
//! points to, so everything else in the file (comments, formatting, the whole
//! body) stays as the author wrote it. The result is parsed again before it
//! is returned: what these functions hand out is always a valid playbook.

use std::ops::Range;

use crate::diagnostic::Diagnostic;
use crate::frontmatter;
use crate::model::SourceRef;
use crate::yaml::{self, Node, Value};

/// The blank template shipped in `playbooks/_template.md`.
pub const TEMPLATE: &str = include_str!("../playbooks/_template.md");

/// Why a playbook could not be made.
#[derive(Debug, Clone, PartialEq)]
pub enum AuthoringError {
    /// The new id is not a valid id.
    InvalidId(String),
    /// A required text (department, title) is empty.
    Empty(&'static str),
    /// The source playbook has errors; fix them first.
    SourceInvalid(Vec<Diagnostic>),
    /// The edited playbook did not parse cleanly (a bug: please report).
    /// The diagnostics point into `text`, the edited playbook.
    ResultInvalid {
        /// The edited playbook.
        text: String,
        /// What is wrong with it.
        diagnostics: Vec<Diagnostic>,
    },
}

impl std::fmt::Display for AuthoringError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AuthoringError::InvalidId(id) => write!(
                f,
                "`{id}` is not a valid id: use lowercase ASCII letters, digits and hyphens, starting with a letter or digit"
            ),
            AuthoringError::Empty(what) => write!(f, "the {what} must not be empty"),
            AuthoringError::SourceInvalid(d) => {
                write!(f, "the source playbook has {} problem(s); fix them first", d.len())
            }
            AuthoringError::ResultInvalid { diagnostics, .. } => {
                write!(f, "the new playbook would have {} problem(s)", diagnostics.len())
            }
        }
    }
}

impl std::error::Error for AuthoringError {}

/// A new playbook from the blank template, with its id, department and title
/// filled in. Everything else keeps the template's placeholders.
pub fn new_playbook(id: &str, department: &str, title: &str) -> Result<String, AuthoringError> {
    let edits = Edits { id, department, title: Some(title), version: false, cloned_from: None, clear_baselines: &[] };
    rewrite(TEMPLATE, &edits)
}

/// A copy of `source` for another department: new id and department (and
/// title, when given), `cloned_from` set to the source's id and version,
/// version back to 1, the baseline of every metric the inventory records
/// removed (the new department measures its own there; a baseline no step
/// records, such as 0 % before anything was inventoried, holds for any team
/// and stays). What was carried over unchanged — the title unless a
/// new one is given, summary, owner, scope, exceptions, approvers and metric
/// definitions — is marked for review in the file.
pub fn clone_playbook(
    source: &str,
    new_id: &str,
    department: &str,
    title: Option<&str>,
) -> Result<String, AuthoringError> {
    let (playbook, diagnostics) = crate::parse(source);
    let Some(playbook) = playbook else { return Err(AuthoringError::SourceInvalid(diagnostics)) };
    let recorded: Vec<&str> = playbook
        .phase(crate::model::PhaseKind::Inventory)
        .into_iter()
        .flat_map(|phase| &phase.steps)
        .flat_map(|step| match &step.kind {
            crate::model::StepKind::Metric { metrics } => metrics.as_slice(),
            _ => &[],
        })
        .map(String::as_str)
        .collect();
    let from = SourceRef { id: playbook.meta.id.clone(), version: playbook.meta.version };
    let edits =
        Edits { id: new_id, department, title, version: true, cloned_from: Some(&from), clear_baselines: &recorded };
    rewrite(source, &edits)
}

struct Edits<'a> {
    id: &'a str,
    department: &'a str,
    title: Option<&'a str>,
    /// Reset the version to 1.
    version: bool,
    cloned_from: Option<&'a SourceRef>,
    /// The metrics whose baseline is removed.
    clear_baselines: &'a [&'a str],
}

fn rewrite(source: &str, edits: &Edits<'_>) -> Result<String, AuthoringError> {
    if !crate::is_valid_id(edits.id) {
        return Err(AuthoringError::InvalidId(edits.id.to_owned()));
    }
    if edits.department.trim().is_empty() {
        return Err(AuthoringError::Empty("department"));
    }
    if edits.title.is_some_and(|t| t.trim().is_empty()) {
        return Err(AuthoringError::Empty("title"));
    }
    let start = if source.starts_with('\u{feff}') { 3 } else { 0 };
    let mut ignored = Vec::new();
    let split = frontmatter::split(source, start, &mut ignored);
    let invalid = || AuthoringError::SourceInvalid(crate::parse(source).1);
    let fm = split.yaml.ok_or_else(invalid)?;
    let parsed = yaml::parse(&source[fm.clone()]);
    let Some(Node { value: Value::Map(entries), .. }) = &parsed.root else { return Err(invalid()) };
    let base = fm.start;
    let newline = if source[fm.clone()].contains("\r\n") { "\r\n" } else { "\n" };
    let abs = |r: &Range<usize>| base + r.start..base + r.end;
    let value_of = |key: &str| entries.iter().find(|(k, _)| is_key(k, key)).map(|(_, v)| v);

    let mut changes: Vec<(Range<usize>, String)> = Vec::new();
    let set = |key: &str, text: String, changes: &mut Vec<(Range<usize>, String)>| match value_of(key) {
        Some(v) => {
            changes.push((abs(&v.span), text));
            Ok(())
        }
        None => Err(invalid()),
    };
    set("id", edits.id.to_owned(), &mut changes)?;
    set("department", yaml_text(edits.department.trim()), &mut changes)?;
    if let Some(title) = edits.title {
        set("title", yaml_text(title.trim()), &mut changes)?;
    }
    if edits.version {
        set("version", "1".to_owned(), &mut changes)?;
    }
    if let Some(from) = edits.cloned_from {
        match value_of("cloned_from") {
            Some(v) if !v.is_null() => changes.push((abs(&v.span), from.to_string())),
            _ => {
                // A new line right after `version: …`.
                let version = value_of("version").ok_or_else(invalid)?;
                let at = line_end(source, base + version.span.end);
                changes.push((at..at, format!("{newline}cloned_from: {from}")));
            }
        }
    }
    if let Some(from) = edits.cloned_from {
        // What was carried over is marked for review, in the file itself.
        let title = edits.title.is_none().then_some("title");
        for key in title.into_iter().chain(["summary", "owner", "scope", "exceptions", "approvers", "metrics"]) {
            if let Some((k, _)) = entries.iter().find(|(k, _)| is_key(k, key)) {
                let start = base + k.span.start;
                let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
                if source[line_start..start].trim().is_empty() {
                    changes.push((line_start..line_start, format!("{}{newline}", review_comment(key, from))));
                }
            }
        }
    }
    if let Some(Node { value: Value::Seq(metrics), .. }) = value_of("metrics") {
        for metric in metrics {
            let Value::Map(fields) = &metric.value else { continue };
            let id = fields.iter().find(|(k, _)| is_key(k, "id")).map(|(_, v)| &source[abs(&v.span)]);
            if !id.is_some_and(|id| edits.clear_baselines.contains(&id.trim())) {
                continue;
            }
            if let Some((key, value)) = fields.iter().find(|(k, _)| is_key(k, "baseline")) {
                changes.push(remove_entry(source, abs(&key.span), abs(&value.span)));
            }
        }
    }

    changes.sort_by_key(|(r, _)| std::cmp::Reverse(r.start));
    let mut out = source.to_owned();
    for (range, text) in changes {
        out.replace_range(range, &text);
    }
    let (playbook, diagnostics) = crate::parse(&out);
    match playbook {
        Some(_) if diagnostics.iter().all(|d| !d.is_error()) => Ok(out),
        _ => Err(AuthoringError::ResultInvalid { text: out, diagnostics }),
    }
}

/// The comment a clone puts above each carried-over section.
pub fn review_comment(key: &str, from: &SourceRef) -> String {
    format!("# 要確認 (review): {key} は {from} から引き継ぎました。この部門に合わせて見直してください。")
}

fn is_key(node: &Node<'_>, key: &str) -> bool {
    matches!(&node.value, Value::Scalar { text, .. } if text.as_ref() == key)
}

fn line_end(text: &str, from: usize) -> usize {
    text[from..].find(['\n', '\r']).map_or(text.len(), |i| from + i)
}

/// The change that removes `key: value`: its whole line when the entry has
/// the line to itself, otherwise just the value, made null (`~`).
fn remove_entry(text: &str, key: Range<usize>, value: Range<usize>) -> (Range<usize>, String) {
    let line_start = text[..key.start].rfind('\n').map_or(0, |i| i + 1);
    let end = line_end(text, value.end);
    let alone = text[line_start..key.start].trim().is_empty() && text[value.end..end].trim().is_empty();
    if alone {
        let after = match text.as_bytes().get(end) {
            Some(b'\r') if text.as_bytes().get(end + 1) == Some(&b'\n') => end + 2,
            Some(_) => end + 1,
            None => end,
        };
        (line_start..after, String::new())
    } else {
        (value, "~".to_owned())
    }
}

/// `text` as a YAML scalar: plain when that reads back as the same text,
/// double-quoted (with escapes) otherwise.
fn yaml_text(text: &str) -> String {
    let plain = yaml::parse(&format!("k: {text}"))
        .root
        .and_then(|root| match root.value {
            Value::Map(entries) => entries.into_iter().next().map(|(_, v)| v),
            _ => None,
        })
        .is_some_and(|v| {
            !v.is_null() && matches!(&v.value, Value::Scalar { text: t, plain: true } if t.as_ref() == text)
        })
        && text.parse::<f64>().is_err()
        && !matches!(text, "true" | "false");
    if plain {
        return text.to_owned();
    }
    let mut quoted = String::with_capacity(text.len() + 2);
    quoted.push('"');
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04x}", c as u32)),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// `wanted`, or when another playbook has it, the first of `wanted-2`,
/// `wanted-3`… (counting on from a number it already ends in) that none has.
pub fn free_id<'a>(wanted: &str, taken: impl IntoIterator<Item = &'a str> + Clone) -> String {
    let is_taken = |id: &str| taken.clone().into_iter().any(|t| t == id);
    if !is_taken(wanted) {
        return wanted.to_owned();
    }
    let (stem, start) = match wanted.rsplit_once('-') {
        Some((stem, n)) if !stem.is_empty() && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            (stem, n.parse::<u32>().map_or(2, |n| n.saturating_add(1)))
        }
        _ => (wanted, 2),
    };
    (start..).map(|n| format!("{stem}-{n}")).find(|id| !is_taken(id)).unwrap_or_else(|| wanted.to_owned())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_free_id_counts_on_from_the_wanted_one() {
        let taken = ["hr-inquiry-desk", "hr-inquiry-desk-2", "a-9"];
        assert_eq!(super::free_id("other", taken), "other");
        assert_eq!(super::free_id("hr-inquiry-desk", taken), "hr-inquiry-desk-3");
        assert_eq!(super::free_id("hr-inquiry-desk-2", taken), "hr-inquiry-desk-3");
        assert_eq!(super::free_id("a-9", taken), "a-10");
    }

    use super::*;

    #[test]
    fn the_template_is_a_valid_playbook() {
        let (playbook, diagnostics) = crate::parse(TEMPLATE);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(playbook.is_some());
    }

    #[test]
    fn a_new_playbook_has_the_given_id_department_and_title() {
        let text = new_playbook("legal-review", "法務", "契約審査: 受付 #1 \"試行\"").unwrap();
        let (playbook, _) = crate::parse(&text);
        let meta = playbook.unwrap().meta;
        assert_eq!(meta.id, "legal-review");
        assert_eq!(meta.department, "法務");
        assert_eq!(meta.title, "契約審査: 受付 #1 \"試行\"");
    }

    #[test]
    fn a_new_playbook_needs_a_valid_id_and_texts() {
        assert_eq!(new_playbook("Bad Id", "法務", "t"), Err(AuthoringError::InvalidId("Bad Id".into())));
        assert_eq!(new_playbook("ok", " ", "t"), Err(AuthoringError::Empty("department")));
        assert_eq!(new_playbook("ok", "法務", ""), Err(AuthoringError::Empty("title")));
    }

    #[test]
    fn a_clone_marks_everything_it_carried_over_for_review() {
        let source = include_str!("../playbooks/hr-inquiry-desk.md");
        let text = clone_playbook(source, "sales-inquiry-desk", "営業", None).unwrap();
        for key in ["title", "summary", "owner", "scope", "exceptions", "approvers", "metrics"] {
            let marked = format!("# 要確認 (review): {key} は hr-inquiry-desk@");
            let at = text.find(&marked).unwrap_or_else(|| panic!("{key} is not marked"));
            let next_line = text[at..].lines().nth(1).unwrap();
            assert!(next_line.starts_with(&format!("{key}:")), "{key}: the mark sits above it, not {next_line}");
        }
        let titled = clone_playbook(source, "sales-inquiry-desk", "営業", Some("営業部の問い合わせ窓口")).unwrap();
        assert!(!titled.contains("要確認 (review): title"), "a title the team gave is theirs");
        assert_eq!(crate::parse(&titled).0.unwrap().meta.title, "営業部の問い合わせ窓口");
        assert_eq!(clone_playbook(source, "x", "営業", Some(" ")), Err(AuthoringError::Empty("title")));
    }

    #[test]
    fn a_clone_drops_the_baselines_its_inventory_records_and_keeps_the_others() {
        // `send-backs` is recorded in the synthetic playbook's inventory.
        let synthetic = crate::synthetic::playbook("source", 9, 1);
        let copy = crate::parse(&clone_playbook(&synthetic, "copy", "総務", None).unwrap()).0.unwrap();
        assert_eq!(copy.conditions.metrics[0].baseline, None, "the next department measures its own");
        // In the fixture no inventory step records `tickets` or `fcr`: their
        // stated baselines are the only start they have, and stay.
        let fixture = include_str!("../tests/fixtures/valid/every-feature.md");
        let copy = crate::parse(&clone_playbook(fixture, "copy", "総務", None).unwrap()).0.unwrap();
        let baselines: Vec<_> = copy.conditions.metrics.iter().map(|m| m.baseline).collect();
        assert_eq!(baselines, [Some(1200.0), Some(40.0), None, None]);
        assert!(copy.conditions.metrics[2].from_pilot.is_some());
        assert!(copy.conditions.metrics[3].counts.is_some(), "a counted metric stays counted");
    }

    #[test]
    fn texts_that_yaml_would_misread_are_quoted() {
        for text in ["true", "12", "a: b", "#x", "- x", "[x]", "'", "x\\y", "~", "null", "人事"] {
            let doc = format!("k: {}", yaml_text(text));
            let root = yaml::parse(&doc).root.unwrap();
            let Value::Map(entries) = root.value else { panic!() };
            let value = &entries[0].1;
            let Value::Scalar { text: read, .. } = &value.value else { panic!() };
            assert_eq!(read.as_ref(), text, "{doc}");
            assert!(!value.is_null(), "{doc} reads as null");
        }
    }
}
