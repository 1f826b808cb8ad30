//! The app's model (`crate::app`) in Yew: `AppState` as a `Reducible`, and the context that
//! hands it to every component (`use_app`), as Yew's `contexts` example does.

use crate::app::{AppAction, AppState};
use std::ops::Deref;
use std::rc::Rc;
use yew::prelude::*;

impl Reducible for AppState {
    type Action = AppAction;

    fn reduce(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        AppState::update(self, action)
    }
}

/// The app state as components receive it: the reducer's handle, equal only to itself. A
/// change is a new state (a new `Rc`) and a no-op returns the same one, so comparing by identity
/// misses no field.
#[derive(Clone)]
pub struct AppContext(pub UseReducerHandle<AppState>);

impl PartialEq for AppContext {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq::<AppState>(&*self.0, &*other.0)
    }
}

impl Deref for AppContext {
    type Target = UseReducerHandle<AppState>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

/// The app state, from the `ContextProvider` the root component puts around every component.
#[hook]
pub fn use_app() -> AppContext {
    use_context::<AppContext>().expect("every component is inside the app's ContextProvider")
}
