//! Finding the playbooks that runs follow, by id: this browser's (a clone
//! kept here), the site's (listed in its manifest; one it does not list is
//! never fetched), or one a file carries (a colleague's local playbook).

use tebiki::Playbook;
use tebiki::manifest::source_path;

use crate::Ctx;
use crate::pages::playbook::load_playbook;

/// The playbooks of a set of ids, once loaded.
#[derive(Clone)]
pub struct Found {
    /// The site's playbook ids.
    pub site: Vec<String>,
    /// Each id with its playbook; `None` when none of the places has it.
    pub found: Vec<(String, Option<Playbook>)>,
    /// The ids found only in the file, which taking it in keeps in this
    /// browser.
    pub carried: Vec<String>,
}

impl Found {
    /// The playbook `id`, if it was found.
    pub fn get(&self, id: &str) -> Option<&Playbook> {
        self.found.iter().find(|(p, _)| p == id).and_then(|(_, p)| p.as_ref())
    }

    /// The ids no place has.
    pub fn missing(&self) -> Vec<String> {
        self.found.iter().filter(|(_, p)| p.is_none()).map(|(id, _)| id.clone()).collect()
    }
}

/// Load the playbooks `ids` (sorted, each once); `carried` gives the
/// markdown a file carries for an id. A carried playbook counts only when
/// its own id is the one asked for.
pub async fn find(ctx: Ctx, mut ids: Vec<String>, carried: impl Fn(&str) -> Option<String>) -> Found {
    ids.sort();
    ids.dedup();
    let base = ctx.nav.base();
    // The site's list first: a playbook it does not have is not fetched.
    let site = crate::components::clone_form::site_ids(base.clone()).await;
    let mut found = Vec::with_capacity(ids.len());
    let mut from_file = Vec::new();
    for id in ids {
        let playbook = match ctx.local.source(&id) {
            Some(text) => tebiki::parse(&text).0,
            None if site.contains(&id) => {
                load_playbook(format!("{base}{}", source_path(&id))).await.ok().map(|(p, _)| p)
            }
            None => {
                let parsed = carried(&id).and_then(|text| tebiki::parse(&text).0).filter(|p| p.meta.id == id);
                if parsed.is_some() {
                    from_file.push(id.clone());
                }
                parsed
            }
        };
        found.push((id, playbook));
    }
    Found { site, found, carried: from_file }
}
