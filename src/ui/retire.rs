//! Runs the page no longer shows are freed a piece at a time, in later tasks: freeing a long
//! run's history at once (the 1,000-pod scenario's: about 40 ms of wasm) would otherwise hold
//! up the task that replaced it. A run another part of the app still holds (a lesson's shared
//! run, say) is simply let go.

use crate::app::budget::Budget;
use crate::engine::{Sim, Teardown};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Milliseconds of freeing per task (by the page's clock, `ui/compute.rs` installs it).
const SLICE_MS: f64 = 6.0;
/// Milliseconds between two tasks of freeing (after the page has drawn).
const EVERY_MS: i32 = 40;
/// Tasks a retired run may still be held elsewhere before it is let go.
const PATIENCE: u32 = 50;

thread_local! {
    static RETIRED: RefCell<Vec<(Rc<Sim>, u32)>> = const { RefCell::new(Vec::new()) };
    static TEARING: RefCell<Vec<Teardown>> = const { RefCell::new(Vec::new()) };
    static SCHEDULED: Cell<bool> = const { Cell::new(false) };
}

/// Takes a run the page has stopped showing; it is freed in later tasks.
pub fn retire(sim: Rc<Sim>) {
    RETIRED.with(|r| r.borrow_mut().push((sim, 0)));
    schedule();
}

fn schedule() {
    if SCHEDULED.with(Cell::get) {
        return;
    }
    let tick = Closure::once_into_js(tick);
    let set = web_sys::window().and_then(|w| {
        w.set_timeout_with_callback_and_timeout_and_arguments_0(tick.unchecked_ref(), EVERY_MS)
            .ok()
    });
    SCHEDULED.with(|s| s.set(set.is_some()));
}

/// One task of freeing: runs no one else holds are taken apart, then pieces are freed until
/// the slice's time is up.
fn tick() {
    SCHEDULED.with(|s| s.set(false));
    let budget = Budget::ms(SLICE_MS);
    let held = RETIRED.with(|r| std::mem::take(&mut *r.borrow_mut()));
    let mut still = Vec::new();
    for (sim, tasks) in held {
        match Rc::try_unwrap(sim) {
            Ok(sim) => TEARING.with(|t| t.borrow_mut().push(sim.teardown())),
            Err(sim) if tasks < PATIENCE => still.push((sim, tasks + 1)),
            Err(_) => {}
        }
    }
    RETIRED.with(|r| r.borrow_mut().extend(still));
    TEARING.with(|t| {
        let mut t = t.borrow_mut();
        while let Some(last) = t.last_mut() {
            if !last.step() {
                t.pop();
            }
            if budget.spent() {
                break;
            }
        }
    });
    let left = RETIRED.with(|r| !r.borrow().is_empty()) || TEARING.with(|t| !t.borrow().is_empty());
    if left {
        schedule();
    }
}
