//! `Retry-After` as RFC 9110 §10.2.3 defines it: `delay-seconds` (one or more
//! digits) or an `HTTP-date` (§5.6.7: IMF-fixdate, and the obsolete RFC 850 and
//! asctime forms, which recipients must accept). Anything else - a negative or
//! fractional number, an empty or garbled value - is not a `Retry-After` at all and
//! the caller treats the header as absent. Pure; the clock is passed in.

use crate::civil::days_from_civil;

/// Milliseconds to wait according to a `Retry-After` value, at `now_ms` (Unix epoch
/// milliseconds): `delay-seconds * 1000`, or the time until the HTTP-date (0 when it
/// is in the past). Huge values saturate at `u64::MAX` instead of overflowing; the
/// caller compares the result with its `maxWait`.
///
/// Returns `None` for a value that is neither form (the header counts as absent).
pub fn retry_after_ms(value: &str, now_ms: u64) -> Option<u64> {
    let value = value.trim_matches(|c| c == ' ' || c == '\t');
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // 1*DIGIT; more digits than u64 holds is "very long": saturate.
        let seconds = value.parse::<u64>().unwrap_or(u64::MAX);
        return Some(seconds.saturating_mul(1000));
    }
    let date_ms = http_date_secs(value)?.saturating_mul(1000);
    Some(date_ms.saturating_sub(now_ms))
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const LONG_DAYS: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// Seconds since the Unix epoch of an HTTP-date, in any of RFC 9110's three forms:
/// `Sun, 06 Nov 1994 08:49:37 GMT` (IMF-fixdate), `Sunday, 06-Nov-94 08:49:37 GMT`
/// (RFC 850; its two-digit year is 1970-2069: §5.6.7's "more than 50 years in the
/// future is the past century", fixed rather than read from a clock) and
/// `Sun Nov  6 08:49:37 1994` (asctime). Dates before 1970 are `None`.
pub fn http_date_secs(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.split(' ').collect();
    let (day, month, year, time) = match parts.as_slice() {
        // IMF-fixdate: day-name "," SP day SP month SP year SP time SP "GMT"
        [name, day, month, year, time, "GMT"] => {
            let name = name.strip_suffix(',')?;
            if !DAYS.contains(&name) || day.len() != 2 || year.len() != 4 {
                return None;
            }
            (number(day)?, month_index(month)?, number(year)?, *time)
        }
        // rfc850-date: day-name-l "," SP date2 SP time SP "GMT", date2 = day "-" month "-" 2DIGIT
        [name, date, time, "GMT"] => {
            let name = name.strip_suffix(',')?;
            if !LONG_DAYS.contains(&name) {
                return None;
            }
            let mut fields = date.split('-');
            let (day, month, yy) = (fields.next()?, fields.next()?, fields.next()?);
            if fields.next().is_some() || day.len() != 2 || yy.len() != 2 {
                return None;
            }
            let yy = number(yy)?;
            let year = if yy >= 70 { 1900 + yy } else { 2000 + yy };
            (number(day)?, month_index(month)?, year, *time)
        }
        // asctime-date: day-name SP month SP ( 2DIGIT / ( SP DIGIT )) SP time SP year
        [name, month, "", day, time, year] | [name, month, day, time, year] => {
            if !DAYS.contains(name) || day.is_empty() || day.len() > 2 || year.len() != 4 {
                return None;
            }
            (number(day)?, month_index(month)?, number(year)?, *time)
        }
        _ => return None,
    };
    let mut hms = time.split(':');
    let (h, m, s) = (hms.next()?, hms.next()?, hms.next()?);
    if hms.next().is_some() || [h, m, s].iter().any(|f| f.len() != 2) {
        return None;
    }
    let (h, m, s) = (number(h)?, number(m)?, number(s)?);
    // second 60: a leap second, allowed by the grammar.
    if !(1..=31).contains(&day) || h > 23 || m > 59 || s > 60 || year < 1970 || day > days_in_month(year, month) {
        return None;
    }
    // year >= 1970 and 4 digits at most: the day count is non-negative and fits.
    let days = u64::try_from(days_from_civil(i64::try_from(year).ok()?, i64::try_from(month).ok()? + 1, i64::try_from(day).ok()?)).ok()?;
    Some(days * 86_400 + h * 3_600 + m * 60 + s)
}

fn number(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

fn month_index(text: &str) -> Option<u64> {
    MONTHS.iter().position(|m| *m == text).map(|i| i as u64)
}

fn days_in_month(year: u64, month0: u64) -> u64 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month0 {
        1 if leap => 29,
        1 => 28,
        3 | 5 | 8 | 10 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 1994-11-06T08:49:37Z, RFC 9110's example date.
    const EXAMPLE: u64 = 784_111_777;

    #[test]
    fn the_three_date_forms_of_rfc_9110() {
        assert_eq!(http_date_secs("Sun, 06 Nov 1994 08:49:37 GMT"), Some(EXAMPLE));
        assert_eq!(http_date_secs("Sunday, 06-Nov-94 08:49:37 GMT"), Some(EXAMPLE));
        assert_eq!(http_date_secs("Sun Nov  6 08:49:37 1994"), Some(EXAMPLE));
        assert_eq!(http_date_secs("Thu, 01 Jan 1970 00:00:00 GMT"), Some(0));
        assert_eq!(http_date_secs("Tue, 29 Feb 2028 23:59:60 GMT"), Some(1_835_481_600), "a leap second");
        assert_eq!(http_date_secs("Wednesday, 01-Jan-25 00:00:00 GMT"), Some(1_735_689_600));
    }

    #[test]
    fn malformed_dates_are_none() {
        for bad in [
            "",
            "Sun, 06 Nov 1994 08:49:37 UTC",
            "Sun, 6 Nov 1994 08:49:37 GMT",
            "Sun, 06 Nov 94 08:49:37 GMT",
            "Sun, 31 Nov 1994 08:49:37 GMT",
            "Sun, 29 Feb 2027 08:49:37 GMT",
            "Sun, 06 Foo 1994 08:49:37 GMT",
            "Sun, 06 Nov 1994 24:00:00 GMT",
            "Sun, 06 Nov 1994 8:49:37 GMT",
            "Sun, 06 Nov 1969 08:49:37 GMT",
            "Funday, 06-Nov-94 08:49:37 GMT",
            "Sun Nov 6 08:49:37 94",
            "Sun, 06 Nov 1994 08:49:37 GMT extra",
            "Sun, +6 Nov 1994 08:49:37 GMT",
        ] {
            assert_eq!(http_date_secs(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn delay_seconds_dates_and_garbage() {
        let now = EXAMPLE * 1000;
        assert_eq!(retry_after_ms("0", now), Some(0));
        assert_eq!(retry_after_ms(" 120 ", now), Some(120_000));
        assert_eq!(retry_after_ms("99999999999999999999999999", now), Some(u64::MAX), "huge saturates");
        assert_eq!(retry_after_ms("18446744073709552", now), Some(u64::MAX), "seconds * 1000 saturates");
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:50:07 GMT", now), Some(30_000));
        assert_eq!(retry_after_ms("Sun, 06 Nov 1994 08:00:00 GMT", now), Some(0), "a past date: no wait");
        for garbage in ["", " ", "-5", "1.5", "+5", "5s", "soon", "0x10", "1e3", "５"] {
            assert_eq!(retry_after_ms(garbage, now), None, "{garbage:?}");
        }
    }
}
