"""How much a reader's first view of a page transfers: the HTML and everything it loads (CSS, fonts, images,
scripts), in a fresh browser profile, so nothing comes from the browser's cache.

Used by the browser tests (the home page must stay within 200 KB) and meant for the benchmark too:

    from playwright.sync_api import sync_playwright
    from tests.browser.page_weight import first_view

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        weight = first_view(browser, "http://127.0.0.1:8000/en/")
        print(weight.compressed, weight.transferred)

`transferred` is what the browser received (headers and bodies as sent). `compressed` counts each text
response (HTML, CSS, JavaScript, SVG) as gzip-compressed if the server sent it uncompressed: what production
serves, where WhiteNoise sends the compressed copies collectstatic made and the front server compresses HTML.
Under `manage.py runserver` or the test server, static files are not compressed, so `transferred` is larger.
"""

import gzip
from dataclasses import dataclass, field

TEXT_TYPES = ("text/", "application/javascript", "application/json", "image/svg+xml", "application/xml")


@dataclass
class PageWeight:
    transferred: int = 0  # bytes, as received
    compressed: int = 0  # bytes, with text responses compressed as production serves them
    resources: list = field(default_factory=list)  # (url, content type, transferred, compressed)


def first_view(browser, url, viewport=None):
    """The PageWeight of loading `url` once, fonts included, in a new browser context."""
    context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
    try:
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_load_state("networkidle")
        weight = PageWeight()
        for response in responses:
            sizes = response.request.sizes()
            headers = sizes["responseHeadersSize"]
            if 300 <= response.status < 400:
                sent = compressed = headers
            else:
                body = response.body()
                sent = headers + sizes["responseBodySize"]
                content_type = response.headers.get("content-type", "")
                is_text = content_type.startswith(TEXT_TYPES)
                if is_text and not response.headers.get("content-encoding"):
                    compressed = headers + len(gzip.compress(body, compresslevel=6))
                else:
                    compressed = sent
            weight.transferred += sent
            weight.compressed += compressed
            weight.resources.append((response.url, response.headers.get("content-type", ""), sent, compressed))
        return weight
    finally:
        context.close()
