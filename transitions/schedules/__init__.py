"""Celery beat entries for transitions, one module per area (plain dicts, no Django imports:
``stu_case.schedule`` reads them while settings load)."""
