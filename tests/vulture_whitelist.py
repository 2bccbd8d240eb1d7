# ruff: noqa: F821, B018 - bare names are what vulture reads as uses
"""Names vulture cannot see used, each with the reason (see ``tests/test_code_shape.py``).

Kinds of names Django and Celery use by convention are declared there; this module is for
the few single names left. A line here is a bare name: vulture counts it as a use.
"""

# Attributes of framework objects that we set or override, read by the framework.
output_field  # students.models.absence.AbsenceDateRange: Django's Func reads it
function  # the same Func: the SQL function's name
input_type  # stu_case.forms.DateInput: Django's Input widget renders it
disabled  # form fields switched off in __init__ (Django's Field.disabled)
adding  # obj._state.adding after an admin save through a service (Django's ModelState)
deconstruct  # stu_case.storage.PrivateStorage: Django's migrations serialise the storage by it
fetch  # stu_case.pdf: WeasyPrint calls its URLFetcher's fetch for every URL
autocommit  # stu_case.runtime: psycopg2's connection.autocommit for CREATE DATABASE
accesslog  # stu_case.gunicorn_conf: a gunicorn setting, read by gunicorn from the module
access_log_format  # the same: gunicorn's access-log line, without the query string

# Deliberate service API that no view calls yet (a function used only by tests is otherwise
# dead code and deleted).
user_set_roles  # stu_case.accounts.services: the one way to set roles so the groups follow; the test factories use it
q_person_visible  # stu_case.permissions: person visibility as a Q, for filtering models that point at a person
flag_resolve  # students.services.flags: a user closes one flag, the pair of flag_acknowledge
institution_create  # institutions.services: creates an institution with its target groups, for seeding
unregister  # stu_case.hooks.ExtensionPoint: the pair of register, for an app (or a test) taking its entry back
keys  # stu_case.hooks.ExtensionPoint: what is registered, by key, in the order the page shows it
end_date_moved_letter_send  # transitions.services.letters: the letter for a moved end date, for the service that moves it (being built)
