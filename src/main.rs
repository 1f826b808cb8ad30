//! The `podlab` binary: the Yew app in the browser, the headless runner everywhere else.

fn main() {}
