//! Syntax highlighting for the editor: each line of a YAML text cut into classified pieces
//! (keys, strings, numbers, literals, comments, punctuation). It is a colouring, not a parser:
//! it never fails, and the pieces of a line always join back into the line.

/// What a piece of a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// Indentation and other spaces.
    Space,
    /// A mapping key (without its colon).
    Key,
    /// `:`, `- `, `---`, `|`, `>`, flow brackets.
    Punct,
    /// A quoted string, or a line of a block scalar.
    Str,
    /// A number.
    Num,
    /// `true`, `false`, `null`, `~`.
    Literal,
    /// An anchor or alias.
    Anchor,
    /// A comment.
    Comment,
    /// Any other scalar.
    Plain,
}

/// The pieces of each line of `text`.
pub fn highlight(text: &str) -> Vec<Vec<(Token, &str)>> {
    // Inside a block scalar (`key: |`): lines indented deeper than its key are text.
    let mut block: Option<usize> = None;
    text.split('\n')
        .map(|line| {
            let indent = line.len() - line.trim_start_matches(' ').len();
            if let Some(parent) = block {
                if line.trim().is_empty() || indent > parent {
                    return split_indent(line, indent, Token::Str);
                }
                block = None;
            }
            let pieces = line_pieces(line, indent);
            if opens_block(&pieces) {
                block = Some(indent);
            }
            pieces
        })
        .collect()
}

fn split_indent(line: &str, indent: usize, token: Token) -> Vec<(Token, &str)> {
    let (lead, rest) = line.split_at(indent);
    [(Token::Space, lead), (token, rest)]
        .into_iter()
        .filter(|(_, s)| !s.is_empty())
        .collect()
}

fn opens_block(pieces: &[(Token, &str)]) -> bool {
    pieces
        .iter()
        .rev()
        .find(|(t, _)| !matches!(t, Token::Space | Token::Comment))
        .is_some_and(|(t, s)| *t == Token::Punct && (s.starts_with('|') || s.starts_with('>')))
}

fn line_pieces(line: &str, indent: usize) -> Vec<(Token, &str)> {
    let mut out = Vec::new();
    let (lead, mut rest) = line.split_at(indent);
    if !lead.is_empty() {
        out.push((Token::Space, lead));
    }
    if rest.starts_with("---") || rest.starts_with("...") {
        out.push((Token::Punct, &rest[..3]));
        rest = &rest[3..];
    }
    while let Some(after) = rest.strip_prefix("- ").or((rest == "-").then_some("")) {
        out.push((Token::Punct, &rest[..rest.len() - after.len()]));
        rest = after;
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        if spaces > 0 {
            out.push((Token::Space, &rest[..spaces]));
            rest = &rest[spaces..];
        }
    }
    if let Some(colon) = key_end(rest) {
        out.push((Token::Key, &rest[..colon]));
        out.push((Token::Punct, ":"));
        rest = &rest[colon + 1..];
    }
    value_pieces(rest, &mut out);
    out
}

/// Where a `key:` ends (the colon's index), if the line starts with a key.
fn key_end(s: &str) -> Option<usize> {
    if s.starts_with(['#', '{', '[', '"', '\'', '|', '>']) {
        return None;
    }
    let bytes = s.as_bytes();
    (0..bytes.len()).find(|&i| {
        bytes[i] == b':' && bytes.get(i + 1).is_none_or(|b| *b == b' ') && !s[..i].contains(" #")
    })
}

fn value_pieces<'a>(mut rest: &'a str, out: &mut Vec<(Token, &'a str)>) {
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    if spaces > 0 {
        out.push((Token::Space, &rest[..spaces]));
        rest = &rest[spaces..];
    }
    if rest.is_empty() {
        return;
    }
    // A comment starts at `#` at the start or after a space, outside quotes.
    let comment = comment_start(rest);
    let (value, comment) = rest.split_at(comment.unwrap_or(rest.len()));
    let trimmed = value.trim_end_matches(' ');
    let trailing = &value[trimmed.len()..];
    if !trimmed.is_empty() {
        out.push((classify(trimmed), trimmed));
    }
    if !trailing.is_empty() {
        out.push((Token::Space, trailing));
    }
    if !comment.is_empty() {
        out.push((Token::Comment, comment));
    }
}

fn comment_start(s: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') if prev == ' ' || i == 0 => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev == ' ' || i == 0 => return Some(i),
            _ => {}
        }
        prev = c;
    }
    None
}

fn classify(v: &str) -> Token {
    match v {
        "true" | "false" | "True" | "False" | "null" | "Null" | "~" => Token::Literal,
        _ if v.starts_with(['"', '\'']) => Token::Str,
        _ if v.starts_with(['|', '>']) && v.len() <= 3 => Token::Punct,
        _ if v.starts_with(['&', '*']) => Token::Anchor,
        _ if v.starts_with(['{', '[']) => Token::Plain,
        _ if v.parse::<f64>().is_ok() => Token::Num,
        _ => Token::Plain,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(Token, String)> {
        highlight(line)[0]
            .iter()
            .map(|(t, s)| (*t, s.to_string()))
            .collect()
    }

    #[test]
    fn pieces_should_join_back_into_the_text() {
        let text = include_str!("../../tests/scenarios/job-pod-failure-policy.yaml");
        let lines = highlight(text);
        assert_eq!(lines.len(), text.split('\n').count());
        for (pieces, line) in lines.iter().zip(text.split('\n')) {
            assert_eq!(pieces.iter().map(|(_, s)| *s).collect::<String>(), line);
        }
    }

    #[test]
    fn keys_values_and_comments_should_be_told_apart() {
        use Token::*;
        let k = |t: Token, s: &str| (t, s.to_string());
        assert_eq!(
            kinds("  restartPolicy: Never # not Always"),
            vec![
                k(Space, "  "),
                k(Key, "restartPolicy"),
                k(Punct, ":"),
                k(Space, " "),
                k(Plain, "Never"),
                k(Space, " "),
                k(Comment, "# not Always")
            ]
        );
        assert_eq!(
            kinds("- {name: c, image: busybox}"),
            vec![k(Punct, "- "), k(Plain, "{name: c, image: busybox}")]
        );
        assert_eq!(
            kinds("completions: 12"),
            vec![
                k(Key, "completions"),
                k(Punct, ":"),
                k(Space, " "),
                k(Num, "12")
            ]
        );
        assert_eq!(kinds("suspend: true")[3], k(Literal, "true"));
        assert_eq!(
            kinds(r#"image: "busybox:1.36""#)[3],
            k(Str, r#""busybox:1.36""#)
        );
        assert_eq!(kinds("---"), vec![k(Punct, "---")]);
    }

    #[test]
    fn a_block_scalar_should_be_text_until_the_indentation_returns() {
        let lines = highlight("script: |\n  echo a: b\n\n  exit 1\nnext: 2");
        assert_eq!(lines[1][1], (Token::Str, "echo a: b"));
        assert_eq!(lines[3][1], (Token::Str, "exit 1"));
        assert_eq!(lines[4][0], (Token::Key, "next"));
    }
}
