"""Vietnamese for the strings added on the reports branch (documents, reports, exports)."""

VI = {
    "The organization's signing certificate is not installed, so no sheet can be confirmed as genuine.":
        "Chứng thư ký số của cơ quan chưa được cài đặt nên không thể xác nhận văn bản nào là bản gốc.",
    "The sheet was certified by %(name)s, not with the organization's signing certificate: a board member's certificate can only countersign, so this is not one of our sheets.":
        "Văn bản được xác nhận bằng chữ ký của %(name)s, không phải bằng chứng thư ký số của cơ quan: chứng thư của thành viên Hội đồng chỉ dùng để ký bổ sung, vì vậy đây không phải văn bản do chúng tôi phát hành.",
}
