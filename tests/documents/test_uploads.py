"""Uploaded PDFs with active content are refused; reports' attachments lose their metadata."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    TextStringObject,
)

from exam.documents import uploads
from tests.factories import pdf_bytes

AUTHOR = "Nguyễn Văn Tố Giác"


def _js_action(script: str = "app.alert('x')") -> DictionaryObject:
    return DictionaryObject({NameObject("/S"): NameObject("/JavaScript"),
                             NameObject("/JS"): TextStringObject(script)})


def crafted_pdf(kind: str) -> bytes:
    """A one-page PDF carrying one kind of active content, built the way an attacker would."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    root, page = writer._root_object, writer.pages[0]
    if kind == "open_action_js":
        root[NameObject("/OpenAction")] = writer._add_object(_js_action())
    elif kind == "names_js":
        root[NameObject("/Names")] = DictionaryObject({NameObject("/JavaScript"): DictionaryObject({
            NameObject("/Names"): ArrayObject([TextStringObject("x"),
                                               writer._add_object(_js_action())])})})
    elif kind == "launch":
        root[NameObject("/OpenAction")] = DictionaryObject({
            NameObject("/S"): NameObject("/Launch"), NameObject("/F"): TextStringObject("calc.exe")})
    elif kind == "embedded_file":
        writer.add_attachment("payload.exe", b"MZ\x90\x00")
    elif kind == "page_aa":
        page[NameObject("/AA")] = DictionaryObject({NameObject("/O"): _js_action()})
    elif kind == "rich_media":
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/RichMedia"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4)}))])
    elif kind == "xfa":
        stream = DecodedStreamObject()
        stream.set_data(b"<xdp:xdp/>")
        root[NameObject("/AcroForm")] = DictionaryObject({
            NameObject("/Fields"): ArrayObject(), NameObject("/XFA"): writer._add_object(stream)})
    elif kind == "link_js":
        page[NameObject("/Annots")] = ArrayObject([writer._add_object(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Link"),
            NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4), NameObject("/A"): _js_action()}))])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def obfuscated_pdf() -> bytes:
    """/OpenAction written with #-escaped names, as some malware does to dodge a grep."""
    body = (b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction "
            b"<< /S /J#61vaScript /J#53 (app.alert\\(1\\)) >> >>\nendobj\n"
            b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
            b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>\nendobj\n")
    xref_at = len(body)
    offsets = [body.index(f"{i} 0 obj".encode()) for i in (1, 2, 3)]
    xref = b"xref\n0 4\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    return body + xref + b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref_at


ACTIVE = {"open_action_js": "javascript", "names_js": "javascript", "launch": "launch",
          "embedded_file": "embedded_files", "page_aa": "automatic_actions",
          "rich_media": "media", "xfa": "xfa", "link_js": "javascript"}


@pytest.mark.parametrize(("kind", "expected"), ACTIVE.items())
def test_each_kind_of_active_content_is_found(kind, expected):
    assert expected in uploads.pdf_active_content(crafted_pdf(kind))


def test_escaped_names_do_not_hide_javascript():
    assert uploads.pdf_active_content(obfuscated_pdf()) == ["javascript"]


def test_a_plain_pdf_and_one_opening_at_a_page_are_accepted():
    assert uploads.pdf_active_content(pdf_bytes()) == []
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes())))
    writer._root_object[NameObject("/OpenAction")] = ArrayObject(
        [writer.pages[0].indirect_reference, NameObject("/Fit")])
    out = io.BytesIO()
    writer.write(out)
    assert uploads.pdf_active_content(out.getvalue()) == []


def pdf_with_author() -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes("Biên bản"))))
    writer.add_metadata({"/Author": AUTHOR, "/Creator": "Microsoft Word - Nguyen Van To Giac"})
    xmp = DecodedStreamObject()
    xmp.set_data(f'<x:xmpmeta><dc:creator>{AUTHOR}</dc:creator></x:xmpmeta>'.encode())
    xmp[NameObject("/Type")] = NameObject("/Metadata")
    xmp[NameObject("/Subtype")] = NameObject("/XML")
    writer._root_object[NameObject("/Metadata")] = writer._add_object(xmp)
    writer.add_annotation(0, DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Text"),
        NameObject("/Rect"): ArrayObject([NumberObject(0)] * 4),
        NameObject("/T"): TextStringObject(AUTHOR), NameObject("/Contents"): TextStringObject("!")}))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (40, 30), (200, 30, 30))
    exif = Image.Exif()
    exif[0x013B] = AUTHOR  # Artist
    exif[0x010F] = "Camera maker"  # Make
    exif[0xA431] = "SN-4711-0815"  # BodySerialNumber
    exif[0x0112] = 6  # Orientation: rotated
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, icc_profile=b"fake-icc-" + AUTHOR.encode(),
               comment=AUTHOR.encode())
    return out.getvalue()


def png_with_text() -> bytes:
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", AUTHOR)
    info.add_itxt("XML:com.adobe.xmp", f"<dc:creator>{AUTHOR}</dc:creator>")
    exif = Image.Exif()
    exif[0x013B] = AUTHOR
    out = io.BytesIO()
    Image.new("RGBA", (20, 10), (0, 0, 255, 128)).save(out, "PNG", pnginfo=info, exif=exif)
    return out.getvalue()


def assert_no_trace(data: bytes) -> None:
    for needle in (AUTHOR, "Nguyen Van To Giac", "SN-4711", "Camera maker"):
        assert needle.encode("utf-8") not in data
        assert needle.encode("utf-16-be") not in data


def test_a_cleaned_pdf_keeps_its_pages_but_no_author():
    dirty = pdf_with_author()
    assert AUTHOR.encode("utf-16-be") in dirty or AUTHOR.encode() in dirty
    clean = uploads.clean_pdf(dirty)
    reader = PdfReader(io.BytesIO(clean))
    assert len(reader.pages) == 1
    assert "Biên bản" in reader.pages[0].extract_text() or reader.pages[0].extract_text()
    assert not (reader.metadata or {}).get("/Author")
    assert "/Metadata" not in reader.trailer["/Root"]
    assert "/ID" not in reader.trailer
    assert_no_trace(clean)


def test_a_cleaned_jpeg_has_no_exif_icc_or_comment_and_stands_upright():
    clean = uploads.clean_image(jpeg_with_exif(), "JPEG")
    with Image.open(io.BytesIO(clean)) as image:
        assert image.format == "JPEG"
        assert dict(image.getexif()) == {}
        assert "icc_profile" not in image.info
        assert "comment" not in image.info
        assert image.size == (30, 40)  # orientation 6 applied, then dropped
    assert_no_trace(clean)


def test_a_cleaned_png_has_no_text_chunks_or_exif():
    clean = uploads.clean_image(png_with_text(), "PNG")
    with Image.open(io.BytesIO(clean)) as image:
        assert image.format == "PNG"
        assert image.mode == "RGBA"
        assert dict(image.getexif()) == {}
        assert not {"Author", "XML:com.adobe.xmp"} & set(image.info)
    assert_no_trace(clean)


def test_a_file_that_only_starts_like_an_image_is_unreadable():
    with pytest.raises(uploads.UnreadableFile):
        uploads.clean_image(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "PNG")
