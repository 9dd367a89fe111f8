//! The events the backend sends the page. Their names are declared here once; `build.rs` writes
//! them into `ui/src/lib/commands.ts` for the page's listeners.

/// How a long scan is going: a `ScanProgress`.
pub const SCAN_EVENT: &str = "bokseup://scan-progress";

/// Another program changed the open vault: the page takes the agenda as it stands now.
pub const VAULT_EVENT: &str = "bokseup://vault-changed";

/// The desktop side has requests for the window: the page takes them (`take_requests`).
pub const REQUEST_EVENT: &str = "bokseup://request";

/// A publish to the calendar server succeeded or failed: the page asks for the status again.
pub const PUBLISH_EVENT: &str = "bokseup://published";
