//! One vocabulary: the words docs/glossary.md retires appear in no interface
//! text, no core message and no playbook.
//!
//! The glossary's table is the source: its last column lists the retired
//! words. A word written with a qualifier in brackets (「目標（値の意味で使う
//! とき）」, 「やめる（ボタン）」) is retired only in that use, and a test below
//! checks that use; every other word is refused everywhere.

use std::fs;
use std::path::{Path, PathBuf};

use tebiki::Lang;
use tebiki::text::texts;

/// The retired words of the glossary: (everywhere, only in one use).
fn retired() -> (Vec<String>, Vec<String>) {
    let glossary = fs::read_to_string("docs/glossary.md").expect("docs/glossary.md");
    let mut everywhere = Vec::new();
    let mut in_one_use = Vec::new();
    for line in glossary.lines().filter(|l| l.starts_with('|') && !l.starts_with("|---")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        let Some(last) = cells.last().filter(|_| cells.len() == 4) else { continue };
        if last.contains("retired") {
            continue;
        }
        for word in last.split(['、', '／']).map(str::trim).filter(|w| !w.is_empty()) {
            if word.contains('（') { in_one_use.push(word.to_owned()) } else { everywhere.push(squeeze(word)) }
        }
    }
    assert!(everywhere.len() >= 10, "the glossary's retired column was not found: {everywhere:?}");
    (everywhere, in_one_use)
}

/// Without spaces, so 「AI 下書き回答」 also finds 「AI下書き回答」.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(dir)];
    while let Some(d) = stack.pop() {
        for entry in fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The string literals of Rust source (plain and raw, over several lines
/// too), outside comments and the test module, each with the line it starts
/// on. Lines marked `retired word, read` hold words kept only so that old
/// files can still be read (an import alias).
fn literals(path: &Path) -> Vec<(usize, String)> {
    let source = fs::read_to_string(path).unwrap();
    let code = source.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
    let code: String =
        code.lines().map(|l| if l.contains("retired word, read") { "" } else { l }).collect::<Vec<_>>().join("\n");
    let chars: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let (mut i, mut line) = (0, 1);
    let at = |i: usize, s: &str| s.chars().enumerate().all(|(k, c)| chars.get(i + k) == Some(&c));
    while i < chars.len() {
        match chars[i] {
            '\n' => line += 1,
            '/' if at(i, "//") => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            // A char literal holding a quote: '"' or '\"'.
            '\'' if at(i, "'\"'") || at(i, "'\\\"'") => {
                i += if chars[i + 1] == '\\' { 4 } else { 3 };
                continue;
            }
            'r' if (at(i, "r\"") || at(i, "r#")) && (i == 0 || !chars[i - 1].is_alphanumeric()) => {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                if chars.get(i + 1 + hashes) == Some(&'"') {
                    let close: String = std::iter::once('"').chain(std::iter::repeat_n('#', hashes)).collect();
                    let (start, mut j) = (line, i + 2 + hashes);
                    let mut text = String::new();
                    while j < chars.len() && !at(j, &close) {
                        line += usize::from(chars[j] == '\n');
                        text.push(chars[j]);
                        j += 1;
                    }
                    out.push((start, text));
                    i = j + close.chars().count();
                    continue;
                }
            }
            '"' => {
                let (start, mut j) = (line, i + 1);
                let mut text = String::new();
                while j < chars.len() && chars[j] != '"' {
                    if chars[j] == '\\' {
                        j += 1;
                        // A `\` line end continues the literal after the
                        // next line's indentation.
                        if chars.get(j) == Some(&'\n') {
                            line += 1;
                            while chars.get(j + 1).is_some_and(|c| c.is_whitespace()) {
                                line += usize::from(chars[j + 1] == '\n');
                                j += 1;
                            }
                        }
                    } else {
                        line += usize::from(chars[j] == '\n');
                        text.push(chars[j]);
                    }
                    j += 1;
                }
                out.push((start, text));
                i = j + 1;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

#[test]
fn no_interface_text_core_message_or_playbook_uses_a_retired_word() {
    let (everywhere, _) = retired();
    let mut found = Vec::new();
    for dir in ["src", "app/src"] {
        for path in files(dir, "rs") {
            for (line, literal) in literals(&path) {
                let text = squeeze(&literal);
                for word in everywhere.iter().filter(|w| text.contains(w.as_str())) {
                    found.push(format!("{}:{line}: 「{word}」 in \"{literal}\"", path.display()));
                }
            }
        }
    }
    for path in files("playbooks", "md") {
        let source = fs::read_to_string(&path).unwrap();
        for (n, line) in source.lines().enumerate() {
            let text = squeeze(line);
            for word in everywhere.iter().filter(|w| text.contains(w.as_str())) {
                found.push(format!("{}:{}: 「{word}」", path.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "retired words (see docs/glossary.md):\n{}", found.join("\n"));
}

#[test]
fn words_retired_in_one_use_are_checked_in_that_use() {
    let (_, in_one_use) = retired();
    let ja = texts(Lang::Ja);
    for word in &in_one_use {
        match word.as_str() {
            "目標（値の意味で使うとき）" => {
                assert_eq!(ja.target, "目標値");
                assert!((ja.playbook_target)("5").contains("目標値"));
                assert!((ja.chart_label)("a", "1", "2", "3").contains("目標値 2"));
            }
            "やめる（ボタン）" => assert_eq!(ja.cancel, "キャンセル"),
            "確認した（ボタン）" => {
                assert_eq!(ja.drift_accept, "確認済みにする");
                assert!((ja.drift_accept_one)("x").ends_with("確認済みにする"));
                assert_eq!((ja.drift_accept_all)(2, 2), "すべて確認済みにする");
            }
            "経理でのファクトチェック" => {
                for path in files("playbooks", "md") {
                    let source = fs::read_to_string(&path).unwrap();
                    if let Some(playbook) = tebiki::parse(&source).0.filter(|p| p.meta.department == "経理") {
                        assert!(
                            !source.contains("ファクトチェック"),
                            "{}: 経理 says 突合・照合 ({})",
                            path.display(),
                            playbook.meta.id
                        );
                    }
                }
            }
            other => panic!("the glossary retires 「{other}」 in one use, and no test checks that use: add one here"),
        }
    }
}
