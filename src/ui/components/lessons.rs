//! The Lessons region: every lesson as a button; once one is open, the player — progress,
//! the step's narration, the "predict what happens next" question, Back / Next, and a way back
//! to the step after experimenting.

use crate::i18n::Lang;
use crate::lesson::{self, LESSONS};
use crate::ui::state::{AppAction, AppState};
use yew::prelude::*;

/// Props of [`Lessons`].
#[derive(Properties, PartialEq)]
pub struct LessonsProps {
    /// The app state.
    pub state: UseReducerHandle<AppState>,
}

/// Text with `code` spans.
fn rich(text: &str) -> Html {
    html! {
        { for text.split('`').enumerate().map(|(i, part)| {
            if i % 2 == 1 { html! { <code>{ part }</code> } } else { html! { { part } } }
        }) }
    }
}

/// The lesson list and the lesson player.
#[component]
pub fn Lessons(props: &LessonsProps) -> Html {
    let state = &props.state;
    let lang = state.lang;
    // Each lesson's title, parsed once.
    let titles = use_memo((), |_| {
        LESSONS
            .iter()
            .map(|l| {
                lesson::parse(l.text)
                    .map(|p| (p.title, p.summary))
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
    });
    let send = |action: AppAction| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(action.clone()))
    };
    let Some(view) = &state.lesson else {
        return html! {
            <section class="lessons" aria-label="Lessons">
                <h2>{ lang.pick("Lessons", "课程") }</h2>
                <ol class="lesson-list">
                    { for LESSONS.iter().zip(titles.iter()).map(|(l, (title, summary))| html! {
                        <li><button class="lesson-link" title={lang.pick(&summary.en, &summary.zh).to_string()} onclick={send(AppAction::OpenLesson(l.id.to_string()))}>{ lang.pick(&title.en, &title.zh) }</button></li>
                    }) }
                </ol>
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
            <div class="predict" role="group" aria-label={lang.pick("Predict", "预测")}>
                <p class="question"><strong>{ lang.pick("Predict: ", "预测：") }</strong>{ rich(lang.pick(&p.question.en, &p.question.zh)) }</p>
                <div class="choices">
                    { for p.choices.iter().enumerate().map(|(i, c)| {
                        let class = classes!(
                            "choice",
                            (answered && i == p.answer).then_some("right"),
                            (answered && view.choice == Some(i) && i != p.answer).then_some("wrong"),
                        );
                        html! {
                            <button {class} disabled={answered} onclick={send(AppAction::Answer(i))}>
                                <kbd>{ i + 1 }</kbd>{ " " }{ rich(lang.pick(&c.en, &c.zh)) }
                            </button>
                        }
                    }) }
                </div>
                if answered {
                    <p class="explain" role="status">
                        if let Some(c) = view.choice {
                            <strong>{ if c == p.answer { lang.pick("Right. ", "答对了。") } else { lang.pick("Not quite. ", "不完全对。") } }</strong>
                        }
                        { rich(lang.pick(&p.explain.en, &p.explain.zh)) }
                    </p>
                }
            </div>
        }
    });
    let show_text = view.revealed || step.predict.is_none();
    html! {
        <section class="lessons player" aria-label="Lessons">
            <header>
                <h2>{ lang.pick(&view.lesson.title.en, &view.lesson.title.zh) }</h2>
                <span class="progress-text">{ match lang { Lang::En => format!("Step {} of {n}", k + 1), Lang::Zh => format!("第 {} 步，共 {n} 步", k + 1) } }</span>
                <ol class="lesson-progress" aria-label={lang.pick("Progress", "进度")}>
                    { for (0..n).map(|i| html! {
                        <li class={classes!((i < k).then_some("done"), (i == k).then_some("current"))}>
                            <button aria-label={format!("{} {}", lang.pick("Step", "步骤"), i + 1)} aria-current={(i == k).then_some("step")} onclick={send(AppAction::LessonStep(i))}></button>
                        </li>
                    }) }
                </ol>
                <div class="nav">
                    <button aria-label="Back" disabled={k == 0} onclick={send(AppAction::LessonStep(k.saturating_sub(1)))}>{ lang.pick("‹ Back", "‹ 上一步") }</button>
                    <button aria-label="Next" class="primary" disabled={k + 1 >= n} onclick={send(AppAction::LessonStep(k + 1))}>{ lang.pick("Next ›", "下一步 ›") }</button>
                    if !on_step {
                        <button aria-label="Resume lesson" onclick={send(AppAction::ResumeLesson)}>{ lang.pick("Resume this step", "回到这一步") }</button>
                    }
                    <button aria-label="Close lesson" title={lang.pick("Close the lesson", "关闭课程")} onclick={send(AppAction::CloseLesson)}>{ "×" }</button>
                </div>
            </header>
            <div class="step">
                <h3>{ rich(lang.pick(&step.title.en, &step.title.zh)) }</h3>
                { predict.unwrap_or_default() }
                if show_text {
                    <p class="narration">{ rich(lang.pick(&step.text.en, &step.text.zh)) }</p>
                }
                if !on_step {
                    <p class="muted">{ lang.pick("You are experimenting: the run has your changes. Resume this step to get back to the lesson's moment.", "你正在自己实验：运行里包含你的修改。点“回到这一步”即可回到课程的时刻。") }</p>
                }
            </div>
        </section>
    }
}
