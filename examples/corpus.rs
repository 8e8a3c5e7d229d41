//! Writes a synthetic playbook library for the generator benchmark:
//! `cargo run --release --example corpus -- DIR COUNT STEPS LARGE_STEPS`.

use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let dir = PathBuf::from(args.get(1).map_or("target/corpus", String::as_str));
    let count: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1000);
    let steps: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(10);
    let large: usize = args.get(4).and_then(|a| a.parse().ok()).unwrap_or(500);
    std::fs::create_dir_all(&dir)?;
    for i in 0..count {
        let id = format!("playbook-{i:04}");
        std::fs::write(dir.join(format!("{id}.md")), tebiki::synthetic::playbook(&id, steps, 2))?;
    }
    if large > 0 {
        std::fs::write(dir.join("playbook-large.md"), tebiki::synthetic::playbook("playbook-large", large, 2))?;
    }
    Ok(())
}
