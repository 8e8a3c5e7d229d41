//! One component per file.

pub mod card;
pub mod conditions;
pub mod data_transfer;
pub mod header;
pub mod item_row;
pub mod loading;
pub mod na_control;
pub mod note_field;
pub mod phase;
pub mod phase_map;
pub mod progress_bar;
pub mod run_row;
pub mod runs;
pub mod shortcuts;
pub mod start_run;
pub mod step_kind;
pub mod step_list;
pub mod step_panel;
pub mod storage_banner;
pub mod toast;
