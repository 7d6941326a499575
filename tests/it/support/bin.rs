//! The real binary, run to its end outside a terminal (`assert_cmd`): its exit code and what it
//! wrote.

use std::time::Duration;

use assert_cmd::Command;
use assert_cmd::cargo::cargo_bin_cmd;

use super::fixtures::root;

/// The binary, run from the package root so relative fixture paths resolve.
pub fn tribune() -> Command {
    let mut cmd = cargo_bin_cmd!("tribune");
    cmd.current_dir(root());
    // A hang must fail the run rather than block CI; no test comes close to this.
    cmd.timeout(Duration::from_secs(60));
    cmd
}

/// Output of a finished command: (exit code, stdout, stderr).
pub fn run(cmd: &mut Command) -> (i32, String, Vec<u8>) {
    let out = cmd.output().expect("the binary runs");
    let code = out.status.code().expect("exited, not killed by a signal");
    let stdout = String::from_utf8(out.stdout).expect("stdout is UTF-8");
    (code, stdout, out.stderr)
}
