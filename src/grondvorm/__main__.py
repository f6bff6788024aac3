"""``python -m grondvorm`` runs the command line."""

from grondvorm.cli.app import main

main()
