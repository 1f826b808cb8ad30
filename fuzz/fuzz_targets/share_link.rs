//! A share link → a decoded moment: any fragment decodes or is refused, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = podlab::share::decode(text);
        let _ = podlab::share::decode(&format!("{}{text}", podlab::share::PREFIX));
    }
});
