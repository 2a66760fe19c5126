//! Secret-name validation agrees with GitHub's rule, checked here byte by byte.
#![no_main]
use ghseal::github::request::validate_secret_name;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(name) = std::str::from_utf8(data) else { return };
    let b = name.as_bytes();
    let shape = !b.is_empty()
        && (b[0].is_ascii_alphabetic() || b[0] == b'_')
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_');
    let reserved = b.len() >= 7 && b[..7].eq_ignore_ascii_case(b"GITHUB_");
    assert_eq!(validate_secret_name(name).is_ok(), shape && !reserved, "{name:?}");
});
