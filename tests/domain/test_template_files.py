"""Standalone checks of the shipped checklist templates in resources/templates/.

These tests check the rules of docs/template-format.md that need no project code, plus a small
reference scoring of full answer sets. When `inspector_app.domain.template.load_template` exists, every
file is also loaded through it; when `template.schema.json` exists, every file is validated against it.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_DIR = REPO_ROOT / "resources" / "templates"
SCHEMA_PATH = TEMPLATE_DIR / "template.schema.json"

GRADES = ("一级", "二级", "三级", "小微")
VETOES = (None, "A", "B")
RESULTS = ("符合", "部分符合", "不符合", "不涉及")
EXPECTED_IDS = {"lookback-2020", "review-quality-2020", "operation-audit-2020"}

GB33000_ELEMENTS: dict[str, tuple[str, list[str]]] = {
    "5.1": (
        "目标职责",
        ["目标", "机构和职责", "全员参与", "安全生产投入", "安全文化建设", "安全生产信息化建设"],
    ),
    "5.2": ("制度化管理", ["法规标准识别", "规章制度", "操作规程", "文档管理"]),
    "5.3": ("教育培训", ["教育培训管理", "人员教育培训"]),
    "5.4": ("现场管理", ["设备设施管理", "作业安全", "职业健康", "警示标志"]),
    "5.5": (
        "安全风险管控及隐患排查治理",
        ["安全风险管理", "重大危险源辨识和管理", "隐患排查治理", "预测预警"],
    ),
    "5.6": ("应急管理", ["应急准备", "应急处置", "应急评估"]),
    "5.7": ("事故管理", ["报告", "调查和处理", "管理"]),
    "5.8": ("持续改进", ["绩效评定", "持续改进"]),
}

Template = dict[str, Any]


def template_paths() -> list[Path]:
    return sorted(p for p in TEMPLATE_DIR.glob("*.json") if not p.name.endswith(".schema.json"))


def load(path: Path) -> Template:
    data = json.loads(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.name}: top level is not an object"
    return data


def items_of(template: Template) -> list[dict[str, Any]]:
    return [item for element in template["elements"] for item in element["items"]]


def is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


PATHS = template_paths()
IDS = [p.name for p in PATHS]


def test_shipped_templates_present() -> None:
    ids = {load(p)["id"] for p in PATHS}
    assert ids >= EXPECTED_IDS, f"missing templates: {EXPECTED_IDS - ids}"


def test_id_version_unique_across_files() -> None:
    keys = [(load(p)["id"], load(p)["version"]) for p in PATHS]
    assert len(keys) == len(set(keys)), f"duplicate (id, version): {keys}"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_header(path: Path) -> None:
    t = load(path)
    assert t["format_version"] == 2
    for key in ("id", "version", "kind", "title", "standard", "basis"):
        assert isinstance(t[key], str) and t[key].strip(), f"{path.name}: {key} empty"
    parts = t["version"].split(".")
    assert len(parts) == 3 and all(p.isdigit() for p in parts), f"{path.name}: version {t['version']!r}"
    assert isinstance(t["applies_to"], list)
    assert set(t["applies_to"]) <= set(GRADES), f"{path.name}: applies_to {t['applies_to']}"
    assert isinstance(t["elements"], list) and t["elements"], f"{path.name}: no elements"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_grade_thresholds_and_outcome(path: Path) -> None:
    t = load(path)
    thresholds = t["grade_thresholds"]
    assert thresholds, f"{path.name}: no grade thresholds"
    ranks = [GRADES.index(th["grade"]) for th in thresholds]
    assert ranks == sorted(ranks) and len(set(ranks)) == len(ranks), f"{path.name}: grades out of order"
    scores = [th["min_score"] for th in thresholds]
    assert all(is_number(s) and 0 <= s <= 100 for s in scores)
    assert scores == sorted(scores, reverse=True), f"{path.name}: min_score not descending"
    for th in thresholds:
        share = th.get("min_element_share")
        assert share is None or (is_number(share) and 0 <= share <= 1)
    conclusion = t["conclusion"]
    codes = [level["code"] for level in conclusion["levels"]]
    assert len(codes) == len(set(codes)) and all(len(c) <= 10 for c in codes)
    for rule in conclusion["rules"]:
        assert rule["then"] in codes and rule["source"].strip(), f"{path.name}: rule {rule}"
        if rule["when"] == "score_below":
            assert is_number(rule["value"]) and 0 <= rule["value"] <= 100


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_codes_unique_and_prefixed(path: Path) -> None:
    t = load(path)
    seen: set[str] = set()
    deduction_codes: set[str] = set()
    for element in t["elements"]:
        code = element["code"]
        assert isinstance(code, str) and code, f"{path.name}: empty element code"
        assert code not in seen, f"{path.name}: duplicate code {code}"
        seen.add(code)
        share = element.get("min_share")
        assert share is None or (is_number(share) and 0 <= share <= 1), f"{path.name} {code}: min_share"
        assert element["title"].strip() and element["items"], f"{path.name} {code}: empty element"
        for item in element["items"]:
            icode = item["code"]
            assert icode not in seen, f"{path.name}: duplicate code {icode}"
            seen.add(icode)
            assert icode.startswith(code + "."), f"{path.name}: item {icode} not under element {code}"
            for d in item["deductions"]:
                assert d["code"] not in deduction_codes, f"{path.name}: duplicate deduction {d['code']}"
                deduction_codes.add(d["code"])


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_items(path: Path) -> None:
    t = load(path)
    for item in items_of(t):
        where = f"{path.name} item {item['code']}"
        assert is_number(item["points"]) and item["points"] > 0, f"{where}: points must be > 0"
        assert item["text"].strip(), f"{where}: empty text"
        assert item.get("evidence", "").strip(), f"{where}: no evidence"
        assert item.get("veto") in VETOES, f"{where}: veto {item.get('veto')!r}"
        for flag in ("require_note_on_fail", "require_photo_on_fail"):
            assert isinstance(item.get(flag, False), bool), f"{where}: {flag} not a boolean"
        assert set(item.get("results", RESULTS)) <= set(RESULTS), f"{where}: unknown result option"
        assert item["deductions"], f"{where}: no deduction rules"
        for d in item["deductions"]:
            dwhere = f"{where} deduction {d['code']}"
            assert d["text"].strip(), f"{dwhere}: empty text"
            assert is_number(d["points"]) and d["points"] > 0, f"{dwhere}: points must be > 0"
            assert d["points"] <= item["points"], f"{dwhere}: {d['points']} > item points {item['points']}"
            times = d.get("max_times", 1)
            assert isinstance(times, int) and not isinstance(times, bool) and times >= 1, (
                f"{dwhere}: max_times"
            )


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_veto_items_require_a_note(path: Path) -> None:
    for item in items_of(load(path)):
        if item.get("veto"):
            assert item.get("require_note_on_fail"), f"{path.name} {item['code']}: veto without note"


# --- a minimal reference scorer, following docs/template-format.md ------------------------------------


def round_half_up(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def reference_score(template: Template, answers: dict[str, tuple[str, list[str]]]) -> float | None:
    """Score per the format doc: answers map item code -> (result, chosen deduction codes); B vetoes apply."""
    earned = Decimal(0)
    achievable = Decimal(0)
    for element in template["elements"]:
        e_earned = Decimal(0)
        zeroed = False
        for item in element["items"]:
            result, chosen = answers[item["code"]]
            points = Decimal(str(item["points"]))
            if result == "不涉及":
                continue
            achievable += points
            if result == "符合":
                e_earned += points
            elif result == "部分符合":
                by_code = {d["code"]: Decimal(str(d["points"])) for d in item["deductions"]}
                e_earned += max(Decimal(0), points - sum((by_code[c] for c in chosen), Decimal(0)))
            elif item.get("veto") == "B":
                zeroed = True  # an A veto changes the outcome (建议摘牌), not the score
        earned += Decimal(0) if zeroed else e_earned
    if achievable == 0:
        return None
    return round_half_up(earned / achievable * 100)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_full_answer_sets_score(path: Path) -> None:
    t = load(path)
    items = items_of(t)
    all_ok = {i["code"]: ("符合", []) for i in items}
    assert reference_score(t, all_ok) == 100.0
    all_bad = {i["code"]: ("不符合", []) for i in items}
    assert reference_score(t, all_bad) == 0.0
    all_na = {i["code"]: ("不涉及", []) for i in items}
    assert reference_score(t, all_na) is None
    # every deduction chosen once: each item never below zero, so the score stays within 0..100
    partial = {i["code"]: ("部分符合", [d["code"] for d in i["deductions"]]) for i in items}
    score = reference_score(t, partial)
    assert score is not None and 0.0 <= score <= 100.0
    # half the items not applicable, the rest full: still 100
    half = {i["code"]: ("不涉及" if n % 2 else "符合", []) for n, i in enumerate(items)}
    assert reference_score(t, half) == 100.0


# --- content checks specific to the three shipped templates ------------------------------------------


def by_id(template_id: str) -> Template:
    for p in PATHS:
        t = load(p)
        if t["id"] == template_id:
            return t
    pytest.skip(f"{template_id} not shipped")


def test_lookback_has_the_five_questions() -> None:
    t = by_id("lookback-2020")
    assert [e["code"] for e in t["elements"]] == ["A", "B", "C", "D", "E"]
    for element in t["elements"]:
        # C carries one 重大事故隐患 item per industry standard (工贸, 化工和危险化学品, 烟花爆竹)
        assert 5 <= len(element["items"]) <= (10 if element["code"] == "C" else 8), element["code"]
    vetoes = [i["veto"] for i in items_of(t)]
    assert vetoes.count("A") >= 1 and vetoes.count("B") >= 1


def test_review_quality_has_seven_points_and_conflict_vetoes() -> None:
    t = by_id("review-quality-2020")
    assert len(t["elements"]) == 7
    for element in t["elements"]:
        assert 2 <= len(element["items"]) <= 5, element["code"]
    for code in ("6", "7"):
        element = next(e for e in t["elements"] if e["code"] == code)
        assert any(i["veto"] for i in element["items"]), f"element {code} has no veto item"


def test_operation_audit_covers_gb33000() -> None:
    t = by_id("operation-audit-2020")
    elements = {e["code"]: e for e in t["elements"]}
    assert list(elements) == list(GB33000_ELEMENTS)
    for code, (title, subs) in GB33000_ELEMENTS.items():
        element = elements[code]
        assert element["title"] == title
        counts = {s: 0 for s in subs}
        for item in element["items"]:
            assert item["sub_element"] in counts, f"{item['code']}: unknown sub-element {item['sub_element']}"
            counts[item["sub_element"]] += 1
        assert all(1 <= n <= 3 for n in counts.values()), f"{code}: {counts}"
    assert sum(i["points"] for i in items_of(t)) == 1000
    assert any(i["sub_element"] == "绩效评定" for i in elements["5.8"]["items"])


# --- optional: the real schema and loader, once they land ---------------------------------------------


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_matches_json_schema(path: Path) -> None:
    if not SCHEMA_PATH.exists():
        pytest.skip("resources/templates/template.schema.json not present yet")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    jsonschema.validate(load(path), schema)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_project_loader_accepts(path: Path) -> None:
    if importlib.util.find_spec("inspector_app.domain.template") is None:
        pytest.skip("inspector_app.domain.template not present yet")
    module = importlib.import_module("inspector_app.domain.template")
    load_template = getattr(module, "load_template", None)
    if load_template is None:
        pytest.skip("inspector_app.domain.template.load_template not present yet")
    assert load_template(path) is not None


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_b_veto_zeroes_only_its_element(path: Path) -> None:
    t = load(path)
    total = sum(Decimal(str(i["points"])) for i in items_of(t))
    for element in t["elements"]:
        for item in element["items"]:
            if item.get("veto") != "B":
                continue
            answers = {i["code"]: ("符合", []) for i in items_of(t)}
            answers[item["code"]] = ("不符合", [])
            element_points = sum(Decimal(str(i["points"])) for i in element["items"])
            expected = round_half_up((total - element_points) / total * 100)
            assert reference_score(t, answers) == expected, item["code"]
