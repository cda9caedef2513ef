//! Colours, with `NO_COLOR` honoured: then meaning is carried by marks, bold and reverse video.

use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub dim: Style,
    pub accent: Style,
    pub title: Style,
    pub heading: Style,
    pub border: Style,
    pub border_focused: Style,
    /// The selected row of a focused pane.
    pub selected: Style,
    /// The selected row of a pane without focus.
    pub selected_unfocused: Style,
    pub matched: Style,
    /// Annotated passages in the reader.
    pub annotated: Style,
    /// A passage being selected.
    pub selection: Style,
    /// The reader's caret.
    pub caret: Style,
    /// The article's web address.
    pub link: Style,
    /// Write the address as a terminal hyperlink (OSC 8) too.
    pub hyperlinks: bool,
    pub warning: Style,
    pub bar: Style,
    /// The list's marks: ★ bookmarked, ✎ noted.
    pub mark: Style,
    /// The list's • for an unread article.
    pub unread: Style,
    /// Tags shown as `#chips`.
    pub chip: Style,
    /// The timeline's bars, and the bar whose period filters the list.
    pub timeline: Style,
    pub timeline_selected: Style,
}

impl Theme {
    /// Whether `NO_COLOR` is set to anything non-empty (<https://no-color.org>): it wins over
    /// any theme.
    pub fn no_color() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }

    /// `theme` (the settings file's), unless `NO_COLOR` asks for none; hyperlinks as the
    /// terminal allows.
    pub fn from_env_with(theme: Self) -> Self {
        let mut theme = if Self::no_color() { Self::plain() } else { theme };
        // Terminals that do not know OSC 8 ignore it; only a dumb one might print it.
        theme.hyperlinks =
            std::env::var("TERM").map_or(true, |t| t != "dumb") && std::env::var_os("DOSSIER_NO_HYPERLINKS").is_none();
        theme
    }

    /// The default colours, unless `NO_COLOR`.
    pub fn from_env() -> Self {
        Self::from_env_with(Self::colour())
    }

    pub fn colour() -> Self {
        let accent = Color::Cyan;
        Self {
            text: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            accent: Style::new().fg(accent),
            title: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            heading: Style::new().add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(accent),
            selected: Style::new().fg(Color::Black).bg(accent).add_modifier(Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            annotated: Style::new().fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            caret: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            link: Style::new().fg(accent).add_modifier(Modifier::UNDERLINED),
            hyperlinks: false,
            warning: Style::new().fg(Color::Yellow),
            bar: Style::new().bg(Color::Black).fg(Color::Gray),
            mark: Style::new().fg(accent),
            unread: Style::new().fg(Color::DarkGray),
            chip: Style::new().fg(accent),
            timeline: Style::new().fg(accent),
            timeline_selected: Style::new().fg(Color::Black).bg(accent).add_modifier(Modifier::BOLD),
        }
    }

    /// For terminals with a light background: no yellow on white, a dark status bar inverted.
    pub fn light() -> Self {
        let accent = Color::Blue;
        Self {
            dim: Style::new().fg(Color::DarkGray),
            accent: Style::new().fg(accent),
            title: Style::new().fg(accent).add_modifier(Modifier::BOLD),
            border: Style::new().fg(Color::Gray),
            border_focused: Style::new().fg(accent),
            selected: Style::new().fg(Color::White).bg(accent).add_modifier(Modifier::BOLD),
            matched: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            link: Style::new().fg(accent).add_modifier(Modifier::UNDERLINED),
            warning: Style::new().fg(Color::Red),
            bar: Style::new().bg(Color::Gray).fg(Color::Black),
            mark: Style::new().fg(accent),
            chip: Style::new().fg(Color::Magenta),
            timeline: Style::new().fg(accent),
            timeline_selected: Style::new().fg(Color::White).bg(accent).add_modifier(Modifier::BOLD),
            ..Self::colour()
        }
    }

    pub fn plain() -> Self {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Self {
            text: Style::new(),
            dim: Style::new(),
            accent: Style::new(),
            title: bold,
            heading: bold,
            border: Style::new(),
            border_focused: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            annotated: Style::new().add_modifier(Modifier::UNDERLINED),
            selection: Style::new().add_modifier(Modifier::REVERSED),
            caret: Style::new().add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
            link: Style::new().add_modifier(Modifier::UNDERLINED),
            hyperlinks: false,
            warning: bold,
            bar: Style::new(),
            mark: Style::new(),
            unread: Style::new(),
            chip: Style::new(),
            timeline: Style::new(),
            timeline_selected: Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD),
        }
    }
}
