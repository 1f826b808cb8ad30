//! Every word a learner reads, in English and Simplified Chinese: one typed catalogue. A message
//! is an enum variant (with its arguments) whose English and Chinese stand in one match arm, so
//! a missing translation does not compile. API messages (the API server's and kubectl's words)
//! stay verbatim, as on a real cluster.
//!
//! - [`Ui`]: the page's fixed labels, buttons, headings and accessible names;
//! - [`Say`]: sentences with numbers and names (counts with their plurals, a lesson's progress,
//!   the rollout board's and the cron ruler's explanations);
//! - [`trace`]: the trace's changes, syncs and decisions (their `Display` is the English);
//! - [`explain`]: a plain explanation of a manifest error, keyed on its type and field;
//! - [`notice`]: why a share link, a run or the page could not do what was asked.
//!
//! Nothing outside this module tree picks between the two languages itself (`tests/it/tidy.rs`).

pub mod explain;
pub mod notice;
mod say;
pub mod trace;
mod ui;

pub use explain::explain;
pub use say::Say;
pub use ui::Ui;

/// The UI language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// The code stored in preferences and URLs.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// Parses a stored code (anything starting with `zh` is Chinese).
    pub fn from_code(code: &str) -> Lang {
        if code.starts_with("zh") {
            Lang::Zh
        } else {
            Lang::En
        }
    }

    /// The `lang` attribute of the page.
    pub fn html(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    /// The other language (what the language button switches to).
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Zh,
            Lang::Zh => Lang::En,
        }
    }

    /// A fixed string of the page in this language.
    pub fn t(self, text: Ui) -> &'static str {
        text.get(self)
    }

    /// A sentence with arguments in this language.
    pub fn say(self, sentence: Say<'_>) -> String {
        sentence.text(self)
    }

    /// One of the two texts of a message (only the catalogue chooses).
    fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Zh => zh,
        }
    }
}

/// One message with arguments: only the chosen language's text is formatted.
fn tr(lang: Lang, en: impl FnOnce() -> String, zh: impl FnOnce() -> String) -> String {
    match lang {
        Lang::En => en(),
        Lang::Zh => zh(),
    }
}

/// Text that comes in both languages as data: lesson and scenario texts, the fidelity list,
/// the kubectl console's notes.
pub trait Bilingual {
    /// The English.
    fn en(&self) -> &str;
    /// The Chinese.
    fn zh(&self) -> &str;
    /// The text in `lang`.
    fn get(&self, lang: Lang) -> &str {
        lang.pick(self.en(), self.zh())
    }
}

impl Bilingual for crate::scenario::Localized {
    fn en(&self) -> &str {
        &self.en
    }
    fn zh(&self) -> &str {
        &self.zh
    }
}

/// A pair written as `(English, Chinese)` (the challenges' texts).
impl Bilingual for (&'static str, &'static str) {
    fn en(&self) -> &str {
        self.0
    }
    fn zh(&self) -> &str {
        self.1
    }
}

impl Bilingual for crate::fidelity::Entry {
    fn en(&self) -> &str {
        self.en
    }
    fn zh(&self) -> &str {
        self.zh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stored_code_should_choose_the_language() {
        assert_eq!(Lang::from_code("zh-CN"), Lang::Zh);
        assert_eq!(Lang::from_code("en-GB"), Lang::En);
        assert_eq!(Lang::from_code(Lang::Zh.code()), Lang::Zh);
        assert_eq!(Lang::En.other(), Lang::Zh);
    }
}
