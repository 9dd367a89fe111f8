//! A note's file as each system opens and identifies it: opened without following a link (so
//! what is checked is what is read), and its stamp (size, times, identity) taken from its
//! metadata. Unix (Linux, macOS) has `O_NOFOLLOW`, change times and inodes; Windows has the
//! reparse-point flag and its own times. Everything else in the engine is the same code on all.

use crate::error::{Error, Result, Special};
use std::path::Path;

/// What identifies a version of a file without reading it: its size, its modification and
/// change times, and its inode. A write changes the change time (which no program can set back),
/// a replace by rename the inode. (Windows: the last write time stands for both times, and the
/// creation time for the inode.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Last modification, in nanoseconds since 1970 (programs can set it).
    pub mtime_ns: i64,
    /// Last change of the file or its inode, in nanoseconds since 1970 (only the system sets it).
    pub ctime_ns: i64,
    /// The inode number: a file replaced by another has a new one.
    pub inode: u64,
}

impl Stamp {
    /// The stamp of a file from its metadata (not following links).
    pub fn of(meta: &std::fs::Metadata) -> Stamp {
        imp::stamp(meta)
    }
}

/// Opens `path` for reading: a link is refused as [`Special::Link`] and a pipe does not block
/// the open.
pub fn open(path: &Path) -> Result<std::fs::File> {
    imp::open(path)
}

/// What kind of entry that is not a regular file this is.
pub fn special(kind: std::fs::FileType) -> Special {
    imp::special(kind)
}

/// Whether another program holds `path` open for writing: a save under way, perhaps paused
/// half-way (a sync client, an editor on a slow or network disk). Linux asks the kernel for a
/// read lease, which it grants only while nobody has the file open for writing, or (where the
/// file system has no leases) looks through `/proc`; elsewhere nothing can be asked cheaply and
/// the answer is no (the wait for a still file and the content check before the replace remain).
pub fn being_written(path: &Path) -> bool {
    imp::being_written(path)
}

#[cfg(unix)]
mod imp {
    use super::*;
    use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};

    pub fn open(path: &Path) -> Result<std::fs::File> {
        std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path).map_err(
            |e| match e.raw_os_error() {
                Some(libc::ELOOP) => Error::SpecialFile(Special::Link),
                _ => Error::read(path)(e),
            },
        )
    }

    pub fn stamp(meta: &std::fs::Metadata) -> Stamp {
        Stamp {
            size: meta.len(),
            mtime_ns: meta.mtime().saturating_mul(1_000_000_000).saturating_add(meta.mtime_nsec()),
            ctime_ns: meta.ctime().saturating_mul(1_000_000_000).saturating_add(meta.ctime_nsec()),
            inode: meta.ino(),
        }
    }

    #[cfg(target_os = "linux")]
    pub use super::lease::being_written;

    #[cfg(not(target_os = "linux"))]
    pub fn being_written(_path: &Path) -> bool {
        false
    }

    pub fn special(kind: std::fs::FileType) -> Special {
        if kind.is_symlink() {
            Special::Link
        } else if kind.is_fifo() {
            Special::Fifo
        } else if kind.is_socket() {
            Special::Socket
        } else if kind.is_block_device() || kind.is_char_device() {
            Special::Device
        } else {
            Special::Other
        }
    }
}

#[cfg(target_os = "linux")]
mod lease {
    use std::os::fd::AsRawFd;
    use std::path::Path;

    pub fn being_written(path: &Path) -> bool {
        // The kernel tells a lease holder when someone opens the file (SIGIO, whose default is
        // to end the process); the lease is let go at once, but a writer may come in between.
        static IGNORE_LEASE_BREAKS: std::sync::Once = std::sync::Once::new();
        // SAFETY: setting a signal's disposition to "ignore"; nothing in the app uses SIGIO.
        IGNORE_LEASE_BREAKS.call_once(|| unsafe {
            libc::signal(libc::SIGIO, libc::SIG_IGN);
        });
        let Ok(file) = super::imp::open(path) else { return false };
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor this function owns and keeps open throughout.
        if unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) } == 0 {
            unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_UNLCK) };
            return false;
        }
        match std::io::Error::last_os_error().raw_os_error() {
            Some(libc::EAGAIN) => true,
            // No leases here (a network or FUSE file system, a file of another user).
            _ => writer_in_proc(&file),
        }
    }

    /// Whether any other process this user may look at has `file` open for writing.
    pub(super) fn writer_in_proc(file: &std::fs::File) -> bool {
        use std::os::unix::fs::MetadataExt;
        let Ok(meta) = file.metadata() else { return false };
        let (dev, ino) = (meta.dev(), meta.ino());
        let me = std::process::id().to_string();
        let Ok(procs) = std::fs::read_dir("/proc") else { return false };
        procs
            .flatten()
            .filter(|p| p.file_name().to_str().is_some_and(|n| n != me && n.bytes().all(|b| b.is_ascii_digit())))
            .any(|p| {
                let Ok(fds) = std::fs::read_dir(p.path().join("fd")) else { return false };
                fds.flatten().any(|fd| {
                    let same = std::fs::metadata(fd.path()).is_ok_and(|m| m.dev() == dev && m.ino() == ino);
                    same && writes(&p.path().join("fdinfo").join(fd.file_name()))
                })
            })
    }

    /// Whether the descriptor described by `fdinfo` was opened for writing.
    fn writes(fdinfo: &Path) -> bool {
        let Ok(info) = std::fs::read_to_string(fdinfo) else { return false };
        let flags =
            info.lines().find_map(|l| l.strip_prefix("flags:")).and_then(|f| u32::from_str_radix(f.trim(), 8).ok());
        flags.is_some_and(|f| f & libc::O_ACCMODE as u32 != libc::O_RDONLY as u32)
    }
}

#[cfg(windows)]
mod imp {
    use super::*;
    use std::os::windows::fs::{MetadataExt, OpenOptionsExt};

    /// `FILE_FLAG_OPEN_REPARSE_POINT`: the link itself is opened, not what it points to.
    const OPEN_REPARSE_POINT: u32 = 0x0020_0000;

    pub fn open(path: &Path) -> Result<std::fs::File> {
        let file = std::fs::OpenOptions::new()
            .read(true)
            .custom_flags(OPEN_REPARSE_POINT)
            .open(path)
            .map_err(Error::read(path))?;
        if file.metadata().map_err(Error::read(path))?.file_type().is_symlink() {
            return Err(Error::SpecialFile(Special::Link));
        }
        Ok(file)
    }

    /// Windows times count 100 ns from 1601; the stamp counts nanoseconds from 1970.
    fn ns(windows: u64) -> i64 {
        const FROM_1601_TO_1970: i64 = 11_644_473_600 * 10_000_000;
        (windows as i64).saturating_sub(FROM_1601_TO_1970).saturating_mul(100)
    }

    pub fn stamp(meta: &std::fs::Metadata) -> Stamp {
        // No change time or file index in the standard library here: a write moves the last
        // write time, and a file replaced by another (a rename over it) has its creation time.
        Stamp {
            size: meta.file_size(),
            mtime_ns: ns(meta.last_write_time()),
            ctime_ns: ns(meta.last_write_time()),
            inode: meta.creation_time(),
        }
    }

    pub fn special(kind: std::fs::FileType) -> Special {
        if kind.is_symlink() {
            Special::Link
        } else {
            Special::Other
        }
    }

    /// Windows refuses the replace of a file another program has open without sharing its
    /// deletion, which is how editors and sync clients write.
    pub fn being_written(_path: &Path) -> bool {
        false
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    use std::time::{Duration, Instant};

    /// Where leases are not to be had, `/proc` tells: another process holding the file open for
    /// writing is found, one holding it only to read is not.
    #[test]
    fn proc_finds_another_process_writing_and_not_one_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("노트.md");
        std::fs::write(&path, "x").unwrap();
        let hold = |redirect: &str| {
            std::process::Command::new("sh")
                .args(["-c", &format!(r#"exec 3{redirect}"$1"; exec sleep 30"#), "sh"])
                .arg(&path)
                .spawn()
                .unwrap()
        };
        let opened = |child: &std::process::Child| {
            let started = Instant::now();
            while std::fs::metadata(format!("/proc/{}/fd/3", child.id())).is_err() {
                assert!(started.elapsed() < Duration::from_secs(5), "the file is held");
                std::thread::sleep(Duration::from_millis(20));
            }
        };
        let mut reader = hold("<");
        opened(&reader);
        assert!(!super::lease::writer_in_proc(&std::fs::File::open(&path).unwrap()), "a reader is no writer");
        reader.kill().unwrap();
        reader.wait().unwrap();
        let mut writer = hold(">>");
        opened(&writer);
        assert!(super::lease::writer_in_proc(&std::fs::File::open(&path).unwrap()), "the writer is found");
        writer.kill().unwrap();
        writer.wait().unwrap();
        assert!(!super::lease::writer_in_proc(&std::fs::File::open(&path).unwrap()));
    }
}
