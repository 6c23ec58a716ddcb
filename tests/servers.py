"""Real servers the tests start and own: a Redis they may stop, hang and restart (never the shared one), and
an S3-compatible object store (moto's server mode). Each listens on a free loopback port."""

import os
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings

sys.path.insert(0, str(Path(settings.BASE_DIR) / "bench"))
from processes import REDIS_SERVER, free_port, wait_for_port


class RedisServer:
    """A redis-server of the test's own. Its data is kept in an append-only file, so a stop and a start
    bring the same keys back, as when a Redis was only unreachable for a while."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def cache_settings(self, options, prefix="iwgtip-owned"):
        """CACHES for the site, with its own connection `options` (settings.REDIS_CACHE_OPTIONS)."""
        return {
            "default": {
                "BACKEND": "iwgtip_site.cache_backends.RedisCache",
                "LOCATION": self.url,
                "KEY_PREFIX": prefix,
                "OPTIONS": options,
            }
        }

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        self.process = subprocess.Popen(
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes",
             "--appendfsync", "always", "--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGCONT)  # in case it was hung
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def hang(self):
        """Still accepting connections, answering nothing: a Redis stuck or cut off mid-way."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self):
        self.process.send_signal(signal.SIGCONT)

    def command(self, *args):
        import redis

        return redis.Redis(host="127.0.0.1", port=self.port, socket_timeout=5).execute_command(*args)


class S3Server:
    """moto's S3-compatible server, as a child process (ThreadedMotoServer would share this process's
    interpreter lock with the site under test)."""

    access_key = "testing"
    secret_key = "testing"  # moto accepts any credentials
    region = "ca-central-1"

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.process = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        moto_server = Path(os.sys.executable).with_name("moto_server")
        self.process = subprocess.Popen(
            [str(moto_server), "-H", "127.0.0.1", "-p", str(self.port)],
            stdout=(self.folder / "moto.log").open("ab"),
            stderr=subprocess.STDOUT,
        )
        wait_for_port(self.port)

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=20)
            self.process = None

    def client(self):
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.endpoint,
            region_name=self.region,
            aws_access_key_id=self.access_key,
            aws_secret_access_key=self.secret_key,
        )

    def environment(self, bucket):
        """The site's environment variables for storing its media in `bucket` of this server."""
        return {
            "MEDIA_STORAGE": "s3",
            "S3_BUCKET": bucket,
            "S3_ENDPOINT_URL": self.endpoint,
            "S3_REGION": self.region,
            "S3_ACCESS_KEY_ID": self.access_key,
            "S3_SECRET_ACCESS_KEY": self.secret_key,
        }
