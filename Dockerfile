# syntax=docker/dockerfile:1
# The Careers Portal for production: gunicorn with gunicorn.conf.py, portal.settings.production,
# static files collected at build time and served by WhiteNoise. Configure with environment
# variables (README "Production"); the container keeps no state on its disk.
#
# BASE_IMAGE is any Debian 12 image with python3.11 and its venv module: the official image by
# default; scripts/build-image makes one from Debian's packages where no registry is reachable.
# Commands name `python3.11`, the one path both bases have (/usr/local/bin or /usr/bin).
ARG BASE_IMAGE=python:3.11-slim-bookworm

# --- build: install the locked, hashed requirements into a virtualenv ------------------------
FROM ${BASE_IMAGE} AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python3.11 -m venv /opt/venv
COPY requirements.lock /tmp/requirements.lock
# Only set where PyPI is reached through a proxy with its own CA (scripts/build-image mounts it).
ARG PIP_CERT
# Every package, dependencies of dependencies included, is pinned with its hashes: pip refuses
# anything else, so the image holds exactly what `make lock` resolved and CI tested.
RUN /opt/venv/bin/pip install --require-hashes --no-deps -r /tmp/requirements.lock

# --- runtime: the virtualenv, the code, the collected static files; runs as a plain user ------
FROM ${BASE_IMAGE} AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/app/staticfiles \
    PORT=8000 \
    XDG_RUNTIME_DIR=/tmp
# gunicorn's control socket goes to $XDG_RUNTIME_DIR, else to $HOME/.gunicorn: the user's home is
# /app, which it may not write, so the socket lives in /tmp.
RUN groupadd --system portal && useradd --system --gid portal --home-dir /app --no-create-home portal
COPY --from=build /opt/venv /opt/venv
WORKDIR /app
COPY --chown=portal:portal . /app
# collectstatic needs settings to import, not real secrets: throwaway values for this step only.
RUN SECRET_KEY=collectstatic-only ALLOWED_HOSTS=localhost python manage.py collectstatic --noinput \
    && chown -R portal:portal /app/staticfiles
USER portal
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import os, urllib.request as u; host = os.environ['ALLOWED_HOSTS'].split(',')[0].lstrip('.'); u.urlopen(u.Request('http://127.0.0.1:%s/healthz' % os.environ['PORT'], headers={'Host': host, 'X-Forwarded-Proto': 'https'}), timeout=4)"
# Run `python manage.py migrate` once per release (e.g. as a one-off task), not in every replica.
# The background task worker runs from the same image as a process of its own:
#   docker run --no-healthcheck ... careers-portal python manage.py db_worker
CMD ["gunicorn", "-c", "gunicorn.conf.py", "portal.wsgi"]
