//! Which playbooks the catalog shows: department, tag and a text search that
//! works for Japanese (substring, no word splitting).

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

    #[test]
    fn distinct_keeps_the_first_order() {
        assert_eq!(distinct(["人事", "経理", "人事"].into_iter()), ["人事", "経理"]);
    }
}
