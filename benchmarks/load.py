"""Load test of the REST API: N concurrent clients for a while, reads and authenticated writes.

    python benchmarks/load.py [--clients 50] [--duration 120] [--mix mixed|reads|events]
                              [--ids N | --shared-ids N]
                              [--db STORE | --url http://host:port --token TOKEN]

Without ``--url`` it copies ``--db`` (or builds a store by ingesting the sample articles) into
a temporary folder, starts ``eventwire serve`` on a free loopback port with a write token, and
samples the server's resident memory and CPU time every half second (``--pid`` names the
server's process when ``--url`` is given). Each client is an asyncio task with an httpx client
(one connection) of its own that sends requests back to back: with ``--mix mixed`` about one in
twenty is a write (``POST /ingest`` of a small new article, or ``POST /extract``), the rest
reads (``/events`` with filters, ``/stories``, one story, ``/actors``, a dyad series,
``/problems``, ``/articles``); ``--mix reads`` sends only the reads and ``--mix events`` only
the event queries; ``--ids N`` makes each client write over N article ids of its own again and
again, so the store stops growing once every client has written its N (N times the clients in
all); ``--shared-ids N`` makes every client write over one pool of N ids (drawn at random), so
the store holds at most N written articles from the first minute on and any growth of memory
after that is not the store's data. Prints, per route: requests, errors, p50/p95/p99/max in
milliseconds; then requests/s, the first ten failed requests (when each was sent, after how
long it failed), the CPU time per request of the clients (this process) and of the
server, the slowest requests (when each was sent, what it asked) and the slowest of each tenth
of the run, and the server's resident memory over the run (start, peak, end, at each tenth and
every ``--every`` seconds: it must stay flat). An error is a transport failure, a timeout or a
status other than the one the request expects. Exits 1 when any request failed, or (with
``--max-ms``) when one took longer than that. The server says in a ``Server-Timing`` header how
long a read waited for a thread and how long its answer took; the slowest requests show it.
"""

from __future__ import annotations

import argparse
import asyncio
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
from collections.abc import Callable
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
    every request as (seconds from the start when it was sent, milliseconds, client, what was
    asked, outcome), to find when the slowest ones came and what they asked."""

    def __init__(self, started: float) -> None:
        self.started = started
        self.routes: dict[str, list[tuple[float, bool]]] = defaultdict(list)
        self.failures: Counter[str] = Counter()
        self.requests: list[tuple[float, float, int, str, str]] = []


async def client(
    http: httpx.AsyncClient, token: str, mix: Mix, until: float, tally: Tally, number: int
):
    headers = {"Authorization": f"Bearer {token}"}
    async with http:
        while time.monotonic() < until:
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
            failed = not outcome.startswith("200")
            tally.routes[route].append((ms, failed))
            tally.requests.append((start - tally.started, ms, number, f"{method} {path}", outcome))
            if failed:
                tally.failures[f"{route} {outcome}"] += 1


async def sample_server(pid: int | None, until: float, samples: list[tuple[float, float]]):
    """The server's resident memory every half second, and the CPU seconds it has used."""
    if pid is None:
        return
    process = psutil.Process(pid)
    while time.monotonic() < until:
        rss = process.memory_info().rss + sum(
            child.memory_info().rss for child in process.children(recursive=True)
        )
        times = process.cpu_times()
        samples.append((rss, times.user + times.system))
        await asyncio.sleep(0.5)


async def run(args: argparse.Namespace, base: str, token: str, pid: int | None) -> int:
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
    memory: list[tuple[float, float]] = []
    until = time.monotonic() + args.duration
    started, own = time.perf_counter(), time.process_time()
    tally = Tally(started)
    tasks = [
        client(
            http,
            token,
            Mix(args.mix, stories, codes, seed, args.ids, args.shared_ids),
            until,
            tally,
            seed,
        )
        for seed, http in enumerate(https)
    ]
    await asyncio.gather(sample_server(pid, until, memory), *tasks)
    report(tally, memory, time.perf_counter() - started, args, time.process_time() - own)
    times = [ms for rows in tally.routes.values() for ms, _ in rows]
    return 1 if tally.failures or (args.max_ms and max(times, default=0) > args.max_ms) else 0


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def report(
    tally: Tally, memory: list, seconds: float, args: argparse.Namespace, client_cpu: float
) -> None:
    print(f"{args.clients} clients, {seconds:.0f} s, mix {args.mix}")
    print(f"{'route':<26}{'requests':>9}{'errors':>7}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}")
    everything: list[tuple[float, bool]] = []
    for route in sorted(tally.routes):
        rows = tally.routes[route]
        everything += rows
        times = [ms for ms, _ in rows]
        errors = sum(failed for _, failed in rows)
        figures = "".join(f"{percentile(times, p):>8.0f}" for p in (0.5, 0.95, 0.99, 1.0))
        print(f"{route:<26}{len(rows):>9}{errors:>7}{figures}")
    times = [ms for ms, _ in everything]
    errors = sum(failed for _, failed in everything)
    figures = "".join(f"{percentile(times, p):>8.0f}" for p in (0.5, 0.95, 0.99, 1.0))
    print(f"{'all':<26}{len(times):>9}{errors:>7}{figures}")
    print(f"{len(times) / seconds:.1f} requests/s, {errors} errors (milliseconds above)")
    for kind, count in tally.failures.most_common():
        print(f"  failed: {kind} x {count}")
    failed = [row for row in tally.requests if not row[4].startswith("200")]
    for sent, ms, number, asked, outcome in failed[:10]:  # when they failed, and after how long
        print(f"  failed at {sent:7.2f} s after {ms:7.0f} ms: #{number:<3} {asked[:80]}  {outcome}")
    print(f"client CPU: {1000 * client_cpu / max(1, len(times)):.1f} ms a request")
    slowest(tally, args.slowest)
    if memory:
        rss = [value / 2**20 for value, _ in memory]
        cpu = memory[-1][1] - memory[0][1]
        print(f"server CPU: {1000 * cpu / max(1, len(times)):.1f} ms a request ({cpu:.0f} s)")
        tenth = max(1, len(rss) // 10)
        print(
            f"server RSS: start {rss[0]:.0f} MB, peak {max(rss):.0f} MB, end {rss[-1]:.0f} MB; "
            f"mean of first tenth {statistics.mean(rss[:tenth]):.0f} MB, "
            f"of last tenth {statistics.mean(rss[-tenth:]):.0f} MB"
        )
        tenths = [rss[min(len(rss) - 1, round(k * (len(rss) - 1) / 10))] for k in range(11)]
        print("server RSS at each tenth of the run (MB):", " ".join(f"{m:.0f}" for m in tenths))
        step = max(1, round(args.every / 0.5))  # samples are half a second apart
        series = " ".join(f"{rss[k]:.0f}" for k in range(0, len(rss), step))
        print(f"server RSS every {args.every:g} s (MB): {series}")


def slowest(tally: Tally, count: int) -> None:
    """The slowest requests, when each was sent (seconds from the start) and what it asked;
    then, per tenth of the run, how many requests were sent and the slowest of them."""
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
    print("requests sent, and the slowest of them (ms), in each tenth of the run:")
    print("  " + " ".join(f"{len(t)}/{max(t, default=0):.0f}" for t in tenths))


def build_store(folder: Path, source: str | None) -> Path:
    """A copy of ``source``, or a new store with the sample articles ingested."""
    path = folder / "load.duckdb"
    if source:
        shutil.copy(source, path)
        return path
    command = [sys.executable, "-m", "eventwire", "ingest", str(ROOT / "examples" / "articles")]
    subprocess.run([*command, "--db", str(path), "--quiet"], check=True)
    return path


def start_server(folder: Path, db: Path, token: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = folder / "config.toml"
    config.write_text(f'api_token = "{token}"\n', encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "eventwire", "serve", "--db", str(db), "--port", str(port)],
        env={**os.environ, "EVENTWIRE_CONFIG": str(config)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--duration", type=float, default=120, help="seconds (default 120)")
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
    args = parser.parse_args()
    if args.url:
        return asyncio.run(run(args, args.url, args.token, args.pid))
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        server, base = start_server(folder, build_store(folder, args.db), args.token)
        try:
            return asyncio.run(run(args, base, args.token, server.pid))
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    sys.exit(main())
