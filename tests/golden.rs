//! The golden JSON of the bare-pods scenario: native output must equal it byte for byte, and
//! `tests/web.rs` checks the same bytes in wasm. `UPDATE_EXPECT=1 cargo test` rewrites it.

use podlab::engine::Sim;
use podlab::output;

#[test]
fn bare_pods_json_should_equal_the_golden_file() {
    let text = include_str!("scenarios/bare-pods.yaml");
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    let json = output::to_json(&output::snapshot(sim.world()));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/bare-pods.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, &json).expect("writable fixture");
    }
    let golden =
        std::fs::read_to_string(path).expect("run with UPDATE_EXPECT=1 once to create the fixture");
    assert!(
        json == golden,
        "native JSON differs from tests/fixtures/bare-pods.json (UPDATE_EXPECT=1 to accept)"
    );
}
