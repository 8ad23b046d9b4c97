"""``demo``: fill the workspace with realistic Changzhou demo data; ``demo --pair OFFICE_DIR INSPECTOR_DIR``:
a district office and an inspector's laptop for training, sharing enterprises, assignments and keys."""

from __future__ import annotations

import argparse
import os

from inspector_app.bundle.signing import format_fingerprint
from inspector_app.cli.common import fail, workspace, write_out
from inspector_app.demo.pair import TRAINEES, PairResult, build_pair
from inspector_app.demo.workspace import build
from inspector_app.secrets import PASSPHRASE_ENV, backend_status
from inspector_app.secrets.filekey import MIN_PASSPHRASE
from inspector_app.translation import _, is_english


def demo(args: argparse.Namespace) -> int:
    if getattr(args, "pair", None):
        return pair(args)
    ws = workspace(args)
    result = build(ws, enterprises=args.enterprises, seed=args.seed)
    write_out(_("演示数据已写入 {folder}：企业 {enterprises} 家，检查 {inspections} 项，隐患 {findings} 条\n").format(
        folder=ws.root, enterprises=result.enterprises, inspections=result.inspections, findings=result.findings))
    return 0


def pair(args: argparse.Namespace) -> int:
    """The keys go where the keys of these workspaces will be used: the system keyring when it is secure,
    else each workspace's passphrase-protected key file with the passphrase in ``INSPECTOR_KEY_PASSPHRASE``."""
    office_dir, inspector_dir = (p.expanduser().absolute() for p in args.pair)
    passphrase = None
    status = backend_status()
    if not status.secure:
        passphrase = os.environ.get(PASSPHRASE_ENV) or None
        if passphrase is None or len(passphrase) < MIN_PASSPHRASE:
            fail(_("{problem}\n培训用的工作区需要保存签名密钥：请在有系统密钥环的电脑上运行，或设置环境变量 {env}"
                   "（至少 {n} 个字符），密钥将保存在两个工作区各自的、用该口令保护的密钥文件中").format(
                problem=status.message_en if is_english() else status.message, env=PASSPHRASE_ENV, n=MIN_PASSPHRASE))
    enterprises = args.enterprises if args.enterprises != 240 else 24  # 240 is the single demo's default
    result = build_pair(office_dir, inspector_dir, passphrase=passphrase, enterprises=max(8, enterprises),
                        seed=args.seed)
    write_out(describe(result, passphrase is not None))
    return 0


def describe(result: PairResult, key_files: bool) -> str:
    """What was made and the trainer's next steps, in the interface language."""
    office, laptop = result.office, result.inspector
    names = "、".join(name for name, _cert in TRAINEES)
    lines = [
        _("已生成培训用的一对工作区（企业、分配和密钥双方共用）："),
        _("  区应急管理局（办公室）：{folder}").format(folder=office),
        _("    企业 {count} 家（常州市武进区，名单见 {register}）；已分配检查 {assigned} 项给 {names}，另有 {others} 项给其他检查人员").format(
            count=result.enterprises, register=result.register, assigned=len(result.assigned), names=names,
            others=result.others),
        _("  检查员的笔记本：{folder}").format(folder=laptop),
        _("    已导入办公室的分配数据包 {bundle}：检查 {count} 项（即分配给 {names} 的检查），企业与办公室的相同").format(
            bundle=result.bundle, count=len(result.laptop_inspections), names=names),
        _("  同一项检查在两边的编号不同（各自的数据库分别编号），对照如下："),
        *(_("    办公室 #{office} = 笔记本 #{laptop}  {enterprise}").format(office=o, laptop=lp, enterprise=name)
          for o, lp, name in result.matching),
        _("  双方的公钥已互相登记，指纹："),
        _("    办公室 {fingerprint}").format(fingerprint=format_fingerprint(result.office_fingerprint)),
        _("    检查员 {fingerprint}").format(fingerprint=format_fingerprint(result.inspector_fingerprint)),
    ]
    if key_files:
        lines.append(_("  私钥保存在两个工作区各自的密钥文件中，口令为环境变量 {env} 的值").format(env=PASSPHRASE_ENV))
    lines += [
        "",
        _("培训的下一步："),
        _("  1. 检查员打开笔记本的工作区：inspector-app --data-dir \"{folder}\" gui").format(folder=laptop),
        _("     检查列表中正好是分配的 {count} 项；逐项检查、登记隐患、签名并完成").format(count=len(result.laptop_inspections)),
        _("  2. 检查员导出数据包（文件 → 导出数据包…，或 inspector-app --data-dir \"{folder}\" bundle export -o 结果.inspbundle）").format(
            folder=laptop),
        _("  3. 办公室打开：inspector-app --data-dir \"{folder}\" gui，导入检查员的数据包，审核后验收或退回").format(folder=office),
        _("  4. 办公室可继续分配检查，只把该检查员的检查导出给他：bundle export --direction office-to-inspector "
          "--inspections 编号… --encrypt-to {fingerprint} -o 分配.inspbundle").format(
            fingerprint=result.inspector_fingerprint),
    ]
    return "\n".join(lines) + "\n"
