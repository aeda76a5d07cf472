//! `check --format json`, streamed: each row finding is written as the
//! split produces it, so memory stays bounded however many rows have
//! findings. The report's other fields follow the `rows` array (JSON
//! objects are unordered); several files make an array of
//! `{"file", "report", "exit_status"}` objects, written one by one.

use std::io::{self, Write};

use ringg_preflight::{ByteRecord, Report, RowSink, RowVerdict};

/// Writes the JSON of a whole `check` run to `out`. The first write error
/// (a closed pipe) stops all later writes and is returned by
/// [`JsonStream::finish`].
pub struct JsonStream<W: Write> {
    out: W,
    several: bool,
    files: usize,
    rows_written: usize,
    /// The file whose entry [`JsonStream::start_file`] announced, until its
    /// first byte is written: a file that cannot even be opened gets no
    /// half-written entry.
    pending: Option<String>,
    /// An entry's opening is written and its closing not yet.
    entry_open: bool,
    error: Option<io::Error>,
}

impl<W: Write> JsonStream<W> {
    /// A stream for one file's report, or (`several`) an array of them.
    pub fn new(out: W, several: bool) -> Self {
        let mut stream = JsonStream {
            out,
            several,
            files: 0,
            rows_written: 0,
            pending: None,
            entry_open: false,
            error: None,
        };
        if several {
            stream.write(b"[\n");
        }
        stream
    }

    fn write(&mut self, bytes: &[u8]) {
        if self.error.is_none()
            && let Err(error) = self.out.write_all(bytes)
        {
            self.error = Some(error);
        }
    }

    fn separate_file(&mut self) {
        if self.files > 0 {
            self.write(b",\n");
        }
        self.files += 1;
    }

    /// Announces a file's entry: what follows are its row findings.
    pub fn start_file(&mut self, name: &str) {
        self.pending = Some(name.to_owned());
        self.rows_written = 0;
    }

    /// Writes the announced entry's opening, once.
    fn open_entry(&mut self) {
        let Some(name) = self.pending.take() else {
            return;
        };
        self.separate_file();
        if self.several {
            let name = serde_json::to_string(&name).unwrap_or_default();
            self.write(format!("{{\"file\": {name}, \"report\": ").as_bytes());
        }
        self.write(b"{\"rows\": [");
        self.entry_open = true;
    }

    /// Closes the entry opened by [`JsonStream::start_file`] with the
    /// report's other fields.
    pub fn end_file(&mut self, report: &Report, exit_status: u8) {
        self.open_entry();
        let fields = serde_json::to_string_pretty(report).unwrap_or_default();
        // `{` then the fields: they follow the rows array.
        let fields = fields.strip_prefix('{').unwrap_or(&fields);
        self.write(b"\n],");
        self.write(fields.as_bytes());
        self.entry_open = false;
        if self.several {
            self.write(format!(", \"exit_status\": {exit_status}}}").as_bytes());
        }
        if !self.several {
            self.write(b"\n");
        }
    }

    /// Closes an entry opened by [`JsonStream::start_file`] whose run
    /// failed part way: the rows so far, and the error.
    pub fn fail_file(&mut self, name: &str, error: &str) {
        if !self.entry_open {
            // Nothing of it was written: an entry of its own, or (one
            // file) nothing, the error on stderr being the run's.
            self.pending = None;
            if self.several {
                self.unchecked_file(name, error);
            }
            return;
        }
        self.entry_open = false;
        let error = serde_json::to_string(error).unwrap_or_default();
        self.write(format!("\n], \"error\": {error}}}").as_bytes());
        if self.several {
            self.write(b"}");
        } else {
            self.write(b"\n");
        }
    }

    /// An entry for a file that could not be opened (several files only:
    /// one file's error is the run's error).
    pub fn unchecked_file(&mut self, name: &str, error: &str) {
        self.separate_file();
        let entry = serde_json::json!({ "file": name, "error": error });
        self.write(entry.to_string().as_bytes());
    }

    /// Ends the run's JSON and flushes it.
    pub fn finish(mut self) -> io::Result<()> {
        if self.several {
            self.write(b"\n]\n");
        }
        if self.error.is_none()
            && let Err(error) = self.out.flush()
        {
            self.error = Some(error);
        }
        self.error.map_or(Ok(()), Err)
    }
}

impl<W: Write> RowSink for JsonStream<W> {
    fn row(&mut self, verdict: &RowVerdict, _record: &ByteRecord) {
        self.open_entry();
        for finding in &verdict.findings {
            let separator: &[u8] = if self.rows_written == 0 {
                b"\n"
            } else {
                b",\n"
            };
            self.write(separator);
            self.rows_written += 1;
            if self.error.is_none()
                && let Err(error) = serde_json::to_writer(&mut self.out, finding)
            {
                self.error = Some(io::Error::other(error));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> Report {
        let preflight = ringg_preflight::PreflightBuilder::new()
            .country_code("+91".to_owned())
            .build()
            .unwrap();
        preflight
            .split(
                "Mobile Number\n+919876543210\n".as_bytes(),
                None,
                &mut ringg_preflight::DiscardRows,
            )
            .unwrap()
    }

    #[test]
    fn one_file_and_several_are_valid_json() {
        let report = report();
        let mut one = JsonStream::new(Vec::new(), false);
        one.start_file("a.csv");
        one.end_file(&report, 0);
        let bytes = one.out.clone();
        one.finish().unwrap();
        let value: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(value["rows"], serde_json::json!([]));
        assert_eq!(value["total_rows"], 1);

        let mut several = JsonStream::new(Vec::new(), true);
        several.start_file("a.csv");
        several.end_file(&report, 0);
        several.unchecked_file("b.csv", "no such file");
        several.start_file("c.csv");
        several.row(&verdict_with_finding(), &ByteRecord::new());
        several.fail_file("c.csv", "limit");
        several.start_file("d.csv");
        several.fail_file("d.csv", "cannot open");
        several.write(b"\n]\n");
        let value: serde_json::Value = serde_json::from_slice(&several.out).unwrap();
        assert_eq!(value[0]["file"], "a.csv");
        assert_eq!(value[0]["exit_status"], 0);
        assert_eq!(value[1]["error"], "no such file");
        assert_eq!(value[2]["report"]["error"], "limit");
        assert_eq!(value[2]["report"]["rows"][0]["code"], "P001");
        assert_eq!(value[3]["error"], "cannot open");
    }

    fn verdict_with_finding() -> RowVerdict {
        let mut verdict = RowVerdict::default();
        verdict.findings.push(ringg_preflight::Finding::new(
            ringg_preflight::Code::P001,
            "empty".to_owned(),
        ));
        verdict
    }
}
