"""services: meetings (issue 4)."""
