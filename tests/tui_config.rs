//! `byline config check` through the real binary: every mistake of the reader's config file
//! with its line, and the exit status.
#![allow(clippy::unwrap_used)]

use std::process::Command;

fn check(config: &std::path::Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["config", "check"])
        .env("BYLINE_CONFIG", config)
        .env("BYLINE_STORE", config.with_file_name("library.db"))
        .output()
        .unwrap()
}

// See: issue 12 ("(and 3 more)" errors could never be read).
#[test]
fn config_check_lists_every_mistake_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    std::fs::write(
        &path,
        "[keys]\nquit = \"Q\"\njump = \"x\"\n\n[theme]\nperson = \"mauve-ish\"\n\n\
         [feeds]\nrefresh_minutes = \"soon\"\n[highlight]\nkeywords = [\"/(x/\"]\n",
    )
    .unwrap();
    let out = check(&path);
    assert_eq!(out.status.code(), Some(3), "{out:?}");
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let name = path.display().to_string();
    assert!(
        lines[0].starts_with(&format!("{name} line 3: keys.jump:")),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&format!("{name} line 6: theme.person:")),
        "{text}"
    );
    assert!(
        lines[2].starts_with(&format!("{name} line 9: feeds.refresh_minutes:")),
        "{text}"
    );
    assert!(
        lines[3].starts_with(&format!("{name} line 11: highlight.keywords:")),
        "{text}"
    );
    assert!(lines[4].starts_with("4 mistakes"), "{text}");
}

#[test]
fn a_sound_or_missing_config_file_checks_clean() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let out = check(&path);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("no such file; the defaults apply"));
    std::fs::write(&path, "[keys]\nquit = \"Q\"\n").unwrap();
    let out = check(&path);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).ends_with("no mistakes\n"));
}
