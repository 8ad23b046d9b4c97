<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_CN">
<context>
    <name>AddSummaryDialog</name>
    <message>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <source>已添加 {0} 张照片</source>
        <translation>{0} photos added</translation>
    </message>
    <message>
        <source>{0} 张已在本检查中，未重复添加</source>
        <translation>{0} already in this inspection, not added again</translation>
    </message>
    <message>
        <source>{0} 个文件无法使用</source>
        <translation>{0} files could not be used</translation>
    </message>
    <message>
        <source>已取消，其余文件未处理</source>
        <translation>cancelled, the remaining files were not processed</translation>
    </message>
    <message>
        <source>，</source>
        <translation>, </translation>
    </message>
    <message>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <source>原因</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>确定</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>拍照 (空格)</source>
        <translation>Take photo (Space)</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>已拍摄，正在保存…</source>
        <translation>Taken, saving…</translation>
    </message>
</context>
<context>
    <name>EditorEvidence</name>
    <message>
        <source>隐患</source>
        <translation>Hazards</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>签名…</source>
        <translation>Signatures…</translation>
    </message>
    <message>
        <source>检查人员和被检查单位负责人签名，或记录拒绝签名</source>
        <translation>Inspectors&apos; and the representative&apos;s signatures, or a recorded refusal</translation>
    </message>
</context>
<context>
    <name>EvidencePanel</name>
    <message>
        <source>前</source>
        <translation>B</translation>
    </message>
    <message>
        <source>后</source>
        <translation>A</translation>
    </message>
    <message>
        <source>标</source>
        <translation>M</translation>
    </message>
    <message>
        <source>添加照片</source>
        <translation>Add photos</translation>
    </message>
    <message>
        <source>选择文件…</source>
        <translation>Choose files…</translation>
    </message>
    <message>
        <source>添加文件夹…</source>
        <translation>Add folder…</translation>
    </message>
    <message>
        <source>从剪贴板粘贴 (Ctrl+V)</source>
        <translation>Paste from clipboard (Ctrl+V)</translation>
    </message>
    <message>
        <source>用摄像头拍照…</source>
        <translation>Take with camera…</translation>
    </message>
    <message>
        <source>标注…</source>
        <translation>Mark up…</translation>
    </message>
    <message>
        <source>更多</source>
        <translation>More</translation>
    </message>
    <message>
        <source>查看大图 (Enter)</source>
        <translation>View large (Enter)</translation>
    </message>
    <message>
        <source>配对为整改前/后</source>
        <translation>Pair as before/after</translation>
    </message>
    <message>
        <source>取消配对</source>
        <translation>Unpair</translation>
    </message>
    <message>
        <source>移出本检查 (Delete)</source>
        <translation>Remove from inspection (Delete)</translation>
    </message>
    <message>
        <source>照片说明（回车保存）</source>
        <translation>Caption (Enter saves)</translation>
    </message>
    <message>
        <source>当前检查项的照片</source>
        <translation>Current item&apos;s photos</translation>
    </message>
    <message>
        <source>全部照片</source>
        <translation>All photos</translation>
    </message>
    <message>
        <source>未关联检查项的照片</source>
        <translation>Photos not on an item</translation>
    </message>
    <message>
        <source>隐患：{0}</source>
        <translation>Hazard: {0}</translation>
    </message>
    <message>
        <source>隐患 {0}</source>
        <translation>hazard {0}</translation>
    </message>
    <message>
        <source>检查项 {0}</source>
        <translation>item {0}</translation>
    </message>
    <message>
        <source>本次检查（不关联检查项）</source>
        <translation>the inspection (no item)</translation>
    </message>
    <message>
        <source>检查已锁定，照片只能查看</source>
        <translation>The inspection is locked: photos can only be viewed</translation>
    </message>
    <message>
        <source>检查已锁定，照片只能查看；隐患的整改照片可选“隐患：…”后添加</source>
        <translation>Locked: photos can only be viewed; rectification photos can be added after choosing &quot;Hazard: …&quot;</translation>
    </message>
    <message>
        <source>新照片添加到：{0}；可拖入文件或文件夹</source>
        <translation>New photos go to: {0}; drop files or folders here</translation>
    </message>
    <message>
        <source>{0} / {1} 张</source>
        <translation>{0} / {1} photos</translation>
    </message>
    <message>
        <source>选中一张照片可查看拍摄时间、位置和相机</source>
        <translation>Select a photo to see when and where it was taken and the camera</translation>
    </message>
    <message>
        <source>EXIF</source>
        <translation>EXIF</translation>
    </message>
    <message>
        <source>设备时钟，可能不准</source>
        <translation>device clock, may be wrong</translation>
    </message>
    <message>
        <source>拍摄：{0}（{1}）</source>
        <translation>Taken: {0} ({1})</translation>
    </message>
    <message>
        <source>未知</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>GPS：{0}</source>
        <translation>GPS: {0}</translation>
    </message>
    <message>
        <source>无</source>
        <translation>none</translation>
    </message>
    <message>
        <source>相机：{0}</source>
        <translation>Camera: {0}</translation>
    </message>
    <message>
        <source>整改前照片</source>
        <translation>Before rectification</translation>
    </message>
    <message>
        <source>整改后照片</source>
        <translation>After rectification</translation>
    </message>
    <message>
        <source>检查已锁定，不能再添加照片。整改照片请先在上方选择对应的隐患。</source>
        <translation>The inspection is locked; no more photos can be added. For rectification photos, first choose the hazard above.</translation>
    </message>
    <message>
        <source>照片 ({0});;所有文件 (*)</source>
        <translation>Photos ({0});;All files (*)</translation>
    </message>
    <message>
        <source>添加文件夹中的照片</source>
        <translation>Add the photos in a folder</translation>
    </message>
    <message>
        <source>粘贴照片</source>
        <translation>Paste photo</translation>
    </message>
    <message>
        <source>剪贴板中没有图片或图片文件。</source>
        <translation>The clipboard holds no image or image file.</translation>
    </message>
    <message>
        <source>拍照</source>
        <translation>Take photo</translation>
    </message>
    <message>
        <source>没有找到可用的摄像头。可以用手机拍照后把照片拖到这里或通过“添加照片”导入。</source>
        <translation>No camera was found. Take the photo with a phone and drop it here, or use &quot;Add photos&quot;.</translation>
    </message>
    <message>
        <source>照片</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>操作未完成：{0}</source>
        <translation>Not done: {0}</translation>
    </message>
    <message>
        <source>移出照片</source>
        <translation>Remove photos</translation>
    </message>
    <message>
        <source>把选中的 {0} 张照片移出本检查？原始文件仍保留在照片库中，操作记入审计记录。</source>
        <translation>Remove the {0} selected photos from this inspection? The original files stay in the photo store; the removal is recorded in the audit trail.</translation>
    </message>
    <message>
        <source>标注：{0}</source>
        <translation>Mark up: {0}</translation>
    </message>
</context>
<context>
    <name>GalleryModel</name>
    <message>
        <source>EXIF</source>
        <translation>EXIF</translation>
    </message>
    <message>
        <source>设备时钟</source>
        <translation>device clock</translation>
    </message>
    <message>
        <source>拍摄时间：{0}（{1}）</source>
        <translation>Taken: {0} ({1})</translation>
    </message>
    <message>
        <source>位置：{0}</source>
        <translation>Location: {0}</translation>
    </message>
    <message>
        <source>位置：无 GPS</source>
        <translation>Location: no GPS</translation>
    </message>
    <message>
        <source>相机：{0}</source>
        <translation>Camera: {0}</translation>
    </message>
</context>
<context>
    <name>MarkupDialog</name>
    <message>
        <source>标注照片</source>
        <translation>Mark up photo</translation>
    </message>
    <message>
        <source>拖动画出箭头、圆或矩形，文字工具单击放置；拖动选中的标注可移动它，“选择”（V）单击选中，Delete 删除。Ctrl+Z 撤销</source>
        <translation>Drag to draw an arrow, circle or rectangle; the text tool places text with a click. Drag the selected mark to move it; “Select” (V) selects with a click, Delete removes. Ctrl+Z undoes</translation>
    </message>
    <message>
        <source>保存标注</source>
        <translation>Save markup</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>箭头</source>
        <translation>Arrow</translation>
    </message>
    <message>
        <source>椭圆</source>
        <translation>Ellipse</translation>
    </message>
    <message>
        <source>圆</source>
        <translation>Circle</translation>
    </message>
    <message>
        <source>矩形</source>
        <translation>Rectangle</translation>
    </message>
    <message>
        <source>文字</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>选择</source>
        <translation>Select</translation>
    </message>
    <message>
        <source>选择、移动或删除标注 (V)</source>
        <translation>Select, move or delete marks (V)</translation>
    </message>
    <message>
        <source>红</source>
        <translation>Red</translation>
    </message>
    <message>
        <source>黄</source>
        <translation>Yellow</translation>
    </message>
    <message>
        <source>白</source>
        <translation>White</translation>
    </message>
    <message>
        <source>蓝</source>
        <translation>Blue</translation>
    </message>
    <message>
        <source>细</source>
        <translation>Thin</translation>
    </message>
    <message>
        <source>中</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>粗</source>
        <translation>Thick</translation>
    </message>
    <message>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>删除所选</source>
        <translation>Delete selected</translation>
    </message>
    <message>
        <source>全部清除</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>添加标注</source>
        <translation>Add markup</translation>
    </message>
    <message>
        <source>删除标注</source>
        <translation>Delete mark</translation>
    </message>
    <message>
        <source>移动标注</source>
        <translation>Move mark</translation>
    </message>
    <message>
        <source>文字标注</source>
        <translation>Text label</translation>
    </message>
    <message>
        <source>文字：</source>
        <translation>Text:</translation>
    </message>
</context>
<context>
    <name>PhotoAdder</name>
    <message>
        <source>正在添加照片…</source>
        <translation>Adding photos…</translation>
    </message>
    <message>
        <source>剪贴板-{0}.{1}</source>
        <translation>clipboard-{0}.{1}</translation>
    </message>
    <message>
        <source>（全部）</source>
        <translation>(all)</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>查看照片</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>确认无误</source>
        <translation>Confirm as genuine</translation>
    </message>
    <message>
        <source>照片经查看确属本次检查：保留照片并记录确认（记入审计记录）</source>
        <translation>Checked: the photo belongs to this inspection – keep it and record the confirmation (in the audit trail)</translation>
    </message>
    <message>
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <source>图像文件缺失</source>
        <translation>The image file is missing</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Plausibility</name>
    <message>
        <source>已确认</source>
        <translation>confirmed</translation>
    </message>
    <message>
        <source>待确认</source>
        <translation>to confirm</translation>
    </message>
    <message>
        <source>提示（{0}）：{1}</source>
        <translation>Warning ({0}): {1}</translation>
    </message>
    <message>
        <source>说明：{0}</source>
        <translation>Note: {0}</translation>
    </message>
</context>
<context>
    <name>PlausibilityBar</name>
    <message>
        <source>确认无误</source>
        <translation>Confirm as genuine</translation>
    </message>
    <message>
        <source>照片经查看确属本次检查：保留照片并记录确认（记入审计记录；打印的检查记录仍会注明）</source>
        <translation>Checked: the photo belongs to this inspection – keep it and record the confirmation (in the audit trail; the printed record still states the warning)</translation>
    </message>
    <message>
        <source>检查已锁定：须先重新打开才能确认</source>
        <translation>The inspection is locked: reopen it to confirm</translation>
    </message>
</context>
<context>
    <name>RefusalDialog</name>
    <message>
        <source>记录拒绝签名</source>
        <translation>Record a refusal to sign</translation>
    </message>
    <message>
        <source>拒绝签名的人</source>
        <translation>Person refusing to sign</translation>
    </message>
    <message>
        <source>例如：企业负责人对第 3 项隐患有异议，拒绝在记录上签字</source>
        <translation>e.g. the manager disputes hazard 3 and will not sign the record</translation>
    </message>
    <message>
        <source>由见证人签名证明</source>
        <translation>Witness signs to confirm</translation>
    </message>
    <message>
        <source>见证人姓名</source>
        <translation>Witness&apos;s name</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>记录</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>拒签人：</source>
        <translation>Refused by:</translation>
    </message>
    <message>
        <source>理由或情况：</source>
        <translation>Reason or circumstances:</translation>
    </message>
    <message>
        <source>须填写拒绝签名的理由或情况</source>
        <translation>Give the reason or circumstances of the refusal</translation>
    </message>
    <message>
        <source>见证人须填写姓名并签名</source>
        <translation>The witness must give a name and sign</translation>
    </message>
</context>
<context>
    <name>SignDialog</name>
    <message>
        <source>签名：{0}</source>
        <translation>Sign: {0}</translation>
    </message>
    <message>
        <source>签名人姓名</source>
        <translation>Signer&apos;s name</translation>
    </message>
    <message>
        <source>清除</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>确认签名</source>
        <translation>Confirm signature</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>{0}：</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <source>请填写签名人姓名</source>
        <translation>Please enter the signer&apos;s name</translation>
    </message>
    <message>
        <source>签名是空白的，请在框内签名</source>
        <translation>The signature is blank; please sign inside the box</translation>
    </message>
</context>
<context>
    <name>SignaturePad</name>
    <message>
        <source>请在此处签名</source>
        <translation>Sign here</translation>
    </message>
    <message>
        <source>用鼠标、触控笔或手指在框内签名</source>
        <translation>Sign inside the box with a mouse, pen or finger</translation>
    </message>
</context>
<context>
    <name>SignaturesDialog</name>
    <message>
        <source>检查签名</source>
        <translation>Signatures</translation>
    </message>
    <message>
        <source>签名</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>角色</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>签名…</source>
        <translation>Sign…</translation>
    </message>
    <message>
        <source>拒绝签名…</source>
        <translation>Record refusal…</translation>
    </message>
    <message>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>每位检查人员和被检查单位负责人须签名；负责人拒绝签名时记录理由，可由见证人签名证明。</source>
        <translation>Every inspector and the enterprise&apos;s representative must sign; if the representative refuses, record why – a witness may sign to confirm.</translation>
    </message>
    <message>
        <source>检查人员</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>被检查单位负责人</source>
        <translation>Enterprise&apos;s representative</translation>
    </message>
    <message>
        <source>见证人</source>
        <translation>Witness</translation>
    </message>
    <message>
        <source>（未填写）</source>
        <translation>(not given)</translation>
    </message>
    <message>
        <source>检查已锁定，签名不能再修改</source>
        <translation>The inspection is locked; signatures can no longer change</translation>
    </message>
    <message>
        <source>未签名</source>
        <translation>Not signed</translation>
    </message>
    <message>
        <source>拒绝签名（{0}）：{1}</source>
        <translation>Refused to sign ({0}): {1}</translation>
    </message>
    <message>
        <source>；见证人 {0} 已签名</source>
        <translation>; witness {0} signed</translation>
    </message>
    <message>
        <source>已签名 {0}</source>
        <translation>Signed {0}</translation>
    </message>
    <message>
        <source>重新签名…</source>
        <translation>Sign again…</translation>
    </message>
    <message>
        <source>保存失败：{0}</source>
        <translation>Could not save: {0}</translation>
    </message>
</context>
</TS>
