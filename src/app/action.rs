//! Every event the presenter understands, named by intent rather than by key.

use std::sync::Arc;
use std::time::Duration;

use crate::deck::{Deck, TimeOfDay};

/// Something that changes the presenter's state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// Next reveal step, else the next slide.
    Next,
    /// Previous reveal step, else the previous slide (shown fully revealed).
    Prev,
    /// Scroll down inside a slide that does not fit, else go to the next slide.
    Down,
    /// Scroll up inside a slide that does not fit, else go to the previous slide.
    Up,
    /// The first slide.
    First,
    /// The last slide.
    Last,
    /// A slide by its 0-based index.
    GoToSlide(usize),
    /// The first slide of the next part.
    NextPart,
    /// The first slide of this part, or of the previous part when already there.
    PrevPart,
    /// Back to where we were before the last jump.
    Back,
    /// A digit of a slide number typed in normal mode.
    Digit(char),
    /// Enter: go to the typed slide number, or next when none was typed.
    Enter,
    /// Backspace: delete a typed digit, or previous when none was typed.
    Backspace,
    /// Esc: close an overlay, clear typed input; never quits.
    Cancel,
    /// Show or hide the speaker notes.
    ToggleNotes,
    /// Scroll the notes down a line.
    NotesDown,
    /// Scroll the notes up a line.
    NotesUp,
    /// Give the notes a row more (the slide keeps its minimum).
    NotesTaller,
    /// Give the notes a row less.
    NotesShorter,
    /// Show or hide the slide's sources and corrections.
    ToggleDetails,
    /// The next colour theme (the loop picks it; the state records it as `ThemeChosen`).
    NextTheme,
    /// The theme the presenter chose, by name; audience windows follow it.
    ThemeChosen(String),
    /// Ctrl-R: read the deck file again now (the loop does it).
    Reload,
    /// The deck file was read again and loaded: present this version, keeping the place.
    DeckReloaded(Arc<Deck>),
    /// The deck file was read again and does not load (`file:line:col: why`): keep the last
    /// good version on screen and say so until a save loads.
    ReloadFailed(String),
    /// Show or hide the timeline sidebar.
    ToggleTimeline,
    /// Show or hide the key help.
    ToggleHelp,
    /// Open the overview of all slides.
    OpenOverview,
    /// Open the go-to-date prompt.
    OpenDatePrompt,
    /// Black out the screen; any key restores it.
    Blank,
    /// A character typed into the prompt or the overview filter.
    Type(char),
    /// Move the selection in the overview or the date prompt's matches.
    SelectPrev,
    /// Move the selection in the overview or the date prompt's matches.
    SelectNext,
    /// Accept the prompt or the overview selection.
    Submit,
    /// Any key while blanked: show the slide again.
    Unblank,
    /// The terminal's size, in cells.
    Resize(u16, u16),
    /// Time passing: time since launch and the wall clock.
    Tick {
        /// Monotonic time since the presenter started.
        now: Duration,
        /// The local time of day, to the second.
        clock: TimeOfDay,
    },
    /// Freeze the audience on the current slide, or bring it back to the presenter's.
    ToggleFreeze,
    /// Pause the talk clock for questions (it holds across slide changes), or run it again.
    TogglePause,
    /// Ask whether to reset the talk clock to zero (the answer comes as `Confirm` or `Cancel`).
    ResetClock,
    /// Yes to the question asked (reset the talk clock).
    Confirm,
    /// Go to the slide the last class stopped on.
    Resume,
    /// How many audience windows are connected now.
    AudienceCount(usize),
    /// The class log or rehearsal record could not be saved (why, for the status bar), or
    /// can be again (`None`).
    SaveProblem(Option<String>),
    /// Ctrl-Z: give the terminal back to the shell for a while. The loop does it; the state
    /// does not change.
    Suspend,
    /// Leave the presenter.
    Quit,
}
