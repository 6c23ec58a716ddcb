"""The public, read-only API (/api/v1/): what the public may see, as data, with an OpenAPI 3 contract.

Built on Django REST framework with drf-spectacular (see the README, "Open data"). `base.py` is the
foundation each app's `api.py` builds on (the language parameter, pagination, errors, throttling, the
schema's shared parts); `urls.py` is the composition root that gathers every app's `routes`.
Every answer reads `Model.objects.public(language)`: the one public rule (iwgtip_site/publishing.py).
"""
