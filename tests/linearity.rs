//! Parsing stays linear on pathological input.
//!
//! Each generator makes an input of a requested size; the time per byte at
//! 8x the size must stay within 2.5x of the time per byte at the base size
//! (a quadratic step would show about 8x). Times are the minimum of several
//! runs, so a busy machine slows both sizes rather than one.

use std::time::{Duration, Instant};

type Generator = fn(usize) -> String;

fn front(extra: &str) -> String {
    format!("---\nid: big\ntitle: t\ndepartment: d\ntheme: t\nsummary: s\nowner: o\nversion: 1\n{extra}---\n")
}

fn repeat_to(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len().max(1) + 1)
}

const GENERATORS: &[(&str, Generator)] = &[
    ("many steps", |n| tebiki::synthetic::playbook("big", (n / 420).max(6), 1)),
    ("many checklist items", |n| tebiki::synthetic::playbook("big", 6, n / 80)),
    ("one long line", |n| front("") + &repeat_to("a", n)),
    ("long line of emphasis delimiters", |n| front("") + &repeat_to("*a_ ", n)),
    ("unclosed brackets", |n| front("") + &repeat_to("[", n)),
    ("unclosed link destinations", |n| front("") + &repeat_to("[a](", n)),
    ("backtick runs", |n| front("") + &repeat_to("`a``", n)),
    ("deep block quotes", |n| front("") + &repeat_to(">", n) + " x"),
    ("deeply indented list", |n| {
        let mut s = front("");
        let mut depth = 0;
        while s.len() < n {
            s.push_str(&" ".repeat(depth * 2));
            s.push_str("- x\n");
            depth = (depth + 1) % 200;
        }
        s
    }),
    ("many headings without comments", |n| front("") + &repeat_to("### 見出し\n", n)),
    ("many duplicate ids", |n| front("") + &repeat_to("### s\n<!-- step: same -->\n", n)),
    ("many unsafe links", |n| front("") + &repeat_to("[x](javascript:a) ", n)),
    ("many raw html tags", |n| front("") + &repeat_to("<b onclick=x>", n)),
    ("many unclosed comments", |n| front("") + &repeat_to("<!-- ", n)),
    ("long flow list in front matter", |n| front(&format!("tags: [{}a]\n", repeat_to("a, ", n)))),
    ("many unknown keys in front matter", |n| {
        let mut extra = String::new();
        let mut i = 0;
        while extra.len() < n {
            extra.push_str(&format!("unknown_key_{i}: value\n"));
            i += 1;
        }
        front(&extra)
    }),
    ("long comment after a heading", |n| front("") + "## p\n<!-- phase: " + &repeat_to("x", n) + " -->\n"),
    ("long multi-line step comment", |n| {
        front("") + "## p\n<!-- phase: pilot -->\n### s\n<!-- step: s\n" + &repeat_to("role: r\n", n) + "-->\n"
    }),
];

/// The growth of time per byte from `small` to `large`. Runs alternate
/// between the two inputs and each keeps its best time, so a burst of load
/// from elsewhere slows both rather than one.
fn growth(small: &str, large: &str) -> f64 {
    let time = |input: &str| {
        let start = Instant::now();
        std::hint::black_box(tebiki::parse(std::hint::black_box(input)));
        start.elapsed()
    };
    time(small); // warm up caches and the allocator
    let (mut best_small, mut best_large) = (Duration::MAX, Duration::MAX);
    for _ in 0..5 {
        best_small = best_small.min(time(small));
        best_large = best_large.min(time(large));
    }
    (best_large.as_secs_f64() / large.len() as f64) / (best_small.as_secs_f64() / small.len() as f64)
}

#[test]
fn time_per_byte_does_not_grow_with_input_size() {
    const BASE: usize = 48 * 1024;
    let mut failures = Vec::new();
    for (name, generate) in GENERATORS {
        let small = generate(BASE);
        let large = generate(BASE * 8);
        assert!(large.len() <= tebiki::MAX_PLAYBOOK_BYTES, "{name}: {} bytes is over the size limit", large.len());
        // A superlinear step fails every attempt; noise from a busy machine
        // does not, so a case only fails after three attempts in a row.
        let mut last = f64::INFINITY;
        for attempt in 1..=3 {
            last = growth(&small, &large);
            eprintln!("{name}: {last:.2}x ({} -> {} bytes, attempt {attempt})", small.len(), large.len());
            if last <= 2.5 {
                break;
            }
        }
        if last > 2.5 {
            failures.push(format!(
                "{name}: time per byte grew {last:.1}x from {} to {} bytes",
                small.len(),
                large.len()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
