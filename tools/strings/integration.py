VI = {
    "What a file needs": "Tệp cần có gì",
    "One question per row, with this header:": "Mỗi dòng một câu hỏi, với dòng tiêu đề:",
    "Options one per line inside the cell, written fraction|text (1 marks the correct one).": "Mỗi phương án một dòng trong ô, viết theo dạng tỷ lệ|nội dung (1 đánh dấu phương án đúng).",
    "As Moodle exports them: the topic comes from the category ($CATEGORY in GIFT), the key from the question's name.": "Như Moodle xuất ra: chủ đề lấy từ danh mục ($CATEGORY trong GIFT), mã câu hỏi lấy từ tên câu hỏi.",
    "As written by Moodle, TAO or another QTI system (an item or a content package).": "Như Moodle, TAO hoặc hệ thống QTI khác ghi ra (một câu hỏi hoặc một gói nội dung).",
    "A question without a topic or a difficulty is imported to classify: it cannot be approved, nor drawn, until it is classified.": "Câu hỏi chưa có chủ đề hoặc độ khó được nhập ở trạng thái chờ phân loại: chưa thể duyệt, cũng chưa thể bốc thăm, cho đến khi được phân loại.",
}
