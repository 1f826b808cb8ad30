//! The timeline as a standalone SVG document for slides: one row per pod with its status
//! colours inline (no stylesheet needed), a time axis, and a title. Text is escaped.

use crate::engine::timeline::Timeline;
use crate::sim::{format_duration, SimTime};
use std::fmt::Write;

const WIDTH: f64 = 1000.0;
const LABEL: f64 = 170.0;
const ROW: f64 = 16.0;
const TOP: f64 = 28.0;

/// The page's colour for a kubectl STATUS.
fn colour(status: &str) -> &'static str {
    match status.to_ascii_lowercase().as_str() {
        "containercreating" => "#4f7fd9",
        "running" => "#2f9e61",
        "completed" => "#6c7a96",
        "crashloopbackoff" => "#e6892e",
        "terminating" => "#9b59b6",
        s if s == "error" || s.starts_with("exitcode") || s.contains("deadline") => "#d64545",
        _ => "#c9ced8",
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SVG of a run's timeline, `title` at the top, the axis running to `end`.
pub fn to_svg(timeline: &Timeline, end: SimTime, title: &str) -> String {
    let end_ms = end.0.max(1) as f64;
    let x = |t: SimTime| LABEL + (t.0 as f64 / end_ms) * (WIDTH - LABEL);
    let height = TOP + timeline.lanes.len() as f64 * ROW + 24.0;
    let mut out = String::new();
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" font-family="ui-monospace, monospace" font-size="10"><rect width="100%" height="100%" fill="#ffffff"/><text x="8" y="16" font-size="13" font-weight="bold" fill="#1d2330">{}</text>"##,
        escape(title)
    );
    for (row, lane) in timeline.lanes.iter().enumerate() {
        let y = TOP + row as f64 * ROW;
        let _ = write!(
            out,
            r##"<text x="8" y="{:.1}" fill="#1d2330">{}</text>"##,
            y + 11.0,
            escape(&lane.pod)
        );
        let stop = lane.gone.unwrap_or(end);
        for (i, (t, status)) in lane.segments.iter().enumerate() {
            let next = lane.segments.get(i + 1).map(|(n, _)| *n).unwrap_or(stop);
            let (x0, x1) = (x(*t), x(next.max(*t)));
            let _ = write!(
                out,
                r##"<rect x="{x0:.1}" y="{y:.1}" width="{:.1}" height="{}" fill="{}"><title>{} {} @ {}</title></rect>"##,
                (x1 - x0).max(0.8),
                ROW - 4.0,
                colour(status),
                escape(&lane.pod),
                escape(status),
                format_duration(t.0)
            );
        }
    }
    let axis = TOP + timeline.lanes.len() as f64 * ROW + 4.0;
    let _ = write!(
        out,
        r##"<line x1="{LABEL}" x2="{WIDTH}" y1="{axis:.1}" y2="{axis:.1}" stroke="#6b7385"/>"##
    );
    for i in 0..=4u64 {
        let t = SimTime(end.0 * i / 4);
        let _ = write!(
            out,
            r##"<text x="{:.1}" y="{:.1}" fill="#6b7385" text-anchor="{}">{}</text>"##,
            x(t),
            axis + 14.0,
            match i {
                0 => "start",
                4 => "end",
                _ => "middle",
            },
            format_duration(t.0)
        );
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::timeline::Lane;

    #[test]
    fn a_lane_should_become_coloured_rows_with_escaped_text() {
        let mut timeline = Timeline::default();
        timeline.lanes.push(Lane {
            pod: "pi-<x>&".into(),
            owner: None,
            node: Some("node-1".into()),
            segments: vec![
                (SimTime(0), "Pending".into()),
                (SimTime(1_000), "Running".into()),
                (SimTime(5_000), "Completed".into()),
            ],
            gone: None,
        });
        let svg = to_svg(&timeline, SimTime(10_000), "job-pi \"demo\"");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(svg.ends_with("</svg>"));
        assert!(svg.contains("pi-&lt;x&gt;&amp;") && !svg.contains("pi-<x>"));
        assert!(svg.contains("job-pi &quot;demo&quot;"));
        for fill in ["#c9ced8", "#2f9e61", "#6c7a96"] {
            assert!(svg.contains(&format!("fill=\"{fill}\"")), "{fill}");
        }
        assert_eq!(
            svg.matches("<rect").count(),
            4,
            "background + three segments"
        );
        assert!(
            svg.contains(">10s</text>"),
            "the axis ends at the run's end"
        );
    }
}
