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
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now() -> Millis {
    js_sys::Date::now() as Millis
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

impl Store {
    /// Read the stored runs and start following other tabs' changes.
    pub fn open() -> Store {
        let (progress, health, writable) = load(now());
        let store = Store {
            progress: RwSignal::new(progress),
            health: RwSignal::new(health),
            writable: StoredValue::new(writable),
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
        match storage.get_item(KEY).ok().flatten().as_deref().map(progress::decode) {
            Some(Ok(stored)) => {
                // Merging can only add newer values; skip the signal update when
                // it adds nothing, so views do not re-render for no reason.
                let mut merged = self.progress.get_untracked();
                let before = merged.clone();
                merged.merge(stored);
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
