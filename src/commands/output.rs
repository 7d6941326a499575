//! Writing a command's result on stdout, as JSON or as text.

use std::io::Write;
use std::process::ExitCode;

use serde::Serialize;

use super::error::Error;

/// Writes a command's result on stdout: as JSON when asked, else with `text`. A closed pipe
/// (`tribune outline | head`) is not an error worth a message.
pub fn print<T: Serialize>(
    json: bool,
    value: &T,
    what: &str,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    let written = if json {
        serde_json::to_writer_pretty(&mut out, value)
            .map_err(std::io::Error::other)
            .and_then(|()| writeln!(out))
    } else {
        text(&mut out)
    };
    match written {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Error::Failed(format!("cannot write {what}: {e}"))),
    }
}

/// Writes bytes on stdout (`what` names them in an error); a closed pipe is not an error.
pub fn write(bytes: &[u8], what: &str) -> Result<ExitCode, Error> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(Error::Failed(format!("cannot write {what}: {e}"))),
    }
}
