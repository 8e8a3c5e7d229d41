//! Reading typed fields out of a YAML mapping, reporting every problem.
//!
//! The front matter and the comments under headings are both YAML mappings
//! with a fixed set of keys. [`MapReader`] checks the keys once (unknown keys
//! with a suggestion, duplicates) and then hands out typed values; each getter
//! reports a missing or mistyped value at its exact place and returns `None`,
//! so reading goes on and every problem is found in one pass.

use std::ops::Range;

use crate::day::Span;
use crate::diagnostic::{Context, Expected, Problem, Problems};
use crate::model::Target;
use crate::yaml::{Node, Value};

/// Longest id accepted.
pub const MAX_ID_LEN: usize = 64;

/// A checked mapping whose spans are made absolute by `base`.
pub(crate) struct MapReader<'n> {
    base: usize,
    context: Context,
    start: usize,
    entries: Vec<(&'n str, &'n Node<'n>, &'n Node<'n>)>,
}

impl<'n> MapReader<'n> {
    /// Check `node` is a mapping with only `known` keys, each once.
    pub fn open(
        node: &'n Node<'n>,
        base: usize,
        context: Context,
        known: &[&'static str],
        out: &mut Problems,
    ) -> Option<Self> {
        let Value::Map(pairs) = &node.value else {
            if !matches!(node.value, Value::Invalid) {
                let at = base + node.span.start;
                out.push((at..base + node.span.end.max(node.span.start), Problem::NotAMapping { context }));
            }
            return None;
        };
        let mut entries: Vec<(&str, &Node<'_>, &Node<'_>)> = Vec::with_capacity(pairs.len());
        for (key, value) in pairs {
            let key_range = base + key.span.start..base + key.span.end;
            let Value::Scalar { text, .. } = &key.value else {
                out.push((key_range, Problem::WrongType { key: "?".into(), expected: Expected::Text }));
                continue;
            };
            if entries.iter().any(|(k, _, _)| *k == text.as_ref()) {
                out.push((key_range, Problem::DuplicateKey { key: text.to_string() }));
                continue;
            }
            if !known.contains(&text.as_ref()) {
                out.push((
                    key_range,
                    Problem::UnknownKey { key: text.to_string(), context, suggestion: suggest(text, known) },
                ));
                continue;
            }
            entries.push((text, key, value));
        }
        Some(Self { base, context, start: base + node.span.start, entries })
    }

    /// The absolute byte range of `node`.
    pub fn range(&self, node: &Node<'_>) -> Range<usize> {
        self.base + node.span.start..self.base + node.span.end
    }

    /// The raw value under `key`, treating `null` as absent.
    pub fn get(&self, key: &str) -> Option<&'n Node<'n>> {
        self.entries.iter().find(|(k, _, _)| *k == key).map(|(_, _, v)| *v).filter(|v| !v.is_null())
    }

    /// Whether `key` was written at all (even as `null`).
    pub fn has(&self, key: &str) -> bool {
        self.entries.iter().any(|(k, _, _)| *k == key)
    }

    /// The absolute range of the key `key`, or of the mapping's start.
    pub fn key_range(&self, key: &str) -> Range<usize> {
        match self.entries.iter().find(|(k, _, _)| *k == key) {
            Some((_, k, _)) => self.range(k),
            None => self.start..self.start,
        }
    }

    fn missing(&self, key: &'static str, out: &mut Problems) {
        let at = match self.entries.iter().find(|(k, _, _)| *k == key) {
            Some((_, k, _)) => self.range(k),
            None => self.start..self.start,
        };
        if self.has(key) {
            out.push((at, Problem::EmptyValue { key: key.to_owned() }));
        } else {
            out.push((at, Problem::MissingKey { key, context: self.context }));
        }
    }

    /// A non-empty text.
    pub fn text(&self, key: &'static str, required: bool, out: &mut Problems) -> Option<(String, Range<usize>)> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(key, out);
            }
            return None;
        };
        scalar_text(node, key, self.base, out)
    }

    /// An id (see [`is_valid_id`]).
    pub fn id(&self, key: &'static str, required: bool, out: &mut Problems) -> Option<(String, Range<usize>)> {
        let (text, range) = self.text(key, required, out)?;
        check_id(text, range, out)
    }

    /// A finite number.
    pub fn number(&self, key: &'static str, required: bool, out: &mut Problems) -> Option<f64> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(key, out);
            }
            return None;
        };
        let parsed = match &node.value {
            Value::Scalar { text, plain: true } => text.replace('_', "").parse::<f64>().ok().filter(|n| n.is_finite()),
            _ => None,
        };
        if parsed.is_none() {
            out.push((self.range(node), Problem::WrongType { key: key.to_owned(), expected: Expected::Number }));
        }
        parsed
    }

    /// A span such as 「10 営業日」 (see [`Span::parse`]); `expected` says
    /// what the message asks for when it is not one, or not one `fits`.
    pub fn span(
        &self,
        key: &'static str,
        expected: Expected,
        fits: impl Fn(Span) -> bool,
        out: &mut Problems,
    ) -> Option<Span> {
        let node = self.get(key)?;
        let parsed = match &node.value {
            Value::Scalar { text, .. } => Span::parse(text).filter(|s| fits(*s)),
            _ => None,
        };
        if parsed.is_none() {
            out.push((self.range(node), Problem::WrongType { key: key.to_owned(), expected }));
        }
        parsed
    }

    /// A metric's target: a finite number, or a signed change such as
    /// `-20%` (see [`Target::parse_change`]).
    pub fn target(&self, key: &'static str, out: &mut Problems) -> Option<Target> {
        let Some(node) = self.get(key) else {
            self.missing(key, out);
            return None;
        };
        let parsed = match &node.value {
            Value::Scalar { text, plain: true } => text
                .replace('_', "")
                .parse::<f64>()
                .ok()
                .filter(|n| n.is_finite())
                .map(Target::Value)
                .or_else(|| Target::parse_change(text)),
            Value::Scalar { text, plain: false } => Target::parse_change(text),
            _ => None,
        };
        if parsed.is_none() {
            out.push((self.range(node), Problem::WrongType { key: key.to_owned(), expected: Expected::Target }));
        }
        parsed
    }

    /// A whole number from 1 to `u32::MAX`.
    pub fn positive_integer(&self, key: &'static str, required: bool, out: &mut Problems) -> Option<u32> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(key, out);
            }
            return None;
        };
        let parsed = match &node.value {
            Value::Scalar { text, plain: true } => text.parse::<u32>().ok().filter(|n| *n > 0),
            _ => None,
        };
        if parsed.is_none() {
            out.push((
                self.range(node),
                Problem::WrongType { key: key.to_owned(), expected: Expected::PositiveInteger },
            ));
        }
        parsed
    }

    /// `true` or `false`; absent means `false`.
    pub fn flag(&self, key: &'static str, out: &mut Problems) -> bool {
        let Some(node) = self.get(key) else { return false };
        match &node.value {
            Value::Scalar { text, plain: true } if text.as_ref() == "true" => true,
            Value::Scalar { text, plain: true } if text.as_ref() == "false" => false,
            _ => {
                out.push((self.range(node), Problem::WrongType { key: key.to_owned(), expected: Expected::Bool }));
                false
            }
        }
    }

    /// The items of a list. `required` also means non-empty.
    pub fn list(&self, key: &'static str, required: bool, out: &mut Problems) -> Option<&'n [Node<'n>]> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(key, out);
            }
            return None;
        };
        match &node.value {
            Value::Seq(items) if items.is_empty() && required => {
                out.push((self.range(node), Problem::EmptyValue { key: key.to_owned() }));
                None
            }
            Value::Seq(items) => Some(items),
            Value::Invalid => None,
            _ => {
                out.push((self.range(node), Problem::WrongType { key: key.to_owned(), expected: Expected::List }));
                None
            }
        }
    }

    /// A list of non-empty texts.
    pub fn texts(&self, key: &'static str, required: bool, out: &mut Problems) -> Vec<(String, Range<usize>)> {
        let items = self.list(key, required, out).unwrap_or_default();
        items.iter().filter_map(|n| scalar_text(n, key, self.base, out)).collect()
    }

    /// A list of ids, or one id written alone.
    pub fn ids(&self, key: &'static str, required: bool, out: &mut Problems) -> Vec<(String, Range<usize>)> {
        let Some(node) = self.get(key) else {
            if required {
                self.missing(key, out);
            }
            return Vec::new();
        };
        let texts = match &node.value {
            Value::Scalar { .. } => scalar_text(node, key, self.base, out).into_iter().collect(),
            Value::Seq(items) if items.is_empty() && required => {
                out.push((self.range(node), Problem::EmptyValue { key: key.to_owned() }));
                Vec::new()
            }
            Value::Seq(items) => items.iter().filter_map(|n| scalar_text(n, key, self.base, out)).collect(),
            Value::Invalid => Vec::new(),
            Value::Map(_) => {
                out.push((
                    self.range(node),
                    Problem::WrongType { key: key.to_owned(), expected: Expected::TextOrList },
                ));
                Vec::new()
            }
        };
        texts.into_iter().filter_map(|(t, r)| check_id(t, r, out)).collect()
    }
}

pub(crate) fn scalar_text(
    node: &Node<'_>,
    key: &str,
    base: usize,
    out: &mut Problems,
) -> Option<(String, Range<usize>)> {
    let range = base + node.span.start..base + node.span.end;
    match &node.value {
        Value::Scalar { text, .. } if node.is_null() || text.trim().is_empty() => {
            out.push((range, Problem::EmptyValue { key: key.to_owned() }));
            None
        }
        Value::Scalar { text, .. } => Some((text.trim().to_owned(), range)),
        Value::Invalid => None,
        _ => {
            out.push((range, Problem::WrongType { key: key.to_owned(), expected: Expected::Text }));
            None
        }
    }
}

fn check_id(text: String, range: Range<usize>, out: &mut Problems) -> Option<(String, Range<usize>)> {
    if is_valid_id(&text) {
        Some((text, range))
    } else {
        out.push((range, Problem::InvalidId { value: text }));
        None
    }
}

/// Ids are lowercase ASCII letters, digits and hyphens, start with a letter or
/// digit, and are at most [`MAX_ID_LEN`] long: safe in URLs, storage keys and
/// file names on every system.
pub fn is_valid_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= MAX_ID_LEN
        && bytes[0].is_ascii_alphanumeric()
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// The known key closest to `key`, when it is close enough to be a typo.
fn suggest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    if key.len() > 64 {
        return None;
    }
    let lower = key.to_ascii_lowercase().replace(' ', "_");
    known
        .iter()
        .map(|k| (edit_distance(&lower, k), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let next = (diagonal + usize::from(ca != *cb)).min(row[j] + 1).min(row[j + 1] + 1);
            diagonal = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_ascii_with_hyphens() {
        assert!(is_valid_id("hr-inquiry-2"));
        assert!(is_valid_id("2026-pilot"));
        assert!(!is_valid_id("-leading"));
        assert!(!is_valid_id("Upper"));
        assert!(!is_valid_id("人事"));
        assert!(!is_valid_id("with space"));
        assert!(!is_valid_id(&"a".repeat(MAX_ID_LEN + 1)));
    }

    #[test]
    fn typos_of_known_keys_get_a_suggestion() {
        let known = ["department", "metrics", "id"];
        assert_eq!(suggest("departmnt", &known), Some("department"));
        assert_eq!(suggest("Metrics", &known), Some("metrics"));
        assert_eq!(suggest("colour", &known), None);
    }
}
