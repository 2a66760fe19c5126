//! Reading a `GET .../secrets/public-key` answer (`{ "key_id": "...", "key":
//! "<base64 of 32 bytes>" }`, GitHub REST "Get a repository public key") as
//! untrusted input: a body that is not that object says what arrived instead, a
//! `key_id` must be a sane identifier, and a low-order key is refused before it is
//! cached. Pure.

use serde_json::Value;

use super::HttpResponse;
use super::text;
use crate::error::{Error, Result};
use crate::seal::{self, PUBLIC_KEY_LEN};

/// Longest `key_id` accepted, in characters (GitHub's are ~20 digits).
pub const MAX_KEY_ID_LEN: usize = 256;

/// Longest excerpt of an unexpected body quoted in an error, in characters.
const EXCERPT_LEN: usize = 60;

/// The `key_id` and 32-byte key of a public-key answer.
///
/// # Errors
/// [`Error::InvalidParam`] naming `response` when the body is empty, not JSON (HTML,
/// text) or not a JSON object, saying what arrived and its `content-type`; naming
/// `key_id` unless it is a non-empty string of at most [`MAX_KEY_ID_LEN`] characters
/// or an integer; [`Error::InvalidBase64`] / [`Error::InvalidLength`] naming `key`;
/// [`Error::WeakPublicKey`] naming `publicKey` for a low-order key.
pub fn parse_public_key(response: &HttpResponse) -> Result<(String, [u8; PUBLIC_KEY_LEN])> {
    let data: Value = match serde_json::from_str(&response.body) {
        Ok(Value::Object(map)) => Value::Object(map),
        Ok(other) => return Err(shape_error(json_kind(&other))),
        Err(_) => return Err(shape_error(text_kind(response))),
    };
    let key_id = match data.get("key_id") {
        Some(Value::String(s)) if !s.is_empty() && s.chars().count() <= MAX_KEY_ID_LEN && !s.chars().any(char::is_control) => s.clone(),
        Some(Value::Number(n)) if n.is_i64() || n.is_u64() => n.to_string(),
        None | Some(Value::Null) => return Err(Error::invalid("key_id", "the public-key response has no key_id")),
        Some(other) => {
            return Err(Error::invalid(
                "key_id",
                format!(
                    "the public-key response's key_id must be a non-empty string of at most {MAX_KEY_ID_LEN} characters or an integer, got {}",
                    json_kind(other)
                ),
            ))
        }
    };
    let key = match data.get("key") {
        Some(Value::String(text)) => seal::key_from_base64("key", text)?,
        None | Some(Value::Null) => return Err(Error::invalid("key", "the public-key response has no key")),
        Some(other) => {
            return Err(Error::invalid("key", format!("expected the base64 of a 32-byte key, got {}", json_kind(other))))
        }
    };
    if seal::is_small_order(&key) {
        return Err(Error::WeakPublicKey { param: "publicKey" });
    }
    Ok((key_id, key))
}

fn shape_error(what: String) -> Error {
    Error::invalid("response", format!("expected a JSON object with key and key_id from the public-key endpoint, got {what}"))
}

/// "a JSON array", "a JSON string (12 characters)", ...
fn json_kind(value: &Value) -> String {
    match value {
        Value::Null => "JSON null".to_owned(),
        Value::Bool(_) => "a JSON boolean".to_owned(),
        Value::Number(n) => format!("a JSON number ({n})"),
        Value::String(s) => format!("a JSON string ({} characters)", s.chars().count()),
        Value::Array(a) => format!("a JSON array ({} items)", a.len()),
        Value::Object(_) => "a JSON object".to_owned(),
    }
}

/// What a non-JSON body looks like: "an empty body", "HTML (text/html)", or "text
/// that is not JSON (text/plain): \"...\"" with a short, single-line excerpt.
fn text_kind(response: &HttpResponse) -> String {
    let content_type = response.header("content-type").unwrap_or("no content-type").split(';').next().unwrap_or_default().trim().to_owned();
    let body = response.body.trim_start();
    if body.is_empty() {
        return format!("an empty body ({content_type}, status {})", response.status);
    }
    let lower = body.get(..body.len().min(64)).unwrap_or_default().to_ascii_lowercase();
    if text::contains(&content_type, "html") || lower.starts_with("<!doctype html") || lower.starts_with("<html") {
        return format!("HTML ({content_type})");
    }
    let excerpt: String = body.chars().take(EXCERPT_LEN).map(|c| if c.is_control() { ' ' } else { c }).collect();
    let more = if body.chars().count() > EXCERPT_LEN { "..." } else { "" };
    format!("text that is not JSON ({content_type}): \"{excerpt}{more}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(content_type: &str, body: &str) -> HttpResponse {
        HttpResponse { status: 200, headers: vec![("content-type".into(), content_type.into())], body: body.into(), ..Default::default() }
    }

    const KEY: &str = "hBT5WZEj8ZoOv6TYJsfWq7MxTEQopZO5/IT3ZCVQPzs=";

    fn message(response: HttpResponse) -> String {
        parse_public_key(&response).unwrap_err().to_string()
    }

    #[test]
    fn a_good_answer() {
        let (id, key) = parse_public_key(&answer("application/json", &format!(r#"{{"key_id":"568250167242549743","key":"{KEY}"}}"#))).unwrap();
        assert_eq!(id, "568250167242549743");
        assert_eq!(key, seal::key_from_base64("k", KEY).unwrap());
        let (id, _) = parse_public_key(&answer("application/json", &format!(r#"{{"key_id":1234,"key":"{KEY}"}}"#))).unwrap();
        assert_eq!(id, "1234");
    }

    #[test]
    fn says_what_arrived() {
        assert_eq!(
            message(answer("text/html; charset=utf-8", "<!DOCTYPE html><html><body>Sign in</body></html>")),
            "response: expected a JSON object with key and key_id from the public-key endpoint, got HTML (text/html)"
        );
        assert!(message(answer("application/json", "")).ends_with("got an empty body (application/json, status 200)"));
        assert!(message(answer("text/plain", "upstream connect error\nreset")).ends_with("got text that is not JSON (text/plain): \"upstream connect error reset\""));
        assert!(message(answer("application/json", "[1,2]")).ends_with("got a JSON array (2 items)"));
        assert!(message(answer("application/json", "\"key\"")).ends_with("got a JSON string (3 characters)"));
        assert!(message(answer("application/json", "null")).ends_with("got JSON null"));
        assert!(message(answer("application/json", "{\"truncated\":")).contains("text that is not JSON"));
    }

    #[test]
    fn key_id_must_be_sane() {
        let with_id = |id: &str| answer("application/json", &format!(r#"{{"key_id":{id},"key":"{KEY}"}}"#));
        for bad in ["\"\"", "1.5", "true", "[]", "{}", &format!("\"{}\"", "9".repeat(257)), "\"a\\nb\""] {
            let err = parse_public_key(&with_id(bad)).unwrap_err();
            assert_eq!(err.param(), Some("key_id"), "{bad}: {err}");
        }
        assert!(parse_public_key(&with_id(&format!("\"{}\"", "9".repeat(256)))).is_ok());
        let no_id = answer("application/json", &format!(r#"{{"key":"{KEY}"}}"#));
        assert_eq!(parse_public_key(&no_id).unwrap_err().param(), Some("key_id"));
    }

    #[test]
    fn key_must_be_32_bytes_and_not_low_order() {
        let with_key = |key: &str| answer("application/json", &format!(r#"{{"key_id":"1","key":{key}}}"#));
        assert_eq!(parse_public_key(&with_key("\"AAAA\"")).unwrap_err().param(), Some("key"));
        assert_eq!(parse_public_key(&with_key("5")).unwrap_err().param(), Some("key"));
        assert_eq!(parse_public_key(&with_key("null")).unwrap_err().param(), Some("key"));
        let zeros = seal::encode_base64(&[0u8; 32]);
        assert_eq!(parse_public_key(&with_key(&format!("\"{zeros}\""))), Err(Error::WeakPublicKey { param: "publicKey" }));
    }
}
