VI = {
    "Enter the person's email address.":
        "Đề nghị nhập địa chỉ email của người được cử.",
    "Give the full name of the person you invite.":
        "Đề nghị nhập họ và tên của người được mời.",
    "This invitation link has expired or was already used. Ask the person who invited you for a new one.":
        "Đường dẫn mời này đã hết hạn hoặc đã được sử dụng. Đề nghị liên hệ người đã mời để được gửi đường dẫn mới.",
    "Full name (only to invite someone without an account)":
        "Họ và tên (chỉ cần khi mời người chưa có tài khoản)",
    "A person without an account receives an email with a one-time link to choose a password.":
        "Người chưa có tài khoản sẽ nhận email có đường dẫn dùng một lần để tự đặt mật khẩu.",
    "Reason for removing this appointment":
        "Lý do thôi phân công",
    "You may not remove this appointment.":
        "Ông/Bà không có quyền thôi phân công người này.",
    "The final results are published; the staff of this competition is on record.":
        "Kết quả chính thức đã được công bố; danh sách người làm nhiệm vụ của kỳ thi tuyển này đã được lưu hồ sơ, không thể thay đổi.",
    "Give a reason of at least a few words.":
        "Đề nghị ghi lý do, ít nhất một câu ngắn.",
    "%(name)s sits on a scoring panel or has scripts to mark; the appointment cannot be removed now.":
        "%(name)s đang là thành viên Ban chấm thi hoặc đang được giao bài để chấm; hiện không thể thôi phân công.",
    "No such appointment.":
        "Không có phân công này.",
    "No account with that email. To invite the person, give their full name as well: they receive a one-time link to choose a password.":
        "Không có tài khoản nào với email này. Để mời người này, đề nghị nhập thêm họ và tên: họ sẽ nhận đường dẫn dùng một lần để tự đặt mật khẩu.",
    "%(name)s was appointed and invited: an email with a one-time link to choose a password was sent to %(email)s.":
        "Đã phân công và gửi lời mời tới %(name)s: email có đường dẫn dùng một lần để đặt mật khẩu đã được gửi tới %(email)s.",
    "The appointment of %(name)s was removed.":
        "Đã thôi phân công %(name)s.",
    "You are invited to serve on a competition":
        "Ông/Bà được mời làm nhiệm vụ tại một kỳ thi tuyển",
    "You were appointed %(role)s in “%(title)s”. Choose your password with this link, which works once and for %(days)s days: %(link)s":
        "Ông/Bà được phân công làm %(role)s tại “%(title)s”. Đề nghị đặt mật khẩu qua đường dẫn sau, chỉ dùng được một lần và trong %(days)s ngày: %(link)s",
    "I know that my declared data do not meet these criteria and I apply anyway.":
        "Tôi biết thông tin đã khai chưa đáp ứng các tiêu chuẩn này và vẫn nộp hồ sơ.",
    "Tick the box to confirm that the marks are final.":
        "Đề nghị đánh dấu ô xác nhận rằng điểm đã chấm là điểm cuối cùng.",
    "From 1 to 500 questions.":
        "Từ 1 đến 500 câu.",
    "Fill in at least one row: a topic and a number of items.":
        "Đề nghị điền ít nhất một dòng: chủ đề và số câu.",
    "Choose a topic.":
        "Đề nghị chọn chủ đề.",
    "Each row needs a topic and a number of items.":
        "Mỗi dòng cần có chủ đề và số câu.",
    "Choose from the list.":
        "Đề nghị chọn trong danh sách.",
    "Enter a number of items.":
        "Đề nghị nhập số câu.",
    "Choose your password":
        "Đặt mật khẩu",
    "Your password is set. Sign in with your email and this password.":
        "Đã đặt mật khẩu. Đề nghị đăng nhập bằng email và mật khẩu này.",
    "Welcome, %(name)s. Your account is %(email)s; choose the password you will sign in with. This link works only once.":
        "Kính chào Ông/Bà %(name)s. Tài khoản của Ông/Bà là %(email)s; đề nghị đặt mật khẩu để đăng nhập. Đường dẫn này chỉ dùng được một lần.",
    "Set the password":
        "Đặt mật khẩu",
    "You are signed in as %(name)s. To create another account, sign out first; your own account stays as it is.":
        "Ông/Bà đang đăng nhập với tên %(name)s. Để tạo tài khoản khác, đề nghị đăng xuất trước; tài khoản hiện tại vẫn giữ nguyên.",
    "Filed: waiting for the board's answer":
        "Đã nộp, chờ Hội đồng trả lời",
    "Refused by the board":
        "Hội đồng không chấp nhận",
    "Granted: the part is being re-marked":
        "Đã chấp nhận: phần thi đang được phúc khảo",
    "Decided":
        "Đã có kết quả phúc khảo",
    "Remove":
        "Thôi phân công",
    "Remove…":
        "Thôi phân công…",
    "Remove the appointment":
        "Thôi phân công",
    "You applied on %(date)s.":
        "Ông/Bà đã nộp hồ sơ lúc %(date)s.",
    "Your application":
        "Hồ sơ của Ông/Bà",
    "My submission receipt":
        "Biên nhận bài thi của tôi",
    "open until %(time)s":
        "nhận đến %(time)s",
    "Your re-mark requests":
        "Đơn phúc khảo của Ông/Bà",
    "What you declared does not meet the criteria published for this competition; the board will probably reject the application:":
        "Thông tin Ông/Bà khai chưa đáp ứng tiêu chuẩn đã công bố của kỳ thi tuyển này; Hội đồng có thể sẽ không chấp nhận hồ sơ:",
    "Correct the data below if they are wrong, or confirm to apply anyway.":
        "Đề nghị sửa thông tin dưới đây nếu khai nhầm, hoặc xác nhận để vẫn nộp hồ sơ.",
    "Choose your documents again before sending: a browser never keeps a chosen file when a form comes back.":
        "Đề nghị chọn lại các tệp hồ sơ trước khi gửi: trình duyệt không giữ tệp đã chọn khi biểu mẫu được trả lại.",
    "I have checked these marks: once submitted they are final and cannot change.":
        "Tôi đã kiểm tra điểm chấm: sau khi nộp, điểm không thể sửa.",
    "A draft can still change; the box above is needed only to submit. You will not see another examiner's mark.":
        "Bản nháp vẫn sửa được; chỉ cần đánh dấu ô trên khi nộp điểm. Ông/Bà không xem được điểm của giám khảo khác.",
    "Not saved yet: your answer is sent when you pause typing.":
        "Chưa lưu: câu trả lời được gửi khi Ông/Bà ngừng gõ.",
    "No connection. Your answers are kept on this computer and will be sent when the connection returns; do not close this page.":
        "Mất kết nối. Câu trả lời được giữ trên máy tính này và sẽ được gửi khi có kết nối trở lại; đề nghị không đóng trang này.",
    "Change this part":
        "Sửa phần thi này",
    "Each row draws questions of one topic, difficulty and type from the approved questions of the bank. Rows left empty are ignored.":
        "Mỗi dòng bốc câu hỏi theo một chủ đề, độ khó và loại câu hỏi trong số các câu hỏi đã duyệt của ngân hàng. Dòng để trống được bỏ qua.",
    "Row %(n)d":
        "Dòng %(n)d",
    "You declared no conflict of interest.":
        "Ông/Bà đã kê khai không có xung đột lợi ích với thí sinh nào.",
    "Candidates with whom you declared a conflict of interest: %(n)d.":
        "Số thí sinh Ông/Bà đã kê khai có xung đột lợi ích: %(n)d.",
    "You may change the declaration until scripts are drawn.":
        "Ông/Bà có thể sửa bản kê khai cho đến khi bài thi được bốc chia cho giám khảo.",
    "Title on the result sheet":
        "Tên phần thi trên bảng kết quả",
    "Pass mark (empty: half the maximum)":
        "Điểm đạt (để trống: một nửa điểm tối đa)",
    "Short code":
        "Mã viết tắt",
    "Letters, digits and underscores, e.g. thuong_binh.":
        "Chữ cái không dấu, chữ số và dấu gạch dưới, ví dụ thuong_binh.",
    "Points added":
        "Điểm cộng",
    "Specialised part (first tie-break)":
        "Phần thi chuyên môn (tiêu chí xét thứ nhất khi bằng điểm)",
    "Written part (second tie-break)":
        "Phần thi viết (tiêu chí xét thứ hai khi bằng điểm)",
    "Parts of the result":
        "Các phần thi tính vào kết quả",
    "One row per part that counts in the result; rows left empty are ignored.":
        "Mỗi dòng một phần thi được tính vào kết quả; dòng để trống được bỏ qua.",
    "Priority categories":
        "Đối tượng ưu tiên",
    "Categories of priority points the regulations grant; rows left empty are ignored.":
        "Các đối tượng được cộng điểm ưu tiên theo quy định; dòng để trống được bỏ qua.",
    "A board chair is appointed":
        "Đã cử Chủ tịch Hội đồng",
    "A board secretary is appointed":
        "Đã cử Ủy viên kiêm Thư ký Hội đồng",
    "The registration and sitting dates are set":
        "Đã ấn định thời gian nhận hồ sơ và thời gian thi",
    "A question author is appointed":
        "Đã cử người ra đề",
    "The written test has at least one part":
        "Bài thi viết có ít nhất một phần thi",
    "%(n)d parts":
        "%(n)d phần thi",
    "Enough approved questions for every blueprint cell":
        "Đủ câu hỏi đã duyệt cho mọi ô của ma trận đề thi",
    "%(part)s, %(topic)s: %(have)d of %(need)d":
        "%(part)s, %(topic)s: có %(have)d/%(need)d câu",
    "A proctor is appointed":
        "Đã cử giám thị",
    "At least %(n)d examiners who are not board members (a panel chair and %(m)d examiners for each essay part)":
        "Có ít nhất %(n)d giám khảo không phải thành viên Hội đồng (mỗi phần thi tự luận cần một Trưởng ban chấm thi và %(m)d giám khảo)",
    "%(n)d appointed":
        "đã cử %(n)d người",
    "The result rules are set":
        "Đã ban hành quy tắc tính kết quả",
    "What the coming stages need":
        "Điều kiện cho các giai đoạn tiếp theo",
    "Done:":
        "Đã đáp ứng:",
    "To do:":
        "Chưa đáp ứng:",
    "What a file needs":
        "Yêu cầu đối với tệp",
    "Every question has a unique key (no spaces), a topic, a difficulty (easy, medium or hard) and a number of points; the blueprint draws by topic, difficulty and type, so write the topic exactly as the board will choose it.":
        "Mỗi câu hỏi có một mã riêng (không có dấu cách), chủ đề, độ khó (easy: dễ, medium: trung bình, hard: khó) và số điểm; ma trận đề thi bốc câu hỏi theo chủ đề, độ khó và loại câu hỏi, nên đề nghị ghi chủ đề đúng như Hội đồng sẽ chọn.",
    "One question per row, with this header:":
        "Mỗi dòng một câu hỏi, với dòng tiêu đề:",
    "Types: single_choice, multiple_response, true_false, short_answer, numeric, essay. Options one per line inside the cell, written fraction|text (1 marks the correct one).":
        "Loại câu hỏi: single_choice (một lựa chọn), multiple_response (nhiều lựa chọn), true_false (đúng/sai), short_answer (trả lời ngắn), numeric (số), essay (tự luận). Các phương án mỗi phương án một dòng trong ô, viết tỉ lệ|nội dung (1 là phương án đúng).",
    "The question's key as ::key::, the topic as $CATEGORY, and the type, difficulty and points as comment lines such as // @difficulty: easy before the question.":
        "Mã câu hỏi viết ::mã::, chủ đề viết $CATEGORY, còn loại, độ khó và số điểm viết thành dòng chú thích trước câu hỏi, ví dụ // @difficulty: easy.",
    "As exported by Moodle; the topic is the category, the key the question's name, and the difficulty a tag such as difficulty:hard.":
        "Theo định dạng Moodle xuất ra; chủ đề là danh mục (category), mã là tên câu hỏi (name), độ khó là thẻ, ví dụ difficulty:hard.",
}
