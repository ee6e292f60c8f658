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
