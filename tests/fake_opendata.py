"""A fake of the parliament's open-data services on 127.0.0.1, for the harvest tests.

Serves the Document Search API (`/api/search/query/...`), the detail service
(`/e/opendata/schv/<id>`) and the files (`/files/pfile?id=<n>`) in the documented shapes,
and injects faults per question or per search page. Every request is logged, so tests can
assert which were made. A generated question still without an answer can be answered
later (`FakeOpenData.answer`, or `POST /fake/answer?id=<id>&date=<YYYY-MM-DD>&tijdig=J|N`
when the fake runs on its own): its search result, detail and file then say so, as the
services would. Run it by hand to try `vraagbaak harvest` against it:

    python -m tests.fake_opendata --count 200 --port 8765
    vraagbaak harvest --zittingsjaar 2024-2025 --api http://127.0.0.1:8765 --out /tmp/h
"""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import struct
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

BASE = "{base}"  # replaced by the server's own address when a response is sent
PAGE_LIMIT = 10_000
HTML_ERROR = (b"<!DOCTYPE html><html><head><title>Onderhoud</title></head>"
              b"<body><h1>Even geduld</h1></body></html>")
XML_BODY = (b'<?xml version="1.0" encoding="UTF-8"?><schv><id>1</id><themas><thema>Werk'
            b"</thema></themas></schv>")


@dataclass
class FakeQuestion:
    id: str
    session: str
    published: str  # ISO date: what the search's daterange filters on
    hit: dict  # one search result, as the API lists it
    detail: dict  # as the detail service sends it
    file: bytes | None = None
    file_type: str = "application/pdf"
    # How a generated question was made (synth plan item, position, seed, width, PDF folder):
    # enough to make its answered version.
    origin: tuple | None = None

    def tag(self, name: str) -> str | None:
        return next((t["value"] for t in self.hit["metatags"]["metatag"]
                     if t["name"] == name), None)

    @property
    def answered(self) -> bool:
        return self.tag("statusdatumSchvBeantwoord") is not None


@dataclass
class Fault:
    """What goes wrong, and how many times (None: every time)."""

    name: str  # 500 503 429 slow reset truncate html xml zip
    times: int | None = None
    retry_after: str = "1"
    delay: float = 1.0


@dataclass
class FakeOpenData:
    questions: list[FakeQuestion]
    max_results: int = PAGE_LIMIT
    string_counts: bool = True
    faults: dict = field(default_factory=dict)  # ("detail"|"file"|"search", key) -> Fault
    duplicates: set = field(default_factory=set)  # ids listed a second time, a page later
    log: list = field(default_factory=list)  # (kind, key) per request

    def __post_init__(self):
        self.lock = threading.Lock()
        self.by_id = {q.id: q for q in self.questions}
        self.by_file = {}
        for q in self.questions:
            for url in _file_urls(q):
                self.by_file[url.split("id=")[-1]] = q
        self.server = None

    # -- lifecycle
    def start(self) -> FakeOpenData:
        fake = self

        class Handler(_Handler):
            pass

        Handler.fake = fake
        self.server = _Server(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def requests(self, kind: str) -> list[str]:
        with self.lock:
            return [key for k, key in self.log if k == kind]

    def clear_log(self) -> None:
        with self.lock:
            self.log.clear()

    def answer(self, qid: str, day: dt.date, on_time: bool) -> FakeQuestion:
        """Answer a generated question on `day`: the search result gets the answer's status
        and date, the detail its procedure step, `tijdig` and file, and the file is the
        question with its answer now."""
        question = self.by_id[qid]
        if question.answered or question.origin is None:
            raise ValueError(f"question {qid} is answered already or was not generated")
        file_id = f"8{qid}"
        url = f"{BASE}/files/pfile?id={file_id}"
        stamp = f"{day.isoformat()}T00:00:00+0200"
        pdf = answered_pdf(question.origin)
        with self.lock:
            detail = question.detail.get("result", question.detail)
            detail["procedureverloop"].append(
                {"status": "Tijdig beantwoord" if on_time else "Laattijdig beantwoord",
                 "datum": stamp})
            detail["tijdig"] = on_time
            detail["bestand-ordered"] = [{"URL": url, "naam": "Vraag en antwoord"}]
            tags = [t for t in question.hit["metatags"]["metatag"]
                    if t["name"] not in ("status", "publicatiedatum", "last_modified")]
            tags += [{"name": "status", "value": "Beantwoord"},
                     {"name": "publicatiedatum", "value": stamp},
                     {"name": "last_modified", "value": stamp},
                     {"name": "statusdatumSchvBeantwoord", "value": stamp},
                     {"name": "document", "value": url}]
            question.hit["metatags"]["metatag"] = tags
            question.published = day.isoformat()
            question.file = pdf
            self.by_file[file_id] = question
        return question

    def expose(self, obj):
        """An object as the service shows it: with this server's address in its links."""
        return json.loads(json.dumps(obj).replace(BASE, self.url))

    # -- fault bookkeeping
    def fault(self, kind: str, key: str) -> Fault | None:
        with self.lock:
            self.log.append((kind, key))
            fault = self.faults.get((kind, key))
            if fault is None:
                return None
            if fault.times is not None:
                if fault.times <= 0:
                    return None
                fault.times -= 1
            return fault

    # -- search
    def listing(self, session: str | None, low: str | None, high: str | None) -> list:
        items = sorted((q for q in self.questions
                        if (session is None or q.session == session)
                        and (low is None or low <= q.published <= high)),
                       key=lambda q: (q.published, int(q.id)))
        hits = [q.hit for q in items]
        for qid in self.duplicates:
            spots = [n for n, q in enumerate(items) if q.id == qid]
            if spots:
                hits.insert(min(len(hits), spots[0] + 101), self.by_id[qid].hit)
        return hits


def _file_urls(q: FakeQuestion) -> list[str]:
    detail = q.detail.get("result", q.detail)
    urls = [f["URL"] for f in detail.get("bestand-ordered") or []]
    tags = q.hit.get("metatags", {}).get("metatag", [])
    urls += [t["value"] for t in tags if t["name"] == "document"]
    return urls


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):  # clients that hang up are expected
        pass


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    fake: FakeOpenData

    def log_message(self, *args):  # quiet
        pass

    def setup(self):
        super().setup()  # headers and body go out in two writes: do not wait for an ACK
        self.request.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_POST(self):  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        if parts.path != "/fake/answer" or query.get("id") not in self.fake.by_id:
            self._send(404, b"not found", "text/plain")
            return
        try:
            self.fake.answer(query["id"], dt.date.fromisoformat(query.get("date", "")),
                             query.get("tijdig", "J") == "J")
        except ValueError as error:
            self._send(409, str(error).encode(), "text/plain")
            return
        self._send(200, b"answered", "text/plain")

    def do_GET(self):  # noqa: N802 - http.server's name
        parts = urlsplit(self.path)
        query = parse_qs(parts.query)
        path = parts.path
        if path.startswith("/api/search/query/"):
            self._search(unquote(path[len("/api/search/query/"):]), query)
        elif match := re.fullmatch(r"/e/opendata/schv/(\d+)", path):
            self._detail(match.group(1))
        elif path == "/files/pfile" and "id" in query:
            self._file(query["id"][0])
        else:
            self._send(404, b"not found", "text/plain")

    def _send(self, status: int, body: bytes, kind: str, headers: dict | None = None):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def _json(self, obj) -> None:
        body = json.dumps(obj, ensure_ascii=False).replace(BASE, self.fake.url).encode()
        self._send(200, body, "application/json;charset=UTF-8")

    def _faulted(self, fault: Fault | None) -> bool:
        """Act out a fault that replaces the response; True when it did."""
        if fault is None:
            return False
        if fault.name in ("500", "503"):
            self._send(int(fault.name), b"Service Unavailable", "text/plain")
        elif fault.name == "429":
            self._send(429, b"Too Many Requests", "text/plain",
                       {"Retry-After": fault.retry_after})
        elif fault.name == "html":
            self._send(200, HTML_ERROR, "text/html")
        elif fault.name == "xml":
            self._send(200, XML_BODY, "application/xml")
        elif fault.name == "reset":
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                       struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True
        elif fault.name == "slow":
            time.sleep(fault.delay)
            return False
        else:
            return False
        return True

    def _search(self, text: str, query: dict) -> None:
        fake = self.fake
        page = int(query.get("page", ["1"])[0])
        size = min(100, int(query.get("max", ["10"])[0]))
        if self._faulted(fake.fault("search", str(page))):
            return
        if "application/json" not in self.headers.get("Accept", ""):
            self._send(200, b'<?xml version="1.0"?><GSP><RES/></GSP>', "text/xml")
            return
        session = re.search(r"zittingsjaar=(\d{4}-\d{4})", text)
        dates = re.search(r"daterange:(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", text)
        hits = fake.listing(session.group(1) if session else None,
                            dates.group(1) if dates else None, dates.group(2) if dates else None)
        count = len(hits)
        first = (page - 1) * size
        last = min(page * size, count, fake.max_results)
        window = hits[first:last] if first < last else []
        number = str if fake.string_counts else int
        self._json({"count": number(count), "firstindex": number(first + 1),
                    "lastindex": number(first + len(window)),
                    "result": [dict(hit, index=first + n + 1) for n, hit in enumerate(window)],
                    "facet_category": [{"facet": [{"name": "Aggregaat Type"}]}]})

    def _detail(self, qid: str) -> None:
        fault = self.fake.fault("detail", qid)
        if self._faulted(fault):
            return
        question = self.fake.by_id.get(qid)
        if question is None:
            self._send(404, b"{}", "application/json")
            return
        self._json(question.detail)

    def _file(self, file_id: str) -> None:
        fault = self.fake.fault("file", file_id)
        if self._faulted(fault):
            return
        question = self.fake.by_file.get(file_id)
        if question is None or question.file is None:
            self._send(404, b"not found", "text/html")
            return
        body = question.file
        if fault is not None and fault.name == "truncate":
            body = body[: len(body) // 2]
        if fault is not None and fault.name == "zip":
            self._send(200, b"PK\x03\x04" + body[:200], "application/zip")
            return
        self._send(200, body, question.file_type)


# -- building questions -------------------------------------------------------------------


def synthetic_questions(count: int, seed: int, pdf_dir: Path,
                        session: str | None = None) -> list[FakeQuestion]:
    """`count` generated documents as PDFs with their official metadata (synth/metadata),
    all of one zittingsjaar when `session` is given."""
    from index.documents.dates import session_year
    from synth.generator import build, plan
    from synth.metadata import official
    from tests.pdfs import make_pdf

    out = []
    planned = count * (10 if session else 1)
    width = max(6, len(str(planned - 1)))
    pdf_dir.mkdir(parents=True, exist_ok=True)
    for item in plan(planned, seed):
        if session and session_year(item.date) != session:
            continue
        for position, (name, data, record, _stats) in enumerate(build(item, seed, width)):
            if len(out) >= count:
                return out
            hit, detail, _filled = official(record, item.first_file + position, seed)
            text = data.decode("utf-8" if _is_utf8(data) else "cp1252")
            pdf_path = pdf_dir / f"{name}.pdf"
            if not pdf_path.exists():
                make_pdf(pdf_path, text)
            question = _question(hit, detail, pdf_path.read_bytes())
            question.origin = (item, position, seed, width, pdf_dir)
            out.append(question)
    return out


def answered_pdf(origin: tuple) -> bytes:
    """The PDF of a generated question that was not answered, now with its answer: the
    same question (same text, number, date, minister), built as answered by the generator."""
    from dataclasses import replace

    from synth.generator import build
    from tests.pdfs import make_pdf

    item, position, seed, width, pdf_dir = origin
    answered = replace(item, mode="single" if len(item.seats) == 1 else "plain")
    name, data, _record, _stats = list(build(answered, seed, width))[position]
    path = Path(pdf_dir) / f"{name}.answered.pdf"
    if not path.exists():
        make_pdf(path, data.decode("utf-8" if _is_utf8(data) else "cp1252"))
    return path.read_bytes()


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _question(hit: dict, detail: dict, pdf: bytes | None) -> FakeQuestion:
    hit = json.loads(json.dumps(hit).replace("https://docs.vlaamsparlement.be", BASE))
    detail = json.loads(json.dumps(detail).replace("https://docs.vlaamsparlement.be", BASE))
    tags = {t["name"]: t["value"] for t in hit["metatags"]["metatag"]}
    qid = re.search(r"feed/(\d+)", hit["id"]).group(1)
    return FakeQuestion(qid, tags["zittingsjaar"], tags["publicatiedatum"][:10], hit, detail,
                        pdf)


def seed_questions(corpus: Path, pdf_dir: Path) -> list[FakeQuestion]:
    """The two real seed documents (one question to two ministers), with official
    metadata written by hand in the services' shapes: one detail wrapped in `result`,
    `tijdig` as "J", one id without `/pfls/`."""
    from tests.pdfs import make_pdf

    pdf_dir.mkdir(parents=True, exist_ok=True)
    specs = [
        ("000_a5f8e81f83ddaffe.txt", "1363595", 851, ("Crevits", "Hilde"), "9001",
         "http://be.vlp.feed/1363595/pfls/490915"),
        ("002_fefc31c8e2672c2d.txt", "1363596", 378, ("Somers", "Bart"), "9002",
         "http://be.vlp.feed/1363596"),
    ]
    out = []
    for name, qid, number, (last, first), file_id, raw_id in specs:
        pdf_path = pdf_dir / f"{name}.pdf"
        if not pdf_path.exists():
            make_pdf(pdf_path, (corpus / name).read_text(encoding="utf-8"))
        title = "Sociale economie  -  Betrokkenheid en rol lokale besturen"
        url = f"{BASE}/files/pfile?id={file_id}"
        detail = {"id": int(qid), "vraagnummer": str(number), "titel": title,
                  "zittingsjaar": "2020-2021", "thema": ["Werk en sociale economie",
                                                         "Binnenlands bestuur"],
                  "vraagsteller": {"id": 7, "voornaam": "Allessia", "naam": "Claes"},
                  "minister": {"id": 3, "voornaam": first, "naam": last},
                  "tijdig": "J",
                  "procedureverloop": [
                      {"status": "Vraag gesteld aan de minister",
                       "datum": "2020-09-25T00:00:00+0200"},
                      {"status": "Tijdig beantwoord", "datum": "2020-10-20T00:00:00+0200"}],
                  "bestand-ordered": [{"URL": url}]}
        if number == 851:
            detail = {"result": detail}
        tags = [("soort", "SCHV"), ("zittingsjaar", "2020-2021"), ("nummer", str(number)),
                ("minister", f"{last}, {first}"), ("vraagsteller", "Claes, Allessia"),
                ("publicatiedatum", "2020-11-12T00:00:00+0100"),
                ("themadatum", "2020-09-25T00:00:00+0200"), ("status", "Beantwoord"),
                ("statusdatumSchvBeantwoord", "2020-10-20T00:00:00+0200"),
                ("last_modified", "2020-11-12T10:00:00+0100"), ("document", url),
                ("thema", "Werk en sociale economie"), ("thema", "Binnenlands bestuur")]
        hit = {"id": raw_id, "title": title,
               "url": f"https://www.vlaamsparlement.be/parlementaire-documenten/"
                      f"schriftelijke-vragen/{qid}",
               "metatags": {"metatag": [{"name": k, "value": v} for k, v in tags]}}
        out.append(FakeQuestion(qid, "2020-2021", "2020-11-12", hit, detail,
                                pdf_path.read_bytes()))
    return out


def bulk_questions(count: int, session: str, start: dt.date) -> list[FakeQuestion]:
    """Many light questions (search results only) for the 10,000-result limit."""
    out = []
    for n in range(count):
        qid = str(5_000_000 + n)
        day = (start + dt.timedelta(days=n % 300)).isoformat()
        tags = [{"name": "soort", "value": "SCHV"}, {"name": "zittingsjaar", "value": session},
                {"name": "publicatiedatum", "value": day + "T00:00:00+0200"}]
        out.append(FakeQuestion(qid, session, day,
                                {"id": f"http://be.vlp.feed/{qid}/pfls/1",
                                 "metatags": {"metatag": tags}}, {"id": int(qid)}))
    return out


def main() -> None:
    import argparse
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--zittingsjaar", default=None)
    parser.add_argument("--pdf-dir", type=Path, default=None,
                        help="Keep the generated PDFs here and reuse them on the next start.")
    args = parser.parse_args()
    questions = synthetic_questions(args.count, args.seed,
                                    args.pdf_dir or Path(tempfile.mkdtemp()), args.zittingsjaar)
    fake = FakeOpenData(questions)
    fake.server = _Server(("127.0.0.1", args.port), type("H", (_Handler,), {"fake": fake}))
    sessions = sorted({q.session for q in questions})
    print(f"serving {len(questions)} questions ({', '.join(sessions)}) on {fake.url}")
    fake.server.serve_forever()


if __name__ == "__main__":
    main()
