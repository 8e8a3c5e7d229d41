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
//! - When storage is blocked or full, memory keeps working and a banner says so;
//!   a failed write is tried again by itself (2 s, doubling up to a minute)
//!   and at the next change, besides the banner's button.
//! - Changes are written together: [`SAVE_DELAY_MS`] after the last one, at
//!   most [`MAX_WAIT_MS`] after the first one still unwritten, and at once
//!   when the page is hidden or left (`visibilitychange`, `pagehide`), so a
//!   note typed key by key is encoded a few times, not once per key, and
//!   closing the tab right after a change still keeps it. While a write is
//!   pending, `<html>` carries `data-save="pending"`.
//!
//! The value is read and written as raw text through [`super::storage`],
//! not through gloo-storage: a save compares the stored text with what this
//! page last wrote, an unreadable value is copied byte for byte to a backup
//! key, and reading it goes through the core's `decode` (migrations,
//! validation, messages with line and column), none of which gloo's typed
//! `get` can do.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use tebiki::progress::{self, DecodeError, Millis, Person, Progress, ProgressError, Stamp};

use super::storage;
use crate::time::now;

/// Versioned key of the runs. The value carries its own format number too.
pub const KEY: &str = "tebiki.progress.v1";
/// Prefix of the keys that keep a stored value that could not be read.
pub const BACKUP_PREFIX: &str = "tebiki.progress.v1.unreadable.";
/// Quiet time after a change before the changes so far are written.
pub const SAVE_DELAY_MS: f64 = 300.0;
/// Longest a change waits to be written while changes keep coming.
pub const MAX_WAIT_MS: f64 = 1_000.0;
/// First wait before a failed write is tried again; doubles up to a minute.
pub const RETRY_MS: u64 = 2_000;
const RETRY_MAX_MS: u64 = 60_000;

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
    /// Every run, as in memory now. Private: every change goes through
    /// [`Store::change`] (or [`Store::replace`]), which schedules its save.
    progress: RwSignal<Progress>,
    /// Whether saving works.
    pub health: RwSignal<Health>,
    /// Who makes this browser's changes (a name typed in 設定 or when first
    /// asked; never verified). Every change is stamped with it.
    me: RwSignal<Person>,
    writable: StoredValue<bool>,
    /// Notified after every successful write: what follows the stored runs
    /// (the summary) reads them then, not while a change waits to be written.
    written: Trigger,
    /// The text this page last wrote: while storage still holds it, no other
    /// tab has written since, and a save need not read and merge it again.
    last_written: StoredValue<Option<String>>,
    /// When the oldest change not yet written was made.
    pending_since: StoredValue<Option<f64>>,
    /// The timer that writes pending changes or retries a failed write.
    timer: StoredValue<Option<TimeoutHandle>>,
    /// How long the next retry of a failed write waits.
    retry_in: StoredValue<u64>,
}

impl Store {
    /// Read the stored runs and start following other tabs' changes.
    pub fn open() -> Store {
        let (progress, health, writable) = load(now());
        let store = Store {
            progress: RwSignal::new(progress),
            health: RwSignal::new(health),
            me: RwSignal::new(super::prefs::Prefs::load().me),
            writable: StoredValue::new(writable),
            written: Trigger::new(),
            last_written: StoredValue::new(None),
            pending_since: StoredValue::new(None),
            timer: StoredValue::new(None),
            retry_in: StoredValue::new(RETRY_MS),
        };
        // The app lives as long as the page: the listeners are never removed.
        let _handle = window_event_listener(ev::storage, move |event: web_sys::StorageEvent| {
            if event.key().as_deref() == Some(KEY) {
                store.take_in(event.new_value().as_deref());
            }
        });
        // Leaving the page or hiding it (another tab, minimising, a phone
        // locking) may be the last chance to write: do it now.
        let _handle = window_event_listener_untyped("pagehide", move |_| {
            store.flush();
        });
        let _handle = window_event_listener_untyped("visibilitychange", move |_| {
            if document().hidden() {
                store.flush();
            }
        });
        store
    }

    /// Follow the writes (in a reactive context): runs again after each one.
    pub fn track_writes(&self) {
        self.written.track();
    }

    /// Read every run, following changes (in a reactive context).
    pub fn with<R>(&self, read: impl FnOnce(&Progress) -> R) -> R {
        self.progress.with(read)
    }

    /// Read every run without following changes.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Progress) -> R) -> R {
        self.progress.with_untracked(read)
    }

    /// Follow changes to any run without reading them here.
    pub fn track(&self) {
        self.progress.track();
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

    /// Who makes this browser's changes (unnamed until they say); read
    /// once, not followed.
    pub fn me(&self) -> Person {
        self.me.get_untracked()
    }

    /// [`Store::me`], tracked: for a view that follows a change of name.
    pub fn me_tracked(&self) -> Person {
        self.me.get()
    }

    /// Name who makes this browser's changes from now on, and keep it in the
    /// preferences; false when it could not be kept (it still applies to
    /// this visit).
    pub fn set_me(&self, person: Person) -> bool {
        self.me.set(person.clone());
        super::prefs::Prefs::update(|p| p.me = person)
    }

    /// Change the runs and save soon (see the module's rules). `change` gets
    /// the time of the change and who made it.
    pub fn change<R>(
        &self,
        change: impl FnOnce(&mut Progress, Stamp) -> Result<R, ProgressError>,
    ) -> Result<R, ProgressError> {
        let now = now();
        let stamp = Stamp { at: now, by: self.me.get_untracked() };
        let mut result = None;
        self.progress.update(|p| result = Some(change(p, stamp)));
        let result = result.unwrap_or(Err(ProgressError::NoSuchRun));
        if result.is_ok() {
            self.schedule(now as f64);
        }
        result
    }

    /// Replace everything (an import the person confirmed) and save now.
    pub fn replace(&self, progress: Progress) -> bool {
        self.progress.set(progress);
        self.settle();
        if !self.writable.get_value() {
            return false;
        }
        self.write()
    }

    /// Whether a change is waiting to be written.
    pub fn pending(&self) -> bool {
        self.pending_since.get_value().is_some()
    }

    /// Write pending changes soon: after a quiet moment, but never later
    /// than [`MAX_WAIT_MS`] after the first of them.
    fn schedule(&self, now: f64) {
        if !self.writable.get_value() {
            return;
        }
        let since = match self.pending_since.get_value() {
            Some(since) => since,
            None => {
                self.pending_since.set_value(Some(now));
                mark_pending(true);
                now
            }
        };
        let wait = SAVE_DELAY_MS.min(since + MAX_WAIT_MS - now).max(0.0);
        self.flush_after(Duration::from_millis(wait as u64));
    }

    /// Write pending changes now (and try a failed write again). False when
    /// something is left unwritten.
    pub fn flush(&self) -> bool {
        let failed = self.health.get_untracked() == Health::WriteFailed;
        if !self.pending() && !failed {
            return true;
        }
        self.settle();
        let saved = self.save();
        if !saved && self.health.get_untracked() == Health::WriteFailed {
            // Memory still has everything; try again by itself, less often
            // each time, until space is freed.
            let wait = self.retry_in.get_value();
            self.retry_in.set_value((wait * 2).min(RETRY_MAX_MS));
            self.flush_after(Duration::from_millis(wait));
        }
        saved
    }

    /// Nothing is pending any more (about to be written): drop the timer.
    fn settle(&self) {
        self.clear_timer();
        if self.pending_since.try_update_value(Option::take).flatten().is_some() {
            mark_pending(false);
        }
    }

    /// Flush after `wait`, replacing any earlier timer.
    fn flush_after(&self, wait: Duration) {
        self.clear_timer();
        let store = *self;
        // Without a timer (not in a browser window) the next change, hiding
        // or leaving the page writes instead.
        self.timer.set_value(
            set_timeout_with_handle(
                move || {
                    store.flush();
                },
                wait,
            )
            .ok(),
        );
    }

    fn clear_timer(&self) {
        if let Some(timer) = self.timer.try_update_value(Option::take).flatten() {
            timer.clear();
        }
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
                self.written.notify();
                self.retry_in.set_value(RETRY_MS);
                super::backup::ask_to_persist();
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
        self.flush();
    }
}

/// Mark `<html>` while changes wait to be written (for tests and tools that
/// read storage; nothing in the page's look depends on it).
fn mark_pending(pending: bool) {
    let Some(root) = window().document().and_then(|d| d.document_element()) else { return };
    let _ = if pending { root.set_attribute("data-save", "pending") } else { root.remove_attribute("data-save") };
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

    const PLAYBOOK: &str = include_str!("../../../tests/fixtures/valid/every-feature.md");

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
        store.flush();
    }

    fn stored() -> Option<Progress> {
        storage().get_item(KEY).unwrap().map(|text| tebiki::progress::decode(&text).unwrap())
    }

    /// Let the browser run its timers for `ms` milliseconds.
    async fn sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
    }

    fn note(store: &Store, run: &str, text: &str) {
        let p = playbook();
        let step = p.steps().next().unwrap().clone();
        store
            .change(|progress, now| {
                progress.run_mut(run)?.set_note(&step, text, now);
                Ok(())
            })
            .unwrap();
    }

    fn stored_note(run: &str) -> Option<String> {
        let p = playbook();
        let step = p.steps().next().unwrap().clone();
        Some(stored()?.run(run)?.note(&step).to_owned()).filter(|n| !n.is_empty())
    }

    /// Fill the real quota with other keys; their names.
    fn fill_storage() -> Vec<String> {
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
        fillers
    }

    #[wasm_bindgen_test]
    async fn changes_are_written_together_after_a_quiet_moment() {
        clean();
        let store = Store::open();
        start(&store, "r1");
        let root = || document().document_element().unwrap();
        for text in ["あ", "あい", "あいう"] {
            note(&store, "r1", text);
        }
        assert!(store.pending());
        assert_eq!(root().get_attribute("data-save").as_deref(), Some("pending"));
        assert_eq!(stored_note("r1"), None, "not written key by key");
        sleep(SAVE_DELAY_MS as i32 + 200).await;
        assert!(!store.pending());
        assert_eq!(root().get_attribute("data-save"), None);
        assert_eq!(stored_note("r1").as_deref(), Some("あいう"));
        assert_eq!(stored(), Some(store.progress.get_untracked()));
    }

    #[wasm_bindgen_test]
    async fn changes_that_keep_coming_are_still_written_within_the_longest_wait() {
        clean();
        let store = Store::open();
        start(&store, "r1");
        let mut text = String::new();
        // A change every 100 ms never leaves a quiet moment of 300 ms.
        for _ in 0..15 {
            text.push('字');
            note(&store, "r1", &text);
            sleep(100).await;
        }
        let written = stored_note("r1").expect("written while typing");
        assert!(written.chars().count() >= 5, "{written}");
        // Leave no timer behind for the next test.
        store.flush();
        clean();
    }

    #[wasm_bindgen_test]
    fn hiding_or_leaving_the_page_writes_at_once() {
        clean();
        let store = Store::open();
        start(&store, "r1");
        note(&store, "r1", "閉じる前");
        // What the browser sends when the tab is closed or navigated away.
        window().dispatch_event(&web_sys::Event::new("pagehide").unwrap()).unwrap();
        assert!(!store.pending());
        assert_eq!(stored_note("r1").as_deref(), Some("閉じる前"));
    }

    #[wasm_bindgen_test]
    fn a_page_going_into_the_background_writes_at_once() {
        clean();
        let store = Store::open();
        start(&store, "r1");
        note(&store, "r1", "別のタブへ");
        // Headless Chromium never hides a page; make this document say it is
        // hidden, as a real one does when another tab comes to the front.
        let doc = document();
        let hidden = js_sys::Object::new();
        js_sys::Reflect::set(&hidden, &"value".into(), &true.into()).unwrap();
        js_sys::Reflect::set(&hidden, &"configurable".into(), &true.into()).unwrap();
        js_sys::Object::define_property(&doc, &"hidden".into(), &hidden);
        window().dispatch_event(&web_sys::Event::new("visibilitychange").unwrap()).unwrap();
        js_sys::Reflect::delete_property(&doc, &"hidden".into()).unwrap();
        assert!(!doc.hidden());
        assert!(!store.pending());
        assert_eq!(stored_note("r1").as_deref(), Some("別のタブへ"));
        // Shown again while a change waits: it keeps waiting for its timer.
        note(&store, "r1", "戻った");
        window().dispatch_event(&web_sys::Event::new("visibilitychange").unwrap()).unwrap();
        assert!(store.pending());
        store.flush();
    }

    #[wasm_bindgen_test]
    async fn a_stale_page_writing_later_never_overwrites_newer_data() {
        clean();
        let stale = Store::open();
        start(&stale, "r1");
        note(&stale, "r1", "古いメモ");
        sleep(5).await;
        // Meanwhile another tab writes a newer note; this page missed it
        // (no storage event reached it, as with a frozen background tab).
        let newer = Store::open();
        note(&newer, "r1", "新しいメモ");
        newer.flush();
        stale.flush();
        assert_eq!(stored_note("r1").as_deref(), Some("新しいメモ"));
        let step = playbook().steps().next().unwrap().clone();
        let in_memory = stale.progress.with_untracked(|p| p.run("r1").unwrap().note(&step).to_owned());
        assert_eq!(in_memory, "新しいメモ", "the stale page now shows the newer note too");
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
        assert!(store.flush());
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
        let fillers = fill_storage();
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
    async fn a_failed_write_is_tried_again_by_itself() {
        clean();
        let store = Store::open();
        let fillers = fill_storage();
        start(&store, "r1");
        assert_eq!(store.health.get_untracked(), Health::WriteFailed);
        for key in &fillers[..4] {
            storage().remove_item(key).unwrap();
        }
        // No change and no button: the retry timer writes it.
        sleep(RETRY_MS as i32 + 300).await;
        assert_eq!(store.health.get_untracked(), Health::Ok);
        assert_eq!(stored().map(|p| p.live_runs().count()), Some(1));
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
        store.flush();
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
