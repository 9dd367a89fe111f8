//! The engine's modules form layers: no module imports (through `crate::`) a module that
//! imports it back, directly or around a loop. A loop makes two modules one in all but name; this
//! test names it when one appears.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

/// The module a file belongs to: its top-level module's name as the crate exports it (the role
/// folders `read/`, `decide/`, `write/`, `learn/`, `publish/` only group them).
fn module_of(rel: &Path) -> Option<String> {
    let parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().trim_end_matches(".rs").to_string()).collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    match parts.as_slice() {
        ["lib"] | [_, "mod"] => None,
        ["read" | "decide" | "write" | "learn" | "publish", name, ..] => Some((*name).to_string()),
        [name, ..] => Some((*name).to_string()),
        [] => None,
    }
}

/// The modules named as `crate::name` in `text`, outside its tests and comments.
fn imports(text: &str) -> BTreeSet<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut out = BTreeSet::new();
    for line in code.lines().filter(|l| !l.trim_start().starts_with("//")) {
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                let inner = group.split('}').next().unwrap_or_default();
                out.extend(inner.split(',').filter_map(|p| p.trim().split("::").next()).map(str::to_string));
            } else {
                let name: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                out.insert(name);
            }
        }
    }
    // A `use crate::{...}` over several lines.
    for group in code.split("use crate::{").skip(1) {
        let inner = group.split("};").next().unwrap_or_default();
        out.extend(inner.split(',').filter_map(|p| p.trim().split("::").next()).map(str::to_string));
    }
    out.retain(|m| !m.is_empty());
    out
}

fn graph() -> BTreeMap<String, BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let rel = file.strip_prefix(src()).unwrap();
        let Some(module) = module_of(rel) else { continue };
        let deps = imports(&std::fs::read_to_string(&file).unwrap());
        graph.entry(module.clone()).or_default().extend(deps.into_iter().filter(|d| *d != module));
    }
    let known: BTreeSet<String> = graph.keys().cloned().collect();
    for deps in graph.values_mut() {
        deps.retain(|d| known.contains(d));
    }
    graph
}

/// A loop through `graph`, if there is one.
fn find_loop(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == at) {
            let mut cycle = path[i..].to_vec();
            cycle.push(at.to_string());
            return Some(cycle);
        }
        if done.contains(at) {
            return None;
        }
        path.push(at.to_string());
        for next in &graph[at] {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(at.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph.keys().find_map(|m| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = graph();
    assert!(graph.len() >= 25, "{:?}", graph.keys());
    assert!(graph["session"].contains("journal") && graph["journal"].contains("store"), "the graph is read");
    if let Some(cycle) = find_loop(&graph) {
        panic!("an import loop: {}", cycle.join(" → "));
    }
}

#[test]
fn a_loop_is_found_and_named() {
    let mut graph = graph();
    graph.get_mut("store").unwrap().insert("journal".into());
    let cycle = find_loop(&graph).expect("store → journal → store");
    assert!(cycle.windows(2).any(|w| w == ["store", "journal"] || w == ["journal", "store"]), "{cycle:?}");
}
