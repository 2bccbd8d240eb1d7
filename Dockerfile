# Production-like image for STU Case: gunicorn (web), Celery worker and beat share it.
# docker compose builds it (see docker-compose.yml and README.md).

# Front-end packages, installed with npm from package-lock.json (served as static files);
# not the dev dependencies (vnu-jar, the HTML checker the tests use).
FROM node:20-bookworm-slim AS frontend
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gettext for compilemessages; pango/harfbuzz/fontconfig and fonts for WeasyPrint's PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        gettext \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz0b \
        libharfbuzz-subset0 \
        libfontconfig1 \
        fonts-dejavu-core \
        shared-mime-info \
    && rm -rf /var/lib/apt/lists/*

RUN useradd --system --create-home --uid 10001 stu
WORKDIR /app

# Python dependencies first (pyproject has no packages of its own: this installs only deps).
COPY pyproject.toml README.md ./
RUN pip install .

COPY --from=frontend /app/node_modules ./node_modules
COPY . .

# Translations and static files are built into the image. The production settings need their
# three secrets (throw-away values here: they are not in the image's environment, so a container
# must be given its own), a database URL and a Redis URL to load; none of them is contacted here.
RUN export DJANGO_PRODUCTION=true \
        DJANGO_SECRET_KEY=build-only-not-a-secret-8f3a1c7e9b2d4f6a0c5e7b9d1f3a5c7e9b2d4f6a \
        STU_CPR_HASH_KEY=build-only-not-a-secret-2d7f4b9e1a6c3f8d0e5b \
        STU_FIELD_ENCRYPTION_SALT=build-only-not-a-secret-5a9c1e7b \
        DATABASE_URL=postgres://build@127.0.0.1:5432/build \
        REDIS_URL=redis://127.0.0.1:6379/0 \
    && if find . -path ./node_modules -prune -o -name '*.po' -print | grep -q .; then \
        python manage.py compilemessages --ignore node_modules; \
    fi \
    && python manage.py collectstatic --noinput \
    && mkdir -p var/media \
    && chown -R stu:stu var

USER stu
ENV DJANGO_PRODUCTION=true
EXPOSE 8000
CMD ["gunicorn", "stu_case.wsgi:application", "-c", "python:stu_case.gunicorn_conf", "--bind", "0.0.0.0:8000", "--workers", "3"]
