//! YAML → objects and validation: any bytes give objects or located errors, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = podlab::api::manifest::parse_manifests(text);
    }
});
