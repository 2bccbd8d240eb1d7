"""Production refuses to start on a missing, public or short secret.

The settings are loaded in a child process with the environment under test, as a server would
load them: with ``DJANGO_PRODUCTION=true`` a missing secret, the development default from the
repository or one too short must stop the start with a message naming the variable; without
it (development, tests) no secret is needed. ``check --deploy`` reports the development
defaults too, for settings that did not come through the loader.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.test import override_settings

ROOT = Path(__file__).resolve().parents[2]

# Long random-looking values an operator might set (never used anywhere for real).
GOOD = {
    "DJANGO_SECRET_KEY": "test-only-Vn4qZ8rT2wLx6bHc9mJf3KdP7sYa1GuE5oXiN0vRyQtB8zW",
    "STU_CPR_HASH_KEY": "test-only-cpr-key-6e1d9b3f7a2c8e4d0b5f9a1c",
    "STU_FIELD_ENCRYPTION_SALT": "test-only-salt-4c8a2e6f0b",
}
# The development defaults, as they are written in the repository.
PUBLIC = {
    "DJANGO_SECRET_KEY": "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz",
    "STU_CPR_HASH_KEY": "dev-only-cpr-hash-key",
    "STU_FIELD_ENCRYPTION_SALT": "dev-only-field-salt",
}
SECRETS = tuple(GOOD)

CHILD = "from django.conf import settings; print(len(settings.SECRET_KEY))"


def load_settings(production: bool, **secrets: str) -> subprocess.CompletedProcess:
    """Load ``stu_case.settings`` in a fresh interpreter with only these secrets (and any other
    variables given) set.

    A secret not given is set to the empty string, which counts as missing (and keeps a
    developer's ``.env`` file from filling it in). The database and Redis URLs point nowhere:
    loading the settings contacts neither.
    """
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "STU_"))}
    env.update(
        DJANGO_SETTINGS_MODULE="stu_case.settings",
        DJANGO_PRODUCTION="true" if production else "false",
        DATABASE_URL="postgres://nobody@127.0.0.1:9/nowhere",
        REDIS_URL="redis://127.0.0.1:9/0",
        DJANGO_ALLOWED_HOSTS="stu.example.dk",
    )
    env.update({name: secrets.pop(name, "") for name in SECRETS})
    env.update(secrets)
    return subprocess.run(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def refusal(result: subprocess.CompletedProcess) -> str:
    """The ImproperlyConfigured message the child died with."""
    assert result.returncode != 0, "the settings loaded:\n" + result.stdout
    found = re.search(r"ImproperlyConfigured: (.*)", result.stderr, re.DOTALL)
    assert found, result.stderr
    return found.group(1)


def test_development_needs_no_secrets():
    result = load_settings(production=False)
    assert result.returncode == 0, result.stderr


def test_production_starts_with_long_secrets_of_its_own():
    result = load_settings(production=True, **GOOD)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name", SECRETS)
def test_production_refuses_a_missing_secret(name):
    message = refusal(load_settings(production=True, **{**GOOD, name: ""}))
    assert name in message
    assert "is not set" in message  # English …
    assert "er ikke sat" in message  # … and Danish


@pytest.mark.parametrize("name", SECRETS)
def test_production_refuses_the_development_default(name):
    message = refusal(load_settings(production=True, **{**GOOD, name: PUBLIC[name]}))
    assert name in message
    assert "development default" in message
    assert "udviklingsværdi" in message


@pytest.mark.parametrize(("name", "length"), [("DJANGO_SECRET_KEY", 49), ("STU_CPR_HASH_KEY", 31)])
def test_production_refuses_a_short_secret(name, length):
    message = refusal(load_settings(production=True, **{**GOOD, name: "k7" * (length // 2) + "x"}))
    assert name in message
    assert "too short" in message


def test_production_names_every_bad_secret_at_once():
    message = refusal(load_settings(production=True))
    for name in SECRETS:
        assert name in message


def test_a_development_salt_among_rotated_salts_is_refused():
    salts = f"{GOOD['STU_FIELD_ENCRYPTION_SALT']},{PUBLIC['STU_FIELD_ENCRYPTION_SALT']}"
    message = refusal(
        load_settings(production=True, **{**GOOD, "STU_FIELD_ENCRYPTION_SALT": salts})
    )
    assert "STU_FIELD_ENCRYPTION_SALT" in message


def test_the_development_key_is_refused_as_a_fallback_key_too():
    """A session signed with a fallback key is accepted: a public one would let anyone sign."""
    message = refusal(
        load_settings(
            production=True, **GOOD, DJANGO_SECRET_KEY_FALLBACKS=PUBLIC["DJANGO_SECRET_KEY"]
        )
    )
    assert "DJANGO_SECRET_KEY_FALLBACKS" in message


def test_the_image_build_environment_loads_the_production_settings():
    """``docker build`` runs collectstatic with ``DJANGO_PRODUCTION=true`` and throw-away
    values: they must pass the loader, or the image does not build."""
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    block = re.search(r"RUN export (.*?)&&", dockerfile, re.DOTALL)
    assert block, "the Dockerfile no longer exports its build environment"
    build_env = dict(re.findall(r"(\w+)=(\S+)", block.group(1)))
    assert build_env.pop("DJANGO_PRODUCTION") == "true"
    secrets = {k: v for k, v in build_env.items() if k in SECRETS}
    result = load_settings(production=True, **secrets)
    assert result.returncode == 0, result.stderr


# ---------------------------------------------------------------- check --deploy
def deploy_check_errors() -> str:
    """What ``manage.py check --deploy`` stops on (errors only: the test settings are not
    production settings, so Django's own deploy warnings are expected here)."""
    try:
        call_command(
            "check", deploy=True, fail_level="ERROR", stdout=io.StringIO(), stderr=io.StringIO()
        )
    except SystemCheckError as exc:
        return str(exc)
    return ""


@pytest.mark.parametrize(
    ("setting", "value", "variable"),
    [
        pytest.param("SECRET_KEY", PUBLIC["DJANGO_SECRET_KEY"], "DJANGO_SECRET_KEY", id="key"),
        pytest.param("CPR_HASH_KEY", PUBLIC["STU_CPR_HASH_KEY"], "STU_CPR_HASH_KEY", id="cpr"),
        pytest.param(
            "SALT_KEY",
            [PUBLIC["STU_FIELD_ENCRYPTION_SALT"]],
            "STU_FIELD_ENCRYPTION_SALT",
            id="salt",
        ),
        pytest.param(
            "SECRET_KEY_FALLBACKS",
            [PUBLIC["DJANGO_SECRET_KEY"]],
            "DJANGO_SECRET_KEY_FALLBACKS",
            id="fallback",
        ),
    ],
)
def test_check_deploy_reports_a_development_secret(setting, value, variable):
    good = {
        "SECRET_KEY": GOOD["DJANGO_SECRET_KEY"],
        "CPR_HASH_KEY": GOOD["STU_CPR_HASH_KEY"],
        "SALT_KEY": [GOOD["STU_FIELD_ENCRYPTION_SALT"]],
    }
    with override_settings(**good):
        assert variable not in deploy_check_errors()
    with override_settings(**{**good, setting: value}):
        errors = deploy_check_errors()
    assert variable in errors
    assert "development default" in errors
