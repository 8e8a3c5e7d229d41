//! Problems found in a playbook, where they are, and how to say them.
//!
//! A [`Problem`] is data (what is wrong, with the names involved); its text is
//! produced per language by [`Problem::message`], so the CLI and the app can
//! speak Japanese or English from the same diagnostic. [`Problem::code`] is a
//! stable identifier for tools and tests.

use std::fmt::Write as _;
use std::ops::Range;

use serde::Serialize;

use crate::lines::LineCol;

/// The language a message is written in. Japanese comes first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// 日本語
    #[default]
    Ja,
    /// English
    En,
}

impl Lang {
    /// Every language, the default first.
    pub const ALL: [Lang; 2] = [Lang::Ja, Lang::En];

    /// The language's code, as in `<html lang>` and `hreflang`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// The language's name in itself (what a language switch shows).
    pub fn name(self) -> &'static str {
        match self {
            Lang::Ja => "日本語",
            Lang::En => "English",
        }
    }

    /// Where the site's pages in this language are, under its base path:
    /// Japanese at the base itself, English in `en/`.
    pub fn pages(self) -> &'static str {
        match self {
            Lang::Ja => "",
            Lang::En => "en/",
        }
    }

    /// The other language (there are two).
    pub fn other(self) -> Lang {
        match self {
            Lang::Ja => Lang::En,
            Lang::En => Lang::Ja,
        }
    }

    /// The language of a site path (what follows the base), and the rest of
    /// the path: `en/p/x/` is English `p/x/`; anything else is Japanese.
    pub fn of_path(path: &str) -> (Lang, &str) {
        match path.strip_prefix("en") {
            Some(rest) if rest.is_empty() || rest.starts_with('/') => (Lang::En, rest.trim_start_matches('/')),
            _ => (Lang::Ja, path),
        }
    }
}

/// How bad a problem is. A playbook with any error is not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The playbook cannot be used until this is fixed.
    Error,
    /// The playbook works, but something is probably not what the author meant.
    Warning,
}

/// One problem at one place in the input.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// Byte range in the input as it was given (a BOM included).
    pub range: Range<usize>,
    /// Where `range` starts, for people.
    pub at: LineCol,
    /// What is wrong.
    pub problem: Problem,
}

impl Diagnostic {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        self.problem.message(lang)
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// Where in the playbook a key or value belongs, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Context {
    /// The front matter at the top of the file.
    FrontMatter,
    /// One entry of `exceptions`.
    Exception,
    /// One entry of `approvers`.
    Approver,
    /// One entry of `metrics`.
    Metric,
    /// The comment under a phase heading.
    Phase,
    /// The comment under a step heading.
    Step,
    /// The comment in a checklist item.
    Item,
    /// An approval step's `decision`.
    Decision,
    /// One entry of a decision's `go` or `stop`.
    Criterion,
    /// One entry of a decision's `risks`.
    Risk,
    /// One entry of `questions`.
    Question,
    /// One entry of a question's `choices`.
    Choice,
}

impl Context {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Context::FrontMatter, Lang::Ja) => "フロントマター",
            (Context::FrontMatter, Lang::En) => "the front matter",
            (Context::Exception, Lang::Ja) => "exceptions の項目",
            (Context::Exception, Lang::En) => "an exception",
            (Context::Approver, Lang::Ja) => "approvers の項目",
            (Context::Approver, Lang::En) => "an approver",
            (Context::Metric, Lang::Ja) => "metrics の項目",
            (Context::Metric, Lang::En) => "a metric",
            (Context::Phase, Lang::Ja) => "フェーズの指定",
            (Context::Phase, Lang::En) => "a phase comment",
            (Context::Step, Lang::Ja) => "ステップの指定",
            (Context::Step, Lang::En) => "a step comment",
            (Context::Item, Lang::Ja) => "チェック項目の指定",
            (Context::Item, Lang::En) => "a checklist item comment",
            (Context::Decision, Lang::Ja) => "decision（承認の判断材料）",
            (Context::Decision, Lang::En) => "the decision",
            (Context::Criterion, Lang::Ja) => "go・stop の項目",
            (Context::Criterion, Lang::En) => "a go or stop criterion",
            (Context::Risk, Lang::Ja) => "risks の項目",
            (Context::Risk, Lang::En) => "a risk",
            (Context::Question, Lang::Ja) => "questions の項目",
            (Context::Question, Lang::En) => "a question",
            (Context::Choice, Lang::Ja) => "choices の項目",
            (Context::Choice, Lang::En) => "a choice",
        }
    }
}

/// The kind of value a key expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Expected {
    /// A piece of text.
    Text,
    /// A number.
    Number,
    /// A whole number of at least 1.
    PositiveInteger,
    /// `true` or `false`.
    Bool,
    /// A list (`- a` lines or `[a, b]`).
    List,
    /// A mapping (`key: value` lines).
    Mapping,
    /// Text or a list of texts.
    TextOrList,
    /// A number, or a signed change from the start such as `-20%`.
    Target,
    /// A span such as 「10 営業日」.
    Span,
    /// A span of days, weeks or months, of at least 1.
    RepeatSpan,
    /// A whole number from 2 to [`crate::model::MAX_REPEAT`].
    RepeatTimes,
    /// `question=answer` or `question!=answer`, or a list of them.
    Condition,
}

impl Expected {
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expected::Text, Lang::Ja) => "文字列",
            (Expected::Text, Lang::En) => "text",
            (Expected::Number, Lang::Ja) => "数値",
            (Expected::Number, Lang::En) => "a number",
            (Expected::PositiveInteger, Lang::Ja) => "1 以上の整数",
            (Expected::PositiveInteger, Lang::En) => "a whole number of at least 1",
            (Expected::Bool, Lang::Ja) => "true または false",
            (Expected::Bool, Lang::En) => "true or false",
            (Expected::List, Lang::Ja) => "リスト",
            (Expected::List, Lang::En) => "a list",
            (Expected::Mapping, Lang::Ja) => "「キー: 値」の組",
            (Expected::Mapping, Lang::En) => "a mapping of `key: value` lines",
            (Expected::TextOrList, Lang::Ja) => "文字列または文字列のリスト",
            (Expected::TextOrList, Lang::En) => "text or a list of texts",
            (Expected::Target, Lang::Ja) => "数値、または基準値からの変化率（符号付きで -20% や +10% のように）",
            (Expected::Target, Lang::En) => "a number, or a signed change from the baseline such as -20% or +10%",
            (Expected::Span, Lang::Ja) => "「数 単位」の期間（単位は 日・営業日・週・か月。例：10 営業日、2 週）",
            (Expected::Span, Lang::En) => {
                "a span written as a number and a unit (days, weekdays, weeks or months; e.g. 10 weekdays, 2 weeks)"
            }
            (Expected::RepeatSpan, Lang::Ja) => "1 以上の 日・週・か月 の期間（例：1 か月、2 週。営業日は使えません）",
            (Expected::RepeatSpan, Lang::En) => {
                "a span of at least 1 in days, weeks or months (e.g. 1 month, 2 weeks; weekdays cannot repeat)"
            }
            (Expected::RepeatTimes, Lang::Ja) => "2 以上 60 以下の整数（最初の回を含めた回数）",
            (Expected::RepeatTimes, Lang::En) => "a whole number from 2 to 60 (the first time included)",
            (Expected::Condition, Lang::Ja) => {
                "「質問ID=回答ID」または「質問ID!=回答ID」（複数はリスト。例：cloud=yes）"
            }
            (Expected::Condition, Lang::En) => {
                "`question=answer` or `question!=answer` (several as a list, e.g. cloud=yes)"
            }
        }
    }
}

/// Everything that can be wrong with a playbook.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "code", rename_all = "kebab-case")]
#[allow(missing_docs)] // each variant is described by its messages below
pub enum Problem {
    TooLarge { size: usize, limit: usize },
    InvalidUtf8,
    TooManyProblems { limit: usize },
    NoFrontMatter,
    UnclosedFrontMatter,
    YamlSyntax { detail: String },
    YamlFeature { feature: &'static str },
    TooDeep { limit: usize },
    DuplicateKey { key: String },
    NotAMapping { context: Context },
    UnknownKey { key: String, context: Context, suggestion: Option<&'static str> },
    MissingKey { key: &'static str, context: Context },
    WrongType { key: String, expected: Expected },
    EmptyValue { key: String },
    InvalidId { value: String },
    InvalidChoice { key: &'static str, value: String, allowed: &'static [&'static str] },
    InvalidClonedFrom { value: String },
    TopLevelHeading,
    HeadingWithoutComment { level: u8 },
    CommentDoesNotFitHeading { level: u8, found: &'static str },
    UnknownPhase { value: String },
    DuplicatePhase { phase: &'static str },
    PhaseOutOfOrder { phase: &'static str, after: &'static str },
    MissingPhase { phase: &'static str },
    PhaseWithoutSteps { phase: &'static str },
    StepOutsidePhase,
    EmptyTitle,
    DuplicateId { id: String, first: LineCol },
    RenamedFromClash { id: String },
    RenamedTwice { id: String, first: LineCol },
    ItemWithoutId,
    ItemChecked,
    NestedChecklist,
    MixedList,
    ChecklistOutsideStep,
    KeyNotForKind { key: &'static str, kind: &'static str },
    KeyNeedsKey { key: &'static str, needs: &'static str },
    TooFewChoices { question: String },
    UnknownQuestion { id: String },
    UnknownAnswer { question: String, answer: String, allowed: String },
    QuestionNeverUsed { id: String },
    UnknownApprover { id: String },
    ApproverDoesNotSignGate { approver: String, gate: String },
    UnknownMetric { id: String },
    GateWithoutApprovalStep { approver: String, gate: String },
    MetricNeverCaptured { id: String },
    TargetNotAnImprovement { id: String },
    BaselineAndFromPilot { id: String },
    NoBaselineSource { id: String },
    FromPilotBeforePilot { id: String },
    CountedWithStart { id: String },
    CountedInMetricStep { id: String },
    RawHtml,
    UnsafeUrl { url: String },
    DuplicatePlaybookId { id: String, other: String },
    ClonedFromMissing { source: String },
    RequiresItself,
    RequiredPlaybookMissing { id: String },
    FileNameNotId { id: String },
}

impl Problem {
    /// A stable, kebab-case identifier of the kind of problem.
    pub fn code(&self) -> &'static str {
        match self {
            Problem::TooLarge { .. } => "too-large",
            Problem::InvalidUtf8 => "invalid-utf8",
            Problem::TooManyProblems { .. } => "too-many-problems",
            Problem::NoFrontMatter => "no-front-matter",
            Problem::UnclosedFrontMatter => "unclosed-front-matter",
            Problem::YamlSyntax { .. } => "yaml-syntax",
            Problem::YamlFeature { .. } => "yaml-feature",
            Problem::TooDeep { .. } => "too-deep",
            Problem::DuplicateKey { .. } => "duplicate-key",
            Problem::NotAMapping { .. } => "not-a-mapping",
            Problem::UnknownKey { .. } => "unknown-key",
            Problem::MissingKey { .. } => "missing-key",
            Problem::WrongType { .. } => "wrong-type",
            Problem::EmptyValue { .. } => "empty-value",
            Problem::InvalidId { .. } => "invalid-id",
            Problem::InvalidChoice { .. } => "invalid-choice",
            Problem::InvalidClonedFrom { .. } => "invalid-cloned-from",
            Problem::TopLevelHeading => "top-level-heading",
            Problem::HeadingWithoutComment { .. } => "heading-without-comment",
            Problem::CommentDoesNotFitHeading { .. } => "comment-does-not-fit-heading",
            Problem::UnknownPhase { .. } => "unknown-phase",
            Problem::DuplicatePhase { .. } => "duplicate-phase",
            Problem::PhaseOutOfOrder { .. } => "phase-out-of-order",
            Problem::MissingPhase { .. } => "missing-phase",
            Problem::PhaseWithoutSteps { .. } => "phase-without-steps",
            Problem::StepOutsidePhase => "step-outside-phase",
            Problem::EmptyTitle => "empty-title",
            Problem::DuplicateId { .. } => "duplicate-id",
            Problem::RenamedFromClash { .. } => "renamed-from-clash",
            Problem::RenamedTwice { .. } => "renamed-twice",
            Problem::ItemWithoutId => "item-without-id",
            Problem::ItemChecked => "item-checked",
            Problem::NestedChecklist => "nested-checklist",
            Problem::MixedList => "mixed-list",
            Problem::ChecklistOutsideStep => "checklist-outside-step",
            Problem::KeyNotForKind { .. } => "key-not-for-kind",
            Problem::KeyNeedsKey { .. } => "key-needs-key",
            Problem::TooFewChoices { .. } => "too-few-choices",
            Problem::UnknownQuestion { .. } => "unknown-question",
            Problem::UnknownAnswer { .. } => "unknown-answer",
            Problem::QuestionNeverUsed { .. } => "question-never-used",
            Problem::UnknownApprover { .. } => "unknown-approver",
            Problem::ApproverDoesNotSignGate { .. } => "approver-does-not-sign-gate",
            Problem::UnknownMetric { .. } => "unknown-metric",
            Problem::GateWithoutApprovalStep { .. } => "gate-without-approval-step",
            Problem::MetricNeverCaptured { .. } => "metric-never-captured",
            Problem::TargetNotAnImprovement { .. } => "target-not-an-improvement",
            Problem::BaselineAndFromPilot { .. } => "baseline-and-from-pilot",
            Problem::NoBaselineSource { .. } => "no-baseline-source",
            Problem::FromPilotBeforePilot { .. } => "from-pilot-before-pilot",
            Problem::CountedWithStart { .. } => "counted-with-start",
            Problem::CountedInMetricStep { .. } => "counted-in-metric-step",
            Problem::RawHtml => "raw-html",
            Problem::UnsafeUrl { .. } => "unsafe-url",
            Problem::DuplicatePlaybookId { .. } => "duplicate-playbook-id",
            Problem::ClonedFromMissing { .. } => "cloned-from-missing",
            Problem::RequiresItself => "requires-itself",
            Problem::RequiredPlaybookMissing { .. } => "required-playbook-missing",
            Problem::FileNameNotId { .. } => "file-name-not-id",
        }
    }

    /// The severity this kind of problem always has.
    pub fn severity(&self) -> Severity {
        match self {
            Problem::GateWithoutApprovalStep { .. }
            | Problem::MetricNeverCaptured { .. }
            | Problem::TargetNotAnImprovement { .. }
            | Problem::RawHtml
            | Problem::QuestionNeverUsed { .. }
            | Problem::FileNameNotId { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// What is wrong and what to do about it, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let mut m = String::new();
        // `write!` into a String cannot fail.
        let _ = match self {
            Problem::TooLarge { size, limit } => {
                if ja {
                    write!(
                        m,
                        "ファイルが大きすぎます（{size} バイト）。プレイブックは {limit} バイトまでです。複数のプレイブックに分けてください"
                    )
                } else {
                    write!(
                        m,
                        "the file is too large ({size} bytes); a playbook may be at most {limit} bytes, so split it into several playbooks"
                    )
                }
            }
            Problem::InvalidUtf8 => {
                if ja {
                    write!(
                        m,
                        "UTF-8 として読めない文字があります。ファイルを UTF-8 で保存し直してください（Shift_JIS などは使えません）"
                    )
                } else {
                    write!(
                        m,
                        "this is not valid UTF-8; save the file as UTF-8 (Shift_JIS and other encodings are not supported)"
                    )
                }
            }
            Problem::TooManyProblems { limit } => {
                if ja {
                    write!(
                        m,
                        "問題が {limit} 件を超えたため、ここで確認をやめました。上の問題を直してから再度確認してください"
                    )
                } else {
                    write!(m, "more than {limit} problems; checking stopped here. Fix the ones above and check again")
                }
            }
            Problem::NoFrontMatter => {
                if ja {
                    write!(m, "ファイルの先頭にフロントマター（--- で囲んだ id や title など）がありません")
                } else {
                    write!(
                        m,
                        "the file does not start with front matter (id, title and the rest between two `---` lines)"
                    )
                }
            }
            Problem::UnclosedFrontMatter => {
                if ja {
                    write!(m, "フロントマターが閉じられていません。最後に --- だけの行を入れてください")
                } else {
                    write!(m, "the front matter is not closed; end it with a line that is only `---`")
                }
            }
            Problem::YamlSyntax { detail } => {
                if ja {
                    write!(
                        m,
                        "YAML の書き方に誤りがあります（{detail}）。字下げ（スペース）と「キー: 値」の形を確認してください"
                    )
                } else {
                    write!(m, "YAML syntax error ({detail}); check the indentation (spaces) and the `key: value` form")
                }
            }
            Problem::YamlFeature { feature } => {
                if ja {
                    write!(m, "YAML の{}は使えません。値をそのまま書いてください", yaml_feature_ja(feature))
                } else {
                    write!(m, "YAML {feature} are not supported; write the value out in full")
                }
            }
            Problem::TooDeep { limit } => {
                if ja {
                    write!(m, "入れ子が深すぎます（{limit} 段まで）")
                } else {
                    write!(m, "nested too deeply (at most {limit} levels)")
                }
            }
            Problem::DuplicateKey { key } => {
                if ja {
                    write!(m, "キー `{key}` が二回書かれています。一つにまとめてください")
                } else {
                    write!(m, "the key `{key}` appears twice; keep one")
                }
            }
            Problem::NotAMapping { context } => {
                if ja {
                    write!(m, "{}は「キー: 値」の形で書いてください", context.name(lang))
                } else {
                    write!(m, "{} must be written as `key: value` lines", capitalise(context.name(lang)))
                }
            }
            Problem::UnknownKey { key, context, suggestion } => {
                let r = if ja {
                    write!(m, "{}に不明なキー `{key}` があります", context.name(lang))
                } else {
                    write!(m, "unknown key `{key}` in {}", context.name(lang))
                };
                match (suggestion, ja) {
                    (Some(s), true) => write!(m, "。`{s}` のことですか"),
                    (Some(s), false) => write!(m, "; did you mean `{s}`?"),
                    (None, _) => r,
                }
            }
            Problem::MissingKey { key, context } => {
                if ja {
                    write!(m, "{}に必須のキー `{key}` がありません", context.name(lang))
                } else {
                    write!(m, "{} is missing the required key `{key}`", capitalise(context.name(lang)))
                }
            }
            Problem::WrongType { key, expected } => {
                if ja {
                    write!(m, "`{key}` には{}を書いてください", expected.name(lang))
                } else {
                    write!(m, "`{key}` must be {}", expected.name(lang))
                }
            }
            Problem::EmptyValue { key } => {
                if ja {
                    write!(m, "`{key}` が空です。内容を書いてください")
                } else {
                    write!(m, "`{key}` is empty; give it a value")
                }
            }
            Problem::InvalidId { value } => {
                if ja {
                    write!(
                        m,
                        "id `{value}` は使えません。半角の英小文字・数字・ハイフンで、英小文字か数字から始まる 64 文字以内にしてください（例: hr-inquiry）"
                    )
                } else {
                    write!(
                        m,
                        "`{value}` is not a valid id: use lowercase ASCII letters, digits and hyphens, starting with a letter or digit, at most 64 characters (e.g. hr-inquiry)"
                    )
                }
            }
            Problem::InvalidChoice { key, value, allowed } => {
                if ja {
                    write!(m, "`{key}` に `{value}` は使えません。{} のいずれかにしてください", allowed.join(" / "))
                } else {
                    write!(m, "`{value}` is not a valid `{key}`; use one of {}", allowed.join(", "))
                }
            }
            Problem::InvalidClonedFrom { value } => {
                if ja {
                    write!(m, "cloned_from `{value}` は「元のid@版」の形で書いてください（例: hr-inquiry@3）")
                } else {
                    write!(m, "cloned_from `{value}` must be written as source-id@version (e.g. hr-inquiry@3)")
                }
            }
            Problem::TopLevelHeading => {
                if ja {
                    write!(
                        m,
                        "本文に見出し1（# ）は使えません。タイトルはフロントマターの title に書き、フェーズは ## 、ステップは ### で書いてください"
                    )
                } else {
                    write!(
                        m,
                        "level-1 headings (`# `) are not allowed in the body: the title goes in the front matter, phases are `##` and steps are `###`"
                    )
                }
            }
            Problem::HeadingWithoutComment { level } => {
                if *level == 2 {
                    if ja {
                        write!(m, "フェーズの見出し（##）の次の行に <!-- phase: inventory --> のような指定がありません")
                    } else {
                        write!(
                            m,
                            "a phase heading (`##`) must be followed by a comment such as <!-- phase: inventory -->"
                        )
                    }
                } else if ja {
                    write!(m, "ステップの見出し（###）の次の行に <!-- step: ステップのid --> の指定がありません")
                } else {
                    write!(m, "a step heading (`###`) must be followed by a comment such as <!-- step: the-step-id -->")
                }
            }
            Problem::CommentDoesNotFitHeading { level, found } => {
                if ja {
                    write!(
                        m,
                        "見出し{level}の下に `{found}` の指定があります。フェーズは ## の下に phase:、ステップは ### の下に step: を書いてください"
                    )
                } else {
                    write!(
                        m,
                        "a `{found}` comment under a level-{level} heading: phases are `##` with `phase:`, steps are `###` with `step:`"
                    )
                }
            }
            Problem::UnknownPhase { value } => {
                if ja {
                    write!(
                        m,
                        "フェーズ `{value}` はありません。inventory（棚卸し）/ pilot（パイロット）/ rollout（横展開）のいずれかです"
                    )
                } else {
                    write!(m, "there is no phase `{value}`; the phases are inventory, pilot and rollout")
                }
            }
            Problem::DuplicatePhase { phase } => {
                if ja {
                    write!(m, "フェーズ {phase} が二回あります。一つのフェーズにまとめてください")
                } else {
                    write!(m, "the phase {phase} appears twice; merge them into one")
                }
            }
            Problem::PhaseOutOfOrder { phase, after } => {
                if ja {
                    write!(m, "フェーズ {phase} が {after} の後にあります。順番は inventory → pilot → rollout です")
                } else {
                    write!(m, "the phase {phase} comes after {after}; the order is inventory, pilot, rollout")
                }
            }
            Problem::MissingPhase { phase } => {
                if ja {
                    write!(m, "フェーズ {phase} がありません。inventory・pilot・rollout の三つが必要です")
                } else {
                    write!(m, "the phase {phase} is missing; a playbook needs inventory, pilot and rollout")
                }
            }
            Problem::PhaseWithoutSteps { phase } => {
                if ja {
                    write!(m, "フェーズ {phase} にステップ（###）が一つもありません")
                } else {
                    write!(m, "the phase {phase} has no steps (`###` headings)")
                }
            }
            Problem::StepOutsidePhase => {
                if ja {
                    write!(m, "このステップはどのフェーズにも属していません。前に ## のフェーズ見出しを置いてください")
                } else {
                    write!(m, "this step is not inside a phase; put a `##` phase heading before it")
                }
            }
            Problem::EmptyTitle => {
                if ja {
                    write!(m, "見出しの文字がありません")
                } else {
                    write!(m, "the heading has no text")
                }
            }
            Problem::DuplicateId { id, first } => {
                if ja {
                    write!(
                        m,
                        "id `{id}` は {}行目ですでに使われています。ファイルの中で重ならない id にしてください",
                        first.line
                    )
                } else {
                    write!(m, "the id `{id}` is already used on line {}; ids must be unique in the file", first.line)
                }
            }
            Problem::RenamedFromClash { id } => {
                if ja {
                    write!(
                        m,
                        "renamed_from の `{id}` は今も別のステップか項目の id です。進捗の引き継ぎ先が二つになるため使えません"
                    )
                } else {
                    write!(
                        m,
                        "renamed_from names `{id}`, which is still the id of another step or item; progress could not be carried over unambiguously"
                    )
                }
            }
            Problem::RenamedTwice { id, first } => {
                if ja {
                    write!(
                        m,
                        "`{id}` は {}行目の renamed_from にも書かれています。元の id の進捗を引き継げるのは一つのステップか項目だけです",
                        first.line
                    )
                } else {
                    write!(
                        m,
                        "`{id}` is already listed in renamed_from on line {}; an old id can carry its progress over to one step or item only",
                        first.line
                    )
                }
            }
            Problem::ItemWithoutId => {
                if ja {
                    write!(m, "チェック項目に id がありません。行末に <!-- item: 項目のid --> を付けてください")
                } else {
                    write!(m, "this checklist item has no id; end the line with <!-- item: the-item-id -->")
                }
            }
            Problem::ItemChecked => {
                if ja {
                    write!(
                        m,
                        "プレイブックのチェック項目は [ ] で書いてください。チェックの状態は各チームの進捗として保存されます"
                    )
                } else {
                    write!(
                        m,
                        "write checklist items as `[ ]`: whether an item is done is kept in each team's progress, not in the playbook"
                    )
                }
            }
            Problem::NestedChecklist => {
                if ja {
                    write!(m, "チェック項目を入れ子にはできません。字下げをやめて同じ階層に並べてください")
                } else {
                    write!(m, "checklist items cannot be nested; put them at the top level of the list")
                }
            }
            Problem::MixedList => {
                if ja {
                    write!(
                        m,
                        "このリストにはチェック項目（- [ ]）と普通の項目が混ざっています。別々のリストに分けてください"
                    )
                } else {
                    write!(m, "this list mixes checklist items (`- [ ]`) and plain items; split it into two lists")
                }
            }
            Problem::ChecklistOutsideStep => {
                if ja {
                    write!(m, "チェック項目はステップ（###）の中にだけ書けます")
                } else {
                    write!(m, "checklist items can only appear inside a step (`###`)")
                }
            }
            Problem::KeyNotForKind { key, kind } => {
                if ja {
                    write!(m, "`{key}` は kind: {kind} のステップでは使えません")
                } else {
                    write!(m, "`{key}` does not apply to a step of kind {kind}")
                }
            }
            Problem::KeyNeedsKey { key, needs } => {
                if ja {
                    write!(m, "`{key}` は `{needs}` と一緒に書きます。`{needs}` を加えるか、`{key}` を消してください")
                } else {
                    write!(m, "`{key}` only applies together with `{needs}`; add `{needs}` or remove `{key}`")
                }
            }
            Problem::TooFewChoices { question } => {
                if ja {
                    write!(
                        m,
                        "質問 `{question}` の choices は 2 つ以上書きます。はい・いいえで答える質問なら choices を消してください"
                    )
                } else {
                    write!(
                        m,
                        "the question `{question}` needs at least two choices; remove `choices` for a yes/no question"
                    )
                }
            }
            Problem::UnknownQuestion { id } => {
                if ja {
                    write!(m, "質問 `{id}` はフロントマターの questions にありません")
                } else {
                    write!(m, "the question `{id}` is not listed under questions in the front matter")
                }
            }
            Problem::UnknownAnswer { question, answer, allowed } => {
                if ja {
                    write!(m, "`{answer}` は質問 `{question}` の回答にありません（選べる回答：{allowed}）")
                } else {
                    write!(m, "`{answer}` is not an answer of the question `{question}` (answers: {allowed})")
                }
            }
            Problem::QuestionNeverUsed { id } => {
                if ja {
                    write!(
                        m,
                        "質問 `{id}` はどのステップ・チェック項目の when にも使われていません。使わないなら消してください"
                    )
                } else {
                    write!(
                        m,
                        "no step or checklist item's `when` uses the question `{id}`; remove it if it is not needed"
                    )
                }
            }
            Problem::UnknownApprover { id } => {
                if ja {
                    write!(m, "承認者 `{id}` はフロントマターの approvers にありません")
                } else {
                    write!(m, "the approver `{id}` is not listed under approvers in the front matter")
                }
            }
            Problem::ApproverDoesNotSignGate { approver, gate } => {
                if ja {
                    write!(
                        m,
                        "承認者 `{approver}` の gates に `{gate}` がありません。approvers の gates に加えるか、承認者を見直してください"
                    )
                } else {
                    write!(
                        m,
                        "the approver `{approver}` does not sign the gate `{gate}`; add it to their gates or name another approver"
                    )
                }
            }
            Problem::UnknownMetric { id } => {
                if ja {
                    write!(m, "指標 `{id}` はフロントマターの metrics にありません")
                } else {
                    write!(m, "the metric `{id}` is not defined under metrics in the front matter")
                }
            }
            Problem::GateWithoutApprovalStep { approver, gate } => {
                if ja {
                    write!(
                        m,
                        "承認者 `{approver}` は段階 `{gate}` で承認することになっていますが、その段階の承認ステップ（kind: approval）がありません"
                    )
                } else {
                    write!(
                        m,
                        "the approver `{approver}` approves at the gate `{gate}`, but no approval step has that gate"
                    )
                }
            }
            Problem::MetricNeverCaptured { id } => {
                if ja {
                    write!(m, "指標 `{id}` を記録するステップ（kind: metric）がありません")
                } else {
                    write!(m, "no step (kind: metric) records the metric `{id}`")
                }
            }
            Problem::TargetNotAnImprovement { id } => {
                if ja {
                    write!(
                        m,
                        "指標 `{id}` の target が baseline より改善になっていません（direction を確認してください）"
                    )
                } else {
                    write!(m, "the target of `{id}` is not an improvement on its baseline; check its direction")
                }
            }
            Problem::BaselineAndFromPilot { id } => {
                if ja {
                    write!(
                        m,
                        "指標 `{id}` に baseline と from_pilot の両方があります。パイロット前の値があるなら from_pilot を消し、パイロットから計測するなら baseline を消してください"
                    )
                } else {
                    write!(
                        m,
                        "the metric `{id}` has both a baseline and from_pilot; remove from_pilot if the value before the pilot is known, or the baseline if it can only be measured from the pilot"
                    )
                }
            }
            Problem::NoBaselineSource { id } => {
                if ja {
                    write!(
                        m,
                        "指標 `{id}` の基準値を記録する場所がありません。棚卸しフェーズの記録ステップ（kind: metric）に加えるか、分かっている値を baseline に書くか、パイロットまで測れない指標なら from_pilot にその理由を書いてください"
                    )
                } else {
                    write!(
                        m,
                        "nothing gives the metric `{id}` a baseline: record it in a metric step of the inventory phase, state a known value as baseline, or, if it cannot be measured before the pilot, say why in from_pilot"
                    )
                }
            }
            Problem::FromPilotBeforePilot { id } => {
                if ja {
                    write!(
                        m,
                        "指標 `{id}` はパイロットから計測する指標（from_pilot）なので、棚卸しでは記録できません。このステップから外し、パイロットの記録ステップで記録してください"
                    )
                } else {
                    write!(
                        m,
                        "the metric `{id}` is measured from the pilot (from_pilot), so the inventory has nothing to record; remove it from this step and record it in a pilot step"
                    )
                }
            }
            Problem::CountedWithStart { id } => {
                if ja {
                    write!(
                        m,
                        "指標 `{id}` は tebiki が数える指標（counts）なので 0 から始まります。baseline と from_pilot を消してください"
                    )
                } else {
                    write!(
                        m,
                        "the metric `{id}` is counted by tebiki (counts), so it starts at 0; remove baseline and from_pilot"
                    )
                }
            }
            Problem::CountedInMetricStep { id } => {
                if ja {
                    write!(
                        m,
                        "指標 `{id}` は tebiki が数える指標（counts）なので、記録ステップで入力するものではありません。このステップの metrics から外してください"
                    )
                } else {
                    write!(
                        m,
                        "the metric `{id}` is counted by tebiki (counts), not typed in a metric step; remove it from this step's metrics"
                    )
                }
            }
            Problem::RawHtml => {
                if ja {
                    write!(m, "HTML は表示されず、文字としてそのまま出ます。Markdown で書いてください")
                } else {
                    write!(m, "HTML is not rendered; it is shown as plain text. Use Markdown instead")
                }
            }
            Problem::UnsafeUrl { url } => {
                if ja {
                    write!(m, "リンク先 `{url}` は使えません。http・https・mailto か相対パスだけが使えます")
                } else {
                    write!(m, "the link target `{url}` is not allowed; only http, https, mailto and relative URLs are")
                }
            }
            Problem::DuplicatePlaybookId { id, other } => {
                if ja {
                    write!(
                        m,
                        "プレイブックの id `{id}` は {other} でも使われています。id はライブラリ全体で重ならないようにしてください"
                    )
                } else {
                    write!(m, "the playbook id `{id}` is also used by {other}; ids must be unique across the library")
                }
            }
            Problem::ClonedFromMissing { source } => {
                if ja {
                    write!(m, "複製元 `{source}` のプレイブックがライブラリにありません")
                } else {
                    write!(m, "cloned_from names `{source}`, but there is no such playbook in the library")
                }
            }
            Problem::RequiresItself => {
                if ja {
                    write!(
                        m,
                        "requires に自分自身の id が書かれています。パイロットの前に終えておく別のプレイブックの id を書いてください"
                    )
                } else {
                    write!(
                        m,
                        "`requires` names this playbook itself; name another playbook to be finished before the pilot"
                    )
                }
            }
            Problem::RequiredPlaybookMissing { id } => {
                if ja {
                    write!(m, "requires に書かれたプレイブック `{id}` がライブラリにありません")
                } else {
                    write!(m, "`requires` names `{id}`, but there is no such playbook in the library")
                }
            }
            Problem::FileNameNotId { id } => {
                if ja {
                    write!(m, "ファイル名が id と違います。`{id}.md` という名前にしてください")
                } else {
                    write!(m, "the file name differs from the id; name the file `{id}.md`")
                }
            }
        };
        m
    }
}

fn yaml_feature_ja(feature: &str) -> &'static str {
    match feature {
        "anchors" => "アンカー（&）",
        "aliases" => "エイリアス（*）",
        "tags" => "タグ（!）",
        _ => "複数ドキュメント（---）",
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Problems as they are collected while parsing: absolute byte ranges, turned
/// into [`Diagnostic`]s (with line and column) once at the end.
pub(crate) type Problems = Vec<(Range<usize>, Problem)>;

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn a_path_names_its_language() {
        assert_eq!(Lang::of_path(""), (Lang::Ja, ""));
        assert_eq!(Lang::of_path("p/x/"), (Lang::Ja, "p/x/"));
        assert_eq!(Lang::of_path("en/"), (Lang::En, ""));
        assert_eq!(Lang::of_path("en"), (Lang::En, ""));
        assert_eq!(Lang::of_path("en/p/x/"), (Lang::En, "p/x/"));
        assert_eq!(Lang::of_path("english/"), (Lang::Ja, "english/"), "only the whole segment");
        assert_eq!(Lang::of_path("p/en/"), (Lang::Ja, "p/en/"));
        for lang in Lang::ALL {
            assert_eq!(Lang::of_path(&format!("{}p/x/", lang.pages())), (lang, "p/x/"));
            assert_eq!(lang.other().other(), lang);
        }
    }
}
