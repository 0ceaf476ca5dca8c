//! A netrc that is not a regular file (a FIFO, a device, a directory, or a symlink to one) is
//! refused by every command, without being opened blindly: nothing hangs, nothing is chmod-ed,
//! nothing is created beside it.

use crate::common;

use std::fs;
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{Home, Run};

/// A guard against a regression hanging the suite (a FIFO opened for reading blocks until a
/// writer comes), not a timing assertion: every run here takes milliseconds.
const HANG_GUARD: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, Copy)]
enum Shape {
    Device,
    Fifo,
    Directory,
}

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() == 0 }
}

/// Makes the special file in `home` (as root, a private null device, so that a regression
/// that chmods it harms nothing; otherwise /dev/null, which only root could change).
fn make(home: &Home, shape: Shape) -> PathBuf {
    let path = home.path().join("special");
    match shape {
        Shape::Device if !is_root() => return PathBuf::from("/dev/null"),
        Shape::Device => {
            let status = std::process::Command::new("mknod")
                .arg(&path)
                .args(["c", "1", "3"])
                .status()
                .unwrap();
            assert!(status.success(), "mknod failed");
        }
        Shape::Fifo => {
            let status = std::process::Command::new("mkfifo")
                .arg(&path)
                .status()
                .unwrap();
            assert!(status.success(), "mkfifo failed");
        }
        Shape::Directory => fs::create_dir(&path).unwrap(),
    }
    path
}

/// Every shape, directly and through a symlink.
fn each_special_file(mut test: impl FnMut(&Home, &Path, &str)) {
    for shape in [Shape::Device, Shape::Fifo, Shape::Directory] {
        for linked in [false, true] {
            let home = Home::new();
            let target = make(&home, shape);
            let path = if linked {
                let link = home.path().join("link");
                std::os::unix::fs::symlink(&target, &link).unwrap();
                link
            } else {
                target.clone()
            };
            let before = fs::metadata(&target).unwrap();
            let entries_before = names_in(home.path());
            test(&home, &path, &format!("{shape:?} (linked: {linked})"));
            let after = fs::metadata(&target).unwrap();
            assert_eq!(
                (after.mode(), after.file_type().is_fifo(), after.is_dir()),
                (before.mode(), before.file_type().is_fifo(), before.is_dir()),
                "{shape:?} changed"
            );
            assert_eq!(
                names_in(home.path()),
                entries_before,
                "a file (lock, temp) was created beside {shape:?}"
            );
        }
    }
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The whole refusal of `file` by a command that would `verb` ("read" or "edit") it. An edit
/// names the file the link points to (writes go there), a read the path as given.
fn refusal(file: &Path, verb: &str) -> String {
    let kind = fs::metadata(file).unwrap().file_type();
    let what = if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else {
        assert!(kind.is_char_device(), "{file:?}");
        "a character device"
    };
    let shown = if verb == "edit" {
        fs::canonicalize(file).unwrap()
    } else {
        file.to_path_buf()
    };
    format!(
        "netrc-guard: error: {}: {what}, not a regular file; refusing to {verb} it \
         (netrc-guard reads and writes only regular files and symlinks to them)\n",
        shown.display()
    )
}

fn run(home: &Home, file: &Path, args: &[&str], stdin: &str) -> Run {
    Run::from(
        home.cmd()
            .arg("--file")
            .arg(file)
            .args(args)
            .write_stdin(stdin)
            .timeout(HANG_GUARD)
            .output()
            .unwrap(),
    )
}

#[test]
fn writing_commands_refuse_what_is_not_a_regular_file() {
    each_special_file(|home, file, shape| {
        for args in [
            &["add", "a.example", "--login", "u", "--password-stdin"][..],
            &["add", "--default", "--login", "u", "--password-stdin"],
            &["remove", "a.example"],
            &["remove", "--default"],
            &["fix"],
        ] {
            let r = run(home, file, args, "p\n");
            assert_eq!(r.code, 2, "{shape} {args:?}: {r:?}");
            assert_eq!(r.stderr, refusal(file, "edit"), "{shape} {args:?}");
        }
    });
}

#[test]
fn reading_commands_refuse_a_fifo_without_hanging() {
    each_special_file(|home, file, shape| {
        for args in [
            &["list"][..],
            &["list", "--json"],
            &["get", "a.example"],
            &["get", "a.example", "--password"],
            &["kube", "secret"],
        ] {
            let r = run(home, file, args, "");
            assert_eq!(r.code, 2, "{shape} {args:?}: {r:?}");
            assert_eq!(r.stderr, refusal(file, "read"), "{shape} {args:?}");
        }
    });
}

#[test]
fn check_reports_a_special_file_without_reading_it() {
    each_special_file(|home, file, shape| {
        let r = run(home, file, &["check", "--json"], "");
        assert_eq!(r.code, 1, "{shape}: {r:?}");
        let codes: Vec<_> = r
            .json()
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["code"].as_str().unwrap().to_string())
            .collect();
        // The mode of a device or directory says nothing about a netrc: only the type.
        assert_eq!(codes, ["not-regular-file"], "{shape}");
    });
}

#[test]
fn scrub_leaves_its_source_alone_when_the_netrc_is_special() {
    each_special_file(|home, file, shape| {
        let source = home.path().join("env.json");
        let text = "{\"pip\": [\"git+https://u:s3cret@git.example/r.git\"]}\n";
        fs::write(&source, text).unwrap();
        let r = run(
            home,
            file,
            &["scrub", &source.display().to_string(), "--in-place"],
            "",
        );
        assert_eq!(r.code, 2, "{shape}: {r:?}");
        assert_eq!(r.stderr, refusal(file, "edit"), "{shape}");
        r.hides("s3cret");
        assert_eq!(fs::read_to_string(&source).unwrap(), text, "{shape}");
        fs::remove_file(&source).unwrap();
    });
}

/// The class beyond the netrc: every file a command is named to read (a manifest to patch)
/// is refused the same way when it is special, without hanging.
#[test]
fn named_inputs_that_are_special_files_are_refused_without_hanging() {
    each_special_file(|home, file, shape| {
        let shown = file.display().to_string();
        for args in [
            &["kube", "patch", shown.as_str()][..],
            &["kube", "patch", shown.as_str(), "--in-place"],
        ] {
            let r = Run::from(home.cmd().args(args).timeout(HANG_GUARD).output().unwrap());
            assert_eq!(r.code, 2, "{shape} {args:?}: {r:?}");
            assert_eq!(r.stderr, refusal(file, "read"), "{shape} {args:?}");
        }
    });
}

/// Found by a hostile review: the refusal of an edit past an unclosed macro named the line
/// but not the file. Every command that edits names `file:line:column`.
#[test]
fn edits_refused_at_a_place_name_the_file_line_and_column() {
    let home = Home::new();
    let text = "machine a.com login u password p\n  macdef init\ncd /pub\nmachine b.com login v password q";
    home.write_netrc(text);
    home.write("s.txt", "https://u:Pw9xQ@n.example/\n");
    let refused = "netrc-guard: error: $HOME/.netrc:2:3: the macro (`macdef`) there is not \
        closed by an empty line, so it is ambiguous where it ends: curl reads every line after \
        it as part of the macro and Python refuses the file; add an empty line where the macro \
        ends, then try again; nothing changed\n";
    // add first says which readers will not read the entry it would add.
    let python_refuses = "netrc-guard: warning: $HOME/.netrc: requests/pip/Ray, Python netrc: \
        rejects the whole file (line 4: macro definition missing null line terminator), so they \
        will not read this entry either; `netrc-guard check` names what to fix\n";
    for (args, stdin, warned) in [
        (&["remove", "a.com"][..], "", ""),
        (
            &["add", "z.com", "--login", "q", "--password-stdin"],
            "x",
            python_refuses,
        ),
        (&["scrub", "s.txt", "--in-place"], "", ""),
    ] {
        let r = home.run_stdin(args, stdin);
        assert_eq!(r.code, 2, "{args:?}: {r:?}");
        r.stderr_is(&format!("{warned}{refused}")).hides("Pw9xQ");
    }
    assert_eq!(home.read_netrc(), text);
}

/// Found by a hostile review: `explain` showed a FIFO netrc as "no file", as if it were
/// missing. Every reader that opens a special file is shown failing on it (a FIFO blocks it,
/// a directory or device fails it). (The exit status stays explain's: 1 only when the
/// readers disagree, and here they all send nothing.)
#[test]
fn explain_shows_readers_failing_on_a_special_file() {
    each_special_file(|home, file, shape| {
        let r = run(
            home,
            file,
            &["explain", "https://a.example/x", "--json"],
            "",
        );
        assert_eq!(r.code, 0, "{shape}: {r:?}");
        let report = r.json();
        let parses: Vec<String> = report["readers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| v["file"].as_str() == Some(file.to_str().unwrap()))
            .map(|v| v["parse"].as_str().unwrap().to_string())
            .collect();
        assert!(!parses.is_empty(), "{shape}: {report}");
        assert!(parses.iter().all(|p| p == "failed"), "{shape}: {parses:?}");
    });
}
