//! Updates, through the app's own commands on Tauri's mock runtime, against a real HTTP server
//! holding a `latest.json` as the release workflow publishes it, signed with a key made here
//! (minisign, as `tauri signer` makes them): a newer release is found with its date and notes,
//! the same version is none, a server that is down or has no file for this system says so; a
//! download whose signature does not match is refused, and one that matches is checked before
//! this `.deb`-style installation declines to replace itself. A build without a key looks for
//! nothing.

use base64::Engine as _;
use bokseup_app::{app, context, Desktop};
use bokseup_cli::Launch;
use serde_json::{json, Value};
use std::io::{Read as _, Write as _};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use tauri::test::{mock_builder, MockRuntime};

mod ipc;
use ipc::invoke as call;

/// The files a server holds: each path with its bytes.
type Files = Arc<Mutex<Vec<(String, Vec<u8>)>>>;

/// A release server: each path answers the bytes it is given; any other path 404.
#[derive(Clone, Default)]
struct Server {
    files: Files,
}

impl Server {
    fn start(&self) -> u16 {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let files = self.files.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let mut stream = stream;
                let mut request = Vec::new();
                let mut buf = [0u8; 4096];
                while !request.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => request.extend_from_slice(&buf[..n]),
                    }
                }
                let line = String::from_utf8_lossy(&request).lines().next().unwrap_or("").to_string();
                let path = line.split(' ').nth(1).unwrap_or("").to_string();
                let found = files.lock().unwrap().iter().find(|(p, _)| *p == path).map(|(_, b)| b.clone());
                let (status, body) = match found {
                    Some(body) => ("200 OK", body),
                    None => ("404 Not Found", b"not found".to_vec()),
                };
                let head = format!("HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len());
                let _ = stream.write_all(head.as_bytes());
                let _ = stream.write_all(&body);
            }
        });
        port
    }

    fn put(&self, path: &str, body: Vec<u8>) {
        let mut files = self.files.lock().unwrap();
        files.retain(|(p, _)| p != path);
        files.push((path.to_string(), body));
    }
}

/// A signing key as `tauri signer generate` makes one: the public key for tauri.conf.json and a
/// way to sign, both base64 of minisign's text forms.
struct Key {
    pair: minisign::KeyPair,
}

impl Key {
    fn new() -> Key {
        Key { pair: minisign::KeyPair::generate_unencrypted_keypair().unwrap() }
    }

    fn public(&self) -> String {
        base64::engine::general_purpose::STANDARD.encode(self.pair.pk.to_box().unwrap().to_string())
    }

    fn sign(&self, data: &[u8]) -> String {
        let signature =
            minisign::sign(Some(&self.pair.pk), &self.pair.sk, std::io::Cursor::new(data), Some("Bokseup"), None)
                .unwrap();
        base64::engine::general_purpose::STANDARD.encode(signature.to_string())
    }
}

fn invoke(window: &tauri::WebviewWindow<MockRuntime>, cmd: &str) -> Result<Value, Value> {
    call(window, cmd, json!({}))
}

/// The app speaks one language per process: these tests take turns, each in Korean.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// The app on the mock runtime, its updater configured with `updater` (none: as built here).
fn app_with(
    updater: Option<Value>,
    dir: &std::path::Path,
) -> (tauri::App<MockRuntime>, tauri::WebviewWindow<MockRuntime>) {
    let mut context = context::<MockRuntime>();
    match updater {
        Some(config) => drop(context.config_mut().plugins.0.insert("updater".into(), config)),
        None => assert_eq!(
            context.config().plugins.0.get("updater"),
            Some(&json!({ "pubkey": "", "endpoints": [] })),
            "tauri.conf.json leaves the key and the address to the release workflow"
        ),
    }
    let launch = Launch { data: Some(dir.join("data")), ..Launch::default() };
    let mut app = app(mock_builder(), launch, Desktop::Apart).build(context).expect("the app builds");
    #[allow(deprecated)]
    app.run_iteration(|_, _| {});
    let window = tauri::Manager::get_webview_window(&app, "main").unwrap();
    // The messages below are the Korean ones, whatever this machine's LANG.
    let mut settings = invoke(&window, "settings").unwrap();
    settings["language"] = json!("ko");
    call(&window, "save_settings", json!({ "settings": settings })).unwrap();
    (app, window)
}

fn target() -> String {
    let os = if cfg!(target_os = "linux") {
        "linux"
    } else if cfg!(target_os = "macos") {
        "darwin"
    } else {
        "windows"
    };
    format!("{os}-{}", std::env::consts::ARCH)
}

fn message(failure: Value) -> String {
    failure["message"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_release_build_finds_checks_and_refuses_what_does_not_hold() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let key = Key::new();
    let server = Server::default();
    let port = server.start();
    let base = format!("http://127.0.0.1:{port}");
    let bundle = b"the new AppImage's bytes".repeat(1000);
    let manifest = |version: &str, signature: &str, platform: &str| {
        json!({
            "version": version,
            "notes": "복습 알림이 휴대폰에도 옵니다",
            "pub_date": "2026-12-01T09:00:00Z",
            "platforms": { platform: { "signature": signature, "url": format!("{base}/Bokseup_{version}.AppImage") } }
        })
        .to_string()
        .into_bytes()
    };
    server.put("/Bokseup_0.2.0.AppImage", bundle.clone());
    server.put("/latest.json", manifest("0.2.0", &key.sign(&bundle), &target()));
    let config = json!({ "pubkey": key.public(), "endpoints": [format!("{base}/latest.json")] });
    let (_app, window) = app_with(Some(config), dir.path());

    let found = invoke(&window, "check_update").expect("the check answers");
    assert_eq!(found["current"], "0.1.0");
    assert_eq!(found["configured"], true);
    assert_eq!(
        found["available"],
        json!({ "version": "0.2.0", "date": "2026-12-01", "notes": "복습 알림이 휴대폰에도 옵니다" })
    );

    // A download signed by another key is refused before anything is installed.
    server.put("/latest.json", manifest("0.2.0", &Key::new().sign(&bundle), &target()));
    let forged = invoke(&window, "install_update").expect_err("a forged signature");
    assert!(message(forged.clone()).contains("서명이 이 앱의 키와 맞지 않아"), "{forged}");
    // The right signature holds; this installation (not an AppImage) then declines to replace
    // itself and says where the new version is.
    server.put("/latest.json", manifest("0.2.0", &key.sign(&bundle), &target()));
    if cfg!(target_os = "linux") {
        let declined = invoke(&window, "install_update").expect_err("a .deb does not replace itself");
        let said = message(declined.clone());
        assert!(said.starts_with("0.2.0은(는) 확인했지만") && said.contains("새 .deb"), "{declined}");
    }

    server.put("/latest.json", manifest("0.1.0", &key.sign(&bundle), &target()));
    assert_eq!(invoke(&window, "check_update").unwrap()["available"], Value::Null, "the same version is no update");

    server.put("/latest.json", manifest("0.3.0", &key.sign(&bundle), "plan9-mips"));
    let other = invoke(&window, "check_update").expect_err("no file for this system");
    assert!(message(other.clone()).contains("이 시스템") && message(other.clone()).contains(&target()), "{other}");

    server.put("/latest.json", b"<html>maintenance</html>".to_vec());
    let broken = invoke(&window, "check_update").expect_err("not a release manifest");
    assert!(message(broken.clone()).contains("업데이트"), "{broken}");
}

#[test]
fn a_server_that_is_down_says_so() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let closed = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let config =
        json!({ "pubkey": Key::new().public(), "endpoints": [format!("http://127.0.0.1:{closed}/latest.json")] });
    let (_app, window) = app_with(Some(config), dir.path());
    let down = invoke(&window, "check_update").expect_err("nobody answers");
    assert!(message(down.clone()).contains("업데이트 정보를 받지 못했습니다"), "{down}");
}

#[test]
fn a_build_without_a_key_looks_for_nothing() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let (_app, window) = app_with(None, dir.path());
    let check = invoke(&window, "check_update").unwrap();
    let installable = cfg!(not(target_os = "linux"));
    assert_eq!(
        check,
        json!({ "current": "0.1.0", "configured": false, "installable": installable, "available": null })
    );
    let refused = invoke(&window, "install_update").expect_err("nothing to install from");
    assert!(message(refused.clone()).contains("직접 빌드한 앱"), "{refused}");
}
