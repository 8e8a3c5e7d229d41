//! Fuzzing on stable Rust: every parser of untrusted input, fed mutations
//! of a seed corpus, must return (never panic), keep its invariants, and
//! explain every refusal.
//!
//! Targets: playbook parse + render (output inert), progress import and
//! migration (what decodes re-encodes to the same thing), drift
//! reconciliation and the success record over any decoded progress, and the
//! worksheet's CSV/TSV import (what is accepted writes back and reads back
//! the same; errors name a row and column inside the input).
//!
//! `cargo test --test fuzz` is the smoke run CI does (a few hundred inputs
//! per target, fixed seed). Run long with a time budget and a random seed:
//!
//! ```text
//! TEBIKI_FUZZ_SECONDS=600 TEBIKI_FUZZ_SEED=$RANDOM cargo test --release --test fuzz -- --nocapture
//! ```
//!
//! A failing input is printed in full; save it under
//! `tests/fuzz-corpus/<target>/` — every file there is run first, on every
//! run, so each finding stays a regression test.

mod support;

use std::path::Path;
use std::time::{Duration, Instant};

use support::assert_inert;
use tebiki::inventory::{MAX_PROBLEMS, tasks_from_table, tasks_to_csv};
use tebiki::progress::{self, Progress, decode, decode_export};
use tebiki::record::Record;
use tebiki::{Lang, Playbook, parse, parse_bytes};

/// xorshift64*: small, deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
}

/// Tokens worth splicing in, for every target.
const DICT: &[&str] = &[
    "\"",
    "\\",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\n",
    "\r\n",
    "\t",
    "\u{feff}",
    "\u{0}",
    "null",
    "true",
    "-1",
    "1e999",
    "\"format\":",
    "\"runs\":",
    "\"at\":",
    "\"value\":",
    "\"mark\":\"na\"",
    "\"reason\":\"\"",
    "\"kind\":\"tebiki-export\"",
    "---",
    "<!--",
    "-->",
    "<!-- step: x -->",
    "\n## ",
    "\n### ",
    "- [ ] ",
    "<script>alert(1)</script>",
    "javascript:alert(1)",
    "<img src=x onerror=alert(1)>",
    "=HYPERLINK(\"x\")",
    "'=",
    "判断",
    "転記",
    "案内",
    "１２０",
    "業務名",
    "種類",
    "月間件数",
    "1件の分数",
    "例外率(%)",
    ",,,,,,,,,,",
    "\"\"\"",
    "\u{3000}",
    "\u{202e}",
];

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(out.len() + 1);
        match rng.below(7) {
            0 if !out.is_empty() => {
                let i = rng.below(out.len());
                out[i] ^= 1 << rng.below(8);
            }
            1 => out.insert(at, rng.next() as u8),
            2 if !out.is_empty() => {
                let end = (at + rng.below(16) + 1).min(out.len());
                out.drain(at.min(end)..end);
            }
            3 if !out.is_empty() => {
                let start = rng.below(out.len());
                let end = (start + rng.below(64) + 1).min(out.len());
                let piece = out[start..end].to_vec();
                out.splice(at..at, piece);
            }
            4 | 5 => {
                let token = DICT[rng.below(DICT.len())].as_bytes();
                out.splice(at..at, token.iter().copied());
            }
            _ => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let start = rng.below(other.len());
                    let end = (start + rng.below(128) + 1).min(other.len());
                    out.splice(at..at, other[start..end].iter().copied());
                }
            }
        }
    }
    out
}

/// Run `target` over the saved findings, the seeds, then mutations until the
/// budget is spent.
fn fuzz(name: &str, seeds: Vec<Vec<u8>>, smoke_runs: usize, target: impl Fn(&[u8])) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus").join(name);
    let mut corpus: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|entries| entries.filter_map(|e| std::fs::read(e.ok()?.path()).ok()).collect())
        .unwrap_or_default();
    corpus.extend(seeds);
    let run = |input: &[u8]| {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target(input)));
        if let Err(panic) = result {
            eprintln!("fuzz target `{name}` failed on this input (save it under {}):\n{input:?}", dir.display());
            std::panic::resume_unwind(panic);
        }
    };
    for input in &corpus {
        run(input);
    }
    let seed = std::env::var("TEBIKI_FUZZ_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or(0x7eb1_4100_u64);
    let mut rng = Rng(seed | 1);
    let deadline = std::env::var("TEBIKI_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(|s| Instant::now() + Duration::from_secs(s));
    let mut runs = 0usize;
    while deadline.map_or(runs < smoke_runs, |d| Instant::now() < d) {
        let base = &corpus[rng.below(corpus.len())];
        let input = mutate(&mut rng, base, &corpus);
        run(&input);
        runs += 1;
    }
    eprintln!("fuzz `{name}`: {} saved/seed inputs, {runs} mutations, seed {seed}", corpus.len());
}

fn playbook_seeds() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds = Vec::new();
    for dir in ["playbooks", "tests/fixtures/valid"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "md") && !path.ends_with("README.md") {
                seeds.push(std::fs::read(path).unwrap());
            }
        }
    }
    seeds
}

fn fixture() -> Playbook {
    parse(include_str!("fixtures/valid/every-feature.md")).0.unwrap()
}

/// A progress value that uses every part of format 4.
fn progress_seed() -> Progress {
    let mut p = fixture();
    p.meta.requires = Some("ai-tool-review".into());
    let mut progress = Progress::default();
    progress.start_run(&p, "経理 2026 試行", "r1".into(), 1_000).unwrap();
    let run = progress.run_mut("r1").unwrap();
    let steps: Vec<_> = p.steps().cloned().collect();
    run.set_note(&steps[0], "メモ <b>", 2_000);
    run.set_item(&steps[0], &steps[0].items[1].id, progress::Mark::Na { reason: "紙はない".into() }, 2_100).unwrap();
    let tasks = "業務名,種類,月間件数,1件の所要時間（分）,対応できる人数,扱う情報,確認の所要時間（分）\n請求書,転記,300,6,1,個人情報,2\n";
    let tasks = tasks_from_table(tasks.as_bytes()).unwrap();
    run.add_tasks(tasks, 2_200, 7).unwrap();
    let metric = &p.conditions.metrics[0];
    run.add_measurement(metric, "2026-12-01", 800.0, 2_300, 1).unwrap();
    let approve = steps.iter().find(|s| s.id == "approve-start").unwrap();
    let approval = progress::Approval {
        name: "佐藤".into(),
        role: "CISO".into(),
        date: "2026-11-20".into(),
        version: 12,
        comment: String::new(),
    };
    run.sign(&p, approve, "ciso", approval, 2_400).unwrap();
    let done = progress::Prerequisite::Elsewhere {
        by: "情報システム部".into(),
        date: "2026-11-02".into(),
        reference: "稟議 2026-118".into(),
    };
    run.set_prerequisite(&p, Some(done), 2_500).unwrap();
    progress
}

#[test]
fn playbook_parse_and_render() {
    fuzz("playbook", playbook_seeds(), 300, |bytes| {
        let (playbook, diagnostics) = parse_bytes(bytes);
        // Ranges refer to the text with U+FFFD for invalid UTF-8 (documented).
        let text_len = String::from_utf8_lossy(bytes).len();
        assert_eq!(playbook.is_some(), diagnostics.iter().all(|d| !d.is_error()));
        for d in &diagnostics {
            assert!(d.at.line >= 1 && d.at.col >= 1 && d.range.end <= text_len, "{d:?}");
            assert!(!d.message(Lang::Ja).is_empty() && !d.message(Lang::En).is_empty());
        }
        if let Some(p) = playbook {
            assert_inert(&p.intro_html, "intro");
            for phase in &p.phases {
                assert_inert(&phase.intro_html, "phase intro");
                for step in &phase.steps {
                    assert_inert(&step.html, "step");
                    for item in &step.items {
                        assert_inert(&item.html, "item");
                    }
                }
            }
        }
    });
}

#[test]
fn progress_import_and_migration() {
    let current = progress_seed();
    let export = progress::Export::new(current.clone(), Some(Lang::Ja), 3_000).to_json();
    let stored = progress::encode(&current);
    let v1 = r#"{"format":1,"runs":[{"id":"r1","playbook":"every-feature","name":{"value":"a","at":1},"created":1,"deleted":{"value":null,"at":0},"version":1,"content_hash":"x","step_hashes":{},"steps":{}}]}"#;
    let seeds = vec![export.into_bytes(), stored.into_bytes(), v1.as_bytes().to_vec()];
    fuzz("progress", seeds, 400, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        for result in [decode(&text), decode_export(&text).map(|e| e.progress)] {
            match result {
                Ok(progress) => {
                    assert_eq!(progress.format, progress::FORMAT);
                    let again = decode(&progress::encode(&progress)).expect("what decodes re-encodes and decodes");
                    assert_eq!(again, progress);
                }
                Err(e) => assert!(!e.message(Lang::Ja).is_empty() && !e.message(Lang::En).is_empty()),
            }
        }
    });
}

#[test]
fn drift_reconciliation_and_record() {
    let p = fixture();
    let mut changed = p.clone();
    changed.meta.version += 1;
    changed.phases[0].steps.remove(0);
    changed.phases[1].steps[0].hash.push('!');
    let seeds = vec![progress::encode(&progress_seed()).into_bytes()];
    fuzz("drift", seeds, 300, |bytes| {
        let Ok(mut progress) = decode(&String::from_utf8_lossy(bytes)) else { return };
        for playbook in [&p, &changed] {
            for run in &mut progress.runs {
                let _ = run.drift(playbook);
                let _ = run.orphaned(playbook);
                let _ = run.tally(playbook);
                let _ = run.roi_view(playbook);
                for step in playbook.steps() {
                    let _ = run.blocking_gate(playbook, step);
                }
                let markdown = Record::new(playbook, run).to_markdown(Lang::Ja, "2026-12-01");
                assert_inert(&tebiki::markdown::render(&markdown), "record");
                run.accept_all(playbook, i64::MAX / 2);
                assert!(run.drift(playbook).is_empty());
            }
        }
    });
}

#[test]
fn worksheet_csv_import() {
    let seeds = vec![
        "業務名,部署,種類,月間件数,1件の分数,対応できる人数,例外率(%),入力元,備考\r\n請求書,経理,転記,300,6,1,5,紙,\"a,b\"\r\n".into(),
        "業務名\t種類\t月間件数\t1件の分数\n案内\t案内\t１２０\t4.5\n".into(),
        tasks_to_csv(&tasks_from_table("住所変更,総務,案内,30,10,2,,form,=SUM(A1)\n".as_bytes()).unwrap(), Lang::En)
            .into_bytes(),
    ];
    fuzz("csv", seeds, 400, |bytes| match tasks_from_table(bytes) {
        Ok(tasks) => {
            assert!(!tasks.is_empty());
            for lang in [Lang::Ja, Lang::En] {
                let back = tasks_from_table(tasks_to_csv(&tasks, lang).as_bytes()).expect("written CSV reads back");
                assert_eq!(back, tasks);
            }
        }
        Err(e) => {
            let rows = bytes.iter().filter(|&&b| b == b'\n' || b == b'\r').count() + 1;
            assert!(!e.list().is_empty() && e.list().len() <= MAX_PROBLEMS);
            for problem in e.list() {
                if let Some(row) = problem.row() {
                    assert!(row >= 1 && row <= rows, "row {row} of at most {rows}");
                }
                assert!(!problem.message(Lang::Ja).is_empty() && !problem.message(Lang::En).is_empty());
            }
        }
    });
}
