<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>CaseView</name>
    <message>
        <source>查看检查</source>
        <translation>View inspection</translation>
    </message>
    <message>
        <source>摘牌依据（立案时确定）</source>
        <translation>Grounds (fixed when the case was opened)</translation>
    </message>
    <message>
        <source>办理步骤</source>
        <translation>Steps</translation>
    </message>
    <message>
        <source>下一步：</source>
        <translation>Next step:</translation>
    </message>
    <message>
        <source>告知…</source>
        <translation>Notify…</translation>
    </message>
    <message>
        <source>陈述申辩…</source>
        <translation>Defence…</translation>
    </message>
    <message>
        <source>摘牌决定…</source>
        <translation>Decide delisting…</translation>
    </message>
    <message>
        <source>不予摘牌…</source>
        <translation>No delisting…</translation>
    </message>
    <message>
        <source>公告…</source>
        <translation>Announce…</translation>
    </message>
    <message>
        <source>撤销证书…</source>
        <translation>Withdraw certificate…</translation>
    </message>
    <message>
        <source>步骤</source>
        <translation>Step</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>经办人</source>
        <translation>By</translation>
    </message>
    <message>
        <source>机关或当事人</source>
        <translation>Body or party</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>请在左侧选择一个摘牌案卷</source>
        <translation>Choose a delisting case on the left</translation>
    </message>
    <message>
        <source>证书等级 %1</source>
        <translation>certificate %1</translation>
    </message>
    <message>
        <source>决定机关 %1</source>
        <translation>decided by %1</translation>
    </message>
    <message>
        <source>办理机关 %1</source>
        <translation>held by %1</translation>
    </message>
    <message>
        <source>立案 %1（%2）</source>
        <translation>opened %1 (%2)</translation>
    </message>
    <message>
        <source>申辩期限至 %1</source>
        <translation>defence until %1</translation>
    </message>
    <message>
        <source>%1 起可重新申请</source>
        <translation>may apply again from %1</translation>
    </message>
    <message>
        <source>立案</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>告知</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>陈述申辩</source>
        <translation>Defence</translation>
    </message>
    <message>
        <source>摘牌决定</source>
        <translation>Delisting decision</translation>
    </message>
    <message>
        <source>公告</source>
        <translation>Announcement</translation>
    </message>
    <message>
        <source>撤销证书</source>
        <translation>Certificate withdrawn</translation>
    </message>
    <message>
        <source>不予摘牌（案卷结束）</source>
        <translation>No delisting (case closed)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>检查项目：</source>
        <translation>Items: </translation>
    </message>
    <message>
        <source>隐患 %1 项：</source>
        <translation>Hazards (%1):</translation>
    </message>
    <message>
        <source>，整改期限 %1</source>
        <translation>, deadline %1</translation>
    </message>
    <message>
        <source>照片 %1 张：</source>
        <translation>Photos (%1): </translation>
    </message>
    <message>
        <source>%1（不在本工作区）</source>
        <translation>%1 (not in this workspace)</translation>
    </message>
    <message>
        <source>%1证书由%2应急管理部门撤销：本机关只能告知、听取陈述申辩，并随汇总数据包报送上级决定。</source>
        <translation>A %1 certificate is revoked by the %2 emergency management bureau: this office can only notify and hear the defence, then send the case up in its roll-up for the decision.</translation>
    </message>
    <message>
        <source>本案卷由下级机关（%1）办理：本机关只能作出决定、公告和撤销证书。</source>
        <translation>This case is held by the office below (%1): this office can only decide, announce and withdraw the certificate.</translation>
    </message>
    <message>
        <source>申辩期限至 %1 止：企业陈述申辩之前，期限届满后才能作出决定。</source>
        <translation>The defence period runs until %1: unless the enterprise is heard first, the decision comes after it ends.</translation>
    </message>
    <message>
        <source>案卷已结束。</source>
        <translation>The case is closed.</translation>
    </message>
</context>
<context>
    <name>CasesPage</name>
    <message>
        <source>摘牌案件</source>
        <translation>Delisting cases</translation>
    </message>
    <message>
        <source>在审核队列或检查员桌面选中结论为建议摘牌的检查，用“立摘牌案卷…”立案。</source>
        <translation>Open a case from an inspection concluding “recommend delisting” with “Open delisting case…” in the review queue or on the desk.</translation>
    </message>
    <message>
        <source>企业</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>申辩期限</source>
        <translation>Defence period</translation>
    </message>
    <message>
        <source>决定文号</source>
        <translation>Decision no.</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>办理机关</source>
        <translation>Held by</translation>
    </message>
    <message>
        <source>共 %1 件，办理中 %2 件</source>
        <translation>Cases: %1, in progress: %2</translation>
    </message>
    <message>
        <source>无法读取案卷</source>
        <translation>Cannot read the case</translation>
    </message>
    <message>
        <source>未能记录“%1”</source>
        <translation>Could not record “%1”</translation>
    </message>
    <message>
        <source>已记录：%1</source>
        <translation>Recorded: %1</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>进度看板</source>
        <translation>Progress dashboard</translation>
    </message>
    <message>
        <source>检查种类</source>
        <translation>Kind of check</translation>
    </message>
    <message>
        <source>统计截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>明细表</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>在图表和全部数字的表格之间切换</source>
        <translation>Switch between the charts and the table of all figures</translation>
    </message>
    <message>
        <source>待报送事项</source>
        <translation>Reports due</translation>
    </message>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <source>%1 · %2 · 截至 %3，按企业计数</source>
        <translation>%1 · %2 · as of %3, counted by enterprise</translation>
    </message>
    <message>
        <source>全部辖区</source>
        <translation>All areas</translation>
    </message>
    <message>
        <source>各辖区进度（按企业计）</source>
        <translation>Progress by area (enterprises)</translation>
    </message>
    <message>
        <source>检查结论（已完成的检查）</source>
        <translation>Conclusions (completed inspections)</translation>
    </message>
    <message>
        <source>发现</source>
        <translation>Found</translation>
    </message>
    <message>
        <source>已整改</source>
        <translation>Rectified</translation>
    </message>
    <message>
        <source>逾期未整改</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>隐患（按严重程度）</source>
        <translation>Hazards by severity</translation>
    </message>
</context>
<context>
    <name>DutiesTable</name>
    <message>
        <source>已收到 %1/%2</source>
        <translation>Received %1/%2</translation>
    </message>
    <message>
        <source>报送事项</source>
        <translation>Reporting duty</translation>
    </message>
    <message>
        <source>截止日期</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>剩余</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>本机关</source>
        <translation>This office</translation>
    </message>
    <message>
        <source>报送/接收单位</source>
        <translation>Sender / receiver</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>已过 100 天</source>
        <translation>100 days overdue</translation>
    </message>
</context>
<context>
    <name>HazardsPage</name>
    <message>
        <source>隐患台账</source>
        <translation>Hazard ledger</translation>
    </message>
    <message>
        <source>隐患等级</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>整改状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>统计截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>只看逾期</source>
        <translation>Overdue only</translation>
    </message>
    <message>
        <source>逾期：整改期限已过，且仍为待整改或复查不合格（按统计截至日；过去的日期按当日的状态，只含当日已发现的隐患）。</source>
        <translation>Overdue: the deadline has passed and the hazard is still to be rectified or failed its re-check (on the as-of day; for a past day with the statuses of that day, hazards found by then only).</translation>
    </message>
    <message>
        <source>闭环率 = 复查合格 ÷ 隐患合计；未闭环 = 除复查合格以外的隐患。</source>
        <translation>Closure rate = passed re-check ÷ all hazards; open = every hazard that has not passed its re-check.</translation>
    </message>
    <message>
        <source>汇总按辖区统计全部隐患，不受上方筛选影响；下表按筛选列出，逾期重大隐患在前。</source>
        <translation>The summary counts every hazard per area, whatever the filters; the list below follows the filters, overdue major hazards first.</translation>
    </message>
    <message>
        <source>双击一行查看该次检查。</source>
        <translation>Double-click a row to view its inspection.</translation>
    </message>
    <message>
        <source>整改期限已过且仍为待整改或复查不合格</source>
        <translation>Deadline passed and still to be rectified or failed its re-check</translation>
    </message>
    <message>
        <source>今天</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>查看检查</source>
        <translation>View inspection</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>按当前筛选导出汇总和隐患台账两个工作表</source>
        <translation>Export the summary and the ledger (two sheets) with the current filters</translation>
    </message>
    <message>
        <source>逾期重大</source>
        <translation>Overdue major</translation>
    </message>
    <message>
        <source>逾期一般</source>
        <translation>Overdue general</translation>
    </message>
    <message>
        <source>重大隐患</source>
        <translation>Major</translation>
    </message>
    <message>
        <source>一般隐患</source>
        <translation>General</translation>
    </message>
    <message>
        <source>隐患合计</source>
        <translation>All hazards</translation>
    </message>
    <message>
        <source>复查合格</source>
        <translation>Passed re-check</translation>
    </message>
    <message>
        <source>未闭环</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>逾期合计</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>闭环率</source>
        <translation>Closure rate</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Severity</translation>
    </message>
    <message>
        <source>隐患描述</source>
        <translation>Hazard</translation>
    </message>
    <message>
        <source>整改期限</source>
        <translation>Deadline</translation>
    </message>
    <message>
        <source>逾期天数</source>
        <translation>Days overdue</translation>
    </message>
    <message>
        <source>复查时间</source>
        <translation>Re-checked</translation>
    </message>
    <message>
        <source>检查项目</source>
        <translation>Checklist item</translation>
    </message>
    <message>
        <source>整改要求</source>
        <translation>Requirement</translation>
    </message>
    <message>
        <source>现场处理措施</source>
        <translation>On-site measures</translation>
    </message>
    <message>
        <source>检查编号</source>
        <translation>Inspection no.</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>USCC</translation>
    </message>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <source>%1 · 截至 %2</source>
        <translation>%1 · as of %2</translation>
    </message>
    <message>
        <source>全部辖区</source>
        <translation>All areas</translation>
    </message>
    <message>
        <source>显示 %1 条，其中逾期 %2 条</source>
        <translation>%1 shown, %2 of them overdue</translation>
    </message>
    <message>
        <source>没有逾期未整改的重大隐患</source>
        <translation>No major hazard is overdue</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>逾期未整改的重大隐患 %1 条：</source>
        <translation>%1 major hazards overdue: </translation>
    </message>
    <message>
        <source>导出隐患台账</source>
        <translation>Export the hazard ledger</translation>
    </message>
    <message>
        <source>已导出 %1 条隐患：%2</source>
        <translation>Hazards exported (%1): %2</translation>
    </message>
    <message>
        <source>未能导出隐患台账</source>
        <translation>Could not export the hazard ledger</translation>
    </message>
    <message>
        <source>正在导出隐患台账…</source>
        <translation>Exporting the hazard ledger…</translation>
    </message>
</context>
<context>
    <name>LiftDialog</name>
    <message>
        <source>解除处理决定</source>
        <translation>Lift the sanction</translation>
    </message>
    <message>
        <source>如 整改验收合格，恢复评审活动</source>
        <translation>e.g. rectified and accepted, reviews resumed</translation>
    </message>
    <message>
        <source>解除日期</source>
        <translation>Lifted on</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>解除</source>
        <translation>Lift</translation>
    </message>
</context>
<context>
    <name>OfficeMode</name>
    <message>
        <source>打开检查</source>
        <translation>Open inspection</translation>
    </message>
    <message>
        <source>立摘牌案卷…</source>
        <translation>Open delisting case…</translation>
    </message>
    <message>
        <source>结论为建议摘牌且已完成的检查：立摘牌案卷</source>
        <translation>A finished inspection concluding “recommend delisting”: open a delisting case</translation>
    </message>
    <message>
        <source>机关工作台</source>
        <translation>Office workbench</translation>
    </message>
    <message>
        <source>检查员桌面</source>
        <translation>Inspector&apos;s desk</translation>
    </message>
    <message>
        <source>%1（%2）</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>未设置辖区</source>
        <translation>no jurisdiction set</translation>
    </message>
    <message>
        <source>企业与检查列表、检查编辑（Ctrl+1）</source>
        <translation>Enterprises and inspections, the inspection editor (Ctrl+1)</translation>
    </message>
    <message>
        <source>审核队列、分配计划、进度看板和报告（Ctrl+2）</source>
        <translation>Review queue, assignment planning, progress dashboard and reports (Ctrl+2)</translation>
    </message>
</context>
<context>
    <name>OfficePage</name>
    <message>
        <source>无法读取数据</source>
        <translation>Could not read the data</translation>
    </message>
</context>
<context>
    <name>OfficeTexts</name>
    <message>
        <source>检查种类</source>
        <translation>Kind of check</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>辖区全称</source>
        <translation>Area (full name)</translation>
    </message>
    <message>
        <source>纳入范围企业</source>
        <translation>In scope</translation>
    </message>
    <message>
        <source>已分配</source>
        <translation>Assigned</translation>
    </message>
    <message>
        <source>已到场检查</source>
        <translation>Visited</translation>
    </message>
    <message>
        <source>已完成</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>已验收</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>退回修改</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>维持</source>
        <translation>Maintain</translation>
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
        <translation>Recommend suspension of reviews</translation>
    </message>
    <message>
        <source>建议取消评审资格</source>
        <translation>Recommend withdrawal of accreditation</translation>
    </message>
    <message>
        <source>发现一般隐患</source>
        <translation>General hazards found</translation>
    </message>
    <message>
        <source>发现重大隐患</source>
        <translation>Major hazards found</translation>
    </message>
    <message>
        <source>一般隐患已整改</source>
        <translation>General hazards rectified</translation>
    </message>
    <message>
        <source>重大隐患已整改</source>
        <translation>Major hazards rectified</translation>
    </message>
    <message>
        <source>一般隐患逾期未整改</source>
        <translation>General hazards overdue</translation>
    </message>
    <message>
        <source>重大隐患逾期未整改</source>
        <translation>Major hazards overdue</translation>
    </message>
    <message>
        <source>证书已过期</source>
        <translation>Certificates expired</translation>
    </message>
    <message>
        <source>合计</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>其他（未归属辖区）</source>
        <translation>Other (no area)</translation>
    </message>
    <message>
        <source>“回头看”</source>
        <translation>Look-back</translation>
    </message>
    <message>
        <source>运行质量审计</source>
        <translation>Operation quality audit</translation>
    </message>
    <message>
        <source>评审质量自查</source>
        <translation>Review quality self-inspection</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>File</translation>
    </message>
    <message>
        <source>接收</source>
        <translation>Receive</translation>
    </message>
    <message>
        <source>已报送</source>
        <translation>Filed</translation>
    </message>
    <message>
        <source>逾期报送</source>
        <translation>Filed late</translation>
    </message>
    <message>
        <source>未报送</source>
        <translation>Not filed</translation>
    </message>
    <message>
        <source>已收到</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>逾期收到</source>
        <translation>Received late</translation>
    </message>
    <message>
        <source>未收到</source>
        <translation>Not received</translation>
    </message>
    <message>
        <source>有效</source>
        <translation>Valid</translation>
    </message>
    <message>
        <source>本机关</source>
        <translation>This office</translation>
    </message>
    <message>
        <source>正常</source>
        <translation>Normal</translation>
    </message>
    <message>
        <source>通报批评</source>
        <translation>Public criticism</translation>
    </message>
    <message>
        <source>暂停评审活动</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <source>取消评审资格</source>
        <translation>Disqualification</translation>
    </message>
    <message>
        <source>黑名单</source>
        <translation>Blacklist</translation>
    </message>
    <message>
        <source>评审单位</source>
        <translation>Review organisation</translation>
    </message>
    <message>
        <source>咨询服务单位</source>
        <translation>Consultancy</translation>
    </message>
    <message>
        <source>立案</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>已告知</source>
        <translation>Notified</translation>
    </message>
    <message>
        <source>已陈述申辩</source>
        <translation>Defence heard</translation>
    </message>
    <message>
        <source>已决定</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>已公告</source>
        <translation>Announced</translation>
    </message>
    <message>
        <source>已撤销证书</source>
        <translation>Certificate withdrawn</translation>
    </message>
    <message>
        <source>不予摘牌</source>
        <translation>No delisting</translation>
    </message>
    <message>
        <source>告知</source>
        <translation>Notification</translation>
    </message>
    <message>
        <source>陈述申辩</source>
        <translation>Defence</translation>
    </message>
    <message>
        <source>摘牌决定</source>
        <translation>Delisting decision</translation>
    </message>
    <message>
        <source>公告</source>
        <translation>Announcement</translation>
    </message>
    <message>
        <source>撤销证书</source>
        <translation>Certificate withdrawn</translation>
    </message>
    <message>
        <source>设区市</source>
        <translation>City</translation>
    </message>
    <message>
        <source>省</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>辖市（区）</source>
        <translation>District</translation>
    </message>
    <message>
        <source>执行中</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>未开始</source>
        <translation>Not yet in force</translation>
    </message>
    <message>
        <source>已到期</source>
        <translation>Expired</translation>
    </message>
    <message>
        <source>已解除</source>
        <translation>Lifted</translation>
    </message>
    <message>
        <source>暂停中</source>
        <translation>Suspended</translation>
    </message>
    <message>
        <source>已恢复</source>
        <translation>Resumed</translation>
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
        <translation>Small/micro</translation>
    </message>
    <message>
        <source>单位名录</source>
        <translation>Organisations</translation>
    </message>
    <message>
        <source>关联关系</source>
        <translation>Relations</translation>
    </message>
    <message>
        <source>咨询人员</source>
        <translation>Consultancy staff</translation>
    </message>
    <message>
        <source>评审人员</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <source>评审记录</source>
        <translation>Certifications</translation>
    </message>
    <message>
        <source>股东关系</source>
        <translation>Shareholding</translation>
    </message>
    <message>
        <source>同一法定代表人</source>
        <translation>Same legal representative</translation>
    </message>
    <message>
        <source>声明的关联关系</source>
        <translation>Declared relation</translation>
    </message>
    <message>
        <source>还有 %1 天</source>
        <translation>%1 day(s) left</translation>
    </message>
    <message>
        <source>今天到期</source>
        <translation>Due today</translation>
    </message>
    <message>
        <source>已过 %1 天</source>
        <translation>%1 day(s) overdue</translation>
    </message>
    <message>
        <source>（至 %1）</source>
        <translation> (until %1)</translation>
    </message>
    <message>
        <source>（自 %1）</source>
        <translation> (since %1)</translation>
    </message>
</context>
<context>
    <name>OpenCaseDialog</name>
    <message>
        <source>立摘牌案卷</source>
        <translation>Open delisting case</translation>
    </message>
    <message>
        <source>为“%1”立摘牌案卷吗？</source>
        <translation>Open a delisting case for “%1”?</translation>
    </message>
    <message>
        <source>立案时冻结检查的结论依据（否决项、隐患、照片）；此后依次告知、听取陈述申辩、决定、公告、撤销证书。</source>
        <translation>The grounds of the conclusion (vetoes, hazards, photos) are fixed now; then come notification, the defence, the decision, the announcement and the withdrawal.</translation>
    </message>
    <message>
        <source>立案日期</source>
        <translation>Opened on</translation>
    </message>
    <message>
        <source>立案</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>未能立案</source>
        <translation>Could not open the case</translation>
    </message>
</context>
<context>
    <name>OrgForm</name>
    <message>
        <source>单位信息</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>股东</source>
        <translation>Shareholders</translation>
    </message>
    <message>
        <source>资质</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <source>资质范围（行业）</source>
        <translation>Scope (industries)</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>评审单位</source>
        <translation>Review organisation</translation>
    </message>
    <message>
        <source>咨询服务单位</source>
        <translation>Consultancy</translation>
    </message>
    <message>
        <source>多个用“、”分隔</source>
        <translation>Separate several with “、”</translation>
    </message>
    <message>
        <source>多个行业用“、”分隔</source>
        <translation>Separate several industries with “、”</translation>
    </message>
    <message>
        <source>状态由处理决定（通报批评、暂停评审活动、取消评审资格）确定，不能在此修改</source>
        <translation>The status follows the sanctions (criticism, suspension, disqualification) and cannot be edited here</translation>
    </message>
    <message>
        <source>关联单位（声明的与登记册中发现的）</source>
        <translation>Related organisations (declared and found in the register)</translation>
    </message>
    <message>
        <source>声明的关联关系</source>
        <translation>Declared relation</translation>
    </message>
    <message>
        <source>股东关系</source>
        <translation>Shareholding</translation>
    </message>
    <message>
        <source>同一法定代表人</source>
        <translation>Same legal representative</translation>
    </message>
    <message>
        <source>说明，如 同属示范集团</source>
        <translation>Note, e.g. same group</translation>
    </message>
    <message>
        <source>添加关联</source>
        <translation>Add link</translation>
    </message>
    <message>
        <source>删除关联</source>
        <translation>Remove link</translation>
    </message>
    <message>
        <source>%1 – %2（登记册中发现：%3）</source>
        <translation>%1 – %2 (found in the register: %3)</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
</context>
<context>
    <name>PlanningPage</name>
    <message>
        <source>分配计划</source>
        <translation>Assignment planning</translation>
    </message>
    <message>
        <source>检查种类</source>
        <translation>Kind of check</translation>
    </message>
    <message>
        <source>分配所选企业</source>
        <translation>Assign the selected enterprises</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>行政执法人员 1</source>
        <translation>Enforcement officer 1</translation>
    </message>
    <message>
        <source>行政执法人员 2</source>
        <translation>Enforcement officer 2</translation>
    </message>
    <message>
        <source>评审专家（可选）</source>
        <translation>Review expert (optional)</translation>
    </message>
    <message>
        <source>完成期限</source>
        <translation>Due date</translation>
    </message>
    <message>
        <source>每项检查须有至少两名持执法证的行政执法人员；评审专家只在评分表上签字，不计入。</source>
        <translation>Every inspection needs at least two enforcement officers holding an enforcement certificate; review experts sign the score sheet only and do not count.</translation>
    </message>
    <message>
        <source>全选</source>
        <translation>Select all</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>行业</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>证书</source>
        <translation>Certificate</translation>
    </message>
    <message>
        <source>证书有效期至</source>
        <translation>Certificate valid until</translation>
    </message>
    <message>
        <source>提示</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>分配所选评审单位</source>
        <translation>Assign the selected review organisations</translation>
    </message>
    <message>
        <source>评审单位</source>
        <translation>Review organisation</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>评审企业</source>
        <translation>Reviewed</translation>
    </message>
    <message>
        <source>（不选）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>%1（%2，自 %3 起）</source>
        <translation>%1 (%2, since %3)</translation>
    </message>
    <message>
        <source>暂停受理评审申请：</source>
        <translation>Review applications suspended: </translation>
    </message>
    <message>
        <source>；</source>
        <translation>; </translation>
    </message>
    <message>
        <source>暂无数据</source>
        <translation>No data yet</translation>
    </message>
    <message>
        <source>全部辖区</source>
        <translation>All areas</translation>
    </message>
    <message>
        <source>%1：登记的评审单位 %2 家，已安排%3 %4 家，待分配 %5 家；每家抽取一家其评审的企业作为样本。</source>
        <translation>%1: %2 registered review organisations, %3 planned for %4, %5 to assign; for each, one enterprise it reviewed is sampled.</translation>
    </message>
    <message>
        <source>%1：活动范围内的企业 %2 家，已安排%3 %4 家，待分配 %5 家。</source>
        <translation>%1: %2 enterprises in the campaign&apos;s scope, %4 of them with a %3 inspection assigned, %5 still to assign.</translation>
    </message>
    <message>
        <source>其中 %1 家企业的所属辖区不在本机关的下级辖区中（计入“其他”）。</source>
        <translation> Of these, %1 are in no area below this office (counted under “Other”).</translation>
    </message>
    <message>
        <source>已选 %1 家企业</source>
        <translation>Enterprises selected: %1</translation>
    </message>
    <message>
        <source>已选 %1 家评审单位</source>
        <translation>%1 review organisations selected</translation>
    </message>
    <message>
        <source>分配检查（%1 家）</source>
        <translation>Assign (%1)</translation>
    </message>
    <message>
        <source>未能分配检查</source>
        <translation>Could not assign</translation>
    </message>
    <message>
        <source>正在分配检查…</source>
        <translation>Assigning inspections…</translation>
    </message>
    <message>
        <source>已分配 %1 项检查（共选 %2 家企业）。</source>
        <translation>Inspections assigned: %1 (enterprises selected: %2).</translation>
    </message>
    <message>
        <source>已取消，其余企业未分配。</source>
        <translation> Cancelled: the other enterprises were not assigned.</translation>
    </message>
    <message>
        <source>未分配（%1 家）：%2 —— %3</source>
        <translation>Not assigned (%1): %2 — %3</translation>
    </message>
    <message>
        <source>分配完成</source>
        <translation>Assignment finished</translation>
    </message>
    <message>
        <source>现在把分配的检查发送给检查人员吗？（导出数据包，用 U 盘或电子邮件传送）</source>
        <translation>Send the assigned inspections to the inspectors now? (Export a bundle to carry on a USB stick or send by e-mail.)</translation>
    </message>
    <message>
        <source>发送给检查人员…</source>
        <translation>Send to inspectors…</translation>
    </message>
</context>
<context>
    <name>ReceivedDialog</name>
    <message>
        <source>登记收到的报告</source>
        <translation>Record a received report</translation>
    </message>
    <message>
        <source>登记以纸质或邮件方式收到的“%1”。</source>
        <translation>Record “%1” received on paper or by mail.</translation>
    </message>
    <message>
        <source>报送单位</source>
        <translation>Sent by</translation>
    </message>
    <message>
        <source>收到日期</source>
        <translation>Received on</translation>
    </message>
    <message>
        <source>备注</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>例如：江苏示范安全评审有限公司</source>
        <translation>e.g. a review organisation&apos;s name</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>保存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>还原</source>
        <translation>Revert</translation>
    </message>
    <message>
        <source>保存修改（如他人已修改此条记录，将不保存并重新读取）</source>
        <translation>Save the changes (if someone else changed this record meanwhile, nothing is saved and the record is read again)</translation>
    </message>
    <message>
        <source>第 %1 版</source>
        <translation>Version %1</translation>
    </message>
</context>
<context>
    <name>RegisterImport</name>
    <message>
        <source>单位名录（含关联单位和咨询人员）</source>
        <translation>organisations (with related organisations and consultancy staff)</translation>
    </message>
    <message>
        <source>评审人员名录</source>
        <translation>reviewers</translation>
    </message>
    <message>
        <source>评审记录（证书、评审单位和评审组）</source>
        <translation>certifications (certificate, review organisation and team)</translation>
    </message>
    <message>
        <source>导入%1</source>
        <translation>Import %1</translation>
    </message>
    <message>
        <source>表格 (*.xlsx *.csv)</source>
        <translation>Spreadsheets (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>正在检查导入文件…</source>
        <translation>Checking the file…</translation>
    </message>
    <message>
        <source>正在导入…</source>
        <translation>Importing…</translation>
    </message>
</context>
<context>
    <name>RegisterImportDialog</name>
    <message>
        <source>导入%1 – %2</source>
        <translation>Import %1 – %2</translation>
    </message>
    <message>
        <source>发现 %1 个问题。</source>
        <translation>Problems found: %1.</translation>
    </message>
    <message>
        <source>&lt;b&gt;文件无法导入，登记册没有任何改动。&lt;/b&gt;</source>
        <translation>&lt;b&gt;The file cannot be imported; the register was not changed.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>请修改表格中的以下问题后重新导入：</source>
        <translation>Correct these problems in the spreadsheet and import it again:</translation>
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
        <translation>&lt;b&gt;Import finished&lt;/b&gt;</translation>
    </message>
    <message>
        <source>%1 %2 行：将新增 %3，更新 %4，不变 %5</source>
        <translation>%1, %2 rows: %3 to add, %4 to update, %5 unchanged</translation>
    </message>
    <message>
        <source>%1 %2 行：新增 %3，更新 %4，不变 %5</source>
        <translation>%1, %2 rows: %3 added, %4 updated, %5 unchanged</translation>
    </message>
    <message>
        <source>文件中没有数据</source>
        <translation>The file holds no data</translation>
    </message>
    <message>
        <source>已忽略的列：</source>
        <translation>Ignored columns: </translation>
    </message>
    <message>
        <source>警告 %1 条：</source>
        <translation>Warnings (%1):</translation>
    </message>
    <message>
        <source>工作表</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>行号</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>变更</source>
        <translation>Changes</translation>
    </message>
</context>
<context>
    <name>RegistersPage</name>
    <message>
        <source>登记册</source>
        <translation>Registers</translation>
    </message>
    <message>
        <source>评审单位与咨询服务单位</source>
        <translation>Review organisations and consultancies</translation>
    </message>
    <message>
        <source>评审人员</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <source>全部类别</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>评审单位</source>
        <translation>Review organisation</translation>
    </message>
    <message>
        <source>咨询服务单位</source>
        <translation>Consultancy</translation>
    </message>
    <message>
        <source>按名称、证书号或信用代码查找</source>
        <translation>Find by name, certificate no. or credit code</translation>
    </message>
    <message>
        <source>导入…</source>
        <translation>Import…</translation>
    </message>
    <message>
        <source>从 Excel 或 CSV 导入登记册（先预览，全部无误才写入）</source>
        <translation>Import a register from Excel or CSV (previewed first; written only when every row is correct)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>冲突提示</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证书号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>参与评审</source>
        <translation>Reviews</translation>
    </message>
    <message>
        <source>专业</source>
        <translation>Specialities</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>类别</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>证书数</source>
        <translation>Certificates</translation>
    </message>
    <message>
        <source>法定代表人</source>
        <translation>Legal representative</translation>
    </message>
    <message>
        <source>统一社会信用代码</source>
        <translation>Credit code</translation>
    </message>
    <message>
        <source>共 %1 条，显示 %2 条</source>
        <translation>Records: %1, shown: %2</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>未能保存</source>
        <translation>Could not save</translation>
    </message>
    <message>
        <source>记录已被他人修改</source>
        <translation>The record was changed by someone else</translation>
    </message>
    <message>
        <source>未能添加关联</source>
        <translation>Could not add the link</translation>
    </message>
    <message>
        <source>未能删除关联</source>
        <translation>Could not remove the link</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>报送事项</source>
        <translation>Reporting duty</translation>
    </message>
    <message>
        <source>已报送和收到的报告</source>
        <translation>Reports filed and received</translation>
    </message>
    <message>
        <source>所选事项的报告</source>
        <translation>Report of the selected duty</translation>
    </message>
    <message>
        <source>登记收到的报告…</source>
        <translation>Record a received report…</translation>
    </message>
    <message>
        <source>打开 PDF</source>
        <translation>Open PDF</translation>
    </message>
    <message>
        <source>另存为…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>统计截至</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>刷新预览</source>
        <translation>Refresh preview</translation>
    </message>
    <message>
        <source>书面报告（工作开展情况、存在问题、下一步打算）</source>
        <translation>Written section (work done, problems, next steps)</translation>
    </message>
    <message>
        <source>留空则使用根据统计数字生成的说明</source>
        <translation>Leave empty to use the text generated from the figures</translation>
    </message>
    <message>
        <source>保存为 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>保存为 Excel…</source>
        <translation>Save as Excel…</translation>
    </message>
    <message>
        <source>报送/归档…</source>
        <translation>File…</translation>
    </message>
    <message>
        <source>编号、冻结统计数字并保存 PDF 和 Excel 文件；再次报送将代替前一份</source>
        <translation>Number the report, freeze its figures and keep its PDF and Excel files; filing again replaces the previous one</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>报送时间</source>
        <translation>Filed at</translation>
    </message>
    <message>
        <source>报送人</source>
        <translation>Filed by</translation>
    </message>
    <message>
        <source>来源</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>本机关不报送此事项；请选择“本机关”一栏为“报送”的事项。</source>
        <translation>This office does not file this duty; choose one whose “This office” column says “File”.</translation>
    </message>
    <message>
        <source>正在生成预览…</source>
        <translation>Generating the preview…</translation>
    </message>
    <message>
        <source>第 1 页，共 %1 页</source>
        <translation>Page 1 of %1</translation>
    </message>
    <message>
        <source>保存报告</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>未能保存报告</source>
        <translation>Could not save the report</translation>
    </message>
    <message>
        <source>正在保存报告…</source>
        <translation>Saving the report…</translation>
    </message>
    <message>
        <source>报送/归档</source>
        <translation>File the report</translation>
    </message>
    <message>
        <source>报送“%1”吗？</source>
        <translation>File “%1”?</translation>
    </message>
    <message>
        <source>统计截至：%1</source>
        <translation>Figures as of: %1</translation>
    </message>
    <message>
        <source>报告将编号，统计数字冻结，PDF 和 Excel 文件保存在工作区中。</source>
        <translation>The report gets a number, its figures are frozen and the PDF and Excel files are kept in the workspace.</translation>
    </message>
    <message>
        <source>本事项已报送过（%1），新的报告将代替它。</source>
        <translation>This duty was filed before (%1); the new report replaces it.</translation>
    </message>
    <message>
        <source>书面报告为空：将使用根据统计数字生成的说明。</source>
        <translation>The written section is empty: the text generated from the figures is used.</translation>
    </message>
    <message>
        <source>报送</source>
        <translation>File</translation>
    </message>
    <message>
        <source>已报送：%1（统计截至 %2）</source>
        <translation>Filed: %1 (as of %2)</translation>
    </message>
    <message>
        <source>，代替 %1</source>
        <translation>, replacing %1</translation>
    </message>
    <message>
        <source>未能报送</source>
        <translation>Could not file</translation>
    </message>
    <message>
        <source>正在报送…</source>
        <translation>Filing…</translation>
    </message>
    <message>
        <source>已登记收到的报告：%1</source>
        <translation>Received report recorded: %1</translation>
    </message>
    <message>
        <source>未能登记</source>
        <translation>Could not record</translation>
    </message>
    <message>
        <source>另存为</source>
        <translation>Save as</translation>
    </message>
    <message>
        <source>未能保存文件</source>
        <translation>Could not save the file</translation>
    </message>
</context>
<context>
    <name>ResumeDialog</name>
    <message>
        <source>登记恢复受理</source>
        <translation>Record the resumption</translation>
    </message>
    <message>
        <source>恢复日期</source>
        <translation>Resumed on</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>审核队列：已接收、待验收的检查</source>
        <translation>Review queue: received inspections waiting for acceptance</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>检查种类</source>
        <translation>Kind of check</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>接收日期</source>
        <translation>Received</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>查看检查</source>
        <translation>View inspection</translation>
    </message>
    <message>
        <source>验收…</source>
        <translation>Accept…</translation>
    </message>
    <message>
        <source>退回修改…</source>
        <translation>Return for correction…</translation>
    </message>
    <message>
        <source>立摘牌案卷…</source>
        <translation>Open delisting case…</translation>
    </message>
    <message>
        <source>结论为建议摘牌的检查：立摘牌案卷，转入告知、陈述申辩和决定</source>
        <translation>An inspection concluding “recommend delisting”: open a case, then notify, hear the defence and decide</translation>
    </message>
    <message>
        <source>确认得分和结论后验收所选检查</source>
        <translation>Accept the selected inspection after checking its score and conclusion</translation>
    </message>
    <message>
        <source>把所选检查退回给检查人员修改，须填写意见</source>
        <translation>Return the selected inspection to its inspectors for correction (a comment is required)</translation>
    </message>
    <message>
        <source>企业名称</source>
        <translation>Enterprise</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklist</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>得分</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>待验收 %1 项，显示 %2 项</source>
        <translation>%1 waiting for acceptance, %2 shown</translation>
    </message>
    <message>
        <source>已验收：%1</source>
        <translation>Accepted: %1</translation>
    </message>
    <message>
        <source>未能验收</source>
        <translation>Could not accept</translation>
    </message>
    <message>
        <source>已退回修改：%1</source>
        <translation>Returned for correction: %1</translation>
    </message>
    <message>
        <source>未能退回</source>
        <translation>Could not return</translation>
    </message>
</context>
<context>
    <name>ReviewerForm</name>
    <message>
        <source>评审人员信息</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>证书号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>专业（行业）</source>
        <translation>Specialities (industries)</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>多个行业用“、”分隔；与企业的行业比对</source>
        <translation>Separate several industries with “、”; compared with the enterprise&apos;s industry</translation>
    </message>
    <message>
        <source>黑名单由处理决定确定，不能在此修改</source>
        <translation>The blacklist follows the sanctions and cannot be edited here</translation>
    </message>
    <message>
        <source>（无，独立专家）</source>
        <translation>(none: independent expert)</translation>
    </message>
    <message>
        <source>参与评审 %1 家企业：%2</source>
        <translation>Enterprises reviewed (%1): %2</translation>
    </message>
</context>
<context>
    <name>SanctionDialog</name>
    <message>
        <source>新增处理决定</source>
        <translation>New sanction</translation>
    </message>
    <message>
        <source>通报批评</source>
        <translation>Public criticism</translation>
    </message>
    <message>
        <source>暂停评审活动</source>
        <translation>Suspension</translation>
    </message>
    <message>
        <source>取消评审资格</source>
        <translation>Disqualification</translation>
    </message>
    <message>
        <source>列入黑名单（评审人员）</source>
        <translation>Blacklist (reviewer)</translation>
    </message>
    <message>
        <source>事实和理由，例如：评审质量自查发现评审组成员参加了同一企业的咨询辅导</source>
        <translation>Facts and grounds, e.g. the review-quality check found that a review team member had consulted for the same enterprise</translation>
    </message>
    <message>
        <source>如 常应急〔2020〕12号</source>
        <translation>e.g. 常应急〔2020〕12号</translation>
    </message>
    <message>
        <source>有期限</source>
        <translation>With a period</translation>
    </message>
    <message>
        <source>至</source>
        <translation>to</translation>
    </message>
    <message>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Whom</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Grounds</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>决定日期</source>
        <translation>Decided on</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>期限</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>关联案卷</source>
        <translation>Case file</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>通报批评不限制评审活动，解除前一直有效（如写明期限，则到期为止）。</source>
        <translation>Public criticism does not stop reviews; it stands until lifted (or until its period ends, when one is given).</translation>
    </message>
    <message>
        <source>暂停评审活动须写明期限；期间内该单位评审的企业将被提示利益冲突。</source>
        <translation>A suspension needs its period; reviews by the organisation within it are flagged as conflicts.</translation>
    </message>
    <message>
        <source>取消评审资格自决定日期起生效，直至解除。</source>
        <translation>A disqualification takes effect on the decision date and lasts until it is lifted.</translation>
    </message>
    <message>
        <source>列入黑名单的评审人员自决定日期起不得参加评审，直至解除。</source>
        <translation>A blacklisted reviewer may not take part in reviews from the decision date until it is lifted.</translation>
    </message>
    <message>
        <source>依据：苏应急电〔2020〕3号 第四条；常应急函〔2020〕8号 第四条。</source>
        <translation>Basis: 苏应急电〔2020〕3号 art. 4; 常应急函〔2020〕8号 art. 4.</translation>
    </message>
</context>
<context>
    <name>SanctionsPage</name>
    <message>
        <source>处理决定与暂停受理</source>
        <translation>Sanctions and suspended applications</translation>
    </message>
    <message>
        <source>苏应急电〔2020〕3号 第一条、第四条；常应急函〔2020〕8号 第四条</source>
        <translation>苏应急电〔2020〕3号 art. 1, 4; 常应急函〔2020〕8号 art. 4</translation>
    </message>
    <message>
        <source>处理决定：通报批评、暂停评审活动、取消评审资格（评审单位），黑名单（评审人员）</source>
        <translation>Sanctions: public criticism, suspension, disqualification (review organisations), blacklist (reviewers)</translation>
    </message>
    <message>
        <source>暂停受理评审申请</source>
        <translation>Suspended review applications</translation>
    </message>
    <message>
        <source>新增处理决定…</source>
        <translation>New sanction…</translation>
    </message>
    <message>
        <source>解除…</source>
        <translation>Lift…</translation>
    </message>
    <message>
        <source>登记暂停…</source>
        <translation>Record suspension…</translation>
    </message>
    <message>
        <source>登记恢复受理…</source>
        <translation>Record resumption…</translation>
    </message>
    <message>
        <source>登记通知中的暂停</source>
        <translation>Record the notices&apos; suspensions</translation>
    </message>
    <message>
        <source>登记苏应急电〔2020〕3号和常应急函〔2020〕8号中的暂停受理（已登记的不重复）</source>
        <translation>Record the suspensions stated in 苏应急电〔2020〕3号 and 常应急函〔2020〕8号 (those recorded are not repeated)</translation>
    </message>
    <message>
        <source>处理</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>对象</source>
        <translation>Whom</translation>
    </message>
    <message>
        <source>现状</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>决定日期</source>
        <translation>Decided on</translation>
    </message>
    <message>
        <source>文号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>期限自</source>
        <translation>From</translation>
    </message>
    <message>
        <source>期限至</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>解除日期</source>
        <translation>Lifted on</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>理由</source>
        <translation>Grounds</translation>
    </message>
    <message>
        <source>关联</source>
        <translation>Linked</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>暂停自</source>
        <translation>Suspended since</translation>
    </message>
    <message>
        <source>恢复日期</source>
        <translation>Resumed on</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>未能更新状态</source>
        <translation>Could not update the statuses</translation>
    </message>
    <message>
        <source>共 %1 项，执行中 %2 项</source>
        <translation>Decisions: %1, in force: %2</translation>
    </message>
    <message>
        <source>共 %1 项，暂停中 %2 项</source>
        <translation>Suspensions: %1, in force: %2</translation>
    </message>
    <message>
        <source>已登记处理决定</source>
        <translation>Sanction recorded</translation>
    </message>
    <message>
        <source>未能登记处理决定</source>
        <translation>Could not record the sanction</translation>
    </message>
    <message>
        <source>已解除处理决定</source>
        <translation>Sanction lifted</translation>
    </message>
    <message>
        <source>未能解除处理决定</source>
        <translation>Could not lift the sanction</translation>
    </message>
    <message>
        <source>已登记暂停受理</source>
        <translation>Suspension recorded</translation>
    </message>
    <message>
        <source>未能登记暂停受理</source>
        <translation>Could not record the suspension</translation>
    </message>
    <message>
        <source>%1 %2 自 %3 起暂停受理</source>
        <translation>%1: %2 applications suspended since %3</translation>
    </message>
    <message>
        <source>已登记恢复受理</source>
        <translation>Resumption recorded</translation>
    </message>
    <message>
        <source>未能登记恢复受理</source>
        <translation>Could not record the resumption</translation>
    </message>
    <message>
        <source>已登记通知中的暂停 %1 项</source>
        <translation>Suspensions from the notices recorded: %1</translation>
    </message>
    <message>
        <source>未能登记通知中的暂停</source>
        <translation>Could not record the notices&apos; suspensions</translation>
    </message>
</context>
<context>
    <name>StatsPage</name>
    <message>
        <source>评审单位与评审人员统计</source>
        <translation>Review organisations and reviewers</translation>
    </message>
    <message>
        <source>按评审单位</source>
        <translation>By review organisation</translation>
    </message>
    <message>
        <source>按评审人员</source>
        <translation>By reviewer</translation>
    </message>
    <message>
        <source>回头看按每家企业最近一次已完成的回头看或运行质量审计计；得分差 = 回头看得分 − 评审得分。</source>
        <translation>Look-backs: each enterprise&apos;s latest completed look-back or audit; score gap = look-back score − review score.</translation>
    </message>
    <message>
        <source>导出 Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>把当前的统计表导出为 Excel 工作簿</source>
        <translation>Export the statistics shown to an Excel workbook</translation>
    </message>
    <message>
        <source>评审达标企业</source>
        <translation>Certified</translation>
    </message>
    <message>
        <source>已回头看</source>
        <translation>Looked back</translation>
    </message>
    <message>
        <source>建议摘牌占比</source>
        <translation>Delisting share</translation>
    </message>
    <message>
        <source>评审得分均值</source>
        <translation>Mean review score</translation>
    </message>
    <message>
        <source>回头看得分均值</source>
        <translation>Mean look-back score</translation>
    </message>
    <message>
        <source>得分差</source>
        <translation>Score gap</translation>
    </message>
    <message>
        <source>利益冲突提示</source>
        <translation>Conflict-of-interest flags</translation>
    </message>
    <message>
        <source>评审人员</source>
        <translation>Reviewers</translation>
    </message>
    <message>
        <source>证书编号</source>
        <translation>Certificate no.</translation>
    </message>
    <message>
        <source>所属单位</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>评审单位</source>
        <translation>Review organisation</translation>
    </message>
    <message>
        <source>最近评审质量检查结论</source>
        <translation>Latest review-quality conclusion</translation>
    </message>
    <message>
        <source>评审人员 %1 名，其中 %2 名有利益冲突提示</source>
        <translation>Reviewers: %1, with conflict flags: %2</translation>
    </message>
    <message>
        <source>评审单位 %1 家，其中 %2 家有利益冲突提示</source>
        <translation>%1 review organisations, %2 with conflict flags</translation>
    </message>
    <message>
        <source>暂无已完成的回头看</source>
        <translation>No completed look-backs yet</translation>
    </message>
    <message>
        <source>建议摘牌占比（%）</source>
        <translation>Share recommended for delisting (%)</translation>
    </message>
    <message>
        <source>回头看得分均值与评审得分均值</source>
        <translation>Mean look-back score and mean review score</translation>
    </message>
    <message>
        <source>评审人员统计</source>
        <translation>Reviewer statistics</translation>
    </message>
    <message>
        <source>评审单位统计</source>
        <translation>Review organisation statistics</translation>
    </message>
    <message>
        <source>导出统计</source>
        <translation>Export statistics</translation>
    </message>
    <message>
        <source>已导出统计：%1</source>
        <translation>Statistics exported: %1</translation>
    </message>
    <message>
        <source>未能导出统计</source>
        <translation>Could not export the statistics</translation>
    </message>
    <message>
        <source>正在导出统计…</source>
        <translation>Exporting the statistics…</translation>
    </message>
</context>
<context>
    <name>StepDialog</name>
    <message>
        <source>记录：%1</source>
        <translation>Record: %1</translation>
    </message>
    <message>
        <source>（未附文件）</source>
        <translation>(no file)</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>告知书写明的申辩期限至</source>
        <translation>Defence period named in the notice, until</translation>
    </message>
    <message>
        <source>期限届满，企业未陈述申辩（逾期未陈述申辩）</source>
        <translation>The period ended without a defence (no defence received)</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>申辩期限</source>
        <translation>Defence period</translation>
    </message>
    <message>
        <source>说明</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>告知书编号</source>
        <translation>Notice no.</translation>
    </message>
    <message>
        <source>决定书文号</source>
        <translation>Decision no.</translation>
    </message>
    <message>
        <source>公告编号</source>
        <translation>Announcement no.</translation>
    </message>
    <message>
        <source>收文编号</source>
        <translation>Receipt no.</translation>
    </message>
    <message>
        <source>文书编号</source>
        <translation>Document no.</translation>
    </message>
    <message>
        <source>（必填）</source>
        <translation> (required)</translation>
    </message>
    <message>
        <source>未写明期限时，按本机关设置的天数（默认 3 日，逢周末顺延）计算申辩期限。</source>
        <translation>Without a named date, the defence period is this office&apos;s setting (3 days by default, a weekend moves it on).</translation>
    </message>
    <message>
        <source>附上企业的书面陈述申辩材料，或在说明中写明其内容；期限届满未收到的，勾选“逾期未陈述申辩”（只能在期限届满后记录）。</source>
        <translation>Attach the enterprise&apos;s written defence or describe it in the note; when none came by the end of the period, tick “no defence received” (only after the period).</translation>
    </message>
    <message>
        <source>只能由授予等级的机关决定（三级：设区市；二级：省）；企业未陈述申辩的，须在申辩期限届满后决定。</source>
        <translation>Only the body that granted the grade decides (grade 3: the city; grade 2: the province); without a defence, only after the defence period has ended.</translation>
    </message>
    <message>
        <source>授予等级的机关听取陈述申辩后决定不予摘牌，案卷就此结束。</source>
        <translation>Having heard the defence, the body that granted the grade decides against delisting; the case ends here.</translation>
    </message>
    <message>
        <source>摘牌决定予以公告。</source>
        <translation>The delisting decision is announced.</translation>
    </message>
    <message>
        <source>撤销证书；企业一年内不得重新申请。</source>
        <translation>The certificate is withdrawn; the enterprise may not apply again for one year.</translation>
    </message>
    <message>
        <source>选择附件</source>
        <translation>Choose the attached file</translation>
    </message>
    <message>
        <source>文书 (*.pdf *.jpg *.jpeg *.png)</source>
        <translation>Documents (*.pdf *.jpg *.jpeg *.png)</translation>
    </message>
</context>
<context>
    <name>SuspensionDialog</name>
    <message>
        <source>登记暂停受理评审申请</source>
        <translation>Record a suspension of review applications</translation>
    </message>
    <message>
        <source>通知文号，如 常应急函〔2020〕8号</source>
        <translation>Notice number, e.g. 常应急函〔2020〕8号</translation>
    </message>
    <message>
        <source>等级</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>辖区</source>
        <translation>Area</translation>
    </message>
    <message>
        <source>暂停自</source>
        <translation>Suspended since</translation>
    </message>
    <message>
        <source>决定机关</source>
        <translation>Deciding body</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Basis</translation>
    </message>
    <message>
        <source>为一个辖区登记的暂停也适用于其下级辖区。</source>
        <translation>A suspension recorded for an area also applies to the areas below it.</translation>
    </message>
    <message>
        <source>登记</source>
        <translation>Record</translation>
    </message>
</context>
<context>
    <name>TemplateActions</name>
    <message>
        <source>检查表…</source>
        <translation>Checklists…</translation>
    </message>
    <message>
        <source>查看检查表的各版本，打印空白检查表</source>
        <translation>See the checklist versions and print blank paper checklists</translation>
    </message>
</context>
<context>
    <name>TemplatePreviewWidget</name>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>检查内容</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>分值</source>
        <translation>Points</translation>
    </message>
    <message>
        <source>标记</source>
        <translation>Marks</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>结论和规则</source>
        <translation>Conclusions and rules</translation>
    </message>
    <message>
        <source>请在左侧选择一个检查表</source>
        <translation>Choose a checklist on the left</translation>
    </message>
    <message>
        <source>扣 %1</source>
        <translation>−%1</translation>
    </message>
    <message>
        <source>%1 版本 %2</source>
        <translation>%1 version %2</translation>
    </message>
    <message>
        <source>%1 项，总分 %2</source>
        <translation>Items: %1, points in all: %2</translation>
    </message>
    <message>
        <source>适用等级：%1</source>
        <translation>For grades: %1</translation>
    </message>
    <message>
        <source>检查对象：评审单位</source>
        <translation>Checks a review organisation</translation>
    </message>
    <message>
        <source>适用行业：%1</source>
        <translation>Industries: %1</translation>
    </message>
    <message>
        <source>随程序提供，尚未用于本工作区</source>
        <translation>shipped with the program, not used in this workspace yet</translation>
    </message>
    <message>
        <source>%1 项检查使用此版本</source>
        <translation>inspections using it: %1</translation>
    </message>
    <message>
        <source>依据：%1</source>
        <translation>Basis: %1</translation>
    </message>
    <message>
        <source>※否决项%1</source>
        <translation>* veto %1</translation>
    </message>
    <message>
        <source>不可不涉及</source>
        <translation>never N/A</translation>
    </message>
    <message>
        <source>重大隐患</source>
        <translation>major hazard</translation>
    </message>
    <message>
        <source>企业自行整改</source>
        <translation>enterprise fixes itself</translation>
    </message>
    <message>
        <source>行业：%1</source>
        <translation>industries: %1</translation>
    </message>
    <message>
        <source>最多 %1 次</source>
        <translation>at most %1 times</translation>
    </message>
    <message>
        <source>须依法整改</source>
        <translation>to be rectified by law</translation>
    </message>
    <message>
        <source>最低得分率 %1%</source>
        <translation>minimum share %1%</translation>
    </message>
    <message>
        <source>%1 项，分值 %2</source>
        <translation>Items: %1, points: %2</translation>
    </message>
    <message>
        <source>%1 分</source>
        <translation>%1 pts</translation>
    </message>
    <message>
        <source>检查方法：%1</source>
        <translation>How to check: %1</translation>
    </message>
    <message>
        <source>写明情况</source>
        <translation>a note</translation>
    </message>
    <message>
        <source>拍照</source>
        <translation>a photo</translation>
    </message>
    <message>
        <source>不符合时须%1</source>
        <translation>A failed item needs %1</translation>
    </message>
    <message>
        <source>、</source>
        <translation> and </translation>
    </message>
    <message>
        <source>扣 %1 分</source>
        <translation>minus %1 pts</translation>
    </message>
    <message>
        <source>扣 %1 分，最多 %2 次</source>
        <translation>minus %1 pts, at most %2×</translation>
    </message>
    <message>
        <source>结论（由轻到重）</source>
        <translation>Conclusions (mildest first)</translation>
    </message>
    <message>
        <source>成立的规则中最严重的结论即检查结论；都不成立时为“%1”。</source>
        <translation>The check concludes the most severe conclusion of the rules that hold; when none holds, “%1”.</translation>
    </message>
    <message>
        <source>条件</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>结论</source>
        <translation>Conclusion</translation>
    </message>
    <message>
        <source>依据</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>类目得分率</source>
        <translation>element share</translation>
    </message>
    <message>
        <source>等级标准</source>
        <translation>Grade standards</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <source>检查表</source>
        <translation>Checklists</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>检查表：工作区中的检查表版本及其预览</source>
        <translation>Checklists: the versions in this workspace and their preview</translation>
    </message>
    <message>
        <source>打印空白检查表…</source>
        <translation>Print blank checklist…</translation>
    </message>
    <message>
        <source>所选版本的纸质备用检查表（PDF），电脑不能使用时现场手写填写</source>
        <translation>The paper checklist of the chosen version (PDF), filled in by hand when the laptop cannot be used</translation>
    </message>
    <message>
        <source>打印空白评分表…</source>
        <translation>Print blank score sheet…</translation>
    </message>
    <message>
        <source>编号</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>版本</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>检查项</source>
        <translation>Items</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>工作区中没有检查表</source>
        <translation>No checklist in this workspace</translation>
    </message>
    <message>
        <source>共 %1 个版本</source>
        <translation>%1 versions</translation>
    </message>
    <message>
        <source>无法读取检查表</source>
        <translation>Cannot read the checklist</translation>
    </message>
    <message>
        <source>已保存：%1</source>
        <translation>Saved: %1</translation>
    </message>
    <message>
        <source>未能打印空白表</source>
        <translation>The blank form was not printed</translation>
    </message>
    <message>
        <source>正在生成空白表…</source>
        <translation>Making the blank form…</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <source>机关工作台</source>
        <translation>Office workbench</translation>
    </message>
    <message>
        <source>审核队列</source>
        <translation>Review queue</translation>
    </message>
    <message>
        <source>分配计划</source>
        <translation>Assignment planning</translation>
    </message>
    <message>
        <source>进度看板</source>
        <translation>Progress dashboard</translation>
    </message>
    <message>
        <source>报告</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>隐患台账</source>
        <translation>Hazard ledger</translation>
    </message>
    <message>
        <source>检查表</source>
        <translation>Checklists</translation>
    </message>
    <message>
        <source>登记册</source>
        <translation>Registers</translation>
    </message>
    <message>
        <source>统计</source>
        <translation>Statistics</translation>
    </message>
    <message>
        <source>摘牌案件</source>
        <translation>Delisting cases</translation>
    </message>
    <message>
        <source>处理决定</source>
        <translation>Sanctions</translation>
    </message>
    <message>
        <source>无法打开检查</source>
        <translation>Could not open the inspection</translation>
    </message>
</context>
</TS>
