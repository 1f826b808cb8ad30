//! Digests of the kubectl JSON of every built-in scenario at its end and of every lesson step
//! at its moment, shared by the native golden test and the wasm test so both sides compute
//! them the same way. FNV-1a (64 bits) is enough to catch any byte that differs.

use podlab::engine::Sim;
use podlab::output;

fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// `name digest` lines, one per built-in scenario and lesson step.
pub fn lines() -> String {
    let mut out = String::new();
    for b in podlab::builtin::BUILTINS {
        let mut sim = Sim::new(podlab::scenario::parse(b.text).expect("valid"));
        sim.run();
        let json = output::to_json(&output::snapshot(sim.world()));
        out.push_str(&format!("{} {:016x}\n", b.id, fnv(json.as_bytes())));
    }
    for l in podlab::lesson::LESSONS {
        let text = l.text().expect("the lessons are installed");
        let lesson = podlab::lesson::parse(text).expect("valid lesson");
        let stops = podlab::lesson::plan(&lesson).expect("playable lesson");
        for (k, stop) in stops.iter().enumerate() {
            let world = stop.sim.seek(stop.at);
            let json = output::to_json(&output::snapshot(&world));
            out.push_str(&format!(
                "lesson/{}/{} {:016x}\n",
                l.id,
                k + 1,
                fnv(json.as_bytes())
            ));
        }
    }
    out
}
