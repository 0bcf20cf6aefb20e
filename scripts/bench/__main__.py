"""`python -m scripts.bench`: see the package's docstring and --help."""

import sys

from .cli import main

sys.exit(main())
