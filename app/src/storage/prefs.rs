//! Preferences kept in this browser: the interface language, when the data
//! was last exported to a file, and until when the backup reminder sleeps.

use gloo_storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};
use tebiki::Lang;
use tebiki::progress::{Millis, Person};

/// Versioned key: a future format gets a new key, never a reinterpretation.
const KEY: &str = "tebiki.prefs.v1";

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Prefs {
    pub lang: Lang,
    /// When everything was last exported to a file (or imported from one).
    #[serde(default)]
    pub last_export: Option<Millis>,
    /// The backup reminder is not shown before this time ("later").
    #[serde(default)]
    pub snooze_until: Option<Millis>,
    /// Who makes the changes in this browser, as they named themselves.
    #[serde(default)]
    pub me: Person,
}

impl Prefs {
    /// The saved preferences; defaults when none are saved or they cannot be read.
    pub fn load() -> Prefs {
        if !super::available() {
            return Prefs::default();
        }
        LocalStorage::get(KEY).unwrap_or_default()
    }

    /// Load, change and save (other fields stay as saved).
    pub fn update(change: impl FnOnce(&mut Prefs)) -> bool {
        let mut prefs = Prefs::load();
        change(&mut prefs);
        prefs.save()
    }

    /// Save; a browser that refuses storage keeps the choice for this visit.
    pub fn save(&self) -> bool {
        // gloo-storage throws when the browser blocks storage; ask first.
        super::available() && LocalStorage::set(KEY, self).is_ok()
    }
}
