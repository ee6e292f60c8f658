"""Helpers for the reliability tests (imported by name: tests/reliability is on sys.path
when pytest collects this folder): real `vraagbaak` subprocesses, the generator's facts,
and readers that open the index on disk the way a fresh process would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VRAAGBAAK = [sys.executable, "-m", "cli.main"]
CRASH_DOCS = 2000
CRASH_SEED = 606


def cli_env(**extra: str) -> dict[str, str]:
    """Environment for a `vraagbaak` subprocess: this checkout first on the path, and no
    VRAAGBAAK_* setting from the caller's shell."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("VRAAGBAAK_")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.update(extra)
    return env


def start(args: list[str], **env: str) -> subprocess.Popen:
    """Start `vraagbaak ARGS...` in its own process group, so a test can find what is left
    of it after a kill (and kill that too)."""
    return subprocess.Popen([*VRAAGBAAK, *args], cwd=ROOT, env=cli_env(**env),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def run(args: list[str], timeout: float = 300, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run([*VRAAGBAAK, *args], cwd=ROOT, env=cli_env(**env),
                          capture_output=True, text=True, timeout=timeout, check=False)


def load_facts(corpus: Path) -> dict[str, list[dict]]:
    """file name -> the records the generator says that file holds."""
    facts = {}
    with open(corpus / "facts.jsonl", encoding="utf-8") as handle:
        for line in handle:
            item = json.loads(line)
            facts[item["file"]] = item["records"]
    return facts


def stored_records(index_dir: Path) -> list[dict]:
    """Every live record in the index, opened afresh from disk."""
    from index.indexing.schema import unpack_record
    from index.indexing.store import open_index

    ix = open_index(index_dir)
    with ix.reader() as reader:
        return [unpack_record(fields["record"]).to_json() for fields in reader.all_stored_fields()]


def comparable(record: dict) -> dict:
    """A record without its source (the generator names files, the index keeps paths)."""
    return {k: v for k, v in record.items() if k != "source"}


def wait_for(predicate, timeout: float, interval: float = 0.05) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A real `vraagbaak serve` on 127.0.0.1, stopped (and its group killed) on exit."""

    def __init__(self, index_dir: Path, startup: float = 60):
        self.port = free_port()
        self.log = Path(index_dir).parent / f"serve-{self.port}.log"
        self._log = open(self.log, "w")  # noqa: SIM115 - closed in __exit__
        self.proc = subprocess.Popen(
            [*VRAAGBAAK, "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--index-dir", str(index_dir)],
            cwd=ROOT, env=cli_env(), stdout=self._log, stderr=subprocess.STDOUT,
            start_new_session=True)
        if not wait_for(self._ready, timeout=startup, interval=0.2):
            self.__exit__()
            raise AssertionError(f"serve did not start:\n{self.log.read_text()}")

    def _ready(self) -> bool:
        if self.proc.poll() is not None:
            raise AssertionError(f"serve exited:\n{self.log.read_text()}")
        try:
            return self.get("/api/stats")[0] == 200
        except OSError:
            return False

    def get(self, path: str, timeout: float = 30) -> tuple[int, bytes, dict]:
        """(status, body, headers) of GET path; plain http.client, so no proxy is used."""
        import http.client

        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path)
            response = conn.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            conn.close()

    def json(self, path: str) -> dict:
        status, body, _ = self.get(path)
        assert status == 200, (path, status, body[:300])
        return json.loads(body)

    def __enter__(self) -> Server:
        return self

    def __exit__(self, *exc) -> None:
        import signal

        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=10)
        self._log.close()


# -- commit points: a real `vraagbaak index` stopped or killed at a named moment ----------
# The hook wraps Whoosh's file storage in the indexing process (not its workers). A commit
# of this run is the rename of a new table of contents into place (generation 0, the empty
# index, is not a commit of a run). Points, for the run's commit number N:
#   writing:N        SIGKILL while commit N writes its segment files (before its TOC)
#   before-rename:N  SIGKILL with commit N's TOC written under its temporary name
#   after-rename:N   SIGKILL right after commit N is in place
#   pause:N          after commit N, print "@committed N" on stderr and wait for a line on
#                    stdin (the run, and so its lock, stays alive until then)
# With VRAAGBAAK_TEST_REPORT_REFUSAL set, the first refused try for the run lock prints
# "@refused" on stderr.
HOOKED_INDEX = """
import os, signal, sys
from whoosh.filedb.filestore import FileStorage

point, number = os.environ.pop("VRAAGBAAK_TEST_HOOK").split(":")
number, main, done = int(number), os.getpid(), [0]
create, rename = FileStorage.create_file, FileStorage.rename_file

def die():
    os.kill(main, signal.SIGKILL)

def hooked_create(self, name, *args, **kwargs):
    if os.getpid() == main and point == "writing" and done[0] == number - 1 \\
            and ".toc" not in name:
        die()
    return create(self, name, *args, **kwargs)

def hooked_rename(self, frm, to, safe=False):
    commit = os.getpid() == main and ".toc." in frm and not to.endswith("_0.toc")
    if commit and point == "before-rename" and done[0] == number - 1:
        die()
    result = rename(self, frm, to, safe)
    if commit:
        done[0] += 1
        if done[0] == number and point == "after-rename":
            die()
        if done[0] == number and point == "pause":
            print(f"@committed {number}", file=sys.stderr, flush=True)
            sys.stdin.readline()
    return result

FileStorage.create_file, FileStorage.rename_file = hooked_create, hooked_rename

if os.environ.pop("VRAAGBAAK_TEST_REPORT_REFUSAL", None):
    import index.indexing.locks

    class ReportingLock(index.indexing.locks.FileLock):
        refused = False

        def acquire(self, *args, **kwargs):
            got = super().acquire(*args, **kwargs)
            if not got and not ReportingLock.refused:
                ReportingLock.refused = True
                print("@refused", file=sys.stderr, flush=True)
            return got

    index.indexing.locks.FileLock = ReportingLock
from cli.main import main as vraagbaak
sys.argv[0] = "vraagbaak"
vraagbaak()
"""


def start_hooked(args: list[str], hook: str, **env: str) -> subprocess.Popen:
    """`vraagbaak ARGS...` with the commit-point hook `hook` (see HOOKED_INDEX), in its own
    process group, stdin piped for `pause`."""
    return subprocess.Popen([sys.executable, "-c", HOOKED_INDEX, *args], cwd=ROOT,
                            env=cli_env(VRAAGBAAK_TEST_HOOK=hook, **env),
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)


def wait_for_event(proc: subprocess.Popen, event: str) -> None:
    """Read the process's stderr up to the line `event` (the process ending first fails)."""
    seen = []
    for line in proc.stderr:
        if line.strip() == event:
            return
        seen.append(line)
    raise AssertionError(f"{event!r} never came; exit {proc.wait()}: {''.join(seen)}")
