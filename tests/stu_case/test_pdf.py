"""The PDF renderer fetches nothing: no web address, no file on the server."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from pypdf import PdfReader

from stu_case.pdf import render_pdf

# A 1x1 PNG, so an image that *is* fetched shows up in the PDF as an image XObject.
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360f8cf000000030101005b1e4a7e0000000049454e44ae426082"
)


def _text(pdf: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _has_image(pdf: bytes) -> bool:
    return b"/Subtype /Image" in pdf or b"/Subtype/Image" in pdf


@pytest.fixture
def web_server():
    """A web server on 127.0.0.1 that answers every path with a PNG and records each request."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()
            self.wfile.write(PNG)

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()
    server.server_close()


def test_web_addresses_in_the_html_are_not_fetched(web_server):
    base, hits = web_server
    html = f"""<html><head>
        <link rel="stylesheet" href="{base}/style.css">
        <style>body {{ background: url("{base}/background.png") }}</style>
        </head><body><p>Afgørelse om STU</p><img src="{base}/logo.png" alt=""></body></html>"""

    pdf = render_pdf(html, base_url=base)

    assert hits == []
    assert pdf.startswith(b"%PDF")
    assert "Afgørelse om STU" in _text(pdf)
    assert not _has_image(pdf)


def test_relative_addresses_are_not_fetched_from_the_base_url(web_server):
    base, hits = web_server
    render_pdf('<p>Referat</p><img src="/static/logo.png" alt="">', base_url=base + "/")
    assert hits == []


def test_files_on_the_server_are_not_read(tmp_path):
    """WeasyPrint on its own embeds a ``file://`` image and attaches a ``file://`` link to the
    PDF; ``render_pdf`` renders the page without either."""
    from weasyprint import HTML

    secret = tmp_path / "secret.txt"
    secret.write_text("hemmeligt indhold")
    image = tmp_path / "image.png"
    image.write_bytes(PNG)
    html = f"""<html><head>
        <link rel="attachment" href="{secret.as_uri()}">
        <link rel="attachment" href="file:///etc/passwd">
        </head><body><p>Funktionsbeskrivelse</p>
        <img src="{image.as_uri()}" alt=""><img src="file:///etc/passwd" alt=""></body></html>"""

    unguarded = HTML(string=html).write_pdf()  # the danger the renderer guards against
    assert _has_image(unguarded)
    assert {"secret.txt", "passwd"} <= set(PdfReader(io.BytesIO(unguarded)).attachments)

    pdf = render_pdf(html)

    assert "Funktionsbeskrivelse" in _text(pdf)
    assert not _has_image(pdf)
    assert dict(PdfReader(io.BytesIO(pdf)).attachments) == {}
    assert b"root:" not in pdf


def test_stu_case_pdf_is_the_only_module_that_calls_weasyprint():
    root = Path(__file__).resolve().parents[2]
    callers = sorted(
        str(path.relative_to(root))
        for app in ("stu_case", "institutions", "students", "visitation", "transitions")
        for path in (root / app).rglob("*.py")
        if "weasyprint" in path.read_text()
    )
    assert callers == ["stu_case/pdf.py"], "render PDFs with stu_case.pdf.render_pdf"
