//! Loading the site's own files, and reading the ones the person chooses.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why a file could not be loaded.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadError {
    /// The server answered with this status.
    Status(u16),
    /// The request failed (offline, blocked).
    Network,
}

/// The text of `url` (same origin).
pub async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let window = web_sys::window().ok_or(LoadError::Network)?;
    let response = JsFuture::from(window.fetch_with_str(url)).await.map_err(|_| LoadError::Network)?;
    let response: web_sys::Response = response.dyn_into().map_err(|_| LoadError::Network)?;
    if !response.ok() {
        return Err(LoadError::Status(response.status()));
    }
    let text =
        JsFuture::from(response.text().map_err(|_| LoadError::Network)?).await.map_err(|_| LoadError::Network)?;
    text.as_string().ok_or(LoadError::Network)
}

/// The site's manifest under `base`: its playbooks. One written by a newer
/// generator than this app reads counts as not loaded.
pub async fn manifest(base: &str) -> Result<tebiki::manifest::Manifest, LoadError> {
    let text = fetch_text(&format!("{base}playbooks/manifest.json")).await?;
    let manifest: tebiki::manifest::Manifest = serde_json::from_str(&text).map_err(|_| LoadError::Network)?;
    if manifest.format > tebiki::manifest::MANIFEST_FORMAT {
        return Err(LoadError::Network);
    }
    Ok(manifest)
}

/// The bytes of a file the person chose (`None`: the browser could not read
/// it): the bytes themselves, not the browser's decoding of them, so that a
/// file that is not UTF-8 is said to be one.
pub async fn file_bytes(file: &web_sys::File) -> Option<Vec<u8>> {
    let buffer = JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buffer).to_vec())
}
