//! Background threads yield the processor to the screen: on two busy cores, eight feeds being
//! parsed and an article's entities being found must not delay the next frame (issue 12: no
//! gap over 50 ms between a key and its frame during a refresh).

/// The nice value background threads take (the screen's thread keeps the process's own).
const BACKGROUND: i32 = 10;

/// Lowers the calling thread's priority (on Linux, where the nice value is the thread's own);
/// elsewhere, or if refused, nothing changes.
pub fn background() {
    #[cfg(target_os = "linux")]
    {
        let now = rustix::process::getpriority_process(None).unwrap_or(0);
        let _ = rustix::process::setpriority_process(None, now.max(BACKGROUND));
    }
}
