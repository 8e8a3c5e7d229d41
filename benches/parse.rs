//! Parse+validate throughput beside pulldown-cmark's bare parse of the same
//! text. `scripts/bench-core` runs this and writes the ratio into
//! docs/benchmarks.md.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use pulldown_cmark::{Options, Parser};

fn inputs() -> Vec<(&'static str, Vec<String>)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("playbooks");
    let mut library: Vec<String> = std::fs::read_dir(&dir)
        .expect("playbooks/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("README.md"))
        .map(|p| std::fs::read_to_string(p).expect("readable"))
        .collect();
    library.sort();
    vec![("500-steps", vec![tebiki::synthetic::playbook("bench", 500, 3)]), ("library", library)]
}

fn bench(c: &mut Criterion) {
    // The same extensions tebiki enables, so both sides parse the same syntax.
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    for (name, texts) in inputs() {
        let bytes: usize = texts.iter().map(String::len).sum();
        let mut group = c.benchmark_group(name);
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("pulldown-cmark", |b| {
            b.iter(|| texts.iter().map(|t| Parser::new_ext(black_box(t), options).count()).sum::<usize>())
        });
        group.bench_function("tebiki", |b| {
            b.iter(|| texts.iter().map(|t| tebiki::parse(black_box(t)).1.len()).sum::<usize>())
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
