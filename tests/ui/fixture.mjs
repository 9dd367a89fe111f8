// Vaults for the UI tests in Chromium, made in code: any number of notes across subjects (one
// with a 200-character name, one with an emoji, some with none), every stage and status, their
// schedule worked out the way the backend does (REVIEW-MODEL.md 1 and 2), plus the log's side
// (a note page's timeline and history, the calendar's days, reviews per day for statistics).
// Deterministic: the same arguments give the same vault.

const STEPS = ['d1', 'd4', 'd7', 'd14'];
const OFFSET = { d1: 1, d4: 4, d7: 7, d14: 14 };
const LABEL = { d1: '1일 복습', d4: '4일 복습', d7: '7일 복습', d14: '14일 복습', extra: '추가 복습' };
export const LONG_SUBJECT = '아주 긴 과목 이름 '.repeat(20).trim().slice(0, 200);
const SUBJECTS = ['네트워크', '운영체제', 'AWS', '자료구조', '🧪 화학', LONG_SUBJECT, null, '데이터베이스'];
const TEXTBOOKS = ['하향식 접근', 'OSTEP', 'Ultimate AWS Certified Solutions Architect Associate SAA-C03', null, '알고리즘 문제 해결 전략'];
const WORDS = ['TCP', '페이징', 'EBS 볼륨', '해시 테이블', '정규화', '산화 환원', 'B-트리', 'DNS', '스케줄링', 'IAM 정책', '트랜잭션', '캐시'];

function day(n) {
  return new Date(n * 86_400_000).toISOString().slice(0, 10);
}
function num(iso) {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}
/** A small deterministic generator (mulberry32). */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One note's summary as the backend computes it on `today`. */
function summary(path, title, subject, textbook, kind, day0, flags, today) {
  const base = { path, title, kind, subject, textbook, cues: 3, flags: kind === 'review' ? flags : null };
  if (kind === 'plain') {
    return { ...base, day0: null, status: null, step: null, stage: null, next_due: null, days_since: null, days_late: 0, progress: null, progress_bar: null };
  }
  const done = STEPS.filter((s) => flags[s]).length;
  const progress = flags.long_term ? 1 : done / 5;
  const bar = `${'🟩'.repeat(Math.round(progress * 10))}${'⬜'.repeat(10 - Math.round(progress * 10))} ${Math.round(progress * 100)}%`;
  const step = flags.long_term ? null : STEPS.find((s) => !flags[s]) ?? 'extra';
  if (!day0) {
    return { ...base, day0: null, status: flags.long_term ? 'long_term' : 'not_started', step: flags.long_term ? null : step, stage: flags.long_term ? '장기기억' : null, next_due: null, days_since: null, days_late: 0, progress, progress_bar: bar };
  }
  if (!step) {
    return { ...base, day0, status: 'long_term', step: null, stage: '장기기억', next_due: null, days_since: num(today) - num(day0), days_late: 0, progress, progress_bar: bar };
  }
  let due;
  if (step === 'extra') {
    let k = 30;
    while (num(day0) + k <= num(today) - 3) k *= 2; // the latest review a few days ago
    due = day(num(day0) + k);
  } else due = day(num(day0) + OFFSET[step]);
  const late = num(today) - num(due);
  const status = late > 0 ? 'overdue' : late === 0 ? 'due' : 'upcoming';
  return { ...base, day0, status, step, stage: LABEL[step], next_due: due, days_since: num(today) - num(day0), days_late: Math.max(0, late), progress, progress_bar: bar };
}

/**
 * A vault of `n` notes on `today` at `path`: its overview (agenda grouped and ordered as the
 * backend does), rendered views of the first notes, and the log's side for the in-memory backend.
 */
export function makeVault({ n = 60, today = '2026-11-28', path = '/home/me/공부', demo = false, seed = 7 } = {}) {
  const rand = random(seed);
  const all = [];
  for (let i = 0; i < n; i++) {
    const subject = SUBJECTS[i % SUBJECTS.length];
    const textbook = TEXTBOOKS[(i * 3) % TEXTBOOKS.length];
    const title = `${WORDS[i % WORDS.length]} ${Math.floor(i / WORDS.length) + 1}`;
    const folder = subject ? subject.slice(0, 12) : '기타';
    const kind = i % 11 === 10 ? 'plain' : 'review';
    const started = rand() > 0.08;
    const day0 = started ? day(num(today) - Math.floor(rand() * 120)) : null;
    const age = day0 ? num(today) - num(day0) : 0;
    // Steps done up to some point (often kept up, sometimes behind).
    const keep = rand();
    const flags = { d1: false, d4: false, d7: false, d14: false, long_term: false };
    for (const s of STEPS) if (age > OFFSET[s] + (keep > 0.4 ? 0 : 3)) flags[s] = true;
    if (i % 13 === 12) flags.long_term = true;
    all.push(summary(`${folder}/${title}.md`, title, subject, textbook, kind, day0, flags, today));
  }
  const by = (a, b) => a.title.localeCompare(b.title, 'ko') || a.path.localeCompare(b.path);
  const review = all.filter((x) => x.kind === 'review');
  const today_reviews = review.filter((x) => x.status === 'overdue' || x.status === 'due')
    .sort((a, b) => b.days_late - a.days_late || by(a, b));
  const upcoming = review.filter((x) => x.status === 'upcoming').sort((a, b) => a.next_due.localeCompare(b.next_due) || by(a, b));
  const byPath = (a, b) => a.path.localeCompare(b.path);
  const not_started = review.filter((x) => x.status === 'not_started').sort(byPath);
  const long_term = review.filter((x) => x.status === 'long_term').sort(byPath);
  const plain = all.filter((x) => x.kind === 'plain').sort(byPath);
  const counts = {
    overdue: today_reviews.filter((x) => x.status === 'overdue').length, due: today_reviews.filter((x) => x.status === 'due').length,
    upcoming: upcoming.length, not_started: not_started.length, long_term: long_term.length, plain: plain.length, issues: 0,
  };
  const overview = {
    vault: path, name: demo ? '데모 볼트' : path.split('/').at(-1), demo,
    agenda: { today, today_reviews, upcoming, not_started, long_term, plain, issues: [], counts },
  };
  const notes = {};
  // Rendered views: every note of a small vault; of a large one, today's first reviews and a few more.
  const viewed = all.length <= 500 ? all : [...today_reviews.slice(0, 20), ...all.slice(0, 200)];
  for (const s of viewed) {
    notes[s.path] = {
      summary: s,
      cues: [{ question_html: `${s.title}의 핵심은?`, answer_html: '<p>정리한 답</p>' }],
      body_html: `<h2>${s.title}</h2><ul><li>${s.title}의 핵심은?<ul><li>정리한 답</li></ul></li></ul><p>본문 ${s.subject ?? ''} 설명.</p>`,
    };
  }
  // The log: reviews on most of the last 40 days, a gap, and an older run.
  const days = [];
  for (let k = 60; k >= 0; k--) {
    if (k === 3 || (k > 20 && k < 25)) continue;
    days.push({ date: day(num(today) - k), reviews: 1 + ((k * 7) % 9), seconds: 60 * (1 + (k % 5)) });
  }
  const calendar = [];
  for (let k = -40; k <= 40; k++) {
    const date = day(num(today) + k);
    const planned = k >= 0 ? all.filter((x) => x.next_due === date || (k === 0 && x.status === 'overdue')).length : 0;
    const logged = days.find((d) => d.date === date)?.reviews ?? 0;
    calendar.push({ date, planned, done: k <= 0 ? logged : 0, missed: k < 0 ? (Math.abs(k) % 6 === 0 ? 2 : 0) : 0 });
  }
  const first = today_reviews[0] ?? all[0];
  // The first review's page: its timeline as the backend makes it (D1 done in the app, later
  // steps ticked by hand or open), and two reviews in the log.
  const mark = (due) => (num(due) < num(today) ? 'overdue' : due === today ? 'due' : 'planned');
  const timeline = (x) => {
    if (!x.day0) return STEPS.map((step) => ({ step, due: null, done_on: null, mark: 'planned' }));
    const out = STEPS.map((step, i) => {
      const due = day(num(x.day0) + OFFSET[step]);
      if (x.flags?.[step]) return { step, due, done_on: i === 0 ? due : null, mark: i === 0 ? 'done' : 'done_undated' };
      return { step, due, done_on: null, mark: mark(due) };
    });
    return [...out, { step: 'extra', due: day(num(x.day0) + 30), done_on: null, mark: mark(day(num(x.day0) + 30)) }];
  };
  const pages = first ? {
    [first.path]: {
      timeline: timeline(first),
      history: [
        { on: day(num(today) - 2), at: `${day(num(today) - 2)}T21:14:00`, step: 'd4', steps_done: ['d1', 'd4'], grades: ['remembered', 'unsure', 'forgot'], seconds: 95, long_term: false },
        { on: day(num(today) - 9), at: `${day(num(today) - 9)}T08:02:00`, step: 'd1', steps_done: ['d1'], grades: ['remembered'], seconds: 40, long_term: false },
      ],
    },
  } : {};
  const dayLists = {
    [today]: { date: today, planned: today_reviews.slice(0, 3).map((x) => ({ path: x.path, title: x.title, step: x.step, days_late: x.days_late })), done: [], missed: [] },
  };
  return { overview, notes, extra: { pages, calendar, days: dayLists, stats: { today, days } }, all };
}
