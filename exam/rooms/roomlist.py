"""The room list: the sign-in sheet a room keeps, with photographs, certified like a sheet."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Image, LongTable, Spacer, TableStyle

from exam.documents import pdf

KIND_ROOM_LIST = "room_list"
PHOTO_W, PHOTO_H = 18 * mm, 24 * mm


@dataclass(frozen=True)
class RoomListLine:
    seat: str
    candidate_number: str
    full_name: str
    date_of_birth: str
    check_in: str
    photo_jpeg: bytes | None


@dataclass(frozen=True)
class RoomListSheet:
    header: pdf.SheetHeader
    columns: tuple[str, ...]  # seat, number, photo, name, date of birth, check-in, signature
    lines: list[RoomListLine]
    notes: tuple[str, ...] = ()
    no_photo_label: str = "no photo"
    signer: pdf.SignerBlock | None = None


def build_room_list(sheet: RoomListSheet) -> bytes:
    st = pdf._styles()
    story = pdf._header_flowables(sheet.header, st)
    data = [[pdf._p(c, st["head"]) for c in sheet.columns]]
    for line in sheet.lines:
        photo = (Image(io.BytesIO(line.photo_jpeg), width=PHOTO_W, height=PHOTO_H,
                       kind="proportional") if line.photo_jpeg else
                 pdf._p(sheet.no_photo_label, st["small"]))
        data.append([line.seat, line.candidate_number, photo, pdf._p(line.full_name, st["cell"]),
                     line.date_of_birth, pdf._p(line.check_in, st["cell"]), ""])
    widths = [12 * mm, 20 * mm, 22 * mm, 45 * mm, 22 * mm, 26 * mm]
    widths.append(pdf.PAGE_SIZE[0] - 2 * pdf.MARGIN - sum(widths))
    heights = [None] + [PHOTO_H + 4] * len(sheet.lines)  # room to sign, photograph or not
    table = LongTable(data, colWidths=widths, rowHeights=heights, repeatRows=1,
                      style=TableStyle([
        ("FONT", (0, 0), (-1, -1), pdf.REGULAR, pdf.TABLE_SIZE),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#777777")),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
    ]))
    story += [Spacer(1, 3 * mm), table]
    story += pdf._notes(list(sheet.notes), st)
    if sheet.signer is not None:
        story.append(pdf._signer_block(sheet.signer, st))
    meta = pdf._metadata(KIND_ROOM_LIST, None)
    return pdf._render(sheet.header, story, KIND_ROOM_LIST, meta)
