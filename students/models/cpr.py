"""CPR numbers: validation (python-stdnum), keyed hash for exact lookup, masking."""

from __future__ import annotations

import hashlib
import hmac
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from stdnum.dk import cpr as stdnum_cpr
from stdnum.exceptions import ValidationError as StdnumError


def normalize(value: str) -> str:
    return stdnum_cpr.compact(value or "")


def validate(value: str) -> str:
    """Return the compact CPR number or raise a Danish ValidationError."""
    compact = normalize(value)
    if not compact.isdigit() or len(compact) != 10:
        raise ValidationError(
            _("CPR-nummeret skal have 10 cifre, fx 010203-1234."), code="invalid_cpr_format"
        )
    try:
        stdnum_cpr.validate(compact)
    except StdnumError as exc:
        raise ValidationError(
            _("CPR-nummeret %(cpr)s indeholder ikke en gyldig fødselsdato.")
            % {"cpr": mask(compact)},
            code="invalid_cpr",
        ) from exc
    return compact


def birth_date(value: str) -> date:
    return stdnum_cpr.get_birth_date(normalize(value))


def serial_first_digits(born: date) -> str:
    """The digits a CPR serial may start with for someone born on ``born``.

    Since 2007 CPR numbers carry no modulus-11 check; the first serial digit together with the
    two-digit year gives the century: 0-3 for 1900-1999, 4 or 9 for 2000-2036 (stdnum.dk.cpr).
    """
    if 2000 <= born.year <= 2036:
        return "49"
    if 1937 <= born.year <= 1999:
        return "0123"
    raise ValueError(f"no CPR century rule for {born.year}")


def keyed_hash(value: str) -> str:
    key = settings.CPR_HASH_KEY.encode()
    return hmac.new(key, normalize(value).encode(), hashlib.sha256).hexdigest()


def mask(value: str) -> str:
    """``ddmmåå-xxxx``: the birth date part is shown, the serial number never."""
    compact = normalize(value)
    if len(compact) != 10:
        return "xxxxxx-xxxx"
    return f"{compact[:6]}-xxxx"


def formatted(value: str) -> str:
    compact = normalize(value)
    return f"{compact[:6]}-{compact[6:]}" if len(compact) == 10 else compact
