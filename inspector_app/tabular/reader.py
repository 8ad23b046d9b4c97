"""Reading the enterprise lists bureaus keep: ``.xlsx``, old ``.xls`` (``tabular.xls_reader``) and ``.csv``
(UTF-8 with or without BOM, GB18030), finding the header row under any title rows, matching Chinese headers tolerantly, and parsing cell values
(dates, certificate grades, codes stored as numbers).

Nothing here touches the database; :mod:`inspector_app.services.enterprise_import` validates and stores.
Row numbers are the ones people see in Excel: 1-based, counting title and header rows.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from inspector_app.domain.errors import Cancelled, ImportFileError
from inspector_app.domain.progress import CancelToken, Progress, no_progress
from inspector_app.tabular.xls_reader import read_xls
from inspector_app.translation import N_, _

HEADER_SEARCH_ROWS = 10
Row = tuple[Any, ...]

# Field → the name shown to people (also used in messages when the file's own header is not known).
# Marked for the catalogue, translated where shown (``ColumnMap.label``, ``ColumnMap.missing``).
FIELD_LABELS: dict[str, str] = {
    "name": N_("企业名称"), "uscc": N_("统一社会信用代码"), "address": N_("地址"), "district": N_("辖市区"),
    "industry": N_("行业"), "sub_speciality": N_("专业"), "cert_grade": N_("证书等级"), "cert_number": N_("证书编号"),
    "cert_issued": N_("发证日期"), "cert_expires": N_("有效期至"), "scoring_standard": N_("评分标准"),
    "review_org": N_("评审单位"), "consulting_org": N_("咨询单位"), "legal_rep": N_("法定代表人"),
    "contact_person": N_("联系人"), "contact_phone": N_("联系电话"),
}
REQUIRED_FIELDS = ("name", "uscc")
DATE_FIELDS = frozenset({"cert_issued", "cert_expires"})

_ALIASES: dict[str, tuple[str, ...]] = {
    "name": ("企业名称", "单位名称", "企业(单位)名称", "企业单位名称", "公司名称", "企业名", "名称", "单位"),
    "uscc": ("统一社会信用代码", "信用代码", "社会信用代码", "社会统一信用代码", "统一信用代码", "uscc",
             "统一社会信用代码(注册号)", "统一社会信用代码/注册号"),
    "address": ("地址", "注册地址", "企业地址", "单位地址", "经营地址", "生产经营地址", "详细地址", "企业注册地址"),
    "district": ("辖市区", "辖市(区)", "所属地区", "区域", "辖区", "地区", "所在地区", "属地", "所属辖市区",
                 "所属区域", "县(市、区)", "市(区)"),
    "industry": ("行业", "所属行业", "行业类别", "行业类型", "行业分类", "行业领域"),
    "sub_speciality": ("专业", "细分行业", "专业类别", "所属专业", "专业类型"),
    "cert_grade": ("等级", "达标等级", "证书等级", "标准化等级", "级别", "评定等级", "达标级别"),
    "cert_number": ("证书编号", "证书号", "证书号码", "达标证书编号"),
    "cert_issued": ("发证日期", "发证时间", "颁证日期", "发证日"),
    "cert_expires": ("有效期至", "证书有效期", "有效期", "有效日期", "有效期截止", "证书有效期至", "有效截止日期"),
    "scoring_standard": ("评分标准", "评定标准", "评审标准", "评分细则"),
    "review_org": ("评审单位", "评审机构", "评审组织单位", "评审组织"),
    "consulting_org": ("咨询单位", "咨询服务单位", "咨询机构", "咨询服务机构"),
    "legal_rep": ("法定代表人", "法人代表", "法人", "法定代表人(负责人)"),
    "contact_person": ("联系人", "企业联系人", "安全联系人"),
    "contact_phone": ("联系电话", "电话", "联系方式", "手机", "手机号码", "联系人电话"),
}
# The command line's own export (``enterprises list --format csv``) names its columns by field – each
# field's name is one more header for it – so what it wrote imports again; its id and check columns are
# skipped without a word.
_SILENT_COLUMNS = frozenset({"序号", "编号", "no", "no.", "id", "uscc_valid"})
_HEADER_JUNK = re.compile(r"[\s*※:：]+")
_PARENS = re.compile(r"\([^)]*\)")


def normalise_header(text: object) -> str:
    """Full-width → half-width, lower case, no spaces, line breaks, '*' markers or colons."""
    if text is None:
        return ""
    return _HEADER_JUNK.sub("", unicodedata.normalize("NFKC", str(text))).lower()


_ALIAS_INDEX = {normalise_header(a): f for f, names in _ALIASES.items() for a in (*names, f)}


def match_header(text: object) -> str | None:
    """The EnterpriseData field a header means, or None. '企业名称（盖章）' matches by dropping the brackets."""
    key = normalise_header(text)
    if not key:
        return None
    found = _ALIAS_INDEX.get(key)
    if found is None and "(" in key:
        found = _ALIAS_INDEX.get(_PARENS.sub("", key))
    return found


@dataclass
class ColumnMap:
    """Which column holds which field, after the header row was found."""

    header_row: int  # 1-based, as in Excel
    headers: list[str]  # the file's own header texts, by column
    fields: dict[str, int] = field(default_factory=dict)  # field → 0-based column index
    extra: list[tuple[int, str]] = field(default_factory=list)  # unknown columns kept in ``extra``
    ignored: list[str] = field(default_factory=list)  # human-readable, for the report
    first_data_row: int = 0  # 1-based; header_row + 1, or + 2 under a two-row header

    def __post_init__(self) -> None:
        self.first_data_row = self.first_data_row or self.header_row + 1

    def label(self, name: str) -> str:
        """The column's header as the file spells it (for messages), else the standard name."""
        col = self.fields.get(name)
        return self.headers[col] if col is not None else _(FIELD_LABELS.get(name, name))

    @property
    def missing(self) -> list[str]:
        return [_(FIELD_LABELS[f]) for f in REQUIRED_FIELDS if f not in self.fields]


def map_columns(row: Row, header_row: int) -> ColumnMap:
    headers = [cell_text(v) for v in row]
    cmap = ColumnMap(header_row, headers)
    for col, text in enumerate(headers):
        if not text:
            continue
        name = match_header(text)
        if name is not None and name not in cmap.fields:
            cmap.fields[name] = col
        elif name is not None:
            cmap.extra.append((col, text))
            cmap.ignored.append(_("{column}（与“{first}”重复）").format(column=text, first=headers[cmap.fields[name]]))
        elif normalise_header(text) not in _SILENT_COLUMNS:
            cmap.extra.append((col, text))
            cmap.ignored.append(text)
    return cmap


def find_header(rows: Sequence[Row], limit: int = HEADER_SEARCH_ROWS) -> ColumnMap | None:
    """The first of the top ``limit`` rows holding both required columns; failing that, the row that
    matches most known headers (at least two), so the caller can name what is missing."""
    best: ColumnMap | None = None
    for index, row in enumerate(rows[:limit]):
        cmap = map_columns(row, index + 1)
        if not cmap.missing:
            if index + 1 < len(rows):
                _merge_sub_header(cmap, rows[index + 1])
            return cmap
        if len(cmap.fields) >= 2 and (best is None or len(cmap.fields) > len(best.fields)):
            best = cmap
    return best


def _merge_sub_header(cmap: ColumnMap, sub: Row) -> None:
    """A header of two rows: a group heading such as “证书信息” merged over 证书编号 / 发证日期 / 有效期至.
    The row below the header counts as more header when its name and code cells are blank (or repeat the
    header, merged down) and it names fields the header row does not have."""
    for col in (cmap.fields["name"], cmap.fields["uscc"]):  # a name or a code here: a data row
        if col < len(sub) and cell_text(sub[col]) and match_header(sub[col]) is None:
            return
    found = {f: col for col, v in enumerate(sub) if (f := match_header(v)) is not None and f not in cmap.fields}
    if not found:
        return
    cmap.headers.extend([""] * (len(sub) - len(cmap.headers)))
    for name, col in found.items():
        old = cmap.headers[col]
        if (col, old) in cmap.extra:
            cmap.extra.remove((col, old))
            cmap.ignored.remove(old)
        cmap.fields[name] = col
        cmap.headers[col] = cell_text(sub[col])
    cmap.first_data_row = cmap.header_row + 2


# --- cell values ---------------------------------------------------------------------------------

# OWASP's CSV-injection rule: a spreadsheet runs a text starting with one of these as a formula. The
# command line's CSV (cli.output.csv_cell) puts a quote before such a text – and before a text whose
# leading quotes are followed by one of them – so that ``unquote_cell`` gives back exactly what was stored.
FORMULA_START = frozenset("=+-@\t\r")


def unquote_cell(text: str) -> str:
    """Undo the CSV-injection quote: exactly one leading ``'`` comes off a text whose leading quotes are
    followed by ``=``, ``+``, ``-``, ``@``, tab or carriage return (``'=A1`` → ``=A1``, ``''=A1`` →
    ``'=A1``). Every other text is kept as it is, a leading quote included (``'0512`` stays ``'0512``):
    only what the export adds is taken off. (Excel's own quote prefix never reaches us: openpyxl gives a
    cell typed as ``'=A1`` as ``=A1``.)"""
    if text[:1] != "'":
        return text
    body = text.lstrip("'")
    return text[1:] if body and body[0] in FORMULA_START else text


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


_DATE = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?"
_DATE_RE = re.compile(rf"^{_DATE}(?:\s*[T ]\s*\d{{1,2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?)?$")
_COMPACT_RE = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_RANGE_RE = re.compile(rf"^{_DATE}\s*(?:至|到|~|～|—|–|-{{1,2}})\s*{_DATE}$")
_EXCEL_EPOCH = date(1899, 12, 30)


class DateProblem(ValueError):
    """A cell that is not a recognisable date; the message is for people."""


def parse_date(value: object, *, allow_range: bool = False) -> date | None:
    """Excel dates, 2020-03-01, 2020/3/1, 2020.3.1, 2020年3月1日, 20200301, an Excel serial number;
    blank → None. With ``allow_range`` a '2020-03-01至2023-02-28' validity range gives its end."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
        number = int(value)
        if 20000 <= number <= 80000:  # an unformatted Excel serial (1954–2119)
            return _EXCEL_EPOCH + timedelta(days=number)
        value = str(number)
    text = unicodedata.normalize("NFKC", str(value)).strip()
    if not text:
        return None
    parts: tuple[str, ...] | None = None
    if (m := _DATE_RE.match(text)) or (m := _COMPACT_RE.match(text)):
        parts = m.groups()
    elif allow_range and (m := _RANGE_RE.match(text)):
        parts = m.groups()[3:]
    if parts is not None:
        try:
            return date(int(parts[0]), int(parts[1]), int(parts[2]))
        except ValueError:
            pass
    raise DateProblem(_("无法识别的日期“{text}”").format(text=text))


_GRADE_RE = re.compile(r"(III|II|I|一|二|三|1|2|3)级")
_GRADE_BARE = {"III": "三级", "II": "二级", "I": "一级", "一": "一级", "二": "二级", "三": "三级",
               "1": "一级", "2": "二级", "3": "三级"}


def normalise_grade(value: object) -> str | None:
    """'三级企业', '3级', '二级达标', 'Ⅲ级', '小微企业', 3 → 一级/二级/三级/小微; blank → ''; None if unknown."""
    text = normalise_header(cell_text(value)).upper()
    if not text:
        return ""
    if "小微" in text:
        return "小微"
    if m := _GRADE_RE.search(text):
        return _GRADE_BARE[m.group(1)]
    return _GRADE_BARE.get(text)


# --- files ---------------------------------------------------------------------------------------

@dataclass
class RawSheet:
    """Every row of one worksheet (index i is the spreadsheet's row i + 1), before interpretation."""

    file_name: str
    kind: str  # "xlsx" | "xls" | "csv"
    sheet_name: str
    rows: list[Row]


Accept = Callable[[Sequence[Row]], bool]
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0"


def read_rows(path: Path | str, accept: Accept | None = None, cancel: CancelToken | None = None,
              progress: Progress = no_progress) -> RawSheet:
    """Read a ``.xlsx``, ``.xls`` or ``.csv`` file into rows. For a workbook, the active sheet is used unless
    ``accept`` (given the top rows) rejects it and another sheet is accepted. Raises ImportFileError
    naming the file for anything unreadable: not found, not a real workbook, wrong encoding, empty."""
    path = Path(path)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except FileNotFoundError:
        raise ImportFileError(_("找不到文件 {path}").format(path=path)) from None
    except OSError as exc:
        raise ImportFileError(_("无法读取文件 {name}：{reason}").format(name=path.name, reason=exc.strerror)) from exc
    suffix = path.suffix.lower()
    if head.startswith(_OLE_MAGIC):  # an old .xls, or an OLE container such as an encrypted .xlsx
        title, xls_rows = read_xls(path, accept, HEADER_SEARCH_ROWS, cancel, progress)
        sheet = RawSheet(path.name, "xls", title, xls_rows)
    elif head.startswith(_ZIP_MAGIC):
        sheet = _read_xlsx(path, accept, cancel, progress)
    elif suffix in (".xlsx", ".xlsm"):
        what = _("是空的") if not head else _("看起来是文本文件") if _looks_textual(path) else _("已损坏")
        raise ImportFileError(_("文件 {name} 不是有效的 Excel 工作簿（{what}）；若它其实是 CSV，请把扩展名改为 .csv")
                              .format(name=path.name, what=what))
    elif suffix == ".xls":
        raise ImportFileError(_("文件 {name} 不是有效的 .xls 文件；请另存为 .xlsx 或 .csv").format(name=path.name))
    else:
        sheet = _read_csv(path)
    if not any(any(v is not None and v != "" for v in row) for row in sheet.rows):
        raise ImportFileError(_("文件 {name} 是空的，没有任何数据").format(name=path.name))
    return sheet


def _looks_textual(path: Path) -> bool:
    with path.open("rb") as fh:
        return b"\x00" not in fh.read(4096)


def _read_xlsx(path: Path, accept: Accept | None, cancel: CancelToken | None, progress: Progress) -> RawSheet:
    import openpyxl  # a heavy import, only needed for workbooks

    fh = path.open("rb")  # a handle, not the path: openpyxl would reject a workbook named .csv
    try:
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        fh.close()
        raise ImportFileError(_("文件 {name} 不是有效的 Excel 工作簿（无法打开）").format(name=path.name)) from exc
    except Exception as exc:  # openpyxl raises assorted errors on malformed parts
        fh.close()
        raise ImportFileError(_("文件 {name} 无法作为 Excel 工作簿读取").format(name=path.name)) from exc
    try:
        sheets = list(book.worksheets)
        if not sheets:
            raise ImportFileError(_("文件 {name} 中没有工作表").format(name=path.name))
        active = book.active if book.active in sheets else sheets[0]
        order = [active, *(s for s in sheets if s is not active)]
        chosen = active
        if accept is not None and len(order) > 1:
            for ws in order:
                ws.reset_dimensions()
                top = list(ws.iter_rows(max_row=HEADER_SEARCH_ROWS, values_only=True))
                if accept(top):
                    chosen = ws
                    break
        expected = chosen.max_row or 0  # from <dimension>, if the writer recorded one: only for progress
        chosen.reset_dimensions()  # some writers record wrong dimensions; read what is there
        rows: list[Row] = []
        append = rows.append
        for row in chosen.iter_rows(values_only=True):
            append(row)
            if not len(rows) % 1000:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled(_("导入已取消，未写入任何数据"))
                progress(len(rows), max(expected, len(rows)), _("正在读取 {name}").format(name=path.name))
        _fill_merged_down(path, getattr(chosen, "_worksheet_path", ""), rows)
        return RawSheet(path.name, "xlsx", str(chosen.title), rows)
    except (ImportFileError, Cancelled):
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, SyntaxError, zlib.error, EOFError, OSError) as exc:
        # SyntaxError: xml.etree's ParseError, for a worksheet whose XML is cut off or damaged
        raise ImportFileError(_("文件 {name} 已损坏，无法读取").format(name=path.name)) from exc
    finally:
        book.close()
        fh.close()


_MERGE_RE = re.compile(rb'<mergeCell\s+ref="([A-Z]{1,3})(\d+):[A-Z]{1,3}(\d+)"')


def _fill_merged_down(path: Path, part: str, rows: list[Row]) -> None:
    """Bureau lists often merge a cell down several rows (one 辖市区 for a group of enterprises). Excel
    shows the value on every row; openpyxl's read-only mode gives it to the first only. Copy it down the
    first column of each vertically merged range. ``<mergeCells>`` follows the rows in the sheet's XML,
    so only the tail is kept while the part is decompressed again (≈ 10 ms per 10,000 rows)."""
    if not part:  # openpyxl's internals changed: leave merged cells as read
        return
    from openpyxl.utils import column_index_from_string

    try:
        with zipfile.ZipFile(path) as archive, archive.open(part.lstrip("/")) as fh:
            tail = b""
            while chunk := fh.read(1 << 20):
                tail = (tail + chunk)[-(2 << 20):]
    except (KeyError, OSError, zipfile.BadZipFile):
        return
    start = tail.rfind(b"<mergeCells")
    if start < 0:
        return
    for m in _MERGE_RE.finditer(tail, start):
        col = column_index_from_string(m.group(1).decode()) - 1
        first, last = int(m.group(2)), min(int(m.group(3)), len(rows))
        if last <= first or first < 1:
            continue
        top = rows[first - 1]
        value = top[col] if col < len(top) else None
        if value is None:
            continue
        for number in range(first + 1, last + 1):
            row = rows[number - 1]
            if col < len(row) and row[col] is not None:
                continue
            cells = list(row) + [None] * (col + 1 - len(row))
            cells[col] = value
            rows[number - 1] = tuple(cells)


def _decode(path: Path, data: bytes) -> str:
    """UTF-8 (BOM optional) strictly, then GB18030; otherwise name the line of the first bad byte."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ImportFileError(_("文件 {name} 的编码不对：第 1 行起是 UTF-16 编码；请另存为“CSV UTF-8”或 GB18030/GBK "
                                "编码的 CSV").format(name=path.name))
    if (nul := data.find(b"\x00", 0, 65536)) >= 0:  # UTF-16 without a BOM, or not text at all
        line = data.count(b"\n", 0, nul) + 1
        raise ImportFileError(_("文件 {name} 的编码不对：第 {line} 行有空字节 0x00（可能是 UTF-16 编码或二进制文件）；"
                                "请另存为“CSV UTF-8”或 GB18030/GBK 编码的 CSV").format(name=path.name, line=line))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError as gb_error:
            # The decoder that got further is the likelier intended encoding: report its stop.
            pos = max(utf8_error.start, gb_error.start)
            line = data.count(b"\n", 0, pos) + 1
            raise ImportFileError(
                _("文件 {name} 的编码不对：第 {line} 行有无法识别的字节 0x{byte}（应为 UTF-8 或 GB18030/GBK）；请在 Excel "
                  "中另存为“CSV UTF-8”后再导入").format(name=path.name, line=line, byte=f"{data[pos]:02X}")) from None


def _read_csv(path: Path) -> RawSheet:
    data = path.read_bytes()
    text = _decode(path, data)
    if not text.strip():
        raise ImportFileError(_("文件 {name} 是空的，没有任何数据").format(name=path.name))
    top = text[:8192].splitlines()[:HEADER_SEARCH_ROWS]
    delimiter = "\t" if sum(x.count("\t") for x in top) > sum(x.count(",") for x in top) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        rows: list[Row] = [tuple(r) for r in reader]
    except csv.Error as exc:  # its text is the csv module's English: say where instead
        raise ImportFileError(_("文件 {name} 不是有效的 CSV（第 {line} 行）").format(
            name=path.name, line=reader.line_num)) from exc
    return RawSheet(path.name, "csv", "", rows)
