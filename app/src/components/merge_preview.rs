//! Taking in a colleague's file (or a whole export) by merging it: what is
//! new, what changes and what both sides changed, before anything changes;
//! the person picks a side for each conflict. The playbooks of the file's
//! runs are loaded first, to say what each change was in words, and a run
//! of a playbook neither the site nor this browser has is refused.

use leptos::prelude::*;
use tebiki::Playbook;
use tebiki::progress::{Conflict, Entry, Export, MergePreview, Side};

use crate::Ctx;
use crate::playbooks::Found;

/// Changes listed per run before "and N more".
const LISTED: usize = 5;

/// `None` while the playbooks load.
type Loaded = RwSignal<Option<Found>>;

fn load_playbooks(ctx: Ctx, export: StoredValue<Export>) -> Loaded {
    let loaded: Loaded = RwSignal::new(None);
    let ids: Vec<String> = export.with_value(|e| e.progress.runs.iter().map(|r| r.playbook.clone()).collect());
    wasm_bindgen_futures::spawn_local(async move {
        let carried = move |id: &str| export.try_with_value(|e| e.playbook_source(id).map(str::to_owned)).flatten();
        let found = crate::playbooks::find(ctx, ids, carried).await;
        let _ = loaded.try_set(Some(found));
    });
    loaded
}

/// One change in words: when, who, where, what.
fn line(ctx: Ctx, entry: &Entry, playbook: &Playbook) -> String {
    let t = ctx.t();
    let place = entry.step_in(playbook).map(|s| format!("「{}」 ", s.title)).unwrap_or_default();
    format!(
        "{} ・ {} ・ {place}{}",
        crate::time::date_time(entry.at, ctx.lang.get_untracked()),
        entry.who(t),
        entry.describe(playbook, t)
    )
}

/// The preview of merging `export` (read from the file `file`); `done` gets
/// the number of runs that changed once it is taken in.
#[component]
pub fn MergeView(export: StoredValue<Export>, file: String, done: Callback<usize>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let preview: Memo<MergePreview> =
        Memo::new(move |_| ctx.store.with(|p| export.with_value(|e| p.preview_merge(&e.progress))));
    let loaded = load_playbooks(ctx, export);
    let failed = RwSignal::new(None::<String>);
    let picks = RwSignal::new(preview.with_untracked(|p| p.conflicts().map(Conflict::newest).collect::<Vec<_>>()));
    let file = StoredValue::new(file);
    let merge = move |_| {
        // A playbook that came with the file is kept first: its runs need it.
        let carried: Vec<(String, Vec<String>)> = loaded.with_untracked(|l| {
            l.as_ref().map_or_else(Vec::new, |l| l.carried.iter().map(|id| (id.clone(), l.site.clone())).collect())
        });
        for (id, site) in carried {
            let source = export.with_value(|e| e.playbook_source(&id).map(str::to_owned)).unwrap_or_default();
            if let Err(message) = crate::components::clone_form::keep_local(ctx, source, &site) {
                failed.set(Some(message));
                return;
            }
        }
        let changed = preview.with_untracked(|p| p.runs.len());
        let chosen = picks.get_untracked();
        let theirs = export.with_value(|e| e.progress.clone());
        let name = file.get_value();
        let _ = ctx.store.change(|p, stamp| {
            p.merge_file(theirs, &chosen, &name, stamp);
            Ok(())
        });
        done.run(changed);
    };
    let unknown = move || loaded.with(|l| l.as_ref().map(Found::missing));

    view! {
        <div class="merge" data-testid="merge-preview">
            <h3>{move || t().merge_title}</h3>
            {move || match (loaded.with(Option::is_some), unknown()) {
                (false, _) => view! { <p>{move || t().loading}</p> }.into_any(),
                (true, Some(missing)) if !missing.is_empty() => view! {
                    <p class="error" data-testid="merge-unknown">{(t().merge_unknown_playbook)(&missing.join("、"))}</p>
                }.into_any(),
                _ => loaded.with(|l| {
                    let Some(playbooks) = l.as_ref() else { return ().into_any() };
                    let playbook_of = |id: &str| playbooks.get(id);
                    let carried: Vec<String> = playbooks
                        .carried
                        .iter()
                        .filter_map(|id| playbook_of(id).map(|p| (t().merge_carried_playbook)(&p.meta.title)))
                        .collect();
                    preview.with(|preview| {
                        if preview.is_empty() {
                            return view! { <p data-testid="merge-nothing">{t().merge_nothing}</p> }.into_any();
                        }
                        let mut index = 0;
                        let runs = preview.runs.iter().map(|run| {
                            let Some(playbook) = playbook_of(&run.playbook) else { return ().into_any() };
                            let heading = if run.new {
                                (t().merge_new_run)(&run.name, &playbook.meta.title)
                            } else {
                                (t().merge_changed_run)(&run.name, run.incoming.len())
                            };
                            let listed: Vec<String> =
                                run.incoming.iter().rev().take(LISTED).map(|e| line(ctx, e, playbook)).collect();
                            let more = run.incoming.len().saturating_sub(LISTED);
                            let conflicts = run.conflicts.iter().map(|c| {
                                let i = index;
                                index += 1;
                                let place = c.mine.step_in(playbook).map_or_else(
                                    || run.name.clone(),
                                    |s| s.title.clone(),
                                );
                                let name = format!("merge-pick-{i}");
                                let option = |side: Side, label: &'static str, entry: &Entry| {
                                    let text = line(ctx, entry, playbook);
                                    let name = name.clone();
                                    view! {
                                        <label class="pick">
                                            <input type="radio" name=name
                                                prop:checked=move || picks.with(|p| p.get(i) == Some(&side))
                                                on:change=move |_| picks.update(|p| if let Some(s) = p.get_mut(i) { *s = side; }) />
                                            <span><strong>{label}</strong>" "{text}</span>
                                        </label>
                                    }
                                };
                                view! {
                                    <fieldset class="conflict" data-testid="merge-conflict">
                                        <legend>{(t().merge_conflict_on)(&place)}</legend>
                                        {option(Side::Mine, t().merge_mine, &c.mine)}
                                        {option(Side::Theirs, t().merge_theirs, &c.theirs)}
                                    </fieldset>
                                }
                            }).collect_view();
                            let version = (run.version != playbook.meta.version)
                                .then(|| (t().merge_other_version)(run.version, playbook.meta.version));
                            view! {
                                <section class="merge-run" data-testid="merge-run">
                                    <h4>{heading}</h4>
                                    {version.map(|v| view! { <p class="help" data-testid="merge-version">{v}</p> })}
                                    <ul class="timeline">
                                        {listed.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}
                                    </ul>
                                    {(more > 0).then(|| view! { <p class="help">{(t().merge_more)(more)}</p> })}
                                    {(!run.conflicts.is_empty()).then(|| view! { <p class="warn-text">{t().merge_conflicts_lead}</p> })}
                                    {conflicts}
                                </section>
                            }.into_any()
                        }).collect_view();
                        view! {
                            {carried.into_iter().map(|c| view! { <p class="help" data-testid="merge-carried">{c}</p> }).collect_view()}
                            {runs}
                            {(preview.unchanged > 0).then(|| view! { <p class="help">{(t().merge_unchanged)(preview.unchanged)}</p> })}
                            <p class="help">{t().merge_keeps}</p>
                            <button type="button" on:click=merge data-testid="import-merge">{t().merge_confirm}</button>
                            <p class="error" role="alert">{move || failed.get()}</p>
                        }.into_any()
                    })
                }),
            }}
        </div>
    }
}
