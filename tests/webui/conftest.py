"""Fixtures for the web tests: one test index per session, built once.

The index holds 300 synthetic documents (so pagination, facets and the timeline have
something to do), the two real seeds (a joint question with a coordinated answer and a
referral to it), and one hostile document whose title and question carry `<script>` and
a spreadsheet formula.
"""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest
from webui_support import (
    CHROMIUM,
    CHROMIUM_ARGS,
    REAL_FOOTNOTES,
    REAL_TABLES,
    SEED_COORDINATED,
    SEED_REFERRAL,
    SYNTH_COUNT,
    SYNTH_SEED,
    hostile_text,
    watch,
)


@pytest.fixture(scope="session")
def web_index(tmp_path_factory) -> Path:
    from index.indexing.writer import index_paths
    from synth.generator import generate

    root = tmp_path_factory.mktemp("web")
    corpus = root / "corpus"
    generate(SYNTH_COUNT, SYNTH_SEED, corpus / "synth")
    for seed in (SEED_COORDINATED, SEED_REFERRAL, REAL_FOOTNOTES, REAL_TABLES):
        shutil.copy(seed, corpus / seed.name)
    (corpus / "hostile.txt").write_text(hostile_text(), encoding="utf-8")
    index_dir = root / "index"
    report = index_paths([corpus], index_dir, workers=1)
    assert not report.failed, report.failed
    return index_dir


@pytest.fixture(scope="session")
def web_service(web_index):
    from search.service import SearchService

    service = SearchService(web_index)
    yield service
    service.close()


@pytest.fixture(scope="session")
def app(web_index, web_service):
    from web import create_app

    return create_app({"INDEX_DIR": web_index, "TESTING": True}, service=web_service)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def live_server(web_index, web_service):
    """The app on waitress at 127.0.0.1 on a free port, as `vraagbaak serve` runs it."""
    import waitress

    from web import create_app

    app = create_app({"INDEX_DIR": web_index}, service=web_service)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: the browser tests need Debian's chromium "
                    f"(run `bash scripts/install-system-deps.sh`).", pytrace=False)
    from playwright.sync_api import sync_playwright

    manager = sync_playwright().start()
    browser = manager.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    yield browser
    browser.close()
    manager.stop()


@pytest.fixture
def page(chromium):
    context = chromium.new_context(locale="nl-BE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    watch(page)
    yield page
    context.close()


# -- an index with official metadata (themes, dates, on time), for the following pages
@pytest.fixture(scope="session")
def follow_records():
    from metadata_support import make_records, referral_pair

    records, intent = make_records(300, seed=5)
    pair = referral_pair()
    return records + pair, {**intent, **{r.id: "beantwoord" for r in pair}}


@pytest.fixture(scope="session")
def follow_index(tmp_path_factory, follow_records) -> Path:
    from metadata_support import write_records

    index_dir = tmp_path_factory.mktemp("follow-web")
    write_records(index_dir, follow_records[0])
    return index_dir


@pytest.fixture(scope="session")
def follow_service(follow_index):
    from search.service import SearchService

    service = SearchService(follow_index)
    yield service
    service.close()


@pytest.fixture(scope="session")
def follow_app(follow_index, follow_service):
    from metadata_support import TODAY

    from web import create_app

    return create_app({"INDEX_DIR": follow_index, "TESTING": True, "CLOCK": lambda: TODAY},
                      service=follow_service)


@pytest.fixture
def follow_client(follow_app):
    return follow_app.test_client()


@pytest.fixture(scope="session")
def follow_server(follow_index, follow_service):
    import waitress
    from metadata_support import TODAY

    from web import create_app

    app = create_app({"INDEX_DIR": follow_index, "CLOCK": lambda: TODAY}, service=follow_service)
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(timeout=5)
