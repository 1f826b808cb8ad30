//! Styles set through the CSSOM instead of `style` attributes, which the page's
//! Content-Security-Policy (`default-src 'self'`, so no inline styles) refuses.

use yew::prelude::*;

/// Sets CSS properties on the element behind `node` after every render (a re-created element
/// gets them again). Values are computed by the app, never taken from user text.
#[hook]
pub fn use_style(node: &NodeRef, properties: Vec<(&'static str, String)>) {
    let node = node.clone();
    use_effect(move || {
        if let Some(el) = node.cast::<web_sys::HtmlElement>() {
            let style = el.style();
            for (name, value) in &properties {
                let _ = style.set_property(name, value);
            }
        }
    });
}

/// Props of [`PlayheadLine`].
#[derive(Properties, PartialEq)]
pub struct PlayheadLineProps {
    /// Distance from the left edge, in percent of the chart.
    pub left: f64,
    /// A `data-testid`, when tests look for this line.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
}

/// The vertical line that marks the playhead on a chart.
#[component]
pub fn PlayheadLine(props: &PlayheadLineProps) -> Html {
    let node = use_node_ref();
    use_style(&node, vec![("left", format!("{:.3}%", props.left))]);
    html! { <div class="playhead-line" ref={node} data-testid={props.testid.clone()}></div> }
}
