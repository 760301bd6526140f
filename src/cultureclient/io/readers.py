"""Exports → Documents: CSV/TSV (sniffed), XLSX, JSON, JSONL, Parquet, TXT, and stdin.

Readers stream: rows are yielded one by one so that a large export never sits in memory. A
row that cannot be read becomes a Document with an ``error`` and keeps its place: the output
has one record per input row, always. Problems with the whole file (missing, undecodable,
unknown column) raise an ``InputError`` naming the file and, where it helps, the line.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cultureclient.errors import ColumnError, EncodingError, FormatError, InputError
from cultureclient.text.normalize import fold
from cultureclient.types import KINDS, Document, Kind

csv.field_size_limit(2**31 - 1)

TEXT_COLUMNS = (
    "verbatim",
    "verbatims",
    "texte",
    "text",
    "commentaire",
    "commentaires",
    "comment",
    "comments",
    "avis",
    "message",
    "messages",
    "contenu",
    "content",
    "review",
    "remarque",
    "reponse",
    "body",
)
DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 1 << 20
FORMATS = ("csv", "tsv", "xlsx", "json", "jsonl", "parquet", "txt")
SUFFIX_FORMATS = {
    ".csv": "csv",
    ".tsv": "tsv",
    ".tab": "tsv",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
    ".txt": "txt",
}


@dataclass(frozen=True)
class ReadOptions:
    """How to read an export; every field has a sane automatic default."""

    text_column: str | None = None
    id_column: str | None = None
    kind: Kind = "verbatim"
    kind_column: str | None = None
    sep: str | None = None
    encoding: str | None = None
    sheet: str | None = None
    input_format: str | None = None


@dataclass
class Table:
    """An opened export: its columns, the text column chosen, and the rows to come."""

    source: str
    columns: list[str]
    text_column: str
    rows: Iterator[Document] = field(repr=False)
    encoding: str | None = None
    delimiter: str | None = None


def _jsonable(value: Any) -> Any:
    """Make a cell value safe for JSON and CSV: dates as ISO strings, None as ''."""
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN from spreadsheets and Parquet
        return ""
    return value


def pick_text_column(columns: list[str], wanted: str | None, source: str) -> str:
    """Return the text column: the one asked for, or the one named like a text column."""
    if wanted is not None:
        if wanted in columns:
            return wanted
        raise ColumnError(
            f"{source}: no column {wanted!r}; columns are: {', '.join(columns)}",
            hint="pass one of them to --text-column",
        )
    folded = {fold(c).strip(): c for c in columns}
    for name in TEXT_COLUMNS:
        if name in folded:
            return folded[name]
    for name in TEXT_COLUMNS:
        for key, column in folded.items():
            if name in key.replace("-", "_").replace(" ", "_").split("_"):
                return column
    raise ColumnError(
        f"{source}: cannot tell which column holds the text; columns are: {', '.join(columns)}",
        hint="pass --text-column NAME",
    )


def _check_column(columns: list[str], wanted: str | None, option: str, source: str) -> None:
    if wanted is not None and wanted not in columns:
        raise ColumnError(
            f"{source}: no column {wanted!r} for {option}; columns are: {', '.join(columns)}"
        )


def _unique_names(header: list[str]) -> list[str]:
    """Name blank header cells and suffix duplicates, so that every column can be named."""
    names: list[str] = []
    for position, raw in enumerate(header, start=1):
        name = str(raw).strip() or f"column_{position}"
        base, n = name, 2
        while name in names:
            name, n = f"{base}_{n}", n + 1
        names.append(name)
    return names


def _documents(
    records: Iterator[tuple[int, dict[str, Any] | None, str | None]],
    text_column: str,
    options: ReadOptions,
) -> Iterator[Document]:
    """Turn (row number, record or None, error) into Documents, ids and kinds included."""
    for number, record, error in records:
        if record is None:
            yield Document(number, "", options.kind, {}, error or "unreadable row")
            continue
        values = {k: _jsonable(v) for k, v in record.items()}
        text = values.pop(text_column, "")
        text = "" if text is None else str(text)
        doc_id = values.get(options.id_column, number) if options.id_column else number
        kind: Kind = options.kind
        if options.kind_column:
            raw_kind = str(values.get(options.kind_column, "")).strip() or options.kind
            if raw_kind not in KINDS:
                error = f"row {number}: unknown kind {raw_kind!r} (one of {', '.join(KINDS)})"
            else:
                kind = raw_kind  # type: ignore[assignment]
        yield Document(doc_id, text, kind, values, error)


# --- bytes and encodings -------------------------------------------------------------------


def _detect_encoding(sample: bytes, source: str) -> str:
    """Guess the encoding of a sample: BOMs first, then UTF-8, then cp1252, then latin-1."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    if b"\x00" in sample:
        raise FormatError(
            f"{source}: looks like a binary file, not text",
            hint="export it as CSV, XLSX, JSON or Parquet, or pass --encoding utf-16",
        )
    for encoding in ("utf-8", "cp1252"):
        try:
            sample.decode(encoding)
        except UnicodeDecodeError as exc:
            if encoding == "utf-8" and exc.start >= len(sample) - 3:
                return "utf-8"  # a multi-byte character cut by the end of the sample
            continue
        return encoding
    return "latin-1"


def decode_text(data: bytes, source: str, encoding: str | None = None) -> str:
    """Decode a whole small file (a memo, a draft) with the encoding asked for or detected."""
    chosen = encoding or _detect_encoding(data[:SAMPLE_BYTES], source)
    try:
        return data.decode(chosen)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        other = "cp1252" if chosen.startswith("utf") else "utf-8"
        raise EncodingError(
            f"{source}: line {line}: cannot decode bytes as {chosen} ({exc.reason})",
            hint=f"retry with --encoding {other}",
        ) from exc
    except LookupError as exc:
        raise EncodingError(f"unknown encoding {chosen!r}", hint="try utf-8 or cp1252") from exc


def _open_binary(path: str) -> BinaryIO:
    if path == "-":
        return sys.stdin.buffer
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path}: is a folder, not a file", hint="give an export file")
    try:
        return p.open("rb")
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror}") from exc


@dataclass
class _Source:
    """A text file opened for reading line by line, with its encoding and first line."""

    name: str
    binary: BinaryIO
    encoding: str
    first_line: str
    wrapper: io.TextIOWrapper | None = None

    def lines(self) -> Iterator[str]:
        """Yield decoded lines (ends kept); a byte that does not decode names its line."""
        try:
            if self.encoding.startswith("utf-16"):
                self.wrapper = io.TextIOWrapper(self.binary, encoding=self.encoding, newline="")
                yield from self.wrapper
                return
            for number, raw in enumerate(self.binary, 1):
                encoding = self.encoding if number == 1 else self.encoding.replace("-sig", "")
                try:
                    yield raw.decode(encoding)
                except UnicodeDecodeError as exc:
                    other = "cp1252" if self.encoding.startswith("utf") else "utf-8"
                    raise EncodingError(
                        f"{self.name}: line {number}: cannot decode bytes as {self.encoding} "
                        f"({exc.reason})",
                        hint=f"retry with --encoding {other}",
                    ) from exc
        finally:
            self.close()

    def close(self) -> None:
        """Close the file (never stdin)."""
        if self.binary is sys.stdin.buffer:
            if self.wrapper is not None:
                self.wrapper.detach()
        elif self.wrapper is not None:
            self.wrapper.close()
        else:
            self.binary.close()


def _open_source(path: str, encoding: str | None) -> _Source:
    """Open a text file or stdin, detect its encoding from a sample, and read its first line."""
    binary = _open_binary(path)
    buffered = binary if hasattr(binary, "peek") else io.BufferedReader(binary)  # type: ignore[arg-type]
    sample = buffered.peek(SAMPLE_BYTES)[:SAMPLE_BYTES]
    source = _Source(path, buffered, "utf-8", "")
    try:
        source.encoding = encoding or _detect_encoding(sample, path)
        try:
            codec = codecs.lookup(source.encoding).name
        except LookupError as exc:
            raise EncodingError(
                f"unknown encoding {source.encoding!r}", hint="try utf-8 or cp1252"
            ) from exc
        head = sample.split(b"\n", 1)[0] if not codec.startswith("utf-16") else sample
        source.first_line = (
            head.decode(source.encoding, errors="replace").splitlines()[0] if head else ""
        )
    except InputError:
        source.close()
        raise
    return source


def _sniff_delimiter(header: str, source: str) -> str:
    if not header.strip():
        raise InputError(f"{source}: the file is empty (no header line)")
    counts = {d: header.count(d) for d in DELIMITERS}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_csv(path: str, options: ReadOptions, tsv: bool) -> Table:
    source = _open_source(path, options.encoding)
    try:
        delimiter = options.sep or ("\t" if tsv else _sniff_delimiter(source.first_line, path))
    except InputError:
        source.close()
        raise
    delimiter = "\t" if delimiter == "\\t" else delimiter
    reader = csv.reader(source.lines(), delimiter=delimiter)
    try:
        header = next(reader)
        columns = _unique_names(header)
        text_column = pick_text_column(columns, options.text_column, path)
        _check_column(columns, options.id_column, "--id-column", path)
    except StopIteration:
        raise InputError(f"{path}: the file is empty (no header line)") from None
    except csv.Error as exc:
        source.close()
        raise FormatError(f"{path}: line 1: {exc}") from exc
    except InputError:
        source.close()
        raise

    def records() -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
        number = 0
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                number += 1
                yield number, None, f"line {reader.line_num}: {exc}"
                continue
            if not row:  # a blank line is not a row
                continue
            number += 1
            if len(row) > len(columns):
                yield (
                    number,
                    None,
                    (
                        f"line {reader.line_num}: {len(row)} fields where the header has "
                        f"{len(columns)} (an unquoted {delimiter!r} in the text?)"
                    ),
                )
                continue
            row = row + [""] * (len(columns) - len(row))
            yield number, dict(zip(columns, row, strict=True)), None

    rows = _documents(records(), text_column, options)
    return Table(path, columns, text_column, rows, source.encoding, delimiter)


def _read_txt(path: str, options: ReadOptions) -> Table:
    source = _open_source(path, options.encoding)
    column = "text"
    if options.text_column not in (None, column):
        source.close()
        raise ColumnError(f"{path}: a .txt file has one column, 'text'")
    records = ((n, {column: line.rstrip("\r\n")}, None) for n, line in enumerate(source.lines(), 1))
    return Table(path, [column], column, _documents(records, column, options), source.encoding)


def _json_records(
    objects: Iterator[tuple[int, Any, str | None]],
) -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
    for number, obj, error in objects:
        if error is not None:
            yield number, None, error
        elif not isinstance(obj, dict):
            yield number, None, f"record {number} is a {type(obj).__name__}, not an object"
        else:
            yield number, obj, None


def _first_columns(first: Any, path: str) -> list[str]:
    if not isinstance(first, dict):
        raise FormatError(f"{path}: expected JSON objects with a text field")
    return list(first)


def _read_jsonl(path: str, options: ReadOptions) -> Table:
    source = _open_source(path, options.encoding)
    lines = source.lines()
    buffered: list[str] = []
    for line in lines:  # keep what precedes the first record, so that nothing is lost
        buffered.append(line)
        if line.strip():
            break
    try:
        if not buffered or not buffered[-1].strip():
            raise InputError(f"{path}: no JSON record found (empty file?)")
        try:
            first = json.loads(buffered[-1])
        except json.JSONDecodeError as exc:
            raise FormatError(f"{path}: line {len(buffered)}: invalid JSON: {exc.msg}") from exc
        columns = _first_columns(first, path)
        text_column = pick_text_column(columns, options.text_column, path)
        _check_column(columns, options.id_column, "--id-column", path)
    except InputError:
        source.close()
        raise

    def parsed() -> Iterator[tuple[int, Any, str | None]]:
        number = 0
        for line_no, line in enumerate(itertools.chain(buffered, lines), 1):
            if not line.strip():
                continue
            number += 1
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as exc:
                yield number, None, f"line {line_no}: invalid JSON: {exc.msg}"

    records = _json_records(parsed())
    return Table(
        path, columns, text_column, _documents(records, text_column, options), source.encoding
    )


def _read_json(path: str, options: ReadOptions) -> Table:
    source = _open_source(path, options.encoding)
    try:
        data = json.loads("".join(source.lines()))
    except json.JSONDecodeError as exc:
        raise FormatError(f"{path}: line {exc.lineno}: invalid JSON: {exc.msg}") from exc
    if isinstance(data, dict):
        data = next(
            (
                v
                for k, v in data.items()
                if isinstance(v, list) and k in ("documents", "data", "rows", "records", "items")
            ),
            None,
        )
    if not isinstance(data, list) or not data:
        raise FormatError(f'{path}: expected a JSON list of objects (or {{"documents": [...]}})')
    columns = _first_columns(data[0], path)
    text_column = pick_text_column(columns, options.text_column, path)
    _check_column(columns, options.id_column, "--id-column", path)
    objects = ((n, obj, None) for n, obj in enumerate(data, 1))
    return Table(
        path, columns, text_column, _documents(_json_records(objects), text_column, options)
    )


def _read_xlsx(path: str, options: ReadOptions) -> Table:
    from openpyxl import load_workbook

    binary = _open_binary(path)
    try:
        book = load_workbook(binary, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken or foreign file
        raise FormatError(f"{path}: not a readable XLSX workbook ({type(exc).__name__})") from exc
    try:
        sheet = _pick_sheet(book, options.sheet, path)
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InputError(f"{path}: sheet {sheet.title!r} is empty")
        columns = _unique_names(["" if h is None else str(h) for h in header])
        text_column = pick_text_column(columns, options.text_column, path)
        _check_column(columns, options.id_column, "--id-column", path)
    except InputError:
        book.close()
        binary.close()
        raise

    def records() -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
        number = 0
        try:
            for row in rows:
                if all(v is None for v in row):
                    continue
                number += 1
                values = list(row) + [None] * (len(columns) - len(row))
                yield number, dict(zip(columns, values[: len(columns)], strict=True)), None
        finally:
            book.close()
            binary.close()

    return Table(path, columns, text_column, _documents(records(), text_column, options))


def _pick_sheet(book: Any, wanted: str | None, path: str) -> Any:
    if wanted is None:
        return book.worksheets[0]
    if wanted in book.sheetnames:
        return book[wanted]
    if wanted.isdigit() and 0 < int(wanted) <= len(book.worksheets):
        return book.worksheets[int(wanted) - 1]
    raise InputError(f"{path}: no sheet {wanted!r}; sheets are: {', '.join(book.sheetnames)}")


def _read_parquet(path: str, options: ReadOptions) -> Table:
    import pyarrow.parquet as pq

    if path == "-":
        raise InputError("Parquet cannot be read from stdin", hint="give the file path")
    try:
        parquet = pq.ParquetFile(path)
    except FileNotFoundError as exc:
        raise InputError(f"{path}: no such file") from exc
    except Exception as exc:  # pyarrow raises ArrowInvalid and OSError for broken files
        raise FormatError(f"{path}: not a readable Parquet file ({exc})") from exc
    columns = list(parquet.schema_arrow.names)
    text_column = pick_text_column(columns, options.text_column, path)
    _check_column(columns, options.id_column, "--id-column", path)

    def records() -> Iterator[tuple[int, dict[str, Any] | None, str | None]]:
        number = 0
        for batch in parquet.iter_batches(batch_size=4096):
            for record in batch.to_pylist():
                number += 1
                yield number, record, None

    return Table(path, columns, text_column, _documents(records(), text_column, options))


def detect_format(path: str, options: ReadOptions) -> str:
    """Return the format: asked for, from the suffix, or (stdin) from the first character."""
    if options.input_format:
        if options.input_format not in FORMATS:
            raise InputError(
                f"unknown input format {options.input_format!r}; one of {', '.join(FORMATS)}"
            )
        return options.input_format
    if path == "-":
        head = sys.stdin.buffer.peek(64).lstrip()[:1] if hasattr(sys.stdin.buffer, "peek") else b""
        return {b"{": "jsonl", b"[": "json"}.get(head, "csv")
    suffix = Path(path).suffix.lower()
    if suffix not in SUFFIX_FORMATS:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise InputError(
            f"{path}: unknown file type {suffix or '(none)'!r}; known: {known}",
            hint="or pass --input-format",
        )
    return SUFFIX_FORMATS[suffix]


def open_table(path: str, options: ReadOptions | None = None) -> Table:
    """Open an export and return its columns and the stream of its Documents."""
    options = options or ReadOptions()
    fmt = detect_format(path, options)
    if fmt in ("csv", "tsv"):
        return _read_csv(path, options, fmt == "tsv")
    readers = {
        "xlsx": _read_xlsx,
        "json": _read_json,
        "jsonl": _read_jsonl,
        "parquet": _read_parquet,
        "txt": _read_txt,
    }
    return readers[fmt](path, options)
