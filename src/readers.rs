//! `explain`: what each netrc reader would do for one URL, and whether they agree.
//!
//! The models are the `netrc-edit` crate's, pure functions of (platform, environment, file
//! bytes, file facts, URL); what stays here is what touches the disk (`probe`) and the form
//! a write's check takes for the store (`verify::checker`).

pub mod probe;

pub use netrc_edit::readers::*;

/// The check every write makes before it saves ([`check_write`], from the `netrc-edit`
/// crate), and the form netrc-guard's write commands hand it to the store in.
pub mod verify {
    pub use netrc_edit::readers::verify::*;

    /// A write the readers' check refused: the netrc as messages show it, what the readers
    /// would do instead, and whether sources were held too. Nothing was saved.
    #[derive(Debug)]
    pub struct WriteRefused {
        pub netrc: String,
        /// The first NUL byte of the file, where curl before 8.16 stops reading it: the
        /// byte a refusal of a file holding one comes from, named by its `line:column`.
        pub nul: Option<crate::text::Position>,
        pub refusal: Refusal,
        pub held: Held,
    }

    impl std::fmt::Display for WriteRefused {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            let sources = match self.held {
                Held::Every => "; no source was changed",
                Held::ParsedBefore => "",
            };
            let (at, byte) = match self.nul {
                Some(position) => (
                    format!(":{position}"),
                    " (a NUL byte here, where curl before 8.16 stops reading the file)",
                ),
                None => (String::new(), ""),
            };
            write!(
                f,
                "{}{at}: refused{byte}: after this write some readers would not send what was asked:\n{}\n  nothing was saved{sources}",
                self.netrc, self.refusal
            )
        }
    }

    impl std::error::Error for WriteRefused {}

    /// The check a write hands [`crate::store::Store::edit_checked`], the same for every write
    /// command: a refusal names the file (`netrc`, as messages show it) and says that nothing
    /// was saved and, for [`Held::Every`], that no source changed.
    pub fn checker<'a>(
        netrc: &'a str,
        intents: &'a [Intent],
        held: Held,
    ) -> impl FnOnce(&str, &str) -> Result<(), WriteRefused> + 'a {
        move |before, after| {
            check_write(before.as_bytes(), after.as_bytes(), intents, held).map_err(|refusal| {
                // The file as it is names the byte where the user can find it; a NUL only
                // the write brings is named in the text written.
                let nul = [before, after].into_iter().find_map(|text| {
                    memchr::memchr(0, text.as_bytes()).map(|at| crate::text::position(text, at))
                });
                WriteRefused {
                    netrc: netrc.to_string(),
                    nul,
                    refusal,
                    held,
                }
            })
        }
    }
}
