//! The HTML pages of the site, pre-rendered so that every URL the app shows
//! exists as a file (any static server, no rewrite rules), reads before the
//! wasm has loaded, and reads without JavaScript.
//!
//! Each page is a *shell* with its `<title>`, a description and the page's
//! content filled in. There are two shells ([`Shells`]): trunk's `index.html`,
//! which loads the app, for the pages only the app can show (settings, the
//! dashboard, the status link); and the same page without trunk's loader and
//! preloads, with the site's own small script ([`SITE_SCRIPT`]) instead, for
//! the pages people read (the catalog, each playbook, the 404 page). That
//! script shows this browser's runs from the summary the app keeps, filters
//! the catalog, and loads the app where someone works (a run, a local
//! playbook) or hands an action over to it. Text from playbooks is escaped
//! here; markdown arrives already rendered and sanitised by the core.
//!
//! Every page is written in each language ([`Doc`]): Japanese at the site's
//! base, English under `en/`, each naming the other (`hreflang`, and a link
//! in the menu). One 404 page speaks both.

use std::fmt::Write as _;

use tebiki::manifest::ManifestEntry;
use tebiki::markdown::escape;
use tebiki::text::{Texts, texts};
use tebiki::{Lang, Playbook};

use super::{Error, offline};

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

/// The site's own script for the pages that do not load the app.
pub const SITE_SCRIPT: &str = include_str!("site.js");

/// The first script of a Japanese page: a browser set to English goes on
/// to `english` (the same page in English, an absolute path), with this
/// address's query and fragment, before anything is fetched or shown. Inline
/// and before the style, so that nothing waits for it and it waits for
/// nothing; pinned by its hash in the page's policy. It marks the page as
/// left, so that the site script does nothing more there.
pub fn language_script(english: &str) -> String {
    // A JSON string is a JS string; `<` escaped, so that nothing can end the element.
    let target = serde_json::Value::String(english.to_owned()).to_string().replace('<', "\\u003c");
    format!(
        r#"try{{var p=JSON.parse(localStorage.getItem("tebiki.prefs.v1")||"{{}}");if(p&&p.lang==="en"){{document.documentElement.dataset.leaving="";location.replace({target}+location.search+location.hash)}}}}catch(e){{}}"#
    )
}

/// The script of the pages people read: the site script, then the
/// registration of the service worker ([`offline::REGISTER`]), in one file so
/// that those pages make one request for both; without its comment lines.
pub fn site_script() -> String {
    without_comment_lines(&format!("{SITE_SCRIPT}\n{}", offline::REGISTER))
}

/// The registration of the service worker alone (the app's pages), without
/// its comment lines.
pub fn register_script() -> String {
    without_comment_lines(offline::REGISTER)
}

/// `script` without the lines that are only comments: a line that starts
/// with `//`, and a `/* … */` block that starts a line and ends one (a block
/// with code after its end is kept whole). Our scripts are written for
/// people to read, and the pages people read must cost what a plain page
/// costs: their comments are a quarter of the site script's bytes. Nothing
/// else changes — no line of code is touched — and the scripts have no
/// multi-line string for such a line to be part of (both checked by this
/// module's tests; the browser tests run the result).
pub fn without_comment_lines(script: &str) -> String {
    let mut out = String::with_capacity(script.len());
    let mut lines = script.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("//") {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix("/*") {
            // The block's lines, up to the one that closes it.
            let mut block = vec![line];
            let mut closed = rest.contains("*/");
            while !closed && let Some(next) = lines.next() {
                block.push(next);
                closed = next.contains("*/");
            }
            let last = block.last().map_or("", |l| l.trim_end());
            let alone = closed && last.ends_with("*/") && last.matches("*/").count() == 1;
            if !alone {
                block.iter().for_each(|l| out.push_str(l));
            }
            continue;
        }
        out.push_str(line);
    }
    out
}

/// The file a script is written to: `stem-HASH.js`, named by its content, so
/// that a new build is never served an old copy from a cache.
pub fn script_file(stem: &str, script: &str) -> String {
    use sha2::Digest as _;
    let digest = sha2::Sha256::digest(script.as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("{stem}-{hex}.js")
}

/// The two shells every page is made from.
#[derive(Debug, Clone)]
pub struct Shells {
    /// Loads the app (trunk's page as it is).
    pub app: String,
    /// Loads only the site script, which loads the app when it is needed.
    pub content: String,
}

impl Shells {
    /// The shells made from `shell` (trunk's `index.html` or [`PLAIN_SHELL`]);
    /// `script` is the site script's address, `register` the address of the
    /// service worker's registration alone, which the app's pages load (the
    /// site script carries it for the others).
    pub fn new(shell: &str, script: &str, register: &str) -> Result<Shells, Error> {
        if !shell.contains("</head>") {
            return Err(Error::Usage("the shell page has no </head>".into()));
        }
        let mut content = shell.to_owned();
        let mut app = None;
        // trunk's loader: `import init, * as bindings from '/x.js'; … init({ module_or_path: '/x_bg.wasm' })`.
        for inline in inline_scripts(shell) {
            let quoted = |after: &str| inline.split_once(after).and_then(|(_, rest)| rest.split('\'').nth(1));
            if let (Some(js), Some(wasm)) = (quoted(" from "), quoted("module_or_path:")) {
                app = Some((js.to_owned(), wasm.to_owned()));
                let at = content.find(inline);
                let start = at.and_then(|i| content[..i].rfind("<script"));
                let end = at.and_then(|i| content[i..].find("</script>").map(|e| i + e + "</script>".len()));
                if let (Some(start), Some(end)) = (start, end) {
                    content.replace_range(start..end, "");
                }
            }
        }
        // trunk's `<link rel="modulepreload">` and `<link rel="preload" as="fetch">` of the same two files.
        if let Some((js, wasm)) = &app {
            let mut from = 0;
            while let Some(start) = content[from..].find("<link ").map(|i| from + i) {
                let end = content[start..].find('>').map_or(content.len(), |e| start + e + 1);
                let link = &content[start..end];
                let preload = link.contains(r#"rel="modulepreload""#) || link.contains(r#"rel="preload""#);
                let ours = [js, wasm].iter().any(|f| link.contains(&format!(r#"href="{f}""#)));
                if preload && ours {
                    content.replace_range(start..end, "");
                } else {
                    from = end;
                }
            }
        }
        let mut tags = String::new();
        if let Some((js, wasm)) = &app {
            let _ = writeln!(tags, r#"<meta name="tebiki-app" content="{}" data-wasm="{}">"#, escape(js), escape(wasm));
        }
        let _ = writeln!(tags, r#"<script type="module" src="{}"></script>"#, escape(script));
        let head_end = content.find("</head>").unwrap_or(content.len());
        content.insert_str(head_end, &tags);
        let mut app = shell.to_owned();
        let head_end = app.find("</head>").unwrap_or(app.len());
        app.insert_str(head_end, &format!("<script type=\"module\" src=\"{}\"></script>\n", escape(register)));
        Ok(Shells { app, content })
    }
}

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

    /// The absolute path of page `relative` (`p/x/`, `` for the catalog) in `lang`.
    pub fn page(&self, lang: Lang, relative: &str) -> String {
        self.href(&format!("{}{relative}", lang.pages()))
    }
}

/// A page of the site, ready to be put in a shell.
#[derive(Debug, Clone)]
pub struct Doc {
    /// The language it is written in.
    pub lang: Lang,
    /// Where it is among the pages of its language (`p/x/`, `` for the
    /// catalog), which gives its address in the other language; `None` for
    /// the 404 page, which is every address's and both languages'.
    pub path: Option<String>,
    pub title: String,
    pub description: String,
    pub body: String,
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
         connect-src 'self'; font-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'",
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

/// Fill the shell with a page: its language, title, description, the
/// addresses of the same page in each language, and its content.
pub fn page(shell: &str, base: &Base, doc: &Doc) -> Result<String, Error> {
    let Doc { lang, path, title, description, body } = doc;
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
    // The policy comes before anything it governs: the title, or an earlier
    // script; then, on a Japanese page, the step to its English one.
    let policy_at = shell[..head_end].find("<script").map_or(title_start, |s| s.min(title_start));
    out.push_str(&with_lang(&shell[..policy_at], *lang));
    let leave = match (lang, path) {
        (Lang::Ja, Some(path)) => Some(language_script(&base.page(Lang::En, path))),
        _ => None,
    };
    let _ = writeln!(
        out,
        r#"<meta http-equiv="Content-Security-Policy" content="{}">"#,
        content_security_policy(inline_scripts(shell).into_iter().chain(leave.as_deref()))
    );
    if let Some(script) = &leave {
        let _ = writeln!(out, "<script>{script}</script>");
    }
    out.push_str(&shell[policy_at..title_start]);
    let _ = write!(out, "<title>{}</title>", escape(title));
    out.push_str(&shell[title_end + "</title>".len()..head_end]);
    let _ = writeln!(out, r#"<meta name="description" content="{}">"#, escape(description));
    let _ = writeln!(out, r#"<meta name="tebiki-base" content="{}">"#, escape(&base.path));
    if let Some(path) = path {
        for (code, lang) in Lang::ALL.iter().map(|l| (l.code(), *l)).chain([("x-default", Lang::default())]) {
            let href = base.url(&format!("{}{path}", lang.pages()));
            let _ = writeln!(out, r#"<link rel="alternate" hreflang="{code}" href="{}">"#, escape(&href));
        }
    }
    out.push_str(&shell[head_end..mount]);
    out.push_str(r#"<div id="tebiki">"#);
    out.push_str(body);
    out.push_str("</div>");
    // Where the service worker's registration says that a new build is
    // ready (`offline.js`): empty, and so hidden, until then; outside the
    // app's mount point, which the app renders into.
    let t = texts(*lang);
    let _ = write!(
        out,
        r#"<div id="tebiki-update" class="update-banner" role="status" data-text="{}" data-action="{}" data-dismiss="{}"></div>"#,
        escape(t.update_available),
        escape(t.update_reload),
        escape(t.dismiss)
    );
    out.push_str(&shell[mount + MOUNT.len()..]);
    Ok(out)
}

/// `head` (the shell up to its head's end) with `<html lang>` set to `lang`.
fn with_lang(head: &str, lang: Lang) -> String {
    let mut out = head.to_owned();
    let Some(start) = out.find("<html") else { return out };
    let end = out[start..].find('>').map_or(out.len(), |e| start + e);
    let attr = format!(r#"lang="{}""#, lang.code());
    match out[start..end].find(" lang=\"").map(|i| start + i + 1) {
        Some(at) => {
            let close = out[at + 6..end].find('"').map_or(end, |c| at + 6 + c + 1);
            out.replace_range(at..close, &attr);
        }
        None => out.insert_str(start + "<html".len(), &format!(" {attr}")),
    }
    out
}

/// Which item of the site's menu a page belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Menu {
    Catalog,
    Dashboard,
    Settings,
    None,
}

/// The app's frame around a page's `<main>`: the skip link and the site
/// header with the main menu (the same markup as the app's `Header`, so
/// nothing moves when the app takes over).
fn frame(base: &Base, lang: Lang, path: Option<&str>, current: Menu, main: &str) -> String {
    let t = texts(lang);
    let mut b = String::with_capacity(main.len() + 800);
    let _ = write!(
        b,
        r##"<div class="app" data-static><a class="skip" href="#main">{}</a><header class="site-header"><a class="brand" href="{}">{}</a><nav aria-label="{}"><ul>"##,
        escape(t.skip_to_content),
        escape(&base.page(lang, "")),
        escape(t.site),
        escape(t.nav_label)
    );
    for (menu, href, label) in [
        (Menu::Catalog, "", t.nav_catalog),
        (Menu::Dashboard, "dashboard/", t.nav_dashboard),
        (Menu::Settings, "settings/", t.nav_settings),
    ] {
        let here = if menu == current { r#" aria-current="page""# } else { "" };
        let _ = write!(b, r#"<li><a href="{}"{here}>{}</a></li>"#, escape(&base.page(lang, href)), escape(label));
    }
    if let Some(path) = path {
        b.push_str(&language_link(&base.page(lang.other(), path), lang.other()));
    }
    b.push_str("</ul></nav></header>");
    b.push_str(main);
    b.push_str("</div>");
    b
}

/// The menu's link to the same page in `to` (the app's `Header` writes the same).
pub fn language_link(href: &str, to: Lang) -> String {
    format!(
        r#"<li class="lang-switch"><a href="{}" hreflang="{code}" lang="{code}" data-lang="{code}">{}</a></li>"#,
        escape(href),
        escape(to.name()),
        code = to.code()
    )
}

/// The words the site script puts in the page, as templates: numbers stand
/// at 900001, 900002, 900003 and texts at U+E000, so that every word comes
/// from the same vocabulary as the app's and the script only fills them in.
/// The site script's words in `lang`; with `catalog`, also those only the
/// catalog's script uses (a file dropped on it), so that a playbook's page
/// does not carry them.
fn words(lang: Lang, catalog: bool) -> String {
    let t = texts(lang);
    const TEXT: &str = "\u{E000}";
    let mut w = serde_json::Map::new();
    let mut put = |key: &str, value: String| {
        w.insert(key.to_owned(), serde_json::Value::String(value));
    };
    put("showing_all", (t.showing)(900_001, 900_001));
    put("showing_some", (t.showing)(900_001, 900_002));
    put("runs_here", (t.runs_here)(900_001, TEXT));
    put("latest_run", t.latest_run.to_owned());
    put("overall", t.overall.to_owned());
    put("done_of", (t.done_of)(900_001, 900_002, 900_003));
    put("run_meta", (t.run_meta)(TEXT, 900_001));
    put("default_run_name", (t.default_run_name)(TEXT, 900_001));
    put("rename", t.rename.to_owned());
    put("delete", t.delete.to_owned());
    put("remove", t.remove.to_owned());
    put("remove_local", (t.remove_local)(TEXT));
    put("local_badge", t.local_badge.to_owned());
    put("cloned_from", t.cloned_from.to_owned());
    put("load_failed", t.load_failed.to_owned());
    // A file dropped on the catalog: what `tebiki check` says of one it cannot read.
    if catalog {
        put("drop_limit", tebiki::MAX_PLAYBOOK_BYTES.to_string());
        put("drop_too_large", tebiki::too_large(900_001).message(lang));
        put("drop_not_utf8", tebiki::Problem::InvalidUtf8.message(lang));
    }
    let months: Vec<serde_json::Value> = (1..=12)
        .map(|month| {
            let moment = tebiki::text::Moment { year: 900_001, month, day: 900_003, hour: 0, minute: 0 };
            serde_json::Value::String(moment.text(lang, false))
        })
        .collect();
    w.insert("dates".into(), serde_json::Value::Array(months));
    // In a `<script type="application/json">`: no `<` can end it early.
    serde_json::Value::Object(w).to_string().replace('<', "\\u003c")
}

/// The words block of a content page.
fn words_block(b: &mut String, lang: Lang, catalog: bool) {
    let _ = write!(b, r#"<script type="application/json" id="tebiki-words">{}</script>"#, words(lang, catalog));
}

/// The catalog: every playbook as a card, and the filter (shown by the site
/// script, which also adds this browser's runs and local playbooks).
pub fn catalog(entries: &[ManifestEntry], base: &Base, lang: Lang) -> Doc {
    let t = texts(lang);
    let title = format!("{} | {}", t.catalog_title, t.site);
    let mut b = String::new();
    let _ = write!(
        b,
        r#"<main class="page catalog" id="main" data-page="catalog"><h1>{}</h1><p class="lead">{}</p><p class="catalog-write"><a href="{}" data-testid="editor-link">{}</a></p><p class="drop-status" role="status" data-testid="drop-status"></p>"#,
        escape(t.catalog_title),
        escape(t.catalog_lead),
        escape(&base.page(lang, "edit/")),
        escape(t.editor_link)
    );
    if entries.is_empty() {
        let _ = write!(b, r#"<p class="empty">{}</p>"#, escape(t.catalog_empty));
    } else {
        filters(&mut b, entries, t);
    }
    b.push_str(r#"<ul class="cards">"#);
    for e in entries {
        b.push_str(&tebiki::overview::card_html(e, &base.page(lang, &e.page), t, None));
    }
    b.push_str("</ul>");
    let _ = write!(
        b,
        r#"<section class="local-playbooks" aria-labelledby="local-title" data-testid="local-playbooks" hidden><h2 id="local-title">{}</h2><p class="help">{}</p><ul class="local-list"></ul></section>"#,
        escape(t.local_title),
        escape(t.local_help)
    );
    words_block(&mut b, lang, true);
    b.push_str("</main>");
    let body = frame(base, lang, Some(""), Menu::Catalog, &b);
    Doc { lang, path: Some(String::new()), title, description: t.site_description.to_owned(), body }
}

/// The catalog's filter: the app's form, run by the site script (in the page
/// from the start so that nothing moves when the script runs; hidden by the
/// style when the browser runs no script).
fn filters(b: &mut String, entries: &[ManifestEntry], t: &Texts) {
    let mut departments: Vec<&str> = Vec::new();
    let mut tags: Vec<&str> = Vec::new();
    for e in entries {
        if !departments.contains(&e.department.as_str()) {
            departments.push(&e.department);
        }
        for tag in &e.tags {
            if !tags.contains(&tag.as_str()) {
                tags.push(tag);
            }
        }
    }
    let _ = write!(
        b,
        r#"<form class="filters script-only" role="search" aria-label="{}"><div class="field grow"><label for="catalog-q">{}</label><input id="catalog-q" type="search" aria-describedby="catalog-q-hint"><p id="catalog-q-hint" class="help">{}</p></div>"#,
        escape(t.filters_label),
        escape(t.search_label),
        escape(t.search_hint)
    );
    let select = |b: &mut String, id: &str, label: &str, all: &str, values: &[&str]| {
        let _ = write!(
            b,
            r#"<div class="field"><label for="{id}">{}</label><select id="{id}"><option value="">{}</option>"#,
            escape(label),
            escape(all)
        );
        for v in values {
            let _ = write!(b, r#"<option value="{v}">{v}</option>"#, v = escape(v));
        }
        b.push_str("</select></div>");
    };
    select(b, "catalog-dept", t.department_label, t.all_departments, &departments);
    if !tags.is_empty() {
        select(b, "catalog-tag", t.tag_label, t.all_tags, &tags);
    }
    b.push_str("</form>");
    let _ = write!(
        b,
        r#"<p class="count" role="status" aria-live="polite">{}</p><div class="empty" hidden><p>{}</p><button type="button" class="secondary" data-action="clear-filters">{}</button></div>"#,
        escape(&(t.showing)(entries.len(), entries.len())),
        escape(t.no_match),
        escape(t.clear_filters)
    );
}

/// The breadcrumb back to the catalog.
fn crumbs(b: &mut String, base: &Base, lang: Lang) {
    let t = texts(lang);
    let _ = write!(
        b,
        r#"<nav class="crumbs" aria-label="{}"><a href="{}">{}</a></nav>"#,
        escape(t.breadcrumb),
        escape(&base.page(lang, "")),
        escape(t.nav_catalog)
    );
}

/// One playbook: its success conditions and every step, readable on its own;
/// this browser's runs of it and the form to start one (shown by the site
/// script, which hands starting, renaming and deleting over to the app).
/// `title_of` names another playbook of the site by id (for `requires`).
pub fn playbook<'a>(p: &Playbook, base: &Base, lang: Lang, title_of: impl Fn(&str) -> Option<&'a str>) -> Doc {
    let t = texts(lang);
    let m = &p.meta;
    let title = format!("{} | {}", m.title, t.site);
    let steps: usize = p.phases.iter().map(|ph| ph.steps.len()).sum();
    let mut b = format!(
        r#"<main class="page playbook" id="main" data-page="playbook" data-id="{}" data-steps="{steps}" data-department="{}">"#,
        escape(&m.id),
        escape(&m.department)
    );
    crumbs(&mut b, base, lang);
    let required =
        m.requires.as_ref().map(|id| (base.page(lang, &tebiki::manifest::page_path(id)), title_of(id).unwrap_or(id)));
    let required = required.as_ref().map(|(href, title)| (href.as_str(), *title));
    let _ = write!(b, "<header>{}</header>", tebiki::overview::header_html(m, t, false, required));
    let _ = write!(
        b,
        r#"<section class="runs script-only" aria-labelledby="runs-heading"><h2 id="runs-heading">{}</h2><p class="empty">{}</p><ul class="run-list"></ul><form class="start-run"><div class="field grow"><label for="new-run-name">{}</label><input id="new-run-name" type="text" aria-required="true" aria-describedby="new-run-help"><p id="new-run-help" class="help">{}</p></div>{}<button type="submit" data-testid="start-run">{}</button></form></section>"#,
        escape(t.runs_title),
        escape(t.runs_empty),
        escape(t.new_run_name),
        escape(t.new_run_help),
        start_questions(p, t),
        escape(t.start_run)
    );
    phase_map(&mut b, p, t);
    // The same markup as the app's overview and the editor's preview (`tebiki::overview`).
    b.push_str(&tebiki::overview::body_html(p, t));
    let _ = write!(
        b,
        r#"<details class="clone-details no-print script-only" data-action="clone"><summary>{}</summary></details>"#,
        escape(t.clone_summary)
    );
    words_block(&mut b, lang, false);
    b.push_str("</main>");
    let path = tebiki::manifest::page_path(&m.id);
    let body = frame(base, lang, Some(&path), Menu::Catalog, &b);
    Doc { lang, path: Some(path), title, description: m.summary.clone(), body }
}

/// The three phases side by side, each a link to its steps (the app's
/// `PhaseMap` without a run).
fn phase_map(b: &mut String, p: &Playbook, t: &Texts) {
    let _ = write!(b, r#"<nav class="phase-map" aria-label="{}"><ol>"#, escape(t.phase_map));
    for (i, phase) in p.phases.iter().enumerate() {
        let _ = write!(
            b,
            r##"<li class="phase-box" data-phase="{id}"><a href="#phase-{id}"><span class="phase-number">{n}</span><span class="phase-title">{title}</span><span class="phase-steps">{steps}</span></a></li>"##,
            id = phase.kind.id(),
            n = escape(&(t.phase_number)(i + 1)),
            title = escape(&phase.title),
            steps = escape(&(t.steps)(phase.steps.len())),
        );
    }
    b.push_str("</ol></nav>");
}

/// The settings page: only the app can change settings.
pub fn settings(base: &Base, lang: Lang) -> Doc {
    let t = texts(lang);
    let main = format!("<h1>{}</h1><p>{}</p>", escape(t.settings_title), escape(t.settings_needs_script));
    let title = format!("{} | {}", t.settings_title, t.site);
    app_page(base, lang, "settings", Menu::Settings, &main, title, t.settings_description)
}

/// The dashboard: the runs are in the browser, so only the app can list them.
pub fn dashboard(base: &Base, lang: Lang) -> Doc {
    let t = texts(lang);
    let main = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p><p>{}</p>",
        escape(t.dash_title),
        escape(t.dash_lead),
        escape(t.dash_needs_script)
    );
    let title = format!("{} | {}", t.dash_title, t.site);
    app_page(base, lang, "dashboard", Menu::Dashboard, &main, title, t.dash_description)
}

/// The status page: the snapshot is in the link's fragment, which only the
/// app reads.
pub fn status(base: &Base, lang: Lang) -> Doc {
    let t = texts(lang);
    let main = format!("<h1>{}</h1><p>{}</p>", escape(t.status_title), escape(t.status_needs_script));
    let title = format!("{} | {}", t.status_title, t.site);
    app_page(base, lang, "status", Menu::None, &main, title, t.status_link_help)
}

/// The editor: the draft is in the browser, and the checks run in the app.
pub fn editor(base: &Base, lang: Lang) -> Doc {
    let t = texts(lang);
    let main = format!(
        "<h1>{}</h1><p class=\"lead\">{}</p><p>{}</p><p class=\"editor-format\"><a href=\"{}\" target=\"_blank\" rel=\"noopener\">{}</a></p>",
        escape(t.editor_title),
        escape(t.editor_lead),
        escape(t.editor_needs_script),
        escape(&base.page(lang, "format/")),
        escape(t.editor_format)
    );
    let title = format!("{} | {}", t.editor_title, t.site);
    app_page(base, lang, "edit", Menu::None, &main, title, t.editor_lead)
}

/// The format reference as this version of tebiki reads playbooks
/// (`playbooks/README.md`, built into the generator so that the reference
/// always matches the checks it describes).
const FORMAT_REFERENCE: &str = include_str!("../../playbooks/README.md");

/// The format reference at `format/`, for authors (the editor links to it):
/// the README's part in the page's language, rendered by the core's
/// markdown renderer like every playbook. Its links to files of the
/// repository (`../docs/…`), which the site does not publish, are kept as
/// their text.
pub fn format_reference(base: &Base, lang: Lang) -> Doc {
    let t = texts(lang);
    let (japanese, english) = FORMAT_REFERENCE.split_once("\n## English\n").unwrap_or((FORMAT_REFERENCE, ""));
    let part = match lang {
        Lang::Ja => japanese.split_once("\n## 日本語\n").map_or(japanese, |(_, rest)| rest),
        Lang::En => english,
    };
    let part = part.trim_end().trim_end_matches("---");
    let html = unlink_outside(&tebiki::markdown::render(part));
    let mut b = String::from(r#"<main class="page format" id="main" data-page="format">"#);
    crumbs(&mut b, base, lang);
    let _ = write!(b, "<h1>{}</h1><div class=\"format-reference\">{html}</div></main>", escape(t.format_title));
    let path = "format/".to_owned();
    let body = frame(base, lang, Some(&path), Menu::None, &b);
    let title = format!("{} | {}", t.format_title, t.site);
    Doc { lang, path: Some(path), title, description: t.format_description.to_owned(), body }
}

/// `html` with every link to a path outside the site (`href="../…"`)
/// replaced by its text.
fn unlink_outside(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(r#"<a href="../"#) {
        let Some(open_end) = rest[start..].find('>').map(|e| start + e + 1) else { break };
        let Some(close) = rest[open_end..].find("</a>").map(|e| open_end + e) else { break };
        out.push_str(&rest[..start]);
        out.push_str(&rest[open_end..close]);
        rest = &rest[close + "</a>".len()..];
    }
    out.push_str(rest);
    out
}

/// A page only the app can show, at `name/`: the breadcrumb and `main`'s
/// words for a browser that runs no script.
fn app_page(base: &Base, lang: Lang, name: &str, menu: Menu, main: &str, title: String, description: &str) -> Doc {
    let mut b = format!(r#"<main class="page {name}" id="main">"#);
    crumbs(&mut b, base, lang);
    b.push_str(main);
    b.push_str("</main>");
    let path = format!("{name}/");
    let body = frame(base, lang, Some(&path), menu, &b);
    Doc { lang, path: Some(path), title, description: description.to_owned(), body }
}

/// The page static hosts show for unknown addresses, in both languages: the
/// host serves the same file for every address, whichever language it is in.
pub fn not_found(base: &Base) -> Doc {
    let (ja, en) = (texts(Lang::Ja), texts(Lang::En));
    let mut body = String::from(r#"<main class="page not-found" id="main">"#);
    let _ = write!(
        body,
        r#"<h1>{}</h1><p>{}</p><p><a href="{}">{}</a></p>"#,
        escape(ja.not_found_title),
        escape(ja.not_found_text),
        escape(&base.page(Lang::Ja, "")),
        escape(ja.back_to_catalog)
    );
    let _ = write!(
        body,
        r#"<div lang="en"><h2>{}</h2><p>{}</p><p><a href="{}">{}</a></p></div></main>"#,
        escape(en.not_found_title),
        escape(en.not_found_text),
        escape(&base.page(Lang::En, "")),
        escape(en.back_to_catalog)
    );
    let title = format!("{} | {}", ja.not_found_title, ja.site);
    let body = frame(base, Lang::Ja, None, Menu::None, &body);
    Doc { lang: Lang::Ja, path: None, title, description: ja.not_found_title.to_owned(), body }
}

/// A sitemap of the catalog and every playbook page, in both languages.
pub fn sitemap(entries: &[ManifestEntry], base: &Base) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" \
         xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    let pages = [String::new(), "format/".to_owned()].into_iter().chain(entries.iter().map(|e| e.page.clone()));
    for page in pages {
        // Each language's address, with both as alternates (as the pages' `hreflang` links).
        for lang in Lang::ALL {
            let _ = write!(s, "  <url><loc>{}</loc>", escape(&base.url(&format!("{}{page}", lang.pages()))));
            for other in Lang::ALL {
                let href = base.url(&format!("{}{page}", other.pages()));
                let _ =
                    write!(s, r#"<xhtml:link rel="alternate" hreflang="{}" href="{}"/>"#, other.code(), escape(&href));
            }
            s.push_str("</url>\n");
        }
    }
    s.push_str("</urlset>\n");
    s
}

/// The playbook's questions in the start form, as the app writes them
/// (`AnswerFields`, same names and values): the site script hands the
/// answers picked here over to the app with the run's name.
fn start_questions(p: &Playbook, t: &Texts) -> String {
    if p.questions.is_empty() {
        return String::new();
    }
    let mut b = format!(
        r#"<div class="start-questions" data-testid="start-questions"><p class="help">{}</p>"#,
        escape(t.start_questions_help)
    );
    for q in &p.questions {
        let name = escape(&format!("new-answer-{}", q.id));
        let _ = write!(b, r#"<fieldset class="question"><legend>{}</legend><div class="choices">"#, escape(&q.text));
        for c in &q.choices {
            let _ = write!(
                b,
                r#"<label class="choice"><input type="radio" name="{name}" value="{}">{}</label>"#,
                escape(&c.id),
                escape(&c.label)
            );
        }
        let _ = write!(
            b,
            r#"<label class="choice unanswered"><input type="radio" name="{name}" value="" checked>{}</label></div></fieldset>"#,
            escape(t.not_answered)
        );
    }
    b.push_str("</div>");
    b
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, description: &str, body: &str) -> Doc {
        Doc {
            lang: Lang::Ja,
            path: Some(String::new()),
            title: title.into(),
            description: description.into(),
            body: body.into(),
        }
    }

    #[test]
    fn the_start_form_asks_the_questions_as_the_app_does() {
        let source = include_str!("../../tests/fixtures/valid/every-feature.md");
        let p = tebiki::parse(source).0.unwrap();
        let html = start_questions(&p, texts(Lang::Ja));
        assert!(html.contains("<legend>会社の区分</legend>"), "{html}");
        assert!(
            html.contains(r#"<input type="radio" name="new-answer-listing" value="preparing">上場準備中</label>"#),
            "{html}"
        );
        assert!(html.contains(r#"name="new-answer-external-cloud" value="no">いいえ"#), "{html}");
        assert_eq!(html.matches(r#"value="" checked>未回答"#).count(), 2, "one unanswered choice per question, picked");
        let mut none = p.clone();
        none.questions.clear();
        assert_eq!(start_questions(&none, texts(Lang::Ja)), "");
    }

    #[test]
    fn the_policy_pins_the_shells_inline_scripts_and_comes_first() {
        let shell = "<html><head><meta charset=\"utf-8\"><title>x</title><script type=\"module\">import init from '/a.js';</script>\
                     <script src=\"/b.js\"></script></head><body><div id=\"tebiki\"></div></body></html>";
        assert_eq!(inline_scripts(shell), ["import init from '/a.js';"]);
        let out = page(shell, &Base::parse("/").unwrap(), &doc("t", "d", "b")).unwrap();
        let policy = out.find("Content-Security-Policy").unwrap();
        assert!(policy < out.find("<title>").unwrap() && policy < out.find("<script").unwrap());
        // As `printf %s "import init from '/a.js';" | openssl dgst -sha256 -binary | base64` gives it.
        assert!(out.contains("'sha256-aOee+rvEUMphqlepW7nBjXpcT6aM6jxNXbtEv0XP738='"), "{out}");
        let other = content_security_policy(["import init from '/c.js';"]);
        assert_ne!(content_security_policy(inline_scripts(shell)), other, "a changed loader changes the policy");
        assert!(!other.contains("unsafe-inline") && !other.contains(" 'unsafe-eval'"), "{other}");
        assert!(other.contains("'wasm-unsafe-eval'") && other.contains("object-src 'none'"));
    }

    /// trunk 0.21's page, as it writes it into dist/index.html.
    const TRUNK_SHELL: &str = r#"<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>tebiki</title>
<link rel="stylesheet" href="/style-1a2b.css" integrity="sha384-s"/><link rel="preload" href="/font.woff2" as="font">
<link rel="modulepreload" href="/tebiki-app-9f.js" crossorigin="anonymous" integrity="sha384-j"><link rel="preload" href="/tebiki-app-9f_bg.wasm" crossorigin="anonymous" integrity="sha384-w" as="fetch" type="application/wasm"></head>
<body><div id="tebiki"></div>
<script type="module">
import init, * as bindings from '/tebiki-app-9f.js';
const wasm = await init({ module_or_path: '/tebiki-app-9f_bg.wasm' });
window.wasmBindings = bindings;
</script></body></html>"#;

    #[test]
    fn the_content_shell_loads_only_the_site_script_and_names_the_app() {
        let shells = Shells::new(TRUNK_SHELL, "/site-00.js", "/offline-00.js").unwrap();
        assert_eq!(
            shells.app.replace("<script type=\"module\" src=\"/offline-00.js\"></script>\n", ""),
            TRUNK_SHELL,
            "the app's pages keep trunk's page as it is, with the registration of the service worker"
        );
        let register = shells.app.find("/offline-00.js").unwrap();
        assert!(register < shells.app.find("</head>").unwrap());
        let content = &shells.content;
        assert!(inline_scripts(content).is_empty(), "no inline script: {content}");
        assert!(!content.contains("modulepreload") && !content.contains("_bg.wasm\" crossorigin"), "{content}");
        assert!(content.contains(r#"<link rel="stylesheet" href="/style-1a2b.css""#), "the style stays");
        assert!(content.contains(r#"<link rel="preload" href="/font.woff2" as="font">"#), "other preloads stay");
        assert!(
            content
                .contains(r#"<meta name="tebiki-app" content="/tebiki-app-9f.js" data-wasm="/tebiki-app-9f_bg.wasm">"#),
            "{content}"
        );
        let script = content.find(r#"<script type="module" src="/site-00.js"></script>"#).unwrap();
        assert!(script < content.find("</head>").unwrap());
        assert_eq!(content.matches("<script").count(), 1, "{content}");
        let html = page(content, &Base::parse("/").unwrap(), &doc("t", "d", "<main>x</main>")).unwrap();
        let script = language_script("/en/");
        assert!(html.contains(&content_security_policy([script.as_str()])), "only the language step is pinned: {html}");
        let english = Doc { lang: Lang::En, ..doc("t", "d", "<main>x</main>") };
        let html = page(content, &Base::parse("/").unwrap(), &english).unwrap();
        assert!(html.contains("script-src 'self' 'wasm-unsafe-eval';"), "an English page has no inline script: {html}");
    }

    #[test]
    fn the_format_reference_is_the_readme_in_the_pages_language_without_links_out_of_the_site() {
        let base = Base::parse("/sub/").unwrap();
        let ja = format_reference(&base, Lang::Ja);
        let en = format_reference(&base, Lang::En);
        assert_eq!(ja.path.as_deref(), Some("format/"));
        assert!(ja.body.contains("<h1>プレイブックの書き方</h1>") && ja.body.contains("全体の形"), "{}", ja.body);
        assert!(!ja.body.contains("Front matter (YAML)"), "only the Japanese part");
        assert!(en.body.contains("<h1>Writing a playbook</h1>") && en.body.contains("Front matter (YAML)"));
        assert!(!en.body.contains("全体の形"), "only the English part");
        for doc in [&ja, &en] {
            assert!(!doc.body.contains(r#"href="../"#), "no link to the repository's files");
            assert!(!doc.body.contains("<script"), "rendered by the core's cleaner");
        }
        assert!(ja.body.contains("用語集"), "a link out is kept as its text");
        assert_eq!(unlink_outside(r#"a <a href="../x.md">b</a> c <a href="/d">e</a>"#), r#"a b c <a href="/d">e</a>"#);
    }

    #[test]
    fn comment_lines_go_and_code_stays() {
        let script = "// a comment\nconst a = 1; // kept with its line\n  /** a doc\n   * comment */\nfunction f() {\n    // inside\n  return '//not a comment';\n}\n/* a */ const b = 2;\n/* one line */\nconst c = `x`;\n";
        assert_eq!(
            without_comment_lines(script),
            "const a = 1; // kept with its line\nfunction f() {\n  return '//not a comment';\n}\n/* a */ const b = 2;\nconst c = `x`;\n"
        );
        assert_eq!(without_comment_lines("/* never closed\nconst a = 1;\n"), "/* never closed\nconst a = 1;\n");
        // Every line of code of the real scripts stays, in order.
        for script in [SITE_SCRIPT, offline::REGISTER] {
            let stripped = without_comment_lines(script);
            let kept: Vec<&str> = stripped.lines().collect();
            let code: Vec<&str> = script
                .lines()
                .filter(|l| {
                    let t = l.trim_start();
                    !(t.starts_with("//")
                        || t.starts_with("/*")
                        || t.starts_with("* ")
                        || t == "*"
                        || t.starts_with("*/"))
                })
                .collect();
            assert_eq!(kept, code);
            // No string goes on to the next line (a template literal or a
            // line continuation), so no comment-like line is part of one.
            for line in script.lines() {
                assert!(line.matches('`').count() % 2 == 0 && !line.ends_with('\\'), "{line}");
            }
        }
    }

    #[test]
    fn a_shell_without_the_app_gets_the_site_script_only() {
        let shells = Shells::new(PLAIN_SHELL, "/site-00.js", "/offline-00.js").unwrap();
        assert!(!shells.content.contains("tebiki-app"));
        assert!(shells.content.contains(r#"<script type="module" src="/site-00.js"></script>"#));
        assert!(Shells::new("<html><body></body></html>", "/s.js", "/o.js").is_err(), "no </head>");
    }

    #[test]
    fn the_words_fill_in_numbers_and_text_and_cannot_close_their_block() {
        for lang in [Lang::Ja, Lang::En] {
            let json = words(lang, true);
            let v: serde_json::Value = serde_json::from_str(&json).unwrap();
            for key in
                ["showing_all", "showing_some", "runs_here", "done_of", "run_meta", "default_run_name", "load_failed"]
            {
                assert!(v[key].as_str().is_some_and(|s| !s.is_empty()), "{key} in {lang:?}");
            }
            assert!(
                v["showing_some"].as_str().unwrap().contains("900001")
                    && v["showing_some"].as_str().unwrap().contains("900002")
            );
            assert!(v["remove_local"].as_str().unwrap().contains('\u{E000}'));
            assert_eq!(v["dates"].as_array().unwrap().len(), 12);
            assert!(!json.contains('<'), "no </script> can end the block early");
        }
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
        let html = page(PLAIN_SHELL, &base, &doc("A <b>", "d\"q", "<main>x</main>")).unwrap();
        assert!(html.contains("<title>A &lt;b&gt;</title>"));
        assert!(html.contains(r#"<meta name="description" content="d&quot;q">"#));
        assert!(html.contains(r#"<meta name="tebiki-base" content="/s/">"#));
        assert!(html.contains(r#"<div id="tebiki"><main>x</main></div>"#));
    }

    fn fixture() -> Playbook {
        tebiki::parse(include_str!("../../tests/fixtures/valid/every-feature.md")).0.unwrap()
    }

    #[test]
    fn each_language_has_its_pages_and_names_the_other() {
        let base = Base::parse("https://intra.example/t/").unwrap();
        let p = fixture();
        let entries = [ManifestEntry::new(&p, "")];
        let id = &p.meta.id;
        for lang in Lang::ALL {
            let docs = [
                catalog(&entries, &base, lang),
                playbook(&p, &base, lang, |_| None),
                settings(&base, lang),
                dashboard(&base, lang),
                status(&base, lang),
            ];
            for doc in &docs {
                assert_eq!(doc.lang, lang);
                let path = doc.path.as_deref().unwrap();
                let html = page(TRUNK_SHELL, &base, doc).unwrap();
                assert!(html.starts_with(&format!(r#"<!DOCTYPE html><html lang="{}">"#, lang.code())), "{html}");
                assert_eq!(html.matches(" lang=\"").count() - html.matches(r#"<div lang="en">"#).count(), 2, "{html}");
                for (code, l) in [("ja", Lang::Ja), ("en", Lang::En), ("x-default", Lang::Ja)] {
                    let link = format!(
                        r#"<link rel="alternate" hreflang="{code}" href="https://intra.example/t/{}{path}">"#,
                        l.pages()
                    );
                    assert!(html.contains(&link), "{link} in {html}");
                }
                // The menu links to this page in the other language, named in that language.
                let other = lang.other();
                let switch = format!(
                    r#"<a href="/t/{}{path}" hreflang="{code}" lang="{code}" data-lang="{code}">{}</a>"#,
                    other.pages(),
                    other.name(),
                    code = other.code()
                );
                assert!(doc.body.contains(&switch), "{switch} in {}", doc.body);
                // Every link of the page's own stays in its language.
                assert!(doc.body.contains(&format!(r#"<a class="brand" href="/t/{}""#, lang.pages())));
            }
            let t = texts(lang);
            assert!(docs[0].body.contains(&format!("<h1>{}</h1>", escape(t.catalog_title))));
            assert!(docs[0].body.contains(&format!(r#"href="/t/{}p/{id}/""#, lang.pages())), "{}", docs[0].body);
            assert!(docs[1].body.contains(&escape(t.start_run)));
            assert!(docs[0].body.contains(&words(lang, true)), "the site script's words are the page's language");
        }
        assert_ne!(catalog(&entries, &base, Lang::Ja).body, catalog(&entries, &base, Lang::En).body);
    }

    #[test]
    fn the_404_page_speaks_both_languages_and_names_no_alternate() {
        let base = Base::parse("/t/").unwrap();
        let doc = not_found(&base);
        let html = page(PLAIN_SHELL, &base, &doc).unwrap();
        assert!(!html.contains("hreflang"), "{html}");
        for lang in Lang::ALL {
            let t = texts(lang);
            assert!(html.contains(&escape(t.not_found_title)), "{lang:?}");
            assert!(html.contains(&format!(r#"<a href="/t/{}">{}</a>"#, lang.pages(), escape(t.back_to_catalog))));
        }
        assert!(html.contains(r#"<div lang="en">"#));
    }

    #[test]
    fn the_html_element_gets_the_language_with_or_without_one() {
        assert_eq!(
            with_lang(r#"<!DOCTYPE html><html lang="ja"><head>"#, Lang::En),
            r#"<!DOCTYPE html><html lang="en"><head>"#
        );
        assert_eq!(with_lang("<html><head>", Lang::En), r#"<html lang="en"><head>"#);
        assert_eq!(
            with_lang(r#"<html class="x" lang="ja" dir="ltr">"#, Lang::En),
            r#"<html class="x" lang="en" dir="ltr">"#
        );
        assert_eq!(with_lang("<head>", Lang::En), "<head>", "no <html>: nothing to set");
    }

    #[test]
    fn the_sitemap_names_every_page_in_both_languages() {
        let base = Base::parse("https://intra.example/t").unwrap();
        let p = fixture();
        let xml = sitemap(&[ManifestEntry::new(&p, "")], &base);
        for path in ["", "format/", &format!("p/{}/", p.meta.id)] {
            for lang in Lang::ALL {
                let url = format!("https://intra.example/t/{}{path}", lang.pages());
                assert!(xml.contains(&format!("<url><loc>{url}</loc>")), "{url} in {xml}");
                assert!(xml.contains(&format!(r#"hreflang="{}" href="{url}"/>"#, lang.code())), "{xml}");
            }
        }
        assert_eq!(xml.matches("<url>").count(), 6);
    }

    #[test]
    fn a_shell_without_a_mount_point_is_refused() {
        let base = Base::parse("/").unwrap();
        assert!(page("<html><head><title></title></head><body></body></html>", &base, &doc("t", "d", "b")).is_err());
    }
}
