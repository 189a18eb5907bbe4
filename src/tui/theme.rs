//! Styles, in one place: the defaults, and the names the config file's `[theme]` uses.
//! `NO_COLOR` is honoured by the renderer, which then draws without colour.

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};

/// Every style the reader draws with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub focused_border: Style,
    pub selected: Style,
    pub read: Style,
    pub marks: Style,
    pub title: Style,
    pub meta: Style,
    pub subheading: Style,
    pub quote: Style,
    pub heading: Style,
    pub status: Style,
    pub person: Style,
    pub org: Style,
    pub place: Style,
    pub group: Style,
    pub misc: Style,
    pub selected_mention: Style,
    /// The selected entity's mention that `]`, `[`, `}`, `{` or a click went to.
    pub current_mention: Style,
    pub matched: Style,
    pub current_match: Style,
    pub keyword: Style,
    pub snippet: Style,
    pub link: Style,
    /// A link hint's label.
    pub hint: Style,
}

impl Default for Theme {
    fn default() -> Self {
        let bold = Modifier::BOLD;
        Theme {
            border: Style::new().fg(Color::DarkGray),
            focused_border: Style::new().fg(Color::Cyan),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            read: Style::new().fg(Color::DarkGray),
            marks: Style::new().fg(Color::Yellow),
            title: Style::new().add_modifier(bold),
            meta: Style::new().fg(Color::DarkGray),
            subheading: Style::new()
                .add_modifier(bold)
                .add_modifier(Modifier::UNDERLINED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            heading: Style::new().fg(Color::Yellow).add_modifier(bold),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            person: Style::new().fg(Color::LightCyan),
            org: Style::new().fg(Color::LightMagenta),
            place: Style::new().fg(Color::LightGreen),
            group: Style::new().fg(Color::LightYellow),
            misc: Style::new().fg(Color::Gray),
            selected_mention: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_mention: Style::new()
                .fg(Color::Black)
                .bg(Color::LightGreen)
                .add_modifier(bold)
                .add_modifier(Modifier::UNDERLINED),
            matched: Style::new().fg(Color::Black).bg(Color::LightBlue),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(bold),
            keyword: Style::new()
                .fg(Color::LightRed)
                .add_modifier(bold)
                .add_modifier(Modifier::UNDERLINED),
            snippet: Style::new().fg(Color::Gray),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            hint: Style::new()
                .fg(Color::Black)
                .bg(Color::Yellow)
                .add_modifier(bold),
        }
    }
}

impl Theme {
    /// The style called `name` in the config file, to be replaced.
    pub fn slot(&mut self, name: &str) -> Option<&mut Style> {
        Some(match name {
            "border" => &mut self.border,
            "focused_border" => &mut self.focused_border,
            "selected" => &mut self.selected,
            "read" => &mut self.read,
            "marks" => &mut self.marks,
            "title" => &mut self.title,
            "meta" => &mut self.meta,
            "subheading" => &mut self.subheading,
            "quote" => &mut self.quote,
            "heading" => &mut self.heading,
            "status" => &mut self.status,
            "person" => &mut self.person,
            "org" => &mut self.org,
            "place" => &mut self.place,
            "group" => &mut self.group,
            "misc" => &mut self.misc,
            "selected_mention" => &mut self.selected_mention,
            "current_mention" => &mut self.current_mention,
            "match" => &mut self.matched,
            "current_match" => &mut self.current_match,
            "keyword" => &mut self.keyword,
            "snippet" => &mut self.snippet,
            "link" => &mut self.link,
            "hint" => &mut self.hint,
            _ => return None,
        })
    }
}

/// Reads a style: colours by name or `#rrggbb`, `on` before a background, and `bold`,
/// `italic`, `underline`, `reverse`, `dim` (`"black on light-yellow bold"`).
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = text.split_whitespace();
    let mut any = false;
    while let Some(word) = words.next() {
        any = true;
        let modifier = match word.to_ascii_lowercase().as_str() {
            "bold" => Some(Modifier::BOLD),
            "italic" => Some(Modifier::ITALIC),
            "underline" | "underlined" => Some(Modifier::UNDERLINED),
            "reverse" | "reversed" => Some(Modifier::REVERSED),
            "dim" => Some(Modifier::DIM),
            _ => None,
        };
        if let Some(m) = modifier {
            style = style.add_modifier(m);
        } else if word.eq_ignore_ascii_case("on") {
            let bg = words.next().ok_or("\"on\" needs a colour after it")?;
            style = style.bg(colour(bg)?);
        } else {
            style = style.fg(colour(word)?);
        }
    }
    if any {
        Ok(style)
    } else {
        Err("an empty style".into())
    }
}

fn colour(word: &str) -> Result<Color, String> {
    Color::from_str(word)
        .map_err(|_| format!("{word:?} is not a colour (a name such as light-cyan, or #rrggbb)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_parse_from_words() {
        let s = parse_style("black on light-yellow bold").unwrap();
        assert_eq!((s.fg, s.bg), (Some(Color::Black), Some(Color::LightYellow)));
        assert!(s.add_modifier.contains(Modifier::BOLD));
        assert_eq!(
            parse_style("#ff8800").unwrap().fg,
            Some(Color::Rgb(255, 136, 0))
        );
        assert!(parse_style("mauve-ish").unwrap_err().contains("mauve-ish"));
        assert!(parse_style("red on").is_err());
        let mut theme = Theme::default();
        assert!(theme.slot("match").is_some() && theme.slot("nope").is_none());
    }
}
