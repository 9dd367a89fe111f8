//! The calendar account's app password, kept in the system's keyring (Secret Service on Linux,
//! the Keychain on macOS, the Credential Manager on Windows) and nowhere else: not the database,
//! not the settings, not a log or a message.

use bokseup_core::lang::tf;
use bokseup_core::settings::CalDav;

/// The keyring's service name for the app's calendar passwords.
const SERVICE: &str = "Bokseup CalDAV";

fn entry(account: &CalDav) -> keyring::Result<keyring::Entry> {
    keyring::Entry::new(SERVICE, &format!("{} @ {}", account.user, account.url))
}

/// Keeps `password` for `account`.
pub fn save(account: &CalDav, password: &str) -> Result<(), String> {
    entry(account).and_then(|e| e.set_password(password)).map_err(problem)
}

/// The password kept for `account`, if any (and the keyring answers).
pub fn load(account: &CalDav) -> Option<String> {
    entry(account).and_then(|e| e.get_password()).ok()
}

/// Forgets `account`'s password (nothing kept is fine).
pub fn forget(account: &CalDav) {
    let _ = entry(account).and_then(|e| e.delete_credential());
}

/// Why the keyring could not keep the password, without the password.
fn problem(e: keyring::Error) -> String {
    let detail = match e {
        keyring::Error::PlatformFailure(e) | keyring::Error::NoStorageAccess(e) => e.to_string(),
        other => other.to_string(),
    };
    tf(
        format!("시스템 키링에 앱 암호를 저장하지 못했습니다 ({detail}). 키링(GNOME 키링, KWallet 등)이 켜져 있고 잠금이 풀려 있는지 확인하세요"),
        format!("Could not keep the app password in the system keyring ({detail}). Check a keyring (GNOME Keyring, KWallet, …) is running and unlocked"),
    )
}
