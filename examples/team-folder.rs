//! Writes a synthetic team's shared folder for the dashboard benchmark:
//! `cargo run --release --example team-folder -- DIR RUNS MEMBERS STEPS`
//! (defaults: target/bench/folder 10 5 100, i.e. 50 files).

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(args.get(1).map_or("target/bench/folder", String::as_str));
    let number = |i: usize, default: usize| args.get(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    std::fs::create_dir_all(&dir)?;
    for (name, text) in tebiki::synthetic::team_folder(number(2, 10), number(3, 5), number(4, 100)) {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}
