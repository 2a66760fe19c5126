//! Timestamps as GitHub's REST API sends them (`updated_at`: RFC 3339 / ISO 8601,
//! e.g. `2024-01-26T19:14:43Z`), turned into milliseconds since the Unix epoch so
//! that drift rules compare instants, not strings.

use crate::civil::days_from_civil;
use crate::{Error, Result};

const MS_PER_SECOND: i64 = 1_000;
const SECONDS_PER_DAY: i64 = 86_400;

/// Parse `YYYY-MM-DDTHH:MM:SS[.fraction](Z|+HH:MM|-HH:MM)` into milliseconds since
/// 1970-01-01T00:00:00Z (fractions beyond milliseconds are truncated).
///
/// # Errors
/// [`Error::InvalidParam`] naming `param` when the text is not such a timestamp
/// (a server's answer is untrusted input).
pub fn parse_timestamp_ms(param: &str, text: &str) -> Result<i64> {
    let bad = || Error::invalid(param, format!("\"{text}\" is not an RFC 3339 timestamp such as 2024-01-26T19:14:43Z"));
    let b = text.as_bytes();
    let num = |from: usize, len: usize| -> Result<i64> {
        let part = b.get(from..from + len).ok_or_else(bad)?;
        if !part.iter().all(u8::is_ascii_digit) {
            return Err(bad());
        }
        part.iter().try_fold(0i64, |acc, d| Ok(acc * 10 + i64::from(d - b'0')))
    };
    let sep = |at: usize, allowed: &[u8]| -> Result<()> {
        match b.get(at) {
            Some(c) if allowed.contains(c) => Ok(()),
            _ => Err(bad()),
        }
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    sep(4, b"-")?;
    sep(7, b"-")?;
    sep(10, b"Tt ")?;
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    sep(13, b":")?;
    sep(16, b":")?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return Err(bad());
    }
    let mut at = 19;
    let mut millis = 0i64;
    if b.get(at) == Some(&b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            if at - start < 3 {
                millis = millis * 10 + i64::from(b.get(at).map_or(0, |d| d - b'0'));
            }
            at += 1;
        }
        if at == start {
            return Err(bad());
        }
        for _ in (at - start).min(3)..3 {
            millis *= 10;
        }
    }
    let offset_s = match b.get(at) {
        Some(b'Z' | b'z') if at + 1 == b.len() => 0,
        Some(sign @ (b'+' | b'-')) if at + 6 == b.len() => {
            sep(at + 3, b":")?;
            let (oh, om) = (num(at + 1, 2)?, num(at + 4, 2)?);
            if oh > 23 || om > 59 {
                return Err(bad());
            }
            let s = oh * 3_600 + om * 60;
            if *sign == b'-' {
                -s
            } else {
                s
            }
        }
        _ => return Err(bad()),
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * SECONDS_PER_DAY + hour * 3_600 + minute * 60 + second - offset_s;
    Ok(seconds * MS_PER_SECOND + millis)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_github_timestamps() {
        assert_eq!(parse_timestamp_ms("t", "1970-01-01T00:00:00Z").unwrap(), 0);
        // `date -u -d 2024-01-26T19:14:43Z +%s` = 1706296483
        assert_eq!(parse_timestamp_ms("t", "2024-01-26T19:14:43Z").unwrap(), 1_706_296_483_000);
        assert_eq!(parse_timestamp_ms("t", "2024-01-26T19:14:43.5Z").unwrap(), 1_706_296_483_500);
        assert_eq!(parse_timestamp_ms("t", "2024-01-26T19:14:43.123456Z").unwrap(), 1_706_296_483_123);
        assert_eq!(parse_timestamp_ms("t", "2024-01-26T21:14:43+02:00").unwrap(), 1_706_296_483_000);
        assert_eq!(parse_timestamp_ms("t", "2024-01-26T18:14:43-01:00").unwrap(), 1_706_296_483_000);
        assert_eq!(parse_timestamp_ms("t", "2000-02-29T00:00:00Z").unwrap(), 951_782_400_000);
    }

    #[test]
    fn refuses_what_is_not_a_timestamp() {
        for bad in ["", "2024-01-26", "2024-01-26T19:14:43", "2024-13-01T00:00:00Z", "2024-01-26T19:14:43Zjunk", "2024-01-26T19:14:43.Z", "２０24-01-26T19:14:43Z", "2024-01-26T19:14:43+0200"] {
            let err = parse_timestamp_ms("updated_at", bad).unwrap_err();
            assert_eq!(err.param(), Some("updated_at"), "{bad}");
        }
    }
}
