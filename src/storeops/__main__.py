"""`python -m storeops` runs the same CLI as the `storeops` console script."""

from storeops.cli import main

main()
