//! The manifest: what the site knows about every playbook before loading
//! any. Written by `tebiki build`, read by the app. Versioned, so an app
//! never misreads a manifest from a newer generator.

use serde::{Deserialize, Serialize};

use crate::model::{Playbook, StepConditions};

/// The manifest format this build writes and reads.
pub const MANIFEST_FORMAT: u32 = 1;

/// All playbooks of a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// [`MANIFEST_FORMAT`] at the time of writing.
    pub format: u32,
    /// One entry per playbook, in catalog order.
    pub playbooks: Vec<ManifestEntry>,
}

/// What the catalog shows of one playbook, and where to load it from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ManifestEntry {
    /// The playbook id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Department.
    pub department: String,
    /// Theme.
    pub theme: String,
    /// One-line summary.
    pub summary: String,
    /// Owning role.
    pub owner: String,
    /// Tags.
    pub tags: Vec<String>,
    /// Version.
    pub version: u32,
    /// The playbook it was cloned from, as `id@version`.
    pub cloned_from: Option<String>,
    /// [`crate::content_hash`] of the source file.
    pub hash: String,
    /// Number of steps.
    pub steps: usize,
    /// The markdown source, relative to the site root.
    pub source: String,
    /// The playbook's page, relative to the site root.
    pub page: String,
    /// The conditions of its conditional steps, so that the catalog counts
    /// the steps a run's answers exclude as finished, as the run does.
    #[serde(default, skip_serializing_if = "StepConditions::is_empty")]
    pub when: StepConditions,
}

impl ManifestEntry {
    /// The entry for `playbook`, read from `source_text`.
    pub fn new(playbook: &Playbook, source_text: &str) -> Self {
        let meta = &playbook.meta;
        ManifestEntry {
            id: meta.id.clone(),
            title: meta.title.clone(),
            department: meta.department.clone(),
            theme: meta.theme.clone(),
            summary: meta.summary.clone(),
            owner: meta.owner.clone(),
            tags: meta.tags.clone(),
            version: meta.version,
            cloned_from: meta.cloned_from.as_ref().map(ToString::to_string),
            hash: crate::content_hash(source_text),
            steps: playbook.step_count(),
            source: source_path(&meta.id),
            page: page_path(&meta.id),
            when: StepConditions::of(playbook),
        }
    }
}

/// Where a playbook's markdown is in the site, relative to its root.
pub fn source_path(id: &str) -> String {
    format!("playbooks/{id}.md")
}

/// Where a playbook's page is in the site, relative to its root. A folder, so
/// that any static server finds its `index.html` without rewrite rules.
pub fn page_path(id: &str) -> String {
    format!("p/{id}/")
}
