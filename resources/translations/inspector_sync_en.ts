<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ConflictDialog</name>
    <message>
        <source>同步冲突</source>
        <translation>Sync conflicts</translation>
    </message>
    <message>
        <source>以下检查在本机和对方都被修改过，导入时没有覆盖本机的版本。请逐项比较后选择：“采用对方版本”用导入的内容替换本机内容；“保留本地版本”则忽略导入的内容。两种选择都会记入审计记录。</source>
        <translation>These inspections were changed both here and on the other side, so the import did not overwrite the local version. Compare each one and choose: &quot;Take incoming&quot; replaces the local content with the imported one; &quot;Keep local&quot; ignores the imported one. Either choice is recorded in the audit trail.</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>本地版本</source>
        <translation>Local revision</translation>
    </message>
    <message>
        <source>对方版本</source>
        <translation>Incoming revision</translation>
    </message>
    <message>
        <source>发现时间</source>
        <translation>Detected</translation>
    </message>
    <message>
        <source>本地</source>
        <translation>Local</translation>
    </message>
    <message>
        <source>对方（导入）</source>
        <translation>Incoming (imported)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>评定等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>处理建议</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>已检查项</source>
        <translation>Items checked</translation>
    </message>
    <message>
        <source>隐患数</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>审核意见</source>
        <translation>Reviewer&apos;s comment</translation>
    </message>
    <message>
        <source>采用对方版本</source>
        <translation>Take incoming</translation>
    </message>
    <message>
        <source>保留本地版本</source>
        <translation>Keep local</translation>
    </message>
    <message>
        <source>无法读取冲突列表</source>
        <translation>Cannot read the conflict list</translation>
    </message>
    <message>
        <source>版本 %1</source>
        <translation>revision %1</translation>
    </message>
    <message>
        <source>用对方的版本替换本机的检查“%1”吗？本机的修改将被覆盖。</source>
        <translation>Replace the local inspection &quot;%1&quot; by the incoming version? The local changes will be overwritten.</translation>
    </message>
    <message>
        <source>保留本机的检查“%1”，忽略导入的版本吗？</source>
        <translation>Keep the local inspection &quot;%1&quot; and ignore the imported version?</translation>
    </message>
    <message>
        <source>处理冲突</source>
        <translation>Resolve conflict</translation>
    </message>
    <message>
        <source>冲突未处理</source>
        <translation>Conflict not resolved</translation>
    </message>
</context>
<context>
    <name>DocumentActions</name>
    <message>
        <source>打印检查记录…</source>
        <translation>Print inspection sheet…</translation>
    </message>
    <message>
        <source>打印</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>预览、打印或另存为 PDF：现场检查记录、责令限期整改指令书、整改复查意见书（Ctrl+P）</source>
        <translation>Preview, print or save as PDF: on-site inspection record, rectification order, re-inspection opinion (Ctrl+P)</translation>
    </message>
    <message>
        <source>核验纸质记录…</source>
        <translation>Verify a paper sheet…</translation>
    </message>
    <message>
        <source>输入纸质记录上的核验码，检查它与数据库是否一致（Ctrl+Shift+K）</source>
        <translation>Enter the code printed on a paper sheet to check it against the database (Ctrl+Shift+K)</translation>
    </message>
    <message>
        <source>请先在列表中选择一项检查。</source>
        <translation>Select an inspection in the list first.</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <source>登记公钥</source>
        <translation>Enrol a public key</translation>
    </message>
    <message>
        <source>请当面或打电话给密钥持有人，让对方打开“设置 → 密钥与信任”读出本机指纹，与下面的 16 组逐组核对。只要有一个字符不同，就不要登记——文件可能在传递途中被替换。</source>
        <translation>Meet or phone the key&apos;s owner and have them open &quot;Settings → Keys and trust&quot; and read out their fingerprint; compare it with the 16 groups below, group by group. If a single character differs, do not enrol: the file may have been replaced on its way.</translation>
    </message>
    <message>
        <source>姓名或单位（密钥文件所载）：</source>
        <translation>Name or organisation (as in the key file):</translation>
    </message>
    <message>
        <source>角色：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>加密公钥：</source>
        <translation>Encryption key:</translation>
    </message>
    <message>
        <source>有（可向其发送加密数据包）</source>
        <translation>yes (encrypted bundles can be sent to it)</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>我已当面或通过电话与密钥持有人核对了全部指纹，完全一致</source>
        <translation>I compared the whole fingerprint with the key&apos;s owner in person or by phone, and it matches exactly</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Enrol</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>导出数据包</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <source>检查人员：</source>
        <translation>Inspector:</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Check all</translation>
    </message>
    <message>
        <source>全不选</source>
        <translation>Check none</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>被检查单位</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>加密给：</source>
        <translation>Encrypt to:</translation>
    </message>
    <message>
        <source>用 U 盘或电子邮件传送时建议加密：只有对方的电脑能打开。</source>
        <translation>Recommended for USB sticks and e-mail: only the other side&apos;s computer can open it.</translation>
    </message>
    <message>
        <source>保存到：</source>
        <translation>Save to:</translation>
    </message>
    <message>
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>正在读取待导出的检查…</source>
        <translation>Reading the inspections to export…</translation>
    </message>
    <message>
        <source>本机角色：%1。导出任务分配、退回修改和已验收的检查，交给检查人员导入。</source>
        <translation>This installation&apos;s role: %1. Exports assignments and returned or accepted inspections for the inspectors to import.</translation>
    </message>
    <message>
        <source>本机角色：%1。导出已完成的检查（含评分、隐患、照片、签名和审计记录），交给市局导入。导出后检查状态变为“已导出”。</source>
        <translation>This installation&apos;s role: %1. Exports completed inspections (with scores, hazards, photos, signatures and audit trail) for the office to import. Exported inspections become &quot;Exported&quot;.</translation>
    </message>
    <message>
        <source>无法读取待导出的检查</source>
        <translation>Cannot read the inspections to export</translation>
    </message>
    <message>
        <source>（没有登记带加密公钥的对方密钥）</source>
        <translation>(no enrolled key of the other side has an encryption key)</translation>
    </message>
    <message>
        <source>没有需要导出的检查（全部已被对方确认）。</source>
        <translation>Nothing to export (the other side has confirmed everything).</translation>
    </message>
    <message>
        <source>待导出 %1 项，已选 %2 项</source>
        <translation>%1 pending, %2 checked</translation>
    </message>
    <message>
        <source>保存数据包</source>
        <translation>Save bundle</translation>
    </message>
    <message>
        <source>Inspector 数据包 (*.inspbundle)</source>
        <translation>Inspector bundles (*.inspbundle)</translation>
    </message>
    <message>
        <source>文件已存在</source>
        <translation>File exists</translation>
    </message>
    <message>
        <source>%1 已存在。要替换它吗？</source>
        <translation>%1 already exists. Replace it?</translation>
    </message>
    <message>
        <source>数据包未导出</source>
        <translation>Bundle not exported</translation>
    </message>
    <message>
        <source>正在导出数据包…</source>
        <translation>Exporting bundle…</translation>
    </message>
    <message>
        <source>已导出 %1 项检查到
%2

数据包序号 %3%4。
本机密钥指纹：%5</source>
        <translation>Exported %1 inspection(s) to
%2

Bundle sequence number %3%4.
Signed by this installation&apos;s key:
%5</translation>
    </message>
    <message>
        <source>，已加密</source>
        <translation>, encrypted</translation>
    </message>
    <message>
        <source>导出完成</source>
        <translation>Export finished</translation>
    </message>
</context>
<context>
    <name>ImportReportDialog</name>
    <message>
        <source>数据包导入报告</source>
        <translation>Bundle import report</translation>
    </message>
    <message>
        <source>共 %1 个文件：已导入 %2，已导入过 %3，已拒绝 %4。</source>
        <translation>%1 file(s): %2 imported, %3 already imported, %4 rejected.</translation>
    </message>
    <message>
        <source>其中的记录：新增 %1，更新 %2，冲突 %3，拒绝 %4。</source>
        <translation>Records in them: %1 added, %2 updated, %3 in conflict, %4 rejected.</translation>
    </message>
    <message>
        <source>有 %1 项冲突等待处理：对方的修改与本机的修改不一致，不会自动覆盖。</source>
        <translation>%1 conflict(s) waiting: the other side&apos;s changes and the local ones differ, so nothing was overwritten.</translation>
    </message>
    <message>
        <source>导入已取消：其余 %1 个文件没有导入（已导入的保持不变），可以稍后再导入。</source>
        <translation>Import cancelled: the remaining %1 file(s) were not imported (those already imported stay); import them later.</translation>
    </message>
    <message>
        <source>所选位置没有找到数据包文件（*.inspbundle）。</source>
        <translation>No bundle files (*.inspbundle) were found there.</translation>
    </message>
    <message>
        <source>处理冲突…</source>
        <translation>Resolve conflicts…</translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>内容</source>
        <translation>Content</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Action</translation>
    </message>
</context>
<context>
    <name>KeysDialog</name>
    <message>
        <source>密钥与信任</source>
        <translation>Keys and trust</translation>
    </message>
    <message>
        <source>本机</source>
        <translation>This installation</translation>
    </message>
    <message>
        <source>本机角色：</source>
        <translation>Role of this installation:</translation>
    </message>
    <message>
        <source>本机密钥指纹（登记时请对方逐组核对，可在电话中读出）：</source>
        <translation>Fingerprint of this installation&apos;s key (read it out to the other side, group by group, when they enrol it):</translation>
    </message>
    <message>
        <source>复制指纹</source>
        <translation>Copy fingerprint</translation>
    </message>
    <message>
        <source>导出公钥…</source>
        <translation>Export public key…</translation>
    </message>
    <message>
        <source>已登记（信任）的密钥</source>
        <translation>Enrolled (trusted) keys</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>指纹</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>登记公钥…</source>
        <translation>Enrol a public key…</translation>
    </message>
    <message>
        <source>吊销</source>
        <translation>Revoke</translation>
    </message>
    <message>
        <source>恢复信任…</source>
        <translation>Trust again…</translation>
    </message>
    <message>
        <source>无法读取密钥</source>
        <translation>Cannot read the keys</translation>
    </message>
    <message>
        <source>正在读取…</source>
        <translation>Reading…</translation>
    </message>
    <message>
        <source>本机的签名密钥保存在用口令保护的密钥文件中（%1）。</source>
        <translation>This computer&apos;s signing key is kept in a key file protected by a passphrase (%1).</translation>
    </message>
    <message>
        <source>本机的签名密钥保存在系统密钥环中（%1）。</source>
        <translation>This installation&apos;s signing key is kept in the system keyring (%1).</translation>
    </message>
    <message>
        <source>（没有可用的密钥：%1）</source>
        <translation>(no key available: %1)</translation>
    </message>
    <message>
        <source>系统密钥环不可用</source>
        <translation>the system keyring is not available</translation>
    </message>
    <message>
        <source>已吊销 %1</source>
        <translation>revoked %1</translation>
    </message>
    <message>
        <source>信任（%1 登记）</source>
        <translation>trusted (enrolled %1)</translation>
    </message>
    <message>
        <source>更改本机角色</source>
        <translation>Change the role</translation>
    </message>
    <message>
        <source>把本机角色改为“%1”吗？
检查人员向市局导出完成的检查；市局向检查人员导出任务分配和审核结果。导入时只接受对方角色的数据包。</source>
        <translation>Change the role of this installation to &quot;%1&quot;?
Inspectors export completed inspections to the office; the office exports assignments and review results to the inspectors. An import accepts only bundles from the other role.</translation>
    </message>
    <message>
        <source>角色未更改</source>
        <translation>Role not changed</translation>
    </message>
    <message>
        <source>导出公钥</source>
        <translation>Export public key</translation>
    </message>
    <message>
        <source>Inspector 公钥文件 (*.inspkey)</source>
        <translation>Inspector public key files (*.inspkey)</translation>
    </message>
    <message>
        <source>公钥已导出</source>
        <translation>Public key exported</translation>
    </message>
    <message>
        <source>公钥已保存到
%1

把这个文件交给对方（U 盘或电子邮件均可）。对方登记时，请在电话中或当面与其核对指纹：
%2</source>
        <translation>The public key was saved to
%1

Give this file to the other side (USB stick or e-mail). When they enrol it, compare the fingerprint with them by phone or in person:
%2</translation>
    </message>
    <message>
        <source>公钥未导出</source>
        <translation>Public key not exported</translation>
    </message>
    <message>
        <source>选择对方的公钥文件</source>
        <translation>Choose the other side&apos;s public key file</translation>
    </message>
    <message>
        <source>Inspector 公钥文件 (*.inspkey *.txt);;所有文件 (*)</source>
        <translation>Inspector public key files (*.inspkey *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>密钥未登记</source>
        <translation>Key not enrolled</translation>
    </message>
    <message>
        <source>吊销密钥</source>
        <translation>Revoke key</translation>
    </message>
    <message>
        <source>吊销“%1”的密钥吗？此后由该密钥签名的数据包都将被拒绝。
如对方换了电脑或密钥丢失，请在吊销后重新登记其新公钥。</source>
        <translation>Revoke the key of &quot;%1&quot;? Bundles signed by it will be rejected from now on.
If they changed computers or lost the key, enrol their new public key after revoking.</translation>
    </message>
    <message>
        <source>密钥未吊销</source>
        <translation>Key not revoked</translation>
    </message>
    <message>
        <source>恢复信任</source>
        <translation>Trust again</translation>
    </message>
    <message>
        <source>重新信任“%1”的密钥吗？只有确认该密钥从未落入他人之手（例如误吊销）时才这样做；密钥丢失或电脑被盗时，请让对方生成新密钥并重新登记。此操作会记入审计记录。</source>
        <translation>Trust the key of “%1” again? Do this only when you are sure the key never fell into other hands (for example, it was revoked by mistake); if the key was lost or the computer stolen, have its owner make a new key and enrol that instead. This is recorded in the audit trail.</translation>
    </message>
    <message>
        <source>未恢复信任</source>
        <translation>Key not trusted again</translation>
    </message>
</context>
<context>
    <name>RecheckPanel</name>
    <message>
        <source>复查时间：</source>
        <translation>Re-check time:</translation>
    </message>
    <message>
        <source>复查人员（行政执法人员）：</source>
        <translation>Re-checked by (enforcement officers):</translation>
    </message>
    <message>
        <source>保存复查情况</source>
        <translation>Save the re-check</translation>
    </message>
    <message>
        <source>复查是另一次现场检查：填写复查时间和两名行政执法人员</source>
        <translation>A re-check is a separate visit: enter its time and two enforcement officers</translation>
    </message>
    <message>
        <source>第 %1 项尚无复查结果（在检查的隐患中登记复查结果）</source>
        <translation>Item %1 has no re-check result yet (record it on the inspection&apos;s hazard)</translation>
    </message>
    <message>
        <source>尚未签发责令限期整改指令书</source>
        <translation>No rectification order has been issued yet</translation>
    </message>
    <message>
        <source>复查指令书 %1</source>
        <translation>Re-check of order %1</translation>
    </message>
    <message>
        <source>不能保存复查情况</source>
        <translation>Could not save the re-check</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>退回修改</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <source>把“%1”的检查退回给检查人员修改。请写明需要修改或补充的内容（必填），这段意见会随数据包发给检查人员，并记入审计记录。</source>
        <translation>Return the inspection of &quot;%1&quot; to the inspectors for correction. Write what must be corrected or added (required): the comment travels to the inspectors with the next bundle and is recorded in the audit trail.</translation>
    </message>
    <message>
        <source>例如：第 B2 项证据不足，请补充现场照片</source>
        <translation>e.g. item B2: not enough evidence, add photos of the site</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
</context>
<context>
    <name>SheetDialog</name>
    <message>
        <source>现场检查记录</source>
        <translation>On-site inspection record</translation>
    </message>
    <message>
        <source>检查评分表（内部）</source>
        <translation>Score sheet (internal)</translation>
    </message>
    <message>
        <source>责令限期整改指令书</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <source>现场处理措施决定书</source>
        <translation>Decision on on-site measures</translation>
    </message>
    <message>
        <source>整改复查意见书</source>
        <translation>Re-inspection opinion</translation>
    </message>
    <message>
        <source>打印检查记录 – #%1 %2</source>
        <translation>Print inspection sheet – #%1 %2</translation>
    </message>
    <message>
        <source>文书种类：</source>
        <translation>Document:</translation>
    </message>
    <message>
        <source>适合宽度</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>缩小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>放大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>重新生成</source>
        <translation>Render again</translation>
    </message>
    <message>
        <source>打印…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>另存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>正在生成…</source>
        <translation>Rendering…</translation>
    </message>
    <message>
        <source>正在生成%1…</source>
        <translation>Rendering the %1…</translation>
    </message>
    <message>
        <source>找不到可用于打印的中文字体，无法生成检查记录。

请安装一种中文 TrueType 字体，例如在 Debian/Ubuntu 上运行：
    sudo apt-get install fonts-wqy-microhei
Windows 和 macOS 自带的中文字体（微软雅黑、黑体、华文黑体）可直接使用。
也可以把环境变量 INSPECTOR_PDF_FONT 设为某个中文 .ttf/.ttc 字体文件的路径。
安装后点击“重新生成”。</source>
        <translation>No Chinese font was found for printing, so the sheet cannot be made.

Install a Chinese TrueType font, for example on Debian/Ubuntu:
    sudo apt-get install fonts-wqy-microhei
The Chinese fonts that come with Windows and macOS (Microsoft YaHei, SimHei, STHeiti) work as they are.
Or set the environment variable INSPECTOR_PDF_FONT to the path of a Chinese .ttf/.ttc font.
Then click &quot;Render again&quot;.</translation>
    </message>
    <message>
        <source>共 %1 页 · 核验码 %2</source>
        <translation>%1 page(s) · verification code %2</translation>
    </message>
    <message>
        <source> · 已登记打印</source>
        <translation> · print recorded</translation>
    </message>
    <message>
        <source> · 字体 %1</source>
        <translation> · font %1</translation>
    </message>
    <message>
        <source>（非宋体/仿宋）</source>
        <translation> (not SimSun/FangSong)</translation>
    </message>
    <message>
        <source>打印 %1</source>
        <translation>Print %1</translation>
    </message>
    <message>
        <source>不能签发文书编号</source>
        <translation>Could not issue the document number</translation>
    </message>
    <message>
        <source>正在发送到打印机…</source>
        <translation>Sending to the printer…</translation>
    </message>
    <message>
        <source>无法打印</source>
        <translation>Cannot print</translation>
    </message>
    <message>
        <source>另存为 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>PDF 文件 (*.pdf)</source>
        <translation>PDF files (*.pdf)</translation>
    </message>
    <message>
        <source> · 已保存到 %1</source>
        <translation> · saved to %1</translation>
    </message>
    <message>
        <source>未能保存</source>
        <translation>Not saved</translation>
    </message>
</context>
<context>
    <name>SyncActions</name>
    <message>
        <source>导出数据包…</source>
        <translation>Export bundle…</translation>
    </message>
    <message>
        <source>把待交换的检查写成签名数据包（U 盘或电子邮件传送）（Ctrl+E）</source>
        <translation>Write the inspections to exchange into a signed bundle (for a USB stick or e-mail) (Ctrl+E)</translation>
    </message>
    <message>
        <source>导入数据包…</source>
        <translation>Import bundles…</translation>
    </message>
    <message>
        <source>导入一个或多个数据包文件（Ctrl+Shift+I）</source>
        <translation>Import one or more bundle files (Ctrl+Shift+I)</translation>
    </message>
    <message>
        <source>从文件夹导入数据包…</source>
        <translation>Import bundles from a folder…</translation>
    </message>
    <message>
        <source>导入某个文件夹（如 U 盘）中的全部数据包</source>
        <translation>Import every bundle in a folder (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>同步冲突…</source>
        <translation>Sync conflicts…</translation>
    </message>
    <message>
        <source>双方都修改过的检查：选择保留哪一方</source>
        <translation>Inspections changed on both sides: choose which to keep</translation>
    </message>
    <message>
        <source>密钥与信任…</source>
        <translation>Keys and trust…</translation>
    </message>
    <message>
        <source>本机指纹、导出公钥、登记或吊销对方的密钥</source>
        <translation>This installation&apos;s fingerprint, export the public key, enrol or revoke the other side&apos;s keys</translation>
    </message>
    <message>
        <source>退回修改…</source>
        <translation>Return for correction…</translation>
    </message>
    <message>
        <source>把所选检查退回给检查人员修改，须填写意见</source>
        <translation>Return the selected inspection to the inspectors, with a comment</translation>
    </message>
    <message>
        <source>导入数据包</source>
        <translation>Import bundles</translation>
    </message>
    <message>
        <source>导出数据包</source>
        <translation>Export bundle</translation>
    </message>
    <message>
        <source>验收…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <source>确认得分、结论和签名后验收所选的已接收检查</source>
        <translation>Accept the selected received inspection after confirming its score, conclusion and signatures</translation>
    </message>
    <message>
        <source>Inspector 数据包 (*.inspbundle *.zip *.enc);;所有文件 (*)</source>
        <translation>Inspector bundles (*.inspbundle *.zip *.enc);;All files (*)</translation>
    </message>
    <message>
        <source>选择含有数据包的文件夹（如 U 盘）</source>
        <translation>Choose the folder with the bundles (e.g. a USB stick)</translation>
    </message>
    <message>
        <source>数据包未导入</source>
        <translation>Bundles not imported</translation>
    </message>
    <message>
        <source>正在导入数据包…</source>
        <translation>Importing bundles…</translation>
    </message>
    <message>
        <source>请先在列表中选择一项已接收的检查。</source>
        <translation>Select a received inspection in the list first.</translation>
    </message>
    <message>
        <source>已验收：%1</source>
        <translation>Accepted: %1</translation>
    </message>
    <message>
        <source>未能验收</source>
        <translation>Not accepted</translation>
    </message>
    <message>
        <source>已退回修改：%1</source>
        <translation>Returned for correction: %1</translation>
    </message>
    <message>
        <source>未能退回</source>
        <translation>Not returned</translation>
    </message>
</context>
<context>
    <name>SyncImport</name>
    <message>
        <source>版本 %1 本机已有</source>
        <translation>revision %1 is already here</translation>
    </message>
    <message>
        <source>版本 %1</source>
        <translation>revision %1</translation>
    </message>
    <message>
        <source>本机在上次交换后也修改过，需人工选择保留哪一方</source>
        <translation>also changed here since the last exchange: choose which to keep</translation>
    </message>
    <message>
        <source>本机没有该检查的企业或检查表</source>
        <translation>its enterprise or checklist is not in this workspace</translation>
    </message>
    <message>
        <source>已导入</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>已导入过</source>
        <translation>Already imported</translation>
    </message>
    <message>
        <source>已拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>不变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>冲突</source>
        <translation>Conflict</translation>
    </message>
    <message>
        <source>拒绝</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <source>警告</source>
        <translation>Warning</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>活动</source>
        <translation>Campaign</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>检查</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>此数据包以前已导入过，本次没有作任何更改。</source>
        <translation>This bundle was imported before; nothing was changed.</translation>
    </message>
    <message>
        <source>签名密钥未登记（指纹 %1）。如确认是对方的数据包，请先当面或电话与对方核对指纹，再在“设置 → 密钥与信任”中登记其公钥。</source>
        <translation>Signed by a key that is not enrolled (fingerprint %1). If you expect this bundle, compare the fingerprint with its sender in person or by phone, then enrol their public key in &quot;Settings → Keys and trust&quot;.</translation>
    </message>
    <message>
        <source>签名密钥已被吊销（指纹 %1），不接受其数据包。</source>
        <translation>Signed by a revoked key (fingerprint %1); its bundles are not accepted.</translation>
    </message>
    <message>
        <source>签名无效：数据包在签名之后被改动过，或签名已损坏。</source>
        <translation>Invalid signature: the bundle was changed after it was signed, or the signature is damaged.</translation>
    </message>
    <message>
        <source>文件已损坏或结构不安全，未导入任何内容。</source>
        <translation>The file is damaged or unsafe; nothing was imported.</translation>
    </message>
    <message>
        <source>文件已损坏或不完整（例如复制时中断），未导入任何内容。请重新复制后再导入。</source>
        <translation>The file is damaged or incomplete (e.g. copying was interrupted); nothing was imported. Copy it again and import it again.</translation>
    </message>
    <message>
        <source>无法读取此文件（不存在、不是文件或没有权限）。</source>
        <translation>This file cannot be read (it does not exist, is not a file, or access is denied).</translation>
    </message>
    <message>
        <source>这不是有效的 Inspector 数据包（结构或字段不符合格式规范），未导入任何内容。</source>
        <translation>This is not a valid Inspector bundle (its layout or fields break the format); nothing was imported.</translation>
    </message>
    <message>
        <source>数据包内容不完整或被改动（校验值不符），未导入任何内容。</source>
        <translation>The bundle is incomplete or was altered (checksums do not match); nothing was imported.</translation>
    </message>
    <message>
        <source>此数据包由更新版本的 Inspector 生成，请先升级本程序。</source>
        <translation>This bundle was made by a newer version of Inspector; please update this program first.</translation>
    </message>
    <message>
        <source>无法解密：此数据包是加密给另一把市局密钥的，不是给本机的。</source>
        <translation>Cannot decrypt: the bundle was encrypted to another office key, not to this installation&apos;s.</translation>
    </message>
    <message>
        <source>无法解密：此数据包不是加密给本机的，或文件已损坏。</source>
        <translation>Cannot decrypt: the bundle was not encrypted to this installation, or the file is damaged.</translation>
    </message>
    <message>
        <source>此数据包已加密，但本机的密钥环不可用，无法解密。</source>
        <translation>The bundle is encrypted, but this computer&apos;s keyring is not available, so it cannot be decrypted.</translation>
    </message>
    <message>
        <source>这是本机导出的数据包，应在对方的电脑上导入。</source>
        <translation>This bundle was made by this installation; import it on the other side.</translation>
    </message>
    <message>
        <source>这是一个旧的或重复发送的数据包（序号不大于已导入的），已拒绝。</source>
        <translation>An old or replayed bundle (its sequence number is not above the last one imported); rejected.</translation>
    </message>
    <message>
        <source>数据包的方向与本机角色不符（检查人员与市局之间互相导入）。</source>
        <translation>The bundle goes the wrong way for this installation&apos;s role (bundles go from inspectors to the office and back).</translation>
    </message>
    <message>
        <source>签名密钥（指纹 %1）登记的角色与数据包的方向不符：检查人员的数据包须由检查人员的密钥签名，市局的由市局的密钥签名。</source>
        <translation>The signing key (fingerprint %1) is enrolled with a role that does not fit the bundle&apos;s direction: inspectors&apos; bundles must be signed by an inspector&apos;s key, the office&apos;s by an office key.</translation>
    </message>
    <message>
        <source>未导入：%1</source>
        <translation>Not imported: %1</translation>
    </message>
</context>
<context>
    <name>SyncKeyring</name>
    <message>
        <source>市局（办公室）</source>
        <translation>Office (bureau)</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
</context>
<context>
    <name>SyncKeys</name>
    <message>
        <source>无法读取公钥文件</source>
        <translation>Cannot read the public key file</translation>
    </message>
    <message>
        <source>%1 不是有效的 Inspector 公钥文件，或已被改动。

%2</source>
        <translation>%1 is not a valid Inspector public key file, or it was altered.

%2</translation>
    </message>
</context>
<context>
    <name>VerifyDialog</name>
    <message>
        <source>核验纸质记录</source>
        <translation>Verify a paper sheet</translation>
    </message>
    <message>
        <source>输入纸质检查记录每页底部印的核验码（如 INSP-3F2A9C1E-ABCDE-FGHIJ），或用扫码枪扫描二维码，然后按回车。</source>
        <translation>Type the verification code printed at the foot of every page of the paper sheet (e.g. INSP-3F2A9C1E-ABCDE-FGHIJ), or scan its QR code, then press Enter.</translation>
    </message>
    <message>
        <source>核验码或二维码内容</source>
        <translation>Verification code or QR text</translation>
    </message>
    <message>
        <source>核验</source>
        <translation>Verify</translation>
    </message>
    <message>
        <source>打开该检查</source>
        <translation>Open the inspection</translation>
    </message>
    <message>
        <source>无法核验</source>
        <translation>Cannot verify</translation>
    </message>
    <message>
        <source>✔ 一致</source>
        <translation>✔ Matches</translation>
    </message>
    <message>
        <source>纸质记录与数据库中的记录完全一致。</source>
        <translation>The paper sheet matches the record in the database exactly.</translation>
    </message>
    <message>
        <source>⚠ 打印后已修改</source>
        <translation>⚠ Changed since printing</translation>
    </message>
    <message>
        <source>这份纸质记录打印之后，数据库中的检查记录又被修改过，两者不再一致。</source>
        <translation>The inspection record in the database was changed after this sheet was printed; they no longer agree.</translation>
    </message>
    <message>
        <source>✖ 未知记录</source>
        <translation>✖ Unknown record</translation>
    </message>
    <message>
        <source>本工作区中没有与此核验码对应的检查记录。</source>
        <translation>No inspection in this workspace has this code.</translation>
    </message>
    <message>
        <source>等待核验</source>
        <translation>Waiting for a code</translation>
    </message>
    <message>
        <source>结果将显示在这里。</source>
        <translation>The answer will appear here.</translation>
    </message>
    <message>
        <source>输入的内容不是本系统的核验码，请检查是否输错（字母 O 与数字 0 易混）。</source>
        <translation>This is not a verification code of ours; check for typing mistakes (the letter O and the digit 0 are easily confused).</translation>
    </message>
    <message>
        <source>检查编号</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>被检查单位</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>现场检查记录</source>
        <translation>On-site inspection record</translation>
    </message>
    <message>
        <source>责令限期整改指令书</source>
        <translation>Rectification order</translation>
    </message>
    <message>
        <source>整改复查意见书</source>
        <translation>Re-inspection opinion</translation>
    </message>
    <message>
        <source>%1，%2 打印</source>
        <translation>%1, printed %2</translation>
    </message>
    <message>
        <source>（%1）</source>
        <translation> (%1)</translation>
    </message>
    <message>
        <source>打印记录</source>
        <translation>Printed</translation>
    </message>
    <message>
        <source>本工作区没有这份纸质记录的打印登记</source>
        <translation>no print of this sheet is recorded in this workspace</translation>
    </message>
</context>
</TS>
