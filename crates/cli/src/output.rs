//! The output directory of `split`: files are written under temporary
//! names and renamed into place only when complete, so a crash never
//! leaves a partial `valid.csv` under its final name.

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
    pub writer: BufWriter<File>,
    committed: bool,
}

impl PendingFile {
    fn create(dir: &Path, name: &str) -> Result<Self> {
        let target = dir.join(name);
        let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
        let file = File::create(&temporary)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot create {}", temporary.display()))?;
        Ok(PendingFile {
            temporary,
            target,
            writer: BufWriter::with_capacity(1 << 16, file),
            committed: false,
        })
    }

    /// Flushes what was written so far and returns the temporary file's
    /// path, so a caller can inspect the output before committing it.
    pub fn flush(&mut self) -> Result<&Path> {
        self.writer
            .flush()
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", self.temporary.display()))?;
        Ok(&self.temporary)
    }

    /// Flushes, syncs and renames into place.
    fn commit(&mut self) -> Result<()> {
        self.writer
            .flush()
            .and_then(|()| self.writer.get_ref().sync_all())
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot write {}", self.temporary.display()))?;
        fs::rename(&self.temporary, &self.target)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot rename into {}", self.target.display()))?;
        self.committed = true;
        Ok(())
    }
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

    /// Renames all three into place, the report last.
    pub fn commit(mut self) -> Result<()> {
        if let Some(valid) = self.valid.as_mut() {
            valid.commit()?;
        }
        self.invalid.commit()?;
        self.report.commit()
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
