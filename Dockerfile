FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WIJKBOT_DB=/data/wijkbot.db

WORKDIR /app
COPY pyproject.toml README.md ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY flows ./flows
RUN pip install --no-cache-dir . && rm -rf /app/bot /app/knowledge /app/flows

RUN useradd --create-home --uid 10001 wijkbot && mkdir /data && chown wijkbot /data
USER wijkbot
VOLUME ["/data"]

# Healthy when the content loads and the database on the volume takes writes.
HEALTHCHECK --interval=60s --timeout=15s --start-period=30s --retries=3 \
    CMD ["wijkbot", "health"]

CMD ["wijkbot", "run"]
