//! The team's answers to the playbook's questions, and what they exclude.
//!
//! A step or checklist item with a `when` applies only while every one of
//! its conditions holds. One that does not is not applicable (対象外) with a
//! reason made from the question and the answer; nothing the team recorded
//! on it is touched, so changing the answer back brings it back exactly as
//! it was. An unanswered question, or an answer the question no longer
//! offers, excludes nothing.

use super::history::{Event, Stamp};
use super::{Mark, ProgressError, Run, Stamped};
use crate::model::{Condition, Item, Playbook, Question, Step};

/// A step or checklist item the answers exclude, with the condition that
/// does not hold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Excluded<'p> {
    /// The step (the item's step, for an item).
    pub step: &'p Step,
    /// The item, when only an item is excluded.
    pub item: Option<&'p Item>,
    /// The first condition that does not hold.
    pub because: &'p Condition,
}

impl Run {
    /// The answer recorded to question `id`, as its choice id.
    pub fn answer(&self, id: &str) -> Option<&str> {
        self.answers.get(id).and_then(|a| a.value.as_deref())
    }

    /// The answer to `question` if it is one the question offers now.
    pub fn answer_to<'q>(&self, question: &'q Question) -> Option<&'q crate::model::Choice> {
        self.answer(&question.id).and_then(|a| question.choice(a))
    }

    /// Answer `question` (`None`: no answer). Refuses a question the
    /// playbook does not ask and an answer it does not offer; answering what
    /// is already answered changes nothing.
    pub fn set_answer(
        &mut self,
        playbook: &Playbook,
        question: &str,
        answer: Option<&str>,
        stamp: impl Into<Stamp>,
    ) -> Result<(), ProgressError> {
        let q = playbook.question(question).ok_or(ProgressError::NotAChoice)?;
        if let Some(a) = answer
            && q.choice(a).is_none()
        {
            return Err(ProgressError::NotAChoice);
        }
        if self.answer(question) == answer {
            return Ok(());
        }
        let stamp = stamp.into();
        let answer = answer.map(str::to_owned);
        self.answers.insert(question.to_owned(), Stamped::new(answer.clone(), stamp.at));
        self.log(&stamp, None, Event::Answer { question: question.to_owned(), answer });
        // A checklist item that applies again may be open; a step recorded
        // done over it is reopened (with its own history entry), so that
        // done always means every item resolved.
        let reopen: Vec<&Step> = playbook
            .steps()
            .filter(|s| {
                self.applies(s) && self.record(s).is_some_and(|r| r.mark.value == Mark::Done) && self.open_items(s) > 0
            })
            .collect();
        for step in reopen {
            self.record_mut(step).mark = Stamped::new(Mark::Open, stamp.at);
            self.log(&stamp, Some(&step.id), Event::Step { mark: Mark::Open });
        }
        Ok(())
    }

    /// The first of `when` that the answers make false, if any.
    pub fn unmet<'c>(&self, when: &'c [Condition]) -> Option<&'c Condition> {
        when.iter().find(|c| !c.holds(self.answer(&c.question)))
    }

    /// The condition that excludes checklist item `item` of `step`: its
    /// step's first, else its own.
    pub fn item_unmet<'c>(&self, step: &'c Step, item: &'c Item) -> Option<&'c Condition> {
        self.unmet(&step.when).or_else(|| self.unmet(&item.when))
    }

    /// Whether `step` applies to this run (its answers do not exclude it).
    pub fn applies(&self, step: &Step) -> bool {
        self.unmet(&step.when).is_none()
    }

    /// Every step, and every item of a step that applies, that the answers
    /// exclude, in playbook order.
    pub fn excluded<'p>(&self, playbook: &'p Playbook) -> Vec<Excluded<'p>> {
        let mut out = Vec::new();
        for step in playbook.steps() {
            if let Some(because) = self.unmet(&step.when) {
                out.push(Excluded { step, item: None, because });
                continue;
            }
            for item in &step.items {
                if let Some(because) = self.unmet(&item.when) {
                    out.push(Excluded { step, item: Some(item), because });
                }
            }
        }
        out
    }
}
