//! Markdown: the only module that touches pulldown-cmark, and the only place
//! markdown becomes HTML.
//!
//! [`outline`] reads a playbook body in one pass: it cuts it into sections at
//! the top-level `#`, `##` and `###` headings, picks up the comment that
//! follows each heading and the checklist (task list) items of each section,
//! and renders the rest to HTML.
//!
//! Every event goes through [`Cleaner`] before it is rendered, so nothing in a
//! playbook can run script: raw HTML is shown as text (inside a code block or
//! inline), comments are dropped, and links or images whose URL is not http,
//! https, mailto or relative lose their URL and keep only their text.
//! pulldown-cmark escapes all text and attribute values; heading attributes
//! (`{#id .class}`) are not enabled, so content cannot set ids or classes.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use crate::diagnostic::{Problem, Problems};

/// The markdown extensions playbooks may use: GitHub's, minus raw HTML and
/// footnotes. Footnotes would put ids chosen by the content into the page,
/// where they could collide with the app's own ids or with each other when
/// several steps are shown at once.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS
}

/// Render untrusted markdown to HTML that cannot run script.
pub fn render(markdown: &str) -> String {
    let mut cleaner = Cleaner::default();
    let mut events = Vec::new();
    let mut ignored = Vec::new();
    for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
        cleaner.push(markdown, event, range, &mut ignored, &mut events);
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// Escape `text` for HTML element content and attribute values (quoted with
/// `"` or `'`), for pages that put playbook text into HTML themselves.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // Writing into a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Whether a link or image may point at `url`: http, https, mailto, or a
/// relative URL. Checked the way browsers read URLs: surrounding spaces and
/// control characters and embedded tabs and newlines do not count, and the
/// scheme is case-insensitive. Anything with a colon before the first `/`, `?`
/// or `#` must be one of the three schemes.
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String =
        url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    match cleaned.find([':', '/', '?', '#']) {
        Some(i) if cleaned.as_bytes()[i] == b':' => {
            matches!(cleaned[..i].to_ascii_lowercase().as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// A playbook body cut at its headings.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub sections: Vec<Section>,
}

/// The text from one heading to the next (or the text before the first).
#[derive(Debug)]
pub(crate) struct Section {
    /// `None` for the text before the first heading.
    pub heading: Option<Heading>,
    /// The inside of the comment that follows the heading (absolute range).
    pub comment: Option<Range<usize>>,
    /// Rendered HTML of the section, checklist items excluded.
    pub html: String,
    /// Checklist items of top-level task lists.
    pub items: Vec<TaskItem>,
    /// The section's source, heading included (absolute range).
    pub range: Range<usize>,
}

#[derive(Debug)]
pub(crate) struct Heading {
    pub level: u8,
    /// The heading's text without markup.
    pub text: String,
    pub range: Range<usize>,
}

#[derive(Debug)]
pub(crate) struct TaskItem {
    pub html: String,
    pub text: String,
    /// The inside of the item's comment (absolute range).
    pub comment: Option<Range<usize>>,
    pub range: Range<usize>,
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Read `source[body]` into sections.
pub(crate) fn outline(source: &str, body: Range<usize>, out: &mut Problems) -> Outline {
    let base = body.start;
    let mut events = Parser::new_ext(&source[body.clone()], options())
        .into_offset_iter()
        .map(|(e, r)| (e, base + r.start..base + r.end));
    let mut sections = Vec::new();
    let mut current =
        Section { heading: None, comment: None, html: String::new(), items: Vec::new(), range: base..base };
    let mut pending: Vec<Event> = Vec::new();
    let mut cleaner = Cleaner::default();
    let mut containers = 0usize;
    let mut expect_comment = false;

    while let Some((event, range)) = events.next() {
        match &event {
            Event::Start(Tag::Heading { level, .. }) if containers == 0 && (*level as u8) <= 3 => {
                let level = *level as u8;
                let mut text = String::new();
                let mut inline_comment = None;
                for (e, r) in events.by_ref() {
                    match e {
                        Event::End(TagEnd::Heading(_)) => break,
                        Event::Text(t) | Event::Code(t) => text.push_str(&t),
                        Event::InlineHtml(h) => {
                            inline_comment = inline_comment.or_else(|| comment_inside(&h, r.start));
                        }
                        _ => {}
                    }
                }
                current.range.end = range.start;
                render_into(&mut current.html, current.range.len(), &mut pending);
                sections.push(current);
                current = Section {
                    heading: Some(Heading { level, text: text.trim().to_owned(), range: range.clone() }),
                    comment: inline_comment,
                    html: String::new(),
                    items: Vec::new(),
                    range: range.start..range.end,
                };
                expect_comment = current.comment.is_none();
                continue;
            }
            Event::Start(Tag::HtmlBlock) if expect_comment && containers == 0 => {
                expect_comment = false;
                if let Some(inner) = comment_inside(&source[range.clone()], range.start) {
                    current.comment = Some(inner);
                    cleaner.skip_html_block();
                    continue;
                }
            }
            Event::Start(Tag::List(_)) if containers == 0 => {
                expect_comment = false;
                let mut list = vec![(event, range)];
                let mut depth = 1;
                for (e, r) in events.by_ref() {
                    match e {
                        Event::Start(Tag::List(_)) => depth += 1,
                        Event::End(TagEnd::List(_)) => depth -= 1,
                        _ => {}
                    }
                    list.push((e, r));
                    if depth == 0 {
                        break;
                    }
                }
                take_list(source, list, &mut current, &mut cleaner, out, &mut pending);
                continue;
            }
            _ => expect_comment = false,
        }
        match &event {
            Event::Start(Tag::BlockQuote(_) | Tag::List(_)) => containers += 1,
            Event::End(TagEnd::BlockQuote(_) | TagEnd::List(_)) => {
                containers = containers.saturating_sub(1);
            }
            _ => {}
        }
        cleaner.push(source, event, range, out, &mut pending);
    }
    current.range.end = body.end;
    render_into(&mut current.html, current.range.len(), &mut pending);
    sections.push(current);
    Outline { sections }
}

/// Render `events` (emptying it) into `html`, reserving room for the HTML of
/// `source_len` bytes of markdown up front instead of growing step by step.
fn render_into<'a>(html: &mut String, source_len: usize, events: &mut Vec<Event<'a>>) {
    html.reserve(source_len + source_len / 2);
    html::push_html(html, events.drain(..));
}

/// Split a top-level list into checklist items or pass it on as content.
fn take_list<'a>(
    source: &'a str,
    list: Vec<Spanned<'a>>,
    section: &mut Section,
    cleaner: &mut Cleaner,
    out: &mut Problems,
    pending: &mut Vec<Event<'a>>,
) {
    let mut items: Vec<TopItem> = Vec::new();
    let mut depth = 0;
    for (i, (e, _)) in list.iter().enumerate() {
        match e {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth -= 1,
            Event::Start(Tag::Item) if depth == 1 => {
                items.push(TopItem { start: i, end: i, task: task_marker(&list, i) })
            }
            Event::End(TagEnd::Item) if depth == 1 => {
                if let Some(last) = items.last_mut() {
                    last.end = i;
                }
            }
            _ => {}
        }
    }
    let tasks = items.iter().filter(|item| item.task.is_some()).count();
    if tasks == 0 {
        for (event, range) in list {
            cleaner.push(source, event, range, out, pending);
        }
        return;
    }
    if tasks < items.len() {
        // Reported, and the plain items left out, but every item is still
        // read so that the problems inside them are found in this pass too.
        out.push((list[0].1.clone(), Problem::MixedList));
    }
    let mut list: Vec<Option<Spanned<'a>>> = list.into_iter().map(Some).collect();
    let mut html_events = Vec::new();
    for TopItem { start, end, task } in items {
        let Some((checked, marker)) = task else {
            let mut discarded = Vec::new();
            for (event, range) in list.iter_mut().take(end).skip(start + 1).filter_map(Option::take) {
                cleaner.push(source, event, range, out, &mut discarded);
            }
            continue;
        };
        let item_range = list[start].as_ref().map(|(_, r)| r.clone()).unwrap_or_default();
        if checked {
            out.push((item_range.clone(), Problem::ItemChecked));
        }
        let mut text = String::new();
        let mut comment = None;
        let mut nested = 0usize;
        for (index, slot) in list.iter_mut().enumerate().take(end).skip(start + 1) {
            let Some((event, range)) = slot.take() else { continue };
            if index == marker {
                continue;
            }
            match &event {
                Event::Start(Tag::List(_)) => nested += 1,
                Event::End(TagEnd::List(_)) => nested -= 1,
                Event::InlineHtml(h) if nested == 0 && comment.is_none() => {
                    if let Some(inner) = comment_inside(h, range.start) {
                        comment = Some(inner);
                        continue;
                    }
                }
                Event::Start(Tag::HtmlBlock) if nested == 0 && comment.is_none() => {
                    if let Some(inner) = comment_inside(&source[range.clone()], range.start) {
                        comment = Some(inner);
                        cleaner.skip_html_block();
                        continue;
                    }
                }
                Event::Text(t) | Event::Code(t) => text.push_str(t),
                Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph) => text.push(' '),
                _ => {}
            }
            cleaner.push(source, event, range, out, &mut html_events);
        }
        let mut html = String::new();
        render_into(&mut html, item_range.len(), &mut html_events);
        section.items.push(TaskItem { html, text: text.trim().to_owned(), comment, range: item_range });
    }
}

/// A top-level item of a list: its events are `list[start..=end]`.
struct TopItem {
    start: usize,
    end: usize,
    /// For a task item: whether it is checked, and the index of its marker.
    task: Option<(bool, usize)>,
}

/// For the item starting at `list[start]`, when it is a task: whether it is
/// checked, and the index of its marker (right after the item starts, or
/// after the paragraph that opens a loose item).
fn task_marker(list: &[Spanned], start: usize) -> Option<(bool, usize)> {
    let at = match list.get(start + 1) {
        Some((Event::Start(Tag::Paragraph), _)) => start + 2,
        _ => start + 1,
    };
    match list.get(at) {
        Some((Event::TaskListMarker(checked), _)) => Some((*checked, at)),
        _ => None,
    }
}

/// The absolute range of the inside of `raw` when it is exactly one HTML
/// comment (surrounding white space allowed).
fn comment_inside(raw: &str, start: usize) -> Option<Range<usize>> {
    let lead = raw.len() - raw.trim_start().len();
    let t = raw.trim();
    let is_comment = t.len() >= 7 && t.starts_with("<!--") && t[4..].find("-->") == Some(t.len() - 7);
    is_comment.then(|| start + lead + 4..start + lead + t.len() - 3)
}

/// What to do with the events of an HTML block that has started.
#[derive(Debug, Default, PartialEq)]
enum HtmlBlock {
    #[default]
    Outside,
    /// A comment (or a heading's comment): drop every event of it.
    Skip,
    /// Raw HTML, already emitted as one code block: drop its lines.
    Shown,
}

/// The filter every event passes before rendering.
#[derive(Debug, Default)]
struct Cleaner {
    /// For each open link or image, whether it was kept.
    links: Vec<bool>,
    html_block: HtmlBlock,
}

impl Cleaner {
    fn skip_html_block(&mut self) {
        self.html_block = HtmlBlock::Skip;
    }

    fn push<'a>(
        &mut self,
        source: &'a str,
        event: Event<'a>,
        range: Range<usize>,
        out: &mut Problems,
        into: &mut Vec<Event<'a>>,
    ) {
        match event {
            Event::Start(Tag::HtmlBlock) if self.html_block == HtmlBlock::Outside => {
                let raw = &source[range.clone()];
                if comment_inside(raw, range.start).is_some() {
                    self.html_block = HtmlBlock::Skip;
                } else {
                    out.push((range, Problem::RawHtml));
                    self.html_block = HtmlBlock::Shown;
                    into.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)));
                    into.push(Event::Text(CowStr::Borrowed(raw.trim_end_matches(['\n', '\r']))));
                    into.push(Event::Text(CowStr::Borrowed("\n")));
                }
            }
            Event::Start(Tag::HtmlBlock) | Event::Html(_) => {}
            Event::End(TagEnd::HtmlBlock) => {
                if self.html_block == HtmlBlock::Shown {
                    into.push(Event::End(TagEnd::CodeBlock));
                }
                self.html_block = HtmlBlock::Outside;
            }
            Event::InlineHtml(raw) => {
                if comment_inside(&raw, 0).is_none() {
                    out.push((range, Problem::RawHtml));
                    into.push(Event::Text(raw));
                }
            }
            Event::Start(Tag::Link { ref dest_url, .. } | Tag::Image { ref dest_url, .. }) => {
                let safe = is_safe_url(dest_url);
                if !safe {
                    out.push((range, Problem::UnsafeUrl { url: shorten(dest_url) }));
                }
                self.links.push(safe);
                if safe {
                    into.push(event);
                }
            }
            Event::End(TagEnd::Link | TagEnd::Image) => {
                if self.links.pop().unwrap_or(true) {
                    into.push(event);
                }
            }
            Event::TaskListMarker(_) => out.push((range, Problem::NestedChecklist)),
            // Not enabled in `options`; refused all the same should that change.
            Event::InlineMath(text) | Event::DisplayMath(text) => into.push(Event::Text(text)),
            other => into.push(other),
        }
    }
}

/// A URL cut to a length fit for a message.
fn shorten(url: &str) -> String {
    const MAX: usize = 80;
    match url.char_indices().nth(MAX) {
        Some((i, _)) => format!("{}…", &url[..i]),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn outline_of(body: &str) -> (Outline, Problems) {
        let mut out = Vec::new();
        let outline = outline(body, 0..body.len(), &mut out);
        (outline, out)
    }

    #[test]
    fn sections_start_at_top_level_headings_and_take_the_next_comment() {
        let body = "intro\n\n## 棚卸し\n<!-- phase: inventory -->\n\ntext\n\n### 手順\n\n<!-- step: a -->\nbody\n";
        let (outline, problems) = outline_of(body);
        assert!(problems.is_empty(), "{problems:?}");
        let s = &outline.sections;
        assert_eq!(s.len(), 3);
        assert_eq!(s[1].heading.as_ref().unwrap().text, "棚卸し");
        assert_eq!(&body[s[1].comment.clone().unwrap()], " phase: inventory ");
        assert_eq!(&body[s[2].comment.clone().unwrap()], " step: a ");
        assert_eq!(s[2].html, "<p>body</p>\n");
    }

    #[test]
    fn a_comment_in_the_heading_line_counts_too() {
        let body = "### 手順 <!-- step: a -->\nbody\n";
        let (outline, _) = outline_of(body);
        assert_eq!(&body[outline.sections[1].comment.clone().unwrap()], " step: a ");
    }

    #[test]
    fn task_lists_become_items_with_their_comment() {
        let body =
            "### s\n<!-- step: s -->\n\n- [ ] 一つ目 <!-- item: one -->\n- [ ] **二つ目**\n  <!-- item: two -->\n";
        let (outline, problems) = outline_of(body);
        assert!(problems.is_empty(), "{problems:?}");
        let items = &outline.sections[1].items;
        assert_eq!(items.len(), 2);
        assert_eq!(items[0].text, "一つ目");
        assert_eq!(&body[items[0].comment.clone().unwrap()], " item: one ");
        assert_eq!(items[1].html.trim(), "<strong>二つ目</strong>");
        assert_eq!(&body[items[1].comment.clone().unwrap()], " item: two ");
        assert_eq!(outline.sections[1].html, "");
    }

    #[test]
    fn mixed_and_nested_checklists_are_reported() {
        let (_, problems) = outline_of("- [ ] a\n- b\n\n- c\n  - [ ] d\n");
        let codes: Vec<_> = problems.iter().map(|(_, p)| p.code()).collect();
        assert_eq!(codes, ["mixed-list", "nested-checklist"]);
    }

    #[test]
    fn raw_html_is_shown_as_text_with_a_warning() {
        let html = render("<script>alert(1)</script>\n\nhi <b onclick=x>there</b>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("&lt;script&gt;"), "{html}");
    }

    #[test]
    fn unsafe_links_keep_their_text_only() {
        assert_eq!(render("[x](javascript:alert(1))"), "<p>x</p>\n");
        assert_eq!(render("[x](JaVaScRiPt&#58;alert(1))"), "<p>x</p>\n");
        assert_eq!(render("[x](https://example.com)"), "<p><a href=\"https://example.com\">x</a></p>\n");
    }

    #[test]
    fn urls_are_judged_as_browsers_read_them() {
        for ok in ["https://a", "HTTP://a", "mailto:a@b", "./x.md", "/x", "#frag", "x?y=a:b", "a/b:c"] {
            assert!(is_safe_url(ok), "{ok}");
        }
        for bad in [
            "javascript:x",
            " JAVASCRIPT:x",
            "java\tscript:x",
            "\u{1}javascript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc",
        ] {
            assert!(!is_safe_url(bad), "{bad:?}");
        }
    }
}
