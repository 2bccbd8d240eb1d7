"""``make bench``: a large municipality built in bulk, gunicorn with production-like settings,
a bare Django view under the same settings, and the key pages driven one after the other."""
