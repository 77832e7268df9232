<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdjustDialog</name>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="64"/>
        <source>Adjust %1</source>
        <translation>调整 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="72"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="73"/>
        <source>Stored value (principal)</source>
        <translation>储值（本金）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="74"/>
        <source>Stored value (bonus)</source>
        <translation>储值（赠送）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="75"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="76"/>
        <source>Give a coupon</source>
        <translation>赠送优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="81"/>
        <source>+100 to add, -100 to take away</source>
        <translation>+100 为增加，-100 为扣减</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="86"/>
        <source>Add</source>
        <translation>增加</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="87"/>
        <source>Take away</source>
        <translation>扣减</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="119"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="122"/>
        <source>Correction of a mistake</source>
        <translation>更正错误</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="123"/>
        <source>Goodwill gesture</source>
        <translation>客情补偿</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="124"/>
        <source>Guest complaint</source>
        <translation>客人投诉</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="125"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="129"/>
        <source>Why (goes in the audit log)</source>
        <translation>原因（记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="136"/>
        <source>What</source>
        <translation>调整项目</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="137"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="138"/>
        <source>New tier</source>
        <translation>新等级</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="139"/>
        <source>Coupon</source>
        <translation>优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="140"/>
        <source>Valid for</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="141"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="142"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="204"/>
        <source>Say why in the note: it goes in the audit log.</source>
        <translation>请在备注中说明原因：将记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="210"/>
        <source>There is no coupon offer to give: add one first.</source>
        <translation>还没有可赠送的优惠券：请先添加。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="212"/>
        <source>Enter the amount as a number, e.g. +100 or -50.</source>
        <translation>请输入数字，例如 +100 或 -50。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/adjust_dialog.py" line="215"/>
        <source>Adjust %1 for %2</source>
        <translation>为 %2 调整%1</translation>
    </message>
</context>
<context>
    <name>AllergyGuard</name>
    <message>
        <location filename="../../ui/cashier/allergy_guard.py" line="103"/>
        <source>Allergy: contains %1</source>
        <translation>过敏：含%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/allergy_guard.py" line="131"/>
        <source>%1 contains %2. %3 is allergic (recorded: “%4”).

Keep it on the order only if the guest knows and wants it.</source>
        <translation>%1含%2。%3对此过敏（记录：“%4”）。

只有在客人知情并仍要点时才保留。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/allergy_guard.py" line="138"/>
        <source>Allergy warning</source>
        <translation>过敏提醒</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/allergy_guard.py" line="148"/>
        <source>Keep it: the guest knows</source>
        <translation>保留：客人已知情</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/allergy_guard.py" line="152"/>
        <source>Take it off the order</source>
        <translation>从订单中删除</translation>
    </message>
</context>
<context>
    <name>ApprovalDialog</name>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="60"/>
        <source>Manager approval</source>
        <translation>经理授权</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="72"/>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="73"/>
        <source>Manager PIN</source>
        <translation>经理密码</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="75"/>
        <source>…or swipe a manager&apos;s card</source>
        <translation>…或刷经理工牌</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="78"/>
        <source>Simulate badge swipe</source>
        <translation>模拟刷工牌</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="83"/>
        <source>Approve</source>
        <translation>授权</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="105"/>
        <source>Wrong PIN, or the account is locked.</source>
        <translation>密码错误，或账号已锁定。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/approval_dialog.py" line="107"/>
        <source>The holder of this badge may not approve this.</source>
        <translation>此工牌的持有人无权批准此操作。</translation>
    </message>
</context>
<context>
    <name>BadgeDialog</name>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="48"/>
        <source>My badge</source>
        <translation>我的工牌</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="55"/>
        <source>Remove badge</source>
        <translation>移除工牌</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="62"/>
        <source>Your PIN</source>
        <translation>您的密码</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="64"/>
        <source>Type your PIN, then swipe your badge to register it: it replaces any old one. A lost badge: type your PIN and remove it.</source>
        <translation>输入密码后刷工牌即可登记，新工牌会替换旧工牌。工牌丢失：输入密码后将其移除。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="69"/>
        <source>Simulate badge swipe</source>
        <translation>模拟刷工牌</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="75"/>
        <source>Reading your badge…</source>
        <translation>正在读取您的工牌…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="93"/>
        <source>Type your PIN first, then swipe your badge.</source>
        <translation>请先输入密码，再刷工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="102"/>
        <source>Badge registered: it ends in %1.</source>
        <translation>工牌已登记：尾号 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="110"/>
        <source>Badge removed: it no longer approves anything.</source>
        <translation>工牌已移除：不能再用于任何授权。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="118"/>
        <source>You have no badge registered.</source>
        <translation>您尚未登记工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="120"/>
        <source>Your badge ends in %1.</source>
        <translation>您的工牌尾号 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/badge_dialog.py" line="128"/>
        <source>Wrong PIN, or the account is locked.</source>
        <translation>密码错误，或账号已锁定。</translation>
    </message>
</context>
<context>
    <name>BadgeEntryDialog</name>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="110"/>
        <source>Register a badge</source>
        <translation>登记工牌</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="117"/>
        <source>Swipe %1&apos;s badge now, or type its number: it replaces any old one.</source>
        <translation>请现在刷%1的工牌，或输入工牌号：将替换原有工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="119"/>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
</context>
<context>
    <name>BusinessDayForm</name>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="156"/>
        <source>The currency is chosen at set-up.</source>
        <translation>币种在开店设置时选定。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="163"/>
        <source>Orders paid before this hour count for the day before, so a late night&apos;s sales stay on that night&apos;s report. The currency cannot change once the till is in use.</source>
        <translation>在此时刻之前结账的订单计入前一天，深夜的营业额仍记在当晚的报表上。收银台投入使用后币种不能更改。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="175"/>
        <source>Currency</source>
        <translation>币种</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="176"/>
        <source>Business day starts at</source>
        <translation>营业日开始于</translation>
    </message>
</context>
<context>
    <name>Campaigns</name>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="21"/>
        <location filename="../../ui/manager/campaign_words.py" line="38"/>
        <source>Offer</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="22"/>
        <location filename="../../ui/manager/campaign_words.py" line="39"/>
        <source>Started</source>
        <translation>开始</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="23"/>
        <source>Targeted</source>
        <translation>目标会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="24"/>
        <location filename="../../ui/manager/campaign_words.py" line="158"/>
        <source>Held back</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="25"/>
        <source>Coupons</source>
        <translation>券</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="26"/>
        <source>Reached</source>
        <translation>到店</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="27"/>
        <location filename="../../ui/manager/campaign_words.py" line="44"/>
        <source>Redeemed</source>
        <translation>使用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="28"/>
        <source>Rate</source>
        <translation>使用率</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="29"/>
        <source>Discount</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="30"/>
        <source>Revenue</source>
        <translation>订单收入</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="31"/>
        <source>Visits +</source>
        <translation>到店提升</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="32"/>
        <source>Spend +</source>
        <translation>消费提升</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="40"/>
        <source>Members targeted</source>
        <translation>目标会员数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="41"/>
        <source>Held back (control)</source>
        <translation>对照组人数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="42"/>
        <source>Coupons issued</source>
        <translation>已发券</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="43"/>
        <source>Reached at the till</source>
        <translation>到店触达</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="45"/>
        <source>Redemption rate</source>
        <translation>使用率</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="46"/>
        <source>Discount given</source>
        <translation>优惠金额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="47"/>
        <source>Revenue of the orders it was used on</source>
        <translation>使用该优惠的订单收入</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="48"/>
        <source>Visits uplift per member</source>
        <translation>人均到店提升</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="49"/>
        <source>Spend uplift per member</source>
        <translation>人均消费提升</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="56"/>
        <source>The offer&apos;s code; its name is in the tooltip and below</source>
        <translation>优惠代码；名称见提示及下方</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="57"/>
        <source>When the campaign started</source>
        <translation>活动开始时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="58"/>
        <source>Members in the audience, held back ones included</source>
        <translation>目标人群的会员数（含对照组）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="59"/>
        <source>Members held back at random as a control group</source>
        <translation>随机留作对照组的会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="60"/>
        <source>Coupons issued to members given it</source>
        <translation>发给获赠会员的券数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="61"/>
        <source>Members given it who came to a till while it was theirs (the till lists their coupons and prices their offers on every order)</source>
        <translation>获赠会员在有效期内到店结账的人数（每单收银台都会列出其券并计算其优惠）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="66"/>
        <source>Times used on paid orders by members given it</source>
        <translation>获赠会员在已付订单上使用的次数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="67"/>
        <source>Share of the members given it who used it at least once</source>
        <translation>获赠会员中至少使用一次的比例</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="68"/>
        <source>What it took off those orders</source>
        <translation>这些订单减免的金额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="69"/>
        <source>Totals of the orders it was used on</source>
        <translation>使用该优惠的订单合计</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="70"/>
        <source>Extra visits per member given it, against the comparison</source>
        <translation>与对比组相比，获赠会员人均多到店次数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="71"/>
        <source>Extra spend per member given it, against the comparison</source>
        <translation>与对比组相比，获赠会员人均多消费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="105"/>
        <source>%1 (by hand)</source>
        <translation>%1（手工发放）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="117"/>
        <source>Compared with the %1 members held back at random when it started (a control group): visits and spend per member from the start to the end of the campaign.</source>
        <translation>与活动开始时随机留出的 %1 名会员（对照组）相比：活动开始至结束期间的人均到店次数和消费。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="124"/>
        <source>No control group: compared with %1 members who did not get it, of the same tier and segment, weighted by the members given it in each; %2 members given it had nobody like them and are left out.</source>
        <translation>没有对照组：与同等级、同分群中未获得该优惠的 %1 名会员相比，按各组获赠会员人数加权；%2 名获赠会员没有可比会员，未计入。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="131"/>
        <source>Nobody to compare with: every member like those given it got it too. Hold back a share of the audience next time to measure the uplift.</source>
        <translation>没有可比会员：与获赠会员同类的会员都已获得。下次请留出一部分目标人群作对照组，以衡量提升效果。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="142"/>
        <source>Coupons given by hand at the till, from %1 to the last expiry on %2.</source>
        <translation>收银台手工发放的券，自 %1 起，至最后到期日 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="147"/>
        <source>Running since %1 (seed %2, %3 % held back).</source>
        <translation>自 %1 起进行中（随机种子 %2，对照组 %3 %）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="149"/>
        <source>From %1 to %4 (seed %2, %3 % held back).</source>
        <translation>%1 至 %4（随机种子 %2，对照组 %3 %）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="159"/>
        <source>Like members</source>
        <translation>可比会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="173"/>
        <source>Campaign started for %1: %2 members, %3 held back, %4 coupons issued.</source>
        <translation>已为 %1 发起活动：%2 名会员，对照组 %3 名，发券 %4 张。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="187"/>
        <source>Hold back between 0 and 50 % of the audience.</source>
        <translation>对照组须占目标人群的 0 至 50 %。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="188"/>
        <source>A coupon is valid for 1 to 366 days.</source>
        <translation>券的有效期为 1 至 366 天。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="189"/>
        <source>That offer no longer exists: refresh.</source>
        <translation>该优惠已不存在：请刷新。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="190"/>
        <source>That offer is not active: switch it on first.</source>
        <translation>该优惠未启用：请先启用。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="191"/>
        <source>No member is in that offer&apos;s tiers and segments: nobody to give it to.</source>
        <translation>没有会员属于该优惠的等级和分群：无人可发。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="194"/>
        <source>Only a manager may start campaigns.</source>
        <translation>只有经理可以发起活动。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="195"/>
        <source>That campaign no longer exists: refresh.</source>
        <translation>该活动已不存在：请刷新。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaign_words.py" line="197"/>
        <source>The campaign could not be started.</source>
        <translation>活动未能发起。</translation>
    </message>
</context>
<context>
    <name>CampaignsTab</name>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="103"/>
        <source>Start campaign</source>
        <translation>发起活动</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="105"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="107"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="109"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="116"/>
        <source>Offer</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="117"/>
        <source>Hold back</source>
        <translation>对照组</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="118"/>
        <source>Coupons valid (days)</source>
        <translation>券有效期（天）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="124"/>
        <source>Members held back are drawn at random; they are never offered it, so what it changed can be measured against them.</source>
        <translation>对照组会员随机抽取，不会获得该优惠，以便衡量优惠带来的变化。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="190"/>
        <source>Reading the campaigns…</source>
        <translation>正在读取活动…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="209"/>
        <source>%1 campaigns.</source>
        <translation>共 %1 个活动。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="213"/>
        <source>No campaign yet: choose an offer and start one.</source>
        <translation>还没有活动：请选择优惠并发起活动。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="231"/>
        <source>Given it</source>
        <translation>获赠会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="233"/>
        <source>Visits per member</source>
        <translation>人均到店次数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="234"/>
        <source>Spend per member (yuan)</source>
        <translation>人均消费（元）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="246"/>
        <source>There is no active offer to start a campaign for.</source>
        <translation>没有可发起活动的启用中优惠。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="251"/>
        <source>Drawing the audience…</source>
        <translation>正在抽取目标人群…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="277"/>
        <source>How each uplift was measured</source>
        <translation>各活动提升效果的计算方法</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="278"/>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="279"/>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="284"/>
        <source>Campaign results</source>
        <translation>活动效果</translation>
    </message>
    <message>
        <location filename="../../ui/manager/campaigns_tab.py" line="285"/>
        <source>Campaigns</source>
        <translation>活动</translation>
    </message>
</context>
<context>
    <name>CardPaymentDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="118"/>
        <source>Card terminal</source>
        <translation>刷卡终端</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="122"/>
        <source>Terminal reference (optional)</source>
        <translation>终端参考号（可选）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="124"/>
        <source>Terminal approved</source>
        <translation>终端已成功扣款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="127"/>
        <source>Charge %1 on the card terminal, then confirm here.</source>
        <translation>请在刷卡终端上收取 %1，成功后在此确认。</translation>
    </message>
</context>
<context>
    <name>CashEntry</name>
    <message>
        <location filename="../../ui/cashier/cash_entry.py" line="41"/>
        <source>Check the cash received</source>
        <translation>请核对收款金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/cash_entry.py" line="46"/>
        <source>Cash received %1 for a bill of %2: change %3. Is that right?</source>
        <translation>应付 %2，实收 %1，找零 %3。金额正确吗？</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/cash_entry.py" line="52"/>
        <source>Yes, take it</source>
        <translation>正确，收款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/cash_entry.py" line="54"/>
        <source>No, correct it</source>
        <translation>不对，修改</translation>
    </message>
</context>
<context>
    <name>CashPaymentDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="44"/>
        <source>Cash payment</source>
        <translation>现金收款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="62"/>
        <source>Take payment</source>
        <translation>确认收款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="66"/>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="67"/>
        <source>Cash received</source>
        <translation>实收现金</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="68"/>
        <source>Change</source>
        <translation>找零</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="89"/>
        <source>Enter the cash received</source>
        <translation>请输入实收金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="93"/>
        <source>%1 short</source>
        <translation>还差 %1</translation>
    </message>
</context>
<context>
    <name>CashierWindow</name>
    <message>
        <location filename="../../ui/cashier/window.py" line="131"/>
        <source>Membership till — %1</source>
        <translation>会员收银台 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="246"/>
        <location filename="../../ui/cashier/window.py" line="336"/>
        <source>Takeaway</source>
        <translation>外带</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="247"/>
        <source>Dine-in table…</source>
        <translation>堂食开台…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="253"/>
        <source>More…</source>
        <translation>更多…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="254"/>
        <source>Refund…</source>
        <translation>退款…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="255"/>
        <source>No sale</source>
        <translation>开钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="256"/>
        <source>Print jobs</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="258"/>
        <source>Loyalty rules…</source>
        <translation>会员规则…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="261"/>
        <source>My badge…</source>
        <translation>我的工牌…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="263"/>
        <source>Training…</source>
        <translation>培训模式…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="264"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="266"/>
        <source>Sign out</source>
        <translation>退出登录</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="279"/>
        <source>Cash</source>
        <translation>现金</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="281"/>
        <source>Card terminal</source>
        <translation>刷卡终端</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="284"/>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="286"/>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="287"/>
        <source>Why this price?</source>
        <translation>价格说明</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/paying_bar.py" line="14"/>
        <source>Saving the order…</source>
        <translation>正在保存订单…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="303"/>
        <source>Receipt preview</source>
        <translation>小票预览</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="331"/>
        <source>Table %1 · %2 guests</source>
        <translation>%1 号桌 · %2 位</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="368"/>
        <source>%1 is sold out today.</source>
        <translation>%1 今日已售罄。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="372"/>
        <source>Allergy warning: %1 contains %2, which the member is allergic to.</source>
        <translation>过敏提醒：%1 含有%2，该会员对此过敏。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="434"/>
        <source>Ring up the items first, then the discount.</source>
        <translation>请先点菜，再给折扣。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/no_sale.py" line="38"/>
        <source>Cash drawer opened (no sale).</source>
        <translation>钱箱已打开（无销售）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="727"/>
        <source>Order %1 was paid by the earlier tap (nothing charged twice). Change: %2</source>
        <translation>订单 %1 已在上一次点击时收款（未重复扣款）。找零：%2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/no_sale.py" line="33"/>
        <source>Open the cash drawer without a sale</source>
        <translation>无销售打开钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="260"/>
        <source>Members &amp;&amp; reports…</source>
        <translation>会员与报表…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="557"/>
        <source>Member found: %1</source>
        <translation>已识别会员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="567"/>
        <source>Several members match: pick one.</source>
        <translation>有多位会员符合：请选择一位。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/identify_text.py" line="13"/>
        <source>This card is blocked (reported lost). Find the member by phone or name, then give them a new card with “New card…”.</source>
        <translation>此卡已挂失（已停用）。请用手机号或姓名找到会员，再点“补办新卡…”发新卡。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/identify_text.py" line="19"/>
        <source>Card not read: swipe it again.</source>
        <translation>未读到卡：请重新刷卡。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/identify_text.py" line="21"/>
        <source>Type a phone number, member number or card number.</source>
        <translation>请输入手机号、会员号或卡号。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/identify_text.py" line="23"/>
        <source>Type at least 4 digits of the phone number.</source>
        <translation>请至少输入手机号的 4 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/identify_text.py" line="24"/>
        <source>No member found. Check the number, or continue as a guest.</source>
        <translation>未找到会员。请核对号码，或按非会员结账。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="417"/>
        <source>Order %1 refunded: give back %2.</source>
        <translation>订单 %1 已退款：请退还 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/window.py" line="724"/>
        <source>Order %1 paid. Change: %2</source>
        <translation>订单 %1 已收款。找零：%2</translation>
    </message>
</context>
<context>
    <name>CategoryDialog</name>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="68"/>
        <source>Add a category</source>
        <translation>添加类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="68"/>
        <source>Rename category</source>
        <translation>重命名类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="74"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="75"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
</context>
<context>
    <name>ComplaintDialog</name>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="47"/>
        <source>Record a complaint</source>
        <translation>记录投诉</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="53"/>
        <source>What went wrong, in the guest&apos;s words</source>
        <translation>用客人的话描述问题</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="55"/>
        <source>Nobody yet</source>
        <translation>暂未指定</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="59"/>
        <source>Promise a resolution by</source>
        <translation>承诺解决日期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="70"/>
        <source>e.g. dessert on the house</source>
        <translation>例如：赠送甜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="73"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="74"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="75"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="77"/>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="78"/>
        <source>Compensation note</source>
        <translation>补偿说明</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="81"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="89"/>
        <source>Enter the compensation as an amount, e.g. 20 or 20.50.</source>
        <translation>请输入补偿金额，例如 20 或 20.50。</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="17"/>
        <source>Mark as contacted</source>
        <translation>标记为已联系</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="20"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="21"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="22"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="23"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="24"/>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="30"/>
        <source>e.g. renewal offer explained, calls back Friday</source>
        <translation>例如：已介绍续费优惠，周五回电</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="34"/>
        <source>Channel</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="35"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/manager/contact_dialog.py" line="36"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>CouponBar</name>
    <message>
        <location filename="../../ui/cashier/coupon_bar.py" line="44"/>
        <source>Coupon %1, valid until %2</source>
        <translation>优惠券 %1，有效期至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/coupon_bar.py" line="60"/>
        <source>Coupon: %1 · until %2</source>
        <translation>券：%1 · 至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/coupon_bar.py" line="66"/>
        <source>✓ %1 −%2</source>
        <translation>✓ %1 −%2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/coupon_bar.py" line="67"/>
        <source>✓ %1 (does not apply: see Why this price?)</source>
        <translation>✓ %1（本单不适用：见“为什么是这个价”）</translation>
    </message>
</context>
<context>
    <name>CrashGuard</name>
    <message>
        <location filename="../../ui/crash_guard.py" line="80"/>
        <source>(no report could be saved)</source>
        <translation>（报告未能保存）</translation>
    </message>
    <message>
        <location filename="../../ui/crash_guard.py" line="84"/>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <location filename="../../ui/crash_guard.py" line="85"/>
        <source>The till hit an error it did not expect. You can carry on; if it happens again, restart the till and call support.</source>
        <translation>收银台遇到了意外错误。可以继续使用；如果再次出现，请重启收银台并联系技术支持。</translation>
    </message>
    <message>
        <location filename="../../ui/crash_guard.py" line="92"/>
        <source>A report for support was saved to:
{path}</source>
        <translation>已为技术支持保存报告：
{path}</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="44"/>
        <source>Retry print</source>
        <translation>重新打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="63"/>
        <source>simulated printer</source>
        <translation>模拟打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="67"/>
        <source>Printer: %1</source>
        <translation>打印机：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="80"/>
        <source>Receipt %1 NOT printed: %2. It will print when the printer is back.</source>
        <translation>小票 %1 未打印：%2 打印机恢复后会自动补打。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="84"/>
        <source>Printing %1…</source>
        <translation>正在打印 %1…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="86"/>
        <source>Receipt %1 printed</source>
        <translation>小票 %1 已打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="88"/>
        <source>Receipt %1 sent (the printer does not confirm)</source>
        <translation>小票 %1 已发送（打印机不回报状态）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="94"/>
        <source>Card reader ●</source>
        <translation>读卡器 ●</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="95"/>
        <source>Card reader: connecting…</source>
        <translation>读卡器：正在连接…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="96"/>
        <source>Card reader ✗ unplugged? Reconnecting…</source>
        <translation>读卡器 ✗ 已拔出？正在重连…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="114"/>
        <source>Display ●</source>
        <translation>客显 ●</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/device_status.py" line="114"/>
        <source>Display ✗ not responding</source>
        <translation>客显 ✗ 无响应</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="142"/>
        <source>Check printer</source>
        <translation>检查打印机</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="143"/>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="149"/>
        <source>Use the simulator</source>
        <translation>使用模拟器</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="153"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="160"/>
        <source>No devices yet? Keep the simulator: receipts show on screen, and a manager can set the devices later in Settings.</source>
        <translation>还没有设备？先用模拟器：小票显示在屏幕上，经理以后可在“设置”中配置设备。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="166"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
</context>
<context>
    <name>Discard</name>
    <message>
        <location filename="../../ui/cashier/discard.py" line="16"/>
        <source>Keep it</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/discard.py" line="28"/>
        <source>Throw away this order (%1 lines, %2) and start a new one?</source>
        <translation>放弃当前订单（%1 行，%2）并开始新订单？</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/discard.py" line="32"/>
        <source>Throw it away</source>
        <translation>放弃订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/discard.py" line="40"/>
        <source>Close the form and lose what was typed?</source>
        <translation>关闭表单并丢弃已填写的内容？</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/discard.py" line="41"/>
        <source>Close and lose it</source>
        <translation>关闭并丢弃</translation>
    </message>
</context>
<context>
    <name>DishHints</name>
    <message>
        <location filename="../../ui/cashier/dish_hints.py" line="85"/>
        <source>Often ordered with it: %1</source>
        <translation>常一起点：%1</translation>
    </message>
</context>
<context>
    <name>DraftPanel</name>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="53"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="53"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="57"/>
        <source>Rank</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="57"/>
        <location filename="../../ui/manager/whatif_draft.py" line="70"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="57"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="57"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="58"/>
        <source>Points</source>
        <translation>积分倍率</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="58"/>
        <source>Annual fee</source>
        <translation>年费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="58"/>
        <source>Qualifying spend</source>
        <translation>升级消费门槛</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="59"/>
        <location filename="../../ui/manager/whatif_draft.py" line="65"/>
        <location filename="../../ui/manager/whatif_draft.py" line="72"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="64"/>
        <source>Top up at least</source>
        <translation>充值满</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="64"/>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="70"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="70"/>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="70"/>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="71"/>
        <source>Spend for free renewal</source>
        <translation>免费续费消费额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="71"/>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="71"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="78"/>
        <source>Tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="79"/>
        <source>Renewal offers</source>
        <translation>续费优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="80"/>
        <source>Top-up bonuses</source>
        <translation>充值赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_draft.py" line="138"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
</context>
<context>
    <name>EnrolDialog</name>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="107"/>
        <source>New member</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="113"/>
        <source>Mobile, e.g. 138 0013 8000</source>
        <translation>手机号，例如 138 0013 8000</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="116"/>
        <source>Swipe the new card now, or type its number</source>
        <translation>现在刷新卡，或输入卡号</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="117"/>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="128"/>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="129"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="130"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="136"/>
        <source>Agrees to receive offers (SMS / WeChat)</source>
        <translation>同意接收优惠信息（短信/微信）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="139"/>
        <source>I checked: this is a different person</source>
        <translation>已核实：这是另一位客人</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="148"/>
        <source>Phone *</source>
        <translation>手机号 *</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="149"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="150"/>
        <source>Card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="151"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="152"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="153"/>
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="154"/>
        <source>Preferences</source>
        <translation>偏好</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="158"/>
        <source>Enrol</source>
        <translation>办理入会</translation>
    </message>
</context>
<context>
    <name>Enrolment</name>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="33"/>
        <source>Enter a valid phone number.</source>
        <translation>请输入有效的手机号。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="34"/>
        <source>A mobile number has 11 digits: this one has fewer. Check it.</source>
        <translation>手机号应为 11 位：这个号码位数不足，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="37"/>
        <source>A mobile number has 11 digits: this one has more. Check it.</source>
        <translation>手机号应为 11 位：这个号码位数过多，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="40"/>
        <source>Write a landline with its area code (010 …).</source>
        <translation>固定电话请带区号（如 010 …）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="43"/>
        <source>Enter the member&apos;s name.</source>
        <translation>请输入会员姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="44"/>
        <source>The name is too long.</source>
        <translation>姓名太长。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="45"/>
        <source>The birthday must be in the past.</source>
        <translation>生日必须早于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="48"/>
        <source>Card not read: swipe it again, or type the number printed on it.</source>
        <translation>未读到卡：请重新刷卡，或输入卡面上的卡号。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="51"/>
        <source>This phone already belongs to a member:</source>
        <translation>此手机号已属于会员：</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="54"/>
        <source>This card already belongs to a member:</source>
        <translation>此卡已属于会员：</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/enrol_dialog.py" line="57"/>
        <source>A member with a very similar name has the same birthday:</source>
        <translation>有姓名非常相近、生日相同的会员：</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../ui/errors.py" line="41"/>
        <source>Not allowed for your role.</source>
        <translation>您的角色无权执行此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="94"/>
        <location filename="../../ui/errors.py" line="130"/>
        <source>The card was not read: swipe it again.</source>
        <translation>未读到卡：请重新刷卡。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="96"/>
        <source>This card is not a registered staff badge.</source>
        <translation>此卡不是已登记的员工工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="98"/>
        <source>This staff member is no longer active.</source>
        <translation>该员工已停用。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="106"/>
        <source>The account is locked for a few minutes after wrong PINs.</source>
        <translation>密码错误次数过多，账号已锁定几分钟。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="107"/>
        <source>Sign-in refused.</source>
        <translation>登录被拒绝。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="55"/>
        <source>The order could not be paid.</source>
        <translation>订单无法收款。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="39"/>
        <source>Your role may not %1.</source>
        <translation>您的角色无权%1。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="49"/>
        <source>This was already done (%1) before the connection dropped, and it has been changed since: nothing was charged again. Start a new one for the change.</source>
        <translation>连接中断前已完成（%1），之后内容有改动：未重复扣款。请为改动另开一单。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="57"/>
        <source>The device address in settings is not valid.</source>
        <translation>设置中的设备地址无效。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="59"/>
        <source>The printer did not answer in time.</source>
        <translation>打印机未及时响应。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="61"/>
        <source>The printer is offline.</source>
        <translation>打印机离线。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="63"/>
        <source>The printer is out of paper.</source>
        <translation>打印机缺纸。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="65"/>
        <source>The printer cover is open.</source>
        <translation>打印机盖未关。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="67"/>
        <source>The printer reported a problem.</source>
        <translation>打印机报告故障。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="69"/>
        <source>This report has %1 rows, too many for a PDF: export it as CSV instead.</source>
        <translation>此报表有 %1 行，超出 PDF 的合适大小：请改为导出 CSV。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="73"/>
        <source>The till refused this action.</source>
        <translation>收银台拒绝了此操作。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="75"/>
        <source>The database is busy (another till may hold this member): try again.</source>
        <translation>数据库繁忙（可能另一台收银机正在处理该会员）：请重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="79"/>
        <source>The database cannot be reached: nothing was saved. Try again in a moment.</source>
        <translation>无法连接数据库：未保存任何内容。请稍后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="83"/>
        <source>The database refused a value (too long?): nothing was saved.</source>
        <translation>数据库拒绝了某个值（可能过长）：未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="85"/>
        <source>Another till saved the same thing a moment ago: nothing was saved.</source>
        <translation>另一台收银机刚刚保存了相同的内容：未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="88"/>
        <source>Something went wrong.</source>
        <translation>出现错误。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="100"/>
        <source>A trainee approves nothing and signs in only in training.</source>
        <translation>实习员工不能审批，只能在培训模式登录。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="102"/>
        <source>This PIN was reset: sign in to choose a new one.</source>
        <translation>此密码已被重置：请登录并设置新密码。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="104"/>
        <source>Choose a PIN other than the one you were given.</source>
        <translation>请设置一个与临时密码不同的新密码。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="113"/>
        <source>The last active manager cannot be disabled or given another role.</source>
        <translation>最后一位在职经理不能停用，也不能改为其他角色。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="117"/>
        <source>Someone already signs in with that name.</source>
        <translation>该登录名已被占用。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="119"/>
        <source>A sign-in name has 2 to 32 letters, digits, dots, dashes or underscores.</source>
        <translation>登录名为 2 到 32 个字母、数字、点、连字符或下划线。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="123"/>
        <source>A name has 1 to 64 characters.</source>
        <translation>姓名为 1 到 64 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="124"/>
        <source>There is no such staff member.</source>
        <translation>没有这位员工。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="132"/>
        <source>This badge is registered to another staff member.</source>
        <translation>此工牌已登记给其他员工。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="134"/>
        <source>This is a member&apos;s card: it cannot be a staff badge.</source>
        <translation>这是会员卡，不能用作员工工牌。</translation>
    </message>
    <message>
        <location filename="../../ui/errors.py" line="135"/>
        <source>You have no badge registered.</source>
        <translation>您尚未登记工牌。</translation>
    </message>
</context>
<context>
    <name>ExercisePanel</name>
    <message>
        <location filename="../../ui/training/exercise_panel.py" line="51"/>
        <source>Give up</source>
        <translation>放弃</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_panel.py" line="53"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_panel.py" line="125"/>
        <source>Mistakes: %1</source>
        <translation>错误：%1</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_panel.py" line="128"/>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_panel.py" line="132"/>
        <source>Not finished: score 0. Try again when you are ready.</source>
        <translation>未完成：0 分。准备好了再试一次。</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_panel.py" line="134"/>
        <source>Passed: score %1 in %2 s.</source>
        <translation>通过：%1 分，用时 %2 秒。</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_panel.py" line="136"/>
        <source>Done, but not passed yet: score %1 in %2 s.</source>
        <translation>已完成，但未达及格线：%1 分，用时 %2 秒。</translation>
    </message>
</context>
<context>
    <name>ExercisePicker</name>
    <message>
        <location filename="../../ui/training/exercise_picker.py" line="26"/>
        <source>Training exercises</source>
        <translation>培训练习</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_picker.py" line="36"/>
        <source>best %1</source>
        <translation>最佳 %1 分</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_picker.py" line="43"/>
        <source>Passed %1 of %2 exercises.</source>
        <translation>已通过 %1 / %2 项练习。</translation>
    </message>
    <message>
        <location filename="../../ui/training/exercise_picker.py" line="46"/>
        <source>Start</source>
        <translation>开始</translation>
    </message>
</context>
<context>
    <name>FeeRows</name>
    <message>
        <location filename="../../ui/cashier/fee_rows.py" line="20"/>
        <source>Membership renewal</source>
        <translation>会员续费</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/fee_rows.py" line="21"/>
        <source>Tier upgrade</source>
        <translation>等级升级</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/fee_rows.py" line="22"/>
        <source>Stored-value top-up</source>
        <translation>储值充值</translation>
    </message>
</context>
<context>
    <name>FeedbackDialog</name>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="131"/>
        <source>Record feedback</source>
        <translation>记录评价</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="136"/>
        <source>No particular visit</source>
        <translation>不针对某次就餐</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="144"/>
        <source>Score (1 poor – 5 excellent)</source>
        <translation>评分（1 差 – 5 极好）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="145"/>
        <source>Visit</source>
        <translation>就餐</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="146"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="147"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>GuestNoteDialog</name>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="41"/>
        <source>Allergy or complaint — %1</source>
        <translation>过敏或投诉 — %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="47"/>
        <source>e.g. 花生过敏 peanuts</source>
        <translation>例如：花生过敏</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="53"/>
        <source>What happened, in the guest&apos;s words (leave empty for no complaint)</source>
        <translation>发生了什么（用顾客的原话；没有投诉请留空）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="58"/>
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="59"/>
        <source>Complaint about</source>
        <translation>投诉类别</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="60"/>
        <source>Complaint</source>
        <translation>投诉内容</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="70"/>
        <source>A manager follows a complaint up within %1 days.</source>
        <translation>经理会在 %1 天内跟进投诉。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="127"/>
        <source>Food</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="128"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="129"/>
        <source>Waiting time</source>
        <translation>等候时间</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="130"/>
        <source>Hygiene</source>
        <translation>卫生</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="131"/>
        <source>Billing</source>
        <translation>结账</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/guest_note_dialog.py" line="132"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
</context>
<context>
    <name>HolidaysTab</name>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="56"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="56"/>
        <source>Day</source>
        <translation>星期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="56"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="71"/>
        <source>e.g. National Day</source>
        <translation>例如：国庆节</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="72"/>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="73"/>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="84"/>
        <source>Offers can be limited to public holidays or kept off them.</source>
        <translation>优惠可限定仅在法定节假日使用，或在法定节假日不适用。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="92"/>
        <source>Best of</source>
        <translation>择优</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="93"/>
        <source>Additive</source>
        <translation>叠加</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="94"/>
        <source>Exclusive</source>
        <translation>互斥</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="100"/>
        <source>The tier discount stays; of the offers that apply, only the one that saves most.</source>
        <translation>保留等级折扣；在适用的优惠中只用最省的一个。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="103"/>
        <source>The tier discount stays and every offer that applies is added, in priority order.</source>
        <translation>保留等级折扣，所有适用的优惠按优先级依次叠加。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="106"/>
        <source>Nothing combines: the tier discount or the single best offer, whichever saves more.</source>
        <translation>不可叠加：等级折扣与最优的单个优惠二选一，取更省的。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="112"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="123"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="129"/>
        <source>Policy</source>
        <translation>叠加规则</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="132"/>
        <source>Per-order cap</source>
        <translation>每单上限</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="136"/>
        <source>Offers together take at most this share of the order&apos;s items after the tier discount; 100 means no cap.</source>
        <translation>所有优惠合计最多减去本单菜品（等级折扣后）金额的这一比例；100 表示不设上限。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="144"/>
        <source>Public holidays</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="145"/>
        <source>How offers combine</source>
        <translation>优惠如何叠加</translation>
    </message>
    <message>
        <location filename="../../ui/manager/holidays_tab.py" line="185"/>
        <source>Enter the cap in percent, e.g. 30 or 100.</source>
        <translation>请按百分比输入上限，例如 30 或 100。</translation>
    </message>
</context>
<context>
    <name>IssueCardDialog</name>
    <message>
        <location filename="../../ui/cashier/card_dialog.py" line="28"/>
        <source>New card</source>
        <translation>补办新卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/card_dialog.py" line="33"/>
        <source>Swipe the new card now, or type its number</source>
        <translation>现在刷新卡，或输入卡号</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/card_dialog.py" line="35"/>
        <source>Block the member&apos;s other cards (reported lost)</source>
        <translation>停用该会员的其他卡（挂失）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/card_dialog.py" line="41"/>
        <source>Card</source>
        <translation>会员卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/card_dialog.py" line="44"/>
        <source>Issue card</source>
        <translation>发卡</translation>
    </message>
</context>
<context>
    <name>ItemDialog</name>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="105"/>
        <source>Add an item</source>
        <translation>添加菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="105"/>
        <source>Edit item</source>
        <translation>编辑菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="128"/>
        <source>e.g. contains alcohol; cooked in lard</source>
        <translation>例如：含酒精；猪油烹制</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="131"/>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="132"/>
        <source>English name</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="133"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="134"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="135"/>
        <source>Allergens</source>
        <translation>过敏原</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_dialogs.py" line="136"/>
        <source>Other allergens</source>
        <translation>其他过敏原</translation>
    </message>
</context>
<context>
    <name>KeptOrder</name>
    <message>
        <location filename="../../ui/cashier/kept_order.py" line="61"/>
        <source>The order that was open when the till stopped is back.</source>
        <translation>收银台停止时未完成的订单已恢复。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/kept_order.py" line="64"/>
        <source>It was being paid at that moment: check the last orders before taking payment again.</source>
        <translation>当时正在付款：再次收款前请先核对最近的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/kept_order.py" line="71"/>
        <source>Dishes left out, no longer on sale: %1.</source>
        <translation>已下架未恢复的菜：%1 道。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/kept_order.py" line="74"/>
        <source>Manual discounts need approving again.</source>
        <translation>手工折扣需要重新批准。</translation>
    </message>
</context>
<context>
    <name>KeyMap</name>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="36"/>
        <source>Show this key map</source>
        <translation>显示本快捷键表</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="40"/>
        <source>Find member: go to the search box</source>
        <translation>查找会员：转到搜索框</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="43"/>
        <source>Pay cash</source>
        <translation>现金付款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="47"/>
        <source>Pay on the card terminal</source>
        <translation>刷卡付款（银行卡终端）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="54"/>
        <source>Pay with stored value</source>
        <translation>储值支付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="58"/>
        <source>Why this price?</source>
        <translation>价格说明</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="59"/>
        <source>New order</source>
        <translation>新订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="63"/>
        <source>One more of the selected line</source>
        <translation>所选菜品数量加一</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="70"/>
        <source>One fewer of the selected line</source>
        <translation>所选菜品数量减一</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="77"/>
        <source>Remove the selected line</source>
        <translation>删除所选菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="80"/>
        <source>Clear the search; close a dialog</source>
        <translation>清空搜索；关闭对话框</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="86"/>
        <source>Enter</source>
        <translation>回车</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="87"/>
        <source>Confirm: a dialog&apos;s main button (in the cash dialog: take the payment), the focused button, or find the member typed; with nothing focused: pay cash</source>
        <translation>确认：对话框的主按钮（现金对话框中即收款）、当前按钮，或查找所输入的会员；无焦点时：现金付款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="94"/>
        <source>0–9, A–Z</source>
        <translation>0–9、A–Z</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="95"/>
        <source>Typed outside a text field: goes to member search</source>
        <translation>在输入框以外输入：进入会员搜索</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="98"/>
        <source>↑ ↓</source>
        <translation>↑ ↓</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="99"/>
        <source>Move through the members found</source>
        <translation>在找到的会员中上下选择</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="102"/>
        <source>Tab, Shift+Tab</source>
        <translation>Tab、Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map.py" line="103"/>
        <source>Next or previous control, in screen order</source>
        <translation>按屏幕顺序切换到下一个或上一个控件</translation>
    </message>
</context>
<context>
    <name>KeyMapDialog</name>
    <message>
        <location filename="../../ui/cashier/key_map_dialog.py" line="25"/>
        <source>Keys</source>
        <translation>快捷键</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map_dialog.py" line="29"/>
        <source>Key</source>
        <translation>按键</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/key_map_dialog.py" line="29"/>
        <source>What it does</source>
        <translation>作用</translation>
    </message>
</context>
<context>
    <name>KpiChartBoard</name>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="134"/>
        <source>Active members at period end</source>
        <translation>期末有效会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="136"/>
        <source>Active members</source>
        <translation>有效会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="140"/>
        <source>Sign-ups per staff-day vs target</source>
        <translation>人均每日办卡与目标</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="142"/>
        <source>Per staff-day</source>
        <translation>人均每日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="143"/>
        <source>Target</source>
        <translation>目标</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="147"/>
        <source>Renewal rate and churn (%)</source>
        <translation>续费率与流失率（%）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="150"/>
        <source>Renewal rate</source>
        <translation>续费率</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="151"/>
        <source>Churn</source>
        <translation>流失率</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="156"/>
        <source>Average spend per visit (¥)</source>
        <translation>每次到店平均消费（¥）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="159"/>
        <location filename="../../ui/manager/kpi_charts.py" line="167"/>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="160"/>
        <location filename="../../ui/manager/kpi_charts.py" line="168"/>
        <source>Non-members</source>
        <translation>非会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="164"/>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="172"/>
        <source>Tier discounts given (¥)</source>
        <translation>会员折扣金额（¥）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="181"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="184"/>
        <source>Opened</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="185"/>
        <source>Overdue at period end</source>
        <translation>期末逾期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="189"/>
        <source>Average satisfaction (1–5)</source>
        <translation>平均满意度（1–5）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_charts.py" line="191"/>
        <source>Avg satisfaction</source>
        <translation>平均满意度</translation>
    </message>
</context>
<context>
    <name>KpiTab</name>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="81"/>
        <source>By day</source>
        <translation>按日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="82"/>
        <source>By week</source>
        <translation>按周</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="83"/>
        <source>By month</source>
        <translation>按月</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="88"/>
        <source>All tills</source>
        <translation>全部收银台</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="90"/>
        <source>This till ({till})</source>
        <translation>本收银台（{till}）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="93"/>
        <source>Show</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="95"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="98"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="105"/>
        <source>From</source>
        <translation>起始日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="106"/>
        <source>To</source>
        <translation>截止日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="107"/>
        <source>Period</source>
        <translation>周期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="108"/>
        <source>Till</source>
        <translation>收银台</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="114"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="159"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="191"/>
        <source>Latest period: {latest}</source>
        <translation>最近周期：{latest}</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="194"/>
        <source>Latest period: {latest}, compared with {previous}</source>
        <translation>最近周期：{latest}，对比 {previous}</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="204"/>
        <source>{points} pts</source>
        <translation>{points} 个百分点</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="208"/>
        <source>Active members</source>
        <translation>有效会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="211"/>
        <source>Sign-ups per staff-day (target {target})</source>
        <translation>人均每日办卡（目标 {target}）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="218"/>
        <source>Renewal rate</source>
        <translation>续费率</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="219"/>
        <source>Churn</source>
        <translation>流失率</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="222"/>
        <source>Member avg spend</source>
        <translation>会员单均消费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="229"/>
        <source>Non-member avg spend</source>
        <translation>非会员单均消费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="234"/>
        <source>Tier discounts</source>
        <translation>会员折扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="235"/>
        <source>Overdue complaints</source>
        <translation>逾期投诉</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="238"/>
        <source>Avg satisfaction</source>
        <translation>平均满意度</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="250"/>
        <source>{change} vs previous</source>
        <translation>较上期 {change}</translation>
    </message>
    <message>
        <location filename="../../ui/manager/kpi_tab.py" line="263"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
</context>
<context>
    <name>ListReread</name>
    <message>
        <location filename="../../ui/manager/list_reread.py" line="71"/>
        <source>Saved, but the list could not be read again: it is read again when the server answers.</source>
        <translation>已保存，但列表未能重新读取：服务器恢复应答后会再次读取。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../ui/login.py" line="69"/>
        <location filename="../../ui/login.py" line="112"/>
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="90"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="101"/>
        <source>Sign in to training</source>
        <translation>登录培训模式</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="103"/>
        <source>Staff member</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="109"/>
        <location filename="../../ui/login.py" line="145"/>
        <source>Opening the till…</source>
        <translation>正在打开收银台…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="251"/>
        <source>Demo restaurant: cashier PIN 1111, manager PIN 9999</source>
        <translation>演示餐厅：收银员密码 1111，经理密码 9999</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="220"/>
        <source>Reading the staff list…</source>
        <translation>正在读取员工名单…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="171"/>
        <source>No staff accounts exist yet.</source>
        <translation>尚未创建员工账号。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="175"/>
        <source>Checking the PIN…</source>
        <translation>正在核对密码…</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="205"/>
        <source>Too many wrong PINs. Locked until %1.</source>
        <translation>密码错误次数过多，已锁定至 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="208"/>
        <source>This till is not in training: a trainee signs in only after a manager switches it to training mode.</source>
        <translation>本收银机不在培训模式：实习生须由经理切换到培训模式后才能登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="212"/>
        <source>Wrong PIN. Try again.</source>
        <translation>密码错误，请重试。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="214"/>
        <source>Trainees sign in on a till in training: ask a manager to switch.</source>
        <translation>实习员工只能在培训模式下登录：请经理切换。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="215"/>
        <source>This staff member cannot sign in.</source>
        <translation>该员工无法登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="259"/>
        <source>The server cannot be reached: signing in from this till&apos;s local copy.</source>
        <translation>无法连接服务器：正在用本机的本地副本登录。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="269"/>
        <source>The server cannot be reached and this till has no local copy yet: check the server and the network, then try again.</source>
        <translation>无法连接服务器，本机还没有本地副本：请检查服务器和网络，然后重试。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="202"/>
        <source>A new PIN needs the server, which cannot be reached now: try later.</source>
        <translation>设置新密码需要连接服务器，现在无法连接：请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="284"/>
        <source>A manager gave you this PIN. Choose your own PIN and type it twice.</source>
        <translation>这是经理给您的密码。请设置您自己的密码，并输入两次。</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="285"/>
        <source>Choose a new PIN</source>
        <translation>设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/login.py" line="289"/>
        <source>Sign in again with the PIN you were given.</source>
        <translation>请用收到的临时密码重新登录。</translation>
    </message>
</context>
<context>
    <name>LoyaltyActions</name>
    <message>
        <location filename="../../ui/cashier/loyalty_actions.py" line="102"/>
        <source>Adjustment recorded.</source>
        <translation>调整已记录。</translation>
    </message>
</context>
<context>
    <name>LoyaltyRules</name>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="65"/>
        <source>Early renewal</source>
        <translation>提前续费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="66"/>
        <source>Grace renewal</source>
        <translation>宽限期续费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="67"/>
        <source>Win-back</source>
        <translation>回归优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="68"/>
        <source>Free renewal earned by spend</source>
        <translation>消费满额免费续费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="75"/>
        <source>No discount</source>
        <translation>无折扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="77"/>
        <source>%1 off · %2</source>
        <translation>减 %1 · %2</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="100"/>
        <source>%1: enter an amount such as 199 or 199.50.</source>
        <translation>%1：请输入金额，例如 199 或 199.50。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="150"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>LoyaltyRulesDialog</name>
    <message>
        <location filename="../../ui/cashier/loyalty_actions.py" line="117"/>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="87"/>
        <source>Loyalty programme</source>
        <translation>会员权益设置</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="100"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="100"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="105"/>
        <source>Rank</source>
        <translation>级别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="106"/>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="121"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="107"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="108"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="109"/>
        <source>Points</source>
        <translation>积分倍数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="110"/>
        <source>Annual fee</source>
        <translation>年费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="111"/>
        <source>Qualifying spend</source>
        <translation>升级消费门槛</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="112"/>
        <source>No discount on</source>
        <translation>不打折类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="113"/>
        <source>Birthday benefit</source>
        <translation>生日礼遇</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="115"/>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="122"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="123"/>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="124"/>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="125"/>
        <source>Spend for free renewal</source>
        <translation>免费续费消费额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="126"/>
        <source>Valid from</source>
        <translation>生效日期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="127"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="128"/>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="135"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="130"/>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="136"/>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="142"/>
        <source>Deactivate</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="135"/>
        <source>Top up at least</source>
        <translation>充值满</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="135"/>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="148"/>
        <source>Tiers</source>
        <translation>会员等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="149"/>
        <source>Renewal offers</source>
        <translation>续费优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="150"/>
        <source>Top-up bonuses</source>
        <translation>充值赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="151"/>
        <source>Targeted offers</source>
        <translation>定向优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="152"/>
        <source>Holidays &amp;&amp; stacking</source>
        <translation>节假日与叠加规则</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="270"/>
        <source>%1 days</source>
        <translation>%1 天</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="274"/>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="285"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="274"/>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="285"/>
        <source>No</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="348"/>
        <source>The offer is saved, but its campaign did not start: %1 Start it from the Campaigns tab.</source>
        <translation>优惠已保存，但活动未能发起：%1 请在“营销活动”页发起。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="383"/>
        <source>Delete the tier %1? This cannot be undone.</source>
        <translation>删除等级 %1？此操作无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rules_dialog.py" line="385"/>
        <source>Delete tier</source>
        <translation>删除等级</translation>
    </message>
</context>
<context>
    <name>ManagerPage</name>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="87"/>
        <source>The first manager picks this name at sign-in and types this PIN, then adds the other staff in the back office. A PIN is 4 to 8 digits; 0000, 1234 and the like are refused.</source>
        <translation>第一位经理登录时选择此姓名并输入此密码，之后可在后台添加其他员工。密码为 4 到 8 位数字；0000、1234 之类的密码不被接受。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="97"/>
        <source>Manager&apos;s name</source>
        <translation>经理姓名</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="98"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="99"/>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="113"/>
        <source>Enter the manager&apos;s name.</source>
        <translation>请输入经理的姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="120"/>
        <source>The two PINs differ; type the same PIN twice.</source>
        <translation>两次输入的 PIN 不一致，请输入相同的 PIN。</translation>
    </message>
</context>
<context>
    <name>ManagerWorkspace</name>
    <message>
        <location filename="../../ui/manager/workspace.py" line="81"/>
        <location filename="../../ui/needs_server.py" line="33"/>
        <source>Members and reports</source>
        <translation>会员与报表</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="108"/>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="109"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="118"/>
        <source>KPIs</source>
        <translation>经营指标</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="123"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="125"/>
        <source>Import members…</source>
        <translation>导入会员…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="134"/>
        <source>Menu</source>
        <translation>菜单</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="140"/>
        <source>Restaurant</source>
        <translation>餐厅</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="143"/>
        <source>What-if</source>
        <translation>规则模拟</translation>
    </message>
    <message>
        <location filename="../../ui/manager/workspace.py" line="148"/>
        <source>Campaigns</source>
        <translation>营销活动</translation>
    </message>
</context>
<context>
    <name>ManualDiscountDialog</name>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="58"/>
        <source>Manual discount</source>
        <translation>手工折扣</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="64"/>
        <source>Whole order</source>
        <translation>整单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="72"/>
        <source>Percent off (10, 12.5% or 9折)</source>
        <translation>按比例（10、12.5% 或 9折）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="73"/>
        <source>Amount off</source>
        <translation>减免金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="79"/>
        <source>What happened (kept in the audit log)</source>
        <translation>发生了什么（记入审计日志）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="82"/>
        <source>Remove this discount</source>
        <translation>取消此折扣</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="92"/>
        <source>On</source>
        <translation>用于</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="93"/>
        <source>Kind</source>
        <translation>方式</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="94"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="95"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="96"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="101"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="142"/>
        <source>Enter a percentage or an amount.</source>
        <translation>请输入比例或金额。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="145"/>
        <source>Takes %1 off.</source>
        <translation>减免 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="152"/>
        <source>%1 off</source>
        <translation>减 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="153"/>
        <source>Now: %1, approved by %2</source>
        <translation>当前：%1，由 %2 批准</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="166"/>
        <source>Not a discount: %1</source>
        <translation>无效折扣：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="170"/>
        <source>Nothing is left to discount there.</source>
        <translation>这里已没有可折扣的金额。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/manual_discount_dialog.py" line="173"/>
        <source>Manual discount of %1 (%2)</source>
        <translation>手工折扣 %1（%2）</translation>
    </message>
</context>
<context>
    <name>MemberActions</name>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="69"/>
        <source>Selected members</source>
        <translation>选中的会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="70"/>
        <location filename="../../ui/manager/member_actions.py" line="122"/>
        <source>Everyone in the list</source>
        <translation>列表中的全部会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="72"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="76"/>
        <source>Export for marketing…</source>
        <translation>导出营销名单…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="81"/>
        <source>Call list (PDF)…</source>
        <translation>回访电话名单（PDF）…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="85"/>
        <source>Mark contacted…</source>
        <translation>标记为已联系…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="88"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="91"/>
        <source>Apply to</source>
        <translation>操作对象</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="111"/>
        <source>Select members in the list first.</source>
        <translation>请先在列表中选择会员。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="124"/>
        <source>1 selected member</source>
        <translation>已选 1 位会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="126"/>
        <source>{count} selected members</source>
        <translation>已选 {count} 位会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="143"/>
        <source>1 member marked as contacted.</source>
        <translation>已将 1 位会员标记为已联系。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="145"/>
        <source>{count} members marked as contacted.</source>
        <translation>已将 {count} 位会员标记为已联系。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="165"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="189"/>
        <source>{rows} members written to {path}.</source>
        <translation>已将 {rows} 位会员写入 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="195"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入文件。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_actions.py" line="216"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
</context>
<context>
    <name>MemberEraseDialog</name>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="40"/>
        <location filename="../../ui/manager/member_story_profile.py" line="120"/>
        <source>Erase member</source>
        <translation>删除会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="46"/>
        <source>Erase %1 (%2) at the member&apos;s request?</source>
        <translation>应会员要求删除 %1（%2）？</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="54"/>
        <source>This cannot be undone. The name becomes a pseudonym; phone, birthday, gender, preferences, allergies, notes and staff&apos;s notes about the member are removed; cards are blocked and all consents withdrawn. The till will no longer find the member by name, phone or card.
Orders, payments, refunds and the points and stored-value ledgers stay unchanged for the accounts, under the member number.</source>
        <translation>此操作无法撤销。姓名将改为化名；电话、生日、性别、偏好、过敏、备注以及员工对该会员的记录都会被清除；会员卡将被冻结，所有同意均被撤回。收银台将无法再按姓名、电话或会员卡找到该会员。
订单、付款、退款以及积分和储值账目保持不变，以会员号保留供会计使用。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="69"/>
        <source>The member still has %1 stored value. Pay it out or let them use it before erasing.</source>
        <translation>该会员仍有 %1 储值。删除前请先退还或让会员用完。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="78"/>
        <source>Type the member number (%1) to confirm</source>
        <translation>输入会员号（%1）以确认</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="82"/>
        <source>Erase…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="99"/>
        <source>The member number typed does not match.</source>
        <translation>输入的会员号不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_erase_dialog.py" line="118"/>
        <source>Erase member %1</source>
        <translation>删除会员 %1</translation>
    </message>
</context>
<context>
    <name>MemberFilterBar</name>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="44"/>
        <source>Champions</source>
        <translation>核心会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="45"/>
        <source>Loyal</source>
        <translation>忠诚会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="46"/>
        <source>Potential</source>
        <translation>潜力会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="47"/>
        <source>New</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="48"/>
        <source>Need attention</source>
        <translation>需关注会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="49"/>
        <source>At risk</source>
        <translation>流失风险会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="50"/>
        <source>Hibernating</source>
        <translation>沉睡会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="51"/>
        <source>Lost</source>
        <translation>已流失会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="59"/>
        <source>Enter 0 to 3660 days for &apos;expiring within&apos;.</source>
        <translation>“即将到期”天数请输入 0 到 3660。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="62"/>
        <source>No day is both after and before the last-visit dates.</source>
        <translation>最近到店的起止日期之间没有任何一天。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="65"/>
        <source>Spend cannot be negative.</source>
        <translation>消费金额不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="66"/>
        <source>The lowest spend is above the highest.</source>
        <translation>最低消费高于最高消费。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="69"/>
        <source>Enter spend as an amount, e.g. 500 or 1,200.50.</source>
        <translation>请输入金额，例如 500 或 1,200.50。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="72"/>
        <source>Search by phone (at least 4 digits), member number, name or pinyin initials.</source>
        <translation>请按手机号（至少 4 位）、会员号、姓名或拼音首字母搜索。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="76"/>
        <source>A tier or segment is not valid.</source>
        <translation>等级或分群无效。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="77"/>
        <source>This saved filter cannot be read.</source>
        <translation>无法读取该筛选。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="78"/>
        <source>This saved filter was saved by a newer version of the till.</source>
        <translation>该筛选由更新版本的收银系统保存。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="98"/>
        <source>Phone, last 4 digits, member no, name or pinyin initials</source>
        <translation>手机号、尾号 4 位、会员号、姓名或拼音首字母</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="108"/>
        <source>Any status</source>
        <translation>全部状态</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="109"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="110"/>
        <source>Expiring within</source>
        <translation>将于以下天数内到期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="111"/>
        <source>In grace</source>
        <translation>宽限期内</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="112"/>
        <source>Lapsed</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="118"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="130"/>
        <source>Last visit after</source>
        <translation>最近到店晚于</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="132"/>
        <source>before</source>
        <translation>早于</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="134"/>
        <source>min</source>
        <translation>最低</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="135"/>
        <source>max</source>
        <translation>最高</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="136"/>
        <source>Birthday this month</source>
        <translation>本月生日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="137"/>
        <source>Marketing consent only</source>
        <translation>仅限同意营销者</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="138"/>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="139"/>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="161"/>
        <source>Spend ¥</source>
        <translation>消费 ¥</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="224"/>
        <source>All segments</source>
        <translation>全部分群</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_filter_bar.py" line="228"/>
        <source>{count} segments</source>
        <translation>{count} 个分群</translation>
    </message>
</context>
<context>
    <name>MemberImportDialog</name>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="76"/>
        <source>Import members</source>
        <translation>导入会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="90"/>
        <source>Choose file…</source>
        <translation>选择文件…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="97"/>
        <source>none: headers as the till knows them</source>
        <translation>无：按收银系统认识的表头</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="99"/>
        <source>Mapping file…</source>
        <translation>对照文件…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="102"/>
        <source>No mapping</source>
        <translation>不用对照</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="106"/>
        <source>Stop: import nothing while any phone is already a member&apos;s</source>
        <translation>停止：只要有手机号已是会员，就什么都不导入</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="109"/>
        <source>Skip those rows</source>
        <translation>跳过这些行</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="111"/>
        <source>Merge: the member keeps what they have and gains what they lack</source>
        <translation>合并：会员保留已有资料，补上缺少的资料</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="120"/>
        <source>Line</source>
        <translation>行号</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="120"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="127"/>
        <source>Check (dry run)</source>
        <translation>检查（试运行）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="129"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="132"/>
        <source>Save report…</source>
        <translation>保存报告…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="135"/>
        <location filename="../../ui/manager/member_import_dialog.py" line="375"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="149"/>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="150"/>
        <source>Encoding</source>
        <translation>编码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="151"/>
        <source>Mapping</source>
        <translation>表头对照</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="152"/>
        <source>Phone already a member&apos;s</source>
        <translation>手机号已是会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="175"/>
        <source>The file could not be read.</source>
        <translation>无法读取该文件。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="182"/>
        <source>Encoding not recognised: choose one.</source>
        <translation>无法识别编码：请选择一种。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="183"/>
        <source>This file is neither UTF-8 nor GBK/GB18030.</source>
        <translation>该文件既不是 UTF-8，也不是 GBK/GB18030 编码。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="187"/>
        <source>Detected: {encoding}</source>
        <translation>检测到：{encoding}</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="199"/>
        <source>The mapping file could not be read.</source>
        <translation>无法读取对照文件。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="202"/>
        <source>The mapping file is not valid.</source>
        <translation>对照文件格式不正确。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="238"/>
        <source>Checking the file…</source>
        <translation>正在检查文件…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="238"/>
        <source>Importing…</source>
        <translation>正在导入…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="268"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="290"/>
        <source>{count} rows give a phone that is already a member&apos;s, so nothing would be imported: choose Skip or Merge, or correct the file.</source>
        <translation>有 {count} 行的手机号已是会员，因此不会导入任何内容：请选择“跳过”或“合并”，或修改文件。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="299"/>
        <source>{rows} rows read: {added} members to add, {merged} to merge, {skipped} to skip, {bad} bad rows; opening stored value {money} and {points} points. Nothing has changed yet.</source>
        <translation>已读取 {rows} 行：将新增 {added} 位会员，合并 {merged} 位，跳过 {skipped} 行，{bad} 行有误；期初储值 {money}，积分 {points}。尚未做任何更改。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="309"/>
        <source>Imported {added} members and merged {merged}; {skipped} skipped and {bad} bad rows left out; opening stored value {money} and {points} points.</source>
        <translation>已导入 {added} 位会员，合并 {merged} 位；跳过 {skipped} 行，{bad} 行有误未导入；期初储值 {money}，积分 {points}。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="321"/>
        <source>Import cancelled: nothing was imported.</source>
        <translation>导入已取消：没有导入任何内容。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="323"/>
        <source>This file cannot be read as a member list.</source>
        <translation>无法将该文件读取为会员名单。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="325"/>
        <source>This database cannot take an import now.</source>
        <translation>该数据库现在无法导入。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="340"/>
        <source>The report could not be saved there.</source>
        <translation>无法将报告保存到该位置。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="343"/>
        <source>{count} rows listed in {path}</source>
        <translation>已在 {path} 中列出 {count} 行</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="375"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="393"/>
        <source>Save the import report</source>
        <translation>保存导入报告</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_import_dialog.py" line="399"/>
        <source>Choose a file</source>
        <translation>选择文件</translation>
    </message>
</context>
<context>
    <name>MemberListModel</name>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="95"/>
        <source>Member no</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="96"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="97"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="98"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="99"/>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="100"/>
        <source>Joined</source>
        <translation>入会日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="101"/>
        <source>Expires</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="102"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="103"/>
        <source>Last visit</source>
        <translation>最近到店</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="104"/>
        <source>Visits</source>
        <translation>到店次数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="105"/>
        <source>Spend</source>
        <translation>累计消费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="106"/>
        <source>Value</source>
        <translation>价值</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="107"/>
        <source>Consent</source>
        <translation>营销同意</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="110"/>
        <source>Active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="111"/>
        <source>In grace</source>
        <translation>宽限期内</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="112"/>
        <source>Lapsed</source>
        <translation>已过期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="193"/>
        <source>What the member is worth: the spend of the next 3 years at their pace so far, nothing once they have stayed away a year; worked out each day and at each visit. Blank for members who declined automated decisions.</source>
        <translation>会员价值：按其至今的消费节奏估算未来 3 年的消费；超过一年未到店则为零。每天及每次到店时重新计算。拒绝自动化决策的会员不计算，显示为空。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="215"/>
        <source>(erased)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_model.py" line="231"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
</context>
<context>
    <name>MemberListTab</name>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="115"/>
        <source>Save filter…</source>
        <translation>保存筛选…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="116"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="118"/>
        <source>Give the filter a name.</source>
        <translation>请为筛选命名。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="120"/>
        <source>The name is too long (64 characters at most).</source>
        <translation>名称过长（最多 64 个字符）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="122"/>
        <source>A saved filter has this name already.</source>
        <translation>已有同名的筛选。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="123"/>
        <source>This saved filter was deleted meanwhile.</source>
        <translation>该筛选已被删除。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="138"/>
        <source>Members of</source>
        <translation>会员所属</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="140"/>
        <source>Saved filters</source>
        <translation>已保存的筛选</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="201"/>
        <source>Counting…</source>
        <translation>正在计数…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="214"/>
        <source>More than {count} members (counting all…)</source>
        <translation>超过 {count} 位会员（正在精确计数…）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="216"/>
        <source>1 member</source>
        <translation>1 位会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="218"/>
        <source>{count} members</source>
        <translation>{count} 位会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="246"/>
        <source>Choose a saved filter…</source>
        <translation>选择已保存的筛选…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="281"/>
        <source>Filter saved as “{name}”.</source>
        <translation>筛选已保存为“{name}”。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="295"/>
        <source>Saved filter “{name}” deleted.</source>
        <translation>已删除筛选“{name}”。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="329"/>
        <source>Save filter</source>
        <translation>保存筛选</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_list_tab.py" line="330"/>
        <source>Name of this filter:</source>
        <translation>筛选名称：</translation>
    </message>
</context>
<context>
    <name>MemberPanel</name>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="74"/>
        <source>Find member</source>
        <translation>查找会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="82"/>
        <source>Simulate card swipe</source>
        <translation>模拟刷卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="85"/>
        <source>Guest (no member)</source>
        <translation>非会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="88"/>
        <source>New member…</source>
        <translation>新会员入会…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="90"/>
        <source>New card…</source>
        <translation>补办新卡…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="92"/>
        <source>Merge duplicate…</source>
        <translation>合并重复会员…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="95"/>
        <source>Allergy / complaint…</source>
        <translation>过敏/投诉…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="112"/>
        <source>Top up…</source>
        <translation>充值…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="117"/>
        <source>Adjust…</source>
        <translation>调整…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="144"/>
        <location filename="../../ui/cashier/member_panel.py" line="159"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="145"/>
        <source>Number / phone</source>
        <translation>会员号 / 手机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="146"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="147"/>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="148"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="149"/>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="150"/>
        <source>Preferences</source>
        <translation>偏好</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="151"/>
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="154"/>
        <source>Usually orders</source>
        <translation>常点</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="209"/>
        <source>Guest</source>
        <translation>非会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="232"/>
        <source>No expiry</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="235"/>
        <source>EXPIRED on %1 (no tier discount)</source>
        <translation>已于 %1 过期（不享等级折扣）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="253"/>
        <source>✓ Renewal on the order (tap to take it off)</source>
        <translation>✓ 续费已加入订单（点此取消）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="262"/>
        <source>✓ Upgrade on the order (tap to take it off)</source>
        <translation>✓ 已加入升级（再点一次取消）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="266"/>
        <source>Upgrade to %1 now for %2 (fee difference)</source>
        <translation>补差价 %2 立即升级为%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="277"/>
        <source>Use %1 points (−%2)</source>
        <translation>使用 %1 积分（−%2）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="280"/>
        <source>Use points</source>
        <translation>使用积分</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="286"/>
        <source>Not a member? Join now and save %1 on this order</source>
        <translation>还不是会员？现在入会本单可省 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="291"/>
        <source>Renew FREE (spend reached): valid until %2</source>
        <translation>免费续费（消费已达标）：有效期至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="293"/>
        <source>Renew early: %1, valid until %2</source>
        <translation>提前续费：%1，有效期至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="295"/>
        <source>Renew now (grace): %1, valid until %2</source>
        <translation>宽限期续费：%1，有效期至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="296"/>
        <source>Welcome back offer: renew for %1, valid until %2</source>
        <translation>回归优惠：续费 %1，有效期至 %2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="305"/>
        <source>Birthday month: %1</source>
        <translation>生日月：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="307"/>
        <source>Birthday month: wish them a happy birthday!</source>
        <translation>生日月：祝顾客生日快乐！</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="312"/>
        <source>Spend %1 more this term and renewal is free.</source>
        <translation>本期再消费 %1 即可免费续费。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_panel.py" line="317"/>
        <source>Spend %1 more for %2.</source>
        <translation>再消费 %1 即可升级为%2。</translation>
    </message>
</context>
<context>
    <name>MemberProfileDialog</name>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="40"/>
        <source>Enter a valid phone number.</source>
        <translation>请输入有效的电话号码。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="41"/>
        <source>A mobile number has 11 digits: this one has fewer. Check it.</source>
        <translation>手机号应为 11 位：这个号码位数不足，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="44"/>
        <source>A mobile number has 11 digits: this one has more. Check it.</source>
        <translation>手机号应为 11 位：这个号码位数过多，请核对。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="47"/>
        <source>Write a landline with its area code (010 …).</source>
        <translation>固定电话请带区号（如 010 …）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="50"/>
        <source>Enter the member&apos;s name.</source>
        <translation>请输入会员姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="51"/>
        <source>The name is too long.</source>
        <translation>姓名过长。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="52"/>
        <source>The birthday must be in the past.</source>
        <translation>生日必须是过去的日期。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="55"/>
        <source>A text is too long (1000 characters at most).</source>
        <translation>文字过长（最多 1000 字）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="59"/>
        <source>This phone already belongs to %1 (%2, %3).</source>
        <translation>该电话已属于 %1（%2，%3）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="64"/>
        <source>This phone already belongs to another member.</source>
        <translation>该电话已属于其他会员。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="66"/>
        <source>This member no longer exists.</source>
        <translation>该会员已不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="69"/>
        <source>This record was merged into another member.</source>
        <translation>该记录已合并到其他会员。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="72"/>
        <source>This member was erased; the profile cannot change.</source>
        <translation>该会员已删除，资料不能再修改。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="75"/>
        <source>The member number typed does not match.</source>
        <translation>输入的会员号不一致。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="78"/>
        <source>The member still has stored value: pay it out or let them use it first.</source>
        <translation>该会员仍有储值余额：请先退还或让会员用完。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="98"/>
        <source>Edit profile</source>
        <translation>编辑资料</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="104"/>
        <source>Known</source>
        <translation>已知</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="120"/>
        <source>Not given</source>
        <translation>未填写</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="121"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="122"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="132"/>
        <source>Direct marketing</source>
        <translation>直接营销</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="134"/>
        <source>Disclosure to third parties</source>
        <translation>向第三方提供</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="137"/>
        <source>Automated decisions (segments, targeted offers)</source>
        <translation>自动化决策（分群、定向优惠）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="141"/>
        <source>Sensitive data (allergies, health)</source>
        <translation>敏感个人信息（过敏、健康）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="144"/>
        <source>The member agrees to</source>
        <translation>会员同意</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="151"/>
        <source>Name *</source>
        <translation>姓名 *</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="152"/>
        <source>Phone *</source>
        <translation>电话 *</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="153"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="154"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="155"/>
        <source>Preferences</source>
        <translation>偏好</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="156"/>
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="157"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="159"/>
        <source>Every change is kept in the member&apos;s edit history.</source>
        <translation>每项修改都会记录在会员的修改历史中。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_profile_dialog.py" line="163"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>MemberSearchBox</name>
    <message>
        <location filename="../../ui/cashier/member_search_box.py" line="50"/>
        <source>Phone or its last 4 digits, name, pinyin (zs), member or card no.</source>
        <translation>手机号或尾号4位、姓名、拼音首字母（zs）、会员号或卡号</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_search_box.py" line="131"/>
        <source>(expired)</source>
        <translation>（已过期）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_search_box.py" line="138"/>
        <source>Type at least 4 digits.</source>
        <translation>请至少输入 4 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_search_box.py" line="142"/>
        <source>More than %1 matches: type more.</source>
        <translation>超过 %1 条结果：请继续输入。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_search_box.py" line="146"/>
        <source>One match: pick it (↓ Enter, or tap).</source>
        <translation>找到 1 位：请选择（↓ 回车，或点按）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_search_box.py" line="150"/>
        <source>%1 members&apos; phones end in %2: ask for the name.</source>
        <translation>%1 位会员的手机尾号是 %2：请询问姓名。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/member_search_box.py" line="154"/>
        <source>%1 matches: pick one (↑↓ Enter, or tap).</source>
        <translation>%1 条结果：请选择（↑↓ 回车，或点按）。</translation>
    </message>
</context>
<context>
    <name>MemberStorySections</name>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="41"/>
        <source>Breakfast</source>
        <translation>早餐</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="42"/>
        <source>Lunch</source>
        <translation>午餐</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="43"/>
        <source>Afternoon tea</source>
        <translation>下午茶</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="44"/>
        <source>Dinner</source>
        <translation>晚餐</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="45"/>
        <source>Late night</source>
        <translation>夜宵</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="51"/>
        <source>Food</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="52"/>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="53"/>
        <source>Waiting time</source>
        <translation>等候时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="54"/>
        <source>Hygiene</source>
        <translation>卫生</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="55"/>
        <source>Billing</source>
        <translation>结账</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="56"/>
        <source>Other</source>
        <translation>其他</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="63"/>
        <source>Earned on an order</source>
        <translation>消费获得</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="64"/>
        <source>Paid with points</source>
        <translation>积分抵扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="65"/>
        <source>Expired</source>
        <translation>过期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="66"/>
        <source>Corrected by hand</source>
        <translation>人工调整</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="67"/>
        <source>Opening balance</source>
        <translation>期初余额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="68"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="69"/>
        <source>Paid an order</source>
        <translation>支付订单</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="70"/>
        <source>Top-up</source>
        <translation>充值</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="71"/>
        <source>Set by a manager</source>
        <translation>经理设定</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="72"/>
        <source>Qualified by spend</source>
        <translation>消费达标</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="73"/>
        <source>Upgrade bought</source>
        <translation>付费升级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="79"/>
        <source>Phone call</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="80"/>
        <source>SMS</source>
        <translation>短信</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="81"/>
        <source>WeChat</source>
        <translation>微信</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="82"/>
        <source>Email</source>
        <translation>电子邮件</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="83"/>
        <source>In person</source>
        <translation>当面</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="89"/>
        <source>No-show</source>
        <translation>未到店</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="90"/>
        <source>Cancellation</source>
        <translation>取消预订</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="96"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="97"/>
        <source>Phone</source>
        <translation>手机</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="98"/>
        <source>Birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="99"/>
        <source>Gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="100"/>
        <source>Preferences</source>
        <translation>偏好</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="101"/>
        <source>Allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="102"/>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="103"/>
        <source>Consent: direct marketing</source>
        <translation>同意：直接营销</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="106"/>
        <source>Consent: third parties</source>
        <translation>同意：提供给第三方</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="109"/>
        <source>Consent: automated decisions</source>
        <translation>同意：自动化决策</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="112"/>
        <source>Consent: sensitive data</source>
        <translation>同意：敏感数据</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="124"/>
        <location filename="../../ui/manager/member_story_sections.py" line="141"/>
        <source>(erased)</source>
        <translation>（已删除）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="127"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="129"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="133"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="134"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="161"/>
        <source>Open</source>
        <translation>未解决</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="162"/>
        <source>Resolved</source>
        <translation>已解决</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="163"/>
        <source>Paid</source>
        <translation>已支付</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="164"/>
        <source>Partly refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="165"/>
        <source>Refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="169"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="172"/>
        <location filename="../../ui/manager/member_story_sections.py" line="205"/>
        <location filename="../../ui/manager/member_story_sections.py" line="220"/>
        <location filename="../../ui/manager/member_story_sections.py" line="274"/>
        <location filename="../../ui/manager/member_story_sections.py" line="310"/>
        <location filename="../../ui/manager/member_story_sections.py" line="324"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="173"/>
        <location filename="../../ui/manager/member_story_sections.py" line="208"/>
        <location filename="../../ui/manager/member_story_sections.py" line="224"/>
        <location filename="../../ui/manager/member_story_sections.py" line="277"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="174"/>
        <source>Daypart</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="175"/>
        <location filename="../../ui/manager/member_story_sections.py" line="291"/>
        <source>Party</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="176"/>
        <source>Items</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="179"/>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="180"/>
        <location filename="../../ui/manager/member_story_sections.py" line="203"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="181"/>
        <location filename="../../ui/manager/member_story_sections.py" line="248"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="206"/>
        <source>Change</source>
        <translation>变动</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="207"/>
        <location filename="../../ui/manager/member_story_sections.py" line="223"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="209"/>
        <location filename="../../ui/manager/member_story_sections.py" line="225"/>
        <location filename="../../ui/manager/member_story_sections.py" line="278"/>
        <location filename="../../ui/manager/member_story_sections.py" line="293"/>
        <location filename="../../ui/manager/member_story_sections.py" line="313"/>
        <location filename="../../ui/manager/member_story_sections.py" line="328"/>
        <source>Staff</source>
        <translation>员工</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="218"/>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="221"/>
        <source>Principal</source>
        <translation>本金</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="222"/>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="237"/>
        <source>Complaints</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="240"/>
        <source>Opened</source>
        <translation>提出时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="241"/>
        <source>Category</source>
        <translation>类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="242"/>
        <source>Description</source>
        <translation>描述</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="243"/>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="246"/>
        <source>Promised by</source>
        <translation>承诺解决日期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="247"/>
        <source>Compensation</source>
        <translation>补偿</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="249"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="260"/>
        <source>Overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="272"/>
        <source>Feedback</source>
        <translation>评价</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="275"/>
        <source>Score</source>
        <translation>评分</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="276"/>
        <source>Comment</source>
        <translation>评论</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="287"/>
        <source>No-shows</source>
        <translation>未到店</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="289"/>
        <source>Booked for</source>
        <translation>预订时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="290"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="292"/>
        <location filename="../../ui/manager/member_story_sections.py" line="312"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="308"/>
        <source>Contacts</source>
        <translation>联系记录</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="311"/>
        <source>Channel</source>
        <translation>联系方式</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="322"/>
        <source>Edit history</source>
        <translation>修改记录</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="325"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="326"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_sections.py" line="327"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
</context>
<context>
    <name>MemberStoryTab</name>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="90"/>
        <source>Record complaint…</source>
        <translation>记录投诉…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="91"/>
        <source>Resolve selected complaint…</source>
        <translation>处理所选投诉…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="92"/>
        <source>Record feedback…</source>
        <translation>记录评价…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="93"/>
        <source>Record no-show…</source>
        <translation>记录爽约…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="98"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="149"/>
        <source>Complaint recorded.</source>
        <translation>投诉已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="161"/>
        <source>Select an open complaint in Complaints first.</source>
        <translation>请先在“投诉”中选择一条处理中的投诉。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="170"/>
        <source>Complaint resolved.</source>
        <translation>投诉已解决。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="185"/>
        <source>Feedback recorded.</source>
        <translation>评价已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="203"/>
        <source>No-show recorded.</source>
        <translation>爽约已记录。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="245"/>
        <source>This member no longer exists.</source>
        <translation>该会员已不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="246"/>
        <source>This complaint no longer exists.</source>
        <translation>该投诉已不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="249"/>
        <source>That order is not one of this member&apos;s.</source>
        <translation>该订单不属于此会员。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="252"/>
        <source>The chosen owner is not a staff member.</source>
        <translation>所选负责人不是员工。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="255"/>
        <source>This complaint was resolved already.</source>
        <translation>该投诉已经解决。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="258"/>
        <source>Describe the complaint.</source>
        <translation>请填写投诉内容。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="259"/>
        <source>Say how the complaint was resolved.</source>
        <translation>请填写处理结果。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="262"/>
        <source>The text is too long (1000 characters at most).</source>
        <translation>文字过长（最多 1000 个字符）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="265"/>
        <source>The promised resolution date cannot be in the past.</source>
        <translation>承诺解决日期不能早于今天。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="268"/>
        <source>Compensation cannot be negative.</source>
        <translation>补偿金额不能为负数。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="271"/>
        <source>A score is from 1 to 5.</source>
        <translation>评分为 1 到 5。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="272"/>
        <source>The party size is not possible.</source>
        <translation>人数不合理。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_tab.py" line="294"/>
        <source>Member…</source>
        <translation>会员…</translation>
    </message>
</context>
<context>
    <name>MembershipActions</name>
    <message>
        <location filename="../../ui/cashier/membership_actions.py" line="79"/>
        <source>Welcome, new member %1 (%2).</source>
        <translation>欢迎新会员 %1（%2）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/membership_actions.py" line="96"/>
        <source>New card …%1 issued to %2.</source>
        <translation>新卡 …%1 已发给 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/membership_actions.py" line="123"/>
        <source>Merged into %1: %2 points, stored value %3.</source>
        <translation>已合并到 %1：积分 %2，储值 %3。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/membership_actions.py" line="139"/>
        <source>Noted for %1.</source>
        <translation>已为 %1 记录。</translation>
    </message>
</context>
<context>
    <name>MenuPanel</name>
    <message>
        <location filename="../../ui/cashier/menu_panel.py" line="152"/>
        <source>Sold out today</source>
        <translation>今日售罄</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/menu_panel.py" line="154"/>
        <source>%1 is sold out today.</source>
        <translation>%1 今日已售罄。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/menu_panel.py" line="159"/>
        <source>Allergens: %1</source>
        <translation>过敏原：%1</translation>
    </message>
</context>
<context>
    <name>MenuTab</name>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="86"/>
        <source>Item</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="86"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="86"/>
        <source>Availability</source>
        <translation>供应</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="86"/>
        <source>Allergens</source>
        <translation>过敏原</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="128"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="129"/>
        <source>Rename…</source>
        <translation>重命名…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="130"/>
        <location filename="../../ui/manager/menu_tab.py" line="151"/>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="131"/>
        <location filename="../../ui/manager/menu_tab.py" line="152"/>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="136"/>
        <source>Categories</source>
        <translation>菜品类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="147"/>
        <source>Add item…</source>
        <translation>添加菜品…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="148"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="149"/>
        <location filename="../../ui/manager/menu_tab.py" line="219"/>
        <location filename="../../ui/manager/menu_tab.py" line="255"/>
        <source>Sold out today</source>
        <translation>今日售罄</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="150"/>
        <location filename="../../ui/manager/menu_tab.py" line="258"/>
        <source>Hide</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="217"/>
        <source>Hidden</source>
        <translation>已隐藏</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="220"/>
        <source>On sale</source>
        <translation>在售</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="255"/>
        <source>Back on sale</source>
        <translation>恢复供应</translation>
    </message>
    <message>
        <location filename="../../ui/manager/menu_tab.py" line="258"/>
        <source>Show</source>
        <translation>显示</translation>
    </message>
</context>
<context>
    <name>MenuText</name>
    <message>
        <location filename="../../ui/menu_text.py" line="17"/>
        <source>Peanut</source>
        <translation>花生</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="18"/>
        <source>Tree nuts</source>
        <translation>坚果</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="19"/>
        <source>Shellfish</source>
        <translation>贝类/甲壳类</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="20"/>
        <source>Fish</source>
        <translation>鱼</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="21"/>
        <source>Egg</source>
        <translation>蛋</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="22"/>
        <source>Milk</source>
        <translation>奶</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="23"/>
        <source>Soy</source>
        <translation>大豆</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="24"/>
        <source>Wheat/gluten</source>
        <translation>麸质/小麦</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="25"/>
        <source>Sesame</source>
        <translation>芝麻</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="39"/>
        <source>Give it a name.</source>
        <translation>请填写名称。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="40"/>
        <source>A name has at most 64 characters.</source>
        <translation>名称最多 64 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="41"/>
        <source>The allergen note has at most 200 characters.</source>
        <translation>过敏原备注最多 200 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="44"/>
        <source>This category already has an item of that name.</source>
        <translation>该类别中已有同名菜品。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="47"/>
        <source>A category of that name already exists.</source>
        <translation>已有同名类别。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="50"/>
        <source>A price is a number from 0.00 to 100,000.00.</source>
        <translation>价格须为 0.00 至 100,000.00 之间的数字。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="53"/>
        <source>That category is no longer there.</source>
        <translation>该类别已不存在。</translation>
    </message>
    <message>
        <location filename="../../ui/menu_text.py" line="54"/>
        <source>That item is no longer there.</source>
        <translation>该菜品已不存在。</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <location filename="../../ui/cashier/membership_actions.py" line="105"/>
        <location filename="../../ui/cashier/merge_dialog.py" line="57"/>
        <source>Merge duplicate member</source>
        <translation>合并重复会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="69"/>
        <location filename="../../ui/cashier/merge_dialog.py" line="141"/>
        <source>Search for the duplicate above.</source>
        <translation>请在上方搜索重复的会员记录。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="72"/>
        <source>e.g. enrolled twice with two phones</source>
        <translation>例如：用两个手机号各办了一次</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="74"/>
        <source>I checked with the guest: both records are the same person</source>
        <translation>已与客人核实：两条记录是同一人</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="79"/>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="80"/>
        <source>Duplicate</source>
        <translation>重复记录</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="82"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="87"/>
        <source>Cards, orders, points and stored value of the duplicate move to the kept member. A merge is recorded and cannot be undone at the till.</source>
        <translation>重复记录的会员卡、订单、积分和储值将转到保留的会员名下。合并会被记录，收银台上无法撤销。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="93"/>
        <source>Merge</source>
        <translation>合并</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="97"/>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="131"/>
        <source>Reading the record…</source>
        <translation>正在读取该会员记录…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="148"/>
        <source>Choose the duplicate record first.</source>
        <translation>请先选择重复的记录。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="151"/>
        <location filename="../../ui/cashier/merge_dialog.py" line="184"/>
        <source>Give a reason for the merge.</source>
        <translation>请填写合并原因。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="154"/>
        <source>Confirm with the guest that both records are theirs.</source>
        <translation>请先与客人确认两条记录都是本人。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="156"/>
        <source>Merge %1 into %2</source>
        <translation>将 %1 合并到 %2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="182"/>
        <source>That is the same member.</source>
        <translation>这是同一位会员。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/merge_dialog.py" line="183"/>
        <source>One of the records was already merged.</source>
        <translation>其中一条记录已被合并过。</translation>
    </message>
</context>
<context>
    <name>NeedsServerText</name>
    <message>
        <location filename="../../ui/needs_server.py" line="27"/>
        <source>This needs the server, which cannot be reached now: it works again by itself once the server answers.</source>
        <translation>此操作需要连接服务器，现在无法连接：服务器恢复后会自动可用。</translation>
    </message>
</context>
<context>
    <name>NewPinDialog</name>
    <message>
        <location filename="../../ui/new_pin_dialog.py" line="64"/>
        <source>New PIN</source>
        <translation>新密码</translation>
    </message>
    <message>
        <location filename="../../ui/new_pin_dialog.py" line="65"/>
        <source>New PIN again</source>
        <translation>再次输入新密码</translation>
    </message>
    <message>
        <location filename="../../ui/new_pin_dialog.py" line="68"/>
        <source>Saving the new PIN…</source>
        <translation>正在保存新密码…</translation>
    </message>
    <message>
        <location filename="../../ui/new_pin_dialog.py" line="86"/>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>两次输入的密码不一致：请输入相同的密码两次。</translation>
    </message>
    <message>
        <location filename="../../ui/new_pin_dialog.py" line="99"/>
        <source>The server did not answer, so the new PIN was not saved: try again in a moment.</source>
        <translation>服务器没有响应，新密码未保存：请稍后再试。</translation>
    </message>
</context>
<context>
    <name>NoShowDialog</name>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="164"/>
        <source>Record a no-show or cancellation</source>
        <translation>记录爽约或取消</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="180"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="181"/>
        <source>Booked for</source>
        <translation>预订时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="182"/>
        <source>Party size</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="183"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="184"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
</context>
<context>
    <name>OfferCells</name>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="47"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="48"/>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="49"/>
        <source>Gives</source>
        <translation>优惠内容</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="50"/>
        <source>When</source>
        <translation>适用时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="51"/>
        <source>Table</source>
        <translation>人数与用餐方式</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="52"/>
        <source>Covers</source>
        <translation>适用菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="53"/>
        <source>For</source>
        <translation>适用对象</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="54"/>
        <source>Minimum
spend</source>
        <translation>最低
消费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="55"/>
        <source>Uses per
member</source>
        <translation>每人
限用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="56"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="57"/>
        <source>Coupon
only</source>
        <translation>仅限
优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="58"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="81"/>
        <source>%1 off</source>
        <translation>减 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="87"/>
        <source>not on public holidays</source>
        <translation>法定节假日不适用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="89"/>
        <source>public holidays only</source>
        <translation>仅限法定节假日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="90"/>
        <source>Any time</source>
        <translation>任何时间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="115"/>
        <location filename="../../ui/manager/offer_cells.py" line="160"/>
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="117"/>
        <location filename="../../ui/manager/offer_cells.py" line="158"/>
        <source>from %1</source>
        <translation>%1 起</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="119"/>
        <source>%1 (next day)</source>
        <translation>%1（次日）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="125"/>
        <source>%1+ guests</source>
        <translation>%1 人及以上</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="129"/>
        <source>dine-in</source>
        <translation>堂食</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="129"/>
        <source>takeaway</source>
        <translation>外带</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="138"/>
        <source>All items</source>
        <translation>全部菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="146"/>
        <source>Members</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="148"/>
        <source>Everyone</source>
        <translation>所有顾客</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="151"/>
        <source>segment %1</source>
        <translation>会员分群：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="164"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_cells.py" line="164"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>OfferForm</name>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="303"/>
        <source>New renewal offer</source>
        <translation>新建续费优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="303"/>
        <source>Edit offer %1</source>
        <translation>编辑优惠 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="308"/>
        <source>e.g. EARLY-90</source>
        <translation>例如 EARLY-90</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="318"/>
        <source> days</source>
        <translation> 天</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="320"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="321"/>
        <source>Until</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="322"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="324"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="325"/>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="326"/>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="359"/>
        <source>Fee</source>
        <translation>费用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="327"/>
        <source>Window</source>
        <translation>时间窗口</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="328"/>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="361"/>
        <source>Spend in the term for a free renewal</source>
        <translation>本期消费满此金额可免费续费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="329"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="344"/>
        <source>Days before expiry in which renewing costs this fee.</source>
        <translation>到期前多少天内续费按此价格收费。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="345"/>
        <source>Days after expiry in which renewing costs this fee.</source>
        <translation>到期后多少天内续费按此价格收费。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="347"/>
        <source>For members lapsed longer than the grace window; never cheaper than renewing.</source>
        <translation>适用于过期超过宽限期的会员；价格不会低于正常续费。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="350"/>
        <source>Renewal is free in the early or grace window for whoever spent this much.</source>
        <translation>在提前续费期或宽限期内，本期消费达到此金额的会员可免费续费。</translation>
    </message>
</context>
<context>
    <name>OfferText</name>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="46"/>
        <source>Offers: additive — every offer that applies is added, in turn.</source>
        <translation>优惠规则：叠加——所有适用的优惠依次叠加。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="49"/>
        <source>Offers: exclusive — the best single offer or the tier discount, whichever saves more.</source>
        <translation>优惠规则：互斥——最优的单个优惠与等级折扣二选一，取更省的。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="53"/>
        <source>Offers: best of — only the offer that saves most, on top of the tier.</source>
        <translation>优惠规则：择优——在等级折扣之外，只用最省的一个优惠。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="55"/>
        <source> Offers together take at most %1% of the order.</source>
        <translation> 每单优惠合计最多 %1%。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="58"/>
        <source> The offer replaces the tier discount on this order.</source>
        <translation> 本单以优惠代替等级折扣。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="62"/>
        <source>✓ %1: −%2</source>
        <translation>✓ %1：−%2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="65"/>
        <source> (cut by %1 to stay within the cap)</source>
        <translation>（受每单上限限制，少减 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="71"/>
        <source>another offer saves more</source>
        <translation>另一个优惠更省</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="72"/>
        <source>the tier discount saves more</source>
        <translation>等级折扣更省</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="73"/>
        <source>the per-order cap is reached</source>
        <translation>已达每单优惠上限</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="74"/>
        <source>nothing left to take off its items</source>
        <translation>适用菜品已无可减金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="76"/>
        <source>✗ %1: not applied, %2</source>
        <translation>✗ %1：未使用，%2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="80"/>
        <source>✗ %1: %2</source>
        <translation>✗ %1：%2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="88"/>
        <source>only %1–%2</source>
        <translation>仅限 %1–%2</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="92"/>
        <source>only on %1</source>
        <translation>仅限 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="94"/>
        <source>needs %1 or more guests</source>
        <translation>需 %1 人及以上</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="96"/>
        <source>needs %1 of its items</source>
        <translation>适用菜品需满 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="99"/>
        <source>already used %1 times (the limit)</source>
        <translation>已用 %1 次（达到上限）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="104"/>
        <source>not started yet</source>
        <translation>尚未开始</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="105"/>
        <source>ended</source>
        <translation>已结束</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="106"/>
        <source>public holidays only</source>
        <translation>仅限法定节假日</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="107"/>
        <source>not on public holidays</source>
        <translation>法定节假日不适用</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="108"/>
        <source>not for this service type (dine-in / takeaway)</source>
        <translation>不适用于此就餐方式（堂食/外带）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="109"/>
        <source>for current members only</source>
        <translation>仅限有效会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="110"/>
        <source>not for this tier</source>
        <translation>不适用于此会员等级</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="111"/>
        <source>not for this member&apos;s segment</source>
        <translation>不适用于此会员分群</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="112"/>
        <source>none of its items are on the order</source>
        <translation>订单中没有适用菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="113"/>
        <source>the coupon has expired</source>
        <translation>优惠券已过期</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offer_text.py" line="122"/>
        <source>coupon %1 (%2)</source>
        <translation>优惠券 %1（%2）</translation>
    </message>
</context>
<context>
    <name>Offline</name>
    <message>
        <location filename="../../ui/cashier/offline_text.py" line="19"/>
        <source>Offline, this member may pay at most %1 from stored value until the server is back: take the rest in cash or by card.</source>
        <translation>离线期间该会员最多可用储值支付 %1：其余请收现金或刷卡。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_text.py" line="25"/>
        <source>Offline, this member may redeem at most %1 points until the server is back: take the order without redeeming.</source>
        <translation>离线期间该会员最多可用 %1 积分：请不用积分结账。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_text.py" line="31"/>
        <source>Renewals and upgrades need the server: take them off the order for now.</source>
        <translation>续费和升级需要连接服务器：请先从订单中移除。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_text.py" line="35"/>
        <source>Coupons and manual discounts need the server: take them off the order for now.</source>
        <translation>优惠券和店内折让需要连接服务器：请先从订单中移除。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_text.py" line="40"/>
        <source>Offline, only the orders this till sold since the server went can be refunded: this one&apos;s refund needs the server.</source>
        <translation>离线时只能退本机在断线后售出的订单：这笔订单的退款需要服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_text.py" line="46"/>
        <source>Offline, a top-up is taken in cash only.</source>
        <translation>离线时只能用现金充值。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_text.py" line="47"/>
        <source>This needs the server: try again when it is back.</source>
        <translation>此操作需要连接服务器：请在恢复后重试。</translation>
    </message>
</context>
<context>
    <name>OfflineStatus</name>
    <message>
        <location filename="../../ui/cashier/offline_status.py" line="190"/>
        <source>Offline since %1 — %2 sales waiting</source>
        <translation>离线（%1 起）— %2 笔待同步</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_status.py" line="193"/>
        <source>Back online — syncing %2 offline sales</source>
        <translation>已恢复联网 — 正在同步 %2 笔离线单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/offline_status.py" line="195"/>
        <source>Back online — %2 offline sales not synced yet: retrying</source>
        <translation>已恢复联网 — %2 笔离线单尚未同步：正在重试</translation>
    </message>
</context>
<context>
    <name>OrderPanel</name>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="51"/>
        <source>Item</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="52"/>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="53"/>
        <source>Price</source>
        <translation>单价</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="54"/>
        <source>Discount</source>
        <translation>优惠</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="55"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="74"/>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="77"/>
        <source>Discount…</source>
        <translation>折扣…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="92"/>
        <source>Subtotal</source>
        <translation>小计</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="93"/>
        <source>Discounts</source>
        <translation>优惠合计</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="94"/>
        <source>Points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="95"/>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="133"/>
        <source>%1 points</source>
        <translation>%1 积分</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="143"/>
        <source>until %1</source>
        <translation>至 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="144"/>
        <source>Membership renewal</source>
        <translation>会员续费</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="150"/>
        <source>Upgrade to %1</source>
        <translation>升级至%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="151"/>
        <source>fee difference</source>
        <translation>年费差价</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="156"/>
        <source>+%1 bonus</source>
        <translation>赠送 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="157"/>
        <source>Stored-value top-up</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="183"/>
        <source>Tap to type the quantity</source>
        <translation>点按输入数量</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="185"/>
        <source>This category is excluded from the tier discount</source>
        <translation>该类别不参与会员等级折扣</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="207"/>
        <source>offer %1</source>
        <translation>优惠 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="209"/>
        <source>staff discount %1</source>
        <translation>店内折让 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="214"/>
        <source>excluded</source>
        <translation>不打折</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/order_panel.py" line="216"/>
        <source>expired</source>
        <translation>会员过期</translation>
    </message>
</context>
<context>
    <name>ParetoChart</name>
    <message>
        <location filename="../../ui/manager/pareto_chart.py" line="60"/>
        <source>Share of revenue by share of members (top spenders first)</source>
        <translation>会员累计占比与收入累计占比（按消费从高到低）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/pareto_chart.py" line="64"/>
        <source>Members&apos; revenue</source>
        <translation>会员收入</translation>
    </message>
    <message>
        <location filename="../../ui/manager/pareto_chart.py" line="67"/>
        <source>Everyone spends alike</source>
        <translation>人人消费相同（参考线）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/pareto_chart.py" line="77"/>
        <source>Top 20%: {share} of revenue</source>
        <translation>前20%会员：占收入 {share}</translation>
    </message>
    <message>
        <location filename="../../ui/manager/pareto_chart.py" line="85"/>
        <source>Members, cumulative %</source>
        <translation>会员累计占比 %</translation>
    </message>
    <message>
        <location filename="../../ui/manager/pareto_chart.py" line="86"/>
        <source>Revenue, cumulative %</source>
        <translation>收入累计占比 %</translation>
    </message>
</context>
<context>
    <name>PermissionText</name>
    <message>
        <location filename="../../ui/permission_text.py" line="13"/>
        <source>take payments</source>
        <translation>收款</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="14"/>
        <source>change the till&apos;s settings</source>
        <translation>修改收银台设置</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="15"/>
        <source>open the cash drawer</source>
        <translation>打开钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="16"/>
        <source>enrol members and issue cards</source>
        <translation>办理会员和发卡</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="17"/>
        <source>merge member records</source>
        <translation>合并会员记录</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="18"/>
        <source>refund or void orders</source>
        <translation>退款或作废订单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="19"/>
        <source>correct points or stored value</source>
        <translation>调整积分或储值</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="20"/>
        <source>change a member&apos;s tier</source>
        <translation>更改会员等级</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="21"/>
        <source>edit the loyalty rules</source>
        <translation>编辑会员规则</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="22"/>
        <source>issue coupons</source>
        <translation>发放优惠券</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="23"/>
        <source>give a discount by hand</source>
        <translation>手动打折</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="24"/>
        <source>work member lists</source>
        <translation>处理会员名单</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="25"/>
        <source>view reports</source>
        <translation>查看报表</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="26"/>
        <source>run training mode</source>
        <translation>运行培训模式</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="27"/>
        <source>manage staff</source>
        <translation>管理员工</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="28"/>
        <source>import members</source>
        <translation>导入会员</translation>
    </message>
    <message>
        <location filename="../../ui/permission_text.py" line="29"/>
        <source>manage the menu</source>
        <translation>管理菜单</translation>
    </message>
</context>
<context>
    <name>PinPolicy</name>
    <message>
        <location filename="../../ui/new_pin_dialog.py" line="33"/>
        <source>%1 to %2 digits; not one digit repeated, not digits in a row.</source>
        <translation>%1 到 %2 位数字；不能是同一数字重复，也不能是连续数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pin_text.py" line="13"/>
        <source>A PIN is digits 0-9 only.</source>
        <translation>密码只能是数字 0-9。</translation>
    </message>
    <message>
        <location filename="../../ui/pin_text.py" line="15"/>
        <source>A PIN has at least %1 digits.</source>
        <translation>密码至少 %1 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pin_text.py" line="18"/>
        <source>A PIN has at most %1 digits.</source>
        <translation>密码最多 %1 位数字。</translation>
    </message>
    <message>
        <location filename="../../ui/pin_text.py" line="21"/>
        <source>A PIN of one digit repeated is too easy to guess.</source>
        <translation>同一数字重复的密码太容易被猜到。</translation>
    </message>
    <message>
        <location filename="../../ui/pin_text.py" line="22"/>
        <source>A PIN of digits in a row (like 1234) is too easy to guess.</source>
        <translation>连续数字的密码（如 1234）太容易被猜到。</translation>
    </message>
</context>
<context>
    <name>PrintJobs</name>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="37"/>
        <source>waiting</source>
        <translation>等待中</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="38"/>
        <source>printing</source>
        <translation>打印中</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="39"/>
        <source>printed</source>
        <translation>已打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="40"/>
        <source>sent, not confirmed</source>
        <translation>已发送（未确认）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="41"/>
        <source>FAILED</source>
        <translation>失败</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="42"/>
        <source>not printed: printed offline</source>
        <translation>未打印：已离线打印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="49"/>
        <source>receipt</source>
        <translation>小票</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="50"/>
        <source>reprint</source>
        <translation>重印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="51"/>
        <source>cash drawer</source>
        <translation>钱箱</translation>
    </message>
</context>
<context>
    <name>PrintJobsDialog</name>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="71"/>
        <source>Print jobs</source>
        <translation>打印任务</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="82"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="83"/>
        <source>Slip</source>
        <translation>单据</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="84"/>
        <source>Printer</source>
        <translation>打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="85"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="86"/>
        <source>Tries</source>
        <translation>次数</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="87"/>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="98"/>
        <source>Order number, e.g. T1-20261122-0001</source>
        <translation>订单号，例如 T1-20261122-0001</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="100"/>
        <source>Waiting for the server…</source>
        <translation>正在等待服务器…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="104"/>
        <source>Retry failed now</source>
        <translation>立即重试失败任务</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="105"/>
        <source>Reprint selected</source>
        <translation>重印所选</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="106"/>
        <source>Send to another printer…</source>
        <translation>改用其他打印机…</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="107"/>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="115"/>
        <source>Reprint a past receipt:</source>
        <translation>重印历史小票：</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="117"/>
        <source>Reprint</source>
        <translation>重印</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="168"/>
        <source>No receipt of a sale made offline has number %1: the receipts of online orders can be reprinted once the server is back.</source>
        <translation>离线销售中没有订单 %1 的小票：在线订单的小票需等服务器恢复后才能重印。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="185"/>
        <source>%1 (offline)</source>
        <translation>%1（离线）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="208"/>
        <source>Select a receipt first.</source>
        <translation>请先选择一张小票。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="215"/>
        <source>No receipt found for order %1.</source>
        <translation>未找到订单 %1 的小票。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="228"/>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="236"/>
        <source>Select a slip that has not printed.</source>
        <translation>请选择尚未打印的单据。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="231"/>
        <source>Send to another printer</source>
        <translation>改用其他打印机</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/print_jobs_dialog.py" line="231"/>
        <source>Printer address:</source>
        <translation>打印机地址：</translation>
    </message>
</context>
<context>
    <name>PrinterPicker</name>
    <message>
        <location filename="../../ui/printer_picker.py" line="42"/>
        <source>Simulator (on screen)</source>
        <translation>模拟打印机（屏幕预览）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="43"/>
        <source>Network printer (port 9100)</source>
        <translation>网络打印机（9100 端口）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="44"/>
        <source>Serial printer</source>
        <translation>串口打印机</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="45"/>
        <source>USB printer (vendor:product)</source>
        <translation>USB 打印机（厂商号:产品号）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="46"/>
        <source>Printer device file</source>
        <translation>打印机设备文件</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="47"/>
        <source>PDF files in a folder</source>
        <translation>PDF 文件（保存到文件夹）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="53"/>
        <source>Find ports</source>
        <translation>查找端口</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="58"/>
        <source>80 mm (48 columns)</source>
        <translation>80 毫米（48 列）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="59"/>
        <source>58 mm (32 columns)</source>
        <translation>58 毫米（32 列）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="61"/>
        <source>Pin 2</source>
        <translation>2 号针脚</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="62"/>
        <source>Pin 5</source>
        <translation>5 号针脚</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="64"/>
        <source>GB2312 (simplified Chinese)</source>
        <translation>GB2312（简体字）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="65"/>
        <source>GBK (traditional Chinese too)</source>
        <translation>GBK（含繁体字）</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="67"/>
        <source>Characters the font lacks print as a simplified form, a reading or ?</source>
        <translation>字库中没有的字打印为简体字、[拼音] 或 ?</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="81"/>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="82"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="83"/>
        <source>Serial port</source>
        <translation>串口</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="84"/>
        <source>Speed (baud)</source>
        <translation>波特率</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="85"/>
        <source>Paper</source>
        <translation>纸宽</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="86"/>
        <source>Cash drawer</source>
        <translation>钱箱</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="87"/>
        <source>Chinese font</source>
        <translation>中文字库</translation>
    </message>
    <message>
        <location filename="../../ui/printer_picker.py" line="88"/>
        <source>Printer URL</source>
        <translation>打印机地址（URL）</translation>
    </message>
</context>
<context>
    <name>Profile</name>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="40"/>
        <source>Enter the restaurant&apos;s name.</source>
        <translation>请输入餐厅名称。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="41"/>
        <source>The restaurant&apos;s name is at most %1 characters.</source>
        <translation>餐厅名称最多 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="44"/>
        <source>The address, phone, tax line, header and footer are at most %1 characters.</source>
        <translation>地址、电话、税号行、小票抬头和结尾最多 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="47"/>
        <source>Choose one of the currencies.</source>
        <translation>请选择一种币种。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="48"/>
        <source>The business day starts at an hour from 0 to 11.</source>
        <translation>营业日的开始时间须在 0 点到 11 点之间。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="51"/>
        <source>The currency is chosen at set-up and cannot change later.</source>
        <translation>币种在开店设置时选定，之后不能更改。</translation>
    </message>
</context>
<context>
    <name>ProfileActions</name>
    <message>
        <location filename="../../ui/manager/member_story_profile.py" line="28"/>
        <source>Export member data</source>
        <translation>导出会员数据</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_profile.py" line="29"/>
        <source>JSON files (*.json)</source>
        <translation>JSON 文件 (*.json)</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/manager/member_story_profile.py" line="84"/>
        <source>Profile saved: %n change(s).</source>
        <translation>
            <numerusform>资料已保存：%n 项修改。</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_profile.py" line="86"/>
        <source>Nothing changed.</source>
        <translation>没有修改。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_profile.py" line="105"/>
        <source>Exported %1 records to %2.</source>
        <translation>已导出 %1 条记录到 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_profile.py" line="111"/>
        <source>Exporting the member&apos;s data…</source>
        <translation>正在导出会员数据…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_profile.py" line="139"/>
        <source>Member %1 erased.</source>
        <translation>会员 %1 已删除。</translation>
    </message>
</context>
<context>
    <name>ProfileDetailsForm</name>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="80"/>
        <source>e.g. tax or business registration number</source>
        <translation>例如：纳税人识别号或统一社会信用代码</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="82"/>
        <source>Empty: the address and the phone</source>
        <translation>留空：打印地址和电话</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="84"/>
        <source>Empty: the till&apos;s thanks</source>
        <translation>留空：打印默认致谢语</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="88"/>
        <source>Restaurant name</source>
        <translation>餐厅名称</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="89"/>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="90"/>
        <source>Phone</source>
        <translation>电话</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="91"/>
        <source>Tax/registration line</source>
        <translation>税号/登记信息</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="92"/>
        <source>Receipt header</source>
        <translation>小票抬头</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="93"/>
        <source>Receipt footer</source>
        <translation>小票结尾</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="101"/>
        <source>Receipt at 58 mm</source>
        <translation>58 毫米小票</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/profile_form.py" line="102"/>
        <source>Receipt at 80 mm</source>
        <translation>80 毫米小票</translation>
    </message>
</context>
<context>
    <name>QuantityDialog</name>
    <message>
        <location filename="../../ui/cashier/quantity_dialog.py" line="20"/>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/quantity_dialog.py" line="38"/>
        <source>Type how many, from 0 to %1.</source>
        <translation>请输入数量，0 到 %1。</translation>
    </message>
</context>
<context>
    <name>ReaderLearningDialog</name>
    <message>
        <location filename="../../ui/reader_learning.py" line="50"/>
        <source>Learn my reader</source>
        <translation>识别读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="60"/>
        <source>Read the same card twice with the reader, a moment apart.</source>
        <translation>请用读卡器把同一张卡读两次，中间稍停片刻。</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="68"/>
        <source>Start again</source>
        <translation>重新开始</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="70"/>
        <source>Use these</source>
        <translation>使用这些设置</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="113"/>
        <source>Reads heard: %1 of %2</source>
        <translation>已读到：%1 / %2 次</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="123"/>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="125"/>
        <source>Before each card: %1 · after it: %2 · keys at most %3 ms apart</source>
        <translation>卡号前：%1 · 卡号后：%2 · 按键间隔最多 %3 毫秒</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="133"/>
        <source>No card number was in that read: try again.</source>
        <translation>这次读取中没有卡号，请再读一次。</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="135"/>
        <source>The reader ends a read with no Enter or Tab: set it to send Enter.</source>
        <translation>读卡器读完后没有发送回车或 Tab 键，请把它设为发送回车。</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="138"/>
        <source>The reader types % or ; before each card, which starts a card swipe: set it to add nothing before the card.</source>
        <translation>读卡器在卡号前输入了 % 或 ;，这会被当作刷卡开头，请把它设为卡号前不加任何字符。</translation>
    </message>
    <message>
        <location filename="../../ui/reader_learning.py" line="142"/>
        <source>The two reads differed around the card: read the same card twice again.</source>
        <translation>两次读取卡号前后的字符不一致，请把同一张卡再读两次。</translation>
    </message>
</context>
<context>
    <name>ReaderSettings</name>
    <message>
        <location filename="../../ui/reader_settings.py" line="29"/>
        <source>Learn my reader…</source>
        <translation>识别读卡器…</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="34"/>
        <source>a card number (magnetic or printed)</source>
        <translation>卡号（磁条卡或卡面印的号码）</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="35"/>
        <source>the number printed on a 125 kHz ID card (EM4100)</source>
        <translation>125 kHz ID 卡卡面印的号码（EM4100）</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="36"/>
        <source>a 125 kHz ID card in 10 hex digits</source>
        <translation>125 kHz ID 卡的 10 位十六进制号</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="37"/>
        <source>an IC card (NFC) UID</source>
        <translation>IC 卡（NFC）的 UID</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="41"/>
        <source>as the card sends it</source>
        <translation>按卡片原顺序</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="42"/>
        <source>last byte first</source>
        <translation>末字节在前</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="49"/>
        <source>Numbers it sends are</source>
        <translation>读卡器发送的数字是</translation>
    </message>
    <message>
        <location filename="../../ui/reader_settings.py" line="50"/>
        <source>IC card UID bytes</source>
        <translation>IC 卡 UID 字节顺序</translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <location filename="../../ui/cashier/reason_text.py" line="13"/>
        <source>Wrong items rung up</source>
        <translation>点错菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/reason_text.py" line="14"/>
        <source>Guest complaint</source>
        <translation>顾客投诉</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/reason_text.py" line="15"/>
        <source>Charged twice</source>
        <translation>重复收款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/reason_text.py" line="16"/>
        <source>Guest changed their mind</source>
        <translation>顾客改变主意</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/reason_text.py" line="17"/>
        <source>Correction of a mistake</source>
        <translation>更正错误</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/reason_text.py" line="18"/>
        <source>Goodwill gesture</source>
        <translation>善意补偿</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/reason_text.py" line="19"/>
        <source>Other (say why in the note)</source>
        <translation>其他（请在备注中说明）</translation>
    </message>
</context>
<context>
    <name>RefundDialog</name>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="69"/>
        <location filename="../../ui/cashier/refund_dialog.py" line="406"/>
        <source>Refund an order</source>
        <translation>订单退款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="80"/>
        <location filename="../../ui/cashier/refund_dialog.py" line="132"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="81"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="82"/>
        <source>Paid</source>
        <translation>实付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="83"/>
        <source>Member</source>
        <translation>会员</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="84"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="95"/>
        <source>Order number, e.g. T1-20261122-0001</source>
        <translation>订单号，例如 T1-20261122-0001</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="99"/>
        <source>Item</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="99"/>
        <source>Sold</source>
        <translation>已售</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="99"/>
        <source>Refunded</source>
        <translation>已退</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="99"/>
        <source>Refund now</source>
        <translation>本次退</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="112"/>
        <source>Membership renewal</source>
        <translation>会员续费</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="113"/>
        <source>Tier upgrade</source>
        <translation>等级升级</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="114"/>
        <source>Stored-value top-up</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="129"/>
        <source>Refund</source>
        <translation>退款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="133"/>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="134"/>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="139"/>
        <source>Offline: only the orders this till sold since the server went can be refunded now; the refund goes to the server with them.</source>
        <translation>离线：现在只能退本机在断线后售出的订单；退款会随这些订单一起同步到服务器。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="146"/>
        <source>Latest orders at this till</source>
        <translation>本收银台最近的订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="149"/>
        <source>Items to refund (all that is left, or fewer)</source>
        <translation>要退的菜品（默认全部剩余，可减少）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="200"/>
        <source>refunded</source>
        <translation>已退款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="201"/>
        <source>partly refunded</source>
        <translation>部分退款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="202"/>
        <source>paid</source>
        <translation>已付款</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="284"/>
        <source>Pick the order to refund.</source>
        <translation>请选择要退款的订单。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="318"/>
        <source>Order %1, paid %2.</source>
        <translation>订单 %1，实付 %2。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="324"/>
        <source>Part of the order: %1 item(s).</source>
        <translation>部分退款：%1 份。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="327"/>
        <source>Renewal fee %1 back.</source>
        <translation>退还续费 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="328"/>
        <source>Upgrade fee %1 back.</source>
        <translation>退还升级费 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="329"/>
        <source>Top-up %1 back: it leaves the stored-value balance.</source>
        <translation>退还充值 %1：从储值余额中扣除。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="334"/>
        <source>Give back %1.</source>
        <translation>退还 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="337"/>
        <source>Member: %1</source>
        <translation>会员：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="339"/>
        <source>Stored value %1 (principal %2, bonus %3).</source>
        <translation>储值 %1（本金 %2，赠送 %3）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="346"/>
        <source>Points %1.</source>
        <translation>积分 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="350"/>
        <source>The renewal is undone: valid until %1 again.</source>
        <translation>撤销续费：有效期恢复至 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="353"/>
        <source>The tier this order earned is taken back.</source>
        <translation>撤销本单带来的等级升级。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/refund_dialog.py" line="375"/>
        <source>Refund order %1 (%2)</source>
        <translation>订单 %1 退款（%2）</translation>
    </message>
</context>
<context>
    <name>ReportExport</name>
    <message>
        <location filename="../../ui/manager/report_export.py" line="69"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/report_export.py" line="71"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/report_export.py" line="73"/>
        <source>Save report as</source>
        <translation>报表另存为</translation>
    </message>
    <message>
        <location filename="../../ui/manager/report_export.py" line="79"/>
        <source>Exported {rows} rows to {path}.</source>
        <translation>已导出 {rows} 行到 {path}。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/report_export.py" line="85"/>
        <source>Export cancelled: no file was written.</source>
        <translation>导出已取消：未写入文件。</translation>
    </message>
</context>
<context>
    <name>ReportsTab</name>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="86"/>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="88"/>
        <source>Preview</source>
        <translation>预览</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="90"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="93"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="96"/>
        <source>Print on receipt printer</source>
        <translation>在小票打印机上打印</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="98"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="107"/>
        <source>Report</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="158"/>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="181"/>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="201"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="225"/>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="228"/>
        <source>Showing the first {shown} of {total} rows.</source>
        <translation>显示前 {shown} 行，共 {total} 行。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="243"/>
        <source>Exporting… {rows} rows</source>
        <translation>正在导出… 已完成 {rows} 行</translation>
    </message>
    <message>
        <location filename="../../ui/manager/reports_tab.py" line="256"/>
        <source>Sent to the receipt printer.</source>
        <translation>已发送到小票打印机。</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="111"/>
        <source>Resolve the complaint</source>
        <translation>处理投诉</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="113"/>
        <source>How it was resolved</source>
        <translation>处理结果</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="115"/>
        <source>Complaint</source>
        <translation>投诉</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="116"/>
        <source>Outcome</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_dialogs.py" line="118"/>
        <source>Resolve</source>
        <translation>结案</translation>
    </message>
</context>
<context>
    <name>RestaurantTab</name>
    <message>
        <location filename="../../ui/manager/restaurant_tab.py" line="51"/>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <location filename="../../ui/manager/restaurant_tab.py" line="74"/>
        <source>Saved: receipts printed from now on carry these details.</source>
        <translation>已保存：此后打印的小票将使用这些信息。</translation>
    </message>
</context>
<context>
    <name>RowNoteText</name>
    <message>
        <location filename="../../ui/row_note_text.py" line="14"/>
        <source>phone</source>
        <translation>手机号</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="15"/>
        <source>name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="16"/>
        <source>birthday</source>
        <translation>生日</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="17"/>
        <source>card</source>
        <translation>卡号</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="18"/>
        <source>stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="19"/>
        <source>points</source>
        <translation>积分</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="20"/>
        <source>tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="21"/>
        <location filename="../../ui/row_note_text.py" line="22"/>
        <source>expiry</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="23"/>
        <source>gender</source>
        <translation>性别</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="24"/>
        <source>allergies</source>
        <translation>过敏</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="25"/>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="33"/>
        <source>the {0} holds a NUL byte</source>
        <translation>{0}中含有 NUL 字节</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="34"/>
        <source>the {0} is longer than {1} characters</source>
        <translation>{0}超过 {1} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="35"/>
        <source>{0} is not a phone number</source>
        <translation>{0} 不是手机号</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="36"/>
        <source>{0} is not a mobile number: it has fewer than 11 digits</source>
        <translation>{0} 不是手机号：不足 11 位</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="39"/>
        <source>{0} is not a mobile number: it has more than 11 digits</source>
        <translation>{0} 不是手机号：超过 11 位</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="42"/>
        <source>the phone {0} needs its area code (010 …)</source>
        <translation>电话 {0} 需要带区号（如 010 …）</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="45"/>
        <source>the name is empty</source>
        <translation>姓名为空</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="46"/>
        <source>the name is longer than {0} characters</source>
        <translation>姓名超过 {0} 个字符</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="47"/>
        <source>the birthday {0} is not in the past</source>
        <translation>生日 {0} 不在今天之前</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="48"/>
        <source>the card number {0} cannot be read</source>
        <translation>无法识别卡号 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="49"/>
        <source>the gender is 男/女, male/female or empty, not {0}</source>
        <translation>性别应为 男/女、male/female 或留空，而不是 {0}</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="52"/>
        <source>there is no tier called {0}</source>
        <translation>没有名为 {0} 的等级</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="53"/>
        <source>the {0} {1} is not a date (write 2024-01-31)</source>
        <translation>{0} {1} 不是日期（请写成 2024-01-31）</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="56"/>
        <source>the stored value {0} is not an amount (write 1234.50)</source>
        <translation>储值 {0} 不是金额（请写成 1234.50）</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="59"/>
        <source>the stored value {0} is negative</source>
        <translation>储值 {0} 为负数</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="62"/>
        <source>the stored value {0} is over {1}</source>
        <translation>储值 {0} 超过 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="65"/>
        <source>the points {0} are not a whole number</source>
        <translation>积分 {0} 不是整数</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="68"/>
        <source>the points {0} are negative</source>
        <translation>积分 {0} 为负数</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="69"/>
        <source>the points {0} are over {1}</source>
        <translation>积分 {0} 超过 {1}</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="70"/>
        <source>the phone {0} is also on line {1}</source>
        <translation>手机号 {0} 在第 {1} 行也出现了</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="71"/>
        <source>the card {0} is also on line {1}</source>
        <translation>卡号 {0} 在第 {1} 行也出现了</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="72"/>
        <source>the card {0} is another member&apos;s</source>
        <translation>卡号 {0} 已属于另一位会员</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="73"/>
        <source>the phone {0} is already member {1}&apos;s</source>
        <translation>手机号 {0} 已是会员 {1} 的</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="74"/>
        <source>skipped: the phone {0} is already member {1}&apos;s</source>
        <translation>已跳过：手机号 {0} 已是会员 {1} 的</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="77"/>
        <source>merged: the phone {0} is already member {1}&apos;s; filled in {2}</source>
        <translation>已合并：手机号 {0} 已是会员 {1} 的；补充了{2}</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="80"/>
        <source>merged: the phone {0} is already member {1}&apos;s; the card {3} is already taken; filled in {2}</source>
        <translation>已合并：手机号 {0} 已是会员 {1} 的；卡号 {3} 已被占用；补充了{2}</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="96"/>
        <source>nothing</source>
        <translation>无</translation>
    </message>
    <message>
        <location filename="../../ui/row_note_text.py" line="97"/>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ScopePicker</name>
    <message>
        <location filename="../../ui/manager/scope_picker.py" line="25"/>
        <source>This store ({name})</source>
        <translation>本店（{name}）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/scope_picker.py" line="27"/>
        <source>Store: {name}</source>
        <translation>门店：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/manager/scope_picker.py" line="29"/>
        <source>Region: {name}</source>
        <translation>区域：{name}</translation>
    </message>
    <message>
        <location filename="../../ui/manager/scope_picker.py" line="30"/>
        <source>Whole chain</source>
        <translation>全连锁</translation>
    </message>
</context>
<context>
    <name>SegmentNames</name>
    <message>
        <location filename="../../ui/segment_names.py" line="18"/>
        <source>Champions</source>
        <translation>核心会员</translation>
    </message>
    <message>
        <location filename="../../ui/segment_names.py" line="19"/>
        <source>Loyal</source>
        <translation>忠诚会员</translation>
    </message>
    <message>
        <location filename="../../ui/segment_names.py" line="20"/>
        <source>Potential</source>
        <translation>潜力会员</translation>
    </message>
    <message>
        <location filename="../../ui/segment_names.py" line="21"/>
        <source>New</source>
        <translation>新会员</translation>
    </message>
    <message>
        <location filename="../../ui/segment_names.py" line="22"/>
        <source>Need attention</source>
        <translation>需关注会员</translation>
    </message>
    <message>
        <location filename="../../ui/segment_names.py" line="23"/>
        <source>At risk</source>
        <translation>流失风险会员</translation>
    </message>
    <message>
        <location filename="../../ui/segment_names.py" line="24"/>
        <source>Hibernating</source>
        <translation>沉睡会员</translation>
    </message>
    <message>
        <location filename="../../ui/segment_names.py" line="25"/>
        <source>Lost</source>
        <translation>已流失会员</translation>
    </message>
</context>
<context>
    <name>ServerLink</name>
    <message>
        <location filename="../../ui/cashier/server_link.py" line="63"/>
        <source>Server unreachable since %1: retrying by itself…</source>
        <translation>自 %1 起无法连接服务器：正在自动重试…</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/settings_dialog.py" line="61"/>
        <source>Till settings</source>
        <translation>收银台设置</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="67"/>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="78"/>
        <source>empty for none</source>
        <translation>留空表示没有</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="88"/>
        <source>Check printer</source>
        <translation>检查打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="89"/>
        <source>Test print</source>
        <translation>打印测试页</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="90"/>
        <source>Drawer test</source>
        <translation>钱箱测试</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="102"/>
        <source>In training mode, print on this printer (slips marked TRAINING)</source>
        <translation>培训模式下也用这台打印机（小票标注“培训”）</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="109"/>
        <source>Open the till full screen</source>
        <translation>收银台全屏显示</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="113"/>
        <source>Show a member&apos;s usual dishes</source>
        <translation>显示会员常点菜品</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="117"/>
        <source>Suggest a dish often ordered with the order&apos;s</source>
        <translation>推荐常与所点菜品一起点的菜</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="122"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="126"/>
        <source>Till id</source>
        <translation>收银台编号</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="128"/>
        <source>Customer display</source>
        <translation>客显屏</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="152"/>
        <source>Last backup: made on the PostgreSQL server.</source>
        <translation>上次备份：由 PostgreSQL 服务器负责。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="154"/>
        <source>Last backup: none yet.</source>
        <translation>上次备份：尚无。</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="156"/>
        <source>Last backup: %1, in %2</source>
        <translation>上次备份：%1，位于 %2</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="183"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="96"/>
        <source>Receipt printer</source>
        <translation>小票打印机</translation>
    </message>
    <message>
        <location filename="../../ui/settings_dialog.py" line="127"/>
        <source>Card reader</source>
        <translation>读卡器</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="91"/>
        <source>Set up your restaurant</source>
        <translation>开店设置</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="102"/>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="118"/>
        <source>The restaurant and its receipt</source>
        <translation>餐厅与小票</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="119"/>
        <source>Currency and business day</source>
        <translation>币种与营业日</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="120"/>
        <source>Membership programme</source>
        <translation>会员方案</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="121"/>
        <source>The first manager</source>
        <translation>第一位经理</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="122"/>
        <source>Printer and card reader</source>
        <translation>打印机与读卡器</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="136"/>
        <source>&lt; &amp;Back</source>
        <translation>&lt; 上一步(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="137"/>
        <source>&amp;Next &gt;</source>
        <translation>下一步(&amp;N) &gt;</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="138"/>
        <source>&amp;Finish</source>
        <translation>完成(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="194"/>
        <source>Step %1 of %2: %3</source>
        <translation>第 %1 步，共 %2 步：%3</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="233"/>
        <source>Device address not understood: %1</source>
        <translation>无法识别的设备地址：%1</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="239"/>
        <source>Working…</source>
        <translation>处理中…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="270"/>
        <source>Setting up the restaurant…</source>
        <translation>正在设置餐厅…</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/wizard.py" line="286"/>
        <source>The restaurant was not set up: %1</source>
        <translation>餐厅未能设置：%1</translation>
    </message>
</context>
<context>
    <name>StaffFormDialog</name>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="55"/>
        <source>Add a staff member</source>
        <translation>添加员工</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="55"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="66"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="67"/>
        <source>Sign-in name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="68"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="75"/>
        <source>PIN</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="76"/>
        <source>PIN again</source>
        <translation>再次输入密码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="84"/>
        <source>The two PINs differ: type the same PIN twice.</source>
        <translation>两次输入的密码不一致：请输入相同的密码两次。</translation>
    </message>
</context>
<context>
    <name>StaffPage</name>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="27"/>
        <source>Cashier</source>
        <translation>收银员</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="28"/>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="29"/>
        <source>Trainee</source>
        <translation>实习生</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_dialogs.py" line="30"/>
        <source>Chain manager</source>
        <translation>连锁经理</translation>
    </message>
</context>
<context>
    <name>StaffTab</name>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="61"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="61"/>
        <source>Sign-in name</source>
        <translation>登录名</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="61"/>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="61"/>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="62"/>
        <source>Badge</source>
        <translation>工牌</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="76"/>
        <source>%1 to %2 digits</source>
        <translation>%1 到 %2 位数字</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="86"/>
        <source>Add…</source>
        <translation>添加…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="87"/>
        <source>Edit…</source>
        <translation>编辑…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="88"/>
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="89"/>
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="90"/>
        <source>Reset PIN…</source>
        <translation>重置密码…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="91"/>
        <source>Register badge…</source>
        <translation>登记工牌…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="92"/>
        <source>Remove badge</source>
        <translation>移除工牌</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="97"/>
        <source>PINs have</source>
        <translation>密码长度</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="159"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="161"/>
        <source>Active: new PIN at next sign-in</source>
        <translation>在职：下次登录时设置新密码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="163"/>
        <source>Active: locked after wrong PINs</source>
        <translation>在职：密码错误次数过多已锁定</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="164"/>
        <source>Active</source>
        <translation>在职</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="232"/>
        <source>Type a one-time PIN for %1 and tell them: it signs them in once, and they then choose their own.</source>
        <translation>为%1输入一个临时密码并告知本人：可用它登录一次，之后由本人设置自己的密码。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="236"/>
        <source>Reset PIN</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/staff_tab.py" line="289"/>
        <source>The PIN policy setting is not one the till knows.</source>
        <translation>密码规则设置无法识别。</translation>
    </message>
</context>
<context>
    <name>StaffText</name>
    <message>
        <location filename="../../ui/staff_text.py" line="12"/>
        <source>%1 (trainee)</source>
        <translation>%1（实习）</translation>
    </message>
</context>
<context>
    <name>StartupProblem</name>
    <message>
        <location filename="../../ui/startup_problem.py" line="16"/>
        <source>Membership till</source>
        <translation>会员收银台</translation>
    </message>
    <message>
        <location filename="../../ui/startup_problem.py" line="18"/>
        <source>The till cannot open its database.</source>
        <translation>收银台无法打开数据库。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_problem.py" line="24"/>
        <source>Another till on this database already uses the till id %1: give this till another id with the command pos tills set-id --next (or pos tills set-id followed by an id), or, if this till replaces that one, free the id with pos tills release %1.</source>
        <translation>本数据库中已有另一台收银台使用收银台编号 %1：请用命令 pos tills set-id --next（或 pos tills set-id 加上编号）为本机换一个编号；如果本机是替换那台收银台的，请用 pos tills release %1 释放该编号。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_problem.py" line="31"/>
        <source>This till&apos;s id is already in use.</source>
        <translation>本机的收银台编号已被占用。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_problem.py" line="35"/>
        <source>The server cannot be reached and this till has no local copy to open from yet: check the server and the network, then start the till again.</source>
        <translation>无法连接服务器，本机还没有可用于打开的本地副本：请检查服务器和网络，然后重新启动收银台。</translation>
    </message>
    <message>
        <location filename="../../ui/startup_problem.py" line="40"/>
        <source>The server cannot be reached.</source>
        <translation>无法连接服务器。</translation>
    </message>
</context>
<context>
    <name>StoredValuePaymentDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="145"/>
        <source>Pay with stored value</source>
        <translation>储值支付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="149"/>
        <source>Pay from stored value</source>
        <translation>用储值支付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="152"/>
        <source>To pay</source>
        <translation>应付</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="153"/>
        <source>Stored value</source>
        <translation>储值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="155"/>
        <source>Left after payment</source>
        <translation>支付后余额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="161"/>
        <source>The stored value is %1 short: top it up first, or pay another way.</source>
        <translation>储值余额还差 %1：请先充值，或换一种支付方式。</translation>
    </message>
</context>
<context>
    <name>StoryHeader</name>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="42"/>
        <source>Edit profile…</source>
        <translation>编辑资料…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="44"/>
        <source>Export member data…</source>
        <translation>导出会员数据…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="46"/>
        <source>Erase member…</source>
        <translation>删除会员…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="77"/>
        <source>Value: the spend of the next %1 years at the member&apos;s pace so far (spend per year of membership, at least one year counted); nothing more once the last visit is over a year ago.</source>
        <translation>价值：按会员入会以来每年消费（至少按一年计）估算未来 %1 年的消费；最近一次到店超过一年则不再计入。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="83"/>
        <source>Tenure: %1 y %2 m</source>
        <translation>会龄：%1年%2个月</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="84"/>
        <source>Spend a year: %1</source>
        <translation>年消费：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="85"/>
        <source>Value (%1-year estimate): %2</source>
        <translation>价值（%1年估算）：%2</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="94"/>
        <source>Female</source>
        <translation>女</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="94"/>
        <source>Male</source>
        <translation>男</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="99"/>
        <source>Erased on %1 at the member&apos;s request: personal data removed; orders and ledgers kept for the accounts.</source>
        <translation>已于 %1 应会员要求删除：个人资料已清除；订单和账目为会计用途保留。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="105"/>
        <source>Phone: %1</source>
        <translation>电话：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="106"/>
        <source>Birthday: %1</source>
        <translation>生日：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="107"/>
        <source>Gender: %1</source>
        <translation>性别：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="108"/>
        <source>Joined: %1</source>
        <translation>入会：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="109"/>
        <source>Expires: %1</source>
        <translation>到期：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="110"/>
        <source>Points: %1</source>
        <translation>积分：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="111"/>
        <source>Stored value: %1</source>
        <translation>储值：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="112"/>
        <source>Visits: %1</source>
        <translation>到店：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="113"/>
        <source>Spend: %1</source>
        <translation>消费：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="114"/>
        <source>Last visit: %1</source>
        <translation>最近到店：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="118"/>
        <source>Notes: %1</source>
        <translation>备注：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="121"/>
        <source>Allergies: %1</source>
        <translation>过敏：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="127"/>
        <source>No allergies recorded.</source>
        <translation>未记录过敏。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="128"/>
        <source>Preferences: %1</source>
        <translation>偏好：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="131"/>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="131"/>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="134"/>
        <source>Consents: marketing %1, third parties %2, automated decisions %3, sensitive data %4</source>
        <translation>授权：营销 %1，第三方 %2，自动化决策 %3，敏感数据 %4</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="142"/>
        <source>(recorded %1)</source>
        <translation>（记录于 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="144"/>
        <source>(never recorded)</source>
        <translation>（从未记录）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="147"/>
        <source>active</source>
        <translation>有效</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="147"/>
        <source>blocked</source>
        <translation>已挂失</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="149"/>
        <source>Cards: %1</source>
        <translation>会员卡：%1</translation>
    </message>
    <message numerus="yes">
        <location filename="../../ui/manager/member_story_header.py" line="151"/>
        <source>%n overdue complaint(s)</source>
        <translation>
            <numerusform>%n 条投诉已逾期</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="163"/>
        <source>Qualifying spend in the window: %1</source>
        <translation>考核期内有效消费：%1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="169"/>
        <source>Spend %1 more for %2.</source>
        <translation>再消费 %1 即可升级为%2。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="172"/>
        <source>No higher tier to qualify for.</source>
        <translation>已是最高等级。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/member_story_header.py" line="174"/>
        <source>Spend %1 more this term and renewal is free.</source>
        <translation>本期再消费 %1 即可免费续费。</translation>
    </message>
</context>
<context>
    <name>SwipeDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="207"/>
        <source>Simulate card swipe</source>
        <translation>模拟刷卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="209"/>
        <source>Swipe</source>
        <translation>刷卡</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="211"/>
        <source>Card number the simulated reader sends:</source>
        <translation>模拟读卡器发送的卡号：</translation>
    </message>
</context>
<context>
    <name>TableDialog</name>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="181"/>
        <source>Dine-in table</source>
        <translation>堂食开台</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="189"/>
        <source>Table</source>
        <translation>桌号</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="190"/>
        <source>Guests</source>
        <translation>人数</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/dialogs.py" line="196"/>
        <source>Enter the table number.</source>
        <translation>请输入桌号。</translation>
    </message>
</context>
<context>
    <name>TargetedOfferForm</name>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="127"/>
        <source>New offer</source>
        <translation>新建定向优惠</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="127"/>
        <source>Edit offer %1</source>
        <translation>编辑优惠 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="136"/>
        <source>e.g. AFTERNOON-TEA</source>
        <translation>例如 AFTERNOON-TEA</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="140"/>
        <source>Percentage off</source>
        <translation>百分比折扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="141"/>
        <source>Amount off</source>
        <translation>立减金额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="164"/>
        <source>Lower first: the order offers add up in, and which wins a tie.</source>
        <translation>数字小的优先：决定优惠叠加的先后，以及优惠相同时取哪一个。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="169"/>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="171"/>
        <location filename="../../ui/manager/offer_forms.py" line="226"/>
        <source>From</source>
        <translation>起</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="172"/>
        <location filename="../../ui/manager/offer_forms.py" line="227"/>
        <source>Until</source>
        <translation>止</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="174"/>
        <source>Coupon only (applies only with a member&apos;s coupon)</source>
        <translation>仅限优惠券（须持会员优惠券方可使用）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="178"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="182"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="183"/>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="184"/>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="186"/>
        <source>Gives</source>
        <translation>优惠内容</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="187"/>
        <source>Value</source>
        <translation>优惠额度</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="188"/>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="189"/>
        <location filename="../../ui/manager/offer_forms.py" line="352"/>
        <source>Minimum spend on its items</source>
        <translation>适用菜品最低消费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="190"/>
        <source>Uses per member</source>
        <translation>每位会员限用次数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="191"/>
        <source>Valid</source>
        <translation>有效期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="199"/>
        <source>No control group</source>
        <translation>不设对照组</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="202"/>
        <source>Starts the offer&apos;s campaign when it is saved: this share of its audience, drawn at random, never gets the offer, so the Campaigns tab measures what the offer changed against them.</source>
        <translation>保存时即发起该优惠的活动：按此比例随机抽取的目标会员不会获得该优惠，作为对照组，“营销活动”页据此衡量优惠的实际效果。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="207"/>
        <source>Hold back as a control group</source>
        <translation>留作对照组</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="220"/>
        <source>Holidays or not</source>
        <translation>节假日均可</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="221"/>
        <source>Not on public holidays</source>
        <translation>法定节假日不适用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="222"/>
        <source>Public holidays only</source>
        <translation>仅限法定节假日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="228"/>
        <source>An end before the start runs past midnight (22:00–02:00).</source>
        <translation>结束时间早于开始时间即跨越午夜（如 22:00–02:00）。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="232"/>
        <source>Dine-in</source>
        <translation>堂食</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="233"/>
        <source>Takeaway</source>
        <translation>外带</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="241"/>
        <source>Members only (current members)</source>
        <translation>仅限会员（有效期内）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="256"/>
        <source>Worked out once a day from each member&apos;s last visit, visits and spend over 12 months (RFM).</source>
        <translation>每天根据每位会员近12个月的最近到店时间、到店次数和消费金额（RFM）自动计算一次。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="262"/>
        <source>Names, comma-separated</source>
        <translation>名称，以逗号分隔</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="273"/>
        <source>Segments (none ticked: all)</source>
        <translation>会员分群（不勾选即全部）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="274"/>
        <source>Other segments</source>
        <translation>其他分群</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="265"/>
        <source>Days (none ticked: every day)</source>
        <translation>星期（不勾选即每天）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="266"/>
        <source>Public holidays</source>
        <translation>法定节假日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="267"/>
        <source>Time of day</source>
        <translation>时段</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="269"/>
        <source>Smallest party (guests)</source>
        <translation>最少就餐人数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="270"/>
        <source>Service (none ticked: any)</source>
        <translation>用餐方式（不勾选即不限）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="272"/>
        <source>Tiers (none ticked: all)</source>
        <translation>会员等级（不勾选即全部）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="288"/>
        <source>Categories</source>
        <translation>菜品类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="289"/>
        <source>Items</source>
        <translation>菜品</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="298"/>
        <source>What it gives</source>
        <translation>优惠内容</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="299"/>
        <source>When and for whom</source>
        <translation>适用时间与对象</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="303"/>
        <source>Lines it covers (none ticked: every line of the order)</source>
        <translation>适用菜品（不勾选即整单所有菜品）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="325"/>
        <source>Enter the percentage off, e.g. 15 or 12.5.</source>
        <translation>请输入折扣百分比，例如 15 或 12.5。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/offer_forms.py" line="329"/>
        <source>Enter the amount off, e.g. 30 or 12.50.</source>
        <translation>请输入立减金额，例如 30 或 12.50。</translation>
    </message>
</context>
<context>
    <name>TemplatePage</name>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="65"/>
        <source>Tiers, fees, discounts and offers can all be changed later in the rules editor (the till&apos;s “Loyalty rules…” button).</source>
        <translation>等级、年费、折扣和优惠以后都可以在规则编辑器中修改（收银界面的“会员规则…”按钮）。</translation>
    </message>
</context>
<context>
    <name>Templates</name>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="29"/>
        <source>Silver (5% off) for everyone who joins; Gold (10% off) and Platinum (15% off) for a yearly fee; points, renewal offers and top-up bonuses.</source>
        <translation>入会即为银卡（95 折）；金卡（9 折）和铂金卡（85 折）需付年费；含积分、续费优惠和充值赠送。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="34"/>
        <source>Free membership: members move up to Silver (5% off) and Gold (10% off) as they spend.</source>
        <translation>免费入会：会员按消费自动升级为银卡（95 折）和金卡（9 折）。</translation>
    </message>
    <message>
        <location filename="../../ui/setup_wizard/pages.py" line="38"/>
        <source>One free tier without a discount: members top up a balance and get a bonus on larger top-ups.</source>
        <translation>只有一个免费等级，不打折：会员充值储值，充值越多赠送越多。</translation>
    </message>
</context>
<context>
    <name>TierForm</name>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="206"/>
        <source>New tier</source>
        <translation>新等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="206"/>
        <source>Edit tier %1</source>
        <translation>编辑等级 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="211"/>
        <source>e.g. GOLD (letters A-Z, digits, - and _)</source>
        <translation>例如 GOLD（大写字母 A-Z、数字、- 和 _）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="242"/>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="243"/>
        <source>Rank (higher is better)</source>
        <translation>级别（数字越大等级越高）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="244"/>
        <source>Name (Chinese)</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="245"/>
        <source>Name (English)</source>
        <translation>英文名称</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="246"/>
        <source>Discount</source>
        <translation>折扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="247"/>
        <source>Points multiplier (×)</source>
        <translation>积分倍数（×）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="248"/>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="285"/>
        <source>Annual fee</source>
        <translation>年费</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="249"/>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="286"/>
        <source>Qualifying spend</source>
        <translation>升级消费门槛</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="250"/>
        <source>Birthday benefit (Chinese)</source>
        <translation>生日礼遇（中文）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="251"/>
        <source>Birthday benefit (English)</source>
        <translation>生日礼遇（英文）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="252"/>
        <source>No discount on</source>
        <translation>不打折类别</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="266"/>
        <source>Enter the discount in percent, e.g. 10 or 12.5.</source>
        <translation>请以百分比输入折扣，例如 10 或 12.5。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="272"/>
        <source>Enter the points multiplier, e.g. 1 or 1.5.</source>
        <translation>请输入积分倍数，例如 1 或 1.5。</translation>
    </message>
</context>
<context>
    <name>TillApp</name>
    <message>
        <location filename="../../ui/app.py" line="465"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="466"/>
        <source>Finish or clear the current order before changing settings.</source>
        <translation>请先完成或清空当前订单，再修改设置。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="496"/>
        <location filename="../../ui/app.py" line="515"/>
        <source>Training</source>
        <translation>培训</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="541"/>
        <source>Finish or clear the current order first.</source>
        <translation>请先完成或清空当前订单。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="216"/>
        <location filename="../../ui/app.py" line="574"/>
        <source>Test slip printed.</source>
        <translation>测试页已打印。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="217"/>
        <location filename="../../ui/app.py" line="575"/>
        <source>Test slip sent (this printer does not confirm printing).</source>
        <translation>测试页已发送（此打印机不回报打印结果）。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="372"/>
        <source>The server cannot be reached, so the till could not open: try again in a moment.</source>
        <translation>无法连接服务器，收银台未能打开：请稍后再试。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="579"/>
        <source>Drawer pulse sent.</source>
        <translation>已发送开钱箱信号。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="619"/>
        <source>Only a manager may change the till id or devices.</source>
        <translation>只有经理可以修改收银台编号或设备。</translation>
    </message>
    <message>
        <location filename="../../ui/app.py" line="623"/>
        <source>Device address not understood: %1</source>
        <translation>无法识别的设备地址：%1</translation>
    </message>
</context>
<context>
    <name>TopUpDialog</name>
    <message>
        <location filename="../../ui/cashier/top_up_dialog.py" line="39"/>
        <source>Stored-value top-up</source>
        <translation>储值充值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/top_up_dialog.py" line="51"/>
        <source>%1 (+%2)</source>
        <translation>%1（赠 %2）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/top_up_dialog.py" line="58"/>
        <source>Add to order</source>
        <translation>加入订单</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/top_up_dialog.py" line="61"/>
        <source>Remove top-up</source>
        <translation>取消充值</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/top_up_dialog.py" line="65"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/top_up_dialog.py" line="66"/>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
</context>
<context>
    <name>TopUpRuleForm</name>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="378"/>
        <source>New top-up bonus</source>
        <translation>新建充值赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="378"/>
        <source>Edit top-up bonus</source>
        <translation>编辑充值赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="384"/>
        <source>Active</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="386"/>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="393"/>
        <source>Top up at least</source>
        <translation>充值满</translation>
    </message>
    <message>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="387"/>
        <location filename="../../ui/manager/loyalty_rule_forms.py" line="394"/>
        <source>Bonus</source>
        <translation>赠送</translation>
    </message>
</context>
<context>
    <name>TrainerReportDialog</name>
    <message>
        <location filename="../../ui/training/trainer_report.py" line="38"/>
        <source>Trainer report</source>
        <translation>培训报告</translation>
    </message>
    <message>
        <location filename="../../ui/training/trainer_report.py" line="64"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/training/trainer_report.py" line="66"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/training/trainer_report.py" line="77"/>
        <source>Export PDF</source>
        <translation>导出 PDF</translation>
    </message>
</context>
<context>
    <name>TrainingBanner</name>
    <message>
        <location filename="../../ui/training/banner.py" line="16"/>
        <source>TRAINING MODE — practice data only: nothing here is a real sale</source>
        <translation>培训模式 — 仅为练习数据：这里没有真实交易</translation>
    </message>
</context>
<context>
    <name>TrainingBar</name>
    <message>
        <location filename="../../ui/training/dress.py" line="44"/>
        <source>Exercises…</source>
        <translation>练习…</translation>
    </message>
    <message>
        <location filename="../../ui/training/dress.py" line="47"/>
        <source>Reset sandbox…</source>
        <translation>重置练习数据…</translation>
    </message>
    <message>
        <location filename="../../ui/training/dress.py" line="52"/>
        <source>Leave training…</source>
        <translation>退出培训…</translation>
    </message>
    <message>
        <location filename="../../ui/training/dress.py" line="59"/>
        <source>Trainer report…</source>
        <translation>培训报告…</translation>
    </message>
    <message>
        <location filename="../../ui/training/dress.py" line="91"/>
        <source>[TRAINING] %1</source>
        <translation>【培训】%1</translation>
    </message>
</context>
<context>
    <name>TrainingSwitch</name>
    <message>
        <location filename="../../ui/training/switching.py" line="31"/>
        <source>Leave training and return to the live till</source>
        <translation>退出培训，回到正式收银</translation>
    </message>
    <message>
        <location filename="../../ui/training/switching.py" line="33"/>
        <source>Switch this till into training (practice data, no real sales)</source>
        <translation>将本收银台切换到培训模式（练习数据，无真实交易）</translation>
    </message>
    <message>
        <location filename="../../ui/training/switching.py" line="53"/>
        <location filename="../../ui/training/switching.py" line="66"/>
        <source>Reset the training sandbox</source>
        <translation>重置培训练习数据</translation>
    </message>
    <message>
        <location filename="../../ui/training/switching.py" line="54"/>
        <source>Every practice order, member and change in the sandbox is thrown away and the sandbox is built again from the real menu, tiers and offers. Scores are kept.</source>
        <translation>练习中的所有订单、会员和修改都将清除，并按真实菜单、等级和优惠重新生成练习数据。成绩会保留。</translation>
    </message>
</context>
<context>
    <name>WhatIf</name>
    <message>
        <location filename="../../ui/manager/whatif_export.py" line="29"/>
        <source>Paid orders of %1 to %2, replayed under the rules in force and the draft</source>
        <translation>%1 至 %2 的已付订单，按当时规则与草案分别重算</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_export.py" line="35"/>
        <source>What-if simulation</source>
        <translation>规则模拟</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_export.py" line="51"/>
        <source>Amounts</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_export.py" line="52"/>
        <source>Counts</source>
        <translation>数量</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_results.py" line="72"/>
        <source>Current rules and draft (yuan)</source>
        <translation>现行规则与草案（元）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_results.py" line="75"/>
        <location filename="../../ui/manager/whatif_sections.py" line="84"/>
        <source>Current rules</source>
        <translation>现行规则</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_results.py" line="76"/>
        <location filename="../../ui/manager/whatif_sections.py" line="85"/>
        <source>Draft</source>
        <translation>草案</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="33"/>
        <source>Orders replayed</source>
        <translation>重算订单数</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="34"/>
        <location filename="../../ui/manager/whatif_sections.py" line="196"/>
        <source>Discount cost</source>
        <translation>折扣成本</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="35"/>
        <source>  of which tier discounts</source>
        <translation>  其中等级折扣</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="36"/>
        <source>  of which offers and coupons</source>
        <translation>  其中优惠与券</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="37"/>
        <source>Points issued</source>
        <translation>发放积分</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="38"/>
        <location filename="../../ui/manager/whatif_sections.py" line="197"/>
        <source>Points liability</source>
        <translation>积分负债</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="39"/>
        <location filename="../../ui/manager/whatif_sections.py" line="198"/>
        <source>Stored-value bonus</source>
        <translation>储值赠送</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="40"/>
        <location filename="../../ui/manager/whatif_sections.py" line="199"/>
        <source>Renewal income</source>
        <translation>续费收入</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="41"/>
        <location filename="../../ui/manager/whatif_sections.py" line="200"/>
        <source>Upgrade income</source>
        <translation>升级收入</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="42"/>
        <source>Tier upgrades by spend</source>
        <translation>消费升级人次</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="50"/>
        <location filename="../../ui/manager/whatif_sections.py" line="100"/>
        <source>Guests</source>
        <translation>散客</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="53"/>
        <source>No store recorded</source>
        <translation>未记录门店</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="57"/>
        <source>By tier</source>
        <translation>按等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="57"/>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="59"/>
        <source>By segment</source>
        <translation>按分群</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="59"/>
        <source>Segment</source>
        <translation>分群</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="66"/>
        <source>By store</source>
        <translation>按门店</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="67"/>
        <source>Store</source>
        <translation>门店</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="83"/>
        <source>Figure</source>
        <translation>指标</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="86"/>
        <source>Difference</source>
        <translation>差额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="88"/>
        <source>Side by side</source>
        <translation>对比</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="102"/>
        <source>No segment</source>
        <translation>未分群</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="134"/>
        <source>Orders</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="135"/>
        <source>Discount (current)</source>
        <translation>折扣（现行）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="136"/>
        <source>Discount (draft)</source>
        <translation>折扣（草案）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="137"/>
        <source>Discount difference</source>
        <translation>折扣差额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="138"/>
        <source>Points (current)</source>
        <translation>积分（现行）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="139"/>
        <source>Points (draft)</source>
        <translation>积分（草案）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="140"/>
        <source>Points difference</source>
        <translation>积分差额</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="146"/>
        <source>Up</source>
        <translation>升级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="146"/>
        <source>Down</source>
        <translation>降级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="158"/>
        <source>Member no</source>
        <translation>会员号</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="159"/>
        <source>Name</source>
        <translation>姓名</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="160"/>
        <source>Tier now</source>
        <translation>现等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="161"/>
        <source>Tier under draft</source>
        <translation>草案下等级</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="162"/>
        <source>Moves</source>
        <translation>变动</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="164"/>
        <source>Tier changes</source>
        <translation>等级变动</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="172"/>
        <source>Order</source>
        <translation>订单</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="173"/>
        <source>Why</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="174"/>
        <source>Replayed and recorded</source>
        <translation>重算与记录</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_sections.py" line="176"/>
        <source>Orders not reproduced</source>
        <translation>未能重现的订单</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="20"/>
        <source>Add tier %1</source>
        <translation>新增等级 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="22"/>
        <source>Change tier %1</source>
        <translation>修改等级 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="23"/>
        <source>Delete tier %1</source>
        <translation>删除等级 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="25"/>
        <source>Add renewal offer %1</source>
        <translation>新增续费方案 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="27"/>
        <source>Change renewal offer %1</source>
        <translation>修改续费方案 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="29"/>
        <source>Deactivate renewal offer %1</source>
        <translation>停用续费方案 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="31"/>
        <source>Add top-up bonus from %1</source>
        <translation>新增充值赠送（满 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="33"/>
        <source>Change top-up bonus from %1</source>
        <translation>修改充值赠送（满 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="35"/>
        <source>Deactivate top-up bonus from %1</source>
        <translation>停用充值赠送（满 %1）</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="37"/>
        <source>Add targeted offer %1</source>
        <translation>新增定向优惠 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="39"/>
        <source>Change targeted offer %1</source>
        <translation>修改定向优惠 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="41"/>
        <source>Deactivate targeted offer %1</source>
        <translation>停用定向优惠 %1</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_words.py" line="42"/>
        <source>Change how offers stack</source>
        <translation>修改优惠叠加方式</translation>
    </message>
</context>
<context>
    <name>WhatIfTab</name>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="108"/>
        <source>Draft rules</source>
        <translation>规则草案</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="109"/>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="111"/>
        <source>Start from the live rules</source>
        <translation>从现行规则开始</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="113"/>
        <source>Import draft…</source>
        <translation>导入草案…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="115"/>
        <source>Export draft…</source>
        <translation>导出草案…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="118"/>
        <source>Last month</source>
        <translation>上个月</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="118"/>
        <source>Last quarter</source>
        <translation>上个季度</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="119"/>
        <source>Custom dates</source>
        <translation>自定义日期</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="125"/>
        <source>Replay the period</source>
        <translation>重算该期间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="128"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="130"/>
        <source>Export CSV…</source>
        <translation>导出 CSV…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="132"/>
        <source>Export PDF…</source>
        <translation>导出 PDF…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="134"/>
        <source>Apply draft…</source>
        <translation>应用草案…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="143"/>
        <source>Period</source>
        <translation>期间</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="144"/>
        <source>From</source>
        <translation>起始日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="145"/>
        <source>To</source>
        <translation>截止日</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="173"/>
        <source>Reading the live rules…</source>
        <translation>正在读取现行规则…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="176"/>
        <source>Draft made from the live rules.</source>
        <translation>草案取自现行规则。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="189"/>
        <source>Draft imported from %1.</source>
        <translation>草案已从 %1 导入。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="200"/>
        <source>Draft saved to %1.</source>
        <translation>草案已保存到 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="205"/>
        <source>The draft changed: replay the period again.</source>
        <translation>草案已修改：请重新重算该期间。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="225"/>
        <source>The period ends before it starts.</source>
        <translation>截止日早于起始日。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="231"/>
        <source>Reading the period&apos;s orders…</source>
        <translation>正在读取该期间的订单…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="245"/>
        <source>Stopping…</source>
        <translation>正在停止…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="250"/>
        <source>Replaying order %1 of %2…</source>
        <translation>正在重算第 %1 / %2 张订单…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="260"/>
        <source>%1 orders replayed; %2 could not be reproduced under the rules in force.</source>
        <translation>已重算 %1 张订单；其中 %2 张按当时规则无法重现。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="269"/>
        <source>Replay cancelled: nothing was changed.</source>
        <translation>重算已取消：没有任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="310"/>
        <source>Comparing the draft with the live rules…</source>
        <translation>正在比较草案与现行规则…</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="319"/>
        <source>The draft is the same as the live rules.</source>
        <translation>草案与现行规则相同。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="322"/>
        <source>Make the draft the live rules? These changes take effect at every till at once, each recorded in the audit trail:</source>
        <translation>将草案设为现行规则？以下改动立即在所有收银台生效，每项都记入审计记录：</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="325"/>
        <source>Nothing was applied.</source>
        <translation>未应用任何改动。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="333"/>
        <source>Draft applied: %1 changes made, each recorded in the audit trail.</source>
        <translation>草案已应用：共 %1 项改动，每项都已记入审计记录。</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="341"/>
        <source>%1 of %2 changes were made, then one was refused: %3</source>
        <translation>已完成 %2 项改动中的 %1 项，下一项被拒绝：%3</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="367"/>
        <source>Rules drafts (*.json)</source>
        <translation>规则草案 (*.json)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="368"/>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="369"/>
        <source>PDF files (*.pdf)</source>
        <translation>PDF 文件 (*.pdf)</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="373"/>
        <source>Save as</source>
        <translation>另存为</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="377"/>
        <source>Open</source>
        <translation>打开</translation>
    </message>
    <message>
        <location filename="../../ui/manager/whatif_tab.py" line="383"/>
        <source>Apply draft</source>
        <translation>应用草案</translation>
    </message>
</context>
<context>
    <name>WhyPriceDialog</name>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="33"/>
        <source>Why this price</source>
        <translation>价格说明</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="39"/>
        <source>How this order was priced</source>
        <translation>本单价格是这样计算的</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="41"/>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="63"/>
        <source>Member discount in all: %1</source>
        <translation>会员优惠合计：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="69"/>
        <source>%1 points pay %2 (at most %3% of the food, at least %4 points).</source>
        <translation>%1 积分抵扣 %2（最多抵扣菜品金额的 %3%，最少使用 %4 积分）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="77"/>
        <source>Renewal (%1): %2, new term until %3.</source>
        <translation>续费（%1）：%2，新有效期至 %3。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="87"/>
        <source>Upgrade to %1: %2, the difference in annual fees; its discount applies.</source>
        <translation>升级至%1：%2（年费差价），本单即享新等级折扣。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="91"/>
        <source>Top-up %1 earns a bonus of %2 (the best top-up rule reached).</source>
        <translation>充值 %1 赠送 %2（按达到的最高充值档位）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="99"/>
        <source>Points to earn: %1 (on %2 paid for food, before stored-value bonus).</source>
        <translation>本单可得积分：%1（按菜品实付 %2 计算，不含储值赠送金额）。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="104"/>
        <source>Spend %1 more for %2.</source>
        <translation>再消费 %1 即可升级为%2。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="107"/>
        <source>As a member this order would save %1.</source>
        <translation>如果是会员，本单可省 %1。</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="109"/>
        <source>To pay: %1</source>
        <translation>应付：%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="115"/>
        <source>; offers −%1</source>
        <translation>；优惠 −%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="118"/>
        <source>; staff discount −%1</source>
        <translation>；店内折让 −%1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="128"/>
        <source>%1 off</source>
        <translation>减 %1</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="129"/>
        <source>Staff discount %1 (%2), approved by %3 up to %4: −%5</source>
        <translation>店内折让 %1（%2），由 %3 批准，上限 %4：−%5</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="144"/>
        <source>%1 tier discount %2, −%3</source>
        <translation>%1折扣 %2，−%3</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="149"/>
        <source>no discount: %1 excludes this category</source>
        <translation>无折扣：%1不含此类菜品</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="151"/>
        <source>no discount: the membership has expired (renew to restore it)</source>
        <translation>无折扣：会员已过期（续费即可恢复）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="153"/>
        <source>no tier discount: an offer saves more (exclusive policy)</source>
        <translation>无等级折扣：优惠更省（互斥规则）</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="155"/>
        <source>no discount: %1 has no discount</source>
        <translation>无折扣：%1没有折扣</translation>
    </message>
    <message>
        <location filename="../../ui/cashier/why_price_dialog.py" line="156"/>
        <source>no discount: guest (not a member)</source>
        <translation>无折扣：散客（非会员）</translation>
    </message>
</context>
</TS>
