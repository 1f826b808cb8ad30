//! The compute driver: while a run is being computed ([`AppAction::Compute`]), it asks for one
//! slice per task (a zero-delay timeout, so the page draws and answers between slices), each
//! sized from the measured speed of the last ones to take about [`SLICE_MS`].

use crate::app::{AppAction, AppState};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::UseReducerDispatcher;

/// Wall-clock milliseconds one slice of engine work should take (the rest of a 50 ms task
/// budget is left to drawing the frame).
const SLICE_MS: f64 = 12.0;
/// The first slice's size, before anything is measured.
const FIRST_EVENTS: f64 = 200.0;
/// Bounds of a slice, in engine events.
const MIN_EVENTS: f64 = 20.0;
const MAX_EVENTS: f64 = 200_000.0;

/// Drives [`AppAction::Compute`] while the state has a run to compute.
pub struct ComputeDriver {
    inner: Rc<Inner>,
}

struct Inner {
    computing: Cell<bool>,
    /// The pending timeout's id.
    pending: Cell<Option<i32>>,
    /// Engine events per wall-clock millisecond, as measured.
    rate: Cell<Option<f64>>,
    callback: RefCell<Option<Closure<dyn FnMut()>>>,
    dispatch: UseReducerDispatcher<AppState>,
}

fn now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

impl Inner {
    fn request(&self) {
        if self.pending.get().is_some() {
            return;
        }
        let id = web_sys::window().and_then(|w| {
            let cb = self.callback.borrow();
            let f = cb.as_ref()?.as_ref().unchecked_ref();
            w.set_timeout_with_callback_and_timeout_and_arguments_0(f, 0)
                .ok()
        });
        self.pending.set(id);
    }

    fn on_timeout(&self) {
        self.pending.set(None);
        if !self.computing.get() {
            return;
        }
        let events = self
            .rate
            .get()
            .map_or(FIRST_EVENTS, |r| r * SLICE_MS)
            .clamp(MIN_EVENTS, MAX_EVENTS);
        let start = now();
        // The reducer runs inside `dispatch`; drawing the new state follows in this task.
        self.dispatch.dispatch(AppAction::Compute(events as usize));
        let took = (now() - start).max(0.1);
        let measured = events / took;
        let rate = self.rate.get().map_or(measured, |r| (r + measured) / 2.0);
        self.rate.set(Some(rate));
        // The effect clears `computing` once the state has no run left to compute.
        self.request();
    }
}

impl ComputeDriver {
    /// A stopped driver that will dispatch to `dispatch`.
    pub fn new(dispatch: UseReducerDispatcher<AppState>) -> ComputeDriver {
        let inner = Rc::new(Inner {
            computing: Cell::new(false),
            pending: Cell::new(None),
            rate: Cell::new(None),
            callback: RefCell::new(None),
            dispatch,
        });
        let weak: Weak<Inner> = Rc::downgrade(&inner);
        let callback = Closure::<dyn FnMut()>::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.on_timeout();
            }
        });
        *inner.callback.borrow_mut() = Some(callback);
        ComputeDriver { inner }
    }

    /// Starts or stops asking for slices.
    pub fn set_computing(&self, computing: bool) {
        self.inner.computing.set(computing);
        if computing {
            self.inner.request();
        } else {
            self.cancel();
        }
    }

    fn cancel(&self) {
        if let (Some(id), Some(w)) = (self.inner.pending.take(), web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

impl Drop for ComputeDriver {
    fn drop(&mut self) {
        self.cancel();
    }
}
