FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WIJKBOT_DB=/data/wijkbot.db

# tini as process 1: it reaps what ends under it (a drawing process whose engine was
# killed would otherwise stay a zombie) and hands SIGTERM to the bot.
RUN apt-get update && apt-get install -y --no-install-recommends tini \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY pyproject.toml README.md LICENSE constraints.txt ./
COPY bot ./bot
COPY knowledge ./knowledge
COPY flows ./flows
# The versions the tests last passed with (constraints.txt), not whatever PyPI has today.
RUN pip install --no-cache-dir -c constraints.txt . && rm -rf /app/bot /app/knowledge /app/flows

# A numeric user, so Kubernetes' runAsNonRoot can check it is not root.
RUN useradd --create-home --uid 10001 wijkbot && mkdir /data && chown 10001 /data
USER 10001
# The content and its matcher built once here, so the bot's first start reads them ready;
# and matplotlib's list of fonts, which the first chart would otherwise make (half a second).
RUN wijkbot kb check && python -c "import matplotlib.font_manager"
VOLUME ["/data"]

# Healthy when the content loads, the database on the volume takes writes, and the running
# bot reached Telegram in the last five minutes.
HEALTHCHECK --interval=60s --timeout=15s --start-period=30s --retries=3 \
    CMD ["wijkbot", "health"]

# SIGTERM lets the turn in hand finish; give `docker stop` 10 s (README: Start it).
STOPSIGNAL SIGTERM
ENTRYPOINT ["tini", "--"]
CMD ["wijkbot", "run"]
