//! The challenges: their list (each marked once this browser has solved it), the offer at a
//! lesson's end, and the open challenge — goal, hints one at a time, Check, and the verdict
//! with a button to the moment it names. Solved challenges are remembered in localStorage.

use crate::app::{AppAction, Checked};
use crate::challenge::{clock, Attempt, CHALLENGES};
use crate::i18n::{Bilingual, Lang, Say, Ui};
use crate::ui::state::use_app;
use yew::prelude::*;

const SOLVED_KEY: &str = "podlab.challenges.solved";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The challenges this browser has solved.
pub fn solved() -> Vec<String> {
    storage()
        .and_then(|s| s.get_item(SOLVED_KEY).ok().flatten())
        .map(|v| {
            v.split(',')
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

/// Remembers that a challenge is solved.
pub fn remember_solved(id: &str) {
    let mut ids = solved();
    if !ids.iter().any(|i| i == id) {
        ids.push(id.to_string());
        if let Some(s) = storage() {
            let _ = s.set_item(SOLVED_KEY, &ids.join(","));
        }
    }
}

/// A button that opens a challenge, marked when solved.
fn open_button(
    id: &'static str,
    title: &str,
    solved: bool,
    lang: Lang,
    d: &yew::UseReducerDispatcher<crate::app::AppState>,
) -> Html {
    let d = d.clone();
    let onclick =
        Callback::from(move |_: MouseEvent| d.dispatch(AppAction::OpenChallenge(id.to_string())));
    let label = if solved {
        format!("{title} ✓ {}", lang.t(Ui::Solved))
    } else {
        title.to_string()
    };
    html! {
        <li><button class={classes!("lesson-link", "challenge-link", solved.then_some("solved"))} data-challenge={id} aria-label={label} {onclick}>
            { title }{ if solved { " ✓" } else { "" } }
        </button></li>
    }
}

/// The list of challenges (in the Lessons strip).
#[component]
pub fn ChallengeList() -> Html {
    let state = &use_app();
    let lang = state.lang;
    let done = solved();
    html! {
        <div class="challenge-list">
            <h2>{ lang.t(Ui::Challenges) }</h2>
            <ol class="lesson-list">
                { for CHALLENGES.iter().map(|c| open_button(c.id, c.title(lang), done.iter().any(|d| d == c.id), lang, &state.dispatcher())) }
            </ol>
        </div>
    }
}

/// Props of [`ChallengeOffer`].
#[derive(Properties, PartialEq)]
pub struct OfferProps {
    /// The lesson whose end it is.
    pub lesson: &'static str,
}

/// The challenges that follow a lesson, offered at its last step.
#[component]
pub fn ChallengeOffer(props: &OfferProps) -> Html {
    let state = &use_app();
    let lang = state.lang;
    let done = solved();
    let these: Vec<_> = CHALLENGES
        .iter()
        .filter(|c| c.lesson == props.lesson)
        .collect();
    if these.is_empty() {
        return html! {};
    }
    html! {
        <div class="challenge-offer">
            <strong>{ lang.t(Ui::TryYourself) }</strong>
            <ol class="lesson-list">
                { for these.iter().map(|c| open_button(c.id, c.title(lang), done.iter().any(|d| d == c.id), lang, &state.dispatcher())) }
            </ol>
        </div>
    }
}

/// The open challenge.
#[component]
pub fn ChallengePanel() -> Html {
    let state = &use_app();
    let lang = state.lang;
    let Some(view) = &state.challenge else {
        return html! {};
    };
    let c = view.challenge();
    let send = |action: AppAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    let verdict = view.verdict.as_deref().map(|v| match v {
        Checked::Judged(j) => html! {
            <div class={classes!("verdict-box", if j.passed { "passed" } else { "failed" })} role="status" data-testid="challenge-verdict">
                <strong>{ if j.passed { format!("✓ {}", lang.t(Ui::Solved)) } else { format!("✗ {}", lang.t(Ui::NotSolved)) } }</strong>
                <ul>
                    { for j.findings.iter().map(|f| html! {
                        <li>
                            { f.text.get(lang) }
                            if let Some(t) = f.at {
                                { " " }
                                <button class="goto" onclick={send(AppAction::Seek(t))}>{ lang.say(Say::GoTo(&clock(t))) }</button>
                            }
                        </li>
                    }) }
                </ul>
            </div>
        },
        Checked::Invalid(e) => html! {
            <div class="verdict-box failed" role="status" data-testid="challenge-verdict">
                <strong>{ lang.t(Ui::AttemptRefused) }</strong>
                <pre>{ e.clone() }</pre>
            </div>
        },
    });
    let n = c.hints.len();
    html! {
        <section class="lessons player challenge" aria-label={lang.t(Ui::Challenges)}>
            <header>
                <h2>{ lang.t(Ui::Challenge) }{ ": " }{ c.title(lang) }</h2>
                if view.solved() {
                    <span class="progress-text">{ "✓ " }{ lang.t(Ui::Solved) }</span>
                }
                <div class="nav">
                    if view.hints < n {
                        <button onclick={send(AppAction::ChallengeHint)}>{ lang.t(Ui::ShowHint) }</button>
                    }
                    <button class="primary" onclick={send(AppAction::CheckChallenge)}>{ lang.t(Ui::Check) }</button>
                    <button aria-label={lang.t(Ui::CloseChallenge)} title={lang.t(Ui::CloseChallenge)} onclick={send(AppAction::CloseChallenge)}>{ "×" }</button>
                </div>
            </header>
            <div class="step">
                <p class="narration"><strong>{ lang.t(Ui::Goal) }{ ": " }</strong>{ c.goal(lang) }</p>
                if c.attempt == Attempt::Kubectl {
                    <p class="muted">{ lang.t(Ui::AnswerInConsole) }</p>
                }
                if view.hints > 0 {
                    <ul class="hints">
                        { for c.hints.iter().take(view.hints).enumerate().map(|(i, h)| html! {
                            <li><span class="muted">{ lang.say(Say::HintOf { k: i + 1, n }) }{ ": " }</span>{ h.get(lang) }</li>
                        }) }
                    </ul>
                }
                { verdict.unwrap_or_default() }
            </div>
        </section>
    }
}
