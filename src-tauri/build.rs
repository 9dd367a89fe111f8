fn main() {
    // Every app command gets an allow-/deny- permission; the capability grants exactly these.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "overview",
        "current_overview",
        "open_vault",
        "pick_vault",
        "open_demo",
        "note",
        "review",
        "start_note",
        "enroll",
        "undo",
        "open_link",
        "settings",
        "save_settings",
        "status",
        "set_autostart",
        "answer_autostart_offer",
        "mute",
        "unmute",
        "pick_calendar_file",
        "export_calendar",
        "take_requests",
        "search",
        "note_page",
        "open_in_obsidian",
        "show_in_folder",
        "calendar",
        "calendar_day",
        "stats",
        "vaults",
        "forget_vault",
        "appearance",
        "learning",
        "weak",
        "drill_answer",
    ]);
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    tauri_build::try_build(attributes).expect("tauri build script");
}
