VI = {
    "%(name)s is a candidate in a competition still under way and cannot be given a staff or question-bank role until it has finished.":
        "%(name)s là thí sinh của một kỳ thi tuyển chưa kết thúc nên không thể được phân công vai trò trong Hội đồng, Ban chấm thi hay ngân hàng câu hỏi cho đến khi kỳ thi tuyển đó kết thúc.",
    "You hold a role in the question bank, which serves every competition, so you cannot apply to any competition.":
        "Ông/Bà đang giữ vai trò trong ngân hàng câu hỏi, nơi dùng chung cho mọi kỳ thi tuyển, nên không thể đăng ký dự thi kỳ thi tuyển nào.",
    "You serve on the staff of a competition still under way and cannot apply to any competition until it has finished.":
        "Ông/Bà đang được phân công làm nhiệm vụ tại một kỳ thi tuyển chưa kết thúc nên không thể đăng ký dự thi kỳ thi tuyển nào cho đến khi kỳ thi tuyển đó kết thúc.",
    "Too many failed attempts from this address. Try again after %(time)s UTC.":
        "Đăng nhập sai quá nhiều lần từ địa chỉ này. Đề nghị thử lại sau %(time)s (giờ UTC).",
    "Many attempts were made on this email just now. Wait %(seconds)d seconds and try again.":
        "Vừa có nhiều lần đăng nhập vào email này. Đề nghị chờ %(seconds)d giây rồi thử lại.",
    "Too many wrong codes. Try again after %(time)s UTC.":
        "Nhập sai mã xác thực quá nhiều lần. Đề nghị thử lại sau %(time)s (giờ UTC).",
    "%(name)s is a candidate in a competition still under way and cannot be an inspector until it has finished.":
        "%(name)s là thí sinh của một kỳ thi tuyển chưa kết thúc nên không thể được chỉ định làm giám sát viên cho đến khi kỳ thi tuyển đó kết thúc.",
}
