//! A team's shared folder to the dashboard: 50 files — 10 runs (one per
//! department) of a 100-step playbook with 3 items per step, each shared by
//! 5 members (`tebiki::synthetic::team_folder`): every file holds the run's
//! common history (about 700 entries) and its member's own changes to 20
//! steps, about 400 KB each. Measured: checking, decoding and merging every
//! file (`read_folder`), then one dashboard row per run; and the decoding
//! alone; and the rows alone. Budget (issue 17): ≤ 500 ms. Figures in docs/benchmarks.md
//! (`cargo bench --bench dashboard`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tebiki::dashboard::Row;
use tebiki::progress::{decode_export, read_folder};

fn bench(c: &mut Criterion) {
    let files = tebiki::synthetic::team_folder(10, 5, 100);
    let read = read_folder(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
    assert!(read.problems.is_empty());
    assert_eq!(read.export.progress.live_runs().count(), 10);
    let source = &read.export.playbooks[0].source;
    let playbook = tebiki::parse(source).0.expect("the synthetic playbook parses");
    let today = tebiki::day::Day::from_ymd(2026, 12, 1).expect("a date");
    let mut group = c.benchmark_group("dashboard-folder-50-files");
    group.sample_size(20);
    group.bench_function("read-and-rows", |b| {
        b.iter(|| {
            let folder = read_folder(black_box(&files).iter().map(|(n, t)| (n.as_str(), t.as_str())));
            folder.export.progress.live_runs().map(|run| Row::new(run, &playbook, today, 540)).collect::<Vec<_>>()
        })
    });
    // Of which: the rows alone (each works out its run's schedule).
    let progress = &read.export.progress;
    group.bench_function("rows-only", |b| {
        b.iter(|| black_box(progress).live_runs().map(|run| Row::new(run, &playbook, today, 540)).collect::<Vec<_>>())
    });
    // Of which: checking and decoding each file on its own.
    group.bench_function("decode-only", |b| {
        b.iter(|| black_box(&files).iter().filter_map(|(_, t)| decode_export(t).ok()).count())
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
