"""Request logs that hold no person data.

A URL's query string can hold what a user typed into a search field (a name, a CPR number
pasted into the name search), and the referring page's address can too. Server, proxy and
log-shipping systems keep these lines for a long time and outside the access control of the
case, so the request lines this project writes, the development server's (``django.server``)
and gunicorn's access log (``stu_case.gunicorn_conf``), show the path only.
"""

from __future__ import annotations

import logging
import re

_QUERY = re.compile(r"\?[^\s\"]*")


def mask_query(text: str) -> str:
    """``text`` with every URL query string replaced by ``?…``."""
    return _QUERY.sub("?…", text)


class MaskQueryStrings(logging.Filter):
    """A logging filter that removes query strings from a request line before it is written."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = mask_query(str(record.msg))
        if record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(mask_query(a) if isinstance(a, str) else a for a in args)
        return True
