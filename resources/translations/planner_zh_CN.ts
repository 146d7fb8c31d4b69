<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
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
</context>
<context>
    <name>MainActions</name>
    <message>
        <source>&amp;Import table…</source>
        <translation>导入表格(&amp;I)…</translation>
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
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Annual Target Planner</source>
        <translation>年度目标任务管理</translation>
    </message>
    <message>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <source>No plan yet</source>
        <translation>尚无计划</translation>
    </message>
    <message>
        <source>Tasks: %1</source>
        <translation>任务：%1 项</translation>
    </message>
    <message>
        <source>Tasks: %1 of %2</source>
        <translation>任务：%1 项（共 %2 项）</translation>
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
        <source>Targets by office, %1 (%2)</source>
        <translation>%1分单位目标（%2 个）</translation>
    </message>
    <message>
        <source>Office</source>
        <translation>单位</translation>
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
</context>
</TS>
