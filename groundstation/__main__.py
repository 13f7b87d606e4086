import sys

from groundstation.cli import main

sys.exit(main())
