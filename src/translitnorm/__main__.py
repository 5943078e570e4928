"""``python -m translitnorm`` runs the command line."""

from __future__ import annotations

from translitnorm.cli import main

if __name__ == "__main__":
    main()
