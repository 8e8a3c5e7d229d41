//! A small YAML tree that remembers where every value came from.
//!
//! This is the only module that touches saphyr-parser. It turns the parser's
//! events into [`Node`]s carrying byte ranges, so that every later message can
//! point at the exact key or value. Anchors, aliases, tags and multiple
//! documents are refused rather than interpreted: a playbook never needs them,
//! and refusing aliases makes "billion laughs" expansion impossible. Nesting is
//! capped at [`MAX_DEPTH`] and the tree is built with an explicit stack, so no
//! input can exhaust the call stack.

use std::borrow::Cow;
use std::ops::Range;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle};

use crate::diagnostic::Problem;

/// Deepest nesting of lists and mappings accepted.
pub const MAX_DEPTH: usize = 16;

/// One YAML value and the bytes of the snippet it was read from.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub value: Value<'a>,
    pub span: Range<usize>,
}

#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    /// A scalar. `plain` is false when it was quoted or a block scalar, which
    /// makes `"true"` or `"12"` text rather than a bool or number. Borrowed
    /// from the input unless YAML escapes or folding changed it.
    Scalar {
        text: Cow<'a, str>,
        plain: bool,
    },
    Seq(Vec<Node<'a>>),
    Map(Vec<(Node<'a>, Node<'a>)>),
    /// A value that was refused (an alias); already reported.
    Invalid,
}

impl Node<'_> {
    /// The same tree, owning its text.
    pub fn into_owned(self) -> Node<'static> {
        let value = match self.value {
            Value::Scalar { text, plain } => Value::Scalar { text: Cow::Owned(text.into_owned()), plain },
            Value::Seq(items) => Value::Seq(items.into_iter().map(Node::into_owned).collect()),
            Value::Map(entries) => {
                Value::Map(entries.into_iter().map(|(k, v)| (k.into_owned(), v.into_owned())).collect())
            }
            Value::Invalid => Value::Invalid,
        };
        Node { value, span: self.span }
    }

    /// True for an absent value: empty, `~` or `null` written plainly.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, plain: true }
            if matches!(text.as_ref(), "" | "~" | "null" | "Null" | "NULL"))
    }
}

/// The tree of one snippet plus every problem met, with snippet-relative ranges.
#[derive(Debug, Default)]
pub(crate) struct Parsed<'a> {
    pub root: Option<Node<'a>>,
    pub problems: Vec<(Range<usize>, Problem)>,
}

enum Frame<'a> {
    Seq { start: usize, items: Vec<Node<'a>> },
    Map { start: usize, entries: Vec<(Node<'a>, Node<'a>)>, key: Option<Node<'a>> },
}

/// Parse `snippet` as one YAML document.
pub(crate) fn parse(snippet: &str) -> Parsed<'_> {
    match parse_simple(snippet) {
        Some(root) => Parsed { root: Some(root), problems: Vec::new() },
        None => parse_full(snippet),
    }
}

/// The general path: saphyr-parser's events.
fn parse_full(snippet: &str) -> Parsed<'_> {
    let offsets = CharOffsets::new(snippet);
    let mut out = Parsed::default();
    let mut stack: Vec<Frame<'_>> = Vec::new();
    let mut documents = 0;
    let mut parser = Parser::new_from_str(snippet);
    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(pair) => pair,
            Err(error) => {
                let at = offsets.byte(error.marker());
                out.problems.push((at..at, Problem::YamlSyntax { detail: error.info().to_owned() }));
                out.root = None;
                return out;
            }
        };
        let start = offsets.byte(&span.start);
        let end = offsets.byte(&span.end).max(start);
        let refuse = |feature, out: &mut Parsed<'_>| {
            out.problems.push((start..end.max(start + 1).min(snippet.len()), Problem::YamlFeature { feature }));
        };
        let node = match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    refuse("documents", &mut out);
                    return out;
                }
                continue;
            }
            Event::Scalar(text, style, anchor, tag) => {
                if anchor > 0 {
                    refuse("anchors", &mut out);
                }
                if tag.is_some() {
                    refuse("tags", &mut out);
                }
                Node { value: Value::Scalar { text, plain: style == ScalarStyle::Plain }, span: start..end }
            }
            Event::Alias(_) => {
                refuse("aliases", &mut out);
                Node { value: Value::Invalid, span: start..end }
            }
            Event::SequenceStart(anchor, ref tag) | Event::MappingStart(anchor, ref tag) => {
                if anchor > 0 {
                    refuse("anchors", &mut out);
                }
                if tag.is_some() {
                    refuse("tags", &mut out);
                }
                if stack.len() >= MAX_DEPTH {
                    out.problems.push((start..end, Problem::TooDeep { limit: MAX_DEPTH }));
                    out.root = None;
                    return out;
                }
                let is_seq = matches!(event, Event::SequenceStart(..));
                stack.push(if is_seq {
                    Frame::Seq { start, items: Vec::new() }
                } else {
                    Frame::Map { start, entries: Vec::new(), key: None }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop() {
                Some(Frame::Seq { start, items }) => Node { value: Value::Seq(items), span: start..end.max(start) },
                Some(Frame::Map { start, entries, .. }) => {
                    Node { value: Value::Map(entries), span: start..end.max(start) }
                }
                None => continue,
            },
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Nothing => continue,
        };
        match stack.last_mut() {
            None => out.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(k) => entries.push((k, node)),
            },
        }
    }
    out
}

/// The fast path for the shape nearly every heading and item comment has:
/// lines of `key: value` at one indentation, where each value is a plain
/// scalar that needs no YAML interpretation, or a flow list `[a, b]` of such
/// scalars. Returns exactly the tree [`parse_full`] would build, or `None` for
/// anything else (then the full parser decides, errors included).
fn parse_simple(snippet: &str) -> Option<Node<'_>> {
    let mut entries = Vec::new();
    let mut indent = None;
    let mut pos = 0;
    for line in snippet.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let body = line.trim_end_matches(['\n', '\r']);
        let content = body.trim_start_matches(' ');
        if content.trim_end_matches(' ').is_empty() {
            continue;
        }
        let lead = body.len() - content.len();
        if *indent.get_or_insert(lead) != lead {
            return None;
        }
        let colon = content.find(": ")?;
        let key = &content[..colon];
        if key.is_empty() || !key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-') {
            return None;
        }
        let key_start = start + lead;
        let after = &content[colon + 2..];
        let value_text = after.trim_matches(' ');
        let value_start = key_start + colon + 2 + (after.len() - after.trim_start_matches(' ').len());
        let value_end = value_start + value_text.len();
        let value = if let Some(inner) = value_text.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            let mut items = Vec::new();
            let mut item_pos = value_start + 1;
            for part in inner.split(',') {
                let text = part.trim_matches(' ');
                let item_start = item_pos + (part.len() - part.trim_start_matches(' ').len());
                item_pos += part.len() + 1;
                if !is_simple_plain(text, true) {
                    return None;
                }
                items.push(scalar(text, item_start));
            }
            Node { value: Value::Seq(items), span: value_start..value_end }
        } else if is_simple_plain(value_text, false) {
            scalar(value_text, value_start)
        } else {
            return None;
        };
        entries.push((scalar(key, key_start), value));
    }
    let first = entries.first()?.0.span.start;
    Some(Node { value: Value::Map(entries), span: first..snippet.len() })
}

fn scalar(text: &str, start: usize) -> Node<'_> {
    Node { value: Value::Scalar { text: Cow::Borrowed(text), plain: true }, span: start..start + text.len() }
}

/// A plain scalar whose value is its text: not empty or null-like, no
/// indicator at the start, nothing that ends a plain scalar inside, no tabs or
/// control characters; inside a flow list also none of `,[]{}`.
fn is_simple_plain(text: &str, in_flow: bool) -> bool {
    let bytes = text.as_bytes();
    let (Some(&first), Some(&last)) = (bytes.first(), bytes.last()) else { return false };
    if matches!(
        first,
        b'-' | b'?'
            | b':'
            | b','
            | b'['
            | b']'
            | b'{'
            | b'}'
            | b'#'
            | b'&'
            | b'*'
            | b'!'
            | b'|'
            | b'>'
            | b'\''
            | b'"'
            | b'%'
            | b'@'
            | b'`'
    ) || last == b':'
        || matches!(text, "~" | "null" | "Null" | "NULL")
    {
        return false;
    }
    let mut previous = 0u8;
    for &b in bytes {
        let special = b < b' '
            || b == 0x7f
            || (b == b' ' && previous == b':')
            || (b == b'#' && previous == b' ')
            || (in_flow && matches!(b, b',' | b'[' | b']' | b'{' | b'}'));
        if special {
            return false;
        }
        previous = b;
    }
    // Non-ASCII control characters and the BOM, rare enough to check last.
    text.is_ascii() || !text.chars().any(|c| c.is_control() || c == '\u{feff}')
}

/// Converts saphyr's character indices into byte offsets of the snippet.
struct CharOffsets {
    /// Byte offset of each character, plus the length; empty for ASCII text,
    /// where the two are the same.
    table: Vec<usize>,
    len: usize,
}

impl CharOffsets {
    fn new(text: &str) -> Self {
        let table = if text.is_ascii() {
            Vec::new()
        } else {
            text.char_indices().map(|(i, _)| i).chain([text.len()]).collect()
        };
        Self { table, len: text.len() }
    }

    fn byte(&self, marker: &Marker) -> usize {
        let index = marker.index();
        if self.table.is_empty() { index.min(self.len) } else { self.table.get(index).copied().unwrap_or(self.len) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map_keys(node: &Node<'_>) -> Vec<String> {
        match &node.value {
            Value::Map(entries) => entries
                .iter()
                .map(|(k, _)| match &k.value {
                    Value::Scalar { text, .. } => text.to_string(),
                    _ => String::new(),
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// The two paths agree on values and spans.
    fn same_tree(a: &Node<'_>, b: &Node<'_>) -> bool {
        a.span.start == b.span.start
            && match (&a.value, &b.value) {
                (Value::Scalar { text: x, plain: p }, Value::Scalar { text: y, plain: q }) => {
                    x == y && p == q && a.span == b.span
                }
                (Value::Seq(x), Value::Seq(y)) => x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_tree(a, b)),
                (Value::Map(x), Value::Map(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|((k, v), (l, w))| same_tree(k, l) && same_tree(v, w))
                }
                _ => false,
            }
    }

    #[test]
    fn the_fast_path_builds_what_the_full_parser_builds() {
        for src in [
            "step: a",
            "step: a \nkind: metric\n",
            "   step: collect-1\n   role: 人事 企画担当\n   metrics: [a, b-2,c ]\n",
            "item: x\nna: true\nrenamed_from: [old-x]",
            "gate: pilot-start\r\napprover: [hr, sec]\r\n",
        ] {
            let fast = parse_simple(src).unwrap_or_else(|| panic!("fast path refused {src:?}"));
            let full = parse_full(src).root.unwrap();
            assert!(same_tree(&fast, &full), "{src:?}\n{fast:?}\n{full:?}");
        }
    }

    #[test]
    fn the_fast_path_leaves_anything_unusual_to_the_full_parser() {
        for src in [
            "step: 'quoted'",
            "step: a\n  kind: b",
            "step: a: b",
            "step: [a, [b]]",
            "step: ~",
            "step:",
            "step: &x a",
            "step: a # note",
            "- a",
            "step: {a: b}",
            "step: \"x\"",
            "a:\tb",
            "step: x:",
        ] {
            assert!(parse_simple(src).is_none(), "{src:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn whenever_the_fast_path_answers_the_full_parser_agrees(
            lines in proptest::collection::vec(("[a-z_]{1,8}", "[ -~あ-ん]{0,12}", proptest::bool::ANY), 1..6),
            indent in 0usize..4,
        ) {
            let pad = " ".repeat(indent);
            let src: String = lines
                .iter()
                .map(|(k, v, list)| if *list { format!("{pad}{k}: [{v}]\n") } else { format!("{pad}{k}: {v}\n") })
                .collect();
            if let Some(fast) = parse_simple(&src) {
                let full = parse_full(&src);
                proptest::prop_assert!(full.problems.is_empty(), "{src:?}: {:?}", full.problems);
                proptest::prop_assert!(same_tree(&fast, full.root.as_ref().unwrap()), "{src:?}");
            }
        }
    }

    #[test]
    fn spans_are_byte_offsets_even_after_japanese_text() {
        let src = "title: 人事\nid: hr\n";
        let parsed = parse(src);
        let root = parsed.root.unwrap();
        assert_eq!(map_keys(&root), ["title", "id"]);
        let Value::Map(entries) = &root.value else { panic!() };
        assert_eq!(&src[entries[1].1.span.clone()], "hr");
        assert_eq!(&src[entries[0].1.span.clone()], "人事");
    }

    #[test]
    fn aliases_are_refused_not_expanded() {
        let src = "a: &x [1, 2]\nb: *x\nc: [*x, *x, *x]\n";
        let parsed = parse(src);
        let codes: Vec<_> = parsed.problems.iter().map(|(_, p)| p.code()).collect();
        assert_eq!(codes.iter().filter(|c| **c == "yaml-feature").count(), 5);
    }

    #[test]
    fn deep_nesting_stops_at_the_limit() {
        let block: String = (0..100).map(|i| format!("{}k:\n", " ".repeat(i))).collect();
        let flow = "[".repeat(MAX_DEPTH + 1);
        for src in [block, flow] {
            let parsed = parse(&src);
            assert!(parsed.root.is_none());
            assert_eq!(parsed.problems.len(), 1);
            assert_eq!(parsed.problems[0].1.code(), "too-deep");
        }
    }

    #[test]
    fn very_deep_flow_nesting_is_a_located_error_not_a_crash() {
        let src = "[".repeat(100_000);
        let parsed = parse(&src);
        assert!(parsed.root.is_none());
        assert_eq!(parsed.problems.len(), 1);
    }

    #[test]
    fn syntax_errors_carry_a_position() {
        let parsed = parse("a: b\n c: d: e\n");
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].1.code(), "yaml-syntax");
    }
}
