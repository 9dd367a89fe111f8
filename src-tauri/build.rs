//! The command surface is declared once: each `#[tauri::command]` function of
//! `src/commands.rs` and each `pub const` of `src/event.rs`. From them this script makes
//! everything else, before `tauri_build` reads the capability:
//! - the handler list (`$OUT_DIR/invoke.rs`, included by `lib.rs`);
//! - each command's allow-/deny- permission (the app manifest);
//! - the capability `capabilities/main.json`, granting exactly those commands;
//! - `ui/src/lib/commands.ts`: a typed call per command and the event names, for `api.ts`.
//!
//! The generated files are committed; the test command fails when they are not fresh.

use std::fmt::Write as _;
use std::path::Path;

/// A command as declared: its name, its doc, its arguments from the page and what it returns.
struct Command {
    name: String,
    doc: Vec<String>,
    args: Vec<(String, String)>,
    returns: String,
}

fn main() {
    let root = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let here = Path::new(&root);
    let source = here.join("src-tauri/src/commands.rs");
    let events = here.join("src-tauri/src/event.rs");
    println!("cargo:rerun-if-changed={}", source.display());
    println!("cargo:rerun-if-changed={}", events.display());
    let commands = commands(&read(&source));
    let events = event_names(&read(&events));

    let out = std::env::var("OUT_DIR").expect("OUT_DIR");
    let list: Vec<String> = commands.iter().map(|c| format!("crate::commands::{}", c.name)).collect();
    write_if_changed(&Path::new(&out).join("invoke.rs"), &format!("tauri::generate_handler![{}]\n", list.join(", ")));
    write_if_changed(&here.join("src-tauri/capabilities/main.json"), &capability(&commands));
    write_if_changed(&here.join("ui/src/lib/commands.ts"), &typescript(&commands, &events));

    // The manifest keeps the names for the rest of this short process.
    let names: Vec<&'static str> = commands.iter().map(|c| &*c.name.clone().leak()).collect();
    let manifest = tauri_build::AppManifest::new().commands(names.leak());
    let attributes = tauri_build::Attributes::new()
        .capabilities_path_pattern("./src-tauri/capabilities/**/*")
        .app_manifest(manifest);
    tauri_build::try_build(attributes).expect("tauri build script");
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Writes `text` to `path` unless it already holds it (a rewrite would make Cargo build again).
fn write_if_changed(path: &Path, text: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
        std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
}

/// The `#[tauri::command]` functions of `source`, in order.
fn commands(source: &str) -> Vec<Command> {
    let file = syn::parse_file(source).expect("commands.rs parses");
    let mut out = Vec::new();
    for item in file.items {
        let syn::Item::Fn(f) = item else { continue };
        let is_command = f.attrs.iter().any(|a| {
            let path = a.path();
            path.segments.len() == 2 && path.segments[0].ident == "tauri" && path.segments[1].ident == "command"
        });
        if !is_command {
            continue;
        }
        let args = f
            .sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(t) => Some(t),
                syn::FnArg::Receiver(_) => None,
            })
            .filter(|t| !is_injected(&t.ty))
            .map(|t| {
                let syn::Pat::Ident(name) = &*t.pat else { panic!("{}: an argument without a name", f.sig.ident) };
                (name.ident.to_string(), ts_type(&t.ty))
            })
            .collect();
        let returns = match &f.sig.output {
            syn::ReturnType::Default => "void".to_string(),
            syn::ReturnType::Type(_, ty) => ts_type(ty),
        };
        out.push(Command { name: f.sig.ident.to_string(), doc: doc(&f.attrs), args, returns });
    }
    assert!(!out.is_empty(), "commands.rs declares no command");
    out
}

/// Whether Tauri supplies this argument itself (the app, the state, the window).
fn is_injected(ty: &syn::Type) -> bool {
    let syn::Type::Path(p) = ty else { return false };
    let last = p.path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default();
    matches!(last.as_str(), "AppHandle" | "State" | "Window" | "WebviewWindow" | "Webview")
}

/// The doc comment's lines.
fn doc(attrs: &[syn::Attribute]) -> Vec<String> {
    attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The TypeScript of a Rust type crossing IPC: the IPC types themselves are generated by ts-rs
/// in `ui/src/bindings` under their own names.
fn ts_type(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Tuple(t) if t.elems.is_empty() => "void".into(),
        syn::Type::Reference(r) => ts_type(&r.elem),
        syn::Type::Path(p) => {
            let last = p.path.segments.last().expect("a type has a name");
            let params: Vec<&syn::Type> = match &last.arguments {
                syn::PathArguments::AngleBracketed(a) => a
                    .args
                    .iter()
                    .filter_map(|g| match g {
                        syn::GenericArgument::Type(t) => Some(t),
                        _ => None,
                    })
                    .collect(),
                _ => Vec::new(),
            };
            match (last.ident.to_string().as_str(), params.as_slice()) {
                ("Reply" | "Result", [ok, ..]) => ts_type(ok),
                ("Option", [inner]) => format!("{} | null", ts_type(inner)),
                ("Vec", [inner]) => format!("{}[]", ts_type(inner)),
                ("String" | "str" | "PathBuf" | "Path" | "NaiveDate" | "NaiveDateTime", _) => "string".into(),
                ("bool", _) => "boolean".into(),
                ("u8" | "u16" | "u32" | "i32" | "f64" | "usize", _) => "number".into(),
                (name, []) => name.into(),
                (name, _) => panic!("commands.rs: no TypeScript for {name}<…>"),
            }
        }
        _ => panic!("commands.rs: an argument or result type the generator does not know"),
    }
}

/// The `pub const NAME: &str = "…";` of `source`, with their docs.
fn event_names(source: &str) -> Vec<(String, String, Vec<String>)> {
    let file = syn::parse_file(source).expect("event.rs parses");
    file.items
        .iter()
        .filter_map(|item| match item {
            syn::Item::Const(c) => match &*c.expr {
                syn::Expr::Lit(syn::ExprLit { lit: syn::Lit::Str(s), .. }) => {
                    Some((c.ident.to_string(), s.value(), doc(&c.attrs)))
                }
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn capability(commands: &[Command]) -> String {
    let mut permissions: Vec<String> =
        ["core:event:default", "core:webview:default", "core:window:default"].map(String::from).to_vec();
    permissions.extend(commands.iter().map(|c| format!("allow-{}", c.name.replace('_', "-"))));
    let list: Vec<String> = permissions.iter().map(|p| format!("    \"{p}\"")).collect();
    format!(
        r#"{{
  "$schema": "../../gen/schemas/desktop-schema.json",
  "identifier": "main",
  "description": "The main window: the app's own commands (generated by build.rs from commands.rs), events and drag-and-drop of a folder. No file system or shell access from the page: the backend reads the vault.",
  "windows": [
    "main"
  ],
  "permissions": [
{}
  ]
}}
"#,
        list.join(",\n")
    )
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn jsdoc(lines: &[String], indent: &str) -> String {
    match lines {
        [] => String::new(),
        [one] => format!("{indent}/** {one} */\n"),
        many => {
            let mut s = format!("{indent}/**\n");
            for l in many {
                let _ = writeln!(s, "{indent} * {l}");
            }
            s + &format!("{indent} */\n")
        }
    }
}

fn typescript(commands: &[Command], events: &[(String, String, Vec<String>)]) -> String {
    let mut types = std::collections::BTreeSet::new();
    for c in commands {
        for ty in c.args.iter().map(|(_, t)| t).chain([&c.returns]) {
            for word in ty.split(|ch: char| !ch.is_alphanumeric()) {
                if word.starts_with(|ch: char| ch.is_ascii_uppercase()) {
                    types.insert(word.to_string());
                }
            }
        }
    }
    let mut s =
        String::from("// Generated by src-tauri/build.rs from src-tauri/src/commands.rs and event.rs: do not edit.\n");
    for t in &types {
        let _ = writeln!(s, "import type {{ {t} }} from '../bindings/{t}';");
    }
    s.push_str("\n/** The backend's commands, one method each, as `src-tauri/src/commands.rs` declares them. */\n");
    s.push_str("export interface Commands {\n");
    for c in commands {
        s.push_str(&jsdoc(&c.doc, "  "));
        let params: Vec<String> = c.args.iter().map(|(n, t)| format!("{}: {t}", camel(n))).collect();
        let _ = writeln!(s, "  {}({}): Promise<{}>;", camel(&c.name), params.join(", "), c.returns);
    }
    s.push_str("}\n\n/** Calls a command of the backend (Tauri's `invoke`). */\n");
    s.push_str("export type Invoke = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;\n\n");
    s.push_str(
        "/** The commands over `invoke`. */\nexport function invokeCommands(invoke: Invoke): Commands {\n  return {\n",
    );
    for c in commands {
        let params: Vec<String> = c.args.iter().map(|(n, _)| camel(n)).collect();
        let args = if params.is_empty() { String::new() } else { format!(", {{ {} }}", params.join(", ")) };
        let _ = writeln!(s, "    {}: ({}) => invoke('{}'{args}),", camel(&c.name), params.join(", "), c.name);
    }
    s.push_str("  };\n}\n");
    for (name, value, doc) in events {
        s.push('\n');
        s.push_str(&jsdoc(doc, ""));
        let _ = writeln!(s, "export const {name} = '{value}';");
    }
    s
}
