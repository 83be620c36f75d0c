"""Vietnamese for the draw's announced source of the public value and the seal digest."""

VI = {
    "Source of the public value": "Nguồn của giá trị công khai",
    "A named public random event that has not happened yet, e.g. the special prize of the "
    "Thủ đô lottery draw of 20/11/2026, or a public randomness beacon's round number.":
        "Một sự kiện ngẫu nhiên công khai, có tên cụ thể, chưa diễn ra; ví dụ giải đặc biệt "
        "kỳ mở thưởng Xổ số kiến thiết Thủ đô ngày 20/11/2026, hoặc số vòng của một nguồn "
        "phát số ngẫu nhiên công khai.",
    "Known after (Vietnam time)": "Được biết sau thời điểm (giờ Việt Nam)",
    "When the value will have been published; the value can be entered only after this "
    "time, and it must be before the sitting opens.":
        "Thời điểm giá trị đã được công bố; chỉ được nhập giá trị sau thời điểm này, và "
        "thời điểm này phải trước khi mở thời gian làm bài.",
    "Exactly as published by the source announced at sealing.":
        "Đúng như nguồn đã thông báo khi niêm phong đã công bố.",
    "Name the public random event that will supply the public value (10 to 500 "
    "characters), e.g. the special prize of a named lottery draw on a given date.":
        "Đề nghị nêu rõ sự kiện ngẫu nhiên công khai sẽ cung cấp giá trị công khai (từ 10 "
        "đến 500 ký tự), ví dụ giải đặc biệt của một kỳ xổ số có tên, vào một ngày cụ thể.",
    "Give the time after which the public value will be known.":
        "Đề nghị nhập thời điểm mà sau đó giá trị công khai sẽ được biết.",
    "The public value must become known after the sealing: give a time in the future.":
        "Giá trị công khai phải được biết sau khi niêm phong: đề nghị nhập một thời điểm "
        "trong tương lai.",
    "The public value must be known before the sitting opens (%(opens)s).":
        "Giá trị công khai phải được biết trước khi mở thời gian làm bài (%(opens)s).",
    "The public value comes from %(source)s and is known only from %(time)s: enter it "
    "after that time.":
        "Giá trị công khai lấy từ %(source)s và chỉ được biết từ %(time)s: đề nghị nhập "
        "sau thời điểm đó.",
    "The accepted candidates differ from the sealed list (%(numbers)s); no paper was drawn.":
        "Danh sách thí sinh được chấp nhận khác với danh sách đã niêm phong (%(numbers)s); "
        "chưa bốc đề nào.",
    "Candidate numbers %(numbers)s differ from the ones given at acceptance; no paper was "
    "drawn.":
        "Số báo danh %(numbers)s khác với số đã cấp khi chấp nhận hồ sơ; chưa bốc đề nào.",
    "Known after": "Được biết sau",
    "Enter the value of %(source)s once it is published: it is accepted from %(time)s.":
        "Nhập giá trị của %(source)s khi đã được công bố: hệ thống nhận giá trị từ %(time)s.",
    "Seal digest": "Mã băm niêm phong",
    "covers the source above and the commitments and digests below":
        "bao trùm nguồn nêu trên và các cam kết, mã băm dưới đây",
    "Digest of the blueprint": "Mã băm ma trận đề",
    "Digest of the candidate numbers": "Mã băm danh sách số báo danh",
    "%(n)d candidates": "%(n)d thí sinh",
    "How to check: when sealing, before the public value existed, the board announced the "
    "public event that supplies it and committed to its secret, the frozen questions, the "
    "blueprint and the candidate numbers; note the seal digest now. After the stated time, "
    "look the value up at its source and compare it with the one entered. The seed is "
    "HMAC-SHA256 of the secret and the public value, so nobody could choose it. Once the "
    "secret is revealed, run %(command)s (or, on the exported file, with --bundle FILE "
    "--seal-digest DIGEST): it checks every commitment and digest, recomputes every "
    "candidate's paper (%(version)s, HMAC-SHA256 in counter mode, rejection sampling, "
    "Fisher–Yates) and compares it with the paper served.":
        "Cách kiểm tra: khi niêm phong, trước khi có giá trị công khai, Hội đồng đã thông "
        "báo sự kiện công khai cung cấp giá trị đó và cam kết giá trị bí mật, bản chụp câu "
        "hỏi, ma trận đề và danh sách số báo danh; đề nghị ghi lại mã băm niêm phong ngay "
        "bây giờ. Sau thời điểm đã nêu, tra cứu giá trị tại nguồn và đối chiếu với giá trị "
        "đã nhập. Giá trị khởi tạo là HMAC-SHA256 của giá trị bí mật và giá trị công khai, "
        "nên không ai có thể chọn được. Khi giá trị bí mật được công bố, chạy %(command)s "
        "(hoặc, với tệp đã xuất, thêm --bundle FILE --seal-digest DIGEST): lệnh kiểm tra "
        "mọi cam kết và mã băm, tính lại đề của từng thí sinh (%(version)s, HMAC-SHA256 ở "
        "chế độ bộ đếm, lấy mẫu loại bỏ, Fisher–Yates) và so với đề đã phát.",
    "Sealing freezes the approved questions, the blueprint and the list of candidate "
    "numbers, checks that the questions fill every cell for every candidate, and publishes "
    "the commitments. It also announces which public random event will supply the public "
    "value and when that value will be known: the value can be entered only after that time.":
        "Niêm phong cố định các câu hỏi đã duyệt, ma trận đề và danh sách số báo danh, kiểm "
        "tra các câu hỏi đủ cho mọi ô của ma trận đối với mọi thí sinh, và công bố các cam "
        "kết. Đồng thời thông báo sự kiện ngẫu nhiên công khai nào sẽ cung cấp giá trị công "
        "khai và khi nào giá trị đó được biết: chỉ được nhập giá trị sau thời điểm đó.",
}
