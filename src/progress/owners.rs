//! Who does what: a run names, for each role its playbook mentions (a
//! step's responsible role, an approver's role), the people who take it on.
//! Names are typed, never verified, like a [`Person`]'s: a list such as
//! 「山田 花子、佐藤 一郎」 kept exactly as written, and read as names only
//! to find the steps of the person this browser belongs to.

use super::history::{Event, Person, Stamp};
use super::run::set_keyed;
use super::{ProgressError, Run};
use crate::model::{Playbook, Step};

/// The longest list of people for one role, in characters.
pub const MAX_OWNER_CHARS: usize = 200;

/// Where one name ends and the next begins in a list as typed.
const SEPARATORS: [char; 8] = ['、', ',', '，', '/', '／', ';', '；', '\n'];

/// The names in `people` (a list as typed), trimmed, empty ones left out.
/// 「・」 is not a separator: it is part of names written in katakana.
pub fn names(people: &str) -> impl Iterator<Item = &str> {
    people.split(SEPARATORS).map(|n| n.trim_matches(|c: char| c.is_whitespace())).filter(|n| !n.is_empty())
}

/// Whether two names are the same person's as typed: spaces aside (山田 花子,
/// 山田花子 and 山田　花子 are one), letters in either case.
pub fn same_name(a: &str, b: &str) -> bool {
    let key = |s: &str| s.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect::<String>();
    let a = key(a);
    !a.is_empty() && a == key(b)
}

impl Run {
    /// The people who take on `role`, as typed; `None` while nobody is named.
    pub fn owner(&self, role: &str) -> Option<&str> {
        self.owners.get(role.trim()).map(|s| s.value.as_str()).filter(|p| !p.trim().is_empty())
    }

    /// The people who take on `step` (its responsible role's), if it names a
    /// role and someone was named for it.
    pub fn step_owner(&self, step: &Step) -> Option<&str> {
        step.role.as_deref().and_then(|role| self.owner(role))
    }

    /// Whether `person` is among the people named for `step`'s role.
    pub fn is_mine(&self, step: &Step, person: &Person) -> bool {
        self.step_owner(step).is_some_and(|people| names(people).any(|n| same_name(n, &person.name)))
    }

    /// The roles of `playbook`, each with the people named for it (`None`:
    /// not named yet), in the playbook's order; then roles named in this run
    /// that the playbook no longer mentions (an earlier version's), so that
    /// nothing typed is hidden.
    pub fn owner_list<'a>(&'a self, playbook: &'a Playbook) -> Vec<(&'a str, Option<&'a str>)> {
        let roles = playbook.roles();
        let mut list: Vec<(&str, Option<&str>)> = roles.iter().map(|r| (*r, self.owner(r))).collect();
        for (role, people) in &self.owners {
            if !roles.contains(&role.as_str()) && !people.value.trim().is_empty() {
                list.push((role, Some(&people.value)));
            }
        }
        list
    }

    /// Name the people who take on `role` (empty: nobody yet). The list is
    /// kept as typed, trimmed at its ends; setting what is already there
    /// changes nothing.
    pub fn set_owner(&mut self, role: &str, people: &str, stamp: impl Into<Stamp>) -> Result<(), ProgressError> {
        let role = role.trim();
        let people = people.trim();
        if role.is_empty() {
            return Err(ProgressError::EmptyName);
        }
        if role.chars().count() > MAX_OWNER_CHARS || people.chars().count() > MAX_OWNER_CHARS {
            return Err(ProgressError::TooLong(MAX_OWNER_CHARS));
        }
        let stamp = stamp.into();
        if set_keyed(&mut self.owners, role, people.to_owned(), stamp.at) {
            self.log(&stamp, None, Event::Owner { role: role.to_owned(), people: people.to_owned() });
        }
        Ok(())
    }
}
