"""gunicorn settings for production (``gunicorn -c python:stu_case.gunicorn_conf``).

The access log shows the request path without its query string and leaves the referring page
out (``stu_case.logs``: a query string can hold a name or a CPR number).
"""

accesslog = "-"
access_log_format = '%(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(L)ss "%(a)s"'
