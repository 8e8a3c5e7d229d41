//! `tebiki check [PATH...]`: every problem in every playbook, then a summary.

use std::path::PathBuf;

use clap::ValueEnum;
use tebiki::Lang;

use super::files::{self, PlaybookFile};
use super::report::{self, FileReport, Totals};
use super::{Error, FAILURE, INVALID, OK};

#[derive(clap::Args)]
pub struct Args {
    /// Playbook files or folders of them
    #[arg(default_value = "playbooks")]
    paths: Vec<PathBuf>,
    /// Output for people or for tools
    #[arg(long, value_enum, default_value = "human")]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Human,
    Json,
}

pub fn run(args: &Args, lang: Lang) -> Result<u8, Error> {
    let paths = files::find(&args.paths)?;
    let mut read = Vec::new();
    let mut unreadable = Vec::new();
    for path in &paths {
        match files::read(path) {
            Ok(file) => read.push(file),
            Err(error) => unreadable.push(error),
        }
    }
    let reports: Vec<FileReport<'_>> = check_files(&read).into_iter().map(|(report, _)| report).collect();
    let totals = Totals::of(&reports);
    match args.format {
        Format::Human => {
            print!("{}", report::human(&reports, lang));
            for error in &unreadable {
                eprintln!("error: {error}");
            }
            println!("{}", totals.summary(lang));
        }
        Format::Json => {
            for error in &unreadable {
                eprintln!("error: {error}");
            }
            println!("{}", report::json(&reports, lang));
        }
    }
    Ok(if !unreadable.is_empty() {
        FAILURE
    } else if totals.errors > 0 {
        INVALID
    } else {
        OK
    })
}

/// Check `files` together (ids across files, clone sources): each file's
/// report, and its playbook when it has no error.
pub fn check_files(files: &[PlaybookFile]) -> Vec<(FileReport<'_>, Option<tebiki::Playbook>)> {
    let sources: Vec<tebiki::SourceFile<'_>> = files.iter().map(PlaybookFile::source).collect();
    let checked = tebiki::check_library(&sources);
    files.iter().zip(checked).map(|(file, c)| (FileReport::new(file, c.diagnostics), c.playbook)).collect()
}
