//! Following `Link: rel="next"` safely: a server that links page 1 -> page 2 ->
//! page 1, sends empty pages that always have a next, or a next whose query changes
//! forever would keep a paginating client busy (and growing) for ever. The pager
//! remembers every URL it has fetched, stops with an error on a repeat, and caps the
//! number of pages. Pure.

use crate::error::{Error, Result};

/// Default cap on the pages one pagination follows: 1000 pages of 100 items is
/// 100 000 secrets or repositories, far above GitHub's limits (1000 organization
/// secrets).
pub const DEFAULT_MAX_PAGES: u32 = 1000;

/// The state of one pagination: URLs fetched so far and their count.
#[derive(Debug, Clone)]
pub struct Pager {
    /// Normalised URLs read so far (at most `max_pages`): a list scanned per page, as
    /// fast as a set at these sizes and, in wasm, no `BTreeSet<String>` code.
    visited: Vec<String>,
    pages: u32,
    max_pages: u32,
}

/// `url` with its query parameters sorted, so `?page=2&per_page=100` and
/// `?per_page=100&page=2` count as the same page.
fn visit_key(url: &str) -> String {
    match url.split_once('?') {
        Some((path, query)) => {
            // Sorted by binary-search insertion, not `sort_unstable` (about 3 KB of
            // wasm for this one call); a header-sized query has at most a few
            // thousand pairs.
            let mut pairs: Vec<&str> = Vec::new();
            for pair in query.split('&').filter(|p| !p.is_empty()) {
                let at = pairs.binary_search(&pair).unwrap_or_else(|at| at);
                pairs.insert(at, pair);
            }
            format!("{path}?{}", pairs.join("&"))
        }
        None => url.to_owned(),
    }
}

impl Pager {
    /// A pagination whose first page is at `first_url`, following at most
    /// `max_pages` pages in all (0 is taken as 1: the first page is always read).
    pub fn new(first_url: &str, max_pages: u32) -> Pager {
        Pager { visited: vec![visit_key(first_url)], pages: 1, max_pages: max_pages.max(1) }
    }

    /// Pages fetched so far.
    pub fn pages(&self) -> u32 {
        self.pages
    }

    /// Given the `next` link of the page just read, the URL to fetch next, or `None`
    /// when the pagination is over.
    ///
    /// # Errors
    /// [`Error::Pagination`] when `next` was fetched already in this pagination (a
    /// cycle), or when following it would exceed `max_pages`.
    pub fn follow(&mut self, next: Option<&str>) -> Result<Option<String>> {
        let Some(url) = next else { return Ok(None) };
        let key = visit_key(url);
        if self.visited.contains(&key) {
            return Err(Error::Pagination {
                url: url.to_owned(),
                message: format!("the server's Link next points back to a page already read (after {} pages): a pagination cycle", self.pages),
            });
        }
        self.visited.push(key);
        if self.pages >= self.max_pages {
            return Err(Error::Pagination {
                url: url.to_owned(),
                message: format!("stopped after {} pages (maxPages); the server still links a next page", self.max_pages),
            });
        }
        self.pages += 1;
        Ok(Some(url.to_owned()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: &str = "https://api.github.com/repos/o/r/actions/secrets?per_page=100";

    #[test]
    fn ends_without_next() {
        let mut pager = Pager::new(FIRST, 10);
        assert_eq!(pager.follow(Some("https://api.github.com/x?page=2")).unwrap().as_deref(), Some("https://api.github.com/x?page=2"));
        assert_eq!(pager.follow(None).unwrap(), None);
        assert_eq!(pager.pages(), 2);
    }

    #[test]
    fn a_cycle_is_an_error_that_says_so() {
        let mut pager = Pager::new(FIRST, 10);
        pager.follow(Some("https://api.github.com/repos/o/r/actions/secrets?per_page=100&page=2")).unwrap();
        let err = pager.follow(Some("https://api.github.com/repos/o/r/actions/secrets?per_page=100")).unwrap_err();
        assert!(err.to_string().contains("pagination cycle"), "{err}");
        assert_eq!(err.js_name(), "HttpError");
        assert_eq!(err.code(), "pagination");
        // Same page, query reordered: still a repeat.
        let mut pager = Pager::new(FIRST, 10);
        pager.follow(Some("https://api.github.com/x?page=2&per_page=100")).unwrap();
        assert!(pager.follow(Some("https://api.github.com/x?per_page=100&page=2")).is_err());
        // A page linking to itself.
        assert!(Pager::new(FIRST, 10).follow(Some(FIRST)).is_err());
    }

    #[test]
    fn a_next_that_changes_forever_hits_the_cap() {
        let mut pager = Pager::new(FIRST, 5);
        for page in 2..=5 {
            pager.follow(Some(&format!("https://api.github.com/x?page={page}"))).unwrap();
        }
        let err = pager.follow(Some("https://api.github.com/x?page=6")).unwrap_err();
        assert!(err.to_string().contains("stopped after 5 pages (maxPages)"), "{err}");
        assert_eq!(pager.pages(), 5);
        assert!(Pager::new(FIRST, 0).follow(Some("https://api.github.com/x?page=2")).is_err(), "0 reads the first page only");
    }
}
