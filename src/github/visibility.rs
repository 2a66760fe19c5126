//! Who can read an organization secret, and keeping it on update.
//!
//! GitHub's `PUT /orgs/{org}/{app}/secrets/{secret_name}` replaces the secret's
//! `visibility`; the GitHub CLI sent `private` when none was given and so narrowed or
//! widened an existing `selected` secret (cli/cli#8110). This client instead reads the
//! existing secret first: a write without `visibility` keeps the current one (and, for
//! `selected`, the current selected repositories); a new secret gets `private`, as
//! `gh secret set --org` does; only an explicit `visibility` changes it.
//!
//! [`Client::existing_visibility`] takes the `get` and `list-selected-repos`
//! endpoint rows as arguments, so the same read serves any org-level resource with
//! GitHub's `visibility` + `selected_repositories` shape (secrets today, variables later).

use serde_json::{Map, Value};

use super::client::Client;
use super::endpoints::{self, Endpoint, Op, Scope};
use super::params::filtered;
use super::transport::Transport;
use crate::error::{Error, Result};

/// An organization secret's `visibility` (GitHub REST: `all`, `private`, `selected`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Visibility {
    /// Every repository of the organization.
    All,
    /// Private and internal repositories of the organization.
    Private,
    /// Only the selected repositories (`selected_repository_ids`).
    Selected,
}

impl Visibility {
    /// `all`, `private` or `selected`, as on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::All => "all",
            Visibility::Private => "private",
            Visibility::Selected => "selected",
        }
    }

    /// Parses the wire form; `None` for anything else.
    pub fn parse(text: &str) -> Option<Visibility> {
        [Visibility::All, Visibility::Private, Visibility::Selected].into_iter().find(|v| v.as_str() == text)
    }
}

/// Where the visibility of an org-level write came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VisibilitySource {
    /// The caller gave `visibility`.
    Explicit,
    /// The secret existed: its visibility (and selected repositories) were kept.
    Kept,
    /// The secret did not exist (404): `private`, as the GitHub CLI defaults.
    Default,
}

impl VisibilitySource {
    /// `explicit`, `kept` or `default`.
    pub fn as_str(self) -> &'static str {
        match self {
            VisibilitySource::Explicit => "explicit",
            VisibilitySource::Kept => "kept",
            VisibilitySource::Default => "default",
        }
    }
}

/// The visibility an org-level write was sent with, and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisibilityUsed {
    /// The `visibility` sent.
    pub visibility: Visibility,
    /// Where it came from.
    pub source: VisibilitySource,
}

/// The current access settings of an existing org-level secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExistingVisibility {
    /// Its `visibility`.
    pub visibility: Visibility,
    /// Ids of its selected repositories (all pages); empty unless `selected`.
    pub selected_repository_ids: Vec<u64>,
}

/// The visibility a new org-level secret gets when none is given (as `gh secret set`).
pub const DEFAULT_VISIBILITY: Visibility = Visibility::Private;

impl<T: Transport> Client<T> {
    /// Reads an existing org-level secret's access: `GET` on `get` (e.g.
    /// `actions.getOrgSecret`), then, if its visibility is `selected`, every page of
    /// `list_repos` (e.g. `actions.listSelectedReposForOrgSecret`). `params` needs the
    /// path parameters of both (`org`, `secret_name`); others are ignored. These
    /// requests are reads (never throttled as writes). `Ok(None)` when GitHub answers 404.
    ///
    /// # Errors
    /// As [`Client::request`] for any other failure; [`Error::InvalidParam`] naming
    /// `visibility` or `repositories` when GitHub's answer is not the documented shape
    /// (a server's answer is untrusted input).
    pub async fn existing_visibility(
        &self,
        get: &'static Endpoint,
        list_repos: &'static Endpoint,
        params: &Map<String, Value>,
    ) -> Result<Option<ExistingVisibility>> {
        let path_params = |e: &Endpoint| -> Map<String, Value> {
            filtered(params, &|k, _| e.path_params().any(|p| p == k))
        };
        let data = match self.request_as_is(get, &path_params(get)).await {
            Ok(response) => response.json(),
            Err(Error::Http(failure)) if failure.status == 404 => return Ok(None),
            Err(e) => return Err(e),
        };
        let text = data.get("visibility").and_then(Value::as_str).unwrap_or_default();
        let visibility = Visibility::parse(text).ok_or_else(|| {
            Error::invalid("visibility", format!("GitHub's answer for {} has no valid visibility (got \"{}\")", get.name, text.escape_default()))
        })?;
        let mut selected_repository_ids = Vec::new();
        if visibility == Visibility::Selected {
            for repo in self.paginate(list_repos, &path_params(list_repos)).await? {
                let id = repo.get("id").and_then(Value::as_u64).filter(|id| *id > 0).ok_or_else(|| {
                    Error::invalid("repositories", format!("GitHub's answer for {} has a repository without a valid id", list_repos.name))
                })?;
                selected_repository_ids.push(id);
            }
        }
        Ok(Some(ExistingVisibility { visibility, selected_repository_ids }))
    }

    /// For an org-level `createOrUpdate*` whose `body` has no `visibility`: reads the
    /// existing secret and puts its `visibility` (and `selected_repository_ids`, as
    /// strings for Dependabot) into `body`, or `private` for a new secret. Other
    /// endpoints: `None`, `body` untouched.
    ///
    /// # Errors
    /// As [`Client::existing_visibility`]; nothing is written then.
    pub(crate) async fn fill_visibility(
        &self,
        endpoint: &'static Endpoint,
        params: &Map<String, Value>,
        body: &mut Map<String, Value>,
    ) -> Result<Option<VisibilityUsed>> {
        if endpoint.scope != Scope::Org || endpoint.op != Op::Put {
            return Ok(None);
        }
        if let Some(given) = body.get("visibility").and_then(Value::as_str).and_then(Visibility::parse) {
            return Ok(Some(VisibilityUsed { visibility: given, source: VisibilitySource::Explicit }));
        }
        let get = endpoints::for_op(endpoint.app, Scope::Org, Op::Get);
        let list = endpoints::for_op(endpoint.app, Scope::Org, Op::ListRepos);
        let (Some(get), Some(list)) = (get, list) else {
            return Err(Error::invalid("visibility", format!("required by {}.{}", endpoint.app.as_str(), endpoint.name)));
        };
        let used = match self.existing_visibility(get, list, params).await? {
            None => VisibilityUsed { visibility: DEFAULT_VISIBILITY, source: VisibilitySource::Default },
            Some(existing) => {
                if existing.visibility == Visibility::Selected {
                    let ids = existing
                        .selected_repository_ids
                        .iter()
                        .map(|id| if endpoint.ids_as_strings() { Value::String(id.to_string()) } else { Value::from(*id) })
                        .collect();
                    body.insert("selected_repository_ids".into(), Value::Array(ids));
                }
                VisibilityUsed { visibility: existing.visibility, source: VisibilitySource::Kept }
            }
        };
        body.insert("visibility".into(), Value::String(used.visibility.as_str().to_owned()));
        Ok(Some(used))
    }
}
