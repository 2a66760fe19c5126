use super::*;

fn budget(per_minute: u32, per_hour: u32) -> WriteBudget {
    WriteBudget::new(BudgetConfig { max_writes_per_minute: per_minute, max_writes_per_hour: per_hour, ..BudgetConfig::default() }).unwrap()
}

/// Drive `writes` writes on a virtual clock, each taking `write_ms`; returns the start times.
fn run(b: &mut WriteBudget, writes: usize, write_ms: u64) -> Vec<u64> {
    let mut clock = 0;
    let mut starts = Vec::new();
    for _ in 0..writes {
        clock += b.delay_ms(clock);
        b.record(clock);
        starts.push(clock);
        clock += write_ms;
    }
    starts
}

/// Largest number of starts in any window of `window` ms.
fn max_in_window(starts: &[u64], window: u64) -> usize {
    starts.iter().map(|&s| starts.iter().filter(|&&t| t >= s && t < s + window).count()).max().unwrap_or(0)
}

#[test]
fn defaults_are_githubs_documented_limits() {
    let c = BudgetConfig::default();
    assert_eq!((c.max_writes_per_minute, c.max_writes_per_hour, c.minute_ms, c.hour_ms), (80, 500, 60_000, 3_600_000));
}

#[test]
fn zero_limits_are_refused_by_name() {
    let err = WriteBudget::new(BudgetConfig { max_writes_per_minute: 0, ..BudgetConfig::default() }).unwrap_err();
    assert_eq!(err.param(), Some("maxWritesPerMinute"));
    let err = WriteBudget::new(BudgetConfig { hour_ms: 0, ..BudgetConfig::default() }).unwrap_err();
    assert_eq!(err.param(), Some("hourMs"));
}

#[test]
fn the_81st_write_waits_for_the_first_to_leave_the_minute() {
    let mut b = budget(80, 500);
    let starts = run(&mut b, 81, 100);
    assert_eq!(starts[79], 79 * 100, "the first 80 go at once");
    assert_eq!(starts[80], 60_000, "the 81st starts when the first leaves the window");
    assert_eq!(max_in_window(&starts, 60_000), 80);
}

#[test]
fn no_window_ever_holds_more_than_its_limit_over_a_long_run() {
    let mut b = budget(80, 500);
    let starts = run(&mut b, 1_200, 250);
    assert_eq!(max_in_window(&starts, 60_000), 80);
    assert_eq!(max_in_window(&starts, 3_600_000), 500);
    // The 501st write waits for the first to leave the hour.
    assert_eq!(starts[500], 3_600_000);
    assert_eq!(starts[1_000], 7_200_000);
}

#[test]
fn small_windows_for_tests_and_min_spacing() {
    let mut b = WriteBudget::new(BudgetConfig { max_writes_per_minute: 3, max_writes_per_hour: 5, minute_ms: 1_000, hour_ms: 10_000, min_interval_ms: 50 }).unwrap();
    let starts = run(&mut b, 7, 10);
    assert_eq!(starts, vec![0, 50, 100, 1_000, 1_050, 10_000, 10_050]);
    assert_eq!(b.used(10_050, 1_000), 2);
}

#[test]
fn eta_follows_the_same_rule_and_leaves_the_budget_untouched() {
    let b = budget(80, 500);
    assert_eq!(b.eta_ms(0, 0, 300), 0);
    assert_eq!(b.eta_ms(0, 10, 300), 3_000);
    // 330 writes of 300 ms: 80 per minute -> the 321st starts at 4 min, then 10 more.
    assert_eq!(b.eta_ms(0, 330, 300), 240_000 + 10 * 300);
    let mut used = budget(80, 500);
    run(&mut used, 80, 0);
    let before = used.clone();
    assert_eq!(used.eta_ms(0, 1, 300), 60_000 + 300, "a spent minute delays the next write");
    assert_eq!(used, before);
}

#[test]
fn eta_matches_a_real_run_on_the_virtual_clock() {
    let b = WriteBudget::new(BudgetConfig { max_writes_per_minute: 4, max_writes_per_hour: 9, minute_ms: 1_000, hour_ms: 5_000, min_interval_ms: 20 }).unwrap();
    let eta = b.eta_ms(0, 23, 70);
    let mut real = b.clone();
    let starts = run(&mut real, 23, 70);
    assert_eq!(eta, starts.last().unwrap() + 70);
}
