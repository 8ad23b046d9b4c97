"""Importing the registers (issue 13): the example files of docs/registers.md go in whole (organisations with
their staff and links from one workbook, reviewers, certifications with their teams), a second import
changes nothing, a dry run writes nothing, and every bad file is refused row by row with nothing written."""

from __future__ import annotations

from pathlib import Path

import pytest
import register_files as files
from register_files import (
    CERTIFICATIONS,
    CONSULT_A,
    ENTERPRISE_A,
    ENTERPRISE_B,
    REVIEWERS,
    STAFF,
    write_csv,
    write_xlsx,
)
from sqlalchemy import func, select

from inspector_app.domain.errors import ImportFileError
from inspector_app.services.changes import ChangeKind
from inspector_app.services.ops import registers as ops
from inspector_app.services.ops.enterprises import import_register
from inspector_app.services.queries.registers import certification_rows, org_detail, org_rows, reviewer_rows
from inspector_app.services.unit import reading
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import AuditEvent
from inspector_app.storage.models_registers import (
    Certification,
    ConsultancyStaff,
    Organisation,
    OrgLink,
    Reviewer,
)
from inspector_app.tabular.register_sheets import parse_score, split_list, team_member

pytestmark = pytest.mark.both_engines


def _count(ws: Workspace, model: type) -> int:
    with reading(ws) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def _all(ws: Workspace, folder: Path) -> dict[str, Path]:
    paths = files.write_all(folder)
    import_register(ws, paths["enterprises"])
    return paths


def test_the_example_files_import_whole_and_twice_change_nothing(workspace: Workspace, tmp_path: Path) -> None:
    paths = _all(workspace, tmp_path / "in")
    report = ops.import_orgs(workspace, paths["orgs"], "王明")
    assert report.counts == {"单位名录": [3, 0, 0], "关联关系": [1, 0, 0], "咨询人员": [3, 0, 0]}
    assert report.changes.has(ChangeKind.REGISTERS) and report.changes.everything
    assert "单位名录：工作表“单位名录”，表头在第 2 行" in report.summary()
    assert ops.import_reviewers(workspace, paths["reviewers"], "王明").counts == {"评审人员": [4, 0, 0]}
    report = ops.import_certifications(workspace, paths["certifications"], "王明")
    assert report.counts == {"评审记录": [2, 0, 0]} and not report.warnings

    orgs = {r["name"]: r for r in org_rows(workspace)}
    assert orgs["江苏示范评审有限公司"]["kind"] == "review"
    assert orgs["江苏示范评审有限公司"]["shareholders"] == ["王明", "示范控股有限公司"]
    assert orgs["江苏示范评审有限公司"]["qualification_scope"] == ["机械", "轻工", "化工（含石化）"]
    assert (orgs["江苏示范评审有限公司"]["reviewers"], orgs["江苏示范评审有限公司"]["reviewed"]) == (2, 1)
    assert orgs["常州示范咨询有限公司"]["uscc"] == CONSULT_A and orgs["常州示范咨询有限公司"]["staff"] == 2
    detail = org_detail(workspace, CONSULT_A)
    assert [(x["relation"], x["other"], x["note"]) for x in detail["links"]] == [
        ("declared", "江苏示范评审有限公司", "同属示范集团")]
    assert [(s["name"], s["cert_number"], s["enterprise_uscc"]) for s in detail["staff"]] == [
        ("孙咨询", "苏咨询2018-001", ""), ("周顾问", "", ENTERPRISE_A)]
    with reading(workspace) as session:  # a declared consultant without a consultancy
        declared = session.scalar(select(ConsultancyStaff).where(ConsultancyStaff.org_id.is_(None)))
        assert declared is not None and (declared.name, declared.cert_number) == ("吴示例", "苏评审2017-0102")
    reviewers = {r["cert_number"]: r for r in reviewer_rows(workspace)}
    assert reviewers["苏评审2017-0102"]["specialities"] == ["化工（含石化）", "医药"]
    assert reviewers["苏评审2018-0201"]["org"] == "常州演示评审中心" and reviewers["苏评审2018-0201"]["reviews"] == 1
    certs = {c["uscc"]: c for c in certification_rows(workspace)}
    a, b = certs[ENTERPRISE_A], certs[ENTERPRISE_B]
    assert (a["review_org"], a["consulting_org"], a["review_date"], a["review_score"]) == (
        "江苏示范评审有限公司", "常州示范咨询有限公司", "2019-04-12", 82.5)
    assert [(m["cert_number"], m["leader"]) for m in a["team"]] == [("苏评审2017-0101", True), ("苏评审2017-0102", False)]
    assert (b["consulting_org"], b["review_date"], b["review_score"]) == ("", "2018-10-08", 78.0)
    assert [m["cert_number"] for m in b["team"] if m["leader"]] == ["苏评审2018-0201"]
    with reading(workspace) as session:  # audited, outside any inspection
        entities = set(session.scalars(select(AuditEvent.entity).where(AuditEvent.inspection_id.is_(None))))
        assert {"organisation", "reviewer", "certification"} <= entities
        audited = session.scalar(select(func.count()).select_from(AuditEvent)) or 0

    for kind, run in (("orgs", ops.import_orgs), ("reviewers", ops.import_reviewers),
                      ("certifications", ops.import_certifications)):
        again = run(workspace, paths[kind], "王明")
        assert all(n[0] == n[1] == 0 for n in again.counts.values()), (kind, again.counts)
        assert not again.changes
    with reading(workspace) as session:
        assert session.scalar(select(func.count()).select_from(AuditEvent)) == audited


def test_an_update_overwrites_only_the_cells_given_and_a_team_is_replaced(workspace: Workspace,
                                                                         tmp_path: Path) -> None:
    paths = _all(workspace, tmp_path / "in")
    for run, kind in ((ops.import_orgs, "orgs"), (ops.import_reviewers, "reviewers"),
                      (ops.import_certifications, "certifications")):
        run(workspace, paths[kind], "王明")
    changed = write_csv(tmp_path / "orgs.csv", [["名称", "类别", "法定代表人", "资质"],
                                                ["江苏示范评审有限公司", "评审机构", "孙示例", ""],
                                                ["常州演示评审中心", "咨询服务单位", "", ""]])
    report = ops.import_orgs(workspace, changed, "李强", dry_run=True)
    assert report.counts == {"单位名录": [0, 2, 0]} and not report.changes
    assert [p.changes for p in report.preview] == [["法定代表人：王明 → 孙示例"], ["类别：评审单位 → 咨询服务单位"]]
    assert org_detail(workspace, "江苏示范评审有限公司")["legal_rep"] == "王明"  # a dry run writes nothing
    ops.import_orgs(workspace, changed, "李强")
    detail = org_detail(workspace, "江苏示范评审有限公司")
    assert (detail["legal_rep"], detail["qualification"], detail["version"]) == ("孙示例", "二级评审单位", 2)
    team = write_csv(tmp_path / "team.csv", [CERTIFICATIONS[0], [ENTERPRISE_A, "", "江苏示范评审有限公司", "", "", "",
                                                                 "苏评审2017-0102(组长),苏评审2017-0101"]])
    assert ops.import_certifications(workspace, team, "李强").counts == {"评审记录": [0, 1, 0]}
    cert = next(c for c in certification_rows(workspace) if c["uscc"] == ENTERPRISE_A)
    assert [m["cert_number"] for m in cert["team"] if m["leader"]] == ["苏评审2017-0102"]
    assert (cert["review_date"], cert["consulting_org"]) == ("2019-04-12", "常州示范咨询有限公司")  # blanks kept


def test_a_dry_run_previews_and_writes_nothing(workspace: Workspace, tmp_path: Path) -> None:
    paths = _all(workspace, tmp_path / "in")
    report = ops.import_orgs(workspace, paths["orgs"], "王明", dry_run=True)
    assert report.dry_run and report.counts["单位名录"] == [3, 0, 0] and not report.changes
    assert report.summary().startswith("预演导入")
    assert report.preview_lines()[0] == "单位名录 第 3 行 新增 江苏示范评审有限公司（" + files.REVIEW_A + "）"
    assert _count(workspace, Organisation) == _count(workspace, OrgLink) == _count(workspace, ConsultancyStaff) == 0


def _refused(run: object, ws: Workspace, path: Path) -> list[str]:
    with pytest.raises(ImportFileError) as caught:
        run(ws, path, "王明")  # type: ignore[operator]
    assert "未导入任何数据" in str(caught.value)
    return caught.value.problems


def test_reviewers_refused_row_by_row(workspace: Workspace, tmp_path: Path) -> None:
    paths = _all(workspace, tmp_path / "in")
    ops.import_orgs(workspace, paths["orgs"], "王明")
    bad = write_xlsx(tmp_path / "bad.xlsx", {"评审人员": [
        REVIEWERS[0], REVIEWERS[1],
        ["赵评审", "苏评审2017-0101", "江苏示范评审有限公司", "机械"],  # the certificate number of row 2
        ["钱评审", "苏评审2019-0001", "不存在的评审有限公司", "机械"],
        ["", "苏评审2019-0002", "", ""]]})
    assert _refused(ops.import_reviewers, workspace, bad) == [
        "第 3 行，列“证书号”：证书号 苏评审2017-0101 与第 2 行重复",
        "第 4 行，列“所属单位”：单位名录中没有“不存在的评审有限公司”（先用 orgs import 导入单位）",
        "第 5 行，列“姓名”：姓名不能为空"]
    assert _count(workspace, Reviewer) == 0


def test_certifications_refused_row_by_row(workspace: Workspace, tmp_path: Path) -> None:
    paths = _all(workspace, tmp_path / "in")
    ops.import_orgs(workspace, paths["orgs"], "王明")
    ops.import_reviewers(workspace, paths["reviewers"], "王明")
    header = CERTIFICATIONS[0]
    bad = write_csv(tmp_path / "bad.csv", [
        ["常州市评审记录汇总表"], header,
        [ENTERPRISE_A, "", "江苏示范评审有限公司", "", "2019-13-40", "82", "苏评审2017-0101（组长）、苏评审2017-0999"],
        [ENTERPRISE_B, "", "未登记的评审中心", "", "2018-10-08", "120", "苏评审2018-0201（组长）、苏评审2018-0201"],
        [files.code(999), "", "常州演示评审中心", "", "", "", "苏评审2018-0201（组长）、苏评审2018-0202（组长）"],
        [ENTERPRISE_A, "", "常州演示评审中心", "", "", "", ""]])
    assert _refused(ops.import_certifications, workspace, bad) == [
        "第 3 行，列“评审日期”：无法识别的日期“2019-13-40”",
        "第 3 行，列“评审组成员证书号”：评审人员名录中没有证书号 苏评审2017-0999（先用 reviewers import 导入）",
        "第 4 行，列“评审单位”：单位名录中没有“未登记的评审中心”（先用 orgs import 导入单位）",
        "第 4 行，列“评审得分”：得分 120 不在 0–100 之间",
        "第 4 行，列“评审组成员证书号”：证书号 苏评审2018-0201 在评审组中重复",
        f"第 5 行，列“企业统一社会信用代码”：企业名录中没有统一社会信用代码为 {files.code(999)} 的企业",
        "第 5 行，列“评审组成员证书号”：评审组只能有一名组长（标了 陈专家、林专家）",
        f"第 6 行，列“企业统一社会信用代码”：企业 {ENTERPRISE_A} 与第 3 行重复"]
    assert _count(workspace, Certification) == 0


def test_organisations_and_staff_refused_with_their_sheet_named(workspace: Workspace, tmp_path: Path) -> None:
    _all(workspace, tmp_path / "in")
    bad = write_xlsx(tmp_path / "bad.xlsx", {
        "单位": [["名称", "统一社会信用代码", "类别", "关联单位"],
               ["江苏示范评审有限公司", files.REVIEW_A, "评审单位", "查无此单位"],
               ["江苏示范评审有限公司", files.REVIEW_A[:17] + "0", "检测机构", ""]],
        "人员": [STAFF[0], ["江苏示范评审有限公司", "", "", files.code(998)]]})
    problems = _refused(ops.import_orgs, workspace, bad)
    assert problems[0] == "工作表“单位”第 2 行，列“关联单位”：单位名录中没有关联单位“查无此单位”（可在本表中一并列出）"
    assert problems[1] == "工作表“单位”第 3 行，列“名称”：单位“江苏示范评审有限公司”与第 2 行重复"
    assert problems[2].startswith("工作表“单位”第 3 行，列“统一社会信用代码”：")
    assert problems[3] == "工作表“单位”第 3 行，列“类别”：类别“检测机构”无效，应为“评审单位”或“咨询服务单位”"
    assert problems[4:] == ["工作表“人员”第 2 行，列“姓名”：姓名不能为空",
                            f"工作表“人员”第 2 行，列“曾咨询企业”：企业名录中没有统一社会信用代码为 {files.code(998)} 的企业"]
    assert _count(workspace, Organisation) == 0
    missing = write_csv(tmp_path / "missing.csv", [["名称", "法定代表人"], ["某单位", "王明"]])
    with pytest.raises(ImportFileError, match="缺少必需的列：“类别”"):
        ops.import_orgs(workspace, missing, "王明")
    beside = write_xlsx(tmp_path / "beside.xlsx", {"单位": [["名称", "法定代表人"], ["某单位", "王明"]], "人员": STAFF[:2]})
    with pytest.raises(ImportFileError, match="缺少必需的列：“类别”"):  # not taken for a workbook of staff only
        ops.import_orgs(workspace, beside, "王明")


def test_cells_as_bureaus_type_them() -> None:
    assert split_list("机械、轻工，纺织; 建材\n机械") == ["机械", "轻工", "纺织", "建材"]
    assert team_member("苏评审2019-0918（组长）") == ("苏评审2019-0918", True)
    assert team_member("组长：苏评审２０１９-0918") == ("苏评审2019-0918", True)
    assert team_member(" 苏评审2019-0918 ") == ("苏评审2019-0918", False)
    assert (parse_score("86.5分"), parse_score(90), parse_score(None), parse_score(" ")) == (86.5, 90.0, None, None)
