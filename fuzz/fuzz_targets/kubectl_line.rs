//! A kubectl console command line, run against the bare-pods scenario at 30 s.
#![no_main]
use libfuzzer_sys::fuzz_target;

thread_local! {
    static WORLD: podlab::world::World = {
        let text = podlab::builtin::find("bare-pods").map(|b| b.text).unwrap_or_default();
        let mut sim = podlab::engine::Sim::new(podlab::scenario::parse(text).expect("valid"));
        sim.run();
        sim.seek(podlab::sim::SimTime(30_000))
    };
}

fuzz_target!(|data: &[u8]| {
    if let Ok(line) = std::str::from_utf8(data) {
        WORLD.with(|w| {
            let ctx = podlab::kubectl::Context {
                world: w,
                stdin: line,
            };
            let _ = podlab::kubectl::run(line, &ctx);
            let _ = podlab::kubectl::complete(line, w);
        });
    }
});
