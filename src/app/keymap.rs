//! Keys to actions, per mode: the only place that knows key codes. Clicker keys
//! (`PageUp`, `PageDown`, `.`, `b`, `F5`, `Esc`) are bindings like any other.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use super::Mode;
use super::action::Action;
use super::follower::Cue;

/// The action a key press means in a mode, if any.
pub fn handle_key(mode: &Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && matches!(key.code, KeyCode::Char('c' | 'C')) {
        return Some(Action::Quit);
    }
    if ctrl && matches!(key.code, KeyCode::Char('z' | 'Z')) {
        return Some(Action::Suspend);
    }
    if ctrl && matches!(key.code, KeyCode::Char('r' | 'R')) {
        return Some(Action::Reload);
    }
    if ctrl {
        return None;
    }
    let shift = key.modifiers.contains(KeyModifiers::SHIFT);
    match mode {
        Mode::Blank => Some(Action::Unblank),
        Mode::Normal if shift && key.code == KeyCode::Down => Some(Action::NotesDown),
        Mode::Normal if shift && key.code == KeyCode::Up => Some(Action::NotesUp),
        Mode::Normal => handle_normal(key.code),
        Mode::Details { .. } => match key.code {
            KeyCode::Down | KeyCode::Char('j') => Some(Action::SelectNext),
            KeyCode::Up | KeyCode::Char('k') => Some(Action::SelectPrev),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => Some(Action::Cancel),
        },
        Mode::ConfirmReset => match key.code {
            KeyCode::Char('y' | 'Y') => Some(Action::Confirm),
            _ => Some(Action::Cancel),
        },
        Mode::Help => match key.code {
            KeyCode::Char('q') => Some(Action::Quit),
            _ => Some(Action::Cancel),
        },
        Mode::Overview { .. } | Mode::DatePrompt { .. } => handle_input(key.code),
    }
}

/// The audience window's keys: it only quits (or suspends); what the class sees is the
/// presenter's to change.
pub fn audience_key(key: KeyEvent) -> Option<Cue> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c' | 'C') if ctrl => Some(Cue::Quit),
        KeyCode::Char('z' | 'Z') if ctrl => Some(Cue::Suspend),
        KeyCode::Char('q') if !ctrl => Some(Cue::Quit),
        _ => None,
    }
}

fn handle_normal(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Right | KeyCode::Char('l' | 'j' | ' ') | KeyCode::PageDown => Action::Next,
        KeyCode::Left | KeyCode::Char('h' | 'k') | KeyCode::PageUp => Action::Prev,
        KeyCode::Down => Action::Down,
        KeyCode::Up => Action::Up,
        KeyCode::Enter => Action::Enter,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Home | KeyCode::Char('g') => Action::First,
        KeyCode::End | KeyCode::Char('G') => Action::Last,
        KeyCode::Tab | KeyCode::Char(']') => Action::NextPart,
        KeyCode::BackTab | KeyCode::Char('[') => Action::PrevPart,
        KeyCode::Char('`') => Action::Back,
        KeyCode::Char(c @ '0'..='9') => Action::Digit(c),
        KeyCode::Char('d') => Action::OpenDatePrompt,
        KeyCode::Char('o') => Action::OpenOverview,
        KeyCode::Char('n') => Action::ToggleNotes,
        KeyCode::Char('+' | '=') => Action::NotesTaller,
        KeyCode::Char('-' | '_') => Action::NotesShorter,
        KeyCode::Char('e') => Action::ToggleDetails,
        KeyCode::Char('c') => Action::NextTheme,
        KeyCode::Char('t') => Action::ToggleTimeline,
        KeyCode::Char('b' | '.') => Action::Blank,
        KeyCode::Char('f') => Action::ToggleFreeze,
        KeyCode::Char('p') => Action::TogglePause,
        KeyCode::Char('R') => Action::ResetClock,
        KeyCode::Char('r') => Action::Resume,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc => Action::Cancel,
        // Clickers send F5 to "start the show"; we are already showing, so it does nothing.
        _ => return None,
    })
}

fn handle_input(code: KeyCode) -> Option<Action> {
    Some(match code {
        KeyCode::Esc => Action::Cancel,
        KeyCode::Enter => Action::Submit,
        KeyCode::Backspace => Action::Backspace,
        KeyCode::Up | KeyCode::BackTab => Action::SelectPrev,
        KeyCode::Down | KeyCode::Tab => Action::SelectNext,
        KeyCode::Char(c) => Action::Type(c),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::KeyEventState;
    use rstest::rstest;

    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[rstest]
    #[case(KeyCode::Right, Action::Next)]
    #[case(KeyCode::Char('l'), Action::Next)]
    #[case(KeyCode::Char('j'), Action::Next)]
    #[case(KeyCode::Char(' '), Action::Next)]
    #[case(KeyCode::PageDown, Action::Next)]
    #[case(KeyCode::Down, Action::Down)]
    #[case(KeyCode::Enter, Action::Enter)]
    #[case(KeyCode::Left, Action::Prev)]
    #[case(KeyCode::Char('h'), Action::Prev)]
    #[case(KeyCode::Char('k'), Action::Prev)]
    #[case(KeyCode::PageUp, Action::Prev)]
    #[case(KeyCode::Up, Action::Up)]
    #[case(KeyCode::Backspace, Action::Backspace)]
    #[case(KeyCode::Home, Action::First)]
    #[case(KeyCode::Char('g'), Action::First)]
    #[case(KeyCode::End, Action::Last)]
    #[case(KeyCode::Char('G'), Action::Last)]
    #[case(KeyCode::Tab, Action::NextPart)]
    #[case(KeyCode::Char(']'), Action::NextPart)]
    #[case(KeyCode::BackTab, Action::PrevPart)]
    #[case(KeyCode::Char('['), Action::PrevPart)]
    #[case(KeyCode::Char('`'), Action::Back)]
    #[case(KeyCode::Char('7'), Action::Digit('7'))]
    #[case(KeyCode::Char('d'), Action::OpenDatePrompt)]
    #[case(KeyCode::Char('o'), Action::OpenOverview)]
    #[case(KeyCode::Char('n'), Action::ToggleNotes)]
    #[case(KeyCode::Char('+'), Action::NotesTaller)]
    #[case(KeyCode::Char('='), Action::NotesTaller)]
    #[case(KeyCode::Char('-'), Action::NotesShorter)]
    #[case(KeyCode::Char('e'), Action::ToggleDetails)]
    #[case(KeyCode::Char('c'), Action::NextTheme)]
    #[case(KeyCode::Char('t'), Action::ToggleTimeline)]
    #[case(KeyCode::Char('b'), Action::Blank)]
    #[case(KeyCode::Char('.'), Action::Blank)]
    #[case(KeyCode::Char('f'), Action::ToggleFreeze)]
    #[case(KeyCode::Char('p'), Action::TogglePause)]
    #[case(KeyCode::Char('R'), Action::ResetClock)]
    #[case(KeyCode::Char('?'), Action::ToggleHelp)]
    #[case(KeyCode::Char('q'), Action::Quit)]
    #[case(KeyCode::Esc, Action::Cancel)]
    fn normal_mode_bindings(#[case] code: KeyCode, #[case] action: Action) {
        assert_eq!(handle_key(&Mode::Normal, key(code)), Some(action));
    }

    #[test]
    fn f5_from_a_clicker_does_nothing_and_esc_never_quits() {
        assert_eq!(handle_key(&Mode::Normal, key(KeyCode::F(5))), None);
        for mode in [
            Mode::Normal,
            Mode::Help,
            Mode::overview(0),
            Mode::date_prompt(),
        ] {
            assert_ne!(handle_key(&mode, key(KeyCode::Esc)), Some(Action::Quit));
        }
    }

    #[test]
    fn ctrl_c_quits_everywhere_and_any_key_unblanks() {
        let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in [Mode::Normal, Mode::Blank, Mode::Help, Mode::date_prompt()] {
            assert_eq!(handle_key(&mode, ctrl_c), Some(Action::Quit));
        }
        assert_eq!(
            handle_key(&Mode::Blank, key(KeyCode::Char('q'))),
            Some(Action::Unblank)
        );
        assert_eq!(
            handle_key(&Mode::Blank, key(KeyCode::F(5))),
            Some(Action::Unblank)
        );
    }

    #[test]
    fn typing_in_the_prompt_is_text_not_commands() {
        let mode = Mode::date_prompt();
        assert_eq!(
            handle_key(&mode, key(KeyCode::Char('q'))),
            Some(Action::Type('q'))
        );
        assert_eq!(
            handle_key(&mode, key(KeyCode::Char('d'))),
            Some(Action::Type('d'))
        );
        assert_eq!(handle_key(&mode, key(KeyCode::Enter)), Some(Action::Submit));
    }

    #[test]
    fn shift_arrows_scroll_the_notes_and_plain_arrows_the_slide() {
        let shifted = |code| KeyEvent::new(code, KeyModifiers::SHIFT);
        assert_eq!(
            handle_key(&Mode::Normal, shifted(KeyCode::Down)),
            Some(Action::NotesDown)
        );
        assert_eq!(
            handle_key(&Mode::Normal, shifted(KeyCode::Up)),
            Some(Action::NotesUp)
        );
        assert_eq!(
            handle_key(&Mode::Normal, key(KeyCode::Down)),
            Some(Action::Down)
        );
        let details = Mode::Details { scroll: 0 };
        assert_eq!(
            handle_key(&details, key(KeyCode::Down)),
            Some(Action::SelectNext)
        );
        assert_eq!(
            handle_key(&details, key(KeyCode::Char('e'))),
            Some(Action::Cancel)
        );
    }

    #[test]
    fn only_y_confirms_a_reset() {
        for c in ['y', 'Y'] {
            assert_eq!(
                handle_key(&Mode::ConfirmReset, key(KeyCode::Char(c))),
                Some(Action::Confirm)
            );
        }
        for code in [
            KeyCode::Char('n'),
            KeyCode::Char('R'),
            KeyCode::Char('q'),
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Right,
        ] {
            assert_eq!(
                handle_key(&Mode::ConfirmReset, key(code)),
                Some(Action::Cancel),
                "{code:?}"
            );
        }
    }

    #[test]
    fn key_releases_are_ignored() {
        let mut release = key(KeyCode::Right);
        release.kind = KeyEventKind::Release;
        release.state = KeyEventState::NONE;
        assert_eq!(handle_key(&Mode::Normal, release), None);
    }
}
