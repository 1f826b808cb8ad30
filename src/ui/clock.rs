//! The playback clock: while playing, every `requestAnimationFrame` dispatches the wall-clock
//! time since the previous animation frame as a tick, so the playhead moves once per display
//! frame. The simulation never sees this clock: a tick only moves the playhead.

use crate::app::{AppAction, AppState};
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::UseReducerDispatcher;

/// The JavaScript callback handed to `requestAnimationFrame` (its argument: the frame's time).
type FrameCallback = Closure<dyn FnMut(f64)>;

/// Drives [`AppAction::Tick`] from animation frames.
pub struct FrameClock {
    inner: Rc<Inner>,
}

struct Inner {
    playing: Cell<bool>,
    /// The id of the requested animation frame, if one is pending.
    pending: Cell<Option<i32>>,
    /// The previous animation frame's timestamp.
    last: Cell<Option<f64>>,
    callback: RefCell<Option<FrameCallback>>,
    dispatch: UseReducerDispatcher<AppState>,
}

impl Inner {
    fn request(&self) {
        if self.pending.get().is_some() {
            return;
        }
        let id = web_sys::window().and_then(|w| {
            let cb = self.callback.borrow();
            let f = cb.as_ref()?.as_ref().unchecked_ref();
            w.request_animation_frame(f).ok()
        });
        self.pending.set(id);
    }

    fn on_frame(&self, ts: f64) {
        self.pending.set(None);
        if !self.playing.get() {
            self.last.set(None);
            return;
        }
        if let Some(prev) = self.last.replace(Some(ts)) {
            self.dispatch.dispatch(AppAction::Tick(ts - prev));
        }
        // The tick may have stopped playback (the end of the run).
        if self.playing.get() {
            self.request();
        }
    }
}

impl FrameClock {
    /// A stopped clock that will dispatch to `dispatch`.
    pub fn new(dispatch: UseReducerDispatcher<AppState>) -> FrameClock {
        let inner = Rc::new(Inner {
            playing: Cell::new(false),
            pending: Cell::new(None),
            last: Cell::new(None),
            callback: RefCell::new(None),
            dispatch,
        });
        let weak: Weak<Inner> = Rc::downgrade(&inner);
        let callback = FrameCallback::new(move |ts: f64| {
            if let Some(inner) = weak.upgrade() {
                inner.on_frame(ts);
            }
        });
        *inner.callback.borrow_mut() = Some(callback);
        FrameClock { inner }
    }

    /// Starts or stops the ticks.
    pub fn set_playing(&self, playing: bool) {
        self.inner.playing.set(playing);
        if playing {
            self.inner.request();
        } else {
            self.inner.last.set(None);
            self.cancel();
        }
    }

    fn cancel(&self) {
        if let (Some(id), Some(w)) = (self.inner.pending.take(), web_sys::window()) {
            let _ = w.cancel_animation_frame(id);
        }
    }
}

impl Drop for FrameClock {
    fn drop(&mut self) {
        self.cancel();
    }
}
