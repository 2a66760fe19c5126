//! Setting many variables of one scope: [`Client::set_variables`], the variables
//! counterpart of [`Client::set_secrets`] (same [`BulkOptions`], same per-item
//! [`SecretResult`]s: `created`, `updated`, `would-create`, `would-update`, `failed`,
//! `not-attempted`).
//!
//! GitHub has no upsert for variables (REST "Actions variables", "Copilot agents
//! variables"): `POST .../variables` creates one (201; 409 when the name exists) and
//! `PATCH .../variables/{name}` updates it (204; 404 when missing). Each variable is
//! created, and updated only when the create answered 409, both under ONE turn of the
//! write queue: exactly one successful write per variable, in input order.
//!
//! Organization variables have a `visibility` (and selected repositories). With an
//! explicit `visibility` in the target it is sent on create and update. Without one,
//! the variable is read first (`GET .../variables/{name}`): an existing one is updated
//! with PATCH without `visibility`, which GitHub applies as a partial update, so its
//! visibility and selected repositories stay as they are (reported `kept`; no need to
//! list and write back the repositories, which would race with other changes); a new
//! one is created `private`, as `gh variable set --org` does (reported `default`).
//! The same rule as org secrets ([`super::visibility`], cli/cli#8110).


use serde_json::{Map, Value};

use super::bulk::{target_scope, BulkOptions, Outcome, SecretResult, WriteJob};
use super::client::{Access, Client};
use super::endpoints::{self, App, Endpoint, Kind, Op, Scope};
use super::http::HttpResponse;
use super::params::{filtered, without_access};
use super::request;
use super::transport::Transport;
use super::visibility::{Visibility, VisibilitySource, VisibilityUsed, DEFAULT_VISIBILITY};
use crate::error::{Error, Result};

/// The endpoints of one variables scope (one app at one scope).
#[derive(Debug, Clone, Copy)]
pub struct VariableRoutes {
    /// `POST .../variables` (e.g. `actions.createRepoVariable`).
    pub create: &'static Endpoint,
    /// `PATCH .../variables/{name}`.
    pub update: &'static Endpoint,
    /// `GET .../variables/{name}` (the org visibility read).
    pub get: &'static Endpoint,
    /// `GET .../variables` (dry runs).
    pub list: &'static Endpoint,
}

/// Maps a bulk variables target to its endpoints and base parameters. `target`:
/// `app` (`actions`, the default, or `agents`) and a scope: `owner` + `repo` (+
/// `environment_name`), or `org` (+ `visibility`: `all` | `private` | `selected`, and
/// `selected_repository_ids` with `selected`).
///
/// # Errors
/// [`Error::InvalidParam`] naming `app`, `target`, `visibility`,
/// `selected_repository_ids` or an unknown key; nothing is sent.
pub fn resolve_variable_target(target: &Map<String, Value>) -> Result<(VariableRoutes, Map<String, Value>)> {
    let apps = || {
        App::ALL.into_iter().filter(|a| endpoints::for_kind(*a, Kind::Variable, Scope::Repo, Op::Create).is_some()).map(App::as_str).collect::<Vec<_>>().join(", ")
    };
    let app = match target.get("app") {
        None | Some(Value::Null) => App::Actions,
        Some(Value::String(s)) => App::parse(s).ok_or_else(|| Error::invalid("app", format!("\"{s}\" is not one of {}", apps())))?,
        Some(_) => return Err(Error::invalid("app", format!("expected one of {}", apps()))),
    };
    let scope = match target_scope(target) {
        Some(Scope::User) => return Err(Error::invalid("user", "GitHub has no user variables: name owner + repo (+ environment_name) or org")),
        Some(scope) => scope,
        None => return Err(Error::invalid("target", "name a scope: owner + repo (+ environment_name), or org")),
    };
    let route = |op| endpoints::for_kind(app, Kind::Variable, scope, op);
    let (Some(create), Some(update), Some(get), Some(list)) = (route(Op::Create), route(Op::Update), route(Op::Get), route(Op::List)) else {
        return Err(Error::invalid("app", format!("{} has no {} variables", app.as_str(), scope.as_str().to_ascii_lowercase())));
    };
    let mut base = Map::new();
    for (key, value) in target.iter().filter(|(k, v)| !matches!(k.as_str(), "app" | "user") && !v.is_null()) {
        let org_field = scope == Scope::Org && matches!(key.as_str(), "visibility" | "selected_repository_ids");
        if !org_field && !create.path_params().any(|p| p == key) {
            return Err(Error::invalid(key.as_str(), format!("not a parameter of a {} variables target", scope.as_str().to_ascii_lowercase())));
        }
        base.insert(key.clone(), value.clone());
    }
    if let Some(v) = base.get("visibility") {
        if v.as_str().and_then(Visibility::parse).is_none() {
            return Err(Error::invalid("visibility", "expected one of all, private, selected"));
        }
    }
    if base.contains_key("selected_repository_ids") && base.get("visibility").and_then(Value::as_str) != Some("selected") {
        return Err(Error::invalid("selected_repository_ids", "only with visibility: \"selected\""));
    }
    Ok((VariableRoutes { create, update, get, list }, base))
}

/// What a write of one variable will be.
enum Plan {
    /// POST (then PATCH on 409) with this visibility (org) or none.
    Create(Option<VisibilityUsed>),
    /// PATCH without `visibility` (the variable exists: its access is kept).
    Keep(Visibility),
}

impl<T: Transport> Client<T> {
    /// Sets many variables (plaintext `name` -> `value`) in one scope; see the module
    /// docs for the POST / PATCH-on-409 rule and org visibility. Validates every
    /// variable first (name: letters, digits and `_`, not starting with a digit or
    /// `GITHUB_`; value at most 48 KiB), then writes them one at a time in input order,
    /// preparing up to `options.concurrency` at once. With `dry_run`, lists the scope's
    /// variables once and sends no write. Returns one result per variable in input
    /// order (`secret_name` holds the variable's name).
    ///
    /// # Errors
    /// As [`resolve_variable_target`] for a bad target (nothing is sent); per-variable
    /// failures are [`Outcome::Failed`] results.
    pub async fn set_variables(
        &self,
        target: &Map<String, Value>,
        variables: Vec<(String, String)>,
        options: BulkOptions<'_>,
    ) -> Result<Vec<SecretResult>> {
        let (routes, base) = resolve_variable_target(target)?;
        let explicit = base.get("visibility").and_then(Value::as_str).and_then(Visibility::parse);
        let org = routes.create.scope == Scope::Org;
        let total = variables.len();
        let report = options.reporter(total);
        let cancelled = || options.is_cancelled();
        let mut results: Vec<Option<SecretResult>> = vec![None; total];

        let mut jobs = Vec::new();
        for (index, (name, value)) in variables.into_iter().enumerate() {
            let mut params = base.clone();
            params.insert("name".into(), Value::String(name.clone()));
            params.insert("value".into(), Value::String(value));
            // Checked as the create will be sent (a new org variable needs a visibility).
            let mut check = params.clone();
            if org {
                check.entry("visibility").or_insert(Value::String(DEFAULT_VISIBILITY.as_str().to_owned()));
            }
            match request::prepare(routes.create, &check) {
                Ok(_) => jobs.push((index, name, params)),
                Err(error) => {
                    if let Some(slot) = results.get_mut(index) {
                        *slot = Some(report(SecretResult::new(name, Outcome::Failed(error))));
                    }
                }
            }
        }

        let finished: Vec<(usize, SecretResult)> = if options.dry_run {
            self.dry_run(routes.create, &base, jobs).await.into_iter().map(|(i, r)| (i, report(r))).collect()
        } else {
            let write: &WriteJob<'_> = &|ticket, mut result, params| {
                Box::pin(async move {
                    let plan = match (org, explicit) {
                        (false, _) => Ok(Plan::Create(None)),
                        (true, Some(v)) => Ok(Plan::Create(Some(VisibilityUsed { visibility: v, source: VisibilitySource::Explicit }))),
                        (true, None) => self.variable_visibility(routes.get, &params).await.map(|current| match current {
                            Some(v) => Plan::Keep(v),
                            None => Plan::Create(Some(VisibilityUsed { visibility: DEFAULT_VISIBILITY, source: VisibilitySource::Default })),
                        }),
                    };
                    match plan {
                        Err(e) => result.outcome = Outcome::Failed(e),
                        Ok(plan) => {
                            let _turn = self.write_turn(ticket).await;
                            if !cancelled() {
                                let (outcome, used) = self.write_variable(routes, &params, plan).await;
                                result.outcome = outcome;
                                result.visibility = used;
                            }
                        }
                    }
                    result
                })
            };
            self.write_jobs(jobs, &options, &report, write).await
        };
        for (index, result) in finished {
            if let Some(slot) = results.get_mut(index) {
                *slot = Some(result);
            }
        }
        Ok(results.into_iter().flatten().collect())
    }

    /// An org variable's current `visibility` (`GET .../variables/{name}`), or `None`
    /// when GitHub answers 404. A read: not throttled.
    ///
    /// # Errors
    /// As [`Client::request`]; [`Error::InvalidParam`] naming `visibility` when the
    /// answer has no valid one (a server's answer is untrusted input).
    async fn variable_visibility(&self, get: &'static Endpoint, params: &Map<String, Value>) -> Result<Option<Visibility>> {
        let path = filtered(params, &|k, _| get.path_params().any(|p| p == k));
        let data = match self.request_as_is(get, &path).await {
            Ok(response) => response.json(),
            Err(Error::Http(failure)) if failure.status == 404 => return Ok(None),
            Err(e) => return Err(e),
        };
        let text = data.get("visibility").and_then(Value::as_str).unwrap_or_default();
        Visibility::parse(text)
            .map(Some)
            .ok_or_else(|| Error::invalid("visibility", format!("GitHub's answer for {} has no valid visibility (got \"{}\")", get.name, text.escape_default())))
    }

    /// The write(s) of one variable while its turn is held: POST, then PATCH on 409
    /// (or, for [`Plan::Keep`], PATCH, then POST on 404). Only the second request
    /// after a 409/404 answer: one successful write at most.
    async fn write_variable(&self, routes: VariableRoutes, params: &Map<String, Value>, plan: Plan) -> (Outcome, Option<VisibilityUsed>) {
        let without_visibility = || without_access(params);
        match plan {
            Plan::Create(used) => {
                let mut create = params.clone();
                if let Some(u) = used {
                    create.insert("visibility".into(), Value::String(u.visibility.as_str().to_owned()));
                }
                match self.send_held(routes.create, &create).await {
                    Ok(_) => (Outcome::Created, used),
                    Err(Error::Http(failure)) if failure.status == 409 => {
                        // It exists (created since, or before a dry run's listing). An
                        // explicit visibility is applied; otherwise PATCH keeps the
                        // current one, which this run did not read: reported as kept.
                        let explicit = used.filter(|u| u.source == VisibilitySource::Explicit);
                        let update = if explicit.is_some() { params.clone() } else { without_visibility() };
                        match self.send_held(routes.update, &update).await {
                            Ok(_) => (Outcome::Updated, explicit),
                            Err(e) => (Outcome::Failed(e), None),
                        }
                    }
                    Err(e) => (Outcome::Failed(e), None),
                }
            }
            Plan::Keep(current) => {
                let kept = VisibilityUsed { visibility: current, source: VisibilitySource::Kept };
                match self.send_held(routes.update, &without_visibility()).await {
                    Ok(_) => (Outcome::Updated, Some(kept)),
                    Err(Error::Http(failure)) if failure.status == 404 => {
                        // Deleted since it was read: a new variable, private by default.
                        let used = VisibilityUsed { visibility: DEFAULT_VISIBILITY, source: VisibilitySource::Default };
                        let mut create = without_visibility();
                        create.insert("visibility".into(), Value::String(used.visibility.as_str().to_owned()));
                        match self.send_held(routes.create, &create).await {
                            Ok(_) => (Outcome::Created, Some(used)),
                            Err(e) => (Outcome::Failed(e), None),
                        }
                    }
                    Err(e) => (Outcome::Failed(e), None),
                }
            }
        }
    }

    /// Sends a write to `endpoint` while the caller holds the write turn (spaced and
    /// retried like every write, never queued again).
    async fn send_held(&self, endpoint: &'static Endpoint, params: &Map<String, Value>) -> Result<HttpResponse> {
        let prepared = request::prepare(endpoint, params)?;
        let req = self.http_request(endpoint.verb, self.url(&prepared.path), prepared.body.as_ref());
        self.send(req, Access::Held).await
    }
}
