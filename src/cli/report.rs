//! Printing diagnostics for people (rustc-style, with the source line and a
//! caret) and for tools (JSON).

use std::fmt::Write as _;
use std::io::IsTerminal;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde::Serialize;
use tebiki::{Diagnostic, Lang, Problem, Severity};

use super::files::PlaybookFile;

/// One file's diagnostics with the text they point into.
pub struct FileReport<'a> {
    pub file: &'a PlaybookFile,
    pub diagnostics: Vec<Diagnostic>,
}

impl<'a> FileReport<'a> {
    /// The report for `file`, with the real size in a "too large" message.
    pub fn new(file: &'a PlaybookFile, mut diagnostics: Vec<Diagnostic>) -> Self {
        for d in &mut diagnostics {
            if let Problem::TooLarge { size, .. } = &mut d.problem {
                *size = file.size as usize;
            }
        }
        FileReport { file, diagnostics }
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.file.bytes).into_owned()
    }
}

/// Counts over all files.
#[derive(Default, Serialize)]
pub struct Totals {
    pub files: usize,
    pub errors: usize,
    pub warnings: usize,
}

impl Totals {
    pub fn of(reports: &[FileReport<'_>]) -> Self {
        let all = || reports.iter().flat_map(|r| &r.diagnostics);
        Totals {
            files: reports.len(),
            errors: all().filter(|d| d.severity == Severity::Error).count(),
            warnings: all().filter(|d| d.severity == Severity::Warning).count(),
        }
    }

    pub fn summary(&self, lang: Lang) -> String {
        match lang {
            Lang::Ja => format!(
                "{} 個のファイルを確認しました：エラー {} 件、警告 {} 件",
                self.files, self.errors, self.warnings
            ),
            Lang::En => format!(
                "checked {} file{}: {} error{}, {} warning{}",
                self.files,
                plural(self.files),
                self.errors,
                plural(self.errors),
                self.warnings,
                plural(self.warnings)
            ),
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Every diagnostic of every file, each as a `path:line:col: severity[code]:
/// message` line followed by the source line and a caret.
pub fn human(reports: &[FileReport<'_>], lang: Lang) -> String {
    let renderer = if std::io::stdout().is_terminal() { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    for report in reports {
        let text = report.text();
        let path = report.file.path.display();
        for d in &report.diagnostics {
            let (word, level) = match d.severity {
                Severity::Error => ("error", Level::ERROR),
                Severity::Warning => ("warning", Level::WARNING),
            };
            let _ =
                writeln!(out, "{path}:{}:{}: {word}[{}]: {}", d.at.line, d.at.col, d.problem.code(), d.message(lang));
            let span = d.range.start.min(text.len())..d.range.end.min(text.len());
            let group = Group::with_level(level).element(
                Snippet::source(text.as_str()).line_start(1).fold(true).annotation(AnnotationKind::Primary.span(span)),
            );
            let _ = writeln!(out, "{}\n", renderer.render(&[group]));
        }
    }
    out
}

#[derive(Serialize)]
struct JsonReport<'a> {
    files: Vec<JsonFile<'a>>,
    summary: Totals,
}

#[derive(Serialize)]
struct JsonFile<'a> {
    path: String,
    diagnostics: Vec<JsonDiagnostic<'a>>,
}

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    severity: Severity,
    code: &'static str,
    message: String,
    line: u32,
    column: u32,
    start: usize,
    end: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    detail: Option<&'a Problem>,
}

/// The whole check as one JSON document.
pub fn json(reports: &[FileReport<'_>], lang: Lang) -> String {
    let files = reports
        .iter()
        .map(|r| JsonFile {
            path: r.file.path.display().to_string(),
            diagnostics: r
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic {
                    severity: d.severity,
                    code: d.problem.code(),
                    message: d.message(lang),
                    line: d.at.line,
                    column: d.at.col,
                    start: d.range.start,
                    end: d.range.end,
                    detail: Some(&d.problem),
                })
                .collect(),
        })
        .collect();
    let report = JsonReport { files, summary: Totals::of(reports) };
    serde_json::to_string_pretty(&report).unwrap_or_default()
}
