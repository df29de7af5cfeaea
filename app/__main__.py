"""`python -m app` runs the Phasegate command line."""
import sys

from app.cli import main

sys.exit(main())
