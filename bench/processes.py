"""The processes of the two-node cluster (bench/cluster.py) and of the benchmark (bench/run.py): app
servers, Redis, moto's S3 server and nginx as child processes, each on a free loopback port."""

import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
REDIS_SERVER = shutil.which("redis-server") or "/usr/bin/redis-server"


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"nothing answers on port {port}")


def get(port, path, headers=None, timeout=5):
    """(status, headers, body) of a GET to 127.0.0.1:port."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request("GET", path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def run(command, env, **kwargs):
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False, **kwargs)
    if result.returncode != 0:
        raise RuntimeError(f"failed: {' '.join(map(str, command))}\n{result.stdout}\n{result.stderr}")
    return result.stdout


class Process:
    """A child process in a session of its own, stopped with its children."""

    def __init__(self, command, env=None, log=None):
        self.command, self.env, self.log = command, env, log
        self.process = None

    def start(self):
        output = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115 - kept open while it runs
        self.process = subprocess.Popen(self.command, env=self.env, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT,
                                        start_new_session=True)  # fmt: skip

    @property
    def pid(self):
        return self.process.pid

    def running(self):
        return self.process is not None and self.process.poll() is None

    def stop(self, sig=signal.SIGTERM, timeout=30):
        if not self.running():
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


class Gunicorn(Process):
    def __init__(self, env, port, workers=1, threads=4, log=None, cpus=None):
        command = [PYTHON, "-m", "gunicorn", "-c", "python:iwgtip_site.gunicorn_conf", "iwgtip_site.wsgi",
                   "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads)]  # fmt: skip
        if cpus and shutil.which("taskset"):
            command = ["taskset", "-c", cpus, *command]
        super().__init__(command, env=env, log=log)
        self.port = port

    def start(self, timeout=60):
        super().start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if not self.running():
                raise RuntimeError(f"gunicorn on port {self.port} exited: see {self.log}")
            try:
                if get(self.port, "/healthz", timeout=2)[0] == 200:
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError(f"gunicorn on port {self.port} did not become healthy")

    def worker_pids(self):
        master = self.process.pid  # taskset, when used, execs gunicorn: the same process
        children = subprocess.run(["pgrep", "-P", str(master)], capture_output=True, text=True, check=False)
        return [master, *map(int, children.stdout.split())]


class Redis(Process):
    def __init__(self, port, folder):
        # As in production (README): bounded memory, the least recently used keys evicted first.
        options = ["--save", "", "--appendonly", "no", "--maxmemory", "256mb", "--maxmemory-policy", "allkeys-lru"]
        super().__init__([REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", *options, "--dir", str(folder)])
        self.port = port

    def start(self):
        super().start()
        wait_for_port(self.port)

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"


class S3(Process):
    """moto's S3 server, with a bucket made for the site."""

    def __init__(self, port, log=None):
        super().__init__([str(Path(PYTHON).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)], log=log)
        self.port = port

    def start(self, bucket="iwgtip-media", region="ca-central-1"):
        super().start()
        wait_for_port(self.port)
        import boto3

        self.environment = {
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": region,
            "S3_ACCESS_KEY_ID": "cluster",  # moto accepts any credentials
            "S3_SECRET_ACCESS_KEY": "cluster",
        }
        client = boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=region,
            aws_access_key_id=self.environment["S3_ACCESS_KEY_ID"],
            aws_secret_access_key=self.environment["S3_SECRET_ACCESS_KEY"],
        )
        client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": region})

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"


NGINX_CONF = """\
worker_processes 1;
pid {prefix}/nginx.pid;
error_log {prefix}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log {prefix}/access.log;
    client_body_temp_path {prefix}/client_body;
    proxy_temp_path {prefix}/proxy;
    fastcgi_temp_path {prefix}/fastcgi;
    uwsgi_temp_path {prefix}/uwsgi;
    scgi_temp_path {prefix}/scgi;
    client_max_body_size {max_body};
    include {prefix}/upstream.conf;
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://iwgtip;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            proxy_next_upstream error timeout http_502 http_503 http_504;
            proxy_next_upstream_tries 2;
            add_header X-Upstream $upstream_addr always;
        }}
    }}
}}
"""


class Nginx(Process):
    """nginx in front of `nodes` (ports), with its configuration and files in `prefix`."""

    def __init__(self, port, nodes, prefix, max_body):
        self.prefix, self.port, self.nodes = Path(prefix), port, list(nodes)
        self.prefix.mkdir(parents=True, exist_ok=True)
        (self.prefix / "nginx.conf").write_text(NGINX_CONF.format(prefix=self.prefix, port=port, max_body=max_body))
        self.down = set()
        self._write_upstream()
        super().__init__([NGINX, "-p", str(self.prefix), "-e", str(self.prefix / "error.log"), "-c",
                          str(self.prefix / "nginx.conf"), "-g", "daemon off;"])  # fmt: skip

    def _write_upstream(self):
        servers = "".join(
            f"    server 127.0.0.1:{node} max_fails=1 fail_timeout=10s{' down' if node in self.down else ''};\n"
            for node in self.nodes
        )
        (self.prefix / "upstream.conf").write_text(f"upstream iwgtip {{\n{servers}    keepalive 16;\n}}\n")

    def start(self):
        super().start()
        wait_for_port(self.port)

    def mark(self, node, healthy):
        """Take a node out of the upstream, or put it back, and reload nginx without dropping a connection."""
        down = self.down - {node} if healthy else self.down | {node}
        if down == self.down or len(down) == len(self.nodes):  # never all down: the passive checks decide
            return
        self.down = down
        self._write_upstream()
        os.kill(self.pid, signal.SIGHUP)
