"""Students forms, one module per area: people, plans, flags, absence (with ``absence_csv``,
parsing the institutions' CSV uploads)."""
