//! Every word the interface shows, once per language: the app's components,
//! the generator's pre-rendered pages, the success record and the overview
//! markup all take their text from [`Texts`], so one change of a word (see
//! docs/glossary.md) reaches every place it is shown. Messages of the core's
//! errors and diagnostics are written beside the error they describe.

use crate::Lang;

mod en;
mod ja;

/// All interface strings of one language. Each field is named for what it
/// labels; `ja.rs` and `en.rs` hold the words.
#[allow(missing_docs)]
pub struct Texts {
    pub lang: Lang,
    /// The name of the `pilot-start` gate.
    pub pilot_gate: &'static str,
    /// The name of the `rollout-go` gate.
    pub rollout_gate: &'static str,
    pub site: &'static str,
    pub skip_to_content: &'static str,
    /// Said at the bottom of every page when a new build of the site is ready
    /// (where a service worker keeps it for offline use), with [`Texts::update_reload`].
    pub update_available: &'static str,
    /// The button that switches to the new build and reloads the page.
    pub update_reload: &'static str,
    pub nav_label: &'static str,
    pub nav_catalog: &'static str,
    pub nav_settings: &'static str,
    pub catalog_title: &'static str,
    pub catalog_lead: &'static str,
    pub catalog_empty: &'static str,
    pub site_description: &'static str,
    pub settings_needs_script: &'static str,
    /// The editor page: its title, lead and the words without script.
    pub editor_title: &'static str,
    pub editor_lead: &'static str,
    pub editor_needs_script: &'static str,
    /// The text field, and where its text comes from.
    pub editor_source: &'static str,
    pub editor_open: &'static str,
    pub editor_template: &'static str,
    pub editor_replaced: &'static str,
    pub editor_kept: &'static str,
    /// The checks' result.
    pub editor_result: &'static str,
    pub editor_clean: &'static str,
    pub editor_counts: fn(usize, usize) -> String,
    /// A problem's button that puts the text field's cursor at its place.
    pub editor_go_to: &'static str,
    /// What to do with the playbook.
    pub editor_use: &'static str,
    pub editor_use_blocked: &'static str,
    pub editor_download: &'static str,
    /// The catalog's link to the editor.
    pub editor_link: &'static str,
    /// 設定's button that takes a playbook file it could not add to the editor.
    pub editor_fix: &'static str,
    /// The result while the draft is empty.
    pub editor_empty: &'static str,
    /// The template's title and department, and asking before a draft is replaced.
    pub editor_template_title: &'static str,
    pub editor_template_department: &'static str,
    pub editor_replace_ask: &'static str,
    pub editor_replace: &'static str,
    /// The editor's link to the format reference (`format/`), opened beside it.
    pub editor_format: &'static str,
    /// The editor's way to start from a copy of a site's or this browser's playbook.
    pub editor_clone_summary: &'static str,
    pub editor_clone_from: &'static str,
    pub editor_clone_start: &'static str,
    /// After a local playbook's title in the editor's list of playbooks to copy.
    pub editor_clone_local: &'static str,
    /// The editor's preview of the playbook's page, as the site shows it.
    pub editor_preview: &'static str,
    pub editor_preview_blocked: &'static str,
    /// The clone form's hand-over of the copy just made to the editor.
    pub clone_edit: &'static str,
    /// The format reference's page (`format/`).
    pub format_title: &'static str,
    pub format_description: &'static str,
    pub settings_description: &'static str,
    pub filters_label: &'static str,
    pub search_label: &'static str,
    pub search_hint: &'static str,
    pub department_label: &'static str,
    pub all_departments: &'static str,
    pub tag_label: &'static str,
    pub all_tags: &'static str,
    pub showing: fn(usize, usize) -> String,
    pub no_match: &'static str,
    pub clear_filters: &'static str,
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub retry: &'static str,
    pub steps: fn(usize) -> String,
    pub version: fn(u32) -> String,
    pub theme: &'static str,
    pub owner: &'static str,
    pub version_label: &'static str,
    pub cloned_from: &'static str,
    pub breadcrumb: &'static str,
    pub scope: &'static str,
    pub exceptions: &'static str,
    pub no_exceptions: &'static str,
    pub work: &'static str,
    pub reason: &'static str,
    pub approvers: &'static str,
    pub role: &'static str,
    pub gates: &'static str,
    pub metrics: &'static str,
    pub metric: &'static str,
    pub baseline: &'static str,
    pub target: &'static str,
    /// A target written as a change from the start: (`-20%`).
    pub target_change: fn(&str) -> String,
    pub better: &'static str,
    pub higher_better: &'static str,
    pub lower_better: &'static str,
    pub how_measured: &'static str,
    pub not_recorded: &'static str,
    /// In place of a baseline: the metric starts with the pilot.
    pub from_pilot: &'static str,
    /// Under a metric tebiki counts from the returns at approvals.
    pub counts_send_backs: &'static str,
    pub responsible: &'static str,
    pub approval_of: &'static str,
    pub records: &'static str,
    pub inventory_sheet: &'static str,
    pub playbook_invalid: &'static str,
    pub not_found_title: &'static str,
    pub not_found_text: &'static str,
    pub back_to_catalog: &'static str,
    pub settings_title: &'static str,
    pub language: &'static str,
    pub language_help: &'static str,
    pub done_of: fn(usize, usize, u32) -> String,
    pub overall: &'static str,
    pub latest_run: &'static str,
    pub runs_here: fn(usize, &str) -> String,
    pub restored: &'static str,
    pub undo: &'static str,
    pub dismiss: &'static str,
    pub storage_unavailable: &'static str,
    pub storage_full: &'static str,
    pub storage_newer: &'static str,
    pub storage_unreadable: &'static str,
    pub storage_unreadable_kept: &'static str,
    pub download_unreadable: &'static str,
    pub retry_save: &'static str,
    pub export_now: &'static str,
    pub runs_title: &'static str,
    pub runs_empty: &'static str,
    pub run_name: &'static str,
    pub save: &'static str,
    pub cancel: &'static str,
    pub deleted: fn(&str) -> String,
    pub run_meta: fn(&str, u32) -> String,
    pub delete_run: &'static str,
    pub confirm_delete: fn(&str) -> String,
    pub rename: &'static str,
    pub delete: &'static str,
    pub default_run_name: fn(&str, u32) -> String,
    pub new_run_name: &'static str,
    pub new_run_help: &'static str,
    pub start_run: &'static str,
    pub phase_map: &'static str,
    pub phase_number: fn(usize) -> String,
    pub not_applicable: &'static str,
    pub reason_label: &'static str,
    pub make_applicable: &'static str,
    pub na_reason_for: fn(&str) -> String,
    pub mark_na: &'static str,
    pub mark_na_open: &'static str,
    pub note: &'static str,
    pub note_help: &'static str,
    pub status_open: &'static str,
    pub status_done: &'static str,
    pub checklist: &'static str,
    pub reopen_step: &'static str,
    pub complete_step: &'static str,
    pub step_list: &'static str,
    pub shortcuts_title: &'static str,
    pub key_next: &'static str,
    pub key_prev: &'static str,
    pub key_done: &'static str,
    pub key_list: &'static str,
    pub key_help: &'static str,
    pub keys_note: &'static str,
    pub run_missing_title: &'static str,
    pub run_missing_text: &'static str,
    pub back_to_playbook: &'static str,
    pub run_label: &'static str,
    pub view_label: &'static str,
    pub view_guided: &'static str,
    pub view_list: &'static str,
    pub print_run: &'static str,
    pub print_phase: fn(&str) -> String,
    pub print_all: &'static str,
    pub run_complete: &'static str,
    pub phase_complete: fn(&str) -> String,
    pub go_to_phase: fn(&str) -> String,
    pub step_position: fn(usize, usize) -> String,
    pub pager_label: &'static str,
    pub prev_step: &'static str,
    pub next_step: &'static str,
    pub data_title: &'static str,
    pub data_lead: &'static str,
    pub export_button: &'static str,
    pub import_label: &'static str,
    pub import_help: &'static str,
    pub import_unreadable: &'static str,
    pub import_failed: &'static str,
    pub import_done: fn(usize) -> String,
    /// After an import that set the language: the language's name.
    pub import_lang: fn(&str) -> String,
    pub import_preview: &'static str,
    pub import_summary: fn(usize, &str) -> String,
    pub steps_done: fn(usize) -> String,
    pub import_replaces: fn(usize) -> String,
    pub import_loses: fn(usize) -> String,
    pub file_is_playbook: fn(&str) -> String,
    /// A playbook file with errors, not added: the file's name, errors, warnings.
    pub playbook_problems: fn(&str, usize, usize) -> String,
    /// A playbook file that can be used, with warnings: how many.
    pub playbook_warnings: fn(usize) -> String,
    /// Where a problem is: line and column (characters), from 1.
    pub problem_at: fn(u32, u32) -> String,
    /// The two kinds of problem.
    pub severity_error: &'static str,
    pub severity_warning: &'static str,
    /// A problem about the file as a whole (no line to show).
    pub problem_whole_file: &'static str,
    pub add_to_browser: &'static str,
    pub file_is_table: &'static str,
    pub import_confirm: &'static str,
    // Taking in a colleague's file by merging.
    pub merge_title: &'static str,
    pub merge_unknown_playbook: fn(&str) -> String,
    pub merge_nothing: &'static str,
    pub merge_new_run: fn(&str, &str) -> String,
    pub merge_changed_run: fn(&str, usize) -> String,
    pub merge_more: fn(usize) -> String,
    pub merge_conflicts_lead: &'static str,
    pub merge_conflict_on: fn(&str) -> String,
    pub merge_mine: &'static str,
    pub merge_theirs: &'static str,
    pub merge_unchanged: fn(usize) -> String,
    pub merge_keeps: &'static str,
    pub merge_confirm: &'static str,
    pub merge_done: fn(usize) -> String,
    pub merge_carried_playbook: fn(&str) -> String,
    pub merge_other_version: fn(u32, u32) -> String,
    pub replace_title: &'static str,
    pub share_run: &'static str,
    pub share_help: &'static str,
    pub share_done: fn(&str) -> String,
    pub view_record: &'static str,
    pub worksheet_title: &'static str,
    /// 判断 / 転記 / 案内, in `TaskKind::ALL` order.
    pub task_kinds: [&'static str; 3],
    /// How each kind is best approached with AI, in `TaskKind::ALL` order.
    pub task_approaches: [&'static str; 3],
    /// The worksheet's column headings, in `Field::ALL` order.
    pub task_fields: [&'static str; 11],
    /// The empty choice of the data a task handles.
    pub data_not_said: &'static str,
    pub data_help: &'static str,
    pub check_minutes_help: &'static str,
    /// The classes of data a task handles, in `DataClass::ALL` order.
    pub data_classes: [&'static str; 3],
    /// A pilot candidate's hours a month.
    pub reason_hours: fn(&str) -> String,
    /// How each kind suits a first pilot, in `TaskKind::ALL` order.
    pub reason_kinds: [&'static str; 3],
    /// Hours a month left after checking every draft.
    pub reason_after_check: fn(&str) -> String,
    pub reason_no_gain: &'static str,
    pub reason_single_owner: &'static str,
    /// The exception rate in percent.
    pub reason_exceptions: fn(&str) -> String,
    pub reason_paper: &'static str,
    pub reason_data_unknown: &'static str,
    pub reason_personal: &'static str,
    pub reason_sensitive: &'static str,
    /// After replacing the worksheet: (removed, imported).
    pub imported_replace: fn(usize, usize) -> String,
    /// After updating matching tasks: (updated, added).
    pub imported_update: fn(usize, usize) -> String,
    /// After adding every row: (added).
    pub imported_add: fn(usize) -> String,
    pub worksheet_help: &'static str,
    pub worksheet_empty: &'static str,
    pub hours_per_month: &'static str,
    pub actions: &'static str,
    pub single_owner: &'static str,
    pub edit: &'static str,
    pub edit_task: fn(&str) -> String,
    pub remove: &'static str,
    pub remove_task: fn(&str) -> String,
    pub task_removed: fn(&str) -> String,
    pub add_task_title: &'static str,
    pub edit_task_title: &'static str,
    pub add_task: &'static str,
    pub choose: &'static str,
    pub sources: &'static [&'static str],
    pub import_title: &'static str,
    pub paste_label: &'static str,
    pub paste_help: &'static str,
    pub paste_add: &'static str,
    pub rows_matching: fn(usize, usize, usize) -> String,
    pub rows_update: &'static str,
    pub rows_add_all: &'static str,
    pub csv_import: &'static str,
    pub csv_help: &'static str,
    pub csv_preview: fn(usize) -> String,
    pub csv_append: &'static str,
    pub csv_replace: &'static str,
    pub csv_export: &'static str,
    pub summary_title: &'static str,
    pub task_count: &'static str,
    pub approach: &'static str,
    pub total: &'static str,
    pub single_owner_count: fn(usize) -> String,
    pub ranking_title: &'static str,
    pub ranking_help: &'static str,
    pub pick_theme: &'static str,
    pub pick_theme_for: fn(&str) -> String,
    pub theme_chosen: &'static str,
    pub theme_label: &'static str,
    pub theme_clear: &'static str,
    pub theme_none: &'static str,
    pub source_baseline: fn(&str) -> String,
    pub not_a_quantity: fn(&str, &str) -> String,
    pub playbook_target: fn(&str) -> String,
    pub chart_label: fn(&str, &str, &str, &str) -> String,
    pub reached: &'static str,
    pub improved: &'static str,
    pub not_improved: &'static str,
    pub not_measured: &'static str,
    pub no_change_yet: &'static str,
    pub measurements: &'static str,
    pub date: &'static str,
    pub value: &'static str,
    pub latest: &'static str,
    pub add_measurement: &'static str,
    pub remove_measurement: fn(&str) -> String,
    pub gate_col: &'static str,
    pub gate_open: fn(&str) -> String,
    pub gate_closed: fn(&str) -> String,
    pub blocked_by: fn(&str) -> String,
    pub na_blocked_by: fn(&str) -> String,
    pub sign_who: fn(&str) -> String,
    pub missing_baseline: fn(&str) -> String,
    pub missing_prerequisite: &'static str,
    pub orphaned_metrics: &'static str,
    pub decision_open: &'static str,
    pub decision_title: &'static str,
    pub criterion_met: &'static str,
    pub criterion_not_met: &'static str,
    pub stop_reached: &'static str,
    pub stop_not_reached: &'static str,
    pub for_approvers: &'static str,
    /// A criterion's status with the latest value: (status, value and unit).
    pub with_latest: fn(&str, &str) -> String,
    pub decision_print: &'static str,
    pub decision_none: &'static str,
    pub decision_what: &'static str,
    pub decision_run: &'static str,
    pub decision_what_text: fn(&str) -> String,
    pub decision_purpose: &'static str,
    pub decision_cost: &'static str,
    pub decision_when: &'static str,
    pub decision_go: &'static str,
    pub decision_stop: &'static str,
    pub decision_status: &'static str,
    pub decision_risk: &'static str,
    pub decision_info: &'static str,
    pub decision_response: &'static str,
    pub prereq_title: &'static str,
    pub prereq_not_confirmed: &'static str,
    pub prereq_intro: fn(&str) -> String,
    pub prereq_met_here: fn(&str, &str) -> String,
    pub prereq_met_elsewhere: fn(&str, &str, &str) -> String,
    pub prereq_found: fn(&str, &str) -> String,
    pub prereq_use_found: &'static str,
    pub prereq_none_here: &'static str,
    pub prereq_open: &'static str,
    pub prereq_unavailable: &'static str,
    pub prereq_elsewhere: &'static str,
    pub prereq_by: &'static str,
    pub prereq_date: &'static str,
    pub prereq_reference: &'static str,
    pub prereq_record: &'static str,
    pub prereq_clear: &'static str,
    pub prereq_typed: &'static str,
    pub missing_signature: fn(&str) -> String,
    pub signer: &'static str,
    pub signer_entered: &'static str,
    pub comment: &'static str,
    pub comment_optional: &'static str,
    pub sign: &'static str,
    pub unsign: &'static str,
    pub signed_on_older: fn(u32) -> String,
    pub record_title: &'static str,
    pub record_lead: &'static str,
    pub print_record: &'static str,
    pub download_record: &'static str,
    pub playbook_label: &'static str,
    pub made_on: &'static str,
    pub pilot_theme: &'static str,
    pub progress: &'static str,
    pub older_version: &'static str,
    pub result: &'static str,
    pub list_separator: &'static str,
    pub tool_cost_monthly: &'static str,
    pub decision_heading: fn(&str) -> String,
    pub exceptions_met: &'static str,
    pub none: &'static str,
    pub approvals_title: &'static str,
    pub approval_box: &'static str,
    pub not_signed: &'static str,
    /// An empty approval row of the markdown record.
    pub not_signed_cell: &'static str,
    pub inventory_summary: &'static str,
    pub inventory_totals: fn(usize, &str) -> String,
    pub notes_title: &'static str,
    pub roi_title: &'static str,
    pub roi_help: &'static str,
    pub hourly_cost: &'static str,
    pub tool_cost: &'static str,
    pub hours_saved: &'static str,
    pub hours_saved_help: &'static str,
    pub monthly_value: &'static str,
    pub net: &'static str,
    pub roi_from_metric: fn(&str) -> String,
    pub clone_title: &'static str,
    pub clone_help: &'static str,
    pub clone_department: &'static str,
    pub clone_id: &'static str,
    pub clone_id_help: &'static str,
    pub clone_new_title: &'static str,
    pub clone_rename: &'static str,
    pub clone_taken_site: fn(&str) -> String,
    pub clone_use_free: fn(&str) -> String,
    pub clone_summary: &'static str,
    pub run_baselines: fn(&str) -> String,
    pub clone_download: &'static str,
    pub clone_done: fn(&str) -> String,
    pub clone_bad_id: &'static str,
    pub clone_need_department: &'static str,
    pub local_offer: &'static str,
    pub keep_local: &'static str,
    pub local_added: &'static str,
    pub open_local: &'static str,
    pub local_taken: fn(&str) -> String,
    pub local_full: &'static str,
    pub local_storage_failed: &'static str,
    pub local_title: &'static str,
    pub local_help: &'static str,
    pub local_badge: &'static str,
    pub local_note: &'static str,
    pub remove_local: fn(&str) -> String,
    pub local_removed: fn(&str) -> String,
    pub drift_title: fn(u32, u32) -> String,
    pub drift_lead: &'static str,
    pub drift_changed: &'static str,
    pub drift_added: &'static str,
    pub drift_renamed: fn(&str, bool) -> String,
    pub drift_removed: &'static str,
    pub drift_accept: &'static str,
    pub drift_accept_one: fn(&str) -> String,
    pub drift_accept_all: fn(u32, u32) -> String,
    pub orphaned_title: &'static str,
    pub orphaned_help: &'static str,
    pub orphaned_items: fn(usize) -> String,
    pub backup_due: &'static str,
    pub backup_now: &'static str,
    pub backup_later: &'static str,
    /// The heading of what to prepare before the first step.
    pub prepare: &'static str,
    /// Before the expected effort.
    pub effort: &'static str,
    // Who makes the changes in this browser (a name, never verified).
    pub who_title: &'static str,
    pub who_lead: &'static str,
    pub who_name: &'static str,
    pub who_role: &'static str,
    pub who_role_example: &'static str,
    pub who_save: &'static str,
    pub who_later: &'static str,
    pub who_saved: fn(&str) -> String,
    pub who_unnamed: &'static str,
    pub who_not_kept: &'static str,
    pub who_change_in_settings: &'static str,
    // The history of a run.
    pub view_history: &'static str,
    pub history_title: &'static str,
    pub history_lead: &'static str,
    pub history_step: &'static str,
    pub history_person: &'static str,
    pub history_all_steps: &'static str,
    pub history_all_people: &'static str,
    pub history_empty: &'static str,
    pub history_when: &'static str,
    pub history_what: &'static str,
    pub history_shown: fn(usize, usize) -> String,
    pub history_more: &'static str,
    pub history_latest: fn(usize, usize) -> String,
    pub ev_started: fn(&str) -> String,
    pub ev_renamed: fn(&str) -> String,
    pub ev_deleted: &'static str,
    pub ev_restored: &'static str,
    pub ev_step_done: &'static str,
    pub ev_step_open: &'static str,
    pub ev_step_na: fn(&str) -> String,
    pub ev_item_done: fn(&str) -> String,
    pub ev_item_open: fn(&str) -> String,
    pub ev_item_na: fn(&str, &str) -> String,
    pub ev_note: fn(&str) -> String,
    pub ev_note_cleared: &'static str,
    pub ev_task_set: fn(&str) -> String,
    pub ev_task_removed: &'static str,
    pub ev_theme: fn(&str, &str) -> String,
    pub ev_theme_cleared: &'static str,
    pub ev_baseline: fn(&str, &str) -> String,
    pub ev_baseline_cleared: fn(&str) -> String,
    pub ev_target: fn(&str, &str) -> String,
    pub ev_target_cleared: fn(&str) -> String,
    pub ev_measured: fn(&str, &str, &str) -> String,
    pub ev_unmeasured: fn(&str) -> String,
    pub ev_approved: fn(&str, &str) -> String,
    pub ev_withdrawn: fn(&str) -> String,
    pub ev_prerequisite_met: &'static str,
    pub ev_prerequisite_cleared: &'static str,
    pub ev_roi: &'static str,
    /// The people of a role named: role, people.
    pub ev_owner: fn(&str, &str) -> String,
    /// Nobody named for a role any more: role.
    pub ev_owner_cleared: fn(&str) -> String,
    pub ev_accepted_step: &'static str,
    pub ev_imported: fn(&str) -> String,
    pub ev_accepted_version: fn(u32) -> String,
    pub nav_dashboard: &'static str,
    pub dash_title: &'static str,
    pub dash_needs_script: &'static str,
    pub dash_description: &'static str,
    pub dash_lead: &'static str,
    pub dash_folder_label: &'static str,
    pub dash_folder_help: &'static str,
    pub dash_reading: fn(usize) -> String,
    pub dash_folder_read: fn(&str, usize, usize) -> String,
    pub dash_folder_problems: &'static str,
    pub dash_folder_skipped: fn(usize) -> String,
    pub dash_folder_empty: &'static str,
    pub dash_folder_close: &'static str,
    pub dash_take_in: &'static str,
    pub dash_take_in_help: &'static str,
    pub dash_filter_department: &'static str,
    pub dash_filter_source: &'static str,
    pub dash_all_sources: &'static str,
    pub dash_sort_label: &'static str,
    pub dash_sort_department: &'static str,
    pub dash_sort_progress: &'static str,
    pub dash_sort_last: &'static str,
    pub dash_sort_waiting: &'static str,
    pub dash_sort_overdue: &'static str,
    pub dash_source_here: &'static str,
    pub dash_source_folder: &'static str,
    pub dash_source_both: &'static str,
    pub dash_count: fn(usize, usize) -> String,
    pub dash_empty: &'static str,
    pub dash_no_match: &'static str,
    pub dash_csv: &'static str,
    pub dash_print: &'static str,
    pub dash_as_of: fn(&str) -> String,
    pub dash_unknown_playbooks: fn(&str) -> String,
    pub dash_col_run: &'static str,
    pub dash_col_phase: &'static str,
    pub dash_col_progress: &'static str,
    pub dash_col_next: &'static str,
    pub dash_col_gates: &'static str,
    pub dash_col_metric: &'static str,
    pub dash_col_last: &'static str,
    pub dash_col_source: &'static str,
    pub dash_all_gates_met: &'static str,
    pub dash_finished: &'static str,
    pub dash_missing_baselines: fn(usize) -> String,
    pub dash_gate_waits: fn(&str, &str) -> String,
    pub dash_metric_unmeasured: fn(&str) -> String,
    pub dash_metric_no_start: fn(&str) -> String,
    pub dash_metric_none: &'static str,
    pub status_link: &'static str,
    pub status_link_help: &'static str,
    pub status_link_label: &'static str,
    pub status_copy: &'static str,
    pub status_copied: &'static str,
    pub status_copy_failed: &'static str,
    pub status_try: &'static str,
    pub status_length: fn(usize) -> String,
    pub status_close: &'static str,
    pub status_title: &'static str,
    pub status_banner: fn(&str, &str) -> String,
    pub status_by_role: fn(&str) -> String,
    pub status_read_only: &'static str,
    pub status_summarised: &'static str,
    pub status_local: &'static str,
    pub status_open_playbook: &'static str,
    pub status_phases: &'static str,
    pub status_gates: &'static str,
    pub status_more: fn(u32) -> String,
    pub status_no_metrics: &'static str,
    pub status_error_title: &'static str,
    pub status_error_missing: &'static str,
    pub status_error_newer: fn(u32) -> String,
    pub status_error_too_large: fn(usize) -> String,
    pub status_error_truncated: &'static str,
    pub status_error_damaged: &'static str,
    pub status_error_hint: &'static str,
    pub status_needs_script: &'static str,
    pub status_change: &'static str,
    pub status_verdict: &'static str,
    pub status_qr_title: &'static str,
    pub status_qr_caption: fn(&str) -> String,
    pub status_qr_label: &'static str,
    /// The CSV's headings, in its column order.
    pub dash_headings: [&'static str; 15],
    /// A role and the people who take it on, or that nobody is named yet.
    pub owner_of: fn(&str, Option<&str>) -> String,
    /// Nobody named for a role yet.
    pub unassigned: &'static str,
    /// The owners panel's title, with how many roles nobody is named for (unassigned, all).
    pub owners_summary: fn(usize, usize) -> String,
    pub owners_help: &'static str,
    pub owners_saved: &'static str,
    /// The record's section of who took on each role, and its column of people.
    pub owners_title: &'static str,
    pub owners_col: &'static str,
    /// After a role the playbook no longer names.
    pub owners_earlier_role: &'static str,
    /// The run's view of the steps of the roles naming this browser's person.
    pub view_mine: &'static str,
    pub mine_title: &'static str,
    /// Whose steps these are: the name.
    pub mine_who: fn(&str) -> String,
    pub mine_unnamed: &'static str,
    /// No role names this person: the name.
    pub mine_none: fn(&str) -> String,
    /// A start set or cleared: the phase's name (`None`: the run's), the day (`None`: cleared).
    pub ev_start: fn(Option<&str>, Option<&str>) -> String,
    /// A step's date set or moved: the day (`None`: back to the playbook's).
    /// Sent back at an approval: the reason, how many steps reopened.
    pub ev_sent_back: fn(&str, usize) -> String,
    /// The record's section of returns at approvals, and its columns.
    pub returns_title: &'static str,
    pub returns_cols: [&'static str; 5],
    /// Sending back at an approval.
    pub send_back: &'static str,
    /// A return counts toward these metrics (their names, joined).
    pub send_back_counted: fn(&str) -> String,
    pub send_back_help: &'static str,
    pub send_back_reason: &'static str,
    pub send_back_steps: &'static str,
    pub send_back_submit: &'static str,
    pub send_back_done: &'static str,
    /// A reopened step's notice: the reason, who, when.
    pub sent_back_notice: fn(&str, &str, &str) -> String,
    /// An approval's list of its returns: how many.
    pub returns_at_gate: fn(usize) -> String,
    /// A comment written or edited: its text; deleted.
    pub ev_comment: fn(&str) -> String,
    pub ev_comment_deleted: &'static str,
    /// Evidence added: its label (or address); removed.
    pub ev_evidence: fn(&str) -> String,
    pub ev_evidence_removed: &'static str,
    /// Comments on a step.
    pub comments_title: &'static str,
    pub comment_new: &'static str,
    pub comment_post: &'static str,
    pub comment_edit: &'static str,
    pub comment_save: &'static str,
    pub comment_cancel: &'static str,
    pub comment_delete: &'static str,
    pub comment_edited: &'static str,
    /// Evidence on a step.
    pub evidence_title: &'static str,
    pub evidence_help: &'static str,
    pub evidence_target: &'static str,
    pub evidence_label: &'static str,
    pub evidence_add: &'static str,
    pub evidence_copy: &'static str,
    pub evidence_copied: &'static str,
    pub evidence_copy_failed: &'static str,
    pub evidence_remove: &'static str,
    /// The record's section of evidence, and its columns.
    pub evidence_cols: [&'static str; 3],
    pub ev_due: fn(Option<&str>) -> String,
    /// Where a step stands against its date.
    pub due_label: &'static str,
    /// The phases' names, in order (inventory, pilot, rollout).
    pub phase_names: [&'static str; 3],
    /// The overview's label of a step's due-date guide.
    pub due_guide: &'static str,
    pub due_next: &'static str,
    pub due_on_track: &'static str,
    pub due_soon: &'static str,
    pub due_overdue: &'static str,
    /// How the playbook counts a date: the span, and the phase's name (`None`: from the run's start).
    pub due_rule: fn(&str, Option<&str>) -> String,
    /// A repeating step: the span between two times, how many times.
    pub due_repeat: fn(&str, u32) -> String,
    /// After a date the team set or moved.
    pub due_moved: &'static str,
    /// The step's fold with its date and meeting-time fields.
    pub due_edit: &'static str,
    pub due_change: &'static str,
    pub due_reset: &'static str,
    pub due_save: &'static str,
    pub due_saved: &'static str,
    /// The run's schedule view.
    pub view_schedule: &'static str,
    pub schedule_title: &'static str,
    pub schedule_help: &'static str,
    pub schedule_none: &'static str,
    pub schedule_run_start: &'static str,
    /// A phase's start: the phase's name.
    pub schedule_phase_start: fn(&str) -> String,
    /// Where a start comes from.
    pub start_from_set: &'static str,
    pub start_from_created: &'static str,
    pub start_from_run: &'static str,
    pub start_from_work: &'static str,
    pub start_from_planned: &'static str,
    pub schedule_col_step: &'static str,
    pub schedule_col_date: &'static str,
    pub schedule_col_state: &'static str,
    /// How many steps are overdue and soon due (both may be 0).
    pub schedule_alerts: fn(usize, usize) -> String,
    /// The calendar file.
    pub ics_download: &'static str,
    pub ics_help: &'static str,
    pub ics_done: &'static str,
    /// The reminder the day before: the step's title.
    pub ics_alarm: fn(&str) -> String,
    /// The reminder before a meeting: the step's title.
    pub ics_meeting_alarm: fn(&str) -> String,
    /// A step's meeting time (a date's field set).
    pub meeting_title: &'static str,
    pub meeting_help: &'static str,
    pub meeting_at: &'static str,
    pub meeting_length: &'static str,
    /// A length in minutes, as the choices show it.
    pub meeting_minutes: fn(u32) -> String,
    pub meeting_clear: &'static str,
    pub meeting_saved: &'static str,
    pub meeting_invalid: &'static str,
    /// The history: a meeting time set (its span) or cleared (`None`).
    pub ev_meeting: fn(Option<&str>) -> String,
    /// A question in the list of playbook changes.
    pub drift_question: fn(&str) -> String,
    /// A question the playbook added since the run last looked.
    pub drift_question_added: &'static str,
    /// A question whose text or choices changed.
    pub drift_question_changed: &'static str,
    /// A question the playbook no longer asks.
    pub drift_question_removed: &'static str,
    /// The radio button for leaving a question unanswered.
    pub not_answered: &'static str,
    /// Summary of the questions panel: unanswered questions, excluded steps and items.
    pub answers_summary: fn(usize, usize) -> String,
    /// What the answers do.
    pub answers_help: &'static str,
    /// After an answer was saved: how much the answers exclude now.
    pub answers_saved: fn(usize) -> String,
    /// An answer the question no longer offers.
    pub answer_stale: fn(&str, &str) -> String,
    /// Heading of the list of what the answers exclude.
    pub excluded_title: &'static str,
    /// Under the reason on a step the answers exclude.
    pub excluded_help: &'static str,
    /// Button that opens the questions panel.
    pub review_answers: &'static str,
    /// Above the questions in the start form.
    pub start_questions_help: &'static str,
    /// Heading of the questions a team answers when it starts.
    pub questions_title: &'static str,
    /// What the answers do.
    pub questions_help: &'static str,
    /// Label before a step's or item's condition.
    pub applies_when: &'static str,
    /// Heading of the team's answers to the playbook's questions.
    pub answers_title: &'static str,
    /// A question not answered yet.
    pub unanswered: &'static str,
    /// History: a question was answered.
    pub ev_answer: fn(&str, &str) -> String,
    /// History: an answer was cleared.
    pub ev_answer_cleared: fn(&str) -> String,
    /// Why a step or item does not apply after the team's answer: the question, the answer it needs, and whether it needs that answer.
    pub condition_reason: fn(&str, &str, bool) -> String,
    /// When a step or item applies.
    pub condition_rule: fn(&str, &str, bool) -> String,
}

impl Texts {
    /// The label of a gate id.
    pub fn gate(&self, gate: &str) -> String {
        crate::progress::gate_label(gate, self.lang)
    }
}

/// The texts of `lang`.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Ja => &ja::JA,
        Lang::En => &en::EN,
    }
}

/// A moment as people read it (in whatever time zone the parts were taken).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Moment {
    /// The year.
    pub year: u32,
    /// The month, from 1.
    pub month: u32,
    /// The day of the month.
    pub day: u32,
    /// The hour, 0–23.
    pub hour: u32,
    /// The minute.
    pub minute: u32,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

impl Moment {
    /// `2026年11月21日 14:05` or `Nov 21, 2026, 2:05 PM` (`with_time`), or the
    /// date alone: the forms `Intl` prints for ja-JP and en (`dateStyle:
    /// medium`, `timeStyle: short`), written out so that no page waits for
    /// the browser's locale data.
    pub fn text(&self, lang: Lang, with_time: bool) -> String {
        match lang {
            Lang::Ja => {
                let date = format!("{}年{}月{}日", self.year, self.month, self.day);
                if with_time { format!("{date} {}:{:02}", self.hour, self.minute) } else { date }
            }
            Lang::En => {
                let month = MONTHS.get(self.month.saturating_sub(1) as usize).copied().unwrap_or("");
                let date = format!("{month} {}, {}", self.day, self.year);
                if with_time {
                    let (hour, half) = match self.hour {
                        0 => (12, "AM"),
                        h @ 1..=11 => (h, "AM"),
                        12 => (12, "PM"),
                        h => (h - 12, "PM"),
                    };
                    format!("{date}, {hour}:{:02} {half}", self.minute)
                } else {
                    date
                }
            }
        }
    }
}
