"""Vietnamese for the late-entry limit, late admissions and the shortened time of late starters."""

VI = {
    "Late entry closed at %(time)s. Ask the proctor to admit you.":
        "Đã hết giờ vào phòng thi muộn lúc %(time)s. Đề nghị báo giám thị để được cho phép "
        "vào thi.",
    "The late-entry limit is from 0 to 240 minutes.":
        "Thời hạn vào thi muộn từ 0 đến 240 phút.",
    "The sitting has opened: the late-entry limit can no longer change. Admit a late "
    "candidate one by one, with the reason.":
        "Đã bắt đầu thời gian thi: không thể thay đổi thời hạn vào thi muộn. Cho phép từng "
        "thí sinh đến muộn vào thi, có ghi lý do.",
    "This person is not a candidate of this competition.":
        "Người này không phải là thí sinh của kỳ thi.",
    "This candidate has already started.": "Thí sinh này đã bắt đầu làm bài.",
    "This candidate has already been admitted late.":
        "Thí sinh này đã được cho phép vào thi muộn.",
    "Say why the candidate is admitted late.":
        "Đề nghị ghi lý do cho phép thí sinh vào thi muộn.",
    "Late entry (minutes after the sitting opens)":
        "Thời hạn vào thi muộn (số phút sau giờ bắt đầu thi)",
    "Candidates cannot start later, unless you admit them one by one with the reason. Fixed "
    "once the sitting opens.":
        "Sau thời hạn này thí sinh không được bắt đầu làm bài, trừ khi giám thị cho phép từng "
        "người, có ghi lý do. Không thay đổi được sau giờ bắt đầu thi.",
    "The candidate may now start; their time ends when the sitting ends.":
        "Thí sinh được bắt đầu làm bài; thời gian làm bài kết thúc cùng giờ kết thúc thi.",
    "Late entry": "Vào thi muộn",
    "Until %(time)s; after that, only if the proctor admits you.":
        "Đến %(time)s; sau thời điểm này chỉ được vào thi khi giám thị cho phép.",
    "Everyone's time ends at the latest when the sitting closes, at %(time)s: if you start "
    "late, you have less time.":
        "Thời gian làm bài của mọi thí sinh kết thúc chậm nhất vào giờ kết thúc thi, lúc "
        "%(time)s: thí sinh bắt đầu muộn có ít thời gian hơn.",
    "The proctor has admitted you after the late-entry limit.":
        "Giám thị đã cho phép thí sinh vào thi sau thời hạn vào thi muộn.",
    "If you start now you have %(n)d minutes, not %(m)d: the sitting ends at %(time)s for "
    "everyone.":
        "Nếu bắt đầu bây giờ, thí sinh có %(n)d phút thay vì %(m)d phút: giờ kết thúc thi là "
        "%(time)s, chung cho mọi thí sinh.",
    "You started late: your time ends with the sitting, at %(time)s (%(n)d minutes instead "
    "of %(m)d).":
        "Thí sinh bắt đầu muộn: thời gian làm bài kết thúc cùng giờ kết thúc thi, lúc %(time)s "
        "(%(n)d phút thay vì %(m)d phút).",
    "Late entry until %(time)s (%(n)d minutes after the sitting opens). After that a "
    "candidate starts only if you admit them, with the reason. Everyone's time ends when the "
    "sitting closes at %(end)s; extra time you grant is the only exception.":
        "Thí sinh được vào thi muộn đến %(time)s (%(n)d phút sau giờ bắt đầu thi). Sau thời "
        "điểm này, thí sinh chỉ được bắt đầu làm bài khi giám thị cho phép, có ghi lý do. Thời "
        "gian làm bài của mọi thí sinh kết thúc vào giờ kết thúc thi, lúc %(end)s; chỉ thời "
        "gian giám thị cộng thêm là ngoại lệ.",
    "admitted late": "được vào thi muộn",
    "Admit late": "Cho phép vào thi muộn",
}
