//! Playbooks kept in this browser: clones a team made for its own department
//! and wants to use before they reach the repository. Stored as their
//! markdown under one versioned key; every one is parsed (and refused with a
//! reason) before it is kept, and read again before every write so another
//! tab's additions are not lost. A value this build cannot read is never
//! overwritten.

use gloo_storage::errors::StorageError;
use gloo_storage::{LocalStorage, Storage};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use tebiki::progress::Millis;

/// The storage key.
pub const KEY: &str = "tebiki.local.v1";

/// The format this build writes.
const FORMAT: u32 = 1;

/// The most local playbooks kept.
pub const MAX_LOCAL: usize = 50;

/// One playbook kept in this browser.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LocalPlaybook {
    /// Its id (unique among the site's and the local playbooks).
    pub id: String,
    /// Its markdown, exactly as made.
    pub source: String,
    /// When it was added.
    pub added: Millis,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    format: u32,
    playbooks: Vec<LocalPlaybook>,
}

/// Why a playbook was not added (or removed).
#[derive(Debug, Clone, PartialEq)]
pub enum LocalError {
    /// The markdown has errors (a bug in the clone, or a hand-edited file).
    Invalid,
    /// A playbook of the site or this browser already has the id.
    Taken(String),
    /// Already [`MAX_LOCAL`] playbooks.
    Full,
    /// Storage is blocked, full, or holds a value this build cannot read.
    Storage,
}

/// The local playbooks, as a signal the catalog and the pages follow.
#[derive(Clone, Copy)]
pub struct Library {
    /// Every local playbook, oldest first.
    pub list: RwSignal<Vec<LocalPlaybook>>,
}

/// The stored list; `Err` when there is a value this build cannot read.
fn read() -> Result<Vec<LocalPlaybook>, ()> {
    if !super::available() {
        return Ok(Vec::new());
    }
    match LocalStorage::get::<Stored>(KEY) {
        Ok(stored) if stored.format <= FORMAT => Ok(stored.playbooks),
        Err(StorageError::KeyNotFound(_)) => Ok(Vec::new()),
        _ => Err(()),
    }
}

impl Library {
    /// Read what this browser keeps.
    pub fn open() -> Library {
        Library { list: RwSignal::new(read().unwrap_or_default()) }
    }

    /// The source of local playbook `id`.
    pub fn source(&self, id: &str) -> Option<String> {
        self.list.with_untracked(|l| l.iter().find(|p| p.id == id).map(|p| p.source.clone()))
    }

    /// Every local playbook, as an export carries them.
    pub fn shared(&self) -> Vec<tebiki::progress::SharedPlaybook> {
        self.list.with_untracked(|l| {
            l.iter().map(|p| tebiki::progress::SharedPlaybook { id: p.id.clone(), source: p.source.clone() }).collect()
        })
    }

    /// Whether `id` is a local playbook.
    pub fn has(&self, id: &str) -> bool {
        self.list.with(|l| l.iter().any(|p| p.id == id))
    }

    fn write(&self, change: impl FnOnce(&mut Vec<LocalPlaybook>) -> Result<(), LocalError>) -> Result<(), LocalError> {
        if !super::available() {
            return Err(LocalError::Storage);
        }
        let mut list = read().map_err(|()| LocalError::Storage)?;
        change(&mut list)?;
        LocalStorage::set(KEY, Stored { format: FORMAT, playbooks: list.clone() }).map_err(|_| LocalError::Storage)?;
        self.list.set(list);
        Ok(())
    }

    /// Keep `source` as a local playbook; `site_ids` are the site's own
    /// playbooks, whose ids it must not take. Returns its id.
    pub fn add(&self, source: String, site_ids: &[String], now: Millis) -> Result<String, LocalError> {
        let playbook = tebiki::parse(&source).0.ok_or(LocalError::Invalid)?;
        let id = playbook.meta.id;
        if site_ids.contains(&id) {
            return Err(LocalError::Taken(id));
        }
        self.write(|list| {
            if list.iter().any(|p| p.id == id) {
                return Err(LocalError::Taken(id.clone()));
            }
            if list.len() >= MAX_LOCAL {
                return Err(LocalError::Full);
            }
            list.push(LocalPlaybook { id: id.clone(), source, added: now });
            Ok(())
        })?;
        Ok(id)
    }

    /// Remove local playbook `id`; returns it for "undo". Runs of it stay in
    /// this browser's progress.
    pub fn remove(&self, id: &str) -> Result<LocalPlaybook, LocalError> {
        let mut removed = None;
        self.write(|list| {
            if let Some(i) = list.iter().position(|p| p.id == id) {
                removed = Some(list.remove(i));
            }
            Ok(())
        })?;
        removed.ok_or(LocalError::Storage)
    }

    /// Put back a removed playbook.
    pub fn restore(&self, playbook: LocalPlaybook) -> Result<(), LocalError> {
        self.write(|list| {
            if !list.iter().any(|p| p.id == playbook.id) {
                list.push(playbook);
                list.sort_by_key(|p| p.added);
            }
            Ok(())
        })
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    fn storage() -> Option<web_sys::Storage> {
        crate::storage::storage()
    }

    fn clean() {
        let s = storage().unwrap();
        s.remove_item(KEY).unwrap();
    }

    const SOURCE: &str = include_str!("../../../playbooks/hr-inquiry-desk.md");

    #[wasm_bindgen_test]
    fn added_playbooks_are_kept_checked_and_removable() {
        clean();
        let lib = Library::open();
        let clone = tebiki::clone_playbook(SOURCE, "sales-inquiry-desk", "営業", None).unwrap();
        assert_eq!(
            lib.add(SOURCE.to_owned(), &["hr-inquiry-desk".to_owned()], 1),
            Err(LocalError::Taken("hr-inquiry-desk".into()))
        );
        assert_eq!(lib.add("not a playbook".into(), &[], 1), Err(LocalError::Invalid));
        assert_eq!(lib.add(clone.clone(), &[], 2).unwrap(), "sales-inquiry-desk");
        assert_eq!(lib.add(clone.clone(), &[], 3), Err(LocalError::Taken("sales-inquiry-desk".into())));
        // Another tab (a second Library) sees it, and its removal is undone.
        let other = Library::open();
        assert_eq!(other.source("sales-inquiry-desk").as_deref(), Some(clone.as_str()));
        let removed = other.remove("sales-inquiry-desk").unwrap();
        assert!(Library::open().list.get_untracked().is_empty());
        other.restore(removed).unwrap();
        assert_eq!(Library::open().list.get_untracked().len(), 1);
        clean();
    }

    #[wasm_bindgen_test]
    fn an_unreadable_value_is_never_overwritten() {
        clean();
        storage().unwrap().set_item(KEY, "{\"format\":7,\"playbooks\":[]}").unwrap();
        let lib = Library::open();
        let clone = tebiki::clone_playbook(SOURCE, "sales-inquiry-desk", "営業", None).unwrap();
        assert_eq!(lib.add(clone, &[], 1), Err(LocalError::Storage));
        assert_eq!(storage().unwrap().get_item(KEY).unwrap().as_deref(), Some("{\"format\":7,\"playbooks\":[]}"));
        clean();
    }
}
