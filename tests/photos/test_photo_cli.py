"""``inspector-app photos add/list/verify`` and the photos in ``inspections show --format json``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from photo_helpers import asymmetric_image, gps_ifd, jpeg_with_exif

from inspector_app.cli import main
from inspector_app.domain import uscc
from inspector_app.services import inspections
from inspector_app.services.enterprises import EnterpriseData, upsert
from inspector_app.services.templates import latest_templates, sync_shipped_templates
from inspector_app.storage.engine import open_workspace


def _workspace_with_inspection(root: Path) -> int:
    ws = open_workspace(root)
    with ws.sessions.begin() as s:
        sync_shipped_templates(s)
        template = next(t for t in latest_templates(s) if t.template_id == "lookback-2020")
        enterprise, _ = upsert(s, EnterpriseData(name="常州恒达机械制造有限公司",
                                                 uscc=uscc.make_code("9", "1", "320412", "MA1W2X3Y4")))
        iid = inspections.assign(s, enterprise, template, [("陈示范", "A1"), ("吴敏", "B2")], "科长",
                                 due_date=date(2026, 12, 31)).id
    ws.close()
    return iid


def test_photos_add_list_verify_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    iid = _workspace_with_inspection(root)
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "a.jpg").write_bytes(jpeg_with_exif(asymmetric_image(), datetime_original="2026:11:20 09:00:00",
                                                  gps=gps_ifd(31.7, 119.9), make="Xiaomi", model="14"))
    (folder / "empty.jpg").write_bytes(b"")
    code = main(["--data-dir", str(root), "photos", "add", str(iid), str(folder), "--by", "陈示范"])
    out, err = capsys.readouterr()
    assert code == 1  # one file was rejected, the other added
    assert "已添加照片 1 张" in out and "empty.jpg: 文件为空" in err

    code = main(["--data-dir", str(root), "photos", "add", str(iid), str(folder / "a.jpg"), "--format", "json"])
    out, _ = capsys.readouterr()
    assert code == 0 and json.loads(out)["duplicates"][0]["file"] == "a.jpg"

    assert main(["--data-dir", str(root), "photos", "list", str(iid), "--format", "json"]) == 0
    listed = json.loads(capsys.readouterr()[0])
    assert [p["file_name"] for p in listed] == ["a.jpg"]

    assert main(["--data-dir", str(root), "inspections", "show", str(iid), "--format", "json"]) == 0
    shown = json.loads(capsys.readouterr()[0])
    photo = shown["photos"][0]
    assert photo["captured_at"] == "2026-11-20T09:00:00" and photo["time_source"] == "exif"
    assert photo["gps"]["lat"] == pytest.approx(31.7, abs=1e-4) and photo["camera"]["make"] == "Xiaomi"
    assert (photo["width"], photo["height"]) == (600, 400) and len(photo["sha256"]) == 64

    assert main(["--data-dir", str(root), "photos", "verify", str(iid)]) == 0
    assert "1 张一致" in capsys.readouterr()[0]
    original = next((root / "photos" / "originals").rglob("*.jpg"))
    original.write_bytes(original.read_bytes() + b"tampered")
    assert main(["--data-dir", str(root), "photos", "verify", str(iid)]) == 1
    assert "已被改动" in capsys.readouterr()[1]


def test_photos_add_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "ws"
    iid = _workspace_with_inspection(root)
    image = tmp_path / "a.jpg"
    asymmetric_image().save(image)
    assert main(["--data-dir", str(root), "photos", "add", "999", str(image)]) == 1
    assert "999" in capsys.readouterr()[1]
    assert main(["--data-dir", str(root), "photos", "add", str(iid), str(image), "--item", "Z.99"]) == 1
    assert "Z.99" in capsys.readouterr()[1]
    assert main(["--data-dir", str(root), "photos", "add", str(iid), str(tmp_path / "missing.jpg")]) == 1
    assert "missing.jpg: 文件不存在" in capsys.readouterr()[1]
