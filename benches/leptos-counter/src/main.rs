//! One button that counts: what any Leptos CSR app costs before it does
//! anything. `scripts/bench-site` builds it with tebiki's release profile and
//! wasm-opt settings and reports its size beside tebiki's.

use leptos::prelude::*;

fn main() {
    mount_to_body(|| {
        let (count, set_count) = signal(0u32);
        view! {
            <button type="button" on:click=move |_| set_count.update(|n| *n += 1)>
                "count: " {count}
            </button>
        }
    });
}
