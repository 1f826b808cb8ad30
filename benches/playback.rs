//! Playback benchmark: what one animation frame of the app costs natively on the 1,000-pod
//! stress scenario — the whole run, then seeking and building frames tick by tick.
//! Run with `cargo bench --bench playback`; prints one JSON object.

// A benchmark measures wall time; the simulation it measures never reads it.
#![allow(clippy::disallowed_methods)]

use podlab::engine::{Cursor, Sim};
use podlab::frame::{frame_of, Player, Views};
use podlab::sim::SimTime;
use std::time::Instant;

fn main() {
    let text = include_str!("../tests/scenarios/stress-1000-pods.yaml");
    let scenario = podlab::scenario::parse(text).expect("stress scenario parses");
    let t0 = Instant::now();
    let mut sim = Sim::new(scenario);
    sim.run();
    let run_ms = t0.elapsed().as_secs_f64() * 1e3;
    // Playing at 4x on a 60 Hz display: 67 virtual ms per frame, over the first 90 s.
    let ticks: Vec<SimTime> = (0..1350).map(|i| SimTime(i * 67)).collect();
    let (mut seek_ms, mut cursor_ms, mut frame_ms) = (Vec::new(), Vec::new(), Vec::new());
    let mut cursor = Cursor::default();
    for t in &ticks {
        let s = Instant::now();
        std::hint::black_box(sim.seek(*t));
        seek_ms.push(s.elapsed().as_secs_f64() * 1e3);
        let s = Instant::now();
        let world = sim.seek_cursor(&mut cursor, *t);
        cursor_ms.push(s.elapsed().as_secs_f64() * 1e3);
        let s = Instant::now();
        let f = frame_of(world, &sim, 12, &mut Views::default());
        std::hint::black_box(f);
        frame_ms.push(s.elapsed().as_secs_f64() * 1e3);
    }
    // What the app does per animation frame: cursor plus frame reuse.
    let mut player = Player::default();
    let mut app_ms = Vec::new();
    for t in &ticks {
        let s = Instant::now();
        std::hint::black_box(player.frame_at(&sim, *t, 12));
        app_ms.push(s.elapsed().as_secs_f64() * 1e3);
    }
    let stat = |xs: &mut Vec<f64>| {
        xs.sort_by(f64::total_cmp);
        let q = |p: f64| xs[((xs.len() - 1) as f64 * p) as usize];
        format!(
            "{{\"median\": {:.3}, \"p95\": {:.3}, \"max\": {:.3}}}",
            q(0.5),
            q(0.95),
            q(1.0)
        )
    };
    println!(
        "{{\"scenario\": \"stress-1000-pods\", \"run_ms\": {run_ms:.1}, \"seek_ms\": {}, \"cursor_ms\": {}, \"frame_ms\": {}, \"app_frame_ms\": {}}}",
        stat(&mut seek_ms),
        stat(&mut cursor_ms),
        stat(&mut frame_ms),
        stat(&mut app_ms)
    );
}
