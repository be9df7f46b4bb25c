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

CMD ["wijkbot", "run"]
