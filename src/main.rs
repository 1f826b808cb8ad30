//! The `podlab` binary: the Yew app in the browser, the headless runner everywhere else.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    std::process::exit(podlab::cli::run());
}

#[cfg(target_arch = "wasm32")]
fn main() {
    podlab::ui::panic::install();
    podlab::ui::compute::install_clock();
    podlab::ui::prerender::take_over();
    yew::Renderer::<podlab::ui::App>::new().render();
}
