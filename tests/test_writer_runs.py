"""What one `vraagbaak index` run reports and keeps, on a handful of hand-made files
(tests/crafted.py): each count below is the number of files the test itself added,
changed, removed or broke."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from crafted import Doc, write_docs

from index.indexing.store import open_index
from index.indexing.writer import IndexReport, file_digest, index_paths, source_key


def run(paths, index_dir: Path, **options) -> IndexReport:
    return index_paths(paths, index_dir, workers=1, **options)


def stored(index_dir: Path) -> dict[str, str]:
    """record id -> source of every record in the index."""
    with open_index(index_dir, create=False).searcher() as searcher:
        return {fields["id"]: fields["source"] for fields in searcher.all_stored_fields()}


def test_summary_line_says_each_count():
    report = IndexReport(added=2, updated=1, unchanged=3, removed=4,
                         failed=[("a.txt", "empty file")], records=5, seconds=1.26)
    assert report.summary() == ("2 added, 1 updated, 3 unchanged, 4 removed, 1 failed "
                                "(5 records written in 1.3 s)")
    assert not report.ok
    report = IndexReport(added=1, records=1, warned=1)
    assert report.summary() == ("1 added, 0 updated, 0 unchanged, 0 removed, 0 failed "
                                "(1 records written in 0.0 s, 1 with warnings)")
    assert report.ok


@pytest.mark.parametrize(("report", "up_to_date"), [
    (IndexReport(unchanged=7), True),
    (IndexReport(), True),
    (IndexReport(added=1), False), (IndexReport(updated=1), False),
    (IndexReport(removed=1), False), (IndexReport(unchanged=2, failed=[("x", "y")]), False),
])
def test_up_to_date_only_when_nothing_changed_or_failed(report, up_to_date):
    assert report.summary().endswith("; index already up to date") is up_to_date


def test_source_key_is_the_absolute_path_and_survives_undecodable_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert source_key(Path("a/b.txt")) == str(tmp_path / "a" / "b.txt")
    odd = os.fsdecode(b"vraag-\xff.txt")  # a Latin-1 name on a UTF-8 file system
    assert source_key(Path(odd)) == str(tmp_path) + "/vraag-\\xff.txt"


def test_file_digest_is_the_sha1_of_the_bytes_and_the_sidecar(tmp_path):
    path = tmp_path / "vraag-1.txt"
    path.write_bytes(b"abc")
    assert file_digest(path) == "a9993e364706816aba3e25717850c26c9cd0d89d"  # SHA-1("abc")
    (tmp_path / "vraag-1.json").write_text("{}")
    with_sidecar = file_digest(path)
    assert with_sidecar != "a9993e364706816aba3e25717850c26c9cd0d89d"
    (tmp_path / "vraag-1.json").write_text('{"thema": "Onderwijs"}')
    assert file_digest(path) not in (with_sidecar, "a9993e364706816aba3e25717850c26c9cd0d89d")


def test_a_big_file_is_digested_whole(tmp_path):
    path = tmp_path / "groot.txt"
    path.write_bytes(b"a" * (1 << 20) + b"b")
    other = tmp_path / "ander.txt"
    other.write_bytes(b"a" * (1 << 20) + b"c")
    assert file_digest(path) != file_digest(other)


def test_added_unchanged_updated_removed_across_runs(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(n, "Karel Vos") for n in (1, 2, 3)])
    index_dir = tmp_path / "index"
    first = run([folder], index_dir)
    assert (first.added, first.updated, first.unchanged, first.removed, first.records) == (
        3, 0, 0, 0, 3)
    assert first.ok and first.seconds > 0
    again = run([folder], index_dir)
    assert (again.added, again.updated, again.unchanged, again.records) == (0, 0, 3, 0)
    assert again.summary().endswith("; index already up to date")
    (folder / "vraag-2.txt").write_text(Doc(2, "Karel Vos", answer="Nieuw antwoord.").text(),
                                        encoding="utf-8")
    (folder / "vraag-3.txt").unlink()
    third = run([folder], index_dir)
    assert (third.added, third.updated, third.unchanged, third.removed) == (0, 1, 1, 0)
    ids = stored(index_dir)
    assert len(ids) == 3  # without --prune the vanished file's record stays
    pruned = run([folder], index_dir, prune=True)
    assert (pruned.removed, pruned.unchanged) == (1, 2)
    assert sorted(stored(index_dir)) == ["2023-03-14-karel-vos-1", "2023-03-14-karel-vos-2"]


def test_a_file_named_twice_is_read_once(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    report = run([folder, folder / "vraag-1.txt"], tmp_path / "index")
    assert (report.added, report.records, report.failed) == (1, 1, [])


def test_a_second_file_with_the_same_record_is_refused_and_reported(tmp_path):
    folder = write_docs(tmp_path / "a", [Doc(1, "Karel Vos")])
    copy = tmp_path / "b" / "kopie.txt"
    copy.parent.mkdir()
    copy.write_text((folder / "vraag-1.txt").read_text(encoding="utf-8"), encoding="utf-8")
    index_dir = tmp_path / "index"
    errors = []
    report = run([folder, copy], index_dir, on_error=lambda key, error: errors.append(key))
    original = source_key(folder / "vraag-1.txt")
    message = (f"duplicate: record 2023-03-14-karel-vos-1 is already indexed from {original}; "
               "the index keeps one copy")
    assert report.failed == [(source_key(copy), message)] and errors == [source_key(copy)]
    assert (report.added, report.records) == (1, 1)
    assert stored(index_dir) == {"2023-03-14-karel-vos-1": original}
    # in a later run too, against what the index holds
    later = run([copy], index_dir)
    assert later.failed == [(source_key(copy), message)]
    assert stored(index_dir) == {"2023-03-14-karel-vos-1": original}


def test_a_moved_file_replaces_the_record_of_its_vanished_original(tmp_path):
    folder = write_docs(tmp_path / "a", [Doc(1, "Karel Vos"), Doc(2, "Karel Vos")])
    index_dir = tmp_path / "index"
    run([folder], index_dir)
    moved = tmp_path / "b" / "verplaatst.txt"
    moved.parent.mkdir()
    (folder / "vraag-1.txt").rename(moved)
    report = run([folder, moved.parent], index_dir)
    assert (report.added, report.unchanged, report.failed) == (1, 1, [])
    assert stored(index_dir) == {"2023-03-14-karel-vos-1": source_key(moved),
                                 "2023-03-14-karel-vos-2": source_key(folder / "vraag-2.txt")}


def test_bad_files_are_reported_with_a_reason_and_the_rest_is_kept(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    (folder / "leeg.txt").write_text("")
    (folder / "kapot.txt").write_text("Geen vraag, geen antwoord.\n")
    progress = []
    report = run([folder], tmp_path / "index", progress=progress.append)
    reasons = dict(report.failed)
    assert set(reasons) == {source_key(folder / "leeg.txt"), source_key(folder / "kapot.txt")}
    assert reasons[source_key(folder / "leeg.txt")] == "empty file"
    assert "unknown layout" in reasons[source_key(folder / "kapot.txt")]
    assert report.added == 1 and report.records == 1
    assert sum(progress) == 3
    assert list(stored(tmp_path / "index")) == ["2023-03-14-karel-vos-1"]


def test_a_record_with_parser_warnings_is_counted(tmp_path):
    doc = Doc(1, "Karel Vos", question="De regels[1] gelden.")
    report = run([write_docs(tmp_path / "docs", [doc])], tmp_path / "index")
    assert report.warned == 1 and report.summary().endswith("1 with warnings)")


def test_small_batches_keep_every_file_and_the_file_order(tmp_path):
    folder = write_docs(tmp_path / "a", [Doc(n, "Karel Vos") for n in range(1, 12)])
    copy = tmp_path / "b" / "kopie.txt"
    copy.parent.mkdir()
    copy.write_text((folder / "vraag-7.txt").read_text(encoding="utf-8"), encoding="utf-8")
    report = run([folder, copy], tmp_path / "index", batch_size=3)
    assert (report.added, report.records) == (11, 11)
    assert [key for key, _ in report.failed] == [source_key(copy)]
    assert len(stored(tmp_path / "index")) == 11


def test_a_writer_lock_held_elsewhere_is_waited_for_then_refused(tmp_path):
    from index.indexing.locks import IndexBusyError

    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    index_dir = tmp_path / "index"
    run([folder], index_dir)
    (folder / "vraag-2.txt").write_text(Doc(2, "Karel Vos").text(), encoding="utf-8")
    holder = open_index(index_dir, create=False).writer()  # Whoosh's write lock, held
    try:
        with pytest.raises(IndexBusyError, match=r"is locked .*; waited 1 s\. Let that run"):
            run([folder], index_dir, lock_wait=0.6)
    finally:
        holder.writelock.release()  # its files went with the refused run's clean-up
    assert run([folder], index_dir).added == 1


def test_changes_that_cancel_out_in_number_still_are_changes():
    # one file added and one removed: the index changed, it was not already up to date
    report = IndexReport(added=1, removed=1, records=1)
    assert report.summary() == ("1 added, 0 updated, 0 unchanged, 1 removed, 0 failed "
                                "(1 records written in 0.0 s)")
    report = IndexReport(added=1, updated=1, records=2)
    assert report.summary() == ("1 added, 1 updated, 0 unchanged, 0 removed, 0 failed "
                                "(2 records written in 0.0 s)")


def test_an_up_to_date_run_keeps_its_counts_before_saying_so():
    assert IndexReport(unchanged=3).summary() == (
        "0 added, 0 updated, 3 unchanged, 0 removed, 0 failed "
        "(0 records written in 0.0 s); index already up to date")


def test_an_index_folder_whose_parents_do_not_exist_yet_is_made(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    index_dir = tmp_path / "nieuw" / "nog" / "index"
    report = run([folder], index_dir)
    assert report.added == 1
    assert list(stored(index_dir)) == ["2023-03-14-karel-vos-1"]


def test_a_named_pipe_among_the_files_is_reported_not_waited_for(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    os.mkfifo(folder / "pijp.txt")
    report = run([folder], tmp_path / "index")
    assert dict(report.failed) == {source_key(folder / "pijp.txt"):
                                   "not a regular file (a named pipe)"}
    assert report.added == 1


def test_a_named_pipe_given_by_name_is_refused_with_its_reason(tmp_path):
    pipe = tmp_path / "pijp.txt"
    os.mkfifo(pipe)
    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    report = run([pipe, folder], tmp_path / "index")
    assert report.failed == [(source_key(pipe), "not a regular file (a named pipe)")]
    assert report.added == 1  # the files after it are still read


def test_prune_removes_each_vanished_file_and_keeps_files_not_named_this_run(tmp_path):
    first = write_docs(tmp_path / "eerste", [Doc(n, "Karel Vos") for n in (1, 2, 3)])
    second = write_docs(tmp_path / "tweede", [Doc(n, "Ann Peeters") for n in (4, 5)])
    index_dir = tmp_path / "index"
    assert run([first, second], index_dir).added == 5
    (first / "vraag-2.txt").unlink()
    (first / "vraag-3.txt").unlink()
    # only the first folder this time: the second's files still exist and stay indexed
    pruned = run([first], index_dir, prune=True)
    assert (pruned.removed, pruned.unchanged) == (2, 1)
    assert sorted(stored(index_dir)) == ["2023-03-14-ann-peeters-4",
                                         "2023-03-14-ann-peeters-5",
                                         "2023-03-14-karel-vos-1"]


def test_the_seconds_reported_are_the_run_s_own_duration(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    before = time.monotonic()
    report = run([folder], tmp_path / "index")
    assert 0 < report.seconds <= time.monotonic() - before


def records(index_dir: Path) -> list[tuple[str, str]]:
    """(id, source) of every record, duplicates kept (stored() would fold them)."""
    with open_index(index_dir, create=False).searcher() as searcher:
        return sorted((f["id"], f["source"]) for f in searcher.all_stored_fields())


def test_a_moved_file_leaves_one_record_not_two(tmp_path):
    folder = write_docs(tmp_path / "a", [Doc(1, "Karel Vos")])
    index_dir = tmp_path / "index"
    run([folder], index_dir)
    moved = tmp_path / "b" / "verplaatst.txt"
    moved.parent.mkdir()
    (folder / "vraag-1.txt").rename(moved)
    run([moved.parent], index_dir)
    assert records(index_dir) == [("2023-03-14-karel-vos-1", source_key(moved))]


def test_an_updated_file_whose_question_changed_drops_its_old_record(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(2, "Karel Vos"), Doc(3, "Karel Vos")])
    index_dir = tmp_path / "index"
    run([folder], index_dir)
    # the same file now holds question 7 (a corrected number): question 2 is gone
    (folder / "vraag-2.txt").write_text(Doc(7, "Karel Vos").text(), encoding="utf-8")
    (folder / "vraag-3.txt").write_text(Doc(3, "Karel Vos", answer="Nieuw.").text(),
                                        encoding="utf-8")
    report = run([folder], index_dir)
    assert (report.added, report.updated) == (0, 2)
    assert records(index_dir) == [
        ("2023-03-14-karel-vos-3", source_key(folder / "vraag-3.txt")),
        ("2023-03-14-karel-vos-7", source_key(folder / "vraag-2.txt"))]


def test_every_failure_reaches_the_error_callback_with_its_reason(tmp_path):
    folder = write_docs(tmp_path / "docs", [Doc(1, "Karel Vos")])
    (folder / "leeg.txt").write_text("")
    told = []
    report = run([folder], tmp_path / "index", on_error=lambda key, why: told.append((key, why)))
    assert told == report.failed == [(source_key(folder / "leeg.txt"), "empty file")]


def test_warnings_are_counted_over_all_files(tmp_path):
    docs = [Doc(n, "Karel Vos", question="De regels[1] gelden.") for n in (1, 2)]
    report = run([write_docs(tmp_path / "docs", docs)], tmp_path / "index")
    assert report.warned == 2
