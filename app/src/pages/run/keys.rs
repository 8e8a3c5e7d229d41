//! The run screen's keyboard: next / previous step, done, list, help. Keys
//! do nothing while the person types (text fields, selects, editable
//! content) or holds a modifier, so a shortcut never eats a letter.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// What a key asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// `→` or `j`.
    Next,
    /// `←` or `k`.
    Previous,
    /// `x`: complete (or reopen) the step shown.
    Toggle,
    /// `l`: switch between the guided view and the list.
    List,
    /// `?`: show or hide the shortcuts.
    Help,
}

impl Key {
    /// The key `key` (a `KeyboardEvent.key`) stands for.
    pub fn from_key(key: &str) -> Option<Key> {
        match key {
            "ArrowRight" | "j" => Some(Key::Next),
            "ArrowLeft" | "k" => Some(Key::Previous),
            "x" => Some(Key::Toggle),
            "l" => Some(Key::List),
            "?" => Some(Key::Help),
            _ => None,
        }
    }
}

/// Whether `element` takes typed text (check boxes and buttons do not:
/// shortcuts still work there).
fn takes_text(element: &web_sys::Element) -> bool {
    match element.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(
            element.get_attribute("type").as_deref(),
            Some("checkbox" | "radio" | "button" | "submit" | "reset")
        ),
        _ => element.closest("[contenteditable]").ok().flatten().is_some(),
    }
}

/// Call `handle` for every shortcut pressed while the current owner lives;
/// when it returns true the browser's own action for the key is prevented.
pub fn listen(handle: impl Fn(Key) -> bool + 'static) {
    let listener = window_event_listener(ev::keydown, move |event: web_sys::KeyboardEvent| {
        if event.ctrl_key() || event.meta_key() || event.alt_key() || event.default_prevented() {
            return;
        }
        let typing = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).is_some_and(|e| takes_text(&e));
        if typing {
            return;
        }
        if let Some(key) = Key::from_key(&event.key())
            && handle(key)
        {
            event.prevent_default();
        }
    });
    on_cleanup(move || listener.remove());
}

#[cfg(test)]
mod tests {
    use super::Key;

    #[test]
    fn keys_map_to_what_the_shortcuts_list_says() {
        assert_eq!(Key::from_key("ArrowRight"), Some(Key::Next));
        assert_eq!(Key::from_key("j"), Some(Key::Next));
        assert_eq!(Key::from_key("ArrowLeft"), Some(Key::Previous));
        assert_eq!(Key::from_key("k"), Some(Key::Previous));
        assert_eq!(Key::from_key("x"), Some(Key::Toggle));
        assert_eq!(Key::from_key("l"), Some(Key::List));
        assert_eq!(Key::from_key("?"), Some(Key::Help));
        for other in ["J", "X", "Enter", " ", "a"] {
            assert_eq!(Key::from_key(other), None, "{other}");
        }
    }
}
