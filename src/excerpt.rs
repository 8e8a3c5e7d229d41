//! A diagnostic as a person reads it under its message, wherever it is
//! shown: the line of the source it points into, the part it points at, and
//! where the caret goes — what `tebiki check` prints with the line and a
//! caret, as plain data for the browser's list of problems.
//!
//! Columns are characters, as in the diagnostics' `line:col` (a tab is one;
//! a full-width character such as 漢 is one): the page lays the caret out
//! under the same characters (`before` drawn invisibly in front of it), so
//! it lines up in any font, with tabs and Japanese text alike.

use crate::diagnostic::Diagnostic;
use crate::lines::LineIndex;

/// The longest part of a line kept on either side of the marked part, in
/// characters: a minified line of a whole file stays readable.
pub const CONTEXT_CHARS: usize = 120;

/// One diagnostic's place in its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    /// The line's number, from 1.
    pub line: u32,
    /// The character the diagnostic points at, from 1 (the diagnostic's
    /// column).
    pub col: u32,
    /// The line before the marked part (its start cut, with `…`, past
    /// [`CONTEXT_CHARS`]).
    pub before: String,
    /// The marked part: the diagnostic's range on this line (a range that
    /// goes on past the line's end is cut there); empty when it points
    /// between two characters or at the line's end.
    pub marked: String,
    /// The rest of the line (cut, with `…`, past [`CONTEXT_CHARS`]).
    pub after: String,
}

impl Excerpt {
    /// Where each of `diagnostics` points into `source` (the text they
    /// were made from; for a file that is not UTF-8, the text with each
    /// unreadable sequence replaced, as [`crate::parse_bytes`] reads it), in
    /// their order. A diagnostic about the file as a whole (too large) has
    /// none.
    pub fn all(source: &str, diagnostics: &[Diagnostic]) -> Vec<Option<Excerpt>> {
        let index = LineIndex::new(source);
        diagnostics.iter().map(|d| Excerpt::of(source, &index, d)).collect()
    }

    fn of(source: &str, index: &LineIndex, d: &Diagnostic) -> Option<Excerpt> {
        if source.is_empty() && d.range.is_empty() {
            return None;
        }
        let line = index.line_range(source, d.at.line);
        // Editors do not show a byte order mark; neither does the excerpt.
        let first = if line.start == 0 && source.starts_with('\u{feff}') { 3.min(line.end) } else { line.start };
        let floor = |mut at: usize| {
            at = at.clamp(first, line.end.max(first));
            while !source.is_char_boundary(at) {
                at -= 1;
            }
            at
        };
        let start = floor(d.range.start);
        let end = floor(d.range.end.max(d.range.start));
        Some(Excerpt {
            line: d.at.line,
            col: d.at.col,
            before: keep_end(&source[first..start]),
            marked: source[start..end].to_owned(),
            after: keep_start(&source[end..line.end]),
        })
    }

    /// The line as it is shown (the parts joined).
    pub fn text(&self) -> String {
        format!("{}{}{}", self.before, self.marked, self.after)
    }
}

/// The last [`CONTEXT_CHARS`] characters of `text`, after `…` when cut.
fn keep_end(text: &str) -> String {
    let count = text.chars().count();
    if count <= CONTEXT_CHARS {
        return text.to_owned();
    }
    let cut: String = text.chars().skip(count - CONTEXT_CHARS).collect();
    format!("…{cut}")
}

/// The first [`CONTEXT_CHARS`] characters of `text`, before `…` when cut.
fn keep_start(text: &str) -> String {
    let mut chars = text.chars();
    let kept: String = chars.by_ref().take(CONTEXT_CHARS).collect();
    if chars.next().is_some() { format!("{kept}…") } else { kept }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Problem;

    /// The excerpts of the problems `tebiki check` finds in `source`.
    fn excerpts(source: &str) -> Vec<(u32, u32, String, String, String)> {
        let (_, diagnostics) = crate::parse(source);
        Excerpt::all(source, &diagnostics)
            .into_iter()
            .map(|e| {
                let e = e.expect("points into the file");
                (e.line, e.col, e.before, e.marked, e.after)
            })
            .collect()
    }

    const VALID: &str = include_str!("../tests/fixtures/valid/minimal.md");

    #[test]
    fn the_marked_part_is_what_the_diagnostic_points_at_with_japanese_text_and_tabs() {
        // A value the key does not take, in Japanese, as `tebiki check` finds it.
        let source = VALID.replacen("direction: down", "direction: 下がる方が良い", 1);
        let found = excerpts(&source);
        let (line, col, before, marked, after) = &found[0];
        assert_eq!((before.as_str(), marked.as_str(), after.as_str()), ("    direction: ", "下がる方が良い", ""));
        assert_eq!((*line, *col), (20, 16));

        // A tab and full-width characters before the mark: one column each.
        let source = "題名\tfoo: 人事\n";
        let d = Diagnostic {
            severity: crate::Severity::Error,
            range: 7..10,
            at: crate::lines::LineIndex::new(source).locate(source, 7),
            problem: Problem::NoFrontMatter,
        };
        assert_eq!(d.at.col, 4, "題, 名 and the tab");
        let e = Excerpt::all(source, &[d]).remove(0).unwrap();
        assert_eq!((e.before.as_str(), e.marked.as_str(), e.after.as_str()), ("題名\t", "foo", ": 人事"));
        assert_eq!(e.before.chars().count() + 1, e.col as usize);
    }

    #[test]
    fn every_excerpt_of_every_invalid_fixture_is_its_diagnostics_line_and_column() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
        let mut seen = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            let (_, diagnostics) = crate::parse_bytes(&bytes);
            let text = String::from_utf8_lossy(&bytes);
            let index = LineIndex::new(&text);
            for (d, e) in diagnostics.iter().zip(Excerpt::all(&text, &diagnostics)) {
                let e = e.unwrap_or_else(|| panic!("{}: {} points into the file", path.display(), d.problem.code()));
                assert_eq!((e.line, e.col), (d.at.line, d.at.col));
                let line = &text[index.line_range(&text, e.line)];
                assert_eq!(e.text(), line.trim_start_matches('\u{feff}'), "{}: {}", path.display(), d.problem.code());
                assert_eq!(e.before.chars().count() + 1, e.col as usize, "the caret goes under column {}", e.col);
                seen += 1;
            }
        }
        assert!(seen > 30, "{seen} problems");
    }

    #[test]
    fn a_range_past_the_line_is_cut_at_its_end_and_crlf_is_not_shown() {
        let source = "one\r\ntwo three\r\nfour";
        let d = Diagnostic {
            severity: crate::Severity::Error,
            range: 9..source.len(),
            at: crate::lines::LineCol { line: 2, col: 5 },
            problem: Problem::NoFrontMatter,
        };
        let e = Excerpt::all(source, &[d]).remove(0).unwrap();
        assert_eq!((e.before.as_str(), e.marked.as_str(), e.after.as_str()), ("two ", "three", ""));
    }

    #[test]
    fn a_point_inside_a_character_or_at_the_end_marks_nothing_and_never_panics() {
        let source = "\u{feff}漢字\n";
        for start in 0..=source.len() + 2 {
            for end in [start, start + 1, start + 5] {
                let (line, col) = if start >= source.len() { (2, 1) } else { (1, 1) };
                let d = Diagnostic {
                    severity: crate::Severity::Warning,
                    range: start..end,
                    at: crate::lines::LineCol { line, col },
                    problem: Problem::NoFrontMatter,
                };
                let e = Excerpt::all(source, &[d]).remove(0).unwrap();
                assert!(!e.text().contains('\u{feff}'), "the BOM is not shown");
                assert!(e.text() == "漢字" || e.text().is_empty(), "{e:?}");
            }
        }
    }

    #[test]
    fn a_file_that_is_not_utf8_or_too_large_is_shown_as_it_reads() {
        // Shift_JIS 「人事」: each unreadable sequence is marked where the
        // replacement character stands.
        let bytes = b"---\nid: \x90\x6c\x8e\x96\n---\n";
        let (_, diagnostics) = crate::parse_bytes(bytes);
        let text = String::from_utf8_lossy(bytes);
        let bad: Vec<Excerpt> = Excerpt::all(&text, &diagnostics)
            .into_iter()
            .zip(&diagnostics)
            .filter(|(_, d)| d.problem == Problem::InvalidUtf8)
            .map(|(e, _)| e.unwrap())
            .collect();
        assert!(!bad.is_empty());
        assert!(bad.iter().all(|e| e.marked == "\u{fffd}" && e.line == 2), "{bad:?}");

        let (_, too_large) = crate::parse_bytes(&vec![b'a'; crate::MAX_PLAYBOOK_BYTES + 1]);
        assert_eq!(Excerpt::all("", &too_large), [None], "about the whole file: no line to show");
    }

    #[test]
    fn a_very_long_line_keeps_what_is_near_the_mark() {
        let source = format!("{}x{}", "あ".repeat(500), "い".repeat(500));
        let at = "あ".repeat(500).len();
        let d = Diagnostic {
            severity: crate::Severity::Error,
            range: at..at + 1,
            at: crate::lines::LineCol { line: 1, col: 501 },
            problem: Problem::NoFrontMatter,
        };
        let e = Excerpt::all(&source, &[d]).remove(0).unwrap();
        assert_eq!(e.marked, "x");
        assert_eq!(e.before, format!("…{}", "あ".repeat(CONTEXT_CHARS)));
        assert_eq!(e.after, format!("{}…", "い".repeat(CONTEXT_CHARS)));
    }
}
