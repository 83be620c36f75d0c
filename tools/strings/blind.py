VI = {
    "Examiner statistics open at the lock: until then every mark is sealed and seen only by its examiner.":
        "Thống kê giám khảo chỉ mở khi khóa điểm: trước đó mỗi điểm chấm được niêm phong, chỉ giám khảo chấm bài đó được xem.",
    "This script is not disputed: its marks stay sealed until the lock.":
        "Bài thi này không có chênh lệch điểm: các điểm chấm được niêm phong đến khi khóa điểm.",
    "Only the board and the panel chairs see leak flags.":
        "Chỉ Hội đồng thi và chủ tịch các ban chấm được xem các cảnh báo lộ danh tính.",
    "Only the chair of this part's panel reviews identity leaks.":
        "Chỉ chủ tịch ban chấm của phần thi này xem xét các trường hợp lộ danh tính.",
    "This answer carries no identity flag.":
        "Bài làm này không có cảnh báo lộ danh tính.",
    "Nothing left to mask: the flag is resolved.":
        "Không còn gì cần che: cảnh báo đã được xử lý.",
    "Mask only a passage that reveals the candidate: their name, ID number or candidate number.":
        "Chỉ che đoạn làm lộ danh tính thí sinh: họ tên, số định danh cá nhân hoặc số báo danh.",
    "Mask only the words that reveal the candidate, not the text around them.":
        "Chỉ che những từ làm lộ danh tính thí sinh, không che phần nội dung xung quanh.",
    "Answers that may reveal the candidate, for you to review as panel chair":
        "Bài làm có thể làm lộ danh tính thí sinh, chờ chủ tịch ban chấm xem xét",
    "The chair of each part's panel masks or dismisses them; the draw waits until then.":
        "Chủ tịch ban chấm của từng phần thi che đoạn lộ danh tính hoặc bác cảnh báo; việc bốc thăm giám khảo chờ đến khi xử lý xong.",
    "Passages hidden from the examiners":
        "Các đoạn đã được che trước khi giao giám khảo chấm",
    "These words of your answers could have told the examiners who you are, so the panel chair hid them before marking. The audit log keeps, for each, SHA-256 of the nonce, the script code and the passage.":
        "Những từ này trong bài làm của anh/chị có thể làm giám khảo biết danh tính người viết, nên chủ tịch ban chấm đã che trước khi chấm. Nhật ký kiểm toán lưu, với mỗi đoạn, giá trị SHA-256 của số ngẫu nhiên, số phách và đoạn bị che.",
    "nonce": "số ngẫu nhiên",
    "Part %(part)s: %(n)d essay questions were answered by fewer than %(min)d candidates each; their prompt may tell whose script it is (prefer one shared question per part).":
        "Phần %(part)s: %(n)d câu hỏi tự luận có ít hơn %(min)d thí sinh làm mỗi câu; nội dung đề có thể cho biết bài thi của ai (nên dùng một đề chung cho mỗi phần).",
}
