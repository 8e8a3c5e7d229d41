//! One module per page.

pub mod catalog;
pub mod dashboard;
pub mod editor;
pub mod not_found;
pub mod playbook;
pub mod run;
pub mod settings;
pub mod status;
