//! A team's shared folder: every member saves the file of 「この取り組みを
//! 共有」 (or a whole export) there, and the folder is read as one.
//!
//! Each file is checked on its own exactly as an import is; one that cannot
//! be read is named with its problem and left out, never half-read. The
//! rest are merged in memory as two copies of the same data are (the value
//! set last per field, histories united), so the team's state is there to
//! see; taking it into this browser goes through the same preview as one
//! colleague's file ([`Progress::preview_merge`]).

use super::{DecodeError, Export, Millis, Progress, decode_export};

/// What a folder holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Folder {
    /// Every file read, merged: the runs, and the playbooks the files carry
    /// (the first file's copy of each id).
    pub export: Export,
    /// The names of the files read, in the order given.
    pub files: Vec<String>,
    /// The files that could not be read, with why, in the order given.
    pub problems: Vec<(String, DecodeError)>,
}

impl Folder {
    /// How many files were read.
    pub fn read(&self) -> usize {
        self.files.len()
    }
}

/// Whether a file of the folder is one to read: tebiki writes `.json`.
pub fn is_tebiki_file(name: &str) -> bool {
    name.to_ascii_lowercase().ends_with(".json")
}

/// A file's bytes as text, or why not.
pub fn file_text(bytes: Vec<u8>) -> Result<String, DecodeError> {
    String::from_utf8(bytes).map_err(|_| DecodeError::NotUtf8)
}

/// Read the files of a folder, `(name, text)`, and merge them.
pub fn read_folder<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> Folder {
    let mut progress = Progress::default();
    let mut playbooks = Vec::new();
    let mut exported: Millis = 0;
    let mut names = Vec::new();
    let mut problems = Vec::new();
    for (name, text) in files {
        match decode_export(text) {
            Ok(export) => {
                exported = exported.max(export.exported);
                for playbook in export.playbooks {
                    if !playbooks.iter().any(|p: &super::SharedPlaybook| p.id == playbook.id) {
                        playbooks.push(playbook);
                    }
                }
                progress.merge(export.progress);
                names.push(name.to_owned());
            }
            Err(e) => problems.push((name.to_owned(), e)),
        }
    }
    let mut export = Export::new(progress, None, exported);
    export.playbooks = playbooks;
    Folder { export, files: names, problems }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::{Mark, Person, Stamp};

    fn playbook() -> crate::Playbook {
        crate::parse(&crate::synthetic::playbook("syn", 9, 0)).0.unwrap()
    }

    fn stamp(at: Millis, name: &str) -> Stamp {
        Stamp { at, by: Person::new(name, "") }
    }

    /// One member's file: the shared run, with `step` checked by `name`.
    fn member(base: &Progress, name: &str, step: usize, at: Millis) -> String {
        let p = playbook();
        let mut progress = base.clone();
        let run = progress.run_mut("r1").unwrap();
        run.set_step(&p, &p.phases[0].steps[step], Mark::Done, stamp(at, name)).unwrap();
        run.set_note(&p.phases[0].steps[step], &format!("{name} のメモ"), stamp(at, name));
        Export::new(progress, None, at).to_json()
    }

    #[test]
    fn three_members_files_merge_into_one_run_with_every_change() {
        let p = playbook();
        let mut base = Progress::default();
        base.start_run(&p, "経理部 パイロット", "r1".into(), stamp(1_000, "佐藤")).unwrap();
        let files = [
            ("佐藤.json".to_owned(), member(&base, "佐藤", 0, 2_000)),
            ("鈴木.json".to_owned(), member(&base, "鈴木", 1, 3_000)),
            ("高橋.json".to_owned(), member(&base, "高橋", 3, 4_000)),
        ];
        let folder = read_folder(files.iter().map(|(n, t)| (n.as_str(), t.as_str())));
        assert!(folder.problems.is_empty(), "{:?}", folder.problems);
        assert_eq!(folder.files, ["佐藤.json", "鈴木.json", "高橋.json"]);
        assert_eq!(folder.export.exported, 4_000);
        let runs: Vec<_> = folder.export.progress.live_runs().collect();
        assert_eq!(runs.len(), 1);
        let run = runs[0];
        assert_eq!(run.tally(&p).done, 3);
        for (i, name) in [(0, "佐藤"), (1, "鈴木"), (3, "高橋")] {
            assert_eq!(run.note(&p.phases[0].steps[i]), format!("{name} のメモ"));
        }
        // Each change once, whoever's files held it: the start is in all three.
        assert_eq!(run.history.len(), 1 + 3 * 2);
        // Order does not matter.
        let reversed = read_folder(files.iter().rev().map(|(n, t)| (n.as_str(), t.as_str())));
        assert_eq!(reversed.export.progress.runs[0].tally(&p), run.tally(&p));
        assert_eq!(reversed.export.progress.runs[0].history.len(), run.history.len());
    }

    #[test]
    fn a_bad_file_is_named_and_left_out_without_touching_the_rest() {
        let p = playbook();
        let mut base = Progress::default();
        base.start_run(&p, "経理部", "r1".into(), stamp(1_000, "佐藤")).unwrap();
        let good = member(&base, "佐藤", 0, 2_000);
        let cut = &good[..good.len() / 2];
        let files = [
            ("a.json", good.as_str()),
            ("cut.json", cut),
            ("package.json", r#"{"name": "x"}"#),
            ("newer.json", r#"{"kind": "tebiki-export", "exported": 0, "progress": {"format": 999, "runs": []}}"#),
        ];
        let folder = read_folder(files);
        assert_eq!(folder.files, ["a.json"]);
        let problems: Vec<(&str, bool)> =
            folder.problems.iter().map(|(n, e)| (n.as_str(), matches!(e, DecodeError::Syntax { .. }))).collect();
        assert_eq!(problems, [("cut.json", true), ("package.json", false), ("newer.json", false)]);
        assert!(matches!(folder.problems[1].1, DecodeError::NotAnExport));
        assert!(matches!(folder.problems[2].1, DecodeError::Newer(999)), "{:?}", folder.problems[2].1);
        assert_eq!(folder.export.progress.live_runs().count(), 1);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_said_so() {
        assert_eq!(file_text("{}".into()), Ok("{}".to_owned()));
        // 「共有」 in Shift_JIS.
        assert_eq!(file_text(vec![0x8b, 0xa4, 0x97, 0x4c]), Err(DecodeError::NotUtf8));
        assert!(DecodeError::NotUtf8.message(crate::Lang::Ja).contains("UTF-8"));
    }

    #[test]
    fn only_json_files_are_tebiki_files() {
        assert!(is_tebiki_file("tebiki-hr-r1-佐藤-2026-12-05.json"));
        assert!(is_tebiki_file("BACKUP.JSON"));
        assert!(!is_tebiki_file("議事録.docx"));
        assert!(!is_tebiki_file("json"));
    }
}
