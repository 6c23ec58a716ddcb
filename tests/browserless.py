"""Submit an HTML form the way a browser would, with Django's test client: read every field of the
rendered page (inputs, checkboxes, selects, text areas), change what the test changes, post it back.
Used to drive the admin's real change forms, whatever the model, without writing their data by hand."""

from html.parser import HTMLParser


class _FormReader(HTMLParser):
    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.values = []
        self._select = None
        self._option = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "form" and attributes.get("id") == self.form_id:
            self.inside = True
        if not self.inside:
            return
        name = attributes.get("name")
        if tag == "input" and name and "disabled" not in attributes:
            kind = attributes.get("type", "text")
            if kind in ("submit", "button", "image", "file", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in attributes:
                return
            self.values.append((name, attributes.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "textarea" and name:
            self._textarea = [name, ""]
        elif tag == "select" and name:
            self._select = {"name": name, "selected": [], "first": None, "multiple": "multiple" in attributes}
        elif tag == "option" and self._select is not None:
            self._option = attributes.get("value")
            if self._select["first"] is None:
                self._select["first"] = self._option
            if "selected" in attributes:
                self._select["selected"].append(self._option)

    def handle_endtag(self, tag):
        if tag == "form" and self.inside:
            self.inside = False
        elif tag == "textarea" and self._textarea is not None:
            self.values.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["selected"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]
            self.values.extend((self._select["name"], value or "") for value in chosen)
            self._select = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data


def form_data(html, form_id):
    """The data a browser would submit for the form `form_id` of `html`, as a dict of lists."""
    reader = _FormReader(form_id)
    reader.feed(html)
    data = {}
    for name, value in reader.values:
        data.setdefault(name, []).append(value)
    return data


def admin_form_data(client, url):
    """The data of an admin add or change page, as its browser would send it unchanged."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    model_name = response.context["opts"].model_name
    return form_data(response.content.decode(), f"{model_name}_form")
