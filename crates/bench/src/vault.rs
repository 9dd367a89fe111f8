//! A deterministic synthetic vault of Korean study notes, the workload of the bench kit's
//! `gen_vault.py` written anew: about 79% review notes with the template's frontmatter (a share
//! with the real-vault variations of REVIEW-MODEL.md section 4), about 20% plain notes, about 1%
//! broken files, an attachments folder of tiny PNGs, and what a scan must skip (`.obsidian/`,
//! `.trash/`, a file named `.md`). The same arguments give the same bytes.

use crate::Error;
use chrono::{Days, NaiveDate};
use std::fs;
use std::path::{Path, PathBuf};

/// Bumped whenever the output changes, so cached vaults are made again.
pub const VERSION: &str = "bokseup-bench vault v2";

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    pub notes: usize,
    pub seed: u64,
    pub today: NaiveDate,
    /// The share of review notes with real-vault variations.
    pub variants: f64,
}

/// What was generated, by kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Made {
    pub review: usize,
    pub plain: usize,
    pub broken: usize,
    pub bytes: u64,
}

/// splitmix64: small, fast, and the same on every machine (the UI tests' fixture draws from it
/// too).
pub(crate) struct Random(pub(crate) u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

struct Subject {
    name: &'static str,
    books: &'static [(&'static str, &'static str)],
    concepts: &'static [&'static str],
}

const SUBJECTS: &[Subject] = &[
    Subject {
        name: "AWS",
        books: &[
            ("Ultimate AWS Certified SysOps Administrator Associate 2024", "SysOps 2024"),
            ("Ultimate AWS Certified Solutions Architect Associate SAA-C03", "SAA-C03"),
            ("아마존 웹 서비스 AWS Discovery Book", "AWS Discovery Book"),
        ],
        concepts: &[
            "AMI",
            "EC2",
            "EBS",
            "EFS",
            "S3",
            "IAM",
            "VPC",
            "CloudWatch",
            "Auto Scaling",
            "ELB",
            "Route 53",
            "RDS",
            "Lambda",
            "SQS",
            "KMS",
            "보안 그룹",
            "NAT Gateway",
        ],
    },
    Subject {
        name: "네트워크",
        books: &[
            ("컴퓨터 네트워킹 하향식 접근 8판", "하향식 접근"),
            ("그림으로 배우는 네트워크 원리", "그림 네트워크"),
        ],
        concepts: &[
            "TCP",
            "UDP",
            "IP 주소",
            "서브넷 마스크",
            "라우팅",
            "ARP",
            "DNS",
            "DHCP",
            "HTTP",
            "TLS 핸드셰이크",
            "흐름 제어",
            "혼잡 제어",
            "OSI 7계층",
            "소켓",
        ],
    },
    Subject {
        name: "운영체제",
        books: &[
            ("운영체제 아주 쉬운 세 가지 이야기", "OSTEP"),
            ("혼자 공부하는 컴퓨터 구조+운영체제", "혼공 운영체제"),
        ],
        concepts: &[
            "프로세스",
            "스레드",
            "스케줄링",
            "페이징",
            "가상 메모리",
            "세마포어",
            "교착 상태",
            "파일 시스템",
            "TLB",
            "인터럽트",
        ],
    },
    Subject {
        name: "자료구조",
        books: &[("알고리즘 문제 해결 전략", "종만북"), ("이것이 자료구조다", "이것이 자료구조")],
        concepts: &["해시 테이블", "B-트리", "힙", "트라이", "세그먼트 트리", "그래프", "유니온 파인드", "스택", "큐"],
    },
    Subject {
        name: "데이터베이스",
        books: &[("데이터베이스 개론", "DB 개론")],
        concepts: &["정규화", "트랜잭션", "인덱스", "조인", "격리 수준", "MVCC", "샤딩", "복제"],
    },
];

const SENTENCES: &[&str] = &[
    "이 개념은 시험에 자주 나오므로 정의와 예시를 함께 기억해야 합니다.",
    "핵심은 무엇을 왜 나누는지, 그리고 나눈 뒤에 무엇을 얻는지입니다.",
    "실습에서 직접 설정해 보면 기본값이 어떻게 동작하는지 바로 보입니다.",
    "비슷한 개념과 비교해서 표로 정리해 두면 복습할 때 훨씬 빠릅니다.",
    "Amazon Machine Image처럼 미리 준비된 것을 쓰면 부팅과 설정이 빨라집니다.",
    "The default behaviour changes between versions, so check the documentation.",
    "강의 슬라이드의 그림을 다시 보면서 흐름을 따라가 보세요.",
    "예외 상황에서 어떤 일이 일어나는지 한 번 더 확인해 둡니다.",
];

const QUESTIONS: &[&str] = &[
    "{c}가 뭐야?",
    "{c}는 왜 필요할까?",
    "{c}의 동작 방식",
    "{c}와 비슷한 개념과의 차이",
    "{c}를 설정하는 방법",
    "{c}의 장단점",
];

fn day_text(d: NaiveDate, style: usize) -> String {
    use chrono::Datelike;
    match style {
        0 => d.format("%Y-%m-%d").to_string(),
        1 => d.format("%Y/%m/%d").to_string(),
        2 => d.format("%Y.%m.%d").to_string(),
        3 => format!("@{}년 {}월 {}일", d.year(), d.month(), d.day()),
        _ => format!("{}년 {}월 {}일", d.year(), d.month(), d.day()),
    }
}

/// One review note's frontmatter and body.
fn review_note(r: &mut Random, s: &Subject, book: &str, concept: &str, today: NaiveDate, variant: bool) -> String {
    let age = r.below(200) as u64;
    let day0 = today.checked_sub_days(Days::new(age)).unwrap_or(today);
    let plus = |n: u64| day0.checked_add_days(Days::new(n)).unwrap_or(day0);
    let started = !(variant && r.chance(0.15));
    let keeps_up = r.chance(0.6);
    let mut flags = [false; 5];
    for (i, offset) in [1u64, 4, 7, 14].iter().enumerate() {
        flags[i] = started && age > *offset + if keeps_up { 0 } else { r.below(10) as u64 };
    }
    flags[4] = started && age > 60 && r.chance(0.3);
    let done = flags[..4].iter().filter(|f| **f).count();
    let label = if flags[4] {
        "장기기억"
    } else {
        ["1일 복습", "4일 복습", "7일 복습", "14일 복습", "추가 복습"][done]
    };
    let mut fm = Vec::new();
    let date_style = if variant { r.below(5) } else { 0 };
    if started && !(variant && r.chance(0.2)) {
        fm.push(format!(
            "⭕첫 학습날: {}",
            if date_style == 0 { day_text(day0, 0) } else { format!("\"{}\"", day_text(day0, date_style)) }
        ));
    }
    fm.push(format!("⭕과목: {}", s.name));
    fm.push(format!("⭕교재: {book}"));
    let keys = ["❤1일복습여부", "🧡4일복습여부", "💛7일복습여부", "💚14일복습여부", "🧠장기기억"];
    for (key, flag) in keys.iter().zip(flags) {
        if variant && r.chance(0.1) {
            continue; // a missing flag key counts as false
        }
        fm.push(format!("{key}: {flag}"));
    }
    fm.push(format!("복습: {}", if variant && r.chance(0.3) { "장기기억" } else { label }));
    if started {
        fm.push(format!("🛑첫날: \"✏첫날 : {}\"", day_text(day0, 1)));
        fm.push(format!("🛑4일후: \"🥉4일뒤 : {}\"", day_text(plus(4), 1)));
        fm.push(format!("🛑7일후: \"🥈7일뒤 : {}\"", day_text(plus(7), 1)));
        fm.push(format!("🛑14일후: \"🥇14일뒤 : {}\"", day_text(plus(14), 1)));
        fm.push(format!("4일후: \"{}\"", day_text(plus(4), 3)));
        fm.push(format!("4일후(text): {}", day_text(plus(4), 1)));
        fm.push(format!("첫학습날text: {}", day_text(day0, 1)));
    } else {
        fm.push("🛑첫날: \"✏첫날 :\"".into());
    }
    fm.push(format!("오늘과 첫학습날 사이: \"{age}\""));
    fm.push(format!("\"1일차복습여부1,0\": \"{}\"", u8::from(flags[0])));
    fm.push(format!("학습률: \"{:.1}\"", done as f64 / 5.0));
    let cells = done * 2;
    fm.push(format!("진행바: {}{} {}%", "🟩".repeat(cells), "⬜".repeat(10 - cells), cells * 10));
    if variant && r.chance(0.3) {
        fm.push("tags:\n  - 복습\n  - 시험".into());
        fm.push("aliases: []".into());
    }
    let mut out = format!("---\n{}\n---\n[[{}]] [[{book}]] [[{concept}]]\n\n### 단서 질문\n\n", fm.join("\n"), s.name);
    for _ in 0..3 + r.below(6) {
        let q = r.pick(QUESTIONS).replace("{c}", concept);
        out.push_str(&format!("- {q}\n    - {}\n", r.pick(SENTENCES)));
    }
    out.push_str("\n### 핵심 필기\n\n");
    for _ in 0..12 + r.below(90) {
        match r.below(6) {
            0 => out.push_str(&format!("![[image {}.png]]\n\n", 1 + r.below(16))),
            1 => out.push_str(&format!("> [!important]\n> {}\n\n", r.pick(SENTENCES))),
            2 => out.push_str(&format!("- **{concept}**: {}\n", r.pick(SENTENCES))),
            _ => out.push_str(&format!("{} {}\n\n", r.pick(SENTENCES), r.pick(SENTENCES))),
        }
    }
    out.push_str("\n### 요약\n\n");
    out.push_str(r.pick::<&str>(SENTENCES));
    out.push('\n');
    out
}

fn plain_note(r: &mut Random, concept: &str) -> String {
    let mut out = String::new();
    if r.chance(0.5) {
        out.push_str("---\ntags: [메모]\n---\n");
    }
    out.push_str(&format!("# {concept} 메모\n\n"));
    for _ in 0..2 + r.below(12) {
        out.push_str(r.pick::<&str>(SENTENCES));
        out.push_str("\n\n");
    }
    out
}

fn broken_note(r: &mut Random, kind: usize, concept: &str) -> Vec<u8> {
    let good = "⭕첫 학습날: 2024-10-01\n⭕과목: 네트워크\n❤1일복습여부: true\n🧡4일복습여부: false\n";
    match kind {
        0 => format!("---\n{good}⭕교재: [닫히지 않은 목록\n---\n{concept}\n").into_bytes(),
        1 => format!("---\n{good}\n{concept} 본문이 이어지는데 닫는 줄이 없습니다\n").into_bytes(),
        2 => {
            // Not UTF-8: the same text in CP949 would be; a few invalid bytes stand for it.
            let mut b = b"---\n\xb0\xfa\xb8\xf1: \xb3\xd7\xc6\xae\xbf\xf6\xc5\xa9\n---\n".to_vec();
            b.extend_from_slice(concept.as_bytes());
            b
        }
        3 => format!("\u{feff}---\n{good}---\n{concept} (BOM)\n").into_bytes(),
        4 => format!("---\n{good}---\n{concept} (CRLF)\n").replace('\n', "\r\n").into_bytes(),
        _ => {
            let _ = r.next();
            Vec::new()
        }
    }
}

/// A PNG of one pixel, with `n` in its colour so the files differ.
fn png(n: u8) -> Vec<u8> {
    // Fixed bytes of a valid 1×1 RGB PNG; the colour byte sits inside the IDAT data, and the
    // CRC is not checked by anything here.
    let mut b = vec![
        0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1,
        8, 2, 0, 0, 0, 0x90, 0x77, 0x53, 0xde,
    ];
    b.extend_from_slice(&[
        0, 0, 0, 0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, n, 0, 0, 0, 0x03, 0, 0x01, 0, 0, 0, 0,
    ]);
    b.extend_from_slice(&[0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);
    b
}

fn write(path: &Path, bytes: &[u8], made: &mut Made) -> Result<(), Error> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::Io(dir.to_path_buf(), e))?;
    }
    fs::write(path, bytes).map_err(|e| Error::Io(path.to_path_buf(), e))?;
    made.bytes += bytes.len() as u64;
    Ok(())
}

/// Writes the vault into `out` (made new; an existing one is replaced).
pub fn generate(out: &Path, spec: &Spec) -> Result<Made, Error> {
    if out.exists() {
        fs::remove_dir_all(out).map_err(|e| Error::Io(out.to_path_buf(), e))?;
    }
    let mut r = Random(spec.seed ^ 0x626f_6b73_6575_7031);
    let mut made = Made::default();
    let mut names = std::collections::HashSet::new();
    for i in 0..spec.notes {
        let s = r.pick(SUBJECTS);
        let (book, folder) = *r.pick(s.books);
        let concept = *r.pick(s.concepts);
        let mut name = format!("{concept}.md");
        let mut k = 2;
        let dir: PathBuf = [s.name, folder].iter().collect();
        while !names.insert(dir.join(&name)) {
            name = format!("{concept} {k}.md");
            k += 1;
        }
        let path = out.join(&dir).join(&name);
        let roll = r.below(1000);
        if roll < 10 {
            let bytes = broken_note(&mut r, i % 6, concept);
            write(&path, &bytes, &mut made)?;
            made.broken += 1;
        } else if roll < 210 {
            write(&path, plain_note(&mut r, concept).as_bytes(), &mut made)?;
            made.plain += 1;
        } else {
            let variant = r.chance(spec.variants);
            write(&path, review_note(&mut r, s, book, concept, spec.today, variant).as_bytes(), &mut made)?;
            made.review += 1;
        }
    }
    for n in 1..=16u8 {
        write(&out.join("attachments").join(format!("image {n}.png")), &png(n), &mut made)?;
    }
    write(&out.join(".obsidian/app.json"), b"{\"attachmentFolderPath\": \"attachments\"}\n", &mut made)?;
    write(&out.join(".trash/지운 노트.md"), b"---\n\xe2\xad\x95\xea\xb3\xbc\xeb\xaa\xa9: AWS\n---\n", &mut made)?;
    write(&out.join(".md"), b"not a note\n", &mut made)?;
    write(&out.join(".bench-version"), VERSION.as_bytes(), &mut made)?;
    Ok(made)
}

/// Whether `out` holds a vault of this generator version (made with the same spec by the caller's
/// naming), so it can be used as it is.
pub fn is_current(out: &Path) -> bool {
    fs::read(out.join(".bench-version")).is_ok_and(|v| v == VERSION.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(notes: usize) -> Spec {
        Spec { notes, seed: 7, today: NaiveDate::from_ymd_opt(2024, 10, 27).unwrap(), variants: 0.1 }
    }

    fn digest(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
        let mut files = Vec::new();
        let mut todo = vec![dir.to_path_buf()];
        while let Some(d) = todo.pop() {
            for e in fs::read_dir(&d).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    todo.push(p);
                } else {
                    files.push((p.strip_prefix(dir).unwrap().to_path_buf(), fs::read(&p).unwrap()));
                }
            }
        }
        files.sort();
        files
    }

    #[test]
    fn the_same_spec_gives_the_same_bytes() {
        let dir = std::env::temp_dir().join(format!("bokseup-bench-{}", std::process::id()));
        let a = generate(&dir.join("a"), &spec(300)).unwrap();
        let b = generate(&dir.join("b"), &spec(300)).unwrap();
        assert_eq!(a, b);
        assert_eq!(digest(&dir.join("a")), digest(&dir.join("b")));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_mix_is_the_kits_and_the_engine_reads_it_so() {
        let dir = std::env::temp_dir().join(format!("bokseup-bench-mix-{}", std::process::id()));
        let made = generate(&dir, &spec(2000)).unwrap();
        assert_eq!(made.review + made.plain + made.broken, 2000);
        assert!((1450..1700).contains(&made.review), "{made:?}");
        assert!((300..500).contains(&made.plain), "{made:?}");
        assert!((5..40).contains(&made.broken), "{made:?}");
        let scan = bokseup_core::vault::scan(&dir).unwrap();
        let reviews = scan.notes.iter().filter(|n| n.kind == bokseup_core::note::Kind::Review).count();
        // Broken files with a BOM or CRLF are review notes; unreadable ones are issues.
        assert_eq!(scan.notes.len() + scan.issues.len(), 2000, "nothing under .obsidian, .trash or `.md`");
        assert!(reviews >= made.review, "{reviews} review notes read, {made:?}");
        assert!(!scan.issues.is_empty() && scan.issues.len() <= made.broken);
        fs::remove_dir_all(&dir).unwrap();
    }
}
