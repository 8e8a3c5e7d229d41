//! The inventory worksheet: the tasks a team does today, what they cost in
//! hours, where they depend on one person, how each kind of work is best
//! approached, and which task makes the best pilot.
//!
//! Tasks are read from tables (CSV files, rows pasted from a spreadsheet)
//! with [`tasks_from_table`], which checks every row before returning any:
//! a table with one bad cell is refused as a whole, with the row and column
//! named.

use serde::{Deserialize, Serialize};

use crate::diagnostic::Lang;
use crate::table::{self, Row, TableError};
use crate::text::texts;

/// The longest task name, department or source, in characters.
pub const MAX_TEXT_CHARS: usize = 200;

/// What kind of work a task is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TaskKind {
    /// 判断: deciding against rules and conditions.
    Judgment,
    /// 転記: copying data from one place into another.
    Transcription,
    /// 案内: answering and explaining what is already written down.
    Guidance,
}

impl TaskKind {
    /// All kinds, in the order they are shown.
    pub const ALL: [TaskKind; 3] = [TaskKind::Judgment, TaskKind::Transcription, TaskKind::Guidance];

    /// The id used in storage and English tables.
    pub fn id(self) -> &'static str {
        match self {
            TaskKind::Judgment => "judgment",
            TaskKind::Transcription => "transcription",
            TaskKind::Guidance => "guidance",
        }
    }

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        texts(lang).task_kinds[self as usize]
    }

    /// Read a kind as people write it: 判断 / 転記 / 案内 or the English word.
    pub fn parse(text: &str) -> Option<TaskKind> {
        let text = text.trim();
        TaskKind::ALL.into_iter().find(|k| {
            text == k.label(Lang::Ja)
                || text.eq_ignore_ascii_case(k.id())
                || text.eq_ignore_ascii_case(k.label(Lang::En))
        })
    }

    /// How work of this kind is best approached with AI.
    pub fn approach(self, lang: Lang) -> &'static str {
        texts(lang).task_approaches[self as usize]
    }

    /// How well the kind suits a first pilot with AI drafts that a person
    /// approves: guidance is quickest to show, judgment needs its criteria
    /// written down, transcription needs its workflow fixed first.
    fn pilot_fit(self) -> f64 {
        match self {
            TaskKind::Guidance => 1.0,
            TaskKind::Judgment => 0.8,
            TaskKind::Transcription => 0.5,
        }
    }
}

/// How sensitive the information a task handles is: what may go into an AI
/// tool, and so whether it can be a first pilot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DataClass {
    /// 業務情報: no personal data (rules, forms, codes, amounts).
    Business,
    /// 個人情報: names, addresses, employee numbers — masked, or only in a
    /// tool the company's review approved.
    Personal,
    /// 要配慮個人情報 (health, leave, pregnancy …) or マイナンバー: never
    /// entered into an AI tool, so not a first pilot.
    Sensitive,
}

impl DataClass {
    /// Every class, in the order they are offered.
    pub const ALL: [DataClass; 3] = [DataClass::Business, DataClass::Personal, DataClass::Sensitive];

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        texts(lang).data_classes[self as usize]
    }

    /// Read a class as people write it, in either language: its label or
    /// a common word for it (一般, 要配慮, マイナンバー, personal …).
    pub fn parse(text: &str) -> Option<DataClass> {
        let key = |t: &str| -> String {
            normalize(t)
                .chars()
                .filter(|c| !c.is_whitespace() && !matches!(c, '・' | '/'))
                .collect::<String>()
                .to_lowercase()
        };
        let text = key(text);
        let labelled =
            DataClass::ALL.into_iter().find(|c| [Lang::Ja, Lang::En].into_iter().any(|l| key(c.label(l)) == text));
        labelled.or(match text.as_str() {
            "業務情報のみ" | "一般" | "通常" | "社内情報" | "なし" | "business" | "internal" | "none" => {
                Some(DataClass::Business)
            }
            "個人情報を含む" | "personal" | "pii" => Some(DataClass::Personal),
            "要配慮個人情報" | "要配慮" | "マイナンバー" | "特定個人情報" | "sensitive" => {
                Some(DataClass::Sensitive)
            }
            _ => None,
        })
    }
}

/// One task of the worksheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Task {
    /// What the work is (請求書の受付, 住所変更の案内 ...).
    pub name: String,
    /// Who does it.
    pub department: String,
    /// Judgment, transcription or guidance.
    pub kind: TaskKind,
    /// How often it happens per month.
    pub per_month: f64,
    /// Minutes each time.
    pub minutes: f64,
    /// How many people can do it; 1 is a single-owner risk.
    pub people: Option<u32>,
    /// Share of cases that are exceptions, in percent.
    pub exception_rate: Option<f64>,
    /// Where the inputs come from (form, mail, Excel, core system, paper).
    pub source: String,
    /// Anything else.
    pub notes: String,
    /// The information it handles; `None` until the team says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data: Option<DataClass>,
    /// Minutes a person would need to check an AI draft of one case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_minutes: Option<f64>,
}

impl Task {
    /// Hours per month spent on the task.
    pub fn hours_per_month(&self) -> f64 {
        self.per_month * self.minutes / 60.0
    }

    /// Hours per month left to gain once every AI draft is checked: the
    /// minutes each case takes less the minutes its check takes (never
    /// below zero). Without a checking time, every hour of the task.
    pub fn hours_after_check(&self) -> f64 {
        match self.check_minutes {
            Some(check) => self.per_month * (self.minutes - check).max(0.0) / 60.0,
            None => self.hours_per_month(),
        }
    }

    /// Only one person can do it.
    pub fn single_owner(&self) -> bool {
        self.people == Some(1)
    }

    /// Whether the values are ones a person could have meant: a name, finite
    /// non-negative numbers, a rate of at most 100.
    pub fn check(&self) -> Result<(), Field> {
        if self.name.trim().is_empty() || self.name.chars().count() > MAX_TEXT_CHARS {
            return Err(Field::Name);
        }
        if !(self.per_month.is_finite() && self.per_month >= 0.0) {
            return Err(Field::PerMonth);
        }
        if !(self.minutes.is_finite() && self.minutes >= 0.0) {
            return Err(Field::Minutes);
        }
        if self.people == Some(0) {
            return Err(Field::People);
        }
        if self.exception_rate.is_some_and(|r| !(r.is_finite() && (0.0..=100.0).contains(&r))) {
            return Err(Field::ExceptionRate);
        }
        if self.department.chars().count() > MAX_TEXT_CHARS {
            return Err(Field::Department);
        }
        if self.source.chars().count() > MAX_TEXT_CHARS {
            return Err(Field::Source);
        }
        if self.check_minutes.is_some_and(|m| !(m.is_finite() && m >= 0.0)) {
            return Err(Field::CheckMinutes);
        }
        Ok(())
    }
}

/// A column of the worksheet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// 業務名 (required).
    Name,
    /// 部門.
    Department,
    /// 種類 (required).
    Kind,
    /// 月間件数 (required).
    PerMonth,
    /// 1件の所要時間（分） (required).
    Minutes,
    /// 対応できる人数.
    People,
    /// 例外率 (%).
    ExceptionRate,
    /// 入力元.
    Source,
    /// 備考.
    Notes,
    /// 扱う情報: [`DataClass`]. After the notes, so rows pasted without
    /// headings in the nine columns of earlier builds still read as before.
    Data,
    /// 確認の所要時間（分）: checking one AI draft.
    CheckMinutes,
}

impl Field {
    /// Columns in the order they are written.
    pub const ALL: [Field; 11] = [
        Field::Name,
        Field::Department,
        Field::Kind,
        Field::PerMonth,
        Field::Minutes,
        Field::People,
        Field::ExceptionRate,
        Field::Source,
        Field::Notes,
        Field::Data,
        Field::CheckMinutes,
    ];

    /// The column heading.
    pub fn label(self, lang: Lang) -> &'static str {
        texts(lang).task_fields[self as usize]
    }

    fn required(self) -> bool {
        matches!(self, Field::Name | Field::Kind | Field::PerMonth | Field::Minutes)
    }

    /// Headings people give this column in their own sheets, besides its
    /// labels: compared after [`heading_key`] (no spaces, no case, no
    /// bracketed qualifier such as （月） or (%)).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Name => &["業務", "業務内容", "作業名", "作業", "作業内容", "タスク", "taskname", "name", "work"],
            Field::Department => {
                &["部署", "担当部署", "担当部門", "所属", "部署名", "部門名", "担当課", "課", "チーム", "dept", "team"] // 部署: retired word, read from old sheets
            }
            Field::Kind => &["区分", "分類", "種別", "業務区分", "業務の種類", "タイプ", "類型", "kind", "category"],
            Field::PerMonth => &[
                "件数",
                "月件数",
                "月の件数",
                "件数/月",
                "月間処理件数",
                "処理件数",
                "発生件数",
                "月間発生件数",
                "頻度",
                "回数",
                "月間回数",
                "月の回数",
                "count",
                "volume",
                "monthlycount",
                "occurrences",
                "frequency",
            ],
            Field::Minutes => &[
                "1件の分数", // retired word, read from sheets written before the glossary
                "1件あたりの分数",
                "1件の所要時間",
                "1件あたりの所要時間",
                "1件あたりの時間",
                "所要時間",
                "処理時間",
                "作業時間",
                "対応時間",
                "分/件",
                "分数",
                "minutes",
                "minutespertask",
                "time",
                "duration",
            ],
            Field::People => &[
                "担当できる人数",
                "対応可能人数",
                "担当可能人数",
                "担当者数",
                "対応人数",
                "担当人数",
                "人数",
                "できる人数",
                "headcount",
                "staff",
            ],
            Field::ExceptionRate => &["例外率", "例外の割合", "例外割合", "イレギュラー率", "exceptions"],
            Field::Source => &[
                "入力元資料",
                "入手元",
                "情報源",
                "インプット",
                "入力",
                "受付方法",
                "受付経路",
                "媒体",
                "input",
                "channel",
            ],
            Field::Data => &[
                "情報の種類",
                "情報区分",
                "扱う情報の種類",
                "機微度",
                "機密区分",
                "個人情報の有無",
                "data",
                "dataclass",
                "sensitivity",
            ],
            Field::CheckMinutes => &[
                "確認時間",
                "確認の時間",
                "確認にかかる時間",
                "チェック時間",
                "確認の所要時間",
                "checkminutes",
                "minutestocheck",
                "reviewminutes",
            ],
            Field::Notes => &["メモ", "補足", "コメント", "注記", "notes", "memo", "comment", "comments"],
        }
    }

    /// The column a heading names, in either language or as people often
    /// write it (担当部署, 区分, 件数（月）, 所要時間（分/件） ...). A
    /// qualifier that contradicts the column's unit (件数（年）, 所要時間
    /// （時間）) is refused rather than read as something else.
    fn from_heading(text: &str) -> Result<Field, HeadingProblem> {
        let (key, qualifier) = heading_key(text);
        let field = Field::ALL
            .into_iter()
            .find(|f| {
                [Lang::Ja, Lang::En].into_iter().any(|l| heading_key(f.label(l)).0 == key)
                    || f.aliases().contains(&key.as_str())
            })
            .ok_or(HeadingProblem::Unknown)?;
        let has = |words: &[&str]| words.iter().any(|w| qualifier.contains(w));
        let wrong = match field {
            Field::PerMonth => has(&["年", "週", "日", "year", "week", "day", "annual"]),
            Field::Minutes | Field::CheckMinutes => {
                !has(&["分", "min"]) && has(&["時間", "時", "hour", "h", "秒", "sec", "日", "day"])
            }
            _ => false,
        };
        if wrong { Err(HeadingProblem::Unit(field)) } else { Ok(field) }
    }
}

/// Why a heading names no column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadingProblem {
    /// Not a heading of the worksheet.
    Unknown,
    /// The column, in a unit other than its own.
    Unit(Field),
}

/// A heading as compared: full-width forms folded, no spaces, lower case,
/// and apart from it the text of any bracketed qualifier (`件数（月）` →
/// `件数` and `月`; `例外率(%)` → `例外率` and `%`).
fn heading_key(text: &str) -> (String, String) {
    let folded = normalize(text).to_lowercase();
    let (mut key, mut qualifier) = (String::new(), String::new());
    let mut depth = 0usize;
    for c in folded.chars() {
        match c {
            '(' | '[' | '【' | '〔' | '［' => depth += 1,
            ')' | ']' | '】' | '〕' | '］' => depth = depth.saturating_sub(1),
            c if c.is_whitespace() => {}
            c if depth > 0 => qualifier.push(c),
            c => key.push(c),
        }
    }
    (key, qualifier)
}

/// The most problems listed for one table; the rest are counted.
pub const MAX_PROBLEMS: usize = 30;

/// What is wrong with a table, or one of its cells.
#[derive(Debug, Clone, PartialEq)]
pub enum TaskError {
    /// The table itself could not be read.
    Table(TableError),
    /// No task rows.
    Empty,
    /// A heading that is not a worksheet column.
    UnknownHeading {
        /// 1-based column.
        column: usize,
        /// The heading as written.
        heading: String,
    },
    /// A heading of a worksheet column in another unit (件数（年）,
    /// 所要時間（時間）): reading it as the worksheet's unit would be wrong.
    HeadingUnit {
        /// 1-based column.
        column: usize,
        /// The heading as written.
        heading: String,
        /// The column it names.
        field: Field,
    },
    /// A required column is missing from the headings.
    MissingColumn(Field),
    /// A required cell left empty.
    Blank {
        /// 1-based row as a spreadsheet numbers it.
        row: usize,
        /// 1-based column.
        column: usize,
        /// Which column it is.
        field: Field,
    },
    /// A cell that is not a valid value for its column.
    Cell {
        /// 1-based row as a spreadsheet numbers it.
        row: usize,
        /// 1-based column.
        column: usize,
        /// Which column it is.
        field: Field,
        /// The cell as written.
        value: String,
    },
    /// A row with more cells than there are columns.
    ExtraCells {
        /// 1-based row.
        row: usize,
        /// 1-based column of the first extra cell.
        column: usize,
    },
}

impl TaskError {
    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (TaskError::Table(e), _) => e.message(lang),
            (TaskError::Empty, Lang::Ja) => "業務の行がありません。".into(),
            (TaskError::Empty, Lang::En) => "There are no task rows.".into(),
            (TaskError::UnknownHeading { column, heading }, Lang::Ja) => format!(
                "1 行目 {column} 列目: 「{}」は棚卸し表の列として読めません。見出しを {} のどれかにするか、取り込まない列は削除してください。",
                clip(heading),
                headings(Lang::Ja)
            ),
            (TaskError::UnknownHeading { column, heading }, Lang::En) => format!(
                "Row 1, column {column}: \"{}\" is not a worksheet column. Use one of {} as its heading, or delete a column you do not want to import.",
                clip(heading),
                headings(Lang::En)
            ),
            (TaskError::HeadingUnit { column, heading, field }, Lang::Ja) => format!(
                "1 行目 {column} 列目: 「{}」は単位が違います。{}",
                clip(heading),
                match field {
                    Field::PerMonth => "件数は 1 か月あたりで書いてください。",
                    _ => "所要時間は 1 件あたりの分で書いてください。",
                }
            ),
            (TaskError::HeadingUnit { column, heading, field }, Lang::En) => format!(
                "Row 1, column {column}: \"{}\" is in another unit. {}",
                clip(heading),
                match field {
                    Field::PerMonth => "Give counts per month.",
                    _ => "Give the time per task in minutes.",
                }
            ),
            (TaskError::MissingColumn(f), Lang::Ja) => format!("「{}」の列がありません。", f.label(Lang::Ja)),
            (TaskError::MissingColumn(f), Lang::En) => format!("The \"{}\" column is missing.", f.label(Lang::En)),
            (TaskError::Blank { row, column, field }, Lang::Ja) => {
                format!("{row} 行目 {column} 列目: {}が空欄です。{}", field.label(Lang::Ja), needed(*field, lang))
            }
            (TaskError::Blank { row, column, field }, Lang::En) => {
                format!("Row {row}, column {column}: the {} is empty. {}", field.label(Lang::En), needed(*field, lang))
            }
            (TaskError::Cell { row, column, field, value }, Lang::Ja) => {
                format!(
                    "{row} 行目 {column} 列目（{}）: 「{}」{}",
                    field.label(Lang::Ja),
                    clip(value),
                    expected(*field, lang)
                )
            }
            (TaskError::Cell { row, column, field, value }, Lang::En) => format!(
                "Row {row}, column {column} ({}): \"{}\" {}",
                field.label(Lang::En),
                clip(value),
                expected(*field, lang)
            ),
            (TaskError::ExtraCells { row, column }, Lang::Ja) => {
                format!("{row} 行目 {column} 列目: 列が多すぎます。棚卸し表の列は {} 列です。", Field::ALL.len())
            }
            (TaskError::ExtraCells { row, column }, Lang::En) => {
                format!("Row {row}, column {column}: too many cells; the worksheet has {} columns.", Field::ALL.len())
            }
        }
    }

    /// The message for a form, where rows and columns mean nothing: the
    /// field's name and what it needs.
    pub fn form_message(&self, lang: Lang) -> String {
        match self {
            TaskError::Blank { field, .. } => match lang {
                Lang::Ja => format!("「{}」を入力してください。", field.label(lang)),
                Lang::En => format!("Enter the \"{}\".", field.label(lang)),
            },
            TaskError::Cell { field, value, .. } => match lang {
                Lang::Ja => format!("{}: 「{}」{}", field.label(lang), clip(value), expected(*field, lang)),
                Lang::En => format!("{}: \"{}\" {}", field.label(lang), clip(value), expected(*field, lang)),
            },
            other => other.message(lang),
        }
    }

    /// The row the problem is on, when it is on one.
    pub fn row(&self) -> Option<usize> {
        match self {
            TaskError::Blank { row, .. } | TaskError::Cell { row, .. } | TaskError::ExtraCells { row, .. } => {
                Some(*row)
            }
            TaskError::Table(TableError::CellTooLong { row, .. } | TableError::NotUtf8 { row, .. }) => Some(*row),
            _ => None,
        }
    }
}

/// Every problem found in a table, in reading order (headings, then each
/// row from the top, cells from the left): at most [`MAX_PROBLEMS`], with
/// the rest counted. Never empty.
#[derive(Debug, Clone, PartialEq)]
pub struct TableProblems {
    listed: Vec<TaskError>,
    more: usize,
}

impl TableProblems {
    fn new(all: Vec<TaskError>) -> TableProblems {
        let more = all.len().saturating_sub(MAX_PROBLEMS);
        let mut listed = all;
        listed.truncate(MAX_PROBLEMS);
        TableProblems { listed, more }
    }

    fn one(problem: TaskError) -> TableProblems {
        TableProblems { listed: vec![problem], more: 0 }
    }

    /// The problems listed.
    pub fn list(&self) -> &[TaskError] {
        &self.listed
    }

    /// How many more there are beyond the list.
    pub fn more(&self) -> usize {
        self.more
    }

    /// The first problem.
    pub fn first(&self) -> &TaskError {
        &self.listed[0]
    }

    /// Every message, one line each, and how many are not listed.
    pub fn messages(&self, lang: Lang) -> Vec<String> {
        let mut out: Vec<String> = self.listed.iter().map(|p| p.message(lang)).collect();
        if self.more > 0 {
            out.push(match lang {
                Lang::Ja => format!(
                    "ほかに {} 件の問題があります。上の問題を直してから、もう一度取り込んでください。",
                    self.more
                ),
                Lang::En => format!("{} more problem(s); fix the ones above and import again.", self.more),
            });
        }
        out
    }

    /// One line before the list: how many problems, and that nothing was
    /// imported.
    pub fn summary(&self, lang: Lang) -> String {
        let n = self.listed.len() + self.more;
        match lang {
            Lang::Ja => format!("問題が {n} 件あるため、何も取り込んでいません。"),
            Lang::En => format!("{n} problem(s) found; nothing was imported."),
        }
    }
}

/// A task from a form's fields, in [`Field::ALL`] order, checked like a
/// table row; the first problem when there is one.
pub fn task_from_fields(cells: &[String]) -> Result<Task, TaskError> {
    let row = Row { number: 1, line: 1, cells: cells.to_vec() };
    let columns: Vec<Option<Field>> = Field::ALL.into_iter().map(Some).collect();
    task_from_row(&row, &columns).map_err(|mut problems| problems.remove(0))
}

fn headings(lang: Lang) -> String {
    let sep = if lang == Lang::Ja { "・" } else { ", " };
    Field::ALL.iter().map(|f| f.label(lang)).collect::<Vec<_>>().join(sep)
}

fn clip(value: &str) -> String {
    let mut short: String = value.chars().take(40).collect();
    if value.chars().count() > 40 {
        short.push('…');
    }
    short
}

fn expected(field: Field, lang: Lang) -> &'static str {
    match (field, lang) {
        (Field::Name, Lang::Ja) => "は使えません。業務名は必須で、200 文字以内です。",
        (Field::Name, Lang::En) => "is not valid: a task name is required, at most 200 characters.",
        (Field::Kind, Lang::Ja) => "は種類ではありません。判断・転記・案内のどれかを書いてください。",
        (Field::Kind, Lang::En) => "is not a type: write judgment, transcription or guidance.",
        (Field::PerMonth | Field::Minutes, Lang::Ja) => "は数ではありません。0 以上の数を書いてください。",
        (Field::PerMonth | Field::Minutes, Lang::En) => "is not a number: write a number of 0 or more.",
        (Field::CheckMinutes, Lang::Ja) => "は数ではありません。0 以上の数を書くか、空欄にしてください。",
        (Field::CheckMinutes, Lang::En) => "is not a number: write a number of 0 or more, or leave it empty.",
        (Field::Data, Lang::Ja) => {
            "は扱う情報の区分ではありません。業務情報・個人情報・要配慮個人情報（マイナンバーを含む）のどれかを書くか、空欄にしてください。"
        }
        (Field::Data, Lang::En) => {
            "is not a class of data: write business, personal or sensitive (My Number included), or leave it empty."
        }
        (Field::People, Lang::Ja) => "は人数ではありません。1 以上の整数を書くか、空欄にしてください。",
        (Field::People, Lang::En) => "is not a head count: write a whole number of 1 or more, or leave it empty.",
        (Field::ExceptionRate, Lang::Ja) => "は割合ではありません。0〜100 の数を書くか、空欄にしてください。",
        (Field::ExceptionRate, Lang::En) => "is not a rate: write a number from 0 to 100, or leave it empty.",
        (Field::Department | Field::Source | Field::Notes, Lang::Ja) => "は長すぎます。200 文字以内にしてください。",
        (Field::Department | Field::Source | Field::Notes, Lang::En) => "is too long: at most 200 characters.",
    }
}

/// What a required column needs, for an empty cell.
fn needed(field: Field, lang: Lang) -> &'static str {
    match (field, lang) {
        (Field::Kind, Lang::Ja) => "判断・転記・案内のどれかを書いてください。",
        (Field::Kind, Lang::En) => "Write judgment, transcription or guidance.",
        (Field::PerMonth | Field::Minutes, Lang::Ja) => "0 以上の数を書いてください。",
        (Field::PerMonth | Field::Minutes, Lang::En) => "Write a number of 0 or more.",
        (_, Lang::Ja) => "入力してください。",
        (_, Lang::En) => "Fill it in.",
    }
}

/// Full-width digits, signs and spaces as ASCII; people type both.
pub(crate) fn normalize(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' | '．' | '，' | '％' | '（' | '）' | '－' | '＋' | '／' => {
                char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
            }
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .collect()
}

/// A number as people write it: full-width digits, thousands separators.
pub fn parse_number(text: &str) -> Option<f64> {
    let text = normalize(text).replace(',', "");
    let text = text.trim();
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-' || b == b'+') {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// A number followed, optionally, by `unit` (or its first part: 件 of
/// 件/月), as people type a metric's value: 「12.5%」「１２．５％」「40 時間」.
/// Full-width forms and thousands separators are read too.
pub fn parse_quantity(text: &str, unit: &str) -> Option<f64> {
    let text = normalize(text);
    let unit = normalize(unit);
    let mut units: Vec<&str> = vec![unit.trim()];
    if let Some((first, _)) = unit.split_once('/') {
        units.push(first.trim());
    }
    let number = units.iter().filter(|u| !u.is_empty()).find_map(|u| text.strip_suffix(u)).unwrap_or(&text);
    parse_number(number)
}

/// Read tasks from a table's text (CSV or tab-separated, detected from the
/// first line). The first row may be headings, in Japanese or English or as
/// people commonly write them, in any order; without headings the columns
/// are in [`Field::ALL`] order. Every row is checked before any task is
/// returned, and every problem is reported at once.
pub fn tasks_from_table(text: &[u8]) -> Result<Vec<Task>, TableProblems> {
    let rows = table::read(text, table::detect_delimiter(text)).map_err(|e| TableProblems::one(TaskError::Table(e)))?;
    let Some(first) = rows.first() else { return Err(TableProblems::one(TaskError::Empty)) };
    // Headings when at least two cells of the first row name columns (a
    // sheet often starts with a column of its own, such as No.).
    let recognised = first.cells.iter().filter(|c| Field::from_heading(table::unescape_cell(c)).is_ok()).count();
    let has_headings = recognised >= 2 || (first.cells.len() == 1 && recognised == 1);
    let mut problems = Vec::new();
    let columns: Vec<Option<Field>> = if has_headings {
        let mut columns = Vec::new();
        for (i, heading) in first.cells.iter().enumerate() {
            let heading = table::unescape_cell(heading);
            columns.push(match Field::from_heading(heading) {
                Ok(field) => Some(field),
                Err(_) if heading.trim().is_empty() => Some(Field::Notes),
                Err(HeadingProblem::Unit(field)) => {
                    problems.push(TaskError::HeadingUnit { column: i + 1, heading: heading.to_owned(), field });
                    None
                }
                Err(HeadingProblem::Unknown) => {
                    problems.push(TaskError::UnknownHeading { column: i + 1, heading: heading.to_owned() });
                    None
                }
            });
        }
        let named: Vec<Field> = problems
            .iter()
            .filter_map(|p| match p {
                TaskError::HeadingUnit { field, .. } => Some(*field),
                _ => None,
            })
            .collect();
        for missing in Field::ALL.into_iter().filter(|f| f.required() && !columns.contains(&Some(*f))) {
            if !named.contains(&missing) {
                problems.push(TaskError::MissingColumn(missing));
            }
        }
        columns
    } else {
        Field::ALL.into_iter().map(Some).collect()
    };
    let body = if has_headings { &rows[1..] } else { &rows[..] };
    if body.is_empty() && problems.is_empty() {
        return Err(TableProblems::one(TaskError::Empty));
    }
    let mut tasks = Vec::with_capacity(body.len());
    for row in body {
        match task_from_row(row, &columns) {
            Ok(task) => tasks.push(task),
            Err(found) => problems.extend(found),
        }
    }
    if problems.is_empty() { Ok(tasks) } else { Err(TableProblems::new(problems)) }
}

/// One row as a task, or every problem of the row. A column that is `None`
/// (a heading already reported) is not read, and a required column missing
/// from the headings (reported once) is not reported again on each row.
fn task_from_row(row: &Row, columns: &[Option<Field>]) -> Result<Task, Vec<TaskError>> {
    let mut task = Task {
        name: String::new(),
        department: String::new(),
        kind: TaskKind::Guidance,
        per_month: f64::NAN,
        minutes: f64::NAN,
        people: None,
        exception_rate: None,
        source: String::new(),
        notes: String::new(),
        data: None,
        check_minutes: None,
    };
    let mut kind = None;
    let mut notes = Vec::new();
    let mut problems = Vec::new();
    let mut bad_fields = Vec::new();
    for (i, cell) in row.cells.iter().enumerate() {
        let cell = table::unescape_cell(cell);
        let Some(&column) = columns.get(i) else {
            if cell.trim().is_empty() {
                continue;
            }
            problems.push(TaskError::ExtraCells { row: row.number, column: i + 1 });
            break;
        };
        let Some(field) = column else { continue };
        let text = cell.trim();
        if text.is_empty() && field.required() {
            // Reported below, once, as a blank.
            continue;
        }
        let ok = match field {
            Field::Name => {
                task.name = text.to_owned();
                true
            }
            Field::Department => {
                task.department = text.to_owned();
                true
            }
            Field::Kind => {
                kind = TaskKind::parse(text);
                kind.is_some()
            }
            Field::PerMonth => {
                task.per_month = parse_number(text).filter(|n| *n >= 0.0).unwrap_or(f64::INFINITY);
                task.per_month.is_finite()
            }
            Field::Minutes => {
                task.minutes = parse_number(text).filter(|n| *n >= 0.0).unwrap_or(f64::INFINITY);
                task.minutes.is_finite()
            }
            Field::People if text.is_empty() => true,
            Field::People => {
                let n = parse_number(text).filter(|n| *n >= 1.0 && n.fract() == 0.0 && *n <= f64::from(u32::MAX));
                task.people = n.map(|n| n as u32);
                n.is_some()
            }
            Field::ExceptionRate if text.is_empty() => true,
            Field::ExceptionRate => {
                let text = normalize(text);
                let n = parse_number(text.trim_end_matches('%')).filter(|n| (0.0..=100.0).contains(n));
                task.exception_rate = n;
                n.is_some()
            }
            Field::Source => {
                task.source = text.to_owned();
                true
            }
            Field::Data if text.is_empty() => true,
            Field::Data => {
                task.data = DataClass::parse(text);
                task.data.is_some()
            }
            Field::CheckMinutes if text.is_empty() => true,
            Field::CheckMinutes => {
                task.check_minutes = parse_number(text).filter(|n| *n >= 0.0);
                task.check_minutes.is_some()
            }
            // Several unnamed columns all land in the notes; none is dropped.
            Field::Notes => {
                if !text.is_empty() {
                    notes.push(text.to_owned());
                }
                true
            }
        };
        let too_long =
            matches!(field, Field::Name | Field::Department | Field::Source) && text.chars().count() > MAX_TEXT_CHARS;
        if !ok || too_long {
            problems.push(TaskError::Cell { row: row.number, column: i + 1, field, value: cell.to_owned() });
            bad_fields.push(field);
        }
    }
    task.notes = notes.join(" / ");
    for field in Field::ALL.into_iter().filter(|f| f.required() && !bad_fields.contains(f)) {
        let Some(at) = columns.iter().position(|c| *c == Some(field)) else { continue };
        let filled = match field {
            Field::Name => !task.name.is_empty(),
            Field::Kind => kind.is_some(),
            Field::PerMonth => !task.per_month.is_nan(),
            Field::Minutes => !task.minutes.is_nan(),
            _ => true,
        };
        if !filled {
            problems.push(TaskError::Blank { row: row.number, column: at + 1, field });
        }
    }
    if !problems.is_empty() {
        // Reading order: left to right within the row.
        problems.sort_by_key(|p| match p {
            TaskError::Blank { column, .. } | TaskError::Cell { column, .. } | TaskError::ExtraCells { column, .. } => {
                *column
            }
            _ => 0,
        });
        return Err(problems);
    }
    // Every required column is present and filled here (a missing column was
    // reported with the headings, so this row is never returned alone).
    if task.name.is_empty() || kind.is_none() || task.per_month.is_nan() || task.minutes.is_nan() {
        return Err(Vec::new());
    }
    task.kind = kind.unwrap_or(TaskKind::Guidance);
    Ok(task)
}

/// The worksheet as CSV for Excel, with headings in `lang`.
pub fn tasks_to_csv<'t>(tasks: impl IntoIterator<Item = &'t Task>, lang: Lang) -> String {
    let mut rows = vec![Field::ALL.iter().map(|f| f.label(lang).to_owned()).collect::<Vec<_>>()];
    for t in tasks {
        rows.push(vec![
            t.name.clone(),
            t.department.clone(),
            t.kind.label(lang).to_owned(),
            crate::format_number(t.per_month),
            crate::format_number(t.minutes),
            t.people.map(|p| p.to_string()).unwrap_or_default(),
            t.exception_rate.map(crate::format_number).unwrap_or_default(),
            t.source.clone(),
            t.notes.clone(),
            t.data.map(|d| d.label(lang).to_owned()).unwrap_or_default(),
            t.check_minutes.map(crate::format_number).unwrap_or_default(),
        ]);
    }
    table::write_csv(&rows)
}

/// Hours and counts for one kind of work.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct KindTotal {
    /// Tasks of this kind.
    pub tasks: usize,
    /// Hours per month on them.
    pub hours: f64,
}

/// The worksheet in numbers.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Tasks listed.
    pub tasks: usize,
    /// Hours per month on all of them.
    pub hours: f64,
    /// Per kind, in [`TaskKind::ALL`] order.
    pub by_kind: [KindTotal; 3],
    /// Tasks only one person can do.
    pub single_owner: usize,
}

/// Totals over `tasks`.
pub fn summarize<'t>(tasks: impl IntoIterator<Item = &'t Task>) -> Summary {
    let mut summary = Summary::default();
    for task in tasks {
        let hours = task.hours_per_month();
        summary.tasks += 1;
        summary.hours += hours;
        let i = TaskKind::ALL.iter().position(|k| *k == task.kind).unwrap_or_default();
        summary.by_kind[i].tasks += 1;
        summary.by_kind[i].hours += hours;
        summary.single_owner += usize::from(task.single_owner());
    }
    summary
}

/// Why a task is ranked where it is.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// It takes this many hours a month.
    Hours(f64),
    /// Its kind suits (or does not suit) a first pilot.
    Kind(TaskKind),
    /// Hours a month still gained once every AI draft is checked.
    AfterCheck(f64),
    /// Checking a draft takes as long as the work itself: nothing is gained.
    NoGainAfterCheck,
    /// Only one person can do it: a pilot also spreads the knowledge.
    SingleOwner,
    /// Many exceptions (percent): drafts will often need rewriting.
    ManyExceptions(f64),
    /// Its inputs are on paper: digitise them first.
    Paper,
    /// The team has not said what information it handles.
    DataUnknown,
    /// It handles personal data: masked, or only in the reviewed tool.
    Personal,
    /// It handles 要配慮個人情報 or マイナンバー: never entered into an AI tool.
    Sensitive,
}

/// Exception rates at or above this (percent) count against a task.
pub const MANY_EXCEPTIONS: f64 = 20.0;

impl Reason {
    /// The reason in words.
    pub fn text(&self, lang: Lang) -> String {
        let t = texts(lang);
        match self {
            Reason::Hours(h) => (t.reason_hours)(&round1(*h)),
            Reason::Kind(kind) => t.reason_kinds[*kind as usize].to_owned(),
            Reason::AfterCheck(h) => (t.reason_after_check)(&round1(*h)),
            Reason::NoGainAfterCheck => t.reason_no_gain.to_owned(),
            Reason::SingleOwner => t.reason_single_owner.to_owned(),
            Reason::ManyExceptions(r) => (t.reason_exceptions)(&round1(*r)),
            Reason::Paper => t.reason_paper.to_owned(),
            Reason::DataUnknown => t.reason_data_unknown.to_owned(),
            Reason::Personal => t.reason_personal.to_owned(),
            Reason::Sensitive => t.reason_sensitive.to_owned(),
        }
    }

    /// Whether the reason speaks for the task.
    pub fn is_for(&self) -> bool {
        match self {
            Reason::Hours(_) | Reason::SingleOwner | Reason::AfterCheck(_) => true,
            Reason::Kind(k) => *k != TaskKind::Transcription,
            Reason::ManyExceptions(_)
            | Reason::Paper
            | Reason::NoGainAfterCheck
            | Reason::DataUnknown
            | Reason::Personal
            | Reason::Sensitive => false,
        }
    }

    /// Whether the reason rules the task out as a first pilot.
    pub fn rules_out(&self) -> bool {
        matches!(self, Reason::NoGainAfterCheck | Reason::Sensitive)
    }
}

/// One decimal place, as people write it.
pub fn round1(n: f64) -> String {
    crate::format_number((n * 10.0).round() / 10.0)
}

/// A task's place in the pilot ranking.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// Index of the task in the slice ranked.
    pub index: usize,
    /// Higher is a better pilot; comparable within one ranking only.
    pub score: f64,
    /// Why, for and against.
    pub reasons: Vec<Reason>,
}

impl Candidate {
    /// Whether something rules the task out as a first pilot (its data may
    /// never go into an AI tool, or checking leaves nothing to gain).
    pub fn ruled_out(&self) -> bool {
        self.reasons.iter().any(Reason::rules_out)
    }
}

/// Personal data lowers a task's score: the pilot first needs masking or the
/// reviewed tool, and every draft a check for what slipped through.
const PERSONAL_DATA_WEIGHT: f64 = 0.6;

/// Tasks ranked as pilot themes, best first: the hours a month left once AI
/// drafts are checked, weighted by how well the kind suits a first pilot,
/// raised for single-owner work, lowered by exceptions, paper inputs and
/// personal data. Tasks ruled out (要配慮個人情報 or マイナンバー, or
/// nothing gained after checking) come last whatever their hours; a task
/// whose data the team has not classified says so. Ties keep the
/// worksheet's order.
pub fn rank(tasks: &[&Task]) -> Vec<Candidate> {
    let mut ranked: Vec<Candidate> = tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let hours = task.hours_per_month();
            let gain = task.hours_after_check();
            let mut score = gain * task.kind.pilot_fit();
            let mut reasons = vec![Reason::Hours(hours), Reason::Kind(task.kind)];
            if task.check_minutes.is_some() {
                reasons.push(if gain > 0.0 { Reason::AfterCheck(gain) } else { Reason::NoGainAfterCheck });
            }
            if task.single_owner() {
                score *= 1.3;
                reasons.push(Reason::SingleOwner);
            }
            if let Some(rate) = task.exception_rate {
                score *= 1.0 - (rate / 100.0).min(0.9);
                if rate >= MANY_EXCEPTIONS {
                    reasons.push(Reason::ManyExceptions(rate));
                }
            }
            let source = task.source.to_lowercase();
            if source.contains('紙') || source.contains("paper") {
                score *= 0.7;
                reasons.push(Reason::Paper);
            }
            match task.data {
                None => reasons.push(Reason::DataUnknown),
                Some(DataClass::Business) => {}
                Some(DataClass::Personal) => {
                    score *= PERSONAL_DATA_WEIGHT;
                    reasons.push(Reason::Personal);
                }
                Some(DataClass::Sensitive) => reasons.push(Reason::Sensitive),
            }
            Candidate { index, score, reasons }
        })
        .collect();
    ranked.sort_by(|a, b| {
        a.ruled_out().cmp(&b.ruled_out()).then(b.score.total_cmp(&a.score)).then(a.index.cmp(&b.index))
    });
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn task(name: &str, kind: TaskKind, per_month: f64, minutes: f64, people: Option<u32>) -> Task {
        Task {
            name: name.into(),
            department: "経理".into(),
            kind,
            per_month,
            minutes,
            people,
            exception_rate: None,
            source: String::new(),
            notes: String::new(),
            data: Some(DataClass::Business),
            check_minutes: None,
        }
    }

    #[test]
    fn hours_and_totals() {
        let a = task("請求書の受付", TaskKind::Transcription, 300.0, 6.0, Some(3));
        let b = task("経費の差し戻し", TaskKind::Judgment, 40.0, 15.0, Some(1));
        let c = task("締め日の案内", TaskKind::Guidance, 90.0, 4.0, None);
        assert_eq!(a.hours_per_month(), 30.0);
        let s = summarize([&a, &b, &c]);
        assert_eq!(s.tasks, 3);
        assert_eq!(s.hours, 46.0);
        assert_eq!(s.by_kind[0], KindTotal { tasks: 1, hours: 10.0 });
        assert_eq!(s.by_kind[1], KindTotal { tasks: 1, hours: 30.0 });
        assert_eq!(s.by_kind[2], KindTotal { tasks: 1, hours: 6.0 });
        assert_eq!(s.single_owner, 1);
        assert_eq!(summarize([]), Summary::default());
    }

    #[test]
    fn ranking_weighs_kind_owner_exceptions_and_paper() {
        let transcription = task("転記", TaskKind::Transcription, 100.0, 12.0, Some(3)); // 20 h × 0.5 = 10
        let guidance = task("案内", TaskKind::Guidance, 60.0, 12.0, Some(3)); // 12 h × 1.0 = 12
        let single = task("判断", TaskKind::Judgment, 50.0, 12.0, Some(1)); // 10 h × 0.8 × 1.3 = 10.4
        let mut exceptions = task("例外", TaskKind::Guidance, 200.0, 6.0, None); // 20 h × 0.5 = 10
        exceptions.exception_rate = Some(50.0);
        let mut paper = task("紙", TaskKind::Guidance, 200.0, 6.0, None); // 20 h × 0.7 = 14
        paper.source = "紙の申請書".into();
        let ranked = rank(&[&transcription, &guidance, &single, &exceptions, &paper]);
        assert_eq!(ranked.iter().map(|c| c.index).collect::<Vec<_>>(), vec![4, 1, 2, 0, 3]);
        assert!(ranked[0].reasons.contains(&Reason::Paper));
        assert!(ranked[2].reasons.contains(&Reason::SingleOwner));
        assert!(ranked[4].reasons.contains(&Reason::ManyExceptions(50.0)));
        assert!(!Reason::Paper.is_for() && Reason::SingleOwner.is_for());
        assert_eq!(Reason::Hours(12.345).text(Lang::Ja), "月 12.3 時間かかっている");
    }

    #[test]
    fn ranking_weighs_the_data_handled_and_what_checking_leaves() {
        // 給与 is the biggest task by hours, but its data may never go into
        // an AI tool: it comes last, with the reason, however many hours.
        let mut pay = task("給与計算の問い合わせ", TaskKind::Guidance, 400.0, 10.0, Some(3));
        pay.data = Some(DataClass::Sensitive);
        let mut address = task("住所変更の案内", TaskKind::Guidance, 100.0, 12.0, Some(3)); // 20 h × 0.6 = 12
        address.data = Some(DataClass::Personal);
        let codes = task("勘定科目の案内", TaskKind::Guidance, 60.0, 12.0, Some(3)); // 12 h
        // Checking each draft takes 8 of its 10 minutes: 200 × 2 / 60 = 6.7 h.
        let mut checked = task("支払条件の確認", TaskKind::Guidance, 200.0, 10.0, Some(3));
        checked.check_minutes = Some(8.0);
        // Checking takes longer than doing it: ruled out.
        let mut slower = task("契約書の読み合わせ", TaskKind::Judgment, 300.0, 5.0, Some(3));
        slower.check_minutes = Some(6.0);
        let mut unknown = task("入社手続の案内", TaskKind::Guidance, 30.0, 10.0, Some(3)); // 5 h
        unknown.data = None;
        let ranked = rank(&[&pay, &address, &codes, &checked, &slower, &unknown]);
        assert_eq!(ranked.iter().map(|c| c.index).collect::<Vec<_>>(), vec![1, 2, 3, 5, 0, 4]);
        assert!(ranked[0].reasons.contains(&Reason::Personal) && !ranked[0].ruled_out());
        assert!(!ranked[1].reasons.iter().any(|r| matches!(r, Reason::Personal | Reason::DataUnknown)));
        assert!(ranked[2].reasons.iter().any(|r| matches!(r, Reason::AfterCheck(h) if (h - 20.0 / 3.0).abs() < 1e-9)));
        assert!(ranked[3].reasons.contains(&Reason::DataUnknown), "an unclassified task is flagged");
        assert!(ranked[4].ruled_out() && ranked[4].reasons.contains(&Reason::Sensitive));
        assert!(ranked[5].ruled_out() && ranked[5].reasons.contains(&Reason::NoGainAfterCheck));
        assert_eq!(slower.hours_after_check(), 0.0);
        assert_eq!(
            Reason::AfterCheck(20.0 / 3.0).text(Lang::Ja),
            "AI の出力を人が確認しても、月 6.7 時間の削減が見込める"
        );
    }

    #[test]
    fn the_data_handled_is_read_as_people_write_it() {
        for (text, class) in [
            ("業務情報", DataClass::Business),
            ("一般", DataClass::Business),
            ("Business data", DataClass::Business),
            ("個人情報", DataClass::Personal),
            ("personal", DataClass::Personal),
            ("要配慮個人情報・マイナンバー", DataClass::Sensitive),
            ("要配慮", DataClass::Sensitive),
            ("マイナンバー", DataClass::Sensitive),
            ("Sensitive personal data / My Number", DataClass::Sensitive),
        ] {
            assert_eq!(DataClass::parse(text), Some(class), "{text}");
        }
        assert_eq!(DataClass::parse("たぶん大丈夫"), None);
        let text = "業務名,種類,月間件数,1件の所要時間（分）,扱う情報,確認の所要時間（分）\n\
                    住所変更,案内,10,5,個人情報,2\n\
                    規程の案内,案内,10,5,,\n";
        let tasks = tasks_from_table(text.as_bytes()).unwrap();
        assert_eq!((tasks[0].data, tasks[0].check_minutes), (Some(DataClass::Personal), Some(2.0)));
        assert_eq!((tasks[1].data, tasks[1].check_minutes), (None, None));
        let csv = tasks_to_csv(&tasks, Lang::Ja);
        assert!(csv.starts_with("\u{feff}業務名,部門,種類,月間件数,1件の所要時間（分）,対応できる人数,例外率(%),入力元,備考,扱う情報,確認の所要時間（分）\r\n"), "{csv}");
        assert_eq!(tasks_from_table(csv.as_bytes()).unwrap(), tasks, "the CSV reads back");
        let err = tasks_from_table("業務名,種類,月間件数,1件の所要時間（分）,扱う情報\na,案内,1,2,秘密\n".as_bytes())
            .unwrap_err();
        assert!(matches!(err.first(), TaskError::Cell { field: Field::Data, column: 5, .. }), "{err:?}");
        let err =
            tasks_from_table("業務名,種類,月間件数,1件の所要時間（分）,確認時間（時間）\n".as_bytes()).unwrap_err();
        assert!(matches!(err.first(), TaskError::HeadingUnit { field: Field::CheckMinutes, .. }), "{err:?}");
    }

    #[test]
    fn ties_keep_the_worksheet_order() {
        let a = task("a", TaskKind::Guidance, 10.0, 6.0, None);
        let b = task("b", TaskKind::Guidance, 10.0, 6.0, None);
        assert_eq!(rank(&[&a, &b]).iter().map(|c| c.index).collect::<Vec<_>>(), vec![0, 1]);
    }

    #[test]
    fn pasted_rows_with_japanese_headings_in_any_order() {
        let tsv = "種類\t業務名\t月間件数\t1件の分数\t対応できる人数\t例外率(%)\t入力元\n\
                   転記\t請求書の入力\t１，２００\t3\t1\t５%\t紙\n\
                   案内\t締め日の案内\t80\t4.5\t\t\tメール\n";
        let tasks = tasks_from_table(tsv.as_bytes()).unwrap();
        assert_eq!(tasks.len(), 2);
        assert_eq!(tasks[0].name, "請求書の入力");
        assert_eq!(tasks[0].kind, TaskKind::Transcription);
        assert_eq!(tasks[0].per_month, 1200.0);
        assert_eq!(tasks[0].people, Some(1));
        assert_eq!(tasks[0].exception_rate, Some(5.0));
        assert_eq!(tasks[1].minutes, 4.5);
        assert_eq!(tasks[1].people, None);
        assert_eq!(tasks[1].source, "メール");
    }

    #[test]
    fn rows_without_headings_use_the_column_order() {
        let tasks = tasks_from_table("住所変更の案内,総務,guidance,30,10,2,,form,\n".as_bytes()).unwrap();
        let with_memo =
            tasks_from_table("業務名,種類,月間件数,1件の分数,メモ\na,案内,1,2,古い見出し\n".as_bytes()).unwrap();
        assert_eq!(with_memo[0].notes, "古い見出し");
        assert_eq!(tasks[0].department, "総務");
        assert_eq!(tasks[0].kind, TaskKind::Guidance);
        assert_eq!(tasks[0].people, Some(2));
    }

    #[test]
    fn csv_round_trip_keeps_every_field() {
        let mut a = task("=SUM(A1)", TaskKind::Judgment, 12.5, 30.0, Some(1));
        a.exception_rate = Some(12.5);
        a.source = "Excel, メール".into();
        a.notes = "一行目\n\"二行目\"".into();
        let b = task("案内", TaskKind::Guidance, 0.0, 0.0, None);
        for lang in [Lang::Ja, Lang::En] {
            let csv = tasks_to_csv([&a, &b], lang);
            assert!(csv.starts_with('\u{feff}'));
            assert_eq!(tasks_from_table(csv.as_bytes()).unwrap(), vec![a.clone(), b.clone()]);
        }
    }

    fn problems(text: &str) -> Vec<TaskError> {
        tasks_from_table(text.as_bytes()).unwrap_err().list().to_vec()
    }

    #[test]
    fn bad_cells_are_named_by_row_and_column_and_nothing_is_returned() {
        let text = "業務名,種類,月間件数,1件の分数\n請求書,転記,10,5\n\n経費,確認,10,5\n";
        let err = tasks_from_table(text.as_bytes()).unwrap_err();
        assert_eq!(err.list(), [TaskError::Cell { row: 4, column: 2, field: Field::Kind, value: "確認".into() }]);
        assert_eq!(
            err.first().message(Lang::Ja),
            "4 行目 2 列目（種類）: 「確認」は種類ではありません。判断・転記・案内のどれかを書いてください。"
        );
        let err = problems("業務名,種類,月間件数,1件の分数\n請求書,転記,たくさん,5\n");
        assert!(err[0].message(Lang::En).starts_with("Row 2, column 3 (Per month): \"たくさん\" is not a number"));
        assert_eq!(
            problems("業務名,種類,月間件数,1件の分数\n請求書,転記,,5\n"),
            [TaskError::Blank { row: 2, column: 3, field: Field::PerMonth }]
        );
        assert_eq!(problems("業務名,種類,月間件数\n請求書,転記,1\n"), [TaskError::MissingColumn(Field::Minutes)]);
        assert_eq!(
            problems("業務名,種類,回数?,1件の分数\n"),
            [
                TaskError::UnknownHeading { column: 3, heading: "回数?".into() },
                TaskError::MissingColumn(Field::PerMonth)
            ]
        );
        assert_eq!(
            problems("業務名,種類,月間件数,1件の分数\n請求書,転記,1,2,extra\n"),
            [TaskError::ExtraCells { row: 2, column: 5 }]
        );
        let err = problems("業務名,種類,月間件数,1件の分数,対応できる人数\na,案内,1,2,0\n");
        assert!(matches!(err[..], [TaskError::Cell { field: Field::People, .. }]));
        let err = problems("業務名,種類,月間件数,1件の分数,例外率(%)\na,案内,1,2,120\n");
        assert!(matches!(err[..], [TaskError::Cell { field: Field::ExceptionRate, .. }]));
        assert_eq!(problems("\n\n"), [TaskError::Empty]);
        assert_eq!(problems("業務名,種類,月間件数,1件の分数\n"), [TaskError::Empty]);
    }

    #[test]
    fn every_problem_of_a_table_is_reported_at_once_in_reading_order() {
        let text = "業務名,種類,月間件数,1件の分数\n\
                    請求書,,たくさん,5\n\
                    経費,転記,10,5\n\
                    ,確認,10,\n";
        let err = tasks_from_table(text.as_bytes()).unwrap_err();
        assert_eq!(
            err.list(),
            [
                TaskError::Blank { row: 2, column: 2, field: Field::Kind },
                TaskError::Cell { row: 2, column: 3, field: Field::PerMonth, value: "たくさん".into() },
                TaskError::Blank { row: 4, column: 1, field: Field::Name },
                TaskError::Cell { row: 4, column: 2, field: Field::Kind, value: "確認".into() },
                TaskError::Blank { row: 4, column: 4, field: Field::Minutes },
            ]
        );
        assert_eq!(
            err.first().message(Lang::Ja),
            "2 行目 2 列目: 種類が空欄です。判断・転記・案内のどれかを書いてください。"
        );
        assert_eq!(err.summary(Lang::Ja), "問題が 5 件あるため、何も取り込んでいません。");
        // A long list is cut, and says how many more there are.
        let many = format!("業務名,種類,月間件数,1件の分数\n{}", "a,x,1,1\n".repeat(MAX_PROBLEMS + 7));
        let err = tasks_from_table(many.as_bytes()).unwrap_err();
        assert_eq!((err.list().len(), err.more()), (MAX_PROBLEMS, 7));
        assert!(err.messages(Lang::Ja).last().unwrap().starts_with("ほかに 7 件の問題があります。"));
    }

    #[test]
    fn headings_as_people_write_them_in_their_own_sheets() {
        // The accountant's own headings (issue 21, item 8), with a No. column.
        let tsv = "No.\t業務\t担当部署\t区分\t件数（月）\t所要時間（分/件）\t担当できる人数\n\
                   1\t請求書の入力\t経理\t転記\t300\t6\t1\n";
        let err = problems(tsv);
        assert_eq!(err, [TaskError::UnknownHeading { column: 1, heading: "No.".into() }], "No. is named, not dropped");
        let tsv = tsv.replace("No.\t", "").replace("1\t請求書", "請求書");
        let tasks = tasks_from_table(tsv.as_bytes()).unwrap();
        assert_eq!(tasks[0].department, "経理");
        assert_eq!(tasks[0].kind, TaskKind::Transcription);
        assert_eq!((tasks[0].per_month, tasks[0].minutes, tasks[0].people), (300.0, 6.0, Some(1)));
        for (heading, field) in [
            ("部門", Field::Department),
            ("分類", Field::Kind),
            ("月間件数", Field::PerMonth),
            ("件数/月", Field::PerMonth),
            ("１件の所要時間（分）", Field::Minutes),
            ("Minutes each", Field::Minutes),
            ("例外率（％）", Field::ExceptionRate),
            ("対応人数", Field::People),
            ("補足", Field::Notes),
        ] {
            assert_eq!(Field::from_heading(heading), Ok(field), "{heading}");
        }
        // A unit the worksheet does not use is refused, not misread.
        assert_eq!(Field::from_heading("件数（年）"), Err(HeadingProblem::Unit(Field::PerMonth)));
        assert_eq!(Field::from_heading("所要時間（時間）"), Err(HeadingProblem::Unit(Field::Minutes)));
        assert_eq!(Field::from_heading("所要時間（分）"), Ok(Field::Minutes));
        let err = problems("業務名,種類,件数（年）,1件の分数\na,案内,1200,5\n");
        assert_eq!(
            err[0].message(Lang::Ja),
            "1 行目 3 列目: 「件数（年）」は単位が違います。件数は 1 か月あたりで書いてください。"
        );
        assert_eq!(err.len(), 1, "the column is reported once, not as missing too");
    }

    #[test]
    fn a_metric_value_may_carry_its_unit_and_full_width_forms() {
        assert_eq!(parse_quantity("12.5%", "%"), Some(12.5));
        assert_eq!(parse_quantity("１２．５％", "%"), Some(12.5));
        assert_eq!(parse_quantity(" 40 時間 ", "時間/月"), Some(40.0));
        assert_eq!(parse_quantity("40時間/月", "時間/月"), Some(40.0));
        assert_eq!(parse_quantity("1,200件", "件/月"), Some(1200.0));
        assert_eq!(parse_quantity("9", "分"), Some(9.0));
        assert_eq!(parse_quantity("9 件", "分"), None, "another unit is not silently dropped");
        assert_eq!(parse_quantity("%", "%"), None);
        assert_eq!(parse_quantity("約10", "件"), None);
    }

    #[test]
    fn checks_what_the_form_can_enter() {
        let mut t = task("a", TaskKind::Guidance, 1.0, 1.0, Some(1));
        assert_eq!(t.check(), Ok(()));
        t.per_month = f64::INFINITY;
        assert_eq!(t.check(), Err(Field::PerMonth));
        t.per_month = 1.0;
        t.name = " ".into();
        assert_eq!(t.check(), Err(Field::Name));
    }

    #[test]
    fn form_fields_are_checked_like_rows() {
        let fields = |v: [&str; 9]| v.map(str::to_owned).to_vec();
        let t = task_from_fields(&fields(["受付", "総務", "案内", "20", "5", "1", "", "紙", ""])).unwrap();
        assert!(t.single_owner());
        let err = task_from_fields(&fields(["受付", "", "案内", "", "5", "", "", "", ""])).unwrap_err();
        assert_eq!(err.form_message(Lang::Ja), "「月間件数」を入力してください。");
        let err = task_from_fields(&fields(["", "", "", "1", "5", "", "", "", ""])).unwrap_err();
        assert_eq!(err.form_message(Lang::Ja), "「業務名」を入力してください。", "the first field first");
        let err = task_from_fields(&fields(["受付", "", "案内", "x", "5", "", "", "", ""])).unwrap_err();
        assert!(err.form_message(Lang::En).starts_with("Per month: \"x\" is not a number"));
    }

    #[test]
    fn numbers_as_people_write_them() {
        assert_eq!(parse_number("１,２００"), Some(1200.0));
        assert_eq!(parse_number(" 4.5 "), Some(4.5));
        assert_eq!(parse_number("1e3"), None);
        assert_eq!(parse_number("NaN"), None);
        assert_eq!(parse_number(""), None);
        assert_eq!(TaskKind::parse(" 案内 "), Some(TaskKind::Guidance));
        assert_eq!(TaskKind::parse("JUDGMENT"), Some(TaskKind::Judgment));
    }
}
