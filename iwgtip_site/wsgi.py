"""WSGI entry point (gunicorn iwgtip_site.wsgi). Production sets DJANGO_SETTINGS_MODULE=iwgtip_site.settings.prod."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "iwgtip_site.settings.dev")

application = get_wsgi_application()
