//! Errors: a run that could not be made (exit status 2), as opposed to
//! findings about the data.

use std::fmt;
use std::io;
use std::path::PathBuf;

use miette::{Diagnostic, LabeledSpan, SourceSpan};

/// The error type of this crate: a run that could not be made.
///
/// Boxed so that `Result<T, Error>` stays one word wide on the hot path.
#[derive(Debug)]
pub struct Error(Box<ErrorKind>);

/// What went wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// Reading or writing failed.
    #[error("{}", io_message(path, source))]
    Io {
        /// The file concerned, when known.
        path: Option<PathBuf>,
        /// The underlying error.
        #[source]
        source: io::Error,
    },
    /// The campaign file is not JSON, has an unknown field, lacks a required
    /// field or has a field of the wrong type.
    #[error(transparent)]
    Campaign(#[from] CampaignFileError),
    /// The input is not a CSV file at all (a spreadsheet, JSON, UTF-16 …).
    #[error("the input is {what}, not a CSV file")]
    NotCsv {
        /// What the input looks like.
        what: &'static str,
        /// How to get a CSV out of it.
        help: &'static str,
    },
    /// The input is a workbook that cannot be read: damaged, encrypted,
    /// a zip bomb, without a worksheet, or without the sheet asked for.
    #[error("{message}")]
    Workbook {
        /// What is wrong, naming the workbook's kind.
        message: String,
        /// What to do about it.
        help: &'static str,
    },
    /// The CSV reader failed in a way that is not about one row.
    #[error("cannot read the CSV input: {0}")]
    Csv(#[source] csv::Error),
    /// An option has a value that cannot be used.
    #[error("{0}")]
    Usage(String),
    /// A configured limit was exceeded.
    #[error("{0}")]
    Limit(String),
}

fn io_message(path: &Option<PathBuf>, source: &io::Error) -> String {
    match path {
        Some(path) => format!("{}: {source}", path.display()),
        None => source.to_string(),
    }
}

impl Error {
    /// What went wrong.
    pub fn kind(&self) -> &ErrorKind {
        &self.0
    }

    /// Unwraps the kind.
    pub fn into_kind(self) -> ErrorKind {
        *self.0
    }

    pub(crate) fn usage(message: impl Into<String>) -> Self {
        ErrorKind::Usage(message.into()).into()
    }
}

impl<T: Into<ErrorKind>> From<T> for Error {
    fn from(kind: T) -> Self {
        Error(Box::new(kind.into()))
    }
}

impl From<io::Error> for ErrorKind {
    fn from(source: io::Error) -> Self {
        // A limit hit while reading travels as an io::Error through the
        // readers; it is a limit, not a failing disk.
        if source
            .get_ref()
            .is_some_and(|inner| inner.is::<LimitExceeded>())
        {
            return ErrorKind::Limit(source.to_string());
        }
        ErrorKind::Io { path: None, source }
    }
}

impl From<csv::Error> for ErrorKind {
    fn from(error: csv::Error) -> Self {
        if error.is_io_error() {
            match error.into_kind() {
                csv::ErrorKind::Io(source) => ErrorKind::from(source),
                other => ErrorKind::Csv(csv::Error::from(io::Error::other(format!("{other:?}")))),
            }
        } else {
            ErrorKind::Csv(error)
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &*self.0 {
            // The message already ends with the OS's words: a renderer
            // that also prints the cause would say them twice.
            ErrorKind::Io { .. } => None,
            kind => std::error::Error::source(kind),
        }
    }
}

impl Diagnostic for Error {
    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        match &*self.0 {
            ErrorKind::Campaign(error) => error.help(),
            ErrorKind::NotCsv { help, .. } | ErrorKind::Workbook { help, .. } => {
                Some(Box::new(*help))
            }
            _ => None,
        }
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        match &*self.0 {
            ErrorKind::Campaign(error) => error.source_code(),
            _ => None,
        }
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        match &*self.0 {
            ErrorKind::Campaign(error) => error.labels(),
            _ => None,
        }
    }
}

/// A campaign file that cannot be used: not JSON, an unknown field, a
/// missing field or a wrong type. Points at the line and column.
#[derive(Debug, thiserror::Error, Diagnostic)]
#[error("campaign file {}: {message}", path.display())]
#[diagnostic(help(
    "the campaign file holds the fields of Ringg's /campaign/save form (README: \"Campaign file\"); fix the field named above"
))]
pub struct CampaignFileError {
    /// The campaign file.
    pub path: PathBuf,
    /// serde's message, with line and column.
    pub message: String,
    /// The 1-based line of the problem.
    pub line: usize,
    /// The 1-based column of the problem.
    pub column: usize,
    #[source_code]
    source_code: Window,
    #[label("here")]
    span: SourceSpan,
}

/// The part of a campaign file an error shows: a few hundred bytes around
/// the error, so a one-line file of a gigabyte does not become a message
/// of a gigabyte. Line and column numbers stay those of the whole file.
#[derive(Debug)]
struct Window {
    name: String,
    text: String,
    /// Byte offset of `text` in the file.
    offset: usize,
    /// 0-based line and column (in bytes) where `text` starts.
    line: usize,
    column: usize,
}

impl Window {
    /// Bytes shown at most on each side of the error.
    const REACH: usize = 240;

    fn around(name: String, text: &str, offset: usize) -> Window {
        let mut start = offset.saturating_sub(Self::REACH);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let mut end = (offset + Self::REACH).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        let before = &text[..start];
        let line = before.bytes().filter(|&b| b == b'\n').count();
        let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1);
        Window {
            name,
            text: text[start..end].to_owned(),
            offset: start,
            line,
            column,
        }
    }
}

/// `text` cut to at most `max` bytes, at a character boundary, with `…`.
fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}

impl miette::SourceCode for Window {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn miette::SpanContents<'a> + 'a>, miette::MietteError> {
        let local = SourceSpan::new(span.offset().saturating_sub(self.offset).into(), span.len());
        let inner = self
            .text
            .read_span(&local, context_lines_before, context_lines_after)?;
        let column = if inner.line() == 0 {
            inner.column() + self.column
        } else {
            inner.column()
        };
        Ok(Box::new(miette::MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            SourceSpan::new(
                (inner.span().offset() + self.offset).into(),
                inner.span().len(),
            ),
            inner.line() + self.line,
            column,
            inner.line_count(),
        )))
    }
}

impl CampaignFileError {
    pub(crate) fn new(path: PathBuf, text: &str, error: &serde_json::Error) -> Self {
        let (line, column) = (error.line(), error.column());
        let offset = text
            .split_inclusive('\n')
            .take(line.saturating_sub(1))
            .map(str::len)
            .sum::<usize>()
            + column.saturating_sub(1);
        let offset = offset.min(text.len());
        CampaignFileError {
            source_code: Window::around(path.display().to_string(), text, offset),
            path,
            // serde quotes what it refused (an unknown field's name, a
            // string of the wrong kind): cut, like the snippet.
            message: cut(&error.to_string(), 2 * Window::REACH),
            line,
            column,
            span: SourceSpan::from((offset, 0)),
        }
    }
}

/// A limit was exceeded while reading: carried through the CSV reader as
/// the payload of an `io::Error`, and turned back into
/// [`crate::ErrorKind::Limit`].
#[derive(Debug)]
pub(crate) struct LimitExceeded(pub(crate) String);

impl fmt::Display for LimitExceeded {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LimitExceeded {}

impl LimitExceeded {
    /// As an `io::Error`, to travel through `Read`.
    pub(crate) fn into_io(self) -> std::io::Error {
        std::io::Error::other(self)
    }
}
