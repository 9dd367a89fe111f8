//! Publishing the forecast into the student's calendar server (CalDAV): the same days and events
//! as the calendar file, one operation for the window, the app's background publisher and
//! `bokseup publish`. What the last publish did, or why it failed and when it is tried again, is
//! kept for the settings screen.

use super::{lock, Session};
use crate::caldav::{self, Account, Published};
use crate::calendar;
use crate::error::{Error, Result};
use crate::feed;
use crate::lang::tr;
use crate::settings::keys;
use chrono::{Duration, NaiveDateTime};
use serde::Serialize;
use std::sync::Mutex;
use ts_rs::TS;

/// What the session remembers of publishing.
#[derive(Default)]
pub(super) struct State {
    last: Mutex<Last>,
    /// Held through a publish: the background publisher and "publish now" never race each
    /// other's PUTs on the server.
    one_at_a_time: Mutex<()>,
}

#[derive(Default)]
struct Last {
    status: Option<PublishStatus>,
    /// What the server was last made to hold (account and event digests): unchanged, the
    /// background publisher leaves the server alone.
    published: Option<String>,
    /// A failure that trying again will not mend (a wrong password): no automatic retry until
    /// the account or the forecast changes.
    stuck: Option<String>,
}

/// Where publishing to the calendar server stands.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct PublishStatus {
    /// The calendar written to, once found.
    pub calendar: Option<String>,
    /// When the last publish succeeded.
    pub published_at: Option<NaiveDateTime>,
    /// Days with reviews the calendar holds after that publish.
    pub events: usize,
    /// Events that publish created, changed or deleted.
    pub changed: usize,
    /// Why the last try failed, when it did.
    pub error: Option<String>,
    /// When it failed.
    pub failed_at: Option<NaiveDateTime>,
    /// When the app tries again by itself (`null`: it waits for a change of the account).
    pub retry_at: Option<NaiveDateTime>,
    /// Failures in a row.
    pub failures: u32,
}

/// How long to wait before trying again after `failures` failures in a row: half a minute,
/// doubling, at most half an hour.
pub fn retry_after(failures: u32) -> Duration {
    Duration::seconds((30i64 << failures.saturating_sub(1).min(6)).min(30 * 60))
}

impl Session {
    /// Makes `account`'s calendar hold exactly the open vault's next `days` days of reviews.
    pub fn publish(&self, account: &Account, days: u32, now: NaiveDateTime) -> Result<Published> {
        let _one = lock(&self.publish.one_at_a_time);
        self.current(now)?;
        let (events, vault_path) = self.events(days, now)?;
        let key = key(account, &events);
        let result = caldav::publish(account, &events, |uid| calendar::is_own_uid(uid, &vault_path));
        let mut last = lock(&self.publish.last);
        let before = last.status.clone();
        let status = match &result {
            Ok(done) => {
                last.published = Some(key);
                last.stuck = None;
                PublishStatus {
                    calendar: Some(done.calendar.clone()),
                    published_at: Some(now),
                    events: events.len(),
                    changed: done.created + done.updated + done.deleted,
                    error: None,
                    failed_at: None,
                    retry_at: None,
                    failures: 0,
                }
            }
            Err(e) => {
                let failures = before.as_ref().map_or(0, |s| s.failures) + 1;
                let transient = matches!(e, Error::Calendar(r) if r.transient());
                last.stuck = (!transient).then(|| key.clone());
                PublishStatus {
                    error: Some(e.to_string()),
                    failed_at: Some(now),
                    retry_at: transient.then(|| now + retry_after(failures)),
                    failures,
                    ..before.unwrap_or_default()
                }
            }
        };
        last.status = Some(status);
        drop(last);
        self.announce(super::Change::Published);
        result
    }

    /// Publishes the app's own vault now (the settings' "지금 올리기"): the demo vault and a vault
    /// only the command line opened are refused.
    pub fn publish_own(&self, account: &Account, days: u32, now: NaiveDateTime) -> Result<Published> {
        self.current(now)?;
        if !self.publishes_by_itself() {
            return Err(Error::Refused(
                tr(
                    "데모 볼트는 캘린더에 올리지 않습니다. 내 볼트를 열면 그 일정을 올립니다",
                    "The demo vault is not published. Open your own vault and its schedule is published",
                )
                .into(),
            ));
        }
        self.publish(account, days, now)
    }

    /// Finds (or makes) the account's calendar without publishing: "test connection".
    pub fn check_calendar_server(&self, account: &Account) -> Result<String> {
        caldav::check(account)
    }

    /// Where publishing stands (`None`: nothing published by this run yet).
    pub fn publish_status(&self) -> Option<PublishStatus> {
        lock(&self.publish.last).status.clone()
    }

    /// Whether the background publisher should publish to `account` now: the forecast differs
    /// from what the server was last made to hold, or a failed try's retry time has come. A
    /// failure retrying will not mend waits for the account or the forecast to change. Only the
    /// app's own vault is published by itself (not the demo, not a vault the command line names).
    pub fn publish_wanted(&self, account: &Account, days: u32, now: NaiveDateTime) -> bool {
        if !self.publishes_by_itself() {
            return false;
        }
        let Ok((events, _)) = self.current(now).and_then(|_| self.events(days, now)) else { return false };
        let key = key(account, &events);
        let last = lock(&self.publish.last);
        if last.stuck.as_deref() == Some(key.as_str()) {
            return false;
        }
        let waiting = last.status.as_ref().is_some_and(|s| s.error.is_some() && s.retry_at.is_some_and(|r| now < r));
        if waiting {
            return false;
        }
        last.published.as_deref() != Some(key.as_str())
    }

    /// When the background publisher looks again by itself: a failed try's retry time, the next
    /// review day (the forecast moves on), and at least every quarter of an hour.
    pub fn publish_wake(&self, now: NaiveDateTime) -> NaiveDateTime {
        let next_day = (self.today(now) + chrono::Days::new(1))
            .and_hms_opt(self.clock.rollover_hour(), 0, 0)
            .unwrap_or(now + Duration::hours(24));
        let retry = lock(&self.publish.last).status.as_ref().and_then(|s| s.retry_at).filter(|r| *r > now);
        [Some(now + Duration::minutes(15)), Some(next_day), retry].into_iter().flatten().min().unwrap_or(now)
    }

    /// The home-network feed's secret token, made from the caller's `random` the first time and
    /// kept, so a phone's subscription lasts (`random` is only asked then).
    pub fn feed_token(&self, random: impl FnOnce() -> Result<[u8; 16]>) -> Result<String> {
        let store = self.store();
        if let Some(token) = store.setting(keys::FEED_TOKEN)?.filter(|t| t.len() == 32) {
            return Ok(token);
        }
        let token = feed::token(random()?);
        store.set_setting(keys::FEED_TOKEN, &token)?;
        Ok(token)
    }

    /// A new token: the old address stops working (a phone that should see the schedule no more).
    pub fn renew_feed_token(&self, random: [u8; 16]) -> Result<String> {
        let token = feed::token(random);
        self.store().set_setting(keys::FEED_TOKEN, &token)?;
        self.announce(super::Change::Reminders);
        Ok(token)
    }

    /// What the home-network feed serves now: the app's own vault's calendar, byte for byte what
    /// `bokseup ics` prints for it; nothing for the demo or with no vault open.
    pub fn feed_text(&self, now: NaiveDateTime) -> Option<String> {
        if !self.publishes_by_itself() {
            return None;
        }
        self.ics(calendar::DEFAULT_DAYS, now).ok().map(|(text, _)| text)
    }

    /// Forgets what was published (the account changed): the next publish compares afresh.
    pub fn forget_published(&self) {
        *lock(&self.publish.last) = Last::default();
        self.announce(super::Change::Published);
    }

    /// The open vault's day events and its folder (whose UIDs a publish may change).
    fn events(&self, days: u32, now: NaiveDateTime) -> Result<(Vec<calendar::Event>, String)> {
        let ((events, vault_path), _) = self.forecast_feed(&self.settings(), days, now, |feed, days| {
            (calendar::events(feed, days), feed.vault_path.to_owned())
        })?;
        Ok((events, vault_path))
    }

    /// Whether the open vault is the student's own, the one published by itself: not the demo,
    /// not a vault only the command line opened.
    fn publishes_by_itself(&self) -> bool {
        self.lock_open().as_ref().is_some_and(|o| o.calendar && !o.demo)
    }
}

/// What the server is made to hold, by whom: the account (its password only as a hash, and
/// only in memory, so a new password is tried again) and the events' digests.
fn key(account: &Account, events: &[calendar::Event]) -> String {
    use sha2::Digest;
    let password = sha2::Sha256::digest(account.password.as_bytes());
    let digests: Vec<String> = events.iter().map(|e| format!("{}={}", e.uid, e.digest)).collect();
    format!("{}\n{}\n{password:x}\n{}", account.url, account.user, digests.join(","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_feed_token_is_made_once_and_kept_until_renewed() {
        let tmp = tempfile::tempdir().unwrap();
        let store = crate::store::Store::open_in_memory().unwrap();
        let s = Session::new(store, tmp.path().join("demo"), crate::clock::Clock::system(4)).unwrap();
        let first = s.feed_token(|| Ok([0xab; 16])).unwrap();
        assert_eq!(first, "ab".repeat(16));
        let asked = std::cell::Cell::new(false);
        let again = s.feed_token(|| {
            asked.set(true);
            Ok([1; 16])
        });
        assert_eq!((again.unwrap(), asked.get()), (first.clone(), false), "kept, and no randomness drawn");
        assert_eq!(s.renew_feed_token([0xcd; 16]).unwrap(), "cd".repeat(16));
        assert_eq!(s.feed_token(|| Ok([2; 16])).unwrap(), "cd".repeat(16));
    }

    #[test]
    fn retries_back_off_to_half_an_hour() {
        let secs: Vec<i64> = (1..=9).map(|n| retry_after(n).num_seconds()).collect();
        assert_eq!(secs, [30, 60, 120, 240, 480, 960, 1800, 1800, 1800]);
    }
}
