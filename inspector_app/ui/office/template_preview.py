"""A stored template as the inspector will see it (``services.queries.templates.TemplatePreview``): the
heading with the version's facts, the element/item tree – each item's text, points and marks (※ veto,
不可不涉及, 重大隐患, 企业自行整改, the industries it applies to), its deduction clauses with points, how
often and their veto – with the selected row in full below (the evidence to see, the sources), and the
conclusions with the rules that lead to them and their sources. Shows plain data only: the page reads it
in a worker."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from inspector_app.services.queries.templates import ClauseView, ElementView, ItemView, TemplatePreview

ROLE = int(Qt.ItemDataRole.UserRole) + 1  # the ElementView / ItemView / ClauseView of a row
VETO_COLOUR = QColor("#b71c1c")
MARK_COLOUR = QColor("#8a4b00")


def points(value: float) -> str:
    return f"{value:g}"


class TemplatePreviewWidget(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templatePreview")
        self.view: TemplatePreview | None = None
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.tree = QTreeWidget()
        self.tree.setObjectName("templateTree")
        self.tree.setColumnCount(4)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(3, self.fontMetrics().horizontalAdvance("※否决项A　不可不涉及　企业自行整改") + 16)
        self.tree.currentItemChanged.connect(lambda current, _old: self._show_detail(current))
        self.detail = QTextBrowser()
        self.detail.setObjectName("templateDetail")
        items = QSplitter(Qt.Orientation.Vertical)
        items.addWidget(self.tree)
        items.addWidget(self.detail)
        items.setStretchFactor(0, 3)
        items.setStretchFactor(1, 1)
        self.rules = QTextBrowser()
        self.rules.setObjectName("templateRules")
        self.tabs = QTabWidget()
        self.tabs.addTab(items, "")
        self.tabs.addTab(self.rules, "")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.tabs, 1)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.tree.setHeaderLabels([self.tr("编号"), self.tr("检查内容"), self.tr("分值"), self.tr("标记")])
        self.tabs.setTabText(0, self.tr("检查项"))
        self.tabs.setTabText(1, self.tr("结论和规则"))
        if self.view is not None:
            self.show_view(self.view)
        else:
            self.clear()

    # -- showing ---------------------------------------------------------------------------------
    def clear(self, text: str = "") -> None:
        self.view = None
        self.heading.setText(text or self.tr("请在左侧选择一个检查表"))
        self.facts.clear()
        self.tree.clear()
        self.detail.clear()
        self.rules.clear()

    def show_view(self, view: TemplatePreview) -> None:
        self.view = view
        self.heading.setText(view.title)
        self.facts.setText(self.facts_text(view))
        self.tree.clear()
        for element in view.elements:
            top = QTreeWidgetItem([element.code, element.title, points(element.points), self.element_marks(element)])
            top.setData(0, ROLE, element)
            font = top.font(1)
            font.setBold(True)
            for column in range(4):
                top.setFont(column, font)
            for item in element.items:
                row = QTreeWidgetItem([item.code, self.item_text(item), points(item.points), "　".join(self.marks(item))])
                row.setData(0, ROLE, item)
                row.setToolTip(1, item.text)
                if item.veto:
                    row.setForeground(3, QBrush(VETO_COLOUR))
                elif self.marks(item):
                    row.setForeground(3, QBrush(MARK_COLOUR))
                for clause in item.clauses:
                    line = QTreeWidgetItem([clause.code, clause.text, self.tr("扣 %1").replace("%1", points(clause.points)),
                                            "　".join(self.clause_marks(item, clause))])
                    line.setData(0, ROLE, clause)
                    line.setToolTip(1, clause.text)
                    if clause.veto:
                        line.setForeground(3, QBrush(VETO_COLOUR))
                    row.addChild(line)
                top.addChild(row)
            self.tree.addTopLevelItem(top)
        self.tree.expandToDepth(0)
        if self.tree.topLevelItemCount():
            first = self.tree.topLevelItem(0)
            self.tree.setCurrentItem(first.child(0) if first.childCount() else first)
        self.rules.setHtml(self.rules_html(view))

    # -- texts -----------------------------------------------------------------------------------
    def facts_text(self, view: TemplatePreview) -> str:
        parts = [self.tr("%1 版本 %2").replace("%1", view.template_id).replace("%2", view.version),
                 view.kind,
                 self.tr("%1 项，总分 %2").replace("%1", str(view.item_count)).replace("%2", points(view.total_points))]
        if view.standard:
            parts.append(view.standard)
        if view.applies_to:
            parts.append(self.tr("适用等级：%1").replace("%1", "、".join(view.applies_to)))
        if view.subject == "评审单位":
            parts.append(self.tr("检查对象：评审单位"))
        if view.industries:
            parts.append(self.tr("适用行业：%1").replace("%1", "、".join(view.industries)))
        if not view.stored:
            parts.append(self.tr("随程序提供，尚未用于本工作区"))
        else:
            parts.append(self.tr("%1 项检查使用此版本").replace("%1", str(view.in_use)))
        text = " · ".join(parts)
        if view.basis:
            text += "\n" + self.tr("依据：%1").replace("%1", view.basis)
        return text

    def item_text(self, item: ItemView) -> str:
        return f"[{item.sub_element}] {item.text}" if item.sub_element else item.text

    def marks(self, item: ItemView) -> list[str]:
        marks = [self.tr("※否决项%1").replace("%1", item.veto)] if item.veto else []
        if not item.na_allowed:
            marks.append(self.tr("不可不涉及"))
        if item.major_hazard:
            marks.append(self.tr("重大隐患"))
        if item.enterprise_fix:
            marks.append(self.tr("企业自行整改"))
        if item.industries:
            marks.append(self.tr("行业：%1").replace("%1", "、".join(item.industries)))
        return marks

    def clause_marks(self, item: ItemView, clause: ClauseView) -> list[str]:
        marks = []
        if clause.max_times > 1:
            marks.append(self.tr("最多 %1 次").replace("%1", str(clause.max_times)))
        if clause.veto:
            marks.append(self.tr("※否决项%1").replace("%1", clause.veto))
        elif clause.enterprise_fix != item.enterprise_fix:
            marks.append(self.tr("企业自行整改") if clause.enterprise_fix else self.tr("须依法整改"))
        return marks

    def element_marks(self, element: ElementView) -> str:
        if element.min_share:
            return self.tr("最低得分率 %1%").replace("%1", f"{element.min_share * 100:g}")
        return ""

    def _show_detail(self, row: QTreeWidgetItem | None) -> None:
        value: Any = row.data(0, ROLE) if row is not None else None
        self.detail.setHtml(self.detail_html(value, row))

    def detail_html(self, value: Any, row: QTreeWidgetItem | None) -> str:
        e = escape
        if value is None:
            return ""
        if hasattr(value, "items"):  # an element
            return (f"<b>{e(value.code)}　{e(value.title)}</b><br>"
                    + e(self.tr("%1 项，分值 %2").replace("%1", str(len(value.items))).replace("%2", points(value.points)))
                    + (f"<br>{e(self.element_marks(value))}" if value.min_share else ""))
        if hasattr(value, "clauses"):  # an item
            worth = self.tr("%1 分").replace("%1", points(value.points))
            lines = [f"<b>{e(value.code)}</b>　{e(self.item_text(value))}（{e(worth)}）"]
            if self.marks(value):
                lines.append(f"<span style='color:#8a4b00'>{e('　'.join(self.marks(value)))}</span>")
            if value.evidence:
                lines.append(e(self.tr("检查方法：%1").replace("%1", value.evidence)))
            needs = [t for t, on in ((self.tr("写明情况"), value.require_note_on_fail),
                                     (self.tr("拍照"), value.require_photo_on_fail)) if on]
            if needs:
                lines.append(e(self.tr("不符合时须%1").replace("%1", self.tr("、").join(needs))))
            if value.source:
                lines.append(e(self.tr("依据：%1").replace("%1", value.source)))
            for clause in value.clauses:
                marks = "　".join(self.clause_marks(value, clause))
                less = self.tr("扣 %1 分").replace("%1", points(clause.points))
                text = f"{clause.code} {clause.text}（{less}）"
                lines.append("• " + e(text) + (f" <span style='color:#b71c1c'>{e(marks)}</span>" if marks else ""))
            return "<br>".join(lines)
        parent = row.parent().data(0, ROLE) if row is not None and row.parent() is not None else None
        marks = "　".join(self.clause_marks(parent, value)) if parent is not None else ""
        lines = [f"<b>{e(value.code)}</b>　{e(value.text)}",
                 e(self.tr("扣 %1 分，最多 %2 次").replace("%1", points(value.points)).replace("%2", str(value.max_times)))]
        if marks:
            lines.append(e(marks))
        if value.source:
            lines.append(e(self.tr("依据：%1").replace("%1", value.source)))
        return "<br>".join(lines)

    def rules_html(self, view: TemplatePreview) -> str:
        e = escape
        levels = "、".join(label for _code, label, _bucket in view.levels)
        order, worst = self.tr("结论（由轻到重）"), self.tr("成立的规则中最严重的结论即检查结论；都不成立时为“%1”。")
        heads = (self.tr("条件"), self.tr("结论"), self.tr("依据"))
        html = [f"<p><b>{e(order)}</b>：{e(levels)}</p>"]
        if view.levels:
            html.append(f"<p>{e(worst.replace('%1', view.levels[0][1]))}</p>")
        html += ["<table border='1' cellspacing='0' cellpadding='4' width='100%'>",
                 "<tr>" + "".join(f"<th>{e(h)}</th>" for h in heads) + "</tr>"]
        for rule in view.rules:
            html.append(f"<tr><td>{e(rule.condition)}</td><td>{e(rule.then_label)}</td><td>{e(rule.source)}</td></tr>")
        html.append("</table>")
        if view.thresholds:
            share_word, standard = self.tr("类目得分率"), self.tr("等级标准")
            grades = "；".join(f"{g} ≥ {points(score)}" + (f"（{share_word} ≥ {share:.0%}）" if share else "")
                              for g, score, share in view.thresholds)
            html.append(f"<p>{e(standard)}：{e(grades)}</p>")
        if view.conclusion_basis:
            basis = self.tr("依据：%1").replace("%1", view.conclusion_basis)
            html.append(f"<p>{e(basis)}</p>")
        return "".join(html)
