"""Whole documents (memos, drafts) → text to analyse, with a way back to the source positions.

Markup is blanked with spaces of the same length rather than removed, and block boundaries
become line breaks, so that an offset in the analysed text is the offset in the source: a
finding points at the line and column the author sees. Word documents are read paragraph by
paragraph (line = paragraph), PDFs page by page (page and line).
"""

from __future__ import annotations

import fnmatch
import html
import re
import sys
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from cultureclient.errors import FormatError, InputError
from cultureclient.io.positions import LineIndex, Location
from cultureclient.io.readers import decode_text

SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".docx", ".pdf", ".odt")


@dataclass(frozen=True)
class SourceDocument:
    """A document read from a file: the text to analyse, its positions, its date if known.

    ``index`` indexes the lines of the source (the file's text for txt, md and html; the
    paragraphs or pages for docx, odt and pdf); ``offsets`` maps each character of ``text``
    to the source when markup was removed (HTML), and is None when offsets are the same.
    """

    path: str
    format: str
    text: str
    index: LineIndex
    date: str | None = None
    offsets: list[int] | None = None

    def locate(self, offset: int) -> Location:
        """Return the source location of an offset in ``text``."""
        if self.offsets is not None:
            offset = self.offsets[max(0, min(offset, len(self.offsets) - 1))]
        return self.index.locate(offset)


def _blank(match: re.Match[str]) -> str:
    return "".join("\n" if ch == "\n" else " " for ch in match.group(0))


_MD_PATTERNS = [
    re.compile(r"\A---\n.*?\n---\n", re.S),  # front matter
    re.compile(r"<!--.*?-->", re.S),  # comments (directives are read from the source)
    re.compile(r"^```.*$", re.M),  # code fences
    re.compile(r"^\s{0,3}#{1,6}\s", re.M),  # headings
    re.compile(r"^\s{0,3}>\s?", re.M),  # quotes
    re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s", re.M),  # list markers
    re.compile(r"!?\[(?=[^\]]*\]\()"),  # the [ of a link or image
    re.compile(r"\]\([^)]*\)"),  # the ](url) of a link
    re.compile(r"<[^>\n]+>"),  # inline HTML
    re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)"),  # emphasis and code marks
    re.compile(r"\|"),  # table pipes
]


def strip_markdown(source: str) -> str:
    """Blank Markdown markup with spaces, keeping every offset and line."""
    text = source
    for pattern in _MD_PATTERNS:
        text = pattern.sub(_blank, text)
    return text


_BLOCK_TAGS = re.compile(
    r"^</?(p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|blockquote|"
    r"title|hr|pre|dd|dt)\b",
    re.I,
)
_HTML_TOKENS = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&#?\w+;", re.S | re.I)


def strip_html(source: str) -> tuple[str, list[int]]:
    """Remove HTML tags, scripts and comments and decode entities.

    Returns the text and, for each of its characters, its offset in the source: tags are
    removed rather than blanked so that "mer<b>ci</b>" stays one word. Block tags become line
    breaks so that paragraphs stay apart.
    """
    out: list[str] = []
    offsets: list[int] = []
    position = 0
    for match in _HTML_TOKENS.finditer(source):
        out.append(source[position : match.start()])
        offsets.extend(range(position, match.start()))
        token = match.group(0)
        if token.startswith("&"):
            char = html.unescape(token)
            char = char if len(char) == 1 else " "
        else:
            char = "\n" if _BLOCK_TAGS.match(token) else ""
        if char:
            out.append(char)
            offsets.append(match.start())
        position = match.end()
    out.append(source[position:])
    offsets.extend(range(position, len(source)))
    offsets.append(len(source))  # the end of the text maps to the end of the source
    return "".join(out), offsets


_DATE_IN_NAME = re.compile(r"(20\d\d)[-_.]?(0[1-9]|1[0-2])(?:[-_.]?(0[1-9]|[12]\d|3[01]))?(?!\d)")


def date_from_name(name: str) -> str | None:
    """Return an ISO date (or year-month) found in a file name: ``2026-03_plan.docx``."""
    match = _DATE_IN_NAME.search(name)
    if not match:
        return None
    year, month, day = match.groups()
    return f"{year}-{month}-{day}" if day else f"{year}-{month}"


def _read_docx(path: Path) -> tuple[str, str | None]:
    from docx import Document as open_docx

    try:
        document = open_docx(str(path))
    except Exception as exc:  # python-docx raises zip, XML and value errors for broken files
        raise FormatError(f"{path}: not a readable .docx (corrupt or encrypted?)") from exc
    paragraphs = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            paragraphs.append(" | ".join(cell.text for cell in row.cells))
    created = document.core_properties.created
    return "\n".join(paragraphs), created.date().isoformat() if created else None


def _read_pdf(path: Path) -> tuple[str, str | None, list[int]]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        if reader.is_encrypted and not reader.decrypt(""):
            raise FormatError(f"{path}: the PDF is encrypted", hint="export it without a password")
        pages, starts, offset = [], [], 0
        for page in reader.pages:
            text = (page.extract_text() or "").replace("\r", "")
            starts.append(offset)
            pages.append(text)
            offset += len(text) + 1
        created = reader.metadata.creation_date if reader.metadata else None
    except FormatError:
        raise
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise FormatError(f"{path}: not a readable PDF ({type(exc).__name__})") from exc
    except Exception as exc:  # pypdf raises a wide range of errors on damaged files
        if "decrypt" in str(exc).lower() or "crypt" in type(exc).__name__.lower():
            raise FormatError(
                f"{path}: the PDF is encrypted", hint="export it without a password"
            ) from exc
        raise FormatError(f"{path}: not a readable PDF ({type(exc).__name__})") from exc
    return "\n".join(pages), created.date().isoformat() if created else None, starts


_ODF_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_ODF_META = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0"


def _read_odt(path: Path) -> tuple[str, str | None]:
    try:
        with zipfile.ZipFile(path) as archive:
            content = ElementTree.fromstring(archive.read("content.xml"))
            meta = archive.read("meta.xml") if "meta.xml" in archive.namelist() else None
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise FormatError(f"{path}: not a readable .odt (corrupt or encrypted?)") from exc
    blocks = [
        "".join(el.itertext())
        for el in content.iter()
        if el.tag in (f"{{{_ODF_TEXT}}}p", f"{{{_ODF_TEXT}}}h")
    ]
    date = None
    if meta is not None:
        found = ElementTree.fromstring(meta).find(f".//{{{_ODF_META}}}creation-date")
        date = found.text[:10] if found is not None and found.text else None
    return "\n".join(blocks), date


def read_document(path: str | Path, encoding: str | None = None) -> SourceDocument:
    """Read one document; raise an ``InputError`` naming the file when it cannot be read."""
    if str(path) == "-":
        text = decode_text(sys.stdin.buffer.read(), "<stdin>", encoding)
        return SourceDocument("-", "txt", text, LineIndex(text))
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError(
            f"{path}: unsupported document type {suffix or '(none)'!r}; known: {', '.join(SUFFIXES)}"
        )
    if not path.is_file():
        raise InputError(f"{path}: no such file")
    name_date = date_from_name(path.name)
    if suffix == ".docx":
        text, date = _read_docx(path)
        return SourceDocument(str(path), "docx", text, LineIndex(text), date or name_date)
    if suffix == ".pdf":
        text, date, pages = _read_pdf(path)
        return SourceDocument(str(path), "pdf", text, LineIndex(text, pages), date or name_date)
    if suffix == ".odt":
        text, date = _read_odt(path)
        return SourceDocument(str(path), "odt", text, LineIndex(text), date or name_date)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path}: cannot read: {exc.strerror}") from exc
    source = decode_text(raw, str(path), encoding)
    if suffix in (".md", ".markdown"):
        return SourceDocument(str(path), "md", strip_markdown(source), LineIndex(source), name_date)
    if suffix in (".html", ".htm"):
        text, offsets = strip_html(source)
        return SourceDocument(str(path), "html", text, LineIndex(source), name_date, offsets)
    return SourceDocument(str(path), "txt", source, LineIndex(source), name_date)


def find_documents(
    paths: Iterable[str | Path], include: Iterable[str] = (), exclude: Iterable[str] = ()
) -> list[Path]:
    """Expand files and folders (recursively) into document paths, filtered by glob patterns.

    A folder contributes the files with a known suffix; a file named explicitly is kept
    whatever its suffix, so that its error is reported rather than silently skipped.
    """
    include, exclude = list(include), list(exclude)
    found: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        elif path.exists():
            candidates = [path]
        else:
            raise InputError(f"{path}: no such file or folder")
        for candidate in candidates:
            name = candidate.as_posix()
            if include and not any(
                fnmatch.fnmatch(name, g) or fnmatch.fnmatch(candidate.name, g) for g in include
            ):
                continue
            if any(fnmatch.fnmatch(name, g) or fnmatch.fnmatch(candidate.name, g) for g in exclude):
                continue
            if candidate not in found:
                found.append(candidate)
    return found
