//! Updates from the project's releases: the release workflow publishes a signed `latest.json`
//! (tauri-plugin-updater), the settings look at it when the user asks, and a download is checked
//! against the public key built into the app before anything is installed. A build without that
//! key (every build of one's own) never updates itself, and the settings say so.

use bokseup_core::error::{Error, Failure};
use bokseup_core::lang::tf;
use bokseup_core::session::{UpdateCheck, UpdateOffer};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

/// Whether this build's configuration (`plugins.updater` of tauri.conf.json, which the release
/// workflow completes) names a key and a place to look.
pub fn configured<R: Runtime>(app: &AppHandle<R>) -> bool {
    let Some(config) = app.config().plugins.0.get("updater") else { return false };
    let key = config.get("pubkey").and_then(|k| k.as_str()).is_some_and(|k| !k.trim().is_empty());
    let places = config.get("endpoints").and_then(|e| e.as_array()).is_some_and(|e| !e.is_empty());
    key && places
}

/// Registers the updater where the build is configured for it (the plugin refuses to start
/// without a key).
pub fn register<R: Runtime>(app: &AppHandle<R>) -> tauri::Result<()> {
    if configured(app) {
        app.plugin(tauri_plugin_updater::Builder::new().build())?;
    }
    Ok(())
}

/// Whether a newer release is out.
pub async fn check<R: Runtime>(app: &AppHandle<R>) -> Result<UpdateCheck, Failure> {
    let current = app.package_info().version.to_string();
    let installable = replaces_itself(app);
    if !configured(app) {
        return Ok(UpdateCheck { current, configured: false, installable, available: None });
    }
    let available = newer(app).await?.map(|update| UpdateOffer {
        version: update.version.clone(),
        date: update.date.map(|d| d.date().to_string()),
        notes: update.body.clone().filter(|b| !b.trim().is_empty()),
    });
    Ok(UpdateCheck { current, configured: true, installable, available })
}

/// Downloads the newer release, checks its signature against the app's key, and installs it
/// (it runs from the next start); returns its version. Nothing is installed unless the
/// signature holds.
pub async fn install<R: Runtime>(app: &AppHandle<R>) -> Result<String, Failure> {
    if !configured(app) {
        return Err(refused(
            "직접 빌드한 앱은 스스로 업데이트하지 않습니다".into(),
            "a build of one's own does not update itself".into(),
        ));
    }
    let Some(update) = newer(app).await? else {
        return Err(refused("이미 최신 버전입니다".into(), "this is already the newest version".into()));
    };
    let bytes = update.download(|_, _| {}, || {}).await.map_err(failed)?;
    if !replaces_itself(app) {
        return Err(refused(
            format!("{}은(는) 확인했지만, 패키지(.deb)로 설치한 앱은 스스로 바꾸지 않습니다. 릴리스 페이지에서 새 .deb를 받아 설치하세요", update.version),
            format!("{} checks out, but an app installed from a package (.deb) does not replace itself: install the new .deb from the releases page", update.version),
        ));
    }
    update.install(bytes).map_err(failed)?;
    Ok(update.version)
}

/// Whether this installation can replace itself: the macOS app and the Windows installers can;
/// on Linux only an AppImage, as a `.deb` belongs to the package manager.
fn replaces_itself<R: Runtime>(app: &AppHandle<R>) -> bool {
    cfg!(not(target_os = "linux")) || app.env().appimage.is_some()
}

async fn newer<R: Runtime>(app: &AppHandle<R>) -> Result<Option<Update>, Failure> {
    app.updater().map_err(failed)?.check().await.map_err(failed)
}

fn refused(ko: String, en: String) -> Failure {
    Failure::from(Error::Refused(tf(ko, en)))
}

/// The updater's error as the settings say it: what happened and whether anything changed.
fn failed(e: tauri_plugin_updater::Error) -> Failure {
    use tauri_plugin_updater::Error as E;
    let missing = match &e {
        E::TargetNotFound(target) => Some(target.clone()),
        E::TargetsNotFound(targets) => Some(targets.join(", ")),
        _ => None,
    };
    if let Some(target) = missing {
        return refused(
            format!("새 버전에 이 시스템({target})용 파일이 없습니다"),
            format!("the new release has no file for this system ({target})"),
        );
    }
    let (ko, en) = match &e {
        E::Minisign(_) | E::Base64(_) | E::SignatureUtf8(_) => (
            "내려받은 업데이트의 서명이 이 앱의 키와 맞지 않아 아무것도 설치하지 않았습니다".to_owned(),
            "the downloaded update's signature does not match this app's key, so nothing was installed".to_owned(),
        ),
        E::ReleaseNotFound | E::Reqwest(_) | E::Network(_) => (
            format!("업데이트 정보를 받지 못했습니다 (인터넷 연결을 확인하세요): {e}"),
            format!("could not get the update information (check the internet connection): {e}"),
        ),
        _ => (format!("업데이트하지 못했습니다: {e}"), format!("the update failed: {e}")),
    };
    refused(ko, en)
}
