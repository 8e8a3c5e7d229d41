//! Copying text on any host: the document's copy command on a selected
//! field, which works on plain `http://` (the async clipboard needs HTTPS).

use leptos::prelude::document;
use wasm_bindgen::JsCast;

/// Select the text of field `id` and copy it; false when the browser
/// refused (the text stays selected for Ctrl+C).
pub fn copy_field(id: &str) -> bool {
    let Some(input) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    else {
        return false;
    };
    let _ = input.focus();
    input.select();
    document().dyn_into::<web_sys::HtmlDocument>().ok().and_then(|d| d.exec_command("copy").ok()).unwrap_or(false)
}
