//! The pure planning core of `ghseal sync` (feature `sync`): what a manifest wants
//! ([`model`]), the diff with drift and prune rules ([`diff`]), the state of
//! recorded `updated_at`s and keyed fingerprints ([`state`]), and GitHub's write
//! budget with the ETA it implies ([`budget`]), and their JSON form ([`json`]). No I/O and no clock: the npm
//! package lists targets, reads files and drives the writes.

pub mod budget;
pub mod diff;
pub mod glob;
pub mod json;
pub mod model;
pub mod state;
pub mod time;

pub use budget::{BudgetConfig, WriteBudget, DEFAULT_WRITES_PER_HOUR, DEFAULT_WRITES_PER_MINUTE};
pub use diff::{plan, plan_target, valid_name, Plan};
pub use glob::glob_match;
pub use model::{Action, Desired, Kind, PlanItem, PlanOptions, Remote, RemoteItem, TargetInput};
pub use state::{fingerprint, State, StateEntry, STATE_VERSION};

#[cfg(test)]
mod diff_tests;
