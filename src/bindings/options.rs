//! `GitHubSecrets` options -> [`Config`]: the reader shared by the client binding
//! (`new Client(options)`, feature `client`) and `checkOptions` (feature `options`),
//! which the default entries' eager wasm exports so that the constructor throws the
//! same `ValidationError` synchronously while the client's wasm loads on first use.
//! Conversion only: the checks live in [`Config::validate`].

use wasm_bindgen::prelude::*;
use zeroize::Zeroizing;

use super::js::{get, number, string};
use crate::error::Error;
use crate::github::Config;

/// The JS option name of a [`Config`] field named in a validation error
/// (`base_url` -> `baseUrl`).
fn js_option_name(error: Error) -> Error {
    match error {
        Error::InvalidParam { param, message } if param == "base_url" => Error::InvalidParam { param: "baseUrl".into(), message },
        other => other,
    }
}

/// `GitHubSecrets` options (`baseUrl`, `auth`, `userAgent`, `timeout`,
/// `retry.{retries,baseDelay,secondaryRateLimitWait,maxWait}`, `maxPages`,
/// `throttle.minWriteInterval`; times in milliseconds) -> [`Config`], checked by
/// [`Config::validate`].
///
/// # Errors
/// [`Error::InvalidType`] naming the option (`retry.retries`, ...) when it is not a
/// string / non-negative number; [`Error::InvalidParam`] naming `baseUrl` or `auth`
/// from [`Config::validate`].
pub(crate) fn config(options: &JsValue) -> Result<Config, Error> {
    let mut config = Config::default();
    if let Some(base) = string(options, "baseUrl", "baseUrl")? {
        config.base_url = base;
    }
    config.auth = string(options, "auth", "auth")?.map(Zeroizing::new);
    if let Some(ua) = string(options, "userAgent", "userAgent")? {
        config.user_agent = ua;
    }
    if let Some(t) = number(options, "timeout", "timeout")? {
        config.timeout_ms = t;
    }
    let retry = get(options, "retry");
    if let Some(n) = number(&retry, "retries", "retry.retries")? {
        config.retries = u32::try_from(n).unwrap_or(u32::MAX);
    }
    if let Some(n) = number(&retry, "baseDelay", "retry.baseDelay")? {
        config.retry_base_ms = n;
    }
    if let Some(n) = number(&retry, "secondaryRateLimitWait", "retry.secondaryRateLimitWait")? {
        config.secondary_rate_limit_wait_ms = n;
    }
    if let Some(n) = number(&retry, "maxWait", "retry.maxWait")? {
        config.max_wait_ms = n;
    }
    if let Some(n) = number(options, "maxPages", "maxPages")? {
        config.max_pages = u32::try_from(n).unwrap_or(u32::MAX);
    }
    let throttle = get(options, "throttle");
    if let Some(n) = number(&throttle, "minWriteInterval", "throttle.minWriteInterval")? {
        config.min_write_interval_ms = n;
    }
    config.validate().map_err(js_option_name)
}

/// The transport options: `fetch` (`undefined` or a function like
/// `globalThis.fetch`) and `maxResponseBytes` (a non-negative number, or absent).
///
/// # Errors
/// [`Error::InvalidType`] naming `fetch` or `maxResponseBytes`.
pub(crate) fn transport(options: &JsValue) -> Result<(JsValue, Option<u64>), Error> {
    let fetch = get(options, "fetch");
    if !fetch.is_undefined() && !fetch.is_function() {
        return Err(Error::InvalidType { param: "fetch", expected: "a function like globalThis.fetch" });
    }
    Ok((fetch, number(options, "maxResponseBytes", "maxResponseBytes")?))
}

/// `checkOptions(options)`: throws the `ValidationError` (with `param`: `baseUrl`,
/// `auth`, `retry.retries`, `fetch`, ...) that `new Client(options)` of the client's
/// wasm would throw, in the same order, and nothing else; the settings are dropped
/// (the token wiped). `pkg-template/client-class.js` calls it in the `GitHubSecrets`
/// constructor.
#[cfg(feature = "options")]
#[wasm_bindgen(js_name = checkOptions)]
pub fn check_options(options: JsValue) -> Result<(), JsValue> {
    config(&options)?;
    transport(&options)?;
    Ok(())
}
