//! No playbook can make the rendered HTML run script.
//!
//! A corpus of payloads (script and style tags, event handlers, SVG and
//! MathML tricks, iframes and objects, `javascript:`/`vbscript:`/`data:` URLs
//! in every casing, entity encoding and with embedded white space) is put in
//! every markdown context (raw HTML, inline HTML, link and image targets,
//! reference definitions, autolinks, titles, code, tables, checklist items,
//! headings). Each rendered output is read by a WHATWG-compliant tokenizer,
//! as a browser would read it, and must only contain allow-listed tags and
//! attributes, with link targets that a simple independent check accepts.

mod support;

use support::assert_inert;
use tebiki::markdown::render;

/// Every way of writing a dangerous URL that we know of.
fn dangerous_urls() -> Vec<String> {
    let bodies =
        ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="];
    let mut urls = Vec::new();
    for body in bodies {
        let (scheme, rest) = body.split_once(':').unwrap();
        let upper = scheme.to_uppercase();
        let mixed: String =
            scheme.chars().enumerate().map(|(i, c)| if i % 2 == 0 { c.to_ascii_uppercase() } else { c }).collect();
        for s in [scheme.to_owned(), upper, mixed] {
            urls.push(format!("{s}:{rest}"));
            urls.push(format!(" {s}:{rest}"));
            urls.push(format!("\u{1}{s}:{rest}"));
            urls.push(format!("{}\t{}:{rest}", &s[..2], &s[2..]));
            urls.push(format!("{}&#x09;{}:{rest}", &s[..2], &s[2..]));
            urls.push(format!("{}&Tab;{}:{rest}", &s[..2], &s[2..]));
            urls.push(format!("{}&NewLine;{}:{rest}", &s[..2], &s[2..]));
            urls.push(format!("{s}&colon;{rest}"));
            urls.push(format!("{s}&#58;{rest}"));
            urls.push(format!("{s}&#x3a;{rest}"));
            urls.push(format!("{s}&#x3A;{rest}"));
            urls.push(format!("{s}&#0000058;{rest}"));
            // Every character as a decimal and as a hex entity.
            urls.push(format!("{}:{rest}", s.chars().map(|c| format!("&#{};", c as u32)).collect::<String>()));
            urls.push(format!("{}:{rest}", s.chars().map(|c| format!("&#x{:x};", c as u32)).collect::<String>()));
            urls.push(format!("{}%3A{rest}", s));
        }
    }
    urls
}

/// Raw HTML payloads, several with a URL slot.
fn html_payloads(url: &str) -> Vec<String> {
    vec![
        "<script>alert(1)</script>".into(),
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>".into(),
        "<img src=x onerror=alert(1)>".into(),
        "<svg onload=alert(1)><circle r=1 /></svg>".into(),
        "<svg><script>alert(1)</script></svg>".into(),
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>".into(),
        format!("<iframe src=\"{url}\"></iframe>"),
        format!("<a href=\"{url}\">x</a>"),
        format!("<object data=\"{url}\"></object>"),
        format!("<embed src=\"{url}\">"),
        format!("<form action=\"{url}\"><button>x</button></form>"),
        format!("<meta http-equiv=\"refresh\" content=\"0;url={url}\">"),
        format!("<base href=\"{url}\">"),
        format!("<div style=\"background:url({url})\">x</div>"),
        "<style>*{background:url(javascript:alert(1))}</style>".into(),
        "<div style=\"width: expression(alert(1))\">x</div>".into(),
        "<!--><script>alert(1)</script>-->".into(),
        "<!-- --><script>alert(1)</script><!-- -->".into(),
        "<![CDATA[<script>alert(1)</script>]]>".into(),
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>".into(),
        "<details open ontoggle=alert(1)>".into(),
        "<p onmouseover=\"alert(1)\">x</p>".into(),
        "<input autofocus onfocus=alert(1)>".into(),
        "<template><script>alert(1)</script></template>".into(),
        "<xmp><script>alert(1)</script></xmp>".into(),
    ]
}

/// Markdown snippets placing `url` and the raw payloads in every context.
fn markdown_cases() -> Vec<String> {
    let mut cases = Vec::new();
    for url in dangerous_urls() {
        cases.push(format!("[x]({url})"));
        cases.push(format!("[x](<{url}>)"));
        cases.push(format!("![x]({url})"));
        cases.push(format!("[x][r]\n\n[r]: {url}"));
        cases.push(format!("![x][r]\n\n[r]: <{url}>"));
        cases.push(format!("<{url}>"));
        cases.push(format!("[x](https://ok.example \"{url}\")"));
        cases.push(format!("| a |\n|---|\n| [x]({url}) |"));
        cases.push(format!("> [x]({url})"));
        cases.push(format!("- [x]({url})\n  - ![y]({url})"));
        for html in html_payloads(&url) {
            cases.push(html.clone());
            cases.push(format!("text {html} text"));
            cases.push(format!("`{html}`"));
            cases.push(format!("```html\n{html}\n```"));
            cases.push(format!("[{html}](https://ok.example)"));
        }
    }
    cases.push("[x](https://ok.example \"\\\" onmouseover=\\\"alert(1)\")".into());
    cases.push("[x](https://ok.example 'a\" onmouseover=\"alert(1)')".into());
    cases.push("![\" onerror=\"alert(1)](x.png)".into());
    cases.push("```\"><script>alert(1)</script>\nx\n```".into());
    cases.push("# heading {onclick=alert(1)}".into());
    cases.push("<https://ok.example/\"onmouseover=\"alert(1)>".into());
    cases
}

#[test]
fn the_corpus_is_large_and_every_case_renders_inert() {
    let cases = markdown_cases();
    assert!(cases.len() > 2000, "only {} cases", cases.len());
    for case in &cases {
        assert_inert(&render(case), case);
    }
}

/// Whether markdown parsing itself (not tebiki) sees raw HTML that is not a
/// comment, or a link or image with a dangerous target in `case`.
fn needs_a_diagnostic(case: &str) -> bool {
    use pulldown_cmark::{Event, Parser, Tag};
    Parser::new(case).any(|event| match event {
        Event::Html(h) | Event::InlineHtml(h) => {
            let t = h.trim();
            !(t.starts_with("<!--") && t.ends_with("-->") && t.matches("-->").count() == 1)
        }
        Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
            let squeezed: String =
                dest_url.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect::<String>();
            let lower = squeezed.to_ascii_lowercase();
            ["javascript:", "vbscript:", "data:"].iter().any(|s| lower.starts_with(s))
        }
        _ => false,
    })
}

/// The same payloads inside a real playbook: step text, checklist items,
/// phase and playbook introductions all come out inert, and each dangerous
/// link or piece of HTML is reported.
#[test]
fn payloads_inside_a_playbook_render_inert_and_are_reported() {
    let base = tebiki::synthetic::playbook("payload", 6, 1);
    for case in markdown_cases().iter().step_by(7) {
        let one_line = case.replace('\n', " ");
        let text = base
            .replacen("生成されたプレイブックです。", &format!("{case}\n\n"), 1)
            .replacen("このフェーズの説明です。", &format!("{case}\n\n"), 1)
            .replacen("受け取った請求書を", &format!("{case}\n\n受け取った請求書を"), 1)
            .replacen("確認項目 0：", &format!("確認項目 0：{one_line} "), 1);
        let (playbook, diagnostics) = tebiki::parse(&text);
        let mut html = Vec::new();
        match playbook {
            Some(p) => {
                html.push(p.intro_html.clone());
                for phase in &p.phases {
                    html.push(phase.intro_html.clone());
                    for step in &phase.steps {
                        html.push(step.html.clone());
                        html.extend(step.items.iter().map(|i| i.html.clone()));
                    }
                }
            }
            // An error (an unsafe URL, or raw HTML that swallowed the rest of
            // the file) means no playbook reaches the app at all; the
            // renderer is still exercised through `render` above.
            None => assert!(diagnostics.iter().any(tebiki::Diagnostic::is_error), "{case:?}: {diagnostics:?}"),
        }
        for h in html {
            assert_inert(&h, case);
        }
        if needs_a_diagnostic(case) {
            assert!(!diagnostics.is_empty(), "no diagnostic for {case:?}");
        }
    }
}
