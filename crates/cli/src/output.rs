//! The output directory of `split`: files are written under temporary
//! names and renamed into place only when complete, so a failed or
//! interrupted run never leaves a partial `valid.csv` under its final name.
//!
//! The outputs are not forced to disk (`fsync`) before the rename: they are
//! derived from the input, and rerunning `split` recreates them, while
//! forcing the 5 MB of a 100,000-row split to disk cost some 4 ms, a tenth
//! of the split itself. What is not derived, the upload's resume state, is
//! synced.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use miette::{IntoDiagnostic, Result, WrapErr, miette};

/// The files `split` writes.
pub const OUTPUT_FILES: [&str; 3] = ["valid.csv", "invalid.csv", "report.json"];

/// A file being written under a temporary name in its final directory.
pub struct PendingFile {
    temporary: PathBuf,
    target: PathBuf,
    pub writer: BufWriter<NamedFile>,
    committed: bool,
}

/// A file whose write errors name the output they were for: "cannot write
/// out/valid.csv: No space left on device" says what happened.
pub struct NamedFile {
    file: File,
    target: PathBuf,
}

impl NamedFile {
    fn error(&self, error: io::Error) -> io::Error {
        io::Error::new(
            error.kind(),
            format!("cannot write {}: {error}", self.target.display()),
        )
    }
}

impl Write for NamedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf).map_err(|e| self.error(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().map_err(|e| self.error(e))
    }
}

impl PendingFile {
    fn create(dir: &Path, name: &str) -> Result<Self> {
        let target = dir.join(name);
        let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&temporary)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot create {}", temporary.display()))?;
        let named = NamedFile {
            file,
            target: target.clone(),
        };
        Ok(PendingFile {
            temporary,
            target,
            writer: BufWriter::with_capacity(1 << 16, named),
            committed: false,
        })
    }

    /// Flushes what was written so far and returns the temporary file's
    /// path, so a caller can inspect the output before committing it.
    pub fn flush(&mut self) -> Result<&Path> {
        self.writer.flush().into_diagnostic()?;
        Ok(&self.temporary)
    }

    /// Flushes: after this, only the rename is left.
    fn complete(&mut self) -> Result<()> {
        self.writer.flush().into_diagnostic()
    }

    /// Puts the file in place of its target.
    fn rename(&mut self) -> Result<()> {
        replace(&self.temporary, &self.target)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot rename into {}", self.target.display()))?;
        self.committed = true;
        Ok(())
    }
}

/// Renames `temporary` to `target`, which may exist, atomically.
///
/// On Linux an existing file is swapped out (`RENAME_EXCHANGE`) and then
/// removed: renaming over it instead makes ext4 allocate and start writing
/// the new file on the spot (its `auto_da_alloc`, a stand-in for the fsync
/// this module does not do), some 4 ms of a 100,000-row split. Either way
/// the target's name always holds a whole file, the earlier one or the new.
/// Anything but a file at the target (a directory) is left to `rename`,
/// which refuses it.
fn replace(temporary: &Path, target: &Path) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    if fs::symlink_metadata(target).is_ok_and(|metadata| metadata.is_file()) {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, temporary, CWD, target, RenameFlags::EXCHANGE) {
            // The earlier output now has the temporary name. Failing to
            // remove it leaves a hidden file, not a wrong output.
            Ok(()) => {
                let _ = fs::remove_file(temporary);
                return Ok(());
            }
            // No earlier output, or a file system that cannot swap: rename.
            Err(Errno::NOENT | Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(error) => return Err(error.into()),
        }
    }
    fs::rename(temporary, target)
}

impl Drop for PendingFile {
    fn drop(&mut self) {
        // A run that failed before commit leaves no temporary file behind.
        if !self.committed {
            let _ = fs::remove_file(&self.temporary);
        }
    }
}

/// The three outputs of `split`, pending; `valid` is `None` when the valid
/// rows go to standard output.
pub struct OutputDir {
    pub valid: Option<PendingFile>,
    pub invalid: PendingFile,
    pub report: PendingFile,
}

impl OutputDir {
    /// Prepares `dir` (created when missing); refuses to replace existing
    /// outputs without `force`. Without `with_valid`, `valid.csv` is neither
    /// written nor checked for.
    pub fn prepare(dir: &Path, force: bool, with_valid: bool) -> Result<Self> {
        fs::create_dir_all(dir)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot create the output directory {}", dir.display()))?;
        let existing = OUTPUT_FILES
            .iter()
            .skip(usize::from(!with_valid))
            .map(|name| dir.join(name))
            .find(|p| p.exists());
        if let Some(existing) = existing.filter(|_| !force) {
            return Err(miette!(
                help = "pass --force to replace it, or choose another --out-dir",
                "{} already exists",
                existing.display()
            ));
        }
        Ok(OutputDir {
            valid: with_valid
                .then(|| PendingFile::create(dir, OUTPUT_FILES[0]))
                .transpose()?,
            invalid: PendingFile::create(dir, OUTPUT_FILES[1])?,
            report: PendingFile::create(dir, OUTPUT_FILES[2])?,
        })
    }

    /// Completes all three, then renames them into place, the report
    /// last. Whatever fails while writing (a full disk) fails before the
    /// first rename, so existing outputs are never half replaced.
    pub fn commit(mut self) -> Result<()> {
        if let Some(valid) = self.valid.as_mut() {
            valid.complete()?;
        }
        self.invalid.complete()?;
        self.report.complete()?;
        if let Some(valid) = self.valid.as_mut() {
            valid.rename()?;
        }
        self.invalid.rename()?;
        self.report.rename()
    }
}

/// The first of the outputs of `split` that already exists in `dir`.
pub fn existing_output(dir: &Path) -> Option<PathBuf> {
    OUTPUT_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| p.exists())
}

/// Writes `text` to `path` atomically (temp file, then rename).
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut file = File::create(&temporary)?;
    file.write_all(text.as_bytes())?;
    file.sync_all()?;
    fs::rename(&temporary, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The names in `dir`, sorted.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replace_puts_the_file_in_place_whether_or_not_one_was_there() {
        let dir = tempfile::tempdir().unwrap();
        let (temporary, target) = (dir.path().join(".new.tmp"), dir.path().join("valid.csv"));

        fs::write(&temporary, "first").unwrap();
        replace(&temporary, &target).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "first");
        assert_eq!(names(dir.path()), ["valid.csv"]);

        fs::write(&temporary, "second").unwrap();
        replace(&temporary, &target).unwrap();
        assert_eq!(fs::read_to_string(&target).unwrap(), "second");
        assert_eq!(names(dir.path()), ["valid.csv"], "the earlier file is gone");
    }

    #[test]
    fn replace_refuses_a_directory_and_leaves_it_alone() {
        let dir = tempfile::tempdir().unwrap();
        let (temporary, target) = (dir.path().join(".new.tmp"), dir.path().join("valid.csv"));
        fs::create_dir(&target).unwrap();
        fs::write(target.join("keep"), "mine").unwrap();
        fs::write(&temporary, "new").unwrap();
        assert!(replace(&temporary, &target).is_err());
        assert_eq!(fs::read_to_string(target.join("keep")).unwrap(), "mine");
        assert_eq!(fs::read_to_string(&temporary).unwrap(), "new");
    }
}
