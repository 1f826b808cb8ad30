//! The Lessons region: every lesson as a button; once one is open, the player — progress,
//! the step's narration, the "predict what happens next" question, Back / Next, and a way back
//! to the step after experimenting.

use super::challenge::{ChallengeList, ChallengeOffer, ChallengePanel};
use crate::app::AppAction;
use crate::i18n::{Bilingual, Say, Ui};
use crate::lesson::{Focus, LESSONS};
use crate::ui::state::use_app;
use yew::prelude::*;

/// Text with `code` spans.
fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| {
            if i % 2 == 1 { html! { <code>{ part }</code> } } else { html! { { part } } }
        }) }
    }
}

/// Where a step's panel is on the page.
fn selector(focus: Focus) -> &'static str {
    match focus {
        Focus::Cluster => ".cluster",
        Focus::Timeline => ".timeline",
        Focus::Ticks => ".cron-rulers",
        Focus::Rollout => ".rollout-board",
        Focus::Controller => ".controller",
        Focus::ControlPlane => ".controlplane",
        Focus::Editor => ".editor",
        Focus::Events => ".events",
    }
}

/// On a projector, brings the step's panel just under the (sticky) lesson strip.
fn bring_into_view(focus: Focus) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let Some(doc) = window.document() else {
        return;
    };
    let find = |sel: &str| doc.query_selector(sel).ok().flatten();
    let (Some(panel), Some(strip)) = (find(selector(focus)), find(".lessons")) else {
        return;
    };
    let below = strip.get_bounding_client_rect().bottom() + 8.0;
    let top = panel.get_bounding_client_rect().top();
    window.scroll_by_with_x_and_y(0.0, top - below);
}

/// The lesson list and the lesson player.
#[component]
pub fn Lessons() -> Html {
    let state = &use_app();
    let lang = state.lang;
    // Each lesson's title and summary (in the first download; the lessons come on demand).
    let titles = use_memo((), |_| {
        LESSONS
            .iter()
            .map(|l| (l.title(), l.summary()))
            .collect::<Vec<_>>()
    });
    // A new step on a projector: its panel comes into view (after the page has drawn it).
    {
        let key = state
            .lesson
            .as_ref()
            .filter(|_| state.presenter)
            .map(|v| (v.id, v.step, v.answer_due(state.cursor), v.current().focus));
        // Again once the answer shows: the strip has grown.
        use_effect_with(key, |key| {
            if let Some((_, _, _, focus)) = key {
                bring_into_view(*focus);
            }
        });
    }
    let send = |action: AppAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    if state.challenge.is_some() {
        return html! { <ChallengePanel /> };
    }
    let Some(view) = &state.lesson else {
        return html! {
            <section class="lessons" aria-label={lang.t(Ui::Lessons)}>
                <h2>{ lang.t(Ui::Lessons) }</h2>
                <ol class="lesson-list">
                    { for LESSONS.iter().zip(titles.iter()).map(|(l, (title, summary))| html! {
                        <li><button class="lesson-link" title={format!("{} — {}", title.get(lang), summary.get(lang))} onclick={send(AppAction::OpenLesson(l.id.to_string()))}>{ title.get(lang) }</button></li>
                    }) }
                </ol>
                <ChallengeList />
            </section>
        };
    };
    let step = view.current();
    let k = view.step;
    let n = view.len();
    let on_step = state.on_lesson_step();
    let predict = step.predict.as_ref().map(|p| {
        let answered = view.revealed;
        html! {
            <div class="predict" role="group" aria-label={lang.t(Ui::Predict)}>
                <p class="question"><strong>{ lang.t(Ui::PredictLabel) }</strong>{ rich(p.question.get(lang)) }</p>
                <div class="choices">
                    { for p.choices.iter().enumerate().map(|(i, c)| {
                        let class = classes!(
                            "choice",
                            (answered && i == p.answer).then_some("right"),
                            (answered && view.choice == Some(i) && i != p.answer).then_some("wrong"),
                        );
                        html! {
                            <button {class} disabled={answered} onclick={send(AppAction::Answer(i))}>
                                <kbd>{ i + 1 }</kbd>{ " " }{ rich(c.get(lang)) }
                            </button>
                        }
                    }) }
                </div>
                if answered && view.answer_due(state.cursor) {
                    <p class="explain" role="status">
                        if let Some(c) = view.choice {
                            <strong>{ lang.t(if c == p.answer { Ui::Right } else { Ui::NotQuite }) }</strong>
                        }
                        { rich(p.explain.get(lang)) }
                    </p>
                }
            </div>
        }
    });
    let show_text = view.answer_due(state.cursor);
    html! {
        <section class="lessons player" aria-label={lang.t(Ui::Lessons)}>
            <header>
                <h2>{ view.lesson.title.get(lang) }</h2>
                <span class="progress-text">{ lang.say(Say::StepOf { k: k + 1, n }) }</span>
                <ol class="lesson-progress" aria-label={lang.t(Ui::LessonProgress)}>
                    { for (0..n).map(|i| html! {
                        <li class={classes!((i < k).then_some("done"), (i == k).then_some("current"))}>
                            <button aria-label={lang.say(Say::StepNumber(i + 1))} aria-current={(i == k).then_some("step")} onclick={send(AppAction::LessonStep(i))}></button>
                        </li>
                    }) }
                </ol>
                <div class="nav">
                    <button aria-label={lang.t(Ui::Back)} disabled={k == 0} onclick={send(AppAction::LessonStep(k.saturating_sub(1)))}>{ "‹ " }{ lang.t(Ui::Back) }</button>
                    <button aria-label={lang.t(Ui::Next)} class="primary" disabled={k + 1 >= n} onclick={send(AppAction::LessonStep(k + 1))}>{ lang.t(Ui::Next) }{ " ›" }</button>
                    if !on_step {
                        <button onclick={send(AppAction::ResumeLesson)}>{ lang.t(Ui::ResumeStep) }</button>
                    }
                    <button aria-label={lang.t(Ui::CloseLesson)} title={lang.t(Ui::CloseLesson)} onclick={send(AppAction::CloseLesson)}>{ "×" }</button>
                </div>
            </header>
            <div class="step">
                <h3>{ rich(step.title.get(lang)) }</h3>
                { predict.unwrap_or_default() }
                if show_text {
                    <p class="narration">{ rich(step.text.get(lang)) }</p>
                }
                if !on_step {
                    <p class="muted">{ lang.t(Ui::Experimenting) }</p>
                }
                if k + 1 == n && show_text {
                    <ChallengeOffer lesson={view.id} />
                }
            </div>
        </section>
    }
}
