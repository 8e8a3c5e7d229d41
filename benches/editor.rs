//! What the editor does a moment after the author stops typing: check the
//! whole draft as `tebiki check` checks it in the site's library
//! (`check_in_library` against the ids of the site's playbooks), and place
//! every problem in its line (`Excerpt::all`). Budget (issue 20): well under
//! a frame (16 ms) for a 50-step playbook. Figures in docs/benchmarks.md
//! (`cargo bench --bench editor`).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tebiki::excerpt::Excerpt;
use tebiki::{SourceFile, check_in_library};

fn bench(c: &mut Criterion) {
    let known: Vec<(String, String)> = (0..10).map(|i| (format!("site-{i}"), format!("site-{i}.md"))).collect();
    let known: Vec<(&str, &str)> = known.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    let clean = tebiki::synthetic::playbook("draft", 50, 3);
    // The same draft with a problem in every step: an unknown key in each
    // step's comment.
    let broken = clean.replace("<!-- step: ", "<!-- nonsense: 1\nstep: ");
    let mut group = c.benchmark_group("editor-50-steps");
    for (name, text) in [("clean", &clean), ("a-problem-per-step", &broken)] {
        let check = || {
            let checked =
                check_in_library(&[SourceFile { name: "draft.md", bytes: black_box(text).as_bytes() }], &known);
            let diagnostics = &checked[0].diagnostics;
            Excerpt::all(text, diagnostics).len()
        };
        assert!(name == "clean" && check() == 0 || name != "clean" && check() >= 50, "{name}: {}", check());
        group.bench_function(name, |b| b.iter(check));
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
