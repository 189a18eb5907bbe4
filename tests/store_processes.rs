//! The store under real processes: a killed import, a reader beside a writer, two writers, and
//! a directory the store cannot be written to.
#![allow(clippy::unwrap_used)] // test helpers, not only #[test] fns

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use byline::commands::open_reader_store;
use byline::store::StateChange::Starred;
use byline::store::{ListFilter, Store};

/// Writes `files` JSON Lines files of `per_file` articles, titled `f{file}-a{n}`.
fn write_inputs(dir: &Path, files: usize, per_file: usize) {
    std::fs::create_dir_all(dir).unwrap();
    let filler = "The council met again and discussed the budget at length. ".repeat(20);
    for f in 0..files {
        let mut text = String::new();
        for n in 0..per_file {
            let row = serde_json::json!({"title": format!("f{f}-a{n}"), "body": format!("{filler} Item {f} {n}.")});
            text.push_str(&row.to_string());
            text.push('\n');
        }
        std::fs::write(dir.join(format!("batch-{f:04}.jsonl")), text).unwrap();
    }
}

fn spawn_import(store: &Path, input: &Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(store)
        .arg("import")
        .arg(input)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn count_titled(store: &Store, prefix: &str) -> usize {
    store
        .page(&ListFilter::default(), 0, 1_000_000)
        .unwrap()
        .iter()
        .filter(|r| r.title.starts_with(prefix))
        .count()
}

#[test]
fn killed_import_leaves_whole_batches_and_a_sound_store() {
    let dir = tempfile::tempdir().unwrap();
    let (store_path, input) = (dir.path().join("library.db"), dir.path().join("in"));
    write_inputs(&input, 400, 100);
    let reader = open_reader_store(&store_path).unwrap();
    let before = reader.count().unwrap();
    let mut child = spawn_import(&store_path, &input);
    let deadline = Instant::now() + Duration::from_secs(60);
    while reader.count().unwrap() == before {
        assert!(Instant::now() < deadline, "the import never wrote anything");
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();
    drop(reader);

    let store = Store::open(&store_path).unwrap();
    store.integrity_check().unwrap();
    let total = store.count().unwrap() - before;
    assert!(
        total < 400 * 100,
        "the kill came after the import had finished; make the input bigger"
    );
    assert_eq!(total % 100, 0, "a batch landed in part: {total}");
    for f in 0..400 {
        let n = count_titled(&store, &format!("f{f}-"));
        assert!(n == 0 || n == 100, "file {f}: {n} of 100 articles");
    }
}

#[test]
fn reader_keeps_working_while_another_process_imports() {
    let dir = tempfile::tempdir().unwrap();
    let (store_path, input) = (dir.path().join("library.db"), dir.path().join("in"));
    write_inputs(&input, 40, 100);
    let reader = open_reader_store(&store_path).unwrap();
    let before = reader.count().unwrap();
    let mut child = spawn_import(&store_path, &input);
    let mut queries = 0;
    loop {
        reader.page(&ListFilter::default(), 0, 50).unwrap();
        reader.search("council", 0, 20).unwrap();
        queries += 1;
        if child.try_wait().unwrap().is_some() {
            break;
        }
    }
    assert!(child.wait().unwrap().success());
    assert!(queries > 1);
    assert_eq!(
        reader.count().unwrap(),
        before + 4000,
        "the reader sees the new articles"
    );
}

#[test]
fn two_imports_at_once_both_land() {
    let dir = tempfile::tempdir().unwrap();
    let store_path = dir.path().join("library.db");
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    write_inputs(&a, 20, 50);
    std::fs::create_dir_all(&b).unwrap();
    for f in 0..20 {
        let text = std::fs::read_to_string(a.join(format!("batch-{f:04}.jsonl"))).unwrap();
        std::fs::write(
            b.join(format!("batch-{f:04}.jsonl")),
            text.replace("\"f", "\"g"),
        )
        .unwrap();
    }
    let before = open_reader_store(&store_path).unwrap().count().unwrap();
    let (mut one, mut two) = (spawn_import(&store_path, &a), spawn_import(&store_path, &b));
    assert!(one.wait().unwrap().success());
    assert!(two.wait().unwrap().success());
    let store = Store::open(&store_path).unwrap();
    assert_eq!(store.count().unwrap(), before + 2000);
    store.integrity_check().unwrap();
}

#[test]
fn unwritable_directory_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    std::fs::create_dir(&locked).unwrap();
    let mut perms = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    std::fs::set_permissions(&locked, perms).unwrap();
    // root ignores file modes; /sys refuses new files even to root.
    let target = if std::fs::write(locked.join("probe"), "x").is_ok() {
        Path::new("/sys/byline-test/library.db").to_path_buf()
    } else {
        locked.join("library.db")
    };
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(&target)
        .arg("list")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("cannot write here"), "{stderr}");
    assert!(stderr.contains(&target.display().to_string()), "{stderr}");
}

/// Runs `byline --store STORE ARGS...` to the end; its stdout.
fn byline(store: &Path, args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "byline {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn starred_ids(store: &Path) -> Vec<String> {
    let rows: Vec<serde_json::Value> =
        serde_json::from_str(&byline(store, &["list", "--starred", "--json"])).unwrap();
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_string())
        .collect()
}

/// See: issue 11. The reader holds two connections (its screen and its worker); another process
/// that opens and closes the store must not take the write-ahead log away from under them (it
/// did when opening the second connection read the file with std::fs, which dropped every lock
/// SQLite held on it in this process).
#[test]
fn another_process_closing_the_store_leaves_the_readers_log_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let wal = dir.path().join("library.db-wal");
    let mut screen = open_reader_store(&path).unwrap();
    let mut worker = Store::open(&path).unwrap();
    let ids: Vec<String> = screen
        .page(&ListFilter::default(), 0, 3)
        .unwrap()
        .into_iter()
        .map(|r| r.id)
        .collect();
    screen.change_state(&ids[0], &Starred(true)).unwrap();
    assert!(wal.exists());

    assert_eq!(starred_ids(&path), [ids[0].clone()]);
    assert!(
        wal.exists(),
        "another process deleted the log the reader writes to"
    );

    // The reader's writes after that reach other processes, and theirs reach the reader.
    worker.change_state(&ids[1], &Starred(true)).unwrap();
    let mut seen = starred_ids(&path);
    seen.sort();
    let mut want = vec![ids[0].clone(), ids[1].clone()];
    want.sort();
    assert_eq!(
        seen, want,
        "a write of the reader is missing in another process"
    );
    byline(&path, &["mark", "--star", &ids[2]]);
    let starred = |s: &Store| {
        s.page(
            &ListFilter {
                starred_only: true,
                ..ListFilter::default()
            },
            0,
            10,
        )
        .unwrap()
        .len()
    };
    assert_eq!(
        starred(&screen),
        3,
        "the screen misses another process's write"
    );
    assert_eq!(
        starred(&worker),
        3,
        "the worker misses another process's write"
    );
    drop((screen, worker));
    Store::open(&path).unwrap().integrity_check().unwrap();
}

/// See: issue 11. Reading the store's own files as an input (an import of the data directory's
/// files, a file:// feed pointing at them) would open and close them outside SQLite in the
/// process that holds the store, with the same lost locks; they are refused, and the log stays.
#[test]
fn the_store_is_never_read_as_an_input_by_the_process_that_has_it_open() {
    use byline::feed::{Fetcher, Validators};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("library.db");
    let wal = dir.path().join("library.db-wal");
    let mut store = open_reader_store(&path).unwrap();
    let id = store.page(&ListFilter::default(), 0, 1).unwrap()[0]
        .id
        .clone();
    store.change_state(&id, &Starred(true)).unwrap();
    for input in [&path, &wal, &dir.path().join("library.db-shm")] {
        let report = byline::article::import_file(input);
        let error = report.errors[0].to_string();
        assert!(error.contains("is byline's own store"), "{error}");
        let url = format!("file://{}", input.display());
        let error = Fetcher::default()
            .fetch(&url, &Validators::default())
            .unwrap_err()
            .to_string();
        assert!(error.contains("is byline's own store"), "{error}");
    }
    assert_eq!(starred_ids(&path), [id]);
    assert!(wal.exists(), "another process deleted the log of this one");
    drop(store);
    // With the store closed, the same file is just a file (and not an article).
    assert!(
        !byline::article::import_file(&path).errors[0]
            .to_string()
            .contains("own store")
    );
}

/// `byline ARGS...` as a user who may not write to the store: nobody, when the tests run as
/// root (root writes through any file mode), else this user. Its exit code, stdout, stderr.
fn byline_unprivileged(store: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| o.stdout.starts_with(b"0\n"));
    let mut cmd = if is_root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups", "--"]);
        c.arg(env!("CARGO_BIN_EXE_byline"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_byline"))
    };
    let out = cmd
        .env("HOME", "/nonexistent")
        .env_remove("BYLINE_CONFIG")
        .arg("--store")
        .arg(store)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn set_mode(path: &Path, mode: u32) {
    let mut perms = std::fs::metadata(path).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, mode);
    std::fs::set_permissions(path, perms).unwrap();
}

/// See: issue 11. A store whose file, or whose directory, may not be written to still opens
/// for reading: list, show and search work; a write says why it cannot and changes nothing.
#[test]
fn a_read_only_store_opens_for_reading_and_refuses_writes_clearly() {
    for locked_dir in [true, false] {
        let dir = tempfile::tempdir().unwrap();
        set_mode(dir.path(), 0o755);
        let shelf = dir.path().join("shelf");
        std::fs::create_dir(&shelf).unwrap();
        let path = shelf.join("library.db");
        let id = {
            let mut store = open_reader_store(&path).unwrap();
            let id = store.page(&ListFilter::default(), 0, 1).unwrap()[0]
                .id
                .clone();
            store.change_state(&id, &Starred(true)).unwrap();
            id
        };
        assert!(!shelf.join("library.db-wal").exists(), "closed cleanly");
        set_mode(&path, 0o444);
        set_mode(&shelf, if locked_dir { 0o555 } else { 0o777 });
        let case = if locked_dir {
            "read-only directory"
        } else {
            "read-only file"
        };

        let (code, out, err) = byline_unprivileged(&path, &["list", "--starred"]);
        assert_eq!(code, Some(0), "{case}: list: {err}");
        assert!(out.contains(&id[..8]), "{case}: {out}");
        let (code, out, err) = byline_unprivileged(&path, &["search", "Halvorsen"]);
        assert_eq!(code, Some(0), "{case}: search: {err}");
        assert!(out.contains("Halvorsen"), "{case}: {out}");
        let (code, out, err) = byline_unprivileged(&path, &["show", &id]);
        assert_eq!(code, Some(0), "{case}: show: {err}");
        assert!(!out.is_empty());

        let (code, _, err) = byline_unprivileged(&path, &["mark", "--unstar", &id]);
        assert_eq!(code, Some(2), "{case}: a write must fail: {err}");
        assert!(err.contains("cannot write here"), "{case}: {err}");
        assert!(err.contains("nothing was changed"), "{case}: {err}");
        let (_, out, _) = byline_unprivileged(&path, &["list", "--starred"]);
        assert!(out.contains(&id[..8]), "{case}: the star is gone");
        set_mode(&shelf, 0o755);
    }
}
