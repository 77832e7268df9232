<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="26"/>
        <source>Manager approval</source>
        <translation>经理授权</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="38"/>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="39"/>
        <source>Manager PIN</source>
        <translation>经理密码</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="41"/>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
</context>
<context>
    <name>CardPaymentDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="105"/>
        <source>Card terminal</source>
        <translation>刷卡终端</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="109"/>
        <source>Terminal reference (optional)</source>
        <translation>终端参考号（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="111"/>
        <source>Terminal approved</source>
        <translation>终端已成功扣款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="114"/>
        <source>Charge %1 on the card terminal, then confirm here.</source>
        <translation>请在刷卡终端上收取 %1，成功后在此确认。</translation>
    </message>
</context>
<context>
    <name>CashPaymentDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="41"/>
        <source>Cash payment</source>
        <translation>现金收款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="57"/>
        <source>Take payment</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="61"/>
        <source>To pay</source>
        <translation>应收</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="62"/>
        <source>Cash received</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="63"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="82"/>
        <source>Enter the cash received</source>
        <translation>请输入实收金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="86"/>
        <source>%1 short</source>
        <translation>还差 %1</translation>
    </message>
</context>
<context>
    <name>CashierWindow</name>
    <message>
        <location filename="../../ui/cashier/window.py" line="69"/>
        <source>Membership till — %1</source>
        <translation>会员收银台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="132"/>
        <location filename="../../ui/cashier/window.py" line="194"/>
        <source>Takeaway</source>
        <translation>外带</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="133"/>
        <source>Dine-in table…</source>
        <translation>堂食开台…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="137"/>
        <source>No sale</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="138"/>
        <source>Print jobs</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="142"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="144"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="152"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="154"/>
        <source>Card terminal</source>
        <translation>刷卡终端</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="156"/>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="171"/>
        <source>Receipt preview</source>
        <translation>小票预览</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="189"/>
        <source>Table %1 · %2 guests</source>
        <translation>%1 号桌 · %2 位</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="225"/>
        <source>Cash drawer opened (no sale).</source>
        <translation>钱箱已打开（无销售）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="239"/>
        <source>Wrong PIN, or the account is locked.</source>
        <translation>密码错误，或账号已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="244"/>
        <source>Open the cash drawer without a sale</source>
        <translation>无销售打开钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="265"/>
        <source>Member found: %1</source>
        <translation>已识别会员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="276"/>
        <source>This card is blocked (reported lost). Ask for ID and issue a new card.</source>
        <translation>此卡已挂失冻结。请核对身份后补办新卡。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="278"/>
        <source>Type a phone number, member number or card number.</source>
        <translation>请输入手机号、会员号或卡号。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="279"/>
        <source>No member found. Check the number, or continue as a guest.</source>
        <translation>未找到会员。请核对号码，或按非会员结账。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="315"/>
        <source>Order %1 paid. Change: %2</source>
        <translation>订单 %1 已收款。找零：%2</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="25"/>
        <source>Retry print</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="41"/>
        <source>simulated printer</source>
        <translation>模拟打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="45"/>
        <source>Printer: %1</source>
        <translation>打印机：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="58"/>
        <source>Receipt %1 NOT printed: %2. It will print when the printer is back.</source>
        <translation>小票 %1 未打印：%2 打印机恢复后会自动补打。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="62"/>
        <source>Printing %1…</source>
        <translation>正在打印 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="64"/>
        <source>Receipt %1 printed</source>
        <translation>小票 %1 已打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="66"/>
        <source>Receipt %1 sent (the printer does not confirm)</source>
        <translation>小票 %1 已发送（打印机不回报状态）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="82"/>
        <source>Display ●</source>
        <translation>客显 ●</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="82"/>
        <source>Display ✗ not responding</source>
        <translation>客显 ✗ 无响应</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="23"/>
        <source>Not allowed for your role.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="25"/>
        <source>Sign-in refused.</source>
        <translation>登录被拒绝。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="27"/>
        <source>The order could not be paid.</source>
        <translation>订单无法收款。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="29"/>
        <source>The device address in settings is not valid.</source>
        <translation>设置中的设备地址无效。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="31"/>
        <source>The printer did not answer in time.</source>
        <translation>打印机未及时响应。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="33"/>
        <source>The printer is offline.</source>
        <translation>打印机离线。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="35"/>
        <source>The printer is out of paper.</source>
        <translation>打印机缺纸。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="37"/>
        <source>The printer cover is open.</source>
        <translation>打印机盖未关。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>The printer reported a problem.</source>
        <translation>打印机报告故障。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>The till refused this action.</source>
        <translation>收银台拒绝了此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="42"/>
        <source>Something went wrong.</source>
        <translation>出现错误。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="32"/>
        <location filename="../../ui/login.py" line="57"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="42"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="47"/>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="53"/>
        <source>Demo restaurant: cashier PIN 1111, manager PIN 9999</source>
        <translation>演示餐厅：收银员密码 1111，经理密码 9999</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="87"/>
        <source>No staff accounts exist yet.</source>
        <translation>尚未创建员工账号。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="95"/>
        <source>Too many wrong PINs. Locked until %1.</source>
        <translation>密码错误次数过多，已锁定至 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="98"/>
        <source>Wrong PIN. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="100"/>
        <source>This staff member cannot sign in.</source>
        <translation>该员工无法登录。</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="38"/>
        <source>Phone, member no. or card no.</source>
        <translation>手机号、会员号或卡号</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="41"/>
        <source>Find member</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="50"/>
        <source>Simulate card swipe</source>
        <translation>模拟刷卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="53"/>
        <source>Guest (no member)</source>
        <translation>非会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="72"/>
        <location filename="../../ui/cashier/member_panel.py" line="80"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="73"/>
        <source>Number / phone</source>
        <translation>会员号 / 手机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="74"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="75"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="76"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="77"/>
        <source>Stored value</source>
        <translation>储值余额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="78"/>
        <source>Preferences</source>
        <translation>偏好</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="79"/>
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="92"/>
        <source>Guest</source>
        <translation>非会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="115"/>
        <source>No expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="118"/>
        <source>EXPIRED on %1 (no tier discount)</source>
        <translation>已于 %1 过期（不享等级折扣）</translation>
    </message>
</context>
<context>
    <name>OrderPanel</name>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="40"/>
        <source>Item</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="41"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="42"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="43"/>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="44"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="60"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="72"/>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="73"/>
        <source>Member discount</source>
        <translation>会员优惠</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="74"/>
        <source>Total</source>
        <translation>应付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="119"/>
        <source>This category is excluded from the tier discount</source>
        <translation>该类别不参与会员等级折扣</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="131"/>
        <source>excluded</source>
        <translation>不打折</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="133"/>
        <source>expired</source>
        <translation>会员过期</translation>
    </message>
</context>
<context>
    <name>PrintJobs</name>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="29"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="30"/>
        <source>printing</source>
        <translation>打印中</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="31"/>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="32"/>
        <source>sent, not confirmed</source>
        <translation>已发送（未确认）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="33"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="40"/>
        <source>receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="41"/>
        <source>reprint</source>
        <translation>重印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="42"/>
        <source>cash drawer</source>
        <translation>钱箱</translation>
    </message>
</context>
<context>
    <name>PrintJobsDialog</name>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="51"/>
        <source>Print jobs</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="58"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="59"/>
        <source>Slip</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="60"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="61"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="62"/>
        <source>Tries</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="63"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="74"/>
        <source>Order number, e.g. T1-20261122-0001</source>
        <translation>单号，例如 T1-20261122-0001</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="78"/>
        <source>Retry failed now</source>
        <translation>立即重试失败任务</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="79"/>
        <source>Reprint selected</source>
        <translation>重印所选</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="80"/>
        <source>Send to another printer…</source>
        <translation>改用其他打印机…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="81"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="88"/>
        <source>Reprint a past receipt:</source>
        <translation>重印历史小票：</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="90"/>
        <source>Reprint</source>
        <translation>重印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="126"/>
        <source>Select a receipt first.</source>
        <translation>请先选择一张小票。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="134"/>
        <source>No receipt found for order %1.</source>
        <translation>未找到订单 %1 的小票。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="142"/>
        <source>Select a slip that has not printed.</source>
        <translation>请选择尚未打印的单据。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="145"/>
        <source>Send to another printer</source>
        <translation>改用其他打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="145"/>
        <source>Printer address:</source>
        <translation>打印机地址：</translation>
    </message>
</context>
<context>
    <name>PrinterPicker</name>
    <message>
        <location filename="../../ui/printer_picker.py" line="41"/>
        <source>Simulator (on screen)</source>
        <translation>模拟打印机（屏幕预览）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="42"/>
        <source>Network printer (port 9100)</source>
        <translation>网络打印机（9100 端口）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="43"/>
        <source>Serial printer</source>
        <translation>串口打印机</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="44"/>
        <source>USB printer (vendor:product)</source>
        <translation>USB 打印机（厂商号:产品号）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="45"/>
        <source>Printer device file</source>
        <translation>打印机设备文件</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="46"/>
        <source>PDF files in a folder</source>
        <translation>PDF 文件（保存到文件夹）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="52"/>
        <source>Find ports</source>
        <translation>查找端口</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="57"/>
        <source>80 mm (48 columns)</source>
        <translation>80 毫米（48 列）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="58"/>
        <source>58 mm (32 columns)</source>
        <translation>58 毫米（32 列）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="60"/>
        <source>Pin 2</source>
        <translation>2 号针脚</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="61"/>
        <source>Pin 5</source>
        <translation>5 号针脚</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="74"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="75"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="76"/>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="77"/>
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="78"/>
        <source>Paper</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="79"/>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="80"/>
        <source>Printer URL</source>
        <translation>打印机地址（URL）</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="55"/>
        <source>Till settings</source>
        <translation>收银台设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="61"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="71"/>
        <source>empty for none</source>
        <translation>留空表示没有</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="81"/>
        <source>Check printer</source>
        <translation>检查打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="82"/>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="83"/>
        <source>Drawer test</source>
        <translation>钱箱测试</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="96"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="97"/>
        <source>Till id</source>
        <translation>收银台编号</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="99"/>
        <source>Customer display</source>
        <translation>客显屏</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="127"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="89"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="98"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
</context>
<context>
    <name>SwipeDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="156"/>
        <source>Simulate card swipe</source>
        <translation>模拟刷卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="158"/>
        <source>Swipe</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="160"/>
        <source>Card number the simulated reader sends:</source>
        <translation>模拟读卡器发送的卡号：</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="130"/>
        <source>Dine-in table</source>
        <translation>堂食开台</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="138"/>
        <source>Table</source>
        <translation>桌号</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="139"/>
        <source>Guests</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="145"/>
        <source>Enter the table number.</source>
        <translation>请输入桌号。</translation>
    </message>
</context>
<context>
    <name>TillApp</name>
    <message>
        <location filename="../../ui/app.py" line="123"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="124"/>
        <source>Finish or clear the current order before changing settings.</source>
        <translation>请先完成或清空当前订单，再修改设置。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="154"/>
        <source>Test slip printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="155"/>
        <source>Test slip sent (this printer does not confirm printing).</source>
        <translation>测试页已发送（此打印机不回报打印结果）。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="159"/>
        <source>Drawer pulse sent.</source>
        <translation>已发送开钱箱信号。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="175"/>
        <source>Only a manager may change the till id or devices.</source>
        <translation>只有经理可以修改收银台编号或设备。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="177"/>
        <source>Device address not understood: %1</source>
        <translation>无法识别的设备地址：%1</translation>
    </message>
</context>
</TS>
