"""Vietnamese for the strings added on the reports branch (documents, reports, exports)."""

VI = {
    "The organization's signing certificate is not installed, so no sheet can be confirmed as genuine.":
        "Chứng thư ký số của cơ quan chưa được cài đặt nên không thể xác nhận văn bản nào là bản gốc.",
    "The sheet was certified by %(name)s, not with the organization's signing certificate: a board member's certificate can only countersign, so this is not one of our sheets.":
        "Văn bản được xác nhận bằng chữ ký của %(name)s, không phải bằng chứng thư ký số của cơ quan: chứng thư của thành viên Hội đồng chỉ dùng để ký bổ sung, vì vậy đây không phải văn bản do chúng tôi phát hành.",
    "Only the board and inspectors see how many reports came in.":
        "Chỉ Hội đồng thi tuyển và giám sát viên được xem số lượng phản ánh đã nhận.",
    "Reports about the competitions of your board":
        "Phản ánh về các kỳ thi tuyển của Hội đồng mà Ông/Bà là thành viên",
    "Only inspectors read reports, so that nobody named in one, or able to guess who wrote it, ever sees it. The board learns how many came in, by category.":
        "Chỉ giám sát viên được đọc nội dung phản ánh, để người bị nêu tên hoặc người có thể đoán ra ai là người phản ánh không bao giờ xem được. Hội đồng chỉ được biết số lượng phản ánh theo từng loại.",
    "Reports": "Số phản ánh",
    "%(name)s contains %(what)s, which could run on the reader's computer. Save it again without it (for example, print it to a new PDF) and attach it again.":
        "Tệp %(name)s có chứa %(what)s, có thể tự chạy trên máy tính của người mở tệp. Đề nghị lưu lại tệp không có nội dung này (ví dụ: in ra một tệp PDF mới) rồi đính kèm lại.",
    "%(name)s is damaged and cannot be read.": "Tệp %(name)s bị hỏng, không đọc được.",
    "JavaScript": "mã JavaScript",
    "an action that starts a program": "lệnh khởi chạy chương trình",
    "embedded files": "tệp đính kèm bên trong",
    "rich media": "nội dung đa phương tiện",
    "an XFA form": "biểu mẫu XFA",
    "automatic actions": "lệnh tự động",
    "a form that sends or loads data": "biểu mẫu gửi hoặc nạp dữ liệu",
    "an action run on opening": "lệnh tự chạy khi mở tệp",
}
