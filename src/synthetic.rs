//! Synthetic playbooks of any size, for benchmarks and scale tests.
//!
//! The output is a valid playbook (no diagnostics) whose steps look like real
//! ones: Japanese instructions with emphasis, links, a table now and then, and
//! a checklist. It is deterministic, so figures from different runs compare.

use std::fmt::Write as _;

/// A valid playbook with `steps` steps (at least 6, so that both gates and a metric step fit), spread over the three
/// phases, each step with `items_per_step` checklist items.
pub fn playbook(id: &str, steps: usize, items_per_step: usize) -> String {
    let steps = steps.max(6);
    let mut s = String::with_capacity(steps * (420 + items_per_step * 60) + 1500);
    let _ = write!(
        s,
        "---\nid: {id}\ntitle: 合成プレイブック {id}\ndepartment: 経理\ntheme: 請求書処理\n\
         summary: ベンチマーク用に生成した {steps} ステップのプレイブック。\nowner: 経理課長\nversion: 1\n\
         tags: [合成, ベンチマーク]\nscope:\n  - 請求書の受領確認\n  - 差し戻し連絡\n\
         exceptions:\n  - work: 不正の疑いがある申請\n    reason: 人が事実を確認するため\n\
         approvers:\n  - id: manager\n    role: 経理課長\n    gates: [pilot-start, rollout-go]\n\
         metrics:\n  - id: send-backs\n    name: 差し戻し件数\n    unit: 件/月\n    direction: down\n\
         \x20   baseline: 120\n    target: 60\n    measure: 受付台帳の差し戻し件数を月末に数える。\n\
         ---\n\n生成されたプレイブックです。**{steps}** ステップあります。\n"
    );
    let per_phase = steps / 3;
    let mut n = 0;
    for (p, phase) in ["inventory", "pilot", "rollout"].iter().enumerate() {
        // The inventory phase has one step more (the baselines), the rollout one less.
        let count = match p {
            0 => per_phase + 1,
            1 => per_phase,
            _ => steps - 2 * per_phase - 1,
        };
        let _ = write!(s, "\n## フェーズ {phase}\n<!-- phase: {phase} -->\n\nこのフェーズの説明です。\n");
        for i in 0..count {
            n += 1;
            let kind = match (p, i) {
                (0, 0) => "\nkind: inventory".to_owned(),
                (0, 1) => "\nkind: metric\nmetrics: [send-backs]".to_owned(),
                (0, 2) => "\nkind: approval\ngate: pilot-start\napprover: manager".to_owned(),
                (1, 0) => "\nkind: metric\nmetrics: [send-backs]".to_owned(),
                (2, 0) => "\nkind: approval\ngate: rollout-go\napprover: manager".to_owned(),
                _ => String::new(),
            };
            let _ = write!(
                s,
                "\n### ステップ {n}：請求書の確認と差し戻し\n<!-- step: step-{n}{kind}\nrole: 経理担当\n-->\n\n\
                 受け取った請求書を *台帳* と照らし、金額・日付・登録番号を確かめます。詳しくは\
                 [手順書](./guide-{n}.md) を見てください。`R{n:02}` のコードで記録します。\n"
            );
            if n % 10 == 0 {
                s.push_str("\n| コード | 理由 |\n|---|---|\n| R01 | 添付なし |\n| R02 | 金額不一致 |\n");
            }
            if !kind.contains("approval") {
                s.push('\n');
                for k in 0..items_per_step {
                    let _ =
                        writeln!(s, "- [ ] 確認項目 {k}：**金額** と日付を照合した <!-- item: step-{n}-item-{k} -->");
                }
            }
        }
    }
    s
}

/// A team's shared folder: `runs` runs (one per department) of a
/// `steps`-step playbook, each shared by `members` people, as `(file name,
/// text)`. Every file holds the run's common history (two rounds of a note
/// and every item per step) and its member's own changes to a fifth of the
/// steps, and carries the playbook, so that any site can show it.
pub fn team_folder(runs: usize, members: usize, steps: usize) -> Vec<(String, String)> {
    use crate::progress::{Export, Mark, Person, Progress, SharedPlaybook, Stamp};
    const MINUTE: i64 = 60_000;
    const NAMES: [&str; 5] = ["佐藤", "鈴木", "高橋", "田中", "伊藤"];
    let source = playbook("synthetic-team", steps, 3);
    let Some(parsed) = crate::parse(&source).0 else { return Vec::new() };
    let all: Vec<_> = parsed.steps().cloned().collect();
    let by = |name: &str, at: i64| Stamp { at, by: Person::new(name, "") };
    let mut files = Vec::new();
    let mut at = MINUTE;
    for run in 0..runs {
        let id = format!("run{run}");
        let mut shared = Progress::default();
        if shared.start_run(&parsed, &format!("部門 {run} パイロット"), id.clone(), by(NAMES[0], at)).is_err() {
            return Vec::new();
        }
        for (round, name) in NAMES.iter().take(2).enumerate() {
            for step in &all {
                at += MINUTE;
                let Ok(r) = shared.run_mut(&id) else { continue };
                r.set_note(step, &format!("{round} 回目の共有メモ"), by(name, at));
                for item in &step.items {
                    let _ = r.set_item(step, &item.id, Mark::Done, by(name, at));
                }
            }
        }
        for m in 0..members {
            let member = format!("{}{}", NAMES[m % NAMES.len()], m / NAMES.len() + 1);
            let mut mine = shared.clone();
            for step in all.iter().skip(m * steps / 5).take(steps / 5) {
                at += MINUTE;
                let Ok(r) = mine.run_mut(&id) else { continue };
                r.set_note(step, &format!("{member} のメモ"), by(&member, at));
                for item in &step.items {
                    let _ = r.set_item(step, &item.id, Mark::Open, by(&member, at));
                }
            }
            let mut export = Export::new(mine, None, at);
            export.playbooks.push(SharedPlaybook { id: parsed.meta.id.clone(), source: source.clone() });
            files.push((format!("tebiki-synthetic-{id}-{member}.json"), export.to_json()));
        }
    }
    files
}

#[cfg(test)]
mod tests {
    #[test]
    fn synthetic_playbooks_are_valid_at_every_size() {
        for steps in [6, 10, 500] {
            let text = super::playbook("synthetic", steps, 2);
            let (playbook, diagnostics) = crate::parse(&text);
            assert!(diagnostics.is_empty(), "{diagnostics:?}");
            assert_eq!(playbook.unwrap().step_count(), steps);
        }
    }

    #[test]
    fn a_synthetic_team_folder_reads_back_as_its_runs() {
        let files = super::team_folder(3, 2, 10);
        assert_eq!(files.len(), 6);
        let folder = crate::progress::read_folder(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        assert!(folder.problems.is_empty(), "{:?}", folder.problems);
        assert_eq!(folder.export.progress.live_runs().count(), 3);
        assert_eq!(folder.export.playbooks.len(), 1);
    }
}
