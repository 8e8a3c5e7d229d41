//! A view built anew whenever its key changes.
//!
//! A reactive view (`move || view! { … }`) that shows another step, phase or
//! run updates the elements it built before in place. For most elements that
//! is right and cheap, but a form field the person typed in keeps what was
//! typed: a `<textarea>`'s text child only sets its default, so the note of
//! the previous step stayed in the box of the next one (issue 21). Wrapping
//! such a view in [`Keyed`] with the step's (phase's, run's) id drops the
//! old elements and builds fresh ones, so every field shows the values of
//! what is on screen.
//!
//! The key is a string and the view type-erased, so the keyed list is
//! compiled once for every use (each instance of `For` costs the wasm
//! several KB).

use std::sync::Arc;

use leptos::prelude::*;

/// Builds the view for a key.
type Build = Arc<dyn Fn(String) -> AnyView + Send + Sync>;

/// `children` for the current value of `key`, rebuilt from scratch when it
/// changes (a keyed list of one).
#[component]
pub fn Keyed(#[prop(into)] key: Signal<String>, children: Build) -> impl IntoView {
    view! { <For each=move || std::iter::once(key.get()) key=String::clone children=move |k| children(k) /> }
}

/// The `children` of [`Keyed`] from a closure.
pub fn build<V: IntoView + 'static>(f: impl Fn(String) -> V + Send + Sync + 'static) -> Build {
    Arc::new(move |k| f(k).into_any())
}
