//! `tebiki clone SOURCE_ID NEW_ID --department D`: a playbook for another
//! department, with `cloned_from` set and baselines cleared.

use std::path::PathBuf;

use tebiki::{AuthoringError, Lang};

use super::report::{self, FileReport};
use super::{Error, INVALID, OK, files};

#[derive(clap::Args)]
pub struct Args {
    /// Id of the playbook to copy
    source_id: String,
    /// Id of the new playbook; also its file name
    new_id: String,
    /// Department the copy is for
    #[arg(long)]
    department: String,
    /// Title of the copy (default: the source's, marked for review)
    #[arg(long)]
    title: Option<String>,
    /// Folder of the playbook library
    #[arg(long, default_value = "playbooks")]
    playbooks: PathBuf,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Error> {
    let paths = files::find(std::slice::from_ref(&args.playbooks))?;
    let all: Vec<files::PlaybookFile> = paths.iter().map(|p| files::read(p)).collect::<Result<_, _>>()?;
    let source = all.iter().find(|f| {
        std::str::from_utf8(&f.bytes).ok().and_then(|t| tebiki::parse(t).0).is_some_and(|p| p.meta.id == args.source_id)
    });
    let Some(source) = source else {
        return Err(Error::Usage(format!(
            "no valid playbook with the id `{}` in {} (run `tebiki check` to see problems)",
            args.source_id,
            args.playbooks.display()
        )));
    };
    let target = args.playbooks.join(format!("{}.md", args.new_id));
    if target.exists() {
        return Err(Error::Usage(format!("{} already exists; choose another id", target.display())));
    }
    let text = String::from_utf8_lossy(&source.bytes);
    match tebiki::clone_playbook(&text, &args.new_id, &args.department, args.title.as_deref()) {
        Ok(copy) => {
            files::create_new(&target, copy.as_bytes())?;
            println!("{}", target.display());
            Ok(OK)
        }
        Err(AuthoringError::SourceInvalid(diagnostics)) => {
            print!("{}", report::human(&[FileReport::new(source, diagnostics)], lang));
            Ok(INVALID)
        }
        // The diagnostics point into the clone, not the source.
        Err(AuthoringError::ResultInvalid { text, diagnostics }) => {
            let name = format!("{}.md", args.new_id);
            let copy = files::PlaybookFile { path: target, name, size: text.len() as u64, bytes: text.into_bytes() };
            print!("{}", report::human(&[FileReport::new(&copy, diagnostics)], lang));
            Ok(INVALID)
        }
        Err(other) => Err(Error::Usage(format!("cannot clone: {other}"))),
    }
}
