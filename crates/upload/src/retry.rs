//! Retry and polling timing: exponential backoff with jitter.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// When and how often a failed request is tried again.
///
/// Which failures are retried is fixed (see [`crate::Client`]); this only
/// sets the timing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// Backoff before the first retry; doubled for each further one.
    pub initial_backoff: Duration,
    /// Upper bound of the backoff.
    pub max_backoff: Duration,
    /// Upper bound on a server's `Retry-After`.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_retry_after: Duration::from_secs(120),
        }
    }
}

impl RetryPolicy {
    /// No retries at all.
    pub fn none() -> Self {
        RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        }
    }

    /// The wait before retry number `retry` (1 for the first retry): the
    /// server's `Retry-After` when given (capped), else exponential backoff
    /// with jitter.
    pub fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(d) => d.min(self.max_retry_after),
            None => jittered(exponential(
                self.initial_backoff,
                self.max_backoff,
                retry.saturating_sub(1),
            )),
        }
    }
}

/// How often the large upload's status is polled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollPolicy {
    /// Wait before the second poll; doubled after each poll.
    pub initial_interval: Duration,
    /// Upper bound of the wait between polls.
    pub max_interval: Duration,
}

impl Default for PollPolicy {
    fn default() -> Self {
        PollPolicy {
            initial_interval: Duration::from_secs(1),
            max_interval: Duration::from_secs(15),
        }
    }
}

impl PollPolicy {
    /// The wait after poll number `poll` (1-based), with jitter.
    pub fn delay(&self, poll: u32) -> Duration {
        jittered(exponential(
            self.initial_interval,
            self.max_interval,
            poll.saturating_sub(1),
        ))
    }
}

/// `base × 2^exp`, capped at `max`.
pub(crate) fn exponential(base: Duration, max: Duration, exp: u32) -> Duration {
    let factor = 1u32.checked_shl(exp.min(20)).unwrap_or(u32::MAX);
    base.checked_mul(factor).unwrap_or(max).min(max)
}

/// "Equal jitter": a uniformly random duration in `[d/2, d]`.
pub(crate) fn jittered(d: Duration) -> Duration {
    let nanos = d.as_nanos().min(u64::MAX as u128) as u64;
    if nanos < 2 {
        return d;
    }
    let half = nanos / 2;
    Duration::from_nanos(half + random_u64() % (nanos - half + 1))
}

/// A random number from the standard library's randomly keyed hasher
/// (each `RandomState` gets fresh keys); good enough for jitter.
fn random_u64() -> u64 {
    let mut h = RandomState::new().build_hasher();
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    h.write_u128(now);
    h.finish()
}

/// Parses `Retry-After` given in seconds (the HTTP-date form is ignored).
pub(crate) fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    v.parse::<f64>()
        .ok()
        .filter(|f| f.is_finite() && *f >= 0.0)
        .map(|f| Duration::from_secs_f64(f.min(86_400.0)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_caps() {
        let p = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
            max_retry_after: Duration::from_secs(5),
        };
        for _ in 0..50 {
            let d1 = p.delay(1, None);
            assert!(d1 >= Duration::from_millis(50) && d1 <= Duration::from_millis(100));
            let d3 = p.delay(3, None);
            assert!(d3 >= Duration::from_millis(200) && d3 <= Duration::from_millis(400));
            let d9 = p.delay(9, None);
            assert!(d9 <= Duration::from_millis(1000));
        }
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(2))),
            Duration::from_secs(2)
        );
        assert_eq!(
            p.delay(1, Some(Duration::from_secs(60))),
            Duration::from_secs(5)
        );
        assert_eq!(
            exponential(Duration::from_secs(1), Duration::from_secs(9), 1000),
            Duration::from_secs(9)
        );
    }

    #[test]
    fn retry_after_forms() {
        assert_eq!(parse_retry_after("3"), Some(Duration::from_secs(3)));
        assert_eq!(parse_retry_after(" 0.5 "), Some(Duration::from_millis(500)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(parse_retry_after("-1"), None);
    }
}
