"""Type stubs of ringg_preflight's native module (re-exported by the package)."""

import datetime
import os
from typing import Any, Iterable, Iterator, Literal, Mapping, Optional, Sequence, Union

__version__: str

_Path = Union[str, "os.PathLike[str]"]
_Cell = Union[str, bytes, None, object]

class PreflightError(Exception):
    """A run that could not be made (the command line's exit status 2).

    ``str(error)`` is the message the command line prints.
    """

    kind: Literal["io", "campaign", "not_csv", "workbook", "csv", "usage", "limit"]
    """What went wrong: ``io`` a file could not be read or written;
    ``campaign`` the campaign is not JSON, has an unknown field, lacks a
    required one or has one of the wrong type; ``not_csv`` the input is not
    a CSV file (JSON, UTF-16 without a flag…); ``workbook`` a workbook
    that cannot be read (encrypted, damaged, without sheets); ``csv`` the
    CSV reader failed;
    ``usage`` a value that cannot be used (an output directory that already
    holds outputs without ``force=True``, a naive ``now``, a ``sheet`` the workbook does not have…); ``limit`` a
    limit that stops a hostile file was exceeded."""

class Finding:
    """What a rule found, and where."""

    @property
    def code(self) -> str:
        """The rule's stable code, e.g. ``"P007"`` (``ringg-preflight explain CODE``)."""
    @property
    def severity(self) -> Literal["error", "warn", "info"]:
        """The severity in force (the rule's, unless ``preflight.rules`` changed it)."""
    @property
    def message(self) -> str:
        """What was found, naming the value."""
    @property
    def help(self) -> str:
        """How to fix it."""
    @property
    def line(self) -> Optional[int]:
        """The 1-based line of the input where the record (or header) starts."""
    @property
    def row(self) -> Optional[int]:
        """The 1-based data record number (``preflight_row``; the header is not counted)."""
    @property
    def column(self) -> Optional[int]:
        """The 1-based index of the field in the record."""
    @property
    def column_name(self) -> Optional[str]:
        """The name of that field's column in the header."""
    @property
    def field(self) -> Optional[str]:
        """For a campaign finding: the campaign-file field concerned."""
    def to_dict(self) -> dict[str, Any]:
        """The finding as ``report.json`` writes it."""

class Report:
    """The outcome of :meth:`Preflight.split` or :meth:`Preflight.check`."""

    @property
    def total_rows(self) -> int:
        """Data rows read; ``valid_rows + invalid_rows == total_rows``."""
    @property
    def valid_rows(self) -> int:
        """Rows without an error: those ``valid.csv`` holds."""
    @property
    def invalid_rows(self) -> int:
        """Rows with an error: those ``invalid.csv`` holds."""
    @property
    def would_upload(self) -> bool:
        """Whether Ringg would accept the upload (the command's exit status 0)."""
    @property
    def by_rule(self) -> dict[str, int]:
        """Findings per rule code."""
    @property
    def flow(self) -> Literal["standard", "large"]:
        """Ringg's upload flow: ``large`` from 5,000 valid rows."""
    @property
    def duplicates(self) -> int:
        """Rows that repeat an earlier row's number (P010)."""
    @property
    def max_call_attempts(self) -> int:
        """Call attempts the valid rows may cost, retries included."""
    @property
    def campaign_findings(self) -> list[Finding]:
        """Findings about the campaign's values."""
    @property
    def file_findings(self) -> list[Finding]:
        """Findings about the file and its header."""
    def to_dict(self) -> dict[str, Any]:
        """The content of ``report.json``, as ``json.load`` reads it."""

class CheckedRow:
    """One row's verdict, with the row as it should be sent on."""

    @property
    def valid(self) -> bool:
        """No finding of severity ``error``: the row can be uploaded."""
    @property
    def row(self) -> int:
        """The 1-based number of the row in the call (or stream)."""
    @property
    def cells(self) -> list[str]:
        """A valid row as ``valid.csv`` holds it (the phone number in E.164,
        repairs applied); an invalid row's cells as they were."""
    @property
    def errors(self) -> Optional[str]:
        """``preflight_errors`` of ``invalid.csv`` (``CODE: message`` joined by
        `` | ``), ``None`` when the row is valid."""
    @property
    def findings(self) -> list[Finding]:
        """Every finding on the row (errors, warnings, information)."""

class CheckedRows(Iterator[CheckedRow]):
    """The iterator :meth:`Preflight.check_rows_iter` returns."""

    def __iter__(self) -> "CheckedRows": ...
    def __next__(self) -> CheckedRow: ...

class CheckedStream:
    """The result of :meth:`Preflight.check_arrow`: an Arrow stream, read once.

    Take it with ``pyarrow.table(stream)``, ``polars.DataFrame(stream)`` or
    ``pyarrow.RecordBatchReader.from_stream(stream)``: its rows are checked
    as the consumer reads them, one batch (at most 65,536 rows) at a time.
    """

    def __arrow_c_stream__(self, requested_schema: Optional[object] = None) -> object:
        """The Arrow PyCapsule stream interface."""
    def __arrow_c_schema__(self) -> object:
        """The Arrow PyCapsule schema interface: the output's columns."""

class Preflight:
    """A campaign's checks, configured once.

    Reusable and thread-safe: share one between threads; the GIL is released
    while it reads, checks and writes.

    :param campaign: the campaign file's path, its JSON text (a string that
        starts with ``{``) or the same as a dict; ``None`` runs the checks
        that need no campaign.
    :param country_code: default country for numbers written without one
        (``"+91"``); overrides the campaign's (``--country-code``).
    :param now: the clock for the checks that depend on it (the campaign
        window, calling hours): an RFC 3339 string
        (``"2026-10-17T09:00:00+05:30"``) or an aware ``datetime``; default
        the system clock (``--now``).
    :param prompt: the assistant's prompt, its text (``str``) or a path
        (``os.PathLike``): each ``{{name}}`` in it is an assistant variable
        (``--prompt``).
    :param fix: rewrite repairable cells (``--fix``).
    :param threads: validator threads of :meth:`split` and :meth:`check`
        (``--threads``; default one per core but one).
    :param sheet: the sheet of a workbook (``.xlsx``, ``.xls``, ``.ods``…)
        to read, by name or as its 1-based number in a string (``"2"``);
        default the first visible sheet (``--sheet``).
    :raises PreflightError: the campaign cannot be read or parsed, a value
        cannot be used.
    """

    def __init__(
        self,
        campaign: Union[_Path, str, Mapping[str, Any], None] = None,
        *,
        country_code: Optional[str] = None,
        now: Union[str, datetime.datetime, None] = None,
        prompt: Union[str, "os.PathLike[str]", None] = None,
        fix: bool = False,
        threads: Optional[int] = None,
        sheet: Optional[str] = None,
    ) -> None: ...
    def split(self, path: _Path, out_dir: _Path, *, force: bool = False) -> Report:
        """The command line's ``split``: checks the CSV file or workbook at ``path`` and
        writes ``valid.csv``, ``invalid.csv`` and ``report.json`` to
        ``out_dir``, together or not at all. Existing outputs are replaced only
        with ``force=True``.

        :raises PreflightError: the file cannot be read, the outputs cannot
            be written or already exist.
        """
    def check(self, path: _Path) -> Report:
        """The command line's ``check`` of the CSV file or workbook at
        ``path``: the report, nothing written.

        :raises PreflightError: the file cannot be read, is not CSV or is a
            workbook that cannot be read.
        """
    def check_rows(
        self, header: Sequence[str], rows: Iterable[Sequence[_Cell]]
    ) -> list[CheckedRow]:
        """Checks ``rows`` under ``header`` (the column names in order), as
        the rows of one file: duplicates are found across them, and date
        columns and the file's usual country code are learned from the
        first rows as a split learns them. A cell is text, bytes, ``None``
        (empty) or anything else, through ``str()``.
        """
    def check_rows_iter(
        self, header: Sequence[str], rows: Iterable[Sequence[_Cell]]
    ) -> CheckedRows:
        """:meth:`check_rows` as an iterator, for streams: the rows are read
        as the iterator is advanced (the first 2,048 before the first
        result, to learn what a split learns from its first batch), and
        give the same verdicts as :meth:`check_rows` of the same rows.
        """
    def check_arrow(self, data: object, *, duplicates: bool = True) -> CheckedStream:
        """Checks an Arrow stream: ``data`` is anything with
        ``__arrow_c_stream__`` (a pyarrow ``Table`` or ``RecordBatchReader``,
        a polars ``DataFrame``…; for pandas, ``pyarrow.Table.from_pandas``).
        Its column names are the header; columns that are not text are cast
        to text (a type that cannot be raises :class:`PreflightError`).

        The result is itself an Arrow stream: the input's columns, the phone
        column rewritten to E.164 in valid rows (with ``fix=True``, text
        columns also carry the repairs), then ``preflight_row`` (int64,
        1-based), ``preflight_valid`` (bool) and ``preflight_errors`` (utf8,
        ``CODE: message`` joined by `` | ``, null when valid). Rows are
        checked as the result is read, batch by batch, in bounded memory.

        ``duplicates=False`` leaves duplicate numbers across rows (P010) to
        the caller: for engines that check each partition on its own (Spark's
        ``mapInArrow``, Dask, Ray) and then drop duplicates on the E.164
        phone column.
        """

def run_cli(argv: Sequence[str]) -> int:
    """Runs the ``ringg-preflight`` command line with ``argv`` (the program
    name first) and returns its exit status. Meant to be called once per
    process, as the console script does."""
