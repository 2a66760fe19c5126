//! GitHub's naming rule for secrets and variables, shared by the client's request
//! validation (`github::body`) and the sync planner (`sync::diff`).

/// `^[A-Za-z_][A-Za-z0-9_]*$`.
pub(crate) fn well_formed(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_');
    first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Starts with `GITHUB_` (any case), a prefix GitHub reserves.
pub(crate) fn reserved(name: &str) -> bool {
    name.get(..7).is_some_and(|prefix| prefix.eq_ignore_ascii_case("GITHUB_"))
}
