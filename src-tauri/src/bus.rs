//! Linux: the session bus, and questions to its own daemon (is a name served, can it be started),
//! which the tray and the toasts ask before relying on a desktop service.

use gio::prelude::*;

/// The session bus, when there is one.
pub fn session() -> Option<gio::DBusConnection> {
    gio::bus_get_sync(gio::BusType::Session, None::<&gio::Cancellable>).ok()
}

/// Asks `org.freedesktop.DBus` for `method(name)`; `None` without a bus or an answer in a second.
fn ask(method: &str, args: Option<&glib::Variant>, reply: &str) -> Option<glib::Variant> {
    let bus = session()?;
    bus.call_sync(
        Some("org.freedesktop.DBus"),
        "/org/freedesktop/DBus",
        "org.freedesktop.DBus",
        method,
        args,
        Some(glib::VariantTy::new(reply).unwrap_or(glib::VariantTy::ANY)),
        gio::DBusCallFlags::NONE,
        1000,
        None::<&gio::Cancellable>,
    )
    .ok()
}

/// Whether a program serves `name` on the session bus now.
pub fn has_owner(name: &str) -> bool {
    ask("NameHasOwner", Some(&(name,).to_variant()), "(b)")
        .and_then(|v| v.get::<(bool,)>())
        .is_some_and(|(owned,)| owned)
}

/// Whether the session bus would start a program for `name` (a service file names it).
pub fn activatable(name: &str) -> bool {
    ask("ListActivatableNames", None, "(as)")
        .and_then(|v| v.get::<(Vec<String>,)>())
        .is_some_and(|(names,)| names.iter().any(|n| n == name))
}
