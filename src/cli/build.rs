//! `tebiki build --out DIR`: the site's data and pages.
//!
//! Writes the manifest, every playbook's source, a pre-rendered page per URL
//! the app shows (catalog, each playbook, settings, dashboard, status, editor), a 404 page, the
//! site script of the pages that do not load the app, a sitemap, and the
//! service worker that lists all of them (`offline`). The output is atomic: everything is written into a temporary
//! folder beside DIR, which then takes DIR's place. When anything fails,
//! DIR is left exactly as it was and the exit code is not zero.

use std::path::{Path, PathBuf};

use tebiki::Lang;
use tebiki::manifest::{MANIFEST_FORMAT, Manifest, ManifestEntry, page_path, source_path};

use super::check::check_files;
use super::files;
use super::offline;
use super::pages::{self, Base};
use super::report::{self, Totals};
use super::{Error, INVALID, OK};

#[derive(clap::Args)]
pub struct Args {
    /// Folder to write the site into (replaced as a whole, atomically; never the folder that holds the playbooks)
    #[arg(long)]
    out: PathBuf,
    /// Where the site is served: a path (/tebiki/) or a full URL (https://intra.example/tebiki/)
    #[arg(long, default_value = "/")]
    base_url: String,
    /// Folder of the playbook library
    #[arg(long, default_value = "playbooks")]
    playbooks: PathBuf,
    /// HTML page that loads the app (trunk's index.html), filled in for every page;
    /// without it, the pages are plain HTML
    #[arg(long)]
    shell: Option<PathBuf>,
    /// Keep the files already in the output folder (e.g. trunk's build) and add the site to them
    #[arg(long)]
    merge: bool,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Error> {
    let base = Base::parse(&args.base_url)?;
    let paths = files::find(std::slice::from_ref(&args.playbooks))?;
    let read: Vec<files::PlaybookFile> = paths.iter().map(|p| files::read(p)).collect::<Result<_, _>>()?;
    let (reports, checked): (Vec<_>, Vec<_>) = check_files(&read).into_iter().unzip();
    let totals = Totals::of(&reports);
    if totals.errors > 0 {
        print!("{}", report::human(&reports, lang));
        println!("{}", totals.summary(lang));
        eprintln!("error: the site was not built; {} is unchanged", args.out.display());
        return Ok(INVALID);
    }
    let shell = match &args.shell {
        Some(path) => std::fs::read_to_string(path).map_err(Error::io("read", path))?,
        None => pages::PLAIN_SHELL.to_owned(),
    };

    let mut playbooks: Vec<(&files::PlaybookFile, tebiki::Playbook)> = read
        .iter()
        .zip(checked)
        .filter(|(file, _)| !file.source().is_template())
        .filter_map(|(file, playbook)| Some((file, playbook?)))
        .collect();
    playbooks.sort_by(|(_, a), (_, b)| catalog_order(a).cmp(&catalog_order(b)));
    let entries: Vec<ManifestEntry> =
        playbooks.iter().map(|(f, p)| ManifestEntry::new(p, &String::from_utf8_lossy(&f.bytes))).collect();
    let manifest = Manifest { format: MANIFEST_FORMAT, playbooks: entries };

    let out = resolved(&args.out)?;
    let library = resolved(&args.playbooks)?;
    if !args.merge && library.starts_with(&out) {
        return Err(Error::Usage(format!(
            "--out {} holds the playbooks the site is built from ({}) and would be replaced as a whole; \
             write the site to another folder, or add --merge to keep what is there",
            args.out.display(),
            args.playbooks.display()
        )));
    }
    let staging = Staging::new(&out)?;
    if args.merge && out.is_dir() {
        copy_dir(&out, staging.path())?;
    }
    let site = staging.path();
    let site_script = pages::site_script();
    let script = pages::script_file("site", &site_script);
    files::write(&site.join(&script), site_script.as_bytes())?;
    let register_script = pages::register_script();
    let register = pages::script_file("offline", &register_script);
    files::write(&site.join(&register), register_script.as_bytes())?;
    let shells = pages::Shells::new(&shell, &base.href(&script), &base.href(&register))?;
    let json = serde_json::to_string_pretty(&manifest).map_err(|e| Error::Usage(format!("manifest: {e}")))?;
    files::write(&site.join("playbooks/manifest.json"), json.as_bytes())?;
    // One page and one source per playbook, on every core: writing
    // thousands of small files is what takes the time.
    std::fs::create_dir_all(site.join("playbooks")).map_err(Error::io("create", site.join("playbooks")))?;
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get()).min(8);
    let chunk = playbooks.len().div_ceil(workers).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = playbooks
            .chunks(chunk)
            .map(|part| {
                let (shell, base, manifest) = (&shells.content, &base, &manifest);
                scope.spawn(move || -> Result<(), Error> {
                    for (file, playbook) in part {
                        files::write(&site.join(source_path(&playbook.meta.id)), &file.bytes)?;
                        let title_of =
                            |id: &str| manifest.playbooks.iter().find(|e| e.id == id).map(|e| e.title.as_str());
                        for lang in Lang::ALL {
                            let html = pages::page(shell, base, &pages::playbook(playbook, base, lang, title_of))?;
                            let path = format!("{}{}", lang.pages(), page_path(&playbook.meta.id));
                            files::write(&site.join(path).join("index.html"), html.as_bytes())?;
                        }
                    }
                    Ok(())
                })
            })
            .collect();
        handles
            .into_iter()
            .try_for_each(|h| h.join().unwrap_or_else(|_| Err(Error::Usage("a writer thread failed".into()))))
    })?;
    // The pages people read load the site script; those only the app can
    // show, the app. Japanese at the base, English in en/.
    for lang in Lang::ALL {
        for (path, shell, doc) in [
            ("index.html", &shells.content, pages::catalog(&manifest.playbooks, &base, lang)),
            ("settings/index.html", &shells.app, pages::settings(&base, lang)),
            ("dashboard/index.html", &shells.app, pages::dashboard(&base, lang)),
            ("status/index.html", &shells.app, pages::status(&base, lang)),
            ("edit/index.html", &shells.app, pages::editor(&base, lang)),
            ("format/index.html", &shells.content, pages::format_reference(&base, lang)),
        ] {
            let html = pages::page(shell, &base, &doc)?;
            files::write(&site.join(lang.pages()).join(path), html.as_bytes())?;
        }
    }
    let html = pages::page(&shells.content, &base, &pages::not_found(&base))?;
    files::write(&site.join("404.html"), html.as_bytes())?;
    files::write(&site.join("sitemap.xml"), pages::sitemap(&manifest.playbooks, &base).as_bytes())?;
    // Last: the service worker lists every file of the build (trunk's too).
    let worker = offline::service_worker(&base.path, &offline::site_files(site)?);
    files::write(&site.join(offline::WORKER_FILE), worker.as_bytes())?;
    staging.commit()?;

    if totals.warnings > 0 {
        print!("{}", report::human(&reports, lang));
    }
    println!("{} → {} ({} playbooks)", totals.summary(lang), args.out.display(), manifest.playbooks.len());
    Ok(OK)
}

/// Where a playbook stands in the catalog: company-wide ones first (the
/// inventory is where every rollout starts), then the back-office
/// departments in their usual order, then any other, each by title.
fn catalog_order(playbook: &tebiki::Playbook) -> (usize, &str, &str) {
    const DEPARTMENTS: [&str; 6] = ["全社", "人事", "経理", "総務", "法務", "情報システム"];
    let department = playbook.meta.department.as_str();
    let rank = DEPARTMENTS.iter().position(|d| *d == department).unwrap_or(DEPARTMENTS.len());
    (rank, department, playbook.meta.title.as_str())
}

/// `path` made absolute, without `.` or `..` (through its links when it
/// exists): `--out .` names the current folder, whose staging folder must
/// be beside it, not inside it (it would copy itself into itself).
fn resolved(path: &Path) -> Result<PathBuf, Error> {
    if path.exists() {
        std::fs::canonicalize(path).map_err(Error::io("resolve", path))
    } else {
        std::path::absolute(path).map_err(Error::io("resolve", path))
    }
}

/// A temporary folder beside the output, removed unless committed.
struct Staging {
    tmp: PathBuf,
    out: PathBuf,
    committed: bool,
}

impl Staging {
    fn new(out: &Path) -> Result<Self, Error> {
        let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_owned(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(Error::io("create", &parent))?;
        let tmp = parent.join(format!(".{name}.building-{}", std::process::id()));
        if tmp.exists() {
            std::fs::remove_dir_all(&tmp).map_err(Error::io("remove", &tmp))?;
        }
        std::fs::create_dir(&tmp).map_err(Error::io("create", &tmp))?;
        Ok(Staging { tmp, out: out.to_owned(), committed: false })
    }

    fn path(&self) -> &Path {
        &self.tmp
    }

    /// Put the new site in place of the old one: rename the old aside, the
    /// new in, then delete the old.
    fn commit(mut self) -> Result<(), Error> {
        let old = self.tmp.with_extension("old");
        let had_old = self.out.exists();
        if had_old {
            std::fs::rename(&self.out, &old).map_err(Error::io("move aside", &self.out))?;
        }
        if let Err(source) = std::fs::rename(&self.tmp, &self.out) {
            if had_old {
                let _ = std::fs::rename(&old, &self.out);
            }
            return Err(Error::Io { action: "move into place", path: self.out.clone(), source });
        }
        self.committed = true;
        if had_old {
            std::fs::remove_dir_all(&old).map_err(Error::io("remove", &old))?;
        }
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(&self.tmp);
        }
    }
}

fn copy_dir(from: &Path, to: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(to).map_err(Error::io("create", to))?;
    for entry in std::fs::read_dir(from).map_err(Error::io("list", from))? {
        let entry = entry.map_err(Error::io("list", from))?;
        let source = entry.path();
        let target = to.join(entry.file_name());
        if entry.file_type().map_err(Error::io("read", &source))?.is_dir() {
            copy_dir(&source, &target)?;
        } else {
            std::fs::copy(&source, &target).map_err(Error::io("copy", &source))?;
        }
    }
    Ok(())
}
