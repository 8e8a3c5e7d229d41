//! tebiki's core: the playbook format, its parser and validator, and safe
//! markdown rendering. No I/O: it builds for `wasm32-unknown-unknown` (the
//! app) and natively (the CLI) alike.
//!
//! The entry point is [`parse`]: text in, a [`Playbook`] (when valid) and every
//! [`Diagnostic`] out. See `playbooks/README.md` for the format itself and
//! `ARCHITECTURE.md` for how the modules fit together.

pub mod authoring;
pub mod dashboard;
pub mod day;
pub mod decision;
pub mod diagnostic;
pub mod excerpt;
mod fields;
mod frontmatter;
mod hash;
pub mod ics;
pub mod inventory;
pub mod library;
pub mod lines;
pub mod manifest;
pub mod markdown;
pub mod model;
pub mod overview;
mod parse;
pub mod progress;
pub mod qr;
pub mod record;
pub mod snapshot;
pub mod summary;
pub mod synthetic;
pub mod table;
pub mod text;
mod validate;
mod yaml;

pub use authoring::{AuthoringError, clone_playbook, free_id, new_playbook};
pub use diagnostic::{Diagnostic, Lang, Problem, Severity};
pub use fields::{MAX_ID_LEN, is_valid_id};
pub use frontmatter::parse_source_ref;
pub use hash::content_hash;
pub use library::{CheckedFile, SourceFile, check_in_library, check_library};
pub use model::{
    Approver, Choice, Condition, Direction, Exception, Item, Meta, Metric, Phase, PhaseKind, Playbook, Question,
    SourceRef, Step, StepConditions, StepKind, SuccessConditions, format_number,
};
pub use parse::{MAX_DIAGNOSTICS, MAX_PLAYBOOK_BYTES, parse, parse_bytes, too_large};
pub use yaml::MAX_DEPTH as MAX_YAML_DEPTH;
