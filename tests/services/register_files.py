"""Example register files in the shapes docs/registers.md describes (the files it shows are these): an
enterprise list, a workbook of organisations with a sheet of consultancy staff, a reviewer list and a
list of certifications. Written with openpyxl (or as CSV) by the tests; every name is fictional."""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path

import openpyxl

from inspector_app.domain import uscc


def code(n: int, region: str = "320400") -> str:
    return uscc.make_code("9", "1", region, f"MA{n:07d}")


ENTERPRISE_A, ENTERPRISE_B = code(101, "320412"), code(102, "320411")
REVIEW_A, REVIEW_B, CONSULT_A = code(1), code(2), code(3)

ENTERPRISES = [
    ["企业名称", "统一社会信用代码", "辖市区", "行业", "等级", "发证日期", "评审单位", "咨询单位"],
    ["常州示范机械有限公司", ENTERPRISE_A, "武进区", "机械", "三级", "2019-05-20", "江苏示范评审有限公司",
     "常州示范咨询有限公司"],
    ["常州演示化工有限公司", ENTERPRISE_B, "新北区", "化工（含石化）", "二级", "2018-11-02", "常州演示评审中心", ""],
]
ORGS_TITLE = "评审单位及咨询服务单位名录（2020年）"
ORGS = [
    ["序号", "名称", "统一社会信用代码", "类别", "法定代表人", "股东", "资质", "资质范围（行业）", "关联单位", "关联关系"],
    [1, "江苏示范评审有限公司", REVIEW_A, "评审单位", "王明", "王明、示范控股有限公司", "二级评审单位", "机械、轻工、化工（含石化）",
     "", ""],
    [2, "常州演示评审中心", REVIEW_B, "评审单位", "李强", "李强", "三级评审单位", "机械、冶金", "", ""],
    [3, "常州示范咨询有限公司", CONSULT_A, "咨询服务单位", "赵敏", "赵敏、钱立", "", "",
     "江苏示范评审有限公司", "同属示范集团"],
]
STAFF = [
    ["单位", "姓名", "证书号", "曾咨询企业"],
    ["常州示范咨询有限公司", "孙咨询", "苏咨询2018-001", ""],
    ["常州示范咨询有限公司", "周顾问", "", ENTERPRISE_A],
    ["", "吴示例", "苏评审2017-0102", ENTERPRISE_B],
]
REVIEWERS = [
    ["姓名", "证书号", "所属单位", "专业（行业）"],
    ["王评审", "苏评审2017-0101", "江苏示范评审有限公司", "机械、轻工"],
    ["吴示例", "苏评审2017-0102", "江苏示范评审有限公司", "化工（含石化）、医药"],
    ["陈专家", "苏评审2018-0201", "常州演示评审中心", "机械、冶金"],
    ["林专家", "苏评审2018-0202", "常州演示评审中心", "冶金"],
]
CERTIFICATIONS = [
    ["企业统一社会信用代码", "企业名称", "评审单位", "咨询单位", "评审日期", "评审得分", "评审组成员证书号"],
    [ENTERPRISE_A, "常州示范机械有限公司", "江苏示范评审有限公司", "常州示范咨询有限公司", "2019-04-12", 82.5,
     "苏评审2017-0101（组长）、苏评审2017-0102"],
    [ENTERPRISE_B, "常州演示化工有限公司", "常州演示评审中心", "", "2018年10月8日", "78分",
     "组长：苏评审2018-0201，苏评审2018-0202"],
]


def write_csv(path: Path, rows: Sequence[Sequence[object]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[object]]], title: str = "") -> Path:
    """One worksheet per entry; the first gets a title row above its header when ``title`` is given."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for n, (name, rows) in enumerate(sheets.items()):
        sheet = book.create_sheet(name)
        if title and n == 0:
            sheet.append([title])
        for row in rows:
            sheet.append(list(row))
    book.save(path)
    return path


def write_all(folder: Path) -> dict[str, Path]:
    """The four example files: enterprises.csv, 单位名录.xlsx (two sheets), 评审人员.xlsx, 评审记录.csv."""
    folder.mkdir(parents=True, exist_ok=True)
    return {
        "enterprises": write_csv(folder / "enterprises.csv", ENTERPRISES),
        "orgs": write_xlsx(folder / "单位名录.xlsx", {"单位名录": ORGS, "咨询人员": STAFF}, ORGS_TITLE),
        "reviewers": write_xlsx(folder / "评审人员.xlsx", {"评审人员": REVIEWERS}),
        "certifications": write_csv(folder / "评审记录.csv", CERTIFICATIONS),
    }
