//! `#[wasm_bindgen]` exports of the sync planning core ([`crate::sync`]):
//! conversion only. Structured values cross the boundary as JSON text (the
//! package's `sync/engine.js` stringifies and parses), decoded by `sync::json`.

use wasm_bindgen::prelude::*;

use crate::error::Error;
use serde_json::Value;

use crate::sync::{self, json, WriteBudget};

fn parse(param: &'static str, text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| Error::invalid(param, format!("not JSON: {e}")))
}

/// A JS number of milliseconds as u64 (NaN and negatives are 0; beyond 2^53 saturates).
fn ms(value: f64) -> u64 {
    if value.is_finite() && value > 0.0 {
        value as u64
    } else {
        0
    }
}

/// `syncPlan(inputsJson, stateJson, optionsJson)`: the plan (JSON text of
/// `{ items: [{ target, kind, name, action, reason, remoteUpdatedAt?, adopt? }], writes }`)
/// for `TargetInput[]`, a state file object and `{ overwriteDrift }`. Throws
/// `ValidationError` (`param` `inputs`, `state`, `options` or `state.*`) on bad JSON.
#[wasm_bindgen(js_name = syncPlan)]
pub fn sync_plan(inputs_json: &str, state_json: &str, options_json: &str) -> Result<String, JsValue> {
    let inputs = json::inputs_from_json(&parse("inputs", inputs_json)?)?;
    let state = json::state_from_json(&parse("state", state_json)?)?;
    state.validate()?;
    let options = json::options_from_json(&parse("options", options_json)?)?;
    Ok(json::plan_to_json(&sync::plan(&inputs, &state, options)).to_string())
}

/// `syncFingerprint(key, target, name, value)`: HMAC-SHA256 of the length-framed
/// fields (see `sync::fingerprint`), 64 lower-case hex digits. `key`: `Uint8Array`
/// of at least 16 bytes (`ValidationError` `stateKey` otherwise); `value`: UTF-8.
#[wasm_bindgen(js_name = syncFingerprint)]
pub fn sync_fingerprint(key: &[u8], target: &str, name: &str, value: &str) -> Result<String, JsValue> {
    Ok(sync::fingerprint(key, target, name, value.as_bytes())?)
}

/// `new WriteBudget(configJson)`: GitHub's write budget as sliding windows (see
/// `sync::WriteBudget`); times are milliseconds (`Date.now()`).
#[wasm_bindgen(js_name = WriteBudget)]
#[derive(Debug)]
pub struct SyncWriteBudget {
    inner: WriteBudget,
}

#[wasm_bindgen(js_class = WriteBudget)]
impl SyncWriteBudget {
    /// `configJson`: `{ maxWritesPerMinute?, maxWritesPerHour?, minuteMs?, hourMs?, minIntervalMs? }`
    /// (defaults 80, 500, 60000, 3600000, 0). Throws `ValidationError` naming a zero limit.
    #[wasm_bindgen(constructor)]
    pub fn new(config_json: &str) -> Result<SyncWriteBudget, JsValue> {
        let config = json::budget_from_json(&parse("budget", config_json)?)?;
        Ok(SyncWriteBudget { inner: WriteBudget::new(config)? })
    }

    /// Milliseconds to wait at `nowMs` before the next write may start.
    #[wasm_bindgen(js_name = delayMs)]
    pub fn delay_ms(&self, now_ms: f64) -> f64 {
        self.inner.delay_ms(ms(now_ms)) as f64
    }

    /// Record a write started at `startMs`.
    pub fn record(&mut self, start_ms: f64) {
        self.inner.record(ms(start_ms));
    }

    /// Estimated milliseconds from `nowMs` until `writes` writes of `writeMs` each are done.
    #[wasm_bindgen(js_name = etaMs)]
    pub fn eta_ms(&self, now_ms: f64, writes: f64, write_ms: f64) -> f64 {
        self.inner.eta_ms(ms(now_ms), ms(writes), ms(write_ms)) as f64
    }
}
