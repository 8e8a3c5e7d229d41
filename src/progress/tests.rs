use super::*;
use crate::diagnostic::Lang;
use crate::model::{PhaseKind, Playbook, Step, StepConditions, StepKind};
use std::collections::BTreeMap;

const FIXTURE: &str = include_str!("../../tests/fixtures/valid/every-feature.md");

fn playbook() -> Playbook {
    let (playbook, diagnostics) = crate::parse(FIXTURE);
    playbook.unwrap_or_else(|| panic!("fixture must parse: {diagnostics:?}"))
}

fn step<'p>(p: &'p Playbook, id: &str) -> &'p Step {
    p.steps().find(|s| s.id == id).unwrap_or_else(|| panic!("no step {id}"))
}

fn na(reason: &str) -> Mark {
    Mark::Na { reason: reason.into() }
}

fn started(now: Millis) -> (Playbook, Progress, String) {
    let p = playbook();
    let mut progress = Progress::default();
    let id = progress.start_run(&p, "  人事部 2026年度 パイロット ", run_id(now, 7), now).unwrap().id.clone();
    (p, progress, id)
}

#[test]
fn a_run_records_where_it_started() {
    let (p, progress, id) = started(1_000);
    let run = progress.run(&id).unwrap();
    assert_eq!(run.name.value, "人事部 2026年度 パイロット");
    assert_eq!(run.playbook, p.meta.id);
    assert_eq!(run.version, p.meta.version);
    assert_eq!(run.content_hash, playbook_hash(&p));
    assert_eq!(run.step_hashes.len(), p.step_count() + p.questions.len());
    assert_eq!(run.step_hashes["?listing"], p.question("listing").unwrap().hash, "questions too, for drift");
    assert_eq!(run.step_hashes["worksheet"], step(&p, "worksheet").hash);
    assert_eq!(run.tally(&p), Tally { done: 0, total: p.step_count() });
    assert_eq!(run.next_open(&p).map(|s| s.id.as_str()), Some("list-tickets"));
}

fn mark_done(run: &mut Run, step: &Step, at: Millis) {
    run.steps.insert(step.id.clone(), StepRecord { mark: Stamped::new(Mark::Done, at), ..Default::default() });
}

#[test]
fn the_current_step_is_the_wanted_one_else_the_first_open_else_the_first() {
    let (p, mut progress, id) = started(1);
    let current = |run: &Run, wanted| run.current_step(&p, wanted).map(|s| s.id.clone());
    let run = progress.run(&id).unwrap();
    assert_eq!(current(run, Some("worksheet")).as_deref(), Some("worksheet"));
    assert_eq!(current(run, Some("no-such-step")).as_deref(), Some("list-tickets"));
    assert_eq!(current(run, None).as_deref(), Some("list-tickets"));
    let run = progress.run_mut(&id).unwrap();
    mark_done(run, step(&p, "list-tickets"), 2);
    let second = p.steps().nth(1).unwrap().id.clone();
    assert_eq!(current(run, None), Some(second));
    for s in p.steps() {
        mark_done(run, s, 3);
    }
    assert_eq!(current(run, None).as_deref(), Some("list-tickets"), "all finished: the first step");
}

#[test]
fn steps_know_their_phase_and_their_neighbours() {
    let p = playbook();
    let ids: Vec<&str> = p.steps().map(|s| s.id.as_str()).collect();
    let beside = |id: &str, delta| p.step_beside(id, delta).map(|s| s.id.as_str());
    assert_eq!(beside(ids[0], -1), None);
    assert_eq!(beside(ids[0], 1), Some(ids[1]));
    assert_eq!(beside(ids[2], -2), Some(ids[0]));
    assert_eq!(beside(ids[ids.len() - 1], 1), None);
    assert_eq!(beside("no-such-step", 1), None);
    for phase in &p.phases {
        for s in &phase.steps {
            assert_eq!(p.phase_of(&s.id).map(|ph| ph.kind), Some(phase.kind), "{}", s.id);
            assert_eq!(p.step(&s.id).map(|found| &found.id), Some(&s.id));
        }
    }
    assert_eq!(p.phase_of("no-such-step").map(|ph| ph.kind), None);
    assert_eq!(p.phase_after(PhaseKind::Inventory).map(|ph| ph.kind), Some(PhaseKind::Pilot));
    assert_eq!(p.phase_after(PhaseKind::Rollout).map(|ph| ph.kind), None);
}

#[test]
fn a_phase_is_just_completed_only_by_the_change_that_completes_it() {
    let (p, mut progress, id) = started(1);
    let first = &p.phases[0];
    let (last, rest) = first.steps.split_last().unwrap();
    let run = progress.run_mut(&id).unwrap();
    let start = run.phases_complete(&p);
    for s in rest {
        mark_done(run, s, 2);
    }
    let almost = run.phases_complete(&p);
    assert_eq!(almost.just_completed(&start), None);
    mark_done(run, last, 3);
    let done = run.phases_complete(&p);
    assert_eq!(done.just_completed(&almost), Some(first.kind));
    assert_eq!(done.just_completed(&start), Some(first.kind));
    assert_eq!(done.just_completed(&done), None, "complete before and after: nothing new");
    // Reopened, then finished again: that is a new moment.
    run.steps.insert(last.id.clone(), StepRecord { mark: Stamped::new(Mark::Open, 4), ..Default::default() });
    let reopened = run.phases_complete(&p);
    assert_eq!(reopened.just_completed(&done), None);
    assert_eq!(done.just_completed(&reopened), Some(first.kind));
    // A comparison with nothing (the page just opened) finds nothing.
    assert_eq!(done.just_completed(&PhasesComplete::default()), None);
}

#[test]
fn names_are_required_and_bounded() {
    let p = playbook();
    let mut progress = Progress::default();
    assert_eq!(progress.start_run(&p, "   ", "r1".into(), 1).unwrap_err(), ProgressError::EmptyName);
    let long = "あ".repeat(MAX_NAME_CHARS + 1);
    assert_eq!(progress.start_run(&p, &long, "r1".into(), 1).unwrap_err(), ProgressError::NameTooLong);
    assert!(progress.start_run(&p, &"あ".repeat(MAX_NAME_CHARS), "r1".into(), 1).is_ok());
    assert_eq!(progress.rename("r1", "", 2).unwrap_err(), ProgressError::EmptyName);
    progress.rename("r1", "新しい名前", 2).unwrap();
    assert_eq!(progress.run("r1").unwrap().name.value, "新しい名前");
}

#[test]
fn done_needs_every_item_resolved() {
    let (p, mut progress, id) = started(1);
    let s = step(&p, "list-tickets");
    let run = progress.run_mut(&id).unwrap();
    let open = |text: &str, na_allowed| OpenItem { text: text.into(), na_allowed };
    assert_eq!(
        run.set_step(&p, s, Mark::Done, 2),
        Err(ProgressError::ItemsOpen {
            items: vec![open("一つ目", false), open("二つ目は対象外にできる", true)],
            step_na: false
        })
    );
    run.set_item(s, "first", Mark::Done, 3).unwrap();
    assert_eq!(
        run.set_step(&p, s, Mark::Done, 4),
        Err(ProgressError::ItemsOpen { items: vec![open("二つ目は対象外にできる", true)], step_na: false })
    );
    assert_eq!(run.set_item(s, "second", na(" "), 5), Err(ProgressError::ReasonRequired));
    run.set_item(s, "second", na(" 紙の問い合わせはない "), 5).unwrap();
    assert_eq!(run.item_mark(s, &s.items[1]), na("紙の問い合わせはない"));
    run.set_step(&p, s, Mark::Done, 6).unwrap();
    assert_eq!(run.phase_tally(&p.phases[0]).done, 1);
    // Unchecking an item reopens the step: done always means all resolved.
    run.set_item(s, "first", Mark::Open, 7).unwrap();
    assert_eq!(run.step_mark(s), Mark::Open);
    assert_eq!(run.set_item(s, "nope", Mark::Done, 8), Err(ProgressError::NoSuchItem));
}

#[test]
fn not_applicable_needs_permission_and_a_reason() {
    let (p, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    let plain = step(&p, "list-tickets");
    assert!(!plain.na_allowed);
    assert_eq!(run.set_step(&p, plain, na("理由"), 2), Err(ProgressError::NaNotAllowed));
    assert_eq!(run.set_item(plain, "first", na("理由"), 2), Err(ProgressError::NaNotAllowed));
    let optional = step(&p, "worksheet");
    assert_eq!(run.set_step(&p, optional, na(""), 2), Err(ProgressError::ReasonRequired));
    // A step not applicable needs no checked items.
    run.set_step(&p, optional, na("棚卸しは全社で済んでいる"), 2).unwrap();
    assert!(run.step_mark(optional).is_resolved());
    for error in [ProgressError::NaNotAllowed, ProgressError::ReasonRequired] {
        assert!(!error.message(Lang::Ja).is_empty() && !error.message(Lang::En).is_empty());
    }
}

#[test]
fn a_step_with_open_items_says_which_and_offers_only_the_ways_out_the_playbook_allows() {
    let (p, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    let s = step(&p, "list-tickets");
    run.set_item(s, "second", Mark::Done, 2).unwrap();
    // Only "first" is open, and it may not be skipped: no word of 対象外.
    let message = run.set_step(&p, s, Mark::Done, 3).unwrap_err().message(Lang::Ja);
    assert_eq!(
        message,
        "未完了のチェック項目が 1 件あります：「一つ目」。済んだ項目にチェックを付けてから、完了にしてください。"
    );
    assert!(!message.contains("対象外"));
    run.set_item(s, "second", Mark::Open, 4).unwrap();
    let message = run.set_step(&p, s, Mark::Done, 5).unwrap_err().message(Lang::Ja);
    assert!(
        message.ends_with("当てはまらない場合は、「二つ目は対象外にできる」を理由を添えて対象外にできます。"),
        "{message}"
    );
    let many = ProgressError::ItemsOpen {
        items: (1..=5).map(|i| OpenItem { text: format!("項目{i}"), na_allowed: false }).collect(),
        step_na: true,
    };
    assert_eq!(
        many.message(Lang::Ja),
        "未完了のチェック項目が 5 件あります：「項目1」「項目2」「項目3」 ほか 2 件。済んだ項目にチェックを付けてから、完了にしてください。このステップ全体を、理由を添えて対象外にすることもできます。"
    );
    assert!(many.message(Lang::En).contains("\"項目1\", \"項目2\", \"項目3\" and 2 more"));
}

#[test]
fn progress_under_an_earlier_id_carries_over_and_is_kept() {
    let (p, mut progress, id) = started(1);
    let s = step(&p, "worksheet");
    let run = progress.run_mut(&id).unwrap();
    let mut old = StepRecord { note: Stamped::new("旧版のメモ".into(), 1), ..Default::default() };
    old.items.insert("old-loose".into(), Stamped::new(Mark::Done, 1));
    run.steps.insert("old-worksheet".into(), old);
    assert_eq!(run.note(s), "旧版のメモ");
    let loose = s.items.iter().find(|i| i.id == "loose-item").unwrap();
    assert_eq!(run.item_mark(s, loose), Mark::Done);
    run.set_note(s, "新しいメモ", 2);
    assert_eq!(run.note(s), "新しいメモ");
    assert_eq!(run.steps["old-worksheet"].note.value, "旧版のメモ", "the old record is never dropped");
    assert_eq!(run.item_mark(s, loose), Mark::Done, "copied forward with the note change");
    assert!(run.orphaned(&p).is_empty(), "renamed ids are not orphans");
    run.steps.insert("removed-step".into(), StepRecord { note: Stamped::new("x".into(), 3), ..Default::default() });
    assert_eq!(run.orphaned(&p).iter().map(|(id, _)| *id).collect::<Vec<_>>(), ["removed-step"]);
}

#[test]
fn delete_can_be_undone_until_purged() {
    let (p, mut progress, id) = started(1);
    progress.delete(&id, 10).unwrap();
    assert!(progress.run(&id).is_none());
    assert!(progress.runs_of(&p.meta.id).is_empty());
    assert_eq!(progress.delete(&id, 11), Err(ProgressError::NoSuchRun));
    progress.restore(&id, 12).unwrap();
    assert_eq!(progress.runs_of(&p.meta.id).len(), 1);
    progress.delete(&id, 20).unwrap();
    progress.purge(20 + KEEP_DELETED_MS - 1);
    assert_eq!(progress.runs.len(), 1, "kept while undo is possible");
    progress.purge(20 + KEEP_DELETED_MS);
    assert!(progress.runs.is_empty());
}

#[test]
fn runs_of_a_playbook_are_listed_most_recent_first() {
    let (p, mut progress, first) = started(1);
    let second = progress.start_run(&p, "二つ目", "r2".into(), 2).unwrap().id.clone();
    assert_eq!(progress.runs_of(&p.meta.id).iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), [&second, &first]);
    progress.run_mut(&first).unwrap().set_note(step(&p, "worksheet"), "更新", 3);
    assert_eq!(progress.runs_of(&p.meta.id)[0].id, first);
    assert!(progress.runs_of("other").is_empty());
}

#[test]
fn replacing_names_the_runs_it_would_remove() {
    let (p, mut here, kept) = started(1);
    let gone = here.start_run(&p, "経理部", "r2".into(), 2).unwrap().id.clone();
    let mut file = here.clone();
    file.delete(&gone, 3).unwrap();
    here.start_run(&p, "総務部", "r3".into(), 4).unwrap();
    let lost: Vec<&str> = here.runs_missing_from(&file).map(|r| r.name.value.as_str()).collect();
    assert_eq!(lost, ["経理部", "総務部"]);
    assert!(here.runs_missing_from(&file).all(|r| r.id != kept));
    assert_eq!(file.runs_missing_from(&here).count(), 0);
}

#[test]
fn two_tabs_checking_different_steps_lose_neither() {
    let (p, base, id) = started(1);
    let (mut tab_a, mut tab_b) = (base.clone(), base);
    let a = step(&p, "list-tickets");
    let b = step(&p, "worksheet");
    tab_a.run_mut(&id).unwrap().set_item(a, "first", Mark::Done, 10).unwrap();
    tab_b.run_mut(&id).unwrap().set_note(b, "B のメモ", 11);
    tab_b.run_mut(&id).unwrap().set_item(a, "second", na("不要"), 12).unwrap();
    let mut merged_ab = tab_a.clone();
    merged_ab.merge(tab_b.clone());
    let mut merged_ba = tab_b;
    merged_ba.merge(tab_a);
    assert_eq!(merged_ab, merged_ba, "merge is order-independent");
    let run = merged_ab.run(&id).unwrap();
    assert_eq!(run.item_mark(a, &a.items[0]), Mark::Done);
    assert_eq!(run.item_mark(a, &a.items[1]), na("不要"));
    assert_eq!(run.note(b), "B のメモ");
}

#[test]
fn a_stale_copy_never_undoes_newer_work() {
    let (p, stale, id) = started(1);
    let mut fresh = stale.clone();
    let s = step(&p, "worksheet");
    fresh.run_mut(&id).unwrap().set_note(s, "新しい", 50);
    fresh.rename(&id, "改名", 51).unwrap();
    let mut merged = fresh.clone();
    merged.merge(stale.clone());
    assert_eq!(merged, fresh);
    let mut other_way = stale;
    other_way.merge(fresh.clone());
    assert_eq!(other_way, fresh);
    // A deletion made later wins over an older copy, and so does a restore.
    let mut deleted = fresh.clone();
    deleted.delete(&id, 60).unwrap();
    let mut m = fresh.clone();
    m.merge(deleted.clone());
    assert!(m.run(&id).is_none());
    deleted.restore(&id, 70).unwrap();
    m.merge(deleted);
    assert!(m.run(&id).is_some());
}

#[test]
fn runs_started_in_two_tabs_are_both_kept_in_creation_order() {
    let p = playbook();
    let (mut a, mut b) = (Progress::default(), Progress::default());
    a.start_run(&p, "A", "ra".into(), 20).unwrap();
    b.start_run(&p, "B", "rb".into(), 10).unwrap();
    a.merge(b);
    assert_eq!(a.runs.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["rb", "ra"]);
}

#[test]
fn stored_progress_round_trips() {
    let (p, mut progress, id) = started(1_763_700_000_000);
    let s = step(&p, "list-tickets");
    let run = progress.run_mut(&id).unwrap();
    run.set_item(s, "first", Mark::Done, 2).unwrap();
    run.set_note(s, "メモ\n二行目 <script>alert(1)</script>", 3);
    let text = encode(&progress);
    assert_eq!(decode(&text).unwrap(), progress);
}

#[test]
fn exports_round_trip_with_and_without_a_bom() {
    let (p, mut progress, id) = started(5);
    progress.run_mut(&id).unwrap().set_step(&p, step(&p, "worksheet"), na("済み"), 6).unwrap();
    let export = Export::new(progress, Some(Lang::En), 99);
    let text = export.to_json();
    assert_eq!(decode_export(&text).unwrap(), export);
    assert_eq!(decode_export(&format!("\u{feff}{text}")).unwrap(), export);
}

#[test]
fn bad_input_is_refused_with_its_place() {
    let err = decode_export("{\n  \"kind\": \"tebiki-export\",\n  \"progress\": {\"format\": 1, \"runs\": [}\n}")
        .unwrap_err();
    let DecodeError::Syntax { line, column, .. } = &err else { panic!("{err:?}") };
    assert_eq!((*line, *column), (3, 38));
    assert!(err.message(Lang::Ja).starts_with("3 行 38 列"), "{}", err.message(Lang::Ja));

    let wrong_type =
        "{\"kind\":\"tebiki-export\",\"exported\":1,\"lang\":null,\n\"progress\":{\"format\":1,\"runs\":[{\"id\":5}]}}";
    let err = decode_export(wrong_type).unwrap_err();
    assert!(matches!(err, DecodeError::Syntax { line: 2, .. }), "{err:?}");

    assert_eq!(decode_export("[1,2]").unwrap_err(), DecodeError::NotAnExport);
    assert_eq!(decode_export("{\"kind\":\"other\"}").unwrap_err(), DecodeError::NotAnExport);
    assert_eq!(decode("{\"runs\":[]}").unwrap_err(), DecodeError::NotAnExport);
    assert_eq!(decode("{\"format\":0,\"runs\":[]}").unwrap_err(), DecodeError::NotAnExport);
    let big = " ".repeat(MAX_IMPORT_BYTES + 1);
    assert_eq!(decode_export(&big).unwrap_err(), DecodeError::TooLarge(MAX_IMPORT_BYTES + 1));
    assert!(DecodeError::TooLarge(1).message(Lang::Ja).contains("10 MB"));
    // Deep nesting is refused by the JSON parser's depth limit, not a crash.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(decode_export(&deep).unwrap_err(), DecodeError::Syntax { .. }));
}

#[test]
fn rules_beyond_the_shape_are_checked_with_a_path() {
    let (p, progress, _) = started(1);
    let mut export = Export::new(progress.clone(), None, 1);
    export.progress.runs[0].name.value = " ".into();
    let err = decode_export(&export.to_json()).unwrap_err();
    assert_eq!(err, DecodeError::Invalid { path: "progress.runs[0].name".into(), what: ProgressError::EmptyName });

    let mut export = Export::new(progress.clone(), None, 1);
    let record = StepRecord { items: [("first".into(), Stamped::new(na(""), 1))].into(), ..Default::default() };
    export.progress.runs[0].steps.insert("list-tickets".into(), record);
    let err = decode_export(&export.to_json()).unwrap_err();
    assert!(err.message(Lang::En).starts_with("progress.runs[0].steps.list-tickets.items.first"), "{err:?}");

    let mut twice = progress.clone();
    twice.runs.push(twice.runs[0].clone());
    assert!(matches!(decode(&encode(&twice)).unwrap_err(), DecodeError::DuplicateRun(_)));

    let mut bad_id = progress;
    bad_id.runs[0].id = "a\"><script>".into();
    assert!(matches!(decode(&encode(&bad_id)).unwrap_err(), DecodeError::Invalid { .. }));
    let _ = p;
}

#[test]
fn a_newer_format_is_refused_not_misread() {
    let text = format!("{{\"format\":{},\"runs\":[],\"future\":true}}", FORMAT + 1);
    assert_eq!(decode(&text).unwrap_err(), DecodeError::Newer(FORMAT + 1));
    let export = format!("{{\"kind\":\"tebiki-export\",\"exported\":1,\"progress\":{text}}}");
    assert_eq!(decode_export(&export).unwrap_err(), DecodeError::Newer(FORMAT + 1));
    assert!(DecodeError::Newer(2).message(Lang::Ja).contains("新しい版"));
}

/// The first format, as a build of format 1 wrote it. Every later format
/// must still read this file (through `migrate`) with the same meaning.
#[test]
fn format_1_as_written_reads_back() {
    let v1 = r#"{"format":1,"runs":[{"id":"rmi8x2k0a7","playbook":"every-feature",
        "name":{"value":"経理 2026 試行","at":1763700000000},"created":1763700000000,
        "deleted":{"value":null,"at":0},"version":3,"content_hash":"0123456789abcdef",
        "step_hashes":{"list-tickets":"aaaaaaaaaaaaaaaa"},
        "steps":{"list-tickets":{"mark":{"value":{"mark":"done"},"at":1763700001000},
        "note":{"value":"メモ","at":1763700002000},
        "items":{"first":{"value":{"mark":"done"},"at":1763700000500},
        "second":{"value":{"mark":"na","reason":"紙はない"},"at":1763700000600}}}}}]}"#;
    let progress = decode(v1).unwrap();
    let p = playbook();
    let run = progress.run("rmi8x2k0a7").unwrap();
    let s = step(&p, "list-tickets");
    assert_eq!(run.step_mark(s), Mark::Done);
    assert_eq!(run.note(s), "メモ");
    assert_eq!(run.item_mark(s, &s.items[1]), na("紙はない"));
    assert_eq!(run.tally(&p).done, 1);
}

#[test]
fn run_ids_are_url_safe_and_ordered_by_time() {
    let a = run_id(1_763_700_000_000, 0);
    let b = run_id(1_763_700_000_001, u32::MAX);
    assert!(a.bytes().all(|c| c.is_ascii_alphanumeric()));
    assert!(a.len() < b.len() || a[..9] <= b[..9]);
    assert_ne!(run_id(5, 1), run_id(5, 2));
}

#[test]
fn tallies_round_down() {
    assert_eq!(Tally { done: 2, total: 3 }.percent(), 66);
    assert_eq!(Tally { done: 0, total: 0 }.percent(), 0);
    assert!(!Tally { done: 0, total: 0 }.complete());
    assert!(Tally { done: 3, total: 3 }.complete());
}

fn metric<'p>(p: &'p Playbook, id: &str) -> &'p crate::model::Metric {
    p.conditions.metrics.iter().find(|m| m.id == id).unwrap_or_else(|| panic!("no metric {id}"))
}

fn signature(name: &str, version: u32) -> Approval {
    Approval { name: name.into(), role: "部長".into(), date: "2026-11-20".into(), version, comment: String::new() }
}

fn task(name: &str) -> crate::inventory::Task {
    crate::inventory::tasks_from_table(format!("{name},総務,案内,30,10,1,,メール,").as_bytes()).unwrap().remove(0)
}

#[test]
fn the_pilot_gate_needs_baselines_then_signatures() {
    let (mut p, mut progress, id) = started(1);
    // A baseline the playbook states counts; without them, the team records its own.
    assert_eq!(progress.run(&id).unwrap().gate(&p, PILOT_GATE).len(), 2, "signatures only");
    for m in &mut p.conditions.metrics {
        m.baseline = None;
    }
    let run = progress.run_mut(&id).unwrap();
    let start = step(&p, "approve-start");
    let measure = step(&p, "measure");
    let missing = run.gate(&p, PILOT_GATE);
    assert_eq!(missing.len(), 4, "two baselines and two signatures: {missing:?}");
    assert!(
        !missing.contains(&Missing::Baseline("draft-use".into())),
        "a metric measured from the pilot has no baseline to wait for"
    );
    assert_eq!(missing[0], Missing::Baseline("tickets".into()));
    // Each missing thing leads to the step where it is entered.
    assert_eq!(missing[0].step(&p).map(|s| s.id.as_str()), Some("measure"));
    assert_eq!(missing[3].step(&p).map(|s| s.id.as_str()), Some("approve-start"));
    assert_eq!(Missing::Baseline("nowhere".into()).step(&p), None);
    // Behind the closed gate nothing in the pilot can be finished.
    assert_eq!(run.blocking_gate(&p, measure), Some(PILOT_GATE));
    assert_eq!(run.set_step(&p, measure, Mark::Done, 2), Err(ProgressError::GateClosed(PILOT_GATE.into())));
    assert_eq!(run.sign(&p, start, "ciso", signature("佐藤", 12), 2), Err(ProgressError::BaselinesMissing(2)));

    run.set_baseline(metric(&p, "tickets"), Some(1200.0), 3).unwrap();
    assert_eq!(run.set_baseline(metric(&p, "fcr"), Some(f64::NAN), 3), Err(ProgressError::NotANumber));
    run.set_baseline(metric(&p, "fcr"), Some(40.0), 3).unwrap();
    assert_eq!(run.sign(&p, start, "nobody", signature("佐藤", 12), 4), Err(ProgressError::NotAnApprover));
    assert_eq!(run.sign(&p, start, "ciso", signature(" ", 12), 4), Err(ProgressError::EmptyName));
    let mut bad_date = signature("佐藤", 12);
    bad_date.date = "2026-02-30".into();
    assert_eq!(run.sign(&p, start, "ciso", bad_date, 4), Err(ProgressError::InvalidDate));
    run.sign(&p, start, "ciso", signature(" 佐藤 ", 12), 4).unwrap();
    assert_eq!(run.approval(start, "ciso").unwrap().name, "佐藤");
    assert_eq!(run.set_step(&p, start, Mark::Done, 5), Err(ProgressError::GateClosed(PILOT_GATE.into())));
    run.sign(&p, start, "it-director", signature("鈴木", 11), 5).unwrap();
    assert!(run.gate(&p, PILOT_GATE).is_empty());
    run.set_step(&p, start, Mark::Done, 6).unwrap();
    assert_eq!(run.blocking_gate(&p, measure), None);
    run.set_step(&p, measure, Mark::Done, 7).unwrap();

    // Taking a signature back closes the gate and reopens the step.
    run.unsign(start, "ciso", 8);
    assert_eq!(run.step_mark(start), Mark::Open);
    assert_eq!(
        run.gate(&p, PILOT_GATE),
        vec![Missing::Signature { step: "approve-start".into(), approver: "ciso".into() }]
    );
    // The rollout gate only waits for its own signature.
    assert_eq!(run.gate(&p, ROLLOUT_GATE).len(), 1);
}

#[test]
fn measurements_targets_and_roi() {
    let (p, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    let tickets = metric(&p, "tickets");
    assert_eq!(run.target(tickets), Some(800.5));
    run.set_target(tickets, Some(700.0), 2).unwrap();
    assert_eq!(run.target(tickets), Some(700.0));
    assert_eq!(run.add_measurement(tickets, "2026-13-01", 1.0, 3, 0), Err(ProgressError::InvalidDate));
    let late = run.add_measurement(tickets, "2026-12-01", 900.0, 3, 1).unwrap();
    run.add_measurement(tickets, "2026-11-01", 1000.0, 4, 2).unwrap();
    let dates: Vec<&str> = run.measurements(tickets).iter().map(|(_, m)| m.date.as_str()).collect();
    assert_eq!(dates, vec!["2026-11-01", "2026-12-01"]);
    assert_eq!(run.latest(tickets).unwrap().value, 900.0);
    run.remove_measurement(tickets, &late, 5).unwrap();
    assert_eq!(run.latest(tickets).unwrap().value, 1000.0);
    assert_eq!(run.remove_measurement(tickets, &late, 6), Err(ProgressError::NoSuchItem));

    // No hours metric in this playbook: hours saved come from the team.
    assert_eq!(run.roi_view(&p), RoiView::default());
    run.set_roi(Roi { hourly_cost: Some(3000.0), tool_cost: Some(20000.0), hours_saved: Some(12.5) }, 7).unwrap();
    let view = run.roi_view(&p);
    assert_eq!(view.monthly_value, Some(37500.0));
    assert_eq!(view.net, Some(17500.0));
    assert_eq!(
        run.set_roi(Roi { hourly_cost: Some(f64::INFINITY), ..Roi::default() }, 8),
        Err(ProgressError::NotANumber)
    );
}

#[test]
fn roi_hours_come_from_an_hours_per_month_metric() {
    let mut p = playbook();
    p.conditions.metrics[0].unit = "時間/月".into();
    let mut progress = Progress::default();
    let run_id = progress.start_run(&p, "a", "r1".into(), 1).unwrap().id.clone();
    let run = progress.run_mut(&run_id).unwrap();
    let hours = p.conditions.metrics[0].clone();
    run.set_baseline(&hours, Some(60.0), 2).unwrap();
    run.add_measurement(&hours, "2026-12-01", 45.0, 3, 0).unwrap();
    run.set_roi(Roi { hourly_cost: Some(2000.0), tool_cost: Some(10000.0), hours_saved: None }, 4).unwrap();
    let view = run.roi_view(&p);
    assert_eq!((view.hours_saved, view.from_metric.as_deref()), (Some(15.0), Some("tickets")));
    assert_eq!(view.net, Some(20000.0));
}

#[test]
fn worksheet_tasks_add_replace_remove_and_merge() {
    let (_, mut progress, id) = started(1);
    let mut other = progress.clone();
    let run = progress.run_mut(&id).unwrap();
    let ids = run.add_tasks(vec![task("住所変更"), task("名刺発注")], 2, 9).unwrap();
    assert_eq!(run.tasks().iter().map(|(_, t)| t.name.as_str()).collect::<Vec<_>>(), vec!["住所変更", "名刺発注"]);
    let mut bad = task("x");
    bad.minutes = -1.0;
    assert_eq!(
        run.add_tasks(vec![task("ok"), bad], 3, 0),
        Err(ProgressError::InvalidTask(crate::inventory::Field::Minutes))
    );
    assert_eq!(run.tasks().len(), 2, "nothing half-added");
    let removed = run.remove_task(&ids[0], 4).unwrap();
    assert_eq!(run.tasks().len(), 1);
    run.restore_task(&ids[0], removed, 5);
    assert_eq!(run.tasks()[0].0, ids[0]);
    run.set_theme(Some(Theme { task: "住所変更".into(), department: "総務".into() }), 6).unwrap();

    // Another tab replaced the sheet earlier; this tab's later edits win per task.
    other.run_mut(&id).unwrap().add_tasks(vec![task("別タブ")], 3, 1).unwrap();
    progress.merge(other);
    let run = progress.run(&id).unwrap();
    assert_eq!(run.tasks().len(), 3);
    assert_eq!(run.theme.value.as_ref().unwrap().department, "総務");
    let run = progress.run_mut(&id).unwrap();
    run.import_tasks(vec![task("新しい表")], TaskImport::Replace, 7, 2).unwrap();
    assert_eq!(run.tasks().iter().map(|(_, t)| t.name.as_str()).collect::<Vec<_>>(), vec!["新しい表"]);
    assert_eq!(run.updated(), 7);
}

#[test]
fn pasting_the_corrected_sheet_again_updates_its_tasks_instead_of_doubling_them() {
    let (_, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    let sheet = vec![task("住所変更"), task("名刺発注"), task("鍵の貸出")];
    run.import_tasks(sheet.clone(), TaskImport::Add, 2, 1).unwrap();
    let mut corrected = sheet.clone();
    corrected[1].minutes = 25.0;
    corrected.push(task("社用車の予約"));
    let preview = run.preview_tasks(&corrected);
    assert_eq!(preview, TaskPreview { current: 3, unchanged: 2, changed: 1, new: 1 });
    assert_eq!(preview.matching(), 3);

    let before = run.clone();
    let outcome = run.import_tasks(corrected.clone(), TaskImport::Update, 3, 2).unwrap();
    let names: Vec<&str> = run.tasks().iter().map(|(_, t)| t.name.as_str()).collect();
    assert_eq!(names, ["住所変更", "名刺発注", "鍵の貸出", "社用車の予約"], "no row twice, the order kept");
    assert_eq!(run.tasks()[1].1.minutes, 25.0);
    assert_eq!((outcome.added.len(), outcome.updated.len(), outcome.removed.len()), (1, 1, 0));
    run.undo_import(&outcome, 4);
    assert_eq!(run.tasks(), before.tasks(), "undo puts the sheet back");

    // The same department matters: 経理's 住所変更 is another task.
    let mut elsewhere = task("住所変更");
    elsewhere.department = "経理".into();
    assert_eq!(run.preview_tasks(&[elsewhere]).new, 1);

    // Replace says what it removed, and is undone too.
    let outcome = run.import_tasks(vec![task("新しい表")], TaskImport::Replace, 5, 3).unwrap();
    assert_eq!((outcome.added.len(), outcome.removed.len()), (1, 3));
    run.undo_import(&outcome, 6);
    assert_eq!(
        run.tasks().iter().map(|(_, t)| t.name.as_str()).collect::<Vec<_>>(),
        ["住所変更", "名刺発注", "鍵の貸出"]
    );
    // Adding keeps doubling possible when that is what the team asks for.
    run.import_tasks(sheet, TaskImport::Add, 7, 4).unwrap();
    assert_eq!(run.tasks().len(), 6);
}

#[test]
fn the_current_format_round_trips_and_checks_formats_2_and_3_fields() {
    let (p, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    run.add_tasks(vec![task("住所変更")], 2, 0).unwrap();
    run.set_baseline(metric(&p, "tickets"), Some(1.5), 3).unwrap();
    run.set_baseline(metric(&p, "fcr"), Some(40.0), 3).unwrap();
    run.sign(&p, step(&p, "approve-start"), "ciso", signature("佐藤", 12), 4).unwrap();
    let text = encode(&progress);
    assert!(text.starts_with(&format!("{{\"format\":{FORMAT},")));
    assert_eq!(decode(&text).unwrap(), progress);
    // A format-2 value is a format-3 value without a prerequisite, and a
    // format-3 value a format-4 one without tasks' data classes.
    for older in [2, 3] {
        let older = decode(&text.replacen(&format!("{{\"format\":{FORMAT},"), &format!("{{\"format\":{older},"), 1));
        assert_eq!(older.unwrap(), progress);
    }

    let broken = text.replace("\"2026-11-20\"", "\"20-11-2026\"");
    let err = decode(&broken).unwrap_err();
    assert!(
        matches!(&err, DecodeError::Invalid { path, what: ProgressError::InvalidDate } if path.ends_with("approvals.ciso")),
        "{err:?}"
    );
    let broken = text.replace("\"minutes\":10", "\"minutes\":-10");
    assert!(matches!(decode(&broken).unwrap_err(), DecodeError::Invalid { what: ProgressError::InvalidTask(_), .. }));
}

#[test]
fn format_4_keeps_what_a_task_handles_and_its_checking_time() {
    let (_, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    let mut sheet = task("給与の問い合わせ");
    sheet.data = Some(crate::inventory::DataClass::Sensitive);
    sheet.check_minutes = Some(4.5);
    run.add_tasks(vec![sheet.clone(), task("備品の案内")], 2, 0).unwrap();
    let text = encode(&progress);
    assert!(text.contains("\"data\":\"sensitive\",\"check_minutes\":4.5"), "{text}");
    let back = decode(&text).unwrap();
    assert_eq!(back, progress);
    assert!(back.run(&id).unwrap().tasks().iter().any(|(_, t)| **t == sheet));
    // A task without them writes neither key, as format 3 did (the sheet is
    // written twice: in the worksheet and in the history of its addition).
    assert_eq!(text.matches("\"data\":").count(), 2);
    let broken = text.replace("\"check_minutes\":4.5", "\"check_minutes\":-1");
    assert!(matches!(decode(&broken).unwrap_err(), DecodeError::Invalid { what: ProgressError::InvalidTask(_), .. }));
    let unknown = text.replace("\"data\":\"sensitive\"", "\"data\":\"secret\"");
    assert!(matches!(decode(&unknown).unwrap_err(), DecodeError::Syntax { .. }), "an unknown class is refused");
}

#[test]
fn dates_are_real_days() {
    assert!(valid_date("2024-02-29"));
    assert!(!valid_date("2023-02-29"));
    assert!(!valid_date("2026-1-01"));
    assert!(!valid_date("2026-01-32"));
    assert!(!valid_date("２０２６-01-01"));
    assert!(!valid_date("+026-01-01"));
}

#[test]
fn drift_shows_changed_added_renamed_and_removed_steps_until_accepted() {
    let (p, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    run.set_note(step(&p, "list-tickets"), "元のメモ", 2);
    assert!(run.drift(&p).is_empty());

    let mut next = p.clone();
    next.meta.version += 1;
    let steps = &mut next.phases[0].steps;
    steps[1].hash.push_str("-changed");
    let removed = steps.remove(0); // list-tickets
    let renamed = &mut next.phases[1].steps[0];
    let old_id = renamed.id.clone();
    renamed.renamed_from.push(old_id.clone());
    renamed.id = "measure-monthly".into();
    let mut added = next.phases[2].steps[0].clone();
    added.id = "new-step".into();
    added.renamed_from.clear();
    next.phases[2].steps.push(added);

    let drift = run.drift(&next);
    assert_eq!(drift.from_version, p.meta.version);
    assert_eq!(drift.to_version, p.meta.version + 1);
    assert_eq!(
        drift.steps,
        vec![
            ("worksheet".into(), StepDrift::Changed),
            ("measure-monthly".into(), StepDrift::Renamed { from: old_id, changed: false }),
            ("new-step".into(), StepDrift::Added),
        ]
    );
    assert_eq!(drift.removed, vec![removed.id.clone()]);
    // The removed step's note is still there, listed as orphaned.
    assert_eq!(
        run.orphaned(&next).iter().map(|(id, r)| (*id, r.note.value.as_str())).collect::<Vec<_>>(),
        vec![("list-tickets", "元のメモ")]
    );

    // Step by step, then everything.
    run.accept_step(step(&next, "worksheet"), 3);
    assert_eq!(run.drift(&next).steps.len(), 2);
    run.accept_all(&next, 4);
    let after = run.drift(&next);
    assert!(after.is_empty(), "{after:?}");
    assert_eq!(after.from_version, next.meta.version);
    assert_eq!(run.orphaned(&next).len(), 1, "accepting changes nothing recorded");
    // Another tab's copy learns the acceptance by merging.
    let mut other = Progress::default();
    other.runs.push(progress.run(&id).unwrap().clone());
    other.runs[0].accepted.clear();
    other.merge(progress.clone());
    assert!(other.run(&id).unwrap().drift(&next).is_empty());
}

#[test]
fn progress_under_two_former_ids_is_never_hidden() {
    let (p, mut progress, id) = started(1);
    let run = progress.run_mut(&id).unwrap();
    let a = step(&p, "list-tickets").clone();
    let mut b = a.clone();
    b.id = "b".into();
    run.set_note(&a, "under a", 2);
    run.set_note(&b, "under b", 3);
    // Both merged into one step that lists a first.
    let mut c = a.clone();
    c.id = "c".into();
    c.renamed_from = vec!["list-tickets".into(), "b".into()];
    let mut next = p.clone();
    next.phases[0].steps[0] = c.clone();
    assert_eq!(run.note(&c), "under b", "the most recent former record is read");
    let orphaned: Vec<&str> = run.orphaned(&next).iter().map(|(_, r)| r.note.value.as_str()).collect();
    assert_eq!(orphaned, vec!["under a"], "the other one is listed, not hidden");
    // Writing under the new id copies the read record forward; `a` stays listed.
    run.set_note(&c, "under c", 4);
    assert_eq!(run.orphaned(&next).len(), 1);
}

mod edits {
    use proptest::prelude::*;

    use super::*;

    #[derive(Debug, Clone)]
    enum Edit {
        Note(usize),
        Check(usize),
        Remove(usize),
        Rename(usize),
        RenameForgettingOlderIds(usize),
        ChangeText(usize),
        Reorder(usize, usize),
        Add(usize),
        AcceptAll,
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            3 => (0..64usize).prop_map(Edit::Note),
            1 => (0..64usize).prop_map(Edit::Check),
            1 => (0..64usize).prop_map(Edit::Remove),
            1 => (0..64usize).prop_map(Edit::Rename),
            1 => (0..64usize).prop_map(Edit::RenameForgettingOlderIds),
            1 => (0..64usize).prop_map(Edit::ChangeText),
            1 => (0..64usize, 0..64usize).prop_map(|(a, b)| Edit::Reorder(a, b)),
            1 => (0..64usize).prop_map(Edit::Add),
            1 => Just(Edit::AcceptAll),
        ]
    }

    /// (phase, index) of the `n`th step, wrapping.
    fn locate(p: &Playbook, n: usize) -> (usize, usize) {
        let total = p.step_count();
        let mut n = n % total;
        for (i, phase) in p.phases.iter().enumerate() {
            if n < phase.steps.len() {
                return (i, n);
            }
            n -= phase.steps.len();
        }
        unreachable!()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Whatever the author does to the playbook (add, remove, rename,
        /// reorder, retitle, change text) and whenever the team accepts,
        /// no note, check or approval a team entered is ever lost: it shows
        /// on its step or in the orphaned list.
        #[test]
        fn no_progress_is_lost_under_playbook_edits(edits in proptest::collection::vec(edit(), 1..40)) {
            let (mut p, mut progress, id) = started(1);
            // Logical identity of each step, across renames; the last note
            // entered per logical step; whether its full rename history is kept.
            let mut logical: BTreeMap<String, usize> =
                p.steps().enumerate().map(|(i, s)| (s.id.clone(), i)).collect();
            let mut next_logical = logical.len();
            let mut notes: BTreeMap<usize, String> = BTreeMap::new();
            let mut full_history: BTreeMap<usize, bool> = logical.values().map(|l| (*l, true)).collect();
            let mut fresh = 0;
            for (at, e) in edits.into_iter().enumerate() {
                let now = 10 + at as Millis;
                let run = progress.run_mut(&id).unwrap();
                match e {
                    Edit::Note(n) => {
                        let (ph, i) = locate(&p, n);
                        let s = &p.phases[ph].steps[i];
                        let text = format!("note {at}");
                        run.set_note(s, &text, now);
                        notes.insert(logical[&s.id], text);
                    }
                    Edit::Check(n) => {
                        let (ph, i) = locate(&p, n);
                        let s = p.phases[ph].steps[i].clone();
                        if let Some(item) = s.items.first() {
                            run.set_item(&s, &item.id.clone(), Mark::Done, now).unwrap();
                        }
                    }
                    Edit::Remove(n) => {
                        let (ph, i) = locate(&p, n);
                        if p.phases[ph].steps.len() > 1 {
                            let s = p.phases[ph].steps.remove(i);
                            logical.remove(&s.id);
                        }
                    }
                    Edit::Rename(n) | Edit::RenameForgettingOlderIds(n) => {
                        let (ph, i) = locate(&p, n);
                        let s = &mut p.phases[ph].steps[i];
                        fresh += 1;
                        let new_id = format!("renamed-{fresh}");
                        let l = logical.remove(&s.id).unwrap();
                        if matches!(e, Edit::RenameForgettingOlderIds(_)) {
                            s.renamed_from = vec![s.id.clone()];
                            full_history.insert(l, false);
                        } else {
                            s.renamed_from.push(s.id.clone());
                        }
                        s.id = new_id.clone();
                        logical.insert(new_id, l);
                    }
                    Edit::ChangeText(n) => {
                        let (ph, i) = locate(&p, n);
                        let s = &mut p.phases[ph].steps[i];
                        s.title.push('!');
                        s.hash = format!("{}-{at}", s.hash);
                    }
                    Edit::Reorder(a, b) => {
                        let (pa, ia) = locate(&p, a);
                        let (pb, ib) = locate(&p, b);
                        if pa == pb {
                            p.phases[pa].steps.swap(ia, ib);
                        }
                    }
                    Edit::Add(n) => {
                        let (ph, i) = locate(&p, n);
                        let mut s = p.phases[ph].steps[i].clone();
                        fresh += 1;
                        s.id = format!("added-{fresh}");
                        s.renamed_from.clear();
                        s.hash = format!("hash-{fresh}");
                        for item in &mut s.items {
                            item.id = format!("{}-{fresh}", item.id);
                        }
                        logical.insert(s.id.clone(), next_logical);
                        full_history.insert(next_logical, true);
                        next_logical += 1;
                        p.phases[ph].steps.insert(i, s);
                    }
                    Edit::AcceptAll => {
                        run.accept_all(&p, now);
                        prop_assert!(run.drift(&p).is_empty());
                    }
                }
                let run = progress.run(&id).unwrap();
                let orphaned: Vec<&str> = run.orphaned(&p).iter().map(|(_, r)| r.note.value.as_str()).collect();
                let alive: BTreeMap<usize, &Step> = p.steps().map(|s| (logical[&s.id], s)).collect();
                for (l, text) in &notes {
                    let on_step = alive.get(l).is_some_and(|s| run.note(s) == text);
                    prop_assert!(on_step || orphaned.contains(&text.as_str()), "note {text:?} of step {l} is lost");
                    if full_history[l] && alive.contains_key(l) {
                        prop_assert!(on_step, "note {text:?} of step {l} should still show on its step");
                    }
                }
                // Every step the playbook has now is accounted for by the drift.
                let drift = run.drift(&p);
                for s in p.steps() {
                    let listed = drift.steps.iter().any(|(id, _)| *id == s.id);
                    prop_assert_eq!(listed, run.step_drift(s) != StepDrift::Unchanged);
                }
            }
        }
    }
}

#[test]
fn backups_are_due_when_unexported_work_is_a_week_old() {
    const DAY: Millis = 24 * 60 * 60 * 1000;
    let (p, mut progress, id) = started(DAY);
    assert!(!progress.backup_due(None, 7 * DAY), "six days of work");
    assert!(progress.backup_due(None, 8 * DAY), "a week of work, never exported");
    assert!(!progress.backup_due(Some(8 * DAY), 20 * DAY), "exported since, nothing changed");
    progress.run_mut(&id).unwrap().set_note(step(&p, "list-tickets"), "新しいメモ", 9 * DAY);
    assert!(!progress.backup_due(Some(8 * DAY), 14 * DAY), "changed after the export, six days ago");
    assert!(progress.backup_due(Some(8 * DAY), 15 * DAY));
    progress.delete(&id, 15 * DAY).unwrap();
    assert!(!progress.backup_due(Some(8 * DAY), 30 * DAY), "deleted runs do not count");
    assert!(!Progress::default().backup_due(None, 100 * DAY));
}

/// The fixture, requiring the minimal fixture to be finished before its pilot.
fn requiring() -> (Playbook, Playbook) {
    let mut p = playbook();
    p.meta.requires = Some("minimal".into());
    let required = crate::parse(include_str!("../../tests/fixtures/valid/minimal.md")).0.unwrap();
    (p, required)
}

fn elsewhere(by: &str, date: &str, reference: &str) -> Prerequisite {
    Prerequisite::Elsewhere { by: by.into(), date: date.into(), reference: reference.into() }
}

#[test]
fn the_pilot_gate_waits_for_the_required_playbook_done_elsewhere() {
    let (p, required) = requiring();
    let mut progress = Progress::default();
    let id = progress.start_run(&p, "人事", "r1".into(), 1).unwrap().id.clone();
    let run = progress.run_mut(&id).unwrap();
    let missing = run.gate(&p, PILOT_GATE);
    assert_eq!(missing[0], Missing::Prerequisite("minimal".into()), "{missing:?}");
    assert_eq!(missing[0].step(&p).map(|s| s.id.as_str()), Some("approve-start"), "shown at the pilot gate");
    assert!(run.gate(&p, ROLLOUT_GATE).iter().all(|m| !matches!(m, Missing::Prerequisite(_))));

    // What is recorded is checked, and nothing is recorded when it is wrong.
    assert_eq!(run.set_prerequisite(&p, Some(elsewhere(" ", "2026-11-02", "")), 2), Err(ProgressError::EmptyName));
    assert_eq!(run.set_prerequisite(&p, Some(elsewhere("佐藤", "11/2", "")), 2), Err(ProgressError::InvalidDate));
    let long = "あ".repeat(MAX_APPROVAL_CHARS + 1);
    assert_eq!(
        run.set_prerequisite(&p, Some(elsewhere("佐藤", "2026-11-02", &long)), 2),
        Err(ProgressError::TooLong(MAX_APPROVAL_CHARS))
    );
    assert_eq!(run.prerequisite(), None);
    assert_eq!(
        run.set_prerequisite(&required, Some(elsewhere("佐藤", "2026-11-02", "")), 2),
        Err(ProgressError::NoPrerequisite),
        "a playbook that requires nothing records nothing"
    );

    run.set_prerequisite(&p, Some(elsewhere(" 情報システム部 佐藤 ", "2026-11-02", " 稟議 2026-118 ")), 3).unwrap();
    assert_eq!(run.prerequisite(), Some(&elsewhere("情報システム部 佐藤", "2026-11-02", "稟議 2026-118")));
    assert!(run.gate(&p, PILOT_GATE).iter().all(|m| !matches!(m, Missing::Prerequisite(_))));

    // It travels in the stored form and merges like any other value.
    let text = encode(&progress);
    assert_eq!(decode(&text).unwrap(), progress);
    let broken = text.replace("\"2026-11-02\"", "\"2026-13-02\"");
    assert!(matches!(
        decode(&broken),
        Err(DecodeError::Invalid { path, what: ProgressError::InvalidDate }) if path == "runs[0].prerequisite"
    ));
    let mut other = decode(&text).unwrap();
    other.run_mut(&id).unwrap().set_prerequisite(&p, None, 4).unwrap();
    progress.merge(other);
    assert_eq!(progress.run(&id).unwrap().prerequisite(), None, "the later change wins");
}

#[test]
fn a_finished_run_of_the_required_playbook_in_this_browser_meets_it() {
    let (p, required) = requiring();
    let mut progress = Progress::default();
    let id = progress.start_run(&p, "人事", "r1".into(), 1).unwrap().id.clone();
    let tool = progress.start_run(&required, "全社 ツール審査", "t1".into(), 2).unwrap().id.clone();
    assert_eq!(progress.finished_run_of(&required), None);
    assert_eq!(
        progress.use_finished_run(&id, &p, &required, "2026-12-01", 3),
        Err(ProgressError::PrerequisiteNotFinished)
    );

    let run = progress.run_mut(&tool).unwrap();
    let mut at = 10;
    for s in required.steps() {
        if let StepKind::Approval { approvers, .. } = &s.kind {
            for a in approvers {
                run.sign(&required, s, a, signature("鈴木", 1), at).unwrap();
            }
        }
        at += 1;
        run.set_step(&required, s, Mark::Done, at).unwrap();
    }
    assert_eq!(
        progress.finished_run_of(&required).map(|(r, at)| (r.id.as_str(), at)),
        Some(("t1", 14)),
        "when its last step was done"
    );
    // A playbook that does not require it cannot take it.
    assert_eq!(
        progress.use_finished_run(&tool, &required, &required, "2026-12-01", 20),
        Err(ProgressError::NoPrerequisite)
    );
    assert_eq!(progress.use_finished_run(&id, &p, &required, "12/1", 20), Err(ProgressError::InvalidDate));
    progress.use_finished_run(&id, &p, &required, "2026-12-01", 20).unwrap();
    let run = progress.run(&id).unwrap();
    assert_eq!(
        run.prerequisite(),
        Some(&Prerequisite::Run { run: "t1".into(), name: "全社 ツール審査".into(), date: "2026-12-01".into() })
    );
    assert!(run.gate(&p, PILOT_GATE).iter().all(|m| !matches!(m, Missing::Prerequisite(_))));
}

fn by(name: &str, at: Millis) -> Stamp {
    Stamp { at, by: Person::new(name, "課長") }
}

fn kinds(run: &Run) -> Vec<(&str, Option<&str>, Millis)> {
    run.history.iter().map(|e| (e.by.name.as_str(), e.step.as_deref(), e.at)).collect()
}

#[test]
fn every_change_records_who_when_which_step_and_what() {
    let p = playbook();
    let mut progress = Progress::default();
    progress.start_run(&p, "人事部 パイロット", "r1".into(), by("佐藤", 1)).unwrap();
    let s = step(&p, "list-tickets");
    let run = progress.run_mut("r1").unwrap();
    run.set_item(s, &s.items[0].id, Mark::Done, by("鈴木", 2)).unwrap();
    run.set_note(s, "一次回答は AI の下書き", by("鈴木", 3));
    run.add_tasks(vec![task("給与の問い合わせ")], by("田中", 4), 7).unwrap();
    run.set_baseline(metric(&p, p.conditions.metrics[0].id.as_str()), Some(40.0), by("田中", 5)).unwrap();
    progress.rename("r1", "人事部 パイロット（本番）", by("佐藤", 6)).unwrap();
    let run = progress.run("r1").unwrap();
    assert_eq!(
        kinds(run),
        vec![
            ("佐藤", None, 1),
            ("鈴木", Some("list-tickets"), 2),
            ("鈴木", Some("list-tickets"), 3),
            ("田中", None, 4),
            ("田中", None, 5),
            ("佐藤", None, 6),
        ]
    );
    assert!(run.history.iter().all(|e| e.version == p.meta.version && e.by.role == "課長"));
    assert_eq!(run.history[0].did, Event::Started { name: "人事部 パイロット".into() });
    assert_eq!(run.history[1].did, Event::Item { item: s.items[0].id.clone(), mark: Mark::Done });
    assert_eq!(run.history[2].did, Event::Note { text: "一次回答は AI の下書き".into() });
    assert!(matches!(&run.history[3].did, Event::Task { value: Some(t), .. } if t.name == "給与の問い合わせ"));
    assert_eq!(run.history[5].did, Event::Renamed { name: "人事部 パイロット（本番）".into() });
    // A refused change records nothing.
    let before = run.history.len();
    let run = progress.run_mut("r1").unwrap();
    assert!(run.set_step(&p, s, Mark::Done, by("鈴木", 7)).is_err());
    assert_eq!(run.history.len(), before);
}

#[test]
fn a_note_typed_key_by_key_is_one_entry_until_someone_or_something_else_comes_between() {
    let (p, mut progress, id) = started(1);
    let s = step(&p, "list-tickets");
    let other = step(&p, "worksheet");
    let run = progress.run_mut(&id).unwrap();
    let start = run.history.len();
    for (i, text) in ["一", "一次", "一次回答"].into_iter().enumerate() {
        run.set_note(s, text, by("鈴木", 10 + i as Millis));
    }
    assert_eq!(run.history.len(), start + 1);
    let entry = run.history.last().unwrap();
    assert_eq!((entry.began(), entry.at), (10, 12));
    assert_eq!(entry.did, Event::Note { text: "一次回答".into() });
    // Another person, another step, a pause, or another change between: a new entry.
    run.set_note(s, "一次回答（確認済み）", by("田中", 13));
    run.set_note(other, "表は共有フォルダ", by("田中", 14));
    run.set_note(other, "表は共有フォルダに置く", by("田中", 14 + NOTE_SERIES_MS + 1));
    run.set_item(s, &s.items[0].id, Mark::Done, by("田中", 20 + NOTE_SERIES_MS)).unwrap();
    run.set_note(other, "表は共有フォルダに置いた", by("田中", 21 + NOTE_SERIES_MS));
    assert_eq!(run.history.len(), start + 6);
    // Setting the same text again records nothing.
    run.set_note(other, "表は共有フォルダに置いた", by("田中", 22 + NOTE_SERIES_MS));
    assert_eq!(run.history.len(), start + 6);
}

#[test]
fn histories_merge_by_union_each_entry_once_and_the_furthest_series_wins() {
    let (p, mut base, id) = started(1);
    let s = step(&p, "list-tickets");
    base.run_mut(&id).unwrap().set_note(s, "共有前", by("佐藤", 2));
    let (mut a, mut b) = (base.clone(), base.clone());
    // A keeps typing the note it shared; B checks an item meanwhile.
    a.run_mut(&id).unwrap().set_note(s, "共有前から続けて", by("佐藤", 3));
    b.run_mut(&id).unwrap().set_item(s, &s.items[0].id, Mark::Done, by("鈴木", 4)).unwrap();
    let mut ab = a.clone();
    ab.merge(b.clone());
    let mut ba = b.clone();
    ba.merge(a.clone());
    assert_eq!(ab, ba, "the order of merging does not matter");
    let history = &ab.run(&id).unwrap().history;
    assert_eq!(history.len(), 3, "started, the note series, the item: {history:?}");
    assert!(history.iter().any(|e| e.did == Event::Note { text: "共有前から続けて".into() }));
    assert!(!history.iter().any(|e| e.did == Event::Note { text: "共有前".into() }), "the series went further");
    assert!(history.windows(2).all(|w| w[0].at <= w[1].at), "in time order");
    // Merging again, or with an older copy, changes nothing.
    let mut again = ab.clone();
    again.merge(ab.clone());
    again.merge(base.clone());
    again.merge(a);
    assert_eq!(again, ab);
}

#[test]
fn format_5_keeps_the_history_and_older_formats_read_with_none() {
    let (p, mut progress, id) = started(1);
    let s = step(&p, "list-tickets");
    progress.run_mut(&id).unwrap().set_note(s, "メモ", by("佐藤", 2));
    let text = encode(&progress);
    assert!(text.contains("\"history\":["), "{text}");
    assert!(text.contains("\"by\":{\"name\":\"佐藤\",\"role\":\"課長\"}"), "{text}");
    assert_eq!(decode(&text).unwrap(), progress);
    let without = text.replacen(&format!("{{\"format\":{FORMAT},"), "{\"format\":4,", 1);
    let without = without.split(",\"history\":").next().unwrap().to_owned() + "}]}";
    let older = decode(&without).unwrap();
    assert!(older.run(&id).unwrap().history.is_empty());
    assert_eq!(older.run(&id).unwrap().note(s), "メモ");
    let long = "あ".repeat(MAX_NAME_CHARS + 1);
    let broken = text.replace("\"佐藤\"", &format!("\"{long}\""));
    assert!(
        matches!(decode(&broken).unwrap_err(), DecodeError::Invalid { path, what: ProgressError::TooLong(_) } if path.ends_with("history[1].by")),
    );
}

#[test]
fn entries_say_what_they_did_on_which_step_and_who_made_them() {
    let p = playbook();
    let t = crate::text::texts(Lang::Ja);
    let mut progress = Progress::default();
    progress.start_run(&p, "総務 パイロット", "r1".into(), by("佐藤", 1)).unwrap();
    let s = step(&p, "list-tickets");
    let m = &p.conditions.metrics[0];
    let run = progress.run_mut("r1").unwrap();
    run.set_note(s, &format!("{}\n<script>x</script>", "長".repeat(100)), by("鈴木", 3));
    run.set_baseline(m, Some(40.0), by("鈴木", 4)).unwrap();
    run.add_tasks(vec![task("備品の案内")], by("鈴木", 5), 1).unwrap();
    let run = progress.run("r1").unwrap();
    let said: Vec<String> = run.history.iter().map(|e| e.describe(&p, t)).collect();
    assert_eq!(said[0], "取り組み「総務 パイロット」を始めた");
    assert_eq!(run.history[0].who(t), "佐藤（課長）");
    let note = said.iter().find(|s| s.starts_with("メモを書いた")).unwrap();
    assert!(note.ends_with('…') && note.chars().count() < 100 && !note.contains('\n'), "{note}");
    let baseline = said.iter().find(|s| s.contains("基準値")).unwrap();
    assert_eq!(baseline, &format!("「{}」の基準値を 40 {} にした", m.name, m.unit));
    assert!(said.iter().any(|s| s == "棚卸し表に業務「備品の案内」を記録した"));
    // Metric and worksheet entries belong to the steps they are entered on.
    let metric_entry = run.history.iter().find(|e| matches!(e.did, Event::Baseline { .. })).unwrap();
    assert_eq!(metric_entry.step_in(&p).map(|s| s.id.as_str()), p.metric_step(&m.id).map(|s| s.id.as_str()));
    let task_entry = run.history.iter().find(|e| matches!(e.did, Event::Task { .. })).unwrap();
    assert_eq!(task_entry.step_in(&p).map(|s| s.id.as_str()), Some("worksheet"));
    assert_eq!(people(&run.history), vec!["佐藤".to_owned(), "鈴木".to_owned()]);
}

#[test]
fn times_are_written_on_the_clock_asked_for_across_days_months_and_leap_days() {
    assert_eq!(date_time(0, 0), "1970-01-01 00:00");
    assert_eq!(date_time(1_709_251_140_000, 0), "2024-02-29 23:59");
    assert_eq!(date_time(1_709_251_140_000, 540), "2024-03-01 08:59");
    assert_eq!(date_time(951_750_000_000, 540), "2000-02-29 00:00");
    assert_eq!(date_time(-3_600_000, 0), "1969-12-31 23:00");
    assert_eq!(date_time(1_798_731_000_000, 540), "2027-01-01 00:30");
    assert_eq!(date_time(1_798_731_000_000, -300), "2026-12-31 10:30");
}

/// 佐藤 starts a run and shares it; 鈴木 takes it in. Both then work on
/// their copy.
fn shared_run() -> (Playbook, Progress, Progress) {
    let p = playbook();
    let mut sato = Progress::default();
    sato.start_run(&p, "人事部 パイロット", "r1".into(), by("佐藤", 1_000)).unwrap();
    let s = step(&p, "list-tickets");
    sato.run_mut("r1").unwrap().set_note(s, "共有前のメモ", by("佐藤", 2_000));
    let mut suzuki = Progress::default();
    suzuki.merge_file(sato.clone(), &[], "sato.json", by("鈴木", 3_000));
    (p, sato, suzuki)
}

#[test]
fn a_colleagues_file_shows_what_is_new_and_what_changes_before_anything_changes() {
    let (p, sato, suzuki) = shared_run();
    let preview = Progress::default().preview_merge(&sato);
    assert_eq!(preview.runs.len(), 1);
    assert!(preview.runs[0].new);
    assert_eq!(preview.runs[0].incoming.len(), 2, "started, and the note");
    assert_eq!(suzuki.run("r1").unwrap().name.value, "人事部 パイロット");
    assert!(
        matches!(&suzuki.run("r1").unwrap().history.last().unwrap().did, Event::Imported { file } if file == "sato.json")
    );

    // Taking the same file in again brings nothing.
    let again = suzuki.preview_merge(&sato);
    assert!(again.is_empty());
    assert_eq!(again.unchanged, 1);

    // Changes on one side only: new entries, no conflict.
    let mut sato = sato;
    let s = step(&p, "list-tickets");
    sato.run_mut("r1").unwrap().set_item(s, &s.items[0].id, Mark::Done, by("佐藤", 4_000)).unwrap();
    let preview = suzuki.preview_merge(&sato);
    assert_eq!(preview.runs.len(), 1);
    assert!(!preview.runs[0].new);
    assert_eq!(preview.runs[0].incoming.len(), 1);
    assert!(preview.runs[0].conflicts.is_empty());
}

#[test]
fn a_field_both_changed_since_they_last_shared_is_a_conflict_and_the_value_not_picked_stays_in_the_history() {
    let (p, mut sato, mut suzuki) = shared_run();
    // Later than a note's series: each side's note is an entry of its own.
    let s = step(&p, "list-tickets");
    sato.run_mut("r1").unwrap().set_note(s, "佐藤の版", by("佐藤", 1_000_000));
    suzuki.run_mut("r1").unwrap().set_note(s, "鈴木の版", by("鈴木", 2_000_000));
    // A field only one side changed is no conflict.
    sato.run_mut("r1").unwrap().set_item(s, &s.items[0].id, Mark::Done, by("佐藤", 1_100_000)).unwrap();

    let preview = suzuki.preview_merge(&sato);
    let conflicts: Vec<_> = preview.conflicts().collect();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].mine.did, Event::Note { text: "鈴木の版".into() });
    assert_eq!(conflicts[0].theirs.did, Event::Note { text: "佐藤の版".into() });
    assert_eq!(conflicts[0].theirs.by.name, "佐藤");
    assert_eq!(conflicts[0].newest(), Side::Mine);

    // 鈴木 keeps 佐藤's version, the older one: it is set again, now, by 鈴木.
    let mut picked = suzuki.clone();
    picked.merge_file(sato.clone(), &[Side::Theirs], "sato.json", by("鈴木", 3_000_000));
    let run = picked.run("r1").unwrap();
    assert_eq!(run.steps["list-tickets"].note.value, "佐藤の版");
    assert_eq!(run.steps["list-tickets"].items[&s.items[0].id].value, Mark::Done);
    let notes: Vec<_> = run
        .history
        .iter()
        .filter_map(|e| match &e.did {
            Event::Note { text } => Some((e.by.name.as_str(), text.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(notes, vec![("佐藤", "共有前のメモ"), ("佐藤", "佐藤の版"), ("鈴木", "鈴木の版"), ("鈴木", "佐藤の版")]);

    // Keeping the newest changes nothing beyond the merge.
    let mut newest = suzuki.clone();
    newest.merge_file(sato.clone(), &[Side::Mine], "sato.json", by("鈴木", 3_000_000));
    assert_eq!(newest.run("r1").unwrap().steps["list-tickets"].note.value, "鈴木の版");

    // Once 佐藤 takes 鈴木's merged file back, nothing conflicts any more.
    sato.merge_file(picked.clone(), &[], "suzuki.json", by("佐藤", 4_000_000));
    assert_eq!(sato.run("r1").unwrap().steps["list-tickets"].note.value, "佐藤の版");
    assert!(picked.preview_merge(&sato).conflicts().next().is_none());
}

#[test]
fn the_same_value_on_both_sides_is_no_conflict_and_other_fields_can_conflict_too() {
    let (p, mut sato, mut suzuki) = shared_run();
    let s = step(&p, "list-tickets");
    let item = s.items[0].id.clone();
    sato.run_mut("r1").unwrap().set_item(s, &item, Mark::Done, by("佐藤", 10_000)).unwrap();
    suzuki.run_mut("r1").unwrap().set_item(s, &item, Mark::Done, by("鈴木", 11_000)).unwrap();
    assert!(suzuki.preview_merge(&sato).conflicts().next().is_none());

    sato.rename("r1", "人事部 パイロット A", by("佐藤", 12_000)).unwrap();
    suzuki.rename("r1", "人事部 パイロット B", by("鈴木", 13_000)).unwrap();
    let preview = suzuki.preview_merge(&sato);
    let conflicts: Vec<_> = preview.conflicts().collect();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].theirs.did, Event::Renamed { name: "人事部 パイロット A".into() });
    suzuki.merge_file(sato, &[Side::Theirs], "sato.json", by("鈴木", 14_000));
    assert_eq!(suzuki.run("r1").unwrap().name.value, "人事部 パイロット A");
}

#[test]
fn a_file_from_before_histories_still_merges_newest_wins() {
    let (p, sato, mut suzuki) = shared_run();
    let mut old = sato.clone();
    let s = step(&p, "list-tickets");
    old.run_mut("r1").unwrap().set_note(s, "履歴のない版", 50_000);
    old.runs[0].history.clear();
    let preview = suzuki.preview_merge(&old);
    assert_eq!(preview.runs.len(), 1, "different, even without entries");
    assert!(preview.runs[0].incoming.is_empty());
    suzuki.merge_file(old, &[], "old.json", by("鈴木", 60_000));
    assert_eq!(suzuki.run("r1").unwrap().steps["list-tickets"].note.value, "履歴のない版");
}

#[test]
fn a_shared_file_carries_a_local_playbook_and_says_which_version_each_run_follows() {
    let (p, progress, id) = started(1);
    let mut export = Export::new(progress, None, 2);
    assert!(!export.to_json().contains("\"playbooks\""), "nothing carried, nothing written");
    export.playbooks.push(SharedPlaybook { id: "every-feature".into(), source: FIXTURE.into() });
    let back = decode_export(&export.to_json()).unwrap();
    assert_eq!(back.playbook_source("every-feature"), Some(FIXTURE));
    assert_eq!(back.playbook_source("other"), None);

    let mut later = back.progress.clone();
    later.runs[0].accepted_version = Stamped::new(Some(p.meta.version + 1), 5);
    let preview = Progress::default().preview_merge(&later);
    assert_eq!(preview.runs[0].id, id);
    assert_eq!(preview.runs[0].version, p.meta.version + 1, "the version accepted since, not the one started on");
}

#[test]
fn each_role_is_named_once_with_its_people_kept_as_typed_and_logged() {
    let (p, mut progress, id) = started(1);
    assert_eq!(p.roles(), ["情報システム部 企画担当", "情報システム部長", "CISO"], "steps' roles, then approvers'");
    let role = "情報システム部 企画担当";
    let s = p.steps().find(|s| s.role.as_deref() == Some(role)).unwrap();
    let run = progress.run_mut(&id).unwrap();
    assert_eq!(
        run.owner_list(&p),
        vec![(role, None), ("情報システム部長", None), ("CISO", None)],
        "unassigned, listed"
    );
    run.set_owner(role, "  山田 花子、佐藤一郎 ", by("佐藤", 2)).unwrap();
    assert_eq!(run.owner(role), Some("山田 花子、佐藤一郎"), "as typed, trimmed at the ends");
    assert_eq!(run.step_owner(s), Some("山田 花子、佐藤一郎"));
    for me in ["山田花子", "山田　花子", "佐藤 一郎", " 佐藤一郎 "] {
        assert!(run.is_mine(s, &Person::new(me, "")), "{me}");
    }
    for other in ["山田", "", "花子 山田"] {
        assert!(!run.is_mine(s, &Person::new(other, "")), "{other:?}");
    }
    let entries = run.history.len();
    run.set_owner(role, "山田 花子、佐藤一郎", by("佐藤", 3)).unwrap();
    assert_eq!(run.history.len(), entries, "the same people again change nothing");
    assert_eq!(run.set_owner(" ", "x", 4), Err(ProgressError::EmptyName));
    let long = "あ".repeat(MAX_OWNER_CHARS + 1);
    assert_eq!(run.set_owner(role, &long, 4), Err(ProgressError::TooLong(MAX_OWNER_CHARS)));
    assert_eq!(run.owner(role), Some("山田 花子、佐藤一郎"), "a refused change changes nothing");
    run.set_owner(role, "", by("佐藤", 5)).unwrap();
    assert_eq!(run.owner(role), None, "unassigned again");
    assert!(!run.is_mine(s, &Person::new("山田花子", "")));
    let t = crate::text::texts(Lang::Ja);
    let said: Vec<String> = run.history[1..].iter().map(|e| e.describe(&p, t)).collect();
    assert_eq!(
        said,
        [
            "「情報システム部 企画担当」の担当者を「山田 花子、佐藤一郎」にした",
            "「情報システム部 企画担当」の担当者を未割り当てに戻した"
        ]
    );
    // A role the playbook no longer names stays listed while people are named for it.
    run.set_owner("旧版の担当", "鈴木", 6).unwrap();
    assert_eq!(run.owner_list(&p).last(), Some(&("旧版の担当", Some("鈴木"))));
}

#[test]
fn names_split_at_the_separators_people_type() {
    assert_eq!(names("山田 花子、佐藤,鈴木，田中/高橋／伊藤;渡辺；中村\n小林").collect::<Vec<_>>().len(), 9);
    assert_eq!(names("ジョン・スミス").collect::<Vec<_>>(), ["ジョン・スミス"], "・ is part of a name");
    assert_eq!(names(" 、 ,").count(), 0);
    assert!(same_name("Hanako Yamada", "hanako  yamada"));
    assert!(!same_name("", ""), "no name is nobody's");
}

#[test]
fn format_6_keeps_the_owners_and_older_formats_read_with_none() {
    let (p, mut progress, id) = started(1);
    progress.run_mut(&id).unwrap().set_owner("CISO", "高橋", by("佐藤", 2)).unwrap();
    let text = encode(&progress);
    assert!(text.contains("\"owners\":{\"CISO\":{\"value\":\"高橋\",\"at\":2}}"), "{text}");
    assert_eq!(decode(&text).unwrap(), progress);
    let (_, fresh, _) = started(1);
    assert!(!encode(&fresh).contains("owners"), "nothing written while nobody is named");
    let older = encode(&fresh).replacen(&format!("{{\"format\":{FORMAT},"), "{\"format\":5,", 1);
    assert!(decode(&older).unwrap().run(&id).unwrap().owners.is_empty());
    let long = "あ".repeat(MAX_OWNER_CHARS + 1);
    let broken = text.replace("\"高橋\"", &format!("\"{long}\""));
    assert!(
        matches!(decode(&broken).unwrap_err(), DecodeError::Invalid { path, what: ProgressError::TooLong(_) } if path.ends_with("owners.CISO")),
    );
    let empty_role = text.replace("\"owners\":{\"CISO\"", "\"owners\":{\" \"");
    assert!(matches!(decode(&empty_role).unwrap_err(), DecodeError::Invalid { what: ProgressError::EmptyName, .. }));
    let _ = p;
}

#[test]
fn people_named_on_both_sides_are_a_conflict_and_the_pick_is_kept() {
    let (_, mut sato, mut suzuki) = shared_run();
    sato.run_mut("r1").unwrap().set_owner("CISO", "高橋", by("佐藤", 1_000_000)).unwrap();
    suzuki.run_mut("r1").unwrap().set_owner("CISO", "伊藤", by("鈴木", 2_000_000)).unwrap();
    let preview = suzuki.preview_merge(&sato);
    let conflicts: Vec<_> = preview.conflicts().collect();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].theirs.did, Event::Owner { role: "CISO".into(), people: "高橋".into() });
    // A plain merge keeps the newest; the pick sets the other again, now.
    let mut merged = suzuki.clone();
    merged.merge(sato.clone());
    assert_eq!(merged.run("r1").unwrap().owner("CISO"), Some("伊藤"));
    suzuki.merge_file(sato, &[Side::Theirs], "sato.json", by("鈴木", 3_000_000));
    let run = suzuki.run("r1").unwrap();
    assert_eq!(run.owner("CISO"), Some("高橋"));
    let named: Vec<_> =
        run.history.iter().filter(|e| matches!(e.did, Event::Owner { .. })).map(|e| e.by.name.as_str()).collect();
    assert_eq!(named, ["佐藤", "鈴木", "鈴木"], "the value not picked stays in the history");
}

mod dates {
    use super::*;
    use crate::day::Day;
    use icalendar::{Component as _, DatePerhapsTime};

    fn d(text: &str) -> Day {
        Day::parse(text).unwrap()
    }

    /// 2027-01-04 (a Monday), 09:00 in Tokyo.
    const MONDAY_9: Millis = 1_799_020_800_000;
    const DAY_MS: Millis = 86_400_000;
    const TOKYO: i32 = 540;

    fn run_on_monday() -> (Playbook, Progress, String) {
        started(MONDAY_9)
    }

    fn dates_of(s: &Schedule, id: &str) -> Vec<String> {
        s.step(id).unwrap_or_else(|| panic!("{id} has no date")).dates.iter().map(Day::to_string).collect()
    }

    #[test]
    fn setting_what_is_already_there_changes_nothing_and_logs_nothing() {
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        let s = step(&p, "list-tickets");
        let metric = p.conditions.metrics.iter().find(|m| m.counts.is_none()).unwrap();
        // Clearing what was never set: no slot, no entry.
        let before = run.clone();
        run.set_start(Some(PhaseKind::Pilot), None, 2_000).unwrap();
        run.set_due(s, None, 2_000).unwrap();
        run.set_meeting(s, None, 2_000).unwrap();
        run.set_owner("人事企画担当", "", 2_000).unwrap();
        run.set_baseline(metric, None, 2_000).unwrap();
        run.set_target(metric, None, 2_000).unwrap();
        assert_eq!(*run, before, "nothing set, nothing logged");
        // Each set once, then again with the same value: one entry each.
        let (first, second) = (MONDAY_9 + DAY_MS, MONDAY_9 + 2 * DAY_MS);
        for at in [first, second] {
            run.set_start(Some(PhaseKind::Pilot), Some(d("2027-02-01")), at).unwrap();
            run.set_due(s, Some(d("2027-01-08")), at).unwrap();
            run.set_meeting(s, crate::progress::Meeting::new("10:00", 60), at).unwrap();
            run.set_owner("人事企画担当", "山田 花子", at).unwrap();
            run.set_baseline(metric, Some(40.0), at).unwrap();
            run.set_target(metric, Some(20.0), at).unwrap();
        }
        assert_eq!(run.history.len(), before.history.len() + 6);
        assert!(run.history.iter().all(|e| e.at != second), "the second time changed nothing");
        assert_eq!(run.updated(), first);
    }

    #[test]
    fn dates_are_counted_from_the_phase_s_start_or_the_run_s() {
        let (p, progress, id) = run_on_monday();
        let run = progress.run(&id).unwrap();
        let s = run.schedule(&p, d("2027-01-04"), TOKYO);
        assert_eq!((s.start, s.start_set), (d("2027-01-04"), false));
        let inventory = s.phase(PhaseKind::Inventory).unwrap();
        assert_eq!((inventory.start, inventory.from), (d("2027-01-04"), StartFrom::RunStart));
        assert_eq!(dates_of(&s, "worksheet"), ["2027-01-18"], "10 weekdays after Monday the 4th");
        assert!(s.step("list-tickets").is_none(), "no due date, none shown");
        let pilot = s.phase(PhaseKind::Pilot).unwrap();
        assert_eq!(
            (pilot.start, pilot.from),
            (d("2027-01-18"), StartFrom::Planned),
            "when the inventory is due to end"
        );
        assert_eq!(dates_of(&s, "measure"), ["2027-02-18", "2027-03-18", "2027-04-18"], "monthly, three times");
        assert_eq!(s.phase(PhaseKind::Rollout).unwrap().start, d("2027-04-18"));
        assert_eq!(dates_of(&s, "approve-go"), ["2027-05-04"], "4 months after the run's start");
        // The day the run was created is Tokyo's, not UTC's.
        let late = Progress::default().start_run(&p, "x", "late".into(), MONDAY_9 + 15 * 3_600_000).unwrap().clone();
        assert_eq!(late.schedule(&p, d("2027-01-05"), TOKYO).start, d("2027-01-05"));
        assert_eq!(late.schedule(&p, d("2027-01-05"), 0).start, d("2027-01-04"));
    }

    #[test]
    fn a_step_is_on_track_then_soon_due_then_overdue_until_it_is_done() {
        let (p, mut progress, id) = run_on_monday();
        let state = |run: &Run, today| run.schedule(&p, d(today), TOKYO).step("worksheet").unwrap().state;
        let run = progress.run(&id).unwrap();
        assert_eq!(state(run, "2027-01-14"), DueState::OnTrack);
        assert_eq!(state(run, "2027-01-16"), DueState::Soon, "two days before");
        assert_eq!(state(run, "2027-01-18"), DueState::Soon, "on the day");
        assert_eq!(state(run, "2027-01-19"), DueState::Overdue);
        let s = run.schedule(&p, d("2027-01-19"), TOKYO);
        assert_eq!(s.alerts(), (1, 0));
        let run = progress.run_mut(&id).unwrap();
        mark_done(run, step(&p, "worksheet"), MONDAY_9 + 20 * DAY_MS);
        assert_eq!(state(run, "2027-01-19"), DueState::Done);
        run.set_step(&p, step(&p, "worksheet"), na("当社は棚卸し済み"), MONDAY_9 + 21 * DAY_MS).unwrap();
        assert_eq!(state(run, "2027-01-19"), DueState::NotApplicable);
    }

    #[test]
    fn a_repeating_step_is_about_its_next_time() {
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        let at = |run: &Run, today| {
            let s = run.schedule(&p, d(today), TOKYO);
            let m = s.step("measure").unwrap();
            (m.state, m.next.to_string())
        };
        assert_eq!(at(run, "2027-01-10"), (DueState::OnTrack, "2027-02-18".into()), "planned after the inventory");
        assert_eq!(at(run, "2027-02-10"), (DueState::OnTrack, "2027-03-10".into()), "pilot not started: from today");
        run.set_start(Some(PhaseKind::Pilot), Some(d("2027-01-18")), MONDAY_9).unwrap();
        assert_eq!(at(run, "2027-02-17"), (DueState::Soon, "2027-02-18".into()));
        assert_eq!(at(run, "2027-02-20"), (DueState::OnTrack, "2027-03-18".into()), "the next time, not the past one");
        assert_eq!(at(run, "2027-04-19"), (DueState::Overdue, "2027-04-18".into()), "past the last time");
    }

    #[test]
    fn a_phase_that_starts_late_moves_its_steps_dates() {
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        // Nobody works on the pilot until 15 February: planned from today.
        let s = run.schedule(&p, d("2027-02-10"), TOKYO);
        assert_eq!(s.phase(PhaseKind::Pilot).unwrap().start, d("2027-02-10"));
        assert_eq!(dates_of(&s, "measure")[0], "2027-03-10");
        let measure = step(&p, "measure");
        run.set_note(measure, "初回の集計", by("佐藤", 1_802_653_200_000)); // 2027-02-15 10:00 JST
        let s = run.schedule(&p, d("2027-03-20"), TOKYO);
        let pilot = s.phase(PhaseKind::Pilot).unwrap();
        assert_eq!((pilot.start, pilot.from), (d("2027-02-15"), StartFrom::FirstWork));
        assert_eq!(dates_of(&s, "measure"), ["2027-03-15", "2027-04-15", "2027-05-15"]);
        assert_eq!(s.step("measure").unwrap().state, DueState::OnTrack, "next time is 15 April");
        assert_eq!(s.phase(PhaseKind::Rollout).unwrap().start, d("2027-05-15"), "after the pilot's last date");
        assert_eq!(run.schedule(&p, d("2027-05-16"), TOKYO).step("measure").unwrap().state, DueState::Overdue);
    }

    #[test]
    fn the_team_sets_starts_and_moves_dates_and_the_history_says_who() {
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        run.set_start(None, Some(d("2027-01-11")), by("佐藤", MONDAY_9 + 1)).unwrap();
        run.set_start(Some(PhaseKind::Pilot), Some(d("2027-02-01")), by("佐藤", MONDAY_9 + 2)).unwrap();
        run.set_due(step(&p, "measure"), Some(d("2027-01-31")), by("鈴木", MONDAY_9 + 3)).unwrap();
        run.set_due(step(&p, "list-tickets"), Some(d("2027-01-08")), by("鈴木", MONDAY_9 + 4)).unwrap();
        let before = run.history.len();
        run.set_due(step(&p, "list-tickets"), Some(d("2027-01-08")), by("鈴木", MONDAY_9 + 5)).unwrap();
        assert_eq!(run.history.len(), before, "setting what is there changes nothing");
        let s = run.schedule(&p, d("2027-01-04"), TOKYO);
        assert_eq!((s.start, s.start_set), (d("2027-01-11"), true));
        assert_eq!(dates_of(&s, "worksheet"), ["2027-01-25"], "from the new start");
        assert_eq!(s.phase(PhaseKind::Pilot).unwrap().from, StartFrom::Set);
        assert_eq!(
            dates_of(&s, "measure"),
            ["2027-01-31", "2027-02-28", "2027-03-31"],
            "the 31st where a month has one"
        );
        assert!(s.step("measure").unwrap().moved);
        assert_eq!(dates_of(&s, "list-tickets"), ["2027-01-08"], "a step without a due date can be given one");
        assert_eq!(dates_of(&s, "approve-go"), ["2027-05-11"]);
        let t = crate::text::texts(Lang::Ja);
        let words: Vec<String> = run.history.iter().skip(1).map(|e| e.describe(&p, t)).collect();
        assert_eq!(
            words,
            [
                "取り組みの開始日を2027年1月11日にした",
                "パイロットの開始日を2027年2月1日にした",
                "期限を2027年1月31日にした",
                "期限を2027年1月8日にした"
            ]
        );
        assert_eq!(run.history[3].step.as_deref(), Some("measure"));
        // Clearing goes back to what is worked out.
        run.set_due(step(&p, "measure"), None, by("鈴木", MONDAY_9 + 6)).unwrap();
        run.set_start(None, None, by("鈴木", MONDAY_9 + 7)).unwrap();
        let s = run.schedule(&p, d("2027-01-04"), TOKYO);
        assert_eq!(dates_of(&s, "measure")[0], "2027-03-01", "a month after the pilot's set start");
        assert_eq!(s.start, d("2027-01-04"));
        assert_eq!(run.history.last().unwrap().describe(&p, t), "取り組みの開始日を始めた日に戻した");
    }

    #[test]
    fn format_7_keeps_the_dates_and_older_formats_read_without() {
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        run.set_due(step(&p, "worksheet"), Some(d("2027-01-20")), 5).unwrap();
        let text = encode(&progress);
        assert!(text.contains(r#""dates":{"steps":{"worksheet":{"value":"2027-01-20","at":5}}}"#), "{text}");
        assert_eq!(decode(&text).unwrap(), progress);
        let (_, fresh, _) = run_on_monday();
        assert!(!encode(&fresh).contains("dates"), "nothing written while nothing is set");
        let older = encode(&fresh).replacen(&format!("{{\"format\":{FORMAT},"), "{\"format\":6,", 1);
        assert!(decode(&older).unwrap().run(&id).unwrap().dates.is_empty());
        let broken = text.replace("2027-01-20", "2027-02-30");
        assert!(matches!(decode(&broken).unwrap_err(), DecodeError::Syntax { .. }), "not a day: refused, nothing read");
    }

    #[test]
    fn dates_moved_on_both_sides_are_a_conflict_and_the_pick_is_kept() {
        let (p, mut sato, mut suzuki) = shared_run();
        let worksheet = step(&p, "worksheet");
        sato.run_mut("r1").unwrap().set_due(worksheet, Some(d("2027-01-20")), by("佐藤", 1_000_000)).unwrap();
        suzuki.run_mut("r1").unwrap().set_due(worksheet, Some(d("2027-01-22")), by("鈴木", 2_000_000)).unwrap();
        let preview = suzuki.preview_merge(&sato);
        let conflicts: Vec<_> = preview.conflicts().collect();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].theirs.did, Event::Due { date: Some(d("2027-01-20")) });
        suzuki.merge_file(sato, &[Side::Theirs], "sato.json", by("鈴木", 3_000_000));
        let run = suzuki.run("r1").unwrap();
        assert_eq!(run.dates.steps["worksheet"].value, Some(d("2027-01-20")));
        let moved = run.history.iter().filter(|e| matches!(e.did, Event::Due { .. })).count();
        assert_eq!(moved, 3, "both dates and the pick stay in the history");
    }

    /// Every event of a calendar the parser read: UID, first day, RRULE,
    /// summary.
    fn events(ics: &str) -> Vec<(String, String, Option<String>, String)> {
        let calendar: icalendar::Calendar = ics.parse().unwrap_or_else(|e| panic!("{e}\n{ics}"));
        calendar
            .components
            .iter()
            .filter_map(|c| c.as_event())
            .map(|e| {
                let start = match e.get_start() {
                    Some(DatePerhapsTime::Date(date)) => date.to_string(),
                    other => panic!("a deadline is an all-day date: {other:?}"),
                };
                (
                    e.get_uid().unwrap().to_owned(),
                    start,
                    e.property_value("RRULE").map(str::to_owned),
                    e.get_summary().unwrap().to_owned(),
                )
            })
            .collect()
    }

    #[test]
    fn the_calendar_reads_back_with_every_date() {
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        mark_done(run, step(&p, "worksheet"), MONDAY_9 + DAY_MS);
        let t = crate::text::texts(Lang::Ja);
        let page = "http://intranet.example/tebiki/p/x/?run=r";
        let run = progress.run(&id).unwrap();
        let s = run.schedule(&p, d("2027-01-04"), TOKYO);
        let ics = s.calendar(run, &p, Some(page), t, MONDAY_9);
        let got = events(&ics);
        let uid = |step: &str| format!("{id}.{step}@tebiki");
        assert_eq!(
            got,
            [
                (
                    uid("worksheet"),
                    "2027-01-18".into(),
                    None,
                    "【完了】棚卸し表 inventory（人事部 2026年度 パイロット）".into()
                ),
                (
                    uid("measure"),
                    "2027-02-18".into(),
                    Some("FREQ=MONTHLY;INTERVAL=1;COUNT=3".into()),
                    "記録（人事部 2026年度 パイロット）".into()
                ),
                (uid("approve-go"), "2027-05-04".into(), None, "展開の承認（人事部 2026年度 パイロット）".into()),
            ]
        );
        assert_eq!(ics.matches("BEGIN:VALARM").count(), 2, "a reminder for the open ones only");
        assert!(ics.contains(&format!("URL:{page}\r\n")));
        assert!(ics.lines().all(|l| l.len() <= 76), "folded (76 with the CR)");
        // Exported again after a change: same UIDs, a higher SEQUENCE.
        let seq =
            |ics: &str| ics.lines().find_map(|l| l.strip_prefix("SEQUENCE:")).unwrap().trim().parse::<u32>().unwrap();
        let first = seq(&ics);
        let run = progress.run_mut(&id).unwrap();
        run.set_due(step(&p, "measure"), Some(d("2027-01-29")), MONDAY_9 + 2 * DAY_MS).unwrap();
        let run = progress.run(&id).unwrap();
        let again = run.schedule(&p, d("2027-01-04"), TOKYO).calendar(run, &p, None, t, MONDAY_9 + 2 * DAY_MS);
        assert!(seq(&again) > first);
        // From the 29th on, a monthly rule would skip short months: one
        // event per time instead, on the month's last day where needed.
        let got = events(&again);
        let measure: Vec<_> =
            got.iter().filter(|e| e.0.contains(".measure.")).map(|e| (e.0.clone(), e.1.clone())).collect();
        assert_eq!(
            measure,
            [
                (format!("{id}.measure.1@tebiki"), "2027-01-29".to_owned()),
                (format!("{id}.measure.2@tebiki"), "2027-02-28".to_owned()),
                (format!("{id}.measure.3@tebiki"), "2027-03-29".to_owned()),
            ]
        );
        assert!(got.iter().all(|e| e.2.is_none()));
    }

    #[test]
    fn a_meeting_time_is_a_checked_time_of_day_and_length() {
        let m = Meeting::new("10:00", 60).unwrap();
        assert_eq!((m.hour(), m.minute(), m.minutes(), m.at()), (10, 0, 60, "10:00".to_owned()));
        assert_eq!(m.span_text(Lang::Ja), "10:00〜11:00");
        assert_eq!(Meeting::new("9:30", 90).unwrap().span_text(Lang::En), "09:30–11:00");
        assert_eq!(Meeting::new("23:30", 60).unwrap().span_text(Lang::Ja), "23:30〜00:30", "past midnight");
        assert_eq!(Meeting::new("14:15:00", 30).unwrap().at(), "14:15", "seconds from a time field");
        for (at, minutes) in
            [("24:00", 60), ("10:60", 60), ("10", 60), ("10:0", 60), ("-1:00", 60), ("１０:００", 60), ("10:00:30", 60)]
        {
            assert_eq!(Meeting::new(at, minutes), None, "{at}");
        }
        assert_eq!(Meeting::new("10:00", 4), None, "too short");
        assert_eq!(Meeting::new("10:00", 481), None, "longer than a working day");
        assert!(Meeting::new("10:00", 480).is_some() && Meeting::new("10:00", 5).is_some());
    }

    #[test]
    fn a_meeting_time_is_kept_in_format_9_logged_and_refused_when_out_of_range() {
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        let measure = step(&p, "measure");
        run.set_meeting(measure, Meeting::new("10:00", 60), by("佐藤", 5)).unwrap();
        run.set_meeting(measure, Meeting::new("10:00", 60), by("佐藤", 6)).unwrap();
        let text = encode(&progress);
        assert!(text.contains(r#""meetings":{"measure":{"value":{"at":"10:00","minutes":60},"at":5}}"#), "{text}");
        assert_eq!(decode(&text).unwrap(), progress);
        let run = progress.run(&id).unwrap();
        let t = crate::text::texts(Lang::Ja);
        let logged: Vec<_> =
            run.history.iter().filter(|e| matches!(e.did, Event::Meeting { .. })).map(|e| e.describe(&p, t)).collect();
        assert_eq!(logged, ["会議の時刻を10:00〜11:00にした"], "setting the same time again logs nothing");
        let s = run.schedule(&p, d("2027-01-04"), TOKYO);
        assert_eq!(s.step("measure").unwrap().meeting, Meeting::new("10:00", 60));
        assert_eq!(s.step("worksheet").unwrap().meeting, None);
        for broken in [r#"{"at":"25:00","minutes":60}"#, r#"{"at":"10:00","minutes":0}"#, r#"{"at":"10:00"}"#] {
            let text = text.replace(r#"{"at":"10:00","minutes":60}"#, broken);
            assert!(matches!(decode(&text).unwrap_err(), DecodeError::Syntax { .. }), "{broken}: refused");
        }
        let run = progress.run_mut(&id).unwrap();
        run.set_meeting(measure, None, by("佐藤", 7)).unwrap();
        assert_eq!(run.history.last().unwrap().describe(&p, t), "会議の時刻を外した");
        assert_eq!(run.schedule(&p, d("2027-01-04"), TOKYO).step("measure").unwrap().meeting, None);
    }

    #[test]
    fn meeting_times_set_on_both_sides_are_a_conflict_and_the_pick_is_kept() {
        let (p, mut sato, mut suzuki) = shared_run();
        let measure = step(&p, "measure");
        sato.run_mut("r1").unwrap().set_meeting(measure, Meeting::new("10:00", 60), by("佐藤", 1_000_000)).unwrap();
        suzuki.run_mut("r1").unwrap().set_meeting(measure, Meeting::new("15:00", 30), by("鈴木", 2_000_000)).unwrap();
        let preview = suzuki.preview_merge(&sato);
        let conflicts: Vec<_> = preview.conflicts().collect();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(conflicts[0].theirs.did, Event::Meeting { meeting: Meeting::new("10:00", 60) });
        suzuki.merge_file(sato, &[Side::Theirs], "sato.json", by("鈴木", 3_000_000));
        let run = suzuki.run("r1").unwrap();
        assert_eq!(run.dates.meetings["measure"].value, Meeting::new("10:00", 60));
        let logged = run.history.iter().filter(|e| matches!(e.did, Event::Meeting { .. })).count();
        assert_eq!(logged, 3, "both times and the pick stay in the history");
    }

    #[test]
    fn a_meeting_is_a_timed_event_in_japan_time_that_repeats() {
        use icalendar::CalendarDateTime;
        let (p, mut progress, id) = run_on_monday();
        let run = progress.run_mut(&id).unwrap();
        run.set_meeting(step(&p, "measure"), Meeting::new("17:30", 90), MONDAY_9 + DAY_MS).unwrap();
        let run = progress.run(&id).unwrap();
        let t = crate::text::texts(Lang::Ja);
        let schedule = run.schedule(&p, d("2027-01-04"), TOKYO);
        let pilot = schedule.phase(PhaseKind::Pilot).unwrap();
        assert_eq!(pilot.from, StartFrom::Planned, "planning a meeting is not work on the phase");
        let ics = schedule.calendar(run, &p, None, t, MONDAY_9 + DAY_MS);
        assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\n"), "the zone is defined: {ics}");
        let calendar: icalendar::Calendar = ics.parse().unwrap_or_else(|e| panic!("{e}\n{ics}"));
        let events: Vec<_> = calendar.components.iter().filter_map(|c| c.as_event()).collect();
        let measure = events.iter().find(|e| e.get_uid() == Some(&format!("{id}.measure@tebiki"))).unwrap();
        let at = |start: Option<DatePerhapsTime>| match start {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => {
                (date_time.to_string(), tzid)
            }
            other => panic!("a meeting is at a time in a zone: {other:?}"),
        };
        assert_eq!(at(measure.get_start()), ("2027-02-18 17:30:00".to_owned(), "Asia/Tokyo".to_owned()));
        assert_eq!(at(measure.get_end()), ("2027-02-18 19:00:00".to_owned(), "Asia/Tokyo".to_owned()));
        assert_eq!(measure.property_value("RRULE"), Some("FREQ=MONTHLY;INTERVAL=1;COUNT=3"));
        assert_eq!(measure.property_value("TRANSP"), None, "a meeting makes people busy");
        assert!(measure.get_description().unwrap().contains("会議の時刻：17:30〜19:00"));
        assert!(ics.contains("TRIGGER:-PT0H15M\r\nDESCRIPTION:15 分後に始まります：記録\r\n"), "{ics}");
        // The other steps stay all-day deadlines.
        let worksheet = events.iter().find(|e| e.get_uid() == Some(&format!("{id}.worksheet@tebiki"))).unwrap();
        assert!(matches!(worksheet.get_start(), Some(DatePerhapsTime::Date(_))));
    }
}

mod returns {
    use super::*;

    #[test]
    fn sending_back_reopens_exactly_the_chosen_earlier_steps_and_keeps_the_reason() {
        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        for s in ["list-tickets", "worksheet"] {
            mark_done(run, step(&p, s), 2_000);
        }
        let gate = step(&p, "approve-go");
        run.send_back(&p, gate, "  指標の集計方法が不明確  ", &["worksheet"], by("高橋", 3_000)).unwrap();
        assert_eq!(run.step_mark(step(&p, "worksheet")), Mark::Open, "reopened");
        assert_eq!(run.step_mark(step(&p, "list-tickets")), Mark::Done, "not chosen: untouched");
        let returns = run.returns_at("approve-go");
        assert_eq!(returns.len(), 1);
        assert_eq!(returns[0].0.reason, "指標の集計方法が不明確");
        assert_eq!(returns[0].0.reopened, ["worksheet"]);
        assert_eq!(returns[0].0.by.name, "高橋");
        let (why, at) = run.sent_back(step(&p, "worksheet")).unwrap();
        assert_eq!((why.reason.as_str(), at), ("指標の集計方法が不明確", 3_000));
        assert!(run.sent_back(step(&p, "list-tickets")).is_none());
        // The history has the reopening and the return, by the approver.
        let t = crate::text::texts(Lang::Ja);
        let last: Vec<String> = run.history.iter().rev().take(2).map(|e| e.describe(&p, t)).collect();
        assert_eq!(
            last,
            ["差し戻した（理由：指標の集計方法が不明確。ステップ 1 件をやり直しに）", "ステップを未完了に戻した"]
        );
        // Done again: the notice goes; the return stays on record.
        mark_done(run, step(&p, "worksheet"), 4_000);
        assert!(run.sent_back(step(&p, "worksheet")).is_none());
        assert_eq!(run.returns().len(), 1);
    }

    #[test]
    fn a_counted_metric_is_the_number_of_returns_and_cannot_be_typed() {
        let (p, mut progress, id) = started(1_000);
        let returns = p.conditions.metrics.iter().find(|m| m.id == "returns").unwrap();
        let run = progress.run_mut(&id).unwrap();
        assert_eq!((run.baseline(returns), run.current(returns)), (Some(0.0), Some(0.0)), "starts at 0");
        assert!(
            !run.gate(&p, "pilot-start").contains(&Missing::Baseline("returns".into())),
            "no gate waits for its baseline"
        );
        let before = run.clone();
        assert_eq!(run.set_baseline(returns, Some(3.0), 2_000), Err(ProgressError::Counted));
        assert_eq!(run.add_measurement(returns, "2027-01-31", 3.0, 2_000, 7), Err(ProgressError::Counted));
        assert_eq!(*run, before, "refused whole");
        for s in ["list-tickets", "worksheet"] {
            mark_done(run, step(&p, s), 2_000);
        }
        let gate = step(&p, "approve-go");
        run.send_back(&p, gate, "指標の集計方法が不明確", &["worksheet"], by("高橋", 3_000)).unwrap();
        assert_eq!(run.current(returns), Some(1.0));
        let outcome = crate::record::outcome(run, returns);
        assert_eq!((outcome.baseline, outcome.latest, outcome.reached), (Some(0.0), Some(1.0), Some(true)));
        mark_done(run, step(&p, "worksheet"), 4_000);
        run.send_back(&p, gate, "例外の範囲が書かれていない", &["worksheet"], by("高橋", 5_000)).unwrap();
        assert_eq!(run.current(returns), Some(2.0));
        assert_eq!(crate::record::outcome(run, returns).reached, Some(false), "over the target of 1");
        let day = |at: Millis| crate::day::Day::from_millis(at, 540).to_string();
        assert_eq!(run.series(returns, 540), [(day(3_000), 1.0), (day(5_000), 2.0)], "the running count");
        // Kept through an export and a merge: the count follows the returns.
        let text = encode(&progress);
        let back = decode(&text).unwrap();
        assert_eq!(back.run(&id).unwrap().current(returns), Some(2.0));
    }

    #[test]
    fn the_steps_sent_back_are_each_reopened_once_in_playbook_order() {
        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        for s in ["list-tickets", "worksheet"] {
            mark_done(run, step(&p, s), 2_000);
        }
        let gate = step(&p, "approve-go");
        run.send_back(&p, gate, "理由", &["worksheet", "list-tickets", "worksheet"], 3_000).unwrap();
        assert_eq!(run.returns_at("approve-go")[0].0.reopened, ["list-tickets", "worksheet"]);
        let reopened = run.history.iter().filter(|e| matches!(e.did, Event::Step { mark: Mark::Open })).count();
        assert_eq!(reopened, 2, "one entry per step");
    }

    #[test]
    fn a_send_back_is_refused_whole_when_anything_is_wrong() {
        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        mark_done(run, step(&p, "list-tickets"), 2_000);
        let before = run.clone();
        let gate = step(&p, "approve-start");
        assert_eq!(run.send_back(&p, gate, " ", &[], 3_000), Err(ProgressError::ReturnReasonRequired));
        let long = "理".repeat(MAX_REASON_CHARS + 1);
        assert_eq!(run.send_back(&p, gate, &long, &[], 3_000), Err(ProgressError::TooLong(MAX_REASON_CHARS)));
        assert_eq!(
            run.send_back(&p, gate, "理由", &["list-tickets", "approve-go"], 3_000),
            Err(ProgressError::NotAnEarlierStep),
            "a later step cannot be reopened"
        );
        assert_eq!(run.send_back(&p, gate, "理由", &["no-such-step"], 3_000), Err(ProgressError::NotAnEarlierStep));
        assert_eq!(
            run.send_back(&p, step(&p, "list-tickets"), "理由", &[], 3_000),
            Err(ProgressError::NotAnApprover),
            "only at an approval"
        );
        assert_eq!(*run, before, "nothing half-applied");
    }

    #[test]
    fn returns_travel_in_the_file_merge_as_a_union_and_are_listed_in_the_record() {
        let (p, mut sato, mut suzuki) = shared_run();
        let gate = step(&p, "approve-go");
        sato.run_mut("r1")
            .unwrap()
            .send_back(&p, gate, "根拠資料が足りない", &["measure"], by("佐藤", 10_000))
            .unwrap();
        suzuki.run_mut("r1").unwrap().send_back(&p, gate, "対象範囲を見直す", &[], by("鈴木", 20_000)).unwrap();
        let text = encode(&sato);
        assert!(text.contains("\"returns\":{\"approve-go."), "{text}");
        assert_eq!(decode(&text).unwrap(), sato);
        let broken = text.replace("根拠資料が足りない", " ");
        assert!(matches!(
            decode(&broken).unwrap_err(),
            DecodeError::Invalid { what: ProgressError::ReturnReasonRequired, path } if path.contains("returns.approve-go.")
        ));
        suzuki.merge_file(sato, &[], "sato.json", by("鈴木", 30_000));
        let run = suzuki.run("r1").unwrap();
        let reasons: Vec<&str> = run.returns().iter().map(|(r, _)| r.reason.as_str()).collect();
        assert_eq!(reasons, ["根拠資料が足りない", "対象範囲を見直す"], "both kept, oldest first");
        let record = crate::record::Record::new(&p, run);
        let md = record.to_markdown_at(Lang::Ja, "2027-01-01", 0);
        assert!(
            md.contains("## 差し戻し\n\n| 日時 | 承認ステップ | 理由 | やり直したステップ | 差し戻した人 |\n"),
            "{md}"
        );
        assert!(md.contains("| 展開の承認 | 根拠資料が足りない | 記録 | 佐藤（課長） |"), "{md}");
    }
}

mod discussion {
    use super::*;

    #[test]
    fn a_comment_thread_keeps_every_edit_and_deletion_in_the_history() {
        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        let s = step(&p, "worksheet");
        assert_eq!(run.add_comment(s, "  ", 2_000), Err(ProgressError::EmptyComment));
        let long = "字".repeat(MAX_COMMENT_CHARS + 1);
        assert_eq!(run.add_comment(s, &long, 2_000), Err(ProgressError::TooLong(MAX_COMMENT_CHARS)));
        let first = run.add_comment(s, " 件数は三か月分でよいか？ ", by("佐藤", 2_000)).unwrap();
        let second = run.add_comment(s, "よい。四月は別に数える", by("高橋", 3_000)).unwrap();
        assert_ne!(first, second);
        run.edit_comment(&first, "件数は三か月分でよいですか？", by("佐藤", 4_000)).unwrap();
        let thread = run.comments_on("worksheet");
        let texts: Vec<(&str, &str, Millis)> =
            thread.iter().map(|(_, c, at)| (c.by.name.as_str(), c.text.as_str(), *at)).collect();
        assert_eq!(texts, [("佐藤", "件数は三か月分でよいですか？", 4_000), ("高橋", "よい。四月は別に数える", 3_000)]);
        assert_eq!(thread[0].1.posted, 2_000, "first written then, edited since");
        run.delete_comment(&second, by("高橋", 5_000)).unwrap();
        assert_eq!(run.comments_on("worksheet").len(), 1);
        assert_eq!(run.delete_comment(&second, 6_000), Err(ProgressError::NoSuchItem), "gone already");
        assert!(run.comments_on("list-tickets").is_empty());
        let t = crate::text::texts(Lang::Ja);
        let words: Vec<String> = run.history.iter().skip(1).map(|e| e.describe(&p, t)).collect();
        assert_eq!(
            words,
            [
                "コメント：件数は三か月分でよいか？",
                "コメント：よい。四月は別に数える",
                "コメント：件数は三か月分でよいですか？",
                "コメントを削除した"
            ],
            "what was said before an edit or a deletion stays"
        );
    }

    #[test]
    fn evidence_is_a_web_address_or_a_network_path_and_nothing_else() {
        assert_eq!(place("https://intranet.example.co.jp/規程/就業規則.pdf"), Some(Place::Web));
        assert_eq!(place("HTTP://wiki/faq?id=3#q"), Some(Place::Web));
        assert_eq!(place(r"\\fileserver\人事\2027\問い合わせ記録.xlsx"), Some(Place::Share));
        assert_eq!(place(r"\\nas01\share"), Some(Place::Share));
        for not_evidence in [
            "",
            "javascript:alert(1)",
            "file:///C:/secret.txt",
            "https://",
            "https:// host",
            r"\\server",
            r"\\\share",
            r"C:\Users\me\file.txt",
            "data:text/html,<script>alert(1)</script>",
            "https://example.com/\u{7}",
        ] {
            assert_eq!(place(not_evidence), None, "{not_evidence}");
        }
        assert_eq!(place(&format!("https://e.jp/{}", "a".repeat(MAX_EVIDENCE_CHARS))), None, "too long");

        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        let s = step(&p, "list-tickets");
        assert_eq!(run.add_evidence(s, "javascript:alert(1)", "x", 2_000), Err(ProgressError::NotEvidence));
        let link = run.add_evidence(s, " https://wiki.example/faq ", "FAQ 一覧", by("佐藤", 2_000)).unwrap();
        run.add_evidence(s, r"\\fs01\人事\問い合わせ.xlsx", "", by("佐藤", 3_000)).unwrap();
        let listed: Vec<(&str, Option<Place>)> =
            run.evidence_on("list-tickets").iter().map(|(_, e)| (e.target.as_str(), e.place())).collect();
        assert_eq!(
            listed,
            [("https://wiki.example/faq", Some(Place::Web)), (r"\\fs01\人事\問い合わせ.xlsx", Some(Place::Share))]
        );
        run.remove_evidence(&link, 4_000).unwrap();
        assert_eq!(run.evidence_on("list-tickets").len(), 1);
        let md = crate::record::Record::new(&p, run).to_markdown_at(Lang::Ja, "2027-01-01", 540);
        assert!(
            md.contains(
                "## 根拠資料\n\n| ステップ | 資料 | リンクまたはパス |\n|---|---|---|\n| 問い合わせを書き出す |  | "
            ),
            "{md}"
        );
        assert!(md.contains("fs01") && !md.contains("wiki.example/faq"), "removed evidence is not listed");
        let text = encode(&progress);
        assert_eq!(decode(&text).unwrap(), progress);
        // A colleague's file with evidence that is not an address: refused whole.
        let broken = text.replace(r#"\\\\fs01\\人事\\問い合わせ.xlsx"#, "javascript:alert(1)");
        assert_ne!(broken, text);
        assert!(matches!(
            decode(&broken).unwrap_err(),
            DecodeError::Invalid { what: ProgressError::NotEvidence, path } if path.contains(".evidence.list-tickets.")
        ));
    }

    #[test]
    fn a_comment_both_sides_changed_is_a_conflict_and_either_side_can_be_kept() {
        let (p, mut sato, mut suzuki) = shared_run();
        let s = step(&p, "list-tickets");
        let id = sato.run_mut("r1").unwrap().add_comment(s, "期限は月末", by("佐藤", 4_000)).unwrap();
        suzuki.merge_file(sato.clone(), &[], "sato.json", by("鈴木", 5_000));
        // Both change it, not having seen the other's change.
        sato.run_mut("r1").unwrap().edit_comment(&id, "期限は月末（経理と確認済み）", by("佐藤", 6_000)).unwrap();
        suzuki.run_mut("r1").unwrap().edit_comment(&id, "期限は 25 日", by("鈴木", 7_000)).unwrap();

        let preview = suzuki.preview_merge(&sato);
        let conflicts: Vec<&Conflict> = preview.conflicts().collect();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].newest(), Side::Mine, "鈴木's edit is the later one");

        // 鈴木 keeps 佐藤's text: it is the comment's text now, by the same
        // author and date, and 鈴木's own text stays in the history.
        let mut kept = suzuki.clone();
        kept.merge_file(sato.clone(), &[Side::Theirs], "sato.json", by("鈴木", 8_000));
        let run = kept.run("r1").unwrap();
        let comments = run.comments_on("list-tickets");
        assert_eq!(comments.len(), 1);
        let (_, comment, _) = comments[0];
        assert_eq!(comment.text, "期限は月末（経理と確認済み）");
        assert_eq!((comment.by.name.as_str(), comment.posted), ("佐藤", 4_000));
        let texts: Vec<&str> = run
            .history
            .iter()
            .filter_map(|e| match &e.did {
                Event::Comment { text: Some(t), .. } => Some(t.as_str()),
                _ => None,
            })
            .collect();
        assert!(texts.contains(&"期限は 25 日"), "the value not kept is in the history: {texts:?}");

        // The newest by default: 鈴木's.
        suzuki.merge_file(sato, &[], "sato.json", by("鈴木", 8_000));
        assert_eq!(suzuki.run("r1").unwrap().comments_on("list-tickets")[0].1.text, "期限は 25 日");
    }

    #[test]
    fn a_comment_deleted_on_one_side_and_edited_on_the_other_comes_back_when_the_edit_is_kept() {
        let (p, mut sato, mut suzuki) = shared_run();
        let s = step(&p, "list-tickets");
        let id = sato.run_mut("r1").unwrap().add_comment(s, "窓口は人事企画", by("佐藤", 4_000)).unwrap();
        suzuki.merge_file(sato.clone(), &[], "sato.json", by("鈴木", 5_000));
        sato.run_mut("r1").unwrap().edit_comment(&id, "窓口は人事企画と総務", by("佐藤", 6_000)).unwrap();
        suzuki.run_mut("r1").unwrap().delete_comment(&id, by("鈴木", 7_000)).unwrap();

        let preview = suzuki.preview_merge(&sato);
        assert_eq!(preview.conflicts().count(), 1);
        let mut deleted = suzuki.clone();
        deleted.merge_file(sato.clone(), &[], "sato.json", by("鈴木", 8_000));
        assert!(
            deleted.run("r1").unwrap().comments_on("list-tickets").is_empty(),
            "the newest, the deletion, by default"
        );

        suzuki.merge_file(sato, &[Side::Theirs], "sato.json", by("鈴木", 8_000));
        let run = suzuki.run("r1").unwrap();
        let comments = run.comments_on("list-tickets");
        assert_eq!(comments.len(), 1, "the edit kept brings the comment back");
        assert_eq!(comments[0].1.text, "窓口は人事企画と総務");
        assert_eq!(
            (comments[0].1.by.name.as_str(), comments[0].1.posted, comments[0].1.step.as_str()),
            ("佐藤", 4_000, "list-tickets")
        );
        let last = run.history.iter().max_by_key(|e| e.at).unwrap();
        assert_eq!(last.by.name, "鈴木", "the pick is 鈴木's change");
    }

    #[test]
    fn comments_and_evidence_from_two_browsers_are_all_kept() {
        let (p, mut sato, mut suzuki) = shared_run();
        let s = step(&p, "list-tickets");
        sato.run_mut("r1").unwrap().add_comment(s, "佐藤のコメント", by("佐藤", 10_000)).unwrap();
        suzuki.run_mut("r1").unwrap().add_comment(s, "鈴木のコメント", by("鈴木", 10_000)).unwrap();
        suzuki.run_mut("r1").unwrap().add_evidence(s, "https://wiki.example/a", "", by("鈴木", 11_000)).unwrap();
        suzuki.merge_file(sato, &[], "sato.json", by("鈴木", 20_000));
        let run = suzuki.run("r1").unwrap();
        let texts: Vec<&str> = run.comments_on("list-tickets").iter().map(|(_, c, _)| c.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "same moment, two people: two comments");
        assert!(texts.contains(&"佐藤のコメント") && texts.contains(&"鈴木のコメント"));
        assert_eq!(run.evidence_on("list-tickets").len(), 1);
    }
}

mod answers {
    use super::*;
    use proptest::prelude::*;

    fn item<'p>(s: &'p Step, id: &str) -> &'p crate::model::Item {
        s.items.iter().find(|i| i.id == id).unwrap()
    }

    #[test]
    fn an_answer_excludes_steps_and_items_and_changing_it_back_keeps_what_was_recorded() {
        let (p, mut progress, id) = started(1_000);
        let worksheet = step(&p, "worksheet");
        let run = progress.run_mut(&id).unwrap();
        assert!(run.applies(worksheet) && run.excluded(&p).is_empty(), "unanswered: everything applies");
        run.set_item(worksheet, "loose-item", Mark::Done, 2_000).unwrap();
        run.set_note(worksheet, "台帳は共有フォルダ", 2_500);
        assert_eq!(run.open_items(worksheet), 1);

        run.set_answer(&p, "external-cloud", Some("no"), 3_000).unwrap();
        assert_eq!(
            run.item_mark(worksheet, item(worksheet, "after-loose")),
            na("「社外クラウドの AI サービスを使いますか」の回答が「はい」ではないため対象外")
        );
        assert_eq!(run.open_items(worksheet), 0, "an excluded item is not open");
        assert_eq!(run.set_item(worksheet, "after-loose", Mark::Done, 3_500), Err(ProgressError::Excluded));
        run.set_step(&p, worksheet, Mark::Done, 4_000).unwrap();
        let tally = run.tally(&p);

        run.set_answer(&p, "listing", Some("private"), 5_000).unwrap();
        assert!(!run.applies(worksheet));
        assert_eq!(run.step_mark(worksheet), na("「会社の区分」の回答が「非上場」のため対象外"));
        assert_eq!(run.tally(&p), tally, "done or excluded: resolved either way");
        assert_eq!(run.set_step(&p, worksheet, Mark::Open, 5_500), Err(ProgressError::Excluded));
        let excluded = run.excluded(&p);
        assert_eq!(excluded.len(), 1, "the step, not also its items");
        assert_eq!((excluded[0].step.id.as_str(), excluded[0].item), ("worksheet", None));
        assert_eq!(excluded[0].because.answer, "private");
        assert!(!excluded[0].because.equal);

        // Another answer: back exactly as it was.
        run.set_answer(&p, "listing", Some("preparing"), 6_000).unwrap();
        assert_eq!(run.step_mark(worksheet), Mark::Done);
        assert_eq!(run.note(worksheet), "台帳は共有フォルダ");
        assert_eq!(run.item_mark(worksheet, item(worksheet, "loose-item")), Mark::Done);

        // The item applies again and is open: the step is reopened, in the history.
        run.set_answer(&p, "external-cloud", None, 7_000).unwrap();
        assert_eq!(run.item_mark(worksheet, item(worksheet, "after-loose")), Mark::Open);
        assert_eq!(run.step_mark(worksheet), Mark::Open);
        assert_eq!(run.item_mark(worksheet, item(worksheet, "loose-item")), Mark::Done);
        let last: Vec<&Event> = run.history.iter().rev().take(2).map(|e| &e.did).collect();
        assert_eq!(
            last,
            [&Event::Step { mark: Mark::Open }, &Event::Answer { question: "external-cloud".into(), answer: None }]
        );
        let t = crate::text::texts(Lang::Ja);
        let said: Vec<String> =
            run.history.iter().filter(|e| matches!(e.did, Event::Answer { .. })).map(|e| e.describe(&p, t)).collect();
        assert_eq!(said[0], "質問「社外クラウドの AI サービスを使いますか」に「いいえ」と回答");
        assert_eq!(said[3], "質問「社外クラウドの AI サービスを使いますか」の回答を取り消し");
    }

    #[test]
    fn only_the_playbook_s_questions_and_answers_are_taken() {
        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        assert_eq!(run.set_answer(&p, "region", Some("east"), 2_000), Err(ProgressError::NotAChoice));
        assert_eq!(run.set_answer(&p, "listing", Some("yes"), 2_000), Err(ProgressError::NotAChoice));
        run.set_answer(&p, "listing", Some("listed"), 2_000).unwrap();
        let entries = run.history.len();
        run.set_answer(&p, "listing", Some("listed"), 3_000).unwrap();
        assert_eq!(run.history.len(), entries, "the same answer again changes nothing");
        assert_eq!(run.answers["listing"].at, 2_000);
    }

    #[test]
    fn an_approval_the_answers_exclude_closes_no_gate() {
        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        let approval = p.steps().find(|s| matches!(s.kind, StepKind::Approval { .. })).unwrap();
        let later = p.phase(PhaseKind::Rollout).unwrap().steps.iter().find(|s| s.kind == StepKind::Plain);
        let Some(later) = later else { return };
        assert!(run.blocking_gate(&p, later).is_some());
        // Make the approval conditional, as a playbook may.
        let mut p2 = p.clone();
        for phase in &mut p2.phases {
            for s in &mut phase.steps {
                if s.id == approval.id {
                    s.when = step(&p, "worksheet").when.clone();
                }
            }
        }
        run.set_answer(&p2, "listing", Some("private"), 2_000).unwrap();
        let gates: Vec<_> = p2.steps().filter_map(|s| run.blocking_gate(&p2, s)).collect();
        assert!(!gates.contains(&approval_gate(approval)), "{gates:?}");
    }

    fn approval_gate(s: &Step) -> &str {
        match &s.kind {
            StepKind::Approval { gate, .. } => gate,
            _ => unreachable!(),
        }
    }

    #[test]
    fn answers_are_stored_merged_and_picked_like_other_fields() {
        let (p, mut sato, mut suzuki) = shared_run();
        let fresh = encode(&sato);
        assert!(!fresh.contains("answers"), "nothing written while nothing is answered");
        let older = fresh.replacen(&format!("{{\"format\":{FORMAT},"), "{\"format\":7,", 1);
        assert!(decode(&older).unwrap().run("r1").unwrap().answers.is_empty(), "format 7 reads with no answers");
        sato.run_mut("r1").unwrap().set_answer(&p, "listing", Some("listed"), by("佐藤", 1_000_000)).unwrap();
        suzuki.run_mut("r1").unwrap().set_answer(&p, "listing", Some("private"), by("鈴木", 2_000_000)).unwrap();
        let text = encode(&sato);
        assert_eq!(decode(&text).unwrap(), sato);
        let broken = text.replace(r#""value":"listed""#, r#""value":"<script>""#);
        assert_ne!(broken, text);
        assert!(matches!(
            decode(&broken).unwrap_err(),
            DecodeError::Invalid { what: ProgressError::NotAChoice, path } if path.ends_with("answers.listing")
        ));
        let preview = suzuki.preview_merge(&sato);
        let conflicts: Vec<_> = preview.conflicts().collect();
        assert_eq!(conflicts.len(), 1);
        assert_eq!(
            conflicts[0].theirs.did,
            Event::Answer { question: "listing".into(), answer: Some("listed".into()) }
        );
        let mut plain = suzuki.clone();
        plain.merge(sato.clone());
        assert_eq!(plain.run("r1").unwrap().answer("listing"), Some("private"), "a plain merge keeps the newest");
        suzuki.merge_file(sato, &[Side::Theirs], "sato.json", by("鈴木", 3_000_000));
        let run = suzuki.run("r1").unwrap();
        assert_eq!(run.answer("listing"), Some("listed"));
        let answered = run.history.iter().filter(|e| matches!(e.did, Event::Answer { .. })).count();
        assert_eq!(answered, 3, "both answers and the pick stay in the history");
    }

    #[test]
    fn a_changed_added_or_removed_question_is_drift_until_accepted() {
        let (p, mut progress, id) = started(1_000);
        let run = progress.run_mut(&id).unwrap();
        assert!(run.drift(&p).is_empty());
        let changed = FIXTURE.replace("text: 会社の区分", "text: 会社の区分（連結）").replace(
            "  - id: external-cloud\n    text: 社外クラウドの AI サービスを使いますか\n",
            "  - id: external-cloud\n    text: 社外クラウドの AI サービスを使いますか\n  - id: overseas\n    text: 海外拠点がありますか\n",
        );
        let (p2, d) = crate::parse(&changed);
        // The new question is unused: a warning only.
        let p2 = p2.unwrap_or_else(|| panic!("{d:?}"));
        let drift = run.drift(&p2);
        assert_eq!(
            drift.questions,
            [
                ("external-cloud".to_owned(), StepDrift::Unchanged),
                ("overseas".to_owned(), StepDrift::Added),
                ("listing".to_owned(), StepDrift::Changed)
            ]
            .into_iter()
            .filter(|(_, d)| *d != StepDrift::Unchanged)
            .collect::<Vec<_>>()
        );
        assert!(drift.steps.is_empty() && !drift.is_empty());
        run.accept_question(p2.question("overseas").unwrap(), 2_000);
        assert_eq!(run.drift(&p2).questions.len(), 1);
        let removed = FIXTURE
            .replace("  - id: external-cloud\n    text: 社外クラウドの AI サービスを使いますか\n", "")
            .replace("  when: [external-cloud=yes] -->", "-->");
        let p3 = crate::parse(&removed).0.unwrap();
        run.set_answer(&p, "external-cloud", Some("no"), 2_500).unwrap();
        let drift = run.drift(&p3);
        assert_eq!(drift.removed_questions, ["external-cloud", "overseas"], "overseas was accepted, so it is known");
        run.accept_all(&p3, 3_000);
        assert!(run.drift(&p3).is_empty());
        assert_eq!(run.answer("external-cloud"), Some("no"), "the answer stays in the run");
        assert_eq!(run.resolved_started_steps(&StepConditions::of(&p3)), 0, "question keys are not steps");
    }

    #[derive(Debug, Clone)]
    enum Action {
        Item(usize, bool),
        Answer(usize, Option<usize>),
        Step(bool),
    }

    fn action() -> impl Strategy<Value = Action> {
        prop_oneof![
            (0..2usize, any::<bool>()).prop_map(|(i, d)| Action::Item(i, d)),
            (0..2usize, proptest::option::of(0..3usize)).prop_map(|(q, a)| Action::Answer(q, a)),
            any::<bool>().prop_map(Action::Step),
        ]
    }

    proptest! {
        /// Answers only ever hide: whatever they are, clearing them all
        /// shows every item exactly as last set on it, and a done step has
        /// every item resolved.
        #[test]
        fn answering_never_drops_progress(actions in proptest::collection::vec(action(), 1..40)) {
            let (p, mut progress, id) = started(1_000);
            let worksheet = step(&p, "worksheet");
            let items = ["loose-item", "after-loose"];
            let run = progress.run_mut(&id).unwrap();
            let mut last_set: BTreeMap<&str, Mark> = BTreeMap::new();
            for (n, a) in actions.iter().enumerate() {
                let at = 2_000 + n as i64;
                match a {
                    Action::Item(i, done) => {
                        let mark = if *done { Mark::Done } else { Mark::Open };
                        if run.set_item(worksheet, items[*i], mark.clone(), at).is_ok() {
                            last_set.insert(items[*i], mark);
                        }
                    }
                    Action::Answer(q, a) => {
                        let question = &p.questions[*q];
                        let answer = a.and_then(|a| question.choices.get(a)).map(|c| c.id.as_str());
                        run.set_answer(&p, &question.id, answer, at).unwrap();
                    }
                    Action::Step(done) => {
                        let _ = run.set_step(&p, worksheet, if *done { Mark::Done } else { Mark::Open }, at);
                    }
                }
                if run.step_mark(worksheet) == Mark::Done {
                    prop_assert_eq!(run.open_items(worksheet), 0);
                }
                // The catalog, without the playbook, counts what the run counts.
                prop_assert_eq!(run.resolved_started_steps(&StepConditions::of(&p)), run.tally(&p).done);
            }
            for q in &p.questions {
                run.set_answer(&p, &q.id, None, 10_000).unwrap();
            }
            for id in items {
                let expected = last_set.get(id).cloned().unwrap_or_default();
                prop_assert_eq!(run.item_mark(worksheet, item(worksheet, id)), expected);
            }
            prop_assert!(run.excluded(&p).is_empty());
        }
    }
}
