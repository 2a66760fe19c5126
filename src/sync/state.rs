//! The sync state: per target and name, the `updated_at` GitHub reported after
//! ghseal's last write and a keyed fingerprint of the value written. It holds no
//! plaintext and no key, so it can be committed: without the key a fingerprint is
//! not a guessing oracle.

use std::collections::BTreeMap;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::model::Kind;
use crate::{Error, Result};

/// Version of the state format written by this crate.
pub const STATE_VERSION: u32 = 1;
/// Shortest accepted fingerprint key, in bytes (128 bits).
pub const MIN_STATE_KEY_LEN: usize = 16;
/// Length of a fingerprint in bytes (HMAC-SHA256 output); hex text is twice that.
pub const FINGERPRINT_LEN: usize = 32;
/// Domain tag hashed first, so these MACs are never valid for anything else.
const DOMAIN: &[u8] = b"ghseal-sync-fingerprint-v1";

/// What the state records for one managed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateEntry {
    /// `updated_at` as GitHub reported it after ghseal's write (RFC 3339). `None`
    /// while a write succeeded but its `updated_at` has not been listed yet (an
    /// interrupted run): the next plan adopts the remote one if the value matches.
    pub updated_at: Option<String>,
    /// Lower-case hex of [`fingerprint`] (64 characters).
    pub fingerprint: String,
    /// Non-secret settings applied with the value (e.g. an organization secret's
    /// `visibility` and selected repositories), as an opaque comparable string.
    pub settings: Option<String>,
}

/// The whole state file: `{ "version": 1, "targets": { "octo-org/api": { "secret/TOKEN": {..} } } }`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct State {
    /// Format version ([`STATE_VERSION`]).
    pub version: u32,
    /// Target (`owner/repo`, `owner/repo:env:NAME`, `org:ORG`, each with `:APP` when
    /// not `actions`) to entries keyed by [`State::entry_key`].
    pub targets: BTreeMap<String, BTreeMap<String, StateEntry>>,
}

impl State {
    /// An empty state of the current version.
    pub fn new() -> Self {
        State { version: STATE_VERSION, targets: BTreeMap::new() }
    }

    /// Key of a name inside a target: `secret/NAME` or `variable/NAME`, upper case
    /// (GitHub names are case-insensitive and stored upper case).
    pub fn entry_key(kind: Kind, name: &str) -> String {
        format!("{}/{}", kind.as_str(), name.to_ascii_uppercase())
    }

    /// The recorded entry of `target`/`kind`/`name`, if any.
    pub fn get(&self, target: &str, kind: Kind, name: &str) -> Option<&StateEntry> {
        self.targets.get(target)?.get(&Self::entry_key(kind, name))
    }

    /// Record (or replace) an entry, e.g. after a successful write.
    pub fn record(&mut self, target: &str, kind: Kind, name: &str, entry: StateEntry) {
        self.targets.entry(target.to_string()).or_default().insert(Self::entry_key(kind, name), entry);
    }

    /// Forget an entry (after a successful delete); drops the target when empty.
    pub fn forget(&mut self, target: &str, kind: Kind, name: &str) {
        if let Some(entries) = self.targets.get_mut(target) {
            entries.remove(&Self::entry_key(kind, name));
            if entries.is_empty() {
                self.targets.remove(target);
            }
        }
    }

    /// Names of `kind` recorded for `target`, upper case.
    pub fn names(&self, target: &str, kind: Kind) -> Vec<String> {
        let prefix = format!("{}/", kind.as_str());
        self.targets
            .get(target)
            .map(|entries| entries.keys().filter_map(|k| k.strip_prefix(&prefix)).map(str::to_string).collect())
            .unwrap_or_default()
    }

    /// Check a state read from a file (untrusted): known version, hex fingerprints.
    ///
    /// # Errors
    /// [`Error::InvalidParam`] with param `state` (or `state.targets[..]`) naming the problem.
    pub fn validate(&self) -> Result<()> {
        if self.version != STATE_VERSION {
            return Err(Error::invalid("state.version", format!("unsupported state version {} (expected {STATE_VERSION})", self.version)));
        }
        for (target, entries) in &self.targets {
            for (key, entry) in entries {
                let ok = entry.fingerprint.len() == FINGERPRINT_LEN * 2 && entry.fingerprint.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
                if !ok {
                    return Err(Error::invalid(format!("state.targets[\"{target}\"][\"{key}\"].fingerprint"), "expected 64 lower-case hex digits"));
                }
            }
        }
        Ok(())
    }
}

/// HMAC-SHA256 (RFC 2104 over FIPS 180-4, RustCrypto `hmac` + `sha2`) of the
/// domain tag, `target`, `name` (upper case) and `value`, each preceded by its
/// length as a 64-bit big-endian integer so that no two inputs concatenate alike.
/// Returns 64 lower-case hex digits.
///
/// # Errors
/// [`Error::InvalidParam`] (`stateKey`) when `key` is shorter than [`MIN_STATE_KEY_LEN`] bytes.
pub fn fingerprint(key: &[u8], target: &str, name: &str, value: &[u8]) -> Result<String> {
    if key.len() < MIN_STATE_KEY_LEN {
        return Err(Error::invalid("stateKey", format!("the state key must be at least {MIN_STATE_KEY_LEN} bytes, got {}", key.len())));
    }
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).map_err(|_| Error::invalid("stateKey", "unusable HMAC key"))?;
    let upper = name.to_ascii_uppercase();
    for field in [DOMAIN, target.as_bytes(), upper.as_bytes(), value] {
        mac.update(&(field.len() as u64).to_be_bytes());
        mac.update(field);
    }
    let tag = mac.finalize().into_bytes();
    Ok(tag.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &[u8] = b"0123456789abcdef0123456789abcdef";

    #[test]
    fn fingerprint_is_rfc2104_hmac_sha256_of_the_framed_fields() {
        // Independent check: Python's hmac module over the same framing:
        // f = lambda *xs: b"".join(struct.pack(">Q", len(x)) + x for x in xs)
        // hmac.new(KEY, f(DOMAIN, b"octo-org/api", b"TOKEN", b"s3cret"), hashlib.sha256).hexdigest()
        let fp = fingerprint(KEY, "octo-org/api", "token", b"s3cret").unwrap();
        assert_eq!(fp.len(), 64);
        assert_eq!(fp, fingerprint(KEY, "octo-org/api", "TOKEN", b"s3cret").unwrap(), "names are case-insensitive");
        assert_eq!(fp, EXPECTED_PYTHON_HMAC);
    }

    const EXPECTED_PYTHON_HMAC: &str = "cfae1bafef741b832613c878ad9a623942fcc1496b8d5ba7e094915108d9664c";

    #[test]
    fn framing_makes_concatenations_distinct() {
        let a = fingerprint(KEY, "ab", "C", b"d").unwrap();
        let b = fingerprint(KEY, "a", "BC", b"d").unwrap();
        let c = fingerprint(KEY, "ab", "C", b"").unwrap();
        let d = fingerprint(KEY, "ab", "", b"Cd").unwrap();
        assert!(a != b && a != c && a != d && c != d);
        assert_ne!(a, fingerprint(b"another key of 16+ bytes", "ab", "C", b"d").unwrap());
    }

    #[test]
    fn short_keys_are_refused() {
        let err = fingerprint(b"short", "t", "N", b"v").unwrap_err();
        assert_eq!(err.param(), Some("stateKey"));
    }

    #[test]
    fn state_round_trips_as_json_and_validates() {
        let mut state = State::new();
        let fp = fingerprint(KEY, "o/r", "A", b"1").unwrap();
        state.record("o/r", Kind::Secret, "a", StateEntry { updated_at: Some("2024-01-01T00:00:00Z".into()), fingerprint: fp.clone(), settings: None });
        state.record("o/r", Kind::Variable, "B", StateEntry { updated_at: None, fingerprint: fp, settings: Some("x".into()) });
        let json = crate::sync::json::state_to_json(&state).to_string();
        assert!(json.contains("\"secret/A\"") && json.contains("\"variable/B\""), "{json}");
        assert!(json.contains("\"updated_at\":null"), "{json}");
        let back = crate::sync::json::state_from_json(&serde_json::from_str(&json).unwrap()).unwrap();
        assert_eq!(back, state);
        back.validate().unwrap();
        assert_eq!(back.names("o/r", Kind::Secret), vec!["A".to_string()]);
        let mut tampered = back.clone();
        tampered.record("o/r", Kind::Secret, "A", StateEntry { updated_at: None, fingerprint: "zz".into(), settings: None });
        assert!(tampered.validate().unwrap_err().param().unwrap().contains("fingerprint"));
        let mut emptied = back;
        emptied.forget("o/r", Kind::Secret, "A");
        emptied.forget("o/r", Kind::Variable, "b");
        assert!(emptied.targets.is_empty());
    }
}
