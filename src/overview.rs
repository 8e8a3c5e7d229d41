//! A playbook's card, header, conditions, phases and steps as HTML, the way
//! its pages read them: one markup, written here, for the generator's
//! pre-rendered pages and for the app's catalog and overview. The app sets it as one block of HTML instead of building
//! each step as reactive nodes — nothing in it changes while it is read, and
//! a 500-step playbook's page opens in a fraction of the time.
//!
//! Text from the playbook is escaped here; markdown arrives already rendered
//! and sanitised by [`crate::markdown`].

use std::fmt::Write as _;

use crate::manifest::ManifestEntry;
use crate::markdown::escape;
use crate::progress::{Progress, Tally};
use crate::text::Texts;
use crate::{Direction, Meta, Playbook, StepKind, SuccessConditions, format_number};

/// What to have ready before the first step, the expected effort and the
/// questions a team answers when it starts, as a `<section class="prepare">`;
/// empty when the playbook says none of these.
pub fn preparation_html(playbook: &Playbook, t: &Texts) -> String {
    let meta = &playbook.meta;
    if meta.prepare.is_empty() && meta.effort.is_none() && playbook.questions.is_empty() {
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
    if !playbook.questions.is_empty() {
        let _ = write!(
            b,
            r#"<h3>{}</h3><p>{}</p><ul class="questions">"#,
            escape(t.questions_title),
            escape(t.questions_help)
        );
        for q in &playbook.questions {
            let choices: Vec<&str> = q.choices.iter().map(|c| c.label.as_str()).collect();
            let _ = write!(b, "<li>{}（{}）</li>", escape(&q.text), escape(&choices.join("・")));
        }
        b.push_str("</ul>");
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
        // A counted metric starts at 0 in every run.
        let start = if metric.counts.is_some() { Some(0.0) } else { metric.baseline };
        let _ = write!(b, r#"<tr><td>{}</td><td class="num">{}"#, escape(&metric.name), value(start));
        if let (None, Some(why)) = (metric.baseline, &metric.from_pilot) {
            let _ = write!(b, r#"<span class="why">{}</span>"#, escape(why));
        }
        if let Some(crate::model::Count::SendBacks) = metric.counts {
            let _ = write!(b, r#"<span class="why">{}</span>"#, escape(t.counts_send_backs));
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

/// This browser's runs of a playbook, as its catalog card shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRuns {
    /// How many live runs of the playbook this browser has.
    pub count: usize,
    /// The name of the one changed last.
    pub latest: String,
    /// Its finished steps (among those it started with).
    pub done: usize,
}

impl CardRuns {
    /// This browser's live runs of the playbook of `entry` in `progress`
    /// (the one changed last first, as [`Progress::runs_of`] orders them), if any.
    pub fn of(progress: &Progress, entry: &ManifestEntry) -> Option<CardRuns> {
        let runs = progress.runs_of(&entry.id);
        let latest = runs.first()?;
        let done = latest.resolved_started_steps(&entry.when);
        Some(CardRuns { count: runs.len(), latest: latest.name.value.clone(), done })
    }
}

/// A playbook's card in the catalog, a `<li class="card">` linking to
/// `href`; with `runs`, this browser's runs under it. The generator writes it
/// without runs (the site script adds them from the summary), the app with.
/// The `data-` attributes are what the site script filters on.
pub fn card_html(entry: &ManifestEntry, href: &str, t: &Texts, runs: Option<&CardRuns>) -> String {
    let mut b = String::with_capacity(512 + entry.summary.len());
    let tags = serde_json::to_string(&entry.tags).unwrap_or_else(|_| "[]".into());
    let _ = write!(
        b,
        r#"<li class="card" data-testid="playbook-card" data-id="{id}" data-theme="{theme}" data-tags="{tags}" data-steps="{step_count}"><p class="dept">{dept}</p><h2><a href="{href}">{title}</a></h2><p>{summary}</p><p class="meta">{theme_label}：{theme} ・ {steps} ・ {version}</p>"#,
        id = escape(&entry.id),
        tags = escape(&tags),
        step_count = entry.steps,
        dept = escape(&entry.department),
        href = escape(href),
        title = escape(&entry.title),
        summary = escape(&entry.summary),
        theme_label = escape(t.theme),
        theme = escape(&entry.theme),
        steps = escape(&(t.steps)(entry.steps)),
        version = escape(&(t.version)(entry.version)),
    );
    if let Some(runs) = runs {
        let tally = Tally { done: runs.done.min(entry.steps), total: entry.steps };
        let _ = write!(
            b,
            r#"<div class="card-runs" data-testid="card-runs"><p>{}</p>{}</div>"#,
            escape(&(t.runs_here)(runs.count, &runs.latest)),
            progress_html(t.latest_run, tally, t)
        );
    }
    b.push_str("</li>");
    b
}

/// A labelled bar: `label` names what is measured, `tally` how far it is.
pub fn progress_html(label: &str, tally: Tally, t: &Texts) -> String {
    let words = (t.done_of)(tally.done, tally.total, tally.percent());
    format!(
        r#"<div class="progress{complete}"><span class="progress-label">{label}</span><progress max="{max}" value="{done}" aria-label="{label} {words}"></progress><span class="progress-words">{words}</span></div>"#,
        complete = if tally.complete() { " complete" } else { "" },
        label = escape(label),
        max = tally.total.max(1),
        done = tally.done,
        words = escape(&words),
    )
}

/// A playbook's header (what goes in its page's `<header>`): department,
/// title, summary, and the facts (theme, owner, version, what it was cloned
/// from, the playbook it requires — `required` is that one's page and title).
/// `local` adds the note that it is kept in this browser only.
pub fn header_html(meta: &Meta, t: &Texts, local: bool, required: Option<(&str, &str)>) -> String {
    let mut b = String::with_capacity(512 + meta.summary.len());
    let _ = write!(
        b,
        r#"<p class="dept">{}</p><h1>{}</h1><p class="lead">{}</p>"#,
        escape(&meta.department),
        escape(&meta.title),
        escape(&meta.summary)
    );
    if local {
        let _ = write!(b, r#"<p class="local-note" data-testid="local-note">{}</p>"#, escape(t.local_note));
    }
    let _ = write!(
        b,
        r#"<dl class="facts"><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd><dt>{}</dt><dd>{}</dd>"#,
        escape(t.theme),
        escape(&meta.theme),
        escape(t.owner),
        escape(&meta.owner),
        escape(t.version_label),
        escape(&(t.version)(meta.version)),
    );
    if let Some(from) = &meta.cloned_from {
        let _ = write!(b, "<dt>{}</dt><dd>{}</dd>", escape(t.cloned_from), escape(&from.to_string()));
    }
    if let Some((href, title)) = required {
        let _ = write!(
            b,
            r#"<dt>{}</dt><dd><a href="{}" data-testid="required-link">{}</a></dd>"#,
            escape(t.prereq_title),
            escape(href),
            escape(title),
        );
    }
    b.push_str("</dl>");
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
            if !step.when.is_empty() {
                let _ =
                    write!(b, r#"<p class="when">{}：{}</p>"#, escape(t.applies_when), escape(&rules(&step.when, t)));
            }
            if let Some(due) = &step.due {
                let _ = write!(
                    b,
                    r#"<p class="due">{}：{}</p>"#,
                    escape(t.due_guide),
                    escape(&due.describe(phase.kind, t))
                );
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
                    if item.when.is_empty() {
                        let _ = write!(b, "<li>{}</li>", item.html);
                    } else {
                        let when = format!("{}：{}", t.applies_when, rules(&item.when, t));
                        let _ = write!(b, r#"<li>{}<p class="when">{}</p></li>"#, item.html, escape(&when));
                    }
                }
                b.push_str("</ul>");
            }
            b.push_str("</li>");
        }
        b.push_str("</ol></section>");
    }
    b
}

/// What a playbook's page shows of it below its header and its runs: the
/// introduction, what to prepare, the success conditions and every phase,
/// each in its block. The generator's page and the editor's preview are
/// made of exactly this, so that an author sees what the site will show.
pub fn body_html(playbook: &Playbook, t: &Texts) -> String {
    let mut b = String::new();
    let _ = write!(b, r#"<div class="intro">{}</div>"#, playbook.intro_html);
    let _ = write!(b, r#"<div class="prepare-block">{}</div>"#, preparation_html(playbook, t));
    let _ = write!(b, r#"<div class="conditions-block">{}</div>"#, conditions_html(&playbook.conditions, t, None));
    let _ = write!(b, r#"<div class="phases">{}</div>"#, phases_html(playbook, t));
    b
}

/// Every condition of a `when`, in words, joined.
pub fn rules(when: &[crate::model::Condition], t: &Texts) -> String {
    let rules: Vec<String> = when.iter().map(|c| c.describe(t)).collect();
    rules.join(if t.lang == crate::Lang::Ja { "、かつ" } else { ", and " })
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
             <p class=\"effort\"><strong>見込みの工数</strong>：棚卸しに 3 人日、パイロットは三か月</p>\
             <h3>始める前に答える質問</h3><p>答えによって対象外になるステップ・チェック項目があります。答えは取り組みの画面で後から変えられます。</p>\
             <ul class=\"questions\"><li>社外クラウドの AI サービスを使いますか（はい・いいえ）</li><li>会社の区分（上場企業・上場準備中・非上場）</li></ul></section>"
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
        playbook.questions.clear();
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
                let closed = if item.when.is_empty() { "</li>" } else { "<p class=\"when\">" };
                assert!(html.contains(&format!("<li>{}{closed}", item.html)));
            }
        }
        assert!(html.contains(r#"<p class="kind">承認：パイロット開始</p>"#));
        assert!(html.contains(r#"<p class="kind">棚卸し表に記入します。</p>"#));
        assert!(html.contains(r#"<p class="kind">記録する指標："#));
        assert!(html.contains(r#"<p class="role">担当："#));
        assert!(html.contains(r#"<p class="due">期限の目安：棚卸しの開始から 10 営業日</p>"#), "{html}");
        assert!(html.contains(r#"<p class="when">行う場合：「会社の区分」が「非上場」以外の場合</p>"#), "{html}");
        assert!(html.contains(
            r#"<p class="when">行う場合：「社外クラウドの AI サービスを使いますか」が「はい」の場合</p></li>"#
        ));
        assert!(html.contains(r#"<p class="due">期限の目安：パイロットの開始から 1 か月、1 か月ごと、全 3 回</p>"#));
        assert!(html.contains(r#"<p class="due">期限の目安：取り組みの開始から 4 か月</p>"#));
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

    fn fixture() -> Playbook {
        crate::parse(include_str!("../tests/fixtures/valid/every-feature.md")).0.unwrap()
    }

    #[test]
    fn a_card_without_runs_and_with_them() {
        let p = fixture();
        let mut entry = ManifestEntry::new(&p, "");
        entry.title = "<script>x</script>".into();
        entry.tags = vec!["\"tag\"".into()];
        let t = texts(Lang::Ja);
        let bare = card_html(&entry, "/p/x/?a=1&b=2", t, None);
        assert!(bare.starts_with(r#"<li class="card" data-testid="playbook-card""#), "{bare}");
        assert!(bare.ends_with("</p></li>"), "{bare}");
        assert!(bare.contains(r#"<a href="/p/x/?a=1&amp;b=2">&lt;script&gt;x&lt;/script&gt;</a>"#), "{bare}");
        assert!(bare.contains(r#"data-tags="[&quot;\&quot;tag\&quot;&quot;]""#), "{bare}");
        assert!(bare.contains(&format!(r#"data-steps="{}""#, entry.steps)), "{bare}");
        assert!(!bare.contains("card-runs"));

        let runs = CardRuns { count: 2, latest: "<b>人事</b>".into(), done: entry.steps + 5 };
        let with = card_html(&entry, "/p/x/", t, Some(&runs));
        assert!(with.contains(r#"<div class="card-runs" data-testid="card-runs"><p>"#), "{with}");
        assert!(with.contains("&lt;b&gt;人事&lt;/b&gt;") && !with.contains("<b>"), "{with}");
        // More finished than the playbook has (steps removed since): capped, complete.
        let steps = entry.steps;
        assert!(with.contains(r#"<div class="progress complete">"#), "{with}");
        assert!(with.contains(&format!(r#"max="{steps}" value="{steps}""#)), "{with}");
    }

    #[test]
    fn a_progress_bar_names_what_it_measures_in_its_label() {
        let t = texts(Lang::Ja);
        let html = progress_html("全体", Tally { done: 1, total: 3 }, t);
        let words = (t.done_of)(1, 3, 33);
        assert_eq!(
            html,
            format!(
                r#"<div class="progress"><span class="progress-label">全体</span><progress max="3" value="1" aria-label="全体 {words}"></progress><span class="progress-words">{words}</span></div>"#
            )
        );
        // Nothing to do yet: the bar's maximum is never 0.
        assert!(progress_html("x", Tally { done: 0, total: 0 }, t).contains(r#"max="1" value="0""#));
    }

    #[test]
    fn a_header_with_its_facts_the_local_note_and_the_required_playbook() {
        let mut p = fixture();
        p.meta.summary = "<img src=x onerror=alert(1)>".into();
        let t = texts(Lang::En);
        let plain = header_html(&p.meta, t, false, None);
        assert!(plain.starts_with(r#"<p class="dept">"#), "{plain}");
        assert!(plain.contains("&lt;img") && !plain.contains("<img"), "{plain}");
        assert!(plain.contains(&format!("<dt>{}</dt><dd>{}</dd>", t.owner, escape(&p.meta.owner))), "{plain}");
        assert!(!plain.contains("local-note") && !plain.contains("required-link"));
        let full = header_html(&p.meta, t, true, Some(("/p/base/", "基盤 & <審査>")));
        assert!(
            full.contains(&format!(r#"<p class="local-note" data-testid="local-note">{}</p>"#, t.local_note)),
            "{full}"
        );
        assert!(
            full.contains(&format!(
                r#"<dt>{}</dt><dd><a href="/p/base/" data-testid="required-link">基盤 &amp; &lt;審査&gt;</a></dd></dl>"#,
                t.prereq_title
            )),
            "{full}"
        );
    }
}
