//! Checks that need the whole file: unique ids, and every reference between
//! the body and the front matter (approvers, gates, metrics).

use std::collections::HashMap;
use std::ops::Range;

use crate::diagnostic::{Problem, Problems};
use crate::frontmatter::FrontMatter;
use crate::lines::LineIndex;
use crate::model::{PhaseKind, StepKind};
use crate::parse::StepDraft;

/// Report duplicate ids and broken or unused references.
///
/// `phases` gives the phase of each step (`None` for a step outside any).
pub(crate) fn check<'a>(
    text: &str,
    front: &'a FrontMatter,
    steps: &'a [StepDraft],
    phases: &[Option<PhaseKind>],
    out: &mut Problems,
) {
    // Only needed to say where a duplicate was first seen, which is rare.
    let index = std::cell::OnceCell::new();
    // Reports every id seen before, and returns the set of ids.
    let duplicates = |ids: &mut dyn Iterator<Item = (&'a str, &Range<usize>)>, out: &mut Problems| {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for (id, range) in ids {
            match seen.get(id) {
                Some(&first) => out.push((
                    range.clone(),
                    Problem::DuplicateId {
                        id: id.to_owned(),
                        first: index.get_or_init(|| LineIndex::new(text)).locate(text, first),
                    },
                )),
                None => {
                    seen.insert(id, range.start);
                }
            }
        }
        seen
    };

    let conditions = &front.conditions;
    duplicates(&mut conditions.approvers.iter().map(|a| a.id.as_str()).zip(&front.places.approvers), out);
    duplicates(&mut conditions.metrics.iter().map(|m| m.id.as_str()).zip(&front.places.metrics), out);
    duplicates(&mut front.questions.iter().map(|q| q.id.as_str()).zip(&front.places.questions), out);
    for (question, places) in front.questions.iter().zip(&front.places.choices) {
        duplicates(&mut question.choices.iter().map(|c| c.id.as_str()).zip(places), out);
    }

    // Steps and items share one namespace: progress is keyed by these ids.
    let current = duplicates(
        &mut steps.iter().flat_map(|d| {
            std::iter::once((d.step.id.as_str(), &d.id))
                .chain(d.step.items.iter().map(|i| i.id.as_str()).zip(d.items.iter().map(|(r, _)| r)))
        }),
        out,
    );

    // A former id must not be a current id, nor claimed by two steps or items.
    let mut claimed: HashMap<&str, usize> = HashMap::new();
    let renamed = steps.iter().flat_map(|d| {
        let own = d.step.renamed_from.iter().zip(&d.renamed_from);
        let items = d.step.items.iter().zip(&d.items).flat_map(|(i, (_, r))| i.renamed_from.iter().zip(r));
        own.chain(items)
    });
    for (old, range) in renamed {
        if current.contains_key(old.as_str()) {
            out.push((range.clone(), Problem::RenamedFromClash { id: old.clone() }));
        } else if let Some(&first) = claimed.get(old.as_str()) {
            out.push((
                range.clone(),
                Problem::RenamedTwice {
                    id: old.clone(),
                    first: index.get_or_init(|| LineIndex::new(text)).locate(text, first),
                },
            ));
        } else {
            claimed.insert(old, range.start);
        }
    }

    let mut signed: Vec<(&str, &str)> = Vec::new();
    let mut captured: Vec<&str> = Vec::new();
    // Metrics whose baseline a step records before the pilot.
    let mut before_pilot: Vec<&str> = Vec::new();
    for (draft, phase) in steps.iter().zip(phases) {
        match &draft.step.kind {
            StepKind::Approval { gate, approvers } => {
                for (name, range) in approvers.iter().zip(&draft.approvers) {
                    match conditions.approvers.iter().find(|a| &a.id == name) {
                        None => out.push((range.clone(), Problem::UnknownApprover { id: name.clone() })),
                        Some(a) if !gate.is_empty() && !a.gates.contains(gate) => {
                            out.push((
                                draft.gate.clone().unwrap_or(range.clone()),
                                Problem::ApproverDoesNotSignGate { approver: name.clone(), gate: gate.clone() },
                            ));
                        }
                        Some(_) => signed.push((name, gate)),
                    }
                }
            }
            StepKind::Metric { metrics } => {
                for (name, range) in metrics.iter().zip(&draft.metrics) {
                    if let Some(metric) = conditions.metrics.iter().find(|m| &m.id == name) {
                        if metric.counts.is_some() {
                            out.push((range.clone(), Problem::CountedInMetricStep { id: name.clone() }));
                            continue;
                        }
                        captured.push(name);
                        if *phase == Some(PhaseKind::Inventory) {
                            if metric.from_pilot.is_some() {
                                out.push((range.clone(), Problem::FromPilotBeforePilot { id: name.clone() }));
                            }
                            before_pilot.push(name);
                        }
                    } else {
                        out.push((range.clone(), Problem::UnknownMetric { id: name.clone() }));
                    }
                }
            }
            StepKind::Plain | StepKind::Inventory => {}
        }
    }

    for (name, range) in steps.iter().flat_map(|d| &d.decision_metrics) {
        if !conditions.metrics.iter().any(|m| &m.id == name) {
            out.push((range.clone(), Problem::UnknownMetric { id: name.clone() }));
        }
    }

    for (approver, gate_ranges) in conditions.approvers.iter().zip(&front.places.gates) {
        for (gate, range) in approver.gates.iter().zip(gate_ranges) {
            if !signed.contains(&(approver.id.as_str(), gate.as_str())) {
                out.push((
                    range.clone(),
                    Problem::GateWithoutApprovalStep { approver: approver.id.clone(), gate: gate.clone() },
                ));
            }
        }
    }
    for ((metric, range), starts) in conditions.metrics.iter().zip(&front.places.metrics).zip(&front.places.starts) {
        if metric.counts.is_some() {
            // tebiki counts it: no step records it, it starts at 0.
        } else if !captured.contains(&metric.id.as_str()) {
            out.push((range.clone(), Problem::MetricNeverCaptured { id: metric.id.clone() }));
        } else if !starts && !before_pilot.contains(&metric.id.as_str()) {
            out.push((range.clone(), Problem::NoBaselineSource { id: metric.id.clone() }));
        }
    }
}
