"""Printable documents as PDF bytes, built with reportlab platypus.

Callers pass already-translated labels and plain strings; nothing here knows
about Flask, the database or the locale. Every string is NFC-normalised before
it is printed, because reportlab draws precomposed glyphs best and because the
same text is hashed elsewhere. Output is byte-reproducible (``invariant=1``):
the same input gives the same bytes, so a sheet can be committed to and rebuilt.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    Image,
    KeepTogether,
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from .fonts import BOLD, BOLD_ITALIC, ITALIC, REGULAR, register_fonts

__all__ = [
    "KIND_ADMISSION_TICKET",
    "KIND_RESULT_SHEET",
    "KIND_SCORE_SHEET",
    "KIND_SUBMISSION_RECEIPT",
    "METADATA_KEYS",
    "AdmissionTicket",
    "ResultSheet",
    "ScoreSheet",
    "SheetHeader",
    "SubmissionReceipt",
    "Verification",
    "build_admission_ticket",
    "build_result_sheet",
    "build_score_sheet",
    "build_submission_receipt",
    "metadata_at",
    "nfc",
    "read_sheet_metadata",
]

KIND_RESULT_SHEET = "result_sheet"
KIND_SCORE_SHEET = "score_sheet"
KIND_ADMISSION_TICKET = "admission_ticket"
KIND_SUBMISSION_RECEIPT = "submission_receipt"

# Document-info keys a verifier reads back (see read_sheet_metadata).
META_KIND = "/ThituyenKind"
META_CODE = "/ThituyenCode"
META_DATA_SHA256 = "/ThituyenDataSHA256"
META_CHAIN_HEAD = "/ThituyenChainHead"
META_CHAIN_LENGTH = "/ThituyenChainLength"
METADATA_KEYS = (META_KIND, META_CODE, META_DATA_SHA256, META_CHAIN_HEAD, META_CHAIN_LENGTH)

PAGE_SIZE = A4
MARGIN = 18 * mm
FOOTER_Y = 10 * mm
BODY_SIZE = 9.5
TABLE_SIZE = 9
MONO = "Courier"  # hex digests only: ASCII, and fixed width makes them easy to compare


def nfc(text: Any) -> str:
    """NFC form of ``text`` (None -> ""), so printing and hashing agree."""
    if text is None:
        return ""
    return unicodedata.normalize("NFC", str(text))


# --------------------------------------------------------------------------- inputs


@dataclass(frozen=True)
class Verification:
    """What lets an outsider check a printed sheet: QR/URL, short code, data hash, chain head."""

    code: str
    url: str
    data_sha256: str
    chain_head: str = ""
    chain_length: int | None = None
    heading_label: str = "Verification"
    code_label: str = "Verification code"
    url_label: str = "Verify at"
    data_sha256_label: str = "SHA-256 of the data"
    chain_head_label: str = "Audit chain head"
    chain_length_label: str = "Audit chain length"
    note: str = ""


@dataclass(frozen=True)
class OfficialHeading:
    """The heading Decree 30/2020/NĐ-CP asks of a Vietnamese administrative document: the
    issuing body (under its parent body) with the document's number and symbol on the left,
    the national title and motto with the place and date on the right."""

    issuing_body: str
    number_symbol: str
    place_date: str
    parent_body: str = ""
    national_title: str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    motto: str = "Độc lập - Tự do - Hạnh phúc"


@dataclass(frozen=True)
class SignerBlock:
    """Where the document is signed: the signer's capacity ("TM. HỘI ĐỒNG THI TUYỂN",
    "CHỦ TỊCH"), a note on the digital signature, the name; the recipients on the left."""

    capacity: Sequence[str]
    name: str
    note: str = ""
    recipients_label: str = ""
    recipients: Sequence[str] = ()


@dataclass(frozen=True)
class SheetHeader:
    """Top block shared by every document; all values already translated."""

    organization: str
    competition_title: str
    title: str
    post: str = ""
    unit: str = ""
    status_label: str = ""
    generated_at_label: str = ""
    post_label: str = ""
    unit_label: str = ""
    subtitle: str = ""
    page_label: str = "Page {page}/{pages}"  # str.format with page, pages
    official: OfficialHeading | None = None


@dataclass(frozen=True)
class ResultSheet:
    """A (possibly long) table of results, with notes and a verification box at the end."""

    header: SheetHeader
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    notes: Sequence[str] = ()
    verification: Verification | None = None
    column_align: Sequence[str] | None = None  # "LEFT" / "CENTER" / "RIGHT" per column
    empty_label: str = ""
    keep_whole: Sequence[int] = ()  # columns never narrowed (names stay on one line)
    signer: SignerBlock | None = None


@dataclass(frozen=True)
class ScoreSheet:
    """One candidate's scores, part by part."""

    header: SheetHeader
    candidate_number: str
    candidate_name: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    total: Sequence[str] | None = None  # printed as a bold last row
    notes: Sequence[str] = ()
    verification: Verification | None = None
    candidate_number_label: str = "Candidate number"
    candidate_name_label: str = "Full name"
    extra_fields: Sequence[tuple[str, str]] = ()
    column_align: Sequence[str] | None = None
    signer: SignerBlock | None = None


@dataclass(frozen=True)
class AdmissionTicket:
    """What a candidate brings to the sitting."""

    header: SheetHeader
    candidate_number: str
    candidate_name: str
    competition: str
    sitting_time: str
    location: str = ""
    instructions: Sequence[str] = ()
    extra_fields: Sequence[tuple[str, str]] = ()
    verification: Verification | None = None
    candidate_number_label: str = "Candidate number"
    candidate_name_label: str = "Full name"
    competition_label: str = "Competition"
    sitting_time_label: str = "Sitting"
    location_label: str = "Location"
    instructions_label: str = "Access instructions"
    photo_jpeg: bytes | None = None  # the candidate's photograph, for the identity check
    signer: SignerBlock | None = None


@dataclass(frozen=True)
class SubmissionReceipt:
    """Proof of what a candidate submitted and when (the hash of their answers)."""

    header: SheetHeader
    candidate_number: str
    submitted_at: str
    answers_sha256: str
    candidate_name: str = ""
    extra_fields: Sequence[tuple[str, str]] = ()
    notes: Sequence[str] = ()
    verification: Verification | None = None
    candidate_number_label: str = "Candidate number"
    candidate_name_label: str = "Full name"
    submitted_at_label: str = "Submitted at"
    answers_sha256_label: str = "SHA-256 of the answers"


# --------------------------------------------------------------------------- styles


def _styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    base = ParagraphStyle("body", fontName=REGULAR, fontSize=BODY_SIZE, leading=BODY_SIZE * 1.3)
    return {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10),
        "org": ParagraphStyle("org", base, fontName=BOLD, fontSize=10.5, leading=13),
        "competition": ParagraphStyle("competition", base, fontSize=10.5, leading=13),
        "title": ParagraphStyle(
            "title",
            base,
            fontName=BOLD,
            fontSize=15,
            leading=19,
            alignment=TA_CENTER,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle("subtitle", base, alignment=TA_CENTER, spaceAfter=4),
        "status": ParagraphStyle(
            "status",
            base,
            fontName=BOLD,
            fontSize=10,
            alignment=TA_RIGHT,
            textColor=colors.HexColor("#9b1c1c"),
        ),
        "meta": ParagraphStyle("meta", base, fontName=ITALIC, fontSize=8.5, alignment=TA_RIGHT),
        "cell": ParagraphStyle("cell", base, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.2),
        "head": ParagraphStyle(
            "head", base, fontName=BOLD, fontSize=TABLE_SIZE, leading=TABLE_SIZE * 1.2
        ),
        "boxhead": ParagraphStyle("boxhead", base, fontName=BOLD, fontSize=10, leading=13),
        "code": ParagraphStyle("code", base, fontName=BOLD, fontSize=13, leading=16),
        "mono": ParagraphStyle("mono", base, fontName=MONO, fontSize=7.5, leading=9.5),
        "label": ParagraphStyle("label", base, fontName=BOLD),
        "big": ParagraphStyle("big", base, fontName=BOLD, fontSize=13, leading=17),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(nfc(text)), style)


# --------------------------------------------------------------------------- canvas


class _Info(PDFInfo):
    """Document info dictionary plus our /Thituyen* keys (reportlab has no public hook)."""

    def __init__(self, extra: Mapping[str, str]):
        super().__init__()
        self.extra = dict(extra)

    def format(self, document):
        d = {
            "Title": PDFString(self.title),
            "Author": PDFString(self.author),
            "Producer": PDFString(self.producer),
            "Creator": PDFString(self.creator),
            "Subject": PDFString(self.subject),
            "Keywords": PDFString(self.keywords),
            "Trapped": PDFName(self.trapped),
        }
        d["ModDate"] = d["CreationDate"] = PDFDate(
            ts=document._timeStamp, dateFormatter=self._dateFormatter
        )
        for key, value in self.extra.items():
            d[key.lstrip("/")] = PDFString(value)
        return PDFDictionary(d).format(document)


def _canvas_class(info_extra: Mapping[str, str], footer_left: str, page_label: str):
    """A canvas that knows the page count (for "page n/N") and writes custom info keys."""

    class _DocCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            old = self._doc.info
            self._doc.info = _Info(info_extra)
            self._doc.info.__dict__.update({k: v for k, v in old.__dict__.items() if k != "extra"})
            self._pages: list[dict] = []

        def showPage(self):  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self):
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            width, _ = PAGE_SIZE
            self.saveState()
            self.setFont(REGULAR, 7.5)
            self.setFillColor(colors.HexColor("#444444"))
            if footer_left:
                self.drawString(MARGIN, FOOTER_Y, footer_left)
            label = page_label.format(page=self._pageNumber, pages=total)
            self.drawRightString(width - MARGIN, FOOTER_Y, nfc(label))
            self.restoreState()

    return _DocCanvas


# --------------------------------------------------------------------------- pieces


def _official_heading(heading: OfficialHeading, st: dict[str, ParagraphStyle]) -> Flowable:
    width = PAGE_SIZE[0] - 2 * MARGIN
    centre = ParagraphStyle("centre", st["body"], alignment=TA_CENTER)
    bold = ParagraphStyle("centre-bold", centre, fontName=BOLD)
    left = [_p(heading.parent_body.upper(), centre)] if heading.parent_body else []
    left += [_p(heading.issuing_body.upper(), bold), _p(heading.number_symbol, centre)]
    right = [_p(heading.national_title.upper(), bold),
             Paragraph(f"<u>{escape(nfc(heading.motto))}</u>", bold),
             _p(heading.place_date, ParagraphStyle("place", centre, fontName=ITALIC))]
    return Table([[left, right]], colWidths=[width * 0.42, width * 0.58], style=TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
    ]))


def _signer_block(signer: SignerBlock, st: dict[str, ParagraphStyle]) -> Flowable:
    width = PAGE_SIZE[0] - 2 * MARGIN
    centre = ParagraphStyle("sign", st["body"], alignment=TA_CENTER, fontName=BOLD)
    left = []
    if signer.recipients_label:
        left.append(_p(signer.recipients_label, ParagraphStyle("to", st["small"],
                                                               fontName=BOLD_ITALIC)))
        last = len(signer.recipients) - 1
        left += [_p(f"- {r}{'.' if n == last else ';'}", st["small"])
                 for n, r in enumerate(signer.recipients)]
    right = [_p(line, centre) for line in signer.capacity]
    if signer.note:
        right.append(_p(signer.note, ParagraphStyle("signnote", st["small"],
                                                    alignment=TA_CENTER, fontName=ITALIC)))
    right += [Spacer(1, 6 * mm), _p(signer.name, centre)]
    return KeepTogether([Spacer(1, 4 * mm), Table(
        [[left, right]], colWidths=[width * 0.5, width * 0.5],
        style=TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                          ("LEFTPADDING", (0, 0), (-1, -1), 0),
                          ("RIGHTPADDING", (0, 0), (-1, -1), 0)]))])


def _header_flowables(header: SheetHeader, st: dict[str, ParagraphStyle]) -> list[Flowable]:
    width = PAGE_SIZE[0] - 2 * MARGIN
    left = [_p(header.competition_title, st["competition"])]
    if header.official is None:  # the official heading names the organization already
        left.insert(0, _p(header.organization, st["org"]))
    for label, value in ((header.post_label, header.post), (header.unit_label, header.unit)):
        if value:
            text = f"{nfc(label)}: {nfc(value)}" if label else nfc(value)
            left.append(_p(text, st["body"]))
    right: list[Flowable] = []
    if header.status_label:
        right.append(_p(header.status_label, st["status"]))
    if header.generated_at_label:
        right.append(_p(header.generated_at_label, st["meta"]))
    top = Table(
        [[left, right]],
        colWidths=[width * 0.68, width * 0.32],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    out: list[Flowable] = [top, _p(header.title, st["title"])]
    if header.official is not None:
        out.insert(0, _official_heading(header.official, st))
    if header.subtitle:
        out.append(_p(header.subtitle, st["subtitle"]))
    out.append(Spacer(1, 4 * mm))
    return out


def _qr(url: str, size: float) -> Drawing:
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return drawing


def _verification_box(v: Verification, st: dict[str, ParagraphStyle]) -> Flowable:
    width = PAGE_SIZE[0] - 2 * MARGIN
    qr_size = 30 * mm
    lines: list[Flowable] = [
        _p(v.heading_label, st["boxhead"]),
        _p(f"{nfc(v.code_label)}: {nfc(v.code)}", st["code"]),
        _p(f"{nfc(v.url_label)}: {nfc(v.url)}", st["small"]),
        _p(v.data_sha256_label, st["small"]),
        _p(v.data_sha256, st["mono"]),
    ]
    if v.chain_head:
        lines += [_p(v.chain_head_label, st["small"]), _p(v.chain_head, st["mono"])]
    if v.chain_length is not None:
        lines.append(_p(f"{nfc(v.chain_length_label)}: {v.chain_length}", st["small"]))
    if v.note:
        lines.append(_p(v.note, st["small"]))
    box = Table(
        [[_qr(nfc(v.url), qr_size), lines]],
        colWidths=[qr_size + 6 * mm, width - qr_size - 6 * mm],
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        ),
    )
    return KeepTogether([Spacer(1, 5 * mm), box])


def _fit_widths(
    widths: list[float], available: float, keep: Sequence[int] = ()
) -> list[float]:
    """Shrink the widest columns until the table fits; narrow columns keep their size.

    Columns in ``keep`` (e.g. names, which must never be split) are not shrunk at all.
    """
    total = sum(widths)
    if total <= available:
        extra = (available - total) / len(widths)
        return [w + extra for w in widths]
    widths = list(widths)
    free = [i for i in range(len(widths)) if i not in set(keep)] or list(range(len(widths)))
    while sum(widths) > available + 0.01:
        order = sorted(free, key=lambda i: widths[i], reverse=True)
        top = widths[order[0]]
        tied = [i for i in order if widths[i] == top]
        nxt = next((widths[i] for i in order if widths[i] < top), 0.0)
        excess = sum(widths) - available
        cut = min(top - nxt, excess / len(tied))
        if cut <= 0.01:
            break
        for i in tied:
            widths[i] -= cut
    return widths


def _data_table(
    columns: Sequence[str],
    rows: Sequence[Sequence[str]],
    st: dict[str, ParagraphStyle],
    align: Sequence[str] | None = None,
    total: Sequence[str] | None = None,
    keep_whole: Sequence[int] = (),
) -> Flowable:
    """A table that repeats its header on each page and wraps only the cells that need it.

    Plain strings are far cheaper to lay out than Paragraphs, so a cell becomes a
    Paragraph only when it is wider than its column (keeps 2,000 rows fast).
    """
    ncols = len(columns)
    head = [nfc(c) for c in columns]
    body = [[nfc(c) for c in row] + [""] * (ncols - len(row)) for row in rows]
    foot = [nfc(c) for c in total] + [""] * (ncols - len(total)) if total else None
    pad = 8.0
    widths = [stringWidth(h, BOLD, TABLE_SIZE) + pad for h in head]
    for row in [*body, *([foot] if foot else [])]:
        for i, cell in enumerate(row[:ncols]):
            w = stringWidth(cell, REGULAR, TABLE_SIZE) + pad
            if w > widths[i]:
                widths[i] = w
    widths = [min(w, 90 * mm) for w in widths]
    widths = _fit_widths(widths, PAGE_SIZE[0] - 2 * MARGIN, keep_whole)

    def cells(row: list[str], font: str, style: ParagraphStyle) -> list[Any]:
        out: list[Any] = []
        for i, cell in enumerate(row[:ncols]):
            if stringWidth(cell, font, TABLE_SIZE) + pad > widths[i]:
                out.append(Paragraph(escape(cell), style))
            else:
                out.append(cell)
        return out

    data = [cells(head, BOLD, st["head"])]
    data += [cells(row, REGULAR, st["cell"]) for row in body]
    if foot:
        data.append(cells(foot, BOLD, st["head"]))
    commands: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, TABLE_SIZE),
        ("FONT", (0, 0), (-1, 0), BOLD, TABLE_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ]
    if len(data) > 2:
        commands.append(
            ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, colors.HexColor("#f6f6f6")])
        )
    if foot:
        commands.append(("FONT", (0, -1), (-1, -1), BOLD, TABLE_SIZE))
    for i, a in enumerate(align or ()):
        if i < ncols and a:
            commands.append(("ALIGN", (i, 0), (i, -1), a.upper()))
    return LongTable(data, colWidths=widths, repeatRows=1, style=TableStyle(commands))


def _fields_table(
    fields: Sequence[tuple[str, str]], st: dict[str, ParagraphStyle], big: bool = False
) -> Flowable:
    width = PAGE_SIZE[0] - 2 * MARGIN
    value_style = st["big"] if big else st["body"]
    data = [[_p(label, st["label"]), _p(value, value_style)] for label, value in fields]
    return Table(
        data,
        colWidths=[width * 0.32, width * 0.68],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.HexColor("#bbbbbb")),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        ),
    )


def _notes(notes: Sequence[str], st: dict[str, ParagraphStyle]) -> list[Flowable]:
    out: list[Flowable] = []
    if notes:
        out.append(Spacer(1, 3 * mm))
        out += [_p(n, st["small"]) for n in notes]
    return out


def _metadata(kind: str, v: Verification | None, data_sha256: str = "") -> dict[str, str]:
    meta = {META_KIND: kind}
    if v is not None:
        meta[META_CODE] = nfc(v.code)
        meta[META_DATA_SHA256] = nfc(v.data_sha256)
        if v.chain_head:
            meta[META_CHAIN_HEAD] = nfc(v.chain_head)
        if v.chain_length is not None:
            meta[META_CHAIN_LENGTH] = str(v.chain_length)
    if data_sha256:
        meta[META_DATA_SHA256] = nfc(data_sha256)
    return meta


def _render(
    header: SheetHeader,
    story: list[Flowable],
    kind: str,
    meta: Mapping[str, str],
    footer_left: str = "",
) -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=nfc(header.title),
        author=nfc(header.organization),
        subject=nfc(header.competition_title),
        creator="thituyen",
        keywords=" ".join(f"{k.lstrip('/')}={v}" for k, v in meta.items()),
        invariant=1,
    )
    doc.build(story, canvasmaker=_canvas_class(meta, nfc(footer_left), header.page_label))
    return buf.getvalue()


def _footer_text(v: Verification | None) -> str:
    return f"{nfc(v.code_label)}: {nfc(v.code)}" if v else ""


# --------------------------------------------------------------------------- builders


def build_result_sheet(sheet: ResultSheet) -> bytes:
    """Result sheet of a competition (one row per candidate), verification box at the end."""
    st = _styles()
    story = _header_flowables(sheet.header, st)
    if sheet.rows:
        story.append(
            _data_table(
                sheet.columns, sheet.rows, st, sheet.column_align, keep_whole=sheet.keep_whole
            )
        )
    elif sheet.empty_label:
        story.append(_p(sheet.empty_label, st["body"]))
    story += _notes(sheet.notes, st)
    if sheet.signer is not None:
        story.append(_signer_block(sheet.signer, st))
    if sheet.verification:
        story.append(_verification_box(sheet.verification, st))
    meta = _metadata(KIND_RESULT_SHEET, sheet.verification)
    return _render(sheet.header, story, KIND_RESULT_SHEET, meta, _footer_text(sheet.verification))


def build_score_sheet(sheet: ScoreSheet) -> bytes:
    """One candidate's per-part scores."""
    st = _styles()
    story = _header_flowables(sheet.header, st)
    fields = [
        (sheet.candidate_number_label, sheet.candidate_number),
        (sheet.candidate_name_label, sheet.candidate_name),
        *sheet.extra_fields,
    ]
    story += [_fields_table(fields, st), Spacer(1, 4 * mm)]
    story.append(_data_table(sheet.columns, sheet.rows, st, sheet.column_align, sheet.total))
    story += _notes(sheet.notes, st)
    if sheet.signer is not None:
        story.append(_signer_block(sheet.signer, st))
    if sheet.verification:
        story.append(_verification_box(sheet.verification, st))
    meta = _metadata(KIND_SCORE_SHEET, sheet.verification)
    return _render(sheet.header, story, KIND_SCORE_SHEET, meta, _footer_text(sheet.verification))


def build_admission_ticket(ticket: AdmissionTicket) -> bytes:
    """Admission ticket: who, which competition, when and where, how to get in."""
    st = _styles()
    story = _header_flowables(ticket.header, st)
    story.append(
        _fields_table([(ticket.candidate_number_label, ticket.candidate_number)], st, big=True)
    )
    if ticket.photo_jpeg:
        story.append(Image(io.BytesIO(ticket.photo_jpeg), width=30 * mm, height=40 * mm,
                           kind="proportional", hAlign="LEFT"))
    fields = [
        (ticket.candidate_name_label, ticket.candidate_name),
        (ticket.competition_label, ticket.competition),
        (ticket.sitting_time_label, ticket.sitting_time),
    ]
    if ticket.location:
        fields.append((ticket.location_label, ticket.location))
    fields += list(ticket.extra_fields)
    story.append(_fields_table(fields, st))
    if ticket.instructions:
        story += [Spacer(1, 4 * mm), _p(ticket.instructions_label, st["boxhead"])]
        story += [
            _p(f"{i}. {nfc(line)}", st["body"]) for i, line in enumerate(ticket.instructions, 1)
        ]
    if ticket.signer is not None:
        story.append(_signer_block(ticket.signer, st))
    if ticket.verification:
        story.append(_verification_box(ticket.verification, st))
    meta = _metadata(KIND_ADMISSION_TICKET, ticket.verification)
    return _render(
        ticket.header, story, KIND_ADMISSION_TICKET, meta, _footer_text(ticket.verification)
    )


def build_submission_receipt(receipt: SubmissionReceipt) -> bytes:
    """Receipt for a submitted paper; the answers' SHA-256 is what a later dispute checks."""
    st = _styles()
    story = _header_flowables(receipt.header, st)
    fields: list[tuple[str, str]] = [(receipt.candidate_number_label, receipt.candidate_number)]
    if receipt.candidate_name:
        fields.append((receipt.candidate_name_label, receipt.candidate_name))
    fields.append((receipt.submitted_at_label, receipt.submitted_at))
    fields += list(receipt.extra_fields)
    story.append(_fields_table(fields, st))
    story += [
        Spacer(1, 3 * mm),
        _p(receipt.answers_sha256_label, st["label"]),
        _p(receipt.answers_sha256, ParagraphStyle("digest", st["mono"], fontSize=9, leading=12)),
    ]
    story += _notes(receipt.notes, st)
    if receipt.verification:
        story.append(_verification_box(receipt.verification, st))
    meta = _metadata(KIND_SUBMISSION_RECEIPT, receipt.verification, receipt.answers_sha256)
    return _render(
        receipt.header, story, KIND_SUBMISSION_RECEIPT, meta, _footer_text(receipt.verification)
    )


# --------------------------------------------------------------------------- reading back


def read_sheet_metadata(pdf_bytes: bytes, *, revision: int | None = None) -> dict[str, str]:
    """The /Thituyen* document-info keys of the latest revision (or of ``revision``).

    A verifier should prefer the revision covered by the certification signature;
    ``signing.verify_pdf`` does that and flags any later change.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader

    reader = PdfFileReader(io.BytesIO(pdf_bytes), strict=True)
    return metadata_at(reader, revision)


def metadata_at(reader: Any, revision: int | None = None) -> dict[str, str]:
    """/Thituyen* keys as they were in ``revision`` of a pyHanko reader (None: latest).

    Indirect objects are resolved through the historical resolver: resolving them
    the ordinary way would silently return the newest version of the dictionary.
    """
    from pyhanko.pdf_utils.generic import IndirectObject

    if revision is None:
        revision = reader.xrefs.total_revisions - 1
    resolver = reader.get_historical_resolver(revision)
    info = resolver.trailer_view.raw_get("/Info") if "/Info" in resolver.trailer_view else None
    if isinstance(info, IndirectObject):
        info = resolver.get_object(info.reference)
    if info is None:
        return {}
    out: dict[str, str] = {}
    for key in METADATA_KEYS:
        if key in info:
            out[key.lstrip("/")] = str(info[key])
    return out
