//! Setting many secrets of one scope: [`Client::set_secrets`], its [`BulkOptions`]
//! and per-secret [`SecretResult`]s.

use core::cell::Cell;
use core::future::{poll_fn, Future};
use core::pin::Pin;
use core::task::Poll;

use serde_json::{Map, Value};
use zeroize::Zeroizing;

use super::client::Client;
use super::endpoints::{self, App, Endpoint, Op, Scope};
use super::params::{filtered, without_access};
use super::request::{self, wipe_value};
use super::transport::Transport;
use super::writes::Ticket;
use super::visibility::{Visibility, VisibilitySource, VisibilityUsed, DEFAULT_VISIBILITY};
use crate::error::{Error, Result};

/// What happened to one secret of a bulk [`Client::set_secrets`].
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// 201: the secret did not exist.
    Created,
    /// 204: an existing secret was replaced.
    Updated,
    /// Dry run: it does not exist and would be created.
    WouldCreate,
    /// Dry run: it exists and would be replaced.
    WouldUpdate,
    /// Not set; the error says why. Nothing else in the run is affected.
    Failed(Error),
    /// Not sent: the run was cancelled before this secret's write started.
    NotAttempted,
}

impl Outcome {
    /// `created`, `updated`, `would-create`, `would-update`, `failed`, `not-attempted`.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Created => "created",
            Outcome::Updated => "updated",
            Outcome::WouldCreate => "would-create",
            Outcome::WouldUpdate => "would-update",
            Outcome::Failed(_) => "failed",
            Outcome::NotAttempted => "not-attempted",
        }
    }
}

/// One secret's result in a bulk run, in input order.
#[derive(Debug, Clone, PartialEq)]
pub struct SecretResult {
    /// The secret's name as given.
    pub secret_name: String,
    /// What happened.
    pub outcome: Outcome,
    /// Org scope only: the `visibility` written (or, in a dry run, that would be)
    /// and where it came from. `None` for other scopes and when no write was prepared.
    pub visibility: Option<VisibilityUsed>,
}

impl SecretResult {
    pub(crate) fn new(secret_name: String, outcome: Outcome) -> Self {
        SecretResult { secret_name, outcome, visibility: None }
    }
}

/// The progress callback of a bulk run: `(result, done, total)`.
pub type ProgressFn<'a> = &'a dyn Fn(&SecretResult, usize, usize);

/// Settings of a bulk run. `Default`: 4 writes in flight, real run, no callbacks.
#[derive(Clone, Copy)]
pub struct BulkOptions<'a> {
    /// Secrets prepared at once (their reads overlap; writes still go one at a
    /// time, in input order). At least 1.
    pub concurrency: usize,
    /// List the scope's secrets once and report `would-create` / `would-update`;
    /// send no write.
    pub dry_run: bool,
    /// Called after each secret with `(result, done, total)`.
    pub on_progress: Option<ProgressFn<'a>>,
    /// Polled before each write starts; once it returns `true`, no new write starts
    /// (those in flight finish) and the remaining secrets get [`Outcome::NotAttempted`].
    pub cancelled: Option<&'a dyn Fn() -> bool>,
}

impl Default for BulkOptions<'_> {
    fn default() -> Self {
        BulkOptions { concurrency: 4, dry_run: false, on_progress: None, cancelled: None }
    }
}

impl<'a> BulkOptions<'a> {
    /// Counts finished items and calls `on_progress(result, done, total)` for each;
    /// returns the result unchanged (shared by secrets and variables bulk runs).
    pub(crate) fn reporter(&self, total: usize) -> impl Fn(SecretResult) -> SecretResult + 'a {
        let on_progress = self.on_progress;
        let done = Cell::new(0usize);
        move |result| {
            done.set(done.get() + 1);
            if let Some(on_progress) = on_progress {
                on_progress(&result, done.get(), total);
            }
            result
        }
    }

    /// Whether the caller has cancelled the run (no new write may start).
    pub(crate) fn is_cancelled(&self) -> bool {
        self.cancelled.is_some_and(|c| c())
    }
}

impl core::fmt::Debug for BulkOptions<'_> {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("BulkOptions").field("concurrency", &self.concurrency).field("dry_run", &self.dry_run).finish_non_exhaustive()
    }
}

/// A validated secret waiting to be written: input index, name, parameters.
pub(super) type Job = (usize, String, Map<String, Value>);

/// One item's write, boxed: every bulk kind's writes have this one type.
pub(super) type JobFuture<'a> = Pin<Box<dyn Future<Output = SecretResult> + 'a>>;

/// A job in flight in [`Client::write_jobs`]: `(input index, result)` when done.
type Running<'a> = Pin<Box<dyn Future<Output = (usize, SecretResult)> + 'a>>;

/// A bulk kind's write of one item: `(write-queue ticket, result so far, params)` ->
/// the result. Awaits the ticket's turn itself (after its reads) and wipes a
/// secret's `value` in `params` when done.
pub(super) type WriteJob<'a> = dyn Fn(Ticket<'a>, SecretResult, Map<String, Value>) -> JobFuture<'a> + 'a;

impl<T: Transport> Client<T> {
    /// Sets many secrets in one scope. `target` names the app (`"app"`: actions |
    /// dependabot | codespaces, default actions) and the scope: `owner` + `repo`
    /// (+ `environment_name`), `org` (+ `visibility` and `selected_repository_ids`;
    /// without `visibility` each secret keeps its current one, a new one gets
    /// `private`), or `user: true` (Codespaces).
    ///
    /// Validates every secret first, fetches the public key once, then writes them
    /// one at a time in input order, preparing up to `options.concurrency` at once
    /// (writes are throttled as configured). With `dry_run`, lists the scope's secrets
    /// once and sends no write. Returns one result per secret in input order: one
    /// failure never hides the others.
    ///
    /// # Errors
    /// [`Error::InvalidParam`] for a target that names no valid scope (nothing is sent).
    pub async fn set_secrets(
        &self,
        target: &Map<String, Value>,
        secrets: Vec<(String, Zeroizing<String>)>,
        options: BulkOptions<'_>,
    ) -> Result<Vec<SecretResult>> {
        let (endpoint, base) = resolve_target(target)?;
        let total = secrets.len();
        let report = options.reporter(total);
        let cancelled = || options.is_cancelled();
        let mut results: Vec<Option<SecretResult>> = vec![None; total];
        let mut place = |index: usize, result: SecretResult| {
            if let Some(slot) = results.get_mut(index) {
                *slot = Some(result);
            }
        };

        // Validate every secret first: bad names fail alone, before any request.
        let mut jobs: Vec<Job> = Vec::new();
        let mut scope_path = None;
        for (index, (name, value)) in secrets.into_iter().enumerate() {
            let mut params = base.clone();
            params.insert("secret_name".into(), Value::String(name.clone()));
            params.insert("value".into(), Value::String(value.to_string()));
            match request::prepare(endpoint, &params) {
                Ok(prepared) => {
                    scope_path.get_or_insert(prepared.scope_path);
                    jobs.push((index, name, params));
                }
                Err(error) => {
                    wipe_value(&mut params);
                    place(index, report(SecretResult::new(name, Outcome::Failed(error))));
                }
            }
        }
        let outcome_for_all = |jobs: Vec<Job>, outcome: Outcome, place: &mut dyn FnMut(usize, SecretResult)| {
            for (index, name, mut params) in jobs {
                wipe_value(&mut params);
                place(index, report(SecretResult::new(name, outcome.clone())));
            }
        };
        let Some(scope_path) = scope_path else {
            return Ok(results.into_iter().flatten().collect());
        };

        if options.dry_run {
            for (index, result) in self.dry_run(endpoint, &base, jobs).await {
                place(index, report(result));
            }
        } else if cancelled() {
            outcome_for_all(jobs, Outcome::NotAttempted, &mut place);
        } else if let Err(error) = self.public_key(&scope_path).await {
            outcome_for_all(jobs, Outcome::Failed(error), &mut place);
        } else {
            let write: &WriteJob<'_> = &|ticket, mut result, mut params| {
                Box::pin(async move {
                    let written = async {
                        let mut prepared = request::prepare(endpoint, &params)?;
                        if let Some(body) = prepared.body.as_mut() {
                            result.visibility = self.fill_visibility(endpoint, &params, body).await?;
                        }
                        let turn = self.write_turn(ticket).await;
                        if cancelled() {
                            return Ok(None);
                        }
                        self.send_prepared(prepared, Some(turn)).await.map(Some)
                    };
                    result.outcome = match written.await {
                        Ok(Some(r)) if r.status == 201 => Outcome::Created,
                        Ok(Some(_)) => Outcome::Updated,
                        Ok(None) => Outcome::NotAttempted,
                        Err(e) => Outcome::Failed(e),
                    };
                    wipe_value(&mut params);
                    result
                })
            };
            for (index, result) in self.write_jobs(jobs, &options, &report, write).await {
                place(index, result);
            }
        }
        Ok(results.into_iter().flatten().collect())
    }

    /// The write loop shared by [`Client::set_secrets`] and
    /// [`Client::set_variables`]: takes each job's place in the write queue in input
    /// order as it starts (up to `options.concurrency` jobs at once), runs `write`
    /// unless the run was cancelled first (then [`Outcome::NotAttempted`]), wipes the
    /// job's `value` and reports the result. Returns `(input index, result)` in
    /// completion order. One non-generic driver over boxed futures keeps a single
    /// copy of this code in the wasm for both kinds.
    pub(super) async fn write_jobs<'a>(
        &'a self,
        jobs: Vec<Job>,
        options: &BulkOptions<'_>,
        report: &(dyn Fn(SecretResult) -> SecretResult + 'a),
        write: &'a WriteJob<'a>,
    ) -> Vec<(usize, SecretResult)> {
        let start = |(index, name, mut params): Job| -> Running<'_> {
            // Places in the write queue are taken here, in input order.
            let ticket = self.writes.ticket();
            Box::pin(async move {
                let result = SecretResult::new(name, Outcome::NotAttempted);
                if options.is_cancelled() {
                    wipe_value(&mut params);
                    return (index, report(result));
                }
                (index, report(write(ticket, result, params).await))
            })
        };
        // At most `concurrency` jobs in flight, started in input order as others
        // finish; every wake polls those in flight (a handful), which each tolerate.
        let limit = options.concurrency.max(1);
        let mut waiting = jobs.into_iter();
        let mut running: Vec<Running<'_>> = Vec::new();
        let mut finished = Vec::new();
        poll_fn(|cx| loop {
            while running.len() < limit {
                match waiting.next() {
                    Some(job) => running.push(start(job)),
                    None => break,
                }
            }
            let before = running.len();
            running.retain_mut(|job| match job.as_mut().poll(cx) {
                Poll::Ready(done) => {
                    finished.push(done);
                    false
                }
                Poll::Pending => true,
            });
            if running.is_empty() && waiting.as_slice().is_empty() {
                return Poll::Ready(());
            }
            if running.len() == before {
                return Poll::Pending;
            }
        })
        .await;
        finished
    }

    /// A dry run: one listing of the scope; each job would create or update. At org
    /// scope also the visibility a write would use (the listing carries it).
    /// `endpoint` is the write (secrets' `createOrUpdate*`, variables' `create*`): its
    /// kind's list at its scope is read.
    pub(super) async fn dry_run(&self, endpoint: &'static Endpoint, base: &Map<String, Value>, jobs: Vec<Job>) -> Vec<(usize, SecretResult)> {
        let list = endpoints::for_kind(endpoint.app, endpoint.kind, endpoint.scope, Op::List).unwrap_or(endpoint);
        let list_params = without_access(base);
        let existing = self.paginate(list, &list_params).await;
        let explicit = base.get("visibility").and_then(Value::as_str).and_then(Visibility::parse);
        let mut out = Vec::with_capacity(jobs.len());
        for (index, name, mut params) in jobs {
            wipe_value(&mut params);
            let mut result = SecretResult::new(name, Outcome::WouldCreate);
            match &existing {
                Ok(items) => {
                    let found = items.iter().find(|s| {
                        s.get("name").and_then(Value::as_str).is_some_and(|n| n.eq_ignore_ascii_case(&result.secret_name))
                    });
                    if found.is_some() {
                        result.outcome = Outcome::WouldUpdate;
                    }
                    if endpoint.scope == Scope::Org {
                        let current = found.and_then(|s| s.get("visibility")).and_then(Value::as_str).and_then(Visibility::parse);
                        result.visibility = Some(match (explicit, current) {
                            (Some(v), _) => VisibilityUsed { visibility: v, source: VisibilitySource::Explicit },
                            (None, Some(v)) => VisibilityUsed { visibility: v, source: VisibilitySource::Kept },
                            (None, None) => VisibilityUsed { visibility: DEFAULT_VISIBILITY, source: VisibilitySource::Default },
                        });
                    }
                }
                Err(e) => result.outcome = Outcome::Failed(e.clone()),
            }
            out.push((index, result));
        }
        out
    }
}

/// The scope a bulk target (secrets or variables) names, by its keys, first match
/// wins: `user` -> user, `org` -> organization, `environment_name` -> environment,
/// `owner` or `repo` -> repository. A key counts unless absent, `null` or `false`.
/// `None` when the target names no scope.
pub(crate) fn target_scope(target: &Map<String, Value>) -> Option<Scope> {
    let has = |k: &str| target.get(k).is_some_and(|v| !matches!(v, Value::Null | Value::Bool(false)));
    if has("user") {
        Some(Scope::User)
    } else if has("org") {
        Some(Scope::Org)
    } else if has("environment_name") {
        Some(Scope::Environment)
    } else if has("owner") || has("repo") {
        Some(Scope::Repo)
    } else {
        None
    }
}

/// Maps a bulk target to the `createOrUpdate*` endpoint and its base parameters.
///
/// # Errors
/// [`Error::InvalidParam`] naming `app` or `target`.
pub fn resolve_target(target: &Map<String, Value>) -> Result<(&'static Endpoint, Map<String, Value>)> {
    let app = match target.get("app") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(App::parse(s).ok_or_else(|| {
            Error::invalid("app", format!("\"{s}\" is not one of actions, dependabot, codespaces, agents"))
        })?),
        Some(_) => return Err(Error::invalid("app", "expected actions, dependabot, codespaces or agents")),
    };
    let scope = target_scope(target).ok_or_else(|| Error::invalid("target", "name a scope: owner + repo (+ environment_name), org, or user: true"))?;
    let app = app.unwrap_or(if scope == Scope::User { App::Codespaces } else { App::Actions });
    let endpoint = endpoints::for_op(app, scope, Op::Put).ok_or_else(|| {
        Error::invalid("app", format!("{} has no {} secrets (actions: repo, environment, org; dependabot: repo, org; codespaces: user, repo, org; agents: repo, org)", app.as_str(), scope.as_str()))
    })?;
    let base = filtered(target, &|k, v| !matches!(k, "app" | "user") && !v.is_null());
    Ok((endpoint, base))
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
