"""``bundle show FILE``: what a bundle holds, for people (``--format text``, in the run's language) or for
programs (``--format json``, the same facts as data). Read from the verified bundle alone – no workspace:
who signed it (the key the bundle carries; whether it is trusted is ``bundle verify``'s question), its
kind, when it was made, how many records of each kind, the inspections with their enterprises and
statuses, the templates and campaigns by title and version, the files and their sizes.

Never a Python repr: every value is formatted here or given to ``json.dumps``."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from typing import Any

from inspector_app.bundle.bag_verify import VerifiedBundle
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.signing import format_fingerprint
from inspector_app.domain.lifecycle import InspectionStatus
from inspector_app.domain.template import shipped_templates
from inspector_app.translation import N_, _

KIND_LABELS = {Direction.OFFICE_TO_INSPECTOR: N_("机关下发给检查人员的数据包"),
               Direction.INSPECTOR_TO_OFFICE: N_("检查人员交回机关的数据包"),
               Direction.OFFICE_TO_PARENT: N_("报上级机关的汇总数据包")}
# data/records/<kind>/… → what people call that kind of record
RECORD_LABELS = {"inspections": N_("检查"), "enterprises": N_("企业"), "templates": N_("检查表"),
                 "campaigns": N_("活动"), "filed_reports": N_("报送的报告"), "offices": N_("下级机关的文书设置"),
                 "cases": N_("摘牌案卷")}
# data/<folder>/… → what people call those files
FILE_LABELS = {"photos/originals": N_("照片原件"), "photos/derived": N_("照片显示件与缩略图"),
               "signatures": N_("签名"), "sheets": N_("打印的文书"), "reports": N_("报告文件"),
               "cases": N_("案卷附件")}
NOTE = N_("只核对了数据包自带的密钥所作的签名；是否可信请用“bundle verify”检查")


def summary(bundle: VerifiedBundle) -> dict[str, Any]:
    """The structured summary (``--format json``): keys and codes stay English, labels follow the language."""
    h = bundle.header
    records = Counter(path.split("/")[2] for path in bundle.records)
    templates = [_template(rec) for _key, rec in bundle.records_of("templates")]
    titles = {(t["template_id"], t["version"]): t["title"] for t in templates}
    enterprises = {str(rec.get("uscc")): str(rec.get("name") or "") for _key, rec in bundle.records_of("enterprises")}
    files: list[dict[str, Any]] = [{"path": f.path, "kind": _file_kind(f.path), "size": f.size} for f in sorted(
        bundle.payload.values(), key=lambda f: f.path) if not f.path.startswith("data/records/")]
    totals: dict[str, dict[str, int]] = {}
    for f in files:
        total = totals.setdefault(str(f["kind"]), {"count": 0, "bytes": 0})
        total["count"] += 1
        total["bytes"] += int(f["size"])
    return {
        "bundle_id": h.bundle_id, "format_version": h.format_version,
        "kind": h.direction.value, "kind_label": _(KIND_LABELS[h.direction]),
        "created_at": h.created_at, "sequence": h.sequence,
        "signed_by": {"name": h.producer_name, "device_id": h.device_id,
                      "fingerprint": format_fingerprint(h.key_fingerprint)},
        "note": _(NOTE),
        "records": dict(sorted(records.items())),
        "inspections": [_inspection(rec, enterprises, titles) for _key, rec in bundle.records_of("inspections")],
        "templates": templates,
        "campaigns": [{"campaign_id": str(rec.get("campaign_id")), "version": str(rec.get("version")),
                       "title": _content_title(rec)} for _key, rec in bundle.records_of("campaigns")],
        "files": files, "file_totals": totals,
    }


def as_json(doc: dict[str, Any]) -> str:
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def as_text(doc: dict[str, Any]) -> str:
    """The summary as lines for people, in the run's language."""
    signer = doc["signed_by"]
    lines = [
        _("数据包 {bundle_id}").format(bundle_id=doc["bundle_id"]),
        _("  种类：{kind}").format(kind=doc["kind_label"]),
        _("  生成时间：{created_at}（序号 {sequence}，格式版本 {version}）").format(
            created_at=_moment(doc["created_at"]), sequence=doc["sequence"], version=doc["format_version"]),
        _("  签名人：{name}（设备 {device_id}）").format(name=signer["name"] or "?", device_id=signer["device_id"]),
        _("  密钥指纹：{fingerprint}").format(fingerprint=signer["fingerprint"]),
        "  " + doc["note"],
    ]
    if doc["records"]:
        lines.append(_("记录：") + _("、").join(
            _("{label} {count}").format(label=_(RECORD_LABELS.get(kind, kind)), count=count)
            for kind, count in doc["records"].items()))
    _section(lines, _("检查（{count}）：").format(count=len(doc["inspections"])), doc["inspections"], lambda i: _(
        "  {uid}  {enterprise}（{uscc}）  {status}  {template}  版本 {revision}").format(
        uid=i["uid"][:8], enterprise=i["enterprise"] or "?", uscc=i["uscc"], status=i["status_label"],
        template=i["template"], revision=i["revision"]))
    _section(lines, _("检查表（{count}）：").format(count=len(doc["templates"])), doc["templates"],
             lambda t: "  " + _titled(t["title"], t["version"]))
    _section(lines, _("活动（{count}）：").format(count=len(doc["campaigns"])), doc["campaigns"],
             lambda c: "  " + _titled(c["title"], c["version"]))
    if doc["files"]:
        total = sum(int(f["size"]) for f in doc["files"])
        lines.append(_("文件（{count} 个，共 {size}）：").format(count=len(doc["files"]), size=size_text(total)))
        for kind, t in doc["file_totals"].items():
            lines.append(_("  {label}：{count} 个，{size}").format(
                label=_(FILE_LABELS.get(kind, kind)), count=t["count"], size=size_text(t["bytes"])))
    return "\n".join(lines) + "\n"


def size_text(size: int) -> str:
    """Bytes as people read them: 812 B, 45.3 KB, 12.8 MB (1 KB = 1024 bytes)."""
    if size < 1024:
        return _("{size} B").format(size=size)
    if size < 1024 * 1024:
        return _("{size:.1f} KB").format(size=size / 1024)
    return _("{size:.1f} MB").format(size=size / (1024 * 1024))


def _section(lines: list[str], heading: str, rows: list[dict[str, Any]], line: Callable[[dict[str, Any]], str]) -> None:
    if rows:
        lines.append(heading)
        lines.extend(line(row) for row in rows)


def _template(rec: dict[str, Any]) -> dict[str, str]:
    return {"template_id": str(rec.get("template_id")), "version": str(rec.get("version")),
            "title": _content_title(rec)}


def _content_title(rec: dict[str, Any]) -> str:
    """The title inside a template's or campaign's content (JSON text); "" when it has none."""
    try:
        content = json.loads(str(rec.get("content") or "{}"))
    except ValueError:
        return ""
    title = content.get("title") if isinstance(content, dict) else None
    return title if isinstance(title, str) else ""


def _inspection(rec: dict[str, Any], enterprises: dict[str, str], titles: dict[tuple[str, str], str]
                ) -> dict[str, Any]:
    uscc = str(rec.get("enterprise_uscc") or "")
    found = rec.get("template")
    template: dict[str, Any] = found if isinstance(found, dict) else {}
    key = (str(template.get("template_id")), str(template.get("version")))
    title = titles.get(key) or _shipped_titles().get(key, "")
    status = str(rec.get("status") or "")
    try:
        label = _(InspectionStatus(status).label)
    except ValueError:
        label = status
    return {"uid": str(rec.get("uid") or ""), "revision": rec.get("revision"), "enterprise": enterprises.get(uscc, ""),
            "uscc": uscc, "status": status, "status_label": label,
            "template": _titled(title, key[1]) if title else "@".join(key), "template_id": key[0],
            "template_version": key[1]}


_SHIPPED: dict[tuple[str, str], str] = {}


def _shipped_titles() -> dict[tuple[str, str], str]:
    """Titles of the templates shipped with the program (an inspector's bundle does not carry them)."""
    if not _SHIPPED:
        _SHIPPED.update({(t.id, t.version): t.title for t in shipped_templates()})
    return _SHIPPED


def _titled(title: str, version: str) -> str:
    return _("{title}（{version} 版）").format(title=title, version=version) if title else version


def _moment(text: str) -> str:
    """2026-11-25T10:00:00Z → 2026-11-25 10:00:00 UTC."""
    return text.replace("T", " ").replace("Z", " UTC") if text else "?"


def _file_kind(path: str) -> str:
    parts = path.split("/")
    return "/".join(parts[1:3]) if parts[1] == "photos" else parts[1]
