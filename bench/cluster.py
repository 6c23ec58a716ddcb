"""Two app servers behind nginx, on this machine: the production layout in miniature.

    python bench/cluster.py [--port 8300] [--s3]     # prints the addresses, serves until Ctrl+C

It prepares a database (the PostgreSQL database DATABASE_URL names, dropped and created again, or a
temporary SQLite file), migrates and loads the content, starts a Redis server of its own, optionally
moto's S3 server for the media (--s3; moto is a test requirement), two gunicorn nodes with production
settings sharing all three, and nginx (Debian's, as a child process with its own configuration in a
temporary folder) in front of them. tests/iwgtip_site/test_cluster.py drives it; bench/run.py uses the same
processes (bench/processes.py) to run one node.

How nginx knows which node is up. nginx open source has no active health checks, so two things work
together: passive checks (`max_fails=1 fail_timeout=10s`, `proxy_next_upstream error timeout http_502
http_503 http_504`), which send a GET that failed on a node that has stopped or crashed to the other node
at once, so no reader sees the failure; and a small check loop here that asks each node's /healthz twice a
second and, when a node stops answering or answers 503 (its database unreachable), marks it `down` in the
upstream and reloads nginx (SIGHUP: no connection is dropped), and brings it back when it is healthy. The
passive checks alone would keep trying a node whose database is gone for each new request after
`fail_timeout`; the loop alone would leave a few seconds of failures after a crash. In production the
same loop is a systemd timer or the load balancer's own health check on /healthz (README, "Deployment").
"""

import argparse
import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

from processes import PYTHON, S3, Gunicorn, Nginx, Redis, free_port, get, run


def site_environment(database_url, workdir, **extra):
    """The environment of the site with production settings on loopback (no TLS here: no HTTPS redirect)."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "iwgtip_site.settings.prod",
        "SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or os.urandom(32).hex(),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "MEDIA_ROOT": str(Path(workdir) / "media"),
        "STATIC_ROOT": str(Path(workdir) / "static"),
        "SECURE_SSL_REDIRECT": "False",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def prepare_database(database_url, env):
    """Drop and create the PostgreSQL database `database_url` names (SQLite files are created by migrate)."""
    if database_url.startswith("postgres"):
        parts = urlsplit(database_url)
        name = parts.path.lstrip("/")
        admin = parts._replace(path="/postgres").geturl()
        for statement in (f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"'):
            run(["psql", admin, "-q", "-c", statement], env)


def drop_database(database_url, env):
    if database_url.startswith("postgres"):
        parts = urlsplit(database_url)
        admin = parts._replace(path="/postgres").geturl()
        name = parts.path.lstrip("/")
        subprocess.run(["psql", admin, "-q", "-c", f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'],
                       env=env, capture_output=True, check=False)  # fmt: skip


def database_url_beside(database_url, suffix, workdir):
    """A database of its own next to `database_url`: the same PostgreSQL server under another name, or
    a SQLite file in `workdir`."""
    if database_url and database_url.startswith("postgres"):
        parts = urlsplit(database_url)
        return parts._replace(path=f"/{parts.path.lstrip('/') or 'iwgtip'}_{suffix}").geturl()
    return f"sqlite:///{Path(workdir) / f'{suffix}.sqlite3'}"


class HealthChecks(threading.Thread):
    """Asks each node's /healthz every `interval` seconds and tells nginx which are up."""

    def __init__(self, nginx, interval=0.5):
        super().__init__(daemon=True)
        self.nginx, self.interval = nginx, interval
        self.stopping = threading.Event()

    def run(self):
        while not self.stopping.wait(self.interval):
            for node in self.nginx.nodes:
                try:
                    healthy = get(node, "/healthz", timeout=1)[0] == 200
                except OSError:
                    healthy = False
                self.nginx.mark(node, healthy)

    def stop(self):
        self.stopping.set()
        self.join(timeout=5)


class Cluster:
    """nginx on `port` in front of two gunicorn nodes sharing one database, one Redis and, with `s3`,
    one S3 bucket. A context manager: everything it started is stopped on exit."""

    def __init__(self, *, database_url=None, port=None, s3=False, workdir=None, workers=1, threads=4):
        self.workdir = Path(workdir or tempfile.mkdtemp(prefix="iwgtip-cluster-"))
        self.workdir.mkdir(parents=True, exist_ok=True)
        self.database_url = database_url_beside(database_url or os.environ.get("DATABASE_URL", ""), "cluster",
                                                self.workdir)  # fmt: skip
        self.port = port or free_port()
        self.redis = Redis(free_port(), self.workdir)
        self.s3 = S3(free_port(), log=self.workdir / "moto.log") if s3 else None
        self.node_ports = [free_port(), free_port()]
        self.workers, self.threads = workers, threads
        self.nodes, self.nginx, self.checks = [], None, None

    def __enter__(self):
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def start(self):
        self.redis.start()
        extra = {"REDIS_URL": self.redis.url, "PAGE_CACHE_SECONDS": "600", "TRUSTED_PROXY_COUNT": "1"}
        if self.s3:
            self.s3.start()
            extra.update(self.s3.environment)
        self.env = site_environment(self.database_url, self.workdir, **extra)
        prepare_database(self.database_url, self.env)
        self.manage("migrate", "--no-input", "-v0")
        self.manage("load_initial_data")
        self.manage("collectstatic", "--no-input", "-v0")
        for name, port in zip("ab", self.node_ports, strict=True):
            node = Gunicorn(self.env, port, workers=self.workers, threads=self.threads,
                            log=self.workdir / f"node-{name}.log")  # fmt: skip
            node.start()
            self.nodes.append(node)
        setting = "from django.conf import settings; print(settings.PAMPHLET_MAX_UPLOAD_BYTES)"
        max_body = int(self.python(setting))
        self.nginx = Nginx(self.port, self.node_ports, self.workdir / "nginx", max_body=max_body + 1024 * 1024)
        self.nginx.start()
        self.checks = HealthChecks(self.nginx)
        self.checks.start()

    def manage(self, *args):
        return run([PYTHON, "manage.py", *args], self.env)

    def python(self, code):
        """What `code` prints, run with the site's settings and database (manage.py shell)."""
        return self.manage("shell", "-v0", "-c", code).strip()

    def stop(self):
        if self.checks:
            self.checks.stop()
        for process in [self.nginx, *self.nodes, self.s3, self.redis]:
            if process is not None:
                process.stop()
        drop_database(self.database_url, getattr(self, "env", os.environ))
        shutil.rmtree(self.workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--port", type=int, default=8300, help="nginx's port (8300)")
    parser.add_argument("--s3", action="store_true", help="media in moto's S3 server (a test requirement)")
    args = parser.parse_args()
    with Cluster(port=args.port, s3=args.s3) as cluster:
        print(f"nginx:  http://127.0.0.1:{cluster.port}/")
        for name, port in zip("AB", cluster.node_ports, strict=True):
            print(f"node {name}: http://127.0.0.1:{port}/")
        print(f"files:  {cluster.workdir}   (Ctrl+C stops everything)")
        with contextlib.suppress(KeyboardInterrupt):
            signal.pause()


if __name__ == "__main__":
    main()
