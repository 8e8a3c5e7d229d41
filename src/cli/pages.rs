//! The HTML pages of the site, pre-rendered so that every URL the app shows
//! exists as a file (any static server, no rewrite rules), reads before the
//! wasm has loaded, and reads without JavaScript.
//!
//! Each page is the *shell* (trunk's `index.html`, which loads the app, or a
//! plain built-in one) with its `<title>`, a description and the page's
//! content filled in. Text from playbooks is escaped here; markdown arrives
//! already rendered and sanitised by the core.

use std::fmt::Write as _;

use tebiki::manifest::ManifestEntry;
use tebiki::markdown::escape;
use tebiki::text::{Texts, texts};
use tebiki::{Lang, Playbook};

use super::Error;

/// Where the app mounts. The shell must contain this element, empty.
pub const MOUNT: &str = r#"<div id="tebiki"></div>"#;

/// The shell used when no `--shell` is given: the same pages without the app.
pub const PLAIN_SHELL: &str = r#"<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tebiki</title>
</head>
<body>
<div id="tebiki"></div>
</body>
</html>
"#;

/// Where the site lives: the path every URL starts with, and the origin when
/// it is known (needed for absolute URLs in the sitemap).
#[derive(Debug, Clone, PartialEq)]
pub struct Base {
    pub origin: Option<String>,
    pub path: String,
}

impl Base {
    /// Read `/sub/path/`, `sub/path` or `https://host/sub/path/`.
    pub fn parse(url: &str) -> Result<Self, Error> {
        let url = url.trim();
        let (origin, path) = match url.split_once("://") {
            Some((scheme, rest)) if matches!(scheme, "http" | "https") => {
                let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
                if host.is_empty() {
                    return Err(Error::Usage(format!("--base-url {url} has no host")));
                }
                (Some(format!("{scheme}://{host}")), path)
            }
            Some(_) => return Err(Error::Usage(format!("--base-url {url}: only http and https URLs or a path"))),
            None => (None, url),
        };
        let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        if segments.iter().any(|s| *s == "." || *s == ".." || s.contains(['?', '#', ':', '"', '<', '>', '\\'])) {
            return Err(Error::Usage(format!("--base-url {url} is not a plain path")));
        }
        let path = if segments.is_empty() { "/".to_owned() } else { format!("/{}/", segments.join("/")) };
        Ok(Base { origin, path })
    }

    /// The absolute path of `relative` (a path relative to the site root).
    pub fn href(&self, relative: &str) -> String {
        format!("{}{}", self.path, relative)
    }

    /// The full URL of `relative`, or its absolute path without an origin.
    pub fn url(&self, relative: &str) -> String {
        format!("{}{}", self.origin.as_deref().unwrap_or(""), self.href(relative))
    }
}

/// The Content-Security-Policy of every page, for a shell whose inline
/// scripts (trunk's loader) are `inline_scripts`: only the site's own files,
/// those exact inline scripts (by hash, so the policy follows every rebuild),
/// WebAssembly, and the three `text-align` styles markdown tables use.
pub fn content_security_policy<'a>(inline_scripts: impl IntoIterator<Item = &'a str>) -> String {
    let hash = |text: &str| {
        use base64::Engine as _;
        use sha2::Digest as _;
        format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(text.as_bytes())))
    };
    let scripts: Vec<String> = inline_scripts.into_iter().map(hash).collect();
    let styles: Vec<String> = ["left", "center", "right"].iter().map(|a| hash(&format!("text-align: {a}"))).collect();
    let mut script_src = String::from("'self' 'wasm-unsafe-eval'");
    for s in &scripts {
        script_src.push(' ');
        script_src.push_str(s);
    }
    format!(
        "default-src 'self'; script-src {script_src}; style-src 'self' 'unsafe-hashes' {}; img-src 'self'; \
         connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
        styles.join(" ")
    )
}

/// The contents of the `<script>` elements without `src` in `html`.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(tag_end) = rest[start..].find('>').map(|i| start + i + 1) else { break };
        let Some(close) = rest[tag_end..].find("</script>").map(|i| tag_end + i) else { break };
        if !rest[start..tag_end].contains(" src=") {
            found.push(&rest[tag_end..close]);
        }
        rest = &rest[close + "</script>".len()..];
    }
    found
}

/// Fill the shell with a page's title, description and content.
pub fn page(shell: &str, base: &Base, title: &str, description: &str, body: &str) -> Result<String, Error> {
    let (Some(title_start), Some(title_end)) = (shell.find("<title>"), shell.find("</title>")) else {
        return Err(Error::Usage("the shell page has no <title>…</title>".into()));
    };
    let Some(head_end) = shell.find("</head>") else {
        return Err(Error::Usage("the shell page has no </head>".into()));
    };
    let Some(mount) = shell.find(MOUNT) else {
        return Err(Error::Usage(format!("the shell page has no {MOUNT} to put the content in")));
    };
    if !(title_start < title_end && title_end < head_end && head_end < mount) {
        return Err(Error::Usage("the shell page's <title>, </head> and mount point are out of order".into()));
    }
    let mut out = String::with_capacity(shell.len() + body.len() + 1024);
    // The policy comes before anything it governs: the title, or an earlier script.
    let policy_at = shell[..head_end].find("<script").map_or(title_start, |s| s.min(title_start));
    out.push_str(&shell[..policy_at]);
    let _ = writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        content_security_policy(inline_scripts(shell))
    );
    out.push_str(&shell[policy_at..title_start]);
    let _ = write!(out, "<title>{}</title>", escape(title));
    out.push_str(&shell[title_end + "</title>".len()..head_end]);
    let _ = writeln!(out, r#"<meta name="description" content="{}">"#, escape(description));
    let _ = writeln!(out, r#"<meta name="tebiki-base" content="{}">"#, escape(&base.path));
    out.push_str(&shell[head_end..mount]);
    out.push_str(r#"<div id="tebiki">"#);
    out.push_str(body);
    out.push_str("</div>");
    out.push_str(&shell[mount + MOUNT.len()..]);
    Ok(out)
}

/// The pre-rendered pages are in Japanese; the app switches them after load.
fn t() -> &'static Texts {
    texts(Lang::Ja)
}

/// The catalog: every playbook as a card.
pub fn catalog(entries: &[ManifestEntry], base: &Base) -> (String, String, String) {
    let t = t();
    let title = format!("{} | {}", t.catalog_title, t.site);
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<main class="page catalog" id="main"><h1>{}</h1><p class="lead">{}</p>"#,
        escape(t.catalog_title),
        escape(t.catalog_lead)
    );
    if entries.is_empty() {
        let _ = write!(b, r#"<p class="empty">{}</p>"#, escape(t.catalog_empty));
    }
    b.push_str(r#"<ul class="cards">"#);
    for e in entries {
        let _ = write!(
            b,
            r#"<li class="card"><p class="dept">{dept}</p><h2><a href="{href}">{title}</a></h2><p>{summary}</p><p class="meta">{theme_label}：{theme} ・ {steps} ・ {version}</p></li>"#,
            dept = escape(&e.department),
            href = escape(&base.href(&e.page)),
            title = escape(&e.title),
            summary = escape(&e.summary),
            theme_label = escape(t.theme),
            theme = escape(&e.theme),
            steps = escape(&(t.steps)(e.steps)),
            version = escape(&(t.version)(e.version)),
        );
    }
    b.push_str("</ul></main>");
    (title, t.site_description.to_owned(), b)
}

/// The breadcrumb back to the catalog.
fn crumbs(b: &mut String, base: &Base) {
    let t = t();
    let _ = write!(
        b,
        r#"<nav class="crumbs" aria-label="{}"><a href="{}">{}</a></nav>"#,
        escape(t.breadcrumb),
        escape(&base.href("")),
        escape(t.nav_catalog)
    );
}

/// One playbook: its success conditions and every step, readable on its own.
/// `title_of` names another playbook of the site by id (for `requires`).
pub fn playbook<'a>(p: &Playbook, base: &Base, title_of: impl Fn(&str) -> Option<&'a str>) -> (String, String, String) {
    let t = t();
    let m = &p.meta;
    let title = format!("{} | {}", m.title, t.site);
    let mut b = String::from(r#"<main class="page playbook" id="main">"#);
    crumbs(&mut b, base);
    let _ = write!(
        b,
        r#"<header><p class="dept">{dept}</p><h1>{title}</h1><p class="lead">{summary}</p><dl class="facts"><dt>{theme_label}</dt><dd>{theme}</dd><dt>{owner_label}</dt><dd>{owner}</dd><dt>{version_label}</dt><dd>{version}</dd>"#,
        dept = escape(&m.department),
        title = escape(&m.title),
        summary = escape(&m.summary),
        theme_label = escape(t.theme),
        theme = escape(&m.theme),
        owner_label = escape(t.owner),
        owner = escape(&m.owner),
        version_label = escape(t.version_label),
        version = escape(&(t.version)(m.version)),
    );
    if let Some(from) = &m.cloned_from {
        let _ = write!(b, "<dt>{}</dt><dd>{}</dd>", escape(t.cloned_from), escape(&from.to_string()));
    }
    if let Some(required) = &m.requires {
        let _ = write!(
            b,
            r#"<dt>{}</dt><dd><a href="{}">{}</a></dd>"#,
            escape(t.prereq_title),
            escape(&base.href(&tebiki::manifest::page_path(required))),
            escape(title_of(required).unwrap_or(required)),
        );
    }
    b.push_str("</dl></header>");
    b.push_str(&p.intro_html);
    b.push_str(&tebiki::overview::preparation_html(p, t));

    // The same markup as the app's overview (`tebiki::overview`).
    b.push_str(r#"<div class="conditions-block">"#);
    b.push_str(&tebiki::overview::conditions_html(&p.conditions, t, None));
    b.push_str("</div>");

    b.push_str(r#"<div class="phases">"#);
    b.push_str(&tebiki::overview::phases_html(p, t));
    b.push_str("</div>");
    b.push_str("</main>");
    (title, m.summary.clone(), b)
}

/// The settings page: only the app can change settings.
pub fn settings(base: &Base) -> (String, String, String) {
    let t = t();
    let mut b = String::from(r#"<main class="page settings" id="main">"#);
    crumbs(&mut b, base);
    let _ = write!(b, "<h1>{}</h1><p>{}</p></main>", escape(t.settings_title), escape(t.settings_needs_script));
    (format!("{} | {}", t.settings_title, t.site), t.settings_description.to_owned(), b)
}

/// The dashboard: the runs are in the browser, so only the app can list them.
pub fn dashboard(base: &Base) -> (String, String, String) {
    let t = t();
    let mut b = String::from(r#"<main class="page dashboard" id="main">"#);
    crumbs(&mut b, base);
    let _ = write!(
        b,
        "<h1>{}</h1><p class=\"lead\">{}</p><p>{}</p></main>",
        escape(t.dash_title),
        escape(t.dash_lead),
        escape(t.dash_needs_script)
    );
    (format!("{} | {}", t.dash_title, t.site), t.dash_description.to_owned(), b)
}

/// The status page: the snapshot is in the link's fragment, which only the
/// app reads.
pub fn status(base: &Base) -> (String, String, String) {
    let t = t();
    let mut b = String::from(r#"<main class="page status" id="main">"#);
    crumbs(&mut b, base);
    let _ = write!(b, "<h1>{}</h1><p>{}</p></main>", escape(t.status_title), escape(t.status_needs_script));
    (format!("{} | {}", t.status_title, t.site), t.status_link_help.to_owned(), b)
}

/// The page static hosts show for unknown URLs.
pub fn not_found(base: &Base) -> (String, String, String) {
    let t = t();
    let body = format!(
        r#"<main class="page not-found" id="main"><h1>{}</h1><p>{}</p><p><a href="{}">{}</a></p></main>"#,
        escape(t.not_found_title),
        escape(t.not_found_text),
        escape(&base.href("")),
        escape(t.back_to_catalog)
    );
    (format!("{} | {}", t.not_found_title, t.site), t.not_found_title.to_owned(), body)
}

/// A sitemap of the catalog, the settings page and every playbook page.
pub fn sitemap(entries: &[ManifestEntry], base: &Base) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let pages = std::iter::once(String::new()).chain(entries.iter().map(|e| e.page.clone()));
    for page in pages {
        let _ = writeln!(s, "  <url><loc>{}</loc></url>", escape(&base.url(&page)));
    }
    s.push_str("</urlset>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_pins_the_shells_inline_scripts_and_comes_first() {
        let shell = "<html><head><meta charset=\"utf-8\"><title>x</title><script type=\"module\">import init from '/a.js';</script>\
                     <script src=\"/b.js\"></script></head><body><div id=\"tebiki\"></div></body></html>";
        assert_eq!(inline_scripts(shell), ["import init from '/a.js';"]);
        let out = page(shell, &Base::parse("/").unwrap(), "t", "d", "b").unwrap();
        let policy = out.find("Content-Security-Policy").unwrap();
        assert!(policy < out.find("<title>").unwrap() && policy < out.find("<script").unwrap());
        // As `printf %s "import init from '/a.js';" | openssl dgst -sha256 -binary | base64` gives it.
        assert!(out.contains("'sha256-aOee+rvEUMphqlepW7nBjXpcT6aM6jxNXbtEv0XP738='"), "{out}");
        let other = content_security_policy(["import init from '/c.js';"]);
        assert_ne!(content_security_policy(inline_scripts(shell)), other, "a changed loader changes the policy");
        assert!(!other.contains("unsafe-inline") && !other.contains(" 'unsafe-eval'"), "{other}");
        assert!(other.contains("'wasm-unsafe-eval'") && other.contains("object-src 'none'"));
    }

    #[test]
    fn base_urls_are_normalised() {
        assert_eq!(Base::parse("/").unwrap(), Base { origin: None, path: "/".into() });
        assert_eq!(Base::parse("sub/path").unwrap(), Base { origin: None, path: "/sub/path/".into() });
        assert_eq!(
            Base::parse("https://intra.example/tebiki").unwrap(),
            Base { origin: Some("https://intra.example".into()), path: "/tebiki/".into() }
        );
        assert!(Base::parse("/a/../b").is_err());
        assert!(Base::parse("javascript:alert(1)//").is_err());
        assert!(Base::parse("ftp://x/").is_err());
    }

    #[test]
    fn the_shell_gets_title_description_and_content() {
        let base = Base::parse("/s/").unwrap();
        let html = page(PLAIN_SHELL, &base, "A <b>", "d\"q", "<main>x</main>").unwrap();
        assert!(html.contains("<title>A &lt;b&gt;</title>"));
        assert!(html.contains(r#"<meta name="description" content="d&quot;q">"#));
        assert!(html.contains(r#"<meta name="tebiki-base" content="/s/">"#));
        assert!(html.contains(r#"<div id="tebiki"><main>x</main></div>"#));
    }

    #[test]
    fn a_shell_without_a_mount_point_is_refused() {
        let base = Base::parse("/").unwrap();
        assert!(page("<html><head><title></title></head><body></body></html>", &base, "t", "d", "b").is_err());
    }
}
