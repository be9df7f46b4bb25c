"""The Telegram adapter (python-telegram-bot): Update -> Event, Reply -> Bot API calls.

app.py builds and runs the Application; config.py reads the settings (light: `wijkbot run`
reads them and starts the engine process before python-telegram-bot is imported)."""
