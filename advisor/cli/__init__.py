"""The command line (contract §5): argument parsing and printing only."""
