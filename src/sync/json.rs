//! The JSON form of the sync model, as the npm package sends and reads it
//! (camelCase; the state file in snake_case as written to disk). Hand-written over
//! `serde_json::Value`, which the client already carries, instead of serde derive:
//! the wasm stays ~100 KB smaller. Input is untrusted; every error names its JSON
//! path, e.g. `inputs[2].desired[0].fingerprint`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::budget::BudgetConfig;
use super::diff::Plan;
use super::model::{Desired, Kind, PlanItem, PlanOptions, Remote, RemoteItem, TargetInput};
use super::state::{State, StateEntry};
use crate::{Error, Result};

fn object<'a>(v: &'a Value, path: &str) -> Result<&'a Map<String, Value>> {
    v.as_object().ok_or_else(|| Error::invalid(path, "expected an object"))
}

fn array<'a>(v: Option<&'a Value>, path: &str) -> Result<&'a [Value]> {
    match v {
        None | Some(Value::Null) => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(_) => Err(Error::invalid(path, "expected an array")),
    }
}

fn string(v: Option<&Value>, path: &str) -> Result<String> {
    v.and_then(Value::as_str).map(str::to_string).ok_or_else(|| Error::invalid(path, "expected a string"))
}

fn opt_string(v: Option<&Value>, path: &str) -> Result<Option<String>> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Error::invalid(path, "expected a string or null")),
    }
}

fn boolean(v: Option<&Value>, path: &str) -> Result<bool> {
    match v {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Bool(b)) => Ok(*b),
        Some(_) => Err(Error::invalid(path, "expected true or false")),
    }
}

fn kind(v: Option<&Value>, path: &str) -> Result<Kind> {
    match v.and_then(Value::as_str) {
        Some("secret") => Ok(Kind::Secret),
        Some("variable") => Ok(Kind::Variable),
        _ => Err(Error::invalid(path, "expected \"secret\" or \"variable\"")),
    }
}

fn only(obj: &Map<String, Value>, allowed: &[&str], path: &str) -> Result<()> {
    match obj.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(Error::invalid(format!("{path}.{k}"), "unknown field")),
        None => Ok(()),
    }
}

fn desired(v: &Value, path: &str) -> Result<Desired> {
    let o = object(v, path)?;
    only(o, &["name", "fingerprint", "value", "settings"], path)?;
    Ok(Desired {
        name: string(o.get("name"), &format!("{path}.name"))?,
        fingerprint: string(o.get("fingerprint"), &format!("{path}.fingerprint"))?,
        value: opt_string(o.get("value"), &format!("{path}.value"))?,
        settings: opt_string(o.get("settings"), &format!("{path}.settings"))?,
    })
}

fn remote(v: Option<&Value>, path: &str) -> Result<Remote> {
    let o = object(v.unwrap_or(&Value::Null), path)?;
    match o.get("status").and_then(Value::as_str) {
        Some("listed") => {
            let items = array(o.get("items"), &format!("{path}.items"))?;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                let p = format!("{path}.items[{i}]");
                let r = object(item, &p)?;
                out.push(RemoteItem {
                    name: string(r.get("name"), &format!("{p}.name"))?,
                    updated_at: string(r.get("updatedAt"), &format!("{p}.updatedAt"))?,
                    value: opt_string(r.get("value"), &format!("{p}.value"))?,
                });
            }
            Ok(Remote::Listed { items: out })
        }
        Some("failed") => Ok(Remote::Failed { reason: string(o.get("reason"), &format!("{path}.reason"))? }),
        _ => Err(Error::invalid(format!("{path}.status"), "expected \"listed\" or \"failed\"")),
    }
}

/// `TargetInput[]` from `[{ target, kind, prune?, protect?, desired: [{ name,
/// fingerprint, value?, settings? }], remote: { status: "listed", items: [{ name,
/// updatedAt, value? }] } | { status: "failed", reason } }]`.
///
/// # Errors
/// [`Error::InvalidParam`] naming the path (`inputs[0].kind`...) of the first bad field.
pub fn inputs_from_json(v: &Value) -> Result<Vec<TargetInput>> {
    let items = array(Some(v), "inputs")?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("inputs[{i}]");
        let o = object(item, &path)?;
        let mut wanted = Vec::new();
        for (j, d) in array(o.get("desired"), &format!("{path}.desired"))?.iter().enumerate() {
            wanted.push(desired(d, &format!("{path}.desired[{j}]"))?);
        }
        let mut protect = Vec::new();
        for (j, g) in array(o.get("protect"), &format!("{path}.protect"))?.iter().enumerate() {
            protect.push(string(Some(g), &format!("{path}.protect[{j}]"))?);
        }
        out.push(TargetInput {
            target: string(o.get("target"), &format!("{path}.target"))?,
            kind: kind(o.get("kind"), &format!("{path}.kind"))?,
            prune: boolean(o.get("prune"), &format!("{path}.prune"))?,
            protect,
            desired: wanted,
            remote: remote(o.get("remote"), &format!("{path}.remote"))?,
        });
    }
    Ok(out)
}

/// [`PlanOptions`] from `{ overwriteDrift? }`.
///
/// # Errors
/// [`Error::InvalidParam`] (`options...`) on a wrong type.
pub fn options_from_json(v: &Value) -> Result<PlanOptions> {
    let o = object(v, "options")?;
    Ok(PlanOptions { overwrite_drift: boolean(o.get("overwriteDrift"), "options.overwriteDrift")? })
}

/// [`BudgetConfig`] from `{ maxWritesPerMinute?, maxWritesPerHour?, minuteMs?, hourMs?,
/// minIntervalMs? }` (absent fields keep the defaults).
///
/// # Errors
/// [`Error::InvalidParam`] (`budget.FIELD`) when a field is not a non-negative integer.
pub fn budget_from_json(v: &Value) -> Result<BudgetConfig> {
    let o = object(v, "budget")?;
    let mut c = BudgetConfig::default();
    let num = |key: &str| -> Result<Option<u64>> {
        match o.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(n) => n.as_u64().map(Some).ok_or_else(|| Error::invalid(format!("budget.{key}"), "expected a non-negative integer")),
        }
    };
    let small = |key: &str, n: u64| u32::try_from(n).map_err(|_| Error::invalid(format!("budget.{key}"), "too large"));
    if let Some(n) = num("maxWritesPerMinute")? {
        c.max_writes_per_minute = small("maxWritesPerMinute", n)?;
    }
    if let Some(n) = num("maxWritesPerHour")? {
        c.max_writes_per_hour = small("maxWritesPerHour", n)?;
    }
    c.minute_ms = num("minuteMs")?.unwrap_or(c.minute_ms);
    c.hour_ms = num("hourMs")?.unwrap_or(c.hour_ms);
    c.min_interval_ms = num("minIntervalMs")?.unwrap_or(c.min_interval_ms);
    Ok(c)
}

/// [`State`] from the state file's JSON: `{ "version": 1, "targets": { TARGET: {
/// "secret/NAME": { "updated_at": "...", "fingerprint": "hex", "settings"? } } } }`.
/// Not yet validated: call [`State::validate`].
///
/// # Errors
/// [`Error::InvalidParam`] (`state...`) naming the first bad field.
pub fn state_from_json(v: &Value) -> Result<State> {
    let o = object(v, "state")?;
    let version = match o.get("version") {
        None => super::state::STATE_VERSION,
        Some(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(|| Error::invalid("state.version", "expected an integer"))?,
    };
    let mut targets = BTreeMap::new();
    if let Some(t) = o.get("targets") {
        for (target, entries) in object(t, "state.targets")? {
            let path = format!("state.targets[\"{target}\"]");
            let mut map = BTreeMap::new();
            for (key, entry) in object(entries, &path)? {
                let p = format!("{path}[\"{key}\"]");
                let e = object(entry, &p)?;
                map.insert(
                    key.clone(),
                    StateEntry {
                        updated_at: opt_string(e.get("updated_at"), &format!("{p}.updated_at"))?,
                        fingerprint: string(e.get("fingerprint"), &format!("{p}.fingerprint"))?,
                        settings: opt_string(e.get("settings"), &format!("{p}.settings"))?,
                    },
                );
            }
            targets.insert(target.clone(), map);
        }
    }
    Ok(State { version, targets })
}

/// The state file's JSON (the inverse of [`state_from_json`]).
pub fn state_to_json(state: &State) -> Value {
    let mut targets = Map::new();
    for (target, entries) in &state.targets {
        let mut m = Map::new();
        for (key, e) in entries {
            let mut entry = Map::new();
            entry.insert("updated_at".into(), e.updated_at.clone().map_or(Value::Null, Value::String));
            entry.insert("fingerprint".into(), Value::String(e.fingerprint.clone()));
            if let Some(s) = &e.settings {
                entry.insert("settings".into(), Value::String(s.clone()));
            }
            m.insert(key.clone(), Value::Object(entry));
        }
        targets.insert(target.clone(), Value::Object(m));
    }
    let mut out = Map::new();
    out.insert("version".into(), Value::from(state.version));
    out.insert("targets".into(), Value::Object(targets));
    Value::Object(out)
}

fn item_to_json(item: &PlanItem) -> Value {
    let mut o = Map::new();
    o.insert("target".into(), Value::String(item.target.clone()));
    o.insert("kind".into(), Value::String(item.kind.as_str().into()));
    o.insert("name".into(), Value::String(item.name.clone()));
    o.insert("action".into(), Value::String(item.action.as_str().into()));
    o.insert("reason".into(), Value::String(item.reason.clone()));
    if let Some(at) = &item.remote_updated_at {
        o.insert("remoteUpdatedAt".into(), Value::String(at.clone()));
    }
    if item.adopt {
        o.insert("adopt".into(), Value::Bool(true));
    }
    Value::Object(o)
}

/// `{ items: [{ target, kind, name, action, reason, remoteUpdatedAt?, adopt? }], writes }`.
pub fn plan_to_json(plan: &Plan) -> Value {
    let mut o = Map::new();
    o.insert("items".into(), Value::Array(plan.items.iter().map(item_to_json).collect()));
    o.insert("writes".into(), Value::from(plan.writes));
    Value::Object(o)
}
