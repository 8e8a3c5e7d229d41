//! A QR code as inline SVG, for links printed on paper (the status link on
//! the success record).
//!
//! The symbol comes from `qrcodegen` (Nayuki's reference implementation,
//! error correction level L raised as far as the version allows); this
//! module only draws it: one `<path>` of horizontal runs of dark modules
//! inside a four-module quiet zone, in `currentColor` on white, scaled by the
//! page. Nothing of the text becomes markup: only numbers reach the SVG.

use qrcodegen::{QrCode, QrCodeEcc};

/// The quiet zone around the symbol, in modules (the standard's minimum).
const QUIET: i32 = 4;

/// The SVG of a QR code of `text`, with `label` as its accessible name
/// (escaped); `None` when the text is longer than a QR code holds.
pub fn svg(text: &str, label: &str) -> Option<String> {
    let code = QrCode::encode_text(text, QrCodeEcc::Low).ok()?;
    let size = code.size();
    let side = size + 2 * QUIET;
    let mut path = String::with_capacity((size * size) as usize);
    for y in 0..size {
        let mut x = 0;
        while x < size {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < size && code.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!("M{} {}h{}v1h-{}z", start + QUIET, y + QUIET, x - start, x - start));
        }
    }
    let mut label_text = String::new();
    let _ = pulldown_cmark_escape::escape_html(&mut label_text, label);
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {side} {side}\" role=\"img\" \
         aria-label=\"{label_text}\" shape-rendering=\"crispEdges\"><rect width=\"{side}\" height=\"{side}\" \
         fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The dark modules of `svg` as a bitmap, `scale` pixels per module:
    /// a reader of exactly the path this module writes.
    fn bitmap(svg: &str, scale: usize) -> (usize, Vec<bool>) {
        let side: usize = svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let px = side * scale;
        let mut dark = vec![false; px * px];
        for run in d.split('z').filter(|r| !r.is_empty()) {
            let numbers: Vec<usize> = run
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let [x, y, w, one, back] = numbers[..] else { panic!("{run}") };
            assert_eq!((one, back), (1, w), "{run}");
            for yy in y * scale..(y + 1) * scale {
                for xx in x * scale..(x + w) * scale {
                    dark[yy * px + xx] = true;
                }
            }
        }
        (px, dark)
    }

    fn read_back(svg: &str) -> String {
        let (px, dark) = bitmap(svg, 4);
        let mut image = rqrr::PreparedImage::prepare_from_bitmap(px, px, |x, y| dark[y * px + x]);
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code");
        grids[0].decode().expect("a reference decoder reads it").1
    }

    #[test]
    fn a_reference_decoder_reads_back_what_was_drawn() {
        for text in [
            "http://intranet.example.co.jp/tebiki/status/#s=1.eNpLy89XSEosUsgrzSlRyEgtSgUAQsIGzg",
            "https://example.com/",
            "手引き",
        ] {
            let svg = svg(text, "状況リンク").unwrap();
            assert_eq!(read_back(&svg), text);
        }
    }

    #[test]
    fn a_status_link_as_long_as_allowed_fits_in_a_code() {
        let text: String = format!("http://intranet.example.co.jp/tebiki/status/#s=1.{}", "aZ09-_".repeat(330));
        assert!(text.len() >= crate::snapshot::LINK_LIMIT - 10);
        let svg = svg(&text, "").unwrap();
        assert_eq!(read_back(&svg), text);
    }

    #[test]
    fn text_too_long_for_a_code_gives_none_and_labels_are_escaped() {
        assert_eq!(svg(&"x".repeat(3_000), ""), None);
        let svg = svg("a", "<script>alert(1)</script>\"").unwrap();
        assert!(!svg.contains("<script"), "{svg}");
        assert!(svg.contains("&lt;script&gt;"), "{svg}");
    }
}
