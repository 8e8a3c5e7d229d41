//! Addresses inside one run: a step, the list of a phase, the record.

use tebiki::PhaseKind;

use crate::Ctx;
use crate::handle::RunHandle;
use crate::route::RunView;

/// Makes the run's addresses. `Copy`, for the closures of the run screen.
#[derive(Clone, Copy)]
pub struct Links {
    ctx: Ctx,
    run: RunHandle,
}

impl Links {
    /// The addresses of `run`.
    pub fn new(ctx: Ctx, run: RunHandle) -> Links {
        Links { ctx, run }
    }

    /// The address of `view` of this run's playbook.
    pub fn to(self, view: RunView) -> String {
        let page = self.ctx.playbook_page(&self.run.with_playbook(|p| p.meta.id.clone()));
        view.href(&self.ctx.nav.pages(), &page)
    }

    /// Step `id` in the guided view.
    pub fn step(self, id: String) -> String {
        self.to(RunView { run: self.run.id(), step: Some(id), ..RunView::default() })
    }

    /// The list of one phase, or of every phase (`None`).
    pub fn list(self, phase: Option<PhaseKind>) -> String {
        let phase = Some(phase.map_or("all", PhaseKind::id).to_owned());
        self.to(RunView { run: self.run.id(), list: true, phase, ..RunView::default() })
    }

    /// The steps of the roles naming this browser's person.
    pub fn mine(self) -> String {
        self.to(RunView { run: self.run.id(), mine: true, ..RunView::default() })
    }

    /// The dates of the run.
    pub fn schedule(self) -> String {
        self.to(RunView { run: self.run.id(), schedule: true, ..RunView::default() })
    }

    /// The history of the run.
    pub fn history(self) -> String {
        self.to(RunView { run: self.run.id(), history: true, ..RunView::default() })
    }

    /// The success record.
    pub fn record(self) -> String {
        self.to(RunView { run: self.run.id(), record: true, ..RunView::default() })
    }
}
