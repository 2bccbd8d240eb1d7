"""The secrets production must bring itself, and what is wrong with a value of one.

Development and the tests run on the defaults below, which are public (they are in the
repository). With ``DJANGO_PRODUCTION=true`` the settings, read through
``SecretsFromEnvironment``, refuse to load on a secret that is missing, equal to its
development default or too short, naming every bad variable at once; ``check_secrets`` is the
``check --deploy`` check that reports the same about the loaded settings, for settings that
were not made by the loader.

Messages are in English and Danish: they are read by operators in a log or a terminal, before
any language is active.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class Secret:
    variable: str  # the environment variable
    setting: str  # the Django setting it becomes
    development_default: str
    min_length: int  # 0: any length (a salt needs to be its own, not long)


SECRET_KEY = Secret(
    "DJANGO_SECRET_KEY",
    "SECRET_KEY",
    "dev-only-insecure-key-change-me-0123456789-abcdefghijklmnopqrstuvwxyz",
    min_length=50,  # what Django's own deploy check asks for (security.W009)
)
# The CPR hash is a keyed hash of a number from a small space: the key is all that keeps a
# stolen table of hashes from being reversed by trying every CPR number.
CPR_HASH_KEY = Secret("STU_CPR_HASH_KEY", "CPR_HASH_KEY", "dev-only-cpr-hash-key", min_length=32)
FIELD_ENCRYPTION_SALT = Secret(
    "STU_FIELD_ENCRYPTION_SALT", "SALT_KEY", "dev-only-field-salt", min_length=0
)
SECRETS = (SECRET_KEY, CPR_HASH_KEY, FIELD_ENCRYPTION_SALT)

HOW_TO_SET = (
    "Give each its own long random value, e.g. "
    'python -c "import secrets; print(secrets.token_urlsafe(50))", and keep it with the '
    "database backups. / Giv hver sin egen lange, tilfældige værdi, og gem den sammen med "
    "databasens backup."
)


def public(name: str) -> str:
    return (
        f"{name} is the development default from the repository, which is public. / "
        f"{name} er udviklingsværdien fra kildekoden, som er offentlig."
    )


def problem(secret: Secret, values: list[str]) -> str | None:
    """What is wrong with the value(s) of one secret (a salt may be a list), or None."""
    name = secret.variable
    values = [v for v in values if v]
    if not values:
        return f"{name} is not set. / {name} er ikke sat."
    if secret.development_default in values:
        return public(name)
    if any(len(v) < secret.min_length for v in values):
        return (
            f"{name} is too short: at least {secret.min_length} characters. / "
            f"{name} er for kort: mindst {secret.min_length} tegn."
        )
    return None


class SecretsFromEnvironment:
    """Reads the secrets; in production, collects what is wrong and refuses at the end.

    ``value`` gives the development default in development when the variable is unset or
    empty; ``refuse_if_wrong`` raises one ``ImproperlyConfigured`` naming every bad secret.
    """

    def __init__(self, env, *, production: bool):
        self.env = env
        self.production = production
        self.problems: list[str] = []

    def value(self, secret: Secret) -> str:
        value = self.env.str(secret.variable, default="")
        if not value and not self.production:
            return secret.development_default
        self._check(secret, [value])
        return value

    def values(self, secret: Secret) -> list[str]:
        """A comma-separated list (the encryption salts: the first encrypts, all decrypt)."""
        values = [v for v in self.env.list(secret.variable, default=[]) if v]
        if not values and not self.production:
            return [secret.development_default]
        self._check(secret, values)
        return values

    def fallbacks(self, secret: Secret, variable: str) -> list[str]:
        """Earlier values of a secret, still accepted (never the public development default:
        a session signed with it would be accepted)."""
        values = [v for v in self.env.list(variable, default=[]) if v]
        if self.production and secret.development_default in values:
            self.problems.append(public(variable))
        return values

    def _check(self, secret: Secret, values: list[str]) -> None:
        if self.production:
            found = problem(secret, values)
            if found:
                self.problems.append(found)

    def refuse_if_wrong(self) -> None:
        if self.problems:
            raise ImproperlyConfigured(
                "DJANGO_PRODUCTION=true, but the secrets are not fit for production / "
                "men hemmelighederne kan ikke bruges i produktion:\n  "
                + "\n  ".join(self.problems)
                + "\n"
                + HOW_TO_SET
            )


def check_secrets(**kwargs) -> list[checks.CheckMessage]:
    """``check --deploy``: the loaded settings carry no missing, public or short secret."""
    from django.conf import settings

    errors = []
    for number, secret in enumerate(SECRETS, start=1):
        value = getattr(settings, secret.setting, "")
        found = problem(secret, value if isinstance(value, list) else [value])
        if found:
            errors.append(checks.Error(found, hint=HOW_TO_SET, id=f"stu_case.E{number:03d}"))
    if SECRET_KEY.development_default in getattr(settings, "SECRET_KEY_FALLBACKS", []):
        errors.append(
            checks.Error(public("DJANGO_SECRET_KEY_FALLBACKS"), hint=HOW_TO_SET, id="stu_case.E004")
        )
    return errors
