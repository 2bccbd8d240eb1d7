"""Students models, one module per area (imported here so ``students.models.X`` keeps working).

- ``people``: the young person, relatives, parental consent, mentors, and the person's
  direct-FK object permission tables.
- ``plans``: THE one education plan, its goals, progress notes and revisions.
- ``enrolments``: enrolments (STU-forløb) and their statuses.
- ``flags``: flags, their kinds and severities.
- ``absence``: the absence rule per municipality, absence reports, corrections, reminders.
- ``caseload``: changes of contact person (handover) and substitutes for a period.
- ``work``: the secret address of a user's calendar subscription (my work).
- ``journal``: journal notes about the young person (§ 13 notes), with corrections.
- ``documents``: documents about the young person and their versions (files in the
  ``documents`` storage).
- ``letters``: letters to the young person (kinds, templates, versions, recipients, sending).

Modules that are not Django models but pure domain calculation live beside them:
``cpr`` (CPR validation, hashing, masking) and ``absence_rule`` (the rising-absence rule).
"""

from .absence import *  # noqa: F401,F403
from .caseload import *  # noqa: F401,F403
from .documents import *  # noqa: F401,F403
from .enrolments import *  # noqa: F401,F403
from .flags import *  # noqa: F401,F403
from .journal import *  # noqa: F401,F403
from .letters import *  # noqa: F401,F403
from .people import *  # noqa: F401,F403
from .plans import *  # noqa: F401,F403
from .work import *  # noqa: F401,F403
