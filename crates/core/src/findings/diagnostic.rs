//! Findings as `miette` diagnostics, showing the one CSV line they are about
//! with the offending cell underlined.
//!
//! The source is a window: the record's own line, numbered as in the file,
//! never the whole file.

use std::fmt;

use csv::ByteRecord;
use miette::{
    Diagnostic, LabeledSpan, MietteError, MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use crate::findings::finding::{Finding, Severity};
use crate::text::escape_invisible;

/// One CSV line as a `miette` source, numbered as in the file.
#[derive(Debug, Clone)]
pub struct CsvLine {
    name: String,
    text: String,
    /// The 1-based line the text starts on.
    line: usize,
}

impl SourceCode for CsvLine {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.line.saturating_sub(1),
            inner.column(),
            inner.line_count(),
        )))
    }
}

/// A row finding with its CSV line, ready for a `miette` report handler.
#[derive(Debug, Clone)]
pub struct RowDiagnostic {
    finding: Finding,
    source: CsvLine,
    span: Option<SourceSpan>,
}

impl RowDiagnostic {
    /// Shows `finding` on `record` (the record it was found in), naming the
    /// input `file`.
    ///
    /// Text from the file (cells, the column's name, the message quoting a
    /// cell) and the file's name are shown with control and invisible
    /// characters escaped: a cell must not drive the terminal.
    pub fn new(finding: &Finding, record: &ByteRecord, file: &str) -> Self {
        let mut text = String::new();
        let mut span = None;
        for (index, field) in record.iter().enumerate() {
            if index > 0 {
                text.push(',');
            }
            let start = text.len();
            text.push_str(&quote_field(field));
            if finding.location.column == Some(index + 1) {
                span = Some(SourceSpan::from((start, text.len() - start)));
            }
        }
        let line = finding.location.line.unwrap_or(1) as usize;
        RowDiagnostic {
            finding: shown(finding),
            source: CsvLine {
                name: escape_invisible(file).into_owned(),
                text,
                line,
            },
            span,
        }
    }

    /// A finding without a CSV line (file, header or campaign level).
    pub fn without_source(finding: &Finding, file: &str) -> Self {
        let line = finding.location.line.unwrap_or(1) as usize;
        RowDiagnostic {
            finding: shown(finding),
            source: CsvLine {
                name: escape_invisible(file).into_owned(),
                text: String::new(),
                line,
            },
            span: None,
        }
    }
}

/// The finding with its message and column name escaped for a terminal.
fn shown(finding: &Finding) -> Finding {
    let mut finding = finding.clone();
    if let std::borrow::Cow::Owned(message) = escape_invisible(&finding.message) {
        finding.message = message;
    }
    if let Some(std::borrow::Cow::Owned(escaped)) = finding
        .location
        .column_name
        .as_deref()
        .map(escape_invisible)
    {
        finding.location.column_name = Some(escaped.into());
    }
    finding
}

/// Characters of one cell shown at most: a megabyte cell must not print a
/// megabyte line.
const SHOWN_CHARS: usize = 200;

/// The field as it would be written in a CSV file (quoted when needed),
/// invalid UTF-8 shown as replacement characters, a long one cut short.
fn quote_field(field: &[u8]) -> String {
    let mut text = String::from_utf8_lossy(field);
    if let Some((end, _)) = text.char_indices().nth(SHOWN_CHARS) {
        text = format!("{}… ({} bytes)", &text[..end], field.len()).into();
    }
    if let std::borrow::Cow::Owned(escaped) = escape_invisible(&text) {
        text = escaped.into();
    }
    if text.contains([',', '"', '\n', '\r']) {
        format!(
            "\"{}\"",
            text.replace('"', "\"\"").replace(['\n', '\r'], " ")
        )
    } else {
        text.into_owned()
    }
}

impl fmt::Display for RowDiagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl std::error::Error for RowDiagnostic {}

impl Diagnostic for RowDiagnostic {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let location = &self.finding.location;
        let place = match (location.row, &location.column_name) {
            (Some(row), Some(column)) => match &location.cell {
                Some(cell) => format!(" {cell}, row {row}, column `{column}`"),
                None => format!(" row {row}, column `{column}`"),
            },
            (Some(row), None) => format!(" row {row}"),
            (None, _) => match (location.line, &location.field) {
                (_, Some(field)) => format!(" field `{field}`"),
                (Some(line), None) => format!(" line {line}"),
                (None, None) => String::new(),
            },
        };
        Some(Box::new(format!("{}{place}", self.finding.code)))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warn => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.finding.help))
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.span.map(|_| &self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.span?;
        let label = self
            .finding
            .location
            .column_name
            .as_deref()
            .map(str::to_owned);
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            label, span,
        ))))
    }
}
