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

use std::hash::Hash;

use leptos::prelude::*;

/// `children` for the current value of `key`, rebuilt from scratch when it
/// changes (a keyed list of one).
#[component]
pub fn Keyed<F, K, C, V>(key: F, children: C) -> impl IntoView
where
    F: Fn() -> K + Send + Sync + 'static,
    K: Clone + Eq + Hash + Send + Sync + 'static,
    C: Fn(K) -> V + Send + Clone + 'static,
    V: IntoView + 'static,
{
    view! { <For each=move || std::iter::once(key()) key=|k: &K| k.clone() children /> }
}
