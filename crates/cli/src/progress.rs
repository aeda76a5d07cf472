//! The progress bar on standard error: bytes and rows per second, for
//! inputs large enough to wait for, only on a terminal, never with
//! `--quiet`. The library reports progress through
//! [`RowSink::progress`]; this draws it.

use std::time::Instant;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use ringg_preflight::{ByteRecord, Progress, Redactor, RowSink, RowVerdict};

/// Inputs smaller than this finish before a bar is worth drawing.
pub const THRESHOLD_BYTES: u64 = 4 << 20;

/// Whether to draw: on a terminal, not quiet, and once the input is known
/// to be over [`THRESHOLD_BYTES`] — by its size, or, for standard input,
/// by what has been read so far.
pub fn should_draw(terminal: bool, quiet: bool, total: Option<u64>, bytes_read: u64) -> bool {
    terminal && !quiet && total.unwrap_or(bytes_read) >= THRESHOLD_BYTES
}

/// A progress bar that stays hidden until [`should_draw`] says otherwise.
pub struct Meter {
    bar: ProgressBar,
    enabled: bool,
    total: Option<u64>,
    drawing: bool,
    started: Instant,
}

impl Meter {
    /// A meter for an input of `total` bytes (`None`: unknown); `enabled`
    /// is false when standard error is not a terminal or under `--quiet`.
    pub fn new(total: Option<u64>, enabled: bool) -> Self {
        // `wide_bar` takes what the terminal's width leaves, so the line
        // never wraps.
        let template = match total {
            Some(_) => "{spinner} {bytes}/{total_bytes} {binary_bytes_per_sec}, {msg} [{wide_bar}]",
            None => "{spinner} {bytes} {binary_bytes_per_sec}, {msg} ({elapsed})",
        };
        let style = ProgressStyle::with_template(template)
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> ");
        let bar =
            ProgressBar::with_draw_target(total, ProgressDrawTarget::hidden()).with_style(style);
        Meter {
            bar,
            enabled,
            total,
            drawing: false,
            started: Instant::now(),
        }
    }

    /// Shows how far the split has got.
    pub fn update(&mut self, progress: Progress) {
        if !self.drawing && should_draw(self.enabled, false, self.total, progress.bytes_read) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
            self.drawing = true;
        }
        if !self.drawing {
            return;
        }
        let seconds = self.started.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_position(progress.bytes_read);
        self.bar.set_message(format!(
            "{} rows, {:.0} rows/s",
            progress.rows,
            progress.rows as f64 / seconds
        ));
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        if self.drawing {
            self.bar.finish_and_clear();
        }
    }
}

/// A row sink that also drives a [`Meter`].
pub struct Metered<'a> {
    /// Receives every row with findings.
    pub rows: &'a mut dyn RowSink,
    /// Draws the progress.
    pub meter: Meter,
    /// Masks personal data before `rows` sees a row (`--redact`).
    pub redactor: Option<Redactor>,
}

impl RowSink for Metered<'_> {
    fn row(&mut self, verdict: &RowVerdict, record: &ByteRecord) {
        match &self.redactor {
            Some(redactor) => {
                let (verdict, record) = redactor.verdict(verdict, record);
                self.rows.row(&verdict, &record);
            }
            None => self.rows.row(verdict, record),
        }
    }

    fn progress(&mut self, progress: Progress) {
        self.meter.update(progress);
        self.rows.progress(progress);
    }

    fn reads_rows(&self) -> bool {
        self.rows.reads_rows()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn draws_only_for_large_inputs_on_a_terminal_without_quiet() {
        let big = THRESHOLD_BYTES;
        assert!(should_draw(true, false, Some(big), 0));
        assert!(!should_draw(true, false, Some(big - 1), big));
        assert!(!should_draw(false, false, Some(big), 0), "not a terminal");
        assert!(!should_draw(true, true, Some(big), 0), "--quiet");
        // Standard input: unknown size, drawn once enough has been read.
        assert!(!should_draw(true, false, None, big - 1));
        assert!(should_draw(true, false, None, big));
    }
}
