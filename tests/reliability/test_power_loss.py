"""Power loss at every write, rename and fsync of a real indexing run (SQLite's way).

A build of 22 files in three commits, then an update run (one file changed, three added,
one deleted and pruned) run in this process over a SimulatedDisk (simulated_disk.py).
After every event of both runs the power is "cut": the folder as the disk would hold
it is written out with every unsynced folder change dropped, with all of them kept, and
with a random first part of them kept (in order, as a journal replays them); unsynced
file data is garbled sector by sector each time. Each image
must then open and hold exactly the records of the last commit reported done (or of
the one in progress, if it completed), each equal to the generator's facts and found by
an exact phrase of its own text; `vraagbaak check` must name nothing but leftovers, and
those must go when removed as the next run does first; every 100th image is run to
completion by a real `vraagbaak index`, and `vraagbaak check` must then say sound.
"""

from __future__ import annotations

import hashlib
import random
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from reliability_support import comparable, load_facts
from simulated_disk import SimulatedDisk

from cli.main import cli
from index.indexing.check import check_index
from index.indexing.commit import CommitWriter
from index.indexing.leftovers import find_leftovers, remove_leftovers
from index.indexing.writer import INDEX_NAME, index_paths

BUILD_FILES, COMMIT_EVERY = 22, 8
RERUN_EVERY = 100
pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")]


class Run:
    """Commits reported done so far, and whether one is being written."""

    def __init__(self, monkeypatch):
        self.done, self.writing, self.created = 0, False, False
        real_commit = CommitWriter.commit
        import index.indexing.store as writer_module

        real_create = writer_module.create_index

        def commit(writer, *args, **kwargs):
            self.writing = True
            real_commit(writer, *args, **kwargs)
            self.writing = False
            self.done += 1

        def create_index(*args, **kwargs):
            ix = real_create(*args, **kwargs)
            self.created = True
            return ix

        monkeypatch.setattr(CommitWriter, "commit", commit)
        monkeypatch.setattr(writer_module, "create_index", create_index)


def expected(files: list[Path], facts: dict) -> dict[str, dict]:
    return {r["id"]: comparable(r) for f in files for r in facts[f.name]}


def cut_everywhere(disk: SimulatedDisk, run: Run, states: list[dict], images: Path,
                   label: str, cuts: list, points: list) -> None:
    """At every event, write both crash images and remember what they may hold."""
    rng = random.Random(label)

    def on_event(number, kind, name):
        allowed = [states[run.done]]
        if run.writing:
            allowed.append(states[run.done + 1])
        variants = [("drop", 0), ("keep", len(disk.ops))]
        if len(disk.ops) > 1:
            variants.append(("some", rng.randrange(1, len(disk.ops))))
        for variant, keep in variants:
            target = images / f"{label}-{number:04d}-{variant}"
            disk.crash_image(target, keep, rng)
            cuts.append((target, f"{label} event {number}, {kind} {name} ({variant} "
                                 f"unsynced folder changes)", allowed, run.created))
        points.append(number)

    disk.on_event = on_event


def test_power_cut_at_every_write_rename_and_fsync(tmp_path, monkeypatch):
    import time

    from synth.generator import generate

    started = time.monotonic()
    generate(BUILD_FILES, 77, tmp_path / "corpus")
    generate(6, 78, tmp_path / "more")
    corpus, facts = tmp_path / "corpus", load_facts(tmp_path / "corpus")
    facts.update(load_facts(tmp_path / "more"))
    (corpus / "facts.jsonl").unlink()
    files = sorted(corpus.glob("*.txt"))
    index_dir, images = tmp_path / "index", tmp_path / "images"
    index_dir.mkdir()
    run = Run(monkeypatch)
    cuts: list = []
    points: list = []

    # Run 1: a build in commits of COMMIT_EVERY files (files are taken in sorted order).
    build_states = [expected(files[:n], facts) for n in
                    range(0, len(files) + COMMIT_EVERY, COMMIT_EVERY)]
    with SimulatedDisk(index_dir) as disk:
        cut_everywhere(disk, run, build_states, images, "build", cuts, points)
        report = index_paths([corpus], index_dir, workers=1, batch_size=COMMIT_EVERY)
    assert report.ok and report.records == BUILD_FILES
    build_points, unmodelled = len(points), disk.unmodelled

    # Run 2: one file changed, three added, one removed (pruned): one commit.
    changed, removed = files[3], files[10]
    extra = sorted((tmp_path / "more").glob("*.txt"))
    shutil.copyfile(extra[0], changed)
    facts[changed.name] = facts[extra[0].name]
    for path in extra[1:4]:
        shutil.copyfile(path, corpus / path.name)
    removed.unlink()
    final_files = sorted(corpus.glob("*.txt"))
    update_states = [build_states[-1], expected(final_files, facts)]
    run.done, run.created = 0, True
    with SimulatedDisk(index_dir) as disk:
        cut_everywhere(disk, run, update_states, images, "update", cuts, points)
        report = index_paths([corpus], index_dir, workers=1, batch_size=COMMIT_EVERY,
                             prune=True)
    assert (report.added, report.updated, report.removed) == (3, 1, 1), report.summary()
    unmodelled += disk.unmodelled
    assert unmodelled == 0, "a change to the index folder bypassed the simulated disk"

    verified: dict[str, dict] = {}
    outcomes = {"previous commit": 0, "in-progress commit": 0, "no index yet": 0}
    for number, (image, where, allowed, created) in enumerate(cuts):
        outcome = verify_image(image, where, allowed, created, facts, verified)
        outcomes[outcome] += 1
        if number % RERUN_EVERY == 0:
            rerun(image, corpus, where, len(update_states[-1]))
    print(f"power cut at {len(points)} points ({build_points} in the build, "
          f"{len(points) - build_points} in the update), {len(cuts)} images: {outcomes}; "
          f"distinct index states read, searched and checked: {len(verified)}; "
          f"{time.monotonic() - started:.1f} s")
    assert outcomes["in-progress commit"] > 0 and outcomes["previous commit"] > 0


def verify_image(image: Path, where: str, allowed: list[dict], created: bool, facts,
                 verified: dict) -> str:
    """The image opens and holds one allowed state. An index state not seen before
    (by the bytes a reader reads) is read record by record, every record searched by a
    phrase, and checked: `vraagbaak check` may name only leftovers, and once they are
    removed nothing. For a state seen before only the leftovers can differ."""
    from reliability_support import stored_records

    if not list(image.glob(f"_{INDEX_NAME}_*.toc")):
        assert not created and not allowed[0], f"{where}: the index is gone"
        return "no index yet"
    try:
        key = _content_key(image)
        if key not in verified:
            records = stored_records(image)
    except Exception as error:  # noqa: BLE001 - the failure is the finding
        raise AssertionError(f"{where}: the index does not open: {error!r}") from error
    if key not in verified:
        got = {r["id"]: comparable(r) for r in records}
        assert len(got) == len(records), f"{where}: a record is in the index twice"
        assert_found_by_phrase(image, records, where)
        problems = check_index(image).problems
        assert all("leftover of an" in p for p in problems), (where, problems)
        verified[key] = got
    got = verified[key]
    assert got in allowed, (f"{where}: holds {sorted(got)}, expected one of "
                            f"{[sorted(a) for a in allowed]}")
    if find_leftovers(image, INDEX_NAME):
        remove_leftovers(image, INDEX_NAME)
        assert not find_leftovers(image, INDEX_NAME), where
    return "previous commit" if got == allowed[0] else "in-progress commit"


def _content_key(image: Path) -> str:
    """A digest of what a reader of the image reads: its TOC and the segment files it
    names (byte-identical ones search alike)."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    storage = FileStorage(str(image))
    toc = TOC.read(storage, INDEX_NAME)
    digest = hashlib.sha1(usedforsecurity=False)
    names = [TOC._filename(INDEX_NAME, toc.generation)] + sorted(
        n for s in toc.segments for n in s.list_files(storage))
    for name in names:
        digest.update(name.encode() + (image / name).read_bytes())
    return digest.hexdigest()


def assert_found_by_phrase(image: Path, records: list[dict], where: str) -> None:
    from search.results import SearchRequest
    from search.service import SearchService

    service = SearchService(image)
    try:
        for record in records:
            text = record["answer"] or record["question"]
            words = [w.strip('.,;:?!()"') for w in text.split()[:6]]
            phrase = " ".join(w for w in words if w)
            result = service.search(SearchRequest(q=f'"{phrase}"', limit=100, facets=False,
                                                  snippets=False))
            found = {ref.id for hit in result.hits for ref in hit.records} | \
                {hit.id for hit in result.hits}
            assert record["id"] in found, (where, record["id"], phrase, result.error)
    finally:
        service.close()


def rerun(image: Path, corpus: Path, where: str, total: int) -> None:
    """The next `vraagbaak index` after the cut finishes the job; check says sound."""
    runner = CliRunner()
    result = runner.invoke(cli, ["index", str(corpus), "--index-dir", str(image),
                                 "--workers", "1", "--prune"])
    assert result.exit_code == 0, (where, result.output)
    check = runner.invoke(cli, ["check", "--index-dir", str(image), "--json"])
    assert check.exit_code == 0, (where, check.output)
    assert f'"records": {total}' in check.output, (where, check.output)
