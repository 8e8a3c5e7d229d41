//! The status link fits in 2,000 characters (address included) for every
//! shipped playbook and for a 500-step playbook with worst-case names, and
//! always reads back with its progress exact.

use std::path::PathBuf;

use tebiki::progress::{Mark, Person, Progress};
use tebiki::snapshot::{LINK_LIMIT, Snapshot};
use tebiki::{Playbook, parse};

/// A longer intranet address than most, in front of the fragment.
const ADDRESS: &str = "http://intranet.example.co.jp/bumon/keiri/ai-rollout/tebiki/status/#s=";

fn shipped() -> Vec<Playbook> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();
    paths.iter().map(|p| parse(&std::fs::read_to_string(p).unwrap()).0.expect("a shipped playbook parses")).collect()
}

/// A 500-step playbook with names as long as anyone would write them: a
/// long title, 40 metrics and 30 approvers with long Japanese names, every
/// approver at both gates.
fn worst_case() -> Playbook {
    let text = tebiki::synthetic::playbook("a-synthetic-playbook-with-a-very-long-identifier-of-sixty-chars", 500, 2);
    // Kanji drawn at random: text that compresses as little as Japanese can.
    let mut seed = 0x2545_f491_u32;
    let mut kanji = |n: usize| -> String {
        (0..n)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                char::from_u32(0x4e00 + seed % 0x5000).unwrap()
            })
            .collect()
    };
    let mut long = |what: &str, i: usize| format!("{what}{i}：{}", kanji(60));
    let mut front = String::new();
    front.push_str("approvers:\n");
    for i in 0..30 {
        front.push_str(&format!(
            "  - id: approver-{i}\n    role: {}\n    gates: [pilot-start, rollout-go]\n",
            long("承認者", i)
        ));
    }
    front.push_str("metrics:\n");
    for i in 0..40 {
        front.push_str(&format!(
            "  - id: metric-{i}\n    name: {}\n    unit: 件/月（{}）\n    direction: down\n    target: -30%\n    measure: 月末に数える。\n",
            long("指標", i),
            long("単位", i)
        ));
    }
    let (head, rest) = text.split_once("approvers:\n").unwrap();
    let (_, body) = rest.split_once("---\n").unwrap();
    let metrics: Vec<String> = (0..40).map(|i| format!("metric-{i}")).collect();
    let approvers: Vec<String> = (0..30).map(|i| format!("approver-{i}")).collect();
    let body = body
        .replace("metrics: [send-backs]", &format!("metrics: [{}]", metrics.join(", ")))
        .replace("approver: manager", &format!("approver: [{}]", approvers.join(", ")))
        .replace("フェーズ inventory", &long("フェーズ", 1))
        .replace("フェーズ pilot", &long("フェーズ", 2))
        .replace("フェーズ rollout", &long("フェーズ", 3))
        .replace("請求書の確認と差し戻し", &long("見出し", 0));
    let head = head.replace("title: 合成プレイブック", &format!("title: {}", long("題名", 0)));
    let text = format!("{head}{front}---\n{body}");
    let (playbook, diagnostics) = parse(&text);
    let report: Vec<String> =
        diagnostics.iter().map(|d| format!("{}:{} {}", d.at.line, d.at.col, d.message(tebiki::Lang::En))).collect();
    playbook.unwrap_or_else(|| panic!("{}", report.join("\n")))
}

/// A run of `playbook` a third of the way through, every question answered,
/// with a measurement of every metric and no approval: every gate open, every metric shown.
fn busy_run(playbook: &Playbook, name: &str) -> tebiki::progress::Run {
    let mut progress = Progress::default();
    progress.start_run(playbook, name, "r1".into(), 1_000).unwrap();
    let run = progress.run_mut("r1").unwrap();
    // Every question answered: the answers travel in the link too.
    for question in &playbook.questions {
        run.set_answer(playbook, &question.id, Some(&question.choices[0].id), 1_500).unwrap();
    }
    let third = playbook.step_count() / 3;
    for step in playbook.steps().take(third) {
        if matches!(step.kind, tebiki::StepKind::Approval { .. }) {
            continue;
        }
        for item in &step.items {
            run.set_item(step, &item.id, Mark::Done, 2_000).unwrap();
        }
        run.set_step(playbook, step, Mark::Done, 2_000).unwrap();
    }
    // A counted metric is counted, not typed.
    for (i, metric) in playbook.conditions.metrics.iter().enumerate().filter(|(_, m)| m.counts.is_none()) {
        run.add_measurement(metric, "2027-06-30", 100.0 + i as f64 * 7.25, 3_000, i as u32).unwrap();
    }
    run.clone()
}

fn link(playbook: &Playbook, run_name: &str, by: Person) -> (String, Snapshot) {
    let run = busy_run(playbook, run_name);
    let snapshot = Snapshot::new(&run, playbook, false, by, 1_764_900_000_000, 540);
    let fragment = snapshot.encode(LINK_LIMIT - ADDRESS.len());
    let link = format!("{ADDRESS}{fragment}");
    assert!(link.len() <= LINK_LIMIT, "{}: {} characters", playbook.meta.id, link.len());
    let read = Snapshot::decode(&fragment).expect("the link reads back");
    let tally = run.tally(playbook);
    assert_eq!(read.tally(), (tally.done as u32, tally.total as u32), "{}", playbook.meta.id);
    assert_eq!(read.playbook, playbook.meta.id);
    assert_eq!(read.version, playbook.meta.version);
    assert_eq!(read.metrics.len() as u32 + read.more_metrics, playbook.conditions.metrics.len() as u32);
    assert_eq!(read.answers.len() as u32 + read.more_answers, playbook.questions.len() as u32);
    (link, read)
}

#[test]
fn every_shipped_playbook_fits_whole_with_ordinary_names() {
    for playbook in shipped() {
        let (link, read) = link(&playbook, "人事部 2027 年度上期パイロット", Person::new("佐藤 花子", "人事課長"));
        assert!(!read.summarised, "{}: nothing is left out of an ordinary link", playbook.meta.id);
        assert_eq!(read.title, playbook.meta.title, "{}", playbook.meta.id);
        println!("{}: {} characters", playbook.meta.id, link.len());
    }
}

#[test]
fn every_shipped_playbook_fits_with_the_longest_names() {
    let name = "名".repeat(tebiki::progress::MAX_NAME_CHARS);
    for playbook in shipped() {
        link(&playbook, &name, Person::new(&"氏名".repeat(50), &"役職".repeat(50)));
    }
}

#[test]
fn a_500_step_playbook_with_worst_case_names_fits() {
    let playbook = worst_case();
    assert_eq!(playbook.step_count(), 500);
    let (link, read) = link(
        &playbook,
        &"名".repeat(tebiki::progress::MAX_NAME_CHARS),
        Person::new(&"氏名".repeat(50), &"役職".repeat(50)),
    );
    assert!(read.summarised);
    println!("500 steps, worst-case names: {} characters", link.len());
}
