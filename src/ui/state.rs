//! The app's model (`crate::app`) in Yew: `AppState` as a `Reducible`, and the context that
//! hands it to every component (`use_app`), as Yew's `contexts` example does.

use crate::app::{AppAction, AppState};
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        let next = AppState::update(Rc::clone(&self), action);
        // A run the new state no longer shows is freed later, a piece at a time.
        let runs = |s: &AppState| [s.sim.clone(), s.compare.as_ref().map(|c| Rc::clone(&c.sim))];
        let kept = runs(&next);
        for old in runs(&self).into_iter().flatten() {
            if !kept.iter().flatten().any(|k| Rc::ptr_eq(k, &old)) {
                super::retire::retire(old);
            }
        }
        next
    }
}

/// The app state as components receive it: the reducer's handle, and which state it showed
/// when the page rendered. A change is a new state (a new `Rc`) and a no-op keeps the same
/// one, so comparing that identity misses no field. (The handle itself always reads the newest
/// state, so it cannot tell two renders apart.)
#[derive(Clone)]
pub struct AppContext {
    handle: UseReducerHandle<AppState>,
    /// The address of the state rendered; the handle's own snapshot keeps it alive.
    shown: usize,
}

impl AppContext {
    /// The context for the state the handle shows now.
    pub fn new(handle: UseReducerHandle<AppState>) -> AppContext {
        let shown = std::ptr::from_ref::<AppState>(&handle) as usize;
        AppContext { handle, shown }
    }
}

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        self.shown == other.shown
    }
}

impl Deref for AppContext {
    type Target = UseReducerHandle<AppState>;

    fn deref(&self) -> &Self::Target {
        &self.handle
    }
}

/// The app state, from the `ContextProvider` the root component puts around every component.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("every component is inside the app's ContextProvider")
}
