//! The run a screen works on, as one small handle: its playbook (and the
//! playbook's markdown, for the record), its id, the run itself as a memo,
//! and one way to change it. The run screen makes it; components take it
//! instead of the playbook, the id and the whole store.

use leptos::prelude::*;
use tebiki::Playbook;
use tebiki::progress::{ProgressError, Run, Schedule, Stamp};

use crate::storage::runs::Store;

/// A run of a playbook. `Copy`: pass it to every component that needs it.
#[derive(Clone, Copy)]
pub struct RunHandle {
    playbook: StoredValue<Playbook>,
    source: StoredValue<String>,
    id: StoredValue<String>,
    /// The run as stored now (`None` once deleted): components that read it
    /// re-render when this run changes, not when another one does.
    run: Memo<Option<Run>>,
    /// The run's dates as of today, worked out once for every part that
    /// shows them (each step's line, the schedule, the header).
    schedule: Memo<Option<Schedule>>,
    store: Store,
}

impl RunHandle {
    /// The handle of run `id` of `playbook`, whose markdown is `source`. Its
    /// memo lives as long as the reactive owner it is made in.
    pub fn new(store: Store, playbook: StoredValue<Playbook>, source: StoredValue<String>, id: String) -> RunHandle {
        let id = StoredValue::new(id);
        let run = Memo::new(move |_| store.with(|p| id.with_value(|id| p.run(id).cloned())));
        let schedule = Memo::new(move |_| {
            let (today, offset) = (crate::time::today(), crate::time::offset_minutes());
            run.with(|r| r.as_ref().map(|r| playbook.with_value(|p| r.schedule(p, today, offset))))
        });
        RunHandle { playbook, source, id, run, schedule, store }
    }

    /// The run's id.
    pub fn id(&self) -> String {
        self.id.get_value()
    }

    /// The playbook, for components that keep it themselves.
    pub fn playbook(&self) -> StoredValue<Playbook> {
        self.playbook
    }

    /// Read the playbook.
    pub fn with_playbook<R>(&self, read: impl FnOnce(&Playbook) -> R) -> R {
        self.playbook.with_value(read)
    }

    /// The playbook's markdown (for the clone of the success record).
    pub fn source(&self) -> StoredValue<String> {
        self.source
    }

    /// The run's dates as of today; `None` when the run is gone.
    pub fn schedule(&self) -> Memo<Option<Schedule>> {
        self.schedule
    }

    /// Follow the run's changes without reading it here.
    pub fn track(&self) {
        self.run.track();
    }

    /// A copy of the run, following its changes; `None` when it is gone.
    pub fn get(&self) -> Option<Run> {
        self.run.get()
    }

    /// Read the run with its playbook, following the run's changes; `None`
    /// when the run is gone.
    pub fn with<R>(&self, read: impl FnOnce(&Run, &Playbook) -> R) -> Option<R> {
        self.run.with(|run| run.as_ref().map(|run| self.playbook.with_value(|p| read(run, p))))
    }

    /// Read the run with its playbook without following its changes.
    pub fn with_untracked<R>(&self, read: impl FnOnce(&Run, &Playbook) -> R) -> Option<R> {
        self.run.with_untracked(|run| run.as_ref().map(|run| self.playbook.with_value(|p| read(run, p))))
    }

    /// Change the run (saved soon, see `storage::runs`); `change` gets the
    /// playbook and when and by whom the change is made.
    pub fn change<R>(
        &self,
        change: impl FnOnce(&mut Run, &Playbook, Stamp) -> Result<R, ProgressError>,
    ) -> Result<R, ProgressError> {
        let (id, playbook) = (self.id, self.playbook);
        self.store.change(|p, now| {
            let run = id.with_value(|id| p.run_mut(id))?;
            playbook.with_value(|pb| change(run, pb, now))
        })
    }
}
