//! "폴더에서 보기": a note shown selected in the system's file manager. Linux asks the
//! FileManager1 D-Bus interface that Nautilus, Dolphin, Nemo and others answer, and opens the
//! folder without one; macOS has Finder select it (`open -R`); Windows has Explorer select it
//! (`explorer /select,`). The commands are plain values, so each OS's is tested on every OS.

use std::ffi::OsString;
use std::path::Path;

/// Shows `file` selected in the file manager.
pub fn show(file: &Path) -> std::io::Result<()> {
    imp::show(file)
}

/// macOS: the program and arguments that select `file` in Finder.
#[cfg_attr(not(target_os = "macos"), allow(dead_code))]
pub fn finder_command(file: &Path) -> (&'static str, Vec<OsString>) {
    ("open", vec!["-R".into(), file.as_os_str().to_owned()])
}

/// Windows: Explorer's argument that selects `file`, passed as it is (Explorer reads its own
/// command line, so the path is quoted here, not by the usual escaping).
#[cfg_attr(not(target_os = "windows"), allow(dead_code))]
pub fn explorer_argument(file: &Path) -> String {
    format!("/select,\"{}\"", file.display())
}

#[cfg(target_os = "linux")]
mod imp {
    use std::path::Path;

    pub fn show(file: &Path) -> std::io::Result<()> {
        use gio::prelude::*;
        let uri = gio::File::for_path(file).uri().to_string();
        let shown = crate::bus::session().and_then(|bus| {
            bus.call_sync(
                Some("org.freedesktop.FileManager1"),
                "/org/freedesktop/FileManager1",
                "org.freedesktop.FileManager1",
                "ShowItems",
                Some(&(vec![uri], "").to_variant()),
                None,
                gio::DBusCallFlags::NONE,
                2000,
                None::<&gio::Cancellable>,
            )
            .ok()
        });
        match shown {
            Some(_) => Ok(()),
            None => open::that_detached(file.parent().unwrap_or(file)),
        }
    }
}

#[cfg(target_os = "macos")]
mod imp {
    use std::path::Path;

    pub fn show(file: &Path) -> std::io::Result<()> {
        let (program, args) = super::finder_command(file);
        std::process::Command::new(program).args(args).spawn().map(drop)
    }
}

#[cfg(target_os = "windows")]
mod imp {
    use std::os::windows::process::CommandExt;
    use std::path::Path;

    pub fn show(file: &Path) -> std::io::Result<()> {
        std::process::Command::new("explorer").raw_arg(super::explorer_argument(file)).spawn().map(drop)
    }
}

#[cfg(not(any(target_os = "linux", target_os = "macos", target_os = "windows")))]
mod imp {
    use std::path::Path;

    pub fn show(file: &Path) -> std::io::Result<()> {
        open::that_detached(file.parent().unwrap_or(file))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_os_selects_the_note_with_korean_names_and_spaces() {
        let mac = Path::new("/Users/나/Obsidian/공부/AWS/EC2 인스턴스.md");
        let (program, args) = finder_command(mac);
        assert_eq!(program, "open");
        assert_eq!(args, [OsString::from("-R"), OsString::from("/Users/나/Obsidian/공부/AWS/EC2 인스턴스.md")]);
        let windows = Path::new(r"C:\Users\나\Obsidian\공부\AWS\EC2 인스턴스.md");
        assert_eq!(explorer_argument(windows), r#"/select,"C:\Users\나\Obsidian\공부\AWS\EC2 인스턴스.md""#);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn without_a_file_manager_on_the_bus_the_folder_is_opened_instead() {
        // No session bus here: the FileManager1 call fails and the fallback runs (it may not
        // find a program to open folders with, which is an error, not a hang or a panic).
        let tmp = tempfile::tempdir().unwrap();
        let note = tmp.path().join("노트.md");
        std::fs::write(&note, "x").unwrap();
        let bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS");
        std::env::set_var("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus");
        let started = std::time::Instant::now();
        let _ = show(&note);
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
        match bus {
            Some(b) => std::env::set_var("DBUS_SESSION_BUS_ADDRESS", b),
            None => std::env::remove_var("DBUS_SESSION_BUS_ADDRESS"),
        }
    }
}
