//! The compute driver: while a run is being computed ([`AppAction::Compute`]), it asks for one
//! slice per task (a zero-delay timeout, so the page draws and answers between slices); the app
//! model stops each slice when its time is up ([`crate::app::SLICE_MS`]), by the page's clock
//! that [`install_clock`] gives it.

use crate::app::{AppAction, AppState};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::UseReducerDispatcher;

/// The most engine events one slice may run (its time budget stops it much sooner).
const MAX_EVENTS: usize = 200_000;

/// Gives the app model the page's clock (`performance.now()`), so that the work one action or
/// slice does in a task is bounded in time ([`crate::app::budget`]).
pub fn install_clock() {
    crate::app::budget::install(Box::new(now));
}

/// Drives [`AppAction::Compute`] while the state has a run to compute.
pub struct ComputeDriver {
    inner: Rc<Inner>,
}

struct Inner {
    computing: Cell<bool>,
    /// The pending timeout's id.
    pending: Cell<Option<i32>>,
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
        // The reducer runs inside `dispatch`; drawing the new state follows in this task.
        self.dispatch.dispatch(AppAction::Compute(MAX_EVENTS));
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
