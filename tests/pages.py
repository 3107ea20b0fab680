"""Following a list's page links as a browser does."""

import html
import re


def page_link(response, rel: str) -> str | None:
    """The href of the list's "prev" or "next" page link (a query string), or None."""
    match = re.search(rf'rel="{rel}" href="([^"]*)"', response.content.decode())
    return html.unescape(match.group(1)) if match else None
