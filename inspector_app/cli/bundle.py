"""``inspector-app bundle …`` and ``inspector-app keys …``: sync by bundle from the command line (no Qt).

State changes go through ``services.ops.sync`` (the GUI calls the same operations, so both write the
same audit rows); lists and checks through ``services.queries.sync``."""

from __future__ import annotations

import argparse
import contextlib
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
from inspector_app.cli import bundle_show
from inspector_app.cli.common import CliError, actor, fail, workspace, write_out
from inspector_app.cli.keysource import keyring_for, new_passphrase, passphrase
from inspector_app.domain.errors import InspectorError
from inspector_app.secrets import InsecureKeyringError, PassphraseFileKeyring, SecretsError, backend_status
from inspector_app.services.ops import sync as sync_ops
from inspector_app.services.queries import sync as sync_queries
from inspector_app.storage.engine import Workspace
from inspector_app.translation import N_, _, is_english


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
            fail(_("没有指纹为 {encrypt_to} 的、已登记未吊销且带加密公钥的密钥").format(encrypt_to=args.encrypt_to))
    if args.to_parent:
        if args.inspections or args.direction:
            fail(_("--to-parent 导出本机关的全部记录：不能与 --inspections、--direction 同用"))
        result = sync_ops.export_rollup(ws, identity, args.output, with_photos=args.with_photos,
                                        encrypt_to=recipient)
    else:
        if args.with_photos:
            fail(_("--with-photos 只用于 --to-parent（汇总数据包）"))
        result = sync_ops.export_bundle(ws, identity, args.output, inspection_ids=args.inspections,
                                        direction=Direction(args.direction) if args.direction else None,
                                        encrypt_to=recipient)
    if not args.to_parent:
        done = _("已导出 {count} 项检查到 {path}").format(count=len(result.inspections), path=result.path)
    elif args.with_photos:
        done = _("已汇总 {count} 项检查到 {path}，含照片").format(count=len(result.inspections), path=result.path)
    else:
        done = _("已汇总 {count} 项检查到 {path}，不含照片（--with-photos）").format(
            count=len(result.inspections), path=result.path)
    kind = _(bundle_show.KIND_LABELS[result.direction])
    write_out(done + "\n" + (_("  数据包 {bundle_id}，序号 {sequence}，{kind}，已加密\n") if result.encrypted
                             else _("  数据包 {bundle_id}，序号 {sequence}，{kind}\n")).format(
        bundle_id=result.bundle_id, sequence=result.sequence, kind=kind)
        + _("  签名密钥指纹：{fingerprint}\n").format(fingerprint=format_fingerprint(result.fingerprint)))
    return 0


def _import(ws: Workspace, args: argparse.Namespace) -> int:
    files = sync_queries.bundle_files(args.paths)
    if not files:
        fail(_("没有找到数据包文件（*.inspbundle、*.zip、*.enc）"))
    identity: sync_ops.Identity | None = None
    if any(p.is_file() and is_encrypted(p) for p in files):
        try:
            identity = sync_ops.load_identity(ws, keyring_for(ws), with_encryption=True)
        except SecretsError as exc:
            print(_("inspector-app: 无法打开加密的数据包：{exc}").format(exc=exc), file=sys.stderr)
    result = sync_ops.import_paths(ws, files, identity=identity)
    bad = 0
    for report in result.reports:
        # 已拒绝 [code]: the stable code (docs/bundle-format.md, "Import errors") for scripts and support.
        status = _(_STATUS.get(report.status, report.status)) + (f" [{report.code}]" if report.code else "")
        write_out(_("{path}：{status}").format(path=report.path, status=status)
                  + (f" – {report.reason}" if report.reason else "") + "\n")
        if report.status == "rejected":
            bad += 1
            if report.fingerprint:
                write_out(_("  密钥指纹：{fingerprint}\n").format(fingerprint=format_fingerprint(report.fingerprint)))
            continue
        counts = report.counts()
        if counts:
            write_out("  " + _("，").join(_count(k, v) for k, v in sorted(counts.items())) + "\n")
        if report.rollup:  # a roll-up: what it did to each kind of record
            write_out(_("  汇总自 {rollup}：\n").format(rollup=report.rollup))
            for kind, actions in sorted(report.counts_by_kind().items()):
                write_out(_("    {kind}：{counts}\n").format(kind=_(_KINDS.get(kind, kind)), counts=_("，").join(
                    _count(k, v) for k, v in sorted(actions.items()))))
        for line in report.lines:
            if line.kind in ("template", "campaign") and line.action == "added":  # by title and version
                write_out(_("  {action}：{kind} {name}\n").format(
                    action=_(_ACTIONS[line.action]), kind=_(_KINDS[line.kind]), name=line.title or line.key))
            if line.action in ("conflict", "rejected", "warning"):  # a warning: imported, but look at it
                write_out(_("  {action}：{kind} {name}：{reason}\n").format(
                    action=_(_ACTIONS.get(line.action, line.action)), kind=_(_KINDS.get(line.kind, line.kind)),
                    name=line.title or line.key, reason=line.reason))
    return 1 if bad else 0


_STATUS = {"imported": N_("已导入"), "already imported": N_("已导入过"), "rejected": N_("已拒绝"),
           "cancelled": N_("已取消")}
_ACTIONS = {"added": N_("新增"), "updated": N_("更新"), "unchanged": N_("不变"), "conflict": N_("冲突"),
            "rejected": N_("拒绝"), "warning": N_("警告"), "removed": N_("移除")}
_KINDS = {"template": N_("检查表"), "campaign": N_("活动"), "enterprise": N_("企业"), "inspection": N_("检查"),
          "filed_report": N_("报送的报告"), "office": N_("下级机关的文书设置"), "case": N_("摘牌案卷")}


def _count(action: str, count: int) -> str:
    return _("{action} {count}").format(action=_(_ACTIONS.get(action, action)), count=count)


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
    write_out(_("{file}：有效 – {count} 个载荷文件，由 {signer}（{fingerprint}）签名\n").format(
        file=args.file, count=check.payload_files, signer=check.signer_name or "?",
        fingerprint=format_fingerprint(check.signer_fingerprint)))
    return 0


def _show(args: argparse.Namespace) -> int:
    ws = workspace(args) if args.file.is_file() and is_encrypted(args.file) else None
    with contextlib.ExitStack() as stack:
        plain = stack.enter_context(_plain(ws, args.file)) if ws is not None else args.file
        if ws is not None:
            stack.callback(ws.close)
        bundle = stack.enter_context(verify_bundle(plain, None))
        doc = bundle_show.summary(bundle)
    write_out(bundle_show.as_json(doc) if args.format == "json" else bundle_show.as_text(doc))
    return 0


def _conflicts(ws: Workspace) -> int:
    found = sync_queries.open_conflicts(ws)
    if not found:  # said on stderr: a script reading stdout still gets an empty list
        print(_("没有待处理的同步冲突"), file=sys.stderr)
    for c in found:
        write_out(_("{id}\t{inspection_uid}\t本机 r{local}\t传入 r{incoming}\t{reason}\n").format(
            id=c.id, inspection_uid=c.inspection_uid, local=c.local_revision, incoming=c.incoming_revision,
            reason=c.reason))
    return 0


def _resolve(ws: Workspace, args: argparse.Namespace) -> int:
    sync_ops.resolve_conflict(ws, args.id, take_incoming=args.keep == "incoming", actor=actor(args))
    write_out((_("冲突 {id} 已处理：保留本机的版本（local）\n") if args.keep == "local"
               else _("冲突 {id} 已处理：采用传入的版本（incoming）\n")).format(id=args.id))
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
    message = status.message_en if is_english() and status.message_en else status.message
    write_out(_("密钥环：{state} – {message}\n").format(
        state=_(_KEYRING_STATES.get(status.state.value, status.state.value)), message=message))
    try:
        identity = sync_ops.load_identity(ws, keyring)
        write_out(_("设备：{device_id}\n指纹：{fingerprint}\n").format(
            device_id=identity.device_id, fingerprint=format_fingerprint(identity.signer.fingerprint)))
    except InsecureKeyringError:
        write_out(_("指纹：（无——没有安全的系统密钥环；可改用口令保护的密钥文件：keys store passphrase-file）\n"))
    write_out(_("角色：{role}\n已登记的密钥：\n").format(role=_role_text(sync_queries.role(ws))))
    for key in sync_queries.trusted_keys(ws):
        state = _("已吊销（{revoked_at}）").format(revoked_at=key.revoked_at) if key.revoked else _("受信任")
        area = f"  {key.jurisdiction}" if key.jurisdiction else ""  # an office key's area (signed)
        write_out(f"  {format_fingerprint(key.fingerprint)}  {key.name}  {_role_text(key.role)}{area}  {state}\n")
    return 0


def _export_public(ws: Workspace, args: argparse.Namespace) -> int:
    key = sync_ops.export_public_key(ws, args.output, keyring=keyring_for(ws), name=args.name or "")
    write_out(_("公钥已写入 {output}\n指纹：{fingerprint}\n").format(output=args.output,
                                                              fingerprint=format_fingerprint(key.fingerprint)))
    return 0


def _enrol(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        key = PublicKeyFile.parse(Path(args.file).read_text("utf-8"))
    except (OSError, UnicodeDecodeError, KeyFileError) as exc:
        fail(_("无法读取公钥文件 {file}：{exc}").format(file=args.file, exc=exc))
    shown = format_fingerprint(key.fingerprint)
    if args.fingerprint:
        try:
            confirmed = normalize_fingerprint(args.fingerprint) == key.fingerprint
        except ValueError as exc:
            fail(str(exc))
        if not confirmed:
            fail(_("给出的指纹与密钥文件的指纹（{shown}）不符：不要登记此密钥").format(shown=shown))
    elif sys.stdin.isatty():
        area = _("，辖区 {jurisdiction}").format(jurisdiction=key.jurisdiction) if key.jurisdiction else ""
        write_out(_("{name}（{role}，设备 {device_id}{area}），指纹：\n  {shown}\n"
                    "密钥的主人读出的指纹、姓名和角色与此相同吗？[y/N] ").format(
            name=key.name, role=_role_text(key.role), device_id=key.device_id, area=area, shown=shown))
        if input().strip().lower() not in ("y", "yes", _("是")):
            fail(_("未登记"))
    else:
        fail(_("请先与密钥的主人核对指纹，再用 --fingerprint 给出：{shown}").format(shown=shown))
    try:
        sync_ops.enrol_key(ws, key, actor(args))
    except KeyFileError as exc:
        fail(_("未登记 [{code}]：{exc}").format(code=exc.code, exc=exc))
    area = _("，辖区 {jurisdiction}").format(jurisdiction=key.jurisdiction) if key.jurisdiction else ""
    write_out(_("已登记 {name}（{role}{area}）{shown}\n").format(name=key.name, role=_role_text(key.role), area=area, shown=shown))
    return 0


def _revoke(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        sync_ops.revoke_key(ws, args.fingerprint, actor(args))
    except ValueError as exc:
        fail(str(exc))
    write_out(_("已吊销 {fingerprint}\n").format(fingerprint=format_fingerprint(args.fingerprint)))
    return 0


def _unrevoke(ws: Workspace, args: argparse.Namespace) -> int:
    try:
        sync_ops.unrevoke_key(ws, args.fingerprint, actor(args))
    except ValueError as exc:
        fail(str(exc))
    except KeyFileError as exc:
        fail(_("未撤销吊销 [{code}]：{exc}").format(code=exc.code, exc=exc))
    write_out(_("已撤销吊销，重新信任 {fingerprint}\n").format(fingerprint=format_fingerprint(args.fingerprint)))
    return 0


def _role(ws: Workspace, args: argparse.Namespace) -> int:
    if args.value:
        sync_ops.set_role(ws, args.value, actor(args))
    write_out(_("角色：{role}\n").format(role=_role_text(args.value or sync_queries.role(ws))))
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
            fail(_("未更改密钥保存方式：{exc}").format(exc=exc))
        current = args.value
        write_out(_("已复制 {copied} 个私钥到新的保存位置\n").format(copied=copied) if copied
                  else _("新的保存位置中将在首次使用时生成新密钥\n"))
    where = f"（{path}）" if current == "passphrase-file" else ""
    write_out(_("密钥保存方式：{store}{where}\n").format(store=_(_STORES.get(current, current)), where=where))
    return 0


_ROLES = {"inspector": N_("检查人员（inspector）"), "office": N_("机关（office）")}
_STORES = {"keyring": N_("系统密钥环（keyring）"), "passphrase-file": N_("口令保护的密钥文件（passphrase-file）")}
_KEYRING_STATES = {"secure": N_("可用"), "missing": N_("没有"), "insecure": N_("不安全")}


def _role_text(role: str) -> str:
    """A role as people read it, with the word the commands take (keys role office)."""
    return _(_ROLES[role]) if role in _ROLES else role
