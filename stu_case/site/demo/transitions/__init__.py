"""Demo data for transitions, called by ``seed_demo`` after the visitation demo."""

from __future__ import annotations


def seed_transitions(*, municipality, users: dict, institutions: list, people: dict, rng) -> list:
    """Build the transitions demo; returns summary lines. ``people``: PersonStatus → people."""
    from . import exit, internships, lifecycle, meetings, money, pathway

    lines: list[str] = []
    for area in (internships, pathway, exit, meetings, lifecycle, money):
        build = getattr(area, "seed", None)
        if build is not None:
            lines += build(
                municipality=municipality,
                users=users,
                institutions=institutions,
                people=people,
                rng=rng,
            )
    return lines
