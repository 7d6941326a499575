//! The command line, as clap derive types. `tribune [DECK]` presents; subcommands check and list.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};
use clap_complete::Shell;

use crate::deck::{ClassEnd, Prose, Seconds, TimeOfDay};
use crate::timing::runs::RunId;

/// An `Examples:` block for the end of a command's help: one command line a line, indented.
/// The heading is bold and underlined as clap draws its own (clap drops the styling where the
/// output is not a terminal).
macro_rules! examples {
    ($($line:literal),+ $(,)?) => {
        concat!("\x1b[1m\x1b[4mExamples:\x1b[0m", $("\n  ", $line),+)
    };
}

/// Present a history lecture in the terminal: slides, speaker notes, a live timeline, and
/// jumps by slide, part and date.
#[derive(Debug, Parser)]
#[command(
    name = "tribune",
    version,
    about,
    args_conflicts_with_subcommands = true,
    after_help = examples!(
        "tribune                     # the bundled lecture",
        "tribune lecture.ron --notes",
        "tribune --date \"June 1953\" --until 10:45",
        "tribune new lecture.ron --title \"The French Revolution\"",
    )
)]
pub struct Cli {
    /// What to do; without a subcommand tribune presents.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Options for presenting when no subcommand is given.
    #[command(flatten)]
    pub present: PresentArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Present a deck (the default).
    #[command(after_help = examples!(
        "tribune present lecture.ron",
        "tribune present lecture.ron --slide 12 --notes",
        "tribune present --date \"June 1953\" --length 50m",
    ))]
    Present(PresentArgs),
    /// Check a deck: errors and warnings on stderr; exit 0 if it can be presented, 1 if not.
    /// With --size, also every slide that would not fit a screen of that size.
    #[command(after_help = examples!(
        "tribune check lecture.ron",
        "tribune check --size 80x24 --size 120x40 lecture.ron",
        "tribune check --size 80x24 --strict lecture.ron",
    ))]
    Check(CheckArgs),
    /// List the slides: NUMBER, PART, DATE and TITLE, tab-separated.
    #[command(after_help = examples!(
        "tribune outline lecture.ron",
        "tribune outline --date \"4 March 1953\"",
        "tribune outline --date 1956 --json",
    ))]
    Outline(OutlineArgs),
    /// Rehearse: the presenter with notes, a clock and pacing against a time budget; the
    /// times are saved when you stop.
    #[command(after_help = examples!(
        "tribune rehearse lecture.ron",
        "tribune rehearse lecture.ron --target 50m",
    ))]
    Rehearse(RehearseArgs),
    /// Compare the saved rehearsals with the budgets, slide by slide and part by part; list
    /// them (--runs) or set two side by side (--compare).
    #[command(after_help = examples!(
        "tribune report lecture.ron",
        "tribune report --runs lecture.ron",
        "tribune report --compare last previous lecture.ron",
    ))]
    Report(ReportArgs),
    /// The audience window, for the projector: the slide alone, following the presenter of
    /// the same deck (`tribune` in another terminal). `q` quits.
    #[command(after_help = examples!(
        "tribune audience lecture.ron     # on the projector; `tribune lecture.ron` on yours",
        "tribune audience --theme projector lecture.ron",
    ))]
    Audience(AudienceArgs),
    /// The classes given from a deck: when, for how long, which slides and dates each covered,
    /// and where the last one stopped.
    #[command(after_help = examples!(
        "tribune log lecture.ron",
        "tribune log --json lecture.ron",
    ))]
    Log(LogArgs),
    /// The corrections recorded in a deck, slide by slide: what the original read, what the
    /// deck says now, and why.
    #[command(after_help = examples!(
        "tribune errata lecture.ron",
        "tribune errata --json",
    ))]
    Errata(ErrataArgs),
    /// A handout for students: every slide with its date, the contents and a timeline, as one
    /// HTML page (for screens, phones and print) or as Markdown.
    #[command(after_help = examples!(
        "tribune handout lecture.ron -o lecture.html",
        "tribune handout lecture.ron -o lecture.md --notes --corrections",
        "tribune handout --format md > lecture.md",
    ))]
    Handout(HandoutArgs),
    /// Write a starter deck to FILE: a few commented slides that show every kind of block and
    /// date, to learn the format from and write over. Never overwrites a file.
    #[command(after_help = examples!(
        "tribune new lecture.ron",
        "tribune new lecture.ron --title \"The French Revolution\"",
    ))]
    New(NewArgs),
    /// Print a script that completes tribune's subcommands and options in a shell.
    #[command(after_help = examples!(
        "tribune completions bash > ~/.local/share/bash-completion/completions/tribune",
        "tribune completions zsh > ~/.zfunc/_tribune",
        "tribune completions fish > ~/.config/fish/completions/tribune.fish",
    ))]
    Completions(CompletionsArgs),
    /// Print tribune's manual page (roff), every subcommand and option in one page.
    #[command(after_help = examples!(
        "tribune man | man -l -",
        "tribune man > ~/.local/share/man/man1/tribune.1",
    ))]
    Man,
}

/// Which deck to use.
#[derive(Debug, Args, Clone, Default)]
pub struct DeckArg {
    /// A deck file (RON); without it, the bundled lecture "The two deaths of Stalin".
    pub deck: Option<PathBuf>,
}

/// Options of `audience`.
#[derive(Debug, Args, Clone, Default)]
pub struct AudienceArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// The colour theme: dark, light, projector, or a theme file; the presenter's theme key
    /// changes it for the class too.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
}

/// Options of `present`.
#[derive(Debug, Args, Clone, Default)]
#[allow(clippy::struct_excessive_bools, reason = "command-line switches")]
pub struct PresentArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// Start at slide N (1-based).
    #[arg(long, value_name = "N")]
    pub slide: Option<usize>,
    /// Start at the slide a date lands on, e.g. "June 1953".
    #[arg(long, value_name = "QUERY")]
    pub date: Option<String>,
    /// Start with the speaker-notes pane open.
    #[arg(long)]
    pub notes: bool,
    /// Start with the timeline sidebar hidden.
    #[arg(long)]
    pub no_timeline: bool,
    /// Start at the slide the last class stopped on.
    #[arg(long, conflicts_with_all = ["slide", "date"])]
    pub resume: bool,
    /// The presenter view (next slide, notes, audience count) even before an audience window
    /// connects.
    #[arg(long)]
    pub presenter: bool,
    /// The colour theme: dark (the default), light, projector, or a theme file; overrides
    /// the deck's own `theme`. `c` cycles through them while presenting.
    #[arg(long, value_name = "NAME|PATH")]
    pub theme: Option<String>,
    /// When the class ends on the clock (`10:45`, 24-hour): the status bar counts down to it.
    /// Overrides the deck's `class`.
    #[arg(long, value_name = "HH:MM", value_parser = TimeOfDay::parse, conflicts_with = "length")]
    pub until: Option<TimeOfDay>,
    /// How long the class lasts from the first move (`50m`, `1h30m`): the status bar counts
    /// down to its end. Overrides the deck's `class`.
    #[arg(long, value_name = "LENGTH", value_parser = Seconds::parse)]
    pub length: Option<Seconds>,
}

impl PresentArgs {
    /// When the class ends: `--until` or `--length`, else what the deck says.
    pub fn class_end(&self, deck: Option<ClassEnd>) -> Option<ClassEnd> {
        self.until
            .map(ClassEnd::Until)
            .or(self.length.map(ClassEnd::Length))
            .or(deck)
    }
}

/// Options of `rehearse`.
#[derive(Debug, Args, Clone, Default)]
pub struct RehearseArgs {
    /// Which deck, and where to start.
    #[command(flatten)]
    pub present: PresentArgs,
    /// How long the talk should take (`50m`, `1h30m`); without it, the deck's own `duration`.
    #[arg(long, value_name = "LENGTH", value_parser = parse_length)]
    pub target: Option<Duration>,
}

/// Options of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// How long the talk should take, for the budgets; without it, the deck's own `duration`.
    #[arg(long, value_name = "LENGTH", value_parser = parse_length)]
    pub target: Option<Duration>,
    /// List every rehearsal, oldest first: when, its target, its total, each part's total and
    /// the slides it covered.
    #[arg(long, conflicts_with_all = ["compare", "target"])]
    pub runs: bool,
    /// Compare two rehearsals slide by slide and part by part, the largest differences first:
    /// their numbers in `--runs`, or `last` and `previous`.
    #[arg(
        long,
        num_args = 2,
        value_names = ["A", "B"],
        value_parser = RunId::parse,
        conflicts_with = "target"
    )]
    pub compare: Option<Vec<RunId>>,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

fn parse_length(text: &str) -> Result<Duration, String> {
    crate::deck::Seconds::parse(text).map(crate::deck::Seconds::duration)
}

/// Options of `outline`.
#[derive(Debug, Args)]
pub struct OutlineArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// Only the slides a date query matches, the slide a jump would land on first.
    #[arg(long, value_name = "QUERY")]
    pub date: Option<String>,
    /// Print JSON instead of tab-separated lines.
    #[arg(long)]
    pub json: bool,
}

/// Options of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// A screen size to check every slide against (`80x24`), in the audience window and the
    /// presenter's layouts; may be given more than once.
    #[arg(long, value_name = "COLSxROWS", value_parser = parse_size)]
    pub size: Vec<(u16, u16)>,
    /// Slides that do not fit are errors (exit 1), not warnings.
    #[arg(long, requires = "size")]
    pub strict: bool,
}

/// Reads `80x24` as (80, 24).
fn parse_size(text: &str) -> Result<(u16, u16), String> {
    let bad = || format!("`{text}` is not a size; write it like `80x24` (columns x rows)");
    let (w, h) = text.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u16 = w.trim().parse().map_err(|_| bad())?;
    let h: u16 = h.trim().parse().map_err(|_| bad())?;
    if w < crate::layout::MIN_SIZE.0 || h < crate::layout::MIN_SIZE.1 {
        return Err(format!(
            "`{text}` is smaller than tribune draws on ({}x{})",
            crate::layout::MIN_SIZE.0,
            crate::layout::MIN_SIZE.1
        ));
    }
    Ok((w, h))
}

/// Options of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// Where to write the deck (`lecture.ron`); a file already there is never overwritten.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// The deck's title, on its title slide too; without it, "How to write a tribune lecture".
    #[arg(long, value_name = "TEXT", value_parser = parse_title)]
    pub title: Option<String>,
}

/// A title a deck can hold: not blank, and without control characters.
fn parse_title(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("a title needs some words".to_owned());
    }
    Prose::checked(text).map(|p| p.as_str().to_owned())
}

/// Options of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Options of `errata`.
#[derive(Debug, Args)]
pub struct ErrataArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// Print JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Options of `log`.
#[derive(Debug, Args)]
pub struct LogArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// Print JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Options of `handout`.
#[derive(Debug, Args)]
pub struct HandoutArgs {
    /// Which deck.
    #[command(flatten)]
    pub deck: DeckArg,
    /// Write the handout to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Add each slide's speaker notes and sources under it.
    #[arg(long)]
    pub notes: bool,
    /// Add an appendix of the deck's corrections: slide, was → now, why.
    #[arg(long)]
    pub corrections: bool,
    /// html (one self-contained page) or md (plain Markdown); without it, md when FILE ends
    /// in `.md`, else html.
    #[arg(long, value_enum)]
    pub format: Option<HandoutFormat>,
}

/// The handout's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HandoutFormat {
    /// One HTML page with its stylesheet and timeline inline.
    Html,
    /// Plain Markdown, the timeline as a dated list.
    #[value(alias = "markdown")]
    Md,
}
