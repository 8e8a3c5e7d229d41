//! Command-line parsing and dispatch. One module per subcommand; the shared
//! pieces are file access (`files`), diagnostic output (`report`) and the
//! pages of the site (`pages`).

mod build;
mod check;
mod clone;
mod files;
mod new;
mod offline;
mod pages;
mod report;

use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use tebiki::Lang;

/// Exit code for a clean run (warnings allowed).
const OK: u8 = 0;
/// Exit code when a playbook has errors.
const INVALID: u8 = 1;
/// Exit code for usage and I/O errors.
const FAILURE: u8 = 2;

#[derive(Parser)]
#[command(name = "tebiki", version, about = "Check tebiki playbooks and build the static site")]
struct Cli {
    /// Language of messages [default: Japanese when LANG starts with "ja", else English]
    #[arg(long, global = true, value_enum, env = "TEBIKI_LANG")]
    lang: Option<LangArg>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check playbooks and print every problem with its place
    Check(check::Args),
    /// Build the site: manifest, playbook sources, one page per playbook, sitemap
    Build(build::Args),
    /// Start a new playbook from the template
    New(new::Args),
    /// Copy a playbook for another department
    Clone(clone::Args),
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

/// Parse the command line, run, and turn the outcome into an exit code.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { FAILURE } else { OK });
        }
    };
    let lang = match cli.lang {
        Some(LangArg::Ja) => Lang::Ja,
        Some(LangArg::En) => Lang::En,
        None => lang_from_env(),
    };
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args, lang),
        Command::Build(args) => build::run(&args, lang),
        Command::New(args) => new::run(&args),
        Command::Clone(args) => clone::run(&args, lang),
    };
    match outcome {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(FAILURE)
        }
    }
}

/// Japanese when the locale says so, English otherwise.
fn lang_from_env() -> Lang {
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().find_map(|k| std::env::var(k).ok().filter(|v| !v.is_empty()));
    match locale {
        Some(l) if l.starts_with("ja") => Lang::Ja,
        _ => Lang::En,
    }
}

/// What can go wrong outside the playbooks themselves. Every variant names
/// the path involved.
#[derive(Debug)]
pub enum Error {
    /// Reading or writing a file failed.
    Io { action: &'static str, path: PathBuf, source: std::io::Error },
    /// A file or argument is not usable as it is.
    Usage(String),
}

impl Error {
    fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(std::io::Error) -> Error {
        let path = path.into();
        move |source| Error::Io { action, path, source }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { action, path, source } => write!(f, "cannot {action} {}: {source}", path.display()),
            Error::Usage(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            Error::Usage(_) => None,
        }
    }
}
