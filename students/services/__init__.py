"""Students services, one module per area: people, plans, enrolments, flags, absence (with
``absence_checks``, the periodic jobs that watch absence reporting)."""
