"""``python -m advisor``: the command line."""

import sys

from advisor.cli.main import main

sys.exit(main())
