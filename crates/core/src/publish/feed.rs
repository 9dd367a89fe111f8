//! The review days as a feed a phone subscribes to over the home network:
//! `webcal://<this computer>:<port>/<token>.ics`, for a student with no calendar account to give.
//! Read-only (GET only), behind an unguessable token (any other path is 404), small requests
//! only, and nothing but the calendar is ever served. A phone refreshes it only while it reaches
//! this computer (the same network, the app running).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, UdpSocket};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// The port the feed listens on unless the settings say otherwise.
pub const DEFAULT_PORT: u16 = 47_613;
/// Connections served at once; more wait for the listener (a phone asks once in hours).
const MAX_CONNECTIONS: usize = 8;
/// The longest request head read: the request line and headers of a calendar app.
const MAX_HEAD: u64 = 8 * 1024;

/// What the feed serves: the calendar text now, or `None` when there is none to give (no vault of
/// the student's own is open).
pub type Source = Arc<dyn Fn() -> Option<String> + Send + Sync>;

/// A running feed; stopped when dropped.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    listener: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Listens on `addr` and serves `source` at `/<token>.ics`.
    pub fn start(addr: SocketAddr, token: &str, source: Source) -> std::io::Result<Server> {
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let path = format!("/{token}.ics");
        let (flag, busy) = (Arc::clone(&stop), Arc::new(AtomicUsize::new(0)));
        let listener = std::thread::Builder::new().name("feed".into()).spawn(move || {
            for stream in listener.incoming() {
                if flag.load(Ordering::SeqCst) {
                    return;
                }
                let Ok(stream) = stream else { continue };
                if busy.load(Ordering::SeqCst) >= MAX_CONNECTIONS {
                    continue;
                }
                busy.fetch_add(1, Ordering::SeqCst);
                let (path, source, done) = (path.clone(), Arc::clone(&source), Arc::clone(&busy));
                let spawned = std::thread::Builder::new().name("feed-request".into()).spawn(move || {
                    let _ = serve(stream, &path, &source);
                    done.fetch_sub(1, Ordering::SeqCst);
                });
                if spawned.is_err() {
                    busy.fetch_sub(1, Ordering::SeqCst);
                }
            }
        })?;
        Ok(Server { addr, stop, listener: Some(listener) })
    }

    /// Where it listens.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the listener so it sees the flag.
        let ip = match self.addr.ip().is_unspecified() {
            true => std::net::Ipv4Addr::LOCALHOST.into(),
            false => self.addr.ip(),
        };
        let wake = SocketAddr::new(ip, self.addr.port());
        let _ = TcpStream::connect_timeout(&wake, Duration::from_millis(200));
        // The port is free once the listener is gone: a feed started again on it can bind.
        if let Some(listener) = self.listener.take() {
            let _ = listener.join();
        }
    }
}

/// Answers one request.
fn serve(stream: TcpStream, path: &str, source: &Source) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new((&stream).take(MAX_HEAD));
    let mut line = String::new();
    reader.read_line(&mut line)?;
    // The rest of the head, so the client is not cut off mid-request.
    let mut header = String::new();
    while reader.read_line(&mut header)? > 2 {
        header.clear();
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let target = target.split('?').next().unwrap_or("");
    let mut out = &stream;
    if method != "GET" {
        return respond(
            &mut out,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"GET only\n",
            &[("Allow", "GET")],
        );
    }
    if !tokens_equal(target, path) {
        return respond(&mut out, "404 Not Found", "text/plain; charset=utf-8", b"not found\n", &[]);
    }
    match source() {
        Some(text) => respond(
            &mut out,
            "200 OK",
            "text/calendar; charset=utf-8",
            text.as_bytes(),
            &[("Cache-Control", "no-cache"), ("Content-Disposition", "inline; filename=\"bokseup.ics\"")],
        ),
        None => respond(&mut out, "404 Not Found", "text/plain; charset=utf-8", b"not found\n", &[]),
    }
}

fn respond(out: &mut impl Write, status: &str, kind: &str, body: &[u8], extra: &[(&str, &str)]) -> std::io::Result<()> {
    let mut head =
        format!("HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (k, v) in extra {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

/// Compares a requested path with the secret one in time that does not depend on where they
/// differ, so the token cannot be guessed a character at a time.
fn tokens_equal(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// This computer's address on the local network (the interface of its default route), as a
/// phone on the same network reaches it; `None` when it is on no network.
pub fn local_address() -> Option<std::net::IpAddr> {
    // Connecting a UDP socket sends nothing; it only picks the interface a packet would leave by.
    let socket = UdpSocket::bind("0.0.0.0:0").ok()?;
    socket.connect("192.0.2.1:9").ok()?;
    let ip = socket.local_addr().ok()?.ip();
    (!ip.is_loopback() && !ip.is_unspecified()).then_some(ip)
}

/// The `webcal://` address a phone subscribes to.
pub fn url(host: &str, port: u16, token: &str) -> String {
    format!("webcal://{host}:{port}/{token}.ics")
}

/// A QR code of `text`: `size` modules a side, row by row, `true` for dark.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Qr {
    /// Modules a side.
    pub size: usize,
    /// Each module, row by row: dark or not.
    pub dark: Vec<bool>,
}

/// The QR code of `text` (medium error correction), or `None` if it is too long for one.
pub fn qr(text: &str) -> Option<Qr> {
    let code = qrcode::QrCode::with_error_correction_level(text.as_bytes(), qrcode::EcLevel::M).ok()?;
    let dark = code.to_colors().into_iter().map(|c| c == qrcode::Color::Dark).collect();
    Some(Qr { size: code.width(), dark })
}

/// Where the home-network feed stands, for the settings screen.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FeedStatus {
    /// The feed is switched on in the settings.
    pub on: bool,
    /// The address a phone subscribes to, while the feed is served.
    pub url: Option<String>,
    /// That address as a QR code for the phone's camera.
    pub qr: Option<Qr>,
    /// Why it is not served (the port taken, no network).
    pub error: Option<String>,
}

/// A new token: 128 bits of the caller's randomness as 32 hex digits.
pub fn token(random: [u8; 16]) -> String {
    random.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn get(addr: SocketAddr, request: &str) -> String {
        let mut s = TcpStream::connect(addr).unwrap();
        s.write_all(request.as_bytes()).unwrap();
        let mut out = String::new();
        s.read_to_string(&mut out).unwrap();
        out
    }

    #[test]
    fn the_feed_serves_its_token_path_by_get_only() {
        let token = token([7; 16]);
        let source: Source = Arc::new(|| Some("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".to_string()));
        let server = Server::start("127.0.0.1:0".parse().unwrap(), &token, source).unwrap();
        let ok = get(server.addr(), &format!("GET /{token}.ics HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert!(ok.starts_with("HTTP/1.1 200 OK\r\n") && ok.contains("Content-Type: text/calendar"), "{ok}");
        assert!(ok.ends_with("\r\n\r\nBEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"), "{ok}");
        let wrong = format!("GET /{}.ics HTTP/1.1\r\n\r\n", token.replace('7', "8"));
        assert!(get(server.addr(), &wrong).starts_with("HTTP/1.1 404"));
        assert!(get(server.addr(), "GET / HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        assert!(get(server.addr(), "GET /../../etc/passwd HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        let post = get(server.addr(), &format!("POST /{token}.ics HTTP/1.1\r\nContent-Length: 0\r\n\r\n"));
        assert!(post.starts_with("HTTP/1.1 405") && post.contains("Allow: GET"), "{post}");
        assert!(get(server.addr(), &format!("PUT /{token}.ics HTTP/1.1\r\n\r\n")).starts_with("HTTP/1.1 405"));
    }

    #[test]
    fn no_vault_no_feed_and_a_dropped_server_stops_listening() {
        let source: Source = Arc::new(|| None);
        let server = Server::start("127.0.0.1:0".parse().unwrap(), "t", source).unwrap();
        let addr = server.addr();
        assert!(get(addr, "GET /t.ics HTTP/1.1\r\n\r\n").starts_with("HTTP/1.1 404"));
        drop(server);
        assert!(TcpStream::connect(addr).is_err(), "nothing listens once dropped");
        let again = Server::start(addr, "u", Arc::new(|| Some(String::new()))).unwrap();
        assert_eq!(again.addr(), addr, "the same port at once");
    }

    #[test]
    fn tokens_urls_and_qr_codes() {
        assert_eq!(token([0xab; 16]).len(), 32);
        assert_eq!(url("192.168.0.7", 47613, "abc"), "webcal://192.168.0.7:47613/abc.ics");
        let code = qr(&url("192.168.0.7", 47613, &token([1; 16]))).unwrap();
        assert_eq!(code.dark.len(), code.size * code.size);
        assert!(code.size >= 21 && code.dark.iter().any(|d| *d) && code.dark.iter().any(|d| !*d));
        assert!(tokens_equal("/a.ics", "/a.ics") && !tokens_equal("/a.ics", "/b.ics") && !tokens_equal("/a", "/a.ics"));
    }
}
