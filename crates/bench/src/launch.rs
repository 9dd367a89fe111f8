//! The launch, measured by the app itself: from its process's start to the first painted screen
//! with the vault's due list, which the page reports (`BOKSEUP_READY_FILE`, see the app's
//! `launch::shown`). The app runs on a generated vault, first with an empty data folder (the
//! index is built), then again and again with it (warm), interleaved with the floor (reading
//! every `.md`, as `run` measures it). It needs a display: `xvfb-run -a bokseup-bench launch`.

use crate::{number, value, vault, Error};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const TODAY: &str = "2024-10-27";

/// Runs the measure and prints its table.
pub fn run(args: &[String]) -> Result<(), Error> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        return Err(Error::Usage("the launch needs a display: xvfb-run -a bokseup-bench launch …".into()));
    }
    let me = std::env::current_exe().map_err(|e| Error::Run(e.to_string()))?;
    let app = match value(args, "--app") {
        Some(app) => PathBuf::from(app),
        None => me.with_file_name("bokseup-app"),
    };
    let notes: usize = number(args, "--notes", 10_000)?;
    let runs: usize = number(args, "--runs", 5)?;
    let root = std::env::current_dir().map_err(|e| Error::Run(e.to_string()))?;
    let path = root.join(format!("target/bench/launch-{notes}"));
    if !vault::is_current(&path) {
        eprintln!("generating {notes} notes in {}", path.display());
        let today = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d").expect("a date");
        vault::generate(&path, &vault::Spec { notes, seed: 42, today, variants: 0.1 })?;
        std::thread::sleep(bokseup_core::index::SETTLE + Duration::from_millis(500));
    }
    let home = std::env::temp_dir().join(format!("bokseup-bench-launch-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&home);
    let mut floors = Vec::new();
    let mut launches = Vec::new();
    let mut profiles = Vec::new();
    for round in 0..=runs {
        floors.push(floor(&me, &path)?);
        let (took, phases) = launch(&app, &path, &home)?;
        eprintln!("round {round}: launch {} ms ({phases})", took.as_millis());
        launches.push(took);
        profiles.push(phases);
    }
    let _ = std::fs::remove_dir_all(&home);
    let first = launches.remove(0);
    let first_profile = profiles.remove(0);
    let floor = median(floors);
    // The profile shown for the warm launches is the one of the median run.
    let mut order: Vec<usize> = (0..launches.len()).collect();
    order.sort_by_key(|&i| launches[i]);
    let warm_profile = order.get(order.len() / 2).map_or("", |&i| profiles[i].as_str()).to_string();
    let warm = median(launches);
    let ratio = |d: Duration| d.as_secs_f64() / floor.as_secs_f64().max(1e-9);
    println!("\n{notes} notes, app {}\n", app.display());
    println!("| figure | time | goal |");
    println!("| --- | --- | --- |");
    println!("| floor: read every .md | {} ms | |", floor.as_millis());
    println!(
        "| launch to the first painted due list, first (index built) | {} ms ({:.1}×) | |",
        first.as_millis(),
        ratio(first)
    );
    println!(
        "| launch to the first painted due list, warm (median of {runs}) | {} ms ({:.1}×) | ≤ 1 s |",
        warm.as_millis(),
        ratio(warm)
    );
    // Where the time went: milliseconds since the process's start at each moment the app notes.
    println!("\nprofile, first: {first_profile}");
    println!("profile, warm (median run): {warm_profile}");
    Ok(())
}

/// The floor once, as its own process.
fn floor(me: &Path, vault: &Path) -> Result<Duration, Error> {
    let started = Instant::now();
    let out = Command::new(me).arg("floor").arg(vault).output().map_err(|e| Error::Io(me.to_path_buf(), e))?;
    if !out.status.success() {
        return Err(Error::Run(String::from_utf8_lossy(&out.stderr).into_owned()));
    }
    Ok(started.elapsed())
}

/// One launch of the app on `vault` with its data in `home`: what the app reports, the time and
/// its moments (`name=ms …`).
fn launch(app: &Path, vault: &Path, home: &Path) -> Result<(Duration, String), Error> {
    let ready = home.join("ready");
    let _ = std::fs::remove_file(&ready);
    let mut child = Command::new(app)
        .arg(vault)
        .args(["--today", TODAY])
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env("BOKSEUP_READY_FILE", &ready)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|e| Error::Io(app.to_path_buf(), e))?;
    let started = Instant::now();
    let said = loop {
        if let Ok(text) = std::fs::read_to_string(&ready) {
            let mut lines = text.lines();
            if let Some(Ok(ms)) = lines.next().map(|l| l.trim().parse::<u64>()) {
                break Ok((Duration::from_millis(ms), lines.next().unwrap_or("").trim().to_string()));
            }
        }
        if started.elapsed() > Duration::from_secs(120) {
            break Err(Error::Run("the app did not show its first screen within two minutes".into()));
        }
        if let Ok(Some(status)) = child.try_wait() {
            break Err(Error::Run(format!("the app ended before its first screen: {status}")));
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let _ = child.kill();
    let _ = child.wait();
    said
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}
