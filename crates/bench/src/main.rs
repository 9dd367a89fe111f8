//! `bokseup-bench`: Bokseup's benchmark, runnable by anyone who clones the project.
//!
//! ```text
//! bokseup-bench run [--sizes 1000,10000] [--runs 5] [--smoke] [--large]
//! bokseup-bench launch [--notes 10000] [--runs 5] [--app PATH]    (under a display)
//! bokseup-bench gen OUT --notes N [--seed S] [--today YYYY-MM-DD] [--variants F]
//! bokseup-bench fixture OUT --notes N [--seed S] [--today YYYY-MM-DD] [--played-days D] [--per-day K] [--name NAME] [--demo] [--plain] [--setting NAME=VALUE]…
//! ```
//!
//! `run` generates the vaults (target/bench/, kept between runs), then measures every figure
//! of issue 9 next to the floor, reading every `.md` with no parsing, measured in the same run
//! and interleaved with it, and prints each as a ratio with its goal. The bench kit's peers
//! (`../shared/bench/peers`) join the table when they are there and built.

mod fixture;
mod launch;
mod measure;
mod vault;

use chrono::NaiveDate;
use std::path::PathBuf;

/// What can stop the benchmark.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}", path = .0.display(), source = .1)]
    Io(PathBuf, std::io::Error),
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Run(String),
}

const USAGE: &str = "usage:
  bokseup-bench run [--sizes 1000,10000] [--runs 5] [--smoke] [--large]
        every figure next to the raw-read floor of the same run (--smoke: one small vault, one run;
        --large: 100,000 notes too)
  bokseup-bench launch [--notes 10000] [--runs 5] [--app target/release/bokseup-app]
        the app's launch to its first painted due list, as the app reports it, first and warm,
        next to the floor (needs a display: dbus-run-session -- xvfb-run -a bokseup-bench launch)
  bokseup-bench gen OUT --notes N [--seed S] [--today YYYY-MM-DD] [--variants F]
        a deterministic vault of study notes
  bokseup-bench fixture OUT --notes N [--seed S] [--today YYYY-MM-DD] [--played-days D] [--per-day K]
                      [--name NAME] [--demo] [--plain] [--setting NAME=VALUE]…
        the UI tests' vault: notes written, the last D days reviewed through the engine, the
        settings changed (as `bokseup settings NAME VALUE`), and what the window would show on
        that day printed as JSON
  (inner steps, run by `run` as processes: floor VAULT, memory VAULT, write VAULT)";

fn value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).map(String::as_str)
}

fn number<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> Result<T, Error> {
    match value(args, name) {
        None => Ok(default),
        Some(v) => v.parse().map_err(|_| Error::Usage(format!("{name}: not a number: {v}"))),
    }
}

fn today(args: &[String]) -> Result<NaiveDate, Error> {
    let text = value(args, "--today").unwrap_or("2024-10-27");
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| Error::Usage(format!("--today: not a date: {text}")))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen(&args[1..]),
        Some("run") => measure::run(&args[1..]),
        Some("launch") => launch::run(&args[1..]),
        Some("fixture") => fixture(&args[1..]),
        Some("floor") => measure::floor_step(&args[1..]),
        Some("memory") => measure::memory_step(&args[1..]),
        Some("write") => measure::write_step(&args[1..]),
        _ => Err(Error::Usage(USAGE.into())),
    };
    if let Err(e) = result {
        eprintln!("bokseup-bench: {e}");
        std::process::exit(if matches!(e, Error::Usage(_)) { 2 } else { 1 });
    }
}

fn fixture(args: &[String]) -> Result<(), Error> {
    let out = args.first().filter(|a| !a.starts_with("--")).ok_or_else(|| Error::Usage(USAGE.into()))?;
    let spec = fixture::Spec {
        notes: number(args, "--notes", 60)?,
        seed: number(args, "--seed", 7)?,
        today: today(args)?,
        played_days: number(args, "--played-days", 14)?,
        per_day: number(args, "--per-day", 40)?,
        name: value(args, "--name").unwrap_or("공부").to_owned(),
        demo: args.iter().any(|a| a == "--demo"),
        plain: args.iter().any(|a| a == "--plain"),
        settings: args
            .windows(2)
            .filter(|w| w[0] == "--setting")
            .map(|w| {
                w[1].split_once('=')
                    .map(|(n, v)| (n.to_owned(), v.to_owned()))
                    .ok_or_else(|| Error::Usage(format!("--setting {}: write NAME=VALUE", w[1])))
            })
            .collect::<Result<_, _>>()?,
    };
    let made = fixture::make(std::path::Path::new(out), &spec)?;
    let json = serde_json::to_string(&made).map_err(|e| Error::Run(format!("the fixture as JSON: {e}")))?;
    println!("{json}");
    Ok(())
}

fn gen(args: &[String]) -> Result<(), Error> {
    let out = args.first().filter(|a| !a.starts_with("--")).ok_or_else(|| Error::Usage(USAGE.into()))?;
    let spec = vault::Spec {
        notes: number(args, "--notes", 1000)?,
        seed: number(args, "--seed", 1)?,
        today: today(args)?,
        variants: number(args, "--variants", 0.1)?,
    };
    let made = vault::generate(std::path::Path::new(out), &spec)?;
    println!(
        "{out}: {} review notes, {} plain, {} broken, {:.1} MB",
        made.review,
        made.plain,
        made.broken,
        made.bytes as f64 / 1e6
    );
    Ok(())
}
