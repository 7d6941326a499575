//! App state.
