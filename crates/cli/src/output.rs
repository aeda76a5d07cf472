//! The output directory of `split` and `upload`.
//!
//! What it guarantees, because the outputs hold personal data and an upload
//! spends money:
//! - one run at a time: [`OutDirLock`] holds an OS lock on the directory
//!   for the whole run (released by the OS if the process dies), and a
//!   second run stops at once;
//! - files are written under unpredictable temporary names, created
//!   exclusively and never through a link (`tempfile`), readable by the
//!   owner only (0600), and renamed into place only when complete;
//! - all or nothing: the three outputs are either all this run's or all
//!   the previous run's;
//! - no leftovers: temporaries of runs that died are removed by the next
//!   run, and no output is left beside a `report.json` it contradicts.
//!
//! The outputs are not forced to disk (`fsync`) before the rename: they are
//! derived from the input, and rerunning `split` recreates them, while
//! forcing the 5 MB of a 100,000-row split to disk cost some 4 ms, a tenth
//! of the split itself. What is not derived, the upload's resume state, is
//! synced.

use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use miette::{Result, WrapErr, miette};

use crate::kept::IntoDiagnostic;

/// The files `split` writes.
pub const OUTPUT_FILES: [&str; 3] = ["valid.csv", "invalid.csv", "report.json"];

/// Where a run's lock lives where directories cannot be locked themselves.
#[cfg(not(unix))]
pub const LOCK_FILE: &str = ".ringg-preflight.lock";

/// Names whose temporaries a run may leave (`.valid.csv.Xy12ab.tmp`).
const TEMPORARY_OF: [&str; 4] = [
    "valid.csv",
    "invalid.csv",
    "report.json",
    "upload-state.json",
];

/// An exclusive lock on an output directory, held until dropped.
///
/// On Unix it is an OS lock (`flock`) on the directory itself: the OS
/// releases it when the process dies, and it leaves no file behind to
/// confuse a listing of the outputs. Elsewhere it is the same lock on
/// `DIR/.ringg-preflight.lock`.
#[derive(Debug)]
pub struct OutDirLock {
    _file: File,
}

impl OutDirLock {
    /// Creates `dir` when missing and locks it, or fails at once when
    /// another run holds it. Under the lock, removes the temporaries that
    /// dead runs left.
    pub fn acquire(dir: &Path) -> Result<Self> {
        fs::create_dir_all(dir)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot create the output directory {}", dir.display()))?;
        #[cfg(unix)]
        let (file, what) = (File::open(dir), dir.to_path_buf());
        #[cfg(not(unix))]
        let (file, what) = {
            let path = dir.join(LOCK_FILE);
            let mut options = fs::OpenOptions::new();
            options.read(true).write(true).create(true).truncate(false);
            (options.open(&path), path)
        };
        let file = file
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot open {} to lock it", what.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                return Err(miette!(
                    help = "wait for the other run to finish, or use another --out-dir",
                    "another ringg-preflight run holds the lock on {}; nothing was done",
                    dir.display()
                ));
            }
            Err(fs::TryLockError::Error(error)) => {
                return Err(error)
                    .into_diagnostic()
                    .wrap_err_with(|| format!("cannot lock {}", what.display()));
            }
        }
        remove_stale_temporaries(dir);
        Ok(OutDirLock { _file: file })
    }
}

/// Removes `.NAME.*.tmp` files of the outputs: under the lock, no live run
/// is writing them.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let stale = name.ends_with(".tmp")
            && TEMPORARY_OF
                .iter()
                .any(|output| name.starts_with(&format!(".{output}.")));
        if stale && entry.file_type().is_ok_and(|t| !t.is_dir()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// A new temporary file in `dir` for the output `name`: an unpredictable
/// name, created exclusively (a planted file or link there makes it fail,
/// never write through), mode 0600.
pub fn temporary_in(dir: &Path, name: &str) -> io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
}

/// A file being written under a temporary name in its final directory.
pub struct PendingFile {
    temporary: tempfile::TempPath,
    target: PathBuf,
    pub writer: BufWriter<NamedFile>,
    /// Set once the new file is in place; `Some(true)` when the previous
    /// output now sits at the temporary name (to put back on a rollback).
    swapped: Option<bool>,
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
        let (file, temporary) = temporary_in(dir, name)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot create a temporary file for {}", target.display()))?
            .into_parts();
        let named = NamedFile {
            file,
            target: target.clone(),
        };
        Ok(PendingFile {
            temporary,
            target,
            writer: BufWriter::with_capacity(1 << 16, named),
            swapped: None,
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

    /// Refuses a target that is not a plain file (a directory, a link):
    /// checked for all outputs before the first is put in place.
    fn check_target(&self) -> Result<()> {
        match fs::symlink_metadata(&self.target) {
            Ok(metadata) if !metadata.is_file() => Err(miette!(
                help = "move it out of the way, or choose another --out-dir",
                "{} is not a regular file (a directory or a link); nothing was replaced",
                self.target.display()
            )),
            _ => Ok(()),
        }
    }

    /// Puts the file in place of its target.
    fn swap_in(&mut self) -> Result<()> {
        let swapped = replace(&self.temporary, &self.target)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot rename into {}", self.target.display()))?;
        self.swapped = Some(swapped);
        Ok(())
    }

    /// Undoes [`PendingFile::swap_in`]: the previous output (or none) is
    /// back under the target's name.
    fn swap_back(&mut self) {
        match self.swapped.take() {
            Some(true) => {
                let _ = replace(&self.temporary, &self.target);
            }
            Some(false) => {
                let _ = fs::rename(&self.target, &self.temporary);
            }
            None => {}
        }
    }
}

/// Renames `temporary` to `target` atomically: the target's name always
/// holds a whole file, the earlier one or the new. Returns whether the
/// earlier file now sits at `temporary` (kept there so a failed commit can
/// put it back; the temporary's drop removes it).
///
/// On Linux an existing file is swapped out (`RENAME_EXCHANGE`): renaming
/// over it instead makes ext4 allocate and start writing the new file on
/// the spot (its `auto_da_alloc`, a stand-in for the fsync this module
/// does not do), some 4 ms of a 100,000-row split. Elsewhere the earlier
/// file is hard-linked to the temporary's name first.
fn replace(temporary: &Path, target: &Path) -> io::Result<bool> {
    let existed = fs::symlink_metadata(target).is_ok_and(|metadata| metadata.is_file());
    if !existed {
        fs::rename(temporary, target)?;
        return Ok(false);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{CWD, RenameFlags, renameat_with};
        use rustix::io::Errno;
        match renameat_with(CWD, temporary, CWD, target, RenameFlags::EXCHANGE) {
            Ok(()) => return Ok(true),
            // A file system that cannot swap: the portable way below.
            Err(Errno::INVAL | Errno::NOSYS | Errno::NOTSUP) => {}
            Err(error) => return Err(error.into()),
        }
    }
    let new = temporary.with_extension("new");
    fs::rename(temporary, &new)?;
    if let Err(error) = fs::hard_link(target, temporary) {
        let _ = fs::rename(&new, temporary);
        return Err(error);
    }
    fs::rename(&new, target)?;
    Ok(true)
}

/// The three outputs of `split`, pending; `valid` is `None` when the valid
/// rows go to standard output.
pub struct OutputDir {
    dir: PathBuf,
    pub valid: Option<PendingFile>,
    pub invalid: PendingFile,
    pub report: PendingFile,
}

impl OutputDir {
    /// Prepares `dir` (created when missing); refuses to replace existing
    /// outputs without `force`. Call it under the directory's
    /// [`OutDirLock`], so that the check and the commit are one step.
    pub fn prepare(dir: &Path, force: bool, with_valid: bool) -> Result<Self> {
        fs::create_dir_all(dir)
            .into_diagnostic()
            .wrap_err_with(|| format!("cannot create the output directory {}", dir.display()))?;
        if let Some(existing) = existing_output(dir).filter(|_| !force) {
            return Err(miette!(
                help = "pass --force to replace it, or choose another --out-dir",
                "{} already exists",
                existing.display()
            ));
        }
        Ok(OutputDir {
            dir: dir.to_path_buf(),
            valid: with_valid
                .then(|| PendingFile::create(dir, OUTPUT_FILES[0]))
                .transpose()?,
            invalid: PendingFile::create(dir, OUTPUT_FILES[1])?,
            report: PendingFile::create(dir, OUTPUT_FILES[2])?,
        })
    }

    /// Completes all three, then puts them in place, the report last.
    /// Whatever fails (a full disk, an output that is a directory) leaves
    /// the previous outputs as they were: on a failed rename those already
    /// renamed are put back. When the valid rows went to standard output,
    /// an earlier `valid.csv` is removed, so that no file contradicts the
    /// new `report.json`.
    pub fn commit(mut self) -> Result<()> {
        let mut files: Vec<&mut PendingFile> = Vec::with_capacity(3);
        if let Some(valid) = self.valid.as_mut() {
            files.push(valid);
        }
        files.push(&mut self.invalid);
        files.push(&mut self.report);
        for file in files.iter_mut() {
            file.complete()?;
            file.check_target()?;
        }
        for i in 0..files.len() {
            if let Err(error) = files[i].swap_in() {
                for done in files[..i].iter_mut().rev() {
                    done.swap_back();
                }
                return Err(error);
            }
        }
        if self.valid.is_none() {
            let stale = self.dir.join(OUTPUT_FILES[0]);
            if fs::symlink_metadata(&stale).is_ok_and(|m| !m.is_dir()) {
                fs::remove_file(&stale)
                    .into_diagnostic()
                    .wrap_err_with(|| format!("cannot remove the earlier {}", stale.display()))?;
            }
        }
        Ok(())
    }
}

/// The first of the outputs of `split` that already exists in `dir`.
pub fn existing_output(dir: &Path) -> Option<PathBuf> {
    OUTPUT_FILES
        .iter()
        .map(|name| dir.join(name))
        .find(|p| fs::symlink_metadata(p).is_ok())
}

/// Refuses an input that is one of the files a run would write in `dir`
/// (the same file by device and inode, or by canonical path), whatever
/// `--force` says: the run would destroy what it reads.
pub fn refuse_input_as_output(input: &Path, dir: &Path) -> Result<()> {
    let Ok(input_meta) = fs::metadata(input) else {
        return Ok(());
    };
    let input_canonical = fs::canonicalize(input).ok();
    for name in OUTPUT_FILES.iter().chain(["upload-state.json"].iter()) {
        let output = dir.join(name);
        let Ok(output_meta) = fs::metadata(&output) else {
            continue;
        };
        let same = same_file(&input_meta, &output_meta)
            || (input_canonical.is_some() && input_canonical == fs::canonicalize(&output).ok());
        if same {
            return Err(miette!(
                help = "write the outputs to another --out-dir, or copy the input elsewhere first",
                "the input {} is the output {}: the run would replace what it reads; nothing was done",
                input.display(),
                output.display()
            ));
        }
    }
    Ok(())
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

/// Writes `text` to `path` atomically: an exclusive temporary file (0600)
/// in the same directory, synced, then renamed into place.
pub fn write_atomically(path: &Path, text: &str) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut file = temporary_in(dir, &name)?;
    file.write_all(text.as_bytes())?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
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
        assert!(!replace(&temporary, &target).unwrap());
        assert_eq!(fs::read_to_string(&target).unwrap(), "first");
        assert_eq!(names(dir.path()), ["valid.csv"]);

        fs::write(&temporary, "second").unwrap();
        assert!(replace(&temporary, &target).unwrap());
        assert_eq!(fs::read_to_string(&target).unwrap(), "second");
        assert_eq!(
            fs::read_to_string(&temporary).unwrap(),
            "first",
            "the earlier file waits at the temporary name until the commit is whole"
        );
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
