"""The one way to turn HTML into a PDF (decision letters, functional descriptions, minutes).

WeasyPrint's default URL fetcher loads whatever an ``<img>``, ``<link>`` or CSS ``url()``
points at: any web address, any ``file://`` path on the server. The documents hold text typed
by users, so a renderer that follows URLs could be made to fetch internal addresses or embed
server files in a letter. Here nothing is fetched: the templates carry their styles inline,
and every URL in the HTML is refused (WeasyPrint logs the refusal and renders the page
without that resource).
"""

from __future__ import annotations

import functools


@functools.cache
def deny_all_url_fetcher_class() -> type:
    """A WeasyPrint URL fetcher whose ``fetch`` raises ``PermissionError`` for every URL
    (WeasyPrint logs the error and goes on without the resource).

    Built on first use: importing WeasyPrint takes a second, which only PDF requests pay."""
    from weasyprint.urls import URLFetcher

    class DenyAllURLFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            raise PermissionError(f"PDF rendering fetches no URLs: {url[:200]}")

    return DenyAllURLFetcher


#: Tagged, accessible PDF (PDF/UA-1): a structure tree (headings, paragraphs, lists) a screen
#: reader follows, the document language and title. Letters to citizens are rendered so.
ACCESSIBLE = "pdf/ua-1"


def render_pdf(html: str, *, base_url: str | None = None, variant: str | None = None) -> bytes:
    """``html`` as PDF bytes. Relative URLs would resolve against ``base_url``, but no URL is
    ever fetched (see ``deny_all_url_fetcher_class``).

    ``variant`` is one of WeasyPrint's PDF variants, e.g. :data:`ACCESSIBLE` (tagged PDF/UA-1)
    or ``"pdf/a-3a"`` (archival and tagged); ``None`` is a plain PDF. The HTML must then carry
    ``<html lang>`` and a ``<title>``."""
    from weasyprint import HTML

    fetcher = deny_all_url_fetcher_class()()
    document = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
    return document.write_pdf(pdf_variant=variant) if variant else document.write_pdf()
