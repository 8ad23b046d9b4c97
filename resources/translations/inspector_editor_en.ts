<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>ChecklistModel</name>
    <message>
        <source>编号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>Marks</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Pts</translation>
    </message>
    <message>
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>{0}/{1} 已查</source>
        <translation>{0}/{1} done</translation>
    </message>
    <message>
        <source>不计</source>
        <translation>excl.</translation>
    </message>
</context>
<context>
    <name>ConflictBadge</name>
    <message>
        <source>⚠ 利益冲突提示 %1 条</source>
        <translation>⚠ Conflict-of-interest flags: %1</translation>
    </message>
    <message>
        <source>……另有 %1 条，点击查看全部</source>
        <translation>… %1 more: click to see them all</translation>
    </message>
    <message>
        <source>依据：</source>
        <translation>Basis: </translation>
    </message>
    <message>
        <source>利益冲突提示</source>
        <translation>Conflict-of-interest flags</translation>
    </message>
    <message>
        <source>评审此证书的单位或人员有 %1 条利益冲突提示，请在检查中核实。</source>
        <translation>The organisations or people who reviewed this certificate carry conflict-of-interest flags (%1): please verify them during the inspection.</translation>
    </message>
    <message>
        <source>评审单位：%1；咨询服务单位：%2</source>
        <translation>Review organisation: %1; consultancy: %2</translation>
    </message>
    <message>
        <source>；评审人员：%1（%2）</source>
        <translation>; reviewer: %1 (%2)</translation>
    </message>
    <message>
        <source>依据：%1</source>
        <translation>Basis: %1</translation>
    </message>
</context>
<context>
    <name>EditorLabels</name>
    <message>
        <source>符合</source>
        <translation>Conforms</translation>
    </message>
    <message>
        <source>部分符合</source>
        <translation>Partly</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Fails</translation>
    </message>
    <message>
        <source>不涉及</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>未检查</source>
        <translation>Not checked</translation>
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
        <translation>Completed, locked</translation>
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
        <source>一般</source>
        <translation>General</translation>
    </message>
    <message>
        <source>重大</source>
        <translation>Major</translation>
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
        <source>维持</source>
        <translation>Maintain</translation>
    </message>
    <message>
        <source>维持（符合证书等级要求）</source>
        <translation>Maintain (meets its certificate grade)</translation>
    </message>
    <message>
        <source>限期整改</source>
        <translation>Rectify by deadline</translation>
    </message>
    <message>
        <source>建议摘牌</source>
        <translation>Recommend delisting</translation>
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
        <source>行政执法人员</source>
        <translation>Enforcement officer</translation>
    </message>
    <message>
        <source>评审专家</source>
        <translation>Review expert</translation>
    </message>
    <message>
        <source>评审员证号</source>
        <translation>Reviewer cert. no.</translation>
    </message>
    <message>
        <source>执法证号</source>
        <translation>Enforcement cert. no.</translation>
    </message>
    <message>
        <source>评审员证</source>
        <translation>expert</translation>
    </message>
    <message>
        <source>执法证</source>
        <translation>officer</translation>
    </message>
    <message>
        <source>从危险区域内撤出作业人员</source>
        <translation>Withdraw workers from the danger area</translation>
    </message>
    <message>
        <source>暂时停产停业</source>
        <translation>Suspend production or business temporarily</translation>
    </message>
    <message>
        <source>停止使用相关设施、设备</source>
        <translation>Stop using the facilities or equipment concerned</translation>
    </message>
    <message>
        <source>一级</source>
        <translation>Level 1</translation>
    </message>
    <message>
        <source>二级</source>
        <translation>Level 2</translation>
    </message>
    <message>
        <source>三级</source>
        <translation>Level 3</translation>
    </message>
    <message>
        <source>小微</source>
        <translation>Small/micro</translation>
    </message>
    <message>
        <source>不达标</source>
        <translation>Not attained</translation>
    </message>
    <message>
        <source>否</source>
        <translation>V</translation>
    </message>
    <message>
        <source>否决项：不符合时整体不通过或本类目清零</source>
        <translation>Veto item: failing it fails the whole inspection or zeroes its element</translation>
    </message>
    <message>
        <source>照</source>
        <translation>P</translation>
    </message>
    <message>
        <source>不符合时须拍照取证</source>
        <translation>A photo is required when it fails</translation>
    </message>
    <message>
        <source>图</source>
        <translation>I</translation>
    </message>
    <message>
        <source>已有照片</source>
        <translation>Has photos</translation>
    </message>
    <message>
        <source>注</source>
        <translation>N</translation>
    </message>
    <message>
        <source>不符合时须填写说明</source>
        <translation>A note is required when it fails</translation>
    </message>
    <message>
        <source>记</source>
        <translation>✓</translation>
    </message>
    <message>
        <source>已填写备注</source>
        <translation>Note written</translation>
    </message>
    <message>
        <source>患</source>
        <translation>H</translation>
    </message>
    <message>
        <source>已登记隐患</source>
        <translation>Hazard recorded</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <source>隐患</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>{0}事故隐患</source>
        <translation>{0} hazard</translation>
    </message>
    <message>
        <source>（不关联检查项）</source>
        <translation>(no checklist item)</translation>
    </message>
    <message>
        <source>现场发现的问题（必填）</source>
        <translation>What was found on site (required)</translation>
    </message>
    <message>
        <source>整改措施和要求</source>
        <translation>Measures and requirements</translation>
    </message>
    <message>
        <source>企业整改责任人</source>
        <translation>Person responsible at the enterprise</translation>
    </message>
    <message>
        <source>隐患级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>现场处理措施</source>
        <translation>On-site measures</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>隐患描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>整改要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>整改责任人</source>
        <translation>Responsible</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>勾选任一项，须制作现场处理措施决定书</source>
        <translation>Any measure ticked needs an on-site measures decision</translation>
    </message>
    <message>
        <source>请填写隐患描述</source>
        <translation>Please describe the hazard</translation>
    </message>
</context>
<context>
    <name>FindingsModel</name>
    <message>
        <source>级别</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>隐患描述</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>整改要求：{0}</source>
        <translation>Requirement: {0}</translation>
    </message>
    <message>
        <source>责任人：{0}</source>
        <translation>Responsible: {0}</translation>
    </message>
</context>
<context>
    <name>FindingsPanel</name>
    <message>
        <source>登记隐患…</source>
        <translation>Add hazard…</translation>
    </message>
    <message>
        <source>编辑…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>删除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>整改状态</source>
        <translation>Rectification</translation>
    </message>
    <message>
        <source>改为“{0}”</source>
        <translation>Set to “{0}”</translation>
    </message>
</context>
<context>
    <name>HeaderStrip</name>
    <message>
        <source>检查人员…</source>
        <translation>Inspectors…</translation>
    </message>
    <message>
        <source>修改检查人员及证件号</source>
        <translation>Change the inspectors and their certificate numbers</translation>
    </message>
    <message>
        <source>⚠ 行政执法人员不足两名</source>
        <translation>⚠ Fewer than two officers</translation>
    </message>
    <message>
        <source>执法文书须由至少两名行政执法人员签名；评审专家只在评分表上签名</source>
        <translation>Enforcement documents must be signed by at least two enforcement officers; review experts sign the score sheet only</translation>
    </message>
    <message>
        <source>检查场所</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>职务</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>联系电话</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>未填写</source>
        <translation>not set</translation>
    </message>
    <message>
        <source>现在</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>填入当前时间</source>
        <translation>Set to the current time</translation>
    </message>
    <message>
        <source>现场负责人</source>
        <translation>On-site representative</translation>
    </message>
    <message>
        <source>检查时间</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>{0}，证书等级 {1}</source>
        <translation>{0}, certificate grade {1}</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>InspectionEditor</name>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>撤销：{0}（Ctrl+Z）</source>
        <translation>Undo: {0} (Ctrl+Z)</translation>
    </message>
    <message>
        <source>重做：{0}（Ctrl+Y）</source>
        <translation>Redo: {0} (Ctrl+Y)</translation>
    </message>
    <message>
        <source>下一未查项 (N)</source>
        <translation>Next unchecked (N)</translation>
    </message>
    <message>
        <source>1–4 结果&#x3000;J/K 上下&#x3000;N 下一未查&#x3000;Enter 备注&#x3000;Esc 返回列表</source>
        <translation>1–4 result   J/K move   N next unchecked   Enter note   Esc list</translation>
    </message>
    <message>
        <source>完成并锁定 (Ctrl+Enter)</source>
        <translation>Complete and lock (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>重新打开…</source>
        <translation>Reopen…</translation>
    </message>
    <message>
        <source>（已锁定）</source>
        <translation> (locked)</translation>
    </message>
    <message>
        <source>登记隐患</source>
        <translation>Add hazard</translation>
    </message>
    <message>
        <source>编辑隐患</source>
        <translation>Edit hazard</translation>
    </message>
    <message>
        <source>删除隐患</source>
        <translation>Delete hazard</translation>
    </message>
    <message>
        <source>修改检查人员</source>
        <translation>Change inspectors</translation>
    </message>
    <message>
        <source>{0} 备注</source>
        <translation>{0} note</translation>
    </message>
    <message>
        <source>{0} 另扣分</source>
        <translation>{0} extra deduction</translation>
    </message>
    <message>
        <source>{0} 结果：{1}</source>
        <translation>{0} result: {1}</translation>
    </message>
    <message>
        <source>{0} 扣分</source>
        <translation>{0} deductions</translation>
    </message>
    <message>
        <source>修改检查信息</source>
        <translation>Edit inspection details</translation>
    </message>
    <message>
        <source>已保存 {0}</source>
        <translation>Saved {0}</translation>
    </message>
    <message>
        <source>正在保存…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>保存失败：{0}
已重新载入数据库中的内容，请检查最近的修改。</source>
        <translation>Could not save: {0}
The editor reloaded what the database holds; please check your latest changes.</translation>
    </message>
    <message>
        <source>保存失败</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>InspectorsDialog</name>
    <message>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>添加一人</source>
        <translation>Add a person</translation>
    </message>
    <message>
        <source>每人填写姓名、身份和证件号。身份随证件记录：修改后，列有此人的其他检查也随之改变。</source>
        <translation>Enter each person&apos;s name, role and certificate number. The role belongs to the certificate: changing it changes it on every other inspection that lists this person too.</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>身份</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>证件</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>⚠ 执法文书须由至少两名行政执法人员签名（现有 {0} 名）。评审专家只在评分表上签名。</source>
        <translation>⚠ Enforcement documents must be signed by at least two enforcement officers ({0} listed). Review experts sign the score sheet only.</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>每位检查人员都须有姓名和证件号</source>
        <translation>Every inspector needs a name and a certificate number</translation>
    </message>
    <message>
        <source>同一证件号不能重复</source>
        <translation>A certificate number may appear only once</translation>
    </message>
</context>
<context>
    <name>ItemPane</name>
    <message>
        <source>符合</source>
        <translation>Conforms</translation>
    </message>
    <message>
        <source>部分符合</source>
        <translation>Partly</translation>
    </message>
    <message>
        <source>不符合</source>
        <translation>Fails</translation>
    </message>
    <message>
        <source>不涉及</source>
        <translation>N/A</translation>
    </message>
    <message>
        <source>快捷键 {0} 或 Alt+{0}</source>
        <translation>Shortcut {0} or Alt+{0}</translation>
    </message>
    <message>
        <source> 分</source>
        <translation> pts</translation>
    </message>
    <message>
        <source>模板规则以外的扣分</source>
        <translation>A deduction beyond the template&apos;s rules</translation>
    </message>
    <message>
        <source>另扣分的理由</source>
        <translation>Reason for the extra deduction</translation>
    </message>
    <message>
        <source>另扣</source>
        <translation>Extra</translation>
    </message>
    <message>
        <source>检查情况说明（不符合或部分符合时必填，或登记隐患）</source>
        <translation>What was found (required when the item fails or partly conforms, unless a hazard is recorded)</translation>
    </message>
    <message>
        <source>从本项登记隐患…</source>
        <translation>Hazard from this item…</translation>
    </message>
    <message>
        <source>Ctrl+H</source>
        <translation>Ctrl+H</translation>
    </message>
    <message>
        <source>扣分规则</source>
        <translation>Deduction rules</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请在左侧选择检查项</source>
        <translation>Choose an item in the checklist</translation>
    </message>
    <message>
        <source>{0}&#x3000;{1}（{2} 分）</source>
        <translation>{0}  {1} ({2} pts)</translation>
    </message>
    <message>
        <source>{0}（{1} 分）</source>
        <translation>{0} ({1} pts)</translation>
    </message>
    <message>
        <source>查证：{0}</source>
        <translation>Check: {0}</translation>
    </message>
    <message>
        <source>本项为必查项，不能判为不涉及</source>
        <translation>This item must be checked: it cannot be not applicable</translation>
    </message>
    <message>
        <source>已锁定</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>先选择检查结果，再填写说明</source>
        <translation>Choose a result first, then write the note</translation>
    </message>
    <message>
        <source>否决项（A）：不符合或选择否决扣分规则，则整体不通过</source>
        <translation>Veto item (A): failing it, or choosing a veto clause, fails the whole inspection</translation>
    </message>
    <message>
        <source>否决项（B）：不符合或选择否决扣分规则，则本类目计 0 分</source>
        <translation>Veto item (B): failing it, or choosing a veto clause, zeroes its element</translation>
    </message>
    <message>
        <source>必查项：不能判为不涉及</source>
        <translation>Must be checked: never not applicable</translation>
    </message>
    <message>
        <source>不符合时须拍照取证</source>
        <translation>A photo is required when it fails</translation>
    </message>
    <message>
        <source>不符合时须填写说明</source>
        <translation>A note is required when it fails</translation>
    </message>
    <message>
        <source>本项未检查</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <source>不涉及：不计入总分</source>
        <translation>Not applicable: left out of the total</translation>
    </message>
    <message>
        <source>本项得分 {0} / {1}</source>
        <translation>Item score {0} / {1}</translation>
    </message>
    <message>
        <source>−{0} 分</source>
        <translation>−{0} pts</translation>
    </message>
    <message>
        <source>次数（最多 {0} 次）</source>
        <translation>Times (at most {0})</translation>
    </message>
</context>
<context>
    <name>LockHints</name>
    <message>
        <source>已完成锁定，只读；如需修改请点“重新打开…”并说明理由</source>
        <translation>Completed and locked, read-only; to change it, click “Reopen…” and give the reason</translation>
    </message>
    <message>
        <source>已接收待验收，只读；可在审核队列或“检查”菜单中“验收…”或“退回修改…”</source>
        <translation>Received, awaiting acceptance, read-only; use “Accept…” or “Return for correction…” in the review queue or the “Inspection” menu</translation>
    </message>
    <message>
        <source>已由审核方接收，只读；如需修改，须由审核方退回修改</source>
        <translation>Received by the reviewing office, read-only; to change it, the office must return it for correction</translation>
    </message>
    <message>
        <source>已验收，只读；如需更正，在检查员桌面用“检查 → 退回修改…”退回检查人员</source>
        <translation>Accepted, read-only; to correct it, return it to the inspectors with “Inspection → Return for correction…” on the inspector&apos;s desk</translation>
    </message>
    <message>
        <source>已验收，只读；如需更正，请联系审核方退回修改</source>
        <translation>Accepted, read-only; to correct it, ask the reviewing office to return it for correction</translation>
    </message>
    <message>
        <source>已锁定，只读</source>
        <translation>Locked, read-only</translation>
    </message>
</context>
<context>
    <name>MissingDialog</name>
    <message>
        <source>还不能完成并锁定</source>
        <translation>Cannot complete yet</translation>
    </message>
    <message>
        <source>未检查</source>
        <translation>Not checked</translation>
    </message>
    <message>
        <source>缺说明</source>
        <translation>No note</translation>
    </message>
    <message>
        <source>缺照片</source>
        <translation>No photo</translation>
    </message>
    <message>
        <source>缺签名</source>
        <translation>No signature</translation>
    </message>
    <message>
        <source>检查信息</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>以下 {0} 项须先处理（双击或回车跳转到该项）：</source>
        <translation>{0} things to do first (double-click or Enter jumps to the item):</translation>
    </message>
</context>
<context>
    <name>PersonRow</name>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>行政执法人员持执法证，在执法文书上签名；评审专家持评审员证，只在评分表上签名</source>
        <translation>An enforcement officer holds an enforcement certificate and signs the enforcement documents; a review expert holds a reviewer certificate and signs the score sheet only</translation>
    </message>
    <message>
        <source>删除此人</source>
        <translation>Remove this person</translation>
    </message>
</context>
<context>
    <name>ReopenDialog</name>
    <message>
        <source>重新打开检查</source>
        <translation>Reopen inspection</translation>
    </message>
    <message>
        <source>例如：企业补充提供了资料，需更正 B.3 的结果</source>
        <translation>For example: the enterprise supplied documents, B.3 must be corrected</translation>
    </message>
    <message>
        <source>重新打开</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已完成锁定的检查重新打开后可以修改。请说明理由（必填，记入审计记录）：</source>
        <translation>A reopened inspection can be changed again. Give the reason (required; it goes into the audit trail):</translation>
    </message>
</context>
<context>
    <name>ScorePanel</name>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>类目</source>
        <translation>Element</translation>
    </message>
    <message>
        <source>得分/应得</source>
        <translation>Earned/max</translation>
    </message>
    <message>
        <source>得分率</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>（暂定）</source>
        <translation> (provisional)</translation>
    </message>
    <message>
        <source>证书等级：{0}</source>
        <translation>Certificate grade: {0}</translation>
    </message>
    <message>
        <source>评定等级：{0}</source>
        <translation>Grade awarded: {0}</translation>
    </message>
    <message>
        <source>尚未作答</source>
        <translation>Not yet answered</translation>
    </message>
    <message>
        <source>否决项 {0}：本类目计 0 分</source>
        <translation>Veto {0}: this element scores 0</translation>
    </message>
    <message>
        <source>结论：{0}</source>
        <translation>Outcome: {0}</translation>
    </message>
    <message>
        <source>已检查 {0}/{1}</source>
        <translation>Checked {0}/{1}</translation>
    </message>
</context>
</TS>
