//! How long the app model may compute in one go. The page installs its clock ([`install`]);
//! a [`Budget`] then says when a slice of engine work has had its time, so that no task keeps
//! the page from drawing for long, however costly the run's events are. Without a clock (the
//! native tests, the CLI) a budget is never spent and every slice runs whole, so the same
//! actions compute the same events everywhere. Slices never change a run, only when its parts
//! are computed.

use std::cell::RefCell;

thread_local! {
    static CLOCK: RefCell<Option<Box<dyn Fn() -> f64>>> = const { RefCell::new(None) };
}

/// Installs the clock budgets read (milliseconds, from any origin).
pub fn install(clock: Box<dyn Fn() -> f64>) {
    CLOCK.with(|c| *c.borrow_mut() = Some(clock));
}

fn now() -> Option<f64> {
    CLOCK.with(|c| c.borrow().as_ref().map(|f| f()))
}

/// Engine events run between two looks at the clock.
pub const CHUNK: usize = 8;

/// A span of wall-clock time that starts when the budget is made.
#[derive(Clone, Copy, Debug)]
pub struct Budget {
    deadline: Option<f64>,
}

impl Budget {
    /// A budget of `ms` milliseconds from now.
    pub fn ms(ms: f64) -> Budget {
        Budget {
            deadline: now().map(|t| t + ms),
        }
    }

    /// A budget that is never spent (work that must finish now).
    pub fn unbounded() -> Budget {
        Budget { deadline: None }
    }

    /// Whether the time is up (never without a clock).
    pub fn spent(&self) -> bool {
        match (self.deadline, now()) {
            (Some(deadline), Some(t)) => t >= deadline,
            _ => false,
        }
    }
}

/// Runs `step(n)` for at most `events` events in chunks of [`CHUNK`], until it reports the
/// work done or the budget is spent (at least one chunk runs). Returns whether the work is
/// done.
pub fn run_within(budget: Budget, events: usize, mut step: impl FnMut(usize) -> bool) -> bool {
    let mut left = events.max(1);
    loop {
        let n = left.min(CHUNK);
        if step(n) {
            return true;
        }
        left -= n;
        if left == 0 || budget.spent() {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::rc::Rc;

    #[test]
    fn without_a_clock_every_event_of_the_slice_should_run() {
        let mut ran = 0;
        let done = run_within(Budget::ms(0.0), 100, |n| {
            ran += n;
            false
        });
        assert!(!done);
        assert_eq!(ran, 100);
    }

    #[test]
    fn a_spent_budget_should_stop_after_the_chunk_that_spent_it() {
        let t = Rc::new(Cell::new(0.0));
        let clock = Rc::clone(&t);
        install(Box::new(move || clock.get()));
        let mut ran = 0;
        let done = run_within(Budget::ms(10.0), 1_000, |n| {
            ran += n;
            t.set(t.get() + 4.0);
            false
        });
        CLOCK.with(|c| *c.borrow_mut() = None);
        assert!(!done);
        // 4 ms per chunk: the third chunk reaches the 10 ms deadline.
        assert_eq!(ran, 3 * CHUNK);
        assert!(run_within(Budget::ms(1.0), 5, |_| true));
    }
}
