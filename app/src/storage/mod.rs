//! Everything the app keeps in this browser's local storage: the runs
//! (`runs`), the playbooks kept here (`local`), the preferences (`prefs`),
//! and keeping a copy outside the browser (`backup`).
//!
//! [`storage`] is the one place that asks the browser for local storage.
//! gloo-storage is the JSON layer for the local playbooks and the
//! preferences; but its `LocalStorage::raw()` throws (ending the app) when
//! the browser blocks storage, so every use of it asks [`available`] first.
//! The runs use the raw text (see `runs`).

pub mod backup;
pub mod local;
pub mod prefs;
pub mod runs;
pub mod summary;

/// This browser's local storage, or `None` when it is blocked (a privacy
/// setting, a sandboxed frame) or missing.
pub fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether this browser lets the site use local storage at all.
pub fn available() -> bool {
    storage().is_some()
}
