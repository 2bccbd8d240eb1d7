"""Students selectors, one module per area: people, plans, enrolments, flags, absence."""
