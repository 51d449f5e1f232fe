"""HTTP benchmark of the API (issue 6): the API, a ceiling and Datasette on one synthetic corpus, loaded by wrk.

    python bench/run.py                      # 100,000 articles (built and cached on first use)
    BENCH_SCALE=1000000 python bench/run.py  # the same at 1,000,000, plus list/detail at 100,000 for the ratio

Steps, in one run:
1. the corpus (bench/corpus.py): bench/.cache/corpus-<N>.sqlite, built through app.ingest.store after the
   project's migrations, upgraded by them when the migration head moves; `newsapi_bench_<N>` on the local PostgreSQL
   server, used when already complete (BENCH_POSTGRES=auto), built the same way with BENCH_POSTGRES=1.
2. servers on loopback, one at a time, each timed from spawn to its first 200:
   - the API, `python -m app serve --workers W` (DATABASE_URL=sqlite:///…, then postgresql://…);
   - the ceiling, bench/ceiling.py under uvicorn with the same W: one article row by primary key;
   - Datasette on the same file, opened immutable, with the ranked FTS canned query of
     bench/datasette-metadata.json.
3. wrk (2 threads, bench/lua/bench.lua: random ids from a fixed seed) at 32 and 256 connections per
   endpoint: a warm-up, then a timed run. The RSS of every server process is read after its load.
4. one table (req/s, p50, p99, errors, RSS per worker), the ratios against their targets, and a JSON file
   bench/results/<date>-<time>-<N>.json with every number.

Knobs (environment): BENCH_SCALE (100000), BENCH_BASE_SCALE (100000), BENCH_WORKERS (2),
BENCH_CONNECTIONS ("32 256"), BENCH_THREADS (2), BENCH_WARMUP (3 s), BENCH_DURATION (10 s), BENCH_TIMEOUT
(wrk's request timeout, 5 s), BENCH_POSTGRES (auto: when the server answers; 0 or 1), BENCH_DATASETTE (1),
BENCH_WORKER_COMPARISON (1), BENCH_CURSOR_PAGE (4000), BENCH_CURSOR_STEP (100),
BENCH_CURSOR_BUDGET (300 s), BENCH_DRAIN (30 s: longer to answer again after a run
is a stall, and the API is restarted), BENCH_LOG_LEVEL (the API's LOG_LEVEL, INFO),
BENCH_RESULTS (bench/results), BENCH_APP_DIR (the checkout whose `app` is served: this one).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import quote

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402

PYTHON = sys.executable
LUA = BENCH / "lua" / "bench.lua"
METADATA = BENCH / "datasette-metadata.json"
LOGS = corpus.CACHE / "logs"


def env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


@dataclass(frozen=True, slots=True)
class Config:
    scale: int = env_int("BENCH_SCALE", 100_000)
    base_scale: int = env_int("BENCH_BASE_SCALE", 100_000)
    workers: int = env_int("BENCH_WORKERS", 2)
    connections: tuple[int, ...] = tuple(int(c) for c in os.environ.get("BENCH_CONNECTIONS", "32 256").split())
    threads: int = env_int("BENCH_THREADS", 2)
    warmup: int = env_int("BENCH_WARMUP", 3)
    duration: int = env_int("BENCH_DURATION", 10)
    timeout: int = env_int("BENCH_TIMEOUT", 5)
    postgres: str = os.environ.get("BENCH_POSTGRES", "auto")
    datasette: bool = os.environ.get("BENCH_DATASETTE", "1") != "0"
    worker_comparison: bool = os.environ.get("BENCH_WORKER_COMPARISON", "1") != "0"
    cursor_page: int = env_int("BENCH_CURSOR_PAGE", 4000)
    cursor_step: int = env_int("BENCH_CURSOR_STEP", 100)  # rows per request while walking to the page
    cursor_budget: int = env_int("BENCH_CURSOR_BUDGET", 300)  # seconds
    # The page-N ratio: first page and page N loaded in turn, this many pairs of runs of this many seconds.
    pairs: int = env_int("BENCH_PAIRS", 5)
    pair_duration: int = env_int("BENCH_PAIR_DURATION", 5)
    drain: int = env_int("BENCH_DRAIN", 30)  # seconds a server may take to answer again after a run
    log_level: str = os.environ.get("BENCH_LOG_LEVEL", "INFO")
    # The checkout whose `app` package is served (`python -m app serve` runs there): this tree by default.
    app_dir: Path = Path(os.environ.get("BENCH_APP_DIR", str(ROOT)))
    results: Path = Path(os.environ.get("BENCH_RESULTS", str(BENCH / "results")))


# -- processes ---------------------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def get(port: int, path: str, timeout: float = 10.0) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def descendants(pid: int) -> list[int]:
    """The process and everything below it, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()
    except OSError:
        return ""


@dataclass(slots=True)
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    startup_s: float | None = None

    def memory(self) -> dict[str, object]:
        """RSS of the server's processes: with several workers, uvicorn's supervisor is the root and the
        workers its children (the multiprocessing resource tracker, if any, is left out)."""
        pids = [p for p in descendants(self.process.pid) if "resource_tracker" not in cmdline(p)]
        sizes = {p: rss_mb(p) for p in pids}
        sizes = {p: s for p, s in sizes.items() if s is not None}
        workers = [s for p, s in sizes.items() if p != self.process.pid] or list(sizes.values())
        return {"processes": len(sizes), "total_mb": round(sum(sizes.values()), 1),
                "supervisor_mb": round(sizes.get(self.process.pid, 0.0), 1) if len(sizes) > 1 else None,
                "worker_max_mb": round(max(workers), 1) if workers else None,
                "workers_mb": [round(s, 1) for s in workers]}  # fmt: skip


@contextmanager
def serve(name: str, command: list[str], probe: str, env: dict[str, str] | None = None,
          cwd: Path = ROOT) -> Iterator[Server]:  # fmt: skip
    """Spawns a server in its own process group, waits for the first 200 on `probe` (the time is kept),
    and stops the whole group afterwards (TERM, then KILL)."""
    port = free_port()
    command = [part.replace("{port}", str(port)) for part in command]
    LOGS.mkdir(parents=True, exist_ok=True)
    log = (LOGS / f"{name}.log").open("ab")
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env={**os.environ, **(env or {})}, stdout=log,
                               stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip
    server = Server(name, port, process)
    try:
        deadline = started + 120
        while time.perf_counter() < deadline:
            if process.poll() is not None:
                raise RuntimeError(f"{name} exited with {process.returncode}; see {log.name}")
            try:
                status, _ = get(port, probe, timeout=5)
                if status == 200:
                    server.startup_s = time.perf_counter() - started
                    break
            except OSError:
                pass
            time.sleep(0.01)
        else:
            raise RuntimeError(f"{name} gave no 200 on {probe} within 120 s; see {log.name}")
        yield server
    finally:
        stop(process)
        log.close()


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=15)
    except ProcessLookupError:
        pass


# -- load --------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Load:
    server: str
    endpoint: str
    path: str
    connections: int
    rps: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    requests: int
    non_2xx: int
    timeouts: int
    socket_errors: int
    alive_after: bool
    drain_s: float | None = None
    memory: dict[str, object] = field(default_factory=dict)

    @property
    def errors(self) -> int:
        return self.non_2xx + self.timeouts + self.socket_errors


def wrk(config: Config, port: int, path: str, connections: int, seconds: int, max_id: int) -> dict[str, float]:
    command = ["wrk", f"-t{min(config.threads, connections)}", f"-c{connections}", f"-d{seconds}s",
               f"--timeout={config.timeout}s", "-s", str(LUA), f"http://127.0.0.1:{port}"]  # fmt: skip
    env = {**os.environ, "BENCH_PATH": path, "BENCH_MAX_ID": str(max_id)}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=seconds + 60, check=False)
    for line in done.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            return dict(json.loads(line.removeprefix("BENCH_JSON ")))
    raise RuntimeError(f"wrk gave no summary ({done.returncode}): {done.stdout[-500:]} {done.stderr[-500:]}")


def rate(config: Config, server: Server, path: str, max_id: int) -> float:
    """req/s of one short run (`config.pair_duration`) at the first connection count."""
    raw = wrk(config, server.port, path, config.connections[0], config.pair_duration, max_id)
    return float(raw["requests"] / (raw["duration_us"] / 1e6))


def alternated(config: Config, server: Server, paths: tuple[str, str], max_id: int) -> list[list[float]]:
    """req/s of two paths loaded in turn, `config.pairs` times: each pair's ratio sees the machine as it was for
    both, where two runs minutes apart may not (this machine's speed moves)."""
    return [[rate(config, server, path, max_id) for path in paths] for _pair in range(config.pairs)]


def load(config: Config, server: Server, endpoint: str, path: str, max_id: int) -> list[Load]:
    return [load_one(config, server, endpoint, path, c, max_id) for c in config.connections]


def load_one(config: Config, server: Server, endpoint: str, path: str, connections: int, max_id: int) -> Load:
    """A warm-up, then the timed run, then the time the server takes to answer again and its memory."""
    if config.warmup > 0:
        wrk(config, server.port, path, connections, config.warmup, max_id)
        if _drain(server, path.replace("{id}", "1"), config.drain) is None:
            print(f"  {server.name:<16} {endpoint:<10} c={connections:<4} no answer after the warm-up", flush=True)
    raw = wrk(config, server.port, path, connections, config.duration, max_id)
    drain = _drain(server, path.replace("{id}", "1"), config.drain)
    seconds = raw["duration_us"] / 1e6
    result = Load(server.name, endpoint, path, connections, rps=raw["requests"] / seconds,
                  p50_ms=raw["p50_us"] / 1000, p99_ms=raw["p99_us"] / 1000, max_ms=raw["max_us"] / 1000,
                  requests=int(raw["requests"]), non_2xx=int(raw["status"]), timeouts=int(raw["timeout"]),
                  socket_errors=int(raw["connect"] + raw["read"] + raw["write"]), alive_after=drain is not None,
                  drain_s=drain, memory=server.memory())  # fmt: skip
    print(
        f"  {server.name:<16} {endpoint:<10} c={connections:<4} {result.rps:9.1f} req/s  "
        f"p50 {result.p50_ms:8.1f} ms  p99 {result.p99_ms:8.1f} ms  errors {result.errors} "
        f"({result.non_2xx} non-2xx, {result.timeouts} timeouts, {result.socket_errors} socket)"
        + ("" if drain is None or drain < 1 else f"  [{drain:.1f} s to answer again after the load]")
        + ("" if drain is not None else f"  [NO answer within {config.drain} s after the load]"),
        flush=True,
    )
    return result


def _drain(server: Server, path: str, limit: float) -> float | None:
    """After the load: seconds until the server answers one request again (it may still be working through
    requests wrk abandoned); None if it does not within `limit` s (a stall or a deadlock). Waiting here
    also keeps one run's backlog out of the next run."""
    started = time.perf_counter()
    while (waited := time.perf_counter() - started) < limit:
        try:
            if get(server.port, path, timeout=limit - waited)[0] == 200:
                return time.perf_counter() - started
        except OSError:
            time.sleep(0.1)
    return None


# -- the corpus's facts ------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Facts:
    articles: int
    max_id: int
    person_id: int
    person_name: str
    person_articles: int
    word: str
    word_articles: int
    newest_ids: dict[int, int] = field(default_factory=dict)  # page of 20 -> its first article, newest first


def facts(path: Path, page: int) -> Facts:
    import sqlite3

    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        articles, max_id = db.execute("SELECT count(*), max(id) FROM article").fetchone()
        person = db.execute("SELECT id, name, article_count FROM entity WHERE type = 'person' "
                            "ORDER BY mention_count DESC, id LIMIT 1").fetchone()  # fmt: skip
        word_articles = db.execute("SELECT count(*) FROM article_search WHERE article_search MATCH ?",
                                   (corpus.MARKER,)).fetchone()[0]  # fmt: skip
        pages = {p: (p - 1) * 20 for p in {page, 2, page - 1} if p >= 1}
        newest = {p: db.execute("SELECT id FROM article ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET ?",
                                (offset,)).fetchone() for p, offset in pages.items()}  # fmt: skip
    return Facts(articles, max_id, person[0], person[1], person[2], corpus.MARKER, word_articles,
                 {p: row[0] for p, row in newest.items() if row})  # fmt: skip


def api_paths(f: Facts) -> dict[str, str]:
    return {
        "detail": "/v1/articles/{id}",
        "list": "/v1/articles?limit=20",
        "person": f"/v1/articles?person={f.person_id}",
        "search": f"/v1/articles?q={quote(f.word)}",
    }


@dataclass(slots=True)
class Walk:
    path: str
    page: int
    seconds: float
    requests: int
    first_id: int | None
    complete: bool


def walk_cursor(port: int, pages: int, step: int, budget: float) -> Walk:
    """The URL of page `pages` of `/v1/articles?limit=20`, by following `meta.next_cursor` from the first page.

    The cursor is keyset (where the last row was), so the walk hops `step` rows a request while it can and
    finishes with pages of 20: the same cursor as 3,999 requests of 20, in about a fifth of the requests.
    Stops at `budget` seconds (a slow API) at the page reached, which is then reported."""
    target = (pages - 1) * 20
    consumed, requests, cursor = 0, 0, None
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        while consumed < target and time.perf_counter() - started < budget:
            limit = step if target - consumed >= step else 20
            path = f"/v1/articles?limit={limit}" + (f"&cursor={quote(cursor)}" if cursor else "")
            connection.request("GET", path)
            response = connection.getresponse()
            body = response.read()
            requests += 1
            if response.status != 200:
                raise RuntimeError(f"cursor walk at row {consumed}: HTTP {response.status}: {body[:300]!r}")
            cursor = json.loads(body)["meta"]["next_cursor"]
            if not cursor:
                raise RuntimeError(f"the cursor chain ends at row {consumed + limit}")
            consumed += limit
        path = "/v1/articles?limit=20" + (f"&cursor={quote(cursor)}" if cursor else "")
        connection.request("GET", path)
        response = connection.getresponse()
        data = json.loads(response.read())["data"]
    finally:
        connection.close()
    first_id = int(data[0]["id"]) if data and "id" in data[0] else None
    return Walk(path, consumed // 20 + 1, time.perf_counter() - started, requests, first_id, consumed >= target)


# -- the servers -------------------------------------------------------------------------------------------------


def api_command(workers: int) -> list[str]:
    return [PYTHON, "-m", "app", "serve", "--host", "127.0.0.1", "--port", "{port}", "--workers", str(workers)]


def kept_none(api: str) -> str:
    """The name of the API served with nothing kept between requests (`KEPT_ROWS=0`)."""
    return f"{api}-kept-0"


def api_env(config: Config, database_url: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "LOG_LEVEL": config.log_level, "API_KEYS": ""}


def bench_api(config: Config, name: str, database_url: str, f: Facts, workers: int, endpoints: list[str],
              cursor: bool, env: dict[str, str] | None = None) -> tuple[list[Load], dict[str, object]]:  # fmt: skip
    """The API's endpoints (`env` added to its environment); a server that stops answering after a run (stall,
    deadlock) is restarted, so that one endpoint's failure does not spoil the next one's numbers (the restarts
    are counted)."""
    paths = api_paths(f)
    loads: list[Load] = []
    info: dict[str, object] = {"restarts": 0}
    with ExitStack() as stack:

        def start() -> Server:
            server = stack.enter_context(serve(name, api_command(workers), "/v1/articles/1",
                                               api_env(config, database_url) | (env or {}), cwd=config.app_dir))  # fmt: skip
            print(f"{name}: first 200 after {server.startup_s:.2f} s", flush=True)
            info.setdefault("startup_s", round(server.startup_s or 0, 3))
            return server

        server = start()
        if cursor:
            walk = walk_cursor(server.port, config.cursor_page, config.cursor_step, config.cursor_budget)
            expected = f.newest_ids.get(walk.page)
            info["cursor_walk"] = {**asdict(walk), "expected_first_id": expected}
            print(f"  cursor walk: page {walk.page} of 20 reached in {walk.seconds:.1f} s ({walk.requests} requests)"
                  + ("" if walk.complete else f", NOT page {config.cursor_page}: stopped at the {config.cursor_budget} s budget")
                  + ("" if expected is None or expected == walk.first_id else
                     f"; its first article is {walk.first_id}, newest-first order says {expected}"), flush=True)  # fmt: skip
            paths["page_n"] = walk.path
            endpoints = [*endpoints, "page_n"]
        for endpoint in endpoints:
            for connections in config.connections:
                result = load_one(config, server, endpoint, paths[endpoint], connections, f.max_id)
                loads.append(result)
                if result.drain_s is None:
                    stack.close()
                    info["restarts"] = int(info["restarts"]) + 1  # type: ignore[call-overload]
                    server = start()
        if cursor and config.pairs:
            info["cursor_pairs"] = pairs = alternated(config, server, (paths["list"], paths["page_n"]), f.max_id)
            print(
                f"  first page / page {config.cursor_page}, in turn: "
                + ", ".join(f"{first:.0f} / {deep:.0f}" for first, deep in pairs)
                + " req/s",
                flush=True,
            )
        info["memory_after"] = server.memory()
    return loads, info


def ceiling_command(config: Config) -> list[str]:
    return [PYTHON, "-m", "uvicorn", "ceiling:app", "--app-dir", str(BENCH), "--host", "127.0.0.1", "--port",
            "{port}", "--workers", str(config.workers), "--log-level", "warning", "--no-access-log"]  # fmt: skip


def bench_ceiling(config: Config, path: Path, f: Facts) -> tuple[list[Load], dict[str, object]]:
    with serve("ceiling", ceiling_command(config), "/articles/1", {"CEILING_DB": str(path)}) as server:
        print(f"ceiling: first 200 after {server.startup_s:.2f} s", flush=True)
        loads = load(config, server, "detail", "/articles/{id}", f.max_id)
        return loads, {"startup_s": round(server.startup_s or 0, 3)}


def in_turn_with_ceiling(config: Config, path: Path, f: Facts, api: str) -> dict[str, object]:
    """The ceiling and the API served side by side, loaded in turn `config.pairs` times (the ceiling's article,
    then the API's article, page and person): for each of the API's endpoints, [API req/s, ceiling req/s] per
    round."""
    paths = api_paths(f)
    found: dict[str, list[list[float]]] = {endpoint: [] for endpoint in ("detail", "list", "person")}
    with (serve("ceiling", ceiling_command(config), "/articles/1", {"CEILING_DB": str(path)}) as ceiling,
          serve(api, api_command(config.workers), "/v1/articles/1", api_env(config, f"sqlite:///{path}"),
                cwd=config.app_dir) as server):  # fmt: skip
        for _round in range(config.pairs):
            reference = rate(config, ceiling, "/articles/{id}", f.max_id)
            for endpoint, rounds in found.items():
                rounds.append([rate(config, server, paths[endpoint], f.max_id), reference])
            print("  in turn with the ceiling: " + ", ".join(f"{endpoint} {rounds[-1][0] / rounds[-1][1]:.2f}"
                                                           for endpoint, rounds in found.items()), flush=True)  # fmt: skip
    return {"ceiling_pairs": found}


def in_turn_across_scales(config: Config, path: Path, f: Facts, base_path: Path, base: Facts,
                          api: str) -> dict[str, object]:  # fmt: skip
    """The API on this corpus and on the base one, served side by side and loaded in turn `config.pairs` times
    (an article from each, then a page from each, the base first in every other round): for each endpoint,
    [req/s, base req/s] per round."""
    found: dict[str, list[list[float]]] = {endpoint: [] for endpoint in ("detail", "list")}
    with (serve(api, api_command(config.workers), "/v1/articles/1", api_env(config, f"sqlite:///{path}"),
                cwd=config.app_dir) as server,
          serve(f"{api}-base", api_command(config.workers), "/v1/articles/1",
                api_env(config, f"sqlite:///{base_path}"), cwd=config.app_dir) as base_server):  # fmt: skip
        for number in range(config.pairs):
            for endpoint, rounds in found.items():
                pair = (partial(rate, config, server, api_paths(f)[endpoint], f.max_id),
                        partial(rate, config, base_server, api_paths(base)[endpoint], base.max_id))  # fmt: skip
                rates = {i: pair[i]() for i in ((1, 0) if number % 2 == 0 else (0, 1))}
                rounds.append([rates[0], rates[1]])
            print(f"  in turn, {config.scale} / {config.base_scale}: " + ", ".join(
                f"{endpoint} {rounds[-1][0] / rounds[-1][1]:.2f}" for endpoint, rounds in found.items()), flush=True)  # fmt: skip
    return {"scale_pairs": found}


def bench_datasette(config: Config, path: Path, f: Facts) -> tuple[list[Load], dict[str, object]]:
    # Served as "corpus" whatever N is, so that the canned query of the metadata file applies.
    link = corpus.CACHE / "datasette" / "corpus.sqlite"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.unlink(missing_ok=True)
    link.symlink_to(path)
    datasette = shutil.which("datasette", path=str(Path(PYTHON).parent)) or "datasette"
    command = [datasette, "serve", "-i", str(link), "--metadata", str(METADATA), "--host", "127.0.0.1", "--port",
               "{port}", "--setting", "sql_time_limit_ms", str(config.timeout * 1000)]  # fmt: skip
    paths = {"detail": "/corpus/article/{id}.json", "list": "/corpus/article.json?_shape=array&_size=20",
             "search": f"/corpus/search.json?_shape=array&q={quote(f.word)}"}  # fmt: skip
    loads: list[Load] = []
    with serve("datasette", command, "/corpus/article/1.json") as server:
        print(f"datasette: first 200 after {server.startup_s:.2f} s", flush=True)
        for endpoint, endpoint_path in paths.items():
            loads += load(config, server, endpoint, endpoint_path, f.max_id)
        return loads, {"startup_s": round(server.startup_s or 0, 3)}


# -- the report --------------------------------------------------------------------------------------------------


def pick(loads: list[Load], server: str, endpoint: str, connections: int) -> Load | None:
    return next((x for x in loads if x.server == server and x.endpoint == endpoint and x.connections == connections),
                None)  # fmt: skip


@dataclass(slots=True)
class Ratio:
    name: str
    value: float | None
    target: str
    ok: bool | None
    detail: str


def ratios(config: Config, loads: list[Load], c: int, api: str, scale_loads: list[Load],
           pairs: list[list[float]] | None = None, in_turn: dict[str, Any] | None = None,
           scale_in_turn: dict[str, Any] | None = None) -> list[Ratio]:  # fmt: skip
    out: list[Ratio] = []

    def rps(server: str, endpoint: str, connections: int = c) -> float | None:
        found = pick(loads, server, endpoint, connections)
        return found.rps if found else None

    def add(name: str, value: float | None, op: str, target: float, detail: str) -> None:
        ok = None if value is None else (value >= target if op == ">=" else value <= target)
        out.append(Ratio(name, value, f"{op} {target}", ok, detail))

    def over(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    def in_turn_median(rounds: list[list[float]]) -> tuple[float, str]:
        """The median of the ratios of pairs of runs loaded in turn, and how it was taken."""
        each = sorted(a / b for a, b in rounds)
        return statistics.median(each), f"median of {len(each)} pairs of runs in turn ({each[0]:.2f}–{each[-1]:.2f})"

    ceiling = rps("ceiling", "detail")
    for endpoint, target in (("detail", 0.5), ("list", 0.35), ("person", 0.35)):
        rounds = (in_turn or {}).get("ceiling_pairs", {}).get(endpoint)
        if rounds:
            value, how = in_turn_median(rounds)
            add(f"{endpoint} / ceiling", value, ">=", target, f"req/s, {how}")
        else:
            add(f"{endpoint} / ceiling", over(rps(api, endpoint), ceiling), ">=", target, "req/s")
    add("detail / datasette row", over(rps(api, "detail"), rps("datasette", "detail")), ">=", 5, "req/s")
    add("list / datasette list", over(rps(api, "list"), rps("datasette", "list")), ">=", 10, "req/s")
    add("search / datasette FTS", over(rps(api, "search"), rps("datasette", "search")), ">=", 2, "req/s")
    add("search, nothing kept / datasette FTS", over(rps(kept_none(api), "search"), rps("datasette", "search")),
        ">=", 2, "req/s, KEPT_ROWS=0: every request ranks all matches")  # fmt: skip
    deep_name = f"page {config.cursor_page} / first page"
    if pairs:
        value, how = in_turn_median(pairs)
        add(deep_name, value, "<=", 1.2, f"time per request, {how}")
    else:
        add(deep_name, over(rps(api, "list"), rps(api, "page_n")), "<=", 1.2, "time per request (inverse req/s)")
    for server in (api, "api-postgres"):
        for endpoint in ("detail", "list"):
            name = f"{server} {endpoint}: {config.scale} / {config.base_scale}"
            rounds = (scale_in_turn or {}).get("scale_pairs", {}).get(endpoint) if server == api else None
            if rounds:
                value, how = in_turn_median(rounds)
                add(name, value, ">=", 0.8, f"req/s, {how}")
                continue
            base = next((x.rps for x in scale_loads if x.server == server and x.endpoint == endpoint
                         and x.connections == c), None)  # fmt: skip
            add(name, over(rps(server, endpoint), base), ">=", 0.8, "req/s")
    one = "api-sqlite-w1"
    for endpoint in ("detail", "list"):
        out.append(Ratio(f"workers {config.workers} / 1, {endpoint}", over(rps(api, endpoint), rps(one, endpoint)),
                         "(measured)", None, "req/s"))  # fmt: skip
    return [r for r in out if r.value is not None or "datasette" in r.name or "ceiling" in r.name]


def table(loads: list[Load]) -> str:
    lines = ["| server | endpoint | conns | req/s | p50 ms | p99 ms | max ms | errors (non-2xx/timeout/socket) | "
             "s to answer after | RSS MB per worker (max) | RSS MB total |",
             "|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for x in loads:
        memory = x.memory
        lines.append(f"| {x.server} | {x.endpoint} | {x.connections} | {x.rps:.1f} | {x.p50_ms:.1f} | {x.p99_ms:.1f} | "
                     f"{x.max_ms:.0f} | {'NONE ANSWERED' if not x.requests else x.errors} "
                     f"({x.non_2xx}/{x.timeouts}/{x.socket_errors}) | "
                     f"{'NO ANSWER' if x.drain_s is None else f'{x.drain_s:.1f}'} | {memory.get('worker_max_mb')} | "
                     f"{memory.get('total_mb')} |")  # fmt: skip
    return "\n".join(lines)


def side_by_side(loads: list[Load], api: str) -> str:
    lines = [
        "| endpoint | conns | SQLite req/s | PostgreSQL req/s | SQLite p99 ms | PostgreSQL p99 ms |",
        "|---|---|---|---|---|---|",
    ]
    for x in (x for x in loads if x.server == api):
        pg = pick(loads, "api-postgres", x.endpoint, x.connections)
        if pg is not None:
            lines.append(f"| {x.endpoint} | {x.connections} | {x.rps:.1f} | {pg.rps:.1f} | {x.p99_ms:.1f} | "
                         f"{pg.p99_ms:.1f} |")  # fmt: skip
    return "\n".join(lines) if len(lines) > 2 else ""


def ratio_table(rows: list[Ratio]) -> str:
    lines = ["| ratio | value | target | met |", "|---|---|---|---|"]
    for r in rows:
        value = "n/a" if r.value is None else (f"{r.value:.2f}" if r.value >= 0.1 else f"{r.value:.3f}")
        met = "" if r.ok is None else ("yes" if r.ok else "NO")
        lines.append(f"| {r.name} ({r.detail}) | {value} | {r.target} | {met} |")
    return "\n".join(lines)


# -- main --------------------------------------------------------------------------------------------------------


def want_postgres(config: Config, count: int) -> bool:
    """BENCH_POSTGRES=1: build the database if needed (long: the build runs through the store, one round trip
    per statement); auto: use it when the server answers and the database is complete; 0: never."""
    if config.postgres == "0":
        return False
    available = corpus.postgres_available()
    if config.postgres == "1" and not available:
        raise SystemExit(f"BENCH_POSTGRES=1 but no server answers at {corpus.PG_ADMIN_URL}")
    if config.postgres == "1" or not available:
        return available
    ready, held = corpus.postgres_ready(count)
    if not ready:
        print(f"PostgreSQL skipped: {corpus.pg_database(count)} is not built ({held or 0} of {count} articles); "
              f"build it with `python bench/corpus.py --postgres --articles {count}` or run with BENCH_POSTGRES=1",
              flush=True)  # fmt: skip
    return ready


def main() -> None:
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))  # stop the servers (finally blocks) on TERM too
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, help="articles (default BENCH_SCALE or 100000)")
    parser.add_argument("--report", type=Path, help="print the tables of a results file, run nothing")
    args = parser.parse_args()
    if args.report:
        print(report(json.loads(args.report.read_text())))
        return
    config = Config() if args.scale is None else Config(scale=args.scale)
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: apt-get install -y wrk")
    started = time.perf_counter()
    record: dict[str, object] = {"date": datetime.now().isoformat(timespec="seconds"), "config": {
        k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(config).items()}, "machine": {
        "cpus": os.cpu_count(), "load_average_at_start": os.getloadavg()}}  # fmt: skip

    path, meta = corpus.ensure_sqlite(config.scale)
    record["corpus"] = meta
    f = facts(path, config.cursor_page)
    record["facts"] = asdict(f)
    print(f"corpus {path.name}: {f.articles} articles; most mentioned person {f.person_name!r} (id {f.person_id}, "
          f"{f.person_articles} articles); '{f.word}' in {f.word_articles} articles "
          f"({100 * f.word_articles / f.articles:.1f} %)", flush=True)  # fmt: skip
    if isinstance(meta.get("build"), dict):
        build = meta["build"]
        print(f"  built in {build['seconds'] / 60:.1f} min, {build['rate_per_s']} art/s")

    loads: list[Load] = []
    servers: dict[str, object] = {}
    sqlite_url = f"sqlite:///{path}"
    api = f"api-sqlite-w{config.workers}"
    afresh = kept_none(api)
    everything = ["detail", "list", "person", "search"]

    def attempt(name: str, run: Callable[[], tuple[list[Load], dict[str, object]]]) -> None:
        """Runs one server's benchmark; a server that fails to start or breaks is reported, the rest goes on."""
        try:
            found, servers[name] = run()
            loads.extend(found)
        except (RuntimeError, subprocess.SubprocessError, OSError, KeyError, ValueError) as error:
            servers[name] = {"error": f"{type(error).__name__}: {error}"}
            print(f"{name}: FAILED: {error}", flush=True)

    attempt("ceiling", lambda: bench_ceiling(config, path, f))
    attempt(api, lambda: bench_api(config, api, sqlite_url, f, config.workers, everything, cursor=True))
    # The search again with nothing kept between requests: every one ranks all its matches, as Datasette's does.
    attempt(afresh, lambda: bench_api(config, afresh, sqlite_url, f, config.workers, ["search"], cursor=False,
                                      env={"KEPT_ROWS": "0"}))  # fmt: skip
    if config.datasette:
        attempt("datasette", lambda: bench_datasette(config, path, f))
    if config.worker_comparison and config.workers != 1:
        attempt("api-sqlite-w1", lambda: bench_api(config, "api-sqlite-w1", sqlite_url, f, 1, ["detail", "list"],
                                                   cursor=False))  # fmt: skip
    if config.pairs:
        attempt("in turn", lambda: ([], in_turn_with_ceiling(config, path, f, api)))
    pg_url = None
    if want_postgres(config, config.scale):
        pg_url, record["postgres_corpus"] = corpus.ensure_postgres(config.scale)
        attempt("api-postgres", lambda: bench_api(config, "api-postgres", str(pg_url), f, config.workers, everything,
                                                  cursor=True))  # fmt: skip

    scale_loads: list[Load] = []
    if config.scale > config.base_scale:
        base_path, _ = corpus.ensure_sqlite(config.base_scale)
        base = facts(base_path, config.cursor_page)
        found, _ = bench_api(config, api, f"sqlite:///{base_path}", base, config.workers, ["detail", "list"], False)
        scale_loads += found
        if config.pairs:
            attempt("scale in turn", lambda: ([], in_turn_across_scales(config, path, f, base_path, base, api)))
        if pg_url is not None:
            base_pg, _ = corpus.ensure_postgres(config.base_scale)
            found, _ = bench_api(config, "api-postgres", base_pg, base, config.workers, ["detail", "list"], False)
            scale_loads += found

    c = config.connections[0]
    in_turn, scale_in_turn = servers.get("in turn"), servers.get("scale in turn")
    rows = ratios(config, loads, c, api, scale_loads, pairs_of(servers, api),
                  in_turn if isinstance(in_turn, dict) else None,
                  scale_in_turn if isinstance(scale_in_turn, dict) else None)  # fmt: skip
    if pg_url is not None:
        rows += [
            Ratio(f"postgres {r.name}", r.value, f"none set (SQLite's {r.target})", None, r.detail)
            for r in ratios(config, loads, c, "api-postgres", [], pairs_of(servers, "api-postgres"))
            if "ceiling" in r.name or "page" in r.name
        ]
    record.update({"loads": [asdict(x) for x in loads], "scale_loads": [asdict(x) for x in scale_loads],
                   "ratios": [asdict(r) for r in rows], "servers": servers,
                   "seconds": round(time.perf_counter() - started, 1)})  # fmt: skip
    config.results.mkdir(parents=True, exist_ok=True)
    out = config.results / f"{datetime.now():%Y-%m-%d-%H%M}-{config.scale}.json"
    out.write_text(json.dumps(record, indent=2, ensure_ascii=False, default=str) + "\n")
    print()
    print(report(record))
    print(f"\nresults: {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out} "
          f"({time.perf_counter() - started:.0f} s)")  # fmt: skip


def pairs_of(servers: dict[str, object], name: str) -> list[list[float]] | None:
    info = servers.get(name)
    return info.get("cursor_pairs") if isinstance(info, dict) else None


def report(record: dict[str, Any]) -> str:
    """The tables of one run, from its JSON record (`python bench/run.py --report bench/results/….json`)."""
    config, facts_ = record["config"], record["facts"]
    loads = [Load(**x) for x in record["loads"]]
    scale_loads = [Load(**x) for x in record.get("scale_loads", [])]
    rows = [Ratio(**r) for r in record["ratios"]]
    servers: dict[str, Any] = record["servers"]
    connections = list(config["connections"])
    api = f"api-sqlite-w{config['workers']}"
    out = [f"## HTTP benchmark, {facts_['articles']:,} articles, {config['workers']} workers, wrk {config['threads']} "
           f"threads, {config['warmup']} s warm-up + {config['duration']} s per run ({record['date']})", "",
           f"Most mentioned person: id {facts_['person_id']} ({facts_['person_articles']} articles); "
           f"q={facts_['word']} in {facts_['word_articles']} articles.", "", table(loads)]  # fmt: skip
    if scale_loads:
        out += ["", f"At {config['base_scale']:,} articles (for the scale ratio):", table(scale_loads)]
    pg_table = side_by_side(loads, api)
    if pg_table:
        out += ["", "The API on SQLite and on PostgreSQL:", pg_table]
    out += ["", f"Ratios (at {connections[0]} connections; ceiling = bench/ceiling.py, one article row by primary key):",
            ratio_table(rows), "",
            "Servers: start to first 200, memory after load (targets: start <= 1 s, RSS <= 150 MB per worker)"]  # fmt: skip
    for name, info in servers.items():
        if "error" in info:
            out.append(f"  {name:<16} FAILED: {info['error']}")
            continue
        if "startup_s" not in info:  # the runs in turn (with the ceiling, across scales): their ratios are above
            continue
        mem = info.get("memory_after") or {}
        walk = info.get("cursor_walk")
        out.append(f"  {name:<16} start {info.get('startup_s')} s"
                   + (f", RSS per worker {mem.get('workers_mb')} MB (max {mem.get('worker_max_mb')}), total "
                      f"{mem.get('total_mb')} MB over {mem.get('processes')} processes" if mem else "")
                   + (f", restarted {info['restarts']} times after a stall" if info.get("restarts") else "")
                   + (f"; cursor walk to page {walk['page']} in {walk['seconds']:.0f} s ({walk['requests']} requests)"
                      + ("" if walk["complete"] else f", short of page {config['cursor_page']} (time budget)")
                      if walk else ""))  # fmt: skip
    stalls = [x for x in loads if x.errors or not x.alive_after or not x.requests]
    out.append("Errors and stalls: " + ("none: every run answered without error, and every server answered again"
               if not stalls else "; ".join(
               f"{x.server} {x.endpoint} c={x.connections}: {x.requests} answered in {config['duration']} s, "
               f"{x.non_2xx} non-2xx, {x.timeouts} timeouts (> {config['timeout']} s), {x.socket_errors} socket errors, "
               + ("NO answer within " + str(config["drain"]) + " s after" if x.drain_s is None
                  else f"answered again {x.drain_s:.1f} s after") for x in stalls)))  # fmt: skip
    return "\n".join(out)


if __name__ == "__main__":
    main()
