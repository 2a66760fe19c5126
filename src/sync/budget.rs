//! GitHub's write budget: its documented secondary limits for content-creating
//! requests (at most 80 per minute and 500 per hour, REST API rate-limit docs),
//! kept as sliding windows over the start times of ghseal's own writes, which
//! run one at a time. Pure: time is a number of milliseconds the caller passes in
//! (a virtual clock in tests, `Date.now()` in the package).

use std::collections::VecDeque;

use crate::{Error, Result};

/// GitHub's limit of content-creating requests per minute.
pub const DEFAULT_WRITES_PER_MINUTE: u32 = 80;
/// GitHub's limit of content-creating requests per hour.
pub const DEFAULT_WRITES_PER_HOUR: u32 = 500;
/// One minute in milliseconds.
pub const MINUTE_MS: u64 = 60_000;
/// One hour in milliseconds.
pub const HOUR_MS: u64 = 3_600_000;

/// Budget settings. Window lengths are configurable so tests (and the emulator's
/// budget) can use seconds instead of minutes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetConfig {
    /// Writes allowed in any `minute_ms` window. Default 80.
    pub max_writes_per_minute: u32,
    /// Writes allowed in any `hour_ms` window. Default 500.
    pub max_writes_per_hour: u32,
    /// Length of the short window in ms. Default 60 000.
    pub minute_ms: u64,
    /// Length of the long window in ms. Default 3 600 000.
    pub hour_ms: u64,
    /// Minimum spacing between two write starts in ms (the client's
    /// `min_write_interval_ms`). Default 0.
    pub min_interval_ms: u64,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        BudgetConfig {
            max_writes_per_minute: DEFAULT_WRITES_PER_MINUTE,
            max_writes_per_hour: DEFAULT_WRITES_PER_HOUR,
            minute_ms: MINUTE_MS,
            hour_ms: HOUR_MS,
            min_interval_ms: 0,
        }
    }
}

/// Sliding-window write budget over write start times (ms).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WriteBudget {
    config: BudgetConfig,
    /// Start times of past writes within the longest window, oldest first.
    starts: VecDeque<u64>,
}

impl WriteBudget {
    /// A budget with no writes yet.
    ///
    /// # Errors
    /// [`Error::InvalidParam`] (`maxWritesPerMinute`, `maxWritesPerHour`,
    /// `minuteMs`, `hourMs`) when a limit or window is 0.
    pub fn new(config: BudgetConfig) -> Result<Self> {
        for (param, value) in [
            ("maxWritesPerMinute", u64::from(config.max_writes_per_minute)),
            ("maxWritesPerHour", u64::from(config.max_writes_per_hour)),
            ("minuteMs", config.minute_ms),
            ("hourMs", config.hour_ms),
        ] {
            if value == 0 {
                return Err(Error::invalid(param, "must be a positive integer"));
            }
        }
        Ok(WriteBudget { config, starts: VecDeque::new() })
    }

    /// The settings.
    pub fn config(&self) -> &BudgetConfig {
        &self.config
    }

    /// Number of writes started in the window `(now - window_ms, now]`.
    pub fn used(&self, now_ms: u64, window_ms: u64) -> usize {
        self.starts.iter().filter(|&&t| t + window_ms > now_ms && t <= now_ms).count()
    }

    /// Earliest time (ms, ≥ `now_ms`) at which the next write may start without
    /// exceeding either window or the minimum spacing.
    pub fn next_start(&self, now_ms: u64) -> u64 {
        let c = &self.config;
        let mut at = now_ms;
        if let Some(last) = self.starts.back() {
            at = at.max(last.saturating_add(c.min_interval_ms));
        }
        for (limit, window) in [(c.max_writes_per_minute, c.minute_ms), (c.max_writes_per_hour, c.hour_ms)] {
            let limit = limit as usize;
            // With k ≥ limit starts, the (k - limit)-th must leave the window first.
            if let Some(idx) = self.starts.len().checked_sub(limit) {
                if let Some(t) = self.starts.get(idx) {
                    at = at.max(t.saturating_add(window));
                }
            }
        }
        at
    }

    /// Milliseconds to wait at `now_ms` before the next write (0 = go now).
    pub fn delay_ms(&self, now_ms: u64) -> u64 {
        self.next_start(now_ms) - now_ms
    }

    /// Record a write started at `start_ms` (call it when the request is sent;
    /// a write answered with a secondary limit still counts, as on GitHub).
    pub fn record(&mut self, start_ms: u64) {
        self.starts.push_back(start_ms);
        let keep = self.config.hour_ms.max(self.config.minute_ms);
        while self.starts.front().is_some_and(|&t| t.saturating_add(keep) <= start_ms) {
            self.starts.pop_front();
        }
    }

    /// Estimated milliseconds from `now_ms` until `writes` more writes have
    /// finished, each taking `write_ms`, run one at a time under this budget.
    /// 0 for no writes. Simulated on a copy, so it is the same rule apply follows.
    pub fn eta_ms(&self, now_ms: u64, writes: u64, write_ms: u64) -> u64 {
        let mut sim = self.clone();
        let mut clock = now_ms;
        for _ in 0..writes {
            let start = sim.next_start(clock);
            sim.record(start);
            clock = start.saturating_add(write_ms);
        }
        clock - now_ms
    }
}

#[cfg(test)]
#[path = "budget_tests.rs"]
mod tests;
