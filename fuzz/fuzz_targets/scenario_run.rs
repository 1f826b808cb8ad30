//! A scenario file → a bounded run: parse, then simulate at most one minute of virtual time.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(s) = podlab::scenario::parse(text) {
        let until = s.until.min(podlab::sim::SimTime(60_000));
        let mut sim = podlab::engine::Sim::headless(s);
        sim.run_until(until);
    }
});
