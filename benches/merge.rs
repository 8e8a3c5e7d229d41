//! Taking in a colleague's file on a large run: a 500-step playbook, each
//! copy with about 5,000 history entries, 250 changes on each side since
//! they last shared, 50 of them on the same notes (conflicts). Budget
//! (issue 17): the preview and the merge each ≤ 50 ms. Figures in
//! docs/benchmarks.md (`cargo bench --bench merge`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tebiki::progress::{Mark, Person, Progress, Side, Stamp};

const MINUTE: i64 = 60_000;

fn by(name: &str, at: i64) -> Stamp {
    Stamp { at, by: Person::new(name, "") }
}

/// The shared copy, then each side's changes since.
fn copies() -> (Progress, Progress) {
    let text = tebiki::synthetic::playbook("bench", 500, 3);
    let playbook = tebiki::parse(&text).0.expect("the synthetic playbook parses");
    let mut shared = Progress::default();
    shared.start_run(&playbook, "全社 展開", "r1".into(), by("佐藤", 0)).expect("starts");
    let mut at = MINUTE;
    let mut tick = || {
        at += 10 * MINUTE;
        at
    };
    for round in 0..3 {
        for step in playbook.steps() {
            let run = shared.run_mut("r1").expect("the run");
            let who = if round % 2 == 0 { "佐藤" } else { "鈴木" };
            run.set_note(step, &format!("{round} 回目のメモ"), by(who, tick()));
            let mark = if round == 1 { Mark::Open } else { Mark::Done };
            for item in &step.items {
                run.set_item(step, &item.id, mark.clone(), by(who, tick())).expect("an item");
            }
        }
    }
    let (mut mine, mut theirs) = (shared.clone(), shared);
    let steps: Vec<_> = playbook.steps().collect();
    for (i, step) in steps.iter().take(250).enumerate() {
        let at = tick();
        theirs.run_mut("r1").expect("the run").set_note(step, "佐藤の版", by("佐藤", at));
        // The first 50 notes are changed on both sides; then other steps.
        let other = if i < 50 { step } else { steps[250 + i] };
        mine.run_mut("r1").expect("the run").set_note(other, "鈴木の版", by("鈴木", at + 1));
    }
    (mine, theirs)
}

fn bench(c: &mut Criterion) {
    let (mine, theirs) = copies();
    let entries = mine.run("r1").map_or(0, |r| r.history.len());
    let preview = mine.preview_merge(&theirs);
    assert_eq!(preview.conflicts().count(), 50, "{entries} entries");
    let picks = vec![Side::Theirs; 50];
    let mut group = c.benchmark_group("merge-500-steps-5000-entries");
    group.bench_function("preview", |b| b.iter(|| black_box(&mine).preview_merge(black_box(&theirs))));
    group.bench_function("merge", |b| {
        b.iter_batched(
            || (mine.clone(), theirs.clone()),
            |(mut mine, theirs)| mine.merge_file(theirs, &picks, "file.json", by("鈴木", i64::MAX / 2)),
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
