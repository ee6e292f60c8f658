"""The synthetic corpus generator: determinism, the facts contract, layouts and artefacts."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from index.documents.dates import session_year
from index.documents.model import RECORD_FIELDS, Record
from synth.generator import generate
from synth.vocabulary import FREQ

COUNT = 400
PAGE = re.compile(r"^\s*\d+\s*$")
HEADER = r"Vlaams Parlement — Schriftelijke vraag nr\. \d+ ?"
RUNNING = re.compile("^" + HEADER + "$")


def read(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("synth")
    summary = generate(COUNT, 11, out)
    facts = [json.loads(line) for line in (out / "facts.jsonl").read_text("utf-8").splitlines()]
    texts = {item["file"]: read(out / item["file"]) for item in facts}
    records = [item["records"][0] for item in facts]
    return out, summary, facts, texts, records


def test_same_seed_same_bytes_other_seed_differs(tmp_path, corpus):
    out, *_ = corpus
    again = tmp_path / "again"
    generate(COUNT, 11, again, jobs=2)  # worker processes must not change a byte
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (out / name).read_bytes() == (again / name).read_bytes(), name
    other = tmp_path / "other"
    generate(50, 12, other)
    assert (other / "facts.jsonl").read_bytes() != (out / "facts.jsonl").read_bytes()


@pytest.mark.parametrize("count", [1, 2, 7, 33])
def test_count_is_honoured(tmp_path, count):
    summary = generate(count, 5, tmp_path)
    files = sorted(tmp_path.glob("*.txt"))
    facts = (tmp_path / "facts.jsonl").read_text("utf-8").splitlines()
    assert summary.files == len(files) == len(facts) == count
    assert [json.loads(line)["file"] for line in facts] == [p.name for p in files]


def test_leftover_files_are_reported(tmp_path):
    assert generate(6, 1, tmp_path).stale == 0
    assert generate(4, 1, tmp_path).stale == 2  # files 4 and 5 of the first run


def test_records_follow_the_model(corpus):
    _, _, facts, _, records = corpus
    for item, record in zip(facts, records, strict=True):
        assert list(record) == list(RECORD_FIELDS)
        assert Record.from_json(record).to_json() == record
        assert record["source"] == item["file"]
        assert record["answer_kind"] in ("answer", "coordinated", "referral", "none")
        assert (record["answer"] == "") == (record["answer_kind"] == "none")
        assert (record["coordinator"] is not None) == (record["answer_kind"] == "referral")
        assert record["title"] == " ".join(record["title"].split())
        for paragraph in record["question"].split("\n\n") + record["footnotes"]:
            assert paragraph == " ".join(paragraph.split()) and paragraph
    assert len({r["id"] for r in records}) == len(records)
    kinds = Counter(r["answer_kind"] for r in records)
    assert 0.01 < kinds["none"] / len(records) < 0.12


def test_joint_groups(corpus):
    records = corpus[4]
    groups = defaultdict(list)
    for record in records:
        if record["joint"]:
            key = (record["date"], record["asker"], record["title"], json.dumps(record["joint"]))
            groups[key].append(record)
    assert groups
    for members in groups.values():
        joint = members[0]["joint"]
        assert 2 <= len(joint) <= 9 and len(members) == len(joint)
        assert [(r["minister"], r["number"]) for r in members] == \
            [(j["minister"], j["number"]) for j in joint]
        assert len({r["question"] for r in members}) == 1
        kinds = Counter(r["answer_kind"] for r in members)
        if kinds["coordinated"]:
            assert kinds == Counter(coordinated=1, referral=len(members) - 1)
            lead = next(r["minister"] for r in members if r["answer_kind"] == "coordinated")
            assert all(r["coordinator"] == lead for r in members if r["answer_kind"] == "referral")
            assert all(lead in r["answer"] for r in members if r["answer_kind"] == "referral")
        else:
            assert len(kinds) == 1 and set(kinds) <= {"answer", "none"}


def test_numbers_restart_each_zittingsjaar(corpus):
    records = corpus[4]
    runs = defaultdict(list)
    for record in sorted(records, key=lambda r: (r["date"], r["number"])):
        date = dt.date.fromisoformat(record["date"])
        assert date.weekday() < 5
        runs[record["minister"], session_year(date)].append(record["number"])
    for numbers in runs.values():
        assert numbers == list(range(1, len(numbers) + 1))
    assert len({year for _, year in runs}) >= 5


def is_modern(text: str) -> bool:
    """The fourth style: one header item a line, `aan` before the minister, no blank."""
    lines = [" ".join(line.split()) for line in text.split("\n")[:5]]
    return lines[0] == "SCHRIFTELIJKE VRAAG" and lines[4].startswith("aan ")


def test_layouts_and_encodings(tmp_path, corpus):
    out, summary, facts, texts, _ = corpus
    starts = Counter()
    for text in texts.values():
        first = text.lstrip().split("\n", 1)[0]
        starts["4" if is_modern(text) else "3" if first.startswith("SCHRIFTELIJKE")
               else "2" if first.startswith("aan") else "1"] += 1
    assert all(starts[layout] >= 20 for layout in "1234"), starts
    assert summary.stats["layout4"] == starts["4"]
    assert summary.stats["layout1"] == starts["1"] and summary.stats["cp1252"] > 10
    cp1252 = 0
    for item in facts:
        try:
            (out / item["file"]).read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            cp1252 += 1
    assert 10 < cp1252 < 0.2 * COUNT


def _joined_line_ends(texts: dict[str, str], records: list[dict]) -> Counter:
    """Classify every `word-` / `word` line end by what the clean text holds."""
    kinds = Counter()
    end = re.compile(r"(\w+)- *\n(?:\d+\nVlaams Parlement[^\n]*\n)?(\w+)")
    for record in records:
        clean = "\n".join([record["question"], record["answer"], *record["footnotes"],
                           *(j["minister"] for j in record["joint"])])
        for head, tail in end.findall(texts[record["source"]]):
            if tail in ("en", "of"):
                kinds["elliptic"] += f"{head}- {tail}" in clean
            elif f"{head}-{tail}" in clean:
                kinds["compound"] += 1
                assert head.lower() in FREQ and tail.lower() in FREQ
            else:
                kinds["split"] += 1
                assert (head + tail).lower() in FREQ
                assert re.search(rf"\b{head}{tail}", clean), (head, tail)
    return kinds


def test_every_artefact_occurs(corpus):
    _, _, _, texts, records = corpus
    kinds = _joined_line_ends(texts, records)
    assert all(kinds[k] >= 3 for k in ("split", "compound", "elliptic")), kinds
    everything = "\n".join(texts.values())
    patterns = {
        "doubled space": r"\S  \S",
        "trailing space": r"\S +\n",
        "leading space": r"\n [^\s]",
        "whitespace-only line": r"\n[ ]+\n",
        "page break between blocks": r"\n\n\d+\n" + HEADER + r"\n",
        "page break inside a paragraph": r"\S *\n\d+\n" + HEADER + r"\n\S",
        "misread paragraph sign": r"Art\. \d+, 8\d (Decr|Besl)\.",
        "misread Vl.": r"(Decr|Besl)\. VI\.",
        "line wrap": r"[a-z,] *\n[a-z]",
        "annex": r"\n(BIJLAGE|Bijlage \d) *\n",
        "compact sub-questions": r"\?\s*\n2\. ",
        "coordinated header": r"GECO(O|Ö)RDINEERD ANTWOORD",
    }
    for name, pattern in patterns.items():
        assert len(re.findall(pattern, everything)) >= 3, name
    clean = "\n".join(r["question"] + r["answer"] for r in records)
    for word in ("gecoördineerd", "gecoordineerd", "creëert", "creéert"):
        assert word in clean, word
    assert "GECOORDINEERD ANTWOORD" in everything and "GECOÖRDINEERD ANTWOORD" in everything
    # Running text wraps at 75-95 characters; capitals headers may come out on one line.
    wrapped = [len(line.rstrip()) for line in everything.split("\n") if re.search("[a-z]", line)]
    assert max(wrapped) < 115 and sorted(wrapped)[len(wrapped) * 9 // 10] <= 95


def _paragraphs(text: str) -> list[str]:
    """Reference reading of the documented clean-text rules (not the product's parser)."""
    lines = [line for line in text.split("\n") if not PAGE.match(line) and not RUNNING.match(line)]
    paragraphs: list[str] = []
    current: str | None = None
    for line in lines:
        if not line.strip() or (current is not None
                                and re.match(r"\s*(\d+(-\d+)?\.(\s|$)|\[\d+\] )", line)):
            if current is not None:
                paragraphs.append(current)
            current = None
        if not line.strip():
            continue
        if current is None:
            current = line.strip()
            continue
        current = current.rstrip()
        nxt = line.strip()
        if current.endswith("-") and current[-2:-1].isalpha() and nxt[:1].isalpha():
            word = re.match(r"\w+", nxt).group(0)
            head = re.search(r"(\w+)-$", current).group(1)
            if word in ("en", "of"):
                current += " " + nxt
            elif head.lower() in FREQ and word.lower() in FREQ:
                current += nxt
            else:
                current = current[:-1] + nxt
        else:
            current += " " + nxt
    if current is not None:
        paragraphs.append(current)
    merged: list[str] = []
    for paragraph in paragraphs:  # a bare reply label belongs to the text after it
        if merged and re.fullmatch(r"\d+(-\d+)?\.", merged[-1]):
            merged[-1] += " " + paragraph
        else:
            merged.append(paragraph)
    cleaned = (" ".join(p.split()) for p in merged)
    return [re.sub(r"(Art\. \d+, )8(\d)", r"\1§\2", p).replace("VI.", "Vl.") for p in cleaned]


def test_clean_text_is_recoverable_from_the_print(corpus):
    _, _, _, texts, records = corpus
    for record in records:
        if is_modern(texts[record["source"]]):
            continue  # the fourth style: test_fourth_style_prints_like_the_2024_2026_pdfs
        paragraphs = _paragraphs(texts[record["source"]])
        wanted = [record["title"], *record["question"].split("\n\n"), *record["footnotes"]]
        if record["answer"]:
            wanted += record["answer"].split("\n\n")
        for paragraph in wanted:
            assert paragraph in paragraphs, (record["source"], paragraph)
        flat = "\n".join(" ".join(line.split()) for line in texts[record["source"]].split("\n"))
        for annex in record["annexes"]:
            assert re.search(r"^(BIJLAGE|Bijlage \d+)$", annex.split("\n")[0])
            assert annex in re.sub(r"\n+", "\n", flat)


def test_fourth_style_prints_like_the_2024_2026_pdfs(corpus):
    _, _, _, texts, records = corpus
    modern = [r for r in records if is_modern(texts[r["source"]])]
    seen = Counter()
    for record in modern:
        text = texts[record["source"]]
        lines = text.split("\n")
        title_at = next(i for i, line in enumerate(lines) if " ".join(line.split()) ==
                        record["title"] or line.rstrip().endswith(record["title"][-20:]))
        assert lines[title_at + 1].strip(), "no blank line between title and question"
        assert not any(RUNNING.match(line) for line in lines)  # a page break is a blank line
        seen["one word a line"] += len(re.findall(r"\n[^\s]+ \n[^\s]+ \n[^\s]+ \n", text))
        seen["bullet"] += len(re.findall(r"\n-\n", text))
        seen["ANTWOORD with a trailing space"] += "\nANTWOORD \n" in text
        seen["annex reference"] += len(re.findall(r"\nSV \d+ – Bijlage \d+", text))
        for paragraph in record["answer"].split("\n\n"):
            if " | " in paragraph:  # a table: every cell on a line of its own
                seen["table"] += 1
                cells = [c for row in paragraph.split("\n") for c in row.split(" | ") if c]
                for cell in cells:
                    assert re.search(rf"\n{re.escape(cell)} ?\n", text) or " " in cell, cell
            for number in re.findall(r"[a-zà-ÿ]\[(\d+)\]", paragraph):
                seen["glued marker"] += 1
                assert re.search(rf"[a-zà-ÿ]{number}\b", text)
        for note in record["footnotes"]:
            number, rest = re.match(r"\[(\d+)\] (\S+)", note).groups()
            if re.search(rf"\n{number} {re.escape(rest[:10])}", text):
                seen["footnote at a page end"] += 1
    assert len(modern) >= 20
    assert all(seen[kind] >= 3 for kind in (
        "one word a line", "bullet", "ANTWOORD with a trailing space", "annex reference",
        "table", "glued marker", "footnote at a page end")), seen


def test_cli_writes_files_and_rejects_bad_count(tmp_path):
    runner = CliRunner()
    out = tmp_path / "corpus"
    result = runner.invoke(cli, ["corpus", "synth", "--count", "12", "--seed", "3",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 12 files" in result.output
    assert len(list(out.glob("*.txt"))) == 12 and (out / "facts.jsonl").exists()
    for bad in ("0", "-4", "many"):
        result = runner.invoke(cli, ["corpus", "synth", "--count", bad, "--out", str(out)])
        assert result.exit_code == 2
    assert runner.invoke(cli, ["corpus", "synth", "--count", "3"]).exit_code == 2
