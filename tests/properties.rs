//! Property tests: whatever the input, `parse` returns (never panics), every
//! diagnostic points inside the input with a correct line and column, a
//! playbook comes back exactly when there is no error and then keeps the
//! model's invariants, and rendered HTML stays inert.

mod support;

use std::collections::HashSet;

use proptest::prelude::*;
use tebiki::lines::LineIndex;
use tebiki::{Diagnostic, PhaseKind, Playbook, is_valid_id, parse, parse_bytes};

/// Tokens that matter to the parser, to splice into real playbooks.
const TRICKY: &[&str] = &[
    "---",
    "\n---\n",
    "<!--",
    "-->",
    "<!-- step: x -->",
    "<!-- item: y -->",
    "<!-- phase: pilot -->",
    "\n## ",
    "\n### ",
    "\n# ",
    "\n- [ ] ",
    "\n- [x] ",
    "\n  - [ ] ",
    "`",
    "```",
    "[",
    "](",
    "](javascript:alert(1))",
    "<script>",
    "<b>",
    ":",
    ": ",
    "\n",
    "\r\n",
    "\r",
    "  ",
    "\t",
    "&",
    "&#58;",
    "*",
    "**",
    "_",
    "{",
    "}",
    "[a, b]",
    "&x",
    "*x",
    "!!str",
    "人事",
    "\u{feff}",
    "\u{0}",
    "|",
    "\n|---|\n",
    ">",
    "> ",
    "\\",
    "\"",
    "'",
    "#",
    " #",
    "kind: metric",
    "metrics: [nope]",
    "approver: nobody",
    "gate: x",
    "na: maybe",
    "renamed_from: [a]",
];

fn seeds() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut seeds: Vec<String> = ["playbooks/hr-inquiry-desk.md", "tests/fixtures/valid/every-feature.md"]
        .iter()
        .map(|p| std::fs::read_to_string(dir.join(p)).unwrap())
        .collect();
    seeds.push(tebiki::synthetic::playbook("seed", 12, 2));
    seeds
}

#[derive(Debug, Clone)]
enum Edit {
    Insert(usize, &'static str),
    Delete(usize, usize),
    Duplicate(usize, usize),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = prop_oneof![
        (any::<usize>(), proptest::sample::select(TRICKY)).prop_map(|(at, s)| Edit::Insert(at, s)),
        (any::<usize>(), 0usize..200).prop_map(|(at, n)| Edit::Delete(at, n)),
        (any::<usize>(), 0usize..200).prop_map(|(at, n)| Edit::Duplicate(at, n)),
    ];
    proptest::collection::vec(edit, 1..8)
}

fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn apply(mut text: String, edits: &[Edit]) -> String {
    for edit in edits {
        let len = text.len().max(1);
        match *edit {
            Edit::Insert(at, s) => {
                let at = floor_char(&text, at % len);
                text.insert_str(at, s);
            }
            Edit::Delete(at, n) => {
                let from = floor_char(&text, at % len);
                let to = floor_char(&text, from + n);
                text.replace_range(from..to, "");
            }
            Edit::Duplicate(at, n) => {
                let from = floor_char(&text, at % len);
                let to = floor_char(&text, from + n);
                let copy = text[from..to].to_owned();
                text.insert_str(to, &copy);
            }
        }
    }
    text
}

/// Everything `parse` promises about its output for `text`.
fn check_contract(text: &str, playbook: Option<&Playbook>, diagnostics: &[Diagnostic]) {
    let index = LineIndex::new(text);
    let mut previous = 0;
    for d in diagnostics {
        assert!(d.range.start <= d.range.end && d.range.end <= text.len(), "{d:?} outside {} bytes", text.len());
        assert!(d.range.start >= previous, "diagnostics out of order");
        previous = d.range.start;
        assert_eq!(d.at, index.locate(text, d.range.start), "{d:?}");
        assert!(!d.message(tebiki::Lang::Ja).is_empty() && !d.message(tebiki::Lang::En).is_empty());
    }
    assert!(diagnostics.len() <= tebiki::MAX_DIAGNOSTICS + 1);
    let has_error = diagnostics.iter().any(Diagnostic::is_error);
    assert_eq!(playbook.is_some(), !has_error, "a playbook exactly when there is no error");
    if let Some(p) = playbook {
        let kinds: Vec<PhaseKind> = p.phases.iter().map(|ph| ph.kind).collect();
        assert_eq!(kinds, PhaseKind::ALL);
        assert!(p.phases.iter().all(|ph| !ph.steps.is_empty()));
        let mut ids = HashSet::new();
        for step in p.steps() {
            assert!(is_valid_id(&step.id) && ids.insert(step.id.clone()), "step id {}", step.id);
            for item in &step.items {
                assert!(is_valid_id(&item.id) && ids.insert(item.id.clone()), "item id {}", item.id);
                support::assert_inert(&item.html, "item");
            }
            support::assert_inert(&step.html, "step");
        }
        support::assert_inert(&p.intro_html, "intro");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn mutated_playbooks_keep_the_contract(seed in 0usize..3, edits in edits()) {
        let text = apply(seeds()[seed].clone(), &edits);
        let (playbook, diagnostics) = parse(&text);
        check_contract(&text, playbook.as_ref(), &diagnostics);
    }

    #[test]
    fn arbitrary_text_keeps_the_contract(text in "\\PC{0,600}") {
        let (playbook, diagnostics) = parse(&text);
        check_contract(&text, playbook.as_ref(), &diagnostics);
    }

    #[test]
    fn text_built_from_tricky_tokens_keeps_the_contract(parts in proptest::collection::vec(proptest::sample::select(TRICKY), 0..80)) {
        let text = format!("---\nid: x\n---\n{}", parts.concat());
        let (playbook, diagnostics) = parse(&text);
        check_contract(&text, playbook.as_ref(), &diagnostics);
        support::assert_inert(&tebiki::markdown::render(&text), &text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
        let (playbook, diagnostics) = parse_bytes(&bytes);
        if std::str::from_utf8(&bytes).is_err() {
            prop_assert!(playbook.is_none());
            prop_assert!(diagnostics.iter().any(|d| d.problem.code() == "invalid-utf8"));
        }
    }
}

#[test]
fn unmutated_seeds_are_valid() {
    for seed in seeds() {
        let (playbook, diagnostics) = parse(&seed);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        check_contract(&seed, playbook.as_ref(), &diagnostics);
    }
}
