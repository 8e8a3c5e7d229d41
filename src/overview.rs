//! A playbook's phases and steps as HTML, the way its page reads them: one
//! markup, written here, for the generator's pre-rendered page and for the
//! app's overview. The app sets it as one block of HTML instead of building
//! each step as reactive nodes — nothing in it changes while it is read, and
//! a 500-step playbook's page opens in a fraction of the time.
//!
//! Text from the playbook is escaped here; markdown arrives already rendered
//! and sanitised by [`crate::markdown`].

use std::fmt::Write as _;

use crate::markdown::escape;
use crate::text::Texts;
use crate::{Direction, Playbook, StepKind, SuccessConditions, format_number};

/// What to have ready before the first step, and the expected effort, as a
/// `<section class="prepare">`; empty when the playbook says neither.
pub fn preparation_html(playbook: &Playbook, t: &Texts) -> String {
    let meta = &playbook.meta;
    if meta.prepare.is_empty() && meta.effort.is_none() {
        return String::new();
    }
    let mut b = String::from(r#"<section class="prepare" aria-labelledby="prepare-heading">"#);
    // Writing into a String cannot fail.
    let _ = write!(b, r#"<h2 id="prepare-heading">{}</h2>"#, escape(t.prepare));
    if !meta.prepare.is_empty() {
        b.push_str("<ul>");
        for item in &meta.prepare {
            let _ = write!(b, "<li>{}</li>", escape(item));
        }
        b.push_str("</ul>");
    }
    if let Some(effort) = &meta.effort {
        let _ = write!(b, r#"<p class="effort"><strong>{}</strong>：{}</p>"#, escape(t.effort), escape(effort));
    }
    b.push_str("</section>");
    b
}

/// A run's own baselines, shown beside the playbook's: the run's name and,
/// for each metric of the conditions in order, the value it recorded.
pub type RunBaselines<'a> = (&'a str, &'a [Option<f64>]);

/// The success conditions (scope, exceptions, approvers, metrics) as a
/// `<section class="conditions">`; with `run`, a column of that run's own
/// baselines beside the playbook's (the app's page, for this browser's
/// latest run).
pub fn conditions_html(c: &SuccessConditions, t: &Texts, run: Option<RunBaselines<'_>>) -> String {
    let mut b = String::with_capacity(2048);
    // Writing into a String cannot fail.
    let _ = write!(b, r#"<section class="conditions"><h2>{}</h2><ul>"#, escape(t.scope));
    for s in &c.scope {
        let _ = write!(b, "<li>{}</li>", escape(s));
    }
    let _ = write!(b, "</ul><h2>{}</h2>", escape(t.exceptions));
    if c.exceptions.is_empty() {
        let _ = write!(b, "<p>{}</p>", escape(t.no_exceptions));
    } else {
        let _ = write!(
            b,
            r#"<table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
            escape(t.work),
            escape(t.reason)
        );
        for e in &c.exceptions {
            let _ = write!(b, "<tr><td>{}</td><td>{}</td></tr>", escape(&e.work), escape(&e.reason));
        }
        b.push_str("</tbody></table>");
    }
    let _ = write!(
        b,
        r#"<h2>{}</h2><table><thead><tr><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(t.approvers),
        escape(t.role),
        escape(t.gates)
    );
    for a in &c.approvers {
        let gates: Vec<String> = a.gates.iter().map(|g| t.gate(g)).collect();
        let _ = write!(b, "<tr><td>{}</td><td>{}</td></tr>", escape(&a.role), escape(&gates.join("、")));
    }
    let _ = write!(
        b,
        r#"</tbody></table><h2 id="metrics-heading">{}</h2><div class="table-scroll" role="region" tabindex="0" aria-labelledby="metrics-heading"><table class="metrics"><thead><tr><th scope="col">{}</th><th scope="col">{}</th>"#,
        escape(t.metrics),
        escape(t.metric),
        escape(t.baseline),
    );
    if let Some((name, _)) = run {
        let _ = write!(b, r#"<th scope="col">{}</th>"#, escape(&(t.run_baselines)(name)));
    }
    let _ = write!(
        b,
        r#"<th scope="col">{}</th><th scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        escape(t.target),
        escape(t.better),
        escape(t.how_measured),
    );
    for (i, metric) in c.metrics.iter().enumerate() {
        let unit = escape(&metric.unit);
        let value = |v: Option<f64>| match (v, metric.from_pilot.is_some()) {
            (Some(v), _) => format!("{} {unit}", format_number(v)),
            (None, true) => escape(t.from_pilot),
            (None, false) => escape(t.not_recorded),
        };
        let _ = write!(b, r#"<tr><td>{}</td><td class="num">{}"#, escape(&metric.name), value(metric.baseline));
        if let (None, Some(why)) = (metric.baseline, &metric.from_pilot) {
            let _ = write!(b, r#"<span class="why">{}</span>"#, escape(why));
        }
        b.push_str("</td>");
        if let Some((_, values)) = run {
            let _ = write!(b, r#"<td class="num">{}</td>"#, value(values.get(i).copied().flatten()));
        }
        let direction = match metric.direction {
            Direction::Up => t.higher_better,
            Direction::Down => t.lower_better,
        };
        let _ = write!(
            b,
            r#"<td class="num">{}</td><td class="num">{}</td><td>{}</td></tr>"#,
            escape(&metric.target.describe(&metric.unit, t)),
            escape(direction),
            escape(&metric.measure),
        );
    }
    b.push_str("</tbody></table></div></section>");
    b
}

/// Every phase of `playbook`, each a `<section class="phase">` with its
/// steps (the pages put them in a `<div class="phases">`).
pub fn phases_html(playbook: &Playbook, t: &Texts) -> String {
    let size: usize = playbook
        .phases
        .iter()
        .flat_map(|ph| &ph.steps)
        .map(|s| s.title.len() + s.html.len() + s.items.iter().map(|i| i.html.len() + 9).sum::<usize>() + 120)
        .sum();
    let mut b = String::with_capacity(size);
    for phase in &playbook.phases {
        let kind = phase.kind.id();
        // Writing into a String cannot fail.
        let _ = write!(
            b,
            r#"<section class="phase" data-phase="{kind}" id="phase-{kind}"><h2>{}</h2>{}<ol class="steps">"#,
            escape(&phase.title),
            phase.intro_html
        );
        for step in &phase.steps {
            let _ = write!(b, r#"<li class="step" id="step-{}"><h3>{}</h3>"#, escape(&step.id), escape(&step.title));
            if let Some(role) = &step.role {
                let _ = write!(b, r#"<p class="role">{}：{}</p>"#, escape(t.responsible), escape(role));
            }
            match &step.kind {
                StepKind::Approval { gate, .. } => {
                    let gate = t.gate(gate);
                    let _ = write!(b, r#"<p class="kind">{}：{}</p>"#, escape(t.approval_of), escape(&gate));
                }
                StepKind::Metric { metrics } => {
                    let names: Vec<&str> = metrics
                        .iter()
                        .filter_map(|id| playbook.conditions.metrics.iter().find(|m| &m.id == id))
                        .map(|m| m.name.as_str())
                        .collect();
                    let _ = write!(b, r#"<p class="kind">{}：{}</p>"#, escape(t.records), escape(&names.join("、")));
                }
                StepKind::Inventory => {
                    let _ = write!(b, r#"<p class="kind">{}</p>"#, escape(t.inventory_sheet));
                }
                StepKind::Plain => {}
            }
            b.push_str(&step.html);
            if !step.items.is_empty() {
                b.push_str(r#"<ul class="checklist">"#);
                for item in &step.items {
                    let _ = write!(b, "<li>{}</li>", item.html);
                }
                b.push_str("</ul>");
            }
            b.push_str("</li>");
        }
        b.push_str("</ol></section>");
    }
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::Lang;
    use crate::text::texts;

    #[test]
    fn what_to_prepare_comes_as_its_own_section_and_only_when_written() {
        let text = include_str!("../tests/fixtures/valid/every-feature.md");
        let mut playbook = crate::parse(text).0.unwrap();
        let html = preparation_html(&playbook, texts(Lang::Ja));
        assert_eq!(
            html,
            "<section class=\"prepare\" aria-labelledby=\"prepare-heading\"><h2 id=\"prepare-heading\">始める前に用意するもの</h2>\
             <ul><li>チケット管理システムの閲覧権限</li><li>作業時間の記録表（二週間分）</li></ul>\
             <p class=\"effort\"><strong>見込みの工数</strong>：棚卸しに 3 人日、パイロットは三か月</p></section>"
        );
        playbook.meta.prepare = vec!["<script>x</script>".into()];
        playbook.meta.effort = None;
        let html = preparation_html(&playbook, texts(Lang::En));
        assert!(
            html.contains("Before you start") && html.contains("<li>&lt;script&gt;x&lt;/script&gt;</li>"),
            "{html}"
        );
        assert!(!html.contains("effort"));
        playbook.meta.prepare.clear();
        assert_eq!(preparation_html(&playbook, texts(Lang::Ja)), "");
    }

    #[test]
    fn every_step_is_there_with_its_role_kind_text_and_items() {
        let text = include_str!("../tests/fixtures/valid/every-feature.md");
        let playbook = crate::parse(text).0.unwrap();
        let html = phases_html(&playbook, texts(Lang::Ja));
        assert!(html.starts_with(r#"<section class="phase" data-phase="inventory" id="phase-inventory">"#));
        assert_eq!(html.matches(r#"<li class="step" id="step-"#).count(), playbook.step_count());
        assert_eq!(html.matches("<section").count(), playbook.phases.len());
        for step in playbook.steps() {
            assert!(html.contains(&format!(r#"id="step-{}"><h3>{}</h3>"#, step.id, escape(&step.title))));
            assert!(html.contains(&step.html));
            for item in &step.items {
                assert!(html.contains(&format!("<li>{}</li>", item.html)));
            }
        }
        assert!(html.contains(r#"<p class="kind">承認：パイロット開始</p>"#));
        assert!(html.contains(r#"<p class="kind">棚卸し表に記入します。</p>"#));
        assert!(html.contains(r#"<p class="kind">記録する指標："#));
        assert!(html.contains(r#"<p class="role">担当："#));
    }

    #[test]
    fn the_conditions_list_everything_and_a_runs_baselines_only_when_given() {
        let text = include_str!("../tests/fixtures/valid/every-feature.md");
        let playbook = crate::parse(text).0.unwrap();
        let c = &playbook.conditions;
        let html = conditions_html(c, texts(Lang::Ja), None);
        assert!(html.starts_with(r#"<section class="conditions"><h2>対象範囲</h2>"#), "{html}");
        for s in &c.scope {
            assert!(html.contains(&format!("<li>{}</li>", escape(s))));
        }
        for e in &c.exceptions {
            assert!(html.contains(&format!("<tr><td>{}</td><td>{}</td></tr>", escape(&e.work), escape(&e.reason))));
        }
        assert_eq!(html.matches("<tr>").count(), 3 + c.exceptions.len() + c.approvers.len() + c.metrics.len());
        assert_eq!(html.matches("<th scope=\"col\">").count(), 2 + 2 + 5);
        assert!(!html.contains("（このブラウザ）"));
        let values: Vec<Option<f64>> = c.metrics.iter().enumerate().map(|(i, _)| (i == 0).then_some(120.0)).collect();
        let html = conditions_html(c, texts(Lang::Ja), Some(("経理 <b>上期</b>", &values)));
        assert!(
            html.contains("<th scope=\"col\">「経理 &lt;b&gt;上期&lt;/b&gt;」の基準値（このブラウザ）</th>"),
            "{html}"
        );
        assert_eq!(html.matches("<th scope=\"col\">").count(), 2 + 2 + 6);
        assert!(html.contains(&format!(r#"<td class="num">120 {}</td>"#, escape(&c.metrics[0].unit))), "{html}");
        assert_eq!(html.matches("<td class=\"num\">").count(), c.metrics.len() * 4);
    }

    #[test]
    fn playbook_text_is_escaped() {
        let text = crate::synthetic::playbook("x", 6, 1)
            .replacen("role: 経理担当", "role: <img src=x onerror=alert(1)>", 1)
            .replacen("## フェーズ inventory", "## フェーズ <script>inventory</script>", 1);
        let playbook = crate::parse(&text).0.unwrap();
        let role = playbook.phases[0].steps[0].role.clone().unwrap();
        assert!(role.contains("<img"), "the role keeps what was written: {role}");
        let html = phases_html(&playbook, texts(Lang::Ja));
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains(r#"<p class="role">担当：&lt;img src=x onerror=alert(1)&gt;</p>"#), "{html}");
    }
}
