//! One pass over a buffer for every rule beside the URI rule: an Aho-Corasick automaton over
//! the literals each needs (the token prefixes, `machine`, `Secret`, JSON's `\u00`), so
//! that a rule runs only on a buffer holding its literal, and adding a rule adds no pass.
//!
//! `://` is not among them: the URI rule finds its separators with its own `memchr` pass
//! (the one the scan always made), and a separator on every line of most files would stop
//! the automaton's SIMD search at each one.

use std::sync::LazyLock;

use aho_corasick::packed::Searcher;

use super::tokens::PREFIXES;

/// What the literals say about a buffer.
#[derive(Debug, Default)]
pub(super) struct Hits {
    /// `\u00`: a JSON escape, perhaps inside a URI's separator.
    pub json_escape: bool,
    /// Where a known token prefix starts, in order.
    pub tokens: Vec<usize>,
    /// `machine` or `default`: the text may be a netrc.
    pub netrc_keyword: bool,
    /// `Secret`: the text may be a Kubernetes Secret.
    pub secret_kind: bool,
}

impl Hits {
    pub(super) fn any(&self) -> bool {
        self.json_escape || !self.tokens.is_empty() || self.netrc_keyword || self.secret_kind
    }
}

const JSON_ESCAPE: &str = r"\u00";
const NETRC: [&str; 2] = ["machine", "default"];
const SECRET: &str = "Secret";

static AUTOMATON: LazyLock<Searcher> = LazyLock::new(|| {
    let patterns = [JSON_ESCAPE]
        .iter()
        .chain(NETRC.iter())
        .chain([&SECRET])
        .chain(PREFIXES.iter());
    // The crate's packed searcher (SIMD Teddy, Rabin-Karp where SIMD is missing), without
    // the automaton behind it: it builds in a fraction of the time, which is what a hook
    // run on one small file pays. A full automaton searching with standard semantics would
    // walk the bytes one by one, five times slower.
    Searcher::new(patterns).expect("a few fixed literals build a searcher")
});

/// The literals in `buf`, in one pass.
pub(super) fn hits(buf: &[u8]) -> Hits {
    let mut h = Hits::default();
    for m in AUTOMATON.find_iter(buf) {
        match m.pattern().as_usize() {
            0 => h.json_escape = true,
            1 | 2 => h.netrc_keyword = true,
            3 => h.secret_kind = true,
            _ => h.tokens.push(m.start()),
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_literal_sets_its_rule() {
        let h = hits(br#"a "https:\/\/x" \u002f machine Secret GH=ghp_x npm_y"#);
        assert!(h.json_escape && h.netrc_keyword && h.secret_kind);
        assert_eq!(h.tokens.len(), 2);
        assert!(!hits(b"nothing to see here").any());
    }
}
