//! Whether output is coloured: `--color`, then the `CLICOLOR_FORCE` and
//! `NO_COLOR` conventions (<https://no-color.org>, <https://bixense.com/clicolors/>),
//! then whether the stream is a terminal.

use std::io::IsTerminal;
use std::sync::OnceLock;

use clap::ValueEnum;

/// `--color`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum ColorChoice {
    /// Colour on a terminal, unless `NO_COLOR` is set (or when
    /// `CLICOLOR_FORCE` is).
    #[default]
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

static CHOICE: OnceLock<ColorChoice> = OnceLock::new();

/// Records the run's choice; the first call counts.
pub fn choose(choice: ColorChoice) {
    // Errors are rendered by `render::diagnostic`, which asks
    // `for_stderr`: no miette hook is needed.
    let _ = CHOICE.set(choice);
}

/// Colour for standard output.
pub fn for_stdout() -> bool {
    decide(
        CHOICE.get().copied().unwrap_or_default(),
        std::io::stdout().is_terminal(),
        |name| std::env::var_os(name),
    )
}

/// Colour for standard error.
pub fn for_stderr() -> bool {
    decide(
        CHOICE.get().copied().unwrap_or_default(),
        std::io::stderr().is_terminal(),
        |name| std::env::var_os(name),
    )
}

fn decide(
    choice: ColorChoice,
    terminal: bool,
    env: impl Fn(&str) -> Option<std::ffi::OsString>,
) -> bool {
    // Set and not empty (NO_COLOR), set and not "0" (CLICOLOR_FORCE).
    let set = |name: &str, off: &str| env(name).is_some_and(|v| !v.is_empty() && v != off);
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto if set("CLICOLOR_FORCE", "0") => true,
        ColorChoice::Auto if set("NO_COLOR", "") => false,
        ColorChoice::Auto => terminal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with<'a>(
        vars: &'a [(&'a str, &'a str)],
    ) -> impl Fn(&str) -> Option<std::ffi::OsString> + 'a {
        move |name| vars.iter().find(|(n, _)| *n == name).map(|(_, v)| v.into())
    }

    #[test]
    fn flags_then_conventions_then_the_terminal() {
        assert!(decide(ColorChoice::Auto, true, with(&[])));
        assert!(!decide(ColorChoice::Auto, false, with(&[])));
        assert!(!decide(ColorChoice::Auto, true, with(&[("NO_COLOR", "1")])));
        assert!(decide(ColorChoice::Auto, true, with(&[("NO_COLOR", "")])));
        assert!(decide(
            ColorChoice::Auto,
            false,
            with(&[("CLICOLOR_FORCE", "1")])
        ));
        assert!(!decide(
            ColorChoice::Auto,
            false,
            with(&[("CLICOLOR_FORCE", "0")])
        ));
        assert!(decide(
            ColorChoice::Always,
            false,
            with(&[("NO_COLOR", "1")])
        ));
        assert!(!decide(
            ColorChoice::Never,
            true,
            with(&[("CLICOLOR_FORCE", "1")])
        ));
    }
}
