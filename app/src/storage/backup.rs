//! Keeping a copy outside the browser: the export file, asking the browser
//! not to evict this site's storage, and when to remind the team.

use leptos::prelude::{GetUntracked, Set};
use tebiki::progress::{Export, Millis};
use wasm_bindgen::JsCast;

use super::prefs::Prefs;
use crate::Ctx;

/// Download everything this browser keeps (runs, and the playbooks kept
/// only here) as one file, and remember when.
pub fn export_all(ctx: Ctx, at: Millis) {
    let progress = ctx.store.with_untracked(Clone::clone);
    // Named after the first run started, and how many more (no sort: it
    // would bring a sort's code into the wasm for one name).
    let first = progress.live_runs().min_by_key(|r| r.created).map(|r| r.name.value.clone());
    let more = progress.live_runs().count().saturating_sub(1);
    let name = export_file_name(first.as_deref(), more, &crate::time::iso_date(at));
    let mut file = Export::new(progress, Some(ctx.lang.get_untracked()), at);
    // This browser's own playbooks too: a backup restores the runs of them.
    file.playbooks = ctx.local.shared();
    if crate::download::download(&name, "application/json", &file.to_json()) {
        Prefs::update(|p| p.last_export = Some(at));
        ctx.last_export.set(Some(at));
    }
}

/// Ask the browser to keep this site's storage under storage pressure
/// (`navigator.storage.persist()`), once per page. Browsers decide for
/// themselves (Chromium grants it to sites people use often); asking is free.
pub fn ask_to_persist() {
    thread_local!(static ASKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
    if ASKED.with(|a| a.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else { return };
    let get = |on: &wasm_bindgen::JsValue, key: &str| {
        js_sys::Reflect::get(on, &key.into()).ok().filter(|v| !v.is_undefined())
    };
    let storage = get(&window, "navigator").and_then(|n| get(&n, "storage"));
    let Some(storage) = storage else { return };
    let persist = get(&storage, "persist").and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    if let Some(persist) = persist {
        // The promise is left to settle; nothing waits on the answer.
        let _ = persist.call0(&storage);
    }
}

/// The export's file name, after what it holds: `tebiki-{run}-{date}.json`,
/// `tebiki-{first run} ほか {more} 件-{date}.json`, `tebiki-{date}.json` when
/// empty. Characters file systems refuse become `_`; a long name is cut.
pub fn export_file_name(first: Option<&str>, more: usize, date: &str) -> String {
    let Some(first) = first else { return format!("tebiki-{date}.json") };
    let name = safe(first);
    let name = if name.is_empty() { "tebiki".to_owned() } else { name };
    let more = if more > 0 { format!(" ほか {more} 件") } else { String::new() };
    format!("tebiki-{name}{more}-{date}.json")
}

/// A shared run's file name: `tebiki-{playbook}-{run}-{person}-{date}.json`
/// (the person left out while unnamed), so that a folder of the team's
/// files reads as a list of who shared what, when.
pub fn share_file_name(playbook: &str, run: &str, person: &str, date: &str) -> String {
    let parts: Vec<String> = [playbook, run, person].iter().map(|p| safe(p)).filter(|p| !p.is_empty()).collect();
    format!("tebiki-{}-{date}.json", parts.join("-"))
}

/// A run's calendar file: `tebiki-{run}.ics`, the same name every time, so
/// that one downloaded again replaces the one before.
pub fn calendar_file_name(run: &str) -> String {
    format!("tebiki-{}.ics", safe(run))
}

/// `text` for a file name: characters file systems refuse become `_`, at
/// most 40 characters, trimmed.
fn safe(text: &str) -> String {
    const MAX_CHARS: usize = 40;
    let name: String = text
        .trim()
        .chars()
        .map(|c| if c.is_control() || r#"/\:*?"<>|"#.contains(c) { '_' } else { c })
        .take(MAX_CHARS)
        .collect();
    name.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::{calendar_file_name, export_file_name, share_file_name};

    #[test]
    fn shared_runs_are_named_after_playbook_run_person_and_day() {
        let date = "2026-12-05";
        assert_eq!(
            share_file_name("hr-inquiry-desk", "人事部 パイロット", "山田 花子", date),
            "tebiki-hr-inquiry-desk-人事部 パイロット-山田 花子-2026-12-05.json"
        );
        assert_eq!(share_file_name("hr", "a/b", "", date), "tebiki-hr-a_b-2026-12-05.json");
    }

    #[test]
    fn a_run_s_calendar_has_one_name_whatever_the_day() {
        assert_eq!(calendar_file_name("人事部 パイロット"), "tebiki-人事部 パイロット.ics");
        assert_eq!(calendar_file_name(" a<b>:c "), "tebiki-a_b__c.ics");
    }

    #[test]
    fn export_files_are_named_after_their_runs() {
        let date = "2026-12-04";
        assert_eq!(export_file_name(None, 0, date), "tebiki-2026-12-04.json");
        assert_eq!(
            export_file_name(Some("人事部 2026 パイロット"), 0, date),
            "tebiki-人事部 2026 パイロット-2026-12-04.json"
        );
        assert_eq!(export_file_name(Some("人事部"), 2, date), "tebiki-人事部 ほか 2 件-2026-12-04.json");
        assert_eq!(export_file_name(Some("a/b:c?"), 0, date), "tebiki-a_b_c_-2026-12-04.json");
        assert_eq!(export_file_name(Some("  "), 0, date), "tebiki-tebiki-2026-12-04.json");
        let long = "あ".repeat(100);
        assert_eq!(export_file_name(Some(&long), 0, date).chars().count(), "tebiki--2026-12-04.json".len() + 40);
    }
}
