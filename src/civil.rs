//! Calendar arithmetic shared by the timestamp parsers (`Retry-After` HTTP-dates in
//! the client, RFC 3339 `updated_at`s in the sync core).

/// Days since 1970-01-01 of a proleptic Gregorian date (`month` 1..=12; negative
/// before 1970), after Howard Hinnant's `days_from_civil`.
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
