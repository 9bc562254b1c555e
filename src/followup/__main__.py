"""python -m followup"""

from followup.entrypoints.cli import main

main()
