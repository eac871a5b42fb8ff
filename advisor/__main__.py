"""``python -m advisor``: the command line.

``triage`` of a big estate ends with hundreds of MB of frames and Arrow buffers, and the interpreter's own
teardown (every module and object freed one by one) then takes a tenth of a second or more. That command leaves
through ``os._exit`` once its output is flushed and the exit handlers have run: nothing is left to save, the
files it wrote are closed, and the exit status is the same. Every other command exits as usual.
"""

import atexit
import contextlib
import os
import sys

from advisor.cli.main import main

code = main()
if sys.argv[1:2] == ["triage"]:
    atexit._run_exitfuncs()  # what the interpreter would run at exit (logging's flush, ...), then no teardown
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a pipe closed meanwhile: main() has said all it will
            stream.flush()
    os._exit(code)
sys.exit(code)
