//! Embeds for course pages: which panel an embedded podlab shows (and whether its editor), as
//! the page address's query says (`?embed=timeline&editor=1`, the moment itself in the share
//! fragment), and the `<iframe>` snippet the Embed dialog writes.

/// The one panel an embed shows beside the cluster.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// The timeline of pods.
    Timeline,
    /// The CronJob tick ruler.
    Ticks,
    /// The DaemonSet rollout board.
    Rollout,
    /// The controller panels and the control plane.
    Controller,
    /// Only the cluster.
    Cluster,
}

impl Panel {
    /// Every panel, in the order the dialog offers them.
    pub const ALL: [Panel; 5] = [
        Panel::Timeline,
        Panel::Ticks,
        Panel::Rollout,
        Panel::Controller,
        Panel::Cluster,
    ];

    /// Its word in the address.
    pub fn code(self) -> &'static str {
        match self {
            Panel::Timeline => "timeline",
            Panel::Ticks => "ticks",
            Panel::Rollout => "rollout",
            Panel::Controller => "controller",
            Panel::Cluster => "cluster",
        }
    }

    /// The panel a word names.
    pub fn from_code(code: &str) -> Option<Panel> {
        Panel::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// How an embedded page looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Embed {
    /// The panel beside the cluster.
    pub panel: Panel,
    /// Whether the editor is shown.
    pub editor: bool,
}

impl Embed {
    /// The embed a page address's query (`?embed=…&editor=1`) asks for, if any. An unknown
    /// panel shows only the cluster.
    pub fn parse(query: &str) -> Option<Embed> {
        let query = query.strip_prefix('?').unwrap_or(query);
        let mut panel = None;
        let mut editor = false;
        for pair in query.split('&') {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            match k {
                "embed" => panel = Some(Panel::from_code(v).unwrap_or(Panel::Cluster)),
                "editor" => editor = v == "1",
                _ => {}
            }
        }
        panel.map(|panel| Embed { panel, editor })
    }

    /// The query that asks for this embed.
    pub fn query(&self) -> String {
        let editor = if self.editor { "&editor=1" } else { "" };
        format!("?embed={}{editor}", self.panel.code())
    }

    /// The `<iframe>` for a course page: `page` is the app's address without query or
    /// fragment, `fragment` the moment's share link (`#share=…`), `title` the frame's
    /// accessible name.
    pub fn snippet(&self, page: &str, fragment: &str, title: &str) -> String {
        let height = if self.editor { 820 } else { 600 };
        format!(
            "<iframe src=\"{}\" title=\"{}\" width=\"100%\" height=\"{height}\" loading=\"lazy\" style=\"border:1px solid #d0d7e2;border-radius:8px\"></iframe>",
            attr(&format!("{page}{}{fragment}", self.query())),
            attr(title)
        )
    }
}

/// Text as an HTML attribute value.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_query_should_round_trip_and_the_snippet_should_escape() {
        for panel in Panel::ALL {
            for editor in [false, true] {
                let e = Embed { panel, editor };
                assert_eq!(Embed::parse(&e.query()), Some(e));
            }
        }
        assert_eq!(Embed::parse(""), None);
        assert_eq!(Embed::parse("?lang=zh"), None);
        assert_eq!(
            Embed::parse("?embed=nonsense"),
            Some(Embed {
                panel: Panel::Cluster,
                editor: false
            })
        );
        let e = Embed {
            panel: Panel::Timeline,
            editor: true,
        };
        let s = e.snippet(
            "https://x.example/podlab/",
            "#share=abc",
            "podlab: \"pi\" <Job>",
        );
        assert!(
            s.starts_with(
                "<iframe src=\"https://x.example/podlab/?embed=timeline&amp;editor=1#share=abc\""
            ),
            "{s}"
        );
        assert!(
            s.contains("title=\"podlab: &quot;pi&quot; &lt;Job&gt;\""),
            "{s}"
        );
    }
}
