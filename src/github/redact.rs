//! Removing the token from what a server sends back. A hostile or broken server (or
//! a proxy) may echo the `Authorization` header in a body or a header; responses end
//! up in errors (`message`, `response.data`, `response.headers`) and in resolved
//! values, so every response is scrubbed before the client looks at it. Pure.

use base64ct::{Base64, Encoding};

use super::text;
use super::HttpResponse;

/// What a token is replaced with.
pub const REDACTED: &str = "[REDACTED]";

/// The forms of `token` a server could echo: as sent, JSON-escaped (a token with `"`
/// or `\`), `\/`-escaped, and standard base64 of the token and of its header value
/// `Bearer <token>`. Longest first, so the longest match is replaced.
fn forms(token: &str) -> Vec<String> {
    let json = serde_json::to_string(token).unwrap_or_default();
    let json = json.get(1..json.len().saturating_sub(1)).unwrap_or(token).to_owned();
    let mut all = vec![
        token.to_owned(),
        json.clone(),
        json.replace('/', "\\/"),
        Base64::encode_string(token.as_bytes()),
        Base64::encode_string(format!("Bearer {token}").as_bytes()),
    ];
    for form in all.clone() {
        // base64 is often sent without its padding.
        let bare = form.trim_end_matches('=');
        if bare.len() != form.len() {
            all.push(bare.to_owned());
        }
    }
    // Longest first by selection (at most ten forms): a slice sort here would link
    // a whole stable-sort monomorphization (about 4 KB of wasm) for ten strings.
    let mut longest_first: Vec<String> = Vec::with_capacity(all.len());
    while let Some(i) = all.iter().enumerate().max_by_key(|(_, f)| f.len()).map(|(i, _)| i) {
        let form = all.swap_remove(i);
        if !longest_first.contains(&form) {
            longest_first.push(form);
        }
    }
    longest_first
}

/// `text` with every form of `token` replaced by [`REDACTED`]. Tokens shorter than
/// 4 characters are not searched for (they would match ordinary text).
pub fn scrub(text: &str, token: &str) -> String {
    if token.len() < 4 {
        return text.to_owned();
    }
    let mut out = text.to_owned();
    for form in forms(token) {
        if text::contains(&out, &form) {
            out = text::replace(&out, &form, REDACTED);
        }
    }
    out
}

/// `response` with the token scrubbed from its body and header values (and URL).
pub fn scrub_response(mut response: HttpResponse, token: &str) -> HttpResponse {
    if token.len() < 4 {
        return response;
    }
    response.body = scrub(&response.body, token);
    response.url = scrub(&response.url, token);
    for (_, value) in &mut response.headers {
        *value = scrub(value, token);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_echoed_form_is_removed() {
        let token = "ghp_abc\"def\\ghi/jkl";
        let echoed = [
            token.to_owned(),
            format!("Bearer {token}"),
            serde_json::json!({ "authorization": format!("Bearer {token}") }).to_string(),
            Base64::encode_string(token.as_bytes()),
            Base64::encode_string(format!("Bearer {token}").as_bytes()).trim_end_matches('=').to_owned(),
            "ghp_abc\\\"def\\\\ghi\\/jkl".to_owned(),
        ];
        for text in echoed {
            let out = scrub(&format!("before {text} after"), token);
            assert!(out.contains(REDACTED), "{text} -> {out}");
            assert!(!out.contains("ghp_abc"), "{out}");
            assert!(!out.contains(&Base64::encode_string(token.as_bytes())[..12]), "{out}");
        }
        assert_eq!(scrub("nothing here", token), "nothing here");
        assert_eq!(scrub("abc", "ab"), "abc", "tiny tokens are not searched");
    }

    #[test]
    fn forms_are_longest_first_without_duplicates() {
        for token in ["ghp_plain0123456789", "ghp_abc\"def\\ghi/jkl", "abcd"] {
            let all = forms(token);
            assert!(all.windows(2).all(|w| w[0].len() >= w[1].len()), "{all:?}");
            assert!(all.iter().enumerate().all(|(i, f)| !all[..i].contains(f)), "{all:?}");
            assert!(all.contains(&token.to_owned()));
            assert!(all.contains(&Base64::encode_string(format!("Bearer {token}").as_bytes())));
        }
    }

    #[test]
    fn responses_are_scrubbed_in_body_headers_and_url() {
        let token = "ghp_0123456789";
        let response = HttpResponse {
            status: 401,
            url: format!("https://x/?t={token}"),
            headers: vec![("x-echo".into(), format!("Bearer {token}"))],
            body: format!("{{\"message\":\"bad token {token}\"}}"),
        };
        let clean = scrub_response(response, token);
        let all = format!("{clean:?}");
        assert!(!all.contains(token), "{all}");
        assert_eq!(clean.header("x-echo"), Some("Bearer [REDACTED]"));
        assert_eq!(clean.github_message().as_deref(), Some("bad token [REDACTED]"));
    }
}
