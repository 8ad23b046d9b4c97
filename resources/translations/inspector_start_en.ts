<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>关于 Inspector</source>
        <translation>About Inspector</translation>
    </message>
    <message>
        <source>（未打开工作区）</source>
        <translation>(no workspace open)</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Inspector&lt;/h3&gt;&lt;p&gt;安全生产标准化“回头看”现场检查工具。&lt;/p&gt;&lt;p&gt;离线工作：数据保存在本机工作区，通过签名数据包与市局交换。&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Inspector&lt;/h3&gt;&lt;p&gt;On-site inspection tool for the work-safety standardization look-back.&lt;/p&gt;&lt;p&gt;Works offline: data is kept in the workspace on this computer and exchanged with the city bureau in signed bundles.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>：</source>
        <translation>:</translation>
    </message>
    <message>
        <source>复制版本信息</source>
        <translation>Copy version information</translation>
    </message>
</context>
<context>
    <name>AuthorityForm</name>
    <message>
        <source>执法机关全称：</source>
        <translation>Issuing authority (full name):</translation>
    </message>
    <message>
        <source>文书编号中的机关简称：</source>
        <translation>Short name in document numbers:</translation>
    </message>
    <message>
        <source>例如：常州市武进区应急管理局</source>
        <translation>e.g. 常州市武进区应急管理局</translation>
    </message>
    <message>
        <source>例如：常武</source>
        <translation>e.g. 常武</translation>
    </message>
    <message>
        <source>全称印在检查记录等文书的抬头；简称是文书编号的前缀。由机关统一规定，不清楚时请向市局确认，以后可在“设置”中修改。</source>
        <translation>The full name is printed at the top of the inspection record and the other documents; the short name is the prefix of document numbers. Both are set by the authority – ask the city bureau if unsure. They can be changed later in Settings.</translation>
    </message>
    <message>
        <source>文书编号示例：%1</source>
        <translation>Document number example: %1</translation>
    </message>
</context>
<context>
    <name>CrashDialog</name>
    <message>
        <source>程序遇到意外问题</source>
        <translation>Unexpected problem</translation>
    </message>
    <message>
        <source>当前操作</source>
        <translation>The current operation</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;“%1”没有完成。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;出错之前的修改都已保存在工作区中，不会丢失；这一步操作没有保存。可以继续工作，也可以重新启动 Inspector 后再试。&lt;/p&gt;&lt;p&gt;如果问题再次出现，请点“复制报告”，把报告发给信息化管理人员。&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;&quot;%1&quot; did not finish.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;Every change made before the error is saved in the workspace and is not lost; this one step was not saved. You can go on working, or restart Inspector and try again.&lt;/p&gt;&lt;p&gt;If the problem comes back, click &quot;Copy report&quot; and send the report to your IT staff.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>日志文件：%1</source>
        <translation>Log file: %1</translation>
    </message>
    <message>
        <source>（日志文件不可用）</source>
        <translation>(no log file)</translation>
    </message>
    <message>
        <source>复制报告</source>
        <translation>Copy report</translation>
    </message>
    <message>
        <source>打开日志文件夹</source>
        <translation>Open log folder</translation>
    </message>
    <message>
        <source>错误报告（可复制）：</source>
        <translation>Error report (to copy):</translation>
    </message>
    <message>
        <source>已复制</source>
        <translation>Copied</translation>
    </message>
</context>
<context>
    <name>FirstRun</name>
    <message>
        <source>请改用下面的“用口令保护的密钥文件”。</source>
        <translation>Use the &quot;key file protected by a passphrase&quot; below instead.</translation>
    </message>
</context>
<context>
    <name>FirstRunWizard</name>
    <message>
        <source>首次设置 – Inspector</source>
        <translation>First-run setup – Inspector</translation>
    </message>
    <message>
        <source>&lt;p&gt;这个向导帮助您完成第一次使用前的设置：&lt;/p&gt;&lt;ol&gt;&lt;li&gt;您的姓名、身份和证书编号；&lt;/li&gt;&lt;li&gt;执法机关和文书编号；&lt;/li&gt;&lt;li&gt;签名密钥（数据包和公钥文件用它签名）；&lt;/li&gt;&lt;li&gt;演示数据（可选）。&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;每一项以后都可以在“设置 → 设置…”中修改。&lt;/p&gt;</source>
        <translation>&lt;p&gt;This wizard sets up what Inspector needs before first use:&lt;/p&gt;&lt;ol&gt;&lt;li&gt;your name, role and certificate number;&lt;/li&gt;&lt;li&gt;the issuing authority and document numbers;&lt;/li&gt;&lt;li&gt;the signing key (it signs bundles and your public key file);&lt;/li&gt;&lt;li&gt;demo data (optional).&lt;/li&gt;&lt;/ol&gt;&lt;p&gt;Every answer can be changed later in Settings → Settings….&lt;/p&gt;</translation>
    </message>
    <message>
        <source>欢迎使用 Inspector</source>
        <translation>Welcome to Inspector</translation>
    </message>
    <message>
        <source>安全生产标准化“回头看”现场检查工具</source>
        <translation>On-site inspection tool for the work-safety standardization look-back</translation>
    </message>
    <message>
        <source>您是谁</source>
        <translation>Who you are</translation>
    </message>
    <message>
        <source>姓名和证书编号记入每一项修改的审计记录，也是数据包和公钥文件上的署名。</source>
        <translation>Your name and certificate number go into the audit record of every change and sign your bundles and public key file.</translation>
    </message>
    <message>
        <source>执法机关与文书编号</source>
        <translation>Issuing authority and document numbers</translation>
    </message>
    <message>
        <source>印在文书上的机关名称和文书编号的前缀。</source>
        <translation>The authority&apos;s name printed on documents and the prefix of document numbers.</translation>
    </message>
    <message>
        <source>签名密钥保存在哪里</source>
        <translation>Where the signing key is kept</translation>
    </message>
    <message>
        <source>签名密钥证明数据包出自本机；它只保存在本机，绝不以明文保存。</source>
        <translation>The signing key proves that bundles come from this computer; it stays on this computer and is never stored in plaintext.</translation>
    </message>
    <message>
        <source>签名密钥与公钥</source>
        <translation>Signing key and public key</translation>
    </message>
    <message>
        <source>设置已经生效；下面是本机签名密钥的指纹。</source>
        <translation>The settings are saved; below is the fingerprint of this computer&apos;s signing key.</translation>
    </message>
    <message>
        <source>生成常州市的演示数据（约 240 家企业及其检查），先熟悉操作</source>
        <translation>Generate the Changzhou demo data (about 240 enterprises with their inspections) to try things out</translation>
    </message>
    <message>
        <source>演示数据中的企业和人员都是虚构的。已有数据不会被删除；以后可以通过“文件 → 导入企业…”导入真实名单。</source>
        <translation>The enterprises and people in the demo data are fictional. Nothing already there is deleted; import the real list later with File → Import enterprises….</translation>
    </message>
    <message>
        <source>工作区中已有 %1 家企业；演示数据会添加在它们旁边。</source>
        <translation>The workspace already holds %1 enterprises; the demo data is added beside them.</translation>
    </message>
    <message>
        <source>这份演示数据只在本工作区。培训时要让办公室和检查员的电脑使用同一批企业、分配和密钥，请不要在两边分别生成，而是改用命令 inspector-app demo --pair 办公室文件夹 检查员文件夹。</source>
        <translation>This demo data stays in this workspace. To train an office and an inspector whose computers share the same enterprises, assignments and keys, do not generate it on each side: use the command inspector-app demo --pair OFFICE_FOLDER INSPECTOR_FOLDER instead.</translation>
    </message>
    <message>
        <source>演示数据</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>最后一步：要不要先用演示数据试一试？</source>
        <translation>Last step: try Inspector with demo data first?</translation>
    </message>
    <message>
        <source>完成</source>
        <translation>Finish</translation>
    </message>
    <message>
        <source>另存一份公钥…</source>
        <translation>Save a copy of the public key…</translation>
    </message>
    <message>
        <source>重试</source>
        <translation>Retry</translation>
    </message>
    <message>
        <source>正在创建签名密钥…</source>
        <translation>Creating the signing key…</translation>
    </message>
    <message>
        <source>另存公钥文件</source>
        <translation>Save public key file</translation>
    </message>
    <message>
        <source>Inspector 公钥 (*.inspkey)</source>
        <translation>Inspector public key (*.inspkey)</translation>
    </message>
    <message>
        <source>无法保存 %1：%2</source>
        <translation>Cannot save %1: %2</translation>
    </message>
</context>
<context>
    <name>GuideWindow</name>
    <message>
        <source>使用说明 – Inspector</source>
        <translation>User guide – Inspector</translation>
    </message>
    <message>
        <source>查找（Enter 查找下一处）</source>
        <translation>Find (Enter: next match)</translation>
    </message>
    <message>
        <source>查找下一处</source>
        <translation>Find next</translation>
    </message>
    <message>
        <source>找不到使用说明文件 %1（%2）。</source>
        <translation>The user guide %1 was not found (%2).</translation>
    </message>
</context>
<context>
    <name>KeyFileAccess</name>
    <message>
        <source>输入密钥文件的口令</source>
        <translation>Key file passphrase</translation>
    </message>
    <message>
        <source>本工作区的签名密钥保存在用口令保护的文件中：
%1

请输入口令（本次运行只问一次）：</source>
        <translation>This workspace keeps its signing key in a file protected by a passphrase:
%1

Enter the passphrase (asked once per session):</translation>
    </message>
</context>
<context>
    <name>KeyStoreForm</name>
    <message>
        <source>保存在系统密钥环中（推荐）</source>
        <translation>In the system keyring (recommended)</translation>
    </message>
    <message>
        <source>保存在用口令保护的密钥文件中（本机没有系统密钥环时）</source>
        <translation>In a key file protected by a passphrase (where no system keyring runs)</translation>
    </message>
    <message>
        <source>口令：</source>
        <translation>Passphrase:</translation>
    </message>
    <message>
        <source>再输入一次：</source>
        <translation>Repeat:</translation>
    </message>
    <message>
        <source>密钥文件经 scrypt 和 ChaCha20-Poly1305 加密，保存在工作区的 keys 文件夹中。每次启动后第一次签名或导出时询问一次口令。口令至少 %1 个字符，忘记口令就无法再使用这把密钥（需要生成新密钥并重新交给市局登记）。</source>
        <translation>The key file is encrypted with scrypt and ChaCha20-Poly1305 and kept in the workspace&apos;s keys folder. The passphrase is asked once per session, the first time something is signed or exported. It needs at least %1 characters; a forgotten passphrase means the key is lost (a new key must be made and enrolled by the city bureau again).</translation>
    </message>
    <message>
        <source>本机有可用的系统密钥环（%1）。</source>
        <translation>A system keyring is available on this computer (%1).</translation>
    </message>
    <message>
        <source>本机没有可用的系统密钥环。</source>
        <translation>No system keyring is available on this computer.</translation>
    </message>
    <message>
        <source>口令至少需要 %1 个字符。</source>
        <translation>The passphrase needs at least %1 characters.</translation>
    </message>
    <message>
        <source>两次输入的口令不同。</source>
        <translation>The two passphrases differ.</translation>
    </message>
</context>
<context>
    <name>PersonForm</name>
    <message>
        <source>例如：张三</source>
        <translation>e.g. Zhang San</translation>
    </message>
    <message>
        <source>姓名：</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>身份：</source>
        <translation>Role:</translation>
    </message>
    <message>
        <source>行政执法人员（持执法证，签署执法文书）</source>
        <translation>Enforcement officer (holds an enforcement ID, signs enforcement documents)</translation>
    </message>
    <message>
        <source>评审专家（持评审员证书，只在检查评分表上签名）</source>
        <translation>Review expert (holds a reviewer certificate, signs the score sheet only)</translation>
    </message>
    <message>
        <source>机关：区局、市局或省厅（分配和验收检查、汇总上报）</source>
        <translation>Office: district or city bureau or provincial department (assigns and accepts inspections, reports upward)</translation>
    </message>
    <message>
        <source>层级：</source>
        <translation>Level:</translation>
    </message>
    <message>
        <source>辖区：</source>
        <translation>Area:</translation>
    </message>
    <message>
        <source>辖市（区）</source>
        <translation>District</translation>
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
        <source>工作区中还没有活动文件，层级和辖区可以在导入活动后在“设置”中填写。</source>
        <translation>The workspace holds no campaign yet; set the level and area in Settings after importing one.</translation>
    </message>
    <message>
        <source>请填写姓名。</source>
        <translation>Please enter your name.</translation>
    </message>
    <message>
        <source>请选择本机关的辖区。</source>
        <translation>Please choose your office&apos;s area.</translation>
    </message>
    <message>
        <source>评审员证书编号：</source>
        <translation>Reviewer certificate no.:</translation>
    </message>
    <message>
        <source>执法证号：</source>
        <translation>Enforcement ID no.:</translation>
    </message>
    <message>
        <source>例如：苏应急执法32040001</source>
        <translation>e.g. 苏应急执法32040001</translation>
    </message>
    <message>
        <source>例如：PS-2020-0815</source>
        <translation>e.g. PS-2020-0815</translation>
    </message>
</context>
<context>
    <name>Versions</name>
    <message>
        <source>Inspector 版本</source>
        <translation>Inspector version</translation>
    </message>
    <message>
        <source>构建提交（commit）</source>
        <translation>Build commit</translation>
    </message>
    <message>
        <source>操作系统</source>
        <translation>Operating system</translation>
    </message>
    <message>
        <source>数据库结构版本</source>
        <translation>Database schema revision</translation>
    </message>
</context>
<context>
    <name>_KeyPage</name>
    <message>
        <source>正在保存设置并创建签名密钥…</source>
        <translation>Saving the settings and creating the signing key…</translation>
    </message>
    <message>
        <source>设置已保存，签名密钥已创建。请把公钥文件交给市局（或上级机关），并在对方登记时当面或电话核对下面的指纹（16 组，每组 4 位）：</source>
        <translation>The settings are saved and the signing key is created. Give the public key file to the city bureau (or the office above) and, when they enrol it, compare this fingerprint with them in person or by phone (16 groups of 4):</translation>
    </message>
    <message>
        <source>公钥文件已保存到：%1</source>
        <translation>Public key file saved to: %1</translation>
    </message>
    <message>
        <source>未能完成：%1
可以返回上一步修改，或点“重试”。</source>
        <translation>Could not finish: %1
Go back to change an answer, or click &quot;Retry&quot;.</translation>
    </message>
</context>
</TS>
