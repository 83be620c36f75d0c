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

# One English word, two meanings: split by message context.
VI.update({
    "sign-in\x04Code": "Mã xác thực",
    "admission ticket\x04Sitting": "Thời gian thi",
    "test part\x04Title": "Tên phần thi",
    "button\x04Open": "Mở",
})


# One term per concept, the regulation's where it has one (docs/glossary-vi.md).
TERMS = {'%(final)d of %(scripts)d scripts final, %(chair)d awaiting the panel chair, %(discrepancies)d discrepancies': '%(final)d/%(scripts)d '
                                                                                                                'bài '
                                                                                                                'đã '
                                                                                                                'có '
                                                                                                                'điểm '
                                                                                                                'chính '
                                                                                                                'thức, '
                                                                                                                '%(chair)d '
                                                                                                                'bài '
                                                                                                                'chờ '
                                                                                                                'Trưởng '
                                                                                                                'ban '
                                                                                                                'chấm '
                                                                                                                'thi, '
                                                                                                                '%(discrepancies)d '
                                                                                                                'bài '
                                                                                                                'chênh '
                                                                                                                'lệch '
                                                                                                                'vượt '
                                                                                                                'ngưỡng',
 '%(name)s has applied to this competition and cannot serve on its staff.': '%(name)s đã nộp hồ sơ '
                                                                            'dự thi nên không thể '
                                                                            'làm nhiệm vụ trong kỳ '
                                                                            'thi tuyển này.',
 '%(name)s is already an inspector.': '%(name)s đã là giám sát viên.',
 '%(name)s is no longer an inspector.': '%(name)s không còn là giám sát viên.',
 '%(name)s is not an inspector.': '%(name)s không phải là giám sát viên.',
 '%(name)s is now an inspector.': '%(name)s đã được chỉ định làm giám sát viên.',
 'A competition needs a title.': 'Kỳ thi tuyển cần có tên.',
 'A panel needs a chair and at least %(n)d other examiners.': 'Ban chấm thi cần một trưởng ban và '
                                                              'ít nhất %(n)d giám khảo khác.',
 'A script has fewer than two examiners free of conflicts; add examiners to the panel.': 'Có bài '
                                                                                         'thi '
                                                                                         'không đủ '
                                                                                         'hai giám '
                                                                                         'khảo '
                                                                                         'không '
                                                                                         'xung đột '
                                                                                         'lợi ích; '
                                                                                         'hãy bổ '
                                                                                         'sung '
                                                                                         'giám '
                                                                                         'khảo vào '
                                                                                         'Ban chấm '
                                                                                         'thi.',
 'Administrators and inspectors oversee every competition and cannot apply.': 'Quản trị viên và '
                                                                              'thanh tra giám sát '
                                                                              'mọi kỳ thi tuyển '
                                                                              'nên không thể dự '
                                                                              'thi.',
 'Appoint a board chair before opening registration.': 'Đề nghị phân công Chủ tịch Hội đồng trước '
                                                       'khi mở nhận hồ sơ.',
 'Appoint an inspector': 'Chỉ định giám sát viên',
 "At every stage change the platform signs the audit log's length and latest hash. Keep a copy: `thituyen audit verify --checkpoint FILE` proves later that no earlier entry was changed.": 'Mỗi '
                                                                                                                                                                                            'lần '
                                                                                                                                                                                            'chuyển '
                                                                                                                                                                                            'giai '
                                                                                                                                                                                            'đoạn, '
                                                                                                                                                                                            'hệ '
                                                                                                                                                                                            'thống '
                                                                                                                                                                                            'ký '
                                                                                                                                                                                            'số '
                                                                                                                                                                                            'độ '
                                                                                                                                                                                            'dài '
                                                                                                                                                                                            'và '
                                                                                                                                                                                            'mã '
                                                                                                                                                                                            'băm '
                                                                                                                                                                                            'mới '
                                                                                                                                                                                            'nhất '
                                                                                                                                                                                            'của '
                                                                                                                                                                                            'nhật '
                                                                                                                                                                                            'ký '
                                                                                                                                                                                            'hệ '
                                                                                                                                                                                            'thống. '
                                                                                                                                                                                            'Đề '
                                                                                                                                                                                            'nghị '
                                                                                                                                                                                            'lưu '
                                                                                                                                                                                            'một '
                                                                                                                                                                                            'bản: '
                                                                                                                                                                                            'lệnh '
                                                                                                                                                                                            '`thituyen '
                                                                                                                                                                                            'audit '
                                                                                                                                                                                            'verify '
                                                                                                                                                                                            '--checkpoint '
                                                                                                                                                                                            'FILE` '
                                                                                                                                                                                            'về '
                                                                                                                                                                                            'sau '
                                                                                                                                                                                            'chứng '
                                                                                                                                                                                            'minh '
                                                                                                                                                                                            'không '
                                                                                                                                                                                            'mục '
                                                                                                                                                                                            'nào '
                                                                                                                                                                                            'trước '
                                                                                                                                                                                            'đó '
                                                                                                                                                                                            'bị '
                                                                                                                                                                                            'sửa.',
 'Attach my account so the inspector can contact me': 'Gắn tài khoản của tôi để giám sát viên có '
                                                      'thể liên hệ',
 'Attach the required document: %(kind)s.': 'Đề nghị đính kèm giấy tờ bắt buộc: %(kind)s.',
 'Audit log': 'Nhật ký hệ thống',
 'Audit log checkpoints': 'Các mốc kiểm tra nhật ký hệ thống',
 'Awaiting the panel chair': 'Chờ Trưởng ban chấm thi quyết định',
 'Back to the competition': 'Quay lại kỳ thi tuyển',
 'Back to the competitions': 'Quay lại danh sách kỳ thi tuyển',
 'Board chair': 'Chủ tịch Hội đồng',
 'Board member': 'Ủy viên Hội đồng',
 'Board members hold the code map and review identity leaks; they cannot sit on a panel.': 'Thành '
                                                                                           'viên '
                                                                                           'Hội '
                                                                                           'đồng '
                                                                                           'giữ '
                                                                                           'bảng '
                                                                                           'ghép '
                                                                                           'phách '
                                                                                           'và xử '
                                                                                           'lý '
                                                                                           'việc '
                                                                                           'lộ '
                                                                                           'danh '
                                                                                           'tính; '
                                                                                           'không '
                                                                                           'được '
                                                                                           'tham '
                                                                                           'gia '
                                                                                           'Ban '
                                                                                           'chấm '
                                                                                           'thi.',
 'Board secretary': 'Thư ký Hội đồng',
 "Board's secret": 'Khóa bí mật của Hội đồng',
 'Cancelling the competition': 'Hủy kỳ thi tuyển',
 'Candidates are ranked by name only once identities are revealed.': 'Chỉ sau khi ghép phách mới '
                                                                     'được xếp hạng thí sinh kèm '
                                                                     'họ tên.',
 'Candidates by share of the maximum score': 'Số thí sinh theo tỷ lệ điểm tối đa',
 'Candidates by share of the maximum score; the table below gives the same numbers.': 'Số thí sinh '
                                                                                      'theo tỷ lệ '
                                                                                      'điểm tối '
                                                                                      'đa; bảng '
                                                                                      'dưới đây '
                                                                                      'ghi cùng '
                                                                                      'các số '
                                                                                      'liệu.',
 'Choose a finding and write it for the reporter (at least a few sentences).': 'Đề nghị chọn kết '
                                                                               'luận và viết cho '
                                                                               'người phản ánh (ít '
                                                                               'nhất vài câu).',
 'Choose among the options shown.': 'Đề nghị chọn trong các phương án đã cho.',
 'Choose an examiner.': 'Đề nghị chọn một giám khảo.',
 'Choose one of the options.': 'Đề nghị chọn một trong các phương án.',
 'Choose what kind of decision this is.': 'Đề nghị chọn loại quyết định.',
 'Choose what the report is about.': 'Đề nghị chọn nội dung phản ánh.',
 'Choose your highest degree.': 'Đề nghị chọn trình độ cao nhất.',
 'Code map': 'Bảng ghép phách',
 "Commitment to the board's secret": 'Cam kết khóa bí mật của Hội đồng',
 'Competition': 'Kỳ thi tuyển',
 'Competitions': 'Kỳ thi tuyển',
 'Competitions I work on': 'Các kỳ thi tuyển tôi làm nhiệm vụ',
 'Copy the exact passage to mask from the answer.': 'Đề nghị sao chép chính xác đoạn cần che từ '
                                                    'bài làm.',
 'Describe what happened in %(min)d to %(max)d characters.': 'Đề nghị mô tả sự việc trong khoảng '
                                                             '%(min)d đến %(max)d ký tự.',
 'Dismiss': 'Thôi chỉ định',
 'Disputed scripts awaiting your decision as panel chair': 'Bài có chênh lệch chờ bạn quyết định '
                                                           'với tư cách Trưởng ban chấm thi',
 'Each member enters a sealed score out of 100; nobody sees the others until all have scored. Spread up to 5 points: the mean. Over 5 and under 10: the chair decides after a discussion, with a written reason. 10 or more: the panel scores again.': 'Mỗi '
                                                                                                                                                                                                                                                       'thành '
                                                                                                                                                                                                                                                       'viên '
                                                                                                                                                                                                                                                       'nhập '
                                                                                                                                                                                                                                                       'điểm '
                                                                                                                                                                                                                                                       'kín '
                                                                                                                                                                                                                                                       'trên '
                                                                                                                                                                                                                                                       'thang '
                                                                                                                                                                                                                                                       '100; '
                                                                                                                                                                                                                                                       'không '
                                                                                                                                                                                                                                                       'ai '
                                                                                                                                                                                                                                                       'thấy '
                                                                                                                                                                                                                                                       'điểm '
                                                                                                                                                                                                                                                       'của '
                                                                                                                                                                                                                                                       'người '
                                                                                                                                                                                                                                                       'khác '
                                                                                                                                                                                                                                                       'cho '
                                                                                                                                                                                                                                                       'đến '
                                                                                                                                                                                                                                                       'khi '
                                                                                                                                                                                                                                                       'tất '
                                                                                                                                                                                                                                                       'cả '
                                                                                                                                                                                                                                                       'đã '
                                                                                                                                                                                                                                                       'chấm. '
                                                                                                                                                                                                                                                       'Chênh '
                                                                                                                                                                                                                                                       'lệch '
                                                                                                                                                                                                                                                       'đến '
                                                                                                                                                                                                                                                       '5 '
                                                                                                                                                                                                                                                       'điểm: '
                                                                                                                                                                                                                                                       'lấy '
                                                                                                                                                                                                                                                       'điểm '
                                                                                                                                                                                                                                                       'trung '
                                                                                                                                                                                                                                                       'bình. '
                                                                                                                                                                                                                                                       'Trên '
                                                                                                                                                                                                                                                       '5 '
                                                                                                                                                                                                                                                       'và '
                                                                                                                                                                                                                                                       'dưới '
                                                                                                                                                                                                                                                       '10 '
                                                                                                                                                                                                                                                       'điểm: '
                                                                                                                                                                                                                                                       'trưởng '
                                                                                                                                                                                                                                                       'ban '
                                                                                                                                                                                                                                                       'trao '
                                                                                                                                                                                                                                                       'đổi '
                                                                                                                                                                                                                                                       'rồi '
                                                                                                                                                                                                                                                       'quyết '
                                                                                                                                                                                                                                                       'định, '
                                                                                                                                                                                                                                                       'ghi '
                                                                                                                                                                                                                                                       'rõ '
                                                                                                                                                                                                                                                       'lý '
                                                                                                                                                                                                                                                       'do. '
                                                                                                                                                                                                                                                       'Từ '
                                                                                                                                                                                                                                                       '10 '
                                                                                                                                                                                                                                                       'điểm '
                                                                                                                                                                                                                                                       'trở '
                                                                                                                                                                                                                                                       'lên: '
                                                                                                                                                                                                                                                       'Ban '
                                                                                                                                                                                                                                                       'chấm '
                                                                                                                                                                                                                                                       'thi '
                                                                                                                                                                                                                                                       'chấm '
                                                                                                                                                                                                                                                       'lại.',
 'Enter a score from 0 to 100 with at most one decimal.': 'Đề nghị nhập điểm từ 0 đến 100, tối đa '
                                                          'một chữ số thập phân.',
 'Enter a score from 0 to 100.': 'Đề nghị nhập điểm từ 0 đến 100.',
 'Enter an email and a role.': 'Đề nghị nhập email và chọn vai trò.',
 'Enter the official score and the reason.': 'Đề nghị nhập điểm chính thức và lý do.',
 'Enter the public value and draw the papers before opening the sitting.': 'Đề nghị nhập giá trị '
                                                                           'công khai và bốc đề '
                                                                           'trước khi mở phòng '
                                                                           'thi.',
 'Enter the tracking code and the information to add.': 'Đề nghị nhập mã theo dõi và thông tin cần '
                                                        'bổ sung.',
 'Enter your %(field)s.': 'Đề nghị nhập %(field)s.',
 'Enter your date of birth.': 'Đề nghị nhập ngày sinh.',
 'Essay (scored blind by examiners)': 'Tự luận (giám khảo chấm theo số phách)',
 'Every candidate sits a randomized written test, examiners score the scripts without knowing whose they are, and the board publishes a ranked, signed result that anyone can verify.': 'Mỗi '
                                                                                                                                                                                        'thí '
                                                                                                                                                                                        'sinh '
                                                                                                                                                                                        'làm '
                                                                                                                                                                                        'một '
                                                                                                                                                                                        'đề '
                                                                                                                                                                                        'thi '
                                                                                                                                                                                        'viết '
                                                                                                                                                                                        'được '
                                                                                                                                                                                        'bốc '
                                                                                                                                                                                        'ngẫu '
                                                                                                                                                                                        'nhiên, '
                                                                                                                                                                                        'giám '
                                                                                                                                                                                        'khảo '
                                                                                                                                                                                        'chấm '
                                                                                                                                                                                        'bài '
                                                                                                                                                                                        'mà '
                                                                                                                                                                                        'không '
                                                                                                                                                                                        'biết '
                                                                                                                                                                                        'bài '
                                                                                                                                                                                        'của '
                                                                                                                                                                                        'ai, '
                                                                                                                                                                                        'và '
                                                                                                                                                                                        'Hội '
                                                                                                                                                                                        'đồng '
                                                                                                                                                                                        'công '
                                                                                                                                                                                        'bố '
                                                                                                                                                                                        'kết '
                                                                                                                                                                                        'quả '
                                                                                                                                                                                        'xếp '
                                                                                                                                                                                        'hạng '
                                                                                                                                                                                        'có '
                                                                                                                                                                                        'chữ '
                                                                                                                                                                                        'ký '
                                                                                                                                                                                        'số '
                                                                                                                                                                                        'mà '
                                                                                                                                                                                        'ai '
                                                                                                                                                                                        'cũng '
                                                                                                                                                                                        'kiểm '
                                                                                                                                                                                        'tra '
                                                                                                                                                                                        'được.',
 "Every member of the panel marks the sample and then sees the others' marks, so the panel agrees how the rubric applies before real marking. Sample marks do not count.": 'Mọi '
                                                                                                                                                                           'thành '
                                                                                                                                                                           'viên '
                                                                                                                                                                           'Ban '
                                                                                                                                                                           'chấm '
                                                                                                                                                                           'thi '
                                                                                                                                                                           'chấm '
                                                                                                                                                                           'bài '
                                                                                                                                                                           'mẫu '
                                                                                                                                                                           'rồi '
                                                                                                                                                                           'xem '
                                                                                                                                                                           'điểm '
                                                                                                                                                                           'của '
                                                                                                                                                                           'nhau, '
                                                                                                                                                                           'để '
                                                                                                                                                                           'thống '
                                                                                                                                                                           'nhất '
                                                                                                                                                                           'cách '
                                                                                                                                                                           'áp '
                                                                                                                                                                           'dụng '
                                                                                                                                                                           'hướng '
                                                                                                                                                                           'dẫn '
                                                                                                                                                                           'chấm '
                                                                                                                                                                           'trước '
                                                                                                                                                                           'khi '
                                                                                                                                                                           'chấm '
                                                                                                                                                                           'thật. '
                                                                                                                                                                           'Điểm '
                                                                                                                                                                           'chấm '
                                                                                                                                                                           'thử '
                                                                                                                                                                           'không '
                                                                                                                                                                           'được '
                                                                                                                                                                           'tính.',
 'Every panel member must be appointed examiner of this competition.': 'Mọi thành viên Ban chấm '
                                                                       'thi phải được bổ nhiệm làm '
                                                                       'giám khảo của kỳ thi tuyển '
                                                                       'này.',
 'Every step of every competition is recorded in a public, tamper-evident log.': 'Mọi bước của mọi '
                                                                                 'kỳ thi tuyển đều '
                                                                                 'được ghi vào '
                                                                                 'nhật ký công '
                                                                                 'khai, không thể '
                                                                                 'sửa mà không để '
                                                                                 'lại dấu vết.',
 'Examiners have already been drawn for this panel.': 'Ban chấm thi này đã được bốc thăm giám '
                                                      'khảo.',
 'Examiners were drawn; the seed is recorded.': 'Đã bốc thăm giám khảo; giá trị khởi tạo bốc thăm '
                                                'đã được lưu.',
 'Facility is the share of the points candidates earned on an item (1 = everyone). Discrimination is the correlation of the item with the rest of the test: below 0.20 the item hardly separates stronger from weaker candidates. A reliability of 0.70 or more is usual for a selection test.': 'Độ '
                                                                                                                                                                                                                                                                                                 'dễ '
                                                                                                                                                                                                                                                                                                 'là '
                                                                                                                                                                                                                                                                                                 'tỷ '
                                                                                                                                                                                                                                                                                                 'lệ '
                                                                                                                                                                                                                                                                                                 'điểm '
                                                                                                                                                                                                                                                                                                 'thí '
                                                                                                                                                                                                                                                                                                 'sinh '
                                                                                                                                                                                                                                                                                                 'đạt '
                                                                                                                                                                                                                                                                                                 'được '
                                                                                                                                                                                                                                                                                                 'ở '
                                                                                                                                                                                                                                                                                                 'một '
                                                                                                                                                                                                                                                                                                 'câu '
                                                                                                                                                                                                                                                                                                 '(1 '
                                                                                                                                                                                                                                                                                                 '= '
                                                                                                                                                                                                                                                                                                 'ai '
                                                                                                                                                                                                                                                                                                 'cũng '
                                                                                                                                                                                                                                                                                                 'đúng). '
                                                                                                                                                                                                                                                                                                 'Độ '
                                                                                                                                                                                                                                                                                                 'phân '
                                                                                                                                                                                                                                                                                                 'biệt '
                                                                                                                                                                                                                                                                                                 'là '
                                                                                                                                                                                                                                                                                                 'tương '
                                                                                                                                                                                                                                                                                                 'quan '
                                                                                                                                                                                                                                                                                                 'của '
                                                                                                                                                                                                                                                                                                 'câu '
                                                                                                                                                                                                                                                                                                 'với '
                                                                                                                                                                                                                                                                                                 'phần '
                                                                                                                                                                                                                                                                                                 'còn '
                                                                                                                                                                                                                                                                                                 'lại '
                                                                                                                                                                                                                                                                                                 'của '
                                                                                                                                                                                                                                                                                                 'bài '
                                                                                                                                                                                                                                                                                                 'thi: '
                                                                                                                                                                                                                                                                                                 'dưới '
                                                                                                                                                                                                                                                                                                 '0,20 '
                                                                                                                                                                                                                                                                                                 'thì '
                                                                                                                                                                                                                                                                                                 'câu '
                                                                                                                                                                                                                                                                                                 'hầu '
                                                                                                                                                                                                                                                                                                 'như '
                                                                                                                                                                                                                                                                                                 'không '
                                                                                                                                                                                                                                                                                                 'phân '
                                                                                                                                                                                                                                                                                                 'biệt '
                                                                                                                                                                                                                                                                                                 'được '
                                                                                                                                                                                                                                                                                                 'thí '
                                                                                                                                                                                                                                                                                                 'sinh '
                                                                                                                                                                                                                                                                                                 'giỏi '
                                                                                                                                                                                                                                                                                                 'với '
                                                                                                                                                                                                                                                                                                 'thí '
                                                                                                                                                                                                                                                                                                 'sinh '
                                                                                                                                                                                                                                                                                                 'yếu. '
                                                                                                                                                                                                                                                                                                 'Bài '
                                                                                                                                                                                                                                                                                                 'thi '
                                                                                                                                                                                                                                                                                                 'tuyển '
                                                                                                                                                                                                                                                                                                 'thường '
                                                                                                                                                                                                                                                                                                 'có '
                                                                                                                                                                                                                                                                                                 'độ '
                                                                                                                                                                                                                                                                                                 'tin '
                                                                                                                                                                                                                                                                                                 'cậy '
                                                                                                                                                                                                                                                                                                 'từ '
                                                                                                                                                                                                                                                                                                 '0,70 '
                                                                                                                                                                                                                                                                                                 'trở '
                                                                                                                                                                                                                                                                                                 'lên.',
 'Fewer than two examiners of the panel have not marked this script and have declared their conflicts; add examiners to the panel first.': 'Ban '
                                                                                                                                           'chấm '
                                                                                                                                           'thi '
                                                                                                                                           'có '
                                                                                                                                           'ít '
                                                                                                                                           'hơn '
                                                                                                                                           'hai '
                                                                                                                                           'giám '
                                                                                                                                           'khảo '
                                                                                                                                           'chưa '
                                                                                                                                           'chấm '
                                                                                                                                           'bài '
                                                                                                                                           'này '
                                                                                                                                           'và '
                                                                                                                                           'đã '
                                                                                                                                           'kê '
                                                                                                                                           'khai '
                                                                                                                                           'xung '
                                                                                                                                           'đột '
                                                                                                                                           'lợi '
                                                                                                                                           'ích; '
                                                                                                                                           'hãy '
                                                                                                                                           'bổ '
                                                                                                                                           'sung '
                                                                                                                                           'giám '
                                                                                                                                           'khảo '
                                                                                                                                           'trước.',
 'Fill in the form.': 'Đề nghị điền biểu mẫu.',
 'Give a mark for every criterion before submitting: %(name)s.': 'Đề nghị cho điểm mọi tiêu chí '
                                                                 'trước khi nộp: %(name)s.',
 'Give from 2 to %(n)d different options.': 'Đề nghị đưa ra từ 2 đến %(n)d phương án khác nhau.',
 'Give the candidate a reason of at least a few words.': 'Đề nghị ghi lý do cho thí sinh, ít nhất '
                                                         'vài từ.',
 'Give the minutes (1 to 240) and the reason.': 'Đề nghị nhập số phút (1 đến 240) và lý do.',
 'Give the part a short key.': 'Đề nghị đặt cho phần thi một mã ngắn.',
 'Grant: re-mark blind by new examiners': 'Chấp nhận: chấm phúc khảo rọc phách bởi giám khảo mới',
 "How to check: before the public value existed, the board committed to its secret and to the frozen questions. The seed is HMAC-SHA256 of the secret and the public value, so nobody could choose it. Once the secret is revealed, run %(command)s: it checks both commitments, recomputes every candidate's paper (%(version)s, HMAC-SHA256 in counter mode, rejection sampling, Fisher–Yates) and compares it with the paper served.": 'Cách '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'kiểm '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'tra: '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'trước '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'khi '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'có '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'giá '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'trị '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'công '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'khai, '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'Hội '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'đồng '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'đã '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'cam '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'kết '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'khóa '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'bí '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'mật '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'và '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'bộ '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'câu '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'hỏi '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'được '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'niêm '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'phong. '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'Hạt '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'giống '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'là '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'HMAC-SHA256 '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'của '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'khóa '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'bí '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'mật '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'và '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'giá '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'trị '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'công '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'khai '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'nên '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'không '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'ai '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'chọn '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'được. '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'Khi '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'khóa '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'bí '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'mật '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'được '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'công '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'bố, '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'chạy '
                                                                                                                                                                                                                                                                                                                                                                                                                                          '%(command)s: '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'lệnh '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'kiểm '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'tra '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'cả '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'hai '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'cam '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'kết, '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'tính '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'lại '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'đề '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'của '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'từng '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'thí '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'sinh '
                                                                                                                                                                                                                                                                                                                                                                                                                                          '(%(version)s, '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'HMAC-SHA256 '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'chế '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'độ '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'bộ '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'đếm, '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'lấy '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'mẫu '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'loại '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'bỏ, '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'Fisher–Yates) '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'và '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'so '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'với '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'đề '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'đã '
                                                                                                                                                                                                                                                                                                                                                                                                                                          'giao.',
 'Identities can be revealed only after the scores are locked.': 'Chỉ được ghép phách sau khi điểm '
                                                                 'đã được khóa.',
 'Identities have been revealed; priority points can no longer change.': 'Đã ghép phách; không thể '
                                                                         'thay đổi điểm ưu tiên '
                                                                         'nữa.',
 'Identities revealed.': 'Đã ghép phách.',
 'Inspectors': 'Giám sát viên',
 'Inspectors receive irregularity reports about every competition in which they are neither staff nor candidate, resolve them, and can suspend a competition.': 'Giám '
                                                                                                                                                                'sát '
                                                                                                                                                                'viên '
                                                                                                                                                                'nhận '
                                                                                                                                                                'phản '
                                                                                                                                                                'ánh '
                                                                                                                                                                'sai '
                                                                                                                                                                'phạm '
                                                                                                                                                                'về '
                                                                                                                                                                'mọi '
                                                                                                                                                                'kỳ '
                                                                                                                                                                'thi '
                                                                                                                                                                'tuyển '
                                                                                                                                                                'mà '
                                                                                                                                                                'họ '
                                                                                                                                                                'không '
                                                                                                                                                                'phải '
                                                                                                                                                                'cán '
                                                                                                                                                                'bộ '
                                                                                                                                                                'hay '
                                                                                                                                                                'thí '
                                                                                                                                                                'sinh, '
                                                                                                                                                                'kết '
                                                                                                                                                                'luận '
                                                                                                                                                                'các '
                                                                                                                                                                'phản '
                                                                                                                                                                'ánh '
                                                                                                                                                                'và '
                                                                                                                                                                'có '
                                                                                                                                                                'thể '
                                                                                                                                                                'tạm '
                                                                                                                                                                'dừng '
                                                                                                                                                                'kỳ '
                                                                                                                                                                'thi '
                                                                                                                                                                'tuyển.',
 'Keep these recovery codes somewhere safe, away from your phone. Each one signs you in once if you lose the app. They are shown only now: thituyen keeps only a fingerprint of each.': 'Đề '
                                                                                                                                                                                        'nghị '
                                                                                                                                                                                        'cất '
                                                                                                                                                                                        'giữ '
                                                                                                                                                                                        'các '
                                                                                                                                                                                        'mã '
                                                                                                                                                                                        'khôi '
                                                                                                                                                                                        'phục '
                                                                                                                                                                                        'này '
                                                                                                                                                                                        'ở '
                                                                                                                                                                                        'nơi '
                                                                                                                                                                                        'an '
                                                                                                                                                                                        'toàn, '
                                                                                                                                                                                        'tách '
                                                                                                                                                                                        'khỏi '
                                                                                                                                                                                        'điện '
                                                                                                                                                                                        'thoại. '
                                                                                                                                                                                        'Mỗi '
                                                                                                                                                                                        'mã '
                                                                                                                                                                                        'giúp '
                                                                                                                                                                                        'bạn '
                                                                                                                                                                                        'đăng '
                                                                                                                                                                                        'nhập '
                                                                                                                                                                                        'một '
                                                                                                                                                                                        'lần '
                                                                                                                                                                                        'nếu '
                                                                                                                                                                                        'mất '
                                                                                                                                                                                        'ứng '
                                                                                                                                                                                        'dụng. '
                                                                                                                                                                                        'Mã '
                                                                                                                                                                                        'chỉ '
                                                                                                                                                                                        'hiển '
                                                                                                                                                                                        'thị '
                                                                                                                                                                                        'lúc '
                                                                                                                                                                                        'này: '
                                                                                                                                                                                        'thituyen '
                                                                                                                                                                                        'chỉ '
                                                                                                                                                                                        'lưu '
                                                                                                                                                                                        'dấu '
                                                                                                                                                                                        'vân '
                                                                                                                                                                                        'tay '
                                                                                                                                                                                        'của '
                                                                                                                                                                                        'từng '
                                                                                                                                                                                        'mã.',
 'Known only to the inspectors, if given': 'Chỉ giám sát viên được biết, nếu người phản ánh cho '
                                           'biết',
 'Lost your phone? Type one of the recovery codes you kept when you set this up; each works once.': 'Mất '
                                                                                                    'điện '
                                                                                                    'thoại? '
                                                                                                    'Đề '
                                                                                                    'nghị '
                                                                                                    'nhập '
                                                                                                    'một '
                                                                                                    'trong '
                                                                                                    'các '
                                                                                                    'mã '
                                                                                                    'khôi '
                                                                                                    'phục '
                                                                                                    'bạn '
                                                                                                    'đã '
                                                                                                    'lưu '
                                                                                                    'khi '
                                                                                                    'thiết '
                                                                                                    'lập; '
                                                                                                    'mỗi '
                                                                                                    'mã '
                                                                                                    'dùng '
                                                                                                    'được '
                                                                                                    'một '
                                                                                                    'lần.',
 'Move the competition to: %(stage)s': 'Chuyển kỳ thi tuyển sang: %(stage)s',
 'Name the post that is opened to competition.': 'Đề nghị nêu chức danh được đưa ra thi tuyển.',
 'Name the unit the post belongs to.': 'Đề nghị nêu đơn vị của chức danh.',
 'New competition': 'Tạo kỳ thi tuyển mới',
 'No application was accepted; the competition cannot go on.': 'Không có hồ sơ nào được chấp nhận; '
                                                               'kỳ thi tuyển không thể tiếp tục.',
 'No competition is open at the moment.': 'Hiện chưa có kỳ thi tuyển nào.',
 'No inspector has been appointed.': 'Chưa chỉ định giám sát viên nào.',
 'No panel yet.': 'Chưa có Ban chấm thi.',
 'No paper was drawn for you. Ask the proctor.': 'Chưa có đề thi của bạn. Đề nghị báo giám thị.',
 'No report has this tracking code. Check it and try again.': 'Không có phản ánh nào có mã theo '
                                                              'dõi này. Đề nghị kiểm tra lại mã và '
                                                              'thử lại.',
 'No such competition.': 'Không có kỳ thi tuyển này.',
 'No such panel.': 'Không có Ban chấm thi này.',
 'Not blind': 'Không chấm theo số phách',
 'Only a substantiated report can suspend the competition.': 'Chỉ phản ánh có căn cứ mới có thể '
                                                             'làm tạm dừng kỳ thi tuyển.',
 'Only an inspector can lift a suspension.': 'Chỉ giám sát viên mới có thể dỡ bỏ tạm dừng.',
 'Only an inspector can suspend a competition.': 'Chỉ giám sát viên mới có thể tạm dừng kỳ thi '
                                                 'tuyển.',
 'Only an inspector resolves reports.': 'Chỉ giám sát viên mới kết luận phản ánh.',
 'Only an inspector reviews reports.': 'Chỉ giám sát viên mới xem xét phản ánh.',
 'Only members of the presentation panel confirm its summary.': 'Chỉ thành viên Ban chấm thi vòng '
                                                                'trình bày mới xác nhận bảng tổng '
                                                                'hợp.',
 'Only members of the presentation panel score it.': 'Chỉ thành viên Ban chấm thi vòng trình bày '
                                                     'mới chấm vòng này.',
 'Only members of the presentation panel see its sheet.': 'Chỉ thành viên Ban chấm thi vòng trình '
                                                          'bày mới xem bảng điểm này.',
 "Only members of this competition's board or staff can be chosen from the list.": 'Chỉ có thể '
                                                                                   'chọn trong '
                                                                                   'danh sách '
                                                                                   'thành viên Hội '
                                                                                   'đồng hoặc cán '
                                                                                   'bộ của kỳ thi '
                                                                                   'tuyển này.',
 'Only the administrator appoints inspectors.': 'Chỉ quản trị viên mới chỉ định giám sát viên.',
 'Only the administrator can create a competition.': 'Chỉ quản trị viên mới được tạo kỳ thi tuyển.',
 'Only the administrator or the board chair or secretary can change the rules.': 'Chỉ quản trị '
                                                                                 'viên, chủ tịch '
                                                                                 'hoặc Thư ký Hội '
                                                                                 'đồng mới được '
                                                                                 'sửa quy chế.',
 'Only the board and the administrator read the audit log.': 'Chỉ Hội đồng và quản trị viên được '
                                                             'đọc nhật ký hệ thống.',
 'Only the board chair or secretary can move the competition to another stage.': 'Chỉ chủ tịch '
                                                                                 'hoặc Thư ký Hội '
                                                                                 'đồng mới được '
                                                                                 'chuyển kỳ thi '
                                                                                 'tuyển sang giai '
                                                                                 'đoạn khác.',
 'Only the board chair or secretary can reveal identities.': 'Chỉ Chủ tịch hoặc Thư ký Hội đồng '
                                                             'mới được ghép phách.',
 'Only the board chair or secretary can reveal the secret.': 'Chỉ Chủ tịch hoặc Thư ký Hội đồng '
                                                             'được công bố khóa bí mật.',
 'Only the board reads the code map.': 'Chỉ Hội đồng mới xem bảng ghép phách.',
 'Only the board reviews applications.': 'Chỉ Hội đồng mới được xét hồ sơ.',
 'Only the board sees the statistics of the competition.': 'Chỉ Hội đồng được xem thống kê của kỳ '
                                                           'thi tuyển.',
 'Only the board sets up panels.': 'Chỉ Hội đồng mới lập Ban chấm thi.',
 'Only the chair of the presentation panel decides.': 'Chỉ Trưởng ban chấm thi vòng trình bày mới '
                                                      'quyết định.',
 'Only the chair of this panel sees the marks of a disputed script.': 'Chỉ Trưởng ban chấm thi của '
                                                                      'phần thi này mới xem điểm '
                                                                      'của bài có chênh lệch.',
 'Only the chair of this panel settles a disputed mark.': 'Chỉ Trưởng ban chấm thi của phần thi '
                                                          'này mới quyết định điểm bài có chênh '
                                                          'lệch.',
 'Only the proctor of this competition can do this.': 'Chỉ giám thị của kỳ thi tuyển này mới được '
                                                      'làm việc này.',
 'Open the competition and enter the room access code the proctor gives you.': 'Mở kỳ thi tuyển và '
                                                                               'nhập mã phòng thi '
                                                                               'do giám thị cung '
                                                                               'cấp.',
 'Opening the code map joins every script to its candidate. It is recorded in the audit log.': 'Mở '
                                                                                               'bảng '
                                                                                               'ghép '
                                                                                               'phách '
                                                                                               'sẽ '
                                                                                               'ghép '
                                                                                               'mỗi '
                                                                                               'bài '
                                                                                               'thi '
                                                                                               'với '
                                                                                               'thí '
                                                                                               'sinh. '
                                                                                               'Việc '
                                                                                               'này '
                                                                                               'được '
                                                                                               'ghi '
                                                                                               'vào '
                                                                                               'nhật '
                                                                                               'ký.',
 'Panel': 'Ban chấm thi',
 'Panel chair': 'Trưởng ban chấm thi',
 'Panels': 'Ban chấm thi',
 'Panels are set up between the eligibility review and the lock.': 'Ban chấm thi được lập trong '
                                                                   'khoảng từ khi xét duyệt hồ sơ '
                                                                   'đến khi khóa điểm.',
 'Part %(part)s has scripts but no panel yet.': 'Phần thi %(part)s đã có bài thi nhưng chưa có Ban '
                                                'chấm thi.',
 'Please enter your full name.': 'Đề nghị nhập họ và tên.',
 'Provisional results are published right after identities are revealed.': 'Kết quả tạm thời được '
                                                                           'công bố ngay sau khi '
                                                                           'ghép phách.',
 'Record': 'Lịch sử xử lý',
 'Remove this part': 'Xóa phần thi này',
 'Results are published once identities are revealed.': 'Kết quả được công bố sau khi ghép phách.',
 'Reveal identities': 'Ghép phách',
 'Reveal the secret': 'Công bố khóa bí mật',
 'Rules of the competition': 'Quy chế kỳ thi tuyển',
 'Sample script %(code)s was given to every member of the panel.': 'Bài chấm thử %(code)s đã được '
                                                                   'giao cho mọi thành viên Ban '
                                                                   'chấm thi.',
 "Sample script: these marks do not count. After you submit, you see every member's marks so the panel can agree how the rubric applies.": 'Bài '
                                                                                                                                           'chấm '
                                                                                                                                           'thử: '
                                                                                                                                           'điểm '
                                                                                                                                           'không '
                                                                                                                                           'được '
                                                                                                                                           'tính. '
                                                                                                                                           'Sau '
                                                                                                                                           'khi '
                                                                                                                                           'nộp, '
                                                                                                                                           'bạn '
                                                                                                                                           'thấy '
                                                                                                                                           'điểm '
                                                                                                                                           'của '
                                                                                                                                           'mọi '
                                                                                                                                           'thành '
                                                                                                                                           'viên '
                                                                                                                                           'để '
                                                                                                                                           'Ban '
                                                                                                                                           'chấm '
                                                                                                                                           'thi '
                                                                                                                                           'thống '
                                                                                                                                           'nhất '
                                                                                                                                           'cách '
                                                                                                                                           'áp '
                                                                                                                                           'dụng '
                                                                                                                                           'hướng '
                                                                                                                                           'dẫn '
                                                                                                                                           'chấm.',
 'Say why extra time is granted.': 'Đề nghị ghi lý do cộng thêm thời gian.',
 'Say why the suspension is lifted.': 'Đề nghị nêu lý do dỡ bỏ tạm dừng.',
 'Scored in person by the panel, not blind: %(parts)s.': 'Ban chấm thi chấm trực tiếp, không rọc '
                                                         'phách: %(parts)s.',
 'Scripts are made when the competition reaches the scoring stage.': 'Bài thi được lập khi kỳ thi '
                                                                     'tuyển đến giai đoạn chấm '
                                                                     'thi.',
 'Seal the papers first.': 'Đề nghị niêm phong đề thi trước.',
 'Set the whole timeline before opening registration.': 'Đề nghị đặt đủ các mốc thời gian trước '
                                                        'khi mở nhận hồ sơ.',
 'Set up a panel': 'Lập Ban chấm thi',
 'Set up at least one part of the test before sealing.': 'Đề nghị thiết lập ít nhất một phần thi '
                                                         'trước khi niêm phong.',
 'Set up the panel': 'Lập Ban chấm thi',
 'Sign in with your password first.': 'Đề nghị đăng nhập bằng mật khẩu trước.',
 'Sitting window opens': 'Mở thời gian làm bài',
 'Stages of the competition': 'Các giai đoạn của kỳ thi tuyển',
 'Start the review before resolving the report.': 'Đề nghị bắt đầu xem xét trước khi kết luận phản '
                                                  'ánh.',
 'State the question in a sentence or more.': 'Đề nghị nêu câu hỏi bằng ít nhất một câu.',
 'Statistics of the competition': 'Thống kê kỳ thi tuyển',
 'Suspend the competition at its current stage': 'Tạm dừng kỳ thi tuyển ở giai đoạn hiện tại',
 'Suspending the competition': 'Tạm dừng kỳ thi tuyển',
 'That candidate is not an accepted candidate of this competition.': 'Người này không phải thí '
                                                                     'sinh đủ điều kiện của kỳ thi '
                                                                     'tuyển.',
 'That code is not right. Check the time on your phone and type the six digits the app shows now.': 'Mã '
                                                                                                    'chưa '
                                                                                                    'đúng. '
                                                                                                    'Đề '
                                                                                                    'nghị '
                                                                                                    'kiểm '
                                                                                                    'tra '
                                                                                                    'giờ '
                                                                                                    'trên '
                                                                                                    'điện '
                                                                                                    'thoại '
                                                                                                    'và '
                                                                                                    'nhập '
                                                                                                    'sáu '
                                                                                                    'chữ '
                                                                                                    'số '
                                                                                                    'ứng '
                                                                                                    'dụng '
                                                                                                    'đang '
                                                                                                    'hiển '
                                                                                                    'thị.',
 'That examiner already sits on this panel.': 'Giám khảo này đã có trong Ban chấm thi.',
 'The SHA-256 above is computed over the canonical JSON of every answer exactly as submitted; download it from the receipt page to check it.': 'Giá '
                                                                                                                                               'trị '
                                                                                                                                               'SHA-256 '
                                                                                                                                               'trên '
                                                                                                                                               'được '
                                                                                                                                               'tính '
                                                                                                                                               'từ '
                                                                                                                                               'bản '
                                                                                                                                               'JSON '
                                                                                                                                               'chuẩn '
                                                                                                                                               'hóa '
                                                                                                                                               'của '
                                                                                                                                               'mọi '
                                                                                                                                               'câu '
                                                                                                                                               'trả '
                                                                                                                                               'lời '
                                                                                                                                               'đúng '
                                                                                                                                               'như '
                                                                                                                                               'khi '
                                                                                                                                               'nộp; '
                                                                                                                                               'có '
                                                                                                                                               'thể '
                                                                                                                                               'tải '
                                                                                                                                               'bản '
                                                                                                                                               'đó '
                                                                                                                                               'từ '
                                                                                                                                               'trang '
                                                                                                                                               'biên '
                                                                                                                                               'nhận '
                                                                                                                                               'để '
                                                                                                                                               'đối '
                                                                                                                                               'chiếu.',
 'The administrator cannot be an inspector.': 'Quản trị viên không thể là giám sát viên.',
 'The board has decided your appeal in “%(title)s”. Read the decision and its reason.': 'Hội đồng '
                                                                                        'đã quyết '
                                                                                        'định về '
                                                                                        'đơn của '
                                                                                        'bạn trong '
                                                                                        '“%(title)s”. '
                                                                                        'Đề nghị '
                                                                                        'đọc quyết '
                                                                                        'định và '
                                                                                        'lý do.',
 "The checkpoint's head is not a SHA-256 hash.": 'Mã băm cuối chuỗi của điểm kiểm tra không phải '
                                                 'mã băm SHA-256.',
 "The checkpoint's head is not valid base64.": 'Mã băm cuối chuỗi của điểm kiểm tra không phải '
                                               'base64 hợp lệ.',
 'The code map stays sealed until the board reveals identities after the lock.': 'Bảng ghép phách '
                                                                                 'được niêm phong '
                                                                                 'cho đến khi Hội '
                                                                                 'đồng ghép phách '
                                                                                 'sau khi khóa '
                                                                                 'điểm.',
 'The competition has finished its life.': 'Kỳ thi tuyển đã kết thúc.',
 'The competition is already suspended.': 'Kỳ thi tuyển đã đang bị tạm dừng.',
 'The competition is at “%(current)s”; it cannot move to “%(target)s”.': 'Kỳ thi tuyển đang ở giai '
                                                                         'đoạn “%(current)s”; '
                                                                         'không thể chuyển sang '
                                                                         '“%(target)s”.',
 'The competition is not suspended.': 'Kỳ thi tuyển không bị tạm dừng.',
 'The competition is now at: %(stage)s.': 'Kỳ thi tuyển đã chuyển sang: %(stage)s.',
 'The competition is suspended.': 'Kỳ thi tuyển đang bị tạm dừng.',
 'The competition is suspended; no stage can change until the suspension is lifted.': 'Kỳ thi '
                                                                                      'tuyển đang '
                                                                                      'bị tạm '
                                                                                      'dừng; không '
                                                                                      'thể chuyển '
                                                                                      'giai đoạn '
                                                                                      'cho đến khi '
                                                                                      'dỡ bỏ tạm '
                                                                                      'dừng.',
 'The competition then stays at “%(stage)s” until an inspector lifts the suspension.': 'Khi đó kỳ '
                                                                                       'thi tuyển '
                                                                                       'dừng ở '
                                                                                       'giai đoạn '
                                                                                       '“%(stage)s” '
                                                                                       'cho đến '
                                                                                       'khi giám '
                                                                                       'sát viên '
                                                                                       'dỡ bỏ tạm '
                                                                                       'dừng.',
 'The competition was created as a draft.': 'Kỳ thi tuyển đã được tạo ở dạng bản nháp.',
 "The competition's results are final.": 'Kết quả kỳ thi tuyển đã là chính thức.',
 'The examiner was added to the panel.': 'Đã thêm giám khảo vào Ban chấm thi.',
 'The form expired or was sent from elsewhere. Reload the page and try again.': 'Biểu mẫu đã hết '
                                                                                'hạn hoặc được gửi '
                                                                                'từ nơi khác. Đề '
                                                                                'nghị tải lại '
                                                                                'trang và thử lại.',
 'The panel was set up.': 'Đã lập Ban chấm thi.',
 "The panel's marks on this sample": 'Điểm của Ban chấm thi cho bài mẫu này',
 'The part was removed.': 'Đã xóa phần thi.',
 'The presentation round takes place after the written scores are locked and the identities revealed, before the results.': 'Vòng '
                                                                                                                            'trình '
                                                                                                                            'bày '
                                                                                                                            'diễn '
                                                                                                                            'ra '
                                                                                                                            'sau '
                                                                                                                            'khi '
                                                                                                                            'điểm '
                                                                                                                            'bài '
                                                                                                                            'viết '
                                                                                                                            'đã '
                                                                                                                            'khóa '
                                                                                                                            'và '
                                                                                                                            'đã '
                                                                                                                            'ghép '
                                                                                                                            'phách, '
                                                                                                                            'trước '
                                                                                                                            'khi '
                                                                                                                            'công '
                                                                                                                            'bố '
                                                                                                                            'kết '
                                                                                                                            'quả.',
 'The results of “%(title)s” have been published. See your scores and your place.': 'Kết quả '
                                                                                    '“%(title)s” '
                                                                                    'đã được công '
                                                                                    'bố. Đề nghị '
                                                                                    'xem điểm và '
                                                                                    'thứ hạng của '
                                                                                    'bạn.',
 'The room access code is not right. Ask the proctor.': 'Mã vào phòng thi không đúng. Đề nghị hỏi '
                                                        'giám thị.',
 'The rules can only change while the competition is a draft.': 'Chỉ sửa được quy chế khi kỳ thi '
                                                                'tuyển còn là bản nháp.',
 'The save could not be understood. Reload the page.': 'Không đọc được dữ liệu cần lưu. Đề nghị '
                                                       'tải lại trang.',
 'The scores were locked before the identities were revealed; both steps are in the audit log.': 'Điểm '
                                                                                                 'đã '
                                                                                                 'được '
                                                                                                 'khóa '
                                                                                                 'trước '
                                                                                                 'khi '
                                                                                                 'ghép '
                                                                                                 'phách; '
                                                                                                 'cả '
                                                                                                 'hai '
                                                                                                 'bước '
                                                                                                 'đều '
                                                                                                 'có '
                                                                                                 'trong '
                                                                                                 'nhật '
                                                                                                 'ký.',
 'The secret is public: anyone can now recompute every paper.': 'Khóa bí mật đã công khai: bất kỳ '
                                                                'ai cũng có thể tính lại mọi đề '
                                                                'thi.',
 'The secret is revealed only after the sitting has closed.': 'Khóa bí mật chỉ được công bố sau '
                                                              'khi buổi thi kết thúc.',
 'The service is briefly unavailable. Nothing was saved from this request; please try again in a moment.': 'Hệ '
                                                                                                           'thống '
                                                                                                           'tạm '
                                                                                                           'thời '
                                                                                                           'gián '
                                                                                                           'đoạn. '
                                                                                                           'Yêu '
                                                                                                           'cầu '
                                                                                                           'này '
                                                                                                           'chưa '
                                                                                                           'được '
                                                                                                           'lưu; '
                                                                                                           'đề '
                                                                                                           'nghị '
                                                                                                           'thử '
                                                                                                           'lại '
                                                                                                           'sau '
                                                                                                           'giây '
                                                                                                           'lát.',
 'The sitting is not open.': 'Hiện không trong thời gian thi.',
 'The suspension is lifted; the competition can move on.': 'Đã dỡ bỏ tạm dừng; kỳ thi tuyển có thể '
                                                           'tiếp tục.',
 'The suspension of this competition': 'Việc tạm dừng kỳ thi tuyển này',
 'The vote is closed; its result is recorded in the audit log.': 'Cuộc biểu quyết đã kết thúc; kết '
                                                                 'quả đã được ghi vào nhật ký hệ '
                                                                 'thống.',
 'There is no unrevealed secret for this competition.': 'Kỳ thi tuyển này không có khóa bí mật nào '
                                                        'chưa công bố.',
 'These are the accepted candidates. Mark anyone you are related to, work closely with or otherwise cannot judge impartially: you will not receive their scripts, and you will not be told which scripts they are. Mark the candidates you know without a conflict, so the board can judge how strong anonymity is.': 'Đây '
                                                                                                                                                                                                                                                                                                                      'là '
                                                                                                                                                                                                                                                                                                                      'danh '
                                                                                                                                                                                                                                                                                                                      'sách '
                                                                                                                                                                                                                                                                                                                      'thí '
                                                                                                                                                                                                                                                                                                                      'sinh '
                                                                                                                                                                                                                                                                                                                      'đủ '
                                                                                                                                                                                                                                                                                                                      'điều '
                                                                                                                                                                                                                                                                                                                      'kiện. '
                                                                                                                                                                                                                                                                                                                      'Đề '
                                                                                                                                                                                                                                                                                                                      'nghị '
                                                                                                                                                                                                                                                                                                                      'đánh '
                                                                                                                                                                                                                                                                                                                      'dấu '
                                                                                                                                                                                                                                                                                                                      'người '
                                                                                                                                                                                                                                                                                                                      'có '
                                                                                                                                                                                                                                                                                                                      'quan '
                                                                                                                                                                                                                                                                                                                      'hệ '
                                                                                                                                                                                                                                                                                                                      'thân '
                                                                                                                                                                                                                                                                                                                      'thích, '
                                                                                                                                                                                                                                                                                                                      'làm '
                                                                                                                                                                                                                                                                                                                      'việc '
                                                                                                                                                                                                                                                                                                                      'gần '
                                                                                                                                                                                                                                                                                                                      'gũi '
                                                                                                                                                                                                                                                                                                                      'hoặc '
                                                                                                                                                                                                                                                                                                                      'vì '
                                                                                                                                                                                                                                                                                                                      'lý '
                                                                                                                                                                                                                                                                                                                      'do '
                                                                                                                                                                                                                                                                                                                      'khác '
                                                                                                                                                                                                                                                                                                                      'bạn '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'thể '
                                                                                                                                                                                                                                                                                                                      'chấm '
                                                                                                                                                                                                                                                                                                                      'khách '
                                                                                                                                                                                                                                                                                                                      'quan: '
                                                                                                                                                                                                                                                                                                                      'bạn '
                                                                                                                                                                                                                                                                                                                      'sẽ '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'nhận '
                                                                                                                                                                                                                                                                                                                      'bài '
                                                                                                                                                                                                                                                                                                                      'của '
                                                                                                                                                                                                                                                                                                                      'họ '
                                                                                                                                                                                                                                                                                                                      'và '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'được '
                                                                                                                                                                                                                                                                                                                      'biết '
                                                                                                                                                                                                                                                                                                                      'đó '
                                                                                                                                                                                                                                                                                                                      'là '
                                                                                                                                                                                                                                                                                                                      'bài '
                                                                                                                                                                                                                                                                                                                      'nào. '
                                                                                                                                                                                                                                                                                                                      'Đề '
                                                                                                                                                                                                                                                                                                                      'nghị '
                                                                                                                                                                                                                                                                                                                      'đánh '
                                                                                                                                                                                                                                                                                                                      'dấu '
                                                                                                                                                                                                                                                                                                                      'những '
                                                                                                                                                                                                                                                                                                                      'thí '
                                                                                                                                                                                                                                                                                                                      'sinh '
                                                                                                                                                                                                                                                                                                                      'bạn '
                                                                                                                                                                                                                                                                                                                      'quen '
                                                                                                                                                                                                                                                                                                                      'biết '
                                                                                                                                                                                                                                                                                                                      'nhưng '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'có '
                                                                                                                                                                                                                                                                                                                      'xung '
                                                                                                                                                                                                                                                                                                                      'đột, '
                                                                                                                                                                                                                                                                                                                      'để '
                                                                                                                                                                                                                                                                                                                      'Hội '
                                                                                                                                                                                                                                                                                                                      'đồng '
                                                                                                                                                                                                                                                                                                                      'đánh '
                                                                                                                                                                                                                                                                                                                      'giá '
                                                                                                                                                                                                                                                                                                                      'mức '
                                                                                                                                                                                                                                                                                                                      'độ '
                                                                                                                                                                                                                                                                                                                      'ẩn '
                                                                                                                                                                                                                                                                                                                      'danh.',
 'This competition has no presentation round.': 'Kỳ thi tuyển này không có vòng trình bày.',
 'This competition is not accepting applications.': 'Kỳ thi tuyển này hiện không nhận hồ sơ.',
 'This is not an audit checkpoint: it needs an origin, a size and a head on its first three lines.': 'Đây '
                                                                                                     'không '
                                                                                                     'phải '
                                                                                                     'điểm '
                                                                                                     'kiểm '
                                                                                                     'tra '
                                                                                                     'nhật '
                                                                                                     'ký: '
                                                                                                     'ba '
                                                                                                     'dòng '
                                                                                                     'đầu '
                                                                                                     'phải '
                                                                                                     'là '
                                                                                                     'nguồn, '
                                                                                                     'độ '
                                                                                                     'dài '
                                                                                                     'và '
                                                                                                     'mã '
                                                                                                     'băm '
                                                                                                     'cuối '
                                                                                                     'chuỗi.',
 'This is your tracking code. Write it down or save it now: it is shown only once, and nobody, not even the inspectors, can show it to you again.': 'Đây '
                                                                                                                                                    'là '
                                                                                                                                                    'mã '
                                                                                                                                                    'theo '
                                                                                                                                                    'dõi '
                                                                                                                                                    'của '
                                                                                                                                                    'bạn. '
                                                                                                                                                    'Đề '
                                                                                                                                                    'nghị '
                                                                                                                                                    'ghi '
                                                                                                                                                    'lại '
                                                                                                                                                    'hoặc '
                                                                                                                                                    'lưu '
                                                                                                                                                    'ngay: '
                                                                                                                                                    'mã '
                                                                                                                                                    'chỉ '
                                                                                                                                                    'hiển '
                                                                                                                                                    'thị '
                                                                                                                                                    'một '
                                                                                                                                                    'lần, '
                                                                                                                                                    'và '
                                                                                                                                                    'không '
                                                                                                                                                    'ai, '
                                                                                                                                                    'kể '
                                                                                                                                                    'cả '
                                                                                                                                                    'giám '
                                                                                                                                                    'sát '
                                                                                                                                                    'viên, '
                                                                                                                                                    'có '
                                                                                                                                                    'thể '
                                                                                                                                                    'cho '
                                                                                                                                                    'bạn '
                                                                                                                                                    'xem '
                                                                                                                                                    'lại.',
 'This part already has a panel.': 'Phần thi này đã có Ban chấm thi.',
 'This person is not a candidate of this competition.': 'Người này không phải là thí sinh của kỳ '
                                                        'thi tuyển.',
 'This round is not blind: the candidate presents in front of the panel. The result sheet says so.': 'Vòng '
                                                                                                     'này '
                                                                                                     'không '
                                                                                                     'rọc '
                                                                                                     'phách: '
                                                                                                     'thí '
                                                                                                     'sinh '
                                                                                                     'trình '
                                                                                                     'bày '
                                                                                                     'trực '
                                                                                                     'tiếp '
                                                                                                     'trước '
                                                                                                     'Ban '
                                                                                                     'chấm '
                                                                                                     'thi. '
                                                                                                     'Bảng '
                                                                                                     'kết '
                                                                                                     'quả '
                                                                                                     'ghi '
                                                                                                     'rõ '
                                                                                                     'điều '
                                                                                                     'đó.',
 "This script does not await the chair's decision.": 'Bài thi này không chờ Trưởng ban chấm thi '
                                                     'quyết định.',
 'Tick the box to confirm.': 'Đề nghị đánh dấu ô xác nhận.',
 'Ties are decided after identities are revealed and before final results.': 'Trường hợp bằng điểm '
                                                                             'được quyết định sau '
                                                                             'khi ghép phách và '
                                                                             'trước khi công bố '
                                                                             'kết quả chính thức.',
 'Too many requests. Please wait a moment and try again.': 'Quá nhiều yêu cầu. Đề nghị chờ một lát '
                                                           'rồi thử lại.',
 'When, where, who, and how you know. Do not write your own name unless you want the inspector to know it.': 'Khi '
                                                                                                             'nào, '
                                                                                                             'ở '
                                                                                                             'đâu, '
                                                                                                             'ai, '
                                                                                                             'và '
                                                                                                             'vì '
                                                                                                             'sao '
                                                                                                             'bạn '
                                                                                                             'biết. '
                                                                                                             'Đừng '
                                                                                                             'ghi '
                                                                                                             'tên '
                                                                                                             'mình '
                                                                                                             'trừ '
                                                                                                             'khi '
                                                                                                             'bạn '
                                                                                                             'muốn '
                                                                                                             'giám '
                                                                                                             'sát '
                                                                                                             'viên '
                                                                                                             'biết.',
 'Write a finding of at least a few sentences for the reporter.': 'Đề nghị viết kết luận ít nhất '
                                                                  'vài câu cho người phản ánh.',
 'Write something or attach a file.': 'Đề nghị viết nội dung hoặc đính kèm tệp.',
 'Write the reason in at least a few words.': 'Đề nghị ghi lý do, ít nhất vài từ.',
 'You have already applied to this competition.': 'Bạn đã nộp hồ sơ cho kỳ thi tuyển này.',
 'You have already submitted this mark; it is final.': 'Ông/Bà đã nộp điểm bài này; điểm đã nộp '
                                                       'không thể sửa.',
 'You have no role in any competition yet.': 'Bạn chưa có vai trò trong kỳ thi tuyển nào.',
 'You may not appoint this role in this competition.': 'Bạn không được phân công vai trò này trong '
                                                       'kỳ thi tuyển này.',
 'You serve on the staff of this competition and cannot apply to it.': 'Bạn đang làm nhiệm vụ '
                                                                       'trong kỳ thi tuyển này nên '
                                                                       'không thể dự thi.',
 'You submitted this mark; it is final.': 'Ông/Bà đã nộp điểm này; điểm đã nộp không thể sửa.',
 'Your account now needs two-step sign-in. Please sign in again.': 'Tài khoản của bạn nay cần đăng '
                                                                   'nhập hai bước. Đề nghị đăng '
                                                                   'nhập lại.',
 'Your admission ticket for “%(title)s” is ready. Download it and bring it to the sitting.': 'Giấy '
                                                                                             'báo '
                                                                                             'dự '
                                                                                             'thi '
                                                                                             '“%(title)s” '
                                                                                             'của '
                                                                                             'bạn '
                                                                                             'đã '
                                                                                             'sẵn '
                                                                                             'sàng. '
                                                                                             'Đề '
                                                                                             'nghị '
                                                                                             'tải '
                                                                                             'về '
                                                                                             'và '
                                                                                             'mang '
                                                                                             'theo '
                                                                                             'khi '
                                                                                             'dự '
                                                                                             'thi.',
 'Your competition': 'Kỳ thi tuyển của bạn',
 'Your paper was submitted. Keep this receipt.': 'Bài thi đã được nộp. Đề nghị giữ biên nhận này.',
 'Your password was right. Open your authenticator app and type the code it shows for thituyen.': 'Mật '
                                                                                                  'khẩu '
                                                                                                  'đúng. '
                                                                                                  'Đề '
                                                                                                  'nghị '
                                                                                                  'mở '
                                                                                                  'ứng '
                                                                                                  'dụng '
                                                                                                  'xác '
                                                                                                  'thực '
                                                                                                  'và '
                                                                                                  'nhập '
                                                                                                  'mã '
                                                                                                  'hiển '
                                                                                                  'thị '
                                                                                                  'cho '
                                                                                                  'thituyen.',
 'Your report goes to the inspectors, who are independent of the board, and to the board chair unless you name the chair. People you name never see it. You do not need an account and nobody will ask who you are; you will get a tracking code to follow the report and add information.': 'Phản '
                                                                                                                                                                                                                                                                                             'ánh '
                                                                                                                                                                                                                                                                                             'của '
                                                                                                                                                                                                                                                                                             'bạn '
                                                                                                                                                                                                                                                                                             'được '
                                                                                                                                                                                                                                                                                             'gửi '
                                                                                                                                                                                                                                                                                             'tới '
                                                                                                                                                                                                                                                                                             'giám '
                                                                                                                                                                                                                                                                                             'sát '
                                                                                                                                                                                                                                                                                             'viên, '
                                                                                                                                                                                                                                                                                             'độc '
                                                                                                                                                                                                                                                                                             'lập '
                                                                                                                                                                                                                                                                                             'với '
                                                                                                                                                                                                                                                                                             'Hội '
                                                                                                                                                                                                                                                                                             'đồng, '
                                                                                                                                                                                                                                                                                             'và '
                                                                                                                                                                                                                                                                                             'tới '
                                                                                                                                                                                                                                                                                             'Chủ '
                                                                                                                                                                                                                                                                                             'tịch '
                                                                                                                                                                                                                                                                                             'Hội '
                                                                                                                                                                                                                                                                                             'đồng '
                                                                                                                                                                                                                                                                                             'trừ '
                                                                                                                                                                                                                                                                                             'khi '
                                                                                                                                                                                                                                                                                             'bạn '
                                                                                                                                                                                                                                                                                             'phản '
                                                                                                                                                                                                                                                                                             'ánh '
                                                                                                                                                                                                                                                                                             'về '
                                                                                                                                                                                                                                                                                             'chính '
                                                                                                                                                                                                                                                                                             'Chủ '
                                                                                                                                                                                                                                                                                             'tịch. '
                                                                                                                                                                                                                                                                                             'Người '
                                                                                                                                                                                                                                                                                             'bị '
                                                                                                                                                                                                                                                                                             'phản '
                                                                                                                                                                                                                                                                                             'ánh '
                                                                                                                                                                                                                                                                                             'không '
                                                                                                                                                                                                                                                                                             'bao '
                                                                                                                                                                                                                                                                                             'giờ '
                                                                                                                                                                                                                                                                                             'xem '
                                                                                                                                                                                                                                                                                             'được '
                                                                                                                                                                                                                                                                                             'phản '
                                                                                                                                                                                                                                                                                             'ánh. '
                                                                                                                                                                                                                                                                                             'Bạn '
                                                                                                                                                                                                                                                                                             'không '
                                                                                                                                                                                                                                                                                             'cần '
                                                                                                                                                                                                                                                                                             'tài '
                                                                                                                                                                                                                                                                                             'khoản '
                                                                                                                                                                                                                                                                                             'và '
                                                                                                                                                                                                                                                                                             'không '
                                                                                                                                                                                                                                                                                             'ai '
                                                                                                                                                                                                                                                                                             'hỏi '
                                                                                                                                                                                                                                                                                             'bạn '
                                                                                                                                                                                                                                                                                             'là '
                                                                                                                                                                                                                                                                                             'ai; '
                                                                                                                                                                                                                                                                                             'bạn '
                                                                                                                                                                                                                                                                                             'sẽ '
                                                                                                                                                                                                                                                                                             'nhận '
                                                                                                                                                                                                                                                                                             'một '
                                                                                                                                                                                                                                                                                             'mã '
                                                                                                                                                                                                                                                                                             'theo '
                                                                                                                                                                                                                                                                                             'dõi '
                                                                                                                                                                                                                                                                                             'để '
                                                                                                                                                                                                                                                                                             'theo '
                                                                                                                                                                                                                                                                                             'dõi '
                                                                                                                                                                                                                                                                                             'và '
                                                                                                                                                                                                                                                                                             'bổ '
                                                                                                                                                                                                                                                                                             'sung '
                                                                                                                                                                                                                                                                                             'thông '
                                                                                                                                                                                                                                                                                             'tin.',
 'no signing key installed': 'chưa cài khóa ký'}
VI.update(TERMS)

# Official documents (Decree 30/2020/NĐ-CP)
VI.update({
    "%(part)s (weight %(w)s)": "%(part)s (hệ số %(w)s)",
    "Total = the sum of each part's score times its weight, plus priority points: "
    "%(formula)s. A part is passed at or above its pass mark: %(marks)s.":
        "Tổng điểm = điểm từng phần nhân hệ số, cộng điểm ưu tiên: %(formula)s. Mỗi phần đạt "
        "khi điểm từ mức điểm đạt trở lên: %(marks)s.",
    "Scored by the system against the answer key, with no examiner: %(parts)s.":
        "Hệ thống chấm tự động theo đáp án, không có giám khảo: %(parts)s.",
    "(digitally signed)": "(Đã ký số)",
    "Candidates (published on the competition's page)":
        "Thí sinh (công bố trên trang của kỳ thi tuyển)",
    "The file": "Lưu: VT, Hội đồng thi tuyển",
})

# Checking a draw in the browser
VI.update({
    "Check a draw": "Kiểm tra kết quả bốc đề",
    "Choose the draw bundle of a competition (the JSON file published after the secret was "
    "revealed). Your browser recomputes every paper from the revealed secret and the public "
    "value and checks what was published at sealing; the file is not sent anywhere.":
        "Chọn tệp kết quả bốc đề của kỳ thi tuyển (tệp JSON được công bố sau khi công khai giá "
        "trị bí mật). Trình duyệt của Ông/Bà tính lại từng đề thi từ giá trị bí mật và giá trị "
        "công khai, đồng thời đối chiếu với những gì đã công bố khi niêm phong; tệp không được "
        "gửi đi đâu.",
    "Draw bundle (JSON)": "Tệp kết quả bốc đề (JSON)",
    "Seal digest you noted at sealing (optional)":
        "Mã niêm phong Ông/Bà đã ghi lại khi niêm phong (không bắt buộc)",
    "Check": "Kiểm tra",
    "The algorithm is published in docs/draw.md; the same check runs on a computer with: "
    "thituyen verify-draw --bundle FILE.":
        "Thuật toán được công bố tại docs/draw.md; có thể kiểm tra tương tự trên máy tính bằng "
        "lệnh: thituyen verify-draw --bundle TỆP.",
    "The draw holds: all {n} papers recomputed and equal to those served; the seal, "
    "commitments and digests match.":
        "Kết quả bốc đề đúng: đã tính lại cả {n} đề thi và trùng với đề đã phát; mã niêm "
        "phong, các cam kết và mã băm đều khớp.",
    "The draw does NOT hold: {n} problem(s) found.":
        "Kết quả bốc đề KHÔNG đúng: phát hiện {n} vấn đề.",
    "This is not a draw bundle of version 2.": "Đây không phải tệp kết quả bốc đề phiên bản 2.",
    "Unknown draw version.": "Phiên bản bốc đề không xác định.",
    "The seal digest does not match the commitments, digests and source published with it.":
        "Mã niêm phong không khớp với các cam kết, mã băm và nguồn giá trị công khai được công "
        "bố cùng.",
    "The seal digest differs from the one you noted at sealing ({digest}).":
        "Mã niêm phong khác với mã Ông/Bà đã ghi lại khi niêm phong ({digest}).",
    "A time of the seal or of the public value is missing or unreadable.":
        "Thiếu hoặc không đọc được thời điểm niêm phong hoặc thời điểm nhập giá trị công khai.",
    "The seal was not made before the public value could be known.":
        "Việc niêm phong không diễn ra trước thời điểm có thể biết giá trị công khai.",
    "The public value was entered before its announced source was known.":
        "Giá trị công khai được nhập trước thời điểm nguồn đã thông báo công bố giá trị.",
    "The revealed secret does not match the published commitment.":
        "Giá trị bí mật được công khai không khớp với cam kết đã công bố.",
    "The question bank snapshot does not match the published commitment.":
        "Bản chốt ngân hàng câu hỏi không khớp với cam kết đã công bố.",
    "The blueprint differs from the one sealed.": "Ma trận đề thi khác với ma trận đã niêm phong.",
    "The list of candidate numbers differs from the one sealed.":
        "Danh sách số báo danh khác với danh sách đã niêm phong.",
    "Candidate {n} has a paper but is not on the sealed list.":
        "Thí sinh {n} có đề thi nhưng không có trong danh sách đã niêm phong.",
    "Candidate {n} is on the sealed list but has no paper.":
        "Thí sinh {n} có trong danh sách đã niêm phong nhưng không có đề thi.",
    "Candidate {n}: the paper cannot be redrawn ({error}).":
        "Thí sinh {n}: không tính lại được đề thi ({error}).",
    "Candidate {n}: the served paper differs from the draw.":
        "Thí sinh {n}: đề thi đã phát khác với kết quả bốc đề.",
    "Candidate {n}: the stored fingerprint differs.":
        "Thí sinh {n}: mã nhận dạng đề thi đã lưu không khớp.",
    "The file holds text not in Unicode NFC form; the specification refuses it.":
        "Tệp có văn bản không ở dạng Unicode NFC; đặc tả không chấp nhận.",
    "The file cannot be read as a draw bundle ({error}).":
        "Không đọc được tệp như một tệp kết quả bốc đề ({error}).",
})
VI.update({
    "Download the draw bundle (JSON)": "Tải tệp kết quả bốc đề (JSON)",
    "Check it in your browser": "Kiểm tra ngay trên trình duyệt",
})


# Officials are addressed as "Ông/Bà", not "bạn" (docs/glossary-vi.md).
ADDRESS = {"A submitted mark is final. You will not see another examiner's mark.": 'Điểm đã nộp là chính '
                                                                         'thức. Ông/Bà sẽ không '
                                                                         'thấy điểm của giám khảo '
                                                                         'khác.',
 'After you submit, your answers cannot change. You will get a signed receipt with the SHA-256 of exactly what you submitted.': 'Sau '
                                                                                                                                'khi '
                                                                                                                                'nộp, '
                                                                                                                                'câu '
                                                                                                                                'trả '
                                                                                                                                'lời '
                                                                                                                                'không '
                                                                                                                                'thể '
                                                                                                                                'thay '
                                                                                                                                'đổi. '
                                                                                                                                'Ông/Bà '
                                                                                                                                'sẽ '
                                                                                                                                'nhận '
                                                                                                                                'biên '
                                                                                                                                'nhận '
                                                                                                                                'có '
                                                                                                                                'chữ '
                                                                                                                                'ký, '
                                                                                                                                'ghi '
                                                                                                                                'SHA-256 '
                                                                                                                                'của '
                                                                                                                                'đúng '
                                                                                                                                'bài '
                                                                                                                                'đã '
                                                                                                                                'nộp.',
 'Bring this ticket and your citizen ID card; your answers save as you type.': 'Mang theo giấy báo '
                                                                               'này và căn cước '
                                                                               'công dân; bài làm '
                                                                               'được lưu ngay khi '
                                                                               'Ông/Bà gõ.',
 'Declarations are closed: scripts have been drawn for you.': 'Đã hết hạn kê khai: bài thi đã được '
                                                              'bốc thăm giao cho Ông/Bà.',
 'Disputed scripts awaiting your decision as panel chair': 'Bài có chênh lệch chờ Ông/Bà quyết '
                                                           'định với tư cách Trưởng ban chấm thi',
 'Every answer is saved as you go; the page says when it was last saved. You can come back on another device and find every answer.': 'Mọi '
                                                                                                                                      'câu '
                                                                                                                                      'trả '
                                                                                                                                      'lời '
                                                                                                                                      'được '
                                                                                                                                      'lưu '
                                                                                                                                      'ngay '
                                                                                                                                      'khi '
                                                                                                                                      'làm; '
                                                                                                                                      'trang '
                                                                                                                                      'cho '
                                                                                                                                      'biết '
                                                                                                                                      'lần '
                                                                                                                                      'lưu '
                                                                                                                                      'gần '
                                                                                                                                      'nhất. '
                                                                                                                                      'Ông/Bà '
                                                                                                                                      'có '
                                                                                                                                      'thể '
                                                                                                                                      'vào '
                                                                                                                                      'lại '
                                                                                                                                      'từ '
                                                                                                                                      'máy '
                                                                                                                                      'khác '
                                                                                                                                      'và '
                                                                                                                                      'thấy '
                                                                                                                                      'đủ '
                                                                                                                                      'mọi '
                                                                                                                                      'câu '
                                                                                                                                      'trả '
                                                                                                                                      'lời.',
 'Item (its code as shown on your paper)': 'Câu hỏi (mã câu như trên đề của Ông/Bà)',
 'Keep these recovery codes somewhere safe, away from your phone. Each one signs you in once if you lose the app. They are shown only now: thituyen keeps only a fingerprint of each.': 'Đề '
                                                                                                                                                                                        'nghị '
                                                                                                                                                                                        'cất '
                                                                                                                                                                                        'giữ '
                                                                                                                                                                                        'các '
                                                                                                                                                                                        'mã '
                                                                                                                                                                                        'khôi '
                                                                                                                                                                                        'phục '
                                                                                                                                                                                        'này '
                                                                                                                                                                                        'ở '
                                                                                                                                                                                        'nơi '
                                                                                                                                                                                        'an '
                                                                                                                                                                                        'toàn, '
                                                                                                                                                                                        'tách '
                                                                                                                                                                                        'khỏi '
                                                                                                                                                                                        'điện '
                                                                                                                                                                                        'thoại. '
                                                                                                                                                                                        'Mỗi '
                                                                                                                                                                                        'mã '
                                                                                                                                                                                        'giúp '
                                                                                                                                                                                        'Ông/Bà '
                                                                                                                                                                                        'đăng '
                                                                                                                                                                                        'nhập '
                                                                                                                                                                                        'một '
                                                                                                                                                                                        'lần '
                                                                                                                                                                                        'nếu '
                                                                                                                                                                                        'mất '
                                                                                                                                                                                        'ứng '
                                                                                                                                                                                        'dụng. '
                                                                                                                                                                                        'Mã '
                                                                                                                                                                                        'chỉ '
                                                                                                                                                                                        'hiển '
                                                                                                                                                                                        'thị '
                                                                                                                                                                                        'lúc '
                                                                                                                                                                                        'này: '
                                                                                                                                                                                        'thituyen '
                                                                                                                                                                                        'chỉ '
                                                                                                                                                                                        'lưu '
                                                                                                                                                                                        'dấu '
                                                                                                                                                                                        'vân '
                                                                                                                                                                                        'tay '
                                                                                                                                                                                        'của '
                                                                                                                                                                                        'từng '
                                                                                                                                                                                        'mã.',
 'Lost your phone? Type one of the recovery codes you kept when you set this up; each works once.': 'Mất '
                                                                                                    'điện '
                                                                                                    'thoại? '
                                                                                                    'Đề '
                                                                                                    'nghị '
                                                                                                    'nhập '
                                                                                                    'một '
                                                                                                    'trong '
                                                                                                    'các '
                                                                                                    'mã '
                                                                                                    'khôi '
                                                                                                    'phục '
                                                                                                    'Ông/Bà '
                                                                                                    'đã '
                                                                                                    'lưu '
                                                                                                    'khi '
                                                                                                    'thiết '
                                                                                                    'lập; '
                                                                                                    'mỗi '
                                                                                                    'mã '
                                                                                                    'dùng '
                                                                                                    'được '
                                                                                                    'một '
                                                                                                    'lần.',
 'Name the item you object to.': 'Ghi rõ câu hỏi Ông/Bà kiến nghị.',
 'No paper was drawn for you. Ask the proctor.': 'Chưa có đề thi của Ông/Bà. Đề nghị báo giám thị.',
 'No report for you to read.': 'Không có phản ánh nào dành cho Ông/Bà.',
 'No script has been given to you yet.': 'Ông/Bà chưa được giao bài thi nào.',
 "Sample script: these marks do not count. After you submit, you see every member's marks so the panel can agree how the rubric applies.": 'Bài '
                                                                                                                                           'chấm '
                                                                                                                                           'thử: '
                                                                                                                                           'điểm '
                                                                                                                                           'không '
                                                                                                                                           'được '
                                                                                                                                           'tính. '
                                                                                                                                           'Sau '
                                                                                                                                           'khi '
                                                                                                                                           'nộp, '
                                                                                                                                           'Ông/Bà '
                                                                                                                                           'thấy '
                                                                                                                                           'điểm '
                                                                                                                                           'của '
                                                                                                                                           'mọi '
                                                                                                                                           'thành '
                                                                                                                                           'viên '
                                                                                                                                           'để '
                                                                                                                                           'Ban '
                                                                                                                                           'chấm '
                                                                                                                                           'thi '
                                                                                                                                           'thống '
                                                                                                                                           'nhất '
                                                                                                                                           'cách '
                                                                                                                                           'áp '
                                                                                                                                           'dụng '
                                                                                                                                           'hướng '
                                                                                                                                           'dẫn '
                                                                                                                                           'chấm.',
 'Sign in to thituyen with your own account during the sitting window.': 'Đăng nhập thituyen bằng '
                                                                         'tài khoản của chính '
                                                                         'Ông/Bà trong thời gian '
                                                                         'thi.',
 'The board has decided your appeal in “%(title)s”. Read the decision and its reason.': 'Hội đồng '
                                                                                        'đã quyết '
                                                                                        'định về '
                                                                                        'đơn của '
                                                                                        'Ông/Bà '
                                                                                        'trong '
                                                                                        '“%(title)s”. '
                                                                                        'Đề nghị '
                                                                                        'đọc quyết '
                                                                                        'định và '
                                                                                        'lý do.',
 'The password must not contain your email name.': 'Mật khẩu không được chứa tên email của Ông/Bà.',
 'The results of “%(title)s” have been published. See your scores and your place.': 'Kết quả '
                                                                                    '“%(title)s” '
                                                                                    'đã được công '
                                                                                    'bố. Đề nghị '
                                                                                    'xem điểm và '
                                                                                    'thứ hạng của '
                                                                                    'Ông/Bà.',
 'The six digits your authenticator app shows now, or one of your recovery codes.': 'Sáu chữ số '
                                                                                    'ứng dụng xác '
                                                                                    'thực đang '
                                                                                    'hiển thị, '
                                                                                    'hoặc một mã '
                                                                                    'khôi phục của '
                                                                                    'Ông/Bà.',
 'These are the accepted candidates. Mark anyone you are related to, work closely with or otherwise cannot judge impartially: you will not receive their scripts, and you will not be told which scripts they are. Mark the candidates you know without a conflict, so the board can judge how strong anonymity is.': 'Đây '
                                                                                                                                                                                                                                                                                                                      'là '
                                                                                                                                                                                                                                                                                                                      'danh '
                                                                                                                                                                                                                                                                                                                      'sách '
                                                                                                                                                                                                                                                                                                                      'thí '
                                                                                                                                                                                                                                                                                                                      'sinh '
                                                                                                                                                                                                                                                                                                                      'đủ '
                                                                                                                                                                                                                                                                                                                      'điều '
                                                                                                                                                                                                                                                                                                                      'kiện. '
                                                                                                                                                                                                                                                                                                                      'Đề '
                                                                                                                                                                                                                                                                                                                      'nghị '
                                                                                                                                                                                                                                                                                                                      'đánh '
                                                                                                                                                                                                                                                                                                                      'dấu '
                                                                                                                                                                                                                                                                                                                      'người '
                                                                                                                                                                                                                                                                                                                      'có '
                                                                                                                                                                                                                                                                                                                      'quan '
                                                                                                                                                                                                                                                                                                                      'hệ '
                                                                                                                                                                                                                                                                                                                      'thân '
                                                                                                                                                                                                                                                                                                                      'thích, '
                                                                                                                                                                                                                                                                                                                      'làm '
                                                                                                                                                                                                                                                                                                                      'việc '
                                                                                                                                                                                                                                                                                                                      'gần '
                                                                                                                                                                                                                                                                                                                      'gũi '
                                                                                                                                                                                                                                                                                                                      'hoặc '
                                                                                                                                                                                                                                                                                                                      'vì '
                                                                                                                                                                                                                                                                                                                      'lý '
                                                                                                                                                                                                                                                                                                                      'do '
                                                                                                                                                                                                                                                                                                                      'khác '
                                                                                                                                                                                                                                                                                                                      'Ông/Bà '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'thể '
                                                                                                                                                                                                                                                                                                                      'chấm '
                                                                                                                                                                                                                                                                                                                      'khách '
                                                                                                                                                                                                                                                                                                                      'quan: '
                                                                                                                                                                                                                                                                                                                      'Ông/Bà '
                                                                                                                                                                                                                                                                                                                      'sẽ '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'nhận '
                                                                                                                                                                                                                                                                                                                      'bài '
                                                                                                                                                                                                                                                                                                                      'của '
                                                                                                                                                                                                                                                                                                                      'họ '
                                                                                                                                                                                                                                                                                                                      'và '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'được '
                                                                                                                                                                                                                                                                                                                      'biết '
                                                                                                                                                                                                                                                                                                                      'đó '
                                                                                                                                                                                                                                                                                                                      'là '
                                                                                                                                                                                                                                                                                                                      'bài '
                                                                                                                                                                                                                                                                                                                      'nào. '
                                                                                                                                                                                                                                                                                                                      'Đề '
                                                                                                                                                                                                                                                                                                                      'nghị '
                                                                                                                                                                                                                                                                                                                      'đánh '
                                                                                                                                                                                                                                                                                                                      'dấu '
                                                                                                                                                                                                                                                                                                                      'những '
                                                                                                                                                                                                                                                                                                                      'thí '
                                                                                                                                                                                                                                                                                                                      'sinh '
                                                                                                                                                                                                                                                                                                                      'Ông/Bà '
                                                                                                                                                                                                                                                                                                                      'quen '
                                                                                                                                                                                                                                                                                                                      'biết '
                                                                                                                                                                                                                                                                                                                      'nhưng '
                                                                                                                                                                                                                                                                                                                      'không '
                                                                                                                                                                                                                                                                                                                      'có '
                                                                                                                                                                                                                                                                                                                      'xung '
                                                                                                                                                                                                                                                                                                                      'đột, '
                                                                                                                                                                                                                                                                                                                      'để '
                                                                                                                                                                                                                                                                                                                      'Hội '
                                                                                                                                                                                                                                                                                                                      'đồng '
                                                                                                                                                                                                                                                                                                                      'đánh '
                                                                                                                                                                                                                                                                                                                      'giá '
                                                                                                                                                                                                                                                                                                                      'mức '
                                                                                                                                                                                                                                                                                                                      'độ '
                                                                                                                                                                                                                                                                                                                      'ẩn '
                                                                                                                                                                                                                                                                                                                      'danh.',
 'This is not your paper.': 'Đây không phải bài thi của Ông/Bà.',
 'This is your tracking code. Write it down or save it now: it is shown only once, and nobody, not even the inspectors, can show it to you again.': 'Đây '
                                                                                                                                                    'là '
                                                                                                                                                    'mã '
                                                                                                                                                    'theo '
                                                                                                                                                    'dõi '
                                                                                                                                                    'của '
                                                                                                                                                    'Ông/Bà. '
                                                                                                                                                    'Đề '
                                                                                                                                                    'nghị '
                                                                                                                                                    'ghi '
                                                                                                                                                    'lại '
                                                                                                                                                    'hoặc '
                                                                                                                                                    'lưu '
                                                                                                                                                    'ngay: '
                                                                                                                                                    'mã '
                                                                                                                                                    'chỉ '
                                                                                                                                                    'hiển '
                                                                                                                                                    'thị '
                                                                                                                                                    'một '
                                                                                                                                                    'lần, '
                                                                                                                                                    'và '
                                                                                                                                                    'không '
                                                                                                                                                    'ai, '
                                                                                                                                                    'kể '
                                                                                                                                                    'cả '
                                                                                                                                                    'giám '
                                                                                                                                                    'sát '
                                                                                                                                                    'viên, '
                                                                                                                                                    'có '
                                                                                                                                                    'thể '
                                                                                                                                                    'cho '
                                                                                                                                                    'Ông/Bà '
                                                                                                                                                    'xem '
                                                                                                                                                    'lại.',
 'This list is shown only until scripts are drawn for you.': 'Danh sách này chỉ hiển thị cho đến '
                                                             'khi bài thi được bốc thăm giao cho '
                                                             'Ông/Bà.',
 'This question is not on your paper.': 'Câu hỏi này không có trong đề thi của Ông/Bà.',
 'This script is not assigned to you.': 'Bài thi này không được giao cho Ông/Bà.',
 'Time is up: this answer arrived after the deadline and was not saved. Your paper was submitted automatically with every answer saved before the deadline.': 'Hết '
                                                                                                                                                              'giờ: '
                                                                                                                                                              'câu '
                                                                                                                                                              'trả '
                                                                                                                                                              'lời '
                                                                                                                                                              'này '
                                                                                                                                                              'đến '
                                                                                                                                                              'sau '
                                                                                                                                                              'giờ '
                                                                                                                                                              'kết '
                                                                                                                                                              'thúc '
                                                                                                                                                              'nên '
                                                                                                                                                              'không '
                                                                                                                                                              'được '
                                                                                                                                                              'lưu. '
                                                                                                                                                              'Bài '
                                                                                                                                                              'thi '
                                                                                                                                                              'của '
                                                                                                                                                              'Ông/Bà '
                                                                                                                                                              'đã '
                                                                                                                                                              'được '
                                                                                                                                                              'nộp '
                                                                                                                                                              'tự '
                                                                                                                                                              'động '
                                                                                                                                                              'với '
                                                                                                                                                              'mọi '
                                                                                                                                                              'câu '
                                                                                                                                                              'trả '
                                                                                                                                                              'lời '
                                                                                                                                                              'đã '
                                                                                                                                                              'lưu '
                                                                                                                                                              'trước '
                                                                                                                                                              'giờ '
                                                                                                                                                              'kết '
                                                                                                                                                              'thúc.',
 'Time is up: your paper was submitted automatically with every answer saved before the deadline.': 'Hết '
                                                                                                    'giờ: '
                                                                                                    'bài '
                                                                                                    'thi '
                                                                                                    'của '
                                                                                                    'Ông/Bà '
                                                                                                    'đã '
                                                                                                    'được '
                                                                                                    'nộp '
                                                                                                    'tự '
                                                                                                    'động '
                                                                                                    'với '
                                                                                                    'mọi '
                                                                                                    'câu '
                                                                                                    'trả '
                                                                                                    'lời '
                                                                                                    'đã '
                                                                                                    'lưu '
                                                                                                    'trước '
                                                                                                    'giờ '
                                                                                                    'kết '
                                                                                                    'thúc.',
 'Welcome, %(name)s. Your account is ready.': 'Chào mừng %(name)s. Tài khoản của Ông/Bà đã sẵn '
                                              'sàng.',
 'What you reported': 'Nội dung Ông/Bà đã phản ánh',
 'When, where, who, and how you know. Do not write your own name unless you want the inspector to know it.': 'Khi '
                                                                                                             'nào, '
                                                                                                             'ở '
                                                                                                             'đâu, '
                                                                                                             'ai, '
                                                                                                             'và '
                                                                                                             'vì '
                                                                                                             'sao '
                                                                                                             'Ông/Bà '
                                                                                                             'biết. '
                                                                                                             'Đừng '
                                                                                                             'ghi '
                                                                                                             'tên '
                                                                                                             'mình '
                                                                                                             'trừ '
                                                                                                             'khi '
                                                                                                             'Ông/Bà '
                                                                                                             'muốn '
                                                                                                             'giám '
                                                                                                             'sát '
                                                                                                             'viên '
                                                                                                             'biết.',
 'With the code you can follow the report, read the finding when it is resolved, and add information.': 'Với '
                                                                                                        'mã '
                                                                                                        'này, '
                                                                                                        'Ông/Bà '
                                                                                                        'có '
                                                                                                        'thể '
                                                                                                        'theo '
                                                                                                        'dõi '
                                                                                                        'phản '
                                                                                                        'ánh, '
                                                                                                        'đọc '
                                                                                                        'kết '
                                                                                                        'luận '
                                                                                                        'khi '
                                                                                                        'được '
                                                                                                        'giải '
                                                                                                        'quyết '
                                                                                                        'và '
                                                                                                        'bổ '
                                                                                                        'sung '
                                                                                                        'thông '
                                                                                                        'tin.',
 'Without this tick the report is not linked to your account.': 'Nếu không đánh dấu ô này, phản '
                                                                'ánh không gắn với tài khoản của '
                                                                'Ông/Bà.',
 'You are not a candidate of this competition.': 'Ông/Bà không phải thí sinh của kỳ thi tuyển này.',
 'You are signed out on every device.': 'Ông/Bà đã đăng xuất trên mọi thiết bị.',
 'You are signed out.': 'Ông/Bà đã đăng xuất.',
 'You do not have access to this page.': 'Ông/Bà không có quyền truy cập trang này.',
 'You have already applied to this competition.': 'Ông/Bà đã nộp hồ sơ cho kỳ thi tuyển này.',
 'You have already asked for a re-mark of this part.': 'Ông/Bà đã đề nghị phúc khảo phần thi này.',
 'You have already confirmed.': 'Ông/Bà đã xác nhận.',
 'You have already objected to this item.': 'Ông/Bà đã kiến nghị về câu hỏi này.',
 'You have already scored this round; your score is sealed.': 'Ông/Bà đã chấm lượt này; điểm của '
                                                              'Ông/Bà đã được niêm phong.',
 'You have already submitted your paper.': 'Ông/Bà đã nộp bài.',
 'You have already voted.': 'Ông/Bà đã bỏ phiếu rồi.',
 'You have declared your conflicts of interest. You may change the declaration until scripts are drawn.': 'Ông/Bà '
                                                                                                          'đã '
                                                                                                          'kê '
                                                                                                          'khai '
                                                                                                          'xung '
                                                                                                          'đột '
                                                                                                          'lợi '
                                                                                                          'ích. '
                                                                                                          'Ông/Bà '
                                                                                                          'có '
                                                                                                          'thể '
                                                                                                          'sửa '
                                                                                                          'bản '
                                                                                                          'kê '
                                                                                                          'khai '
                                                                                                          'cho '
                                                                                                          'đến '
                                                                                                          'khi '
                                                                                                          'bài '
                                                                                                          'thi '
                                                                                                          'được '
                                                                                                          'bốc '
                                                                                                          'thăm.',
 'You have no notifications yet. You will be told here, and by email, when your application is decided, your admission ticket is ready, results are published and your appeal is decided.': 'Ông/Bà '
                                                                                                                                                                                            'chưa '
                                                                                                                                                                                            'có '
                                                                                                                                                                                            'thông '
                                                                                                                                                                                            'báo '
                                                                                                                                                                                            'nào. '
                                                                                                                                                                                            'Ông/Bà '
                                                                                                                                                                                            'sẽ '
                                                                                                                                                                                            'được '
                                                                                                                                                                                            'báo '
                                                                                                                                                                                            'tại '
                                                                                                                                                                                            'đây '
                                                                                                                                                                                            'và '
                                                                                                                                                                                            'qua '
                                                                                                                                                                                            'email '
                                                                                                                                                                                            'khi '
                                                                                                                                                                                            'hồ '
                                                                                                                                                                                            'sơ '
                                                                                                                                                                                            'được '
                                                                                                                                                                                            'quyết '
                                                                                                                                                                                            'định, '
                                                                                                                                                                                            'giấy '
                                                                                                                                                                                            'báo '
                                                                                                                                                                                            'dự '
                                                                                                                                                                                            'thi '
                                                                                                                                                                                            'sẵn '
                                                                                                                                                                                            'sàng, '
                                                                                                                                                                                            'kết '
                                                                                                                                                                                            'quả '
                                                                                                                                                                                            'được '
                                                                                                                                                                                            'công '
                                                                                                                                                                                            'bố '
                                                                                                                                                                                            'và '
                                                                                                                                                                                            'đơn '
                                                                                                                                                                                            'phúc '
                                                                                                                                                                                            'khảo '
                                                                                                                                                                                            'có '
                                                                                                                                                                                            'quyết '
                                                                                                                                                                                            'định.',
 'You have no personal signing certificate installed.': 'Ông/Bà chưa được cài đặt chứng thư ký số '
                                                        'cá nhân.',
 'You have no role in any competition yet.': 'Ông/Bà chưa có vai trò trong kỳ thi tuyển nào.',
 'You have not started the sitting yet.': 'Ông/Bà chưa bắt đầu làm bài.',
 'You may ask until %(when)s.': 'Ông/Bà có thể gửi đơn đến %(when)s.',
 'You may not appoint this role in this competition.': 'Ông/Bà không được phân công vai trò này '
                                                       'trong kỳ thi tuyển này.',
 'You may not see these appeals.': 'Ông/Bà không được xem các đơn này.',
 'You may not see this application.': 'Ông/Bà không được xem hồ sơ này.',
 'You may not see this result.': 'Ông/Bà không được xem kết quả này.',
 'You may read the log of your own competitions only.': 'Ông/Bà chỉ được đọc nhật ký của các kỳ '
                                                        'thi tuyển mình phụ trách.',
 'You serve on the staff of this competition and cannot apply to it.': 'Ông/Bà đang làm nhiệm vụ '
                                                                       'trong kỳ thi tuyển này nên '
                                                                       'không thể dự thi.',
 'You vote once and cannot change your ballot. It is counted without your name.': 'Ông/Bà chỉ bỏ '
                                                                                  'phiếu một lần '
                                                                                  'và không thể '
                                                                                  'thay đổi. Phiếu '
                                                                                  'được tính mà '
                                                                                  'không gắn với '
                                                                                  'tên Ông/Bà.',
 'You wrote this version: another author reviews and approves it.': 'Ông/Bà soạn phiên bản này: '
                                                                    'một người ra đề khác sẽ thẩm '
                                                                    'định và duyệt.',
 'Your account now needs two-step sign-in. Please sign in again.': 'Tài khoản của Ông/Bà nay cần '
                                                                   'đăng nhập hai bước. Đề nghị '
                                                                   'đăng nhập lại.',
 'Your admission ticket for “%(title)s” is ready. Download it and bring it to the sitting.': 'Giấy '
                                                                                             'báo '
                                                                                             'dự '
                                                                                             'thi '
                                                                                             '“%(title)s” '
                                                                                             'của '
                                                                                             'Ông/Bà '
                                                                                             'đã '
                                                                                             'sẵn '
                                                                                             'sàng. '
                                                                                             'Đề '
                                                                                             'nghị '
                                                                                             'tải '
                                                                                             'về '
                                                                                             'và '
                                                                                             'mang '
                                                                                             'theo '
                                                                                             'khi '
                                                                                             'dự '
                                                                                             'thi.',
 'Your admission ticket is ready': 'Giấy báo dự thi của Ông/Bà đã sẵn sàng',
 'Your appeal has been decided': 'Đơn phúc khảo của Ông/Bà đã có quyết định',
 'Your application to “%(title)s” was accepted. Your candidate number is %(candidate_number)s.': 'Hồ '
                                                                                                 'sơ '
                                                                                                 'dự '
                                                                                                 'tuyển '
                                                                                                 'của '
                                                                                                 'Ông/Bà '
                                                                                                 'vào '
                                                                                                 '“%(title)s” '
                                                                                                 'đã '
                                                                                                 'được '
                                                                                                 'chấp '
                                                                                                 'nhận. '
                                                                                                 'Số '
                                                                                                 'báo '
                                                                                                 'danh '
                                                                                                 'của '
                                                                                                 'Ông/Bà '
                                                                                                 'là '
                                                                                                 '%(candidate_number)s.',
 "Your application to “%(title)s” was not accepted. The board's reason: %(reason)s": 'Hồ sơ dự '
                                                                                     'tuyển của '
                                                                                     'Ông/Bà vào '
                                                                                     '“%(title)s” '
                                                                                     'không được '
                                                                                     'chấp nhận. '
                                                                                     'Lý do của '
                                                                                     'Hội đồng: '
                                                                                     '%(reason)s',
 'Your application was accepted': 'Hồ sơ dự tuyển của Ông/Bà đã được chấp nhận',
 'Your application was not accepted': 'Hồ sơ dự tuyển của Ông/Bà không được chấp nhận',
 'Your application was submitted.': 'Hồ sơ của Ông/Bà đã được nộp.',
 'Your approval signature was added to the sheet.': 'Chữ ký phê duyệt của Ông/Bà đã được thêm vào '
                                                    'bảng kết quả.',
 'Your ballot was counted. Nobody, including you, can see which option it went to.': 'Phiếu của '
                                                                                     'Ông/Bà đã '
                                                                                     'được tính. '
                                                                                     'Không ai, kể '
                                                                                     'cả Ông/Bà, '
                                                                                     'có thể xem '
                                                                                     'phiếu đó bầu '
                                                                                     'cho phương '
                                                                                     'án nào.',
 'Your competition': 'Kỳ thi tuyển của Ông/Bà',
 'Your declaration': 'Kê khai của Ông/Bà',
 'Your declaration was recorded.': 'Đã ghi nhận bản kê khai của Ông/Bà.',
 'Your information was added to the report.': 'Thông tin của Ông/Bà đã được bổ sung vào phản ánh.',
 'Your mark': 'Điểm của Ông/Bà',
 'Your mark was submitted.': 'Đã nộp điểm của Ông/Bà.',
 "Your objection was filed; the board's decision will be published.": 'Kiến nghị của Ông/Bà đã '
                                                                      'được gửi; quyết định của '
                                                                      'Hội đồng sẽ được công bố.',
 'Your recovery codes': 'Mã khôi phục của Ông/Bà',
 'Your report goes to the inspectors, who are independent of the board, and to the board chair unless you name the chair. People you name never see it. You do not need an account and nobody will ask who you are; you will get a tracking code to follow the report and add information.': 'Phản '
                                                                                                                                                                                                                                                                                             'ánh '
                                                                                                                                                                                                                                                                                             'của '
                                                                                                                                                                                                                                                                                             'Ông/Bà '
                                                                                                                                                                                                                                                                                             'được '
                                                                                                                                                                                                                                                                                             'gửi '
                                                                                                                                                                                                                                                                                             'tới '
                                                                                                                                                                                                                                                                                             'giám '
                                                                                                                                                                                                                                                                                             'sát '
                                                                                                                                                                                                                                                                                             'viên, '
                                                                                                                                                                                                                                                                                             'độc '
                                                                                                                                                                                                                                                                                             'lập '
                                                                                                                                                                                                                                                                                             'với '
                                                                                                                                                                                                                                                                                             'Hội '
                                                                                                                                                                                                                                                                                             'đồng, '
                                                                                                                                                                                                                                                                                             'và '
                                                                                                                                                                                                                                                                                             'tới '
                                                                                                                                                                                                                                                                                             'Chủ '
                                                                                                                                                                                                                                                                                             'tịch '
                                                                                                                                                                                                                                                                                             'Hội '
                                                                                                                                                                                                                                                                                             'đồng '
                                                                                                                                                                                                                                                                                             'trừ '
                                                                                                                                                                                                                                                                                             'khi '
                                                                                                                                                                                                                                                                                             'Ông/Bà '
                                                                                                                                                                                                                                                                                             'phản '
                                                                                                                                                                                                                                                                                             'ánh '
                                                                                                                                                                                                                                                                                             'về '
                                                                                                                                                                                                                                                                                             'chính '
                                                                                                                                                                                                                                                                                             'Chủ '
                                                                                                                                                                                                                                                                                             'tịch. '
                                                                                                                                                                                                                                                                                             'Người '
                                                                                                                                                                                                                                                                                             'bị '
                                                                                                                                                                                                                                                                                             'phản '
                                                                                                                                                                                                                                                                                             'ánh '
                                                                                                                                                                                                                                                                                             'không '
                                                                                                                                                                                                                                                                                             'bao '
                                                                                                                                                                                                                                                                                             'giờ '
                                                                                                                                                                                                                                                                                             'xem '
                                                                                                                                                                                                                                                                                             'được '
                                                                                                                                                                                                                                                                                             'phản '
                                                                                                                                                                                                                                                                                             'ánh. '
                                                                                                                                                                                                                                                                                             'Ông/Bà '
                                                                                                                                                                                                                                                                                             'không '
                                                                                                                                                                                                                                                                                             'cần '
                                                                                                                                                                                                                                                                                             'tài '
                                                                                                                                                                                                                                                                                             'khoản '
                                                                                                                                                                                                                                                                                             'và '
                                                                                                                                                                                                                                                                                             'không '
                                                                                                                                                                                                                                                                                             'ai '
                                                                                                                                                                                                                                                                                             'hỏi '
                                                                                                                                                                                                                                                                                             'Ông/Bà '
                                                                                                                                                                                                                                                                                             'là '
                                                                                                                                                                                                                                                                                             'ai; '
                                                                                                                                                                                                                                                                                             'Ông/Bà '
                                                                                                                                                                                                                                                                                             'sẽ '
                                                                                                                                                                                                                                                                                             'nhận '
                                                                                                                                                                                                                                                                                             'một '
                                                                                                                                                                                                                                                                                             'mã '
                                                                                                                                                                                                                                                                                             'theo '
                                                                                                                                                                                                                                                                                             'dõi '
                                                                                                                                                                                                                                                                                             'để '
                                                                                                                                                                                                                                                                                             'theo '
                                                                                                                                                                                                                                                                                             'dõi '
                                                                                                                                                                                                                                                                                             'và '
                                                                                                                                                                                                                                                                                             'bổ '
                                                                                                                                                                                                                                                                                             'sung '
                                                                                                                                                                                                                                                                                             'thông '
                                                                                                                                                                                                                                                                                             'tin.',
 'Your report was received': 'Phản ánh của Ông/Bà đã được tiếp nhận',
 'Your request for a re-mark was filed.': 'Đơn phúc khảo của Ông/Bà đã được gửi.',
 'Your score (0–100)': 'Điểm của Ông/Bà (0–100)',
 'Your vote': 'Phiếu của Ông/Bà'}
VI.update(ADDRESS)
VI["%(topic)s, %(difficulty)s, %(type)s: %(need)d approved questions needed, %(have)d in the "
   "bank"] = "%(topic)s, %(difficulty)s, %(type)s: cần %(need)d câu hỏi đã duyệt, ngân hàng có %(have)d"

# The bank's problems with a question (exam/bank/problems.py)
VI.update({
    "The question has no code.": "Câu hỏi chưa có mã.",
    "The question's code must not contain spaces or '|'.":
        "Mã câu hỏi không được chứa dấu cách hoặc ký tự '|'.",
    "The question text is empty.": "Nội dung câu hỏi đang để trống.",
    "The topic is empty.": "Chủ đề đang để trống.",
    "The points must be greater than 0.": "Số điểm phải lớn hơn 0.",
    "An option has no text.": "Có phương án chưa có nội dung.",
    "Two options have the same text.": "Có hai phương án trùng nội dung.",
    "A single choice question needs at least 2 options.":
        "Câu hỏi một lựa chọn cần ít nhất 2 phương án.",
    "A single choice question needs exactly one correct option (fraction 1).":
        "Câu hỏi một lựa chọn cần đúng một phương án đúng (tỷ lệ điểm 1).",
    "A single choice question is all or nothing: no negative fractions.":
        "Câu hỏi một lựa chọn chỉ có đúng hoặc sai: không dùng tỷ lệ điểm âm.",
    "A multiple response question needs at least 2 options.":
        "Câu hỏi nhiều lựa chọn cần ít nhất 2 phương án.",
    "A multiple response question needs at least one correct option.":
        "Câu hỏi nhiều lựa chọn cần ít nhất một phương án đúng.",
    "A true/false question needs exactly one correct option (fraction 1) and one 0.":
        "Câu hỏi đúng/sai cần đúng một phương án đúng (tỷ lệ điểm 1) và một phương án 0.",
    "A short answer question needs at least one accepted answer.":
        "Câu hỏi trả lời ngắn cần ít nhất một đáp án được chấp nhận.",
    "An accepted answer spans several lines.": "Có đáp án được chấp nhận nằm trên nhiều dòng.",
    "A numeric question needs a numeric answer.": "Câu hỏi dạng số cần có đáp án là số.",
    "The tolerance must not be negative.": "Sai số cho phép không được âm.",
    "An essay needs a rubric.": "Câu hỏi tự luận cần có hướng dẫn chấm.",
    "A rubric criterion has no name.": "Có tiêu chí chấm chưa có tên.",
    "Option %(option)s spans several lines.": "Phương án %(option)s nằm trên nhiều dòng.",
    "Option %(option)s has a fraction outside -1 to 1.":
        "Phương án %(option)s có tỷ lệ điểm nằm ngoài khoảng -1 đến 1.",
    "Rubric criterion %(option)s must be worth more than 0 points.":
        "Tiêu chí chấm %(option)s phải có số điểm lớn hơn 0.",
    "The positive fractions of a multiple response question sum to %(option)s, not 1.":
        "Tổng các tỷ lệ điểm dương của câu hỏi nhiều lựa chọn là %(option)s, không phải 1.",
})
