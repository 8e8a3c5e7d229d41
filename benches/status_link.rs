//! The status link of a 500-step run (`tebiki::synthetic::playbook`, 3
//! items per step, a third of the steps finished): taking the snapshot and
//! encoding it within the 2,000-character budget, reading it back, and
//! drawing the link as the record's QR code. Figures in docs/benchmarks.md
//! (`cargo bench --bench status_link`); the size bound itself is a test
//! (`tests/status_link.rs`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tebiki::progress::{Mark, Person, Progress};
use tebiki::snapshot::{LINK_LIMIT, Snapshot};

fn bench(c: &mut Criterion) {
    let playbook = tebiki::parse(&tebiki::synthetic::playbook("bench", 500, 3)).0.expect("parses");
    let mut progress = Progress::default();
    progress.start_run(&playbook, "経理部 2027 上期", "r1".into(), 1_000).unwrap();
    let run = progress.run_mut("r1").unwrap();
    for step in playbook.steps().take(166).filter(|s| !matches!(s.kind, tebiki::StepKind::Approval { .. })) {
        for item in &step.items {
            run.set_item(step, &item.id, Mark::Done, 2_000).unwrap();
        }
        run.set_step(&playbook, step, Mark::Done, 2_000).unwrap();
    }
    let run = run.clone();
    let address = "http://intranet.example.co.jp/tebiki/status/#s=";
    let by = Person::new("佐藤 花子", "経理課長");
    let fragment = Snapshot::new(&run, &playbook, false, by.clone(), 0, 540).encode(LINK_LIMIT - address.len());
    let link = format!("{address}{fragment}");
    println!("status link of the 500-step run: {} characters", link.len());
    let mut group = c.benchmark_group("status-link-500-steps");
    group.bench_function("snapshot-and-encode", |b| {
        b.iter(|| {
            Snapshot::new(black_box(&run), &playbook, false, by.clone(), 0, 540).encode(LINK_LIMIT - address.len())
        })
    });
    group.bench_function("decode", |b| b.iter(|| Snapshot::decode(black_box(&fragment)).unwrap()));
    group.bench_function("qr-svg", |b| b.iter(|| tebiki::qr::svg(black_box(&link), "QR").unwrap()));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
