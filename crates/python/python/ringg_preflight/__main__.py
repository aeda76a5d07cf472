"""``python -m ringg_preflight`` and the ``ringg-preflight`` console script.

The same program as the Rust binary: the command line runs in the native
module, with the same arguments, output and exit statuses.
"""

import signal
import sys

from . import _native


def main() -> None:
    """Runs the command line with ``sys.argv`` and exits with its status."""
    # Ctrl-C ends the program as it ends the Rust binary (split and upload
    # install their own handler, which cleans up first).
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    # The program's name as the binary's, so usage and help read the same.
    sys.exit(_native.run_cli(["ringg-preflight", *sys.argv[1:]]))


if __name__ == "__main__":
    main()
