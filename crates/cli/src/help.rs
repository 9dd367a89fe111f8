//! The usage text of `bokseup --help`, in both languages.

use bokseup_core::lang::current;

/// Usage text for `--help`, in Korean.
pub const HELP: &str = "\
복습 (Bokseup) — Obsidian 복습 노트의 에빙하우스 복습 일정

사용법:
  bokseup [VAULT] [--today D] [--time HH:MM[:SS]] [--hidden] [--review]
                                                 앱을 엽니다 (VAULT: 볼트 폴더)
  bokseup due VAULT [--today D] [--json]         오늘 복습할 노트 (밀린 것부터)
  bokseup scan VAULT [--today D] [--json]        모든 노트와 읽지 못한 파일
  bokseup weak VAULT [--limit N|Nm] [--exam E] [--json]
                                                 잊었을 가능성이 가장 큰 단서 질문
  bokseup plan VAULT [--today D] [--limit N|Nm] [--json]
                                                 하루 한도에 맞춘 복습 계획 (밀린 복습, 시험)
  bokseup review VAULT NOTE [--date D] [--time HH:MM] [--long-term]
                                                 NOTE의 복습을 완료로 기록합니다
  bokseup start VAULT NOTE [--date D]            시작 전 노트의 학습을 시작합니다
  bokseup enroll VAULT NOTE [--date D]           일반 노트를 복습 노트로 등록합니다
  bokseup undo VAULT [N | --list]                이 볼트의 마지막 변경(또는 N번)을 되돌립니다
  bokseup ics VAULT [--today D] [--days N] [--out FILE]
                                                 복습 일정을 휴대폰 캘린더용 .ics로 씁니다
  bokseup publish VAULT --caldav URL --user NAME --password-file FILE [--today D] [--days N]
                                                 복습 일정을 내 캘린더(CalDAV)에 올립니다
  bokseup settings [NAME VALUE]                  설정을 보거나 바꿉니다
  bokseup demo DIR [--today D]                   데모 볼트를 DIR에 만듭니다
  bokseup --help                                 이 도움말

  NOTE는 볼트 안의 경로입니다 (예: \"AWS/AMI.md\"). 노트를 고치면 바뀐 키를 모두 보여 줍니다.
  메시지는 LANG을 따릅니다: ko_*이면 한국어, 아니면 영어.

옵션:
  --today D, --date D   오늘 날짜를 고정합니다 (지난 복습 기록, 테스트, 시연용)
  --time HH:MM[:SS]     지금 시각을 고정합니다 (앱에서는 그 시각부터 시계가 흐릅니다)
  --long-term           장기기억 완료로 표시합니다 (14일 복습부터)
  --early               아직 복습할 날이 아닌 노트를 미리 복습으로 기록합니다
  --list                (undo) 최근 변경과 되돌릴 수 있는지를 보여 줍니다
  --days N              (ics, publish) 오늘부터 며칠치를 쓸지 (기본 60)
  --out FILE            (ics) 표준 출력 대신 FILE에 씁니다
  --caldav URL          (publish) 캘린더 주소, 또는 서버 주소 (\"복습\" 캘린더를 찾거나 만듭니다)
  --user NAME           (publish) 캘린더 계정의 사용자 이름
  --password-file FILE  (publish) 앱 전용 암호가 든 파일 (첫 줄)
  --hidden              창 없이 트레이에서 시작합니다 (로그인할 때 자동 시작)
  --review              오늘의 복습 화면으로 바로 엽니다
  --json                기계가 읽는 JSON으로 출력합니다
  --counts              (scan) files=N with_flags=R plain=P fail=F 한 줄만 출력합니다
  --data DIR            앱 데이터(복습 기록, 되돌리기, 설정) 폴더 (기본: 앱과 같은 곳)
  --limit N, --limit Nm (weak) 질문 N개 또는 N분어치 (기본 10개)
                        (plan) 하루 한도: 노트 N개 또는 N분 (기본: 설정, 20개)
  --exam E              (weak) 시험 E가 다루는 노트의 질문만

설정 (bokseup settings NAME VALUE):
  reminders on|off            복습 알림 (기본 on)
  reminder-times \"9:00, 21:00\"  알림 시각
  min-due N                   최소 N개가 밀렸을 때만 알림 (기본 1)
  keep-running on|off         창을 닫아도 트레이에서 계속 실행 (기본 on)
  rollover-hour H             하루가 시작되는 시각 (기본 4시)
  calendar-file PATH|none     앱이 최신으로 유지할 .ics 파일
  week-start sunday|monday    달력의 주가 시작하는 요일
  language auto|ko|en         앱의 언어 (auto: 시스템 언어)
  theme system|light|dark     밝은 화면, 어두운 화면
  history-in-vault on|off     복습 기록을 볼트의 .bokseup/history에도 둡니다 (기본 on)
  daily-limit N|Nm            하루 한도: 노트 N개 또는 N분 (기본 20)
  easy-days \"sat=light,sun=free\"  요일별 복습량: normal, light(한도의 절반), free(복습 없음); none은 모두 보통
  break A..B|none             쉬는 기간: 복습도 알림도 없고, 끝나면 기다린 복습을 나눕니다
  reminders-until-done on|off 오늘 몫이 남으면 다음 알림 시각과 저녁에 다시 알림 (기본 off)
  feed on|off                 켜져 있는 앱이 집 네트워크의 휴대폰에 캘린더를 줍니다 (기본 off)
  feed-port N                 그 포트 (기본 47613)

예:
  bokseup ~/Obsidian/공부
  bokseup due ~/Obsidian/공부
  bokseup due ~/Obsidian/공부 --today 2024-10-27 --json
  bokseup weak ~/Obsidian/공부 --limit 15m
  bokseup plan ~/Obsidian/공부 --limit 30 --json
  bokseup scan ~/Obsidian/공부 --json > notes.json
  bokseup review ~/Obsidian/공부 \"AWS/EC2 인스턴스 유형.md\" --time 21:30
  bokseup review ~/Obsidian/공부 AWS/AMI.md --long-term
  bokseup start ~/Obsidian/공부 \"운영체제/페이징.md\"
  bokseup enroll ~/Obsidian/공부 \"네트워크/TCP 정리.md\"
  bokseup undo ~/Obsidian/공부
  bokseup ics ~/Obsidian/공부 --out ~/Sync/복습.ics
  bokseup publish ~/Obsidian/공부 --caldav https://caldav.icloud.com/ --user me@icloud.com --password-file ~/.icloud-app-pw
  bokseup settings reminder-times \"8:30, 20:00\"
  bokseup demo /tmp/demo && bokseup due /tmp/demo
";

/// Usage text for `--help`, in English.
pub const HELP_EN: &str = "\
Bokseup (복습) — an Ebbinghaus review schedule for Obsidian study notes

Usage:
  bokseup [VAULT] [--today D] [--time HH:MM[:SS]] [--hidden] [--review]
                                                 opens the app (VAULT: the vault folder)
  bokseup due VAULT [--today D] [--json]         today's reviews (the latest first)
  bokseup scan VAULT [--today D] [--json]        every note and the files that could not be read
  bokseup weak VAULT [--limit N|Nm] [--exam E] [--json]
                                                 the cue questions most likely forgotten
  bokseup plan VAULT [--today D] [--limit N|Nm] [--json]
                                                 the review plan within a daily limit (backlog, exams)
  bokseup review VAULT NOTE [--date D] [--time HH:MM] [--long-term]
                                                 records NOTE's review as done
  bokseup start VAULT NOTE [--date D]            starts studying a not-started note
  bokseup enroll VAULT NOTE [--date D]           makes a plain note a review note
  bokseup undo VAULT [N | --list]                undoes this vault's last change (or change N)
  bokseup ics VAULT [--today D] [--days N] [--out FILE]
                                                 writes the schedule as an .ics for a phone's calendar
  bokseup publish VAULT --caldav URL --user NAME --password-file FILE [--today D] [--days N]
                                                 puts the schedule into your own calendar (CalDAV)
  bokseup settings [NAME VALUE]                  shows or changes the settings
  bokseup demo DIR [--today D]                   writes the demo vault into DIR
  bokseup --help                                 this help

  NOTE is a path inside the vault (e.g. \"AWS/AMI.md\"). A change to a note prints every key changed.
  Messages follow LANG: Korean for ko_*, English otherwise.

Options:
  --today D, --date D   pins today's date (past reviews, tests, demos)
  --time HH:MM[:SS]     pins the time (in the app the clock runs on from it)
  --long-term           marks the note as in long-term memory (from the 14-day review on)
  --early               records a review of a note that is not due yet
  --list                (undo) lists recent changes and whether they can be undone
  --days N              (ics, publish) how many days from today to write (60 by default)
  --out FILE            (ics) writes FILE instead of standard output
  --caldav URL          (publish) the calendar's address, or the server's (a \"복습\" calendar is found or made)
  --user NAME           (publish) the calendar account's user name
  --password-file FILE  (publish) a file holding the app password (its first line)
  --hidden              starts in the tray without a window (start at login)
  --review              opens straight on today's review
  --json                prints JSON for programs
  --counts              (scan) prints one line: files=N with_flags=R plain=P fail=F
  --data DIR            the app's data folder (review log, undo, settings; the app's by default)
  --limit N, --limit Nm (weak) N questions or N minutes' worth (10 questions by default)
                        (plan) the daily limit: N notes or N minutes (the setting's by default, 20)
  --exam E              (weak) only questions of the notes exam E covers

Settings (bokseup settings NAME VALUE):
  reminders on|off            review reminders (on by default)
  reminder-times \"9:00, 21:00\"  reminder times
  min-due N                   remind only when at least N reviews are due (1 by default)
  keep-running on|off         keep running in the tray when the window closes (on by default)
  rollover-hour H             the hour a day starts (4 by default)
  calendar-file PATH|none     an .ics file the app keeps up to date
  week-start sunday|monday    the first day of the calendar's weeks
  language auto|ko|en         the app's language (auto: the system's)
  theme system|light|dark     light or dark
  history-in-vault on|off     keep the review history in the vault's .bokseup/history too (on by default)
  daily-limit N|Nm            the daily limit: N notes or N minutes (20 by default)
  easy-days \"sat=light,sun=free\"  each weekday normal, light (half the limit) or free (none); none: all normal
  break A..B|none             days with no reviews and no reminders; what waited is spread after them
  reminders-until-done on|off remind again at the next time and in the evening while today's share is left (off by default)
  feed on|off                 the running app serves the calendar to phones on the home network (off by default)
  feed-port N                 its port (47613 by default)

Examples:
  bokseup ~/Obsidian/study
  bokseup due ~/Obsidian/study
  bokseup due ~/Obsidian/study --today 2024-10-27 --json
  bokseup weak ~/Obsidian/study --limit 15m
  bokseup plan ~/Obsidian/study --limit 30 --json
  bokseup scan ~/Obsidian/study --json > notes.json
  bokseup review ~/Obsidian/study \"AWS/EC2 instance types.md\" --time 21:30
  bokseup review ~/Obsidian/study AWS/AMI.md --long-term
  bokseup start ~/Obsidian/study \"OS/paging.md\"
  bokseup enroll ~/Obsidian/study \"Network/TCP.md\"
  bokseup undo ~/Obsidian/study
  bokseup ics ~/Obsidian/study --out ~/Sync/reviews.ics
  bokseup publish ~/Obsidian/study --caldav https://caldav.icloud.com/ --user me@icloud.com --password-file ~/.icloud-app-pw
  bokseup settings reminder-times \"8:30, 20:00\"
  bokseup demo /tmp/demo && bokseup due /tmp/demo
";

/// The usage text in the language of the messages.
pub fn help() -> &'static str {
    current().pick(HELP, HELP_EN)
}
