# The POLRAD web application: one image for the web (gunicorn), worker and beat services.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=polrad.settings \
    WEB_CONCURRENCY=3

# WeasyPrint's libraries and fonts (PDF reports); gettext for compilemessages.
RUN apt-get update \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-dejavu-core fonts-liberation2 \
        gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 polrad \
    && useradd --system --uid 10001 --gid polrad --home-dir /home/polrad --create-home \
        --shell /usr/sbin/nologin polrad

WORKDIR /app

COPY requirements.txt ./
RUN pip install -r requirements.txt

# The code stays owned by root: the application user can read it, not change it.
COPY . .

# Compile the translations and collect the static files (hashed, compressed: the production
# storage, so DEBUG is off). The build needs a secret key and hosts; these are throw-away
# values that exist only during these two commands and never in the image's environment.
RUN DEBUG=false SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py compilemessages --ignore=var -v0 \
    && DEBUG=false SECRET_KEY=build-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput -v0 \
    && mkdir -p var/media var/beat \
    && chown polrad:polrad var/media var/beat
# var/media (uploaded and generated files) and var/beat (Celery beat's schedule) are the only
# places the application writes; compose mounts named volumes there.

USER polrad
EXPOSE 8000

# Web by default; compose runs migrate first, and overrides the command for worker and beat.
# Workers: WEB_CONCURRENCY (read by gunicorn).
CMD ["gunicorn", "polrad.wsgi:application", "--bind", "0.0.0.0:8000", \
     "--worker-tmp-dir", "/dev/shm", "--access-logfile", "-", "--timeout", "60"]
