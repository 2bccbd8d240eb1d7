"""Absence reporting (the institution portal) and the rising-absence rule.

``rule``       the rule itself, pure Python (documented on ``students.models.AbsenceRule``)
``services``   writes: submit, correct, detect rising absence, missing-report reminders
``selectors``  reads for the portal and the person page, scoped by ``stu_case.permissions``
``csvimport``  parsing the semicolon-separated upload (Danish decimal comma)
``forms``, ``views``, ``urls``  the institution portal (namespace ``portal``)
"""
