"""Realistic demo data for a Changzhou workspace: enterprises with valid USCCs in every district,
inspectors, assignments and inspections in every state, with answers and findings.

Everything agrees with the 2020 look-back (常应急函〔2020〕8号): certificates issued 2017–2019 and valid
on the inspection date, inspections between February and June 2020, deadlines after the inspection,
signatures at its end, re-checks after the deadlines. The people are plainly fictional (示范, 演示, 样例…:
never a real official's name); every inspection has two enforcement officers (行政执法人员), and an expert
(评审专家) assists on every operation-quality audit and on some look-backs."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from io import BytesIO

from PIL import Image, ImageDraw
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from inspector_app.demo.registers import CONSULT_ORGS, REVIEW_ORGS, build_registers, record_decisions
from inspector_app.demo.timeline import backdate
from inspector_app.domain import uscc
from inspector_app.domain.fit import template_fit
from inspector_app.domain.lifecycle import FindingStatus, InspectionStatus
from inspector_app.domain.plausibility import find_area, shipped_regions
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.domain.scoring import Answer
from inspector_app.domain.template import CONFORM, NONCONFORM, NOT_APPLICABLE, PARTIAL, Item, Template
from inspector_app.photos.store import PhotoStore
from inspector_app.services import completion, findings, inspections, photos, signatures, workspace_meta
from inspector_app.services.changes import ChangeKind, Changes
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.templates import latest_templates, sync_shipped_templates, template_of
from inspector_app.services.unit import unit_of_work
from inspector_app.storage.engine import Workspace
from inspector_app.storage.models import EXPERT, Enterprise, Inspection, TemplateRecord
from inspector_app.translation import _

# District → (administrative region code, towns/streets for addresses)
DISTRICTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "溧阳市": ("320481", ("溧城街道", "埭头镇", "上黄镇", "戴埠镇", "天目湖镇", "别桥镇")),
    "金坛区": ("320413", ("金城镇", "儒林镇", "直溪镇", "朱林镇", "薛埠镇", "指前镇")),
    "武进区": ("320412", ("湖塘镇", "牛塘镇", "洛阳镇", "遥观镇", "横林镇", "前黄镇", "礼嘉镇", "雪堰镇")),
    "新北区": ("320411", ("三井街道", "龙虎塘街道", "春江街道", "孟河镇", "新桥街道", "罗溪镇", "西夏墅镇")),
    "天宁区": ("320402", ("天宁街道", "茶山街道", "青龙街道", "雕庄街道", "郑陆镇")),
    "钟楼区": ("320404", ("五星街道", "永红街道", "北港街道", "西林街道", "邹区镇")),
    "常州经开区": ("320491", ("戚墅堰街道", "丁堰街道", "潞城街道", "横山桥镇", "遥观镇")),
}
INDUSTRIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("机械", ("通用机械", "汽车零部件", "电机", "轴承", "工程机械"), ("机械制造", "精密机械", "动力设备", "传动科技")),
    ("轻工", ("家具", "塑料制品", "包装印刷", "食品加工"), ("家居", "塑业", "包装", "食品")),
    ("纺织", ("织造", "印染", "服装"), ("纺织", "印染", "服饰")),
    ("建材", ("水泥制品", "玻璃", "新型墙材"), ("建材", "新材料", "玻璃")),
    ("冶金", ("钢压延", "铸造"), ("钢铁", "铸造", "金属制品")),
    ("有色", ("铝加工", "铜加工"), ("铝业", "铜业")),
    ("危险化学品", ("储存经营", "使用"), ("化工贸易", "气体")),
    ("化工（含石化）", ("精细化工", "涂料"), ("化工", "涂料", "新材料科技")),
    ("医药", ("原料药", "制剂"), ("药业", "生物医药")),
    ("商贸", ("仓储物流", "商场"), ("物流", "商贸")),
)
WORDS = ("恒达", "华盛", "金诚", "创新", "宏远", "天成", "永鑫", "瑞丰", "中科", "东方", "润泽", "嘉和", "卓越",
         "江南", "龙城", "新世纪", "博瑞", "鼎盛", "汇丰", "华晨", "富源", "光明", "长江", "万达", "正大", "腾飞")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
GIVEN = ("伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华",
         "国强", "志刚", "海燕", "晓东", "雪梅", "立新", "春燕", "文斌", "红霞")
# (name, certificate number): enforcement officers hold a 执法证, experts a 评审员证 (OFFICER / EXPERT roles).
OFFICERS = (("陈示范", "苏应急执法32040001"), ("林演示", "苏应急执法32040017"), ("周样例", "苏应急执法32040052"),
            ("吴示例", "苏应急执法32040068"))
EXPERTS = (("郑专家", "苏评审2019-0918"), ("冯专家", "苏评审2018-0233"), ("何专家", "苏评审2019-1012"))
INSPECTORS = OFFICERS + EXPERTS
CAMPAIGN_START = date(2020, 2, 10)  # the week after 苏应急电〔2020〕3号 was forwarded
CAMPAIGN_END = date(2020, 6, 19)  # before the districts' second report (6月26日)
HAZARDS = (
    ("配电箱门未关闭，内部线路裸露", "立即关闭配电箱并整理线路，加装防护罩", "一般"),
    ("冲压机光电保护装置失效", "修复或更换光电保护装置，验证有效后方可使用", "一般"),
    ("有限空间作业未实行审批，无监护人", "建立有限空间作业审批制度，配备检测仪器和监护人员", "重大"),
    ("粉尘涉爆区域除尘系统未设置泄爆装置", "按 GB 15577 要求设置泄爆、隔爆装置", "重大"),
    ("消防通道堆放杂物", "立即清理消防通道，保持畅通", "一般"),
    ("危化品仓库未设置可燃气体报警器", "安装可燃气体检测报警装置并与排风联锁", "重大"),
    ("行车吊钩防脱钩装置缺失", "加装防脱钩装置并定期检查", "一般"),
    ("安全教育培训记录不全，新员工未经三级教育上岗", "补齐三级安全教育并建立培训档案", "一般"),
    ("应急预案未组织演练", "按预案组织演练并评估改进", "一般"),
    ("叉车司机无特种作业证", "停止无证人员作业，组织取证", "一般"),
)


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def demo_enterprise(rng: random.Random, index: int) -> EnterpriseData:
    district = rng.choice(list(DISTRICTS))
    region, towns = DISTRICTS[district]
    industry, subs, suffixes = rng.choice(INDUSTRIES)
    org_code = "".join(rng.choice(uscc.CHARSET) for _ in range(8)) + rng.choice("0123456789")
    code = uscc.make_code("9", "1", region, org_code)
    short = district.replace("市", "").replace("区", "").replace("常州经开", "常州")
    name = f"{'常州' if rng.random() < 0.6 else short}{rng.choice(WORDS)}{rng.choice(suffixes)}有限公司"
    grade = rng.choices(("三级", "二级", "小微"), weights=(70, 18, 12))[0]
    # valid for three years: issued after mid-2017, so the certificate is still valid in June 2020
    issued = date(2017, 7, 1) + timedelta(days=rng.randrange(0, 900))
    return EnterpriseData(
        name=name,
        uscc=code,
        address=f"常州市{district}{rng.choice(towns)}{rng.choice(('工业园', '科技路', '长虹路', '龙锦路'))}"
                f"{rng.randrange(1, 300)}号",
        district=district, industry=industry, sub_speciality=rng.choice(subs), cert_grade=grade,
        cert_number=f"AQB{region[:4]}{'JX' if industry == '机械' else 'QT'}{issued.year}{index:04d}",
        cert_issued=issued, cert_expires=issued.replace(year=issued.year + 3) - timedelta(days=1),
        scoring_standard="GB/T 33000-2016 及江苏省工贸行业评分细则" if issued.year >= 2017 else "AQ/T 9006-2010",
        review_org=rng.choice(REVIEW_ORGS), consulting_org=rng.choice(CONSULT_ORGS),
        legal_rep=person(rng), contact_person=person(rng),
        contact_phone=f"1{rng.choice('35789')}{rng.randrange(10**8, 10**9)}",
    )


def _applies(item: Item, industry: str) -> bool:
    return item.applies_to(industry) is not False


def _answers(rng: random.Random, template: Template, industry: str, fraction: float, quality: float,
             major: bool) -> dict[str, Answer]:
    """Answers as an inspector would give them: 不涉及 only where the item allows it, deductions by the
    ordinary (non-veto) clauses, and the 重大事故隐患 items failed exactly when a 重大 hazard is recorded."""
    chosen = {}
    for item in template.items:
        if rng.random() > fraction or not _applies(item, industry):
            continue
        roll = rng.random()
        ordinary = [rule for rule in item.deductions if not rule.veto]
        if item.major_hazard:
            chosen[item.code] = Answer(NONCONFORM, note="存在重大事故隐患，见隐患登记") if major else Answer(CONFORM)
        elif roll < 0.04 and item.na_allowed:
            chosen[item.code] = Answer(NOT_APPLICABLE)
        elif roll < quality:
            chosen[item.code] = Answer(CONFORM)
        elif roll < quality + (1 - quality) * 0.7 and ordinary:
            rule = rng.choice(ordinary)
            times = rng.randint(1, rule.max_times)
            chosen[item.code] = Answer(PARTIAL, ((rule.code, times),), note="现场抽查发现问题，已告知企业")
        else:
            chosen[item.code] = Answer(NONCONFORM, note="资料缺失，现场未能提供")
    return chosen


def _fits(record: TemplateRecord, enterprise: Enterprise) -> bool:
    """Whether the template is for the enterprise's grade and industry: the rule assignment applies."""
    return template_fit(template_of(record), cert_grade=enterprise.cert_grade or "",
                        industry=enterprise.industry or "").fits


def demo_signature(rng: random.Random) -> list[list[list[float]]]:
    """A plausible handwritten scribble: a few pen strokes of wavy lines, (x, y, t, pressure)."""
    strokes = []
    x0, t = 10.0, 0.0
    for _stroke in range(rng.randint(2, 4)):
        points = []
        amplitude, freq = rng.uniform(8, 20), rng.uniform(0.15, 0.35)
        for step in range(rng.randint(14, 30)):
            t += 0.015
            x = x0 + step * rng.uniform(2.5, 4.0)
            y = 40 + amplitude * math.sin(step * freq * math.pi) + rng.uniform(-2, 2)
            points.append([round(x, 1), round(y, 1), round(t, 3), round(rng.uniform(0.4, 0.9), 2)])
        strokes.append(points)
        x0 = points[-1][0] + rng.uniform(6, 14)
    return strokes


CITY_CENTRE = (31.78, 119.95)  # 常州 (WGS-84)


def demo_site(district: str, key: int) -> tuple[float, float]:
    """Where a demo enterprise stands: inside its district's box (resources/geo), placed by ``key`` (no
    random numbers drawn, so the rest of the demo stays as it was), so that its photos pass the
    plausibility rules (domain/plausibility.py) as real ones taken on site would."""
    found = find_area(shipped_regions(), district)
    if found is None:
        return CITY_CENTRE
    south, west, north, east = found[1].box
    fx, fy = 0.3 + 0.4 * ((key * 0.618034) % 1), 0.3 + 0.4 * ((key * 0.414214) % 1)  # the box's middle part
    return south + (north - south) * fy, west + (east - west) * fx


def demo_photo(rng: random.Random, caption: str, taken: datetime, site: tuple[float, float] = CITY_CENTRE) -> bytes:
    """A synthetic site photo (JPEG with EXIF capture time, camera and a GPS fix within about 50 m of
    ``site``)."""
    width, height = 1024, 768
    base = (rng.randrange(90, 160), rng.randrange(90, 150), rng.randrange(80, 140))
    image = Image.new("RGB", (width, height), base)
    draw = ImageDraw.Draw(image)
    for _block in range(14):  # machinery-like blocks and pipes
        x, y = rng.randrange(0, width - 200), rng.randrange(0, height - 150)
        shade = tuple(max(0, min(255, c + rng.randrange(-60, 60))) for c in base)
        draw.rectangle((x, y, x + rng.randrange(60, 300), y + rng.randrange(40, 200)), fill=shade)
    draw.line((0, height * 0.7, width, height * 0.65), fill=(230, 200, 40), width=14)
    exif = Image.Exif()
    exif[0x010F], exif[0x0110] = "HUAWEI", "Mate 30 Pro"
    exif.get_ifd(0x8769)[0x9003] = taken.strftime("%Y:%m:%d %H:%M:%S")
    lat, lon = site[0] + rng.uniform(-0.2, 0.2) / 500, site[1] + rng.uniform(-0.25, 0.25) / 500

    def dms(value: float) -> tuple[float, float, float]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        return (float(degrees), float(minutes), round(((value - degrees) * 60 - minutes) * 60, 2))

    exif.get_ifd(0x8825).update({1: "N", 2: dms(lat), 3: "E", 4: dms(lon)})
    buffer = BytesIO()
    image.save(buffer, "JPEG", quality=80, exif=exif.tobytes())
    return buffer.getvalue()


def _short(text: str, limit: int = 28) -> str:
    first = text.split("，")[0].split("；")[0]
    return first if len(first) <= limit else first[: limit - 1] + "…"


def _photograph_failures(session: Session, store: PhotoStore, rng: random.Random, inspection: Inspection,
                         template: Template, answers: dict[str, Answer], actor: str) -> None:
    assert inspection.started_at is not None
    site = demo_site(inspection.enterprise.district, inspection.enterprise_id)
    for n, item in enumerate(template.items):
        answer = answers.get(item.code)
        if item.require_photo_on_fail and answer is not None and answer.result in (NONCONFORM, PARTIAL):
            taken = inspection.started_at + timedelta(minutes=10 + n * 3)
            photos.add_photo_bytes(session, store, inspection.id, demo_photo(rng, item.text, taken, site),
                                   f"IMG_{taken:%Y%m%d_%H%M%S}.jpg", actor, item_code=item.code,
                                   caption=f"{item.code} 现场问题：{_short(item.text)}")


def _sign_all(session: Session, store: PhotoStore | None, rng: random.Random, inspection: Inspection,
              actor: str) -> None:
    """Signatures of the officers and experts and of the enterprise's representative (or a recorded
    refusal), made at the end of the inspection."""
    assert inspection.ended_at is not None
    at = inspection.ended_at - timedelta(minutes=10)
    for person in inspection.inspectors:
        signatures.save_signature(session, store, inspection.id, "inspector", person.name, demo_signature(rng), actor,
                              signed_at=at)
    if rng.random() < 0.05:
        signatures.record_refusal(session, store, inspection.id, inspection.rep_name or "现场负责人",
                              "企业负责人对隐患认定有异议，拒绝签字", actor, witness_name="村委会 王见证",
                              witness_strokes=demo_signature(rng), signed_at=at + timedelta(minutes=5))
    else:
        signatures.save_signature(session, store, inspection.id, "enterprise_rep",
                              inspection.rep_name or "现场负责人", demo_signature(rng), actor,
                              signed_at=at + timedelta(minutes=5))


def _people(session: Session, actor: str) -> None:
    """The demo's officers and experts, each with the role of the certificate they hold."""
    for name, cert in INSPECTORS:
        inspections.find_or_create_inspector(session, name, cert, actor=actor)
    session.flush()
    for _name, cert in EXPERTS:
        signatures.set_role(session, cert, EXPERT, actor)


def _team(rng: random.Random, template_id: str) -> list[tuple[str, str]]:
    """Two enforcement officers, and an expert for an operation-quality audit and some look-backs."""
    team = rng.sample(OFFICERS, 2)
    if template_id.startswith("operation-audit") or (template_id.startswith("lookback") and rng.random() < 0.4):
        team.append(rng.choice(EXPERTS))
    return team


@dataclass(frozen=True)
class DemoResult:
    """What ``build`` added, and the changes to broadcast (a bulk change: every screen rereads)."""

    enterprises: int
    inspections: int
    findings: int
    changes: Changes


# Everything demo data touches; enterprises, inspections and their evidence are all new.
_DEMO_KINDS = (ChangeKind.ENTERPRISES, ChangeKind.ASSIGNMENTS, ChangeKind.STATUS, ChangeKind.ANSWERS,
               ChangeKind.FINDINGS, ChangeKind.PHOTOS, ChangeKind.SIGNATURES, ChangeKind.TEMPLATES,
               ChangeKind.SETTINGS, ChangeKind.REGISTERS)


def build(ws: Workspace, enterprises: int = 240, seed: int = 2020, actor: str = "演示数据",
          progress: Progress = no_progress, cancel: CancelToken | None = None) -> DemoResult:
    """The demo workspace as an operation: ``build_demo`` in one unit of work (all or nothing, also on
    cancellation), with signature images rendered into the workspace's photo store."""
    with unit_of_work(ws) as session:
        counts = build_demo(session, enterprises=enterprises, seed=seed, actor=actor, progress=progress,
                            cancel=cancel, store=photos.photo_store(ws.photo_dir))
    return DemoResult(counts["enterprises"], counts["inspections"], counts["findings"], Changes.bulk(*_DEMO_KINDS))


def build_demo(session: Session, enterprises: int = 240, seed: int = 2020, actor: str = "演示数据",
               progress: Progress = no_progress, cancel: CancelToken | None = None,
               store: PhotoStore | None = None) -> dict[str, int]:
    """Fill the workspace; the caller commits. Re-running adds nothing twice (USCCs are unique).
    With a photo ``store``, signature images are rendered into it; otherwise only strokes are kept."""
    rng = random.Random(seed)
    since = datetime.now().replace(microsecond=0) - timedelta(seconds=1)
    sync_shipped_templates(session)
    if not workspace_meta.get(session, "authority_name"):
        workspace_meta.set_value(session, "authority_name", "常州市应急管理局")
        workspace_meta.set_value(session, "authority_short", "常")
    records = {r.template_id: r for r in latest_templates(session)}
    lookback = records.get("lookback-2020") or next(iter(records.values()))
    _people(session, actor)
    made: list[Enterprise] = []
    for index in range(enterprises):
        if cancel is not None:
            cancel.raise_if_cancelled()
        record, created = upsert(session, demo_enterprise(rng, index))
        if created:
            made.append(record)
        progress(index + 1, enterprises * 2, _("正在生成演示企业…"))
    session.flush()
    demo_registers = build_registers(session, made, EXPERTS, seed=seed, actor=actor)  # organisations, reviewers…
    record_decisions(session, demo_registers.sanctions, actor)  # …the sanctions behind their statuses
    counts = {"enterprises": len(made), "inspections": 0, "findings": 0}
    assigned: list[Inspection] = []
    span = (CAMPAIGN_END - CAMPAIGN_START).days
    for n, enterprise in enumerate(made[: max(1, len(made) * 3 // 5)]):
        if cancel is not None:
            cancel.raise_if_cancelled()
        template_record: TemplateRecord = lookback
        audit = records.get("operation-audit-2020")
        if n % 9 == 4 and audit is not None and _fits(audit, enterprise):
            template_record = audit
        if not _fits(template_record, enterprise):
            continue  # e.g. a 小微 enterprise: not part of the look-back
        team = _team(rng, template_record.template_id)
        day = CAMPAIGN_START + timedelta(days=rng.randrange(0, span - 20))
        inspection = inspections.assign(session, enterprise, template_record, team, actor,
                                        due_date=day + timedelta(days=rng.randrange(7, 21)))
        inspection.assigned_at = datetime.combine(day - timedelta(days=rng.randrange(3, 10)), time(8, 30))
        counts["inspections"] += 1
        assigned.append(inspection)
        stage = rng.random()
        if stage < 0.3:
            continue  # assigned, not started
        officer = team[0][0]
        template = template_of(template_record)
        complete = stage >= 0.6
        quality = rng.choice((1.0, 1.0, rng.uniform(0.85, 0.97), rng.uniform(0.6, 0.9)))
        hazards = [rng.choice(HAZARDS) for _ in range(0 if quality == 1.0 else rng.choice((0, 1, 1, 2, 3)))]
        major = any(severity == "重大" for _, _, severity in hazards)
        answers = _answers(rng, template, enterprise.industry, 1.0 if complete else rng.uniform(0.2, 0.8), quality,
                           major)
        for code, answer in answers.items():
            inspections.set_answer(session, inspection, code, answer, officer)
        inspection.started_at = datetime.combine(day, time(9, rng.randrange(60)))
        inspection.rep_title = rng.choice(("总经理", "安全负责人", "厂长", "安全科长"))
        failed = [c for c, a in answers.items() if a.result in (NONCONFORM, PARTIAL)]
        majors = [i.code for i in template.items if i.major_hazard and i.code in answers]
        for description, requirement, severity in hazards:
            stop = severity == "重大" and rng.random() < 0.3  # cannot be made safe while it is removed
            item_code = rng.choice(majors) if severity == "重大" and majors else rng.choice(failed) if failed else ""
            findings.add(session, inspection, officer, description=description, severity=severity,
                         item_code=item_code, requirement=requirement, deadline=day + timedelta(days=rng.choice((7, 15, 30))),
                         responsible_person=enterprise.contact_person, measures="suspend,evacuate" if stop else "")
            counts["findings"] += 1
        if complete:
            inspection.ended_at = inspection.started_at + timedelta(hours=rng.randint(2, 5))
        if complete and store is not None:
            _photograph_failures(session, store, rng, inspection, template, answers, officer)
            _sign_all(session, store, rng, inspection, officer)
        if complete and not completion.missing_for_completion(session, inspection):
            completion.complete(session, inspection, officer)
            inspection.completed_at = inspection.ended_at  # completed on site, not when the demo was made
            _advance(session, rng, inspection, actor)
        elif complete:
            inspection.ended_at = None  # still at work
        progress(enterprises + n + 1, enterprises * 2, _("正在生成演示检查…"))
    for inspection in assigned:
        backdate(session, inspection, since)
    progress(1, 1, _("演示数据已生成"))
    return counts


def _advance(session: Session, rng: random.Random, inspection: Inspection, actor: str) -> None:
    roll = rng.random()
    if roll < 0.3:
        return
    inspections.set_status(session, inspection, InspectionStatus.EXPORTED, actor)
    if roll < 0.5:
        return
    inspections.set_status(session, inspection, InspectionStatus.RECEIVED, "市局审核员")
    if roll < 0.85:
        inspections.accept(session, inspection, "市局审核员")
        _recheck(session, rng, inspection, actor)
    else:
        inspections.return_for_correction(session, inspection, "市局审核员",
                                          "隐患描述不够具体，请补充现场照片后重新提交")


def _recheck(session: Session, rng: random.Random, inspection: Inspection, actor: str) -> None:
    """Rectification followed up: most hazards rectified and re-checked a few days after their deadline,
    by two officers on a visit of its own."""
    assert inspection.started_at is not None
    visit: datetime | None = None
    for finding in inspection.findings:
        if rng.random() < 0.85 and finding.deadline is not None:
            findings.set_status(session, finding, FindingStatus.RECTIFIED, actor)
            when = datetime.combine(finding.deadline + timedelta(days=rng.randint(1, 5)), time(14, 30))
            visit = max(visit or when, when)
            passed = rng.random() < 0.85
            findings.set_status(session, finding, FindingStatus.PASSED if passed else FindingStatus.FAILED, actor,
                                "现场复查已整改到位" if passed else "仍未整改到位", at=when)
    if visit is not None and all(f.rechecked_at is not None for f in inspection.findings if f.deadline):
        findings.set_recheck(session, inspection, visit, rng.sample(OFFICERS, 2), actor)


def is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Enterprise))


def fill_bulk(session: Session, enterprises: int, inspections_count: int, seed: int = 7) -> None:
    """A large workspace for benchmarks: enterprises and inspections with cached scores, no answers."""
    rng = random.Random(seed)
    sync_shipped_templates(session)
    template = latest_templates(session)[0]
    rows: list[dict[str, object]] = []
    seen: set[str] = set()
    while len(rows) < enterprises:
        data = demo_enterprise(rng, len(rows))
        if data.uscc in seen:
            continue
        seen.add(data.uscc)
        row = {k: getattr(data, k) for k in EnterpriseData.field_names()}
        row.update(uscc_override=False, created_at=datetime.now(), updated_at=datetime.now())
        rows.append(row)
    session.execute(insert(Enterprise), rows)
    ids = list(session.scalars(select(Enterprise.id)))
    statuses = [s.value for s in InspectionStatus]
    batch = []
    for i in range(inspections_count):
        score = round(rng.uniform(45, 98), 1)
        status = rng.choice(statuses)
        started = status != InspectionStatus.ASSIGNED.value  # nothing answered yet: no score, no conclusion
        batch.append({
            "uid": f"00000000-0000-4000-8000-{i:012d}", "enterprise_id": rng.choice(ids),
            "template_pk": template.pk, "status": status, "score": score if started else None,
            "grade": "",  # a look-back awards no grade (DOMAIN.md §4)
            "outcome": ("维持" if score >= 75 else ("限期整改" if score >= 60 else "建议摘牌")) if started else "",
            "answered": 40 if started else 0, "due_date": date(2026, 1, 1) + timedelta(days=rng.randrange(365)),
            "assigned_at": datetime(2026, 1, 1), "created_at": datetime(2026, 1, 1),
            "updated_at": datetime(2026, 1, 1), "revision": 1, "campaign_id": "jiangsu-changzhou-2020",
            "location": "", "rep_name": "",
            "rep_title": "", "rep_phone": "", "reviewer_comment": "",
        })
        if len(batch) == 5000:
            session.execute(insert(Inspection), batch)
            batch.clear()
    if batch:
        session.execute(insert(Inspection), batch)
