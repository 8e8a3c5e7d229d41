//! A playbook's problems as `tebiki check` reports them, for people: each
//! with its line and column, its severity and code, the message in the
//! page's language, and the source line with the part it points at marked
//! and a caret under it (`tebiki::excerpt`). The caret hangs from the
//! marked part itself (placed below its first character by the style), so
//! it stays under it in any font, with tabs and Japanese text, and when a
//! long line wraps on a phone. The file's text is untrusted: it is shown as
//! text only.

use std::sync::Arc;

use leptos::prelude::*;
use tebiki::excerpt::Excerpt;
use tebiki::{Diagnostic, Severity};

use crate::Ctx;

/// The list of `diagnostics` of the playbook text `source`, in the page's
/// language (built again when it changes). With `on_pick`, each problem that
/// points into the text has a button that hands its byte offset over (the
/// editor puts its cursor there).
#[component]
pub fn ProblemList(
    source: String,
    diagnostics: Arc<[Diagnostic]>,
    #[prop(optional_no_strip)] on_pick: Option<Callback<usize>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let excerpts = Excerpt::all(&source, &diagnostics);
    move || {
        let t = ctx.t();
        let items = diagnostics.iter().zip(excerpts.clone()).map(|(d, excerpt)| {
            let error = d.severity == Severity::Error;
            let code = d.problem.code();
            let at = match &excerpt {
                Some(_) => (t.problem_at)(d.at.line, d.at.col),
                None => t.problem_whole_file.to_owned(),
            };
            view! {
                <li class="problem" class:warning=!error data-testid="problem"
                    data-line=d.at.line data-col=d.at.col data-code=code>
                    <p class="problem-head">
                        <span class="problem-at">{at}</span>" "
                        <strong class="problem-severity">{if error { t.severity_error } else { t.severity_warning }}</strong>
                        <code class="problem-code">{format!("[{code}]")}</code>" "
                        <span class="problem-message">{d.message(t.lang)}</span>
                        {on_pick.filter(|_| excerpt.is_some()).map(|pick| {
                            let at = d.range.start;
                            view! {
                                " "
                                <button type="button" class="link problem-go" data-testid="problem-go" on:click=move |_| pick.run(at)>
                                    {t.editor_go_to}
                                </button>
                            }
                        })}
                    </p>
                    {excerpt.map(|e| view! {
                        <pre class="excerpt"><code>
                            <span class="ln" aria-hidden="true">{e.line.to_string()}</span>
                            {e.before}
                            <mark>{e.marked}<span class="caret" aria-hidden="true">"^"</span></mark>
                            {e.after}
                        </code></pre>
                    })}
                </li>
            }
        });
        view! { <ol class="problems" data-testid="problems">{items.collect_view()}</ol> }
    }
}
