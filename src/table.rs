//! Delimited text: CSV files and tab-separated rows pasted from a
//! spreadsheet. Reading keeps every row's number and first line so that a
//! problem can be named by row and column; writing produces what Excel opens
//! correctly (UTF-8 with a byte-order mark, CRLF, formulas neutralised).
//!
//! The quoting rules (quotes, doubled quotes, newlines inside quotes, CRLF)
//! come from `csv-core`'s state machine; this module adds limits, positions
//! and UTF-8 checks.

use crate::diagnostic::Lang;

/// The largest table read, in bytes.
pub const MAX_TABLE_BYTES: usize = 1024 * 1024;

/// The most rows read (the header included).
pub const MAX_ROWS: usize = 2000;

/// The longest cell, in characters.
pub const MAX_CELL_CHARS: usize = 1000;

/// One row as read: its 1-based number among the rows, the line it starts
/// on, and its cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// 1-based number of the row in the table, blank rows included.
    pub number: usize,
    /// 1-based line the row starts on (a quoted cell can span lines).
    pub line: u64,
    /// The cells, unquoted.
    pub cells: Vec<String>,
}

/// Why a table could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    /// More than [`MAX_TABLE_BYTES`]; carries the size.
    TooLarge(usize),
    /// More than [`MAX_ROWS`] rows.
    TooManyRows,
    /// A cell longer than [`MAX_CELL_CHARS`].
    CellTooLong {
        /// 1-based row.
        row: usize,
        /// 1-based column.
        column: usize,
    },
    /// A cell that is not UTF-8 (a file saved as Shift_JIS, for example).
    NotUtf8 {
        /// 1-based row.
        row: usize,
        /// 1-based column.
        column: usize,
    },
}

impl TableError {
    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TableError::TooLarge(n), Lang::Ja) => format!(
                "ファイルが大きすぎます（{} KB）。読み込めるのは {} KB までです。",
                n / 1024,
                MAX_TABLE_BYTES / 1024
            ),
            (TableError::TooLarge(n), Lang::En) => {
                format!("The file is too large ({} KB); the limit is {} KB.", n / 1024, MAX_TABLE_BYTES / 1024)
            }
            (TableError::TooManyRows, Lang::Ja) => format!("行が多すぎます。読み込めるのは {MAX_ROWS} 行までです。"),
            (TableError::TooManyRows, Lang::En) => format!("Too many rows; the limit is {MAX_ROWS}."),
            (TableError::CellTooLong { row, column }, Lang::Ja) => {
                format!("{row} 行目 {column} 列目: {MAX_CELL_CHARS} 文字を超えています。")
            }
            (TableError::CellTooLong { row, column }, Lang::En) => {
                format!("Row {row}, column {column}: longer than {MAX_CELL_CHARS} characters.")
            }
            (TableError::NotUtf8 { row, column }, Lang::Ja) => format!(
                "{row} 行目 {column} 列目: UTF-8 ではない文字があります。Excel では「CSV UTF-8（コンマ区切り）」で保存してください。"
            ),
            (TableError::NotUtf8 { row, column }, Lang::En) => {
                format!(
                    "Row {row}, column {column}: not UTF-8 text. In Excel, save as \"CSV UTF-8 (Comma delimited)\"."
                )
            }
        }
    }
}

/// The delimiter of `text`: a tab when its first line has one (rows copied
/// from a spreadsheet), otherwise a comma.
pub fn detect_delimiter(text: &[u8]) -> u8 {
    let first = text.split(|&b| b == b'\n').next().unwrap_or_default();
    if first.contains(&b'\t') { b'\t' } else { b',' }
}

/// Read every row of `text`. A leading byte-order mark is skipped; rows with
/// only empty cells are left out (their numbers still count).
pub fn read(text: &[u8], delimiter: u8) -> Result<Vec<Row>, TableError> {
    if text.len() > MAX_TABLE_BYTES {
        return Err(TableError::TooLarge(text.len()));
    }
    let text = text.strip_prefix(b"\xEF\xBB\xBF".as_slice()).unwrap_or(text);
    let mut input = text;
    let mut reader = csv_core::ReaderBuilder::new().delimiter(delimiter).build();
    let mut rows = Vec::new();
    let mut cells: Vec<String> = Vec::new();
    let mut field = Vec::new();
    let mut out = [0u8; 1024];
    // Where the next row starts: its number as a spreadsheet shows it (blank
    // lines are rows there) and its line in the text.
    let mut at = Position { offset: 0, line: 1 };
    let mut number = 1;
    at.skip_terminators(text, &mut number);
    loop {
        let (result, read, written) = reader.read_field(input, &mut out);
        input = &input[read..];
        field.extend_from_slice(&out[..written]);
        match result {
            csv_core::ReadFieldResult::InputEmpty | csv_core::ReadFieldResult::OutputFull => {}
            csv_core::ReadFieldResult::Field { record_end } => {
                let (row, column) = (number, cells.len() + 1);
                let cell =
                    String::from_utf8(std::mem::take(&mut field)).map_err(|_| TableError::NotUtf8 { row, column })?;
                if cell.chars().count() > MAX_CELL_CHARS {
                    return Err(TableError::CellTooLong { row, column });
                }
                cells.push(cell);
                if record_end {
                    if number > MAX_ROWS {
                        return Err(TableError::TooManyRows);
                    }
                    let cells = std::mem::take(&mut cells);
                    if cells.iter().any(|c| !c.trim().is_empty()) {
                        rows.push(Row { number, line: at.line, cells });
                    }
                    // Back up over the terminator the reader may have taken,
                    // then step over it and any blank lines after it.
                    let mut end = text.len() - input.len();
                    while end > at.offset && matches!(text[end - 1], b'\r' | b'\n') {
                        end -= 1;
                    }
                    at.advance(text, end);
                    at.skip_terminators(text, &mut number);
                }
            }
            csv_core::ReadFieldResult::End => break,
        }
    }
    Ok(rows)
}

/// A place in the text being read.
struct Position {
    offset: usize,
    line: u64,
}

impl Position {
    /// Move to `offset`, counting the lines passed.
    fn advance(&mut self, text: &[u8], offset: usize) {
        self.line += text[self.offset..offset].iter().filter(|&&b| b == b'\n').count() as u64;
        self.offset = offset;
    }

    /// Step over line terminators (CRLF, LF or CR), raising the row number
    /// once for each: the end of the row just read, and every blank line.
    fn skip_terminators(&mut self, text: &[u8], number: &mut usize) {
        let mut terminators = 0;
        let mut i = self.offset;
        while i < text.len() && matches!(text[i], b'\r' | b'\n') {
            i += if text[i] == b'\r' && text.get(i + 1) == Some(&b'\n') { 2 } else { 1 };
            terminators += 1;
        }
        *number += terminators;
        self.advance(text, i);
    }
}

/// Characters that make a spreadsheet read a cell as a formula.
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written by [`write_csv`] back to what was entered: the
/// apostrophe that neutralised a formula is removed.
pub fn unescape_cell(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.trim_start_matches('\'').starts_with(FORMULA_START) => rest,
        _ => cell,
    }
}

/// CSV for spreadsheets: a byte-order mark (so Excel reads UTF-8 Japanese),
/// CRLF line ends, quotes where needed, and an apostrophe before any cell
/// that a spreadsheet would otherwise run as a formula.
pub fn write_csv(rows: &[Vec<String>]) -> String {
    let mut out = String::from("\u{feff}");
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let guarded;
            let cell = if cell.trim_start_matches('\'').starts_with(FORMULA_START) {
                guarded = format!("'{cell}");
                guarded.as_str()
            } else {
                cell.as_str()
            };
            if cell.contains([',', '"', '\n', '\r']) || cell.starts_with(' ') || cell.ends_with(' ') {
                out.push('"');
                out.push_str(&cell.replace('"', "\"\""));
                out.push('"');
            } else {
                out.push_str(cell);
            }
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[Row]) -> Vec<Vec<&str>> {
        rows.iter().map(|r| r.cells.iter().map(String::as_str).collect()).collect()
    }

    #[test]
    fn quotes_newlines_and_bom() {
        let text = "\u{feff}名前,メモ\r\n\"請求書, 入力\",\"一行目\n二行目\"\r\n\"引用 \"\"符\"\"\",x\r\n";
        let rows = read(text.as_bytes(), b',').unwrap();
        assert_eq!(
            cells(&rows),
            vec![vec!["名前", "メモ"], vec!["請求書, 入力", "一行目\n二行目"], vec!["引用 \"符\"", "x"]]
        );
        assert_eq!(rows.iter().map(|r| (r.number, r.line)).collect::<Vec<_>>(), vec![(1, 1), (2, 2), (3, 4)]);
    }

    #[test]
    fn blank_rows_are_skipped_but_counted() {
        let rows = read(b"a\tb\n\n\t\nc\td", b'\t').unwrap();
        assert_eq!(cells(&rows), vec![vec!["a", "b"], vec!["c", "d"]]);
        assert_eq!(rows[1].number, 4);
    }

    #[test]
    fn shift_jis_is_named_by_row_and_column() {
        // 「経理」 in Shift_JIS.
        let text = b"name,dept\nx,\x8c\x6f\x97\x9d\n";
        assert_eq!(read(text, b','), Err(TableError::NotUtf8 { row: 2, column: 2 }));
        assert!(TableError::NotUtf8 { row: 2, column: 2 }.message(Lang::Ja).contains("2 行目 2 列目"));
    }

    #[test]
    fn limits_are_named() {
        let big = vec![b'a'; MAX_TABLE_BYTES + 1];
        assert_eq!(read(&big, b','), Err(TableError::TooLarge(MAX_TABLE_BYTES + 1)));
        let long = format!("ok\n{}", "あ".repeat(MAX_CELL_CHARS + 1));
        assert_eq!(read(long.as_bytes(), b','), Err(TableError::CellTooLong { row: 2, column: 1 }));
        let many = "x\n".repeat(MAX_ROWS + 1);
        assert_eq!(read(many.as_bytes(), b','), Err(TableError::TooManyRows));
        assert!(TableError::TooManyRows.message(Lang::En).contains(&MAX_ROWS.to_string()));
    }

    #[test]
    fn unterminated_quote_keeps_the_text() {
        let rows = read(b"a,\"b\nc", b',').unwrap();
        assert_eq!(cells(&rows), vec![vec!["a", "b\nc"]]);
    }

    #[test]
    fn delimiter_from_the_first_line() {
        assert_eq!(detect_delimiter(b"a\tb\nc,d"), b'\t');
        assert_eq!(detect_delimiter("名前,種類".as_bytes()), b',');
    }

    #[test]
    fn written_csv_reads_back_and_cannot_run_formulas() {
        let rows = vec![
            vec!["=HYPERLINK(\"x\")".to_owned(), "a,b".to_owned(), " lead".to_owned()],
            vec!["二行\n目".to_owned(), "-3".to_owned(), "'=kept".to_owned()],
        ];
        let csv = write_csv(&rows);
        assert!(csv.starts_with('\u{feff}'));
        assert!(csv.contains("'=HYPERLINK"));
        assert!(csv.ends_with("\r\n"));
        let back = read(csv.as_bytes(), b',').unwrap();
        let back: Vec<Vec<&str>> = back.iter().map(|r| r.cells.iter().map(|c| unescape_cell(c)).collect()).collect();
        assert_eq!(back, vec![vec!["=HYPERLINK(\"x\")", "a,b", " lead"], vec!["二行\n目", "-3", "'=kept"]]);
    }
}
