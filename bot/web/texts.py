"""The web part's own Dutch sentences (what the engine says comes from bot/engine/texts.py)."""

NOT_SIGNED = "Open deze pagina via de knop van Wijkbot in Telegram. Daarmee weet ik wie u bent."
BAD_REQUEST = "Dit verzoek kan ik niet lezen. Probeer het opnieuw vanuit Telegram."
ENGINE_STOPPED = "Er ging iets mis. Er is niets veranderd; probeer het zo opnieuw."
