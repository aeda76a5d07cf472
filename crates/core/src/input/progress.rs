//! Progress of a split, for callers that draw a progress bar or log
//! throughput. The library never draws anything itself: it hands
//! [`Progress`] to [`RowSink::progress`](crate::RowSink::progress) and the
//! caller decides what to show.

use std::io::{self, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// How far a split has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    /// Bytes taken from the input so far. The reader runs a few batches
    /// ahead of the merge, so this leads `rows` a little.
    pub bytes_read: u64,
    /// Data records checked and merged so far (valid and invalid).
    pub rows: u64,
}

/// Counts the bytes read from `inner` into a shared counter, which the
/// merge reads for progress whichever thread does the reading.
pub(crate) struct CountingReader<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R> CountingReader<R> {
    /// Wraps `inner`; `count` receives the running total.
    pub(crate) fn new(inner: R, count: Arc<AtomicU64>) -> Self {
        CountingReader { inner, count }
    }
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        // Relaxed: the count is a display figure, ordered with nothing else.
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_every_byte_read() {
        let count = Arc::new(AtomicU64::new(0));
        let mut reader = CountingReader::new(&b"Mobile Number\n+919876543210\n"[..], count.clone());
        let mut sink = Vec::new();
        reader.read_to_end(&mut sink).unwrap();
        assert_eq!(count.load(Ordering::Relaxed), 28);
        assert_eq!(sink.len(), 28);
    }
}
