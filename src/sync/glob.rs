//! Name globs for `protect` (and name patterns): `*` matches any run of characters,
//! `?` exactly one; matching is ASCII case-insensitive because GitHub secret and
//! variable names are (it stores them upper case).

/// Whether `name` matches the glob `pattern` (`*`, `?`; everything else literal,
/// compared ASCII case-insensitively). Linear-time backtracking, no recursion.
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().map(|c| c.to_ascii_uppercase()).collect();
    let n: Vec<char> = name.chars().map(|c| c.to_ascii_uppercase()).collect();
    let (mut pi, mut ni) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match (p.get(pi), n.get(ni)) {
            (Some('*'), _) => {
                star = Some((pi, ni));
                pi += 1;
            }
            (Some('?'), Some(_)) => {
                pi += 1;
                ni += 1;
            }
            (Some(a), Some(b)) if a == b => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p.get(pi..).is_some_and(|rest| rest.iter().all(|c| *c == '*'))
}

/// The first of `globs` that matches `name`, if any.
pub fn first_match<'a>(globs: &'a [String], name: &str) -> Option<&'a str> {
    globs.iter().find(|g| glob_match(g, name)).map(String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stars_questions_and_case() {
        assert!(glob_match("*", ""));
        assert!(glob_match("*", "ANY"));
        assert!(glob_match("deploy_*", "DEPLOY_KEY"));
        assert!(!glob_match("deploy_*", "MY_DEPLOY_KEY"));
        assert!(glob_match("*_KEY", "MY_DEPLOY_KEY"));
        assert!(glob_match("A?C", "abc"));
        assert!(!glob_match("A?C", "AC"));
        assert!(glob_match("*A*B*", "XXAYYBZZ"));
        assert!(!glob_match("*A*B", "XXAYYBZZ"));
        assert!(glob_match("EXACT", "exact"));
        assert!(!glob_match("EXACT", "EXACTLY"));
        assert!(!glob_match("", "X"));
    }

    #[test]
    fn first_match_names_the_glob() {
        let globs = vec!["KEEP_*".to_string(), "*_PROD".to_string()];
        assert_eq!(first_match(&globs, "DB_PROD"), Some("*_PROD"));
        assert_eq!(first_match(&globs, "keep_me"), Some("KEEP_*"));
        assert_eq!(first_match(&globs, "OTHER"), None);
    }
}
