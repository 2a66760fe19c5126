//! Substring search and replace for the client's few needles (`"://"`, `"%2e"`, a
//! token's forms, `"html"`): a naive byte scan instead of `str::find` / `contains` /
//! `replace` with a `&str` pattern. Those link core's two-way `StrSearcher`, whose
//! slicing panic path formats `char` with `Debug` and so pulls in the Unicode
//! printable tables: about 9 KB of wasm for searches of a few bytes in short texts
//! (URLs, headers, error bodies of at most `maxResponseBytes`).

/// Byte offset of the first occurrence of `needle` in `haystack` (`Some(0)` for an
/// empty needle), as `str::find`. The offset is a char boundary: a match of a
/// whole UTF-8 string in UTF-8 text starts at one.
pub fn find(haystack: &str, needle: &str) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.as_bytes().windows(needle.len()).position(|window| window == needle.as_bytes())
}

/// Whether `haystack` contains `needle`, as `str::contains`.
pub fn contains(haystack: &str, needle: &str) -> bool {
    find(haystack, needle).is_some()
}

/// `text` split at the first `separator`, as `str::split_once`.
pub fn split_once<'a>(text: &'a str, separator: &str) -> Option<(&'a str, &'a str)> {
    let at = find(text, separator)?;
    Some((text.get(..at)?, text.get(at + separator.len()..)?))
}

/// `text` with every non-overlapping occurrence of `from` (left to right) replaced
/// by `to`, as `str::replace`; `text` unchanged for an empty `from`.
pub fn replace(text: &str, from: &str, to: &str) -> String {
    if from.is_empty() {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((before, after)) = split_once(rest, from) {
        out.push_str(before);
        out.push_str(to);
        rest = after;
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_str_methods() {
        let texts = ["", "a", "://", "https://api.github.com/x", "%2e%2E%2e.", "ééé://é", "aaaa", "ghp_tokenghp_token"];
        let needles = ["", "a", "aa", "://", "%2e", "é", "ghp_token", "zz"];
        for text in texts {
            for needle in needles {
                assert_eq!(find(text, needle), text.find(needle), "{text:?} {needle:?}");
                assert_eq!(contains(text, needle), text.contains(needle));
                assert_eq!(split_once(text, needle), if needle.is_empty() { Some(("", text)) } else { text.split_once(needle) });
                if !needle.is_empty() {
                    assert_eq!(replace(text, needle, "[R]"), text.replace(needle, "[R]"), "{text:?} {needle:?}");
                }
            }
        }
        assert_eq!(replace("aaaa", "aa", "b"), "bb");
        assert_eq!(replace("abc", "", "x"), "abc");
    }
}
