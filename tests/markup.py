"""HTML compared by what it is, not how it is spaced: for markup made two ways."""

from html.parser import HTMLParser


class Markup(HTMLParser):
    """The elements with their attributes (sorted, classes as sets) and the text, stripped."""

    def __init__(self, html):
        super().__init__()
        self.items = []
        self.feed(str(html))

    def handle_starttag(self, tag, attrs):
        attrs = sorted(
            (name, frozenset(value.split()) if name == "class" else value) for name, value in attrs
        )
        self.items.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.items.append(("end", tag))

    def handle_data(self, data):
        if data.strip():
            self.items.append(("text", " ".join(data.split())))
