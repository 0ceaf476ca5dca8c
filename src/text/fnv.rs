//! FNV-1a, 64-bit: a hash that is stable across builds and platforms (std's is not), for
//! fingerprints that must read the same next year: scan's context hash, GitLab's
//! fingerprint.

/// An FNV-1a state; [`Fnv::finish`] is the hash of everything fed so far.
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Feeds every byte.
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    /// Feeds the bytes other than ASCII whitespace, so that re-indenting keeps the hash.
    pub(crate) fn feed_non_blank(&mut self, bytes: &[u8]) {
        for &b in bytes.iter().filter(|b| !b.is_ascii_whitespace()) {
            self.feed(&[b]);
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_vectors() {
        // The published FNV-1a 64 test vectors.
        let hash = |s: &[u8]| {
            let mut h = Fnv::default();
            h.feed(s);
            h.finish()
        };
        assert_eq!(hash(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hash(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(hash(b"foobar"), 0x8594_4171_f739_67e8);
    }
}
