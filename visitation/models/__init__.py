"""Visitation models, one module per area: from the first clarification before STU to a
justified decision.

- ``clarification``: coordination with the primary school, visits to institutions, an
  introduction course and the young person's ranked wishes.
- ``recommendations``: UU's recommendation with the institutions offered, coordinated
  beforehand with the social administration and the jobcenter (sign-offs).
- ``committee``: the municipality's committee and its members, meetings with an agenda of
  ready recommendations, and the ledger of the members' access to the cases on it.
- ``decisions``: the decision with what forvaltningsloven requires, the stored letter, appeal
  guidance and appeals.

Every model that belongs to a young person has a ``person`` foreign key, so its changes show
in the person's history (pghistory ``Events.references(person)``).
"""

from .clarification import *  # noqa: F401,F403
from .committee import *  # noqa: F401,F403
from .decisions import *  # noqa: F401,F403
from .recommendations import *  # noqa: F401,F403
