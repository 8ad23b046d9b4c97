<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ConfirmDialog</name>
    <message>
        <source>验收检查</source>
        <translation>Accept inspection</translation>
    </message>
    <message>
        <source>完成并锁定</source>
        <translation>Complete and lock</translation>
    </message>
    <message>
        <source>验收“%1”的检查吗？</source>
        <translation>Accept the inspection of “%1”?</translation>
    </message>
    <message>
        <source>完成并锁定“%1”的检查吗？</source>
        <translation>Complete and lock the inspection of “%1”?</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Reasons</translation>
    </message>
    <message>
        <source>待处理</source>
        <translation>Open points</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>：</source>
        <translation>:</translation>
    </message>
    <message>
        <source>%1（已检查 %2/%3）</source>
        <translation>%1 (%2/%3 checked)</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>验收</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>锁定</source>
        <translation>Lock</translation>
    </message>
    <message>
        <source>逐项处理…</source>
        <translation>Deal with them…</translation>
    </message>
    <message>
        <source>验收记入审计记录，检查保持锁定。如需更正，可在检查员桌面选中这项检查，用“检查 → 退回修改…”退回检查人员（须填写意见）。</source>
        <translation>The acceptance is recorded in the audit trail and the inspection stays locked. To correct it, select it on the inspector&apos;s desk and return it with “Inspection → Return for correction…” (a comment is required).</translation>
    </message>
    <message>
        <source>还有 %1 项须处理，处理后才能锁定。</source>
        <translation>%1 open points must be dealt with before the inspection can be locked.</translation>
    </message>
    <message>
        <source>锁定后检查只读；如需修改，可用“重新打开…”并说明理由（记入审计记录）。</source>
        <translation>Once locked the inspection is read-only; to change it, use “Reopen…” and give the reason (recorded in the audit trail).</translation>
    </message>
    <message>
        <source>、</source>
        <translation>, </translation>
    </message>
    <message>
        <source>尚未检查 %1 项：%2</source>
        <translation>Items not yet checked (%1): %2</translation>
    </message>
    <message>
        <source>检查项均已作答，说明、照片和签名齐全</source>
        <translation>Every item is answered; notes, photos and signatures are complete</translation>
    </message>
    <message>
        <source>…… 另有 %1 项</source>
        <translation>… and %1 more</translation>
    </message>
    <message>
        <source>待整改隐患 %1 项（不影响%2，列入整改指令）：</source>
        <translation>Hazards to be rectified (%1; they do not prevent %2; they go into the rectification order):</translation>
    </message>
    <message>
        <source>没有待整改的隐患</source>
        <translation>No hazards to be rectified</translation>
    </message>
    <message>
        <source>（期限 %1）</source>
        <translation> (due %1)</translation>
    </message>
    <message>
        <source>行政执法人员（现场检查记录）</source>
        <translation>Enforcement officer (on-site record)</translation>
    </message>
    <message>
        <source>评审专家（评分表）</source>
        <translation>Review expert (score sheet)</translation>
    </message>
    <message>
        <source>被检查单位负责人</source>
        <translation>Person in charge of the enterprise</translation>
    </message>
    <message>
        <source>验收人</source>
        <translation>Accepted by</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not entered)</translation>
    </message>
    <message>
        <source>本次验收，记入审计记录</source>
        <translation>this acceptance, recorded in the audit trail</translation>
    </message>
    <message>
        <source>拒绝签名（已记录）</source>
        <translation>refused to sign (recorded)</translation>
    </message>
    <message>
        <source>已签名</source>
        <translation>signed</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>not signed</translation>
    </message>
</context>
<context>
    <name>DeskActions</name>
    <message>
        <source>文件(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>检查(&amp;I)</source>
        <translation>&amp;Inspection</translation>
    </message>
    <message>
        <source>视图(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>设置(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>帮助(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <source>导入企业…</source>
        <translation>Import enterprises…</translation>
    </message>
    <message>
        <source>生成演示数据…</source>
        <translation>Generate demo data…</translation>
    </message>
    <message>
        <source>刷新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>打开检查</source>
        <translation>Open inspection</translation>
    </message>
    <message>
        <source>关闭当前标签</source>
        <translation>Close current tab</translation>
    </message>
    <message>
        <source>筛选…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <source>清除筛选</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>显示详情面板</source>
        <translation>Show detail pane</translation>
    </message>
    <message>
        <source>设置…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>首次设置向导…</source>
        <translation>First-run setup wizard…</translation>
    </message>
    <message>
        <source>关于 Inspector</source>
        <translation>About Inspector</translation>
    </message>
    <message>
        <source>使用说明</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>打开所选检查（Enter 或双击）</source>
        <translation>Open the selected inspection (Enter or double-click)</translation>
    </message>
    <message>
        <source>工作区为空</source>
        <translation>Empty workspace</translation>
    </message>
    <message>
        <source>工作区中还没有企业。要生成常州市的演示数据（约 240 家企业及其检查）来试用吗？
以后可随时通过“文件 → 导入企业”导入真实名单。

这份演示数据只在本工作区。培训时要让办公室和检查员的电脑使用同一批企业、分配和密钥，请改用命令 inspector-app demo --pair 办公室文件夹 检查员文件夹。</source>
        <translation>The workspace holds no enterprises yet. Generate Changzhou demo data (about 240 enterprises and their inspections) to try the program?
You can import a real list at any time with “File → Import enterprises”.

This demo data stays in this workspace. To train an office and an inspector whose computers share the same enterprises, assignments and keys, use the command inspector-app demo --pair OFFICE_FOLDER INSPECTOR_FOLDER instead.</translation>
    </message>
    <message>
        <source>向当前工作区添加演示企业和检查吗？已有数据不会被删除。

这份演示数据只在本工作区。培训时要让办公室和检查员的电脑使用同一批企业、分配和密钥，请改用命令 inspector-app demo --pair 办公室文件夹 检查员文件夹。</source>
        <translation>Add demo enterprises and inspections to this workspace? Existing data is kept.

This demo data stays in this workspace. To train an office and an inspector whose computers share the same enterprises, assignments and keys, use the command inspector-app demo --pair OFFICE_FOLDER INSPECTOR_FOLDER instead.</translation>
    </message>
    <message>
        <source>表格文件 (*.xlsx *.xls *.csv);;所有文件 (*)</source>
        <translation>Spreadsheets (*.xlsx *.xls *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>生成演示数据</source>
        <translation>Generate demo data</translation>
    </message>
    <message>
        <source>已生成演示数据：企业 %1 家，检查 %2 项，隐患 %3 条</source>
        <translation>Demo data generated: %1 enterprises, %2 inspections, %3 hazards</translation>
    </message>
    <message>
        <source>演示数据未生成</source>
        <translation>Demo data not generated</translation>
    </message>
    <message>
        <source>正在生成演示数据…</source>
        <translation>Generating demo data…</translation>
    </message>
    <message>
        <source>导入企业名单</source>
        <translation>Import enterprise list</translation>
    </message>
    <message>
        <source>正在检查导入文件…</source>
        <translation>Checking the import file…</translation>
    </message>
    <message>
        <source>正在导入企业…</source>
        <translation>Importing enterprises…</translation>
    </message>
</context>
<context>
    <name>DetailPane</name>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>辖市区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>证书等级</source>
        <translation>Certificate grade</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>发证 / 有效期至</source>
        <translation>Issued / valid until</translation>
    </message>
    <message>
        <source>评分标准</source>
        <translation>Scoring standard</translation>
    </message>
    <message>
        <source>评审单位</source>
        <translation>Review organisation</translation>
    </message>
    <message>
        <source>咨询单位</source>
        <translation>Consultancy</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>联系人</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>：</source>
        <translation>:</translation>
    </message>
    <message>
        <source>检查历史与隐患整改情况</source>
        <translation>Inspection history and rectification of hazards</translation>
    </message>
    <message>
        <source>日期 / 隐患</source>
        <translation>Date / hazard</translation>
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
        <source>结论 / 期限</source>
        <translation>Result / deadline</translation>
    </message>
    <message>
        <source>请在左侧列表中选择一家企业</source>
        <translation>Select an enterprise in the list</translation>
    </message>
    <message>
        <source>旧版15位工商注册号，待更新为统一社会信用代码</source>
        <translation>old 15-digit business registration number, to be updated to the unified social credit code</translation>
    </message>
    <message>
        <source>旧版9位组织机构代码，待更新为统一社会信用代码</source>
        <translation>old 9-character organisation code, to be updated to the unified social credit code</translation>
    </message>
    <message>
        <source>利益冲突提示（%1 条）</source>
        <translation>Conflict-of-interest flags (%1)</translation>
    </message>
    <message>
        <source>依据：</source>
        <translation>Basis:</translation>
    </message>
    <message>
        <source>尚无检查记录</source>
        <translation>No inspections yet</translation>
    </message>
    <message>
        <source>审核意见：</source>
        <translation>Reviewer’s comment: </translation>
    </message>
    <message>
        <source>隐患 %1 条，复查合格 %2 条</source>
        <translation>Hazards: %1, passed re-inspection: %2</translation>
    </message>
    <message>
        <source>整改要求：</source>
        <translation>Requirement: </translation>
    </message>
    <message>
        <source>整改期限：</source>
        <translation>Deadline: </translation>
    </message>
    <message>
        <source>状态：</source>
        <translation>Status: </translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>操作已取消，没有保存任何更改。</source>
        <translation>Cancelled; no changes were saved.</translation>
    </message>
    <message>
        <source>无法读写文件：%1</source>
        <translation>Cannot read or write a file: %1</translation>
    </message>
    <message>
        <source>（日志文件不可用）</source>
        <translation>(log file unavailable)</translation>
    </message>
    <message>
        <source>程序遇到意外问题，当前操作没有完成。已保存的数据不受影响。
详细信息已记录在：%1</source>
        <translation>Something unexpected went wrong and the operation was not finished. Data already saved is not affected.
Details were written to: %1</translation>
    </message>
    <message>
        <source>出错了</source>
        <translation>Something went wrong</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>筛选：企业名称、信用代码或辖市区（Ctrl+F）</source>
        <translation>Filter: enterprise name, credit code or district (Ctrl+F)</translation>
    </message>
    <message>
        <source>全部辖市区</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>全部证书等级</source>
        <translation>All grades</translation>
    </message>
    <message>
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>全部期限</source>
        <translation>Any due date</translation>
    </message>
    <message>
        <source>已逾期</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>7 天内到期</source>
        <translation>Due within 7 days</translation>
    </message>
</context>
<context>
    <name>ImportResultDialog</name>
    <message>
        <source>导入企业 – %1</source>
        <translation>Import enterprises – %1</translation>
    </message>
    <message>
        <source>发现 %1 个问题。</source>
        <translation>Problems found: %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;文件无法导入，工作区没有任何改动。&lt;/b&gt;</source>
        <translation>&lt;b&gt;The file cannot be imported; the workspace was not changed.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>请修改表格中的以下问题后重新导入：</source>
        <translation>Correct these problems in the spreadsheet, then import again:</translation>
    </message>
    <message>
        <source>&lt;b&gt;预览（尚未写入）&lt;/b&gt;</source>
        <translation>&lt;b&gt;Preview (nothing written yet)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>&lt;b&gt;导入完成&lt;/b&gt;</source>
        <translation>&lt;b&gt;Import complete&lt;/b&gt;</translation>
    </message>
    <message>
        <source>共 %1 行企业数据：将新增 %2 家，更新 %3 家，%4 家无变化。</source>
        <translation>%1 enterprise rows: %2 will be added, %3 updated, %4 unchanged.</translation>
    </message>
    <message>
        <source>共 %1 行企业数据：新增 %2 家，更新 %3 家，%4 家无变化。</source>
        <translation>%1 enterprise rows: %2 added, %3 updated, %4 unchanged.</translation>
    </message>
    <message>
        <source>已忽略的列：</source>
        <translation>Ignored columns: </translation>
    </message>
    <message>
        <source>警告：</source>
        <translation>Warnings:</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Unified social credit code</translation>
    </message>
    <message>
        <source>辖市区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>证书等级</source>
        <translation>Certificate grade</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>变更</source>
        <translation>Changes</translation>
    </message>
</context>
<context>
    <name>InspectionTableModel</name>
    <message>
        <source>标准化证书等级</source>
        <translation>Grade of the standardisation certificate</translation>
    </message>
    <message>
        <source>本次检查评定的等级</source>
        <translation>Grade given by this inspection</translation>
    </message>
    <message>
        <source>处理建议：维持 / 限期整改 / 建议摘牌</source>
        <translation>Recommendation: maintain / rectify by deadline / revoke</translation>
    </message>
    <message>
        <source>已作答项 / 检查项总数</source>
        <translation>Items answered / items in the checklist</translation>
    </message>
    <message>
        <source>检查期限（红色：已逾期）</source>
        <translation>Due date (red: overdue)</translation>
    </message>
    <message>
        <source>统一社会信用代码（18 位）</source>
        <translation>Unified social credit code (18 characters)</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <source>辖市区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Cert.</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>进度</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>评定</source>
        <translation>Rating</translation>
    </message>
    <message>
        <source>建议</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>未安排检查</source>
        <translation>Unscheduled</translation>
    </message>
    <message>
        <source>已分配</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>检查中</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>已完成锁定</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <source>已接收</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>已验收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>已退回</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>一级</source>
        <translation>Grade 1</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Grade 2</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Grade 3</translation>
    </message>
    <message>
        <source>小微</source>
        <translation>Small</translation>
    </message>
    <message>
        <source>不达标</source>
        <translation>Failed</translation>
    </message>
    <message>
        <source>维持</source>
        <translation>Maintain</translation>
    </message>
    <message>
        <source>限期整改</source>
        <translation>Rectify</translation>
    </message>
    <message>
        <source>建议摘牌</source>
        <translation>Propose delisting</translation>
    </message>
    <message>
        <source>合格</source>
        <translation>Satisfactory</translation>
    </message>
    <message>
        <source>建议通报批评</source>
        <translation>Recommend public criticism</translation>
    </message>
    <message>
        <source>建议暂停评审活动</source>
        <translation>Recommend suspending reviews</translation>
    </message>
    <message>
        <source>建议取消评审资格</source>
        <translation>Recommend disqualification</translation>
    </message>
    <message>
        <source>待整改</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>已整改待复查</source>
        <translation>Rectified, to recheck</translation>
    </message>
    <message>
        <source>复查合格</source>
        <translation>Recheck passed</translation>
    </message>
    <message>
        <source>复查不合格</source>
        <translation>Recheck failed</translation>
    </message>
    <message>
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>不变</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>尚未作答</source>
        <translation>Not yet answered</translation>
    </message>
    <message>
        <source>尚未作答：作答第一个检查项后开始计分并给出结论</source>
        <translation>Not yet answered: the score and the conclusion start with the first item answered</translation>
    </message>
    <message>
        <source>桌面密钥环服务</source>
        <translation>the desktop keyring service</translation>
    </message>
    <message>
        <source>KDE 钱包</source>
        <translation>KDE Wallet</translation>
    </message>
    <message>
        <source>Windows 凭据管理器</source>
        <translation>Windows Credential Manager</translation>
    </message>
    <message>
        <source>macOS 钥匙串</source>
        <translation>the macOS Keychain</translation>
    </message>
    <message>
        <source>操作系统的密钥环</source>
        <translation>the operating system&apos;s keyring</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Inspector – 安全生产标准化“回头看”</source>
        <translation>Inspector – work-safety standardisation look-back</translation>
    </message>
    <message>
        <source>企业与检查</source>
        <translation>Enterprises and inspections</translation>
    </message>
    <message>
        <source>正在打开工作区…</source>
        <translation>Opening the workspace…</translation>
    </message>
    <message>
        <source>工作区：%1</source>
        <translation>Workspace: %1</translation>
    </message>
    <message>
        <source>正在加载…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>显示 %1 / %2 行（检查 %3 项）</source>
        <translation>Showing %1 of %2 rows (%3 inspections)</translation>
    </message>
    <message>
        <source>无法读取检查列表</source>
        <translation>Cannot read the inspection list</translation>
    </message>
    <message>
        <source>该企业尚未安排检查。</source>
        <translation>No inspection is scheduled for this enterprise.</translation>
    </message>
    <message>
        <source>无法打开检查</source>
        <translation>Cannot open the inspection</translation>
    </message>
    <message>
        <source>仍在保存</source>
        <translation>Still saving</translation>
    </message>
    <message>
        <source>还有操作没有完成。仍要退出吗？</source>
        <translation>Some work is not finished yet. Quit anyway?</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>设置</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>界面</source>
        <translation>Interface</translation>
    </message>
    <message>
        <source>语言：</source>
        <translation>Language:</translation>
    </message>
    <message>
        <source>检查人员身份</source>
        <translation>Inspector identity</translation>
    </message>
    <message>
        <source>执法机关与文书编号</source>
        <translation>Issuing authority and document numbers</translation>
    </message>
    <message>
        <source>签名密钥</source>
        <translation>Signing key</translation>
    </message>
    <message>
        <source>本人与界面</source>
        <translation>You and the interface</translation>
    </message>
    <message>
        <source>机关与密钥</source>
        <translation>Authority and keys</translation>
    </message>
    <message>
        <source>正在读取工作区的设置…</source>
        <translation>Reading the workspace&apos;s settings…</translation>
    </message>
    <message>
        <source>无法读取工作区的设置：%1</source>
        <translation>Cannot read the workspace&apos;s settings: %1</translation>
    </message>
    <message>
        <source>密钥文件：%1</source>
        <translation>Key file: %1</translation>
    </message>
    <message>
        <source>这些设置属于本工作区（%1）。更改密钥的保存位置时，已有的密钥会一并移过去，指纹不变。</source>
        <translation>These settings belong to this workspace (%1). When the key moves to another store, the existing key moves with it and keeps its fingerprint.</translation>
    </message>
    <message>
        <source>设置未保存</source>
        <translation>Settings not saved</translation>
    </message>
    <message>
        <source>姓名和证书编号记入每一项修改的审计记录（谁在何时改了什么）。</source>
        <translation>Your name and certificate number are written to the audit trail of every change (who changed what, and when).</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <source>无法打开工作区</source>
        <translation>Cannot open the workspace</translation>
    </message>
    <message>
        <source>工作区 %1 无法打开：

%2</source>
        <translation>The workspace %1 cannot be opened:

%2</translation>
    </message>
    <message>
        <source>已清理 %1 个不再使用的派生图像（%2 MB）</source>
        <translation>Removed %1 derived images no longer used (%2 MB)</translation>
    </message>
</context>
<context>
    <name>SyncKeyring</name>
    <message>
        <source>zh_CN</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>TaskProgressDialog</name>
    <message>
        <source>正在取消…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>TaskRunner</name>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
</TS>
