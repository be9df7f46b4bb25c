"""`python -m bot` is the `wijkbot` command."""

from .cli import main

if __name__ == "__main__":  # not when a child process of the engine imports this module
    main()
