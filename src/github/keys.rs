//! Public keys and sealed writes: each scope's key is fetched once (one fetch at a
//! time, shared by concurrent writes) and cached; a `value` is sealed with it
//! (libsodium `crypto_box_seal`) and sent as `encrypted_value` + `key_id`; a 422 after
//! a key rotation seals again with the new key, once.

use serde_json::Value;

use super::client::{Access, Client};
use super::http::{HttpResponse, Method};
use super::request::Prepared;
use super::retry::{RetryEvent, RetryReason};
use super::transport::Transport;
use super::writes::Turn;
use crate::error::{Error, Result};
use crate::seal::{self, PUBLIC_KEY_LEN};

/// A scope's public key, as `GET .../secrets/public-key` returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct PublicKey {
    /// GitHub's identifier of the key, sent back with `encrypted_value`.
    pub key_id: String,
    /// The 32-byte X25519 key.
    pub key: [u8; PUBLIC_KEY_LEN],
}

/// The public keys fetched so far, by key route (`/repos/o/r/actions/secrets/public-key`).
/// A list, not a map: a run touches a handful of scopes (hundreds at most), and in
/// wasm a `BTreeMap<String, PublicKey>` costs its own insert/remove/search code.
#[derive(Debug, Default)]
pub(super) struct KeyCache(Vec<(String, PublicKey)>);

impl KeyCache {
    /// The cached key of `key_path`.
    pub(super) fn get(&self, key_path: &str) -> Option<&PublicKey> {
        self.0.iter().find(|(path, _)| path == key_path).map(|(_, key)| key)
    }

    /// Forgets the key of `key_path` (after a rotation).
    pub(super) fn remove(&mut self, key_path: &str) {
        self.0.retain(|(path, _)| path != key_path);
    }

    /// Caches `key` for `key_path`, replacing an older one.
    pub(super) fn insert(&mut self, key_path: String, key: PublicKey) {
        self.remove(&key_path);
        self.0.push((key_path, key));
    }
}

impl<T: Transport> Client<T> {
    pub(super) async fn put_sealed(&self, prepared: Prepared, turn: Option<Turn<'_>>) -> Result<HttpResponse> {
        let Prepared { endpoint, path, key_path, body, value, .. } = prepared;
        let value = value.unwrap_or_default();
        let mut body = body.unwrap_or_default();
        let key_path = key_path.ok_or_else(|| Error::invalid("value", format!("{} takes no sealed value", endpoint.name)))?;
        let mut key = self.public_key_at(&key_path).await?;
        let mut turn = turn;
        let mut rotated = false;
        loop {
            let sealed = seal::seal(&key.key, value.as_bytes())?;
            body.insert("encrypted_value".into(), Value::String(seal::encode_base64(&sealed)));
            body.insert("key_id".into(), Value::String(key.key_id.clone()));
            let req = self.http_request(endpoint.verb, self.url(&path), Some(&body));
            match self.send(req, Access::Write(turn.take())).await {
                Err(Error::Http(failure)) if failure.status == 422 && !rotated => {
                    // Another write may have fetched the new key already; otherwise
                    // drop the stale one and fetch (shared with concurrent writes).
                    let cached = self.keys.borrow().get(&key_path).cloned();
                    let fresh = match cached {
                        Some(newer) if newer.key_id != key.key_id => newer,
                        _ => {
                            self.keys.borrow_mut().remove(&key_path);
                            self.public_key_at(&key_path).await?
                        }
                    };
                    if fresh.key_id == key.key_id {
                        return Err(Error::Http(failure));
                    }
                    self.emit(RetryEvent {
                        reason: RetryReason::KeyRotated,
                        method: failure.method,
                        url: failure.url.clone(),
                        status: 422,
                        attempt: 1,
                        wait_ms: 0,
                    });
                    key = fresh;
                    rotated = true;
                }
                other => return other,
            }
        }
    }

    /// The public key of the secrets collection at `scope_path` (e.g.
    /// `/repos/o/r/actions`, `/orgs/acme/dependabot`, `/user/codespaces`), from the
    /// cache or `GET {scope_path}/secrets/public-key`.
    ///
    /// # Errors
    /// As [`Client::public_key_at`].
    pub async fn public_key(&self, scope_path: &str) -> Result<PublicKey> {
        self.public_key_at(&format!("{scope_path}/secrets/public-key")).await
    }

    /// The public key at `key_path`, an expanded public-key route (e.g.
    /// `/orgs/acme/private-registries/public-key`, a row's [`super::Endpoint::key_route`]),
    /// from the cache (one entry per path) or `GET key_path`.
    ///
    /// # Errors
    /// As [`Client::request`]; as [`super::key_response::parse_public_key`] when the
    /// answer is not `{ key_id, key }` (saying what arrived), has no sane `key_id`
    /// or 32-byte base64 `key`, or carries a low-order key (never cached).
    pub async fn public_key_at(&self, key_path: &str) -> Result<PublicKey> {
        if let Some(key) = self.keys.borrow().get(key_path) {
            return Ok(key.clone());
        }
        let _fetching = self.key_lock.ticket().turn().await;
        // Fetched by another call while this one waited?
        if let Some(key) = self.keys.borrow().get(key_path) {
            return Ok(key.clone());
        }
        let url = self.url(key_path);
        let response = self.send(self.http_request(Method::Get, url, None), Access::Read).await?;
        let (key_id, key) = super::key_response::parse_public_key(&response)?;
        let key = PublicKey { key_id, key };
        self.keys.borrow_mut().insert(key_path.to_owned(), key.clone());
        Ok(key)
    }
}
