"""``python -m simulator``: the command line (``simulator/cli/main.py``)."""
import sys

from simulator.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
