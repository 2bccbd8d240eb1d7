"""Students demo data, one module per area, called by ``seed_demo``."""
