"""``benchmarks/load.py``: the least-squares line it reads the server's memory with, the warm-up
counted apart from the measured phase, and a short real run against ``eventwire serve``."""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples" / "articles"


def _benchmark():
    """benchmarks/load.py as a module (benchmarks/ is a folder of scripts, not a package)."""
    spec = importlib.util.spec_from_file_location("load_benchmark", ROOT / "benchmarks" / "load.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


load = _benchmark()


def test_the_line_through_points_on_a_line_is_that_line():
    line = load.fit_line([(x, 3.0 + 0.5 * x) for x in range(10)])
    assert line.slope == pytest.approx(0.5) and line.intercept == pytest.approx(3.0)
    assert line.scatter == pytest.approx(0.0, abs=1e-9)
    assert line.slope_error == pytest.approx(0.0, abs=1e-9)


def test_the_line_through_noise_about_a_level_is_flat_within_its_error():
    noise = [4.0, -3.0, 1.0, -5.0, 2.0, 3.0, -2.0, -1.0, 5.0, -4.0] * 6
    line = load.fit_line([(x / 10, 800.0 + value) for x, value in enumerate(noise)])
    assert abs(line.slope) < 3 * line.slope_error and line.scatter == pytest.approx(3.4, abs=0.2)


def test_a_line_through_fewer_than_three_points_has_no_known_error():
    assert math.isnan(load.fit_line([(0.0, 1.0), (1.0, 2.0)]).slope_error)
    assert load.fit_line([]).slope == 0.0


def _samples(values: list[float], start: float = 100.0) -> list:
    return [load.Sample(start + 0.5 * n, value, None, 0.0) for n, value in enumerate(values)]


def test_memory_figures_give_the_slope_in_megabytes_a_minute():
    # 2 MB a minute: one sample every half second for five minutes
    rising = load.memory_figures(_samples([700 + 2 * n / 120 for n in range(601)]), every=10)
    assert rising["slope_mb_per_minute"] == pytest.approx(2.0, abs=0.01)
    assert rising["rise_of_the_line_mb"] == pytest.approx(10.0, abs=0.1)
    assert rising["first_mb"] == 700 and rising["last_mb"] == 710 and rising["peak_mb"] == 710
    assert rising["half_slopes_mb_per_minute"] == [pytest.approx(2.0, abs=0.01)] * 2
    assert len(rising["tenths_mb"]) == 11 and len(rising["every_mb"]) == 31


def test_a_rise_that_levels_off_shows_in_the_slopes_of_the_halves():
    values = [700 + min(n, 300) / 10 for n in range(601)]  # +30 MB, then level
    figures = load.memory_figures(_samples(values), every=10)
    first, second = figures["half_slopes_mb_per_minute"]
    assert first == pytest.approx(12.0, abs=0.1) and second == pytest.approx(0.0, abs=0.01)


def test_requests_sent_in_the_warm_up_are_counted_apart():
    phases = load.Phases(began=0.0, measured_from=300.0, until=420.0)
    for sent, outcome in ((1.0, "200"), (299.9, "ReadError: x"), (300.0, "200"), (419.0, "200")):
        phases.of(sent).add("GET /events", sent, 12.0, 0, "GET /events", outcome)
    assert len(phases.warm.requests) == 2 and phases.warm.errors == 1
    assert len(phases.measured.requests) == 2 and phases.measured.errors == 0
    assert [row[0] for row in phases.measured.requests] == [0.0, 119.0]  # from its own start


@pytest.mark.parametrize(
    "errors,rise,max_rise,status",
    [(0, 1.7, 20.0, 0), (0, 25.0, 20.0, 1), (1, 1.7, None, 1), (0, 25.0, None, 0)],
)
def test_a_run_fails_on_a_failed_request_or_memory_that_rose(errors, rise, max_rise, status):
    out = {
        "errors": 0,
        "warmup": {"errors": errors},
        "routes": {"all": {"max": 900.0}},
        "memory": {"rise_of_the_line_mb": rise},
    }
    args = load.arguments(
        ["--max-ms", "1000"] + (["--max-rise", str(max_rise)] if max_rise else [])
    )
    assert load.verdict(out, args) == status


def test_the_server_log_is_read_for_what_is_not_routine(tmp_path):
    log = tmp_path / "server.log"
    log.write_text(
        "INFO:     Started server process [1]\n"
        "eventwire: serving x.duckdb: dashboard at http://127.0.0.1:1/, API docs at /docs\n"
        "ERROR:    Exception in ASGI application\n"
        "Traceback (most recent call last):\n"
        "RuntimeError: boom\n",
        encoding="utf-8",
    )
    found = load.log_errors(log)
    assert found["notable"] == 3 and found["lines"][0].startswith("ERROR:")


@pytest.mark.slow
def test_a_short_run_with_a_warm_up_measures_only_after_it(tmp_path):
    db = tmp_path / "two.duckdb"
    articles = [str(EXAMPLES / name) for name in ("01-geneva-wire34.txt", "05-border-wire07.txt")]
    subprocess.run(
        [sys.executable, "-m", "eventwire", "ingest", *articles, "--db", str(db), "--quiet"],
        check=True,
    )
    out, log = tmp_path / "figures.json", tmp_path / "server.log"
    argv = ["--clients", "4", "--warmup", "3", "--duration", "4", "--ids", "2", "--db", str(db)]
    assert load.main([*argv, "--json", str(out), "--server-log", str(log)]) == 0
    figures = json.loads(out.read_text(encoding="utf-8"))
    assert figures["warmup"]["requests"] > 0 and figures["requests"] > 0
    assert figures["errors"] == figures["warmup"]["errors"] == 0
    assert figures["routes"]["all"]["requests"] == figures["requests"]
    assert figures["memory"]["first_mb"] > 0 and figures["memory"]["minutes"] <= 0.1
    assert figures["warmup"]["rss_first_mb"] > 0 and log.stat().st_size > 0
