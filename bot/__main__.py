"""`python -m bot` is the `wijkbot` command."""

from .cli import main

main()
