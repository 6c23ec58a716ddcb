"""The performance benchmark: the site under gunicorn with production settings, on loopback, driven by wrk.

    make bench                                   # SCALE=1000, SQLite, a Redis of its own
    make bench SCALE=10000 BENCH_ARGS="--seconds 10 --json /tmp/bench.json"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iwgtip_bench make bench

It builds a throwaway database (a temporary SQLite file, or the PostgreSQL database DATABASE_URL names,
which it drops and creates again), migrates, loads the seed content, adds SCALE live items of each kind
(bench/fill.py: also a deep page and a 1 MB PDF), starts a Redis server of its own (or uses REDIS_URL,
which it flushes) and gunicorn with the production settings (iwgtip_site/gunicorn_conf.py), and drives
load with wrk (Debian's package; `make bench` installs it if missing) at each address in URLS, first with
the page cache off (`uncached`: what rendering costs), then on (`cached`: what readers mostly get).

For each address it prints requests per second, p50 and p99 latency (wrk's own percentiles, from
bench/wrk.lua), the SQL queries of one request in that mode (Django's test client, same settings), and, in
the same run, the same load on a static file of the same size served by the same gunicorn through
WhiteNoise: the ceiling, and the page's ratio to it. Requests ask for gzip, as browsers do, so the static
file has the size of the page as sent. Search sends a new query each time (bench/wrk.lua), so the page
cache never answers it. Addresses that do not answer 200 (a feature not built yet: 404, or the language
redirect in front of it) are listed and skipped. It
ends each mode with the resident memory of the gunicorn master and workers, and then prints the weight of
the home page's first view in each language (HTML, CSS, fonts, images, as a new reader's browser fetches
them, compressed as production serves them: tests/browser/page_weight.py, in Chromium; needs the test
requirements, `make install-test`); `--json FILE` keeps it all.

The load generator shares the machine with the server: on a machine of two cores or more, gunicorn runs
on core 0 and wrk on core 1 (taskset), so wrk never takes the server's core; PostgreSQL and Redis run
where the kernel puts them. `--no-pin` lets every process run anywhere. Compare runs, not absolutes.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster import prepare_database, site_environment  # the pieces of the two-node cluster, one node here
from processes import PYTHON, ROOT, Gunicorn, Redis, free_port, get, run

# What is measured: a label and either a key of bench/fill.py's addresses or an address. Add a line to
# measure another page; an address that answers 404 is skipped with a note.
URLS = [
    ("home page", "home"),
    ("content page, English", "content_en"),
    ("content page, French", "content_fr"),
    ("deep page", "deep"),
    ("section with SCALE subpages", "section"),
    ("legislation list", "legislation"),
    ("partners list", "partners"),
    ("an instrument", "instrument"),
    ("a partner", "partner"),
    ("pamphlet page", "pamphlet"),
    ("1 MB PDF download", "download"),
    ("search, a new query each time", "/en/search/"),
    ("sitemap index", "sitemap"),
    ("sitemap section (pages)", "/sitemap-pages.xml"),
    ("API list", "/api/v1/instruments/?lang=en"),
]
SEARCH = "/en/search/"
SEARCH_PROBE = "?q=trafficking+persons"
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk.lua"

QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, counts, SEARCH = Client(HTTP_HOST="127.0.0.1"), {}, "/en/search/"
for url in sys.argv[1:]:
    # As the running server has it: a first request works out what is kept per content version (the menu,
    # the schedule) and, with the page cache on, stores the page; the second is the one counted. Search is
    # counted with a query of its own, new to the page cache, as each of wrk's is.
    client.get(url)
    counted = url.replace("?q=", "?q=Persons+") if url.startswith(SEARCH) else url  # same matches, new address
    with CaptureQueriesContext(connection) as queries:
        status = client.get(counted).status_code
    counts[url] = {"status": status, "queries": len(queries)}
print(json.dumps(counts))
"""


def wrk(port, path, seconds, connections, cpus, search=False):
    """wrk's results for `path` (bench/wrk.lua's JSON line)."""
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", str(WRK_SCRIPT),
               f"http://127.0.0.1:{port}{path}"]  # fmt: skip
    if search:
        command += ["--", "search"]
    if cpus:
        command = ["taskset", "-c", cpus, *command]
    output = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT).stdout
    result = json.loads(output.strip().splitlines()[-1])
    seconds_run = result["duration_us"] / 1e6
    return {
        "rps": result["requests"] / seconds_run if seconds_run else 0,
        "p50_ms": result["p50_us"] / 1000,
        "p99_ms": result["p99_us"] / 1000,
        "errors": result["errors"] + result["non_2xx_3xx"],
        "requests": result["requests"],
    }


def memory_mb(server):
    sizes = []
    for pid in server.worker_pids():
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        sizes.append(int(rss.split()[1]) / 1024)
    return sizes


def probe(port, path, timeout=30):
    """(status, bytes as sent with gzip) of one GET; ("timeout", 0) if it takes longer than `timeout` s."""
    try:
        status, _headers, body = get(port, path, headers={"Accept-Encoding": "gzip"}, timeout=timeout)
    except TimeoutError:
        return f"no answer in {timeout} s", 0
    return status, len(body)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1000, help="live items of each kind (10, 1000, 10000)")
    parser.add_argument("--seconds", type=int, default=5, help="load duration per address, and per static file")
    parser.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument("--modes", default="uncached,cached", help="uncached, cached or both (the default)")
    parser.add_argument("--no-pin", action="store_true", help="do not pin gunicorn and wrk to separate cores")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    parser.add_argument("--only", default="", help="measure only the pages whose label contains one of these "
                        "comma-separated words (--only search,content)")  # fmt: skip
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is not installed: apt-get install wrk (make bench does it)")
    pin = not args.no_pin and (os.cpu_count() or 1) >= 2 and shutil.which("taskset")
    server_cpus, load_cpus = ("0", "1") if pin else (None, None)

    workdir = Path(tempfile.mkdtemp(prefix="iwgtip-bench-"))
    database_url = os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}"
    redis = None
    redis_url = os.environ.get("REDIS_URL", "")
    if not redis_url and shutil.which("redis-server"):
        redis = Redis(free_port(), workdir)
        redis.start()
        redis_url = redis.url
    # No worker replacement mid-run (production replaces them every few thousand requests): a worker
    # starting up in the middle of one address's measurement would be charged to that address.
    # The API's throttle counts requests per client address, and wrk is one client: lifted here, or the API
    # would be measured answering 429.
    env = site_environment(database_url, workdir, REDIS_URL=redis_url, GUNICORN_MAX_REQUESTS="0",
                           API_ANONYMOUS_RATE="1000000/s")  # fmt: skip
    server = None
    try:
        kind = database_url.split(":")[0]
        print(f"Preparing a {kind} database with {args.scale} items of each kind...", flush=True)
        prepare_database(database_url, env)
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
        run([PYTHON, "manage.py", "load_initial_data"], env)
        addresses = json.loads(run([PYTHON, "bench/fill.py", str(args.scale)], env).strip().splitlines()[-1])
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
        wanted = [word.strip() for word in args.only.split(",") if word.strip()]
        urls = [
            (label, addresses.get(key, key)) for label, key in URLS if not wanted or any(w in label for w in wanted)
        ]

        # The size of each page as sent, then static files of those sizes (WhiteNoise finds files at start).
        port = free_port()
        server = Gunicorn({**env, "PAGE_CACHE_SECONDS": "600"}, port, args.workers, args.threads,
                          log=workdir / "gunicorn.log", cpus=server_cpus)  # fmt: skip
        server.start()
        sizes = {url: probe(port, url + (SEARCH_PROBE if url == SEARCH else "")) for _label, url in urls}
        server.stop()
        static_dir = Path(env["STATIC_ROOT"]) / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        for _status, size in sizes.values():
            if size:
                (static_dir / f"{size}.html").write_bytes(b"x" * size)

        print(f"\nwrk: 1 thread, {args.connections} connections, {args.seconds} s per address and per static file; "
              f"gunicorn: {args.workers} workers x {args.threads} threads; "
              + ("gunicorn on core 0, wrk on core 1" if pin else "no pinning"))  # fmt: skip
        report = {
            "scale": args.scale,
            "database": kind,
            "cache": "redis" if redis_url else "local memory",
            "pinned": bool(pin),
            "seconds": args.seconds,
            "connections": args.connections,
            "modes": {},
        }
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            cache_seconds = "600" if mode == "cached" else "0"
            mode_env = {**env, "PAGE_CACHE_SECONDS": cache_seconds}
            probes = [url + (SEARCH_PROBE if url == SEARCH else "") for _label, url in urls if sizes[url][0] == 200]
            counts = json.loads(run([PYTHON, "-c", QUERY_COUNTER, *probes], mode_env).strip().splitlines()[-1])
            server = Gunicorn(
                mode_env, port, args.workers, args.threads, log=workdir / "gunicorn.log", cpus=server_cpus
            )
            server.start()
            rows = _measure(mode, urls, sizes, counts, port, args, load_cpus)
            memory = memory_mb(server)
            server.stop()
            server = None
            print(
                f"  resident memory (MB): master {memory[0]:.0f}, workers {', '.join(f'{m:.0f}' for m in memory[1:])}"
            )
            report["modes"][mode] = {"results": rows, "memory_mb": memory}
        server = Gunicorn({**env, "PAGE_CACHE_SECONDS": "600"}, port, args.workers, args.threads,
                          log=workdir / "gunicorn.log", cpus=server_cpus)  # fmt: skip
        server.start()
        report["first_view_kb"] = page_weights(port)
        server.stop()
        server = None
        if args.json:
            args.json.write_text(json.dumps(report, indent=2))
            print(f"\nWritten: {args.json}")
    finally:
        if server is not None:
            server.stop()
        if redis is not None:
            redis.stop()
        shutil.rmtree(workdir, ignore_errors=True)


def page_weights(port, target_kb=200):
    """The home page's first view in each language, in KB compressed (issue 14's budget: 200 KB)."""
    try:
        from playwright.sync_api import sync_playwright

        sys.path.insert(0, str(ROOT))
        from tests.browser.chromium import CHROMIUM, CHROMIUM_ARGS
        from tests.browser.page_weight import first_view
    except ImportError:
        print("\nHome page first view: not measured (Playwright is a test requirement: make install-test)")
        return {}
    weights = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for language in ("en", "fr"):
            weight = first_view(browser, f"http://127.0.0.1:{port}/{language}/")
            weights[language] = round(weight.compressed / 1024, 1)
        browser.close()
    print(f"\nHome page first view, compressed (budget {target_kb} KB): "
          + ", ".join(f"{language} {kb} KB" for language, kb in weights.items()))  # fmt: skip
    return weights


def _measure(mode, urls, sizes, counts, port, args, load_cpus):
    row = "{:31} {:>8} {:>8} {:>8} {:>8} {:>4} {:>9} {:>6} {:>6}"
    header = row.format(f"{mode} page", "bytes", "req/s", "p50 ms", "p99 ms", "SQL", "static/s", "ratio", "errors")
    print(f"\n{header}\n{'-' * len(header)}")
    rows = []
    # Every worker thread warm (templates loaded, translations read) before the first address is measured:
    # else the first address pays their start, seconds for a few of its requests.
    wrk(port, urls[0][1], 2, args.connections, load_cpus)
    for label, url in urls:
        status, size = sizes[url]
        if status != 200:
            print(f"{label[:31]:31} {url}: {status if isinstance(status, str) else f'answers {status}'}, skipped")
            continue
        probe(port, url + (SEARCH_PROBE if url == SEARCH else ""))  # warm: templates, the cache
        page = wrk(port, url, args.seconds, args.connections, load_cpus, search=url == SEARCH)
        static = wrk(port, f"/static/bench/{size}.html", args.seconds, args.connections, load_cpus)
        ratio = page["rps"] / static["rps"] if static["rps"] else 0
        queries = counts.get(url + (SEARCH_PROBE if url == SEARCH else ""), {}).get("queries", "?")
        if page["requests"] == 0:
            print(f"{label[:31]:31} {size:>8}  no request finished within wrk's 10 s timeout ({queries} SQL)")
        else:
            print(row.format(label[:31], size, f"{page['rps']:.1f}", f"{page['p50_ms']:.1f}", f"{page['p99_ms']:.1f}",
                             queries, f"{static['rps']:.0f}", f"{ratio:.3f}", page["errors"]), flush=True)  # fmt: skip
        rows.append({"label": label, "url": url, "status": status, "bytes": size, **page, "queries": queries,
                     "static_rps": static["rps"], "static_p50_ms": static["p50_ms"], "ratio": ratio})  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
