"""Check a Ringg AI contact list before you upload it.

The engine of the ``ringg-preflight`` command line, for Python pipelines:

* :class:`Preflight` holds one campaign's checks (reusable, thread-safe;
  the GIL is released while it works).
* :meth:`Preflight.split` and :meth:`Preflight.check` are the command's
  ``split`` and ``check`` of a CSV file.
* :meth:`Preflight.check_rows` / :meth:`Preflight.check_rows_iter` check
  rows you already hold; :meth:`Preflight.check_arrow` checks any Arrow
  stream (pyarrow, polars, pandas through pyarrow) batch by batch.
* Errors are :class:`PreflightError`, with a ``kind``.

See ``docs/python.md``.
"""

from ._native import (
    CheckedRow,
    CheckedRows,
    CheckedStream,
    Finding,
    Preflight,
    PreflightError,
    Report,
    __version__,
)

__all__ = [
    "CheckedRow",
    "CheckedRows",
    "CheckedStream",
    "Finding",
    "Preflight",
    "PreflightError",
    "Report",
    "__version__",
]
