//! The contact files named on the command line: `-` for standard input,
//! glob patterns expanded when the shell did not (Windows' does not).

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use miette::{Result, WrapErr, miette};

use crate::kept::IntoDiagnostic;

/// One input of a run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file.
    File(PathBuf),
}

/// The name standard input goes by in reports and annotations.
pub const STDIN_NAME: &str = "stdin";

impl Input {
    /// `-` is standard input; anything else a file.
    pub fn from_arg(path: &Path) -> Input {
        if path.as_os_str() == "-" {
            Input::Stdin
        } else {
            Input::File(path.to_owned())
        }
    }

    /// The name shown in output: the path as given, or `stdin`.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => STDIN_NAME.to_owned(),
            Input::File(path) => path.display().to_string(),
        }
    }

    /// The file's path, when the input is one (it can then be read again,
    /// to find character columns).
    pub fn path(&self) -> Option<&Path> {
        match self {
            Input::Stdin => None,
            Input::File(path) => Some(path),
        }
    }

    /// The input's size in bytes, when known before reading it.
    pub fn len(&self) -> Option<u64> {
        self.path()
            .and_then(|path| std::fs::metadata(path).ok())
            .filter(|metadata| metadata.is_file())
            .map(|metadata| metadata.len())
    }

    /// Opens the input for reading.
    pub fn open(&self) -> Result<Opened> {
        match self {
            // `Stdin` (not its lock) is `Send`; the split buffers its reads.
            Input::Stdin => Ok(Opened {
                reader: Box::new(io::stdin()),
                watch: None,
            }),
            Input::File(path) => {
                let cannot_read = || format!("cannot read {}", path.display());
                let file = File::open(path)
                    .into_diagnostic()
                    .wrap_err_with(cannot_read)?;
                let watch = Watch {
                    opened: file
                        .metadata()
                        .into_diagnostic()
                        .wrap_err_with(cannot_read)?,
                    file: file
                        .try_clone()
                        .into_diagnostic()
                        .wrap_err_with(cannot_read)?,
                    path: path.clone(),
                };
                Ok(Opened {
                    reader: Box::new(file),
                    watch: Some(watch),
                })
            }
        }
    }
}

/// An input opened for reading.
pub struct Opened {
    pub reader: Box<dyn Read + Send>,
    /// For a file: what it looked like when opened.
    pub watch: Option<Watch>,
}

/// A file as it was when opened, to notice it changing under the reader.
pub struct Watch {
    /// Another handle on the open file: its metadata after the read.
    file: File,
    opened: Metadata,
    path: PathBuf,
}

impl Watch {
    /// Fails when the file was truncated, grown or rewritten while it was
    /// read: the results would describe a file that no longer exists (an
    /// export still being written, say). A file replaced by a rename is
    /// fine: the open one was read whole.
    pub fn unchanged(&self) -> Result<()> {
        let path = self.path.display();
        let now = self
            .file
            .metadata()
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot read {path}"))?;
        let (before, after) = (self.opened.len(), now.len());
        if before != after {
            return Err(miette!(
                help = "rerun once whatever writes the file has finished",
                "{path} changed while it was being read ({before} bytes, then {after}); nothing was written",
            ));
        }
        if self.opened.modified().ok() != now.modified().ok() {
            return Err(miette!(
                help = "rerun once whatever writes the file has finished",
                "{path} was modified while it was being read; nothing was written",
            ));
        }
        Ok(())
    }
}

/// A glob pattern that matched no file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoMatch(pub String);

impl std::fmt::Display for NoMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "no file matches `{}`", self.0)
    }
}

/// The inputs named by `args`, in order: each `-`, each existing path, and
/// the sorted matches of each glob pattern that names no file itself.
/// An entry is `Err` for a pattern that matches nothing, so the other files
/// are still checked.
pub fn expand(args: &[&Path]) -> Result<Vec<Result<Input, NoMatch>>> {
    let mut inputs = Vec::with_capacity(args.len());
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.as_os_str() == "-" || arg.exists() || !text.contains(['*', '?', '[']) {
            inputs.push(Ok(Input::from_arg(arg)));
            continue;
        }
        let pattern = glob::glob(&text)
            .into_diagnostic()
            .wrap_err_with(|| format!("`{text}` is not a valid glob pattern"))?;
        let mut matches: Vec<PathBuf> = pattern
            .filter_map(|entry| entry.ok())
            .filter(|path| path.is_file())
            .collect();
        matches.sort();
        if matches.is_empty() {
            inputs.push(Err(NoMatch(text.into_owned())));
        }
        inputs.extend(matches.into_iter().map(|path| Ok(Input::File(path))));
    }
    let stdin_count = inputs
        .iter()
        .filter(|input| matches!(input, Ok(Input::Stdin)))
        .count();
    if stdin_count > 1 {
        return Err(miette!("`-` (standard input) can be named only once"));
    }
    Ok(inputs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_expand_sorted_and_literal_names_stay() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["b.csv", "a.csv", "notes.txt"] {
            std::fs::write(dir.path().join(name), "Mobile Number\n").unwrap();
        }
        let pattern = dir.path().join("*.csv");
        let missing = dir.path().join("missing.csv");
        let none = dir.path().join("*.tsv");
        let inputs = expand(&[&pattern, Path::new("-"), &missing, &none]).unwrap();
        let names: Vec<String> = inputs
            .iter()
            .map(|input| match input {
                Ok(input) => input.name(),
                Err(error) => error.to_string(),
            })
            .collect();
        assert_eq!(
            names,
            [
                dir.path().join("a.csv").display().to_string(),
                dir.path().join("b.csv").display().to_string(),
                "stdin".to_owned(),
                missing.display().to_string(),
                format!("no file matches `{}`", none.display()),
            ]
        );
        assert!(expand(&[Path::new("-"), Path::new("-")]).is_err());
    }
}
