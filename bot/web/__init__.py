"""The web pages (on Telegram a Mini App) and their API: the startpositie with sliders,
and the gemeente's progress. Every request carries Telegram's signed initData; the pages
reach the engine through its public entry points, in the engine process, like the bot."""
