"""Vietnamese for WTForms' messages, the signature checker's problems, and the other words of
the "words, documents, public verification, demo" work."""

VI = {
    # WTForms (ships no Vietnamese)
    "This field is required.": "Trường này là bắt buộc.",
    "Invalid input.": "Giá trị nhập không hợp lệ.",
    "Invalid email address.": "Địa chỉ thư điện tử không hợp lệ.",
    "Not a valid choice.": "Lựa chọn không hợp lệ.",
    "Invalid Choice: could not coerce.": "Lựa chọn không hợp lệ.",
    "Not a valid integer value.": "Giá trị không phải là số nguyên.",
    "Not a valid decimal value.": "Giá trị không phải là số thập phân (ví dụ 7,5).",
    "Not a valid float value.": "Giá trị không phải là số (ví dụ 7,5).",
    "Not a valid date value.": "Ngày không hợp lệ.",
    "Not a valid datetime value.": "Ngày giờ không hợp lệ.",
    "Not a valid time value.": "Giờ không hợp lệ.",
    "Number must be at least %(min)s.": "Số phải lớn hơn hoặc bằng %(min)s.",
    "Number must be at most %(max)s.": "Số phải nhỏ hơn hoặc bằng %(max)s.",
    "Number must be between %(min)s and %(max)s.": "Số phải trong khoảng từ %(min)s đến %(max)s.",
    "Date must be at least %(min)s.": "Ngày phải từ %(min)s trở về sau.",
    "Date must be at most %(max)s.": "Ngày phải từ %(max)s trở về trước.",
    "Date must be between %(min)s and %(max)s.": "Ngày phải trong khoảng từ %(min)s đến %(max)s.",
    "Field must be equal to %(other_name)s.": "Giá trị phải trùng với trường %(other_name)s.",
    "Field must be between %(min)d and %(max)d characters long.":
        "Độ dài phải từ %(min)d đến %(max)d ký tự.",
    "Invalid URL.": "Địa chỉ trang web không hợp lệ.",
    "Field must be at least %(min)d character long.": "Độ dài tối thiểu là %(min)d ký tự.",
    "Field cannot be longer than %(max)d character.": "Độ dài tối đa là %(max)d ký tự.",
    "Field must be exactly %(max)d character long.": "Độ dài phải đúng %(max)d ký tự.",
    # the signature checker
    "Could not load the trust roots: %(error)s":
        "Không đọc được chứng thư gốc tin cậy: %(error)s",
    "No trust root given; cannot decide whom to trust.":
        "Chưa có chứng thư gốc tin cậy nên không thể xác định chữ ký đáng tin cậy.",
    "The file is not a readable PDF: %(error)s": "Tệp không phải là tệp PDF đọc được: %(error)s",
    "The document has no signature.": "Văn bản không có chữ ký số.",
    "The document has no certification signature.":
        "Văn bản không có chữ ký số xác thực của cơ quan ban hành.",
    "The certification signature is by %(name)s, not by the organization's signing "
    "certificate; another certificate can only countersign.":
        "Chữ ký xác thực là của %(name)s, không phải chứng thư ký số của cơ quan; chứng thư "
        "khác chỉ được ký bổ sung.",
    "The certification allows %(allowed)s; expected %(expected)s.":
        "Chữ ký xác thực cho phép %(allowed)s; yêu cầu là %(expected)s.",
    "%(n)d update(s) after the certification are not signatures (the file was changed after "
    "it was signed).":
        "Có %(n)d lần cập nhật sau chữ ký xác thực không phải là chữ ký (tệp đã bị sửa sau khi "
        "ký).",
    "A signature precedes the certification signature.":
        "Có chữ ký đứng trước chữ ký xác thực.",
    "Could not read the document information: %(error)s":
        "Không đọc được thông tin của văn bản: %(error)s",
    "The verification data was changed after certification.":
        "Dữ liệu kiểm tra đã bị thay đổi sau khi ký xác thực.",
    "Data was appended after the last signature.":
        "Có dữ liệu được thêm vào sau chữ ký cuối cùng.",
    "Signature %(label)s could not be checked: %(error)s":
        "Không kiểm tra được chữ ký %(label)s: %(error)s",
    "Signature %(label)s (%(name)s): the signed content was altered.":
        "Chữ ký %(label)s (%(name)s): nội dung đã ký đã bị thay đổi.",
    "Signature %(label)s (%(name)s): the signature value is wrong.":
        "Chữ ký %(label)s (%(name)s): giá trị chữ ký không đúng.",
    "Signature %(label)s (%(name)s): the signer is not trusted.":
        "Chữ ký %(label)s (%(name)s): người ký không thuộc danh sách tin cậy.",
    "Signature %(label)s (%(name)s): later changes are not allowed by the certification.":
        "Chữ ký %(label)s (%(name)s): chữ ký xác thực không cho phép các thay đổi sau đó.",
    "Signature %(label)s (%(name)s): it does not cover its whole revision.":
        "Chữ ký %(label)s (%(name)s): chữ ký không bao trùm toàn bộ phiên bản của văn bản.",
    "Certification %(label)s: the document was modified after signing (%(change)s).":
        "Chữ ký xác thực %(label)s: văn bản đã bị sửa sau khi ký (%(change)s).",
    "Signature %(label)s (%(name)s): its timestamp is not valid or trusted.":
        "Chữ ký %(label)s (%(name)s): dấu thời gian không hợp lệ hoặc không tin cậy.",
    "cannot be said: the file's signature is not valid, so what it prints may not be what was "
    "signed":
        "không xác định được: chữ ký số của tệp không hợp lệ nên nội dung in trên tệp có thể "
        "không phải nội dung đã ký",
}
VI["The signed statement is:"] = "Nội dung được ký:"
