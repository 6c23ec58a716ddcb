"""Gunicorn's settings for the site in production (README, "Deployment"):

    gunicorn -c python:iwgtip_site.gunicorn_conf iwgtip_site.wsgi

Each value can be changed from the environment (GUNICORN_BIND, GUNICORN_WORKERS...). The app server sits
behind a reverse proxy (nginx, a load balancer) that buffers slow clients, so a few threaded workers are
enough: threads wait for the database and Redis, processes use the cores.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# One process per core plus one; four threads each. Every thread keeps its own database connection
# (CONN_MAX_AGE): servers x workers x threads connections in all, which PostgreSQL (or PgBouncer) must allow.
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1))
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# A request that takes longer is a stuck worker: it is restarted. The proxy's own timeout is longer.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
# On SIGTERM (systemctl stop, a deploy), requests in progress get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 20))
# Kept-alive connections from the proxy: longer than the proxy keeps them idle, so the proxy closes first.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", 75))
# Workers are replaced now and then, so no slow leak grows without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 5000))
max_requests_jitter = int(os.environ.get("GUNICORN_MAX_REQUESTS_JITTER", 500))
# The proxies whose X-Forwarded-* headers gunicorn believes (Django reads them through
# SECURE_PROXY_SSL_HEADER and TRUSTED_PROXY_COUNT).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 - heartbeat files, not data
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "warning")
