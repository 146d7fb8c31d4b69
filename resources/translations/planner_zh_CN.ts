<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
<context>
    <name>About</name>
    <message>
        <source>Annual Target Planner</source>
        <translation>年度目标任务管理</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Chinese text is shown with the bundled font %1, licensed under Apache-2.0 or GPL-3 with the font exception.</source>
        <translation>中文显示使用随程序附带的字体 %1（文泉驿微米黑），按 Apache-2.0 或附字体例外条款的 GPL-3 许可使用。</translation>
    </message>
    <message>
        <source>About</source>
        <translation>关于</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Cannot open the database</source>
        <translation>无法打开数据库</translation>
    </message>
    <message>
        <source>Database in use</source>
        <translation>数据库正在使用</translation>
    </message>
    <message>
        <source>Open it read-only to look at it?</source>
        <translation>是否以只读方式打开查看？</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Password of %1:</source>
        <translation>%1 的密码：</translation>
    </message>
</context>
<context>
    <name>AuditDialog</name>
    <message>
        <source>Change log</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>全部人员</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>到</translation>
    </message>
    <message>
        <source>&amp;Search</source>
        <translation>查询(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Task:</source>
        <translation>任务(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Office:</source>
        <translation>单位(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Changed by:</source>
        <translation>操作人(&amp;C)：</translation>
    </message>
    <message>
        <source>Showing the newest %1 records; narrow the filter to see older ones.</source>
        <translation>仅显示最新的 %1 条记录；缩小查询范围可查看更早的记录。</translation>
    </message>
    <message>
        <source>%1 records</source>
        <translation>共 %1 条记录</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>操作人</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>变化</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>修改</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Bulk</source>
        <translation>批量</translation>
    </message>
    <message>
        <source>Upgrade</source>
        <translation>升级</translation>
    </message>
</context>
<context>
    <name>Backup</name>
    <message>
        <source>Today's backup copy was made: %1</source>
        <translation>已完成今日自动备份：%1</translation>
    </message>
    <message>
        <source>The daily backup failed: %1</source>
        <translation>每日自动备份失败：%1</translation>
    </message>
    <message>
        <source>Back up the database</source>
        <translation>备份数据库</translation>
    </message>
    <message>
        <source>Planner databases (%1)</source>
        <translation>数据库文件 (%1)</translation>
    </message>
    <message>
        <source>Backup failed</source>
        <translation>备份失败</translation>
    </message>
    <message>
        <source>Backed up to %1</source>
        <translation>已备份到 %1</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>从备份恢复</translation>
    </message>
    <message>
        <source>Cannot restore</source>
        <translation>无法恢复</translation>
    </message>
    <message>
        <source>Replace the current data with the backup “%1” (%2 plans, %3 reports)? The current database is kept as a copy beside it.</source>
        <translation>用备份“%1”（%2 个计划，%3 条填报）替换当前数据吗？当前数据库会另存一份在旁边。</translation>
    </message>
    <message>
        <source>Restored. The data before the restore was kept as %1</source>
        <translation>已恢复。恢复前的数据已另存为 %1</translation>
    </message>
    <message>
        <source>The database is damaged</source>
        <translation>数据库已损坏</translation>
    </message>
    <message>
        <source>No good backup copy was found. The file was not changed.</source>
        <translation>没有找到完好的备份。数据库文件未被修改。</translation>
    </message>
    <message>
        <source>Restore the newest good backup copy “%1”? The damaged file is kept aside.</source>
        <translation>是否恢复最新的完好备份“%1”？损坏的文件会另外保留。</translation>
    </message>
</context>
<context>
    <name>ChangeDialog</name>
    <message>
        <source>Adjust an issued plan</source>
        <translation>调整已下达的计划</translation>
    </message>
    <message>
        <source>This plan has been issued, so this change is recorded as an adjustment with its reason and kept in the task's history.</source>
        <translation>该计划已下达，此项修改将作为调整记录，连同调整原因保存在任务的调整记录中。</translation>
    </message>
    <message>
        <source>For example: adjusted by the municipal government's notice of …</source>
        <translation>例如：根据市政府……通知调整</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>调整原因(&amp;R)：</translation>
    </message>
    <message>
        <source>Applies &amp;from:</source>
        <translation>起始期间(&amp;F)：</translation>
    </message>
    <message>
        <source>Reports of earlier quarters stay measured against the earlier target.</source>
        <translation>此前各季度的填报仍按原目标衡量。</translation>
    </message>
</context>
<context>
    <name>CollectDialog</name>
    <message>
        <source>Collect returned forms</source>
        <translation>收集填报表</translation>
    </message>
    <message>
        <source>&amp;Add files…</source>
        <translation>添加文件(&amp;A)…</translation>
    </message>
    <message>
        <source>Returned fill-in forms</source>
        <translation>收回的填报表</translation>
    </message>
    <message>
        <source>Workbooks (%1)</source>
        <translation>工作簿 (%1)</translation>
    </message>
    <message>
        <source>Collecting %1 files…</source>
        <translation>正在收集 %1 个文件…</translation>
    </message>
    <message>
        <source>Collecting returned forms…</source>
        <translation>正在收集填报表…</translation>
    </message>
    <message>
        <source>Drop returned fill-in forms onto the window, or add them here.</source>
        <translation>把收回的填报表拖到窗口上，或在这里添加。</translation>
    </message>
    <message>
        <source>%1 files: %2 collected, %3 unchanged, %4 refused.</source>
        <translation>共 %1 个文件：已收集 %2 个，未改动 %3 个，拒收 %4 个。</translation>
    </message>
    <message>
        <source>Cancelled: %1 files were not collected.</source>
        <translation>已取消：%1 个文件未收集。</translation>
    </message>
    <message>
        <source>Choose a file to read its whole result here.</source>
        <translation>选中一个文件，在这里查看完整的结果。</translation>
    </message>
</context>
<context>
    <name>CollectResultsModel</name>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>填报条数</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Collected</source>
        <translation>已收集</translation>
    </message>
    <message>
        <source>Collected, replaces an earlier return</source>
        <translation>已收集，取代此前的报送</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未改动</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>已拒收</translation>
    </message>
</context>
<context>
    <name>ColumnMeaning</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task name</source>
        <translation>任务名称</translation>
    </message>
    <message>
        <source>Work content</source>
        <translation>工作内容</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>具体指标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>现状基数</translation>
    </message>
    <message>
        <source>Target of a year</source>
        <translation>年度目标</translation>
    </message>
    <message>
        <source>Lead office</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Co-operating offices</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>Responsible offices (first one leads)</source>
        <translation>责任单位（首个为牵头）</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Other (kept in the note)</source>
        <translation>其他（记入备注）</translation>
    </message>
    <message>
        <source>Do not import</source>
        <translation>不导入</translation>
    </message>
</context>
<context>
    <name>CompletionChart</name>
    <message>
        <source>No office answers for a task.</source>
        <translation>没有负责任务的单位。</translation>
    </message>
</context>
<context>
    <name>DashboardDialog</name>
    <message>
        <source>Dashboard — %1</source>
        <translation>看板 — %1</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>时期(&amp;P)：</translation>
    </message>
    <message>
        <source>Count &amp;lead offices only</source>
        <translation>只统计牵头单位(&amp;L)</translation>
    </message>
    <message>
        <source>Leave co-operating offices out of the office figures</source>
        <translation>各单位的统计中不计配合单位</translation>
    </message>
    <message>
        <source>&amp;Export reminder list…</source>
        <translation>导出催报名单(&amp;E)…</translation>
    </message>
    <message>
        <source>Returns by office</source>
        <translation>各单位填报情况</translation>
    </message>
    <message>
        <source>Lagging tasks</source>
        <translation>滞后任务</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在统计…</translation>
    </message>
    <message>
        <source>lead offices only</source>
        <translation>只统计牵头单位</translation>
    </message>
    <message>
        <source>lead and co-operating offices</source>
        <translation>统计牵头单位和配合单位</translation>
    </message>
    <message>
        <source>%1 — %2 (%3)</source>
        <translation>%1 — %2（%3）</translation>
    </message>
    <message>
        <source>Lagging tasks (%1)</source>
        <translation>滞后任务（%1 项）</translation>
    </message>
    <message>
        <source>%1 office(s) have not reported</source>
        <translation>%1 个单位未填报</translation>
    </message>
    <message>
        <source>Every office has reported for this period</source>
        <translation>本期各单位均已填报</translation>
    </message>
    <message>
        <source>Reminder list %1</source>
        <translation>催报名单_%1</translation>
    </message>
    <message>
        <source>Export reminder list</source>
        <translation>导出催报名单</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Reminder list not saved</source>
        <translation>催报名单未保存</translation>
    </message>
    <message>
        <source>Could not save %1.

If the file is open in WPS or Excel, close it and try again, or choose another name.

(%2)</source>
        <translation>无法保存 %1。

如果该文件正在 WPS 或 Excel 中打开，请先关闭后重试，或另选一个文件名。

（%2）</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
    <message>
        <source>On-track rate by office</source>
        <translation>各单位推进率</translation>
    </message>
    <message>
        <source>Tasks whose lead office has not reported for the period (a task is judged by its lead office)</source>
        <translation>本期牵头单位尚未填报的任务数（每项任务按牵头单位判断）</translation>
    </message>
    <message>
        <source>lead offices, co-operating offices left out</source>
        <translation>牵头单位（不含配合单位）</translation>
    </message>
    <message>
        <source>every responsible office, lead and co-operating</source>
        <translation>全部责任单位（牵头单位和配合单位）</translation>
    </message>
    <message>
        <source>Returns are counted and chased from %1: %2 office(s) owe %3 return(s). The tiles judge each task by its lead office.</source>
        <translation>填报和催报按%1统计：%2个单位共%3项未填报。上方状态统计按牵头单位判断每项任务。</translation>
    </message>
    <message>
        <source>lead offices and offices with their own share, co-operating offices left out</source>
        <translation>牵头单位和承担分解目标的单位（不含配合单位）</translation>
    </message>
    <message>
        <source>every responsible office: lead, co-operating and with their own share</source>
        <translation>全部责任单位（牵头单位、配合单位和承担分解目标的单位）</translation>
    </message>
</context>
<context>
    <name>DonePage</name>
    <message>
        <source>Imported</source>
        <translation>导入完成</translation>
    </message>
    <message>
        <source>Imported as plan %1: %2 — %3 tasks, %4 targets.</source>
        <translation>已导入为计划 %1：%2，共 %3 项任务、%4 个目标。</translation>
    </message>
    <message>
        <source>The plan imported earlier from this file (%1) was replaced.</source>
        <translation>此前由该文件导入的计划（%1）已被替换。</translation>
    </message>
</context>
<context>
    <name>DuplicateQuestion</name>
    <message>
        <source>Imported before</source>
        <translation>已导入过</translation>
    </message>
    <message>
        <source>This file was imported on %1 as plan %2 (%3).</source>
        <translation>该文件已于 %1 导入为计划 %2（%3）。</translation>
    </message>
    <message>
        <source>Replace that plan, or keep it and import this file as a new version?</source>
        <translation>替换原计划，还是保留原计划、把该文件另存为新版本？</translation>
    </message>
    <message>
        <source>This text was imported on %1 as plan %2 (%3).</source>
        <translation>这段文字已于 %1 导入为计划 %2（%3）。</translation>
    </message>
    <message>
        <source>Replace that plan, or keep it and import this text as a new version?</source>
        <translation>替换原计划，还是保留原计划、把这段文字另存为新版本？</translation>
    </message>
    <message>
        <source>&amp;Replace</source>
        <translation>替换(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;New version</source>
        <translation>新版本(&amp;N)</translation>
    </message>
</context>
<context>
    <name>ExportPlan</name>
    <message>
        <source>Workbook (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Export plan</source>
        <translation>导出计划</translation>
    </message>
    <message>
        <source>CSV for Excel (*.csv)</source>
        <translation>CSV 文件，可用 Excel 打开 (*.csv)</translation>
    </message>
    <message>
        <source>Plan exported</source>
        <translation>计划已导出</translation>
    </message>
    <message>
        <source>%1 tasks exported to %2.</source>
        <translation>已导出 %1 项任务到 %2。</translation>
    </message>
    <message>
        <source>Plan not exported</source>
        <translation>计划未导出</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Choose the table</source>
        <translation>选择表格</translation>
    </message>
    <message>
        <source>The appendix workbook of the notice: xlsx, xls, ods or csv.</source>
        <translation>通知所附的任务表：xlsx、xls、ods 或 csv 文件。</translation>
    </message>
    <message>
        <source>Path of the file, or drop a file onto the main window</source>
        <translation>文件路径，也可以把文件拖到主窗口上</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>工作表(&amp;S)：</translation>
    </message>
    <message>
        <source>Import a table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>Spreadsheets (%1);;All files (*)</source>
        <translation>表格文件 (%1);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Reading the file…</source>
        <translation>正在读取文件…</translation>
    </message>
    <message>
        <source>%1: %2 sheet(s), %3 KB.</source>
        <translation>%1：%2 个工作表，%3 KB。</translation>
    </message>
</context>
<context>
    <name>FillInDialog</name>
    <message>
        <source>Generate fill-in forms — %1</source>
        <translation>生成填报表 — %1</translation>
    </message>
    <message>
        <source>Select &amp;all</source>
        <translation>全选(&amp;A)</translation>
    </message>
    <message>
        <source>Select &amp;none</source>
        <translation>全不选(&amp;N)</translation>
    </message>
    <message>
        <source>Fill-in forms</source>
        <translation>填报表</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>浏览(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Offices:</source>
        <translation>单位(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Folder:</source>
        <translation>文件夹(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation>生成(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>打开文件夹(&amp;O)</translation>
    </message>
    <message>
        <source>%1 (%2 tasks)</source>
        <translation>%1（%2 项任务）</translation>
    </message>
    <message>
        <source>Folder for the fill-in forms</source>
        <translation>填报表保存到的文件夹</translation>
    </message>
    <message>
        <source>Writing %1 forms…</source>
        <translation>正在生成 %1 份填报表…</translation>
    </message>
    <message>
        <source>Writing fill-in forms…</source>
        <translation>正在生成填报表…</translation>
    </message>
    <message>
        <source>%1 fill-in forms written to %2. Send each office its own file.</source>
        <translation>已生成 %1 份填报表，保存在 %2。请把各单位自己的文件发给该单位。</translation>
    </message>
</context>
<context>
    <name>ImportPreviewModel</name>
    <message>
        <source>Row</source>
        <translation>行号</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Lead office</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Co-operating offices</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>%1 target</source>
        <translation>%1年目标</translation>
    </message>
    <message>
        <source>%1 office targets</source>
        <translation>分解到 %1 个单位</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import a table</source>
        <translation>导入表格</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
</context>
<context>
    <name>Jobs</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>LaggingTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Lead office</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Explanation</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>The value reached divided by the year's target</source>
        <translation>完成率：完成数值占年度目标的比例</translation>
    </message>
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;New plan…</source>
        <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
        <source>&amp;Import table…</source>
        <translation>导入表格(&amp;I)…</translation>
    </message>
    <message>
        <source>I&amp;mport a notice…</source>
        <translation>导入通知(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Collect returned forms…</source>
        <translation>收集填报表(&amp;C)…</translation>
    </message>
    <message>
        <source>&amp;Generate fill-in forms…</source>
        <translation>生成填报表(&amp;G)…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>导出(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Open a received fill-in form…</source>
        <translation>打开收到的填报表(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Write back the fill-in form…</source>
        <translation>写回填报表(&amp;W)…</translation>
    </message>
    <message>
        <source>&amp;Back up…</source>
        <translation>备份(&amp;B)…</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>恢复(&amp;R)…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>退出(&amp;X)</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Paste a notice's te&amp;xt</source>
        <translation>粘贴通知文本(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Find tasks</source>
        <translation>查找任务(&amp;F)</translation>
    </message>
    <message>
        <source>Add a s&amp;ection…</source>
        <translation>添加章节(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Add a task below</source>
        <translation>在下方添加任务(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Delete the task…</source>
        <translation>删除任务(&amp;D)…</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Re&amp;number the tasks</source>
        <translation>重新编号(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Targets and breakdown…</source>
        <translation>目标与分解(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Plan properties…</source>
        <translation>计划属性(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Issue the plan…</source>
        <translation>下达计划(&amp;I)…</translation>
    </message>
    <message>
        <source>&amp;Offices…</source>
        <translation>单位管理(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Target table…</source>
        <translation>目标任务表(&amp;T)…</translation>
    </message>
    <message>
        <source>&amp;Quarterly progress report…</source>
        <translation>季度进展报告(&amp;Q)…</translation>
    </message>
    <message>
        <source>&amp;Office report…</source>
        <translation>单位报告(&amp;O)…</translation>
    </message>
    <message>
        <source>Progress &amp;dashboard…</source>
        <translation>进度看板(&amp;D)…</translation>
    </message>
    <message>
        <source>Change &amp;log…</source>
        <translation>修改记录(&amp;L)…</translation>
    </message>
    <message>
        <source>&amp;About</source>
        <translation>关于(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>Connect to a &amp;shared database…</source>
        <translation>连接共享数据库(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>使用说明(&amp;U)</translation>
    </message>
    <message>
        <source>Open recen&amp;t</source>
        <translation>最近打开(&amp;T)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Annual Target Planner</source>
        <translation>年度目标任务管理</translation>
    </message>
    <message>
        <source>Target table</source>
        <translation>目标任务表</translation>
    </message>
    <message>
        <source>Progress entry</source>
        <translation>进展填报</translation>
    </message>
    <message>
        <source>Annual Target Planner (read-only)</source>
        <translation>年度目标任务管理（只读）</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>Plan imported.</source>
        <translation>计划已导入。</translation>
    </message>
    <message>
        <source>Please wait until the current task finishes.</source>
        <translation>请等待当前任务完成。</translation>
    </message>
    <message>
        <source>No plan yet</source>
        <translation>尚无计划</translation>
    </message>
    <message>
        <source>issued</source>
        <translation>已下达</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>Tasks: %1</source>
        <translation>任务：%1 项</translation>
    </message>
    <message>
        <source>Tasks: %1 of %2</source>
        <translation>任务：%1 项（共 %2 项）</translation>
    </message>
    <message>
        <source>%1 is no longer there; it was taken off the list.</source>
        <translation>找不到 %1，已从列表中移除。</translation>
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <source>What each column means</source>
        <translation>各列含义</translation>
    </message>
    <message>
        <source>Check how each column was understood and correct it where needed.</source>
        <translation>请核对每一列的识别结果，如有不对请修改。</translation>
    </message>
    <message>
        <source>Detecting the header and the columns…</source>
        <translation>正在识别表头和各列…</translation>
    </message>
    <message>
        <source>Reading the sheet…</source>
        <translation>正在读取工作表…</translation>
    </message>
    <message>
        <source>Set the meaning of each column by hand.</source>
        <translation>请手工指定每一列的含义。</translation>
    </message>
    <message>
        <source>Header row(s): %1 of sheet “%2”.</source>
        <translation>表头：工作表“%2”第 %1 行。</translation>
    </message>
</context>
<context>
    <name>MappingTable</name>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Header</source>
        <translation>列名</translation>
    </message>
    <message>
        <source>First values</source>
        <translation>前几行内容</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>含义</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge offices</source>
        <translation>合并单位</translation>
    </message>
    <message>
        <source>Two names for the same office become one: the tasks, targets, reports and evidence files of the merged office move to the kept office, and the merged name is deleted. The merge can be undone.</source>
        <translation>把同一单位的两个名称合为一个：被合并单位的任务、目标、填报和佐证材料全部转到保留的单位，被合并的名称随后删除。合并可以撤销。</translation>
    </message>
    <message>
        <source>(choose a likely pair)</source>
        <translation>（选择可能重复的单位）</translation>
    </message>
    <message>
        <source>Keep %1, merge %2</source>
        <translation>保留“%1”，合并“%2”</translation>
    </message>
    <message>
        <source>Office to keep</source>
        <translation>保留的单位</translation>
    </message>
    <message>
        <source>Office merged into it</source>
        <translation>并入的单位</translation>
    </message>
    <message>
        <source>&amp;Swap</source>
        <translation>互换(&amp;S)</translation>
    </message>
    <message>
        <source>Likely pairs:</source>
        <translation>可能重复：</translation>
    </message>
    <message>
        <source>&amp;Keep:</source>
        <translation>保留(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Merge into it:</source>
        <translation>并入(&amp;M)：</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>There is no office named %1.</source>
        <translation>没有名为“%1”的单位。</translation>
    </message>
    <message>
        <source>Choose the office to keep and the office to merge into it.</source>
        <translation>请选择要保留的单位和并入它的单位。</translation>
    </message>
    <message>
        <source>%1 will be merged into %2 and deleted.</source>
        <translation>“%1”将并入“%2”，随后删除。</translation>
    </message>
    <message>
        <source>Task assignments moved: %1; duplicates removed: %2.</source>
        <translation>转移责任分工 %1 条，删除重复分工 %2 条。</translation>
    </message>
    <message>
        <source>Targets moved: %1; identical duplicates removed: %2.</source>
        <translation>转移目标 %1 条，删除内容相同的重复目标 %2 条。</translation>
    </message>
    <message>
        <source>Report revisions moved: %1; renumbered to keep the latest current: %2.</source>
        <translation>转移填报 %1 条（含各版次），为使最新填报保持有效而重新编号 %2 条。</translation>
    </message>
    <message>
        <source>Other records moved (evidence files, adjustments, subordinate offices): %1.</source>
        <translation>转移其他记录（佐证材料、调整记录、下级单位）%1 条。</translation>
    </message>
</context>
<context>
    <name>NoticeActions</name>
    <message>
        <source>&amp;Split the paragraph at the cursor</source>
        <translation>在光标处拆分段落(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Join the selected paragraphs</source>
        <translation>合并所选段落(&amp;J)</translation>
    </message>
    <message>
        <source>&amp;Offices and targets of the task…</source>
        <translation>修改任务的责任单位和目标(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Undo the last correction</source>
        <translation>撤销上一步修改(&amp;U)</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>拆分</translation>
    </message>
    <message>
        <source>Join</source>
        <translation>合并</translation>
    </message>
    <message>
        <source>Offices and targets…</source>
        <translation>责任单位和目标…</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Mark as</source>
        <translation>标为</translation>
    </message>
    <message>
        <source>&amp;Other roles</source>
        <translation>其他(&amp;O)</translation>
    </message>
</context>
<context>
    <name>NoticeLayout</name>
    <message>
        <source>picture, read by OCR</source>
        <translation>图片，经文字识别</translation>
    </message>
    <message>
        <source>text file</source>
        <translation>文本文件</translation>
    </message>
    <message>
        <source>pasted text</source>
        <translation>粘贴的文字</translation>
    </message>
    <message>
        <source>Word document</source>
        <translation>Word 文档</translation>
    </message>
    <message>
        <source>Word 97-2003</source>
        <translation>Word 97-2003 文档</translation>
    </message>
    <message>
        <source>WPS document</source>
        <translation>WPS 文字文档</translation>
    </message>
    <message>
        <source>web page</source>
        <translation>网页</translation>
    </message>
    <message>
        <source>web page (single file)</source>
        <translation>网页（单一文件）</translation>
    </message>
    <message>
        <source>&amp;Open another file…</source>
        <translation>打开其他文件(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Selected &amp;paragraph is:</source>
        <translation>所选段落是(&amp;P)：</translation>
    </message>
    <message>
        <source>&lt;b&gt;The notice&lt;/b&gt; — right-click a paragraph to correct it</source>
        <translation>&lt;b&gt;通知原文&lt;/b&gt; — 右键点击段落可以更正</translation>
    </message>
    <message>
        <source>The plan</source>
        <translation>将导入的计划</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>标题(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Doc. No.:</source>
        <translation>文号(&amp;D)：</translation>
    </message>
    <message>
        <source>I&amp;ssuer:</source>
        <translation>发文机关(&amp;S)：</translation>
    </message>
    <message>
        <source>D&amp;ate:</source>
        <translation>成文日期(&amp;A)：</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <source> (%1)</source>
        <translation>（%1）</translation>
    </message>
    <message>
        <source>%1 sections, %2 tasks, %3 targets, %4 offices; years %5–%6.</source>
        <translation>%1 个分组，%2 项任务，%3 个目标，%4 个单位；%5—%6 年。</translation>
    </message>
    <message>
        <source>Check what was recognised; nothing is written before you press Import.</source>
        <translation>请核对识别结果；按“导入”之前不会写入任何内容。</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>……另有 %1 条</translation>
    </message>
</context>
<context>
    <name>NoticeMarks</name>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>分组标题</translation>
    </message>
    <message>
        <source>Task text</source>
        <translation>任务内容</translation>
    </message>
    <message>
        <source>Not a task</source>
        <translation>非任务</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Doc. No.</source>
        <translation>文号</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发文机关</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>成文日期</translation>
    </message>
    <message>
        <source>Measure</source>
        <translation>措施</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>附件表格</translation>
    </message>
    <message>
        <source>A task of the plan, with its offices and targets</source>
        <translation>计划中的一项任务，含责任单位和目标</translation>
    </message>
    <message>
        <source>A heading that groups the tasks below it</source>
        <translation>标题，下面的任务归入这一组</translation>
    </message>
    <message>
        <source>More of the task above it</source>
        <translation>属于上面那项任务的内容</translation>
    </message>
    <message>
        <source>Left out of the plan</source>
        <translation>不纳入计划</translation>
    </message>
    <message>
        <source>The plan's title</source>
        <translation>计划的标题</translation>
    </message>
    <message>
        <source>The document number, such as 京政办发〔2023〕25号</source>
        <translation>文号，如“京政办发〔2023〕25号”</translation>
    </message>
    <message>
        <source>The office that issued the notice</source>
        <translation>印发通知的机关</translation>
    </message>
    <message>
        <source>The date the notice was issued</source>
        <translation>通知的成文日期</translation>
    </message>
    <message>
        <source>A measure of the text while the appendix table gives the tasks</source>
        <translation>正文中的措施（任务取自附件表格）</translation>
    </message>
    <message>
        <source>Part of the appendix table that is no task</source>
        <translation>附件表格中不是任务的部分</translation>
    </message>
    <message>
        <source>Task name</source>
        <translation>任务名称</translation>
    </message>
    <message>
        <source>Responsible offices</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>指标数字</translation>
    </message>
    <message>
        <source>Deadline</source>
        <translation>完成时限</translation>
    </message>
    <message>
        <source>Title, doc. No., issuer, date</source>
        <translation>标题、文号、发文机关、日期</translation>
    </message>
    <message>
        <source>Section heading</source>
        <translation>分组标题</translation>
    </message>
    <message>
        <source>Marked:</source>
        <translation>标注：</translation>
    </message>
</context>
<context>
    <name>NoticePlanModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Main task</source>
        <translation>主要任务</translation>
    </message>
    <message>
        <source>Key content</source>
        <translation>重点内容</translation>
    </message>
    <message>
        <source>Lead office</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Co-operating offices</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>%1 target</source>
        <translation>%1年目标</translation>
    </message>
    <message>
        <source>%1 office targets</source>
        <translation>分解到 %1 个单位</translation>
    </message>
</context>
<context>
    <name>NoticeSource</name>
    <message>
        <source>Pasted text</source>
        <translation>粘贴的文字</translation>
    </message>
    <message>
        <source>Import a notice</source>
        <translation>导入通知</translation>
    </message>
    <message>
        <source>Notices (%1);;All files (*)</source>
        <translation>通知文件 (%1);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>NoticeTaskDialog</name>
    <message>
        <source>Offices and targets of the task</source>
        <translation>任务的责任单位和目标</translation>
    </message>
    <message>
        <source>Offices</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>&amp;Lead:</source>
        <translation>牵头单位(&amp;L)：</translation>
    </message>
    <message>
        <source>&amp;Co-operating:</source>
        <translation>配合单位(&amp;C)：</translation>
    </message>
    <message>
        <source>Separate several offices with 、</source>
        <translation>多个单位之间用“、”隔开</translation>
    </message>
    <message>
        <source>Targets by year</source>
        <translation>各年度目标</translation>
    </message>
    <message>
        <source>Add a &amp;year</source>
        <translation>增加一年(&amp;Y)</translation>
    </message>
    <message>
        <source>%1:</source>
        <translation>%1年：</translation>
    </message>
</context>
<context>
    <name>NoticeWizard</name>
    <message>
        <source>Import a notice</source>
        <translation>导入通知</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>正在读取 %1…</translation>
    </message>
    <message>
        <source>Reading the notice…</source>
        <translation>正在读取通知…</translation>
    </message>
    <message>
        <source>Recognising the notice…</source>
        <translation>正在识别通知…</translation>
    </message>
    <message>
        <source>Recognise again</source>
        <translation>重新识别</translation>
    </message>
    <message>
        <source>Recognising the notice again loses the %1 correction(s) made so far (Undo brings them back). Go on?</source>
        <translation>重新识别会放弃目前已做的 %1 处更正（可用“撤销”找回）。继续吗？</translation>
    </message>
    <message>
        <source>Applying the correction…</source>
        <translation>正在更正…</translation>
    </message>
    <message>
        <source>%1 is not a task: mark it as a task first (Ctrl+1).</source>
        <translation>%1不是任务：请先标为任务（Ctrl+1）。</translation>
    </message>
    <message>
        <source>The plan needs a title.</source>
        <translation>请填写计划的标题。</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <source>Imported as plan %1: %2 (draft), %3 tasks.</source>
        <translation>已导入为计划 %1：%2（草稿），%3 项任务。</translation>
    </message>
    <message>
        <source>The clipboard holds no text to import.</source>
        <translation>剪贴板中没有可导入的文字。</translation>
    </message>
</context>
<context>
    <name>RecognitionBar</name>
    <message>
        <source>The first office listed</source>
        <translation>所列第一个单位</translation>
    </message>
    <message>
        <source>Every office listed</source>
        <translation>所列全部单位</translation>
    </message>
    <message>
        <source>Found automatically</source>
        <translation>自动识别</translation>
    </message>
    <message>
        <source>Numbered items of the text</source>
        <translation>正文的编号条目</translation>
    </message>
    <message>
        <source>Rows of the appendix table</source>
        <translation>附件表格各行</translation>
    </message>
    <message>
        <source>Both</source>
        <translation>两者都要</translation>
    </message>
    <message>
        <source>Tas&amp;ks are under:</source>
        <translation>任务所在部分(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Where it does not say, the lead is:</source>
        <translation>未写明牵头单位时，牵头的是(&amp;W)：</translation>
    </message>
    <message>
        <source>Tasks &amp;from:</source>
        <translation>任务来源(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>OfficeCounts</name>
    <message>
        <source>%1: %2 task(s): done %3, on schedule %4, behind %5, not reported %6</source>
        <translation>%1：负责 %2 项，已完成 %3，序时推进 %4，滞后 %5，未填报 %6</translation>
    </message>
</context>
<context>
    <name>OfficeDialog</name>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Offices</source>
        <translation>单位管理</translation>
    </message>
    <message>
        <source>Filter by name or division code</source>
        <translation>按单位名称或行政区划代码筛选</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>合并(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Normalise names</source>
        <translation>规范名称(&amp;N)</translation>
    </message>
    <message>
        <source>Rewrite names typed in full-width or traditional characters, or with spaces, in the one spelling the planner matches on</source>
        <translation>把含全角字符、繁体字或空格的单位名称改写为程序统一比对的写法</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>%1 offices</source>
        <translation>共 %1 个单位</translation>
    </message>
    <message>
        <source>Rename office %1 to %2</source>
        <translation>单位“%1”改名为“%2”</translation>
    </message>
    <message>
        <source>Kind of %1</source>
        <translation>设置“%1”的单位类型</translation>
    </message>
    <message>
        <source>Parent office of %1</source>
        <translation>设置“%1”的上级单位</translation>
    </message>
    <message>
        <source>Division code of %1</source>
        <translation>设置“%1”的行政区划代码</translation>
    </message>
    <message>
        <source>Normalise office names</source>
        <translation>规范单位名称</translation>
    </message>
    <message>
        <source>%1 names normalised.</source>
        <translation>已规范 %1 个单位名称。</translation>
    </message>
    <message>
        <source>All names are already in their normalised form.</source>
        <translation>所有单位名称均已是规范写法。</translation>
    </message>
    <message>
        <source>Merge %1 into %2</source>
        <translation>把“%1”合并到“%2”</translation>
    </message>
</context>
<context>
    <name>OfficeTableModel</name>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Tasks</source>
        <translation>负责任务</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>已填报</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>未填报</translation>
    </message>
    <message>
        <source>Share of the office's tasks that are done or on schedule</source>
        <translation>推进率：该单位负责的任务中已完成或序时推进的比例</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <source>County / district</source>
        <translation>县（市、区）</translation>
    </message>
    <message>
        <source>Township / subdistrict</source>
        <translation>乡镇（街道）</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Parent office</source>
        <translation>上级单位</translation>
    </message>
    <message>
        <source>Division code</source>
        <translation>行政区划代码</translation>
    </message>
    <message>
        <source>Tasks (lead / co)</source>
        <translation>任务（牵头 / 配合）</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>填报条数</translation>
    </message>
    <message>
        <source>On-track rate</source>
        <translation>推进率</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <source>Plan properties</source>
        <translation>计划属性</translation>
    </message>
    <message>
        <source>e.g. 衡政办字〔2020〕33号</source>
        <translation>例如：衡政办字〔2020〕33号</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>计划名称(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;Document number:</source>
        <translation>文号(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Issued by:</source>
        <translation>发文机关(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;First year:</source>
        <translation>起始年度(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;Last year:</source>
        <translation>结束年度(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>PlanEditor</name>
    <message>
        <source>Cannot change the plan</source>
        <translation>无法修改计划</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>修改%1</translation>
    </message>
    <message>
        <source>Edit the %1 target</source>
        <translation>修改%1目标</translation>
    </message>
    <message>
        <source>responsible offices</source>
        <translation>责任单位</translation>
    </message>
    <message>
        <source>Edit the responsible offices</source>
        <translation>修改责任单位</translation>
    </message>
    <message>
        <source>New plan</source>
        <translation>新建计划</translation>
    </message>
    <message>
        <source>Plan properties</source>
        <translation>计划属性</translation>
    </message>
    <message>
        <source>Issue the plan</source>
        <translation>下达计划</translation>
    </message>
    <message>
        <source>Mark “%1” as issued? From then on, changes to tasks, indicators, targets and responsible offices are adjustments that need a reason.</source>
        <translation>将“%1”标记为已下达？此后修改任务、指标、目标和责任单位均属于调整，需要填写调整原因。</translation>
    </message>
    <message>
        <source>Add a section</source>
        <translation>添加章节</translation>
    </message>
    <message>
        <source>Section title:</source>
        <translation>章节标题：</translation>
    </message>
    <message>
        <source>Rename a section</source>
        <translation>修改章节标题</translation>
    </message>
    <message>
        <source>Delete a section</source>
        <translation>删除章节</translation>
    </message>
    <message>
        <source>Add a task</source>
        <translation>添加任务</translation>
    </message>
    <message>
        <source>Delete task %1 “%2”?</source>
        <translation>删除任务 %1“%2”？</translation>
    </message>
    <message>
        <source>It has %1 progress reports; they are deleted with it (Undo brings them back while the window is open).</source>
        <translation>该任务有 %1 条进展填报，将一并删除（窗口未关闭前可撤销恢复）。</translation>
    </message>
    <message>
        <source>Delete a task</source>
        <translation>删除任务</translation>
    </message>
    <message>
        <source>Delete task %1 “%2”</source>
        <translation>删除任务 %1“%2”</translation>
    </message>
    <message>
        <source>Move a task</source>
        <translation>移动任务</translation>
    </message>
    <message>
        <source>Renumber the tasks</source>
        <translation>重新编号</translation>
    </message>
</context>
<context>
    <name>PlanFilterBar</name>
    <message>
        <source>Period and office</source>
        <translation>时期和单位</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>时期：</translation>
    </message>
    <message>
        <source>Office:</source>
        <translation>单位：</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>全部单位</translation>
    </message>
</context>
<context>
    <name>PlanTreeModel</name>
    <message>
        <source>[Demo] %1</source>
        <translation>【演示】%1</translation>
    </message>
    <message>
        <source>%1–%2</source>
        <translation>%1—%2年</translation>
    </message>
    <message>
        <source>Demo data: the progress in this plan is invented.</source>
        <translation>演示数据：本计划的进展情况为虚构内容。</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <source>How the rows will be imported. Nothing is written before you press Import.</source>
        <translation>以下是各行将如何导入。按“导入”之前不会写入任何数据。</translation>
    </message>
    <message>
        <source>Plan &amp;title:</source>
        <translation>计划名称(&amp;T)：</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Per-office breakdown sheet (optional)</source>
        <translation>分解表（可选）</translation>
    </message>
    <message>
        <source>&amp;Attach</source>
        <translation>附加(&amp;A)</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>to task:</source>
        <translation>附加到任务：</translation>
    </message>
    <message>
        <source>Reading the rows…</source>
        <translation>正在读取各行…</translation>
    </message>
    <message>
        <source>%1 sections, %2 tasks, %3 targets, %4 offices; years %5–%6.</source>
        <translation>%1 个分组，%2 项任务，%3 个目标，%4 个单位；年度 %5—%6 年。</translation>
    </message>
    <message>
        <source>No task rows were found below the header.</source>
        <translation>表头下方没有找到任务行。</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>…另有 %1 条</translation>
    </message>
    <message>
        <source>The breakdown of “%1” adds up to the plan-wide target.</source>
        <translation>任务“%1”的分解目标合计与全市目标一致。</translation>
    </message>
    <message>
        <source>Reading the breakdown…</source>
        <translation>正在读取分解表…</translation>
    </message>
    <message>
        <source>No warnings.</source>
        <translation>没有需要注意的问题。</translation>
    </message>
</context>
<context>
    <name>ProgressDetail</name>
    <message>
        <source>&amp;Save texts</source>
        <translation>保存文字(&amp;S)</translation>
    </message>
    <message>
        <source>Progress:</source>
        <translation>进展情况：</translation>
    </message>
    <message>
        <source>Problems:</source>
        <translation>存在问题：</translation>
    </message>
    <message>
        <source>Next steps:</source>
        <translation>下步打算：</translation>
    </message>
    <message>
        <source>A&amp;ttach…</source>
        <translation>添加佐证(&amp;T)…</translation>
    </message>
    <message>
        <source>Remo&amp;ve</source>
        <translation>删除(&amp;V)</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>历次填报</translation>
    </message>
    <message>
        <source>Evidence files</source>
        <translation>佐证材料</translation>
    </message>
    <message>
        <source>Choose a row to see and edit its texts.</source>
        <translation>选择一行，查看并编辑其文字内容。</translation>
    </message>
    <message>
        <source>Returned: %1</source>
        <translation>已退回：%1</translation>
    </message>
    <message>
        <source>Attach an evidence file</source>
        <translation>添加佐证材料</translation>
    </message>
    <message>
        <source>Attach %1</source>
        <translation>添加佐证材料 %1</translation>
    </message>
    <message>
        <source>Remove an evidence file</source>
        <translation>删除佐证材料</translation>
    </message>
</context>
<context>
    <name>ProgressModel</name>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Value reached</source>
        <translation>完成数值</translation>
    </message>
    <message>
        <source>Chosen status</source>
        <translation>选择状态</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>进展情况</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>存在问题</translation>
    </message>
    <message>
        <source>Next steps</source>
        <translation>下步打算</translation>
    </message>
    <message>
        <source>Completion</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>审核</translation>
    </message>
    <message>
        <source>The value reached divided by the year's target</source>
        <translation>完成率：完成数值占年度目标的比例</translation>
    </message>
</context>
<context>
    <name>ProgressPanel</name>
    <message>
        <source>&amp;Accept</source>
        <translation>通过(&amp;A)</translation>
    </message>
    <message>
        <source>Ret&amp;urn…</source>
        <translation>退回(&amp;U)…</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>未保存</translation>
    </message>
    <message>
        <source>Progress of %1 (%2)</source>
        <translation>填报“%1”（%2）</translation>
    </message>
    <message>
        <source>Accept report</source>
        <translation>通过填报</translation>
    </message>
    <message>
        <source>Return report</source>
        <translation>退回填报</translation>
    </message>
    <message>
        <source>(%1 returned)</source>
        <translation>（其中已退回 %1）</translation>
    </message>
</context>
<context>
    <name>ReceivedFormDialog</name>
    <message>
        <source>Open a received fill-in form</source>
        <translation>打开收到的填报表</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>&amp;Fill in on screen</source>
        <translation>在本程序中填报(&amp;F)</translation>
    </message>
    <message>
        <source>Opening the form…</source>
        <translation>正在打开填报表…</translation>
    </message>
    <message>
        <source>The form of %1 for %2 is ready. Fill in the progress on screen, then use Write back fill-in form to save the workbook for sending back.</source>
        <translation>%1 %2 的填报表已就绪。请在“进展填报”中填写，完成后用“写回填报表”保存工作簿，再发回汇总单位。</translation>
    </message>
    <message>
        <source>Received fill-in form</source>
        <translation>收到的填报表</translation>
    </message>
    <message>
        <source>Workbooks (%1)</source>
        <translation>工作簿 (%1)</translation>
    </message>
    <message>
        <source>Write back fill-in form</source>
        <translation>写回填报表</translation>
    </message>
    <message>
        <source>Form written</source>
        <translation>填报表已写回</translation>
    </message>
    <message>
        <source>%1 reports written to %2. Send this file back to the coordinating office.</source>
        <translation>已把 %1 条填报写入 %2。请把这个文件发回汇总单位。</translation>
    </message>
    <message>
        <source>Form not written</source>
        <translation>填报表未写回</translation>
    </message>
    <message>
        <source>Writing the form…</source>
        <translation>正在写回填报表…</translation>
    </message>
</context>
<context>
    <name>DocumentDialog</name>
    <message>
        <source>Reports — %1</source>
        <translation>报表 — %1</translation>
    </message>
    <message>
        <source>Fonts used:</source>
        <translation>所用字体：</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>标题</translation>
    </message>
    <message>
        <source>Body text</source>
        <translation>正文</translation>
    </message>
    <message>
        <source>Level-1 headings</source>
        <translation>一级标题</translation>
    </message>
    <message>
        <source>Level-2 headings</source>
        <translation>二级标题</translation>
    </message>
    <message>
        <source>Tables and page numbers</source>
        <translation>表格和页码</translation>
    </message>
    <message>
        <source>%1, drawn heavier</source>
        <translation>%1（加粗显示）</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>&amp;Fonts…</source>
        <translation>字体(&amp;F)…</translation>
    </message>
    <message>
        <source>&amp;Update preview</source>
        <translation>刷新预览(&amp;U)</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>适合宽度(&amp;W)</translation>
    </message>
    <message>
        <source>Whole pa&amp;ge</source>
        <translation>整页(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>打印(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Save as PDF…</source>
        <translation>另存为 PDF(&amp;S)…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Preparing the report…</source>
        <translation>正在生成报表…</translation>
    </message>
    <message>
        <source>%1 pages</source>
        <translation>共 %1 页</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>第 %1 / %2 页</translation>
    </message>
    <message>
        <source>Printing…</source>
        <translation>正在打印…</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报表</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <source>The report could not be saved: %1</source>
        <translation>报表未能保存：%1</translation>
    </message>
    <message>
        <source>Saved: %1</source>
        <translation>已保存：%1</translation>
    </message>
</context>
<context>
    <name>DocumentFontsDialog</name>
    <message>
        <source>Report fonts</source>
        <translation>报表字体</translation>
    </message>
    <message>
        <source>Title (Xiaobiaosong):</source>
        <translation>标题（小标宋）：</translation>
    </message>
    <message>
        <source>Body text (FangSong):</source>
        <translation>正文（仿宋）：</translation>
    </message>
    <message>
        <source>Level-1 headings (Hei):</source>
        <translation>一级标题（黑体）：</translation>
    </message>
    <message>
        <source>Level-2 headings (Kai):</source>
        <translation>二级标题（楷体）：</translation>
    </message>
    <message>
        <source>Tables and page numbers (Song):</source>
        <translation>表格和页码（宋体）：</translation>
    </message>
    <message>
        <source>Automatic: %1</source>
        <translation>自动：%1</translation>
    </message>
    <message>
        <source>Choose a TrueType font file (.ttf, .ttc)</source>
        <translation>选择 TrueType 字体文件（.ttf、.ttc）</translation>
    </message>
    <message>
        <source>Leave a field empty to use a system font of that style, else the bundled font. Only TrueType fonts can be embedded; for a .ttc collection add #index (simsun.ttc#0). Characters a font lacks are printed in the bundled font.</source>
        <translation>留空则使用系统中相应字体，没有时使用程序自带字体。只能嵌入 TrueType 字体；.ttc 字体集请加 #序号（如 simsun.ttc#0）。所选字体缺少的字会用自带字体印出。</translation>
    </message>
    <message>
        <source>Choose a font</source>
        <translation>选择字体</translation>
    </message>
    <message>
        <source>TrueType fonts (*.ttf *.ttc)</source>
        <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
</context>
<context>
    <name>DocumentOptions</name>
    <message>
        <source>Target table</source>
        <translation>目标任务表</translation>
    </message>
    <message>
        <source>Quarterly progress report</source>
        <translation>季度进展报告</translation>
    </message>
    <message>
        <source>Office report</source>
        <translation>单位报告</translation>
    </message>
    <message>
        <source>(no period)</source>
        <translation>（不限期间）</translation>
    </message>
    <message>
        <source>All offices</source>
        <translation>全部单位</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>全部分组</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Signed by (optional)</source>
        <translation>发文机关署名（可不填）</translation>
    </message>
    <message>
        <source>Addressed to (optional)</source>
        <translation>主送机关（可不填）</translation>
    </message>
    <message>
        <source>&amp;Report:</source>
        <translation>报表(&amp;R)：</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>时期(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Office:</source>
        <translation>单位(&amp;O)：</translation>
    </message>
    <message>
        <source>S&amp;ection:</source>
        <translation>分组(&amp;E)：</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>状态(&amp;S)：</translation>
    </message>
    <message>
        <source>Si&amp;gned by:</source>
        <translation>署名(&amp;G)：</translation>
    </message>
    <message>
        <source>&amp;Addressed to:</source>
        <translation>主送(&amp;A)：</translation>
    </message>
    <message>
        <source>Issuing office&apos;s mark (optional)</source>
        <translation>发文机关标志（可不填）</translation>
    </message>
    <message>
        <source>Printed in red at the top of the first page, e.g. 衡水市民政局文件</source>
        <translation>以红色印在首页顶端的版头中，如“衡水市民政局文件”</translation>
    </message>
    <message>
        <source>Document number (optional)</source>
        <translation>发文字号（可不填）</translation>
    </message>
    <message>
        <source>Printed under the letterhead on the left, e.g. 衡民报〔2021〕12号</source>
        <translation>印在版头下方左侧，如“衡民报〔2021〕12号”</translation>
    </message>
    <message>
        <source>Approving leader (optional)</source>
        <translation>签发人姓名（可不填）</translation>
    </message>
    <message>
        <source>Printed under the letterhead on the right</source>
        <translation>印在版头下方右侧</translation>
    </message>
    <message>
        <source>&amp;Letterhead:</source>
        <translation>版头(&amp;L)：</translation>
    </message>
    <message>
        <source>Document &amp;number:</source>
        <translation>发文字号(&amp;N)：</translation>
    </message>
    <message>
        <source>Approved &amp;by:</source>
        <translation>签发人(&amp;B)：</translation>
    </message>
    <message>
        <source>&amp;Date:</source>
        <translation>成文日期(&amp;D)：</translation>
    </message>
</context>
<context>
    <name>DocumentPrinting</name>
    <message>
        <source>The report file cannot be read: %1</source>
        <translation>无法读取报表文件：%1</translation>
    </message>
    <message>
        <source>Printing cannot start: the printer is not available.</source>
        <translation>无法开始打印：打印机不可用。</translation>
    </message>
    <message>
        <source>The printer refused a new page.</source>
        <translation>打印机拒绝了新的一页。</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <source>Submitted</source>
        <translation>已提交</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>已通过</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>已退回</translation>
    </message>
    <message>
        <source> (revision %1)</source>
        <translation>（第%1版）</translation>
    </message>
    <message>
        <source>Returned: %1
Not counted until it is filled in again. %2</source>
        <translation>已退回：%1
重新填报前不计入。%2</translation>
    </message>
</context>
<context>
    <name>ServerConnectDialog</name>
    <message>
        <source>Connect to a shared database</source>
        <translation>连接共享数据库</translation>
    </message>
    <message>
        <source>host name or address, optionally :port</source>
        <translation>主机名或 IP 地址，可加“:端口”</translation>
    </message>
    <message>
        <source>Encrypted connection (TLS) required</source>
        <translation>要求加密连接（TLS）</translation>
    </message>
    <message>
        <source>Remember the password in the system keyring</source>
        <translation>在系统密码库中记住密码</translation>
    </message>
    <message>
        <source>No system keyring: the password is asked for each time.</source>
        <translation>本机没有系统密码库：每次连接都会询问密码。</translation>
    </message>
    <message>
        <source>&amp;Server:</source>
        <translation>服务器(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;Database:</source>
        <translation>数据库(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Account:</source>
        <translation>账号(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Connect</source>
        <translation>连接(&amp;C)</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Your office</source>
        <translation>您所在的单位</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>您的姓名</translation>
    </message>
    <message>
        <source>Count lead offices only</source>
        <translation>只统计牵头单位</translation>
    </message>
    <message>
        <source>In the statistics, count each task only for its lead office, not for the co-operating offices.</source>
        <translation>统计时每项任务只计入牵头单位，不计入配合单位。</translation>
    </message>
    <message>
        <source>A new language takes effect the next time the program starts.</source>
        <translation>更改的界面语言在下次启动程序时生效。</translation>
    </message>
    <message>
        <source>Your office and name are recorded with every change you make.</source>
        <translation>您的单位和姓名将记入您所做的每一项修改。</translation>
    </message>
    <message>
        <source>&amp;Office:</source>
        <translation>单位(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>姓名(&amp;N)：</translation>
    </message>
    <message>
        <source>Interface &amp;language:</source>
        <translation>界面语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>SharesModel</name>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Target as written</source>
        <translation>目标（原文）</translation>
    </message>
    <message>
        <source>Understood as</source>
        <translation>识别为</translation>
    </message>
    <message>
        <source>(type an office)</source>
        <translation>（输入单位）</translation>
    </message>
    <message>
        <source>Type the office to save this target</source>
        <translation>填写单位后才能保存</translation>
    </message>
    <message>
        <source>No quantity: kept as text (%1)</source>
        <translation>无数量，按文字保存（%1）</translation>
    </message>
</context>
<context>
    <name>StatusLight</name>
    <message>
        <source>Done</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>On schedule</source>
        <translation>序时推进</translation>
    </message>
    <message>
        <source>Behind</source>
        <translation>滞后</translation>
    </message>
    <message>
        <source>Not reported</source>
        <translation>未填报</translation>
    </message>
</context>
<context>
    <name>TargetPreview</name>
    </context>
<context>
    <name>TargetShares</name>
    <message>
        <source>Total: no per-office targets for this period</source>
        <translation>合计：本期间尚未分解到单位</translation>
    </message>
    <message>
        <source>Total: %1 of the per-office targets state no quantity and cannot be added up</source>
        <translation>合计：有 %1 个单位的目标未能识别数量，无法相加</translation>
    </message>
    <message>
        <source>Total %1 (the plan-wide target states no quantity)</source>
        <translation>合计 %1（全市目标没有数量，无法核对）</translation>
    </message>
    <message>
        <source>Per-office ratios are not added up</source>
        <translation>各单位的比例目标不作相加</translation>
    </message>
    <message>
        <source>Total %1: the units differ from the plan-wide %2</source>
        <translation>合计 %1：单位与全市 %2 不同，无法核对</translation>
    </message>
    <message>
        <source>Total %1 = plan-wide %2</source>
        <translation>合计 %1 = 全市 %2</translation>
    </message>
    <message>
        <source>Total %1 ≠ plan-wide %2</source>
        <translation>合计 %1 ≠ 全市 %2</translation>
    </message>
</context>
<context>
    <name>TargetText</name>
    <message>
        <source>Understood as: %1 (%2)</source>
        <translation>理解为：%1（%2）</translation>
    </message>
    <message>
        <source>Understood as: %1</source>
        <translation>理解为：%1</translation>
    </message>
    <message>
        <source>, due by the end of %1</source>
        <translation>，%1年底前完成</translation>
    </message>
    <message>
        <source>Per-office targets: %1</source>
        <translation>分单位目标：%1 个</translation>
    </message>
    <message>
        <source>Empty: the target will be removed</source>
        <translation>空白：将删除该目标</translation>
    </message>
    <message>
        <source>No single quantity found: it will be saved as a text target (%1)</source>
        <translation>未能识别数量，将按文字目标保存（%1）</translation>
    </message>
    <message>
        <source>Number %1</source>
        <translation>数量 %1</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>单位 %1</translation>
    </message>
    <message>
        <source>comparison %1</source>
        <translation>比较 %1</translation>
    </message>
    <message>
        <source>kind %1</source>
        <translation>类型 %1</translation>
    </message>
    <message>
        <source>by the end of %1</source>
        <translation>%1年底前完成</translation>
    </message>
</context>
<context>
    <name>TargetsDialog</name>
    <message>
        <source>Targets: %1 %2</source>
        <translation>目标：%1 %2</translation>
    </message>
    <message>
        <source>For example: 全市300个, or 不少于85% — Enter saves</source>
        <translation>例如：全市300个，或 不少于85%（按 Enter 保存）</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>Plan-wide &amp;target:</source>
        <translation>全市目标(&amp;T)：</translation>
    </message>
    <message>
        <source>Per-&amp;office targets (Insert adds a row, Delete removes one):</source>
        <translation>分解到各单位的目标(&amp;O)（Insert 添加一行，Delete 删除一行）：</translation>
    </message>
    <message>
        <source>&amp;Add office</source>
        <translation>添加单位(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Remove office</source>
        <translation>删除单位(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>Re&amp;do</source>
        <translation>重做(&amp;D)</translation>
    </message>
    <message>
        <source>Enter saves · Tab moves to the next field · Esc closes</source>
        <translation>Enter 保存 · Tab 转到下一项 · Esc 关闭</translation>
    </message>
    <message>
        <source>Indicator: %1</source>
        <translation>具体指标：%1</translation>
    </message>
    <message>
        <source>其中 list: %1 office targets</source>
        <translation>其中分解到 %1 个单位</translation>
    </message>
    <message>
        <source>%1 already has a target for this period: change that row instead.</source>
        <translation>%1在本期间已有目标，请修改该行。</translation>
    </message>
    <message>
        <source>%1 target</source>
        <translation>%1目标</translation>
    </message>
    <message>
        <source>%1 target of %2</source>
        <translation>%2%1目标</translation>
    </message>
    <message>
        <source>Set the %1 target</source>
        <translation>修改%1目标</translation>
    </message>
    <message>
        <source>Set the %1 target of %2</source>
        <translation>修改%2%1目标</translation>
    </message>
    <message>
        <source>Move the %1 target from %2 to %3</source>
        <translation>将%1目标从%2改到%3</translation>
    </message>
</context>
<context>
    <name>TaskDetail</name>
    <message>
        <source>No note</source>
        <translation>无备注</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Choose a task in the table to see it here.</source>
        <translation>在表格中选择一项任务，即可在此查看详情。</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Main task</source>
        <translation>主要任务</translation>
    </message>
    <message>
        <source>Key content</source>
        <translation>重点内容</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>具体指标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>现状</translation>
    </message>
    <message>
        <source>Lead office</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Co-operating offices</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>出处</translation>
    </message>
    <message>
        <source>Targets by period</source>
        <translation>年度目标</translation>
    </message>
    <message>
        <source>No targets.</source>
        <translation>无目标。</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>时期</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>(broken down to %1 offices)</source>
        <translation>（分解到 %1 个单位）</translation>
    </message>
    <message>
        <source>Adjustments (%1)</source>
        <translation>调整记录（%1）</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>What</source>
        <translation>调整内容</translation>
    </message>
    <message>
        <source>Before → after</source>
        <translation>调整前 → 调整后</translation>
    </message>
    <message>
        <source>From</source>
        <translation>起始期间</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>调整原因</translation>
    </message>
    <message>
        <source>Targets by office, %1 (%2)</source>
        <translation>%1分单位目标（%2 个）</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
    </message>
</context>
<context>
    <name>TaskFilterBar</name>
    <message>
        <source>Find tasks: words in the task, targets or offices (Ctrl+F)</source>
        <translation>查找任务：任务、目标或单位中的文字（Ctrl+F）</translation>
    </message>
    <message>
        <source>All statuses</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <source>Se&amp;ction:</source>
        <translation>章节(&amp;C)：</translation>
    </message>
    <message>
        <source>Stat&amp;us:</source>
        <translation>状态(&amp;U)：</translation>
    </message>
    <message>
        <source>All sections</source>
        <translation>全部章节</translation>
    </message>
</context>
<context>
    <name>TaskTableModel</name>
    <message>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Main task</source>
        <translation>主要任务</translation>
    </message>
    <message>
        <source>Key content</source>
        <translation>重点内容</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>具体指标</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>现状</translation>
    </message>
    <message>
        <source>Lead office</source>
        <translation>牵头单位</translation>
    </message>
    <message>
        <source>Co-operating offices</source>
        <translation>配合单位</translation>
    </message>
    <message>
        <source>%1</source>
        <comment>year column header</comment>
        <translation>%1年</translation>
    </message>
    <message>
        <source>Yearly targets</source>
        <translation>年度目标</translation>
    </message>
    <message>
        <source>Responsible offices</source>
        <translation>责任单位</translation>
    </message>
</context>
<context>
    <name>Unsaved</name>
    <message>
        <source>Closing the window</source>
        <translation>关闭窗口</translation>
    </message>
    <message>
        <source>Some of what you typed is not saved yet. Save it before closing?</source>
        <translation>有些输入的内容还没有保存。关闭前保存吗？</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>Return the report</source>
        <translation>退回填报</translation>
    </message>
    <message>
        <source>Why is the report of %1 returned? The office will see this.</source>
        <translation>为什么退回“%1”的填报？填报单位将看到这段说明。</translation>
    </message>
    <message>
        <source>Please write why it is returned: the office needs to know what to change.</source>
        <translation>请填写退回原因：填报单位需要知道要改什么。</translation>
    </message>
</context>
<context>
    <name>RegisterActions</name>
    <message>
        <source>&amp;Add…</source>
        <translation>新增(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Kinds from names…</source>
        <translation>按名称设类型(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;Kinds from names (%1)…</source>
        <translation>按名称设类型(&amp;K)（%1）…</translation>
    </message>
    <message>
        <source>Offer county-level and township kinds where the names say so (…区, …县, …市; …乡, …镇, …街道)</source>
        <translation>名称表明是县（市、区）或乡镇（街道）的单位（…区、…县、…市；…乡、…镇、…街道），提议改为相应类型</translation>
    </message>
    <message>
        <source>New office</source>
        <translation>新增单位</translation>
    </message>
    <message>
        <source>Name of the new office:</source>
        <translation>新单位的名称：</translation>
    </message>
    <message>
        <source>Add office %1</source>
        <translation>新增单位 %1</translation>
    </message>
    <message>
        <source>Choose the office to delete in the list.</source>
        <translation>请先在列表中选中要删除的单位。</translation>
    </message>
    <message>
        <source>Delete office %1</source>
        <translation>删除单位 %1</translation>
    </message>
    <message>
        <source>%1 deleted.</source>
        <translation>已删除“%1”。</translation>
    </message>
    <message>
        <source>Every kind agrees with its office&apos;s name.</source>
        <translation>各单位的类型都与名称相符。</translation>
    </message>
    <message>
        <source>Kinds of %1 offices</source>
        <translation>设置 %1 个单位的类型</translation>
    </message>
    <message>
        <source>%1 kinds changed.</source>
        <translation>已修改 %1 个单位的类型。</translation>
    </message>
</context>
<context>
    <name>KindsDialog</name>
    <message>
        <source>Kinds from the names</source>
        <translation>按名称设置单位类型</translation>
    </message>
    <message>
        <source>These offices are stored as departments, but their names say otherwise. Untick any that should stay as they are; the change can be undone.</source>
        <translation>以下单位目前的类型是“部门”，但名称表明是其他类型。不想修改的请取消勾选；修改后可以撤销。</translation>
    </message>
    <message>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <source>&amp;Change the ticked kinds</source>
        <translation>修改勾选的类型(&amp;C)</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>查找范围(&amp;L)：</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>文件类型(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>QAbstractFileIconProvider</name>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>%1 File</source>
        <translation>%1 文件</translation>
    </message>
    <message>
        <source>Drive</source>
        <translation>驱动器</translation>
    </message>
    <message>
        <source>Computer</source>
        <translation>计算机</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <source>Welcome</source>
        <translation>欢迎使用</translation>
    </message>
    <message>
        <source>Welcome. Please say who is working here; you can also do it later in Settings.</source>
        <translation>欢迎使用。请先填写您的单位和姓名，也可以以后在“设置”中填写。</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>以后再说(&amp;L)</translation>
    </message>
</context>
<context>
    <name>RecentMenu</name>
    <message>
        <source>(no recent files)</source>
        <translation>（没有最近打开的文件）</translation>
    </message>
    <message>
        <source>&amp;Clear the list</source>
        <translation>清除列表(&amp;C)</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>User guide</source>
        <translation>使用说明</translation>
    </message>
    <message>
        <source>A quarter with the planner</source>
        <translation>用本程序完成一个季度的工作</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <source>1. Import the plan</source>
        <translation>一、导入计划</translation>
    </message>
    <message>
        <source>File → Import table… (Ctrl+I) reads the appendix table of key tasks; File → Import a notice… (Ctrl+Shift+I) reads the notice itself. A file dropped onto the window opens the same wizard. Check what each column means and the preview, then press Import. File → Open recent lists the files opened last.</source>
        <translation>文件 → 导入表格（Ctrl+I）读取重点任务分解表（附件）；文件 → 导入通知（Ctrl+Shift+I）读取通知原文。把文件拖到窗口上也会打开同样的向导。核对各列的含义和预览后，按“导入”。文件 → 最近打开 列出最近用过的文件。</translation>
    </message>
    <message>
        <source>2. Check tasks, targets and offices</source>
        <translation>二、核对任务、目标和单位</translation>
    </message>
    <message>
        <source>In the target table, Enter, F2 or typing edits a cell; a year&apos;s target is read as you type. Edit → Offices… adds, deletes, merges and types the offices. Once the plan is issued (Edit → Issue the plan…), a changed target asks for the reason of the adjustment.</source>
        <translation>在“目标任务表”中，按回车、F2 或直接输入即可修改单元格；输入年度目标时，下方随即显示程序如何理解它。编辑 → 单位管理 可新增、删除、合并单位并设置单位类型。计划下达后（编辑 → 下达计划），修改目标时要填写调整原因。</translation>
    </message>
    <message>
        <source>3. Send the forms out</source>
        <translation>三、发出填报表</translation>
    </message>
    <message>
        <source>File → Generate fill-in forms… writes one Excel workbook for each responsible office and the chosen quarter. Send them to the offices.</source>
        <translation>文件 → 生成填报表，为每个责任单位生成所选季度的 Excel 填报表，发给各单位填写。</translation>
    </message>
    <message>
        <source>4. Take the returns in</source>
        <translation>四、收回填报表</translation>
    </message>
    <message>
        <source>File → Collect returned forms…, or drop the returned workbooks onto the window. Each file is taken whole or refused with the reason, shown under the list.</source>
        <translation>文件 → 收集填报表，或把收回的填报表拖到窗口上。每个文件要么整份收下，要么拒收，原因显示在列表下方。</translation>
    </message>
    <message>
        <source>5. Review</source>
        <translation>五、审核</translation>
    </message>
    <message>
        <source>In Progress entry, choose the period and the office. Type figures and texts: each is saved when you leave the cell or the field, and Ctrl+Z takes it back (Ctrl+Y or Ctrl+Shift+Z repeats it). Accept a report with Alt+A; return it with Alt+U and say why.</source>
        <translation>在“进展填报”页选择时期和单位。输入的数值和文字在离开单元格或输入框时即保存，按 Ctrl+Z 撤销（Ctrl+Y 或 Ctrl+Shift+Z 重做）。按 Alt+A 通过填报；按 Alt+U 退回，并写明原因。</translation>
    </message>
    <message>
        <source>6. Report</source>
        <translation>六、出报告</translation>
    </message>
    <message>
        <source>Reports → Progress dashboard (Ctrl+D) shows the quarter at a glance; Reports → Quarterly progress report… and Office report… make the documents to print or save as PDF. Reports → Change log… says who changed what and when.</source>
        <translation>报表 → 进度看板（Ctrl+D）一目了然地显示本季度情况；报表 → 季度进展报告、单位报告 生成可打印或另存为 PDF 的文稿。报表 → 修改记录 显示谁在何时改了什么。</translation>
    </message>
    <message>
        <source>7. Keep a copy</source>
        <translation>七、备份</translation>
    </message>
    <message>
        <source>The planner backs up the database on the first start of each day; File → Back up… makes a copy whenever you want one. Closing the window asks about anything not yet saved.</source>
        <translation>程序每天第一次启动时自动备份数据库；文件 → 备份 可随时另存一份。关闭窗口时，如有尚未保存的内容，程序会先询问。</translation>
    </message>
</context>
<context>
    <name>NoticeTextView</name>
    <message>
        <source>read by OCR with %1 confidence</source>
        <translation>文字识别可信度 %1</translation>
    </message>
</context>
<context>
    <name>ScanPanel</name>
    <message>
        <source>%1 character(s) underlined in red were hard to read: check them against the page.</source>
        <translation>标红下划线的 %1 个字识别把握不大，请对照页面核对。</translation>
    </message>
    <message>
        <source>Page %1 of the scan: this paragraph&apos;s %2 line(s) read with %3 to %4 confidence.</source>
        <translation>扫描件第%1页：本段共 %2 行，识别可信度 %3～%4。</translation>
    </message>
    <message>
        <source>Page %1 of the scan.</source>
        <translation>扫描件第%1页。</translation>
    </message>
    <message>
        <source>Page %1 of the scan could not be shown.</source>
        <translation>无法显示扫描件第%1页。</translation>
    </message>
</context>
<context>
    <name>ReloadOffer</name>
    <message>
        <source>Changed by someone else</source>
        <translation>已被他人修改</translation>
    </message>
    <message>
        <source>Show the latest version now?</source>
        <translation>现在显示最新的内容吗？</translation>
    </message>
</context>
</TS>
