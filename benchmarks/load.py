"""Load test of the REST API: N concurrent clients for a while, reads and authenticated writes.

    python benchmarks/load.py [--clients 50] [--duration 120] [--warmup 0]
                              [--mix mixed|reads|events] [--ids N | --shared-ids N]
                              [--db STORE | --url http://host:port --token TOKEN]
                              [--max-ms MS] [--max-rise MB] [--server-log FILE] [--json FILE]

Without ``--url`` it copies ``--db`` (or builds a store by ingesting the sample articles) into
a temporary folder, starts ``eventwire serve`` on a free loopback port with a write token (its
log goes to ``--server-log``, else to the temporary folder), and samples the server's resident
memory and CPU time every half second (``--pid`` names the server's process when ``--url`` is
given). Each client is an asyncio task with an httpx client (one connection) of its own that
sends requests back to back: with ``--mix mixed`` about one in twenty is a write (``POST
/ingest`` of a small new article, or ``POST /extract``), the rest reads (``/events`` with
filters, ``/stories``, one story, ``/actors``, a dyad series, ``/problems``, ``/articles``);
``--mix reads`` sends only the reads and ``--mix events`` only the event queries; ``--ids N``
makes each client write over N article ids of its own again and again, so the store stops
growing once every client has written its N (N times the clients in all); ``--shared-ids N``
makes every client write over one pool of N ids (drawn at random), so the store holds at most
N written articles from the first minute on and any growth of memory after that is not the
store's data.

``--warmup SECONDS`` sends the same traffic for that long before the measured ``--duration``:
the store fills up to what the ids allow and the caches warm, and only then are latencies,
CPU and memory measured. Warm-up requests are counted apart (how many, how many failed: a
failure there fails the run too), and the memory of the warm-up is shown only as where it
started and ended.

Prints, per route: requests, errors, p50/p95/p99/max in milliseconds; then requests/s, the
first ten failed requests (when each was sent, after how long it failed), the CPU time per
request of the clients (this process) and of the server, the slowest requests (when each was
sent, what it asked) and the slowest of each tenth of the run; then the server's resident
memory over the measured phase: first, last, peak, at each tenth and every ``--every``
seconds, and a least-squares line through every sample, its slope in MB per minute with its
standard error, and the samples' scatter about the line (the noise a slope must stand out
of); the slope of each half says whether a rise is levelling off. Last, the lines of the
server's log that tell of an error. An error is a transport failure, a timeout or a status
other than the one the request expects. Exits 1 when any request failed, when one took longer
than ``--max-ms``, or when the memory's line rose more than ``--max-rise`` MB over the
measured phase. The server says in a ``Server-Timing`` header how long a read waited for a
thread and how long its answer took; the slowest requests show it. ``--json FILE`` writes the
figures as one JSON object as well.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
TYPES = ["ACCUSE", "AGREE", "ASSAULT", "CONSULT", "COOPERATE", "REQUEST", "THREATEN", "SUPPORT"]
WORDS = ["talks", "police", "president", "killed", "said", "minister", "fire", "court"]
SORTS = ["date", "-date", "intensity", "-intensity", "type", "confidence"]
COUNTRIES = [
    ("Russia", "Ukraine"),
    ("Iran", "Israel"),
    ("China", "Taiwan"),
    ("France", "Germany"),
    ("India", "Pakistan"),
    ("Turkey", "Greece"),
]
VERBS = ["accused", "threatened", "met", "condemned", "praised", "sanctioned", "attacked"]

Request = tuple[str, str, str, dict | None]  # route name, method, path with query, JSON body


class Mix:
    """The requests a client sends, drawn from what the store holds (story ids, actor codes)."""

    def __init__(
        self,
        kind: str,
        stories: list[str],
        codes: list[str],
        seed: int,
        ids: int | None = None,
        shared: int | None = None,
    ):
        self.kind, self.stories, self.codes = kind, stories or ["story-none"], codes or ["USA"]
        self.ids = ids  # write over this many article ids, again and again (None: always new)
        self.shared = shared  # ... or over one pool of this many ids all clients share
        self.random = random.Random(seed)
        self.written = 0

    def next(self) -> Request:
        pick = self.random.random()
        if self.kind == "events" or pick < 0.45:
            return self.events()
        if self.kind == "mixed" and pick > 0.95:
            return self.write()
        reads: list[Callable[[], Request]] = [
            self.story_list,
            self.story,
            self.actors,
            self.dyad,
            self.problems,
            self.articles,
        ]
        return self.random.choice(reads)()

    def events(self) -> Request:
        choice = self.random.choice
        params = {"limit": choice(["20", "100", "500"]), "sort": choice(SORTS)}
        filters = {
            "country": lambda: choice(self.codes)[:3],
            "actor": lambda: choice(self.codes),
            "type": lambda: choice(TYPES),
            "quad_class": lambda: str(self.random.randint(1, 4)),
            "since": lambda: f"20{self.random.randint(0, 22):02d}-01-01",
            "q": lambda: choice(WORDS),
            "story": lambda: choice(self.stories),
            "offset": lambda: str(self.random.randint(0, 200)),
        }
        for key in self.random.sample(sorted(filters), self.random.randint(0, 3)):
            params[key] = filters[key]()
        query = "&".join(f"{key}={value}" for key, value in params.items())
        return "GET /events", "GET", f"/events?{query}", None

    def story_list(self) -> Request:
        return "GET /stories", "GET", "/stories?limit=100", None

    def story(self) -> Request:
        return "GET /stories/{id}", "GET", f"/stories/{self.random.choice(self.stories)}", None

    def actors(self) -> Request:
        query = self.random.choice(["q=min", "q=pres", f"country={self.codes[0][:3]}", ""])
        return "GET /actors", "GET", f"/actors?{query}", None

    def dyad(self) -> Request:
        source, target = self.random.sample(self.codes, 2) if len(self.codes) > 1 else ["A", "B"]
        return "GET /dyads/{a}/{b}/series", "GET", f"/dyads/{source}/{target}/series", None

    def problems(self) -> Request:
        return "GET /problems", "GET", "/problems?limit=100", None

    def articles(self) -> Request:
        return "GET /articles", "GET", "/articles?limit=100", None

    def write(self) -> Request:
        source, target = self.random.choice(COUNTRIES)
        day = f"2024-{self.random.randint(1, 12):02d}-{self.random.randint(1, 28):02d}"
        text = (
            f"{source} {self.random.choice(VERBS)} {target} on Monday, officials said. "
            f"The foreign minister of {target} called the move a provocation."
        )
        if self.random.random() < 0.5:
            return "POST /extract", "POST", "/extract", {"text": text, "date": day}
        self.written += 1
        if self.shared:
            article_id = f"load-shared-{self.random.randrange(self.shared)}"
        else:
            number = self.written % self.ids if self.ids else self.written
            article_id = f"load-{id(self)}-{number}"
        article = {"id": article_id, "text": text, "date": day}
        return "POST /ingest", "POST", "/ingest", {"articles": [article]}


class Tally:
    """Per route, each request's milliseconds and whether it failed; the failures by kind; and
    every request as (seconds from the start of its phase when it was sent, milliseconds,
    client, what was asked, outcome), to find when the slowest ones came and what they asked."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.routes: dict[str, list[tuple[float, bool]]] = defaultdict(list)
        self.failures: Counter[str] = Counter()
        self.requests: list[tuple[float, float, int, str, str]] = []

    def add(self, route: str, sent: float, ms: float, number: int, asked: str, outcome: str):
        failed = not outcome.startswith("200")
        self.routes[route].append((ms, failed))
        self.requests.append((sent - self.started, ms, number, asked, outcome))
        if failed:
            self.failures[f"{route} {outcome}"] += 1

    @property
    def errors(self) -> int:
        return sum(self.failures.values())


@dataclass
class Phases:
    """A run: the warm-up (same traffic, not measured) and then the measured phase; a request
    belongs to the phase it was sent in. Times are ``time.perf_counter`` seconds."""

    began: float
    measured_from: float
    until: float
    warm: Tally = field(init=False)
    measured: Tally = field(init=False)

    def __post_init__(self) -> None:
        self.warm, self.measured = Tally(self.began), Tally(self.measured_from)

    def of(self, sent: float) -> Tally:
        return self.measured if sent >= self.measured_from else self.warm


@dataclass(frozen=True)
class Sample:
    """The server's resident memory (MB, with its children) and CPU seconds used so far, and
    this process's CPU seconds, at a moment; None for the server without its process."""

    at: float
    rss: float | None
    server_cpu: float | None
    own_cpu: float


async def client(http: httpx.AsyncClient, token: str, mix: Mix, phases: Phases, number: int):
    headers = {"Authorization": f"Bearer {token}"}
    async with http:
        while time.perf_counter() < phases.until:
            route, method, path, body = mix.next()
            start = time.perf_counter()
            try:
                response = await http.request(method, path, json=body, headers=headers)
                outcome = str(response.status_code)
                if "server-timing" in response.headers:
                    outcome += f" ({response.headers['server-timing']})"
            except httpx.HTTPError as error:
                outcome = f"{type(error).__name__}: {error}"[:120]
            ms = 1000 * (time.perf_counter() - start)
            phases.of(start).add(route, start, ms, number, f"{method} {path}", outcome)


async def sample_server(pid: int | None, until: float, samples: list[Sample]) -> None:
    """Every half second until ``until``: the server's memory and CPU, and this process's CPU."""
    process = psutil.Process(pid) if pid is not None else None
    while time.perf_counter() < until:
        rss = cpu = None
        if process is not None:
            try:
                rss = process.memory_info().rss + sum(
                    child.memory_info().rss for child in process.children(recursive=True)
                )
                times = process.cpu_times()
            except psutil.Error:  # the server is gone: the failed requests will say so
                process = None
            else:
                rss, cpu = rss / 2**20, times.user + times.system
        samples.append(Sample(time.perf_counter(), rss, cpu, time.process_time()))
        await asyncio.sleep(0.5)


async def run(args: argparse.Namespace, base: str, token: str, pid: int | None) -> dict:
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        stories = [s["id"] for s in (await http.get("/stories?limit=500")).json()["items"]]
        actors = (await http.get("/actors?limit=200")).json()["items"]
        if args.mix == "mixed":  # the pipeline loads on the first write: not part of the run
            await http.post(
                "/extract",
                json={"text": "Iran accused Israel of sabotage."},
                headers={"Authorization": f"Bearer {token}"},
            )
    codes = sorted({actor["country"] for actor in actors if actor["country"]})
    # every client made before the clock starts: making one loads the CA certificates (26 ms
    # of CPU), and 50 made as the run starts held this process's event loop 1.3 s, so the
    # first answers waited here, read late (the server's Server-Timing said 20 to 130 ms)
    https = [httpx.AsyncClient(base_url=base, timeout=args.timeout) for _ in range(args.clients)]
    samples: list[Sample] = []
    began = time.perf_counter()
    phases = Phases(began, began + args.warmup, began + args.warmup + args.duration)
    tasks = [
        client(
            http,
            token,
            Mix(args.mix, stories, codes, seed, args.ids, args.shared_ids),
            phases,
            seed,
        )
        for seed, http in enumerate(https)
    ]
    await asyncio.gather(sample_server(pid, phases.until, samples), *tasks)
    out = figures(phases, samples, args)
    report(out, phases, args)
    return out


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass(frozen=True)
class Line:
    """A least-squares line ``y = intercept + slope * x``, the standard error of its slope, and
    the standard deviation of the points about it (``scatter``)."""

    slope: float
    intercept: float
    slope_error: float
    scatter: float


def fit_line(points: Sequence[tuple[float, float]]) -> Line:
    """The least-squares line through ``points``; with fewer than three points (or all at one
    x) the slope's error is not known (NaN)."""
    if not points:
        return Line(0.0, 0.0, math.nan, 0.0)
    mean_x = statistics.fmean(x for x, _ in points)
    mean_y = statistics.fmean(y for _, y in points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0
    intercept = mean_y - slope * mean_x
    if len(points) < 3 or not spread:
        return Line(slope, intercept, math.nan, 0.0)
    residuals = sum((y - intercept - slope * x) ** 2 for x, y in points)
    scatter = math.sqrt(residuals / (len(points) - 2))
    return Line(slope, intercept, scatter / math.sqrt(spread), scatter)


def memory_figures(samples: Sequence[Sample], every: float) -> dict:
    """The server's RSS over a phase (MB): first, last, peak, lowest, the means of its first and
    last tenth, the least-squares slope in MB per minute (with its standard error, the rise it
    makes over the phase, and the scatter of the samples about it), the slopes of each half,
    the value at each tenth and every ``every`` seconds."""
    points = [((s.at - samples[0].at) / 60, s.rss) for s in samples if s.rss is not None]
    if len(points) < 2:
        return {}
    rss = [value for _, value in points]
    line, minutes = fit_line(points), points[-1][0]
    halves = [p for p in points if p[0] <= minutes / 2], [p for p in points if p[0] >= minutes / 2]
    tenth = max(1, len(rss) // 10)
    step = max(1, round(every / 0.5))  # samples are half a second apart
    return {
        "samples": len(rss),
        "minutes": round(minutes, 2),
        "first_mb": round(rss[0], 1),
        "last_mb": round(rss[-1], 1),
        "peak_mb": round(max(rss), 1),
        "lowest_mb": round(min(rss), 1),
        "first_tenth_mean_mb": round(statistics.fmean(rss[:tenth]), 1),
        "last_tenth_mean_mb": round(statistics.fmean(rss[-tenth:]), 1),
        "slope_mb_per_minute": round(line.slope, 3),
        "slope_error_mb_per_minute": round(line.slope_error, 3),
        "rise_of_the_line_mb": round(line.slope * minutes, 1),
        "scatter_mb": round(line.scatter, 1),
        "half_slopes_mb_per_minute": [round(fit_line(half).slope, 3) for half in halves],
        "tenths_mb": [round(rss[round(k * (len(rss) - 1) / 10)]) for k in range(11)],
        "every_mb": [round(value) for value in rss[::step]],
    }


def latency_figures(tally: Tally) -> dict[str, dict]:
    """Per route, and for all routes (``all``): requests, errors, p50/p95/p99/max in ms."""
    rows = dict(sorted(tally.routes.items()))
    rows["all"] = [row for route in rows.values() for row in route]
    out = {}
    for route, measured in rows.items():
        times = [ms for ms, _ in measured]
        out[route] = {"requests": len(times), "errors": sum(failed for _, failed in measured)}
        for name, share in (("p50", 0.5), ("p95", 0.95), ("p99", 0.99), ("max", 1.0)):
            out[route][name] = round(percentile(times, share), 1) if times else None
    return out


def figures(phases: Phases, samples: list[Sample], args: argparse.Namespace) -> dict:
    """Everything the run measured, as printed (``report``) and written by ``--json``."""
    tally, warm = phases.measured, phases.warm
    measured = [s for s in samples if s.at >= phases.measured_from]
    warming = [s.rss for s in samples if s.at < phases.measured_from and s.rss is not None]
    seconds = max(1e-9, min(time.perf_counter(), phases.until) - phases.measured_from)
    count = len(tally.requests)
    out: dict = {
        "clients": args.clients,
        "mix": args.mix,
        "warmup_s": args.warmup,
        "duration_s": round(seconds, 1),
        "requests": count,
        "errors": tally.errors,
        "requests_per_s": round(count / seconds, 1),
        "routes": latency_figures(tally),
        "failures": dict(tally.failures.most_common()),
        "warmup": {"requests": len(warm.requests), "errors": warm.errors},
    }
    out["warmup"]["failures"] = dict(warm.failures.most_common())
    if warming:
        out["warmup"] |= {"rss_first_mb": round(warming[0]), "rss_last_mb": round(warming[-1])}
        out["warmup"]["rss_peak_mb"] = round(max(warming))
    if len(measured) > 1:
        out["client_cpu_ms"] = round(
            1000 * (measured[-1].own_cpu - measured[0].own_cpu) / max(1, count), 2
        )
        if measured[0].server_cpu is not None and measured[-1].server_cpu is not None:
            cpu = measured[-1].server_cpu - measured[0].server_cpu
            out["server_cpu_ms"] = round(1000 * cpu / max(1, count), 2)
            out["server_cpu_s"] = round(cpu, 1)
    out["memory"] = memory_figures(measured, args.every) if len(measured) > 1 else {}
    return out


def report(out: dict, phases: Phases, args: argparse.Namespace) -> None:
    """Print the figures of a run (``figures``), and the failed and slowest requests."""
    warm = out["warmup"]
    if args.warmup:
        print(
            f"warm-up: {args.warmup:g} s, {warm['requests']} requests, {warm['errors']} errors "
            "(not measured)"
            + (
                f"; server RSS {warm['rss_first_mb']} -> {warm['rss_last_mb']} MB, "
                f"peak {warm['rss_peak_mb']} MB"
                if "rss_first_mb" in warm
                else ""
            )
        )
        failures(phases.warm, "warm-up")
    print(f"{args.clients} clients, {out['duration_s']:.0f} s measured, mix {args.mix}")
    print(f"{'route':<26}{'requests':>9}{'errors':>7}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}")
    for route, row in out["routes"].items():
        times = "".join(
            f"{row[name]:>8.0f}" if row[name] is not None else f"{'-':>8}"
            for name in ("p50", "p95", "p99", "max")
        )
        print(f"{route:<26}{row['requests']:>9}{row['errors']:>7}{times}")
    print(f"{out['requests_per_s']} requests/s, {out['errors']} errors (milliseconds above)")
    failures(phases.measured, "measured")
    if "client_cpu_ms" in out:
        print(f"client CPU: {out['client_cpu_ms']:.1f} ms a request")
    slowest(phases.measured, args.slowest)
    if "server_cpu_ms" in out:
        print(f"server CPU: {out['server_cpu_ms']:.1f} ms a request ({out['server_cpu_s']:.0f} s)")
    memory = out["memory"]
    if memory:
        print(
            f"server RSS over the measured {memory['minutes']:.1f} min ({memory['samples']} "
            f"samples): first {memory['first_mb']:.0f} MB, last {memory['last_mb']:.0f} MB, "
            f"peak {memory['peak_mb']:.0f} MB, lowest {memory['lowest_mb']:.0f} MB; mean of "
            f"first tenth {memory['first_tenth_mean_mb']:.0f} MB, of last tenth "
            f"{memory['last_tenth_mean_mb']:.0f} MB"
        )
        first, second = memory["half_slopes_mb_per_minute"]
        print(
            f"server RSS least-squares slope: {memory['slope_mb_per_minute']:+.2f} MB/min "
            f"(standard error {memory['slope_error_mb_per_minute']:.2f}; the samples are not "
            f"independent, so read it as a floor), a rise of {memory['rise_of_the_line_mb']:+.1f}"
            f" MB over the phase; samples scatter {memory['scatter_mb']:.1f} MB about the line; "
            f"slope of the first half {first:+.2f}, of the second half {second:+.2f} MB/min"
        )
        print("server RSS at each tenth (MB):", " ".join(map(str, memory["tenths_mb"])))
        print(f"server RSS every {args.every:g} s (MB):", " ".join(map(str, memory["every_mb"])))


def failures(tally: Tally, phase: str) -> None:
    """The kinds of failure of a phase, and its first ten failed requests: when each was sent
    and after how long it failed."""
    for kind, count in tally.failures.most_common():
        print(f"  {phase} failed: {kind} x {count}")
    failed = [row for row in tally.requests if not row[4].startswith("200")]
    for sent, ms, number, asked, outcome in failed[:10]:
        print(f"  failed at {sent:7.2f} s after {ms:7.0f} ms: #{number:<3} {asked[:80]}  {outcome}")


def slowest(tally: Tally, count: int) -> None:
    """The slowest requests, when each was sent (seconds from the start of the measured phase)
    and what it asked; then, per tenth of the phase, how many requests were sent and the
    slowest of them."""
    if not tally.requests or not count:
        return
    print(f"slowest {count} requests (sent at s, ms, client, request, outcome):")
    for sent, ms, number, asked, outcome in sorted(tally.requests, key=lambda r: -r[1])[:count]:
        print(f"  {sent:7.2f} {ms:7.0f}  #{number:<3} {asked[:90]}  {outcome}")
    end = max(sent for sent, *_ in tally.requests)
    width = max(end / 10, 1e-9)
    tenths: list[list[float]] = [[] for _ in range(10)]
    for sent, ms, *_ in tally.requests:
        tenths[min(9, int(sent / width))].append(ms)
    print("requests sent, and the slowest of them (ms), in each tenth of the phase:")
    print("  " + " ".join(f"{len(t)}/{max(t, default=0):.0f}" for t in tenths))


def log_errors(path: Path, limit: int = 40) -> dict:
    """What the server's log tells of trouble: every line but uvicorn's INFO lines and the
    line ``eventwire serve`` starts with (warnings, errors and their tracebacks), how many, and
    the first ``limit`` of them."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return {"notable": 0, "lines": []}
    quiet = ("INFO:", "eventwire: serving ")
    notable = [line for line in lines if line.strip() and not line.startswith(quiet)]
    return {"notable": len(notable), "lines": notable[:limit]}


def build_store(folder: Path, source: str | None) -> Path:
    """A copy of ``source``, or a new store with the sample articles ingested."""
    path = folder / "load.duckdb"
    if source:
        shutil.copy(source, path)
        return path
    command = [sys.executable, "-m", "eventwire", "ingest", str(ROOT / "examples" / "articles")]
    subprocess.run([*command, "--db", str(path), "--quiet"], check=True)
    return path


def start_server(folder: Path, db: Path, token: str, log: Path) -> tuple[subprocess.Popen, str]:
    """``eventwire serve --db DB --port PORT`` on a free loopback port, with ``api_token`` set in
    its config file (``EVENTWIRE_CONFIG``) and its log (uvicorn's stderr) written to ``log``."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = folder / "config.toml"
    config.write_text(f'api_token = "{token}"\n', encoding="utf-8")
    with log.open("wb") as stderr:  # the child keeps its own copy of the descriptor
        server = subprocess.Popen(
            [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
            env={**os.environ, "EVENTWIRE_CONFIG": str(config)},
            stdout=subprocess.DEVNULL,  # the access log: a line per request
            stderr=stderr,
        )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.3)
    server.terminate()
    raise SystemExit("the server did not answer /health within 120 s")


def arguments(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120, help="measured seconds (120)")
    parser.add_argument(
        "--warmup",
        type=float,
        default=0,
        help="seconds of the same traffic before the measured phase, counted apart (default 0)",
    )
    parser.add_argument("--mix", choices=("mixed", "reads", "events"), default="mixed")
    parser.add_argument("--db", help="a store to copy and serve (default: the sample articles)")
    parser.add_argument("--url", help="a running server to target instead")
    parser.add_argument("--token", default="load-test-token", help="the server's api_token")
    parser.add_argument("--pid", type=int, help="with --url: the server's process, to sample")
    parser.add_argument(
        "--ids",
        type=int,
        help="each client writes over this many article ids again and again, so the store "
        "stops growing and the server's memory can be seen flat (default: always new ids)",
    )
    parser.add_argument(
        "--shared-ids",
        type=int,
        help="every client writes over one pool of this many article ids, drawn at random: the "
        "store holds at most this many written articles (default: per client, as --ids says)",
    )
    parser.add_argument("--timeout", type=float, default=30, help="seconds per request")
    parser.add_argument("--max-ms", type=float, help="fail when a request takes longer")
    parser.add_argument(
        "--slowest", type=int, default=10, help="list this many slowest requests (default 10)"
    )
    parser.add_argument(
        "--every",
        type=float,
        default=10,
        help="print the server's resident memory every this many seconds (default 10)",
    )
    parser.add_argument(
        "--max-rise",
        type=float,
        help="fail when the least-squares line of the server's RSS rises more than this many "
        "MB over the measured phase (memory that does not stay flat)",
    )
    parser.add_argument("--server-log", type=Path, help="keep the server's log in this file")
    parser.add_argument("--json", type=Path, help="write the figures to this file as well")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = arguments(argv)
    with tempfile.TemporaryDirectory() as name:
        folder, log = Path(name), args.server_log
        if args.url:
            out = asyncio.run(run(args, args.url, args.token, args.pid))
        else:
            log = log or folder / "server.log"
            server, base = start_server(folder, build_store(folder, args.db), args.token, log)
            try:
                out = asyncio.run(run(args, base, args.token, server.pid))
            finally:
                server.terminate()
                server.wait(timeout=30)
        if log is not None:
            out["server_log"] = log_errors(log)
            print(f"server log: {out['server_log']['notable']} lines besides INFO")
            for line in out["server_log"]["lines"]:
                print(f"  {line[:160]}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    return verdict(out, args)


def verdict(out: dict, args: argparse.Namespace) -> int:
    """1 when a request failed (warm-up included), one took longer than ``--max-ms``, or the
    memory's line rose more than ``--max-rise`` MB over the measured phase; else 0."""
    failed = []
    if out["errors"] or out["warmup"]["errors"]:
        failed.append(f"{out['errors'] + out['warmup']['errors']} requests failed")
    slowest = max((row["max"] or 0 for row in out["routes"].values()), default=0)
    if args.max_ms and slowest > args.max_ms:
        failed.append(f"a request took {slowest:.0f} ms (over --max-ms {args.max_ms:g})")
    rise = out["memory"].get("rise_of_the_line_mb")
    if args.max_rise is not None and (rise is None or rise > args.max_rise):
        failed.append(f"the server's RSS rose {rise} MB (over --max-rise {args.max_rise:g})")
    for reason in failed:
        print(f"FAILED: {reason}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
