//! Dates as people read them, in the interface language's conventions.

use tebiki::Lang;
use tebiki::progress::Millis;
use wasm_bindgen::JsValue;

/// `2026年11月21日 14:05` or `Nov 21, 2026, 2:05 PM`, from the browser's `Intl`.
pub fn date_time(at: Millis, lang: Lang) -> String {
    format(at, lang, true)
}

/// `2026年11月21日` or `Nov 21, 2026`.
pub fn date(at: Millis, lang: Lang) -> String {
    format(at, lang, false)
}

/// `2026-11-21`, for file names.
pub fn iso_date(at: Millis) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
    format!("{:04}-{:02}-{:02}", date.get_full_year(), date.get_month() + 1, date.get_date())
}

fn format(at: Millis, lang: Lang, with_time: bool) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(at as f64));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"dateStyle".into(), &"medium".into());
    if with_time {
        let _ = js_sys::Reflect::set(&options, &"timeStyle".into(), &"short".into());
    }
    let locale = match lang {
        Lang::Ja => "ja-JP",
        Lang::En => "en",
    };
    date.to_locale_string(locale, &options).into()
}
