//! Keeping requests on the API: the `baseUrl` a client accepts, and whether a URL a
//! server hands back (a `Link: rel="next"`) lies under it once normalised the way
//! `fetch` will normalise it (WHATWG URL: `.` and `..` segments removed, `%2e` read as
//! `.`, `\` read as `/`, tabs and newlines dropped). The token goes with every
//! request, so a URL that leaves the base path or origin is refused. Pure.

use super::text::{find, replace, split_once};
use crate::error::{Error, Result};

/// Checks a `baseUrl`: `http://` or `https://`, a host, no credentials
/// (`user:token@host`), no query string or fragment, no whitespace, control
/// characters or backslashes. Returns it without trailing `/`.
///
/// # Errors
/// [`Error::InvalidParam`] naming `base_url` (the JS binding says `baseUrl`), saying
/// what is wrong; the message never repeats the credentials part.
pub fn check_base_url(text: &str) -> Result<String> {
    let bad = |message: &str| Err(Error::invalid("base_url", message));
    let Some((scheme, rest)) = split_once(text, "://") else {
        return bad("expected an http(s) URL such as https://api.github.com");
    };
    if !scheme.eq_ignore_ascii_case("https") && !scheme.eq_ignore_ascii_case("http") {
        return bad("expected an http(s) URL such as https://api.github.com");
    }
    if text.chars().any(|c| c.is_control() || c.is_whitespace() || c == '\\') {
        return bad("contains whitespace, a control character or a backslash");
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    if authority.contains('@') {
        return bad("must not contain credentials (user:password@host); pass the token as auth");
    }
    if authority.is_empty() {
        return bad("has no host");
    }
    if rest.contains('?') {
        return bad("must not contain a query string (?...): the API paths are appended to it");
    }
    if rest.contains('#') {
        return bad("must not contain a fragment (#...)");
    }
    Ok(text.trim_end_matches('/').to_owned())
}

/// `url` normalised as `fetch` would send it, if it lies under `base_url` (same
/// scheme and authority, case-insensitive; path equal to or below the base path
/// after dot segments are resolved). `None` otherwise, and for any URL with
/// credentials, whitespace, control characters or a fragment.
pub fn under_base(base_url: &str, url: &str) -> Option<String> {
    if url.chars().any(|c| c.is_control() || c.is_whitespace()) || url.contains('#') {
        return None;
    }
    let url = url.replace('\\', "/");
    let (base_origin, base_path) = split(base_url)?;
    let (origin, path_and_query) = split(&url)?;
    if !origin.eq_ignore_ascii_case(base_origin) || origin.contains('@') {
        return None;
    }
    let (path, query) = match path_and_query.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (path_and_query, None),
    };
    let path = remove_dot_segments(path);
    let base_path = base_path.trim_end_matches('/');
    let inside = path == base_path || path.strip_prefix(base_path).is_some_and(|rest| rest.starts_with('/'));
    if !inside {
        return None;
    }
    Some(match query {
        Some(q) => format!("{origin}{path}?{q}"),
        None => format!("{origin}{path}"),
    })
}

/// `scheme://authority` and the rest (path + query), or `None` without `://`.
fn split(url: &str) -> Option<(&str, &str)> {
    let start = find(url, "://")? + 3;
    let end = url.get(start..)?.find(['/', '?']).map_or(url.len(), |i| start + i);
    Some((url.get(..end)?, url.get(end..)?))
}

/// RFC 3986 §5.2.4 `remove_dot_segments`, where a segment is a dot segment also
/// when percent-encoded (`%2e`, `%2E`), as the WHATWG URL parser reads it.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.split('/').skip(1).collect();
    let last = segments.len().saturating_sub(1);
    for (i, segment) in segments.iter().enumerate() {
        let decoded = replace(&segment.to_ascii_lowercase(), "%2e", ".");
        match decoded.as_str() {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if i == last {
                    out.push("");
                }
            }
            _ => out.push(segment),
        }
    }
    if out.is_empty() {
        return if path.is_empty() { String::new() } else { "/".to_owned() };
    }
    format!("/{}", out.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    const GHES: &str = "https://ghe.example.com/api/v3";

    #[test]
    fn base_urls() {
        assert_eq!(check_base_url("https://api.github.com/").unwrap(), "https://api.github.com");
        assert_eq!(check_base_url("http://127.0.0.1:8080").unwrap(), "http://127.0.0.1:8080");
        assert_eq!(check_base_url(GHES).unwrap(), GHES);
        for (bad, why) in [
            ("https://user:ghp_secret@api.github.com", "credentials"),
            ("https://ghp_secret@api.github.com", "credentials"),
            ("https://api.github.com?x=1", "query"),
            ("https://api.github.com/api/v3?per_page=1", "query"),
            ("https://api.github.com/#top", "fragment"),
            ("ftp://api.github.com", "http(s)"),
            ("api.github.com", "http(s)"),
            ("https:///path", "no host"),
            ("https://api.github.com\\@evil.com", "backslash"),
            ("https://api.github.com /x", "whitespace"),
        ] {
            let err = check_base_url(bad).unwrap_err();
            assert_eq!(err.param(), Some("base_url"));
            assert!(err.to_string().contains(why), "{bad}: {err}");
            assert!(!err.to_string().contains("ghp_secret"), "{err}");
        }
    }

    #[test]
    fn next_links_stay_under_the_base_path() {
        let ok = |url: &str| under_base(GHES, url);
        assert_eq!(ok("https://ghe.example.com/api/v3/repos/o/r/actions/secrets?page=2").as_deref(), Some("https://ghe.example.com/api/v3/repos/o/r/actions/secrets?page=2"));
        assert_eq!(ok("HTTPS://GHE.example.com/api/v3/x").as_deref(), Some("HTTPS://GHE.example.com/api/v3/x"));
        assert_eq!(ok("https://ghe.example.com/api/v3/a/../b").as_deref(), Some("https://ghe.example.com/api/v3/b"));
        for escape in [
            "https://ghe.example.com/api/v3/../../other",
            "https://ghe.example.com/api/v3/%2e%2e/%2E%2E/other",
            "https://ghe.example.com/api/v3/.%2e/x",
            "https://ghe.example.com/api/v3/..\\..\\other",
            "https://ghe.example.com/api/v3/..",
            "https://ghe.example.com/api/v3x/secrets",
            "https://ghe.example.com/api/v3/.\t./x",
            "https://ghe.example.com/other",
            "https://evil.example.com/api/v3/x",
            "https://ghe.example.com@evil.example.com/api/v3/x",
            "https://ghe.example.com:444/api/v3/x",
            "http://ghe.example.com/api/v3/x",
            "/api/v3/x",
            "https://ghe.example.com/api/v3/x#frag",
        ] {
            assert_eq!(ok(escape), None, "{escape}");
        }
        // On api.github.com every path is the API's, but dot segments are still resolved.
        assert_eq!(under_base("https://api.github.com", "https://api.github.com/a/%2e%2e/b?page=3").as_deref(), Some("https://api.github.com/b?page=3"));
        assert_eq!(under_base("https://api.github.com", "https://api.github.com.evil.com/b"), None);
    }
}
