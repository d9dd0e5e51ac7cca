"""`python -m policysite`: the command line (`policysite/tools/cli.py`)."""

import sys

from policysite.tools.cli import main

if __name__ == "__main__":
    sys.exit(main())
