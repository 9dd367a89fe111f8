//! A note's Markdown as safe HTML for the review screen, with Obsidian's syntax: `![[image.png|400]]`
//! embeds resolved by file name anywhere in the vault (nearest first), `[[wikilinks]]` that open
//! the linked note in the app, `> [!important]` callouts, Notion toggles (a bullet with nested
//! bullets) as collapsible blocks, and tables.
//!
//! Notes are untrusted: the HTML is sanitized with ammonia (no scripts, no event handlers, no
//! styles), and images load only through the app's `vault:` protocol, never from the network.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd, TextMergeStream};
use std::collections::{HashMap, HashSet};

/// The files of a vault by name, to resolve `[[links]]` and `![[embeds]]` the way Obsidian does.
#[derive(Debug, Default, Clone)]
pub struct Links {
    by_name: HashMap<String, Vec<String>>,
}

impl Links {
    /// Indexes vault-relative, `/`-separated file paths (notes and attachments).
    pub fn new<'a>(paths: impl IntoIterator<Item = &'a str>) -> Links {
        let mut by_name: HashMap<String, Vec<String>> = HashMap::new();
        for path in paths {
            let name = path.rsplit('/').next().unwrap_or(path).to_lowercase();
            by_name.entry(name).or_default().push(path.to_string());
        }
        Links { by_name }
    }

    /// Resolves a link target (`image 39.png`, `AMI`, `폴더/AMI`, `AMI#heading`) seen from the note
    /// `from`: among the files of that name, the nearest to the note wins (same folder first, then
    /// the fewest folders apart, then the shortest path).
    pub fn resolve(&self, target: &str, from: &str) -> Option<&str> {
        let target = target.split(['#', '^']).next().unwrap_or(target).trim();
        if target.is_empty() {
            return None;
        }
        let name = target.rsplit('/').next().unwrap_or(target).to_lowercase();
        let candidates = self.by_name.get(&name).or_else(|| self.by_name.get(&format!("{name}.md")))?;
        let wanted_suffix = target.to_lowercase();
        let folder = from.rsplit_once('/').map_or("", |(dir, _)| dir);
        candidates
            .iter()
            .filter(|p| {
                let p = p.to_lowercase();
                p.ends_with(&wanted_suffix) || p.ends_with(&format!("{wanted_suffix}.md"))
            })
            .min_by_key(|p| (distance(folder, p), p.len(), p.as_str()))
            .map(String::as_str)
    }
}

/// Folders between `folder` and the folder of `path`.
fn distance(folder: &str, path: &str) -> usize {
    let a: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let b: Vec<&str> = path.rsplit_once('/').map_or("", |(d, _)| d).split('/').filter(|s| !s.is_empty()).collect();
    let common = a.iter().zip(&b).take_while(|(x, y)| x == y).count();
    (a.len() - common) + (b.len() - common)
}

/// The URL under which the app serves a vault file (see the shell's `vault:` protocol).
pub fn file_url(path: &str) -> String {
    let encoded: String = path
        .split('/')
        .map(|segment| {
            segment
                .bytes()
                .map(|b| match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
                    _ => format!("%{b:02X}"),
                })
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("/");
    format!("vault://localhost/{encoded}")
}

/// `url` if the app may hand it to the system browser: only `http`, `https` and `mailto` links,
/// never `file:`, `javascript:` or app schemes.
pub fn external_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once(':')?.0.to_ascii_lowercase();
    let ok =
        matches!(scheme.as_str(), "http" | "https") && url[scheme.len()..].starts_with("://") || scheme == "mailto";
    (ok && !url.contains(char::is_whitespace)).then_some(url)
}

/// The vault-relative path in a [`file_url`]'s path part (`/AWS/image%2039.png` → `AWS/image 39.png`).
pub fn path_from_url(url_path: &str) -> Option<String> {
    let bytes = url_path.trim_start_matches('/').as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// The MIME type of an image file the app shows, by extension; `None` for anything else, which the
/// `vault:` protocol never serves.
pub fn image_type(path: &str) -> Option<&'static str> {
    let ext = path.rsplit('.').next()?.to_lowercase();
    Some(match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "bmp" => "image/bmp",
        "avif" => "image/avif",
        "svg" => "image/svg+xml",
        _ => return None,
    })
}

const IMAGE_EXTENSIONS: [&str; 8] = ["png", "jpg", "jpeg", "gif", "webp", "bmp", "avif", "svg"];

/// Renders the Markdown `source` of the note `from` to sanitized HTML.
pub fn html(source: &str, from: &str, links: &Links) -> String {
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TASKLISTS;
    let events: Vec<Event> = TextMergeStream::new(Parser::new_ext(source, options)).collect();
    let events = toggles(callouts(obsidian_links(events, from, links)));
    let mut out = String::with_capacity(source.len() * 2);
    html::push_html(&mut out, events.into_iter());
    sanitize(&out)
}

/// Replaces `[[link]]` and `![[embed]]` in text (never in code) with links and images.
fn obsidian_links<'a>(events: Vec<Event<'a>>, from: &str, links: &Links) -> Vec<Event<'a>> {
    let mut out = Vec::with_capacity(events.len());
    let mut in_code = false;
    for event in events {
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                out.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                out.push(event);
            }
            Event::Text(text) if !in_code && text.contains("[[") => out.extend(split_links(&text, from, links)),
            other => out.push(other),
        }
    }
    out
}

fn split_links<'a>(text: &str, from: &str, links: &Links) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("[[") {
        let Some(close) = rest[open..].find("]]").map(|i| open + i) else { break };
        let embed = rest[..open].ends_with('!');
        let before = if embed { &rest[..open - 1] } else { &rest[..open] };
        if !before.is_empty() {
            out.push(Event::Text(CowStr::from(before.to_string())));
        }
        let inner = &rest[open + 2..close];
        let (target, label) = inner.split_once('|').map_or((inner, None), |(t, l)| (t, Some(l)));
        out.push(Event::Html(CowStr::from(link_html(target.trim(), label.map(str::trim), embed, from, links))));
        rest = &rest[close + 2..];
    }
    if !rest.is_empty() {
        out.push(Event::Text(CowStr::from(rest.to_string())));
    }
    out
}

fn link_html(target: &str, label: Option<&str>, embed: bool, from: &str, links: &Links) -> String {
    let resolved = links.resolve(target, from);
    let is_image = target.rsplit('.').next().is_some_and(|ext| IMAGE_EXTENSIONS.contains(&ext.to_lowercase().as_str()));
    if embed && is_image {
        let width = label.and_then(|l| l.split('x').next()).and_then(|w| w.trim().parse::<u32>().ok());
        let width = width.map_or_else(String::new, |w| format!(" width=\"{w}\""));
        return match resolved {
            Some(path) => format!("<img src=\"{}\" alt=\"{}\"{width}>", escape(&file_url(path)), escape(target)),
            None => format!("<span class=\"missing-embed\">🖼 {} (볼트에서 찾을 수 없음)</span>", escape(target)),
        };
    }
    let text = label.filter(|l| !l.is_empty() && !embed).unwrap_or(target);
    match resolved {
        Some(path) => format!("<a class=\"wikilink\" href=\"#\" data-note=\"{}\">{}</a>", escape(path), escape(text)),
        None => format!("<span class=\"wikilink unresolved\">{}</span>", escape(text)),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `> [!type] title` blockquotes become callouts: a titled box styled by type.
fn callouts(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    let mut out = Vec::with_capacity(events.len());
    let mut open: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Start(Tag::BlockQuote(_)) => {
                let marker = match (events.get(i + 1), events.get(i + 2)) {
                    (Some(Event::Start(Tag::Paragraph)), Some(Event::Text(t))) => callout_marker(t),
                    _ => None,
                };
                match marker {
                    Some((kind, title)) => {
                        out.push(Event::Html(CowStr::from(format!(
                            "<div class=\"callout callout-{kind}\" data-callout=\"{kind}\"><div class=\"callout-title\">{}</div>",
                            escape(&title)
                        ))));
                        open.push(true);
                        // The marker line is the title. Line breaks are events of their own, so
                        // the rest of the first paragraph starts after the break that follows it.
                        match events.get(i + 3) {
                            Some(Event::End(TagEnd::Paragraph)) => i += 4,
                            Some(Event::SoftBreak | Event::HardBreak) => {
                                out.push(Event::Start(Tag::Paragraph));
                                i += 4;
                            }
                            _ => {
                                out.push(Event::Start(Tag::Paragraph));
                                i += 3;
                            }
                        }
                        continue;
                    }
                    None => {
                        open.push(false);
                        out.push(events[i].clone());
                    }
                }
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                if open.pop() == Some(true) {
                    out.push(Event::Html(CowStr::from("</div>")));
                } else {
                    out.push(events[i].clone());
                }
            }
            other => out.push(other.clone()),
        }
        i += 1;
    }
    out
}

/// Reads the `[!type] title` line that opens a callout: (type, title).
fn callout_marker(line: &str) -> Option<(String, String)> {
    let inner = line.strip_prefix("[!")?;
    let close = inner.find(']')?;
    let kind: String = inner[..close].to_lowercase();
    if kind.is_empty() || !kind.chars().all(|c| c.is_alphanumeric() || c == '-') {
        return None;
    }
    let title = inner[close + 1..].trim_start_matches(['+', '-']).trim();
    let title = if title.is_empty() {
        let mut c = kind.chars();
        c.next().map(|f| f.to_uppercase().collect::<String>() + c.as_str()).unwrap_or_default()
    } else {
        title.to_string()
    };
    Some((kind, title))
}

/// A list item with nested items (a Notion toggle such as `전체 내용 접기`) becomes a collapsible
/// block, open by default.
fn toggles(events: Vec<Event<'_>>) -> Vec<Event<'_>> {
    // For each item start, whether a list is nested directly in it.
    let mut has_children = HashSet::new();
    let mut items: Vec<usize> = Vec::new();
    let mut lists_in_item: Vec<usize> = Vec::new();
    for (i, e) in events.iter().enumerate() {
        match e {
            Event::Start(Tag::Item) => {
                items.push(i);
                lists_in_item.push(0);
            }
            Event::End(TagEnd::Item) => {
                items.pop();
                lists_in_item.pop();
            }
            Event::Start(Tag::List(_)) => {
                if let (Some(item), Some(count)) = (items.last(), lists_in_item.last_mut()) {
                    if *count == 0 {
                        has_children.insert(*item);
                    }
                    *count += 1;
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::with_capacity(events.len() + has_children.len() * 3);
    let mut stack: Vec<(bool, bool)> = Vec::new(); // (toggle, summary closed)
    for (i, e) in events.into_iter().enumerate() {
        match &e {
            Event::Start(Tag::Item) => {
                let toggle = has_children.contains(&i);
                out.push(e);
                if toggle {
                    out.push(Event::Html(CowStr::from("<details open><summary>")));
                }
                stack.push((toggle, false));
            }
            Event::Start(Tag::List(_)) => {
                if let Some((true, closed @ false)) = stack.last_mut() {
                    out.push(Event::Html(CowStr::from("</summary>")));
                    *closed = true;
                }
                out.push(e);
            }
            Event::End(TagEnd::Item) => {
                if let Some((true, _)) = stack.pop() {
                    out.push(Event::Html(CowStr::from("</details>")));
                }
                out.push(e);
            }
            _ => out.push(e),
        }
    }
    out
}

fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_tags(["details", "summary", "img", "input"])
        .add_generic_attributes(["class"])
        .add_tag_attributes("a", ["data-note"])
        .add_tag_attributes("div", ["data-callout"])
        .add_tag_attributes("details", ["open"])
        .add_tag_attributes("img", ["src", "alt", "width"])
        .add_tag_attributes("input", ["type", "checked", "disabled"])
        .url_schemes(HashSet::from(["http", "https", "mailto", "vault"]))
        .link_rel(Some("noopener noreferrer"))
        .attribute_filter(|element, attribute, value| match (element, attribute) {
            // Images only from the vault: no remote loads, no tracking pixels.
            ("img", "src") if !value.starts_with("vault://localhost/") => None,
            ("input", "type") if value != "checkbox" => None,
            _ => Some(value.into()),
        })
        .clean(html)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links() -> Links {
        Links::new([
            "AWS/AMI.md",
            "AWS/attachments/image 39.png",
            "첨부/image 39.png",
            "attachments/Pasted image 20241029092656.png",
            "네트워크/DNS.md",
            "아카이브/네트워크/DNS.md",
        ])
    }

    /// The HTML without the newlines pulldown-cmark puts between blocks.
    fn flat(source: &str, from: &str) -> String {
        html(source, from, &links()).replace('\n', "")
    }

    #[test]
    fn embeds_resolve_nearest_first_with_width() {
        let out = html("![[image 39.png]] ![[Pasted image 20241029092656.png|400]]", "AWS/AMI.md", &links());
        assert!(out.contains(r#"src="vault://localhost/AWS/attachments/image%2039.png""#), "{out}");
        assert!(out.contains(r#"src="vault://localhost/attachments/Pasted%20image%2020241029092656.png" alt="Pasted image 20241029092656.png" width="400""#), "{out}");
        let from_elsewhere = html("![[image 39.png]]", "첨부/노트.md", &links());
        assert!(from_elsewhere.contains("vault://localhost/%EC%B2%A8%EB%B6%80/image%2039.png"), "{from_elsewhere}");
    }

    #[test]
    fn urls_round_trip() {
        for path in ["AWS/image 39.png", "첨부/Pasted image 2024.png", "a%b/c#d?.png"] {
            let url = file_url(path);
            let url_path = url.strip_prefix("vault://localhost").unwrap();
            assert_eq!(path_from_url(url_path).as_deref(), Some(path));
        }
        assert_eq!(path_from_url("/%ZZ"), None);
        assert_eq!(image_type("a/B.PNG"), Some("image/png"));
        assert_eq!(image_type("a/노트.md"), None);
    }

    #[test]
    fn only_web_and_mail_links_leave_the_app() {
        assert_eq!(
            external_url("https://docs.aws.amazon.com/ko_kr/AWSEC2/"),
            Some("https://docs.aws.amazon.com/ko_kr/AWSEC2/")
        );
        assert_eq!(external_url("mailto:me@example.com"), Some("mailto:me@example.com"));
        for bad in [
            "file:///etc/passwd",
            "javascript:alert(1)",
            "vault://localhost/a.png",
            "https:/x",
            "#",
            "http://a b",
            "smb://host/share",
        ] {
            assert_eq!(external_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn missing_embeds_say_so() {
        let out = html("![[없는 그림.png]]", "a.md", &links());
        assert!(out.contains("없는 그림.png") && out.contains("missing-embed") && !out.contains("<img"), "{out}");
    }

    #[test]
    fn wikilinks_point_at_notes() {
        let out = flat("[[AWS]] [[AMI]] [[DNS|도메인]]", "네트워크/TCP.md");
        assert!(out.contains(r#"<span class="wikilink unresolved">AWS</span>"#), "{out}");
        assert!(out.contains(r#"data-note="AWS/AMI.md" rel="noopener noreferrer">AMI</a>"#), "{out}");
        // Two DNS notes: the one in the linking note's own folder wins.
        assert!(out.contains(r#"data-note="네트워크/DNS.md" rel="noopener noreferrer">도메인</a>"#), "{out}");
    }

    #[test]
    fn code_keeps_brackets() {
        let out = html("`[[AMI]]`\n\n```\n[[AMI]]\n```\n", "a.md", &links());
        assert!(!out.contains("wikilink"), "{out}");
        assert_eq!(out.matches("[[AMI]]").count(), 2);
    }

    #[test]
    fn callouts() {
        let out = html("> [!important]  \n> ", "a.md", &links());
        assert!(out.contains(r#"<div class="callout callout-important" data-callout="important"><div class="callout-title">Important</div></div>"#), "{out}");
        let out = flat("> [!tip] 기억하기\n> 본문 줄\n", "a.md");
        assert!(out.contains(r#"<div class="callout-title">기억하기</div><p>본문 줄</p></div>"#), "{out}");
        let plain = html("> 인용\n", "a.md", &links());
        assert!(plain.contains("<blockquote>") && !plain.contains("callout"), "{plain}");
    }

    #[test]
    fn toggles_collapse() {
        let out = flat("- 전체 내용 접기\n    - 안쪽\n        - 더 안쪽\n- 그냥 항목\n", "a.md");
        assert!(out.contains(r#"<li><details open=""><summary>전체 내용 접기</summary><ul>"#), "{out}");
        assert!(out.contains("<li>그냥 항목</li>"), "{out}");
        assert_eq!(out.matches("<details").count(), 2);
    }

    #[test]
    fn tables() {
        let out = html("|  |  |\n| --- | --- |\n| a | b |\n", "a.md", &links());
        assert!(out.contains("<table>") && out.contains("<td>a</td>"), "{out}");
    }

    #[test]
    fn untrusted_html_is_sanitized() {
        let evil = "<script>alert(1)</script><img src=x onerror=alert(1)><a href=\"javascript:alert(1)\">x</a>\
                    <img src=\"https://tracker.example/p.gif\"><iframe src=\"https://x\"></iframe><div style=\"position:fixed\">s</div>";
        let out = html(evil, "a.md", &links());
        for bad in ["<script", "onerror", "javascript:", "tracker.example", "<iframe", "style="] {
            assert!(!out.contains(bad), "{bad} survived: {out}");
        }
    }

    #[test]
    fn seed_note_renders() {
        let seed = include_str!("../../../../tests/fixtures/variations/AMI.md");
        let body = crate::frontmatter::split(seed).unwrap().body;
        let out = html(body, "AWS/AMI.md", &links()).replace('\n', "");
        assert!(out.contains("<h3>단서 질문</h3>"));
        assert!(out.contains(r#"<details open=""><summary>전체 내용 접기</summary>"#), "{out}");
        assert!(out.contains("image%2039.png"));
        assert!(out.contains("callout-important"));
    }
}
