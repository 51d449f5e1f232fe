# The same steps as `make run`: install, migrate, seed seed_data/ when the database is empty, serve.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DATABASE_URL=sqlite:////data/news.db
WORKDIR /srv/app

RUN useradd --create-home --uid 10001 news && mkdir /data && chown news /data

# Dependencies and the spaCy model (a normal package dependency) at build time.
COPY pyproject.toml README.md ./
COPY app ./app
RUN pip install --upgrade pip && pip install .

COPY migrations ./migrations
COPY seed_data ./seed_data

USER news
EXPOSE 8000
VOLUME ["/data"]
HEALTHCHECK --interval=30s --timeout=3s --start-period=60s \
    CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=2)"

CMD ["sh", "-c", "python -m app seed --if-empty && exec python -m app serve --host 0.0.0.0 --port 8000"]
