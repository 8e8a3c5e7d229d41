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
    assert!(playbooks.len() >= 5, "four playbooks and the template");
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
fn the_library_covers_the_four_required_departments() {
    let departments: BTreeSet<String> =
        parsed().into_iter().filter(|(p, _)| !p.ends_with("_template.md")).map(|(_, pb)| pb.meta.department).collect();
    for d in ["人事", "経理", "総務", "全社"] {
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
        for must in ["ファクトチェック", "研修", "月次", "ROI", "成功条件"] {
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
    assert_eq!(playbook.meta.id, "legal-contract-intake");
    assert_eq!(playbook.step_count(), 7);
    assert!(playbook.conditions.metrics.iter().any(|m| m.from_pilot.is_some()));
    assert!(!playbook.meta.prepare.is_empty() && playbook.meta.effort.is_some());
}
