"""services: pathway (issue 4)."""
