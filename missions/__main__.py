import sys

from missions.cli import main

sys.exit(main())
