//! Terminal edge (stub).
use std::process::ExitCode;
use crate::cli::PresentArgs;
use crate::deck::Loaded;
/// Presents.
pub fn present(_loaded: Loaded, _args: &PresentArgs) -> ExitCode { ExitCode::SUCCESS }
