//! Property test of sharing without a server: two to four people each keep
//! a copy of one run, change it (notes, checklist items, a comment's text or
//! its deletion), and take each other's files in, in any
//! order, picking either side of every conflict. Whatever they do:
//! - nothing anyone entered is lost: every change made anywhere is in the
//!   final history (a note typed on is kept as far as it went);
//! - once everyone has taken in everyone's changes, all copies hold the same
//!   values and the same history (apart from the "taken in" entries each
//!   copy logs itself);
//! - taking in a file never panics, and the same file twice brings nothing.

use std::sync::OnceLock;

use proptest::prelude::*;
use tebiki::Playbook;
use tebiki::progress::{Entry, Event, Mark, Person, Progress, Side, Stamp};

const FIXTURE: &str = include_str!("fixtures/valid/every-feature.md");
const NAMES: [&str; 4] = ["佐藤", "鈴木", "田中", "高橋"];
const NOTES: [&str; 3] = ["案 A", "案 B", "規程を確認済み"];

fn playbook() -> &'static Playbook {
    static PLAYBOOK: OnceLock<Playbook> = OnceLock::new();
    PLAYBOOK.get_or_init(|| tebiki::parse(FIXTURE).0.expect("the fixture parses"))
}

#[derive(Debug, Clone)]
enum Op {
    /// Person `who` writes note `text` on step `step`.
    Note { who: usize, step: usize, text: usize },
    /// Person `who` checks or unchecks item `item` of step `step`.
    Item { who: usize, step: usize, item: usize, done: bool },
    /// Person `who` changes the run's shared comment to note `text`, or
    /// deletes it (`text` past the notes).
    Comment { who: usize, text: usize },
    /// Person `to` takes in `from`'s file, picking per conflict from `picks`.
    Share { from: usize, to: usize, picks: Vec<bool> },
}

fn ops(people: usize) -> impl Strategy<Value = Vec<(Op, bool)>> {
    let op = prop_oneof![
        (0..people, 0usize..8, 0usize..NOTES.len()).prop_map(|(who, step, text)| Op::Note { who, step, text }),
        (0..people, 0usize..8, 0usize..3, any::<bool>()).prop_map(|(who, step, item, done)| Op::Item {
            who,
            step,
            item,
            done
        }),
        (0..people, 0usize..=NOTES.len()).prop_map(|(who, text)| Op::Comment { who, text }),
        (0..people, 0..people, proptest::collection::vec(any::<bool>(), 0..6))
            .prop_map(|(from, to, picks)| Op::Share { from, to, picks }),
    ];
    // With each op: whether a long pause came before it (else seconds).
    proptest::collection::vec((op, any::<bool>()), 0..40)
}

fn by(who: usize, at: i64) -> Stamp {
    Stamp { at, by: Person::new(NAMES[who], "") }
}

fn picks(choices: &[bool], count: usize) -> Vec<Side> {
    (0..count).map(|i| if choices.get(i).copied().unwrap_or(false) { Side::Theirs } else { Side::Mine }).collect()
}

/// Whether `history` keeps `entry`: the same entry, gone at least as far.
fn keeps(history: &[Entry], entry: &Entry) -> bool {
    history.iter().any(|e| {
        e.began() == entry.began()
            && e.by == entry.by
            && e.step == entry.step
            && std::mem::discriminant(&e.did) == std::mem::discriminant(&entry.did)
            && e.at >= entry.at
            && match (&e.did, &entry.did) {
                (Event::Item { item: a, .. }, Event::Item { item: b, .. }) => a == b,
                (Event::Comment { id: a, .. }, Event::Comment { id: b, .. }) => a == b,
                _ => true,
            }
    })
}

fn without_imports(progress: &Progress) -> Progress {
    let mut p = progress.clone();
    for run in &mut p.runs {
        run.history.retain(|e| !matches!(e.did, Event::Imported { .. }));
    }
    p
}

fn run_case(people: usize, ops: &[(Op, bool)]) -> Result<(), TestCaseError> {
    let p = playbook();
    let steps: Vec<_> = p.steps().filter(|s| !s.items.is_empty()).collect();
    let mut start = Progress::default();
    start.start_run(p, "全社 パイロット", "r1".into(), by(0, 1_000)).expect("starts");
    let comment =
        start.run_mut("r1").expect("the run").add_comment(steps[0], "最初のコメント", by(0, 1_000)).expect("a comment");
    let mut copies = vec![start; people];
    let mut at = 1_000;
    let mut made: Vec<Entry> = copies[0].runs[0].history.clone();
    for (op, pause) in ops {
        at += if *pause { 10 * 60_000 } else { 2_000 };
        match op {
            Op::Note { who, step, text } => {
                let step = steps[step % steps.len()];
                let run = copies[*who].run_mut("r1").expect("the run");
                run.set_note(step, NOTES[*text], by(*who, at));
                made.extend(run.history.last().cloned());
            }
            Op::Item { who, step, item, done } => {
                let step = steps[step % steps.len()];
                let item = &step.items[item % step.items.len()];
                let mark = if *done { Mark::Done } else { Mark::Open };
                let run = copies[*who].run_mut("r1").expect("the run");
                let before = run.history.len();
                run.set_item(step, &item.id, mark, by(*who, at)).expect("an item");
                if run.history.len() > before {
                    made.extend(run.history.last().cloned());
                }
            }
            Op::Comment { who, text } => {
                let run = copies[*who].run_mut("r1").expect("the run");
                let before = run.history.len();
                // Deleted in this copy: nothing to change (until a file brings it back).
                let _ = match NOTES.get(*text) {
                    Some(text) => run.edit_comment(&comment, text, by(*who, at)),
                    None => run.delete_comment(&comment, by(*who, at)),
                };
                if run.history.len() > before {
                    made.extend(run.history.last().cloned());
                }
            }
            Op::Share { from, to, picks: choices } => {
                let file = copies[*from].clone();
                let preview = copies[*to].preview_merge(&file);
                let count = preview.conflicts().count();
                for c in preview.conflicts() {
                    prop_assert!(c.mine.did != c.theirs.did, "a conflict has two different values");
                }
                copies[*to].merge_file(file.clone(), &picks(choices, count), "file.json", by(*to, at));
                let run = &copies[*to].runs[0];
                made.extend(run.history.iter().filter(|e| e.at == at).cloned());
                let again = copies[*to].preview_merge(&file);
                prop_assert!(
                    again.is_empty(),
                    "the same file twice brings nothing: {:#?}",
                    again.runs.iter().map(|r| (&r.incoming, r.conflicts.len())).collect::<Vec<_>>()
                );
            }
        }
    }
    // Everyone's changes to the first person, then the first person's file
    // to everyone.
    at += 10 * 60_000;
    for from in 1..people {
        let file = copies[from].clone();
        copies[0].merge_file(file, &[], "file.json", by(0, at));
    }
    at += 10 * 60_000;
    let all = copies[0].clone();
    for copy in copies.iter_mut().skip(1) {
        prop_assert!(copy.preview_merge(&all).conflicts().next().is_none(), "nothing left to pick");
        copy.merge_file(all.clone(), &[], "file.json", by(1, at));
    }
    let reference = without_imports(&copies[0]);
    for copy in &copies[1..] {
        prop_assert_eq!(&without_imports(copy), &reference);
    }
    for entry in made.iter().filter(|e| !matches!(e.did, Event::Imported { .. })) {
        prop_assert!(keeps(&copies[0].runs[0].history, entry), "lost: {entry:?}");
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn two_to_four_people_sharing_files_lose_nothing_and_converge(people in 2usize..=4, ops in ops(4)) {
        let ops: Vec<_> = ops
            .into_iter()
            .map(|(op, pause)| {
                let op = match op {
                    Op::Note { who, step, text } => Op::Note { who: who % people, step, text },
                    Op::Item { who, step, item, done } => Op::Item { who: who % people, step, item, done },
                    Op::Comment { who, text } => Op::Comment { who: who % people, text },
                    Op::Share { from, to, picks } => Op::Share { from: from % people, to: to % people, picks },
                };
                (op, pause)
            })
            .collect();
        run_case(people, &ops)?;
    }
}
