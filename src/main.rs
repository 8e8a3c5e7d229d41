//! `tebiki`: check playbooks, build the static site, start new playbooks and
//! clone them for other departments. All the work is in the core library;
//! this binary reads and writes files and talks to the terminal.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
