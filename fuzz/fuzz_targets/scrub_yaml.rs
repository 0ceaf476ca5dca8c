#![no_main]

use libfuzzer_sys::fuzz_target;
use netrc_guard::scrub::Lang;

fuzz_target!(|data: &[u8]| netrc_guard_fuzz::scrub(Lang::Yaml, data));
