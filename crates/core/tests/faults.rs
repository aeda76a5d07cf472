//! `Preflight::split` under faults: outputs that fail part-way (a full
//! disk), inputs that fail part-way (a truncated file, a failing disk) or
//! are interrupted by signals, and limits. The split returns an error that
//! says what happened; it never panics or hangs.

use std::io::{self, Read, Write};

use ringg_preflight::{DiscardRows, ErrorKind, Limits, Outputs, Preflight, PreflightBuilder};

/// Both shapes of the pipeline: one validator (the merge thread reads
/// too) and two (reading has a thread of its own).
fn preflights() -> [Preflight; 2] {
    [1, 2].map(|threads| {
        PreflightBuilder::new()
            .country_code("+91")
            .threads(threads)
            .batch_size(64)
            .build()
            .unwrap()
    })
}

/// A contact list of `rows` rows, every 10th invalid.
fn contacts(rows: usize) -> Vec<u8> {
    let mut text = String::from("Mobile Number,Name\n");
    for i in 0..rows {
        if i % 10 == 3 {
            text.push_str(&format!("12345,Name {i}\n"));
        } else {
            text.push_str(&format!("+91{},Name {i}\n", 9_000_000_000u64 + i as u64));
        }
    }
    text.into_bytes()
}

/// A writer that accepts `room` bytes, then fails as a full disk does.
struct FullDisk {
    room: usize,
    written: Vec<u8>,
}

impl Write for FullDisk {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::new(
                io::ErrorKind::StorageFull,
                "No space left on device",
            ));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        self.written.extend_from_slice(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_full_disk_on_either_output_is_an_io_error_naming_it() {
    let input = contacts(3_000);
    for (room, preflight) in [0, 1, 100, 4_096, 20_000]
        .into_iter()
        .flat_map(|room| preflights().map(|preflight| (room, preflight)))
    {
        for full_valid in [true, false] {
            let mut full = FullDisk {
                room,
                written: Vec::new(),
            };
            let mut roomy = Vec::new();
            let (valid, invalid): (&mut (dyn Write + Send), &mut (dyn Write + Send)) = if full_valid
            {
                (&mut full, &mut roomy)
            } else {
                (&mut roomy, &mut full)
            };
            let error = preflight
                .split(
                    &input[..],
                    Some(Outputs { valid, invalid }),
                    &mut DiscardRows,
                )
                .expect_err("the disk is full");
            match error.kind() {
                ErrorKind::Io { source, .. } => {
                    assert_eq!(source.kind(), io::ErrorKind::StorageFull, "room {room}");
                }
                other => panic!("room {room}: {other:?}"),
            }
            assert!(
                error.to_string().contains("No space left on device"),
                "{error}"
            );
            assert!(full.written.len() <= room);
        }
    }
}

/// An input that fails after `good` bytes, as a disk does or a file
/// truncated under a network mount.
struct FailingInput<'a> {
    data: &'a [u8],
    good: usize,
}

impl Read for FailingInput<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.good == 0 {
            return Err(io::Error::new(
                io::ErrorKind::UnexpectedEof,
                "the file was truncated",
            ));
        }
        let n = buf.len().min(self.good).min(self.data.len());
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        self.good -= n;
        Ok(n)
    }
}

#[test]
fn an_input_that_fails_mid_read_is_an_error_saying_where() {
    let input = contacts(3_000);
    for (good, preflight) in [0, 10, 1_000, 40_000]
        .into_iter()
        .flat_map(|good| preflights().map(|preflight| (good, preflight)))
    {
        let (mut valid, mut invalid) = (Vec::new(), Vec::new());
        let error = preflight
            .split(
                FailingInput { data: &input, good },
                Some(Outputs {
                    valid: &mut valid,
                    invalid: &mut invalid,
                }),
                &mut DiscardRows,
            )
            .expect_err("the input fails");
        assert!(
            matches!(error.kind(), ErrorKind::Io { source, .. } if source.kind() == io::ErrorKind::UnexpectedEof),
            "{error:?}"
        );
        assert_eq!(
            error.to_string(),
            format!("reading the input failed after {good} bytes: the file was truncated")
        );
    }
}

/// An input whose reads are interrupted by signals now and then.
struct Interrupted<'a> {
    data: &'a [u8],
    calls: usize,
}

impl Read for Interrupted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.calls += 1;
        if self.calls.is_multiple_of(3) {
            return Err(io::Error::from(io::ErrorKind::Interrupted));
        }
        let n = buf.len().min(self.data.len()).min(777);
        buf[..n].copy_from_slice(&self.data[..n]);
        self.data = &self.data[n..];
        Ok(n)
    }
}

#[test]
fn reads_interrupted_by_signals_are_retried() {
    let input = contacts(3_000);
    let split = |preflight: &Preflight, reader: Box<dyn Read + Send + '_>| {
        let (mut valid, mut invalid) = (Vec::new(), Vec::new());
        let report = preflight
            .split(
                reader,
                Some(Outputs {
                    valid: &mut valid,
                    invalid: &mut invalid,
                }),
                &mut DiscardRows,
            )
            .unwrap();
        (report.input_sha256, valid, invalid)
    };
    for preflight in preflights() {
        let plain = split(&preflight, Box::new(&input[..]));
        let interrupted = split(
            &preflight,
            Box::new(Interrupted {
                data: &input,
                calls: 0,
            }),
        );
        assert!(plain == interrupted);
    }
}

#[test]
fn limits_are_errors_of_their_own_kind() {
    let input = contacts(100);
    let limited = |limits: Limits| {
        PreflightBuilder::new()
            .country_code("+91")
            .limits(limits)
            .build()
            .unwrap()
            .split(&input[..], None, &mut DiscardRows)
    };
    for limits in [
        Limits {
            max_field_bytes: 10,
            ..Limits::default()
        },
        Limits {
            max_row_bytes: 20,
            ..Limits::default()
        },
        Limits {
            max_rows: Some(99),
            ..Limits::default()
        },
    ] {
        let error = limited(limits).expect_err("over the limit");
        assert!(
            matches!(error.kind(), ErrorKind::Limit(_)),
            "{limits:?}: {error:?}"
        );
    }
    let report = limited(Limits {
        max_field_bytes: 13,
        max_row_bytes: 24,
        max_rows: Some(100),
    })
    .expect("at the limits");
    assert_eq!(report.total_rows, 100);
}
