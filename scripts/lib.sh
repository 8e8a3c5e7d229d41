# Shared by scripts/serve and scripts/test: install what is missing, reuse
# what is installed at the right version. Sourced, not run.
# Versions and why they are these: ../shared/TOOLCHAIN.md.

set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
export PATH="$ROOT/tests/e2e/node_modules/.bin:$HOME/.cargo/bin:$PATH"

TRUNK_VERSION=0.21.14
CARGO_DENY_VERSION=0.20.2
# wasm-bindgen-cli must match the wasm-bindgen in Cargo.lock exactly.
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)

step() { printf '\n==> %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

ensure_rust() {
  command -v cargo >/dev/null || { echo "cargo not found: install Rust with rustup first (https://rustup.rs)" >&2; exit 2; }
  for component in rustfmt clippy; do
    rustup component list --installed 2>/dev/null | grep -q "^$component" || rustup component add "$component"
  done
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
    step "installing trunk $TRUNK_VERSION (takes several minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked
  fi
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
    step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (takes several minutes, once)"
    # Not --locked: one of its locked dependencies is no longer on the registry.
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
  fi
}

ensure_cargo_deny() {
  if [ "$(cargo deny --version 2>/dev/null)" != "cargo-deny $CARGO_DENY_VERSION" ]; then
    step "installing cargo-deny $CARGO_DENY_VERSION (takes several minutes, once)"
    cargo install cargo-deny --version "$CARGO_DENY_VERSION" --locked
  fi
}

ensure_node_tools() {
  if ! command -v npm >/dev/null; then
    step "installing Node.js and npm"
    as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
  fi
  # wasm-opt (npm binaryen), Playwright and axe-core, pinned by package-lock.json.
  local stamp=tests/e2e/node_modules/.package-lock.json
  if [ ! -f "$stamp" ] || ! cmp -s <(sed -n '/"packages"/,$p' tests/e2e/package-lock.json) <(sed -n '/"packages"/,$p' "$stamp"); then
    step "installing npm packages (wasm-opt, playwright-core, axe-core, ical.js)"
    (cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error)
  fi
}

ensure_chromium() {
  # ChromeDriver drives Chromium for the wasm-bindgen-test tier; pdftotext
  # (poppler-utils) reads back the text of printed PDFs in the browser tests.
  # A Japanese font (IPA Gothic, 4 MB): without one Chromium draws missing
  # glyphs, the printed PDFs lose characters, and screenshots show boxes.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null ||
    ! fc-list :lang=ja 2>/dev/null | grep -q .; then
    step "installing Chromium, ChromeDriver, poppler-utils and a Japanese font"
    as_root apt-get update -qq &&
      as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver poppler-utils fonts-ipafont-gothic
  fi
}

# The release site in dist/ (or DIR with a base URL): trunk builds the app,
# its hook runs the generator.
build_site() {
  local dist=${1:-dist} base=${2:-/}
  trunk build --release --offline --public-url "$base" --dist "$dist"
}
