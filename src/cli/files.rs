//! Finding and reading playbook files.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::Error;

/// A playbook file as read from disk.
pub struct PlaybookFile {
    /// The path as given or found (for messages).
    pub path: PathBuf,
    /// The file name (`hr-inquiry-desk.md`).
    pub name: String,
    /// The bytes, at most one more than the size limit.
    pub bytes: Vec<u8>,
    /// The size on disk, which may be larger than `bytes`.
    pub size: u64,
}

impl PlaybookFile {
    /// The file as the core's library check takes it.
    pub fn source(&self) -> tebiki::SourceFile<'_> {
        tebiki::SourceFile { name: &self.name, bytes: &self.bytes }
    }
}

/// The markdown files under `paths`: a directory gives its `*.md` files (not
/// `README.md`, not recursing), a file gives itself. Sorted, each once.
pub fn find(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut found = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path).map_err(Error::io("read", path))?;
        if meta.is_dir() {
            let mut in_dir = Vec::new();
            for entry in std::fs::read_dir(path).map_err(Error::io("list", path))? {
                let entry = entry.map_err(Error::io("list", path))?;
                let file = entry.path();
                let is_md = file.extension().is_some_and(|e| e == "md");
                let is_readme = file.file_name().is_some_and(|n| n.eq_ignore_ascii_case("README.md"));
                if is_md && !is_readme && file.is_file() {
                    in_dir.push(file);
                }
            }
            in_dir.sort();
            found.extend(in_dir);
        } else {
            found.push(path.clone());
        }
    }
    let mut seen = std::collections::HashSet::new();
    found.retain(|p| seen.insert(p.clone()));
    Ok(found)
}

/// Read one file, but never more than one byte past the size limit: the
/// core reports a file that is too large without it being held in memory.
pub fn read(path: &Path) -> Result<PlaybookFile, Error> {
    let file = std::fs::File::open(path).map_err(Error::io("read", path))?;
    let size = file.metadata().map_err(Error::io("read", path))?.len();
    let mut bytes = Vec::with_capacity(size.min(tebiki::MAX_PLAYBOOK_BYTES as u64 + 1) as usize);
    file.take(tebiki::MAX_PLAYBOOK_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(Error::io("read", path))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    Ok(PlaybookFile { path: path.to_owned(), name, bytes, size })
}

/// Write `bytes` to `path`, creating its folder.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(Error::io("create", parent))?;
    }
    std::fs::write(path, bytes).map_err(Error::io("write", path))
}

/// Write `bytes` to a new file at `path`, refusing to replace an existing one.
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<(), Error> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            Error::Usage(format!("{} already exists; choose another id or remove the file first", path.display()))
        } else {
            Error::Io { action: "create", path: path.to_owned(), source }
        }
    })?;
    file.write_all(bytes).map_err(Error::io("write", path))
}
