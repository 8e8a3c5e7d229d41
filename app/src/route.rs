//! The app's URLs. Every page is a folder under the site's base path, so a
//! static server finds its pre-rendered `index.html` without rewrite rules;
//! what varies within a page (a run, a step) goes in the query string.
//!
//! | URL (after the base)  | page      |
//! |-----------------------|-----------|
//! | ``                    | catalog   |
//! | `p/ID/`               | playbook  |
//! | `settings/`           | settings  |

/// Which page a URL shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// Every playbook.
    Catalog,
    /// One playbook.
    Playbook { id: String },
    /// Language and data.
    Settings,
    /// Anything else.
    NotFound,
}

/// A parsed URL: the page and its query parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    pub query: Vec<(String, String)>,
}

impl Route {
    /// The route of `pathname` + `search` for a site under `base` (`/`, `/sub/`).
    pub fn parse(base: &str, pathname: &str, search: &str) -> Route {
        let query = parse_query(search);
        let Some(rest) = pathname.strip_prefix(base).or_else(|| (pathname == base.trim_end_matches('/')).then_some(""))
        else {
            return Route { page: Page::NotFound, query };
        };
        let rest = rest.strip_suffix("index.html").unwrap_or(rest);
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        let page = match segments.as_slice() {
            [] => Page::Catalog,
            ["p", id] if tebiki::is_valid_id(id) => Page::Playbook { id: (*id).to_owned() },
            ["settings"] => Page::Settings,
            _ => Page::NotFound,
        };
        Route { page, query }
    }

    /// The value of query parameter `key`.
    pub fn param(&self, key: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// The path (under `base`) of a page.
pub fn href(base: &str, page: &Page) -> String {
    match page {
        Page::Catalog | Page::NotFound => base.to_owned(),
        Page::Playbook { id } => format!("{base}p/{id}/"),
        Page::Settings => format!("{base}settings/"),
    }
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
            assert_eq!(page(base, &format!("{base}p/Bad_Id/")), Page::NotFound);
            assert_eq!(page(base, &format!("{base}nothing/")), Page::NotFound);
        }
        assert_eq!(page("/sub/", "/sub"), Page::Catalog);
        assert_eq!(page("/sub/", "/other/"), Page::NotFound);
    }

    #[test]
    fn hrefs_parse_back_to_their_page() {
        for base in ["/", "/x/y/"] {
            for p in [Page::Catalog, Page::Playbook { id: "a-b".into() }, Page::Settings] {
                assert_eq!(Route::parse(base, &href(base, &p), "").page, p);
            }
        }
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
