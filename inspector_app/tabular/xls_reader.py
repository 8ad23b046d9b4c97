"""Old Excel workbooks (``.xls``, BIFF 5/8), which many bureaus' enterprise lists still are: read with xlrd
into the same rows ``tabular.reader`` gives for ``.xlsx`` – dates as ``datetime``, whole numbers as ``int``
(BIFF stores every number as a float), empty and error cells as ``None``, a vertically merged cell copied
down its first column as Excel shows it. Encrypted workbooks and OLE files that are not workbooks (a
password-protected ``.xlsx`` is one) get a message saying what to do."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from inspector_app.domain.errors import Cancelled, ImportFileError
from inspector_app.domain.progress import CancelToken, Progress
from inspector_app.translation import _

Row = tuple[Any, ...]


class _Quiet:
    """xlrd writes its English warnings ("file size … not 512 + multiple of sector size") to a log file,
    stdout by default: they would reach the person's terminal. The problems are reported in our words."""

    def write(self, _text: str) -> int:
        return 0


_QUIET = _Quiet()
MAX_XLS_BYTES = 64 * 1024 * 1024  # far above any list of enterprises; xlrd reads the whole file into memory


def read_xls(path: Path, accept: Callable[[Sequence[Row]], bool] | None, header_rows: int,
             cancel: CancelToken | None, progress: Progress) -> tuple[str, list[Row]]:
    """(sheet name, rows) of the first sheet ``accept`` takes (the first sheet when none or no ``accept``)."""
    import xlrd  # only when an .xls comes: keeps the start-up and the .xlsx path free of it
    from xlrd.compdoc import CompDocError  # not an XLRDError: an OLE file that is no workbook

    if path.stat().st_size > MAX_XLS_BYTES:
        raise ImportFileError(_("文件 {name} 太大（超过 64 MB），不像是企业名录").format(name=path.name))
    try:
        try:
            book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=True, logfile=_QUIET)
        except NotImplementedError:  # BIFF versions xlrd reads only without formatting (no merged cells)
            book = xlrd.open_workbook(str(path), on_demand=True, logfile=_QUIET)
    except (xlrd.XLRDError, CompDocError) as exc:
        text = str(exc).lower()
        if "encrypt" in text:
            raise ImportFileError(_("文件 {name} 是加密的旧版 Excel 工作簿；请在 Excel 中取消密码后再导入")
                                  .format(name=path.name)) from exc
        raise ImportFileError(_("文件 {name} 不是可读取的旧版 Excel（.xls）工作簿；若它设有密码，请在 Excel 中"
                                "取消密码并“另存为” .xlsx 后再导入").format(name=path.name)) from exc
    except Exception as exc:  # xlrd raises assorted errors (struct.error, IndexError…) on a cut-off file
        raise ImportFileError(_("文件 {name} 已损坏，无法作为旧版 Excel（.xls）读取").format(name=path.name)) from exc
    try:
        names = book.sheet_names()
        if not names:
            raise ImportFileError(_("文件 {name} 中没有工作表").format(name=path.name))
        chosen = 0
        if accept is not None and len(names) > 1:
            for index in range(len(names)):
                sheet = book.sheet_by_index(index)
                if accept([_row(book, sheet, r) for r in range(min(header_rows, sheet.nrows))]):
                    chosen = index
                    break
        sheet = book.sheet_by_index(chosen)
        rows: list[Row] = []
        for r in range(sheet.nrows):
            rows.append(_row(book, sheet, r))
            if not len(rows) % 1000:
                if cancel is not None and cancel.cancelled:
                    raise Cancelled(_("导入已取消，未写入任何数据"))
                progress(len(rows), sheet.nrows, _("正在读取 {name}").format(name=path.name))
        _fill_merged_down(sheet, rows)
        return str(sheet.name), rows
    except (ImportFileError, Cancelled):
        raise
    except Exception as exc:  # xlrd raises assorted errors on damaged records
        raise ImportFileError(_("文件 {name} 已损坏，无法作为旧版 Excel（.xls）读取").format(name=path.name)) from exc
    finally:
        book.release_resources()


def _row(book: Any, sheet: Any, index: int) -> Row:
    import xlrd

    out: list[Any] = []
    for cell in sheet.row(index):
        kind, value = cell.ctype, cell.value
        if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
            out.append(None)
        elif kind == xlrd.XL_CELL_DATE:
            try:
                out.append(xlrd.xldate.xldate_as_datetime(value, book.datemode))
            except (xlrd.xldate.XLDateError, OverflowError, ValueError):
                out.append(value)  # shown as the number it is; the date check names the row
        elif kind == xlrd.XL_CELL_NUMBER:
            out.append(int(value) if float(value).is_integer() and abs(value) < 2**53 else value)
        elif kind == xlrd.XL_CELL_BOOLEAN:
            out.append(bool(value))
        else:
            out.append(value if value != "" else None)
    while out and out[-1] is None:  # like openpyxl's and csv's short rows
        out.pop()
    return tuple(out)


def _fill_merged_down(sheet: Any, rows: list[Row]) -> None:
    """A cell merged down several rows (one 辖市区 for a group) on every row of its range, first column only."""
    for first, last, col, _col_end in getattr(sheet, "merged_cells", ()):  # half-open row and column ranges
        if last - first < 2 or first >= len(rows):
            continue
        top = rows[first]
        value = top[col] if col < len(top) else None
        if value is None:
            continue
        for number in range(first + 1, min(last, len(rows))):
            row = rows[number]
            if col < len(row) and row[col] is not None:
                continue
            cells = list(row) + [None] * (col + 1 - len(row))
            cells[col] = value
            rows[number] = tuple(cells)

