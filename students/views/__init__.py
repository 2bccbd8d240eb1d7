"""Students views, one module per area: people, plans, flags, absence (the institution portal)."""
