//! A small chart of one metric: the baseline, the target line and the
//! measurements, drawn as inline SVG (no chart library, nothing loaded).

use leptos::prelude::*;
use tebiki::format_number;

const W: f64 = 320.0;
const H: f64 = 140.0;
const PAD_X: f64 = 36.0;
const PAD_Y: f64 = 16.0;

/// Points of the line: the baseline first (when known), then each
/// measurement. The target line is drawn when the target is known (a change
/// from the start is not, until the start is).
#[component]
pub fn MetricChart(
    label: String,
    baseline: Option<f64>,
    target: Option<f64>,
    values: Vec<(String, f64)>,
    baseline_label: String,
    target_label: String,
) -> impl IntoView {
    let mut points: Vec<(String, f64)> = Vec::new();
    if let Some(b) = baseline {
        points.push((baseline_label.clone(), b));
    }
    points.extend(values);
    let all = points.iter().map(|(_, v)| *v).chain(target);
    let (mut lo, mut hi) = all.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if (hi - lo).abs() < f64::EPSILON {
        lo -= 1.0;
        hi += 1.0;
    }
    let margin = (hi - lo) * 0.1;
    let (lo, hi) = (lo - margin, hi + margin);
    let y = move |v: f64| PAD_Y + (hi - v) / (hi - lo) * (H - 2.0 * PAD_Y);
    let n = points.len();
    let x = move |i: usize| if n <= 1 { W / 2.0 } else { PAD_X + i as f64 * (W - PAD_X - 12.0) / (n - 1) as f64 };
    let line: String =
        points.iter().enumerate().map(|(i, (_, v))| format!("{:.1},{:.1}", x(i), y(*v))).collect::<Vec<_>>().join(" ");
    let title = label.clone();
    view! {
        <svg class="metric-chart" viewBox=format!("0 0 {W} {H}") role="img" aria-label=label preserveAspectRatio="xMidYMid meet">
            <title>{title}</title>
            {target.map(|target| {
                let ty = y(target);
                view! {
                    <line class="target-line" x1=PAD_X x2=W - 4.0 y1=ty y2=ty />
                    <text class="axis" x="2" y=ty + 4.0>{format_number(target)}</text>
                    <text class="target-label" x=W - 4.0 y=ty - 4.0 text-anchor="end">{target_label}</text>
                }
            })}
            {baseline.map(|b| {
                let by = y(b);
                view! {
                    <line class="baseline-line" x1=PAD_X x2=W - 4.0 y1=by y2=by />
                    <text class="axis" x="2" y=by + 4.0>{format_number(b)}</text>
                }
            })}
            {(n > 1).then(|| view! { <polyline class="series" points=line.clone() /> })}
            {points.iter().enumerate().map(|(i, (name, v))| {
                let class = if i == 0 && baseline.is_some() { "point base" } else { "point" };
                view! {
                    <circle class=class cx=x(i) cy=y(*v) r="4">
                        <title>{format!("{name}: {}", format_number(*v))}</title>
                    </circle>
                }
            }).collect_view()}
        </svg>
    }
}
