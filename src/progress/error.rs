//! What can go wrong with runs and their files, and how to say it.

use super::{FORMAT, MAX_IMPORT_BYTES, MAX_NAME_CHARS, gate_label};
use crate::diagnostic::Lang;
use crate::inventory;

/// Why a change was refused. Messages are in [`ProgressError::message`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressError {
    /// No run (or only a deleted one) has this id.
    NoSuchRun,
    /// A run name that is empty after trimming.
    EmptyName,
    /// A run name longer than [`MAX_NAME_CHARS`].
    NameTooLong,
    /// "Not applicable" without a reason.
    ReasonRequired,
    /// The playbook does not allow marking this step or item not applicable.
    NaNotAllowed,
    /// The step still has open checklist items: which ones, and whether the
    /// step as a whole may be marked not applicable.
    ItemsOpen {
        /// The open items, in the playbook's order.
        items: Vec<OpenItem>,
        /// The playbook allows marking the whole step not applicable.
        step_na: bool,
    },
    /// The step has no item with this id.
    NoSuchItem,
    /// A run id with characters other than ASCII letters, digits, `-` and `_`.
    InvalidId,
    /// A number that is not finite.
    NotANumber,
    /// A date that is not a real day written `YYYY-MM-DD`.
    InvalidDate,
    /// More entries than the limit allows.
    TooMany(usize),
    /// A text longer than this many characters.
    TooLong(usize),
    /// The approver is not listed on this approval step.
    NotAnApprover,
    /// No task with this id in the worksheet.
    NoSuchTask,
    /// A task with a value in this column that cannot be right.
    InvalidTask(inventory::Field),
    /// The pilot gate cannot be signed: this many metrics have no baseline.
    BaselinesMissing(usize),
    /// The playbook requires no other playbook (or not this one).
    NoPrerequisite,
    /// This browser has no finished run of the required playbook.
    PrerequisiteNotFinished,
    /// This gate (by id) is still closed.
    GateClosed(String),
    /// A send-back without a reason.
    ReturnReasonRequired,
    /// A step to redo that is not before the approval step sending back.
    NotAnEarlierStep,
    /// A comment with nothing in it.
    EmptyComment,
    /// Evidence that is neither an `http(s)` address nor a network path.
    NotEvidence,
    /// A question the playbook does not ask, or an answer it does not offer.
    NotAChoice,
    /// A step or item the team's answers exclude cannot be marked.
    Excluded,
    /// A metric tebiki counts is not typed in.
    Counted,
}

impl ProgressError {
    /// What to tell the person.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProgressError::NoSuchRun, Lang::Ja) => "この取り組みは見つかりません。削除された可能性があります。".into(),
            (ProgressError::NoSuchRun, Lang::En) => "This run no longer exists; it may have been deleted.".into(),
            (ProgressError::EmptyName, Lang::Ja) => "名前を入力してください。".into(),
            (ProgressError::EmptyName, Lang::En) => "Enter a name.".into(),
            (ProgressError::NameTooLong, Lang::Ja) => format!("名前は {MAX_NAME_CHARS} 文字以内にしてください。"),
            (ProgressError::NameTooLong, Lang::En) => format!("Names can be at most {MAX_NAME_CHARS} characters."),
            (ProgressError::ReasonRequired, Lang::Ja) => "対象外にする理由を入力してください。".into(),
            (ProgressError::ReasonRequired, Lang::En) => "Enter why this does not apply.".into(),
            (ProgressError::NaNotAllowed, Lang::Ja) => "このプレイブックでは、これを対象外にできません。".into(),
            (ProgressError::NaNotAllowed, Lang::En) => "This playbook does not allow skipping this.".into(),
            (ProgressError::ItemsOpen { items, step_na }, lang) => items_open_message(items, *step_na, lang),
            (ProgressError::NoSuchItem, Lang::Ja) => "このチェック項目はプレイブックにありません。".into(),
            (ProgressError::NoSuchItem, Lang::En) => "This checklist item is not in the playbook.".into(),
            (ProgressError::InvalidId, Lang::Ja) => {
                "取り組みの id には半角英数字・ハイフン・アンダースコア（_）だけを使えます。".into()
            }
            (ProgressError::InvalidId, Lang::En) => "Run ids may only use ASCII letters, digits, - and _.".into(),
            (ProgressError::NotANumber, Lang::Ja) => "数値を入力してください。".into(),
            (ProgressError::NotANumber, Lang::En) => "Enter a number.".into(),
            (ProgressError::InvalidDate, Lang::Ja) => "日付を YYYY-MM-DD の形で入力してください。".into(),
            (ProgressError::InvalidDate, Lang::En) => "Enter a date as YYYY-MM-DD.".into(),
            (ProgressError::TooMany(n), Lang::Ja) => format!("記録できるのは {n} 件までです。"),
            (ProgressError::TooMany(n), Lang::En) => format!("At most {n} entries can be recorded."),
            (ProgressError::TooLong(n), Lang::Ja) => format!("{n} 文字以内にしてください。"),
            (ProgressError::TooLong(n), Lang::En) => format!("Use at most {n} characters."),
            (ProgressError::NotAnApprover, Lang::Ja) => "この承認者は、このステップで承認する人ではありません。".into(),
            (ProgressError::NotAnApprover, Lang::En) => "This approver does not approve at this step.".into(),
            (ProgressError::NoSuchTask, Lang::Ja) => "この業務は棚卸し表にありません。".into(),
            (ProgressError::NoSuchTask, Lang::En) => "This task is not in the worksheet.".into(),
            (ProgressError::InvalidTask(field), Lang::Ja) => {
                format!("「{}」の値を確かめてください。", field.label(Lang::Ja))
            }
            (ProgressError::InvalidTask(field), Lang::En) => format!("Check the \"{}\" value.", field.label(Lang::En)),
            (ProgressError::BaselinesMissing(n), Lang::Ja) => {
                format!("基準値が未記録の指標が {n} 件あります。すべての基準値を記録してから承認してください。")
            }
            (ProgressError::BaselinesMissing(n), Lang::En) => {
                format!("{n} metric(s) have no baseline yet. Record every baseline before approving.")
            }
            (ProgressError::ReturnReasonRequired, Lang::Ja) => "差し戻しの理由を入力してください。".into(),
            (ProgressError::ReturnReasonRequired, Lang::En) => "Enter why you send it back.".into(),
            (ProgressError::NotAnEarlierStep, Lang::Ja) => {
                "やり直しに選べるのは、この承認ステップより前のステップだけです。".into()
            }
            (ProgressError::NotAnEarlierStep, Lang::En) => "Only steps before this approval can be reopened.".into(),
            (ProgressError::EmptyComment, Lang::Ja) => "コメントを入力してください。".into(),
            (ProgressError::EmptyComment, Lang::En) => "Write a comment first.".into(),
            (ProgressError::NotEvidence, Lang::Ja) => {
                "http:// か https:// で始まるリンク、または \\\\サーバー\\共有 で始まる共有フォルダのパスを入れてください。".into()
            }
            (ProgressError::NotEvidence, Lang::En) => {
                "Enter a link starting with http:// or https://, or a network path starting with \\\\server\\share.".into()
            }
            (ProgressError::NotAChoice, Lang::Ja) => "プレイブックにない質問か回答です。ページを再読み込みしてください。".into(),
            (ProgressError::NotAChoice, Lang::En) => {
                "The playbook has no such question or answer; reload the page.".into()
            }
            (ProgressError::Excluded, Lang::Ja) => {
                "回答により対象外になっているため、記録できません。回答を変えると元に戻ります。".into()
            }
            (ProgressError::Excluded, Lang::En) => {
                "Your answers make this not applicable, so it cannot be marked; change the answer to bring it back.".into()
            }
            (ProgressError::Counted, Lang::Ja) => {
                "この指標は tebiki が数えるため、入力できません。".into()
            }
            (ProgressError::Counted, Lang::En) => "tebiki counts this metric; it cannot be typed in.".into(),
            (ProgressError::NoPrerequisite, Lang::Ja) => {
                "このプレイブックには、先に終えておくプレイブックの指定がありません。".into()
            }
            (ProgressError::NoPrerequisite, Lang::En) => "This playbook requires no other playbook first.".into(),
            (ProgressError::PrerequisiteNotFinished, Lang::Ja) => {
                "このブラウザには、前提のプレイブックを最後まで終えた取り組みがありません。".into()
            }
            (ProgressError::PrerequisiteNotFinished, Lang::En) => {
                "This browser has no finished run of the required playbook.".into()
            }
            (ProgressError::GateClosed(gate), Lang::Ja) => {
                format!(
                    "「{}」の承認条件がまだそろっていません。不足しているものは、承認ステップの欄に表示しています。",
                    gate_label(gate, Lang::Ja)
                )
            }
            (ProgressError::GateClosed(gate), Lang::En) => {
                format!(
                    "The conditions for {} are not yet met; what is missing is listed on the approval step.",
                    gate_label(gate, Lang::En)
                )
            }
        }
    }
}

/// A checklist item still open, as [`ProgressError::ItemsOpen`] names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenItem {
    /// The item's text.
    pub text: String,
    /// The playbook allows marking it not applicable.
    pub na_allowed: bool,
}

/// 「A」「B」 and 「C」, or the first three and how many more.
fn quoted_list(texts: &[&str], lang: Lang) -> String {
    const SHOWN: usize = 3;
    let clip = |t: &str| {
        let mut s: String = t.chars().take(30).collect();
        if t.chars().count() > 30 {
            s.push('…');
        }
        s
    };
    let shown: Vec<String> = texts
        .iter()
        .take(SHOWN)
        .map(|t| if lang == Lang::Ja { format!("「{}」", clip(t)) } else { format!("\"{}\"", clip(t)) })
        .collect();
    let rest = texts.len().saturating_sub(SHOWN);
    match (lang, rest) {
        (Lang::Ja, 0) => shown.concat(),
        (Lang::Ja, n) => format!("{} ほか {n} 件", shown.concat()),
        (Lang::En, 0) => shown.join(", "),
        (Lang::En, n) => format!("{} and {n} more", shown.join(", ")),
    }
}

/// What a step with open items needs: the open items, then only the ways
/// out the playbook really offers (an item or the step not applicable).
fn items_open_message(items: &[OpenItem], step_na: bool, lang: Lang) -> String {
    let all: Vec<&str> = items.iter().map(|i| i.text.as_str()).collect();
    let skippable: Vec<&str> = items.iter().filter(|i| i.na_allowed).map(|i| i.text.as_str()).collect();
    let n = items.len();
    let mut out = match lang {
        Lang::Ja => format!(
            "未完了のチェック項目が {n} 件あります：{}。済んだ項目にチェックを付けてから、完了にしてください。",
            quoted_list(&all, lang)
        ),
        Lang::En => format!(
            "{n} checklist item(s) are still open: {}. Check the ones that are done, then complete the step.",
            quoted_list(&all, lang)
        ),
    };
    if !skippable.is_empty() {
        out.push_str(&match lang {
            Lang::Ja => {
                format!("当てはまらない場合は、{}を理由を添えて対象外にできます。", quoted_list(&skippable, lang))
            }
            Lang::En => format!(
                " If it does not apply, {} can be marked not applicable with a reason.",
                quoted_list(&skippable, lang)
            ),
        });
    }
    if step_na {
        out.push_str(match lang {
            Lang::Ja => "このステップ全体を、理由を添えて対象外にすることもできます。",
            Lang::En => " The whole step can also be marked not applicable with a reason.",
        });
    }
    out
}

/// Why stored data or an import could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge(usize),
    /// Not JSON, or not the expected shape, at `line`:`column` (1-based).
    Syntax {
        /// What the JSON parser said.
        what: String,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
    },
    /// Valid JSON that is not a tebiki export.
    NotAnExport,
    /// Bytes that are not UTF-8 text (tebiki writes UTF-8).
    NotUtf8,
    /// Written by a newer tebiki in this format.
    Newer(u32),
    /// A value that breaks a rule, at a JSON path such as `runs[2].name`.
    Invalid {
        /// Where.
        path: String,
        /// Which rule.
        what: ProgressError,
    },
    /// Two runs with the same id.
    DuplicateRun(String),
}

impl DecodeError {
    /// What to tell the person, naming the place or the limit.
    pub fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            (DecodeError::TooLarge(n), Lang::Ja) => format!(
                "ファイルが大きすぎます（{} バイト）。読み込める上限は {} MB です。",
                n,
                MAX_IMPORT_BYTES / 1024 / 1024
            ),
            (DecodeError::TooLarge(n), Lang::En) => {
                format!("The file is too large ({n} bytes); the limit is {} MB.", MAX_IMPORT_BYTES / 1024 / 1024)
            }
            (DecodeError::NotUtf8, Lang::Ja) => {
                "UTF-8 のテキストではないため読めません（tebiki のファイルは UTF-8 で書かれます）。".to_owned()
            }
            (DecodeError::NotUtf8, Lang::En) => "Not UTF-8 text (tebiki writes its files in UTF-8).".to_owned(),
            (DecodeError::Syntax { what, line, column }, Lang::Ja) => {
                format!("{line} 行 {column} 列：JSON として読めません（{what}）")
            }
            (DecodeError::Syntax { what, line, column }, Lang::En) => {
                format!("line {line}, column {column}: not valid tebiki JSON ({what})")
            }
            (DecodeError::NotAnExport, Lang::Ja) => "tebiki の書き出しファイルではありません。".into(),
            (DecodeError::NotAnExport, Lang::En) => "This is not a tebiki export file.".into(),
            (DecodeError::Newer(v), Lang::Ja) => format!(
                "新しい版の tebiki で保存されたデータです（形式 {v}、この版は {FORMAT} まで）。サイトを更新してから読み込んでください。"
            ),
            (DecodeError::Newer(v), Lang::En) => format!(
                "This was saved by a newer tebiki (format {v}; this build reads up to {FORMAT}). Update the site first."
            ),
            (DecodeError::Invalid { path, what }, lang) => format!("{path}: {}", what.message(lang)),
            (DecodeError::DuplicateRun(id), Lang::Ja) => format!("取り組み {id} が二回含まれています。"),
            (DecodeError::DuplicateRun(id), Lang::En) => format!("Run {id} appears twice."),
        }
    }
}

impl std::fmt::Display for ProgressError {
    /// The Japanese message (the interface's first language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Ja))
    }
}

impl std::error::Error for ProgressError {}

impl std::fmt::Display for DecodeError {
    /// The Japanese message (the interface's first language).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Ja))
    }
}

impl std::error::Error for DecodeError {}
