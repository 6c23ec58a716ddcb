"""The performance benchmark: the site under gunicorn with production settings, on loopback.

    make bench                      # scale 1000, SQLite, per-process cache
    make bench SCALE=10000 BENCH_ARGS="--seconds 10"
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/iwgtip_bench REDIS_URL=redis://127.0.0.1:6379/14 make bench

It builds a throwaway database (a temporary SQLite file, or the PostgreSQL database DATABASE_URL names, which
it drops and recreates), migrates, loads the seed content, adds SCALE live items of each kind
(bench/fill.py), starts gunicorn, and drives concurrent keep-alive load at the main public URLs. For each URL
it prints requests per second, p50 and p99 latency, the SQL queries an uncached request makes, and the same
load against a static file of the same size served by the same server (the ceiling), as a ratio. It ends
with the workers' resident memory. Anonymous pages are served from the shared page cache after the first
request, as in production; `--no-page-cache` measures the rendering itself.
"""

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
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
URLS = [
    "/en/",
    "/fr/initiatives-canadiennes/groupe-de-travail/",
    "/en/legislation/",
    "/en/legislation/bench-act-1/",
    "/fr/partenaires/",
    "/en/partners/bench-organization-1/",
    "/en/pamphlets/",
    "/fr/depliants/depliant-essai-1/",
    "/en/search/?q=trafficking",
    "/sitemap.xml",
    "/healthz",
]
QUERY_COUNTER = """
import json, sys
import django
django.setup()
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
client, counts = Client(HTTP_HOST="127.0.0.1"), {}
for url in sys.argv[1:]:
    cache.clear()
    client.get(url)  # warm the process (imports, templates); then count a request with an empty cache
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    counts[url] = {"status": status, "queries": len(queries)}
print(json.dumps(counts))
"""


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(command, env, **kwargs):
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"failed: {' '.join(command)}\n{result.stdout}\n{result.stderr}")
    return result.stdout


def prepare_database(env):
    url = env["DATABASE_URL"]
    if url.startswith("postgres"):
        parts = urlsplit(url)
        name = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        for statement in (f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"'):
            run(["psql", admin, "-q", "-c", statement], env)


def start_server(env, port, workers):
    server = subprocess.Popen(
        [PYTHON, "-m", "gunicorn", "iwgtip_site.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", str(workers),
         "--worker-class", "gthread", "--threads", "4", "--log-level", "warning"],
        env=env, cwd=ROOT, start_new_session=True,
    )  # fmt: skip
    for _ in range(100):
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.1)
    stop_server(server)
    sys.exit("gunicorn did not start")


def stop_server(server):
    os.killpg(server.pid, signal.SIGTERM)
    server.wait(timeout=20)


def worker_memory(server):
    """Resident memory (MB) of the gunicorn master and workers."""
    children = subprocess.run(["pgrep", "-P", str(server.pid)], capture_output=True, text=True).stdout.split()
    sizes = []
    for pid in [str(server.pid), *children]:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        rss = next(line for line in status.splitlines() if line.startswith("VmRSS"))
        sizes.append(int(rss.split()[1]) / 1024)
    return sizes


def load(port, path, seconds, connections):
    """Concurrent keep-alive GETs of `path` for `seconds`: (requests/s, p50 ms, p99 ms, bytes, statuses)."""
    latencies, statuses, sizes, lock = [], {}, [], threading.Lock()
    deadline = time.perf_counter() + seconds

    def client():
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        while time.perf_counter() < deadline:
            started = time.perf_counter()
            connection.request("GET", path, headers={"Accept-Encoding": "identity"})
            response = connection.getresponse()
            body = response.read()
            mine.append(time.perf_counter() - started)
            with lock:
                statuses[response.status] = statuses.get(response.status, 0) + 1
                if not sizes:
                    sizes.append(len(body))
        with lock:
            latencies.extend(mine)

    threads = [threading.Thread(target=client) for _ in range(connections)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    p99 = latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))]
    return len(latencies) / elapsed, statistics.median(latencies) * 1000, p99 * 1000, sizes[0], statuses


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=int, default=1000, help="live items of each kind (10, 1000, 10000)")
    parser.add_argument("--seconds", type=float, default=5, help="load duration per URL")
    parser.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--no-page-cache", action="store_true", help="measure rendering, not the page cache")
    parser.add_argument("--json", type=Path, help="also write the results to this file")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="iwgtip-bench-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iwgtip_site.settings.prod",
        "SECRET_KEY": os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": os.environ.get("DATABASE_URL") or f"sqlite:///{workdir / 'bench.sqlite3'}",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "SECURE_SSL_REDIRECT": "False",
        "PAGE_CACHE_SECONDS": "0" if args.no_page_cache else os.environ.get("PAGE_CACHE_SECONDS", "600"),
        "LOG_LEVEL": "WARNING",
    }
    try:
        print(f"Preparing a database with {args.scale} items of each kind ({env['DATABASE_URL'].split(':')[0]})...")
        prepare_database(env)
        run([PYTHON, "manage.py", "migrate", "--no-input", "-v0"], env)
        run([PYTHON, "manage.py", "load_initial_data"], env)
        run([PYTHON, "bench/fill.py", str(args.scale)], env)
        run([PYTHON, "manage.py", "collectstatic", "--no-input", "-v0"], env)
        counts = json.loads(run([PYTHON, "-c", QUERY_COUNTER, *URLS], env).strip().splitlines()[-1])

        # Learn each page's size, then serve static files of the same sizes from the same server.
        port = free_port()
        server = start_server(env, port, args.workers)
        sizes = {}
        for url in URLS:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            connection.request("GET", url, headers={"Accept-Encoding": "identity"})
            sizes[url] = len(connection.getresponse().read())
        stop_server(server)
        static_dir = Path(env["STATIC_ROOT"]) / "bench"
        static_dir.mkdir(parents=True, exist_ok=True)
        for size in set(sizes.values()):
            (static_dir / f"{size}.html").write_bytes(b"x" * size)

        server = start_server(env, port, args.workers)
        results = []
        print(f"\n{args.connections} connections, {args.seconds:g} s per URL, {args.workers} gunicorn workers\n")
        row = "{:50} {:>7} {:>7} {:>7} {:>7} {:>4} {:>12} {:>6}"
        header = row.format("URL", "bytes", "req/s", "p50 ms", "p99 ms", "SQL", "static req/s", "ratio")
        print(header)
        print("-" * len(header))
        for url in URLS:
            rps, p50, p99, size, statuses = load(port, url, args.seconds, args.connections)
            static_rps, *_rest = load(port, f"/static/bench/{sizes[url]}.html", args.seconds, args.connections)
            ratio = rps / static_rps if static_rps else 0
            queries = counts[url]["queries"]
            if counts[url]["status"] != 200:
                print(f"    uncached request answered {counts[url]['status']}")
            print(row.format(url[:50], size, f"{rps:.0f}", f"{p50:.1f}", f"{p99:.1f}", queries, f"{static_rps:.0f}",
                             f"{ratio:.2f}"))  # fmt: skip
            if set(statuses) != {200}:
                print(f"    statuses: {statuses}")
            results.append({"url": url, "bytes": size, "rps": rps, "p50_ms": p50, "p99_ms": p99, "queries": queries,
                            "static_rps": static_rps, "ratio": ratio, "statuses": statuses})  # fmt: skip
        memory = worker_memory(server)
        stop_server(server)
        print(f"\nResident memory (MB): master {memory[0]:.0f}, workers {', '.join(f'{m:.0f}' for m in memory[1:])}")
        if args.json:
            args.json.write_text(json.dumps({"scale": args.scale, "results": results, "memory_mb": memory}, indent=2))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
