//! Settings: the interface language, and this browser's data (export/import).

use leptos::prelude::*;
use tebiki::Lang;

use crate::Ctx;
use crate::components::data_transfer::DataTransfer;
use crate::components::who::WhoForm;
use crate::storage::prefs::Prefs;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    Effect::new(move |_| crate::set_title(ctx, t().settings_title));
    // The language is this browser's from now on, and the page opens in it
    // (each language's pages have their own address).
    let choose = move |ev: leptos::ev::Event| {
        let lang = match event_target_value(&ev).as_str() {
            "en" => Lang::En,
            _ => Lang::Ja,
        };
        Prefs::update(|p| p.lang = lang);
        if lang != ctx.nav.lang() {
            let _ = window().location().assign(&ctx.nav.here_in(lang));
        }
    };
    view! {
        <main class="page settings" id="main">
            <h1>{move || t().settings_title}</h1>
            <div class="field">
                <label for="lang">{move || t().language}</label>
                <select id="lang" aria-describedby="lang-help" on:change=choose>
                    <option value="ja" selected=move || ctx.lang.get() == Lang::Ja>"日本語"</option>
                    <option value="en" selected=move || ctx.lang.get() == Lang::En>"English"</option>
                </select>
                <p id="lang-help" class="help">{move || t().language_help}</p>
            </div>
            <section class="who" aria-labelledby="who-settings-title">
                <h2 id="who-settings-title">{move || t().who_title}</h2>
                <WhoForm id="who-settings" />
            </section>
            <DataTransfer />
        </main>
    }
}
