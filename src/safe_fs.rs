//! Files dossier creates beside the user's own: lock files and exports. Neither ever follows a
//! symbolic link (a link planted at a lock path would make dossier create or truncate the
//! link's target), and both are private to the user (an export holds notes).

use std::{
    fs::{self, File, OpenOptions},
    io::{self, Write},
    path::{Path, PathBuf},
};

/// Open (creating it, mode 0600) the lock file at `path`. Whatever is there and is not a
/// regular file (a link, dangling or not; a directory) is moved aside first, and named in
/// the returned notice.
pub fn open_lock(path: &Path) -> io::Result<(File, Option<String>)> {
    let mut notice = None;
    if let Ok(meta) = fs::symlink_metadata(path)
        && !meta.file_type().is_file()
    {
        let aside = aside_name(path);
        fs::rename(path, &aside)?;
        notice = Some(format!(
            "{} was not a lock file (a link or a folder); moved it to {}",
            path.display(),
            aside.display()
        ));
    }
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    no_follow(&mut options);
    Ok((options.open(path)?, notice))
}

/// Write `bytes` to `path` as a new private file (mode 0600): through a temporary file in the
/// same folder renamed over it, so a reader never sees half a file, and never through a link.
pub fn write_private(path: &Path, bytes: &[u8]) -> io::Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            "it is a symbolic link; not writing through it (remove it or choose another folder)",
        ));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    // tempfile creates with O_EXCL and mode 0600.
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn aside_name(path: &Path) -> PathBuf {
    let mut n = 1u32;
    loop {
        let mut name = path.as_os_str().to_owned();
        name.push(format!(".aside-{n}"));
        let candidate = PathBuf::from(name);
        if fs::symlink_metadata(&candidate).is_err() {
            return candidate;
        }
        n += 1;
    }
}

#[cfg(unix)]
fn no_follow(options: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    options.mode(0o600).custom_flags(libc::O_NOFOLLOW);
}

#[cfg(not(unix))]
fn no_follow(_options: &mut OpenOptions) {}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::{PermissionsExt, symlink};

    use super::*;

    #[test]
    fn a_dangling_link_at_a_lock_path_is_moved_aside_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("victim");
        let lock = dir.path().join("state.lock");
        symlink(&target, &lock).unwrap();
        let (_file, notice) = open_lock(&lock).unwrap();
        assert!(!target.exists(), "the link's target was created");
        assert!(fs::symlink_metadata(&lock).unwrap().file_type().is_file());
        assert!(notice.unwrap().contains("moved it to"));
        let folder = dir.path().join("dir.lock");
        fs::create_dir(&folder).unwrap();
        open_lock(&folder).unwrap();
        assert!(fs::symlink_metadata(&folder).unwrap().file_type().is_file());
    }

    #[test]
    fn an_export_never_writes_through_a_link_and_is_private() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("precious");
        fs::write(&target, "keep me").unwrap();
        let export = dir.path().join("export.md");
        symlink(&target, &export).unwrap();
        let err = write_private(&export, b"notes").unwrap_err();
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(fs::read_to_string(&target).unwrap(), "keep me");
        let fresh = dir.path().join("fresh.md");
        write_private(&fresh, b"notes").unwrap();
        write_private(&fresh, b"notes again").unwrap();
        assert_eq!(fs::read_to_string(&fresh).unwrap(), "notes again");
        assert_eq!(fs::metadata(&fresh).unwrap().permissions().mode() & 0o777, 0o600);
    }
}
