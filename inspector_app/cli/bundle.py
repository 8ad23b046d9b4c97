"""``inspector-app bundle …`` and ``inspector-app keys …``: sync by bundle from the command line (no Qt).

State changes go through ``services.ops.sync`` (the GUI calls the same operations, so both write the
same audit rows); lists and checks through ``services.queries.sync``."""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from inspector_app.bundle.bag_verify import verify_bundle
from inspector_app.bundle.crypto import decrypt_file, is_encrypted
from inspector_app.bundle.errors import KeyFileError
from inspector_app.bundle.profile import Direction
from inspector_app.bundle.signing import PublicKeyFile, format_fingerprint, normalize_fingerprint
from inspector_app.bundle.validate import unexpected
from inspector_app.cli.common import CliError, actor, fail, workspace, write_out
from inspector_app.cli.keysource import keyring_for, new_passphrase, passphrase
from inspector_app.domain.errors import InspectorError
from inspector_app.secrets import InsecureKeyringError, PassphraseFileKeyring, SecretsError, backend_status
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.storage.engine import Workspace


# -- bundle ---------------------------------------------------------------------------------------
def bundle_command(args: argparse.Namespace) -> int:
    if args.action == "show":
        return _never_crash(args, _show, args)
    ws = workspace(args)
    try:
        if args.action == "export":
            return _export(ws, args)
        if args.action == "import":
            return _import(ws, args)
        if args.action == "verify":
            return _never_crash(args, _verify, ws, args)
        if args.action == "conflicts":
            return _conflicts(ws)
        return _resolve(ws, args)
    finally:
        ws.close()


def _never_crash(args: argparse.Namespace, handler: Callable[..., int], *params: Any) -> int:
    """``bundle show`` / ``verify`` on any file: a refusal with a message, never a traceback (an unexpected
    error is logged with its traceback and refused as ``internal_error``)."""
    try:
        return handler(*params)
    except (InspectorError, CliError):
        raise
    except Exception as exc:
        raise unexpected(Path(args.file).name, exc) from None


def _export(ws: Workspace, args: argparse.Namespace) -> int:
    identity = sync_ops.load_identity(ws, keyring_for(ws))
    recipient = None
    if args.encrypt_to:
        try:
            recipient = sync_queries.encryption_key(ws, args.encrypt_to)
        except ValueError as exc:
            fail(str(exc))
        if recipient is None:
            fail(f"没有指纹为 {args.encrypt_to} 的、已登记未吊销且带加密公钥的密钥")
    if args.to_parent:
        if args.inspections or args.direction:
            fail("--to-parent 导出本机关的全部记录：不能与 --inspections、--direction 同用")
        result = sync_ops.export_rollup(ws, identity, args.output, with_photos=args.with_photos,
                                        encrypt_to=recipient)
    else:
        if args.with_photos:
            fail("--with-photos 只用于 --to-parent（汇总数据包）")
        result = sync_ops.export_bundle(ws, identity, args.output, inspection_ids=args.inspections,
                                        direction=Direction(args.direction) if args.direction else None,
                                        encrypt_to=recipient)
    what = "汇总" if args.to_parent else "导出"
    photos = ("，含照片" if args.with_photos else "，不含照片（--with-photos）") if args.to_parent else ""
    write_out(f"已{what} {len(result.inspections)} 项检查到 {result.path}{photos}\n"
              f"  数据包 {result.bundle_id}，序号（sequence）{result.sequence}，{result.direction.value}"
              f"{'，已加密（encrypted）' if result.encrypted else ''}\n"
              f"  签名密钥指纹：{format_fingerprint(result.fingerprint)}\n")
    return 0


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    files = sync_queries.bundle_files(args.paths)
    if not files:
        fail("没有找到数据包文件（*.inspbundle、*.zip、*.enc）")
    identity: sync_ops.Identity | None = None
    if any(p.is_file() and is_encrypted(p) for p in files):
        try:
            identity = sync_ops.load_identity(ws, keyring_for(ws), with_encryption=True)
        except SecretsError as exc:
            print(f"inspector-app: 无法打开加密的数据包：{exc}", file=sys.stderr)
    result = sync_ops.import_paths(ws, files, identity=identity)
    bad = 0
    for report in result.reports:
        # 已拒绝 [code]: the stable code (docs/bundle-format.md, "Import errors") for scripts and support.
        status = _STATUS.get(report.status, report.status) + (f" [{report.code}]" if report.code else "")
        write_out(f"{report.path}：{status}" + (f" – {report.reason}" if report.reason else "") + "\n")
        if report.status == "rejected":
            bad += 1
            if report.fingerprint:
                write_out(f"  密钥指纹：{format_fingerprint(report.fingerprint)}\n")
            continue
        counts = report.counts()
        if counts:
            write_out("  " + "，".join(f"{_ACTIONS.get(k, k)} {v}" for k, v in sorted(counts.items())) + "\n")
        if report.rollup:  # a roll-up: what it did to each kind of record
            write_out(f"  汇总自 {report.rollup}：\n")
            for kind, actions in sorted(report.counts_by_kind().items()):
                write_out(f"    {_KINDS.get(kind, kind)}：" + "，".join(
                    f"{_ACTIONS.get(k, k)} {v}" for k, v in sorted(actions.items())) + "\n")
        for line in report.lines:
            if line.action in ("conflict", "rejected", "warning"):  # a warning: imported, but look at it
                write_out(f"  {_ACTIONS.get(line.action, line.action)}：{_KINDS.get(line.kind, line.kind)}"
                          f" {line.key}：{line.reason}\n")
    return 1 if bad else 0


_STATUS = {"imported": "已导入", "already imported": "已导入过", "rejected": "已拒绝", "cancelled": "已取消"}
_ACTIONS = {"added": "新增", "updated": "更新", "unchanged": "不变", "conflict": "冲突", "rejected": "拒绝",
            "warning": "警告", "removed": "移除"}
_KINDS = {"template": "检查表", "campaign": "活动", "enterprise": "企业", "inspection": "检查", "filed_report": "报送的报告",
          "office": "下级机关的文书设置"}


def _decryption_key(ws: Workspace, path: Path) -> bytes | None:
    """This installation's decryption key when ``path`` is an encrypted bundle, else ``None``."""
    if not path.is_file() or not is_encrypted(path):
        return None
    identity = sync_ops.load_identity(ws, keyring_for(ws), with_encryption=True)
    return identity.encryption_private


@contextlib.contextmanager
def _plain(ws: Workspace, path: Path) -> Iterator[Path]:
    """``path`` itself, or a decrypted temporary copy when it is an encrypted bundle."""
    key = _decryption_key(ws, path)
    if key is None:
        yield path
        return
    with tempfile.TemporaryDirectory(dir=ws.root, prefix=".import-") as tmp:
        plain = Path(tmp) / "decrypted.inspbundle"
        decrypt_file(path, plain, key)
        yield plain


def _verify(ws: Workspace, args: argparse.Namespace) -> int:
    check = sync_queries.check_bundle(ws, args.file, decryption_key=_decryption_key(ws, args.file))
    write_out(f"{args.file}：有效 – {check.payload_files} 个载荷文件，由 "
              f"{check.signer_name or '?'}（{format_fingerprint(check.signer_fingerprint)}）签名\n")
    return 0


def _show(args: argparse.Namespace) -> int:
    ws = workspace(args) if args.file.is_file() and is_encrypted(args.file) else None
    with contextlib.ExitStack() as stack:
        plain = stack.enter_context(_plain(ws, args.file)) if ws is not None else args.file
        if ws is not None:
            stack.callback(ws.close)
        bundle = stack.enter_context(verify_bundle(plain, None))
        h = bundle.header
        kinds: dict[str, int] = {}
        for path in bundle.payload:
            kind = "/".join(path.split("/")[1:3])
            kinds[kind] = kinds.get(kind, 0) + 1
        doc = {"bundle_id": h.bundle_id, "format_version": h.format_version, "direction": h.direction.value,
               "producer": h.producer_name, "device_id": h.device_id,
               "key_fingerprint": format_fingerprint(h.key_fingerprint), "sequence": h.sequence,
               "created_at": h.created_at, "payload": kinds,
               "inspections": h.extra.get("inspections", []),
               "note": "只核对了数据包自带的密钥所作的签名；是否可信请用 'bundle verify' 检查"}
    if args.format == "json":
        write_out(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
    else:
        write_out("".join(f"{k}: {v}\n" for k, v in doc.items()))
    return 0


def _conflicts(ws: Workspace) -> int:
    for c in sync_queries.open_conflicts(ws):
        write_out(f"{c.id}\t{c.inspection_uid}\t本机 r{c.local_revision}\t传入 r{c.incoming_revision}"
                  f"\t{c.reason}\n")
    return 0


def _resolve(ws: Workspace, args: argparse.Namespace) -> int:
    sync_ops.resolve_conflict(ws, args.id, take_incoming=args.keep == "incoming", actor=actor(args))
    write_out(f"冲突 {args.id} 已处理（{'保留本机' if args.keep == 'local' else '采用传入'}，{args.keep}）\n")
    return 0


# -- keys -----------------------------------------------------------------------------------------
def keys_command(args: argparse.Namespace) -> int:
    ws = workspace(args)
    try:
        handler = {"show": _keys_show, "export-public": _export_public, "enrol": _enrol,
                   "revoke": _revoke, "unrevoke": _unrevoke, "role": _role, "store": _store}[args.action]
        return handler(ws, args)
    finally:
        ws.close()


def _keys_show(ws: Workspace, args: argparse.Namespace) -> int:
    keyring = keyring_for(ws)
    status = backend_status(keyring) if keyring is not None else backend_status()
    write_out(f"keyring: {status.state.value} – {status.message}\n")
    try:
        identity = sync_ops.load_identity(ws, keyring)
        write_out(f"device: {identity.device_id}\nfingerprint: {format_fingerprint(identity.signer.fingerprint)}\n")
    except InsecureKeyringError:
        write_out("fingerprint: （无——没有安全的系统密钥环；可改用口令保护的密钥文件：keys store passphrase-file）\n")
    write_out(f"role: {sync_queries.role(ws)}\n已登记的密钥（enrolled keys）：\n")
    for key in sync_queries.trusted_keys(ws):
        state = f"已吊销（revoked {key.revoked_at}）" if key.revoked else "受信任（trusted）"
        area = f"  {key.jurisdiction}" if key.jurisdiction else ""  # an office key's area (signed)
        write_out(f"  {format_fingerprint(key.fingerprint)}  {key.name}  {key.role}{area}  {state}\n")
    return 0


def _export_public(ws: Workspace, args: argparse.Namespace) -> int:
    key = sync_ops.export_public_key(ws, args.output, keyring=keyring_for(ws), name=args.name or "")
    write_out(f"公钥已写入 {args.output}\nfingerprint: {format_fingerprint(key.fingerprint)}\n")
    return 0


def _enrol(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        key = PublicKeyFile.parse(Path(args.file).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, KeyFileError) as exc:
        fail(f"无法读取公钥文件 {args.file}：{exc}")
    shown = format_fingerprint(key.fingerprint)
    if args.fingerprint:
        try:
            confirmed = normalize_fingerprint(args.fingerprint) == key.fingerprint
        except ValueError as exc:
            fail(str(exc))
        if not confirmed:
            fail(f"给出的指纹与密钥文件的指纹（{shown}）不符（does not match）：不要登记此密钥")
    elif sys.stdin.isatty():
        area = f"，辖区 {key.jurisdiction}" if key.jurisdiction else ""
        write_out(f"{key.name}（{key.role}，设备 {key.device_id}{area}），指纹：\n  {shown}\n"
                  "密钥的主人读出的指纹、姓名和角色与此相同吗？[y/N] ")
        if input().strip().lower() not in ("y", "yes", "是"):
            fail("未登记")
    else:
        fail(f"请先与密钥的主人核对指纹，再用 --fingerprint 给出：{shown}")
    try:
        sync_ops.enrol_key(ws, key, actor(args))
    except KeyFileError as exc:
        fail(f"未登记 [{exc.code}]：{exc}")
    area = f"，辖区 {key.jurisdiction}" if key.jurisdiction else ""
    write_out(f"已登记（enrolled）{key.name}（{key.role}{area}）{shown}\n")
    return 0


def _revoke(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        sync_ops.revoke_key(ws, args.fingerprint, actor(args))
    except ValueError as exc:
        fail(str(exc))
    write_out(f"已吊销（revoked）{format_fingerprint(args.fingerprint)}\n")
    return 0


def _unrevoke(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        sync_ops.unrevoke_key(ws, args.fingerprint, actor(args))
    except ValueError as exc:
        fail(str(exc))
    except KeyFileError as exc:
        fail(f"未撤销吊销 [{exc.code}]：{exc}")
    write_out(f"已撤销吊销（unrevoked），重新信任 {format_fingerprint(args.fingerprint)}\n")
    return 0


def _role(ws: Workspace, args: argparse.Namespace) -> int:
    if args.value:
        sync_ops.set_role(ws, args.value, actor(args))
    write_out(f"role: {args.value or sync_queries.role(ws)}\n")
    return 0


def _store(ws: Workspace, args: argparse.Namespace) -> int:
    """Show or change where the private keys are kept; the keys made so far move along (``--new-key``: not)."""
    current, path = sync_queries.key_store(ws)
    if args.value and args.value != current:
        source = keyring_for(ws)  # the file's passphrase when leaving it
        asked = passphrase if path.exists() else new_passphrase
        target = None if args.value == "keyring" else PassphraseFileKeyring(path, asked)
        try:
            copied = sync_ops.set_key_store(ws, args.value, actor(args), source=source, target=target,
                                            copy_keys=not args.new_key).value
        except SecretsError as exc:
            fail(f"未更改密钥保存方式：{exc}")
        current = args.value
        write_out(f"已复制 {copied} 个私钥到新的保存位置\n" if copied else "新的保存位置中将在首次使用时生成新密钥\n")
    where = f"（{path}）" if current == "passphrase-file" else ""
    write_out(f"key store: {current}{where}\n")
    return 0
