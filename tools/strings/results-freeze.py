VI = {
    # results: rules frozen at the lock, no named ranking before the reveal
    "The scores are locked; the result rules can no longer change.":
        "Hội đồng đã khóa điểm; không thể thay đổi quy tắc xét kết quả nữa.",
    "Candidates are ranked by name only once identities are revealed.":
        "Chỉ sau khi ráp phách mới được xếp hạng thí sinh kèm họ tên.",
    "Only the board chair or secretary recomputes the results.":
        "Chỉ Chủ tịch hoặc Thư ký Hội đồng được tính lại kết quả.",
    "Weight": "Hệ số",
    "half the maximum": "một nửa điểm tối đa",
    # votes: no tally nor list of voters before the end; quorum
    "The quorum must be from %(low)d to %(high)d board members: more than half of the "
    "board, at most all of it.":
        "Túc số phải từ %(low)d đến %(high)d thành viên Hội đồng: quá nửa số thành viên, "
        "tối đa là toàn bộ Hội đồng.",
    "Only the board records the result of its vote.":
        "Chỉ Hội đồng được ghi nhận kết quả biểu quyết của mình.",
    "A vote stays open until its deadline or until every board member has voted; nobody "
    "closes it earlier.":
        "Cuộc biểu quyết mở đến hết hạn hoặc đến khi mọi thành viên Hội đồng đã bỏ phiếu; "
        "không ai được kết thúc sớm hơn.",
    "The tally is shown when the vote closes: at its deadline or once every board member has "
    "voted.":
        "Kết quả kiểm phiếu chỉ được công bố khi cuộc biểu quyết kết thúc: lúc hết hạn hoặc khi "
        "mọi thành viên Hội đồng đã bỏ phiếu.",
    "Who has voted is shown when the vote closes: at its deadline or once every board member "
    "has voted.":
        "Danh sách người đã bỏ phiếu chỉ được công bố khi cuộc biểu quyết kết thúc: lúc hết hạn "
        "hoặc khi mọi thành viên Hội đồng đã bỏ phiếu.",
    "Quorum: ballots needed for the vote to count":
        "Túc số: số phiếu tối thiểu để cuộc biểu quyết có giá trị",
    "Leave empty for more than half of the board.":
        "Để trống nếu túc số là quá nửa số thành viên Hội đồng.",
    "Every vote is secret: a vote closes at its deadline or once every board member has "
    "voted; only then does the board see who voted and, if the quorum voted, the tally. "
    "Nobody, not even the administrator, can see who chose what.":
        "Mọi cuộc biểu quyết đều kín: cuộc biểu quyết kết thúc lúc hết hạn hoặc khi mọi thành "
        "viên Hội đồng đã bỏ phiếu; chỉ khi đó Hội đồng mới thấy ai đã bỏ phiếu và, nếu đủ túc "
        "số, kết quả kiểm phiếu. Không ai, kể cả quản trị viên, biết ai chọn phương án nào.",
    "did not vote": "không bỏ phiếu",
    "The vote is closed; its result is recorded in the audit log.":
        "Cuộc biểu quyết đã kết thúc; kết quả đã được ghi vào nhật ký kiểm toán.",
    "%(voted)d of %(electorate)d board members have voted; the quorum is %(quorum)d.":
        "%(voted)d trên %(electorate)d thành viên Hội đồng đã bỏ phiếu; túc số là %(quorum)d.",
    "The tally and who voted are shown at the deadline, or as soon as every member has voted.":
        "Kết quả kiểm phiếu và danh sách người đã bỏ phiếu được công bố lúc hết hạn, hoặc ngay "
        "khi mọi thành viên đã bỏ phiếu.",
    "%(voted)d of %(electorate)d board members voted, fewer than the quorum of %(quorum)d.":
        "%(voted)d trên %(electorate)d thành viên Hội đồng đã bỏ phiếu, chưa đạt túc số "
        "%(quorum)d.",
    "Without a quorum the ballots are not counted: no decision.":
        "Không đủ túc số nên phiếu không được kiểm: không có quyết định được thông qua.",
    # an existing string, worded as the glossary asks
    "No option won more than half of the board: no decision.":
        "Không phương án nào được quá nửa số thành viên Hội đồng: không có quyết định được "
        "thông qua.",
}
