//! Go's `text/tabwriter` as kubectl's describers use it (`minwidth 0, tabwidth 8, padding 2,
//! padchar ' ', flags 0`): tab-terminated cells are aligned per column block, a block being the
//! consecutive lines that have a cell in that column; the last cell of a line is not aligned.

/// Aligns `text` as `tabwriter.NewWriter(out, 0, 8, padding, ' ', 0)` would.
pub fn align(text: &str, padding: usize) -> String {
    let lines: Vec<Vec<&str>> = text
        .split_inclusive('\n')
        .map(|l| l.strip_suffix('\n').unwrap_or(l).split('\t').collect())
        .collect();
    let ends_with_newline = text.ends_with('\n');
    let mut widths = Vec::new();
    let mut out = String::new();
    format(&lines, 0, lines.len(), padding, &mut widths, &mut out);
    if !ends_with_newline && out.ends_with('\n') {
        out.pop();
    }
    out
}

fn width(cell: &str) -> usize {
    cell.chars().count()
}

/// Go's `Writer.format`: finds the column blocks of column `widths.len()` in `line0..line1`.
fn format(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    padding: usize,
    widths: &mut Vec<usize>,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut w = 0;
        while this < line1 && column + 1 < lines[this].len() {
            w = w.max(width(lines[this][column]) + padding);
            this += 1;
        }
        widths.push(w);
        format(lines, line0, this, padding, widths, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(lines: &[Vec<&str>], from: usize, to: usize, widths: &[usize], out: &mut String) {
    for line in &lines[from..to] {
        for (j, cell) in line.iter().enumerate() {
            out.push_str(cell);
            if j + 1 < line.len() {
                let w = widths.get(j).copied().unwrap_or(0);
                out.push_str(&" ".repeat(w.saturating_sub(width(cell))));
            }
        }
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_should_align_per_block() {
        let text = "Name:\tpi\nNamespace:\tdefault\nContainers:\n  pi:\n    Image:\tperl\n    Port:\t<none>\n";
        assert_eq!(
            align(text, 2),
            "Name:       pi\nNamespace:  default\nContainers:\n  pi:\n    Image:  perl\n    Port:   <none>\n"
        );
    }

    #[test]
    fn a_cell_in_a_later_column_should_not_break_the_first() {
        let text = "a\tb\tc\nlong\tx\n";
        assert_eq!(align(text, 2), "a     b  c\nlong  x\n");
    }
}
