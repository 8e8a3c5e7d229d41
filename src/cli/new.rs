//! `tebiki new ID --department D --title T`: a playbook from the template.

use std::path::PathBuf;

use super::{Error, OK, files};

#[derive(clap::Args)]
pub struct Args {
    /// Id of the new playbook (lowercase letters, digits, hyphens); also its file name
    id: String,
    /// Department it is for (人事, 経理, 総務, 法務, 情報システム, 全社 ...)
    #[arg(long)]
    department: String,
    /// Title
    #[arg(long)]
    title: String,
    /// Folder of the playbook library
    #[arg(long, default_value = "playbooks")]
    playbooks: PathBuf,
}

pub fn run(args: &Args) -> Result<u8, Error> {
    let text = tebiki::new_playbook(&args.id, &args.department, &args.title)
        .map_err(|e| Error::Usage(format!("cannot create the playbook: {e}")))?;
    let path = args.playbooks.join(format!("{}.md", args.id));
    files::create_new(&path, text.as_bytes())?;
    println!("{}", path.display());
    Ok(OK)
}
