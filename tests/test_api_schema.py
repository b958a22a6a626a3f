"""The API against its own OpenAPI document. Schemathesis generates requests from the document
and sends them to a real server on loopback (``eventwire serve`` over a store of six sample
articles, writes enabled by a token) with every check it has: no 5xx, every status and body
declared, every response true to its schema, schema-valid requests accepted and invalid ones
refused, unsupported methods answered 405 with Allow, and the write routes refusing requests
without the token."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from eventwire.cli import main
from tests.conftest import EXAMPLES, served

TOKEN = "schema-test-token"
# two stories: the Geneva talks and the border clashes
ARTICLES = ("01-geneva", "02-geneva", "03-geneva", "05-border", "06-border", "07-border")
MAX_EXAMPLES = 12  # cases per operation and phase: the whole run stays well under a minute
# What schemathesis is told beyond the document. A text or a folder of the right form can
# still be one the server cannot use (not English, no such folder): the write routes say so
# with a 422 (a refusal of content, declared), which counts as an answer to valid data there.
# A story id that exists lets the checks reach past the 404.
CONFIG = """
[[operations]]
include-method = "POST"
checks.positive_data_acceptance.expected-statuses = ["2xx", "401", "403", "422"]

[[operations]]
include-path = "/stories/{{story_id}}"
parameters = {{ story_id = "{story}" }}
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("schema")
    articles = folder / "articles"
    articles.mkdir()
    for path in EXAMPLES.iterdir():
        if path.name.startswith(ARTICLES) and not path.name.endswith(".yaml"):
            shutil.copy(path, articles / path.name)
    db = folder / "events.duckdb"
    assert main(["ingest", str(articles), "--db", str(db), "--quiet"]) == 0
    config = folder / "config.toml"
    config.write_text(f'api_token = "{TOKEN}"\n', encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("EVENTWIRE_CONFIG", str(config))  # the served process reads its token here
        with served(db) as (base, health):
            assert health["writable"] and health["stories"] == 2
            yield base


@pytest.mark.slow
def test_the_api_keeps_to_its_openapi_document(server, tmp_path):
    with urllib.request.urlopen(f"{server}/stories", timeout=10) as response:
        story = json.loads(response.read())["items"][0]["id"]
    config = tmp_path / "schemathesis.toml"
    config.write_text(CONFIG.format(story=story), encoding="utf-8")
    command = [
        str(Path(sys.executable).with_name("schemathesis")),
        "--config-file",
        str(config),
        "run",
        f"{server}/openapi.json",
        "--checks",
        "all",
        "--header",
        f"Authorization: Bearer {TOKEN}",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        "18",
        "--generation-database",
        "none",
        "--request-timeout",
        "60",
        "--no-color",
    ]
    run = subprocess.run(
        command, cwd=tmp_path, capture_output=True, text=True, timeout=600, check=False
    )
    summary = run.stdout[run.stdout.rfind("SUMMARY") :]
    print(summary)
    assert run.returncode == 0, run.stdout[-8000:] + run.stderr[-2000:]
    cases = re.search(r"(\d+) generated", summary)
    assert cases and int(cases.group(1)) > 300, summary
    selected = re.search(r"Selected: (\d+)/(\d+)\s+Tested: (\d+)", summary)
    assert selected and len(set(selected.groups())) == 1, summary  # every operation tested
