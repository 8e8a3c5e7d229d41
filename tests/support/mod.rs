//! Helpers shared by the integration tests.

#![allow(dead_code)] // each test crate uses a different part

use html5gum::{Token, Tokenizer};

const TAGS: &[&str] = &[
    "p",
    "a",
    "img",
    "em",
    "strong",
    "del",
    "code",
    "pre",
    "ul",
    "ol",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "hr",
    "br",
];

/// Fail unless `html`, read as a browser would, only has allow-listed markup.
pub fn assert_inert(html: &str, case: &str) {
    for token in Tokenizer::new(html) {
        let Ok(token) = token;
        match token {
            Token::StartTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).into_owned();
                assert!(TAGS.contains(&name.as_str()), "tag <{name}> from {case:?}:\n{html}");
                for (attr, value) in &tag.attributes {
                    let attr = String::from_utf8_lossy(attr).into_owned();
                    let value = String::from_utf8_lossy(value).into_owned();
                    let allowed = match (name.as_str(), attr.as_str()) {
                        ("a", "href") | ("img", "src") => {
                            assert_safe_target(&value, case, html);
                            true
                        }
                        ("a" | "img", "title") | ("img", "alt") | ("ol", "start") => true,
                        ("code", "class") => value.starts_with("language-"),
                        ("th" | "td", "style") => {
                            matches!(value.as_str(), "text-align: left" | "text-align: center" | "text-align: right")
                        }
                        _ => false,
                    };
                    assert!(allowed, "attribute {attr}={value:?} on <{name}> from {case:?}:\n{html}");
                }
            }
            Token::Comment(_) | Token::Doctype(_) => panic!("markup declaration from {case:?}:\n{html}"),
            Token::EndTag(_) | Token::String(_) | Token::Error(_) => {}
        }
    }
}

/// An independent check of a decoded link target: nothing before a colon but
/// http, https or mailto, after removing what browsers ignore.
fn assert_safe_target(value: &str, case: &str, html: &str) {
    let squeezed: String =
        value.chars().filter(|c| !c.is_ascii_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    for bad in ["javascript:", "vbscript:", "data:", "file:"] {
        assert!(!squeezed.starts_with(bad), "target {value:?} from {case:?}:\n{html}");
    }
    if let Some(colon) = squeezed.find(':')
        && !squeezed[..colon].contains(['/', '?', '#'])
    {
        let scheme = &squeezed[..colon];
        assert!(matches!(scheme, "http" | "https" | "mailto"), "scheme {scheme} from {case:?}:\n{html}");
    }
}
