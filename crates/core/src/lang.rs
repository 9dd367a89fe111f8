//! The language the app speaks: Korean by default, English when the system's locale is not
//! Korean, or what the user chose. One process speaks one language at a time: the command line
//! sets it from `LANG` at start, the app from the setting; messages made anywhere in the engine
//! (errors, reminders, the tray, the calendar file) read it with [`current`].

use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicU8, Ordering};
use ts_rs::TS;

/// A language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Lang {
    /// 한국어.
    Ko,
    /// English.
    En,
}

impl Lang {
    /// The language of a POSIX locale (`ko_KR.UTF-8`, `en_US`, `C`): Korean for `ko*`, English
    /// for any other set locale, Korean when none is set.
    pub fn of_locale(locale: Option<&str>) -> Lang {
        match locale.map(str::trim).filter(|l| !l.is_empty()) {
            None => Lang::Ko,
            Some(l) if l.to_ascii_lowercase().starts_with("ko") => Lang::Ko,
            Some(_) => Lang::En,
        }
    }

    /// The system's language, from `LC_ALL`, `LC_MESSAGES` and `LANG`, in that order, as the C
    /// library reads them.
    pub fn of_system() -> Lang {
        let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Lang::of_locale(var("LC_ALL").or_else(|| var("LC_MESSAGES")).or_else(|| var("LANG")).as_deref())
    }

    /// Picks the text in this language.
    pub fn pick<'a>(self, ko: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Ko => ko,
            Lang::En => en,
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// The language messages are made in now.
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::En,
        _ => Lang::Ko,
    }
}

/// Makes `lang` the language of this process's messages.
pub fn set(lang: Lang) {
    CURRENT.store(if lang == Lang::En { 1 } else { 0 }, Ordering::Relaxed);
}

/// `ko` or `en`, as `current()` says: for texts written in place.
pub fn tr<'a>(ko: &'a str, en: &'a str) -> &'a str {
    current().pick(ko, en)
}

/// `ko` or `en` (both made already), as `current()` says: for texts with values in them.
pub fn tf(ko: String, en: String) -> String {
    match current() {
        Lang::Ko => ko,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales() {
        assert_eq!(Lang::of_locale(Some("ko_KR.UTF-8")), Lang::Ko);
        assert_eq!(Lang::of_locale(Some("ko")), Lang::Ko);
        assert_eq!(Lang::of_locale(Some("en_US.UTF-8")), Lang::En);
        assert_eq!(Lang::of_locale(Some("C.UTF-8")), Lang::En);
        assert_eq!(Lang::of_locale(Some("")), Lang::Ko);
        assert_eq!(Lang::of_locale(None), Lang::Ko);
        assert_eq!(Lang::En.pick("복습", "review"), "review");
    }
}
