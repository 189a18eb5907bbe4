//! Opening an article's link: only plain http(s) URLs, with `$BROWSER` run as a program with
//! the link as its argument, never through a shell.

/// An http(s) URL with nothing in it a program could take for an option or a control.
pub fn is_safe_url(url: &str) -> bool {
    (url.starts_with("https://") || url.starts_with("http://"))
        && !url.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// Opens `url` with `$BROWSER` (its first `:`-separated entry, `%s` replaced or the URL
/// appended), as a program with arguments, never through a shell. Returns what to say.
pub fn open_in_browser(url: &str) -> String {
    let Some(browser) = std::env::var_os("BROWSER").and_then(|b| b.into_string().ok()) else {
        return "set $BROWSER to open links".into();
    };
    let Some(entry) = browser.split(':').map(str::trim).find(|e| !e.is_empty()) else {
        return "set $BROWSER to open links".into();
    };
    let mut words = entry.split_whitespace();
    let Some(program) = words.next() else {
        return "set $BROWSER to open links".into();
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
        Ok(_) => format!("opened {url} with {program}"),
        Err(e) => format!("cannot start {program}: {e}"),
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
}
