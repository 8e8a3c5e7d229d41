//! Which playbooks the catalog shows: department, tag and a text search that
//! works for Japanese (substring, no word splitting); and which runs the
//! dashboard shows, in which order.

use tebiki::dashboard::Sort;
use tebiki::manifest::ManifestEntry;

use crate::route::Route;

/// The catalog's filter, as kept in the URL (`?q=&dept=&tag=`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CatalogFilter {
    pub query: String,
    pub department: String,
    pub tag: String,
}

impl CatalogFilter {
    /// The filter a URL describes.
    pub fn from_route(route: &Route) -> Self {
        let get = |k: &str| route.param(k).unwrap_or_default().to_owned();
        CatalogFilter { query: get("q"), department: get("dept"), tag: get("tag") }
    }

    /// The query string for this filter (empty when nothing is filtered).
    pub fn to_query(&self) -> String {
        let parts: Vec<String> = [("q", &self.query), ("dept", &self.department), ("tag", &self.tag)]
            .into_iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
    }

    /// Whether `entry` is shown. Every word of the query (split on spaces,
    /// full-width ones too) must appear in the title, summary, theme or
    /// department; letters match regardless of case and width.
    pub fn matches(&self, entry: &ManifestEntry) -> bool {
        if !self.department.is_empty() && entry.department != self.department {
            return false;
        }
        if !self.tag.is_empty() && !entry.tags.contains(&self.tag) {
            return false;
        }
        let haystack = fold(&format!("{}\n{}\n{}\n{}", entry.title, entry.summary, entry.theme, entry.department));
        fold(&self.query).split([' ', '\u{3000}']).filter(|w| !w.is_empty()).all(|w| haystack.contains(w))
    }
}

/// Where a dashboard row's run is: this browser, the opened folder, or both
/// (then shown merged, as taking the folder in would leave it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    Here,
    Folder,
    Both,
}

impl Source {
    /// Its label.
    pub fn label(self, t: &tebiki::text::Texts) -> &'static str {
        match self {
            Source::Here => t.dash_source_here,
            Source::Folder => t.dash_source_folder,
            Source::Both => t.dash_source_both,
        }
    }
}

/// Which runs are shown when: every run, only this browser's, or only the
/// folder's (a run in both is in either).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Shown {
    #[default]
    All,
    Here,
    Folder,
}

impl Shown {
    /// Every choice with its name in the address.
    pub const ALL: [(Shown, &'static str); 3] = [(Shown::All, ""), (Shown::Here, "here"), (Shown::Folder, "folder")];

    fn key(self) -> &'static str {
        Shown::ALL.iter().find(|(s, _)| *s == self).map_or("", |(_, k)| k)
    }

    /// Whether a run from `source` is shown.
    pub fn includes(self, source: Source) -> bool {
        match self {
            Shown::All => true,
            Shown::Here => source != Source::Folder,
            Shown::Folder => source != Source::Here,
        }
    }
}

/// The dashboard's filter and order, as kept in the URL (`?dept=&from=&sort=`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DashboardFilter {
    pub department: String,
    pub shown: Shown,
    pub sort: Sort,
}

impl DashboardFilter {
    /// The filter a URL describes; unknown values are the defaults.
    pub fn from_route(route: &Route) -> Self {
        let from = route.param("from").unwrap_or_default();
        DashboardFilter {
            department: route.param("dept").unwrap_or_default().to_owned(),
            shown: Shown::ALL.iter().find(|(_, k)| !k.is_empty() && *k == from).map_or(Shown::All, |(s, _)| *s),
            sort: route.param("sort").and_then(Sort::from_key).unwrap_or_default(),
        }
    }

    /// The query string (empty when everything is the default).
    pub fn to_query(&self) -> String {
        let sort = if self.sort == Sort::default() { "" } else { self.sort.key() };
        let parts: Vec<String> = [("dept", self.department.as_str()), ("from", self.shown.key()), ("sort", sort)]
            .into_iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", encode(v)))
            .collect();
        if parts.is_empty() { String::new() } else { format!("?{}", parts.join("&")) }
    }

    /// Whether a run of `department` from `source` is shown.
    pub fn matches(&self, department: &str, source: Source) -> bool {
        (self.department.is_empty() || self.department == department) && self.shown.includes(source)
    }
}

/// Distinct values in first-seen order.
pub fn distinct<'a>(values: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for v in values {
        if !out.iter().any(|o| o == v) {
            out.push(v.to_owned());
        }
    }
    out
}

/// Lowercase, with full-width ASCII (Ａ, ｂ, １) and the ideographic space
/// made half-width, so that "ＦＡＱ", "faq" and "FAQ" find each other.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(b as char),
            b' ' => out.push('+'),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, department: &str, tags: &[&str]) -> ManifestEntry {
        ManifestEntry {
            id: "x".into(),
            title: title.into(),
            department: department.into(),
            theme: "問い合わせ対応".into(),
            summary: "FAQ を根拠にした下書き".into(),
            owner: "課長".into(),
            tags: tags.iter().map(|t| (*t).to_owned()).collect(),
            version: 1,
            cloned_from: None,
            hash: String::new(),
            steps: 3,
            source: String::new(),
            page: String::new(),
            when: Default::default(),
        }
    }

    fn filter(query: &str, department: &str, tag: &str) -> CatalogFilter {
        CatalogFilter { query: query.into(), department: department.into(), tag: tag.into() }
    }

    #[test]
    fn japanese_text_is_found_by_substring() {
        let e = entry("差し戻し理由のコード化", "経理", &[]);
        assert!(filter("戻し", "", "").matches(&e));
        assert!(filter("コード化　経理", "", "").matches(&e), "words split on a full-width space, all must match");
        assert!(!filter("人事", "", "").matches(&e));
    }

    #[test]
    fn latin_letters_match_regardless_of_case_and_width() {
        let e = entry("窓口", "人事", &[]);
        assert!(filter("faq", "", "").matches(&e));
        assert!(filter("ＦＡＱ", "", "").matches(&e));
    }

    #[test]
    fn department_and_tag_narrow_the_list() {
        let e = entry("窓口", "人事", &["FAQ"]);
        assert!(filter("", "人事", "FAQ").matches(&e));
        assert!(!filter("", "経理", "").matches(&e));
        assert!(!filter("", "", "RAG").matches(&e));
    }

    #[test]
    fn the_filter_round_trips_through_the_url() {
        let f = filter("差し戻し コード", "経理", "a&b");
        let route = Route::parse("/", "/", &f.to_query());
        assert_eq!(CatalogFilter::from_route(&route), f);
        assert_eq!(CatalogFilter::default().to_query(), "");
    }

    /// The cases the site script of the pages people read runs too
    /// (tests/e2e/site-script.test.mjs): both filters agree on every one.
    #[test]
    fn the_shared_filter_cases_hold() {
        let table: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/filter-cases.json")).expect("tests/filter-cases.json");
        let text = |v: &serde_json::Value, k: &str| v[k].as_str().unwrap_or_else(|| panic!("{k} in {v}")).to_owned();
        let entries: Vec<ManifestEntry> = table["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .map(|e| ManifestEntry {
                id: text(e, "id"),
                title: text(e, "title"),
                summary: text(e, "summary"),
                theme: text(e, "theme"),
                department: text(e, "department"),
                tags: e["tags"].as_array().expect("tags").iter().map(|t| t.as_str().expect("tag").to_owned()).collect(),
                ..entry("", "", &[])
            })
            .collect();
        let cases = table["cases"].as_array().expect("cases");
        assert!(cases.len() >= 10);
        for case in cases {
            let name = text(case, "name");
            let f = filter(&text(&case["filter"], "q"), &text(&case["filter"], "dept"), &text(&case["filter"], "tag"));
            let shown: Vec<&str> = entries.iter().filter(|e| f.matches(e)).map(|e| e.id.as_str()).collect();
            let expected: Vec<&str> =
                case["shown"].as_array().expect("shown").iter().map(|v| v.as_str().expect("id")).collect();
            assert_eq!(shown, expected, "{name}");
            assert_eq!(f.to_query(), text(case, "query"), "{name}");
        }
    }

    #[test]
    fn distinct_keeps_the_first_order() {
        assert_eq!(distinct(["人事", "経理", "人事"].into_iter()), ["人事", "経理"]);
    }

    #[test]
    fn the_dashboard_filter_round_trips_through_the_address() {
        let filters = [
            DashboardFilter::default(),
            DashboardFilter { department: "人事".into(), shown: Shown::Folder, sort: Sort::LastChange },
            DashboardFilter { department: String::new(), shown: Shown::Here, sort: Sort::Waiting },
        ];
        for filter in filters {
            let query = filter.to_query();
            let route = Route::parse("/", "/dashboard/", &query);
            assert_eq!(DashboardFilter::from_route(&route), filter, "{query}");
        }
        assert_eq!(DashboardFilter::default().to_query(), "");
        let odd = Route::parse("/", "/dashboard/", "?from=elsewhere&sort=random");
        assert_eq!(DashboardFilter::from_route(&odd), DashboardFilter::default());
    }

    #[test]
    fn the_dashboard_filter_picks_department_and_source() {
        let filter = DashboardFilter { department: "人事".into(), shown: Shown::Here, ..Default::default() };
        assert!(filter.matches("人事", Source::Here));
        assert!(filter.matches("人事", Source::Both));
        assert!(!filter.matches("人事", Source::Folder));
        assert!(!filter.matches("経理", Source::Here));
        let folder = DashboardFilter { shown: Shown::Folder, ..Default::default() };
        assert!(folder.matches("経理", Source::Both) && folder.matches("経理", Source::Folder));
        assert!(!folder.matches("経理", Source::Here));
    }
}
