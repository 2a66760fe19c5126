//! The diff: per target and name, one [`Action`] with its reason, from what the
//! manifest wants, what GitHub lists and what the state recorded. Pure; the
//! drift and prune rules of `ghseal sync` live here and only here.

use super::glob::first_match;
use super::model::{Action, Desired, Kind, PlanItem, PlanOptions, Remote, RemoteItem, TargetInput};
use super::state::{State, StateEntry, FINGERPRINT_LEN};
use super::time::parse_timestamp_ms;

/// A whole plan: every item of every target, and how many writes it needs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// One item per target, kind and name, targets in input order.
    pub items: Vec<PlanItem>,
    /// Number of content-creating requests apply sends (create + update + delete).
    pub writes: u64,
}

/// Plan every target. See [`plan_target`] for the rules.
pub fn plan(inputs: &[TargetInput], state: &State, options: PlanOptions) -> Plan {
    let items: Vec<PlanItem> = inputs.iter().flat_map(|t| plan_target(t, state, options)).collect();
    let writes = items.iter().filter(|i| i.action.is_write()).count() as u64;
    Plan { items, writes }
}

/// Whether GitHub accepts `name` for a secret or variable: `[A-Za-z0-9_]`, not
/// starting with a digit, no `GITHUB_` prefix (GitHub's naming rules).
pub fn valid_name(name: &str) -> bool {
    crate::names::well_formed(name) && !crate::names::reserved(name)
}

/// Plan one target and kind.
///
/// Rules, per manifest name N (upper case), with R its remote entry and S its record:
/// - target failed to list: `error` with the listing's reason;
/// - no R, no S: `create`; no R but S: `drifted` (deleted outside ghseal), `create`
///   with `overwrite_drift`;
/// - R and S with a recorded `updated_at`: if R's `updated_at` differs from it,
///   `drifted` (`update` with `overwrite_drift`); else `unchanged` when the
///   fingerprint and settings equal S's, `update` otherwise;
/// - R and S written by an interrupted run (no `updated_at` yet): `unchanged` and
///   adopt R's `updated_at` when the fingerprint matches, else `update`;
/// - R but no S: variables whose listed value equals the manifest's are
///   `unchanged` (adopted); anything else is `update` (a secret's value is unknown).
///
/// Remote names the manifest does not list are planned only with `prune`: `delete`,
/// or `unchanged` when a `protect` glob matches. Invalid or duplicate names, bad
/// fingerprints and unparsable timestamps become `error` items.
pub fn plan_target(input: &TargetInput, state: &State, options: PlanOptions) -> Vec<PlanItem> {
    let item = |name: &str, action: Action, reason: String, remote: Option<&RemoteItem>| PlanItem {
        target: input.target.clone(),
        kind: input.kind,
        name: name.to_string(),
        action,
        reason,
        remote_updated_at: remote.map(|r| r.updated_at.clone()),
        adopt: false,
    };
    // Sorted vectors rather than BTreeMaps: the same lookups in less wasm.
    let remote: Result<Vec<(String, &RemoteItem)>, &str> = match &input.remote {
        Remote::Listed { items } => {
            let mut v: Vec<(String, &RemoteItem)> = items.iter().map(|r| (r.name.to_ascii_uppercase(), r)).collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v.dedup_by(|a, b| a.0 == b.0); // an untrusted list may repeat a name
            Ok(v)
        }
        Remote::Failed { reason } => Err(reason.as_str()),
    };
    let mut seen: Vec<String> = Vec::with_capacity(input.desired.len());
    let mut out = Vec::with_capacity(input.desired.len());
    for d in &input.desired {
        let name = d.name.to_ascii_uppercase();
        if seen.contains(&name) {
            out.push(item(&name, Action::Error, "listed twice for this target (names are case-insensitive)".into(), None));
            continue;
        }
        seen.push(name.clone());
        if !valid_name(&name) {
            out.push(item(&name, Action::Error, "invalid name: use A-Z, 0-9 and _, do not start with a digit or GITHUB_".into(), None));
            continue;
        }
        if d.fingerprint.len() != FINGERPRINT_LEN * 2 {
            out.push(item(&name, Action::Error, "internal: the desired fingerprint is not 64 hex digits".into(), None));
            continue;
        }
        let listed = match &remote {
            Ok(map) => map,
            Err(reason) => {
                out.push(item(&name, Action::Error, (*reason).to_string(), None));
                continue;
            }
        };
        let r = listed.binary_search_by(|(n, _)| n.as_str().cmp(name.as_str())).ok().and_then(|i| listed.get(i)).map(|(_, r)| *r);
        let recorded = state.get(&input.target, input.kind, &name);
        let (action, reason, adopt) = decide(input.kind, d, r, recorded, options);
        let mut planned = item(&name, action, reason, r);
        planned.adopt = adopt;
        out.push(planned);
    }
    if let (true, Ok(listed)) = (input.prune, &remote) {
        for (name, r) in listed.iter().map(|(n, r)| (n, *r)) {
            if seen.contains(name) {
                continue;
            }
            out.push(match first_match(&input.protect, name) {
                Some(glob) => item(name, Action::Unchanged, format!("not in the manifest, kept: protected by \"{glob}\""), Some(r)),
                None => item(name, Action::Delete, "not in the manifest (prune: true)".into(), Some(r)),
            });
        }
    }
    out
}

/// The rule table of [`plan_target`] for one managed name: (action, reason, adopt).
fn decide(kind: Kind, d: &Desired, r: Option<&RemoteItem>, s: Option<&StateEntry>, options: PlanOptions) -> (Action, String, bool) {
    let overwrite = options.overwrite_drift;
    let Some(r) = r else {
        return match (s, overwrite) {
            (None, _) => (Action::Create, "absent".into(), false),
            (Some(_), false) => (Action::Drifted, "deleted outside ghseal since the last apply (--overwrite-drift recreates it)".into(), false),
            (Some(_), true) => (Action::Create, "deleted outside ghseal; recreating (overwrite drift)".into(), false),
        };
    };
    let remote_ms = match parse_timestamp_ms("updated_at", &r.updated_at) {
        Ok(ms) => ms,
        Err(e) => return (Action::Error, format!("GitHub's answer: {e}"), false),
    };
    let same_value = |e: &StateEntry| e.fingerprint == d.fingerprint && e.settings == d.settings;
    let variable_matches = kind == Kind::Variable && d.value.is_some() && d.value == r.value;
    match s {
        None if variable_matches => (Action::Unchanged, "same value (now recorded)".into(), true),
        None if kind == Kind::Variable => (Action::Update, "value differs".into(), false),
        None => (Action::Update, "exists but was not written by ghseal (value unknown)".into(), false),
        Some(e) => match &e.updated_at {
            None if same_value(e) => (Action::Unchanged, "written by an interrupted run (now recorded)".into(), true),
            None => (Action::Update, "value changed".into(), false),
            Some(recorded) => {
                let recorded_ms = match parse_timestamp_ms("state.updated_at", recorded) {
                    Ok(ms) => ms,
                    Err(e) => return (Action::Error, format!("state file: {e}"), false),
                };
                if remote_ms != recorded_ms {
                    if variable_matches && e.settings == d.settings {
                        return (Action::Unchanged, "changed outside ghseal but holds the manifest's value (now recorded)".into(), true);
                    }
                    let when = format!("changed outside ghseal at {} (ghseal wrote it at {recorded})", r.updated_at);
                    return if overwrite {
                        (Action::Update, format!("{when}; overwriting (overwrite drift)"), false)
                    } else {
                        (Action::Drifted, format!("{when}; --overwrite-drift replaces it"), false)
                    };
                }
                if e.fingerprint != d.fingerprint {
                    (Action::Update, "value changed in the manifest".into(), false)
                } else if e.settings != d.settings {
                    (Action::Update, "settings changed in the manifest".into(), false)
                } else {
                    (Action::Unchanged, "same value as the last apply".into(), false)
                }
            }
        },
    }
}
