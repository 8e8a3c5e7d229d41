//! Working offline: the service worker of one build of the site, and the
//! small script that registers it.
//!
//! The worker ([`WORKER`], written as `sw.js` at the site's base, whose
//! address never changes so that browsers find each new build there) lists
//! every file of the build and a version computed from their contents: a
//! build that changes any file is a new worker, which the open pages offer
//! as 「新しい版があります（再読み込み）」 instead of switching under the
//! person.
//!
//! The registration ([`REGISTER`], `offline.js`; at the end of the site
//! script on the pages people read, its own small file on the app's pages)
//! does nothing outside a secure context (HTTPS, localhost) or without
//! service workers, so on a plain `http://` host nothing registers and
//! nothing complains; nor on a Japanese page on its way to the English one.
//! Otherwise it registers `sw.js` with the site's base as its scope, once
//! the page has loaded (the worker then fetches the whole build). When a
//! new build has installed while a page of the one before is open (a waiting
//! worker at load, or one that reaches `installed` later), it fills the
//! page's `#tebiki-update` region (written by the generator, empty and
//! hidden until then, in the page's language) with the words and a
//! 「再読み込み」 button: the button asks the waiting worker to take over
//! (`tebiki:update`, its only message) and the page reloads once it
//! controls it; if another tab took the new build already, it just reloads.
//! 「閉じる」 (×) empties the region; the next page offers it again.
//! The first worker to install has nothing to replace and says nothing. It
//! looks for a new build again when the browser is back online and when the
//! tab is shown again. Its text has no comments: those pages must cost
//! what a plain page costs.

use std::path::Path;

use super::Error;

/// The worker's source with its three blanks (`'__BASE__'`, `'__VERSION__'`, `'__FILES__'`).
const WORKER: &str = include_str!("sw.js");

/// The registration and the update prompt, for every page.
pub const REGISTER: &str = include_str!("offline.js");

/// The worker's file name, at the site's base.
pub const WORKER_FILE: &str = "sw.js";

/// The service worker for a build whose files are `files` (paths relative to
/// the site's folder, `/`-separated, with their bytes) served under `base`
/// (`/` or `/sub/path/`). `sw.js` itself is not listed; a page `x/index.html`
/// is listed as its address `x/`, the way every link names it.
pub fn service_worker(base: &str, files: &[(String, Vec<u8>)]) -> String {
    use sha2::Digest as _;
    let mut listed: Vec<(String, &[u8])> = files
        .iter()
        .filter(|(path, _)| path != WORKER_FILE)
        .map(|(path, bytes)| (address(path), bytes.as_slice()))
        .collect();
    listed.sort_by(|a, b| a.0.cmp(&b.0));
    let mut digest = sha2::Sha256::new();
    for (path, bytes) in &listed {
        digest.update((path.len() as u64).to_le_bytes());
        digest.update(path.as_bytes());
        digest.update((bytes.len() as u64).to_le_bytes());
        digest.update(bytes);
    }
    let version: String = digest.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect();
    let paths: Vec<&str> = listed.iter().map(|(p, _)| p.as_str()).collect();
    let json = |value: serde_json::Value| value.to_string();
    WORKER.replacen("'__BASE__'", &json(base.into()), 1).replacen("'__VERSION__'", &json(version.into()), 1).replacen(
        "'__FILES__'",
        &json(paths.into()),
        1,
    )
}

/// The address of the file at `path` under the site's base: a folder's
/// `index.html` is the folder.
fn address(path: &str) -> String {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder.to_owned(),
        _ => path.to_owned(),
    }
}

/// Every file under `dir` with its path relative to it (`/`-separated), in
/// no particular order.
pub fn site_files(dir: &Path) -> Result<Vec<(String, Vec<u8>)>, Error> {
    let mut found = Vec::new();
    let mut folders = vec![(dir.to_owned(), String::new())];
    while let Some((folder, prefix)) = folders.pop() {
        for entry in std::fs::read_dir(&folder).map_err(Error::io("list", &folder))? {
            let entry = entry.map_err(Error::io("list", &folder))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            if entry.file_type().map_err(Error::io("read", &path))?.is_dir() {
                folders.push((path, format!("{prefix}{name}/")));
            } else {
                let bytes = std::fs::read(&path).map_err(Error::io("read", &path))?;
                found.push((format!("{prefix}{name}"), bytes));
            }
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<(String, Vec<u8>)> {
        list.iter().map(|(p, b)| ((*p).to_owned(), b.as_bytes().to_vec())).collect()
    }

    /// The value the worker's source gives `name` (`const NAME = …;`).
    fn constant<'a>(worker: &'a str, name: &str) -> &'a str {
        let start = worker.find(&format!("const {name} = ")).unwrap() + name.len() + 9;
        &worker[start..start + worker[start..].find(";\n").unwrap()]
    }

    #[test]
    fn lists_every_file_by_its_address_but_itself() {
        let site = files(&[
            ("index.html", "<p>catalog</p>"),
            ("p/a/index.html", "<p>a</p>"),
            ("en/index.html", "<p>en</p>"),
            ("playbooks/a.md", "---"),
            ("tebiki-app-1.js", "js"),
            ("sw.js", "old worker"),
            ("notindex.html", "x"),
        ]);
        let worker = service_worker("/tebiki/sub/", &site);
        assert_eq!(constant(&worker, "BASE"), r#""/tebiki/sub/""#);
        assert_eq!(
            constant(&worker, "FILES"),
            r#"["","en/","notindex.html","p/a/","playbooks/a.md","tebiki-app-1.js"]"#
        );
        assert!(!worker.contains("__"), "every blank is filled");
    }

    #[test]
    fn the_version_follows_every_file_and_nothing_else() {
        let site = files(&[("index.html", "a"), ("playbooks/a.md", "one")]);
        let version = |site: &[(String, Vec<u8>)]| constant(&service_worker("/", site), "VERSION").to_owned();
        let first = version(&site);
        assert_eq!(first.len(), 2 + 24);
        let mut reordered = site.clone();
        reordered.reverse();
        assert_eq!(version(&reordered), first, "the order files are found in does not count");
        let mut with_worker = site.clone();
        with_worker.push(("sw.js".into(), b"anything".to_vec()));
        assert_eq!(version(&with_worker), first, "the worker itself does not count");
        let mut changed = site.clone();
        changed[1].1 = b"two".to_vec();
        assert_ne!(version(&changed), first, "a changed playbook is a new build");
        let mut moved = site.clone();
        moved[1].0 = "playbooks/b.md".into();
        assert_ne!(version(&moved), first, "a renamed file is a new build");
        // A byte moved from one file's end to the next one's start.
        let split = |a: &str, b: &str| files(&[("x", a), ("y", b)]);
        assert_ne!(version(&split("ab", "c")), version(&split("a", "bc")));
    }

    #[test]
    fn a_base_is_written_as_a_string_whatever_it_holds() {
        let worker = service_worker("/a'b\\c/", &files(&[("index.html", "")]));
        assert_eq!(constant(&worker, "BASE"), r#""/a'b\\c/""#);
    }
}
