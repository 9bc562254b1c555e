"""python -m followup"""

from followup.entrypoints.fast import main

main()
