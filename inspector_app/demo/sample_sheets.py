"""Realistic sample sheets (fake signatures and photos made with Pillow) for tests, benchmarks,
screenshots and a GUI preview without a database."""

from __future__ import annotations

import dataclasses
import hashlib
import io
import random
from datetime import datetime, timedelta

from PIL import Image, ImageDraw

from inspector_app.reports.sheet_data import (
    Appeal,
    DocumentNumber,
    ElementResult,
    Finding,
    Inspector,
    ItemResult,
    Photo,
    RecheckInfo,
    ScoreSummary,
    SheetData,
    Signature,
    Subject,
)

_ELEMENTS = [
    ("A", "真创真运行", "机构和职责", "安全生产标准化工作机构已建立并实际运行，定期召开会议研究解决问题"),
    ("B", "按标准化要求开展安全管理", "规章制度", "安全生产规章制度和操作规程齐全，发放到岗位并组织学习"),
    ("C", "有效开展现场风险辨识和隐患排查", "隐患排查治理", "按计划开展隐患排查，隐患台账完整，整改闭环"),
    ("D", "通过标准化运行实现持续改进和提高", "持续改进", "根据绩效评定结果修订完善安全生产目标和制度"),
    ("E", "按要求开展标准化年度自评", "绩效评定", "每年至少开展一次自评，形成书面自评报告并向全员通报"),
]
_HAZARDS = [
    ("二号车间配电箱未上锁，箱门损坏，内部线路裸露", "立即修复箱门并加锁，裸露线路重新绝缘包扎，张贴警示标识"),
    ("危险化学品仓库未设置防爆型照明灯具", "更换为防爆型照明灯具，并经专业机构检测合格"),
    ("有限空间作业未执行审批制度，现场无监护人员", "完善有限空间作业审批流程，配备专职监护人员和检测仪器"),
    ("冲压设备安全光幕失效，双手按钮被短接", "恢复安全光幕和双手操作按钮功能，开展设备安全检查"),
    ("应急预案未按规定组织演练，演练记录缺失", "制定年度演练计划，三十日内组织一次综合演练并留存记录"),
]


def fake_png(text: str = "张示例", width: int = 360, height: int = 120, seed: int = 0) -> bytes:
    """A handwritten-looking signature: black strokes on a transparent background."""
    rng = random.Random(seed or text)
    img = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    x, y = 20, height // 2
    for _ in range(40):
        nx = min(width - 10, x + rng.randint(3, 14))
        ny = max(10, min(height - 10, y + rng.randint(-25, 25)))
        draw.line((x, y, nx, ny), fill=(10, 10, 60, 255), width=4)
        x, y = nx, ny
    return _png(img)


def _png(img: Image.Image) -> bytes:
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def fake_jpeg(number: int, width: int = 1600, height: int = 1200, quality: int = 80) -> bytes:
    """A display copy with a visible watermark stamp, like the evidence pipeline makes."""
    rng = random.Random(number)
    img = Image.new("RGB", (width, height), (rng.randint(60, 200), rng.randint(60, 200), rng.randint(60, 200)))
    draw = ImageDraw.Draw(img)
    for _ in range(30):
        x0, y0 = rng.randint(0, width), rng.randint(0, height)
        draw.rectangle((x0, y0, x0 + rng.randint(40, 400), y0 + rng.randint(40, 300)),
                       fill=(rng.randint(0, 255), rng.randint(0, 255), rng.randint(0, 255)))
    draw.rectangle((0, height - 90, width, height), fill=(0, 0, 0))
    draw.text((20, height - 80), f"PHOTO {number}  2020-03-05 10:{number % 60:02d}  31.78N 119.95E  INSPECTOR",
              fill=(255, 255, 255))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def sample_sheet(
    *,
    items_per_element: int = 3,
    findings: int = 3,
    photos: int = 0,
    signatures: bool = True,
    refusal: bool = False,
    inspection_id: str = "12",
    name: str = "常州市武进区华安精密机械有限公司",
    day: datetime = datetime(2020, 3, 5, 9, 30),
    numbered: bool = True,
) -> SheetData:
    """A look-back of a fictional enterprise on ``day`` by two officers and an expert (all plainly
    fictional people), with ``findings`` hazards (every fourth 重大, the second one marked for on-site
    measures) and every document's number issued when ``numbered``."""
    rng = random.Random(7)
    elements: list[ElementResult] = []
    for code, title, sub, text in _ELEMENTS:
        items: list[ItemResult] = []
        earned_total = 0.0
        achievable = 0.0
        for i in range(1, items_per_element + 1):
            result = rng.choice(["符合", "符合", "部分符合", "不符合", "不涉及"])
            points = float(rng.choice([5, 10, 15]))
            deduction = {"符合": 0.0, "部分符合": min(points, 2.0 * rng.randint(1, 3)),
                         "不符合": points, "不涉及": 0.0}[result]
            earned = None if result == "不涉及" else points - deduction
            reasons: tuple[str, ...] = ()
            if deduction:
                reasons = (f"缺少季度会议记录（{code}.{i}-1）", "说明：现场抽查三个岗位，两个岗位人员不清楚")
            items.append(ItemResult(code=f"{code}.{i}", text=f"{text}（第{i}项）", points=points, result=result,
                                    deduction=deduction, earned=earned, reasons=reasons, sub_element=sub,
                                    veto="B" if i == 1 and code == "C" else None))
            if earned is not None:
                earned_total += earned
                achievable += points
        elements.append(ElementResult(code, title, tuple(items), earned_total, achievable))
    earned = sum(e.earned for e in elements)
    achievable = sum(e.achievable for e in elements) or 1.0
    score = round(earned / achievable * 100, 1)
    found = tuple(
        Finding(number=n, description=_HAZARDS[(n - 1) % 5][0] + (f"（第{n}处）" if n > 5 else ""),
                severity="重大" if n % 4 == 2 else "一般", requirement=_HAZARDS[(n - 1) % 5][1],
                deadline=day.date() + timedelta(days=7 * n) if n % 3 else None,
                responsible="钱样例（设备科科长）", item_code=f"C.{(n % items_per_element) + 1}",
                status="已整改待复查", recheck_result="复查合格" if n % 2 else "复查不合格",
                recheck_note="现场查看已整改，照片见附件" if n % 2 else "光幕仍未恢复",
                measures=("暂时停产停业", "从危险区域内撤出作业人员") if n == 2 else ())
        for n in range(1, findings + 1)
    )
    inspectors = (Inspector("张示例", "苏应急执法 32040012", "常州市武进区应急管理局"),
                  Inspector("李演示", "苏应急执法 32040057", "常州市武进区应急管理局"),
                  Inspector("赵专家", "苏评审 PS-2019-0457", "江苏安评技术服务有限公司", role="expert"))
    sigs: tuple[Signature, ...] = ()
    if signatures:
        sigs = (
            Signature("行政执法人员", "张示例", day + timedelta(hours=2), fake_png("张示例"), certificate_no="苏应急执法 32040012"),
            Signature("行政执法人员", "李演示", day + timedelta(hours=2), fake_png("李演示"), certificate_no="苏应急执法 32040057"),
            Signature("被检查单位现场负责人", "孙虚构", day + timedelta(hours=2, minutes=5),
                      None if refusal else fake_png("孙虚构"),
                      refusal_reason="对第2项问题的认定有异议，拒绝签名" if refusal else None,
                      witness_name="周见证（街道安监站）" if refusal else "",
                      witness_png=fake_png("周见证") if refusal else None),
        )
    pics = []
    for n in range(1, photos + 1):
        jpeg = fake_jpeg(n)
        pics.append(Photo(number=n, caption=f"{_HAZARDS[(n - 1) % 5][0][:14]}（整改前）", jpeg=jpeg,
                          sha256_original=hashlib.sha256(b"original" + jpeg).hexdigest(),
                          captured_at=day + timedelta(minutes=5 * n), time_source="EXIF",
                          finding_number=((n - 1) % max(findings, 1)) + 1 if findings else None))
    prefix = DocumentNumber("常武", day.year, "")
    numbers = {kind: dataclasses.replace(prefix, serial=str(serial))
               for kind, serial in (("record", 12), ("order", 17), ("measures", 3), ("recheck", 9))} if numbered else {}
    order_no = numbers["order"].format("order") if numbered else ""
    return SheetData(
        inspection_id=inspection_id,
        inspection_uid="3F2A9C1E-7B4D-4E8A-9C61-0D5B2E7A4C19",
        subject=Subject(name=name, address="常州市武进区湖塘镇长虹西路118号", legal_representative="孙虚构",
                        position="总经理", phone="0519-86551234", place="生产车间、危化品仓库、配电房",
                        uscc="91320412MA1MXXXX0Y"),
        template_title="安全生产标准化达标企业运行情况“回头看”检查表",
        template_ref="lookback-2020 1.0.0",
        authority="常州市武进区应急管理局",
        number=prefix,
        numbers=numbers,
        started_at=day,
        ended_at=day + timedelta(hours=2, minutes=15),
        inspectors=inspectors,
        elements=tuple(elements),
        summary=ScoreSummary(score=score, earned=earned, achievable=achievable,
                             conclusion="限期整改" if score >= 60 else "建议摘牌",
                             reasons=("否决项 C.1 部分符合：隐患台账不完整", "类目 E 得分率低于 60%")),
        findings=found,
        signatures=sigs,
        photos=tuple(pics),
        recheck=RecheckInfo(rechecked_at=day + timedelta(days=36, hours=4, minutes=30), order_number=order_no,
                            order_date=day.date(),
                            inspectors=(inspectors[0], Inspector("王复核", "苏应急执法 32040031",
                                                                  "常州市武进区应急管理局"))),
        appeal=Appeal(government="常州市武进区人民政府", superior="常州市应急管理局"),
    )
