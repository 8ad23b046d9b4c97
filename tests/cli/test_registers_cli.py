"""``orgs import | list | show``, ``reviewers import | list``, ``certifications import`` on the example files of
docs/registers.md: a dry run previews, imports report their counts, lists carry Chinese headings in the
table and CSV and English keys in JSON, a refused file prints every problem and exits 1."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest

from inspector_app.cli import main

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "services"))
import register_files as files


def _cli(root: Path, *args: str) -> int:
    return main(["--data-dir", str(root), *args])


def test_the_registers_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, paths = tmp_path / "ws", files.write_all(tmp_path / "in")
    assert _cli(root, "enterprises", "import", str(paths["enterprises"])) == 0
    capsys.readouterr()
    assert _cli(root, "orgs", "import", str(paths["orgs"]), "--dry-run") == 0
    out = capsys.readouterr().out
    assert out.startswith("预演导入“单位名录.xlsx”（未写入）：单位名录 3 行：新增 3")
    assert "预览：\n  单位名录 第 3 行 新增 江苏示范评审有限公司" in out
    assert "关联关系 第 5 行 新增 常州示范咨询有限公司 — 江苏示范评审有限公司（声明的关联关系）：同属示范集团" in out
    assert _cli(root, "orgs", "list", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out) == []
    assert _cli(root, "orgs", "import", str(paths["orgs"]), "--by", "王明") == 0
    assert _cli(root, "reviewers", "import", str(paths["reviewers"]), "--by", "王明") == 0
    assert _cli(root, "certifications", "import", str(paths["certifications"]), "--by", "王明") == 0
    out = capsys.readouterr().out
    assert "已导入“评审人员.xlsx”：评审人员 4 行：新增 4" in out and "已导入“评审记录.csv”：评审记录 2 行：新增 2" in out

    assert _cli(root, "orgs", "list") == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split() == ["编号", "类别", "名称", "统一社会信用代码", "法定代表人", "资质", "状态", "状态起始", "评审人员",
                                "咨询人员", "评审企业", "咨询企业"]
    assert len(table) == 5 and table[4].split()[1:3] == ["咨询服务单位", "常州示范咨询有限公司"]
    assert _cli(root, "orgs", "list", "--kind", "consulting", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert [(r["名称"], r["类别"], r["咨询企业"]) for r in rows] == [("常州示范咨询有限公司", "咨询服务单位", "1")]
    assert _cli(root, "orgs", "list", "--format", "json") == 0
    first = json.loads(capsys.readouterr().out)[0]
    assert {"id", "kind", "name", "uscc", "legal_rep", "shareholders", "qualification_scope", "status",
            "status_since", "version", "reviewers", "staff", "reviewed", "consulted"} <= set(first)

    assert _cli(root, "orgs", "show", files.REVIEW_A) == 0
    text = capsys.readouterr().out
    assert text.startswith("江苏示范评审有限公司（评审单位）\n")
    assert "  法定代表人：王明" in text and "声明的关联关系（1）\n  [1] 声明的关联关系：常州示范咨询有限公司（同属示范集团）" in text
    assert "评审的企业（1）\n  常州示范机械有限公司" in text and "王评审（苏评审2017-0101，组长）" in text
    assert _cli(root, "orgs", "show", "常州示范咨询有限公司", "--format", "json") == 0
    detail = json.loads(capsys.readouterr().out)
    assert [s["name"] for s in detail["staff"]] == ["孙咨询", "周顾问"] and detail["consulted"][0]["uscc"] == files.ENTERPRISE_A
    assert _cli(root, "orgs", "show", "查无此单位") == 1
    assert "单位名录中没有“查无此单位”" in capsys.readouterr().err

    assert _cli(root, "reviewers", "list", "--format", "csv") == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff"))))
    assert rows[0] == {"编号": "1", "姓名": "王评审", "证书号": "苏评审2017-0101", "所属单位": "江苏示范评审有限公司",
                       "专业": "机械、轻工", "状态": "正常", "状态起始": "", "参与评审": "1"}
    assert _cli(root, "reviewers", "list", "--format", "json") == 0
    assert json.loads(capsys.readouterr().out)[0]["specialities"] == ["机械", "轻工"]


def test_a_refused_file_prints_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root, paths = tmp_path / "ws", files.write_all(tmp_path / "in")
    assert _cli(root, "orgs", "import", str(paths["orgs"])) == 1  # the staff name an enterprise not yet listed
    err = capsys.readouterr().err
    assert "有 2 个问题，未导入任何数据" in err
    assert f"  - 工作表“咨询人员”第 3 行，列“曾咨询企业”：企业名录中没有统一社会信用代码为 {files.ENTERPRISE_A} 的企业" in err
    assert _cli(root, "reviewers", "import", str(paths["reviewers"])) == 1
    assert "单位名录中没有“江苏示范评审有限公司”" in capsys.readouterr().err
