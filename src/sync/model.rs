//! The model of a sync: what the manifest (resolved by the JS loader) wants per
//! target, what GitHub listed, and the plan that results. Its JSON form (camelCase,
//! as the npm package's types declare it) is in [`super::json`].

/// What a name is: an encrypted secret or a plain-text configuration variable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A secret (value sealed with libsodium `crypto_box_seal`; GitHub never returns it).
    Secret,
    /// A variable (GitHub returns its `value` in lists).
    Variable,
}

impl Kind {
    /// `"secret"` or `"variable"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Secret => "secret",
            Kind::Variable => "variable",
        }
    }
}

/// What `apply` will do with one name of one target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Absent remotely: one write (`PUT` for secrets, `POST` for variables).
    Create,
    /// Present with another (or unknown) value: one write (`PUT` / `PATCH`).
    Update,
    /// Same fingerprint and the remote `updated_at` ghseal recorded: no request.
    Unchanged,
    /// Unmanaged, unprotected and the target has `prune: true`: one `DELETE`.
    Delete,
    /// Changed outside ghseal since its last apply (remote `updated_at` differs
    /// from the recorded one, or deleted remotely); written only with `overwrite_drift`.
    Drifted,
    /// Cannot be planned (the target failed to list, a bad remote answer); see reason.
    Error,
}

impl Action {
    /// Whether the action sends a content-creating request (counts against the write budget).
    pub fn is_write(self) -> bool {
        matches!(self, Action::Create | Action::Update | Action::Delete)
    }

    /// `"create"`, `"update"`, `"unchanged"`, `"delete"`, `"drifted"` or `"error"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Create => "create",
            Action::Update => "update",
            Action::Unchanged => "unchanged",
            Action::Delete => "delete",
            Action::Drifted => "drifted",
            Action::Error => "error",
        }
    }
}

/// A name the manifest wants in a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Desired {
    /// Secret or variable name as written in the manifest (compared upper case).
    pub name: String,
    /// [`super::fingerprint`] of the desired value (64 hex digits).
    pub fingerprint: String,
    /// Variables only: the desired value, compared with the listed remote value
    /// when the state has no record. Never set for secrets.
    pub value: Option<String>,
    /// Non-secret settings written with the value (visibility, selected
    /// repositories), compared with the recorded ones.
    pub settings: Option<String>,
}

/// One entry of a remote list (`GET .../secrets` or `.../variables`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteItem {
    /// Name as GitHub returned it (upper case).
    pub name: String,
    /// GitHub's `updated_at` (RFC 3339).
    pub updated_at: String,
    /// Variables only: the listed `value`.
    pub value: Option<String>,
}

/// The remote side of one target and kind: its listing, or why it could not be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Remote {
    /// Every page of the list was read.
    Listed {
        /// The names present remotely.
        items: Vec<RemoteItem>,
    },
    /// The list failed (404 repository, missing environment, 403...): the target
    /// fails alone with this reason.
    Failed {
        /// Human-readable reason, e.g. `GET /repos/o/r/actions/secrets: 404 Not Found`.
        reason: String,
    },
}

/// Everything the planner needs about one target and kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TargetInput {
    /// `owner/repo`, `owner/repo:env:NAME` or `org:ORG`, suffixed `:dependabot`,
    /// `:codespaces` or `:agents` for apps other than Actions.
    pub target: String,
    /// Secrets or variables.
    pub kind: Kind,
    /// Delete unmanaged, unprotected names (manifest `prune`, default false).
    pub prune: bool,
    /// Globs (`*`, `?`, case-insensitive) of names never deleted.
    pub protect: Vec<String>,
    /// What the manifest wants.
    pub desired: Vec<Desired>,
    /// What GitHub has.
    pub remote: Remote,
}

/// Planner switches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PlanOptions {
    /// Plan drifted names as `update` (or `create` when deleted remotely) instead of `drifted`.
    pub overwrite_drift: bool,
}

/// One line of a plan: `{ target, kind, name, action, reason }` (+ what apply needs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanItem {
    /// The target string (see [`TargetInput::target`]).
    pub target: String,
    /// Secret or variable.
    pub kind: Kind,
    /// Upper-case name.
    pub name: String,
    /// What apply does.
    pub action: Action,
    /// Why, in words (never a value).
    pub reason: String,
    /// The remote `updated_at`, when listed (apply records it for `unchanged`
    /// names whose record an interrupted run left without one).
    pub remote_updated_at: Option<String>,
    /// True when the state must adopt `remote_updated_at` without a write.
    pub adopt: bool,
}
