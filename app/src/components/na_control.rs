//! "Not applicable", always with a reason: mark a step or an item as not
//! applying to this team, or take that back.

use leptos::prelude::*;
use tebiki::progress::{Mark, ProgressError};

use crate::Ctx;

/// `id`: unique prefix for element ids; `subject`: what is marked, for labels;
/// `blocked`: why it cannot be marked now (a closed gate), said before any
/// reason is asked for.
#[component]
pub fn NaControl(
    id: String,
    #[prop(into)] subject: Signal<String>,
    #[prop(into)] mark: Signal<Mark>,
    apply: Callback<Mark, Result<(), ProgressError>>,
    #[prop(optional, into)] blocked: Signal<Option<String>>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let open = RwSignal::new(false);
    let reason = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let run = move |m: Mark| match apply.run(m) {
        Ok(()) => {
            error.set(None);
            open.set(false);
        }
        Err(e) => error.set(Some(e.message(ctx.lang.get_untracked()))),
    };
    let input_id = format!("{id}-reason");
    let error_id = format!("{id}-error");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        run(Mark::Na { reason: reason.get_untracked() });
    };
    view! {
        <div class="na">
            {move || match mark.get() {
                Mark::Na { reason: why } => view! {
                    <p class="na-state">
                        <span class="chip na-chip">{move || t().not_applicable}</span>
                        <span class="na-reason">{move || t().reason_label}"："{why}</span>
                        <button type="button" class="link" on:click=move |_| run(Mark::Open)>
                            {move || t().make_applicable}<span class="visually-hidden">{move || format!("：{}", subject.get())}</span>
                        </button>
                    </p>
                }.into_any(),
                _ if open.get() && blocked.with(Option::is_some) => view! {
                    <div class="na-form">
                        <p class="error" role="alert">{move || blocked.get()}</p>
                        <button type="button" class="secondary" on:click=move |_| open.set(false)>{move || t().cancel}</button>
                    </div>
                }.into_any(),
                _ if open.get() => {
                    let (input_id, error_id) = (input_id.clone(), error_id.clone());
                    view! {
                        <form class="na-form" on:submit=submit>
                            <label for=input_id.clone()>{move || (t().na_reason_for)(&subject.get())}</label>
                            <input id=input_id type="text" aria-required="true" autofocus
                                aria-describedby=error_id.clone()
                                prop:value=move || reason.get()
                                on:input=move |ev| reason.set(event_target_value(&ev)) />
                            <button type="submit">{move || t().mark_na}</button>
                            <button type="button" class="secondary" on:click=move |_| { open.set(false); error.set(None); }>{move || t().cancel}</button>
                            <p id=error_id class="error" role="alert">{move || error.get()}</p>
                        </form>
                    }.into_any()
                }
                _ => view! {
                    <button type="button" class="link" on:click=move |_| open.set(true)>
                        {move || t().mark_na_open}<span class="visually-hidden">{move || format!("：{}", subject.get())}</span>
                    </button>
                }.into_any(),
            }}
        </div>
    }
}

/// Mounted in real headless Chromium (wasm-bindgen-test; see `scripts/test`).
#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    use super::*;

    wasm_bindgen_test_configure!(run_in_browser);

    /// Let Leptos run its effects (they are scheduled as tasks).
    async fn tick() {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }

    fn find<T: JsCast>(selector: &str) -> T {
        document().query_selector(selector).unwrap().unwrap_or_else(|| panic!("no {selector}")).dyn_into().unwrap()
    }

    #[wasm_bindgen_test]
    async fn not_applicable_needs_a_reason_and_can_be_taken_back() {
        let mark = RwSignal::new(Mark::Open);
        let applied = RwSignal::new(Vec::<Mark>::new());
        leptos::mount::mount_to_body(move || {
            provide_context(crate::Ctx {
                lang: RwSignal::new(tebiki::Lang::Ja),
                nav: crate::nav::Nav::from_location(),
                prerendered: StoredValue::new(None),
                store: crate::storage::runs::Store::open(),
                toast: RwSignal::new(None),
                local: crate::storage::local::Library::open(),
                last_export: RwSignal::new(None),
            });
            // The same rule as the core: a reason is required.
            let apply = Callback::new(move |m: Mark| match &m {
                Mark::Na { reason } if reason.trim().is_empty() => Err(ProgressError::ReasonRequired),
                _ => {
                    applied.update(|a| a.push(m.clone()));
                    mark.set(m);
                    Ok(())
                }
            });
            view! { <NaControl id="t".to_owned() subject="FAQ を直す".to_owned() mark apply /> }
        });
        find::<web_sys::HtmlElement>(".na button").click();
        tick().await;
        let input: web_sys::HtmlInputElement = find("#t-reason");
        let label: web_sys::HtmlElement = find("label[for=t-reason]");
        assert_eq!(label.text_content().unwrap(), "「FAQ を直す」を対象外にする理由（必須）");
        find::<web_sys::HtmlElement>(".na-form button[type=submit]").click();
        tick().await;
        assert_eq!(
            find::<web_sys::HtmlElement>("#t-error").text_content().unwrap(),
            "対象外にする理由を入力してください。"
        );
        assert!(applied.get_untracked().is_empty(), "nothing applied without a reason");
        input.set_value("紙の申請はない");
        input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
        find::<web_sys::HtmlElement>(".na-form button[type=submit]").click();
        tick().await;
        assert_eq!(applied.get_untracked(), vec![Mark::Na { reason: "紙の申請はない".into() }]);
        assert!(find::<web_sys::HtmlElement>(".na-state").text_content().unwrap().contains("紙の申請はない"));
        find::<web_sys::HtmlElement>(".na-state button").click();
        tick().await;
        assert_eq!(mark.get_untracked(), Mark::Open);
    }
}
