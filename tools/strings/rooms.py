VI = {
    # forms
    "Room code": "Mã phòng thi",
    "As written on the door, e.g. A101.": "Như ghi trên cửa phòng, ví dụ A101.",
    "Room and address": "Phòng thi và địa chỉ",
    "Seats": "Số chỗ ngồi",
    "Session": "Ca thi",
    "Sessions (ca thi) are numbered 1, 2, ...": "Các ca thi được đánh số 1, 2, ...",
    "Session starts (Vietnam time)": "Giờ bắt đầu ca thi (giờ Việt Nam)",
    "Check-in": "Điểm danh",
    "Present": "Có mặt",
    "Absent": "Vắng mặt",
    "Refused": "Không cho vào phòng thi",
    "Proctor": "Giám thị",
    "Reason": "Lý do",
    "Photograph": "Ảnh",
    "A recent portrait, JPEG or PNG, at most 5 MB. It is printed on your admission ticket and the room list.":
        "Ảnh chân dung chụp gần đây, định dạng JPEG hoặc PNG, tối đa 5 MB. Ảnh được in trên giấy báo dự thi và danh sách phòng thi.",
    "Refuse any browser but Safe Exam Browser in the sitting":
        "Chỉ cho phép làm bài bằng Safe Exam Browser",
    "SEB configuration file (.seb, unencrypted XML)": "Tệp cấu hình SEB (.seb, XML không mã hóa)",
    "Leave empty to generate one for this site.": "Để trống để hệ thống tự tạo tệp cấu hình cho trang này.",
    "Browser Exam Keys (optional)": "Browser Exam Key (không bắt buộc)",
    "One per line, from SEB on a prepared machine; the Config Key is always accepted.":
        "Mỗi dòng một khóa, lấy từ SEB trên máy thi đã chuẩn bị; Config Key luôn được chấp nhận.",
    "Practice questions": "Câu hỏi thi thử",
    "One per line: question | option | option ... | number of the right option. Write them for practice only: never copy an item of the bank.":
        "Mỗi dòng một câu: câu hỏi | phương án | phương án ... | số thứ tự của phương án đúng. Chỉ soạn riêng để thi thử, không sao chép câu hỏi của ngân hàng đề.",
    # practice service
    "Only the chair or the secretary can write the practice paper.":
        "Chỉ Chủ tịch Hội đồng hoặc Thư ký Hội đồng được soạn đề thi thử.",
    "The sitting has begun: the practice paper is closed.": "Kỳ thi đã bắt đầu: đề thi thử đã đóng.",
    "Line %(n)d: write the question, 2 to 8 options and the number of the right option, separated by |.":
        "Dòng %(n)d: ghi câu hỏi, từ 2 đến 8 phương án và số thứ tự của phương án đúng, cách nhau bằng dấu |.",
    "Write at least one practice question.": "Soạn ít nhất một câu hỏi thi thử.",
    "The practice paper holds at most %(n)d questions.": "Đề thi thử có tối đa %(n)d câu hỏi.",
    "The practice paper is for the accepted candidates of this competition.":
        "Đề thi thử dành cho thí sinh đủ điều kiện dự thi của kỳ thi tuyển này.",
    "The practice paper closes when the sitting opens.": "Đề thi thử đóng khi bắt đầu thời gian làm bài.",
    "The board has not written a practice paper yet.": "Hội đồng thi tuyển chưa soạn đề thi thử.",
    "You have not started the practice paper.": "Ông/Bà chưa bắt đầu làm bài thi thử.",
    "This is not your practice paper.": "Đây không phải bài thi thử của Ông/Bà.",
    "This practice paper has been submitted.": "Bài thi thử này đã được nộp.",
    "The practice time is up.": "Đã hết thời gian làm bài thi thử.",
    # SEB
    "This is not an unencrypted SEB configuration file (.seb, XML).":
        "Đây không phải tệp cấu hình SEB không mã hóa (.seb, XML).",
    "Only the chair or the secretary can set the browser rule.":
        "Chỉ Chủ tịch Hội đồng hoặc Thư ký Hội đồng được đặt quy định về trình duyệt.",
    "The sitting has begun: the browser rule can no longer change.":
        "Kỳ thi đã bắt đầu: không thể thay đổi quy định về trình duyệt.",
    "The configuration file is too large.": "Tệp cấu hình quá lớn.",
    "A Browser Exam Key is 64 hexadecimal characters.": "Browser Exam Key gồm 64 ký tự thập lục phân.",
    # rooms service
    "No such room.": "Không có phòng thi này.",
    "Only the chair or the secretary can set up the rooms.":
        "Chỉ Chủ tịch Hội đồng hoặc Thư ký Hội đồng được bố trí phòng thi.",
    "The seats have been drawn: the rooms can no longer change.":
        "Đã bốc thăm chỗ ngồi: không thể thay đổi phòng thi.",
    "A room code has 1 to 16 letters or digits.": "Mã phòng thi gồm từ 1 đến 16 chữ cái hoặc chữ số.",
    "Give the room's name or address.": "Ghi tên hoặc địa chỉ phòng thi.",
    "A room holds 1 to 500 candidates.": "Mỗi phòng thi có từ 1 đến 500 chỗ ngồi.",
    "The session is a number from 1 to 20.": "Ca thi là một số từ 1 đến 20.",
    "Room %(code)s is already listed in this session.": "Phòng %(code)s đã có trong ca thi này.",
    "Only a proctor of this competition can run a room.":
        "Chỉ giám thị của kỳ thi tuyển này được phân công coi phòng thi.",
    "This proctor already runs this room.": "Giám thị này đã được phân công coi phòng thi này.",
    "Only the chair or the secretary can draw the seats.":
        "Chỉ Chủ tịch Hội đồng hoặc Thư ký Hội đồng được bốc thăm chỗ ngồi.",
    "The seats have already been drawn.": "Đã bốc thăm chỗ ngồi.",
    "Seats are drawn once the candidates are known and before the sitting ends.":
        "Bốc thăm chỗ ngồi sau khi có danh sách thí sinh và trước khi kết thúc thời gian làm bài.",
    "List the rooms first.": "Lập danh sách phòng thi trước.",
    "There are no accepted candidates to seat.": "Không có thí sinh đủ điều kiện dự thi để xếp chỗ.",
    "The rooms hold %(seats)d candidates; %(count)d are accepted. Add a room or a session.":
        "Các phòng thi có %(seats)d chỗ ngồi; có %(count)d thí sinh đủ điều kiện dự thi. Bổ sung phòng thi hoặc ca thi.",
    "The seats have not been drawn.": "Chưa bốc thăm chỗ ngồi.",
    "The seat draw is missing from the audit log.": "Nhật ký hệ thống không có lần bốc thăm chỗ ngồi.",
    "The recorded seed does not give the recorded result.":
        "Giá trị khởi tạo đã ghi không cho ra kết quả đã ghi.",
    "The seats on record differ from the draw.": "Chỗ ngồi đang lưu khác với kết quả bốc thăm.",
    "Only the proctors of this room and the board see its list.":
        "Chỉ giám thị của phòng thi và Hội đồng thi tuyển được xem danh sách phòng thi.",
    "This candidate has no seat yet.": "Thí sinh này chưa được xếp chỗ ngồi.",
    "Only the proctors of this candidate's room can check them in.":
        "Chỉ giám thị phòng thi của thí sinh được điểm danh thí sinh.",
    "Mark the candidate present, absent or refused.":
        "Ghi thí sinh có mặt, vắng mặt hoặc không cho vào phòng thi.",
    "Say why the candidate is refused.": "Ghi lý do không cho thí sinh vào phòng thi.",
    "The proctor has not marked you present. Show your ID card at the door.":
        "Giám thị chưa điểm danh Ông/Bà có mặt. Xuất trình CMND/CCCD tại cửa phòng thi.",
    "Only the candidate uploads their own photograph.": "Chỉ thí sinh được tải lên ảnh của chính mình.",
    "This application is closed.": "Hồ sơ này đã đóng.",
    "The photograph can no longer change: the sitting has begun.":
        "Không thể thay ảnh: kỳ thi đã bắt đầu.",
    "The photograph must be a JPEG or PNG file of at most 5 MB.":
        "Ảnh phải là tệp JPEG hoặc PNG, tối đa 5 MB.",
    "No photograph.": "Không có ảnh.",
    "Only the proctors of this candidate's room see the photograph.":
        "Chỉ giám thị phòng thi của thí sinh được xem ảnh.",
    # views
    "Give the room code, its name and its seats (1 to 500).":
        "Ghi mã phòng thi, tên phòng và số chỗ ngồi (từ 1 đến 500).",
    "The room was added.": "Đã thêm phòng thi.",
    "Choose a proctor.": "Chọn giám thị.",
    "The proctor now runs this room.": "Đã phân công giám thị coi phòng thi này.",
    "The seats were drawn; the seed is in the audit log.":
        "Đã bốc thăm chỗ ngồi; giá trị khởi tạo được ghi trong nhật ký hệ thống.",
    "Check the SEB settings.": "Kiểm tra lại thiết lập SEB.",
    "The Safe Exam Browser rule was saved.": "Đã lưu quy định về Safe Exam Browser.",
    "The board has not set a Safe Exam Browser configuration.":
        "Hội đồng thi tuyển chưa đặt cấu hình Safe Exam Browser.",
    "Seat %(seat)d: %(status)s.": "Chỗ %(seat)d: %(status)s.",
    "No signing key is installed: the room list cannot be signed.":
        "Chưa cài đặt khóa ký: không thể ký danh sách phòng thi.",
    "ROOM LIST": "DANH SÁCH THÍ SINH PHÒNG THI",
    "Session %(n)d, room %(code)s: %(name)s": "Ca thi %(n)d, phòng %(code)s: %(name)s",
    "no photograph": "chưa có ảnh",
    "Seat": "Chỗ ngồi",
    "Signature": "Chữ ký",
    "Printed %(at)s. Proctors: %(names)s.": "In lúc %(at)s. Giám thị: %(names)s.",
    "Room list": "Danh sách phòng thi",
    "Room and seat": "Phòng thi và chỗ ngồi",
    "Choose a JPEG or PNG photograph.": "Chọn ảnh JPEG hoặc PNG.",
    "Your photograph was saved.": "Đã lưu ảnh của Ông/Bà.",
    "%(n)d practice questions added.": "Đã thêm %(n)d câu hỏi thi thử.",
    "Practice paper submitted: %(score)d of %(max)d. It counts for nothing.":
        "Đã nộp bài thi thử: %(score)d/%(max)d điểm. Kết quả thi thử không được tính.",
    # templates
    "Your photograph for the identity check": "Ảnh của Ông/Bà để đối chiếu khi vào phòng thi",
    "Try the practice paper": "Làm bài thi thử",
    "Rooms, seats and practice paper": "Phòng thi, chỗ ngồi và đề thi thử",
    "session %(n)d, room %(code)s": "ca thi %(n)d, phòng %(code)s",
    "Signed room list (PDF)": "Danh sách phòng thi có chữ ký số (PDF)",
    "Photograph of %(name)s": "Ảnh của %(name)s",
    "Seat %(n)d": "Chỗ %(n)d",
    "Born %(date)s": "Sinh ngày %(date)s",
    "not checked in": "chưa điểm danh",
    "No candidate is seated in this room yet.": "Chưa có thí sinh nào được xếp vào phòng thi này.",
    "Your photograph": "Ảnh của Ông/Bà",
    "The proctor compares it with your face and your ID card at the door. The file is re-encoded: its camera data and location are removed.":
        "Giám thị đối chiếu ảnh với Ông/Bà và CMND/CCCD tại cửa phòng thi. Tệp ảnh được mã hóa lại: thông tin máy ảnh và vị trí chụp được xóa bỏ.",
    "Session %(n)d, room %(code)s (%(name)s), seat %(seat)d.":
        "Ca thi %(n)d, phòng %(code)s (%(name)s), chỗ ngồi số %(seat)d.",
    "Save the photograph": "Lưu ảnh",
    "Practice paper": "Bài thi thử",
    "Try the exam interface before the day: the same timer, the same autosave, the same submission. The questions are for practice only, never from the exam's bank, and your score counts for nothing.":
        "Làm quen với giao diện thi trước ngày thi: cùng đồng hồ, cùng cách tự động lưu và nộp bài. Câu hỏi chỉ dùng để thi thử, không lấy từ ngân hàng đề thi, và kết quả thi thử không được tính.",
    "Your last practice: %(score)d of %(max)d.": "Lần thi thử gần nhất: %(score)d/%(max)d điểm.",
    "Continue the practice": "Tiếp tục làm bài thi thử",
    "%(n)d questions, %(m)d minutes.": "%(n)d câu hỏi, %(m)d phút.",
    "Start the practice paper": "Bắt đầu làm bài thi thử",
    "Practice paper: it counts for nothing.": "Bài thi thử: kết quả không được tính.",
    "Safe Exam Browser required": "Bắt buộc dùng Safe Exam Browser",
    "This sitting opens only in Safe Exam Browser with the board's configuration. Use an exam machine of your room, or ask the proctor.":
        "Bài thi chỉ mở được bằng Safe Exam Browser với cấu hình của Hội đồng thi tuyển. Sử dụng máy thi trong phòng thi hoặc liên hệ giám thị.",
    "Rooms and seats": "Phòng thi và chỗ ngồi",
    "Every session draws its papers from the same sealed blueprint; each candidate's paper is drawn for them, so items may repeat between sessions.":
        "Đề của mọi ca thi đều được rút từ cùng một ma trận đề đã niêm phong; đề của mỗi thí sinh được rút riêng, nên câu hỏi có thể lặp lại giữa các ca thi.",
    "Proctors": "Giám thị",
    "Appoint to this room": "Phân công coi phòng này",
    "Signed PDF": "PDF có chữ ký số",
    "No rooms yet: the sitting is held online, without a check-in at the door.":
        "Chưa có phòng thi: kỳ thi được tổ chức trực tuyến, không điểm danh tại cửa phòng thi.",
    "Seats drawn %(at)s with seed %(seed)s (%(version)s); SHA-256 of the result %(digest)s.":
        "Đã bốc thăm chỗ ngồi lúc %(at)s với giá trị khởi tạo %(seed)s (%(version)s); SHA-256 của kết quả %(digest)s.",
    "Redone from the recorded seed, the draw gives the seats on record.":
        "Bốc thăm lại từ giá trị khởi tạo đã ghi cho ra đúng chỗ ngồi đang lưu.",
    "Add a room": "Thêm phòng thi",
    "Add the room": "Thêm phòng thi",
    "Draw the seats": "Bốc thăm chỗ ngồi",
    "Every accepted candidate gets a room and a seat by lot, once. The seed is recorded in the audit log so that anyone can redo the draw.":
        "Mỗi thí sinh đủ điều kiện dự thi được bốc thăm phòng thi và chỗ ngồi, chỉ một lần. Giá trị khởi tạo được ghi vào nhật ký hệ thống để bất kỳ ai cũng có thể bốc thăm lại và kiểm tra.",
    "%(n)d practice questions. Accepted candidates can try the interface with them until the sitting opens; their scores count for nothing.":
        "%(n)d câu hỏi thi thử. Thí sinh đủ điều kiện dự thi có thể làm thử trên giao diện thi cho đến khi bắt đầu thời gian làm bài; kết quả thi thử không được tính.",
    "Add the practice questions": "Thêm câu hỏi thi thử",
    "Safe Exam Browser": "Safe Exam Browser",
    "Config Key: %(key)s": "Config Key: %(key)s",
    "Download the configuration": "Tải tệp cấu hình",
    "Prepare each exam machine: install Safe Exam Browser, open the configuration file once, and check that the sitting's page opens. The sitting then refuses requests that do not carry the Config Key's hash.":
        "Chuẩn bị từng máy thi: cài đặt Safe Exam Browser, mở tệp cấu hình một lần và kiểm tra trang làm bài mở được. Khi đó hệ thống từ chối mọi yêu cầu không kèm mã băm của Config Key.",
    "Save the browser rule": "Lưu quy định về trình duyệt",
}
