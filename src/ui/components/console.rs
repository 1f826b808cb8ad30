//! The kubectl console: a textbox named "kubectl" that runs a command on Enter against the
//! cluster at the playhead, with kubectl's output, ↑/↓ history, Tab completion, `-w` rows that
//! keep coming as the playhead moves, and Ctrl+C to stop them. Changing commands fork the run.

use crate::app::AppAction;
use crate::i18n::Ui;
use crate::kubectl::Watch;
use crate::ui::state::use_app;
use web_sys::HtmlInputElement;
use yew::prelude::*;

/// The most commands kept in the scrollback.
const SCROLLBACK: usize = 200;

/// One command and what it printed.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    line: String,
    stdout: String,
    stderr: String,
}

/// The console panel.
#[component]
pub fn Console() -> Html {
    let state = &use_app();
    let lang = state.lang;
    let entries = use_state(Vec::<Entry>::new);
    let history = use_mut_ref(Vec::<String>::new);
    let position = use_mut_ref(|| 0usize);
    let watch = use_mut_ref(|| None::<Box<Watch>>);
    let input = use_node_ref();
    let output = use_node_ref();
    // A running `get -w` prints the rows that changed whenever the playhead moves.
    {
        let (state, watch, entries) = (state.clone(), watch.clone(), entries.clone());
        use_effect_with(state.frame.clone(), move |_| {
            let mut w = watch.borrow_mut();
            if let Some(w) = w.as_mut() {
                let lines = state.poll_watch(w);
                if !lines.is_empty() {
                    let mut list = (*entries).clone();
                    if let Some(last) = list.last_mut() {
                        last.stdout.push_str(&lines);
                    }
                    entries.set(list);
                }
            }
        });
    }
    // Keep the newest output in view.
    {
        let output = output.clone();
        use_effect_with(entries.len(), move |_| {
            if let Some(el) = output.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let onkeydown = {
        let (state, entries, history, position, watch, input) = (
            state.clone(),
            entries.clone(),
            history.clone(),
            position.clone(),
            watch.clone(),
            input.clone(),
        );
        Callback::from(move |e: KeyboardEvent| {
            e.stop_propagation();
            let Some(el) = input.cast::<HtmlInputElement>() else {
                return;
            };
            match e.key().as_str() {
                "Enter" => {
                    let line = el.value();
                    let trimmed = line.trim().to_string();
                    *watch.borrow_mut() = None;
                    if trimmed.is_empty() {
                        return;
                    }
                    el.set_value("");
                    let run = {
                        let (state, entries, history, position, watch) = (
                            state.clone(),
                            entries.clone(),
                            history.clone(),
                            position.clone(),
                            watch.clone(),
                        );
                        move |trimmed: String, failed: Option<String>| {
                            let (stdout, stderr) = match failed {
                                Some(why) => (String::new(), why),
                                None => {
                                    let mut out = state.kubectl(&trimmed);
                                    *watch.borrow_mut() = out.watch.take();
                                    if !out.changes.is_empty() {
                                        state.dispatch(AppAction::Console(std::mem::take(
                                            &mut out.changes,
                                        )));
                                    }
                                    (out.stdout.clone(), out.stderr_in(state.lang))
                                }
                            };
                            let mut list = (*entries).clone();
                            list.push(Entry {
                                line: trimmed.clone(),
                                stdout,
                                stderr,
                            });
                            if list.len() > SCROLLBACK {
                                list.remove(0);
                            }
                            entries.set(list);
                            let mut h = history.borrow_mut();
                            if h.last() != Some(&trimmed) {
                                h.push(trimmed);
                            }
                            *position.borrow_mut() = h.len();
                        }
                    };
                    // A line that needs a file fetched on demand (a timeZone named, `explain`)
                    // runs once the file is in.
                    if let Some(asset) = crate::app::for_console(&trimmed, &state.text) {
                        let lang = state.lang;
                        yew::platform::spawn_local(async move {
                            let failed = crate::ui::assets::ensure(asset)
                                .await
                                .err()
                                .map(|why| crate::ui::assets::failed(asset, &why, lang));
                            run(trimmed, failed);
                        });
                    } else {
                        run(trimmed, None);
                    }
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let h = history.borrow();
                    let mut p = position.borrow_mut();
                    if e.key() == "ArrowUp" {
                        *p = p.saturating_sub(1);
                    } else {
                        *p = (*p + 1).min(h.len());
                    }
                    el.set_value(h.get(*p).map(String::as_str).unwrap_or(""));
                }
                "Tab" => {
                    let line = el.value();
                    let options = if line.trim().is_empty() {
                        Vec::new()
                    } else {
                        state.complete(&line)
                    };
                    // Nothing to complete: Tab moves on, as everywhere else (no keyboard trap).
                    if options.is_empty() {
                        return;
                    }
                    e.prevent_default();
                    match options.as_slice() {
                        [one] => {
                            let keep = match line.rfind(' ') {
                                Some(i) if !line.ends_with(' ') => &line[..=i],
                                _ if line.ends_with(' ') => line.as_str(),
                                _ => "",
                            };
                            el.set_value(&format!("{keep}{one} "));
                        }
                        many => {
                            let mut list = (*entries).clone();
                            list.push(Entry {
                                line: line.clone(),
                                stdout: many.join("  ") + "\n",
                                stderr: String::new(),
                            });
                            entries.set(list);
                        }
                    }
                }
                "c" if e.ctrl_key() && watch.borrow().is_some() => {
                    *watch.borrow_mut() = None;
                    e.prevent_default();
                    let mut list = (*entries).clone();
                    if let Some(last) = list.last_mut() {
                        last.stdout.push_str("^C\n");
                    }
                    entries.set(list);
                }
                _ => {}
            }
        })
    };
    let onclear = {
        let entries = entries.clone();
        Callback::from(move |_: MouseEvent| entries.set(Vec::new()))
    };
    let watching = watch.borrow().is_some();
    html! {
        <section class="console" aria-label={lang.t(Ui::Console)}>
            <header>
                <h2>{ lang.t(Ui::Console) }</h2>
                <span class="muted">{ lang.t(Ui::ConsoleHint) }</span>
                <button aria-label={lang.t(Ui::ClearConsole)} onclick={onclear}>{ lang.t(Ui::Clear) }</button>
            </header>
            <pre class="console-output" ref={output} aria-live="polite">
                { for entries.iter().map(|e| html! {
                    <>
                        <span class="prompt">{ format!("$ kubectl {}\n", e.line.strip_prefix("kubectl ").unwrap_or(&e.line)) }</span>
                        { e.stdout.clone() }
                        if !e.stderr.is_empty() {
                            <span class="stderr">{ e.stderr.clone() }</span>
                        }
                    </>
                }) }
            </pre>
            <div class="console-input">
                <span class="prompt">{ "$ kubectl" }</span>
                <input ref={input} type="text" aria-label="kubectl" placeholder="get pods -o wide" spellcheck="false" autocomplete="off" {onkeydown} />
                if watching {
                    <span class="muted">{ lang.t(Ui::Watching) }</span>
                }
            </div>
        </section>
    }
}
