//! HTTP values exchanged with a [`super::Transport`]: the [`Method`], the request,
//! the response, a non-success answer shaped like Octokit's `RequestError`, and
//! `Link` header pagination (RFC 8288). No I/O here.

use core::fmt;

use serde_json::Value;

/// An HTTP method (RFC 9110 §9). The secrets endpoints use `GET`, `PUT` and
/// `DELETE`; [`super::Client::request_route`] also sends `POST` and `PATCH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Method {
    /// GET: reads.
    Get,
    /// PUT: create, update, set, add.
    Put,
    /// POST.
    Post,
    /// PATCH.
    Patch,
    /// DELETE: delete, remove.
    Delete,
}

impl Method {
    /// The method as sent on the wire (`GET`, `PUT`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Parses a method name, any case (`get`, `PUT`); `None` for other methods.
    pub fn parse(text: &str) -> Option<Method> {
        [Method::Get, Method::Put, Method::Post, Method::Patch, Method::Delete]
            .into_iter()
            .find(|m| m.as_str().eq_ignore_ascii_case(text))
    }

    /// Whether the request carries its parameters as a JSON body (PUT, POST, PATCH)
    /// rather than in the query string.
    pub fn has_body(self) -> bool {
        matches!(self, Method::Put | Method::Post | Method::Patch)
    }

    /// Whether the request changes state: everything but GET (throttled as a write).
    pub fn is_write(self) -> bool {
        self != Method::Get
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An HTTP request ready for a [`super::Transport`]. `Debug` redacts `authorization`.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// Absolute URL.
    pub url: String,
    /// Header names lower-case.
    pub headers: Vec<(String, String)>,
    /// JSON body, if any.
    pub body: Option<String>,
}

impl HttpRequest {
    /// Headers with `authorization` replaced by `[REDACTED]`, for errors and logs.
    pub fn redacted_headers(&self) -> Vec<(String, String)> {
        self.headers
            .iter()
            .map(|(k, v)| {
                let v = if k == "authorization" { "[REDACTED]".to_owned() } else { v.clone() };
                (k.clone(), v)
            })
            .collect()
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &self.redacted_headers())
            .field("body", &self.body.as_ref().map(|b| format!("<{} bytes>", b.len())))
            .finish()
    }
}

/// An HTTP response from a [`super::Transport`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Final URL.
    pub url: String,
    /// Header names lower-case.
    pub headers: Vec<(String, String)>,
    /// Body text (JSON for GitHub; empty on 204).
    pub body: String,
}

impl HttpResponse {
    /// A header's value by name (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body parsed as JSON (`Value::Null` when empty or not JSON).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap_or(Value::Null)
    }

    /// GitHub's `message` field, if the body has one.
    pub fn github_message(&self) -> Option<String> {
        match self.json().get("message") {
            Some(Value::String(m)) => Some(m.clone()),
            _ => None,
        }
    }
}

/// A non-success answer from GitHub, shaped like Octokit's `RequestError`.
#[derive(Debug, Clone, PartialEq)]
pub struct HttpFailure {
    /// Response status.
    pub status: u16,
    /// The request's method (the request is kept without its body: it may hold a
    /// sealed secret).
    pub method: Method,
    /// Request URL.
    pub url: String,
    /// Request headers, `authorization` redacted.
    pub request_headers: Vec<(String, String)>,
    /// The response.
    pub response: HttpResponse,
}

impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = self.response.github_message().unwrap_or_else(|| "no message".to_owned());
        write!(f, "GitHub answered {} to {} {}: {}", self.status, self.method, self.url, message)
    }
}

/// The `rel="next"` URL of a `Link` header (RFC 8288), as GitHub paginates.
pub fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let url = target.trim().strip_prefix('<')?.strip_suffix('>')?;
        let is_next = params.split(';').any(|p| {
            let p = p.trim();
            p == "rel=\"next\"" || p == "rel=next"
        });
        is_next.then(|| url.to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_parse_in_any_case_and_only_five() {
        assert_eq!(Method::parse("get"), Some(Method::Get));
        assert_eq!(Method::parse("PaTcH"), Some(Method::Patch));
        assert_eq!(Method::parse("HEAD"), None);
        assert_eq!(Method::parse(""), None);
        assert!(Method::Post.has_body() && !Method::Delete.has_body() && !Method::Get.has_body());
        assert!(Method::Delete.is_write() && !Method::Get.is_write());
    }

    #[test]
    fn link_header() {
        let h = r#"<https://api.github.com/repositories/1/actions/secrets?per_page=2&page=2>; rel="next", <https://api.github.com/repositories/1/actions/secrets?per_page=2&page=3>; rel="last""#;
        assert_eq!(next_link(h).as_deref(), Some("https://api.github.com/repositories/1/actions/secrets?per_page=2&page=2"));
        assert_eq!(next_link(r#"<https://x/?page=1>; rel="prev""#), None);
        assert_eq!(next_link("garbage"), None);
        assert_eq!(next_link(""), None);
    }

    #[test]
    fn failure_display_has_status_route_and_message_but_no_token() {
        let f = HttpFailure {
            status: 404,
            method: Method::Get,
            url: "https://api.github.com/repos/o/r/actions/secrets/public-key".into(),
            request_headers: vec![("authorization".into(), "[REDACTED]".into())],
            response: HttpResponse { status: 404, body: r#"{"message":"Not Found"}"#.into(), ..Default::default() },
        };
        assert_eq!(
            f.to_string(),
            "GitHub answered 404 to GET https://api.github.com/repos/o/r/actions/secrets/public-key: Not Found"
        );
        let shown = format!("{:?}", HttpRequest { method: Method::Put, url: "u".into(), headers: vec![("authorization".into(), "Bearer t0k".into())], body: Some("{}".into()) });
        assert!(!shown.contains("t0k") && shown.contains("<2 bytes>"), "{shown}");
    }
}
