"""A sidecar without its document (a harvested question not answered yet) is a
metadata-only record, and the document's record replaces it when the PDF arrives."""

from __future__ import annotations

import json
import shutil

import pytest

from index.documents.loader import load_records
from index.documents.model import DocumentError
from index.documents.readers import iter_corpus_files
from index.indexing.writer import index_paths
from tests.conftest import SEED_ASKED, SEED_COORDINATED, SEED_DETAIL
from tests.reliability.reliability_support import stored_records

# What the detail service says of the seed question before it is answered.
OPEN_DETAIL = {**{k: v for k, v in SEED_DETAIL.items() if k != "tijdig"},
               "procedureverloop": [SEED_ASKED], "bestand-ordered": []}
ANSWERED_DETAIL = dict(OPEN_DETAIL, tijdig=SEED_DETAIL["tijdig"],
                       procedureverloop=SEED_DETAIL["procedureverloop"])
RECORD_ID = "2020-09-25-hilde-crevits-851"
PAGE = "https://www.vlaamsparlement.be/parlementaire-documenten/schriftelijke-vragen/1363595"


def harvested(detail: dict) -> str:
    """A sidecar as `vraagbaak harvest` writes it (search result and detail)."""
    tags = [{"name": "themadatum", "value": "2020-09-25T00:00:00+0200"},
            {"name": "zittingsjaar", "value": "2020-2021"}]
    return json.dumps({"vraagbaak": {"format": 1, "file": None},
                       "search": {"id": "1363595", "url": PAGE, "metatags": tags},
                       "opendata": {"result": detail}})


def sidecar_alone(folder, name="1363595", detail=OPEN_DETAIL):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.json"
    path.write_text(harvested(detail), encoding="utf-8")
    return path


def answer_arrives(folder, name="1363595"):
    """The harvester's second visit: the document, then the sidecar saying answered."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_COORDINATED, folder / f"{name}.txt")
    sidecar_alone(folder, name, ANSWERED_DETAIL)


def test_a_lone_sidecar_is_a_record_of_the_official_facts_only(tmp_path):
    path = sidecar_alone(tmp_path)
    (record,) = load_records(path)
    assert record.id == RECORD_ID
    assert (record.number, record.date, record.minister, record.asker) == \
        (851, "2020-09-25", "Hilde Crevits", "Allessia Claes")
    assert record.title == "Sociale economie - Betrokkenheid en rol lokale besturen"
    assert record.themes == ["Werk en sociale economie", "Binnenlands bestuur"]
    assert (record.parliament_id, record.url, record.session) == ("1363595", PAGE, "2020-2021")
    assert (record.asked, record.answered, record.on_time) == ("2020-09-25", None, None)
    assert (record.question, record.answer, record.answer_kind) == ("", "", "none")
    assert record.source == str(path) and record.warnings == []


def test_its_id_is_the_one_the_document_gets_with_the_same_metadata(tmp_path):
    (alone,) = load_records(sidecar_alone(tmp_path / "a"))
    answer_arrives(tmp_path / "b")
    (document,) = load_records(tmp_path / "b" / "1363595.txt")
    assert alone.id == document.id == RECORD_ID
    assert document.answer_kind == "coordinated" and document.answered == "2020-10-20"


def test_a_sidecar_beside_its_document_is_never_a_record_of_its_own(tmp_path):
    answer_arrives(tmp_path)
    sidecar_alone(tmp_path / "later", "other")
    found = [p.relative_to(tmp_path).as_posix() for p in iter_corpus_files([tmp_path])]
    assert found == ["1363595.txt", "later/other.json"]
    with pytest.raises(DocumentError, match="metadata of 1363595.txt"):
        load_records(tmp_path / "1363595.json")


@pytest.mark.parametrize(("content", "reason"), [
    ("{not json", "not valid JSON"),
    ("[1, 2]", "not a JSON object"),
    (json.dumps({"opendata": {"titel": "Zonder nummer"}}), "no vraagnummer, minister, "
                                                           "date asked"),
])
def test_a_broken_lone_sidecar_fails_with_its_reason_and_loses_nothing(tmp_path, content,
                                                                        reason):
    corpus = tmp_path / "corpus"
    sidecar_alone(corpus)
    (corpus / "broken.json").write_text(content, encoding="utf-8")
    report = index_paths([corpus], tmp_path / "index", workers=1)
    assert [(key.rsplit("/", 1)[-1], reason in why) for key, why in report.failed] == \
        [("broken.json", True)]
    assert [r["id"] for r in stored_records(tmp_path / "index")] == [RECORD_ID]


@pytest.mark.parametrize("batch_size", [1, 100])
def test_the_documents_record_replaces_the_metadata_only_one(tmp_path, batch_size):
    corpus, index_dir = tmp_path / "2020-2021", tmp_path / "index"
    sidecar_alone(corpus)
    assert index_paths([corpus], index_dir, workers=1).added == 1
    (before,) = stored_records(index_dir)
    assert before["source"].endswith("1363595.json") and before["answer_kind"] == "none"

    answer_arrives(corpus)
    report = index_paths([corpus], index_dir, workers=1, batch_size=batch_size)
    assert report.failed == [] and report.added == 1
    (after,) = stored_records(index_dir)
    assert after["id"] == RECORD_ID and after["source"].endswith("1363595.txt")
    assert (after["answer_kind"], after["answered"]) == ("coordinated", "2020-10-20")
    assert index_paths([corpus], index_dir, workers=1).summary().endswith(
        "index already up to date")

    (corpus / "1363595.txt").unlink()  # the document goes: the sidecar is alone again
    report = index_paths([corpus], index_dir, workers=1, prune=True)
    assert report.failed == [] and report.removed == 1
    (back,) = stored_records(index_dir)
    assert back["source"].endswith("1363595.json") and back["answered"] == "2020-10-20"


@pytest.mark.parametrize("batch_size", [1, 100])
def test_in_one_run_a_document_later_in_the_walk_replaces_a_lone_sidecar(tmp_path,
                                                                         batch_size):
    """The sidecar comes first (folder `a`), the document of the same question after it
    (folder `b`): in the same commit or in an earlier one, one record is left."""
    sidecar_alone(tmp_path / "a")
    answer_arrives(tmp_path / "b", "vraag")
    report = index_paths([tmp_path / "a", tmp_path / "b"], tmp_path / "index", workers=1,
                         batch_size=batch_size)
    assert report.failed == []
    records = stored_records(tmp_path / "index")
    assert [(r["id"], r["source"].rsplit("/", 1)[-1]) for r in records] == \
        [(RECORD_ID, "vraag.txt")]


def test_a_lone_sidecar_never_replaces_a_documents_record(tmp_path):
    answer_arrives(tmp_path / "a", "vraag")
    sidecar_alone(tmp_path / "b")
    report = index_paths([tmp_path / "a", tmp_path / "b"], tmp_path / "index", workers=1)
    assert [(key.rsplit("/", 1)[-1], why.startswith("duplicate: record " + RECORD_ID))
            for key, why in report.failed] == [("1363595.json", True)]
    (kept,) = stored_records(tmp_path / "index")
    assert kept["source"].endswith("vraag.txt") and kept["answer_kind"] == "coordinated"


def test_of_two_lone_sidecars_of_one_question_the_first_is_kept(tmp_path):
    sidecar_alone(tmp_path / "a")
    sidecar_alone(tmp_path / "b", "kopie")
    report = index_paths([tmp_path / "a", tmp_path / "b"], tmp_path / "index", workers=1)
    assert [(key.rsplit("/", 1)[-1], why.startswith("duplicate: record " + RECORD_ID))
            for key, why in report.failed] == [("kopie.json", True)]
    (kept,) = stored_records(tmp_path / "index")
    assert kept["source"].endswith("a/1363595.json")


def test_show_and_open_tell_where_the_question_stands_before_and_after_its_answer(tmp_path):
    import datetime as dt

    from click.testing import CliRunner

    from cli.main import cli

    def weekdays_after(start: dt.date, end: dt.date) -> int:
        """No Belgian holiday falls on a weekday from 25 Sep to 6 Nov 2020 (1 Nov was a
        Sunday), so here the working days are the weekdays."""
        return sum((start + dt.timedelta(days=n)).weekday() < 5
                   for n in range(1, (end - start).days + 1))

    corpus, index_dir = tmp_path / "2020-2021", str(tmp_path / "index")

    def vraagbaak(*args):
        done = CliRunner().invoke(cli, [*args, "--index-dir", index_dir, "--today",
                                        "2020-11-06"])
        assert done.exit_code == 0, done.output
        return done.output

    sidecar_alone(corpus)
    index_paths([corpus], index_dir, workers=1)
    waited = weekdays_after(dt.date(2020, 9, 25), dt.date(2020, 11, 6))
    assert f"status       te-laat ({waited} werkdagen gewacht, {waited - 20} te laat)" \
        in vraagbaak("show", RECORD_ID)
    shown = json.loads(vraagbaak("show", RECORD_ID, "--json"))
    assert (shown["status"], shown["working_days"], shown["days_late"]) == \
        ("te-laat", waited, waited - 20)
    assert [item["id"] for item in json.loads(vraagbaak("open", "--json"))["items"]] == \
        [RECORD_ID]

    answer_arrives(corpus)
    index_paths([corpus], index_dir, workers=1)
    taken = weekdays_after(dt.date(2020, 9, 25), dt.date(2020, 10, 20))
    assert f"status       beantwoord ({taken} werkdagen over het antwoord)" \
        in vraagbaak("show", RECORD_ID)
    assert json.loads(vraagbaak("show", RECORD_ID, "--json"))["days_late"] == 0
    nothing = json.loads(vraagbaak("open", "--json"))
    assert (nothing["total"], nothing["items"]) == (0, [])


def test_the_question_page_says_what_is_known_of_a_metadata_only_record(tmp_path):
    from web import create_app

    sidecar_alone(tmp_path / "open")
    sidecar_alone(tmp_path / "answered", "1363596", dict(ANSWERED_DETAIL, id=1363596,
                                                         vraagnummer="852"))
    index_paths([tmp_path / "open", tmp_path / "answered"], tmp_path / "index", workers=1)
    app = create_app({"INDEX_DIR": tmp_path / "index", "TESTING": True})
    with app.test_client() as client:
        waiting = client.get(f"/questions/{RECORD_ID}").get_data(as_text=True)
        answered = client.get("/questions/2020-09-25-hilde-crevits-852").get_data(as_text=True)
    assert "alleen de officiële gegevens bekend" in waiting and f'href="{PAGE}"' in waiting
    assert "Op deze vraag is nog geen antwoord." in waiting
    # answered officially (say, with a Word file the harvester does not read yet)
    assert "Officieel beantwoord op 20 oktober 2020" in answered
    assert "Op deze vraag is nog geen antwoord." not in answered
