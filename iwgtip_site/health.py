"""/healthz, for load balancers and monitoring: whether this node can serve pages, answered within a second
whatever is down.

It is answered by `HealthCheckMiddleware`, early in the middleware, before the page cache (which would
consult the cache first) and whatever else a request costs. Its checks run in threads of its own and are
waited for HEALTH_CHECK_SECONDS at most: a database or cache that hangs (rather than refusing) is reported
as such at once. A check still hanging holds its thread until the database's connect_timeout or the
cache's socket timeout ends it; each service has its own two threads, so a hung cache never delays the
database's check (which decides the answer), and a check queued behind hung ones times out too.
"""

import logging
from concurrent.futures import ThreadPoolExecutor, wait

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

HEALTH_CHECK_SECONDS = 0.8
HEALTH_CHECK_PATH = "/healthz"

logger = logging.getLogger(__name__)
_database_checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz-database")
_cache_checks = ThreadPoolExecutor(max_workers=2, thread_name_prefix="healthz-cache")


def _database_answers():
    try:
        with connection.cursor() as cursor:  # this thread's own connection, opened for the check
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()


def _cache_answers():
    cache.set("healthz", "ok", 10)
    if cache.get("healthz") != "ok":
        raise RuntimeError("the cache did not keep a value")


def _outcome(name, future, finished):
    if future not in finished:
        logger.error("Health check: the %s did not answer within %s s", name, HEALTH_CHECK_SECONDS)
        return "timeout"
    error = future.exception()
    if error is not None:
        # The client's own timeout (REDIS_TIMEOUT, the database's) ran out first: it hangs, as above.
        hung = isinstance(error, TimeoutError) or type(error).__name__ == "TimeoutError"  # redis' is its own
        logger.error("Health check: the %s %s", name, "does not answer" if hung else "is unreachable", exc_info=error)
        return "timeout" if hung else "unavailable"
    return "ok"


@never_cache
@require_safe
def healthz(request):
    """200 when the database answers, 503 when it does not (or not within HEALTH_CHECK_SECONDS). The cache is
    reported but optional: the site serves pages, uncached, without it."""
    checks = {"database": _database_checks.submit(_database_answers), "cache": _cache_checks.submit(_cache_answers)}
    finished, _pending = wait(checks.values(), timeout=HEALTH_CHECK_SECONDS)
    status = {name: _outcome(name, future, finished) for name, future in checks.items()}
    healthy = status["database"] == "ok"
    return JsonResponse({"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503)


class HealthCheckMiddleware:
    """Answers /healthz before the page cache and the rest of the middleware see the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_CHECK_PATH:
            return healthz(request)
        return self.get_response(request)
