"""The checklist template workbook (``docs/template-workbook.md``): its sheets, their columns with the
headers each may be written as, and the words a cell may hold. Shared by the reader
(``tabular.template_reader``) and the writer (``tabular.template_writer``)."""

from __future__ import annotations

from inspector_app.domain.conclusions import WHEN
from inspector_app.tabular.book_grid import Field, Fields

# Sheets, by the names they may have (the first is the one written).
INFO_SHEET = ("基本信息", "模板信息", "基本情况")
ELEMENT_SHEET = ("类目", "类目表", "一级要素", "要素", "类目得分率")
ITEM_SHEET = ("检查项", "检查表", "评分细则", "考评项", "检查内容")
GRADE_SHEET = ("等级线", "等级标准", "等级分数线")
LEVEL_SHEET = ("结论等级", "结论", "结论种类")
RULE_SHEET = ("结论规则", "规则")
HELP_SHEET = "填写说明"
SHEET_ORDER = (INFO_SHEET[0], ELEMENT_SHEET[0], ITEM_SHEET[0], GRADE_SHEET[0], LEVEL_SHEET[0], RULE_SHEET[0])

INFO = Fields(
    Field("format_version", ("格式版本", "格式"), "模板格式版本，现为 2（空白即 2）"),
    Field("id", ("模板编号", "编号", "模板id"), "小写字母、数字和连字符，如 lookback-2021"),
    Field("version", ("版本", "版本号"), "如 1.0.0；内容改动后须提高版本号"),
    Field("kind", ("检查种类", "种类", "检查类型"), "如 回头看、运行质量审计、评审质量自查自纠"),
    Field("title", ("名称", "检查表名称", "标题", "模板名称"), "打印在评分表上的名称"),
    Field("standard", ("标准", "执行标准", "评分标准"), "如 GB/T 33000-2016"),
    Field("basis", ("依据", "文件依据", "依据文件"), "下发检查表的文件"),
    Field("description", ("模板说明", "简介"), "可不填"),
    Field("applies_to", ("适用等级", "适用证书等级", "证书等级"),
          "一级、二级、三级、小微，用“、”分隔；“无”：检查对象不持证（评审单位）"),
    Field("industries", ("适用行业",), "用“、”分隔；空白或“全部”：不限行业"),
    Field("subject", ("检查对象", "对象"), "企业（空白即企业）或 评审单位"),
    Field("conclusion_relative_to", ("结论针对", "结论对照"), "证书等级（结论针对企业所持等级）或 无"),
    Field("conclusion_awards_grade", ("评定等级", "是否评定等级"), "是 / 否：检查是否评定等级（回头看、审计均为否）"),
    Field("conclusion_basis", ("结论依据",), "结论规则所依据的文件"),
    Field("outcome", ("格式1结论", "旧版结论"), "只用于格式 1 的旧模板（JSON 文字），新模板不填"),
)

ELEMENTS = Fields(
    Field("code", ("编号", "类目编号", "类目", "一级要素编号"), "如 A 或 5.1"),
    Field("title", ("名称", "类目名称", "一级要素", "要素名称"), "如 真创真运行"),
    Field("min_share", ("最低得分率", "类目最低得分率", "要素最低得分率"), "0 到 1（或百分数），可不填"),
    Field("veto", ("否决", "否决项"), "（类目不能设否决）"),
)

ITEMS = Fields(
    Field("row_type", ("类型", "行类型", "行"), "检查项 / 扣分 / 类目"),
    Field("element", ("类目", "类目编号", "一级要素编号", "要素编号"), "检查项所属类目的编号（空白：同上）"),
    Field("element_title", ("类目名称", "一级要素", "要素名称"), "可不填（写在“类目”工作表）"),
    Field("code", ("编号", "项目编号", "检查项编号", "条款编号", "代码"),
          "检查项以类目编号加“.”开头（A.1）；扣分规则以其检查项编号开头（A.1-1）"),
    Field("sub_element", ("二级要素", "子要素", "二级要素名称"), "检查项"),
    Field("text", ("内容", "检查内容", "检查项目", "考评内容", "标准化要求", "扣分规则"), "检查项的要求，或扣分规则的写法"),
    Field("evidence", ("查证要点", "检查方法", "查证方法", "考评办法", "核查要点"), "检查项：看什么、查什么"),
    Field("points", ("分值", "标准分", "标准分值", "分数", "扣分", "扣分值"), "检查项的分值，或扣分规则每次扣的分"),
    Field("max_times", ("最多次数", "最多扣分次数", "次数上限", "最多扣几次"), "扣分规则：最多扣几次（空白即 1）"),
    Field("veto", ("否决", "否决项", "否决类别"), "A（整体不通过）、B（所在类目计 0 分）或 无"),
    Field("na_allowed", ("可不涉及", "允许不涉及", "可选不涉及"), "检查项：否 = 不得选“不涉及”"),
    Field("enterprise_fix", ("企业自行整改", "企业自行整改项", "自行整改"), "是 = 企业自行整改项（扣分规则空白：同其检查项）"),
    Field("major_hazard", ("重大事故隐患", "重大隐患", "重大事故隐患项"), "检查项：是 = 问是否存在重大事故隐患"),
    Field("require_note_on_fail", ("不符合须说明", "须填写说明", "须说明"), "检查项：不符合时须写说明"),
    Field("require_photo_on_fail", ("不符合须拍照", "须拍照", "须附照片"), "检查项：不符合时须拍照"),
    Field("industries", ("适用行业", "行业"), "检查项只适用于这些行业（用“、”分隔）"),
    Field("source", ("依据", "来源", "出处"), "否决或特别规定的依据（否决项必填）"),
)
ITEM_ONLY = ("sub_element", "evidence", "na_allowed", "major_hazard", "require_note_on_fail",
             "require_photo_on_fail", "industries")
CLAUSE_ONLY = ("max_times",)

GRADES = Fields(
    Field("grade", ("等级", "证书等级"), "一级 / 二级 / 三级 / 小微，从高到低"),
    Field("min_score", ("最低得分", "分数线", "最低分", "最低分数"), "0 到 100"),
    Field("min_element_share", ("类目最低得分率", "要素最低得分率"), "0 到 1，可不填"),
)

LEVELS = Fields(
    Field("code", ("编号", "结论", "结论编号"), "存储用的简称（不超过 10 个字），从轻到重排列"),
    Field("label", ("名称", "全称", "显示名称"), "显示和打印的全称（空白即编号）"),
    Field("counts_as", ("计入", "统计口径", "归类"), "维持 / 限期整改 / 建议摘牌（报表计入哪一类）"),
)

RULES = Fields(
    Field("when", ("条件",), "见下方条件表"),
    Field("veto", ("否决", "否决类别"), "条件为“否决”时：A 或 B"),
    Field("value", ("数值", "分数", "阈值"), "条件为“得分低于”“不符合项达到”时的数值"),
    Field("then", ("结论", "得出结论"), "结论等级的编号"),
    Field("source", ("依据", "来源"), "必填"),
)

# The words for a rule's condition (what the workbook shows) → the template's ``when``.
WHEN_WORDS: dict[str, str] = {
    "否决": "veto", "得分低于": "score_below", "低于所持等级": "below_grade_held",
    "类目低于最低得分率": "element_below_min_share", "重大事故隐患未整改": "major_open",
    "重大事故隐患逾期未整改": "major_overdue", "一般事故隐患未整改": "general_open",
    "有依法整改扣分": "legal_deduction", "仅有企业自行整改扣分": "enterprise_deduction", "不符合项达到": "nonconform",
}
WHEN_LABELS = {v: k for k, v in WHEN_WORDS.items()}
assert set(WHEN_LABELS) == set(WHEN)

ROW_TYPES = {"检查项": "item", "项": "item", "项目": "item", "item": "item",
             "扣分": "clause", "扣分规则": "clause", "扣分项": "clause", "扣分条款": "clause", "deduction": "clause",
             "类目": "element", "要素": "element", "一级要素": "element", "element": "element"}
ROW_TYPE_LABELS = {"item": "检查项", "clause": "扣分", "element": "类目"}
VETOES = {"A": "A", "A类": "A", "B": "B", "B类": "B"}
NO_VETO = ("无", "否", "-", "—", "none", "null")
SUBJECTS = {"企业": "企业", "评审单位": "评审单位", "评审机构": "评审单位"}
RELATIVE_TO = {"证书等级": "grade_held", "所持等级": "grade_held", "所持证书等级": "grade_held",
               "无": "none", "不针对等级": "none"}
RELATIVE_LABELS = {"grade_held": "证书等级", "none": "无"}
COUNTS_AS = {"维持": "维持", "限期整改": "限期整改", "建议摘牌": "建议摘牌"}
NO_GRADES = ("无",)  # applies_to: [] (the subject holds no certificate)
ALL_INDUSTRIES = ("全部", "不限", "所有行业")  # industries: [] (any)

# The order of keys in the JSON a workbook gives (the schema's order).
TOP_KEYS = ("format_version", "id", "version", "kind", "title", "standard", "basis", "description", "applies_to",
            "industries", "subject", "grade_thresholds", "outcome", "conclusion", "elements")
ITEM_KEYS = ("code", "sub_element", "text", "evidence", "points", "require_note_on_fail", "require_photo_on_fail",
             "veto", "na_allowed", "industries", "enterprise_fix", "major_hazard", "source", "deductions")
CLAUSE_KEYS = ("code", "text", "points", "max_times", "veto", "enterprise_fix", "source")
ITEM_COLUMNS = ("row_type", "element", "code", "sub_element", "text", "evidence", "points", "max_times", "veto",
                "na_allowed", "enterprise_fix", "major_hazard", "require_note_on_fail", "require_photo_on_fail",
                "industries", "source")  # what the writer puts on the sheet, in this order
