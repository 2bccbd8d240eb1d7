"""Transitions models, one module per area.

- ``meetings``: quarterly status meetings, status requests to institutions and their answers,
  agenda items, decisions and follow-up actions.
- ``pathway``: pauses/leave, interruption (afbrydelse) steps, housing moves.
- ``exit``: final-year activation, end conversation, exit plan, functional description
  (template + per person), follow-up after STU.
- ``internships``: a student's internships (the places live in ``institutions``).
- ``lifecycle``: the enrolment's events from the case page (completion, transfer, a moved
  planned end, the end of clarification, an education started elsewhere).

- ``money``: the municipality's STU budget per year (costs are computed from the prices).
"""

from .exit import *  # noqa: F401,F403
from .internships import *  # noqa: F401,F403
from .lifecycle import *  # noqa: F401,F403
from .meetings import *  # noqa: F401,F403
from .money import *  # noqa: F401,F403
from .pathway import *  # noqa: F401,F403
