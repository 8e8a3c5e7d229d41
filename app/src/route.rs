//! The app's URLs. Every page is a folder under the site's base path, so a
//! static server finds its pre-rendered `index.html` without rewrite rules;
//! what varies within a page (a run, a step) goes in the query string.
//!
//! | URL (after the base)  | page      |
//! |-----------------------|-----------|
//! | ``                    | catalog   |
//! | `p/ID/`               | playbook  |
//! | `settings/`           | settings  |
//! | `dashboard/`          | dashboard |
//! | `status/#s=…`         | status    |
//! | `edit/`               | editor    |
//!
//! The same pages in English are under `en/` (`en/`, `en/p/ID/`, …): the
//! address says the language, so a page is pre-rendered in it and a link
//! opens in it. An address without `en/` is Japanese unless this browser's
//! language is English ([`Prefs`](crate::storage::prefs::Prefs)): the page's
//! first script (the generator's `pages::language_script`) then goes on to
//! the English one before the app loads.
//!
//! A run of a playbook is `p/ID/?run=RUN`, one of its steps `&step=STEP`, the
//! list of a phase's steps `&view=list&phase=PHASE` (`phase=all`: every step,
//! for printing). See [`RunView`].

use tebiki::Lang;

/// Which page a URL shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// Every playbook.
    Catalog,
    /// One playbook.
    Playbook { id: String },
    /// A playbook kept in this browser (a clone not yet in the repository):
    /// `?local=ID` on the catalog's address, since a static host has no page
    /// for it.
    Local { id: String },
    /// Language and data.
    Settings,
    /// Every run of this browser and of an opened folder.
    Dashboard,
    /// A run's status from a link: the snapshot is in the fragment
    /// (`#s=…`), which the browser never sends to the server.
    Status,
    /// Writing or fixing a playbook in the browser, with `tebiki check`'s
    /// problems as the author types; the text is a draft kept here.
    Editor,
    /// Anything else.
    NotFound,
}

/// A parsed URL: the page, its language and its query parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    pub lang: Lang,
    pub query: Vec<(String, String)>,
}

impl Route {
    /// The route of `pathname` + `search` for a site under `base` (`/`, `/sub/`).
    pub fn parse(base: &str, pathname: &str, search: &str) -> Route {
        let query = parse_query(search);
        let Some(rest) = pathname.strip_prefix(base).or_else(|| (pathname == base.trim_end_matches('/')).then_some(""))
        else {
            return Route { page: Page::NotFound, lang: Lang::default(), query };
        };
        let (lang, rest) = Lang::of_path(rest);
        let rest = rest.strip_suffix("index.html").unwrap_or(rest);
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        let page = match segments.as_slice() {
            [] => match query.iter().find(|(k, _)| k == "local").map(|(_, v)| v.as_str()) {
                Some(id) if tebiki::is_valid_id(id) => Page::Local { id: id.to_owned() },
                _ => Page::Catalog,
            },
            ["p", id] if tebiki::is_valid_id(id) => Page::Playbook { id: (*id).to_owned() },
            ["settings"] => Page::Settings,
            ["dashboard"] => Page::Dashboard,
            ["status"] => Page::Status,
            ["edit"] => Page::Editor,
            _ => Page::NotFound,
        };
        Route { page, lang, query }
    }

    /// The value of query parameter `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// The address `pathname` + `search` (under `base`) in language `lang`: the
/// same page and query; the catalog in `lang` for an address outside the site.
pub fn in_lang(base: &str, pathname: &str, search: &str, lang: Lang) -> String {
    let rest = pathname.strip_prefix(base).map_or("", |rest| Lang::of_path(rest).1);
    let rest = rest.strip_suffix("index.html").unwrap_or(rest);
    format!("{base}{}{rest}{search}", lang.pages())
}

/// The path of a page under `base`, the base of the pages in one language
/// (the site's base, `en/` after it for English: `Nav::pages`).
pub fn href(base: &str, page: &Page) -> String {
    match page {
        Page::Catalog | Page::NotFound => base.to_owned(),
        Page::Playbook { id } => format!("{base}p/{id}/"),
        Page::Local { id } => format!("{base}?local={id}"),
        Page::Settings => format!("{base}settings/"),
        Page::Dashboard => format!("{base}dashboard/"),
        Page::Status => format!("{base}status/"),
        Page::Editor => format!("{base}edit/"),
    }
}

/// Which part of a run the page shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RunView {
    /// The run's id.
    pub run: String,
    /// The step shown in guided mode; `None`: the first open step.
    pub step: Option<String>,
    /// Every step of a phase at once instead of one at a time.
    pub list: bool,
    /// The phase listed (`all` for every phase); `None`: the current step's.
    pub phase: Option<String>,
    /// The success record (and the clone for the next department).
    pub record: bool,
    /// The decision summary of the approval step `step` (`view=decision`).
    pub decision: bool,
    /// Who changed what, and when (`view=history`).
    pub history: bool,
    /// The steps of the roles naming this browser's person (`view=mine`).
    pub mine: bool,
    /// The dates of the run (`view=schedule`).
    pub schedule: bool,
}

impl RunView {
    /// The run view of `route`, when it names a run.
    pub fn from_route(route: &Route) -> Option<RunView> {
        let run = route.param("run").filter(|r| !r.is_empty())?.to_owned();
        let some = |key| route.param(key).filter(|v| !v.is_empty()).map(str::to_owned);
        let view = route.param("view");
        Some(RunView {
            run,
            step: some("step"),
            list: view == Some("list"),
            phase: some("phase"),
            record: view == Some("record"),
            decision: view == Some("decision"),
            history: view == Some("history"),
            mine: view == Some("mine"),
            schedule: view == Some("schedule"),
        })
    }

    /// The address of this view of a run of `playbook`.
    pub fn href(&self, base: &str, playbook: &Page) -> String {
        let page = href(base, playbook);
        let joint = if page.contains('?') { '&' } else { '?' };
        let mut out = format!("{page}{joint}run={}", encode(&self.run));
        if self.record {
            out.push_str("&view=record");
        } else if self.history {
            out.push_str("&view=history");
        } else if self.mine {
            out.push_str("&view=mine");
        } else if self.schedule {
            out.push_str("&view=schedule");
        } else if self.decision {
            out.push_str("&view=decision");
            if let Some(step) = &self.step {
                out.push_str("&step=");
                out.push_str(&encode(step));
            }
        } else if self.list {
            out.push_str("&view=list");
            if let Some(phase) = &self.phase {
                out.push_str("&phase=");
                out.push_str(&encode(phase));
            }
        } else if let Some(step) = &self.step {
            out.push_str("&step=");
            out.push_str(&encode(step));
        }
        out
    }
}

/// Percent-encoding of a query value (everything but unreserved characters).
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn parse_query(search: &str) -> Vec<(String, String)> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// Percent-decoding as in `application/x-www-form-urlencoded`.
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(base: &str, path: &str) -> Page {
        Route::parse(base, path, "").page
    }

    #[test]
    fn pages_are_found_at_the_root_and_under_a_sub_path() {
        for base in ["/", "/sub/path/"] {
            assert_eq!(page(base, base), Page::Catalog);
            assert_eq!(page(base, &format!("{base}index.html")), Page::Catalog);
            assert_eq!(page(base, &format!("{base}p/hr-inquiry/")), Page::Playbook { id: "hr-inquiry".into() });
            assert_eq!(page(base, &format!("{base}p/hr-inquiry")), Page::Playbook { id: "hr-inquiry".into() });
            assert_eq!(
                page(base, &format!("{base}p/hr-inquiry/index.html")),
                Page::Playbook { id: "hr-inquiry".into() }
            );
            assert_eq!(page(base, &format!("{base}settings/")), Page::Settings);
            assert_eq!(page(base, &format!("{base}dashboard/")), Page::Dashboard);
            assert_eq!(page(base, &format!("{base}status/")), Page::Status);
            assert_eq!(page(base, &format!("{base}p/Bad_Id/")), Page::NotFound);
            assert_eq!(page(base, &format!("{base}nothing/")), Page::NotFound);
        }
        assert_eq!(page("/sub/", "/sub"), Page::Catalog);
        assert_eq!(page("/sub/", "/other/"), Page::NotFound);
    }

    #[test]
    fn english_pages_are_under_en() {
        for base in ["/", "/sub/path/"] {
            let route = |path: &str, search: &str| Route::parse(base, &format!("{base}{path}"), search);
            assert_eq!(route("", "").lang, Lang::Ja);
            assert_eq!(route("p/a/", "?run=r").lang, Lang::Ja);
            for (path, page) in [
                ("en/", Page::Catalog),
                ("en", Page::Catalog),
                ("en/index.html", Page::Catalog),
                ("en/p/a-b/", Page::Playbook { id: "a-b".into() }),
                ("en/settings/", Page::Settings),
                ("en/dashboard/", Page::Dashboard),
                ("en/status/", Page::Status),
                ("en/nothing/", Page::NotFound),
            ] {
                let r = route(path, "");
                assert_eq!((r.page, r.lang), (page, Lang::En), "{base}{path}");
            }
            assert_eq!(route("en/", "?local=c-d").page, Page::Local { id: "c-d".into() });
            assert_eq!(route("english/", "").page, Page::NotFound);
            let en = format!("{base}en/");
            assert_eq!(Route::parse(base, &href(&en, &Page::Playbook { id: "x".into() }), "").lang, Lang::En);
        }
    }

    #[test]
    fn an_address_in_the_other_language_keeps_page_and_query() {
        for base in ["/", "/sub/"] {
            let to = |path: &str, search: &str, lang| in_lang(base, &format!("{base}{path}"), search, lang);
            assert_eq!(to("p/a/", "?run=r&step=s", Lang::En), format!("{base}en/p/a/?run=r&step=s"));
            assert_eq!(to("en/p/a/", "?run=r", Lang::Ja), format!("{base}p/a/?run=r"));
            assert_eq!(to("en/p/a/", "?run=r", Lang::En), format!("{base}en/p/a/?run=r"), "already there");
            assert_eq!(to("", "", Lang::En), format!("{base}en/"));
            assert_eq!(to("en", "", Lang::Ja), base);
            assert_eq!(to("settings/index.html", "", Lang::En), format!("{base}en/settings/"));
            assert_eq!(to("", "?local=c", Lang::En), format!("{base}en/?local=c"));
        }
        assert_eq!(in_lang("/sub/", "/elsewhere/", "?q", Lang::En), "/sub/en/?q");
    }

    #[test]
    fn hrefs_parse_back_to_their_page() {
        for base in ["/", "/x/y/"] {
            for p in [
                Page::Catalog,
                Page::Playbook { id: "a-b".into() },
                Page::Local { id: "c-d".into() },
                Page::Settings,
                Page::Dashboard,
                Page::Status,
                Page::Editor,
            ] {
                let href = href(base, &p);
                let (path, search) = href.split_once('?').unwrap_or((&href, ""));
                assert_eq!(Route::parse(base, path, search).page, p);
            }
            assert_eq!(Route::parse(base, base, "?local=Bad_Id").page, Page::Catalog);
        }
    }

    #[test]
    fn run_views_round_trip_through_their_address() {
        let views = [
            RunView { run: "rabc".into(), ..RunView::default() },
            RunView { run: "rabc".into(), step: Some("collect".into()), ..RunView::default() },
            RunView { run: "rabc".into(), list: true, phase: Some("pilot".into()), ..RunView::default() },
            RunView { run: "r a&b".into(), list: true, phase: Some("all".into()), ..RunView::default() },
            RunView { run: "rabc".into(), record: true, ..RunView::default() },
            RunView { run: "rabc".into(), history: true, ..RunView::default() },
            RunView { run: "rabc".into(), mine: true, ..RunView::default() },
            RunView { run: "rabc".into(), schedule: true, ..RunView::default() },
            RunView { run: "rabc".into(), decision: true, step: Some("approve-rollout".into()), ..RunView::default() },
        ];
        for base in ["/", "/sub/"] {
            for page in [Page::Playbook { id: "hr-desk".into() }, Page::Local { id: "sales-desk".into() }] {
                for view in &views {
                    let href = view.href(base, &page);
                    let (path, search) = href.split_once('?').unwrap();
                    let route = Route::parse(base, path, &format!("?{search}"));
                    assert_eq!(route.page, page);
                    assert_eq!(RunView::from_route(&route).as_ref(), Some(view), "{href}");
                }
            }
        }
        assert_eq!(RunView::from_route(&Route::parse("/", "/p/a/", "?run=")), None);
        assert_eq!(RunView::from_route(&Route::parse("/", "/p/a/", "")), None);
    }

    #[test]
    fn query_parameters_are_decoded() {
        let route = Route::parse("/", "/p/a/", "?run=r%201&step=s+2&empty&bad=%zz");
        assert_eq!(route.param("run"), Some("r 1"));
        assert_eq!(route.param("step"), Some("s 2"));
        assert_eq!(route.param("empty"), Some(""));
        assert_eq!(route.param("bad"), Some("%zz"));
        assert_eq!(route.param("none"), None);
    }
}
