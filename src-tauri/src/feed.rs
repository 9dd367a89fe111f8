//! The home-network feed of the running app: started, moved and stopped as the settings say,
//! serving the session's calendar (`Session::feed_text`) to a phone that subscribed to its
//! `webcal://` address. Its token comes from the system's randomness, here at the edge.

use bokseup_core::error::Error;
use bokseup_core::feed::{self, FeedStatus, Server, Source};
use bokseup_core::lang::tf;
use bokseup_core::session::Session;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use tauri::{AppHandle, Manager, Runtime};

/// The feed as it runs now.
#[derive(Default)]
pub struct Feed(Mutex<Running>);

#[derive(Default)]
struct Running {
    server: Option<Server>,
    port: u16,
    token: String,
    error: Option<String>,
}

/// 128 bits from the operating system's randomness; without it there is no safe token, and the
/// feed stays off.
pub fn random() -> Result<[u8; 16], Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| {
        Error::Invalid(tf(
            format!("이 시스템의 난수를 쓸 수 없어 주소를 만들지 못했습니다 ({e})"),
            format!("No system randomness to make the address with ({e})"),
        ))
    })?;
    Ok(bytes)
}

/// Starts, moves or stops the feed to match the settings (the app's start, a settings change, a
/// new token).
pub fn reconcile<R: Runtime>(app: &AppHandle<R>) {
    let Some(state) = app.try_state::<Feed>() else { return };
    let session = app.state::<Session>();
    let settings = session.settings();
    let mut running = state.0.lock().unwrap_or_else(|e| e.into_inner());
    if !settings.feed {
        *running = Running::default();
        return;
    }
    // The randomness is only drawn when the token is made; a kept token is used as it is.
    let token = match session.feed_token(random).map_err(|e| e.to_string()) {
        Ok(token) => token,
        Err(e) => {
            *running = Running { error: Some(e), ..Running::default() };
            return;
        }
    };
    if running.server.is_some() && running.port == settings.feed_port && running.token == token {
        return;
    }
    running.server = None;
    let handle = app.clone();
    let source: Source = Arc::new(move || {
        let session = handle.state::<Session>();
        session.feed_text(session.now())
    });
    let port = settings.feed_port;
    let addr = SocketAddr::new(Ipv4Addr::UNSPECIFIED.into(), port);
    *running = match Server::start(addr, &token, source) {
        Ok(server) => Running { server: Some(server), port, token, error: None },
        Err(e) => Running {
            error: Some(tf(
                format!("포트 {port}에서 휴대폰 구독을 열 수 없습니다 ({e}). 설정에서 다른 포트를 고르세요"),
                format!("Cannot serve the phone feed on port {port} ({e}). Choose another port in the settings"),
            )),
            ..Running::default()
        },
    };
}

/// Where the feed stands: its address and QR code while it is served.
pub fn status<R: Runtime>(app: &AppHandle<R>) -> FeedStatus {
    let on = app.state::<Session>().settings().feed;
    let Some(state) = app.try_state::<Feed>() else { return FeedStatus { on, url: None, qr: None, error: None } };
    let running = state.0.lock().unwrap_or_else(|e| e.into_inner());
    if running.server.is_none() {
        return FeedStatus { on, url: None, qr: None, error: running.error.clone() };
    }
    match feed::local_address() {
        Some(ip) => {
            let url = feed::url(&ip.to_string(), running.port, &running.token);
            FeedStatus { on, qr: feed::qr(&url), url: Some(url), error: None }
        }
        None => FeedStatus {
            on,
            url: None,
            qr: None,
            error: Some(tf(
                "이 컴퓨터가 네트워크에 연결되어 있지 않습니다. 휴대폰과 같은 와이파이에 연결하세요".to_string(),
                "This computer is on no network. Join the same Wi-Fi as the phone".to_string(),
            )),
        },
    }
}
