# syntax=docker/dockerfile:1
# The Careers Portal for production: gunicorn with gunicorn.conf.py, portal.settings.production,
# static files collected at build time and served by WhiteNoise. Configure with environment
# variables (README "Production"); the container keeps no state on its disk.

# --- build: install the pinned requirements into a virtualenv ---------------------------------
FROM python:3.11-slim-bookworm AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install -r /tmp/requirements.txt

# --- runtime: the virtualenv, the code, the collected static files; runs as a plain user ------
FROM python:3.11-slim-bookworm AS runtime
ENV PATH="/opt/venv/bin:$PATH" \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=portal.settings.production \
    STATIC_ROOT=/app/staticfiles \
    PORT=8000
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
