"""``python -m dii ARGS...``: the ``dii`` command, with the same arguments,
output and exit codes.

There is one implementation of the command, the C program (tools/dii). The
package carries a copy of it as ``dii/bin/dii`` (linked with the library
statically, so it needs nothing else from the package); this module replaces
the Python process with it (``os.execv``), so standard input and output,
signals and the exit status are the command's own. A wheel's ``dii`` on
PATH (the ``dii`` console script) does the same through :func:`main`.
"""

import os
import sys

__all__ = ["main", "command_path"]


def command_path():
    """The path of the ``dii`` command this package carries (``dii/bin/dii``)."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "bin", "dii")


def main(argv=None):
    """Runs ``dii`` with ``argv`` (default: ``sys.argv[1:]``) in place of
    this process; returns 2, after a message on stderr, only when the
    command cannot be started."""
    args = sys.argv[1:] if argv is None else list(argv)
    path = command_path()
    sys.stdout.flush()
    sys.stderr.flush()
    try:
        os.execv(path, ["dii"] + args)
    except OSError as e:
        sys.stderr.write(f"dii: cannot run the dii command of the Python package "
                         f"({path}): {e.strerror}\n")
        return 2


if __name__ == "__main__":
    sys.exit(main())
