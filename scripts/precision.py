#!/usr/bin/env python3
"""Planted recall and noise of `netrc-guard scan` on code we did not write.

For each project (default: six popular Python projects' sdists: database drivers, task
queues, HTTP clients, a package installer), the sdist is downloaded once with
`pip download --no-binary :all: --no-deps` into a cache, unpacked into a fresh copy, and
scanned twice with the default options: as published (every finding is noise: these trees
hold no live credential), then with 20 realistic credentials of varied classes appended to
20 of its files (recall: how many of the planted lines are reported; noise: findings on
any other line). The planted values are generated at run time from a fixed seed, so this
file holds none.

    python3 scripts/precision.py [PROJECT...] [--bin PATH] [--tree DIR]...

`--bin` (default target/release/netrc-guard) names the binary, so two builds can be
compared; `--tree DIR` also counts the default findings in DIR by confidence (the cargo
registry, site-packages, /usr/share/doc). NG_PRECISION_CACHE overrides the cache directory.
Exit status: 0 when every planted credential was found, 1 otherwise.
"""
import argparse
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter
from pathlib import Path

PROJECTS = ["psycopg", "pymysql", "celery", "kombu", "requests", "pip"]
CACHE = Path(os.environ.get("NG_PRECISION_CACHE", Path.home() / ".cache/netrc-guard-precision"))


def rand(rng, alphabet, n):
    return "".join(rng.choice(alphabet) for _ in range(n))


def planted(rng):
    """(class, URI) for 20 credentials: token formats and strong values (high), then weak,
    default and user-derived passwords at real hosts (medium)."""
    alnum = string.ascii_letters + string.digits
    hexd = "0123456789abcdef"
    upper = string.ascii_uppercase + string.digits

    def chosen():
        # A chosen-looking password: a capitalised word, digits, a symbol, more letters.
        return (rand(rng, string.ascii_uppercase, 1) + rand(rng, string.ascii_lowercase, 4)
                + rand(rng, string.digits, 2) + "%23" + rand(rng, string.ascii_lowercase, 3))

    def uuid():
        return "-".join(rand(rng, hexd, n) for n in (8, 4, 4, 4, 12))

    return [
        ("high:github", f"https://x-access-token:ghp_{rand(rng, alnum, 36)}@github.com/acme/infra.git"),
        ("high:gitlab", f"https://oauth2:glpat-{rand(rng, alnum, 20)}@gitlab.com/acme/app.git"),
        ("high:pypi", f"https://__token__:pypi-AgEIcHlwaS5vcmc{rand(rng, alnum, 50)}@upload.pypi.org/legacy/"),
        ("high:npm-user", f"https://npm_{rand(rng, alnum, 36)}@registry.npmjs.org/"),
        ("high:huggingface", f"https://bot:hf_{rand(rng, alnum, 34)}@huggingface.co/acme/model"),
        ("high:aws", f"s3://AKIA{rand(rng, upper, 16)}:{rand(rng, alnum, 40)}@acme-prod-backups/db"),
        ("high:random", f"postgresql://app:{rand(rng, alnum, 18)}@db.prod.acme-corp.net:5432/app"),
        ("high:uuid", f"https://deploy:{uuid()}@artifacts.acme.io/repository/"),
        ("high:letters", f"mongodb+srv://svc:{rand(rng, string.ascii_letters, 24)}@cluster0.ab1cd.mongodb.net/"),
        ("high:chosen", f"redis://:{chosen()}@cache.prod.acme.io:6379/0"),
        ("high:chosen-amqp", f"amqp://worker:{chosen()}@mq.internal.acme.io:5672//"),
        ("high:hex", f"https://ci:{rand(rng, hexd, 40)}@jenkins.acme.io/job/x"),
        ("medium:weak-word", "postgres://app:mySecret2024@db.prod.corp.net/app"),
        ("medium:default", "amqp://guest:guest@rabbit.prod.corp.net/"),
        ("medium:default", "postgres://postgres:postgres@pg.prod.acme.io:5432/app"),
        ("medium:user-derived", "https://jsmith:jsmith2019@git.acme.io/tools/repo.git"),
        ("medium:user-equals", "https://deploy:deploy@prod.acme.io/upload"),
        ("medium:short-default", "ssh://root:toor@10.1.2.3/srv"),
        ("medium:weak-word", "mysql://root:Welcome1@mysql.prod.acme.io/shop"),
        ("medium:plain", "https://ops:hunter2@nexus.acme-corp.com/repository/pypi/simple"),
    ]


def line_for(path, uri):
    """A line that fits the file's language, holding the URI."""
    ext = path.suffix.lower()
    if ext in (".py", ".pyi", ".toml", ".cfg", ".ini", ".yml", ".yaml", ".sh"):
        return f'PLANTED_URL = "{uri}"' if ext in (".py", ".pyi", ".toml") else f"planted_url = {uri}"
    return f"The mirror is at {uri} for the nightly job."


def fetch(name):
    CACHE.mkdir(parents=True, exist_ok=True)
    have = [p for p in CACHE.iterdir() if p.name.lower().startswith(name.lower() + "-")
            and p.name.endswith((".tar.gz", ".zip"))]
    if not have:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-binary", ":all:",
                        "--no-deps", "-q", "-d", str(CACHE), name], check=True)
        have = [p for p in CACHE.iterdir() if p.name.lower().startswith(name.lower() + "-")
                and p.name.endswith((".tar.gz", ".zip"))]
    return sorted(have)[-1]


def unpack(archive, into):
    if archive.name.endswith(".zip"):
        zipfile.ZipFile(archive).extractall(into)
    else:
        with tarfile.open(archive) as t:
            t.extractall(into, filter="data")
    return into


def scan(binary, tree):
    out = subprocess.run([binary, "scan", "--no-ignore", "--format", "json", str(tree)],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        sys.exit(f"scan of {tree} failed with {out.returncode}")
    return json.loads(out.stdout or "[]")


def candidates(tree):
    """Text files to plant into, spread over the tree, the same on every run."""
    files = sorted(p for p in tree.rglob("*") if p.is_file() and not p.is_symlink()
                   and p.suffix.lower() in (".py", ".rst", ".md", ".txt", ".toml", ".cfg", ".ini", ".yml", ".yaml"))
    step = max(1, len(files) // 20)
    return files[::step][:20]


def plant(tree, rng):
    """Appends one credential to each of 20 files; returns {(path, line): class}."""
    where = {}
    for path, (cls, uri) in zip(candidates(tree), planted(rng)):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text and not text.endswith("\n"):
            text += "\n"
        line = text.count("\n") + 1
        path.write_text(text + line_for(path, uri) + "\n", encoding="utf-8")
        where[(str(path), line)] = cls
    return where


def by_confidence(findings):
    c = Counter(f.get("confidence", f.get("class")) for f in findings)
    return " ".join(f"{k}={v}" for k, v in sorted(c.items()))


def measure(binary, name, work):
    archive = fetch(name)
    tree = unpack(archive, work / name)
    clean = scan(binary, tree)
    where = plant(tree, random.Random(f"netrc-guard:{name}"))
    found = scan(binary, tree)
    hit = {(f["path"], f["line"]) for f in found} & set(where)
    noise = [f for f in found if (f["path"], f["line"]) not in where]
    missed = sorted(cls for key, cls in where.items() if key not in hit)
    print(f"{archive.name:28} noise {len(clean):3} ({by_confidence(clean) or '-'}); "
          f"planted {len(hit)}/{len(where)}, noise after planting {len(noise)}"
          + (f"; missed: {', '.join(missed)}" if missed else ""))
    for f in clean:
        print(f"    noise: {os.path.relpath(f['path'], work)}:{f['line']} {f['scheme']} "
              f"{f['host']} {f.get('confidence', f['class'])} {','.join(f['reasons'])}")
    return len(clean), len(hit), len(where)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("projects", nargs="*", default=PROJECTS)
    ap.add_argument("--bin", default="target/release/netrc-guard")
    ap.add_argument("--tree", action="append", default=[])
    args = ap.parse_args()
    binary = str(Path(args.bin).resolve())
    totals = [0, 0, 0]
    with tempfile.TemporaryDirectory(prefix="ng-precision-") as tmp:
        for name in args.projects:
            for i, n in enumerate(measure(binary, name, Path(tmp))):
                totals[i] += n
            shutil.rmtree(Path(tmp) / name, ignore_errors=True)
    print(f"total: noise {totals[0]}, planted recall {totals[1]}/{totals[2]}")
    for tree in args.tree:
        findings = scan(binary, tree)
        print(f"tree {tree}: {len(findings)} finding(s) ({by_confidence(findings) or '-'})")
    sys.exit(0 if totals[1] == totals[2] else 1)


if __name__ == "__main__":
    main()
