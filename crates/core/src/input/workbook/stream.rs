//! The sheet's text, handed from the thread that reads the workbook to the
//! split in chunks, so that the split checks the first rows while calamine
//! still reads the last: on two cores, reading the workbook is then most
//! of a workbook split's time, not the first part of it.

use std::io::{self, Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender};

/// Bytes of text in one chunk.
const CHUNK_BYTES: usize = 1 << 16;

/// Chunks in flight between the threads: memory is bounded by them.
pub(crate) const CHUNKS_IN_FLIGHT: usize = 16;

/// The writing end: the sheet's writer writes the text here.
pub(crate) struct ChunkSender {
    chunks: SyncSender<Vec<u8>>,
    chunk: Vec<u8>,
}

impl ChunkSender {
    pub(crate) fn new(chunks: SyncSender<Vec<u8>>) -> Self {
        ChunkSender {
            chunks,
            chunk: Vec::with_capacity(CHUNK_BYTES),
        }
    }

    fn send(&mut self) -> io::Result<()> {
        let chunk = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK_BYTES));
        self.chunks.send(chunk).map_err(|_| {
            io::Error::new(
                io::ErrorKind::BrokenPipe,
                "the split stopped reading the workbook's text",
            )
        })
    }
}

impl Write for ChunkSender {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.chunk.extend_from_slice(buf);
        if self.chunk.len() >= CHUNK_BYTES {
            self.send()?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.chunk.is_empty() {
            return Ok(());
        }
        self.send()
    }
}

/// The reading end: the split reads the text from here. When the writing
/// end goes away after `failed` was set, the text is not complete: a read
/// fails, so no report is made of part of a sheet.
pub(crate) struct ChunkReader {
    chunks: Receiver<Vec<u8>>,
    chunk: Vec<u8>,
    at: usize,
    failed: Arc<AtomicBool>,
}

impl ChunkReader {
    pub(crate) fn new(chunks: Receiver<Vec<u8>>, failed: Arc<AtomicBool>) -> Self {
        ChunkReader {
            chunks,
            chunk: Vec::new(),
            at: 0,
            failed,
        }
    }
}

impl Read for ChunkReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        while self.at == self.chunk.len() {
            match self.chunks.recv() {
                Ok(chunk) => {
                    self.chunk = chunk;
                    self.at = 0;
                }
                Err(_) if self.failed.load(Ordering::Acquire) => {
                    return Err(io::Error::other("reading the workbook failed"));
                }
                Err(_) => return Ok(0),
            }
        }
        let n = buf.len().min(self.chunk.len() - self.at);
        buf[..n].copy_from_slice(&self.chunk[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_passes_whole_and_a_failed_writer_fails_the_reader() {
        let (tx, rx) = std::sync::mpsc::sync_channel(CHUNKS_IN_FLIGHT);
        let failed = Arc::new(AtomicBool::new(false));
        let writer = std::thread::spawn(move || {
            let mut sender = ChunkSender::new(tx);
            for _ in 0..10_000 {
                sender.write_all(b"Asha,+919876543210\n").unwrap();
            }
            sender.flush().unwrap();
        });
        let mut text = String::new();
        ChunkReader::new(rx, failed)
            .read_to_string(&mut text)
            .unwrap();
        writer.join().unwrap();
        assert_eq!(text.len(), 19 * 10_000);

        let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(1);
        let failed = Arc::new(AtomicBool::new(true));
        drop(tx);
        let error = ChunkReader::new(rx, failed)
            .read_to_end(&mut Vec::new())
            .unwrap_err();
        assert_eq!(error.to_string(), "reading the workbook failed");
    }
}
