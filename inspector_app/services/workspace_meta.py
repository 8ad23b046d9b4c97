"""Workspace-level settings kept in the database (they travel with the workspace, not the user):
the issuing authority printed on sheets, the range of document serials this device issues, the
workspace's role (field / office)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.domain.errors import ValidationError, WorkspaceError
from inspector_app.storage.models import Meta
from inspector_app.storage.shared_store import check_folder
from inspector_app.translation import N_, _, listing

SERIAL_START, SERIAL_END = "number_serial_start", "number_serial_end"
LANGUAGE = "language"
LANGUAGE_VALUES = ("zh_CN", "en")
MAX_SERIAL = 10**9

# key → (description, example); the description is translated where it is shown (``description``)
KNOWN_KEYS: dict[str, tuple[str, str]] = {
    "authority_name": (N_("执法机关全称，印在检查记录抬头"), "常州市应急管理局"),
    "authority_short": (N_("文书编号中的机关简称，如（常）应急检记、（常武）应急责改"), "常"),
    # Named in the 行政复议 / 行政诉讼 sentences of the enforcement documents (resources/legal/texts.json).
    "government_name": (N_("本级人民政府（行政复议机关，2024-01-01 起）"), "常州市人民政府"),
    "superior_authority": (N_("上一级主管部门（2024 年前可向其申请行政复议）"), "江苏省应急管理厅"),
    "court_name": (N_("行政诉讼的人民法院"), "常州市天宁区人民法院"),
    # Where the office sits in the campaign's chain (services.campaigns.office): district / city / province.
    "level": (N_("本机关层级：district（辖市区）、city（设区市）或 province（省）"), "district"),
    "jurisdiction": (N_("本机关辖区，须在活动的辖区表中"), "常州市武进区"),
    "campaign": (N_("当前活动的编号（空：最新导入的活动）"), "jiangsu-changzhou-2020"),
    # The 摘牌 case's defence period after the 告知 is served (domain.delisting.DEFENCE_DAYS: default 3).
    "defence_days": (N_("摘牌案卷告知后的陈述申辩期限（日，1–60；留空为 3 日，告知书另定日期的以告知书为准）"), "3"),
    # Laptops that issue numbers offline under the same prefix each get their own range from the office
    # (docs/bundle-format.md §7, "Document numbers"); unset: 1 and no end.
    SERIAL_START: (N_("本机签发文书编号的起始序号（市局为每台设备分配互不重叠的编号段；留空为 1）"), "1001"),
    SERIAL_END: (N_("本机签发文书编号的结束序号（含；用完后拒绝签发；留空为不设上限）"), "1999"),
    # Evidence plausibility (domain/plausibility.py): when a photo gets a warning; empty = the default.
    "photo_days_before": (N_("照片拍摄时间早于检查开始超过此天数时提示（可为小数；留空为 2）"), "2"),
    "photo_distance_km": (N_("照片位置距本次检查其他照片的中心超过此距离（公里）时提示（留空为 2）"), "2"),
    "photo_region_margin_km": (N_("判断照片是否在辖区内时，辖区范围向外放宽的距离（公里；容纳手机 GCJ-02 坐标偏移和定位误差；"
                               "留空为 1）"), "1"),
    # An office on one shared database keeps photos and sheets in one shared folder (storage.shared_store);
    # a machine mounting it elsewhere names its path in the workspace folder's file shared_store.
    "shared_store": (N_("办公室共享文件夹（照片库与打印的检查文书；各监管人员电脑都能访问的完整路径，下次打开工作区起生效；"
                     "留空则存放在本机工作区文件夹）"), "/mnt/inspector-office"),
    # The command line's language (cli.language; the environment variable INSPECTOR_LANGUAGE overrides it).
    LANGUAGE: (N_("命令行的语言：zh_CN（中文，默认）或 en（English）；环境变量 INSPECTOR_LANGUAGE 优先"), "en"),
}


def description(key: str) -> str:
    """What a setting is for, in the interface language ("" for an unknown key)."""
    found = KNOWN_KEYS.get(key)
    return _(found[0]) if found else ""


def get(session: Session, key: str, default: str = "") -> str:
    row = session.get(Meta, key)
    return row.value if row is not None and row.value else default


def set_value(session: Session, key: str, value: str) -> None:
    if key not in KNOWN_KEYS:
        raise ValidationError(_("未知的工作区设置“{key}”，可用：{items}").format(key=key, items=listing(KNOWN_KEYS)))
    if key in (SERIAL_START, SERIAL_END) and value.strip():
        _serial(key, value)
    if key == "defence_days" and value.strip() and not (value.strip().isdigit() and 1 <= int(value.strip()) <= 60):
        raise ValidationError(_("工作区设置“defence_days”须为 1 至 60 的整数（或留空），而不是“{value}”").format(
            value=value.strip()))
    if key == LANGUAGE and value.strip() not in ("", *LANGUAGE_VALUES):
        raise ValidationError(_("工作区设置“language”须为 zh_CN 或 en（或留空），而不是“{value}”").format(
            value=value.strip()))
    if key.startswith("photo_") and value.strip():
        _non_negative(key, value)
    if key == "shared_store" and value.strip():
        try:
            check_folder(Path(value.strip()).expanduser(), "shared_store")
        except WorkspaceError as exc:
            raise ValidationError(str(exc)) from exc
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value.strip()))
    else:
        row.value = value.strip()


def all_values(session: Session) -> dict[str, str]:
    return {row.key: row.value for row in session.scalars(select(Meta).where(Meta.key.in_(KNOWN_KEYS)))}


def _serial(key: str, value: str) -> int:
    text = value.strip()
    if not text.isascii() or not text.isdigit() or not 1 <= int(text) <= MAX_SERIAL:
        raise ValidationError(_("工作区设置“{key}”须为 1 至 {max_serial} 的整数（或留空），而不是“{text}”").format(
            key=key, max_serial=MAX_SERIAL, text=text))
    return int(text)


def _non_negative(key: str, value: str) -> float:
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        number = -1.0
    if not 0 <= number <= 100_000:
        raise ValidationError(_("工作区设置“{key}”须为不小于 0 的数（或留空），而不是“{text}”").format(key=key, text=text))
    return number


def serial_range(session: Session) -> tuple[int, int | None]:
    """The document serials this device issues: ``number_serial_start`` (1 when not set) to
    ``number_serial_end`` inclusive (``None``: no end). Refuses a start after the end."""
    start_text, end_text = get(session, SERIAL_START).strip(), get(session, SERIAL_END).strip()
    start = _serial(SERIAL_START, start_text) if start_text else 1
    end = _serial(SERIAL_END, end_text) if end_text else None
    if end is not None and start > end:
        raise ValidationError(_("文书编号段设置有误：起始序号 {start} 大于结束序号 {end}（workspace set {serial_start} / {serial_end}）").format(
            start=start, end=end, serial_start=SERIAL_START, serial_end=SERIAL_END))
    return start, end
