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
use crate::progress::gate_label;
use crate::{Lang, Playbook, StepKind};

/// The words around the steps, in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct Labels<'a> {
    /// For the gate names.
    pub lang: Lang,
    /// Before a step's role: 担当 / Responsible.
    pub responsible: &'a str,
    /// Before an approval step's gate.
    pub approval_of: &'a str,
    /// Before a metric step's metrics.
    pub records: &'a str,
    /// The line of an inventory step.
    pub inventory_sheet: &'a str,
    /// The heading of what to prepare before the first step.
    pub prepare: &'a str,
    /// Before the expected effort.
    pub effort: &'a str,
}

impl Labels<'static> {
    /// The Japanese words (the generator's pre-rendered pages, the app in 日本語).
    pub const JA: Labels<'static> = Labels {
        lang: Lang::Ja,
        responsible: "担当",
        approval_of: "承認",
        records: "記録する指標",
        inventory_sheet: "棚卸し表に記入します。",
        prepare: "始める前に用意するもの",
        effort: "見込みの工数",
    };
    /// The English words.
    pub const EN: Labels<'static> = Labels {
        lang: Lang::En,
        responsible: "Responsible",
        approval_of: "Approval",
        records: "Records",
        inventory_sheet: "Fill in the inventory worksheet.",
        prepare: "Before you start",
        effort: "Expected effort",
    };

    /// The words for `lang`.
    pub fn of(lang: Lang) -> &'static Labels<'static> {
        match lang {
            Lang::Ja => &Self::JA,
            Lang::En => &Self::EN,
        }
    }
}

/// What to have ready before the first step, and the expected effort, as a
/// `<section class="prepare">`; empty when the playbook says neither.
pub fn preparation_html(playbook: &Playbook, labels: &Labels<'_>) -> String {
    let meta = &playbook.meta;
    if meta.prepare.is_empty() && meta.effort.is_none() {
        return String::new();
    }
    let mut b = String::from(r#"<section class="prepare" aria-labelledby="prepare-heading">"#);
    // Writing into a String cannot fail.
    let _ = write!(b, r#"<h2 id="prepare-heading">{}</h2>"#, escape(labels.prepare));
    if !meta.prepare.is_empty() {
        b.push_str("<ul>");
        for item in &meta.prepare {
            let _ = write!(b, "<li>{}</li>", escape(item));
        }
        b.push_str("</ul>");
    }
    if let Some(effort) = &meta.effort {
        let _ = write!(b, r#"<p class="effort"><strong>{}</strong>：{}</p>"#, escape(labels.effort), escape(effort));
    }
    b.push_str("</section>");
    b
}

/// Every phase of `playbook`, each a `<section class="phase">` with its
/// steps (the pages put them in a `<div class="phases">`).
pub fn phases_html(playbook: &Playbook, labels: &Labels<'_>) -> String {
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
                let _ = write!(b, r#"<p class="role">{}：{}</p>"#, escape(labels.responsible), escape(role));
            }
            match &step.kind {
                StepKind::Approval { gate, .. } => {
                    let gate = gate_label(gate, labels.lang);
                    let _ = write!(b, r#"<p class="kind">{}：{}</p>"#, escape(labels.approval_of), escape(&gate));
                }
                StepKind::Metric { metrics } => {
                    let names: Vec<&str> = metrics
                        .iter()
                        .filter_map(|id| playbook.conditions.metrics.iter().find(|m| &m.id == id))
                        .map(|m| m.name.as_str())
                        .collect();
                    let _ =
                        write!(b, r#"<p class="kind">{}：{}</p>"#, escape(labels.records), escape(&names.join("、")));
                }
                StepKind::Inventory => {
                    let _ = write!(b, r#"<p class="kind">{}</p>"#, escape(labels.inventory_sheet));
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

    const JA: Labels<'static> = Labels::JA;

    #[test]
    fn what_to_prepare_comes_as_its_own_section_and_only_when_written() {
        let text = include_str!("../tests/fixtures/valid/every-feature.md");
        let mut playbook = crate::parse(text).0.unwrap();
        let html = preparation_html(&playbook, &JA);
        assert_eq!(
            html,
            "<section class=\"prepare\" aria-labelledby=\"prepare-heading\"><h2 id=\"prepare-heading\">始める前に用意するもの</h2>\
             <ul><li>チケット管理システムの閲覧権限</li><li>作業時間の記録表（二週間分）</li></ul>\
             <p class=\"effort\"><strong>見込みの工数</strong>：棚卸しに 3 人日、パイロットは三か月</p></section>"
        );
        playbook.meta.prepare = vec!["<script>x</script>".into()];
        playbook.meta.effort = None;
        let html = preparation_html(&playbook, Labels::of(Lang::En));
        assert!(
            html.contains("Before you start") && html.contains("<li>&lt;script&gt;x&lt;/script&gt;</li>"),
            "{html}"
        );
        assert!(!html.contains("effort"));
        playbook.meta.prepare.clear();
        assert_eq!(preparation_html(&playbook, &JA), "");
    }

    #[test]
    fn every_step_is_there_with_its_role_kind_text_and_items() {
        let text = include_str!("../tests/fixtures/valid/every-feature.md");
        let playbook = crate::parse(text).0.unwrap();
        let html = phases_html(&playbook, &JA);
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
    fn playbook_text_is_escaped() {
        let text = crate::synthetic::playbook("x", 6, 1)
            .replacen("role: 経理担当", "role: <img src=x onerror=alert(1)>", 1)
            .replacen("## フェーズ inventory", "## フェーズ <script>inventory</script>", 1);
        let playbook = crate::parse(&text).0.unwrap();
        let role = playbook.phases[0].steps[0].role.clone().unwrap();
        assert!(role.contains("<img"), "the role keeps what was written: {role}");
        let html = phases_html(&playbook, &JA);
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains(r#"<p class="role">担当：&lt;img src=x onerror=alert(1)&gt;</p>"#), "{html}");
    }
}
