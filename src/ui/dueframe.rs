//! Crowded frames in tasks of their own: when a seek leaves its frame due
//! ([`AppState::frame_due`], a run with hundreds of pods at once), one zero-delay task builds
//! the frame and the next one draws it, so that neither the click, nor the build, nor the
//! redraw of a thousand pods holds the page for 50 ms.

use super::timer::sleep;
use crate::app::AppState;
use yew::UseReducerHandle;

/// Builds, then shows, the frame `state` left due, each in a task of its own.
pub fn schedule(state: UseReducerHandle<AppState>) {
    yew::platform::spawn_local(async move {
        sleep(0).await;
        if let Some(show) = state.due_frame() {
            sleep(0).await;
            state.dispatch(show);
        }
    });
}
