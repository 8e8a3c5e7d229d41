//! Byte offsets to human positions (line and column, both counted from 1).
//!
//! Columns count Unicode scalar values, as rustc does, so a column in a
//! Japanese line points at the character a person sees. `\n`, `\r\n` and a
//! lone `\r` all end a line, matching what pulldown-cmark and YAML accept.

/// A position a person can find in an editor: line and column from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    /// Line number, 1-based.
    pub line: u32,
    /// Column in characters, 1-based.
    pub col: u32,
}

/// Start offsets of every line of one text, built once and queried many times.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Index the line starts of `text` in one pass.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        Self { starts }
    }

    /// The line and column of byte `offset` in `text` (the text this index was
    /// built from). An offset inside a character or past the end is clamped.
    pub fn locate(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let mut end = offset;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut col = text[start..end].chars().count() + 1;
        // Editors do not show a byte order mark; do not count it as a column.
        if start == 0 && end >= 3 && text.starts_with('\u{feff}') {
            col -= 1;
        }
        LineCol { line: line as u32 + 1, col: col as u32 }
    }

    /// The byte range of line `line` (1-based) without its line break.
    pub fn line_range(&self, text: &str, line: u32) -> std::ops::Range<usize> {
        let i = (line.max(1) as usize - 1).min(self.starts.len() - 1);
        let start = self.starts[i];
        let mut end = self.starts.get(i + 1).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "id: 人事\n  bad";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, text.find("人").unwrap()), LineCol { line: 1, col: 5 });
        assert_eq!(index.locate(text, text.find("bad").unwrap()), LineCol { line: 2, col: 3 });
    }

    #[test]
    fn crlf_and_lone_cr_both_end_lines() {
        let text = "a\r\nb\rc";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 3).line, 2);
        assert_eq!(index.locate(text, 5).line, 3);
        assert_eq!(&text[index.line_range(text, 1)], "a");
    }

    #[test]
    fn a_byte_order_mark_takes_no_column() {
        let text = "\u{feff}id: x";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, text.find("id").unwrap()), LineCol { line: 1, col: 1 });
    }

    #[test]
    fn offsets_past_the_end_or_inside_a_character_are_clamped() {
        let text = "人";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 1), LineCol { line: 1, col: 1 });
        assert_eq!(index.locate(text, 99), LineCol { line: 1, col: 2 });
    }
}
