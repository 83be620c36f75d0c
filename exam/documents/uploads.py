"""Uploaded PDFs and images: refuse active content, and strip what identifies the author.

Active content: a PDF that runs JavaScript, launches a program, carries files, plays rich media
or holds an XFA form acts on the computer of whoever opens it (a board member reading an
application, an inspector reading evidence). Such files are refused, never "cleaned": what the
uploader meant the file to do is not ours to guess. The whole object graph is walked with pypdf
(names are compared decoded, so `/J#61vaScript` is `/JavaScript`; compressed object streams are
read too), not grepped.

Identifying metadata: a report's attachment is re-written before it is stored, so that neither
the camera's EXIF (owner, serial number, GPS, time), XMP or ICC profile of an image, nor the
/Info author, XMP packet, annotation authors or file identifier of a PDF leads back to whoever
reported. Images are re-encoded from their pixels (Pillow), PDFs rebuilt from their catalogue
(pypdf), which also drops objects left behind by earlier saves.
"""

from __future__ import annotations

import io
import unicodedata
import warnings
from collections.abc import Iterator

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

__all__ = ["ACTIVE_CONTENT", "UnreadableFile", "active_content_problem", "clean_image",
           "clean_pdf", "describe", "pdf_active_content"]

# Key or action type -> the kind of active content it is.
ACTIVE_CONTENT = {
    "/JavaScript": "javascript",
    "/JS": "javascript",
    "/Launch": "launch",
    "/EmbeddedFiles": "embedded_files",
    "/EmbeddedFile": "embedded_files",
    "/FileAttachment": "embedded_files",
    "/GoToE": "embedded_files",
    "/RichMedia": "media",
    "/RichMediaExecute": "media",
    "/Sound": "media",
    "/Movie": "media",
    "/Rendition": "media",
    "/XFA": "xfa",
    "/AA": "automatic_actions",
    "/SubmitForm": "form_actions",
    "/ImportData": "form_actions",
}
LABELS = {
    "javascript": _l("JavaScript"),
    "launch": _l("an action that starts a program"),
    "embedded_files": _l("embedded files"),
    "media": _l("rich media"),
    "xfa": _l("an XFA form"),
    "automatic_actions": _l("automatic actions"),
    "form_actions": _l("a form that sends or loads data"),
    "open_action": _l("an action run on opening"),
}
_ACTION_TYPES = {"/S", "/Subtype", "/Type"}
_FORMATS = {"JPEG": {"JPEG", "MPO"}, "PNG": {"PNG"}}  # phones write MPO: a JPEG with extras
MAX_OBJECTS = 200_000


class UnreadableFile(ValueError):
    """The file cannot be parsed as what it claims to be."""


def _reader(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise UnreadableFile("encrypted")
        reader.trailer  # noqa: B018 - parse the trailer now, so errors surface here
        return reader
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise UnreadableFile(str(exc)) from exc


def _walk(root) -> Iterator[tuple[str, object]]:
    """Every (key, value) of every dictionary reachable from `root`, each object once."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    visited = 0
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            node = node.get_object()
        visited += 1
        if visited > MAX_OBJECTS:
            raise UnreadableFile("too many objects")
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                yield str(key), value
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def describe(kinds: list[str]) -> str:
    """The kinds of `pdf_active_content`, as a reader would name them."""
    return ", ".join(str(LABELS[kind]) for kind in kinds)


def active_content_problem(name: str, data: bytes) -> str | None:
    """What to tell the uploader of a PDF with active content (or unreadable); None if clean."""
    try:
        active = pdf_active_content(data)
    except UnreadableFile:
        return _("%(name)s is damaged and cannot be read as a PDF.", name=name)
    if not active:
        return None
    return _("%(name)s contains %(what)s, which could run on the reader's computer. Save it "
             "again without it (for example, print it to a new PDF) and attach it again.",
             name=name, what=describe(active))


def pdf_active_content(data: bytes) -> list[str]:
    """The kinds of active content the PDF holds (e.g. ["embedded_files", "javascript"])."""
    reader = _reader(data)
    found: set[str] = set()
    try:
        for key, value in _walk(reader.trailer):
            if key in ACTIVE_CONTENT:
                found.add(ACTIVE_CONTENT[key])
            elif key in _ACTION_TYPES and isinstance(value, NameObject) and value in ACTIVE_CONTENT:
                found.add(ACTIVE_CONTENT[str(value)])
            elif key == "/OpenAction":
                action = value.get_object() if isinstance(value, IndirectObject) else value
                if isinstance(action, DictionaryObject):  # an action, not a page destination
                    kind = str(action.get("/S", ""))
                    if kind not in ("/GoTo",):
                        found.add(ACTIVE_CONTENT.get(kind, "open_action"))
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise UnreadableFile(str(exc)) from exc
    return sorted(found)


def clean_pdf(data: bytes) -> bytes:
    """The same pages, without /Info, XMP, annotation authors, page-piece data or file ID.

    The parsed file is scrubbed first and then copied from its catalogue, so that only objects
    still reachable are written: a detached XMP packet or an old revision does not survive."""
    reader = _reader(data)
    try:
        catalog = reader.trailer["/Root"].get_object()
        for key in ("/Metadata", "/PieceInfo", "/SpiderInfo", "/Perms", "/Legal"):
            catalog.pop(NameObject(key), None)
        for page in reader.pages:
            for key in ("/Metadata", "/PieceInfo", "/LastModified"):
                page.pop(NameObject(key), None)
            for annotation in page.get("/Annots", None) or []:
                annotation = annotation.get_object()
                if annotation.get("/Subtype") != "/Widget":
                    for key in ("/T", "/M", "/CreationDate", "/RC", "/Popup"):
                        annotation.pop(NameObject(key), None)
        writer = PdfWriter(clone_from=reader)
        writer.metadata = None
        writer._ID = None
        out = io.BytesIO()
        writer.write(out)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError) as exc:
        raise UnreadableFile(str(exc)) from exc
    return out.getvalue()


def clean_image(data: bytes, image_format: str) -> bytes:
    """The pixels only, turned upright as the camera meant, re-encoded as `image_format`
    ("JPEG" or "PNG"): no EXIF, XMP, ICC profile, comment or text chunk survives."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as source:
                if source.format not in _FORMATS[image_format]:
                    raise UnreadableFile(f"not a {image_format} file")
                pixels = ImageOps.exif_transpose(source)  # a new image, decoded
                pixels.load()
                transparency = pixels.info.get("transparency")
                pixels.info = {}  # EXIF, XMP, ICC profile, comments, text chunks, DPI...
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:
        raise UnreadableFile(str(exc)) from exc
    options = {}
    if image_format == "JPEG":
        if pixels.mode not in ("RGB", "L", "CMYK"):
            pixels = pixels.convert("RGB")
        options = {"quality": 92}
    elif transparency is not None:
        options = {"transparency": transparency}
    out = io.BytesIO()
    pixels.save(out, image_format, **options)
    return out.getvalue()

def document_problem(upload, max_bytes: int) -> str | None:
    """PDF only, judged by its content, not by its name or the browser's claim (`upload` has
    `filename` and `data`)."""
    name = upload.filename or "?"
    if not upload.data:
        return _("%(name)s is empty.", name=name)
    if len(upload.data) > max_bytes:
        return _("%(name)s is %(size).1f MB; the limit is %(limit).1f MB.", name=name,
                 size=len(upload.data) / 1e6, limit=max_bytes / 1e6)
    if not upload.data.startswith(b"%PDF-") or b"%%EOF" not in upload.data[-2048:]:
        return _("%(name)s is not a PDF file.", name=name)
    try:
        reader = PdfReader(io.BytesIO(upload.data), strict=False)
        if reader.is_encrypted or len(reader.pages) < 1:
            return _("%(name)s is encrypted or has no pages.", name=name)
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        return _("%(name)s is damaged and cannot be read as a PDF.", name=name)
    return active_content_problem(name, upload.data)


def base_name(filename: str) -> str:
    """The file's own name: folders a browser or a crafted request put in front are dropped."""
    return unicodedata.normalize("NFC", (filename or "").replace("\\", "/").rsplit("/", 1)[-1])
