//! Publishing the review days into the student's own calendar over CalDAV (RFC 4791): iCloud,
//! Naver, Nextcloud, Fastmail, Radicale. Events in a calendar the student owns keep their alarms on
//! every phone, which a subscribed feed does not.
//!
//! A publish finds the calendar (the URL itself, or a "복습" calendar in the account's calendar
//! home, made with MKCALENDAR when missing), lists what the server holds, and makes it hold
//! exactly the forecast: new days PUT (`If-None-Match: *`), changed days PUT over the ETag they
//! had (`If-Match`), days no longer due DELETEd (`If-Match`). Only this vault's day events are
//! ever changed; anything else in the calendar is left alone. Every step starts from what the
//! server says now, so a publish cut short (offline, server down) is mended by the next one.
//!
//! The password is used for the Authorization header and nothing else: it never reaches an error
//! message, a log or the store.

use crate::calendar::Event;
use crate::error::{Error, Remote, Result};
use std::time::Duration;

/// Where to publish and as whom.
#[derive(Clone)]
pub struct Account {
    /// The calendar collection's URL, or the server's (the calendar is then found or made).
    pub url: String,
    /// The account's user name (often the e-mail address).
    pub user: String,
    /// An app-specific password.
    pub password: String,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account").field("url", &self.url).field("user", &self.user).field("password", &"…").finish()
    }
}

/// What one publish did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Published {
    /// The calendar collection written to.
    pub calendar: String,
    /// Days put for the first time.
    pub created: usize,
    /// Days whose event changed.
    pub updated: usize,
    /// Days no longer due, removed.
    pub deleted: usize,
    /// Days already as they should be.
    pub unchanged: usize,
}

/// The calendar's name when the app makes it.
pub const CALENDAR_NAME: &str = "복습";
/// The calendar's path segment when the app makes it in the calendar home.
const CALENDAR_SEGMENT: &str = "bokseup/";
const TIMEOUT: Duration = Duration::from_secs(20);

/// Whether `url` can be a calendar server's address: `http(s)://` and a host.
pub fn is_web_address(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://")) && url.len() >= 10
}

/// Finds (or makes) the calendar and says where it is: the settings' "test connection".
pub fn check(account: &Account) -> Result<String> {
    Client::new(account)?.calendar()
}

/// Makes the calendar hold exactly `events`, touching only events whose UID `own` accepts.
pub fn publish(account: &Account, events: &[Event], own: impl Fn(&str) -> bool) -> Result<Published> {
    let client = Client::new(account)?;
    let calendar = client.calendar()?;
    let held = client.list(&calendar)?;
    let mut done = Published { calendar: calendar.clone(), ..Published::default() };
    let mut kept = std::collections::HashSet::new();
    for event in events {
        match held.iter().find(|h| h.uid.as_deref() == Some(event.uid.as_str())) {
            Some(h) if h.digest.as_deref() == Some(event.digest.as_str()) => done.unchanged += 1,
            Some(h) => {
                client.put(&h.href, &event.ics, Some(&h.etag))?;
                done.updated += 1;
            }
            None => {
                client.put(&join(&calendar, &event.file), &event.ics, None)?;
                done.created += 1;
            }
        }
        kept.insert(event.uid.as_str());
    }
    for h in &held {
        let Some(uid) = h.uid.as_deref() else { continue };
        if own(uid) && !kept.contains(uid) {
            client.delete(&h.href, &h.etag)?;
            done.deleted += 1;
        }
    }
    Ok(done)
}

/// One event the server holds.
#[derive(Debug)]
struct Held {
    href: String,
    etag: String,
    uid: Option<String>,
    digest: Option<String>,
}

struct Reply {
    status: u16,
    body: String,
}

struct Client<'a> {
    agent: ureq::Agent,
    account: &'a Account,
    auth: String,
}

impl<'a> Client<'a> {
    fn new(account: &'a Account) -> Result<Client<'a>> {
        if !is_web_address(account.url.trim()) {
            return Err(Error::Calendar(Remote::BadUrl(account.url.clone())));
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .allow_non_standard_methods(true)
            .timeout_global(Some(TIMEOUT))
            .user_agent(concat!("Bokseup/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        let auth = format!("Basic {}", base64(format!("{}:{}", account.user, account.password).as_bytes()));
        Ok(Client { agent, account, auth })
    }

    fn send(&self, method: &str, url: &str, headers: &[(&str, &str)], body: &str) -> Result<Reply> {
        let mut request = ureq::http::Request::builder().method(method).uri(url).header("Authorization", &self.auth);
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        let request = request.body(body.to_owned()).map_err(|_| Error::Calendar(Remote::BadUrl(url.to_owned())))?;
        let mut response = self.agent.run(request).map_err(|e| Error::Calendar(reach(e, &self.account.url)))?;
        let status = response.status().as_u16();
        let body = response.body_mut().with_config().limit(64 << 20).read_to_string().unwrap_or_default();
        if status == 401 {
            return Err(Error::Calendar(Remote::Unauthorized));
        }
        if status == 507 {
            return Err(Error::Calendar(Remote::Quota));
        }
        if status >= 500 {
            return Err(Error::Calendar(Remote::Server(status)));
        }
        Ok(Reply { status, body })
    }

    fn propfind(&self, url: &str, props: &str) -> Result<Reply> {
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?><d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop>{props}</d:prop></d:propfind>"#
        );
        self.send("PROPFIND", url, &[("Depth", "0"), ("Content-Type", "application/xml; charset=utf-8")], &body)
    }

    /// The calendar to write to: the URL when it is a calendar; else "복습" in the account's
    /// calendar home, made when missing; a URL nothing answers at is made a calendar.
    fn calendar(&self) -> Result<String> {
        let url = with_slash(self.account.url.trim());
        let props = "<d:resourcetype/><d:current-user-principal/><c:calendar-home-set/>";
        let reply = self.propfind(&url, props)?;
        match reply.status {
            207 => {}
            404 => return self.make(&url).map(|()| url),
            403 => return Err(Error::Calendar(Remote::Forbidden)),
            _ => return Err(Error::Calendar(Remote::NotCalDav(url))),
        }
        let doc = Multistatus::parse(&reply.body).ok_or_else(|| Error::Calendar(Remote::NotCalDav(url.clone())))?;
        if doc.has("resourcetype", CALDAV, "calendar") {
            return Ok(url);
        }
        let home = match doc.href_in("calendar-home-set") {
            Some(home) => home,
            None => {
                let principal = doc
                    .href_in("current-user-principal")
                    .ok_or_else(|| Error::Calendar(Remote::NotCalDav(url.clone())))?;
                let principal = resolve(&url, &principal);
                let reply = self.propfind(&principal, "<c:calendar-home-set/>")?;
                Multistatus::parse(&reply.body)
                    .and_then(|d| d.href_in("calendar-home-set"))
                    .ok_or_else(|| Error::Calendar(Remote::NotCalDav(url.clone())))?
            }
        };
        let calendar = join(&with_slash(&resolve(&url, &home)), CALENDAR_SEGMENT);
        let reply = self.propfind(&calendar, "<d:resourcetype/>")?;
        match reply.status {
            207 if Multistatus::parse(&reply.body).is_some_and(|d| d.has("resourcetype", CALDAV, "calendar")) => {
                Ok(calendar)
            }
            404 => self.make(&calendar).map(|()| calendar),
            _ => Err(Error::Calendar(Remote::NotCalDav(calendar))),
        }
    }

    /// MKCALENDAR named "복습" (RFC 4791 5.3.1).
    fn make(&self, url: &str) -> Result<()> {
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?><c:mkcalendar xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:set><d:prop><d:displayname>{CALENDAR_NAME}</d:displayname><c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop></d:set></c:mkcalendar>"#
        );
        let reply = self.send("MKCALENDAR", url, &[("Content-Type", "application/xml; charset=utf-8")], &body)?;
        match reply.status {
            200..=299 => Ok(()),
            403 => Err(Error::Calendar(Remote::Forbidden)),
            // Nothing there, and no calendar may be made there: a URL that is not the account's.
            404 | 405 | 409 => Err(Error::Calendar(Remote::NotFound(url.to_owned()))),
            s => Err(Error::Calendar(Remote::Unexpected { method: "MKCALENDAR", status: s })),
        }
    }

    /// Every event in the calendar with its ETag, UID and digest (a calendar-query REPORT).
    fn list(&self, calendar: &str) -> Result<Vec<Held>> {
        let body = r#"<?xml version="1.0" encoding="utf-8"?><c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav"><d:prop><d:getetag/><c:calendar-data/></d:prop><c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT"/></c:comp-filter></c:filter></c:calendar-query>"#;
        let reply =
            self.send("REPORT", calendar, &[("Depth", "1"), ("Content-Type", "application/xml; charset=utf-8")], body)?;
        if reply.status != 207 {
            return Err(Error::Calendar(Remote::Unexpected { method: "REPORT", status: reply.status }));
        }
        let doc =
            Multistatus::parse(&reply.body).ok_or_else(|| Error::Calendar(Remote::NotCalDav(calendar.to_owned())))?;
        Ok(doc
            .responses()
            .into_iter()
            .filter_map(|(href, props)| {
                let etag = props.get("getetag")?.clone();
                let data = props.get("calendar-data").cloned().unwrap_or_default();
                let unfolded = data.replace("\r\n ", "").replace("\n ", "");
                let value = |name: &str| {
                    unfolded.lines().find_map(|l| l.trim_end_matches('\r').strip_prefix(name).map(str::to_owned))
                };
                Some(Held {
                    href: resolve(calendar, &href),
                    etag,
                    uid: value("UID:"),
                    digest: value("X-BOKSEUP-DIGEST:"),
                })
            })
            .collect())
    }

    fn put(&self, url: &str, ics: &str, etag: Option<&str>) -> Result<()> {
        let condition = match etag {
            Some(etag) => ("If-Match", etag),
            None => ("If-None-Match", "*"),
        };
        let reply = self.send("PUT", url, &[("Content-Type", "text/calendar; charset=utf-8"), condition], ics)?;
        match reply.status {
            200..=299 => Ok(()),
            412 => Err(Error::Calendar(Remote::ChangedMeanwhile)),
            403 => Err(Error::Calendar(Remote::Forbidden)),
            s => Err(Error::Calendar(Remote::Unexpected { method: "PUT", status: s })),
        }
    }

    fn delete(&self, url: &str, etag: &str) -> Result<()> {
        let reply = self.send("DELETE", url, &[("If-Match", etag)], "")?;
        match reply.status {
            200..=299 | 404 => Ok(()),
            412 => Err(Error::Calendar(Remote::ChangedMeanwhile)),
            403 => Err(Error::Calendar(Remote::Forbidden)),
            s => Err(Error::Calendar(Remote::Unexpected { method: "DELETE", status: s })),
        }
    }
}

/// What a failure to reach the server was, in the user's terms.
fn reach(e: ureq::Error, url: &str) -> Remote {
    match e {
        ureq::Error::HostNotFound => Remote::NoSuchHost(host(url)),
        ureq::Error::BadUri(_) | ureq::Error::Http(_) => Remote::BadUrl(url.to_owned()),
        ureq::Error::Timeout(_) => Remote::Timeout(host(url)),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::ConnectionRefused => Remote::Refused(host(url)),
        // Over https, bytes that do not make sense are the secure connection failing (rustls
        // reports a bad certificate or a plain-HTTP answer this way).
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::InvalidData && url.starts_with("https://") => {
            Remote::Tls(io.to_string())
        }
        ureq::Error::Io(io) => Remote::Offline(format!("{}: {io}", host(url))),
        ureq::Error::Tls(detail) => Remote::Tls(detail.to_string()),
        ureq::Error::Rustls(detail) => Remote::Tls(detail.to_string()),
        ureq::Error::ConnectionFailed => Remote::Offline(host(url)),
        other => Remote::Offline(format!("{}: {other}", host(url))),
    }
}

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";

/// A WebDAV multistatus answer (RFC 4918 13), read as text: for each response its href and the
/// text of its properties found with a 2xx status.
struct Multistatus {
    responses: Vec<(String, std::collections::HashMap<String, String>)>,
    /// (property, namespace of a child, child's local name) seen in a 2xx propstat.
    marks: Vec<(String, String, String)>,
    /// Hrefs inside properties (principal, calendar home), by property.
    hrefs: Vec<(String, String)>,
}

impl Multistatus {
    fn parse(text: &str) -> Option<Multistatus> {
        let doc = roxmltree::Document::parse(text).ok()?;
        let root = doc.root_element();
        if !(root.tag_name().name() == "multistatus" && root.tag_name().namespace() == Some(DAV)) {
            return None;
        }
        let dav =
            |n: &roxmltree::Node, name: &str| n.tag_name().name() == name && n.tag_name().namespace() == Some(DAV);
        let mut out = Multistatus { responses: Vec::new(), marks: Vec::new(), hrefs: Vec::new() };
        for response in root.children().filter(|n| dav(n, "response")) {
            let href = response.children().find(|n| dav(n, "href")).and_then(|n| n.text()).unwrap_or_default();
            let mut props = std::collections::HashMap::new();
            for propstat in response.children().filter(|n| dav(n, "propstat")) {
                let ok = propstat
                    .children()
                    .find(|n| dav(n, "status"))
                    .and_then(|n| n.text())
                    .is_some_and(|s| s.split_whitespace().nth(1).is_some_and(|c| c.starts_with('2')));
                if !ok {
                    continue;
                }
                for prop in
                    propstat.children().filter(|n| dav(n, "prop")).flat_map(|p| p.children()).filter(|n| n.is_element())
                {
                    let name = prop.tag_name().name().to_owned();
                    for child in prop.children().filter(|n| n.is_element()) {
                        let ns = child.tag_name().namespace().unwrap_or_default().to_owned();
                        out.marks.push((name.clone(), ns, child.tag_name().name().to_owned()));
                        if dav(&child, "href") {
                            out.hrefs.push((name.clone(), child.text().unwrap_or_default().trim().to_owned()));
                        }
                    }
                    let text: String = prop.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
                    props.insert(name, text.trim_matches(|c: char| c == ' ' || c == '\t').to_owned());
                }
            }
            out.responses.push((percent_decoded(href.trim()), props));
        }
        Some(out)
    }

    fn has(&self, prop: &str, ns: &str, child: &str) -> bool {
        self.marks.iter().any(|(p, n, c)| p == prop && n == ns && c == child)
    }

    fn href_in(&self, prop: &str) -> Option<String> {
        self.hrefs.iter().find(|(p, h)| p == prop && !h.is_empty()).map(|(_, h)| percent_decoded(h))
    }

    fn responses(self) -> Vec<(String, std::collections::HashMap<String, String>)> {
        self.responses
    }
}

/// `href` (absolute, or a path on the server) made a full URL against `base`.
fn resolve(base: &str, href: &str) -> String {
    if href.starts_with("http://") || href.starts_with("https://") {
        return encoded_path(href);
    }
    let origin_end = base.find("://").map_or(0, |i| i + 3);
    let origin = &base[..base[origin_end..].find('/').map_or(base.len(), |i| origin_end + i)];
    match href.starts_with('/') {
        true => encoded_path(&format!("{origin}{href}")),
        false => encoded_path(&join(base, href)),
    }
}

fn join(base: &str, name: &str) -> String {
    format!("{}{name}", with_slash(base))
}

fn with_slash(url: &str) -> String {
    match url.ends_with('/') {
        true => url.to_owned(),
        false => format!("{url}/"),
    }
}

fn host(url: &str) -> String {
    let rest = url.split("://").nth(1).unwrap_or(url);
    rest.split('/').next().unwrap_or(rest).to_owned()
}

/// Percent-decodes an href (servers send `%EB%B3%B5…` for Korean names).
fn percent_decoded(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(a), Some(b)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((a * 16 + b) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}

/// A URL with the bytes a request line cannot carry (non-ASCII, spaces) percent-encoded.
fn encoded_path(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        match b {
            b'!'..=b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Standard base64 (RFC 4648 4), for the Authorization header.
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (*b as u32) << (16 - 8 * i));
        for i in 0..4 {
            match i <= chunk.len() {
                true => out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char),
                false => out.push('='),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc_4648_vectors() {
        for (plain, coded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), coded);
        }
        assert_eq!(base64("학생:비밀".as_bytes()), "7ZWZ7IOdOuu5hOuwgA==");
    }

    #[test]
    fn hrefs_resolve_against_the_server() {
        assert_eq!(resolve("https://a.example/dav/x/", "/dav/y/"), "https://a.example/dav/y/");
        assert_eq!(resolve("https://a.example/dav/x/", "z.ics"), "https://a.example/dav/x/z.ics");
        assert_eq!(resolve("https://a.example/dav/", "https://b.example/c/"), "https://b.example/c/");
        assert_eq!(resolve("http://127.0.0.1:5232/s/", "/s/복습/"), "http://127.0.0.1:5232/s/%EB%B3%B5%EC%8A%B5/");
        assert_eq!(percent_decoded("/s/%EB%B3%B5%EC%8A%B5/"), "/s/복습/");
        assert_eq!(host("https://caldav.icloud.com/123/"), "caldav.icloud.com");
    }

    #[test]
    fn a_multistatus_gives_hrefs_marks_and_texts() {
        let text = r#"<?xml version="1.0"?><multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
<response><href>/s/</href><propstat><prop><resourcetype><collection/></resourcetype>
<current-user-principal><href>/s/</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat>
<propstat><prop><C:calendar-home-set/></prop><status>HTTP/1.1 404 Not Found</status></propstat></response>
<response><href>/s/b/x.ics</href><propstat><prop><getetag>"e1"</getetag><C:calendar-data>BEGIN:VCALENDAR&#13;
UID:1</C:calendar-data></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>"#;
        let m = Multistatus::parse(text).unwrap();
        assert!(m.has("resourcetype", DAV, "collection"));
        assert!(!m.has("resourcetype", CALDAV, "calendar"));
        assert_eq!(m.href_in("current-user-principal").as_deref(), Some("/s/"));
        assert_eq!(m.href_in("calendar-home-set"), None, "a 404 propstat says nothing");
        let r = m.responses();
        assert_eq!(r[1].1["getetag"], "\"e1\"");
        assert!(r[1].1["calendar-data"].contains("UID:1"));
        assert!(Multistatus::parse("<html><body>login</body></html>").is_none());
    }

    #[test]
    fn the_password_is_never_printed() {
        let a = Account { url: "https://x.example/".into(), user: "me".into(), password: "hunter2".into() };
        assert!(!format!("{a:?}").contains("hunter2"));
    }
}
