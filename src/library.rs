//! Checks across the files of a playbook library: each file is parsed, then
//! the files are compared. Pure: the caller reads the files.

use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Problem, Problems};
use crate::model::Playbook;
use crate::parse::{Located, parse_located};

/// One file of the library, as read.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The file name (`hr-inquiry-desk.md`), used in messages and to check
    /// that it matches the id. Names starting with `_` are templates.
    pub name: &'a str,
    /// The file's bytes.
    pub bytes: &'a [u8],
}

impl SourceFile<'_> {
    /// Whether this file is a template (`_template.md`): checked, but not
    /// part of the published library.
    pub fn is_template(&self) -> bool {
        self.name.starts_with('_')
    }
}

/// The result for one file, in the order the files were given.
#[derive(Debug)]
pub struct CheckedFile {
    /// The playbook, when the file has no error (cross-file errors included).
    pub playbook: Option<Playbook>,
    /// Every diagnostic of the file, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Parse every file and check them against each other: playbook ids unique
/// across the library, every `cloned_from` and `requires` naming a playbook
/// that exists, file names matching ids.
pub fn check_library(files: &[SourceFile<'_>]) -> Vec<CheckedFile> {
    check_in_library(files, &[])
}

/// [`check_library`] for `files` joining a library that already holds the
/// playbooks `known` (id and file name, `hr-inquiry-desk.md`): what the
/// browser checks a chosen file against — the site's playbooks and its own
/// — without their text. The same diagnostics as `tebiki check` of the
/// library with the file in it.
pub fn check_in_library(files: &[SourceFile<'_>], known: &[(&str, &str)]) -> Vec<CheckedFile> {
    let read: Vec<(Located, Option<String>)> = files
        .iter()
        .map(|file| match std::str::from_utf8(file.bytes) {
            Ok(text) => (parse_located(text), Some(text.to_owned())),
            Err(_) => {
                let (playbook, diagnostics) = crate::parse_bytes(file.bytes);
                (Located { playbook, diagnostics, ..Located::default() }, None)
            }
        })
        .collect();

    // Each id and the file that has it first.
    let mut first_with_id: HashMap<&str, &str> = known.iter().copied().collect();
    let mut extra: Vec<Problems> = vec![Vec::new(); files.len()];
    for (i, (located, _)) in read.iter().enumerate() {
        let Some(range) = &located.id_range else { continue };
        match first_with_id.get(located.id.as_str()) {
            Some(&first) => extra[i].push((
                range.clone(),
                Problem::DuplicatePlaybookId { id: located.id.clone(), other: first.to_owned() },
            )),
            None => {
                first_with_id.insert(&located.id, files[i].name);
            }
        }
        let stem = files[i].name.strip_suffix(".md").unwrap_or(files[i].name);
        if !files[i].is_template() && stem != located.id {
            extra[i].push((range.clone(), Problem::FileNameNotId { id: located.id.clone() }));
        }
    }
    for (i, (located, _)) in read.iter().enumerate() {
        if let Some((source, range)) = &located.cloned_from
            && !first_with_id.contains_key(source.id.as_str())
        {
            extra[i].push((range.clone(), Problem::ClonedFromMissing { source: source.to_string() }));
        }
        if let Some((required, range)) = &located.requires
            && !first_with_id.contains_key(required.as_str())
        {
            extra[i].push((range.clone(), Problem::RequiredPlaybookMissing { id: required.clone() }));
        }
    }

    read.into_iter()
        .zip(extra)
        .map(|((located, text), extra)| {
            let Located { mut playbook, mut diagnostics, .. } = located;
            if let (Some(text), false) = (text, extra.is_empty()) {
                diagnostics.extend(crate::parse::finish(&text, extra));
                diagnostics.sort_by_key(|d| d.range.start);
                if diagnostics.iter().any(Diagnostic::is_error) {
                    playbook = None;
                }
            }
            CheckedFile { playbook, diagnostics }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(checked: &CheckedFile) -> Vec<&'static str> {
        checked.diagnostics.iter().map(|d| d.problem.code()).collect()
    }

    #[test]
    fn ids_must_be_unique_across_files_and_clones_need_their_source() {
        let a = crate::synthetic::playbook("same", 6, 1);
        let clone = crate::clone_playbook(&crate::synthetic::playbook("gone", 6, 1), "copy", "総務", None).unwrap();
        let files = [
            SourceFile { name: "same.md", bytes: a.as_bytes() },
            SourceFile { name: "other.md", bytes: a.as_bytes() },
            SourceFile { name: "copy.md", bytes: clone.as_bytes() },
        ];
        let checked = check_library(&files);
        assert_eq!(codes(&checked[0]), Vec::<&str>::new());
        assert!(checked[0].playbook.is_some());
        assert_eq!(codes(&checked[1]), ["duplicate-playbook-id", "file-name-not-id"]);
        assert!(checked[1].playbook.is_none());
        assert_eq!(codes(&checked[2]), ["cloned-from-missing"]);
        assert_eq!(
            checked[2].diagnostics[0].message(crate::Lang::En),
            "cloned_from names `gone@1`, but there is no such playbook in the library"
        );
    }

    #[test]
    fn a_file_checked_against_known_playbooks_is_checked_as_in_the_library() {
        let base = crate::synthetic::playbook("dept", 6, 1);
        let needs = base.replacen("version: 1\n", "version: 1\nrequires: tool-review\n", 1);
        let tool = crate::synthetic::playbook("tool-review", 6, 1);
        let alone = check_library(&[SourceFile { name: "dept.md", bytes: needs.as_bytes() }]);
        assert_eq!(codes(&alone[0]), ["required-playbook-missing"]);
        let known = [("tool-review", "tool-review.md"), ("dept", "dept.md")];
        let library = [
            SourceFile { name: "tool-review.md", bytes: tool.as_bytes() },
            SourceFile { name: "dept.md", bytes: base.as_bytes() },
            SourceFile { name: "new.md", bytes: needs.as_bytes() },
        ];
        let checked = check_in_library(&[SourceFile { name: "new.md", bytes: needs.as_bytes() }], &known);
        let whole = check_library(&library);
        assert_eq!(checked[0].diagnostics, whole[2].diagnostics, "as in the library with the file in it");
        assert_eq!(codes(&checked[0]), ["duplicate-playbook-id", "file-name-not-id"]);
        assert!(checked[0].diagnostics[0].message(crate::Lang::En).contains("dept.md"));
    }

    #[test]
    fn a_required_playbook_must_be_in_the_library() {
        let base = crate::synthetic::playbook("dept", 6, 1);
        let with = |required: &str| base.replacen("version: 1\n", &format!("version: 1\nrequires: {required}\n"), 1);
        let (needs_tool, needs_nothing) = (with("tool-review"), with("no-such-playbook"));
        let tool = crate::synthetic::playbook("tool-review", 6, 1);
        let files = [
            SourceFile { name: "dept.md", bytes: needs_tool.as_bytes() },
            SourceFile { name: "tool-review.md", bytes: tool.as_bytes() },
        ];
        let checked = check_library(&files);
        assert!(checked[0].diagnostics.is_empty(), "{:?}", checked[0].diagnostics);
        assert_eq!(checked[0].playbook.as_ref().unwrap().meta.requires.as_deref(), Some("tool-review"));
        let checked = check_library(&[SourceFile { name: "dept.md", bytes: needs_nothing.as_bytes() }]);
        assert_eq!(codes(&checked[0]), ["required-playbook-missing"]);
        assert_eq!((checked[0].diagnostics[0].at.line, checked[0].diagnostics[0].at.col), (9, 11));
        assert!(checked[0].playbook.is_none());
    }
}
