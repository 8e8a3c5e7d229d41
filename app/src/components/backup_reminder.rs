//! Reminds the team to export when work older than a week is only in this
//! browser; "export now" or "later" (a day).

use leptos::prelude::*;

use crate::Ctx;
use crate::storage::prefs::Prefs;
use crate::time::now;

const DAY: i64 = 24 * 60 * 60 * 1000;

#[component]
pub fn BackupReminder() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let snoozed = RwSignal::new(Prefs::load().snooze_until.is_some_and(|until| now() < until));
    let due = Memo::new(move |_| {
        let last = ctx.last_export.get();
        ctx.store.with(|p| p.backup_due(last, now()))
    });
    let export = move |_| crate::storage::backup::export_all(ctx, now());
    let later = move |_| {
        let until = now() + DAY;
        Prefs::update(|p| p.snooze_until = Some(until));
        snoozed.set(true);
    };
    move || {
        (due.get() && !snoozed.get()).then(|| {
            view! {
                <div class="banner reminder" role="status" data-testid="backup-reminder">
                    <p>{move || t().backup_due}</p>
                    <p class="banner-actions">
                        <button type="button" on:click=export>{move || t().backup_now}</button>
                        <button type="button" class="secondary" on:click=later>{move || t().backup_later}</button>
                    </p>
                </div>
            }
        })
    }
}
