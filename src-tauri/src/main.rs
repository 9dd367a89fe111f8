// Release builds on Windows open no console window.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use bokseup_cli::{self as cli, Outcome};
use bokseup_core::lang::{self, Lang};

fn main() {
    bokseup_app::started();
    let args: Vec<String> = std::env::args().skip(1).collect();
    // The command line speaks the language of LANG; the app, once started, that of its setting.
    lang::set(Lang::of_system());
    // The command line decides before GTK starts, so its commands work without a display.
    match cli::run(&args, &mut std::io::stdout(), &mut std::io::stderr()) {
        Outcome::Exit(code) => std::process::exit(code),
        Outcome::App(launch) => bokseup_app::run(launch),
    }
}
