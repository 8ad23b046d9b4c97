"""Print the five documents of one inspection, made the way it happens, to PDF and page PNGs.

    .venv/bin/python scripts/screenshots_documents.py [OUT]        (default /tmp/inspector-documents)

Builds two workspaces in a temporary folder – the office's (市局) and an inspector's laptop – with
in-memory keyrings, and takes one inspection round the sync cycle through the operations the GUI and the
command line use (``services.ops``):

1. office and laptop exchange public key files and enrol each other;
2. the office imports its enterprise register (a CSV), assigns a look-back inspection to two
   enforcement officers and an expert, and exports the assignment bundle;
3. the laptop imports it, answers the checklist (the items that apply), records three hazards – one
   to remove at once, one with a deadline, a 重大 one with on-site measures – adds a photo, collects the
   signatures, completes the inspection and prints the 现场检查记录, the 评分表, the 责令限期整改指令书 and the
   现场处理措施决定书; then it exports the result bundle;
4. the office imports it (an inspector's bundle may carry only inspections assigned to its signer),
   accepts it, enters the re-check visit with each item's result and prints the 整改复查意见书, which
   names the order by the number the laptop issued.

Each PDF is turned into page PNGs by ``pdftoppm`` (poppler-utils) at ``--dpi`` (110: about 1:1 on a
laptop screen): ``OUT/<kind>.pdf`` and ``OUT/<kind>-<page>.png`` for kind = record, scoresheet, order,
measures, recheck. Everything runs offscreen; the people and the enterprise are fictional.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PIL import Image, ImageDraw

from inspector_app.bundle.signing import PublicKeyFile
from inspector_app.domain import uscc
from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus
from inspector_app.domain.scoring import Answer
from inspector_app.reports import SheetKind
from inspector_app.secrets import InMemoryKeyring
from inspector_app.services.inspections import PersonSpec
from inspector_app.services.ops import enterprises as enterprise_ops
from inspector_app.services.ops import evidence as evidence_ops
from inspector_app.services.ops import inspections as inspection_ops
from inspector_app.services.ops import review as review_ops
from inspector_app.services.ops import sheets as sheet_ops
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.ops import workspace as workspace_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.services.queries.editor import load_snapshot
from inspector_app.services.queries.enterprises import enterprise_rows
from inspector_app.storage.engine import Workspace, open_workspace

KINDS: tuple[SheetKind, ...] = ("record", "scoresheet", "order", "measures", "recheck")
OFFICE, OFFICE_USER = "常州市应急管理局", "科长（演示）"
INSPECTOR = ("陈示范", "苏应急执法32040001")
# two 行政执法人员 and an assisting 评审专家 (who signs the score sheet, not the enforcement documents)
TEAM: list[PersonSpec] = [INSPECTOR, ("林演示", "苏应急执法32040017"), ("郑专家", "苏评审2019-0918", "expert")]
RECHECK_TEAM = [INSPECTOR, ("周样例", "苏应急执法32040052")]
ENTERPRISE = {
    "企业名称": "常州恒达机械制造有限公司", "统一社会信用代码": uscc.make_code("9", "1", "320412", "MA1W2X3Y4"),
    "地址": "常州市武进区湖塘镇示范路 88 号", "辖市区": "武进区", "行业": "机械", "证书等级": "三级",
    "证书编号": "AQB3204JX2019001", "发证日期": f"{date.today().year - 2}-05-20",
    "有效期至": f"{date.today().year + 1}-05-19",
    "法定代表人": "王样例", "联系人": "刘演示", "联系电话": "0519-86000000",
}
SETTINGS = {"authority_name": OFFICE, "authority_short": "常", "government_name": "常州市人民政府",
            "superior_authority": "江苏省应急管理厅", "court_name": "常州市天宁区人民法院"}
STROKE = [[[0.0, 10.0], [12.0, 0.0], [24.0, 14.0], [40.0, 2.0], [58.0, 12.0]]]


def say(text: str) -> None:
    print(text, flush=True)


def exchange_keys(office: Workspace, field: Workspace, tmp: Path) -> tuple[InMemoryKeyring, InMemoryKeyring]:
    """Both sides' roles and key files; each enrols the other's (as after comparing fingerprints)."""
    office_keys, field_keys = InMemoryKeyring(), InMemoryKeyring()
    sync_ops.set_role(office, "office", OFFICE_USER)
    sync_ops.set_role(field, "inspector", INSPECTOR[0])
    office_file = sync_ops.export_public_key(office, tmp / "office.inspkey", keyring=office_keys, name=OFFICE)
    field_file = sync_ops.export_public_key(field, tmp / "field.inspkey", keyring=field_keys, name=INSPECTOR[0])
    sync_ops.enrol_key(office, PublicKeyFile.parse((tmp / "field.inspkey").read_text("utf-8")), OFFICE_USER)
    sync_ops.enrol_key(field, PublicKeyFile.parse((tmp / "office.inspkey").read_text("utf-8")), INSPECTOR[0])
    say(f"keys: office {office_file.fingerprint[:16]}…, laptop {field_file.fingerprint[:16]}… enrolled both ways")
    return office_keys, field_keys


def assign(office: Workspace, tmp: Path) -> int:
    register = tmp / "企业名录.csv"
    with register.open("w", encoding="utf-8-sig", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=list(ENTERPRISE))
        writer.writeheader()
        writer.writerow(ENTERPRISE)
    enterprise_ops.import_register(office, register)
    enterprise_id = next(r["id"] for r in enterprise_rows(office) if r["uscc"] == ENTERPRISE["统一社会信用代码"])
    assigned = inspection_ops.assign(office, enterprise_id, "lookback-2020", TEAM, OFFICE_USER,
                                     due_date=date.today() + timedelta(days=30))
    for warning in assigned.warnings:
        say(f"  assignment warning: {warning}")
    return assigned.value


def inspect(field: Workspace, inspection_id: int, photo: Path) -> None:
    """What the officers do on site: answers, hazards, a photo, signatures, completion."""
    who = INSPECTOR[0]
    snapshot = load_snapshot(field, inspection_id)
    applicable = [item for item in snapshot.template.items
                  if snapshot.answers.get(item.code) is None or snapshot.answers[item.code].result != "不涉及"]
    answers: dict[str, Answer] = {item.code: Answer("符合") for item in applicable}
    by_code = {item.code: item for item in applicable}
    wanting = {  # item → (result, deduction clauses, note): the record lists them, the score sheet scores them
        "A.2": ("部分符合", (("A.2-3", 2),), "生产部、仓储部 2026 年上半年目标考核记录缺失"),
        "B.1": ("部分符合", (("B.1-2", 1),), "法规清单未收录 2021 年修正的《安全生产法》"),
        "C.2": ("不符合", (("C.2-1", 1),), "喷漆房、危化品库未开展风险评估分级，未见管控措施清单"),
        # an open 重大 hazard: this veto item cannot be 符合 (services.completion)
        "C.8": ("不符合", (("C.8-1", 1),), "危化品库可燃气体报警装置损坏、照明非防爆型，判定为重大事故隐患"),
    }
    for code, (result, deductions, note) in wanting.items():
        if code in by_code:
            answers[code] = Answer(result, deductions=tuple(d for d in deductions
                                                            if d[0] in {r.code for r in by_code[code].deductions}),
                                   note=note)
    inspection_ops.set_answers(field, inspection_id, list(answers.items()), who)
    # the visit took the morning: it started two and a half hours before the answers were all in
    end = datetime.now().replace(second=0, microsecond=0)
    inspection_ops.update_header(field, inspection_id, who, started_at=end - timedelta(hours=2, minutes=30),
                                 ended_at=end, rep_title="总经理")
    day = (end - timedelta(hours=2, minutes=30)).date()
    inspection_ops.add_finding(field, inspection_id, who, description="二号车间消防通道堆放纸箱、托盘，通道宽度不足 1 米",
                               requirement="立即清理，保持消防通道畅通", responsible_person="刘演示")
    inspection_ops.add_finding(field, inspection_id, who, item_code="C.2",
                               description="喷漆房防爆风机接线盒盖板缺失，电缆引入口未密封",
                               requirement="更换防爆接线盒盖板，电缆引入口按防爆要求密封", deadline=day + timedelta(days=15),
                               responsible_person="设备科 张样例")
    major = inspection_ops.add_finding(
        field, inspection_id, who, severity="重大", item_code="C.8",
        description="危化品库（油漆、稀释剂）可燃气体报警装置损坏，库内照明非防爆型",
        requirement="停止使用危化品库，撤出库内作业人员；修复可燃气体报警装置并更换为防爆灯具，经检测合格后报本局审查",
        deadline=day + timedelta(days=10), responsible_person="安全科 刘演示", measures=["evacuate", "stop_use"])
    added = evidence_ops.add_photos(field, inspection_id, [photo], who, item_code="C.8", finding_id=major.value)
    for name, reason in added.rejected:
        say(f"  photo {name} rejected: {reason}")
    for name, *_ in TEAM:
        evidence_ops.save_signature(field, inspection_id, "inspector", name, STROKE, who)
    evidence_ops.save_signature(field, inspection_id, "enterprise_rep", ENTERPRISE["法定代表人"], STROKE, who)
    try:
        inspection_ops.complete(field, inspection_id, who)
    except inspection_ops.IncompleteError as exc:
        raise SystemExit("cannot complete: " + "；".join(m.message for m in exc.missing)) from exc


def recheck(office: Workspace, inspection_id: int) -> None:
    """The re-check visit after the deadlines: one item rectified, the 重大 hazard not yet."""
    snapshot = load_snapshot(office, inspection_id)
    started = snapshot.header.get("started_at")
    start = started if isinstance(started, datetime) else datetime.now()
    visit = start.replace(hour=9, minute=30, second=0, microsecond=0) + timedelta(days=16)
    for row in snapshot.findings:
        if row.deadline is None:
            continue
        finding_id = snapshot.finding_ids[row.key]
        inspection_ops.set_finding_status(office, finding_id, FindingStatus.RECTIFIED, OFFICE_USER, "企业书面报告已整改")
        if row.severity == "重大":
            inspection_ops.set_finding_status(office, finding_id, FindingStatus.FAILED, OFFICE_USER,
                                              "报警装置已修复，库内仍有两盏非防爆灯具未更换")
        else:
            inspection_ops.set_finding_status(office, finding_id, FindingStatus.PASSED, OFFICE_USER,
                                              "已更换防爆接线盒盖板，引入口已密封")
    # (the results are stamped "now", the visit lies after the deadlines: only the visit's time is printed)
    sheet_ops.set_recheck(office, inspection_id, visit, RECHECK_TEAM, OFFICE_USER,
                          opinion="一般隐患已整改合格；重大事故隐患未整改完毕，危化品库继续停止使用。")


def to_png(pdf: Path, out: Path, kind: str, dpi: int) -> list[Path]:
    for old in out.glob(f"{kind}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(out / kind)], check=True)
    return sorted(out.glob(f"{kind}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def make_photo(path: Path) -> None:
    image = Image.new("RGB", (1600, 1200), (92, 104, 112))
    draw = ImageDraw.Draw(image)
    draw.rectangle((180, 140, 1420, 1060), fill=(170, 160, 140), outline=(40, 40, 40), width=8)
    for x in range(260, 1400, 230):
        draw.rectangle((x, 260, x + 150, 900), fill=(120, 40, 30), outline=(20, 20, 20), width=4)
    draw.ellipse((700, 60, 900, 200), fill=(240, 230, 120))
    image.save(path, "JPEG", quality=88)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=Path(tempfile.gettempdir()) / "inspector-documents",
                        help="folder for the PDFs and page PNGs (default: %(default)s)")
    parser.add_argument("--dpi", type=int, default=110, help="resolution of the page PNGs (default: %(default)s)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary workspaces (their path is printed)")
    args = parser.parse_args()
    if shutil.which("pdftoppm") is None:
        parser.error("pdftoppm is missing: install poppler-utils (scripts/bootstrap.sh does)")
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix="inspector-documents-"))
    office, field = open_workspace(tmp / "office"), open_workspace(tmp / "laptop")
    try:
        for ws, actor in ((office, OFFICE_USER), (field, INSPECTOR[0])):
            for key, value in SETTINGS.items():
                workspace_ops.set_setting(ws, key, value, actor)
        office_keys, field_keys = exchange_keys(office, field, tmp)
        office_id_ = sync_ops.load_identity(office, office_keys, name=OFFICE)
        field_id_ = sync_ops.load_identity(field, field_keys, name=INSPECTOR[0])

        office_inspection = assign(office, tmp)
        sent = sync_ops.export_bundle(office, office_id_, tmp / "assignment.inspbundle")
        say(f"office → laptop: {sent.path.name}, {len(sent.inspections)} inspection(s), sequence {sent.sequence}")
        report = sync_ops.import_bundle(field, sent.path)
        if report.status != "imported":
            raise SystemExit(f"the laptop refused the assignment: {report.code} {report.reason}")
        uid = next(u for i, u, _ in sent.inspections if i == office_inspection)
        field_inspection = sync_queries.inspections_by_uid(field, [uid])[uid][0]

        photo = tmp / "危化品库.jpg"
        make_photo(photo)
        inspect(field, field_inspection, photo)
        pdfs: dict[str, Path] = {}
        for kind in KINDS[:4]:
            printed = sheet_ops.print_sheet(field, field_inspection, kind, out / f"{kind}.pdf", INSPECTOR[0]).value
            pdfs[kind] = out / f"{kind}.pdf"
            say(f"laptop printed {kind}: {printed.pages} page(s), code {printed.code}")
        back = sync_ops.export_bundle(field, field_id_, tmp / "result.inspbundle", inspection_ids=[field_inspection])
        say(f"laptop → office: {back.path.name}, {len(back.inspections)} inspection(s)")
        report = sync_ops.import_bundle(office, back.path)
        if report.status != "imported":
            raise SystemExit(f"the office refused the result: {report.code} {report.reason}")
        status = load_snapshot(office, office_inspection).status
        say(f"office received it: {status.value}")
        if status == InspectionStatus.RECEIVED:
            review_ops.accept(office, office_inspection, OFFICE_USER)
        recheck(office, office_inspection)
        printed = sheet_ops.print_sheet(office, office_inspection, "recheck", out / "recheck.pdf", OFFICE_USER).value
        pdfs["recheck"] = out / "recheck.pdf"
        say(f"office printed recheck: {printed.pages} page(s), code {printed.code}")

        for kind in KINDS:
            for page in to_png(pdfs[kind], out, kind, args.dpi):
                say(str(page))
    finally:
        office.close()
        field.close()
        if args.keep:
            say(f"workspaces kept in {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
