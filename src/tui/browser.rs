//! Opening links: only plain http(s) URLs, with the configured opener, `$BROWSER` or
//! xdg-open run as a program with the link as its argument, never through a shell.

/// An http(s) URL (the scheme in any case: `HTTPS://` too) with nothing in it a program could
/// take for an option or a control.
pub fn is_safe_url(url: &str) -> bool {
    let scheme = url.split_once("://").map(|(scheme, _)| scheme);
    scheme.is_some_and(|s| s.eq_ignore_ascii_case("https") || s.eq_ignore_ascii_case("http"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Opens `url` with `opener` (the config's `links.opener`), else `$BROWSER`, else xdg-open;
/// returns what to say. A URL that is not [`is_safe_url`] is refused.
pub fn open_in_browser(url: &str, opener: Option<&str>) -> String {
    if !is_safe_url(url) {
        return "only http(s) links are opened".into();
    }
    let browser = std::env::var_os("BROWSER")
        .and_then(|b| b.into_string().ok())
        .filter(|b| !b.trim().is_empty());
    let program = opener.map(str::to_string).or(browser);
    open_with(Some(program.as_deref().unwrap_or("xdg-open")), url).0
}

/// Opens `url` with `browser` (its first `:`-separated entry, `%s` replaced or the URL
/// appended), as a program with arguments, never through a shell. A thread waits for the
/// program to end, so no zombie is left behind and the screen never waits; its handle is
/// returned with what to say.
fn open_with(browser: Option<&str>, url: &str) -> (String, Option<std::thread::JoinHandle<()>>) {
    let unset = || {
        (
            "no program to open links: set links.opener or $BROWSER".to_string(),
            None,
        )
    };
    let Some(browser) = browser else {
        return unset();
    };
    let Some(entry) = browser.split(':').map(str::trim).find(|e| !e.is_empty()) else {
        return unset();
    };
    let mut words = entry.split_whitespace();
    let Some(program) = words.next() else {
        return unset();
    };
    let mut args: Vec<String> = words.map(|w| w.replace("%s", url)).collect();
    if !entry.contains("%s") {
        args.push(url.to_string());
    }
    let spawned = std::process::Command::new(program)
        .args(&args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    match spawned {
        Ok(mut child) => {
            let reap = std::thread::Builder::new()
                .name("byline-browser".into())
                .spawn(move || drop(child.wait()));
            (format!("opened {url} with {program}"), reap.ok())
        }
        Err(e) => (format!("cannot start {program}: {e}"), None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_open_only_when_safe() {
        assert!(is_safe_url("https://example.org/a?b=c"));
        assert!(!is_safe_url("javascript:alert(1)"));
        assert!(!is_safe_url("https://x.org/ --help"));
        assert!(!is_safe_url("https://x.org/\u{1b}[2J"));
    }

    // See: issue 11 (`o` refused HTTPS:// in capitals).
    #[test]
    fn the_scheme_is_read_in_any_case() {
        assert!(is_safe_url("HTTPS://EXAMPLE.ORG/A"));
        assert!(is_safe_url("Http://example.org/"));
        assert!(!is_safe_url("HTTPSX://example.org/"));
        assert!(!is_safe_url("FILE:///etc/passwd"));
    }

    // See: issue 11 ($BROWSER children were never waited on).
    #[test]
    fn the_browser_is_waited_for_off_the_screens_thread() {
        let (said, reaper) = open_with(Some("true"), "https://example.org/");
        assert_eq!(said, "opened https://example.org/ with true");
        reaper.expect("a thread waits for it").join().unwrap();
        let (said, reaper) = open_with(Some("/nonexistent/browser"), "https://example.org/");
        assert!(
            said.starts_with("cannot start /nonexistent/browser"),
            "{said}"
        );
        assert!(reaper.is_none());
        assert_eq!(
            open_with(None, "https://example.org/").0,
            "no program to open links: set links.opener or $BROWSER"
        );
    }
}
