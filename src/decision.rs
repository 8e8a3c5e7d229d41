//! An approval step's decision — purpose, go and stop criteria, cost, risks,
//! when it is decided — read from the step comment, and where each numeric
//! criterion stands against a run's latest measurement. The app shows it at
//! the gate and prints it as the one page attached to a 稟議; the success
//! record carries it too.
//!
//! ```yaml
//! decision:
//!   purpose: 問い合わせ窓口の一本化と AI 下書きを三か月試す
//!   go:
//!     - text: 再問い合わせ率が 10 % 以下
//!       metric: repeat-inquiry-rate
//!       value: 10
//!     - 窓口担当の残業が増えていない
//!   stop:
//!     - text: 誤った回答の送付が月 3 件以上
//!       metric: wrong-answers
//!       value: 3
//!   cost: 月額 3 万円（10 アカウント）と準備 5 人日
//!   risks:
//!     - risk: 古い規程にもとづく回答を送る
//!       info: 社内規程（社外秘）
//!       response: 送る前に担当者が根拠の条項を開いて確かめる
//!   decide: パイロット三か月目の部長会
//! ```

use std::ops::Range;

use crate::diagnostic::{Context, Lang, Problem, Problems};
use crate::fields::{MapReader, scalar_text};
use crate::model::{Criterion, Decision, Direction, Metric, Risk, Threshold, format_number};
use crate::progress::Run;
use crate::text::texts;
use crate::yaml::{Node, Value};

const DECISION_KEYS: &[&str] = &["purpose", "go", "stop", "cost", "risks", "decide"];
const CRITERION_KEYS: &[&str] = &["text", "metric", "value"];
const RISK_KEYS: &[&str] = &["risk", "info", "response"];

/// Read `decision` of a step comment. Returns the decision (when its
/// required parts could be read) and each metric a criterion names, with
/// where it was written, for the whole-file check.
pub(crate) fn read(
    node: &Node<'_>,
    base: usize,
    out: &mut Problems,
) -> (Option<Decision>, Vec<(String, Range<usize>)>) {
    let mut metrics = Vec::new();
    let Some(map) = MapReader::open(node, base, Context::Decision, DECISION_KEYS, out) else {
        return (None, metrics);
    };
    let purpose = map.text("purpose", true, out);
    let mut criteria = |key: &'static str, out: &mut Problems| -> Vec<Criterion> {
        let items = map.list(key, false, out).unwrap_or_default();
        items.iter().filter_map(|item| criterion(item, key, base, &mut metrics, out)).collect()
    };
    let go = criteria("go", out);
    let stop = criteria("stop", out);
    let cost = map.text("cost", false, out).map(|(t, _)| t);
    let decide = map.text("decide", false, out).map(|(t, _)| t);
    let risks = map
        .list("risks", false, out)
        .unwrap_or_default()
        .iter()
        .filter_map(|item| {
            let entry = MapReader::open(item, base, Context::Risk, RISK_KEYS, out)?;
            let risk = entry.text("risk", true, out);
            let info = entry.text("info", false, out).map(|(t, _)| t);
            let response = entry.text("response", true, out);
            Some(Risk { risk: risk?.0, info, response: response?.0 })
        })
        .collect();
    let decision = purpose.map(|(purpose, _)| Decision { purpose, go, stop, cost, risks, decide });
    (decision, metrics)
}

/// A criterion written as text alone, or as `text` with `metric` and `value`.
fn criterion(
    item: &Node<'_>,
    key: &str,
    base: usize,
    metrics: &mut Vec<(String, Range<usize>)>,
    out: &mut Problems,
) -> Option<Criterion> {
    if let Value::Scalar { .. } = item.value {
        return scalar_text(item, key, base, out).map(|(text, _)| Criterion { text, threshold: None });
    }
    let entry = MapReader::open(item, base, Context::Criterion, CRITERION_KEYS, out)?;
    let text = entry.text("text", true, out);
    let metric = entry.id("metric", false, out);
    let value = entry.number("value", false, out);
    // A threshold needs both; name the one that is missing.
    match (&metric, value) {
        (Some(_), None) if !entry.has("value") => {
            out.push((entry.key_range("metric"), Problem::MissingKey { key: "value", context: Context::Criterion }));
        }
        (None, Some(_)) if !entry.has("metric") => {
            out.push((entry.key_range("value"), Problem::MissingKey { key: "metric", context: Context::Criterion }));
        }
        _ => {}
    }
    let threshold = match (metric, value) {
        (Some((metric, range)), Some(value)) => {
            metrics.push((metric.clone(), range));
            Some(Threshold { metric, value })
        }
        _ => None,
    };
    Some(Criterion { text: text?.0, threshold })
}

/// Which list a criterion is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// 移行基準: it holds when the latest value reaches the threshold.
    Go,
    /// 撤退基準: it holds when the latest value is at the threshold or
    /// worse.
    Stop,
}

/// Where a criterion stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Numeric, and the latest measurement makes it hold (a go criterion
    /// met, a stop criterion reached).
    Holds,
    /// Numeric, and the latest measurement does not make it hold.
    DoesNotHold,
    /// Numeric, but the metric has no measurement yet.
    NotMeasured,
    /// Words only: the approvers judge it.
    ForApprovers,
}

/// Where `criterion` stands for `run`, by the latest measurement of its
/// metric (`metrics`: the playbook's).
pub fn status(criterion: &Criterion, side: Side, metrics: &[Metric], run: &Run) -> Status {
    let Some(threshold) = &criterion.threshold else { return Status::ForApprovers };
    let Some(metric) = metrics.iter().find(|m| m.id == threshold.metric) else { return Status::NotMeasured };
    let Some(latest) = run.current(metric) else { return Status::NotMeasured };
    let holds = match (side, metric.direction) {
        // Reached in the metric's good direction.
        (Side::Go, Direction::Up) | (Side::Stop, Direction::Down) => latest >= threshold.value,
        // A stop threshold: at it or on its bad side.
        (Side::Go, Direction::Down) | (Side::Stop, Direction::Up) => latest <= threshold.value,
    };
    if holds { Status::Holds } else { Status::DoesNotHold }
}

/// Where `criterion` stands, in words, with the latest value when there is
/// one: 「満たしている（最新 55 %）」.
pub fn describe(criterion: &Criterion, side: Side, metrics: &[Metric], run: &Run, lang: Lang) -> String {
    let t = texts(lang);
    let words = match (status(criterion, side, metrics, run), side) {
        (Status::Holds, Side::Go) => t.criterion_met,
        (Status::DoesNotHold, Side::Go) => t.criterion_not_met,
        (Status::Holds, Side::Stop) => t.stop_reached,
        (Status::DoesNotHold, Side::Stop) => t.stop_not_reached,
        (Status::NotMeasured, _) => t.not_measured,
        (Status::ForApprovers, _) => t.for_approvers,
    };
    let latest = criterion.threshold.as_ref().and_then(|t| {
        let metric = metrics.iter().find(|m| m.id == t.metric)?;
        Some((run.current(metric)?, &metric.unit))
    });
    match latest {
        Some((value, unit)) => (t.with_latest)(words, &format!("{} {unit}", format_number(value))),
        None => words.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Progress;

    #[test]
    fn a_decision_is_read_with_its_criteria_and_each_stands_by_the_latest_measurement() {
        let p = crate::parse(include_str!("../tests/fixtures/valid/every-feature.md")).0.unwrap();
        let step = p.steps().find(|s| s.id == "approve-start").unwrap();
        let d = step.decision.as_ref().unwrap();
        assert_eq!(d.purpose, "ヘルプデスクの AI による回答案を三か月試す");
        assert_eq!(d.go.len(), 2);
        assert_eq!(d.go[0].threshold, Some(Threshold { metric: "fcr".into(), value: 50.0 }));
        assert_eq!(d.go[1], Criterion { text: "担当者の残業が増えていない".into(), threshold: None });
        assert_eq!(d.risks[0].info.as_deref(), Some("社内手順書（社外秘）"));
        assert_eq!((d.cost.as_deref(), d.decide.as_deref()), (Some("月額 2 万円"), Some("三か月目の部長会")));

        let mut progress = Progress::default();
        progress.start_run(&p, "r", "r1".into(), 1).unwrap();
        let metrics = &p.conditions.metrics;
        let run = progress.run_mut("r1").unwrap();
        let (go, words, stop) = (&d.go[0], &d.go[1], &d.stop[0]);
        assert_eq!(status(go, Side::Go, metrics, run), Status::NotMeasured);
        assert_eq!(status(words, Side::Go, metrics, run), Status::ForApprovers);
        // fcr is better up: 50 reaches the go threshold of 50, 49 does not.
        let fcr = &metrics[1];
        run.add_measurement(fcr, "2026-12-01", 49.0, 2, 0).unwrap();
        assert_eq!(status(go, Side::Go, metrics, run), Status::DoesNotHold);
        run.add_measurement(fcr, "2026-12-31", 50.0, 3, 1).unwrap();
        assert_eq!(status(go, Side::Go, metrics, run), Status::Holds, "the latest counts");
        // tickets are better down: the stop threshold of 1500 is reached at 1500 and above.
        let tickets = &metrics[0];
        run.add_measurement(tickets, "2026-12-01", 1499.0, 4, 2).unwrap();
        assert_eq!(status(stop, Side::Stop, metrics, run), Status::DoesNotHold);
        run.add_measurement(tickets, "2026-12-31", 1500.0, 5, 3).unwrap();
        assert_eq!(status(stop, Side::Stop, metrics, run), Status::Holds);
        // The same threshold read as a go criterion on a metric better up.
        let up_stop = Criterion { text: "x".into(), threshold: Some(Threshold { metric: "fcr".into(), value: 50.0 }) };
        assert_eq!(status(&up_stop, Side::Stop, metrics, run), Status::Holds, "50 is at the threshold");
        assert_eq!(describe(go, Side::Go, metrics, run, Lang::Ja), "満たしている（最新 50 %）");
        assert_eq!(describe(stop, Side::Stop, metrics, run, Lang::En), "reached (latest 1500 件/月)");
        assert_eq!(describe(words, Side::Go, metrics, run, Lang::Ja), "承認者が判断");
    }
}
