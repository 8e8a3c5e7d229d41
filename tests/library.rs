//! Every playbook shipped in `playbooks/` parses with no diagnostic at all,
//! and the library as a whole is consistent.

use std::collections::BTreeSet;
use std::path::PathBuf;

use tebiki::{Lang, Playbook, StepKind, parse};

fn library() -> Vec<(PathBuf, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("playbooks/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    files.into_iter().map(|p| (p.clone(), std::fs::read_to_string(&p).expect("readable playbook"))).collect()
}

fn parsed() -> Vec<(PathBuf, Playbook)> {
    library()
        .into_iter()
        .map(|(path, text)| {
            let (playbook, diagnostics) = parse(&text);
            let report: Vec<String> = diagnostics
                .iter()
                .map(|d| format!("{}:{}:{}: {}", path.display(), d.at.line, d.at.col, d.message(Lang::En)))
                .collect();
            assert!(report.is_empty(), "{}", report.join("\n"));
            (path, playbook.expect("no diagnostics means a playbook"))
        })
        .collect()
}

#[test]
fn every_playbook_parses_without_any_diagnostic() {
    let playbooks = parsed();
    assert!(playbooks.len() >= 5, "the playbooks and the template");
}

#[test]
fn playbook_ids_are_unique_and_match_file_names() {
    let mut ids = BTreeSet::new();
    for (path, playbook) in parsed() {
        let stem = path.file_stem().unwrap().to_str().unwrap();
        if stem != "_template" {
            assert_eq!(stem, playbook.meta.id, "file name and id differ");
        }
        assert!(ids.insert(playbook.meta.id.clone()), "duplicate id {}", playbook.meta.id);
    }
}

#[test]
fn the_library_covers_every_department_of_the_catalog_order() {
    let departments: BTreeSet<String> =
        parsed().into_iter().filter(|(p, _)| !p.ends_with("_template.md")).map(|(_, pb)| pb.meta.department).collect();
    for d in ["全社", "人事", "経理", "総務", "法務", "情報システム"] {
        assert!(departments.contains(d), "no playbook for {d}");
    }
}

#[test]
fn every_real_playbook_has_the_parts_a_rollout_needs() {
    for (path, playbook) in parsed().into_iter().filter(|(p, _)| !p.ends_with("_template.md")) {
        let name = path.display();
        let c = &playbook.conditions;
        assert!(!c.exceptions.is_empty(), "{name}: exceptions");
        assert!(c.metrics.len() >= 3, "{name}: metrics beyond time saved");
        assert!(c.metrics.iter().any(|m| !m.unit.contains("時間")), "{name}: a metric other than hours");
        let kinds: Vec<&StepKind> = playbook.steps().map(|s| &s.kind).collect();
        assert!(kinds.iter().any(|k| matches!(k, StepKind::Inventory)), "{name}: an inventory worksheet");
        assert!(kinds.iter().any(|k| matches!(k, StepKind::Metric { .. })), "{name}: a metric step");
        let gates: BTreeSet<&str> = kinds
            .iter()
            .filter_map(|k| match k {
                StepKind::Approval { gate, .. } => Some(gate.as_str()),
                _ => None,
            })
            .collect();
        assert!(gates.contains("pilot-start") && gates.contains("rollout-go"), "{name}: both gates");
        let text: String = playbook.steps().map(|s| format!("{} {}", s.title, s.html)).collect();
        // Checking what the AI produced: ファクトチェック for written answers,
        // 突合・照合 against records in accounting (the glossary's word there).
        assert!(
            text.contains("ファクトチェック") || text.contains("突合"),
            "{name}: nothing about checking the AI's output"
        );
        for must in ["研修", "月次", "ROI", "成功条件"] {
            assert!(text.contains(must), "{name}: nothing about {must}");
        }
    }
}

#[test]
fn the_example_in_the_format_reference_is_a_valid_playbook() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("playbooks/README.md")).unwrap();
    let start = readme.find("````markdown\n").expect("the README has a full example") + "````markdown\n".len();
    let end = start + readme[start..].find("\n````").expect("the example is closed");
    let (playbook, diagnostics) = parse(&readme[start..end]);
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    let playbook = playbook.unwrap();
    assert_eq!(playbook.meta.id, "contract-intake-example");
    assert_eq!(playbook.step_count(), 7);
    assert!(playbook.conditions.metrics.iter().any(|m| m.from_pilot.is_some()));
    assert!(!playbook.meta.prepare.is_empty() && playbook.meta.effort.is_some());
}

#[test]
fn every_department_pilot_requires_the_company_tool_review() {
    let playbooks = parsed();
    let tool = playbooks.iter().find(|(_, p)| p.meta.id == "ai-tool-review").expect("the tool review ships");
    assert_eq!(tool.1.meta.department, "全社");
    for (path, playbook) in &playbooks {
        if ["人事", "経理", "総務", "法務", "情報システム"].contains(&playbook.meta.department.as_str()) {
            assert_eq!(
                playbook.meta.requires.as_deref(),
                Some("ai-tool-review"),
                "{}: a department's pilot starts after the tool review",
                path.display()
            );
        }
    }
}

/// Windows of this many characters (letters and digits only) may not be
/// shared with the background articles.
const SEED_WINDOW: usize = 20;

/// Letters and digits only: spaces, punctuation and markup removed.
fn letters(text: &str) -> Vec<char> {
    text.chars().filter(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase()).collect()
}

/// FNV-1a, 64 bits, over the window's UTF-8.
fn fingerprint(window: &[char]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    for c in window {
        for b in c.encode_utf8(&mut buf).bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

fn fingerprints(text: &str) -> BTreeSet<u64> {
    letters(text).windows(SEED_WINDOW).map(fingerprint).collect()
}

const SEED_FINGERPRINTS: &str = "tests/seed-fingerprints.bin";

/// The committed fingerprints of the background articles (the articles
/// themselves stay outside the repository).
fn seed_fingerprints() -> BTreeSet<u64> {
    let bytes = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SEED_FINGERPRINTS)).unwrap();
    bytes.chunks_exact(8).map(|b| u64::from_le_bytes(b.try_into().unwrap())).collect()
}

#[test]
fn the_seed_fingerprints_match_the_articles_when_they_are_here() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("{} is not on this machine: the committed fingerprints are used as they are", dir.display());
        return;
    };
    let mut all = BTreeSet::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            all.extend(fingerprints(&std::fs::read_to_string(&path).unwrap()));
        }
    }
    assert!(all.len() > 1000, "the articles were read");
    if std::env::var_os("UPDATE_SEED_FINGERPRINTS").is_some() {
        let bytes: Vec<u8> = all.iter().flat_map(|f| f.to_le_bytes()).collect();
        std::fs::write(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(SEED_FINGERPRINTS), bytes).unwrap();
    }
    assert_eq!(seed_fingerprints(), all, "run with UPDATE_SEED_FINGERPRINTS=1 to refresh {SEED_FINGERPRINTS}");
}

#[test]
fn no_playbook_copies_a_run_of_twenty_characters_from_the_background_articles() {
    let seeds = seed_fingerprints();
    assert!(seeds.len() > 1000);
    // Spaces, punctuation and markup do not hide a copied run.
    assert_eq!(
        fingerprints("**この プレイブック**は、独自の文章で<br>書かれて-いますが。"),
        fingerprints("このプレイブックは独自の文章でbr書かれていますが")
    );
    assert_eq!(fingerprints("この文はちょうど二十文字で窓は一つですね").len(), 1);
    let mut files = library();
    let readme = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("playbooks/README.md");
    files.push((readme.clone(), std::fs::read_to_string(&readme).unwrap()));
    for (path, text) in files {
        let chars = letters(&text);
        for window in chars.windows(SEED_WINDOW) {
            assert!(
                !seeds.contains(&fingerprint(window)),
                "{} shares 「{}」 with a background article; write it in your own words",
                path.display(),
                window.iter().collect::<String>()
            );
        }
    }
}
