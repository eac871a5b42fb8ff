"""The services layer: every action that changes state is one function here, called by the UI, the CLI
and the tests alike."""
