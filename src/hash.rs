//! Content hashes that are the same on every platform and every build.
//!
//! Used to notice that a step or a whole playbook changed, not for security.
//! Carriage returns are left out, so converting a file between CRLF and LF
//! line endings changes nothing. The state is a `u64` on every target (a
//! `usize`-based hasher would differ between the wasm app and the native CLI),
//! and the text is consumed eight bytes per multiply, FxHash-style, with a
//! final mix so that nearby texts give unrelated hashes.

/// The hash of `text` as 16 lowercase hex digits.
pub fn content_hash(text: &str) -> String {
    let hash = if text.contains('\r') {
        let lf_only: Vec<u8> = text.bytes().filter(|b| *b != b'\r').collect();
        hash_bytes(&lf_only)
    } else {
        hash_bytes(text.as_bytes())
    };
    format!("{hash:016x}")
}

fn hash_bytes(bytes: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mix = |h: u64, word: u64| (h.rotate_left(26) ^ word).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    for chunk in chunks.by_ref() {
        h = mix(h, u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
    }
    let mut tail = [0u8; 8];
    tail[..chunks.remainder().len()].copy_from_slice(chunks.remainder());
    h = mix(h, u64::from_le_bytes(tail));
    // Final avalanche: the 64-bit finaliser of MurmurHash3.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_values_never_change() {
        // Stored progress compares against these; a change here breaks drift
        // detection for every team's saved runs. The values were computed
        // independently (a Python transcription of the algorithm above).
        assert_eq!(content_hash(""), "0000000000000000");
        assert_eq!(content_hash("a"), "dfdc4585e0f80622");
        assert_eq!(content_hash("手引き\n"), "3318d9f95a7da45f");
    }

    #[test]
    fn nearby_texts_differ() {
        assert_ne!(content_hash("a"), content_hash("b"));
        assert_ne!(content_hash("abcdefgh"), content_hash("abcdefgh\0"));
        assert_ne!(content_hash(""), content_hash("\0"));
    }

    #[test]
    fn line_endings_do_not_matter() {
        assert_eq!(content_hash("a\r\nb\r\n"), content_hash("a\nb\n"));
        assert_ne!(content_hash("a\nb"), content_hash("ab\n"));
    }
}
