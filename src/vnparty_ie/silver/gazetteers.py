"""Gazetteers of generic terms for the silver labeler.

Only generic vocabulary lives here: posts, body types, administrative words,
province and district names, counted nouns (units), document types and time
words. Nothing is copied from articles. Terms may be written with either tone
placement (``uỷ``/``ủy``); :mod:`vnparty_ie.silver.patterns` normalises them
exactly like the text view before compiling.

Each list is a ``|``-separated string split by :func:`terms` so the files stay
readable and diff-friendly.
"""

from __future__ import annotations


def terms(spec: str) -> tuple[str, ...]:
    """Split a ``|``-separated gazetteer string into stripped, non-empty terms.

    Example:
        >>> terms("Bí thư| Chủ tịch |")
        ('Bí thư', 'Chủ tịch')
    """
    return tuple(t.strip() for t in spec.split("|") if t.strip())


# --------------------------------------------------------------------------- posts
#: Core posts (matched case-insensitively). ``Phó``/``Quyền`` prefixes and the
#: ``Thường trực`` suffix are added by the grammar, not listed here.
POSTS = terms(
    "Tổng Bí thư|Bí thư|Chủ tịch nước|Chủ tịch|Thủ tướng|Bộ trưởng|Thứ trưởng|"
    "Trưởng ban|Tổng Giám đốc|Giám đốc|Chủ nhiệm|Chánh án|Viện trưởng|"
    "Tổng Thanh tra|Chánh Thanh tra|Tư lệnh|Chính ủy|Hiệu trưởng|Trưởng phòng|"
    "Tổng Biên tập|Ủy viên|Thành ủy viên|Tỉnh ủy viên|Quận ủy viên|Huyện ủy viên|"
    "Thị ủy viên|Đảng ủy viên|Chi ủy viên|Cấp ủy viên|Trưởng thôn|Trưởng ấp|Trưởng khu phố|"
    "Tổ trưởng|Đội trưởng|Chỉ huy trưởng|Chính trị viên|Người đứng đầu|Chủ tịch Hội đồng quản trị|"
    "Tổng Thư ký|Thư ký|Trưởng đoàn|Trưởng Đoàn đại biểu Quốc hội|Chánh Văn phòng"
)

#: Posts whose first letter must be upper case (the lowercase forms are common words).
CASED_POSTS = terms("Trưởng|Chánh|Phó")

#: Post suffixes that stay inside the POSITION.
POST_SUFFIXES = terms("Thường trực|dự khuyết|phụ trách|chính thức")

#: Words that, after a post, start the organisation rather than continuing the post.
#: (``Trưởng ban Tổ chức`` -> «Trưởng» «ban Tổ chức …»).
BAN_NAMES = terms(
    "Tổ chức|Tuyên giáo|Tuyên giáo và Dân vận|Dân vận|Nội chính|Kinh tế|Đối ngoại|"
    "Pháp chế|Văn hóa - Xã hội|Văn hóa|Kinh tế - Ngân sách|Kinh tế - Xã hội|Dân tộc|"
    "Quản lý|Chỉ đạo|Bảo vệ|Tổ chức Trung ương|Tiếp công dân|Thi đua|An toàn giao thông|Thi đua - Khen thưởng"
)

# ------------------------------------------------------------------- organisations
#: Party committees named by level (``Thành ủy Hà Nội``); bare forms are ORG too.
PARTY_COMMITTEES = terms("Thành ủy|Tỉnh ủy|Quận ủy|Huyện ủy|Thị ủy|Đảng ủy")

#: Party bodies that need a following name or administrative word to be ORG.
PARTY_BODIES = terms("Đảng bộ|Chi bộ|Đảng ủy Khối|Đảng bộ Khối")

#: Bodies that are ORG even bare, and take an optional parent (``Ban Tổ chức Thành ủy``).
SUB_BODIES = terms(
    "Ban Thường vụ|Ban Chấp hành|Ủy ban Kiểm tra|Ban Tổ chức|Ban Tuyên giáo|Ban Dân vận|"
    "Ban Nội chính|Ban Kinh tế|Ban Đối ngoại|Ban Tuyên giáo và Dân vận|Ban Bảo vệ sức khỏe|"
    "Ban Pháp chế|Ban Văn hóa - Xã hội|Ban Kinh tế - Ngân sách|Ban Dân tộc|Đảng đoàn|"
    "Ban Cán sự Đảng|Ban Cán sự đảng|Trường Chính trị|Trung tâm Chính trị|Văn phòng|Thường trực|"
    "Ủy ban Mặt trận Tổ quốc Việt Nam|Ủy ban Mặt trận Tổ quốc|Ủy ban MTTQ Việt Nam|Ủy ban MTTQ|"
    "Mặt trận Tổ quốc Việt Nam|Mặt trận Tổ quốc|MTTQ Việt Nam|MTTQ|UBND|HĐND|Ủy ban nhân dân|"
    "Hội đồng nhân dân|Tòa án nhân dân|Viện Kiểm sát nhân dân|VKSND|TAND|Công an|Ban Chỉ huy Quân sự|"
    "Bộ Chỉ huy Quân sự|Bộ Chỉ huy Bộ đội Biên phòng|Thanh tra|Liên đoàn Lao động|Hội Nông dân|"
    "Hội Cựu chiến binh|Hội Liên hiệp Phụ nữ|Hội LHPN|Hội LHTN|Hội Liên hiệp Thanh niên|"
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh|Đoàn Thanh niên|Đoàn TNCS Hồ Chí Minh|Thành đoàn|Tỉnh đoàn|"
    "Huyện đoàn|Quận đoàn|Đoàn đại biểu Quốc hội|Ban Chỉ đạo|Ủy ban Kiểm tra Đảng ủy|UBKT|Thường vụ"
)

#: Sub-bodies that are ORG only with a parent or place (too generic alone).
NEEDS_PARENT = terms("Văn phòng|Thường trực|Thường vụ|Công an|Thanh tra|Ban Chỉ đạo|Ban Chỉ huy Quân sự|Bộ Chỉ huy Quân sự")

#: Party bodies that belong to the organisation named right after them ("Đảng ủy" + "Sở Xây dựng").
ORG_HEADS_OF_NAMED = terms(
    "Đảng ủy|Ban Cán sự đảng|Ban cán sự đảng|Đảng đoàn|Ban Thường vụ Đảng ủy|Ủy ban Kiểm tra Đảng ủy|"
    "Ban Chấp hành Đảng bộ|Đảng bộ|Chi bộ|Đảng ủy Khối"
)

#: Bare sub-bodies that, right before another ORG, belong to it (matched in any case).
SUB_HEADS_OF_NAMED = terms(
    "Ban Thường vụ|Ban Chấp hành|Thường vụ|Trung ương|Văn phòng|Đảng bộ|Đảng đoàn|"
    "Ban Cán sự đảng|Đảng ủy|Ủy ban Kiểm tra|Ban Tổ chức|Ban Tuyên giáo|Ban Dân vận|Ban Kiểm tra"
)

#: Heads of institutions whose name may run in lower-case words up to a place
#: ("Sở Kế hoạch - đầu tư TP. HCM", "Phòng quản lý đô thị quận 1").
PLACED_ORG_HEADS = terms(
    "Sở|Phòng|Công ty|Tổng công ty|Xí nghiệp|Trung tâm|Ban Quản lý|Ban quản lý|Viện|Trường|Liên minh|"
    "Liên hiệp|Cục|Chi cục|Đảng ủy khối|Đảng ủy Khối|Đảng ủy các|Bệnh viện|Tập đoàn|Hợp tác xã|Ngân hàng|Học viện"
)

#: Words that cannot sit between such a head and its place (prepositions, verbs, conjunctions).
PLACED_ORG_STOPS = terms(
    "tại|ở|của|cho|với|về|đến|tới|từ|trên|trong|thuộc|là|đã|được|có|đang|sẽ|bị|theo|vào|ra|"
    "khi|nhưng|hay|hoặc|để|do|vì|nên|thì|mà|này|đó|kia|những|phải|cần|không|chưa|đi|làm|"
    "đề nghị|yêu cầu|báo cáo|thực hiện|tổ chức|triển khai|giao|chuyển|nhận|gửi|cùng|sau|trước|"
    "nay|vừa|đều|cũng|còn|rất|như|bằng|qua|giữa|địa bàn|nhiều|ông|bà|anh|chị"
)

#: Words that end a law's name besides function words: "Bộ luật hình sự đối với …", "Luật trẻ em giai đoạn …".
LAW_NAME_STOPS = terms("đối|giai|đồng|bị|gây|vi|cấm|người")

#: Parents that may follow a sub-body (besides a party committee with its place).
PARENTS = terms(
    "Trung ương Đảng|Trung ương|Quốc hội|Chính phủ|Đảng ủy Khối|Đảng bộ|Ban Chấp hành Trung ương|"
    "HĐND|UBND|Hội đồng nhân dân|Ủy ban nhân dân|Bộ Chính trị|Ban Bí thư|MTTQ|Mặt trận Tổ quốc"
)

#: Bodies that stand alone as ORG.
NATIONAL_BODIES = terms(
    "Bộ Chính trị|Ban Bí thư|Trung ương Đảng|Ban Chấp hành Trung ương Đảng|Ban Chấp hành Trung ương|"
    "Chính phủ|Quốc hội|Ủy ban Thường vụ Quốc hội|Văn phòng Trung ương Đảng|Ủy ban Kiểm tra Trung ương|"
    "Ban Tổ chức Trung ương|Ban Tuyên giáo Trung ương|Ban Dân vận Trung ương|Ban Nội chính Trung ương|"
    "Ban Kinh tế Trung ương|Ban Đối ngoại Trung ương|Quân ủy Trung ương|Đảng ủy Công an Trung ương|"
    "Văn phòng Chính phủ|Văn phòng Quốc hội|Kiểm toán Nhà nước|Thanh tra Chính phủ|"
    "Tòa án nhân dân tối cao|Viện Kiểm sát nhân dân tối cao|Ngân hàng Nhà nước|Học viện Chính trị quốc gia Hồ Chí Minh|"
    "Trung ương Đoàn|Trung ương Hội|Tổng Liên đoàn Lao động Việt Nam|Thông tấn xã Việt Nam|"
    "Ban Bí thư Trung ương Đảng|Ban Bí thư Trung ương|Ban Bí thư trung ương Đảng|Ban bí thư Trung ương Đảng|"
    "Ban bí thư Trung ương|Ban bí thư trung ương Đảng|T.Ư|Ban Chấp hành T.Ư Đảng|Ban Chấp hành T.Ư|"
    "Ủy ban Dân tộc|Hội đồng Dân tộc|Hội đồng dân tộc|Hội đồng Bầu cử quốc gia|Hội đồng bầu cử quốc gia|"
    "Trung ương|UBKTTW|UBKTTƯ|Đảng ủy Quân sự Trung ương|Quân chủng|Bộ Tư lệnh Thủ đô|"
    "Quân chủng Phòng không - Không quân|Quân chủng phòng không - không quân|Quân chủng Hải quân|"
    "Học viện Phòng không - Không quân|Học viện Phòng không - không quân"
)

#: Domains of ministries (``Bộ …``) and provincial departments (``Sở …``).
DOMAINS = terms(
    "Quốc phòng|Công an|Nội vụ|Ngoại giao|Tư pháp|Tài chính|Kế hoạch và Đầu tư|Công Thương|Xây dựng|"
    "Giao thông vận tải|Giao thông - Vận tải|Y tế|Giáo dục và Đào tạo|Giáo dục - Đào tạo|"
    "Nông nghiệp và Phát triển nông thôn|Nông nghiệp và Môi trường|Tài nguyên và Môi trường|"
    "Thông tin và Truyền thông|Lao động - Thương binh và Xã hội|Lao động, Thương binh và Xã hội|"
    "Văn hóa, Thể thao và Du lịch|Văn hóa - Thể thao và Du lịch|Văn hóa và Thể thao|Khoa học và Công nghệ|"
    "Ngoại vụ|Du lịch|Quy hoạch - Kiến trúc|Quy hoạch và Kiến trúc|Dân tộc và Tôn giáo|"
    "Giao thông|Thông tin - Truyền thông|Thông tin Truyền thông|"
    "Tài nguyên - Môi trường|Tài nguyên Môi trường|Kế hoạch - Đầu tư|Kế hoạch đầu tư|Giáo dục|"
    "Văn hóa - Thể thao|Văn hóa Thông tin|Văn hóa - Thông tin|Lao động - Thương binh - Xã hội|"
    "Giao thông Công chánh"
)

#: Press and news agencies written as acronyms.
PRESS = terms("TTXVN|VOV|VTV|VTC|PNTĐ|QĐND|SGGP|ANTĐ|HNM|VNA|TTO")

#: Newspapers, news sites and agencies written by name.
PRESS_NAMES = terms(
    "Tuổi Trẻ Online|Tuổi Trẻ|Thanh Niên|VnExpress|Dân trí|Dân Trí|Tiền Phong|Người Lao Động|Lao Động|"
    "Nhân Dân|Sài Gòn Giải Phóng|Hà Nội Mới|Quân đội Nhân dân|VietNamNet|Vietnamnet|Zing|Xinhua|Reuters|AFP|"
    "Chinhphu.vn|TTX|Pháp Luật TP.HCM|Thời báo Kinh tế Việt Nam|Vietnam News|Tân Hoa Xã"
)

#: Heads of institutions followed by a capitalised name (``Bệnh viện Bạch Mai``).
INSTITUTIONS = terms(
    "Bệnh viện|Học viện|Trường Đại học|Đại học|Trường THPT|Trường THCS|Trường Tiểu học|Trường Mầm non|"
    "Viện|Công ty|Tổng công ty|Tập đoàn|Ngân hàng|Báo|Tạp chí|Đài Phát thanh và Truyền hình|Đài|"
    "Cục|Tổng cục|Chi cục|Trung tâm|Hợp tác xã|Ủy ban|Hội|Quân chủng|Quân khu|Bộ Tư lệnh|Liên minh|Nhà xuất bản"
)

#: Multi-syllable words that build institution names, written as in names
#: (first syllable capitalised: ``Quốc phòng``, ``Phụ sản``, ``Dầu khí``). Collected
#: as generic vocabulary from word-segmented news; a name keeps going over them.
NAME_WORDS = terms(
    "An ninh|An toàn|An toàn lao động|Biên giới|Biên phòng|Biên tập|Biểu diễn|Bác sĩ|Bách khoa|Bán lẻ|"
    "Báo chí|Bình đẳng|Bình ổn|Bóng rổ|Bóng đá|Bóng đèn|Bưu chính|Bưu điện|Bản quyền|Bảo hiểm|"
    "Bảo hiểm xã hội|Bảo hiểm y tế|Bảo quản|Bảo trì|Bảo trợ|Bảo tồn|Bảo vệ|Bảo đảm|Bất động sản|Bầu cử|"
    "Bầu dục|Bến xe|Bệnh viện|Bồi dưỡng|Bộ chính trị|Bộ trưởng|Ca nhạc|Cao cấp|Cao su|Cao uỷ|Cao đẳng|"
    "Chi cục|Chi nhánh|Chiến lược|Chiến tranh|Chiếu phim|Chuyên án|Chính phủ|Chính quyền|Chính sách|"
    "Chính sách xã hội|Chính trị|Chăm sóc|Chăn nuôi|Chương trình|Chấn thương|Chất lượng|Chất thải|"
    "Chế biến|Chỉ huy|Chỉ đạo|Chỉnh hình|Chủ tịch|Chứng khoán|Chứng khoán nhà nước|Chữ thập đỏ|Cung ứng|"
    "Cà phê|Cá tra|Cách mạng|Cách mạng công nghiệp|Cán bộ|Cán sự|Cây xanh|Công an|Công binh|Công chức|"
    "Công cộng|Công giáo|Công lý|Công nghiệp|Công nghiệp nặng|Công nghệ|Công nghệ cao|Công nghệ sinh học|"
    "Công nghệ thông tin|Công nghệ xanh|Công nhân|Công thương|Công trình|Công ty|Công tác|Công tố|"
    "Công tố viên|Công viên|Công vụ|Công ích|Công đoàn|Cơ học|Cơ khí|Cơ quan|Cơ sở|Cơ sở hạ tầng|Cơ yếu|"
    "Cơ điện|Cơ điện lạnh|Cạnh tranh|Cải cách|Cải huấn|Cải tạo|Cảng hàng không|Cảnh báo|Cảnh sát|Cấp cứu|"
    "Cấp nước|Cấp thoát nước|Cầu đường|Cố vấn|Cố đô|Cổ phần|Cổ vật|Cộng hoà|Cộng sản|Cộng đồng|Cụ thể|"
    "Cứu hoả|Cứu hộ|Cửa khẩu|Cựu binh|Cựu chiến binh|Cựu học sinh|Da liễu|Di cư|Di dân|Di sản|Di trú|"
    "Di tích|Di động|Dinh dưỡng|Doanh nghiệp|Doanh nhân|Du lịch|Duyên hải|Dân chủ|Dân dụng|Dân nguyện|"
    "Dân số|Dân sự|Dân trí|Dân tộc|Dân vận|Dược liệu|Dược phẩm|Dầu khí|Dệt kim|Dệt may|Dịch bệnh|Dịch vụ|"
    "Dữ liệu|Dự báo|Dự phòng|Dự trữ|Dự án|Gang thép|Gia đình|Giam giữ|Giao dịch|Giao lưu|Giao thông|"
    "Giám khảo|Giám sát|Giám định|Giám đốc|Giáo dục|Giáo hội|Giải pháp|Giải phóng|Giải trí|Gìn giữ|"
    "Gặp gỡ|Hang động|Hiến pháp|Hiệp hội|Hiệu trưởng|Hoà bình|Hoà giải|Hoàng gia|Hoàng thành|Hoá chất|"
    "Hoá học|Hoạch định|Hoạt động|Huyết học|Huyện uỷ|Huấn luyện|Hy vọng|Hàng hải|Hàng không|"
    "Hàng không vũ trụ|Hành chính|Hình sự|Hưng nghiệp|Hướng nghiệp|Hạ tầng|Hạ viện|Hạnh phúc|Hạt nhân|"
    "Hải chiến|Hải dương|Hải dương học|Hải quan|Hải quân|Hải sự|Hậu cần|Hệ thống|Học viện|Hồi giáo|"
    "Hỗ trợ|Hỗn hợp|Hộ tịch|Hội chợ|Hội nghị|Hội đồng|Hợp tác|Hữu hạn|Hữu nghị|Khai thác|Khoa học|"
    "Khoa học kỹ thuật|Khoa học quân sự|Khoa học tự nhiên|Khoa học xã hội|Khoai tây|Khoáng sản|Khu uỷ|"
    "Khu vực|Khu đô thị|Khuyến học|Khách hàng|Khách sạn|Khám chữa bệnh|Khí hậu|Khí tượng|"
    "Khí tượng thuỷ văn|Không gian|Không quân|Khảo cổ|Khảo cổ học|Khảo sát|Khảo thí|Khẩn cấp|Khủng bố|"
    "Kinh doanh|Kinh tế|Kiến thiết|Kiến thức|Kiến trúc|Kiến trúc sư|Kiểm dịch|Kiểm lâm|Kiểm nghiệm|"
    "Kiểm ngư|Kiểm soát|Kiểm sát|Kiểm toán|Kiểm tra|Kiểm định|Kế hoạch|Kế hoạch hoá gia đình|Kế toán|"
    "Kết cấu hạ tầng|Kỷ luật|Kỷ lục|Kỹ nghệ|Kỹ thuật|Kỹ thương|Lao động|Liên bang|Liên doanh|Liên hiệp|"
    "Liên hợp|Liên lạc|Liên minh|Liên quan|Liên quân|Luật dân sự|Luật gia|Luật hình sự|Luật pháp|"
    "Luật quốc tế|Luật sư|Lâm nghiệp|Lãnh sự|Lãnh đạo|Lão khoa|Lưu ký|Lưu trữ|Lương thực|Lưới điện|"
    "Lịch sử|Lợi ích|Lục quân|Lữ hành|Lực lượng|Ma tuý|May mặc|Mua bán|Mua sắm|Máy bay|Môi giới|"
    "Môi trường|Mạng lưới|Mầm non|Mật vụ|Mặt trận|Mỹ nghệ|Mỹ thuật|Nghiên cứu|Nghiệp vụ|Nghệ nhân|"
    "Nghệ sĩ|Nghệ thuật|Nghị lực|Ngoại giao|Ngoại ngữ|Ngoại thương|Ngoại vụ|Nguyên tử|Ngân hàng|Ngân khố|"
    "Ngân sách|Ngôn ngữ|Ngôn ngữ học|Ngư nghiệp|Nhi khoa|Nhi đồng|Nhiên liệu|Nhiếp ảnh|Nhiệt điện|"
    "Nhiệt đới|Nhà báo|Nhà giáo|Nhà máy|Nhà nước|Nhà trường|Nhà tù|Nhà văn|Nhà vệ sinh|Nhân dân|"
    "Nhân quyền|Nhạc sĩ|Nhập cư|Nuôi dưỡng|Nuôi trồng|Nâng cao|Nông dân|Nông lâm|Nông nghiệp|Nông thôn|"
    "Năng khiếu|Năng lượng|Năng lực|Nước mắm|Nước ngoài|Nước sạch|Nạn nhân|Nội chính|Nội các|Nội tiết|"
    "Nội vụ|Nội địa|Phi công|Pháp chế|Pháp luật|Pháp lý|Pháp y|Phát thanh|Phát triển|Phát điện|Phân bón|"
    "Phân bổ|Phân tích|Phòng chống|Phòng không|Phòng ngừa|Phòng thủ|Phòng vệ|Phóng viên|Phúc lợi|"
    "Phản gián|Phần mềm|Phẫu thuật|Phật giáo|Phối hợp|Phổ thông|Phụ huynh|Phụ nữ|Phụ sản|Phục hồi|"
    "Phục vụ|Quan hệ|Quan sát|Quan trắc|Quang điện|Quy chế|Quy hoạch|Quy hoạch đô thị|Quy tắc|"
    "Quyền tác giả|Quân chủng|Quân khu|Quân khí|Quân lực|Quân sự|Quân vụ|Quân y|Quân đội|Quản lí|Quản lý|"
    "Quản trị|Quảng cáo|Quận uỷ|Quốc dân|Quốc gia|Quốc hội|Quốc lộ|Quốc phòng|Quốc tế|Quốc vụ|Sinh học|"
    "Sinh thái|Sinh thái học|Sinh viên|Sinh vật cảnh|Sáng kiến|Sáng tạo|Sân bay|Sân khấu|Sóng thần|"
    "Súng trường|Sĩ quan|Sư phạm|Sản nhi|Sản xuất|Sốt rét|Sở hữu trí tuệ|Sức khoẻ|Sử học|Tai nạn|"
    "Tham mưu|Tham mưu trưởng|Thanh niên|Thanh thiếu niên|Thanh toán|Thanh tra|Thi hành|Thi đua|"
    "Thiên nhiên|Thiên văn học|Thiết bị|Thiết kế|Thiếu niên|Thuế quan|Thuế vụ|Thuốc lá|Thuỷ lợi|Thuỷ sản|"
    "Thuỷ điện|Thành phố|Thành uỷ|Thông tin|Thú y|Thú ý|Thăm dò|Thư ký|Thư viện|Thương binh|Thương hiệu|"
    "Thương mại|Thương mại điện tử|Thường trực|Thường vụ|Thượng viện|Thảm hoạ|Thảo cầm viên|Thầy thuốc|"
    "Thẩm mỹ|Thẩm phán|Thẩm tra|Thế giới|Thế kỷ|Thể dục|Thể thao|Thị trường|Thống kê|Thống nhất|"
    "Thống đốc|Thời sự|Thời trang|Thời đại|Thủ tướng|Thủ đô|Thực hành|Thực phẩm|Tin học|Tin tức|"
    "Tiêu chuẩn|Tiến bộ|Tiếng nói|Tiếp viên|Tiền phong|Tiền tệ|Tiểu học|Toà án|Toàn cầu|Toàn quốc|"
    "Trang bị|Trang thiết bị|Trao đổi|Tri thức|Trinh sát|Triển lãm|Trung cấp|Trung học|Trung học cơ sở|"
    "Trung học phổ thông|Trung tâm|Trung ương|Truyền hình|Truyền thanh|Truyền thông|Truyền tải|Trẻ em|"
    "Trị sự|Trọng tài|Trồng trọt|Trực thăng|Tuyên giáo|Tuyên huấn|Tuyên truyền|Tuyển sinh|Tuổi trẻ|"
    "Tuỳ viên|Tài chính|Tài nguyên|Tài năng|Tài sản|Tài trợ|Tàu thuỷ|Tác chiến|Tái thiết|Tâm lý|"
    "Tâm lý học|Tâm thần|Tên lửa|Tìm kiếm|Tình báo|Tình huống|Tình trạng|Tích hợp|Tôn giáo|Tư pháp|"
    "Tư vấn|Tương trợ|Tưởng niệm|Tần số|Tập đoàn|Tệ nạn|Tỉnh uỷ|Tối cao|Tổ chức|Tổ quốc|Tổng công ty|"
    "Tổng cục|Tổng giám đốc|Tổng hợp|Tổng tham mưu|Tổng thanh tra|Tổng thống|Tổng tuyển cử|Tội phạm|"
    "Tự do|Tự nhiên|Ung bướu|Ung thư|Uỷ ban|Viễn thông|Việc làm|Việt nam|Vàng bạc|Vô tuyến điện|Võ thuật|"
    "Văn hoá|Văn học|Văn nghệ|Văn phòng|Văn thư|Vũ khí|Vũ trụ|Vương quốc|Vấn đề|Vận hành|Vận tải|"
    "Vận tải biển|Vận động|Vật liệu|Vật lý|Vật tư|Vệ sinh|Xi măng|Xung đột|Xuất bản|Xuất khẩu|"
    "Xuất nhập cảnh|Xuất nhập khẩu|Xây dựng|Xây lắp|Xã hội|Xúc tiến|Xăng dầu|Xổ số|Xử lý|Âm nhạc|"
    "Đa dạng sinh học|Đa khoa|Điều dưỡng|Điều hành|Điều phối|Điều tiết|Điều tra|Điều độ|Điện lực|"
    "Điện máy|Điện toán|Điện tử|Điện ảnh|Đo lường|Đoàn kết|Đào tạo|Đá quý|Đánh giá|Đê điều|Đô thị|"
    "Đăng kiểm|Đăng ký|Đương đại|Đường bộ|Đường cao tốc|Đường sắt|Đường thuỷ|Đại biểu|Đại diện|Đại dương|"
    "Đại học|Đại hội|Đại lý|Đại lễ|Đạo đức|Đạo đức học|Đảm bảo|Đảng bộ|Đảng uỷ|Đất đai|Đấu giá|Đầu tư|"
    "Đặc biệt|Địa chính|Địa chấn|Địa chất|Địa cầu|Địa lý|Địa phương|Địa ốc|Đối ngoại|Đối tác|Đổi mới|"
    "Động vật|Động đất|Đời sống|Ẩm thực|Ứng dụng|Ứng phó|Ứng xử"
)

# ------------------------------------------------------------------------- places
#: Administrative words that start a LOC (matched case-insensitively).
#: Lower-case place words before a name (their capitalised forms open company names: "Cảng Sài Gòn").
PLACE_WORDS_LC = terms("quân cảng|cảng|ngõ|hẻm|khu du lịch|siêu đô thị")

ADMIN_WORDS = terms(
    "thành phố|tỉnh|quận|huyện|thị xã|thị trấn|phường|xã|thôn|ấp|bản|xóm|làng|khu phố|"
    "tổ dân phố|khu dân cư|đường|phố|Thủ đô|cụm công nghiệp|khu công nghiệp|khu kinh tế|"
    "khu đô thị|cụm dân cư|đặc khu|sông|hồ|đảo|quần đảo|quân cảng|cảng|ngõ|hẻm|khu du lịch|siêu đô thị"
)

#: Administrative words that may end an ORG without a name (``UBND thành phố``).
LEVEL_WORDS = terms("thành phố|tỉnh|quận|huyện|thị xã|thị trấn|phường|xã|thôn|ấp|TP")

#: The 63 provinces and centrally-run cities (plus common short and former names).
PROVINCES = terms(
    "Hà Nội|Hồ Chí Minh|HCM|Hải Phòng|Đà Nẵng|Cần Thơ|An Giang|Bà Rịa - Vũng Tàu|Bà Rịa-Vũng Tàu|Bắc Giang|"
    "Bắc Kạn|Bạc Liêu|Bắc Ninh|Bến Tre|Bình Định|Bình Dương|Bình Phước|Bình Thuận|Cà Mau|Cao Bằng|"
    "Đắk Lắk|Đắk Nông|Điện Biên|Đồng Nai|Đồng Tháp|Gia Lai|Hà Giang|Hà Nam|Hà Tĩnh|Hải Dương|Hậu Giang|"
    "Hòa Bình|Hưng Yên|Khánh Hòa|Kiên Giang|Kon Tum|Lai Châu|Lâm Đồng|Lạng Sơn|Lào Cai|Long An|Nam Định|"
    "Nghệ An|Ninh Bình|Ninh Thuận|Phú Thọ|Phú Yên|Quảng Bình|Quảng Nam|Quảng Ngãi|Quảng Ninh|Quảng Trị|"
    "Sóc Trăng|Sơn La|Tây Ninh|Thái Bình|Thái Nguyên|Thanh Hóa|Thừa Thiên Huế|Thừa Thiên - Huế|Tiền Giang|"
    "Trà Vinh|Tuyên Quang|Vĩnh Long|Vĩnh Phúc|Yên Bái|Huế|Vinh|Việt Nam|Sài Gòn|Tây Nguyên|Hà Tây|TPHCM|TP.HCM"
)

#: Districts, towns and cities frequent in Vietnamese news (two or three syllables),
#: collected as generic place names; used to end a place name and to tag bare names.
DISTRICTS = terms(
    "An Biên|An Dương|An Giang|An Huy|An Khê|An Lão|An Minh|An Nhơn|An Phú|Anh Sơn|Ba Bể|Ba Chẽ|Ba Tri|"
    "Ba Tơ|Ba Vì|Ba Đình|Ba Đồn|Biên Hoà|Buôn Hồ|Buôn Ma Thuột|Buôn Mê Thuột|Buôn Đôn|Bà Rịa|Bàu Bàng|"
    "Bá Thước|Bác Ái|Bát Xát|Bình Chánh|Bình Dương|Bình Gia|Bình Giang|Bình Liêu|Bình Long|Bình Lục|"
    "Bình Minh|Bình Phước|Bình Sơn|Bình Thuận|Bình Thuỷ|Bình Thạnh|Bình Tân|Bình Xuyên|Bình Đông|"
    "Bình Đại|Bình Định|Bù Gia Mập|Bù Đăng|Bù Đốp|Bạc Liêu|Bạch Ngân|Bạch Thông|Bảo Lâm|Bảo Lộc|"
    "Bảo Thắng|Bảo Yên|Bắc Bình|Bắc Bộ|Bắc Giang|Bắc Hà|Bắc Kinh|Bắc Kạn|Bắc Mê|Bắc Ninh|Bắc Quang|"
    "Bắc Trà My|Bắc Tân Uyên|Bắc Từ Liêm|Bắc Yên|Bằng Tường|Bến Cát|Bến Cầu|Bến Lức|Bến Tre|Bỉm Sơn|"
    "Bố Trạch|Cai Lậy|Cam Lâm|Cam Lộ|Cam Ranh|Cam Túc|Can Lộc|Cao Bằng|Cao Hùng|Cao Lãnh|Cao Lộc|"
    "Cao Phong|Chi Lăng|Chiang Mai|Chiang Rai|Chiêm Hoá|Chiết Giang|Chu Hải|Châu Phú|Châu Thành|Châu Đốc|"
    "Châu Đức|Chí Linh|Chơn Thành|Chư Sê|Chương Hoá|Chương Mỹ|Chợ Gạo|Chợ Lách|Chợ Mới|Chợ Đồn|Con Cuông|"
    "Cà Mau|Càng Long|Cái Bè|Cái Nước|Cái Răng|Cáp Nhĩ Tân|Cát Hải|Cát Lâm|Cát Tiên|Cô Tô|Côn Minh|"
    "Côn Đảo|Cù Lao Dung|Cư Kuin|Cần Giuộc|Cần Giờ|Cần Thơ|Cần Đước|Cầu Giấy|Cầu Kè|Cầu Ngang|Cẩm Giàng|"
    "Cẩm Khê|Cẩm Lệ|Cẩm Mỹ|Cẩm Phả|Cẩm Thuỷ|Cẩm Xuyên|Cờ Đỏ|Củ Chi|Cửa Lò|Di Linh|Diêm Thành|Diên Khánh|"
    "Diễn Châu|Duy Tiên|Duy Xuyên|Duyên Hải|Dĩ An|Dương Kinh|Dương Minh Châu|Dầu Tiếng|Gia Bình|Gia Lai|"
    "Gia Lâm|Gia Lộc|Gia Nghĩa|Gia Viễn|Gia Định|Giang Tây|Giang Tô|Giao Thuỷ|Gio Linh|Giá Rai|"
    "Giồng Riềng|Giồng Trôm|Gò Công|Gò Công Tây|Gò Công Đông|Gò Dầu|Gò Quao|Gò Vấp|Hai Bà Trưng|Hiệp Hoà|"
    "Hiệp Đức|Hoa Liên|Hoa Lư|Hoà An|Hoà Bình|Hoà Thành|Hoà Vang|Hoài Nhơn|Hoài Ân|Hoài Đức|Hoàn Kiếm|"
    "Hoàng Mai|Hoàng Sa|Hoàng Su Phì|Hoành Bồ|Hoằng Hoá|Hà Bắc|Hà Giang|Hà Nam|Hà Nội|Hà Tiên|Hà Trung|"
    "Hà Tây|Hà Tĩnh|Hà Đông|Hàm Thuận Bắc|Hàm Thuận Nam|Hàm Tân|Hàm Yên|Hàng Châu|Hành Dương|Hòn Đất|"
    "Hóc Môn|Hưng Hà|Hưng Nguyên|Hưng Yên|Hương Khê|Hương Sơn|Hương Thuỷ|Hương Trà|Hướng Hoá|Hạ Hoà|"
    "Hạ Long|Hạ Môn|Hải An|Hải Châu|Hải Dương|Hải Hà|Hải Hậu|Hải Khẩu|Hải Lăng|Hải Nam|Hải Phòng|"
    "Hậu Giang|Hậu Lộc|Hắc Long Giang|Hồ Bắc|Hồ Chí Minh|Hồ Nam|Hồn Xuân|Hồng Bàng|Hồng Dân|Hồng Lĩnh|"
    "Hồng Ngự|Hội An|Hớn Quản|Hợp Phì|Hủa Phăn|Hữu Lũng|Ia Pa|Khoái Châu|Khánh Hoà|Khánh Sơn|Khánh Vĩnh|"
    "Khăm Cợt|Khăm Muộn|Kim Bôi|Kim Bảng|Kim Sơn|Kim Thành|Kim Động|Kinh Môn|Kiên Giang|Kiên Hải|"
    "Kiên Lương|Kiến An|Kiến Thuỵ|Kiến Tường|Kiến Xương|Kom Tum|Kon Tum|Kế Sách|Kỳ Anh|Kỳ Sơn|La Gi|"
    "Lai Châu|Lai Vung|Lang Chánh|Liên Chiểu|Liên Vân Cảng|Liêu Ninh|Long An|Long Biên|Long Châu|Long Hồ|"
    "Long Khánh|Long Mỹ|Long Phú|Long Thành|Long Xuyên|Long Điền|Luông Pha Băng|Lào Cai|Lâm Hà|Lâm Thao|"
    "Lâm Đồng|Lê Chân|Lý Nhân|Lý Sơn|Lương Sơn|Lương Tài|Lạc Dương|Lạc Sơn|Lạc Thuỷ|Lạng Giang|Lạng Sơn|"
    "Lấp Vò|Lập Thạch|Lệ Thuỷ|Lộc Bình|Lộc Hà|Lộc Ninh|Lục Nam|Lục Ngạn|Lục Yên|Mai Châu|Mai Sơn|"
    "Mang Thít|Minh Hoá|Minh Hải|Miên Dương|Mèo Vạc|Mê Linh|Móng Cái|Mù Cang Chải|Mường Chà|Mường Khương|"
    "Mường La|Mường Lay|Mường Lát|Mường Nhé|Mường Tè|Mỏ Cày Bắc|Mỏ Cày Nam|Mộ Đức|Mộc Châu|Mộc Hoá|"
    "Mỹ Hào|Mỹ Lộc|Mỹ Tho|Mỹ Tú|Mỹ Xuyên|Mỹ Đức|Na Hang|Nam Bộ|Nam Giang|Nam Kinh|Nam Ninh|Nam Sách|"
    "Nam Trung|Nam Trung Bộ|Nam Trà My|Nam Trực|Nam Từ Liêm|Nam Xương|Nam Đàn|Nam Đông|Nam Định|Nga Sơn|"
    "Nghi Lan|Nghi Lộc|Nghi Xuân|Nghi Xương|Nghĩa Hành|Nghĩa Hưng|Nghĩa Lộ|Nghĩa Đàn|Nghệ An|Nghệ Tĩnh|"
    "Nguyên Bình|Ngân Sơn|Ngã Bảy|Ngã Năm|Ngô Quyền|Ngũ Hành Sơn|Ngọc Hiển|Ngọc Hồi|Ngọc Lâm|Ngọc Lặc|"
    "Nha Trang|Nho Quan|Nhà Bè|Nhơn Trạch|Như Thanh|Như Xuân|Ninh Ba|Ninh Bình|Ninh Giang|Ninh Hoà|"
    "Ninh Hải|Ninh Kiều|Ninh Phước|Ninh Sơn|Ninh Thuận|Nông Cống|Nông Sơn|Núi Thành|Năm Căn|Nậm Nhùn|"
    "Nậm Pồ|Phan Rang|Phan Thiết|Phan Thiết|Phong Thổ|Phong Điền|Phòng Thành Cảng|Phù Cát|Phù Cừ|Phù Mỹ|"
    "Phù Ninh|Phù Yên|Phú Bình|Phú Giáo|Phú Hoà|Phú Khánh|Phú Lương|Phú Lộc|Phú Mỹ|Phú Nhuận|Phú Ninh|"
    "Phú Quý|Phú Quốc|Phú Riềng|Phú Thiện|Phú Thọ|Phú Tân|Phú Vang|Phú Xuyên|Phú Yên|Phúc Châu|Phúc Kiến|"
    "Phúc Thanh|Phúc Thọ|Phúc Yên|Phước Long|Phước Sơn|Phật Sơn|Phổ Yên|Phục Hoà|Phụng Hiệp|Phủ Lý|"
    "Quan Hoá|Quan Sơn|Quang Bình|Quy Nhơn|Quý Châu|Quý Dương|Quản Bạ|Quảng Bình|Quảng Châu|Quảng Nam|"
    "Quảng Ngãi|Quảng Ninh|Quảng Trạch|Quảng Trị|Quảng Tây|Quảng Xương|Quảng Yên|Quảng Điền|Quảng Đông|"
    "Quế Phong|Quế Sơn|Quế Võ|Quốc Oai|Quỳ Châu|Quỳ Hợp|Quỳnh Lưu|Quỳnh Nhai|Quỳnh Phụ|Rạch Giá|Sa Pa|"
    "Sa Thầy|Sa Đéc|Si Ma Cai|Sài Gòn|Sê Kông|Sìn Hồ|Sóc Sơn|Sóc Trăng|Sông Công|Sông Cầu|Sông Hinh|"
    "Sông Lô|Sông Mã|Sơn Dương|Sơn Hoà|Sơn Hà|Sơn La|Sơn Trà|Sơn Tây|Sơn Tịnh|Sơn Đông|Sơn Động|Sầm Sơn|"
    "Sầm Tớ|Sốp Cộp|Tam Bình|Tam Dương|Tam Kỳ|Tam Nông|Tam Sa|Tam Điệp|Tam Đường|Tam Đảo|Than Uyên|"
    "Thanh Ba|Thanh Bình|Thanh Chương|Thanh Hoá|Thanh Hà|Thanh Hải|Thanh Khê|Thanh Liêm|Thanh Miện|"
    "Thanh Oai|Thanh Sơn|Thanh Thuỷ|Thanh Trì|Thanh Xuân|Thanh Đảo|Thiên Tân|Thiểm Tây|Thiệu Hoá|"
    "Thoại Sơn|Thuận An|Thuận Bắc|Thuận Châu|Thuận Nam|Thuận Thành|Thuỷ Nguyên|Thành Đô|Thái Bình|"
    "Thái Hoà|Thái Nguyên|Thái Thuỵ|Tháp Mười|Thâm Quyến|Thông Nông|Thông Thành|Thăng Bình|Thường Châu|"
    "Thường Tín|Thường Xuân|Thượng Hải|Thạch An|Thạch Hà|Thạch Thành|Thạch Thất|Thạnh Hoá|Thạnh Phú|"
    "Thạnh Trị|Thẩm Dương|Thọ Xuân|Thống Nhất|Thốt Nốt|Thới Bình|Thới Lai|Thủ Dầu Một|Thủ Thừa|Thủ Đức|"
    "Thừa Thiên|Thừa Thiên - Huế|Thừa Thiên Huế|Tiên Du|Tiên Lãng|Tiên Lữ|Tiên Phước|Tiên Yên|Tiền Giang|"
    "Tiền Hải|Tiểu Cần|Tri Tôn|Triều Dương|Triệu Phong|Triệu Sơn|Trung Bộ|Trung Quốc|Trung Trung Bộ|"
    "Trà Bồng|Trà Cú|Trà Vinh|Trà Ôn|Trùng Khánh|Trường Ninh|Trường Sa|Trường Xuân|Trạm Giang|Trạm Tấu|"
    "Trảng Bom|Trảng Bàng|Trấn Yên|Trần Văn Thời|Trần Đề|Trịnh Châu|Trực Ninh|Tu Mơ Rông|Tuy An|Tuy Hoà|"
    "Tuy Phong|Tuy Phước|Tuy Đức|Tuyên Hoá|Tuyên Quang|Tuần Giáo|Tánh Linh|Tân An|Tân Biên|Tân Bình|"
    "Tân Bắc|Tân Châu|Tân Cương|Tân Hiệp|Tân Hưng|Tân Hồng|Tân Kỳ|Tân Lạc|Tân Phú|Tân Phú Đông|Tân Phước|"
    "Tân Sơn|Tân Thành|Tân Thạnh|Tân Trúc|Tân Trụ|Tân Uyên|Tân Yên|Tây An|Tây Giang|Tây Hoà|"
    "Tây Hồ|Tây Nam Bộ|Tây Nguyên|Tây Ninh|Tây Sơn|Tây Trà|Tô Châu|Tĩnh Gia|Tư Nghĩa|Tương Dương|"
    "Tế Nam|Tề Nam|Tịnh Biên|Tứ Kỳ|Tứ Xuyên|Từ Châu|Từ Liêm|Từ Sơn|Uông Bí|Viêng Xay|Việt Nam|Việt Trì|"
    "Việt Yên|Vân Canh|Vân Hồ|Vân Nam|Vân Đồn|Võ Nhai|Văn Bàn|Văn Chấn|Văn Giang|Văn Lâm|Văn Lãng|"
    "Văn Quan|Văn Yên|Vĩnh Bảo|Vĩnh Châu|Vĩnh Cửu|Vĩnh Hưng|Vĩnh Linh|Vĩnh Long|Vĩnh Lộc|Vĩnh Lợi|"
    "Vĩnh Phúc|Vĩnh Thuận|Vĩnh Thạnh|Vĩnh Tường|Vĩnh Yên|Vũ Hán|Vũ Quang|Vũ Thư|Vũng Liêm|Vũng Tàu|"
    "Vạn Ninh|Vị Thanh|Vị Thuỷ|Vị Xuyên|Vụ Bản|Xuyên Mộc|Xuân Lộc|Xuân Trường|Xín Mần|Yên Bái|Yên Bình|"
    "Yên Châu|Yên Dũng|Yên Khánh|Yên Lạc|Yên Minh|Yên Mô|Yên Mỹ|Yên Phong|Yên Sơn|Yên Thuỷ|Yên Thành|"
    "Yên Thế|Yên Định|Ân Thi|Ôn Châu|Đam Rông|Đan Phượng|Đan Đông|Điện Biên|Điện Biên Phủ|Điện Biên Đông|"
    "Điện Biện|Điện Bàn|Đoan Hùng|Đoàn Nghệ An|Đà Bắc|Đà Lạt|Đà Nẵng|Đài Bắc|Đài Nam|Đài Trung|Đài Đông|"
    "Đào Viên|Đình Lập|Đô Lương|Đông Anh|Đông Bắc Bộ|Đông Giang|Đông Hoà|Đông Hà|Đông Hưng|"
    "Đông Hải|Đông Nam Bộ|Đông Quản|Đông Sơn|Đông Triều|Đơn Dương|Đại Liên|Đại Lộc|Đại Từ|Đất Đỏ|Đầm Dơi|"
    "Đầm Hà|Đắc Chưng|Định Hoá|Định Quán|Đống Đa|Đồ Sơn|Đồng Hới|Đồng Hỷ|Đồng Nai|Đồng Phú|Đồng Tháp|"
    "Đồng Tháp Mười|Đồng Văn|Đồng Xoài|Đồng Xuân|Đức Cơ|Đức Hoà|Đức Huệ|Đức Linh|Đức Phổ|Đức Thọ|"
    "Đức Trọng|Ứng Hoà"
)

#: Common Vietnamese family names (a PERSON usually starts with one).
SURNAMES = terms(
    "Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đào|Đoàn|Vương|Trịnh|"
    "Trương|Lâm|Mai|Đinh|Lưu|Tạ|Hà|Chu|Cao|Lương|Tô|Thái|Triệu|Quách|Từ|Tăng|Lại|Kiều|Mạc|Nghiêm|"
    "Khúc|Tống|Châu|Giang|Hứa|Lục|La|Thân|Đàm|Đồng|Tôn|Nông|Lò|Vi|Hầu|Doãn|Phùng|Khổng|Lã|Âu|Mẫn|"
    "Ninh|Quan|Thạch|Bế|Đậu|Nhữ|Diệp|Trình|Ung|Viên|Lữ|Kim|Ksor|Nay|Siu|Điểu|Danh|Tất|Sử|Dư|Phí|Bạch|"
    "Cù|Cấn|Chế|Đường|Khương|Lạc|Lò|Mã|Mạc|Ngũ|Ông|Phó|Tiêu|Văn|Vưu|Yên|Hàn|Hoa|Kha|Tiết|Trang|Uông"
)

#: Frequent middle names: a capitalised run "X <middle> Y" is most likely a person.
MIDDLE_NAMES = terms(
    "Văn|Thị|Hữu|Đức|Thành|Minh|Quang|Xuân|Ngọc|Thanh|Hồng|Quốc|Công|Đình|Trọng|Anh|Thế|Tiến|Việt|"
    "Hoàng|Kim|Mạnh|Duy|Bá|Đăng|Khắc|Huy|Tuấn|Thu|Thúy|Mỹ|Bích|Phương|Hải|Trung|Chí|Hoài|Sỹ|Sĩ|Tấn|Viết"
)

#: Countries often named in the news (several syllables; single-syllable ones are
#: too ambiguous with given names and are left out).
COUNTRIES = terms(
    "Trung Quốc|Hoa Kỳ|Nhật Bản|Hàn Quốc|Triều Tiên|Thái Lan|Campuchia|Cam-pu-chia|Hà Lan|Ấn Độ|"
    "Singapore|Xin-ga-po|Malaysia|Ma-lai-xi-a|Indonesia|In-đô-nê-xi-a|Philippines|Phi-líp-pin|Ô-xtrây-li-a|"
    "Liên Xô|Liên bang Nga|Cu Ba|Cuba|Ucraina|Ukraine|Thụy Điển|Thụy Sĩ|Tây Ban Nha|Bồ Đào Nha|Ai Cập|"
    "Thổ Nhĩ Kỳ|Hy Lạp|Ba Lan|Na Uy|Đan Mạch|Phần Lan|Mông Cổ|Myanmar|Mi-an-ma|Brunei|Đông Timor|"
    "Mỹ|Nga|Pháp|Lào|Úc|Đài Loan|Hồng Kông"
)

#: Honorifics and address forms that precede a name (outside the PERSON span).
HONORIFICS = terms("đồng chí|ông|bà|anh|chị|cụ|Đồng chí|Ông|Bà|Anh|Chị|Cụ|đ/c|Đ/c")

# -------------------------------------------------------------------- documents
#: Normative document types that head a RESOLUTION.
DOC_TYPES = terms(
    "Nghị quyết liên tịch|Nghị quyết|Chỉ thị|Kết luận|Quy định|Quyết định|Hướng dẫn|Đề án|Chương trình hành động|"
    "Chương trình|Kế hoạch|Điều lệ|Bộ luật|Luật|Cương lĩnh|Chiến lược|Công văn|Thông báo|Tờ trình|"
    "Hiến pháp|Thông tư liên tịch|Thông tư|Nghị định|Quy chế|Pháp lệnh|Văn kiện"
)

# ---------------------------------------------------------------------- numbers
#: Approximators and qualifiers kept inside a METRIC (case-insensitive).
APPROXIMATORS = terms(
    "gần như|hơn|trên|gần|khoảng|dưới|tối thiểu|tối đa|ít nhất|tới|trung bình|bình quân|chỉ|"
    "không quá|không tới|không dưới|không đến|"
    "xấp xỉ|chừng|ngót|hàng|gấp|hầu hết"
)

#: Scale words that join the UNIT (``105.981 tỷ đồng`` -> UNIT «tỷ đồng»).
SCALES = terms("nghìn tỷ|ngàn tỷ|nghìn tỉ|ngàn tỉ|triệu tỷ|triệu tỉ|tỷ|tỉ|triệu|nghìn|ngàn|trăm|vạn|chục")

#: Numbers written in words that count people, bodies or steps ("hai Phó Bí thư", "ba người");
#: "năm" (mostly "year") is left out; "một" (mostly the article "a") counts only in a list of counts.
NUMBER_WORDS = terms("một|hai|ba|bốn|sáu|bảy|tám|chín|mười")

#: Counted nouns and measures that may follow a number (longest match wins).
UNITS = terms(
    # money and measures
    "đồng|USD|đô la|Euro|EUR|km|km2|m|m2|m3|ha|héc-ta|hecta|tấn|kg|tạ|lít|MW|kW|kWh|mét|cây số|"
    # party and state
    "đảng viên|ĐV|cán bộ|CB|CBCC|CBCCVC|cán bộ, công chức|công chức|viên chức|cán bộ, đảng viên|"
    "chi bộ|đảng bộ|đảng bộ cơ sở|tổ chức cơ sở đảng|TCCS đảng|TCCSĐ|tổ chức đảng|tổ chức Đảng|tổ chức|"
    "cơ sở|đơn vị|đơn vị sự nghiệp công lập|cơ quan|cấp ủy viên|cấp ủy|đồng chí|đại biểu|ủy viên|thành viên|"
    "hội viên|đoàn viên|đội viên|chỉ tiêu|chỉ tiêu thi đua|tiêu chí|nhiệm vụ|lớp|lớp học|lớp bồi dưỡng|"
    "hội nghị|cuộc|cuộc họp|cuộc kiểm tra|cuộc giám sát|đợt|lần|vụ|vụ việc|vụ án|trường hợp|"
    "kiến nghị|ý kiến|đơn|đơn thư|văn bản|nghị quyết|chỉ thị|kế hoạch|chương trình|đề án|quy định|"
    "mô hình|sáng kiến|đề tài|bài|bài viết|tin bài|tác phẩm|phần mềm|lĩnh vực|nội dung|tập thể|cá nhân|"
    "lượt|lượt người|lượt CB|lượt ĐV|lượt cán bộ|lượt đảng viên|lượt học viên|lượt hội viên|học viên|"
    # population and economy
    "người|người dân|hộ|hộ dân|hộ gia đình|hộ nghèo|hộ cận nghèo|lao động|doanh nghiệp|chủ doanh nghiệp|"
    "hợp tác xã|HTX|dự án|công trình|căn nhà|ngôi nhà|nhà|nhà tình nghĩa|nhà Đại đoàn kết|căn hộ|"
    "học sinh|sinh viên|thanh niên|giáo viên|bác sĩ|y bác sĩ|nhân viên|nhân viên y tế|công nhân|"
    "trường|trường học|xã|phường|thị trấn|thôn|ấp|bản|tổ dân phố|khu phố|huyện|quận|tỉnh|"
    "suất quà|phần quà|suất|sổ tiết kiệm|đơn vị máu|cây|con|tuyến|tuyến đường|tuổi|điểm|giải|huy chương|"
    "gia đình|thôn, bản|xã, phường|xã, phường, thị trấn|địa phương|cơ sở đảng|ngành|sở, ngành|hạng mục|"
    "kế hoạch công tác|đề án công tác|chương trình công tác|chương trình hành động|"
    # people, posts and items counted in personnel and inspection news
    "nhân sự|chức danh|chức danh lãnh đạo|chức vụ|vị trí|ứng viên|ứng cử viên|thí sinh|anh em|tiến sĩ|"
    "vấn đề|nhóm|nhóm vấn đề|nhóm nội dung|giải pháp|phương án|bước|tiểu ban|đoàn kiểm tra|sự kiện|"
    "yếu tố|quyết định|tờ trình|thửa đất|khu đất|độ tuổi|phiếu|phiếu tín nhiệm|thanh thiếu niên"
)

# -------------------------------------------------------------------------- time
#: Deictic time expressions that point to a definite time (DATE).
DEICTIC_TIMES = terms(
    "hôm nay|sáng nay|trưa nay|chiều nay|tối nay|đêm nay|sáng mai|chiều mai|tối mai|ngày mai|hôm qua|"
    "sáng qua|chiều qua|tối qua|hiện nay|đến nay|năm nay|năm ngoái|năm tới|năm sau|năm trước|cùng ngày|"
    "hằng năm|hàng năm|hằng tháng|hàng tháng|hằng quý|hàng quý|toàn khóa|đầu khóa|cuối khóa|"
    "đến thời điểm này|đến thời điểm hiện tại|thời điểm này|hiện tại|hằng ngày|hàng ngày|tuần tới|tới nay|"
    "từng quý|từng năm|từng tháng|cùng thời điểm"
)

#: Number words that count a duration ("hai nhiệm kỳ", "ba năm"); "năm" is left out (a unit too).
DURATION_NUMBER_WORDS = terms("một|hai|ba|bốn|sáu|bảy|tám|chín|mười|vài")

#: Time units of durations (``2 năm``, ``9 năm liền``): DATE, not METRIC.
TIME_UNITS = terms("năm|tháng|ngày|tuần|quý|giờ|thập kỷ|thập niên|thế kỷ|nhiệm kỳ")

#: Words that may follow a duration inside the DATE.
DURATION_TAILS = terms(
    "qua|liền|liên tiếp|vừa qua|gần đây|trở lại đây|tới|đầu năm|cuối năm|đầu|cuối|trước|sau đó|sau|một lần|đồng hồ"
)

#: Achievement verbs that introduce a METRIC (outside it) and end a TARGET.
ACHIEVEMENT_VERBS = terms("ước đạt|đạt được|đạt|tăng|giảm|vượt|chiếm|là")

#: Activities that govern a count: TARGET «kết nạp» in "kết nạp 28 đảng viên".
COUNT_ACTIVITIES = terms(
    "kết nạp|xét kết nạp|kỷ luật|thi hành kỷ luật|khen thưởng|trao tặng|trao|tặng|thành lập|xây mới|"
    "sửa chữa|nâng cấp|lắp đặt|lắp|làm mới|hoàn thành|ban hành|giải quyết|tiếp nhận|tham mưu|"
    "hỗ trợ|kiểm tra|giám sát|thăm hỏi|vận động|giới thiệu|trồng|xử lý|phát hiện|khởi tố|"
    "bầu|bầu ra|bầu bổ sung|bỏ phiếu bầu|khiển trách|cảnh cáo|khai trừ|cách chức|chuyển nhượng|thẩm định|"
    "kiện toàn|luân chuyển|điều động|bổ nhiệm|đề cử|lấy phiếu|thu gom|xác minh|bình chọn|tuyển dụng|"
    "đào tạo|bồi dưỡng|thu hồi|cấp|tiếp đón|tiếp xúc|tổ chức|khám|thăm khám|trao đổi|phê bình|đình chỉ|"
    "giải ngân|thua lỗ|đầu tư xây dựng|chiếm đoạt|giá"
)

#: Words right before a verb phrase that governs a count: «bầu» in "đã bầu 15 người",
#: «tổng mức đầu tư» in "với tổng mức đầu tư 280 tỷ đồng".
TARGET_OPENERS = terms("đã|sẽ|vừa|với|gây|cũng|còn|trực tiếp")

#: Passive or modal particles after a counted group that open its predicate:
#: «khiển trách» in "54 người bị khiển trách".
GROUP_PREDICATE_PARTICLES = terms("bị|được|phải|đã bị|đã được|đều được|đều bị")

#: Verbs that, right after a counted group (METRIC + UNIT), say what was counted.
GROUP_PREDICATE_VERBS = terms(
    "tái cử|trúng cử|tán thành|đồng ý|không đồng ý|tham dự|tham gia|mới tham gia|không tham gia|nghỉ hưu|"
    "xin rút|có mặt|vắng mặt|bỏ phiếu|thôi giữ chức|chiếm đoạt"
)

#: Verbs that never make an activity TARGET on their own (existence, copula, achievement).
NOT_ACTIVITY_VERBS = terms(
    "có|là|đạt|tăng|giảm|vượt|chiếm|gồm|còn|được|bị|phải|lên|xuống|tới|đến|hơn|trên|dưới|gần|khoảng|"
    "mất|qua|trải|kéo|dài|lên tới|lên đến|thêm|ở|tại|chỉ|mới|đều|nhất|những|các|mỗi|từng"
)

#: Generic measure words that alone do not name what is measured ("với tỷ lệ 100%").
GENERIC_MEASURES = terms("kết quả|tổng cộng|tổng số|diện tích|độ tuổi|số lượng|cán bộ|mức|khoảng|trên|hơn")

#: Nouns measured by a percentage that follow it ("100% phiếu bầu", "95% cổ phần").
PERCENT_NOUNS = terms(
    "phiếu|số phiếu|tổng số phiếu|phiếu bầu|phiếu đồng ý|phiếu tán thành|phiếu giới thiệu|phiếu tín nhiệm|"
    "vốn|vốn điều lệ|cổ phần|cổ phiếu|số dư|biên chế|dân số|diện tích|kế hoạch vốn"
)

#: Particles between an activity and its count that stay outside the TARGET.
ACTIVITY_PARTICLES = terms("được|mới|thêm|cho|tổng cộng|tổng số|thành công|xong|hoàn thành")

#: Head words of a measured quantity before an achievement verb.
TARGET_HEADS = terms(
    "tổng|tỷ lệ|tỉ lệ|thu ngân sách|thu nội địa|chi ngân sách|giá trị|tốc độ|doanh thu|thu nhập|kim ngạch|"
    "sản lượng|vốn|GRDP|GDP|tăng trưởng|giải ngân|năng suất|quy mô|số lượng|tổng số|tổng thu|tổng vốn|tổng mức|"
    "số phiếu|số người|độ tuổi|tuổi bình quân|đơn giá|giá bán|diện tích|dân số|thu ngân sách|số dư|mức"
)

#: Groups counted by a percentage, starting a TARGET (``98% ĐV tham gia học tập``).
PERCENT_GROUPS = terms(
    "ĐV|đảng viên|cán bộ, đảng viên|CB, ĐV|cán bộ|CB|tổ chức cơ sở đảng|TCCS đảng|chi bộ|đảng bộ|"
    "hộ|hộ dân|hộ gia đình|người dân|học sinh|xã|thôn|tổ chức đảng|tổ chức Đảng|doanh nghiệp|"
    "đại biểu|ứng viên|thanh niên|đoàn viên|hội viên|cán bộ, đoàn viên|công chức|người"
)

#: Particles and verbs that start the predicate after a percent group.
PERCENT_PREDICATES = terms(
    "tham gia|được|hoàn thành|cam kết|đạt|xếp loại|sử dụng|cài đặt|học tập|thực hiện|có|đăng ký|nộp|"
    "tham dự|đến từ|đã|không|đồng ý|tán thành|bị"
)
