//! Entry point: mount the app where the pre-rendered page left its content.

fn main() {
    tebiki_app::mount();
}
