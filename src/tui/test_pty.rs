//! Pseudo-terminals for the room's unit tests: the event source and the graphics query talk to
//! a terminal, and a pty is one the test holds both ends of.

use std::os::fd::OwnedFd;

use rustix::fs::{Mode, OFlags};
use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};

/// A pseudo-terminal: (master, slave), in the line discipline's default (cooked) mode.
pub fn pty() -> (OwnedFd, OwnedFd) {
    let master = openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY).unwrap();
    grantpt(&master).unwrap();
    unlockpt(&master).unwrap();
    let name = ptsname(&master, Vec::new()).unwrap();
    let slave = rustix::fs::open(
        name.as_c_str(),
        OFlags::RDWR | OFlags::NOCTTY,
        Mode::empty(),
    )
    .unwrap();
    (master, slave)
}

/// A pseudo-terminal in raw mode, as the screen sets it: input arrives without waiting for a
/// line end.
pub fn raw_pty() -> (OwnedFd, OwnedFd) {
    let (master, slave) = pty();
    let mut modes = rustix::termios::tcgetattr(&slave).unwrap();
    modes.make_raw();
    rustix::termios::tcsetattr(&slave, rustix::termios::OptionalActions::Now, &modes).unwrap();
    (master, slave)
}
