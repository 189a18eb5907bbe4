//! tmux for the end-to-end tests: a server of this test process's own (`-L`), so that test
//! binaries running at once never share one, and new sessions retried while a server that
//! just lost its last session shuts down (it exits then, and a new client can race it).

use std::process::Command;
use std::time::Duration;

/// `tmux -L byline-test-PID`.
pub fn command() -> Command {
    let mut cmd = Command::new("tmux");
    cmd.args(["-L", &format!("byline-test-{}", std::process::id())]);
    cmd
}

/// Whether tmux is installed.
pub fn installed() -> bool {
    Command::new("tmux").arg("-V").output().is_ok()
}

/// `tmux new-session ARGS`, tried up to five times.
pub fn new_session(args: &[&str]) {
    for attempt in 0..5 {
        let status = command().arg("new-session").args(args).status().unwrap();
        if status.success() {
            return;
        }
        std::thread::sleep(Duration::from_millis(100 * (attempt + 1)));
    }
    panic!("tmux new-session {args:?} failed five times");
}

/// What session `name`'s pane shows now, as text.
pub fn screen(name: &str) -> String {
    let out = command()
        .args(["capture-pane", "-p", "-t", name])
        .output()
        .unwrap();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Types `keys` (tmux key names or text) into session `name`.
pub fn send_keys(name: &str, keys: &[&str]) {
    let status = command()
        .args(["send-keys", "-t", name])
        .args(keys)
        .status()
        .unwrap();
    assert!(status.success());
}

/// Ends session `name` (its server ends with its last session).
pub fn kill(name: &str) {
    let _ = command().args(["kill-session", "-t", name]).status();
}
