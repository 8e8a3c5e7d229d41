//! Fixture suites: every file in `fixtures/valid` parses with no diagnostic,
//! and every file in `fixtures/invalid` produces exactly the diagnostics in
//! its snapshot (`snapshots/`), each with its line and column.
//!
//! To add a case, drop a file into one of the folders and run
//! `INSTA_UPDATE=always cargo test --test fixtures`, then read the new
//! snapshot line by line against the fixture before committing it.

use std::fmt::Write as _;
use std::path::Path;

use tebiki::{Diagnostic, Lang, Severity, parse_bytes};

/// Diagnostics the way the CLI prints their first line, one per line.
fn report(name: &str, diagnostics: &[Diagnostic], lang: Lang) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let _ =
            writeln!(out, "{name}:{}:{}: {severity}[{}]: {}", d.at.line, d.at.col, d.problem.code(), d.message(lang));
    }
    out
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn valid_fixtures_have_no_diagnostics() {
    insta::glob!("fixtures/valid/*.md", |path| {
        let (playbook, diagnostics) = parse_bytes(&std::fs::read(path).unwrap());
        assert_eq!(report(&name_of(path), &diagnostics, Lang::En), "");
        let playbook = playbook.expect("a valid fixture gives a playbook");
        insta::assert_json_snapshot!(playbook);
    });
}

#[test]
fn invalid_fixtures_report_every_problem_where_it_is() {
    insta::glob!("fixtures/invalid/*.md", |path| {
        let (playbook, diagnostics) = parse_bytes(&std::fs::read(path).unwrap());
        assert!(playbook.is_none(), "an invalid fixture gives no playbook");
        assert!(diagnostics.iter().any(Diagnostic::is_error));
        insta::assert_snapshot!(report(&name_of(path), &diagnostics, Lang::En));
    });
}

#[test]
fn messages_are_in_japanese_too() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid/references.md");
    let (_, diagnostics) = parse_bytes(&std::fs::read(&path).unwrap());
    insta::assert_snapshot!(report("references.md", &diagnostics, Lang::Ja));
}
