//! The one place the app keeps runs in this browser: local storage under a
//! versioned key, read before anything is written, merged with what other
//! tabs wrote, and never overwritten with something that lost data.
//!
//! The rules (see `tebiki::progress` for the data and its merge):
//! - Nothing is written before the stored value has been read.
//! - A stored value that cannot be read is copied under a backup key first;
//!   when even that copy fails, nothing is ever written (read-only).
//! - A value from a newer build is never overwritten (read-only).
//! - Every write first merges the stored value, so another tab's changes and
//!   a stale tab's old copy both end up in the union, newest field winning.
//! - When storage is blocked or full, memory keeps working and a banner says so.
//!
//! gloo-storage is used for preferences; here the raw `web_sys::Storage` is
//! used because gloo's `LocalStorage::raw()` throws when the browser blocks
//! storage, which this module must survive.

use leptos::ev;
use leptos::prelude::*;
use tebiki::progress::{self, DecodeError, Millis, Progress, ProgressError};

/// Versioned key of the runs. The value carries its own format number too.
pub const KEY: &str = "tebiki.progress.v1";
/// Prefix of the keys that keep a stored value that could not be read.
pub const BACKUP_PREFIX: &str = "tebiki.progress.v1.unreadable.";

/// What the banner says about storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Health {
    /// Everything is saved.
    Ok,
    /// The browser does not allow local storage here.
    Unavailable,
    /// The stored value could not be read; it was kept under `backup`
    /// (`None`: it could not be copied, so nothing is written at all).
    Unreadable { backup: Option<String>, error: DecodeError },
    /// A newer build wrote the stored value; this build does not touch it.
    Newer(u32),
    /// The last write failed (storage full); memory still has everything.
    WriteFailed,
}

/// The runs and where they are kept. Cheap to copy; shared through `Ctx`.
#[derive(Clone, Copy)]
pub struct Store {
    /// Every run, as in memory now.
    pub progress: RwSignal<Progress>,
    /// Whether saving works.
    pub health: RwSignal<Health>,
    writable: StoredValue<bool>,
    /// The text this page last wrote: while storage still holds it, no other
    /// tab has written since, and a save need not read and merge it again.
    last_written: StoredValue<Option<String>>,
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Whether this browser lets the site use local storage at all.
pub fn available() -> bool {
    storage().is_some()
}

impl Store {
    /// Read the stored runs and start following other tabs' changes.
    pub fn open() -> Store {
        let (progress, health, writable) = load(now());
        let store = Store {
            progress: RwSignal::new(progress),
            health: RwSignal::new(health),
            writable: StoredValue::new(writable),
            last_written: StoredValue::new(None),
        };
        // The app lives as long as the page: the listener is never removed.
        let _handle = window_event_listener(ev::storage, move |event: web_sys::StorageEvent| {
            if event.key().as_deref() == Some(KEY) {
                store.take_in(event.new_value().as_deref());
            }
        });
        store
    }

    /// Another tab wrote `value`: merge it into memory. Nothing is written
    /// back; the other tab already wrote the union.
    fn take_in(&self, value: Option<&str>) {
        match value.map(progress::decode) {
            Some(Ok(theirs)) => self.progress.update(|p| p.merge(theirs)),
            Some(Err(DecodeError::Newer(format))) => {
                self.writable.set_value(false);
                self.health.set(Health::Newer(format));
            }
            // Cleared in another tab (or unreadable): memory stays as is; the
            // next change writes it back, so nothing is lost.
            _ => {}
        }
    }

    /// Change the runs and save at once. `change` gets the time of the change.
    pub fn change<R>(
        &self,
        change: impl FnOnce(&mut Progress, Millis) -> Result<R, ProgressError>,
    ) -> Result<R, ProgressError> {
        let now = now();
        let mut result = None;
        self.progress.update(|p| result = Some(change(p, now)));
        let result = result.unwrap_or(Err(ProgressError::NoSuchRun));
        if result.is_ok() {
            self.save();
        }
        result
    }

    /// Replace everything (an import the person confirmed) and save.
    pub fn replace(&self, progress: Progress) -> bool {
        self.progress.set(progress);
        if !self.writable.get_value() {
            return false;
        }
        self.write()
    }

    /// Write memory to storage, after merging in what is stored now.
    pub fn save(&self) -> bool {
        if !self.writable.get_value() {
            return false;
        }
        let Some(storage) = storage() else {
            self.health.set(Health::Unavailable);
            return false;
        };
        let stored = storage.get_item(KEY).ok().flatten();
        let unchanged = stored.is_some() && self.last_written.with_value(|last| *last == stored);
        match stored.as_deref().filter(|_| !unchanged).map(progress::decode) {
            Some(Ok(stored)) => {
                // Merging can only add newer values; skip the signal update when
                // it adds nothing, so views do not re-render for no reason.
                let mut merged = self.progress.get_untracked();
                let before = merged.clone();
                merged.merge(stored);
                // The stored copy still has runs deleted long ago; drop them
                // again so that they leave storage too.
                merged.purge(now());
                if merged != before {
                    self.progress.set(merged);
                }
            }
            Some(Err(DecodeError::Newer(format))) => {
                self.writable.set_value(false);
                self.health.set(Health::Newer(format));
                return false;
            }
            // Unreadable values were backed up when the app opened; one that
            // became unreadable since (another program) is backed up now.
            Some(Err(error)) if backup(&storage, KEY, now()).is_none() => {
                self.writable.set_value(false);
                self.health.set(Health::Unreadable { backup: None, error });
                return false;
            }
            Some(Err(_)) | None => {}
        }
        self.write()
    }

    fn write(&self) -> bool {
        let Some(storage) = storage() else {
            self.health.set(Health::Unavailable);
            return false;
        };
        let text = self.progress.with_untracked(progress::encode);
        match storage.set_item(KEY, &text) {
            Ok(()) => {
                self.last_written.set_value(Some(text));
                crate::backup::ask_to_persist();
                if self.health.get_untracked() == Health::WriteFailed {
                    self.health.set(Health::Ok);
                }
                true
            }
            Err(_) => {
                self.health.set(Health::WriteFailed);
                false
            }
        }
    }

    /// Try the write again (the banner's button), e.g. after freeing space.
    pub fn retry(&self) {
        self.save();
    }
}

/// Copy the value of `key` to a new backup key; the backup key, or `None`
/// when the copy could not be written.
fn backup(storage: &web_sys::Storage, key: &str, now: Millis) -> Option<String> {
    let raw = storage.get_item(key).ok().flatten()?;
    let backup_key = format!("{BACKUP_PREFIX}{now}");
    storage.set_item(&backup_key, &raw).ok()?;
    Some(backup_key)
}

/// The stored runs, how storage is, and whether writing is allowed.
fn load(now: Millis) -> (Progress, Health, bool) {
    let Some(storage) = storage() else {
        return (Progress::default(), Health::Unavailable, false);
    };
    let raw = match storage.get_item(KEY) {
        Ok(raw) => raw,
        Err(_) => return (Progress::default(), Health::Unavailable, false),
    };
    let Some(raw) = raw else {
        return (Progress::default(), Health::Ok, true);
    };
    match progress::decode(&raw) {
        Ok(mut progress) => {
            progress.purge(now);
            (progress, Health::Ok, true)
        }
        Err(DecodeError::Newer(format)) => (Progress::default(), Health::Newer(format), false),
        Err(error) => {
            let backup = backup(&storage, KEY, now);
            let writable = backup.is_some();
            (Progress::default(), Health::Unreadable { backup, error }, writable)
        }
    }
}

/// The text kept under a backup key, for downloading it.
pub fn backup_text(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// In real headless Chromium with real local storage (wasm-bindgen-test; see
/// `scripts/test`). Each test starts from empty storage.
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use tebiki::progress::{Mark, Progress};
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    const PLAYBOOK: &str = include_str!("../../tests/fixtures/valid/every-feature.md");

    fn storage() -> web_sys::Storage {
        super::storage().expect("local storage")
    }

    fn clean() {
        storage().clear().expect("clear");
    }

    fn playbook() -> tebiki::Playbook {
        tebiki::parse(PLAYBOOK).0.expect("fixture parses")
    }

    fn start(store: &Store, id: &str) {
        let p = playbook();
        store.change(|progress, now| progress.start_run(&p, "テスト", id.into(), now).map(|_| ())).expect("started");
    }

    #[wasm_bindgen_test]
    fn nothing_is_written_until_a_change_and_every_change_is_saved() {
        clean();
        let store = Store::open();
        assert_eq!(store.health.get_untracked(), Health::Ok);
        assert_eq!(storage().get_item(KEY).unwrap(), None, "opening writes nothing");
        start(&store, "r1");
        let p = playbook();
        let step = p.steps().next().unwrap().clone();
        store
            .change(|progress, now| progress.run_mut("r1")?.set_item(&step, &step.items[0].id, Mark::Done, now))
            .unwrap();
        let saved = tebiki::progress::decode(&storage().get_item(KEY).unwrap().unwrap()).unwrap();
        assert_eq!(saved, store.progress.get_untracked());
        // A new page load reads exactly that back.
        assert_eq!(Store::open().progress.get_untracked(), saved);
    }

    #[wasm_bindgen_test]
    fn unreadable_data_is_kept_under_a_backup_key_and_never_overwritten_in_place_before_backup() {
        clean();
        storage().set_item(KEY, "{\"format\":1,\"runs\":[{").unwrap();
        storage().set_item("other.app", "untouched").unwrap();
        let store = Store::open();
        let Health::Unreadable { backup: Some(backup), .. } = store.health.get_untracked() else {
            panic!("expected an unreadable banner, got {:?}", store.health.get_untracked());
        };
        assert_eq!(storage().get_item(&backup).unwrap().as_deref(), Some("{\"format\":1,\"runs\":[{"));
        assert_eq!(
            storage().get_item(KEY).unwrap().as_deref(),
            Some("{\"format\":1,\"runs\":[{"),
            "open overwrites nothing"
        );
        assert_eq!(store.progress.get_untracked(), Progress::default());
        start(&store, "r1");
        assert_eq!(
            storage().get_item(&backup).unwrap().as_deref(),
            Some("{\"format\":1,\"runs\":[{"),
            "the backup stays"
        );
        assert_eq!(storage().get_item("other.app").unwrap().as_deref(), Some("untouched"));
    }

    #[wasm_bindgen_test]
    fn a_newer_format_makes_this_build_read_only() {
        clean();
        let newer = "{\"format\":99,\"runs\":[]}";
        storage().set_item(KEY, newer).unwrap();
        let store = Store::open();
        assert_eq!(store.health.get_untracked(), Health::Newer(99));
        start(&store, "r1");
        assert_eq!(store.progress.with_untracked(|p| p.live_runs().count()), 1, "memory keeps working");
        assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some(newer));
        assert!(!store.save());
    }

    #[wasm_bindgen_test]
    fn a_newer_build_writing_meanwhile_stops_this_one_from_writing() {
        clean();
        let store = Store::open();
        start(&store, "r1");
        let newer = "{\"format\":99,\"runs\":[]}";
        storage().set_item(KEY, newer).unwrap();
        start(&store, "r2");
        assert_eq!(store.health.get_untracked(), Health::Newer(99));
        assert_eq!(storage().get_item(KEY).unwrap().as_deref(), Some(newer));
    }

    #[wasm_bindgen_test]
    fn a_full_storage_is_reported_touches_no_other_key_and_recovers() {
        clean();
        let store = Store::open();
        // Fill the real quota with another key.
        let mut fillers = Vec::new();
        for size in [256 * 1024, 16 * 1024, 1024, 64, 1] {
            let chunk = "x".repeat(size);
            loop {
                let key = format!("filler.{}", fillers.len());
                if storage().set_item(&key, &chunk).is_err() {
                    break;
                }
                fillers.push(key);
            }
        }
        start(&store, "r1");
        assert_eq!(store.health.get_untracked(), Health::WriteFailed);
        assert_eq!(store.progress.with_untracked(|p| p.live_runs().count()), 1, "memory keeps working");
        assert_eq!(storage().get_item(KEY).unwrap(), None);
        assert_eq!(storage().length().unwrap() as usize, fillers.len(), "no other key is touched");
        // Space freed elsewhere: the next try saves and the banner goes.
        for key in &fillers[..4] {
            storage().remove_item(key).unwrap();
        }
        store.retry();
        assert_eq!(store.health.get_untracked(), Health::Ok);
        assert!(storage().get_item(KEY).unwrap().is_some());
        clean();
    }

    #[wasm_bindgen_test]
    fn runs_deleted_long_ago_leave_storage_at_the_next_save() {
        clean();
        let store = Store::open();
        start(&store, "old");
        start(&store, "kept");
        let long_ago = now() - tebiki::progress::KEEP_DELETED_MS - 1;
        store.change(|p, _| p.delete("old", long_ago)).unwrap();
        let reopened = Store::open();
        assert_eq!(reopened.progress.with_untracked(|p| p.runs.len()), 1, "gone since the save that deleted it");
        start(&reopened, "new");
        let stored = tebiki::progress::decode(&storage().get_item(KEY).unwrap().unwrap()).unwrap();
        let ids: Vec<&str> = stored.runs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids.len(), 2, "{ids:?}");
        assert!(!ids.contains(&"old"), "{ids:?}");
    }

    #[wasm_bindgen_test]
    fn saving_merges_what_another_tab_wrote() {
        clean();
        let mine = Store::open();
        let theirs = Store::open();
        start(&mine, "mine");
        start(&theirs, "theirs");
        let stored = tebiki::progress::decode(&storage().get_item(KEY).unwrap().unwrap()).unwrap();
        let ids: Vec<&str> = stored.runs.iter().map(|r| r.id.as_str()).collect();
        assert!(ids.contains(&"mine") && ids.contains(&"theirs"), "{ids:?}");
        // The other tab's write arrives as a storage event; taking it in adds its run.
        mine.take_in(storage().get_item(KEY).unwrap().as_deref());
        assert_eq!(mine.progress.with_untracked(|p| p.live_runs().count()), 2);
    }
}
