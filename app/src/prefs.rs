//! Preferences kept in this browser: the interface language.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use tebiki::Lang;

/// Versioned key: a future format gets a new key, never a reinterpretation.
const KEY: &str = "tebiki.prefs.v1";

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Prefs {
    pub lang: Lang,
}

impl Prefs {
    /// The saved preferences; defaults when none are saved or they cannot be read.
    pub fn load() -> Prefs {
        if !crate::store::available() {
            return Prefs::default();
        }
        LocalStorage::get(KEY).unwrap_or_default()
    }

    /// Save; a browser that refuses storage keeps the choice for this visit.
    pub fn save(&self) -> bool {
        // gloo-storage throws (ending the app) when the browser blocks storage; ask first.
        crate::store::available() && LocalStorage::set(KEY, self).is_ok()
    }
}
