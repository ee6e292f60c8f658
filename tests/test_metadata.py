"""Official metadata sidecars: what `parse` and `index` make of `<name>.json`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys

import pytest

from index.documents.loader import load_records
from index.documents.metadata import iso_date, person_name
from tests.conftest import ROOT, SEED_COORDINATED, SEED_DETAIL, SEED_REFERRAL

DETAIL = SEED_DETAIL


def _copy(tmp_path, sidecar=None, seed=SEED_COORDINATED):
    target = tmp_path / seed.name
    shutil.copy(seed, target)
    if sidecar is not None:
        target.with_suffix(".json").write_text(
            sidecar if isinstance(sidecar, str) else json.dumps(sidecar), encoding="utf-8")
    return target


def test_without_a_sidecar_records_are_as_before(tmp_path):
    (record,) = load_records(_copy(tmp_path))
    # Nothing official is invented; the zittingsjaar follows from the printed date by rule.
    assert (record.parliament_id, record.themes, record.asked, record.session) == \
        (None, [], None, "2019-2020")
    assert record.warnings == []


def test_agreeing_metadata_fills_the_official_fields_without_warnings(tmp_path):
    (before,) = load_records(_copy(tmp_path))
    (record,) = load_records(_copy(tmp_path, {"result": DETAIL}))
    assert record.warnings == []
    assert (record.id, record.minister, record.asker, record.number, record.date) == \
        (before.id, before.minister, before.asker, before.number, before.date)
    assert record.themes == ["Werk en sociale economie", "Binnenlands bestuur"]
    assert (record.asked, record.answered, record.on_time, record.session) == \
        ("2020-09-25", "2020-10-20", True, "2020-2021")
    assert record.parliament_id == "1363595"


def test_harvested_sidecar_takes_page_url_and_dates_from_the_search_metatags(tmp_path):
    sidecar = {"vraagbaak": {"format": 1}, "opendata": dict(DETAIL, tijdig=False),
               "search": {"id": "1363595", "url": "https://www.vlaamsparlement.be/x/1363595",
                          "metatags": [{"name": "statusdatumSchvBeantwoord",
                                        "value": "2020-11-03T00:00:00+0100"}]}}
    (record,) = load_records(_copy(tmp_path, sidecar))
    assert record.url == "https://www.vlaamsparlement.be/x/1363595"
    assert (record.answered, record.on_time) == ("2020-11-03", False)


def test_official_values_win_and_each_disagreement_is_a_warning(tmp_path):
    detail = dict(DETAIL, vraagnummer=852, minister={"voornaam": "Hilde", "naam": "Crevits"},
                  vraagsteller={"voornaam": "Alessia", "naam": "Claes"})
    (record,) = load_records(_copy(tmp_path, detail))
    assert record.number == 852 and record.asker == "Alessia Claes"
    assert record.id == "2020-09-25-hilde-crevits-852"
    assert len(record.warnings) == 2
    assert any("number" in w and "852" in w and "851" in w for w in record.warnings)
    assert any("asker" in w and "Alessia Claes" in w for w in record.warnings)


def test_parse_json_lists_the_warnings(tmp_path):
    path = _copy(tmp_path, dict(DETAIL, titel="Sociale economie - Rol van de steden"))
    done = subprocess.run([sys.executable, "-m", "cli.main", "parse", "--json", str(path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    (record,) = json.loads(done.stdout)
    assert record["title"] == "Sociale economie - Rol van de steden"
    assert [w.split(":")[0] for w in record["warnings"]] == ["title"]


@pytest.mark.parametrize("official, display", [
    ("Crevits, Hilde", "Hilde Crevits"),
    ({"voornaam": "Hilde", "naam": "Crevits"}, "Hilde Crevits"),
    ("Van Rooy, Sam", "Sam Van Rooy"),
    ({"voornaam": "Sam", "naam": "Van Rooy"}, "Sam Van Rooy"),
    ("De Ridder, Annick", "Annick De Ridder"),
    ("Vandenbroucke-Loones, Jan-Pieter", "Jan-Pieter Vandenbroucke-Loones"),
])
def test_service_names_come_out_in_the_parsers_display_form(official, display):
    assert person_name(official) == display


def test_names_in_text_and_service_forms_agree_on_a_real_referral(tmp_path):
    detail = dict(DETAIL, id=1363596, vraagnummer=378, minister="Somers, Bart")
    (record,) = load_records(_copy(tmp_path, detail, SEED_REFERRAL))
    assert record.warnings == [] and record.minister == "Bart Somers"


@pytest.mark.parametrize("raw, iso", [
    ("2024-10-09T00:00:00+0200", "2024-10-09"), ("2024-10-09", "2024-10-09"),
    ("9/10/2024", "2024-10-09"), ("gisteren", None), (None, None)])
def test_service_dates_become_iso_dates(raw, iso):
    assert iso_date(raw) == iso


def test_a_broken_sidecar_is_a_warning_and_the_text_is_kept(tmp_path):
    (record,) = load_records(_copy(tmp_path, "{not json"))
    assert record.number == 851 and record.themes == []
    assert len(record.warnings) == 1 and "not valid JSON" in record.warnings[0]


def test_a_changed_sidecar_reindexes_the_file(tmp_path):
    from index.indexing.writer import index_paths
    from search.service import SearchService

    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    path = _copy(corpus, DETAIL)
    assert index_paths([corpus], index_dir, workers=1).added == 1
    path.with_suffix(".json").write_text(json.dumps(dict(DETAIL, thema=["Armoede"])))
    report = index_paths([corpus], index_dir, workers=1)
    assert report.updated == 1
    service = SearchService(index_dir)
    try:
        assert service.get("2020-09-25-hilde-crevits-851").themes == ["Armoede"]
    finally:
        service.close()


def _working_days(start: str, end: str) -> int:
    day, stop, count = dt.date.fromisoformat(start), dt.date.fromisoformat(end), 0
    while day < stop:
        day += dt.timedelta(days=1)
        count += day.weekday() < 5
    return count


def test_synth_metadata_is_consistent_with_the_texts(tmp_path):
    from synth.generator import generate

    generate(300, 4, tmp_path, with_metadata=True)
    lines = (tmp_path / "facts.jsonl").read_text(encoding="utf-8").splitlines()
    facts = [json.loads(line)["records"][0] for line in lines]
    late = unanswered = 0
    for fact in facts:
        sidecar = json.loads((tmp_path / fact["source"]).with_suffix(".json").read_bytes())
        detail = sidecar["opendata"].get("result", sidecar["opendata"])
        assert int(detail["vraagnummer"]) == fact["number"]
        assert person_name(detail["minister"]) == fact["minister"]
        assert fact["asked"] == fact["date"] and fact["session"] == detail["zittingsjaar"]
        if fact["answer_kind"] == "none":
            assert fact["answered"] is None and fact["on_time"] is None
            assert not detail["bestand-ordered"]
            unanswered += 1
        else:
            in_time = _working_days(fact["asked"], fact["answered"]) <= 20
            assert fact["on_time"] is in_time
            late += not in_time
    assert late >= 10 and unanswered >= 3
