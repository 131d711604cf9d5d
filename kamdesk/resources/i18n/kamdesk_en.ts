<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
    <context>
        <name>KAMDesk</name>
        <message>
            <location filename="../../cli/agenda.py" />
            <source>请给出日程条目的标识</source>
            <translation>give the agenda item's key</translation>
        </message>
        <message>
            <location filename="../../cli/agenda.py" />
            <source>已标记：{k} → {s}</source>
            <translation>Marked: {k} → {s}</translation>
        </message>
        <message>
            <location filename="../../cli/agenda.py" />
            <source>未来 {d} 天没有待办日程。</source>
            <translation>Nothing on the agenda for the next {d} days.</translation>
        </message>
        <message>
            <location filename="../../cli/approvals.py" />
            <source>{who} 于 {when}：{r}</source>
            <translation>{who} on {when}: {r}</translation>
        </message>
        <message>
            <location filename="../../cli/approvals.py" />
            <location filename="../../ui/screens/approvals.py" />
            <source>没有审批申请。</source>
            <translation>No approval requests.</translation>
        </message>
        <message>
            <location filename="../../cli/approvals.py" />
            <source>已提交明文导出申请 {id}（{n} 位客户），待审批后用 kamdesk export clients --reveal --approval {id}</source>
            <translation>Clear-text export request {id} filed ({n} clients); once approved, run kamdesk export clients --reveal --approval {id}</translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <source>当前口令: </source>
            <translation>Current passphrase: </translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <source>新口令: </source>
            <translation>New password: </translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <source>再次输入新口令: </source>
            <translation>New passphrase again: </translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <location filename="../../services/password.py" />
            <source>两次输入的新口令不一致。</source>
            <translation>The two new passwords do not match.</translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <source>口令已更改。</source>
            <translation>Passphrase changed.</translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <source>权限不足：查看审计日志</source>
            <translation>Not permitted: view the audit log</translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <source>客户文件完整性检查失败：</source>
            <translation>Client file integrity check failed:</translation>
        </message>
        <message>
            <location filename="../../cli/book.py" />
            <source>客户文件完整性检查通过。</source>
            <translation>Client file integrity check passed.</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>没有找到匹配的客户</source>
            <translation>No matching client</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <source>共 {n} 位客户，显示 {k} 位</source>
            <translation>{n} clients, {k} shown</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <location filename="../../services/clients.py" />
            <source>客户分层</source>
            <translation>Tier</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <location filename="../../ui/screens/client_model.py" />
            <location filename="../../ui/screens/clients.py" />
            <source>行业</source>
            <translation>Industry</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <location filename="../../services/client360.py" />
            <location filename="../../services/clients.py" />
            <source>主办客户经理</source>
            <translation>Primary RM</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <location filename="../../ui/client360.py" />
            <source>集团</source>
            <translation>Group</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <source>合计敞口</source>
            <translation>Combined exposure</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>联系人</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <source>90 天内到期</source>
            <translation>Maturing within 90 days</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <source>近 12 个月贡献</source>
            <translation>Contribution, last 12 months</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <source>明文，已记录审计</source>
            <translation>in clear, audited</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <location filename="../../ui/client360.py" />
            <source>暂无变更记录。</source>
            <translation>No changes recorded yet.</translation>
        </message>
        <message>
            <location filename="../../cli/clients.py" />
            <source>还有更早的记录：--offset {n}</source>
            <translation>Older entries: --offset {n}</translation>
        </message>
        <message>
            <location filename="../../cli/common.py" />
            <location filename="../../cli/demo.py" />
            <source>未提供口令：请设置环境变量 {e} 或在终端中运行。</source>
            <translation>No password given: set {e} or run in a terminal.</translation>
        </message>
        <message>
            <location filename="../../cli/common.py" />
            <source>客户文件不存在：{p}（先运行 kamdesk demo 创建演示文件）</source>
            <translation>Client file not found: {p} (run kamdesk demo first to create a demo file)</translation>
        </message>
        <message>
            <location filename="../../cli/common.py" />
            <source>kamdesk: 已取消</source>
            <translation>kamdesk: cancelled</translation>
        </message>
        <message>
            <location filename="../../cli/common.py" />
            <location filename="../../ui/errors.py" />
            <source>内部错误</source>
            <translation>Internal error</translation>
        </message>
        <message>
            <location filename="../../cli/common.py" />
            <source>没有图形显示：请在桌面环境中运行，或使用 QT_QPA_PLATFORM=offscreen / xvfb-run kamdesk。</source>
            <translation>No graphical display: run in a desktop session, or use QT_QPA_PLATFORM=offscreen / xvfb-run kamdesk.</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>新口令 / new passphrase: </source>
            <translation>New passphrase: </translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <location filename="../../cli/sync.py" />
            <source>再次输入 / repeat: </source>
            <translation>Repeat passphrase: </translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <location filename="../../cli/sync.py" />
            <source>两次输入的口令不一致。</source>
            <translation>The two passwords differ.</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>客户数量应在 1 到 {n} 之间。</source>
            <translation>The number of clients must be between 1 and {n}.</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>文件已存在：{p}（使用 --force 覆盖）</source>
            <translation>The file already exists: {p} (use --force to replace it)</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>正在生成：{s} {d}/{t}</source>
            <translation>Building: {s} {d}/{t}</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>演示客户簿已生成：{p}</source>
            <translation>Demo client file created: {p}</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>客户经理：{n}（{u}，{b}）</source>
            <translation>Relationship manager: {n} ({u}, {b})</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>随机种子：{s}，基准日期：{d}</source>
            <translation>Seed: {s}, reference date: {d}</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>  {l}（{t}）：{n}</source>
            <translation>  {l} ({t}): {n}</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>用时：{s:.1f} 秒</source>
            <translation>Time taken: {s:.1f} s</translation>
        </message>
        <message>
            <location filename="../../cli/demo.py" />
            <source>口令：{pw}（演示口令，仅用于虚构的演示数据）</source>
            <translation>Passphrase: {pw} (the demo passphrase, for fictional demo data only)</translation>
        </message>
        <message>
            <location filename="../../cli/grade.py" />
            <source>模型 {v}（{n}），共 {c} 户客户</source>
            <translation>Model {v} ({n}), {c} clients</translation>
        </message>
        <message>
            <location filename="../../cli/grade.py" />
            <source>  前 20% 客户（{k} 户）贡献占比 {s:.1%}</source>
            <translation>  The top 20 % of clients ({k}) bring {s:.1%} of contribution</translation>
        </message>
        <message>
            <location filename="../../cli/grade.py" />
            <source>  建议上调 {u} 户，下调 {d} 户</source>
            <translation>  {u} clients to move up, {d} down</translation>
        </message>
        <message>
            <location filename="../../cli/grade.py" />
            <source>  已写入 {n} 户的新分级（已记录审计）</source>
            <translation>  New tiers written for {n} clients (audited)</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>检查完成：{n} 行，{v} 行有效，{e} 个错误</source>
            <translation>Checked: {n} rows, {v} valid, {e} errors</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>已导入 {n} 条{e}记录（{s:.1f} 秒）</source>
            <translation>Imported {n} {e} records ({s:.1f} s)</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>  未识别的列（已忽略）：{c}</source>
            <translation>  Unrecognised columns (ignored): {c}</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>已导出 {n} 条到 {p}（SHA-256 {h}，已记录审计）</source>
            <translation>Exported {n} rows to {p} (SHA-256 {h}, audited)</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>明文导出需要 --reveal 和已批准的导出申请 --approval ID（先用 kamdesk approvals request-export 提交申请）</source>
            <translation>A clear-text export needs --reveal and an approved export request --approval ID (file one with kamdesk approvals request-export first)</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>明文导出只包含审批通过的客户，不能再加筛选条件</source>
            <translation>A clear-text export holds exactly the approved clients; no further filters</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>已导出 {n} 条到 {p}（已加密，SHA-256 {h}，已记录审计）</source>
            <translation>Exported {n} rows to {p} (encrypted, SHA-256 {h}, audited)</translation>
        </message>
        <message>
            <location filename="../../cli/importexport.py" />
            <source>文件密码（只显示这一次，请妥善保管）：{pw}</source>
            <translation>File password (shown only this once, keep it safe): {pw}</translation>
        </message>
        <message>
            <location filename="../../cli/pipeline.py" />
            <source>用法：kamdesk pipeline move ID STAGE</source>
            <translation>usage: kamdesk pipeline move ID STAGE</translation>
        </message>
        <message>
            <location filename="../../cli/pipeline.py" />
            <source>{n} → {s}（赢单概率 {p}%）</source>
            <translation>{n} → {s} (win probability {p} %)</translation>
        </message>
        <message>
            <location filename="../../cli/pipeline.py" />
            <source>{n}: 在途 {c} 个 {a} 元，加权 {w} 元；赢单 {wc} 个 {wa} 元（分成 {cr} 元），输单 {l} 个</source>
            <translation>{n}: {c} open, CNY {a}, weighted CNY {w}; {wc} won, CNY {wa} (credited CNY {cr}); {l} lost</translation>
        </message>
        <message>
            <location filename="../../cli/pipeline.py" />
            <source>{l}：{c} 个，金额 {a} 元，加权 {w} 元</source>
            <translation>{l}: {c}, amount CNY {a}, weighted CNY {w}</translation>
        </message>
        <message>
            <location filename="../../cli/pipeline.py" />
            <source>在途合计 {a} 元，加权 {w} 元</source>
            <translation>Open total CNY {a}, weighted CNY {w}</translation>
        </message>
        <message>
            <location filename="../../cli/proposal.py" />
            <source>金额格式无效：{a}</source>
            <translation>Invalid amount: {a}</translation>
        </message>
        <message>
            <location filename="../../cli/proposal.py" />
            <source>请至少给出一个产品代码</source>
            <translation>Give at least one product code</translation>
        </message>
        <message>
            <location filename="../../cli/proposal.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <source>客户经理选配</source>
            <translation>Chosen by the RM</translation>
        </message>
        <message>
            <location filename="../../cli/proposal.py" />
            <source>没有与客户需求和适当性相符的在售产品，请用 --products 指定</source>
            <translation>No product on sale matches the client's needs and suitability; name them with --products</translation>
        </message>
        <message>
            <location filename="../../cli/proposal.py" />
            <source>已提交适当性例外申请 {id}（{s}）</source>
            <translation>Suitability exception request {id} filed ({s})</translation>
        </message>
        <message>
            <location filename="../../cli/proposal.py" />
            <source>方案 {id} v{v}（{s}）已写入 {o}，共 {n} 页，SHA-256 {h}</source>
            <translation>Proposal {id} v{v} ({s}) written to {o}: {n} pages, SHA-256 {h}</translation>
        </message>
        <message>
            <location filename="../../cli/requests.py" />
            <source>已自动升级 {n} 条超时请求</source>
            <translation>{n} overdue requests escalated automatically</translation>
        </message>
        <message>
            <location filename="../../cli/requests.py" />
            <source>没有服务请求。</source>
            <translation>No service requests.</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>服务器口令 / server password: </source>
            <translation>Server password: </translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>注册需要 --server 和 --user。</source>
            <translation>Enrolment needs --server and --user.</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>注册码 / enrolment secret: </source>
            <translation>Enrolment secret: </translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>已设置您自己的同步口令。</source>
            <translation>Your own sync password is set.</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>首次同步需要 --server 和 --user。</source>
            <translation>The first sync needs --server and --user.</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>已从服务器创建客户文件：{p}</source>
            <translation>Client file created from the server: {p}</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>同步完成：上传 {a} 项，下载 {b} 项，冲突 {c} 项，被拒绝 {d} 项。</source>
            <translation>Sync done: {a} sent, {b} received, {c} conflicts, {d} rejected.</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>服务器：{s}  用户：{u}</source>
            <translation>Server: {s}  User: {u}</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>待上传修改：{n}  未解决冲突：{c}</source>
            <translation>Changes waiting to be sent: {n}  Open conflicts: {c}</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>已隔离记录：{n}（含无法应用的取值，其余数据照常同步）</source>
            <translation>Quarantined records: {n} (values that cannot be applied; everything else syncs as usual)</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <location filename="../../ui/statusbar.py" />
            <source>上次同步：{t}</source>
            <translation>Last sync: {t}</translation>
        </message>
        <message>
            <location filename="../../cli/sync.py" />
            <source>从未同步</source>
            <translation>never</translation>
        </message>
        <message>
            <location filename="../../cli/visits.py" />
            <location filename="../../ui/screens/visits.py" />
            <source>共 {n} 次拜访</source>
            <translation>{n} visits</translation>
        </message>
        <message>
            <location filename="../../cli/visits.py" />
            <source>用法：kamdesk tasks complete ID</source>
            <translation>Usage: kamdesk tasks complete ID</translation>
        </message>
        <message>
            <location filename="../../cli/visits.py" />
            <source>已完成：{t}</source>
            <translation>Done: {t}</translation>
        </message>
        <message>
            <location filename="../../cli/visits.py" />
            <location filename="../../ui/screens/today.py" />
            <source>逾期</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <location filename="../../cli/visits.py" />
            <location filename="../../ui/screens/today.py" />
            <source>今天</source>
            <translation>Today</translation>
        </message>
        <message>
            <location filename="../../cli/visits.py" />
            <source>共 {n} 项，逾期 {o} 项</source>
            <translation>{n} tasks, {o} overdue</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <source>口令不正确，还可尝试 {n} 次。</source>
            <translation>Wrong passphrase; {n} attempts left.</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <source>请在 {s} 秒后重试。</source>
            <translation>Try again in {s} seconds.</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <location filename="../../server/throttle.py" />
            <source>尝试过于频繁，请在 {s} 秒后重试。</source>
            <translation>Too many attempts; try again in {s} seconds.</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <source>口令连续错误次数过多，本机密钥已销毁。请连接服务器重新同步以恢复数据。</source>
            <translation>Too many wrong passphrases: the key on this device has been destroyed. Connect to the server and sync again to restore your data.</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <source>客户文件已损坏或不完整，无法打开：{p}。</source>
            <translation>The client file is damaged or incomplete and cannot be opened: {p}.</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <source>可从最近的备份恢复：{b}</source>
            <translation>It can be restored from the latest backup: {b}</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <source>没有可用的本地备份，请重新同步。</source>
            <translation>No local backup is available; sync again.</translation>
        </message>
        <message>
            <location filename="../../common/errors.py" />
            <source>权限不足：{w}</source>
            <translation>Not permitted: {w}</translation>
        </message>
        <message>
            <location filename="../../models/session.py" />
            <source>当前角色无权写入此类数据（缺少 {d} 密钥）。</source>
            <translation>Your role may not write this kind of data (no {d} key).</translation>
        </message>
        <message>
            <location filename="../../security/audit.py" />
            <source>审计日志完整：共 {n} 条，哈希链校验通过。</source>
            <translation>Audit log intact: {n} entries, hash chain verified.</translation>
        </message>
        <message>
            <location filename="../../security/audit.py" />
            <source>审计日志异常：第 {s} 条 {p}</source>
            <translation>Audit log broken at entry {s}: {p}</translation>
        </message>
        <message>
            <location filename="../../security/audit.py" />
            <source>缺失（序号跳跃到 {s}）</source>
            <translation>missing (sequence jumps to {s})</translation>
        </message>
        <message>
            <location filename="../../security/audit.py" />
            <source>顺序错乱</source>
            <translation>out of order</translation>
        </message>
        <message>
            <location filename="../../security/audit.py" />
            <source>与前一条的链接断裂（被删除、插入或重排）</source>
            <translation>link to the previous entry broken (deleted, inserted or reordered)</translation>
        </message>
        <message>
            <location filename="../../security/audit.py" />
            <source>内容被篡改（哈希不符）</source>
            <translation>content tampered with (hash mismatch)</translation>
        </message>
        <message>
            <location filename="../../security/fieldcrypto.py" />
            <source>当前角色无权读取此类数据（缺少 {d} 密钥）。</source>
            <translation>Your role may not read this kind of data (no {d} key).</translation>
        </message>
        <message>
            <location filename="../../security/fieldcrypto.py" />
            <source>缺少 {d} 第 {v} 版密钥。</source>
            <translation>Key {d} version {v} is missing.</translation>
        </message>
        <message>
            <location filename="../../security/fieldcrypto.py" />
            <source>密文格式无效。</source>
            <translation>Invalid ciphertext format.</translation>
        </message>
        <message>
            <location filename="../../security/fieldcrypto.py" />
            <source>不支持的加密套件 {s}。</source>
            <translation>Unsupported cipher suite {s}.</translation>
        </message>
        <message>
            <location filename="../../security/fieldcrypto.py" />
            <source>密文校验失败（数据被篡改或不属于此记录）。</source>
            <translation>Ciphertext check failed (the data was tampered with or belongs to another record).</translation>
        </message>
        <message>
            <location filename="../../security/fieldcrypto.py" />
            <source>当前角色无权按此字段查询。</source>
            <translation>Your role may not search by this field.</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <source>100 万元以下</source>
            <translation>under CNY 1M</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <source>100万–1000万元</source>
            <translation>CNY 1M–10M</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <source>1000万–5000万元</source>
            <translation>CNY 10M–50M</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <source>5000万–1 亿元</source>
            <translation>CNY 50M–100M</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <source>1–5 亿元</source>
            <translation>CNY 100M–500M</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <source>5–10 亿元</source>
            <translation>CNY 500M–1bn</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <source>10–100 亿元</source>
            <translation>CNY 1bn–10bn</translation>
        </message>
        <message>
            <location filename="../../security/masking.py" />
            <location filename="../../services/grading.py" />
            <source>100 亿元以上</source>
            <translation>over CNY 10bn</translation>
        </message>
        <message>
            <location filename="../../security/policy.py" />
            <source>未知角色 {r}</source>
            <translation>Unknown role {r}</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <location filename="../../services/clients.py" />
            <source>身份证号</source>
            <translation>Resident ID number</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>{l}应为 18 位</source>
            <translation>{l} must have 18 characters</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>{l}校验位错误</source>
            <translation>{l}: wrong check digit</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>{l}中的出生日期或地区码无效</source>
            <translation>{l}: invalid date of birth or region code</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>{l}只能包含数字和末位 X</source>
            <translation>{l} may contain only digits and a final X</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>{l}无效</source>
            <translation>{l} is invalid</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <location filename="../../services/clients.py" />
            <location filename="../../services/proposals.py" />
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/client_model.py" />
            <source>统一社会信用代码</source>
            <translation>Unified social credit code</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>{l}含有不允许的字符（不使用 I、O、Z、S、V）</source>
            <translation>{l} contains characters that are not allowed (I, O, Z, S, V are not used)</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>手机号应为以 1 开头的 11 位数字</source>
            <translation>A mobile number has 11 digits starting with 1</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>护照号格式无效</source>
            <translation>Invalid passport number</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>账号应为 12–25 位数字</source>
            <translation>An account number has 12–25 digits</translation>
        </message>
        <message>
            <location filename="../../security/validators.py" />
            <source>卡号校验位错误</source>
            <translation>Card number: wrong check digit</translation>
        </message>
        <message>
            <location filename="../../security/vault.py" />
            <source>不支持的密钥派生算法。</source>
            <translation>Unsupported key derivation algorithm.</translation>
        </message>
        <message>
            <location filename="../../security/vault.py" />
            <source>口令至少需要 {n} 个字符。</source>
            <translation>The passphrase needs at least {n} characters.</translation>
        </message>
        <message>
            <location filename="../../security/vault.py" />
            <source>找不到客户文件的密钥文件：{p}</source>
            <translation>The client file's key file is missing: {p}</translation>
        </message>
        <message>
            <location filename="../../security/vault.py" />
            <source>密钥文件已损坏：{p}</source>
            <translation>The key file is damaged: {p}</translation>
        </message>
        <message>
            <location filename="../../security/vault.py" />
            <source>密钥文件版本不受支持：{p}</source>
            <translation>Unsupported key file version: {p}</translation>
        </message>
        <message>
            <location filename="../../security/vault.py" />
            <source>此设备没有可用的系统密钥环，无法“在此设备上记住”。</source>
            <translation>This device has no usable system keyring, so "remember on this device" is not available.</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <location filename="../../server/enrolment.py" />
            <source>找不到用户：{u}</source>
            <translation>User not found: {u}</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <source>未知角色，可选：{r}</source>
            <translation>Unknown role; choose one of: {r}</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <source>用户名不能为空且不超过 64 个字符。</source>
            <translation>A user name is required and has at most 64 characters.</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <source>用户名已存在。</source>
            <translation>That user name exists already.</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <source>找不到团队：{t}</source>
            <translation>Team not found: {t}</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <source>团队负责人必须是该团队中角色为团队负责人的用户。</source>
            <translation>A team's lead must be a member of that team with the team lead role.</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <location filename="../../services/password.py" />
            <source>新口令不能与当前口令相同。</source>
            <translation>The new password must differ from the current one.</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <location filename="../../server/app.py" />
            <source>找不到客户：{c}</source>
            <translation>Client not found: {c}</translation>
        </message>
        <message>
            <location filename="../../server/admin.py" />
            <source>找不到设备：{d}</source>
            <translation>Device not found: {d}</translation>
        </message>
        <message>
            <location filename="../../server/app.py" />
            <source>请求格式不正确：{f}</source>
            <translation>Malformed request: {f}</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>{u} 不是可用的管理员账户。</source>
            <translation>{u} is not a usable administrator account.</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>此操作需要两位管理员：请用 --as 指明发起的管理员。</source>
            <translation>This action needs two administrators: name the requesting administrator with --as.</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>找不到审批请求：{a}</source>
            <translation>Approval request not found: {a}</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>该请求已处理（{s}）。</source>
            <translation>This request was already decided ({s}).</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>该请求已过期，请重新发起。</source>
            <translation>This request has expired; file it again.</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>发起人不能审批自己的请求（双人复核）。</source>
            <translation>The requester cannot approve their own request (maker-checker).</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>不能审批针对自己账户的请求。</source>
            <translation>Nobody can approve a request about their own account.</translation>
        </message>
        <message>
            <location filename="../../server/approvals.py" />
            <source>驳回需要填写理由。</source>
            <translation>A rejection needs a reason.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>用户名、口令或动态码不正确。</source>
            <translation>Wrong user name, password or one-time code.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>此设备已被管理员吊销，本地数据将被清除。</source>
            <translation>This device was revoked by an administrator; its local data will be erased.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>此账户已被停用，本设备上的数据将被清除。</source>
            <translation>This account has been deactivated; the data on this device will be wiped.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>此设备已登记了另一把设备密钥，登录被拒绝。如确需更换设备密钥，请联系管理员。</source>
            <translation>This device is registered with another device key; sign-in refused. Ask an administrator if the device key must really change.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>管理员重置了口令：请先设置您自己的新口令，然后才能获取密钥。</source>
            <translation>An administrator reset your password: set a new password of your own before keys can be fetched.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>口令至少需要 8 个字符。</source>
            <translation>A password needs at least 8 characters.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>此设备未登记给该用户，请不带设备号重新登录以登记本设备。</source>
            <translation>This device is not registered to this user; sign in without a device id to register this device.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>服务器未加载主密钥，无法校验动态码。</source>
            <translation>The server has not loaded its master key and cannot check one-time codes.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>登录已过期，请重新登录。</source>
            <translation>Your session expired; sign in again.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>刷新令牌不属于此设备。</source>
            <translation>The refresh token does not belong to this device.</translation>
        </message>
        <message>
            <location filename="../../server/auth.py" />
            <source>设备未登记。</source>
            <translation>Device not registered.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>未提供管理员口令：请设置环境变量 {e} 或在终端中运行。</source>
            <translation>No administrator password given: set the environment variable {e} or run in a terminal.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>管理员口令: </source>
            <translation>Administrator password: </translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>未提供管理员动态码：请设置环境变量 {e} 或在终端中运行。</source>
            <translation>No administrator TOTP code: set the environment variable {e} or run in a terminal.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>管理员动态码: </source>
            <translation>Administrator TOTP code: </translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>已提交审批请求 {i}（{k} {t}），需由另一位管理员批准：
  kamdesk-server admin approvals approve {i} --as 另一位管理员</source>
            <translation>Approval request {i} ({k} {t}) filed; another administrator must approve it:
  kamdesk-server admin approvals approve {i} --as OTHER_ADMIN</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>已完成。</source>
            <translation>Done.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>一次性注册码（只显示这一次，请线下交给用户本人，{e} 前有效）：</source>
            <translation>One-time enrolment secret (shown only now; hand it to the user in person; valid until {e}):</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>没有审批请求。</source>
            <translation>No approval requests.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>审批需要用 --as 指明审批的管理员（不能是发起人）。</source>
            <translation>Approving needs --as naming the approving administrator (not the requester).</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>已驳回 {i}。</source>
            <translation>Rejected {i}.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>演示银行已创建：{n} 个客户。用户与口令：</source>
            <translation>Demo bank created: {n} clients. Users and passwords:</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>(停用)</source>
            <translation>(inactive)</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>设备已吊销。</source>
            <translation>Device revoked.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>客户已转移。</source>
            <translation>Client reassigned.</translation>
        </message>
        <message>
            <location filename="../../server/cli.py" />
            <source>新密钥版本：{result}</source>
            <translation>New key version: {result}</translation>
        </message>
        <message>
            <location filename="../../server/enrolment.py" />
            <source>用户名或注册码不正确，或注册码已失效。请联系管理员重新签发。</source>
            <translation>Wrong user name or enrolment secret, or the secret is no longer valid. Ask an administrator for a new one.</translation>
        </message>
        <message>
            <location filename="../../server/keys.py" />
            <source>找不到主密钥文件：{p}</source>
            <translation>Master key file not found: {p}</translation>
        </message>
        <message>
            <location filename="../../server/keys.py" />
            <source>主密钥文件格式无效：{p}</source>
            <translation>The master key file is not valid: {p}</translation>
        </message>
        <message>
            <location filename="../../server/keys.py" />
            <source>未知密钥域：{d}</source>
            <translation>Unknown key domain: {d}</translation>
        </message>
        <message>
            <location filename="../../server/settings.py" />
            <source>拒绝启动：开发模式只能在本机回环地址上运行（当前监听 {h}）。</source>
            <translation>Refusing to start: development mode runs only on a loopback address (listening on {h}).</translation>
        </message>
        <message>
            <location filename="../../server/settings.py" />
            <source>拒绝启动：请设置 KAMDESK_SERVER_TOKEN_SECRET（至少 16 个字符），不能使用默认密钥。</source>
            <translation>Refusing to start: set KAMDESK_SERVER_TOKEN_SECRET (16 characters or more); the default secret is not allowed.</translation>
        </message>
        <message>
            <location filename="../../server/settings.py" />
            <source>拒绝启动：在非本机地址上提供服务必须配置 TLS 证书和私钥（--tls-cert/--tls-key）。</source>
            <translation>Refusing to start: serving on a non-loopback address needs a TLS certificate and key (--tls-cert/--tls-key).</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>查看团队日程</source>
            <translation>view the team's agenda</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>日程范围应在 0–366 天之间</source>
            <translation>the agenda range must be 0–366 days</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>产品到期：{p}</source>
            <translation>Product maturing: {p}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>未知产品</source>
            <translation>unknown product</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>{d} 天后到期（{m}），请联系客户安排续作或赎回</source>
            <translation>matures in {d} days ({m}): contact the client to roll over or redeem</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>联系人生日：{n}</source>
            <translation>Contact's birthday: {n}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>{d} 生日，可送上祝福</source>
            <translation>birthday on {d}: send greetings</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>客户生日：{n}</source>
            <translation>Client's birthday: {n}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>成立 {y} 周年：{n}</source>
            <translation>{y}th anniversary: {n}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>{d} 为公司成立 {y} 周年</source>
            <translation>{d} is the company's {y}th anniversary</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>KYC 复核已逾期</source>
            <translation>KYC review overdue</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>KYC 复核即将到期</source>
            <translation>KYC review due soon</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>到期日 {d}，请更新客户身份资料</source>
            <translation>due {d}: update the client's identity documents</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>风险评估已过期</source>
            <translation>Risk assessment expired</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>风险评估即将过期</source>
            <translation>Risk assessment expiring soon</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>评估日 {a}，有效期至 {e}；过期后不能推荐理财产品</source>
            <translation>assessed {a}, valid until {e}; investment products cannot be recommended after expiry</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>跟进任务逾期：{t}</source>
            <translation>Follow-up overdue: {t}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>今日跟进：{t}</source>
            <translation>Follow up today: {t}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>截止 {d}</source>
            <translation>due {d}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>投诉处理超时</source>
            <translation>Complaint past its deadline</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>服务请求超时</source>
            <translation>Service request past its deadline</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>{l}：{t}</source>
            <translation>{l}: {t}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>时限 {d} 已过</source>
            <translation>deadline {d} has passed</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>长期未联系</source>
            <translation>No contact for too long</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>已 {d} 天未联系（{t}客户要求不超过 {g} 天）</source>
            <translation>no contact for {d} days ({t} clients: at most {g} days)</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>尚无联系记录（{t}客户要求每 {g} 天至少联系一次）</source>
            <translation>no contact recorded ({t} clients: at least once every {g} days)</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>按服务计划安排拜访</source>
            <translation>Plan a visit (service plan)</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>{t}客户每 {e} 天拜访一次</source>
            <translation>{t} clients are visited every {e} days</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>服务回顾会到期：{n}</source>
            <translation>Service review due: {n}</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>{t}客户每 {e} 天进行一次综合服务回顾</source>
            <translation>{t} clients get a service review every {e} days</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>日程条目标识无效</source>
            <translation>invalid agenda item key</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>状态应为 done、snoozed 或 dismissed</source>
            <translation>the state must be done, snoozed or dismissed</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>推迟日期应晚于今天</source>
            <translation>the snooze date must be after today</translation>
        </message>
        <message>
            <location filename="../../services/agenda.py" />
            <source>处理日程</source>
            <translation>handle agenda items</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>适当性例外</source>
            <translation>Suitability exception</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>明文批量导出</source>
            <translation>Clear-text bulk export</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <location filename="../../ui/screens/approvals.py" />
            <source>待审批</source>
            <translation>Pending</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>已批准</source>
            <translation>Approved</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>已驳回</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>{c}：{p}（产品风险 {r}，客户风险承受能力 {t}）</source>
            <translation>{c}: {p} (product risk {r}, client risk tolerance {t})</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <location filename="../../services/suitability.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <source>未知</source>
            <translation>unknown</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>{n} 位客户：{s}</source>
            <translation>{n} clients: {s}</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source> 等 {k} 位</source>
            <translation> and {k} more</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>未知的审批类型</source>
            <translation>Unknown kind of approval</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>提交{k}申请</source>
            <translation>File a request: {k}</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>没有可申请的客户</source>
            <translation>No clients to request</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>有 {n} 位客户不存在或不在您的客户范围内</source>
            <translation>{n} clients do not exist or are outside your book</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>审批申请不存在</source>
            <translation>The approval request does not exist</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>审批{k}申请</source>
            <translation>Decide a request: {k}</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>不能审批自己提交的申请（双人复核）</source>
            <translation>You cannot decide your own request (maker-checker)</translation>
        </message>
        <message>
            <location filename="../../services/approvals.py" />
            <source>该申请已审批，不能重复审批</source>
            <translation>This request was already decided</translation>
        </message>
        <message>
            <location filename="../../services/book.py" />
            <source>需要输入口令才能打开客户文件。</source>
            <translation>A passphrase is needed to open the client file.</translation>
        </message>
        <message>
            <location filename="../../services/book.py" />
            <location filename="../../ui/unlock.py" />
            <source>客户文件不存在：{p}</source>
            <translation>Client file not found: {p}</translation>
        </message>
        <message>
            <location filename="../../services/book.py" />
            <source>客户文件结构升级失败，文件保持原样未被修改。请联系技术支持（升级前备份：{b}）。</source>
            <translation>Upgrading the client file's structure failed; the file was left unchanged. Contact support (backup made before the upgrade: {b}).</translation>
        </message>
        <message>
            <location filename="../../services/book.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>无</source>
            <translation>None</translation>
        </message>
        <message>
            <location filename="../../services/book.py" />
            <location filename="../../services/demo.py" />
            <source>文件已存在：{p}</source>
            <translation>The file already exists: {p}</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>导出申请不存在</source>
            <translation>The export request does not exist</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>只有申请人可以使用该导出审批</source>
            <translation>Only the requester may use this export approval</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>导出申请尚未审批</source>
            <translation>The export request has not been approved yet</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>导出申请已被驳回</source>
            <translation>The export request was rejected</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>导出申请未经有效审批</source>
            <translation>The export request has no valid approval</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>导出审批已超过 {h} 小时有效期，请重新申请</source>
            <translation>The export approval is older than {h} hours; please file a new request</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <location filename="../../services/importexport.py" />
            <source>导出客户名单</source>
            <translation>export client lists</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>导出明文敏感信息</source>
            <translation>export sensitive data in clear</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>当前角色不能导出明文敏感信息</source>
            <translation>your role cannot export sensitive data in clear</translation>
        </message>
        <message>
            <location filename="../../services/clearexport.py" />
            <source>获批的客户都已不在您的客户范围内，没有可导出的数据</source>
            <translation>None of the approved clients is in your book any more: nothing to export</translation>
        </message>
        <message>
            <location filename="../../services/client360.py" />
            <source>协办客户经理</source>
            <translation>Assistant RM</translation>
        </message>
        <message>
            <location filename="../../services/client360.py" />
            <location filename="../../services/pipeline.py" />
            <source>产品经理</source>
            <translation>Product specialist</translation>
        </message>
        <message>
            <location filename="../../services/client360.py" />
            <source>风险经理</source>
            <translation>Risk manager</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <source>战略</source>
            <translation>Strategic</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <source>核心</source>
            <translation>Core</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <source>重点</source>
            <translation>Key</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/today.py" />
            <source>一般</source>
            <translation>General</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/labels.py" />
            <source>对公</source>
            <translation>Corporate</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/labels.py" />
            <source>个人</source>
            <translation>Individual</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <source>初创期</source>
            <translation>Start-up</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <source>成长期</source>
            <translation>Growth</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <source>成熟期</source>
            <translation>Mature</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/grading.py" />
            <location filename="../../ui/labels.py" />
            <source>衰退期</source>
            <translation>Decline</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <location filename="../../ui/screens/client_model.py" />
            <location filename="../../ui/screens/requests.py" />
            <location filename="../../ui/screens/today.py" />
            <source>客户名称</source>
            <translation>Client name</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <source>简称</source>
            <translation>Short name</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <source>客户类型</source>
            <translation>Client type</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/client_model.py" />
            <source>所属集团</source>
            <translation>Group</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>生命周期阶段</source>
            <translation>Lifecycle stage</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>所属团队</source>
            <translation>Team</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>所属机构</source>
            <translation>Branch</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/approvals.py" />
            <location filename="../../ui/screens/products.py" />
            <location filename="../../ui/screens/proposals.py" />
            <location filename="../../ui/screens/requests.py" />
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/screens/visits.py" />
            <source>状态</source>
            <translation>Status</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <location filename="../../ui/screens/client_model.py" />
            <source>城市</source>
            <translation>City</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <source>地址</source>
            <translation>Address</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>成立日期/生日</source>
            <translation>Founded / birthday</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <source>KYC 复核日期</source>
            <translation>KYC reviewed on</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <source>KYC 到期日</source>
            <translation>KYC due on</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <source>风险评估日期</source>
            <translation>Risk assessed on</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <source>风险承受能力</source>
            <translation>Risk tolerance</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>在我行资产</source>
            <translation>Assets with the bank</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>最近联系日期</source>
            <translation>Last contact</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <source>备注</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/history.py" />
            <source>手机号</source>
            <translation>Mobile phone</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>账号</source>
            <translation>Account number</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/labels.py" />
            <source>净资产</source>
            <translation>Net worth</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/proposals.py" />
            <location filename="../../ui/labels.py" />
            <source>年营业收入</source>
            <translation>Annual revenue</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/labels.py" />
            <source>信用评级</source>
            <translation>Credit rating</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../ui/labels.py" />
            <source>授信额度</source>
            <translation>Credit limit</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>不支持按「{s}」排序</source>
            <translation>Cannot sort by "{s}"</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>{f}应为日期（YYYY-MM-DD）</source>
            <translation>{f} must be a date (YYYY-MM-DD)</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>{f}应为金额数字</source>
            <translation>{f} must be an amount</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>{f}不能为负数</source>
            <translation>{f} cannot be negative</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>{f}的取值无效</source>
            <translation>{f} has an invalid value</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>客户名称不能为空</source>
            <translation>The client name cannot be empty</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>{f}不能超过 {n} 个字</source>
            <translation>{f} cannot be longer than {n} characters</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>客户不能是自己的上级集团</source>
            <translation>A client cannot be its own parent group</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>所选上级集团不存在或不在您的权限范围内</source>
            <translation>The chosen parent group does not exist or is outside your scope</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>所选上级集团会形成循环</source>
            <translation>The chosen parent group would create a loop</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>所选客户经理不存在</source>
            <translation>The chosen relationship manager does not exist</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>所选团队不存在</source>
            <translation>The chosen team does not exist</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>不能修改字段「{f}」</source>
            <translation>The field "{f}" cannot be changed</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>{f}过长</source>
            <translation>{f} is too long</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>修改客户资料</source>
            <translation>edit client data</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>没有可修改的字段「{f}」</source>
            <translation>There is no editable field "{f}"</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <location filename="../../services/conflicts.py" />
            <source>修改「{f}」</source>
            <translation>edit "{f}"</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>「{f}」不是敏感字段</source>
            <translation>"{f}" is not a sensitive field</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>查看「{f}」明文</source>
            <translation>see "{f}" in clear</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>联系人不存在</source>
            <translation>The contact does not exist</translation>
        </message>
        <message>
            <location filename="../../services/clients.py" />
            <source>「{f}」没有填写</source>
            <translation>"{f}" is empty</translation>
        </message>
        <message>
            <location filename="../../services/conflicts.py" />
            <location filename="../../sync/engine.py" />
            <source>找不到冲突记录。</source>
            <translation>Conflict not found.</translation>
        </message>
        <message>
            <location filename="../../services/conflicts.py" />
            <source>此字段不能合并编辑</source>
            <translation>This field cannot be merged</translation>
        </message>
        <message>
            <location filename="../../services/dashboard.py" />
            <source>查看团队到期汇总</source>
            <translation>view the team's maturities</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>生成演示数据</source>
            <translation>Generating demo data</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>创建加密客户文件</source>
            <translation>Creating the encrypted client file</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/clients.py" />
            <source>团队</source>
            <translation>Team</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>用户</source>
            <translation>Users</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/screens/registry.py" />
            <source>产品</source>
            <translation>Products</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>调研表模板</source>
            <translation>Questionnaire templates</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <location filename="../../services/importexport.py" />
            <location filename="../../ui/screens/registry.py" />
            <location filename="../../ui/screens/sync.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>客户</source>
            <translation>Clients</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>服务团队</source>
            <translation>Relationship teams</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>贡献度</source>
            <translation>Contribution</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <source>持仓</source>
            <translation>Holdings</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <location filename="../../services/importexport.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/registry.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>拜访</source>
            <translation>Visits</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>调研表</source>
            <translation>Questionnaires</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/registry.py" />
            <location filename="../../ui/screens/sync.py" />
            <location filename="../../ui/screens/today.py" />
            <source>任务</source>
            <translation>Tasks</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/dashboard.py" />
            <location filename="../../ui/screens/registry.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>商机</source>
            <translation>Opportunities</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <source>商机成员</source>
            <translation>Opportunity members</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <source>商机阶段</source>
            <translation>Opportunity stages</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/registry.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>服务请求</source>
            <translation>Service requests</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>服务请求记录</source>
            <translation>Service request events</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../services/history.py" />
            <source>风险提示</source>
            <translation>Risk notes</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>搜索索引</source>
            <translation>Search index</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>示例方案</source>
            <translation>Sample proposals</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/screens/today.py" />
            <source>完成</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>按客户反馈调整期限与金额</source>
            <translation>Term and amounts adjusted after the client's feedback</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>客户有三年以上同类产品投资经验，已书面确认知悉产品风险</source>
            <translation>The client has over three years' experience with similar products and confirmed in writing that they understand the risk</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>客户提供了近两年同类产品的投资记录，资金为闲置自有资金</source>
            <translation>The client showed records of similar investments over the past two years; the funds are idle own funds</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>投资经验与资金来源已核实，同意例外，请留存客户书面确认</source>
            <translation>Investment experience and source of funds verified; exception approved — keep the client's written confirmation on file</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>客户希望提高收益，主动要求配置该产品</source>
            <translation>The client wants a higher return and asked for this product</translation>
        </message>
        <message>
            <location filename="../../services/demo.py" />
            <source>产品风险等级高于客户风险承受能力，且客户无同类产品投资经验，不予例外</source>
            <translation>The product's risk level is above the client's risk tolerance and the client has no experience with similar products; exception refused</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>{w}：{m}</source>
            <translation>{w}: {m}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>bands 应为非空列表 [[下限, 分值], ...]</source>
            <translation>bands must be a non-empty list [[lower bound, points], ...]</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>每个档位应为 [下限, 分值] 两个数字</source>
            <translation>each band must be two numbers [lower bound, points]</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>分值应在 0–100 之间</source>
            <translation>points must be between 0 and 100</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>档位下限应严格递增</source>
            <translation>band lower bounds must be strictly increasing</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>模型应为 JSON 对象</source>
            <translation>the model must be a JSON object</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>缺少模型版本 version</source>
            <translation>the model version is missing</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>缺少 factors</source>
            <translation>factors are missing</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>缺少因子：{f}</source>
            <translation>missing factors: {f}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>未知因子：{f}</source>
            <translation>unknown factors: {f}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>应为 JSON 对象</source>
            <translation>must be a JSON object</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>权重 weight 应为非负数</source>
            <translation>weight must be a non-negative number</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>measures 应为 total_assets/annual_revenue/net_worth 中的若干项</source>
            <translation>measures must be some of total_assets/annual_revenue/net_worth</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>table 应为 评级 → 0–100 分值</source>
            <translation>table must map rating → points 0–100</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>{k} 应为 名称 → 0–100 分值</source>
            <translation>{k} must map name → points 0–100</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>industry_share 应在 0–1 之间</source>
            <translation>industry_share must be between 0 and 1</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>各因子权重之和应为 100（当前为 {t:g}）</source>
            <translation>the factor weights must add up to 100 (now {t:g})</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>缺少 tiers</source>
            <translation>tiers are missing</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>每档应为 {{"tier": strategic/core/key/general, "min_score": 数字}}</source>
            <translation>each tier must be {{"tier": strategic/core/key/general, "min_score": number}}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>应恰好包含战略、核心、重点、一般四档</source>
            <translation>must contain exactly the four tiers strategic, core, key and general</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>分级门槛应从战略到一般严格递减</source>
            <translation>tier thresholds must decrease strictly from strategic to general</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>contribution_months 应为 1–60 的整数</source>
            <translation>contribution_months must be an integer from 1 to 60</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <location filename="../../services/importexport.py" />
            <source>文件不存在</source>
            <translation>file not found</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>无法读取（应为 UTF-8 编码的 JSON 文件）</source>
            <translation>cannot be read (a UTF-8 JSON file is expected)</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>JSON 格式错误（第 {l} 行第 {c} 列）</source>
            <translation>invalid JSON (line {l}, column {c})</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>{n:.2f} 亿元</source>
            <translation>{n:.2f} × CNY 100 m</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>{n:.1f} 万元</source>
            <translation>{n:.1f} × CNY 10,000</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>{n:.0f} 元</source>
            <translation>CNY {n:.0f}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>无规模数据</source>
            <translation>no size data</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>（已脱敏）</source>
            <translation>(masked)</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>区间下限 {v}</source>
            <translation>band lower bound {v}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>{m} {v}</source>
            <translation>{m} {v}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>（无权查看{f}明细，按脱敏区间或仅按在我行资产计算）</source>
            <translation> (no access to {f}: scored from the masked band or from assets with the bank only)</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>近 {n} 个月贡献 {v}</source>
            <translation>contribution over the last {n} months {v}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>信用评级 {r}</source>
            <translation>credit rating {r}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>无权查看信用评级，按默认分值计</source>
            <translation>no access to the credit rating: default points used</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>评级不在模型评级表内，按默认分值计</source>
            <translation>rating not in the model's table: default points used</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>无信用评级，按默认分值计</source>
            <translation>no credit rating: default points used</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>持有 {n} 类产品</source>
            <translation>holds {n} product types</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>未知阶段</source>
            <translation>unknown stage</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>行业「{i}」{a:g} 分，{s} {b:g} 分</source>
            <translation>industry "{i}" {a:g} points, {s} {b:g} points</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>未填</source>
            <translation>not filled in</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>当前角色无财务数据密钥：营业收入、净资产按脱敏区间下限估算。</source>
            <translation>Your role has no financial-data key: revenue and net worth were estimated from the lower bound of their masked band.</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>当前角色无财务数据密钥：信用评级按默认分值计。</source>
            <translation>Your role has no financial-data key: credit ratings were given default points.</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>调整客户分级</source>
            <translation>change client tiers</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <location filename="../../services/scope.py" />
            <source>客户不存在或不在您的权限范围内</source>
            <translation>The client does not exist or is outside your permissions</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>综合得分 {s:.1f}，按模型 {v} 应为「{t}」客户</source>
            <translation>Score {s:.1f}: a "{t}" client under model {v}</translation>
        </message>
        <message>
            <location filename="../../services/grading.py" />
            <source>（当前为「{c}」，建议调整）</source>
            <translation> (currently "{c}": a change is suggested)</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>关系团队</source>
            <translation>Relationship team</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>问卷</source>
            <translation>Questionnaire</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>服务请求进展</source>
            <translation>Request progress</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../services/pipeline.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/registry.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>方案</source>
            <translation>Proposals</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>名称</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <source>标题</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>邮箱</source>
            <translation>Email</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>角色</source>
            <translation>Role</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>计划时间</source>
            <translation>Planned time</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/visits.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>地点</source>
            <translation>Place</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/visits.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>议程</source>
            <translation>Agenda</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>成果</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/approvals.py" />
            <location filename="../../ui/screens/client_model.py" />
            <location filename="../../ui/screens/clients.py" />
            <location filename="../../ui/screens/products.py" />
            <location filename="../../ui/screens/requests.py" />
            <location filename="../../ui/screens/today.py" />
            <source>类型</source>
            <translation>Type</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/screens/dashboard.py" />
            <source>金额</source>
            <translation>Amount</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>阶段</source>
            <translation>Stage</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/visits/finish.py" />
            <source>截止日期</source>
            <translation>Due date</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <source>优先级</source>
            <translation>Priority</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>删除</source>
            <translation>Deleted</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/about.py" />
            <location filename="../../ui/screens/proposals.py" />
            <source>版本</source>
            <translation>Version</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/screens/approvals.py" />
            <source>内容</source>
            <translation>Content</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/today.py" />
            <source>生日</source>
            <translation>Birthday</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>偏好</source>
            <translation>Preferences</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/dashboard.py" />
            <source>赢率</source>
            <translation>Win rate</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/screens/today.py" />
            <source>说明</source>
            <translation>Details</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/client360.py" />
            <source>查看明文</source>
            <translation>Reveal</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>导出</source>
            <translation>Export</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>方案已出具</source>
            <translation>Proposal issued</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>方案已打印</source>
            <translation>Proposal printed</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>方案已导出为 PDF</source>
            <translation>Proposal saved as PDF</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>提交审批申请</source>
            <translation>Approval requested</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>审批通过</source>
            <translation>Approved</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>审批驳回</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>调整客户分层</source>
            <translation>Client tier changed</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>本机</source>
            <translation>This device</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../ui/screens/registry.py" />
            <source>同步</source>
            <translation>Sync</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>审计</source>
            <translation>Audit</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>已修改（敏感信息不显示）</source>
            <translation>Changed (sensitive value not shown)</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>（空）</source>
            <translation>(empty)</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>是</source>
            <translation>Yes</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>否</source>
            <translation>No</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>新增{t}</source>
            <translation>Added to {t}</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <location filename="../../services/pipeline.py" />
            <source>原因：{r}</source>
            <translation>Reason: {r}</translation>
        </message>
        <message>
            <location filename="../../services/history.py" />
            <source>查看该客户的变更历史（客户不存在或不在您的权限范围内）</source>
            <translation>view this client's change history (the client does not exist or is outside your scope)</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>第 {r} 行 {c}：{m}</source>
            <translation>row {r}, {c}: {m}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>第 {r} 行：{m}</source>
            <translation>row {r}: {m}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>导入已取消：{n} 行有错误，未导入任何数据。{f}</source>
            <translation>Import cancelled: {n} rows have errors; nothing was imported. {f}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>无法读取文件 {f}：{w}</source>
            <translation>Cannot read file {f}: {w}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>只支持 .xlsx 和 .csv 文件</source>
            <translation>only .xlsx and .csv files are supported</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>文件为空</source>
            <translation>the file is empty</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>不是有效的 Excel (.xlsx) 文件</source>
            <translation>not a valid Excel (.xlsx) file</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>工作表已损坏</source>
            <translation>the worksheet is damaged</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>不是文本格式的 CSV 文件</source>
            <translation>not a text CSV file</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>无法识别文件编码（应为 UTF-8 或 GBK）</source>
            <translation>unknown text encoding (UTF-8 or GBK expected)</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>CSV 格式错误</source>
            <translation>malformed CSV</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>映射文件不存在：{f}</source>
            <translation>mapping file not found: {f}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>映射文件应为 UTF-8 编码的 JSON 对象</source>
            <translation>the mapping file must be a UTF-8 JSON object</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>映射文件应为 {"表头": "字段"} 形式的 JSON 对象</source>
            <translation>the mapping file must be a JSON object of the form {"表头": "字段"} (column header → field)</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>日期格式无效（应为 YYYY-MM-DD）</source>
            <translation>invalid date (YYYY-MM-DD expected)</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <location filename="../../services/pipeline.py" />
            <location filename="../../services/proposals.py" />
            <source>金额格式无效</source>
            <translation>invalid amount</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <location filename="../../services/pipeline.py" />
            <source>金额不能为负数</source>
            <translation>the amount cannot be negative</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>导入对象应为 clients、contacts 或 holdings</source>
            <translation>the import target must be clients, contacts or holdings</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>映射中有未知字段：{f}</source>
            <translation>unknown fields in the mapping: {f}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>多个列都对应「{f}」：请只保留一列</source>
            <translation>several columns map to "{f}": keep only one</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>客户名称或统一社会信用代码</source>
            <translation>client name or unified social credit code</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>缺少必需的列：{c}</source>
            <translation>required columns are missing: {c}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>超过 {n} 行，请分批导入</source>
            <translation>more than {n} rows: import in batches</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>没有数据行</source>
            <translation>no data rows</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>不能为空</source>
            <translation>cannot be empty</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>应为 对公 或 个人</source>
            <translation>must be 对公 (corporate) or 个人 (individual)</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>取值「{v}」无效</source>
            <translation>invalid value "{v}"</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>应为 C1–C5</source>
            <translation>must be C1–C5</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>（该列被 Excel 存成了数字，超过 15 位会丢失末几位：请把该列设为文本格式后重新录入）</source>
            <translation> (Excel stored this column as numbers, which loses digits beyond 15: format the column as text and enter the values again)</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>与第 {r} 行重复</source>
            <translation>duplicates row {r}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>客户已存在于客户文件中</source>
            <translation>the client is already in the client file</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>过长（最多 200 字）</source>
            <translation>too long (200 characters at most)</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>有多个同名客户，请用统一社会信用代码或身份证号指明</source>
            <translation>several clients share this name: identify the client by credit code or ID number</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>在您的客户中找不到该客户</source>
            <translation>no such client among your clients</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>未知产品代码「{c}」</source>
            <translation>unknown product code "{c}"</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>金额应大于 0</source>
            <translation>the amount must be above 0</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>到期日早于起始日</source>
            <translation>the maturity date is before the start date</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>导入客户数据</source>
            <translation>import client data</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>导入{e}</source>
            <translation>import {e}</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>客户分级应为 strategic/core/key/general</source>
            <translation>the tier must be strategic/core/key/general</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>导出文件应为 .xlsx</source>
            <translation>the export file must be .xlsx</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>客户名单</source>
            <translation>Clients</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>导出日程</source>
            <translation>export the calendar</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>天数应在 0–366 之间</source>
            <translation>days must be 0–366</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>日历文件应为 .ics</source>
            <translation>the calendar file must be .ics</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <location filename="../../ui/client360.py" />
            <source>电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>会议</source>
            <translation>Meeting</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>活动</source>
            <translation>Event</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>客户拜访</source>
            <translation>Client visits</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>服务日程</source>
            <translation>Service agenda</translation>
        </message>
        <message>
            <location filename="../../services/importexport.py" />
            <source>KAMDesk 日程</source>
            <translation>KAMDesk calendar</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>当前口令不正确：请输入您现在使用的同步口令。</source>
            <translation>The current password is wrong: enter the sync password you use now.</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>至少 {n} 个字符</source>
            <translation>at least {n} characters</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>不能与当前口令相同</source>
            <translation>not the same as the current password</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>两次输入的新口令必须一致</source>
            <translation>typed the same way twice</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>请输入当前口令。</source>
            <translation>Enter your current password.</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>新口令至少需要 {n} 个字符。</source>
            <translation>The new password needs at least {n} characters.</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>注册码不正确、已使用或已过期：请核对，或请管理员重新签发。</source>
            <translation>The enrolment secret is wrong, used or expired: check it, or ask an administrator for a new one.</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <source>请输入管理员交给您的注册码。</source>
            <translation>Enter the enrolment secret your administrator gave you.</translation>
        </message>
        <message>
            <location filename="../../services/password.py" />
            <location filename="../../ui/password.py" />
            <source>请输入用户名。</source>
            <translation>Enter your user name.</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <location filename="../../ui/labels.py" />
            <source>线索</source>
            <translation>Lead</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <location filename="../../ui/labels.py" />
            <source>已确认需求</source>
            <translation>Qualified</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <location filename="../../ui/labels.py" />
            <source>谈判</source>
            <translation>Negotiation</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <location filename="../../ui/labels.py" />
            <source>赢单</source>
            <translation>Won</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <location filename="../../ui/labels.py" />
            <source>输单</source>
            <translation>Lost</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>主办</source>
            <translation>Lead</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>协办</source>
            <translation>Support</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>修改商机</source>
            <translation>change opportunities</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>新商机的阶段无效</source>
            <translation>invalid stage for a new opportunity</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>请填写商机名称</source>
            <translation>give the opportunity a name</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>未知阶段 {s}</source>
            <translation>unknown stage {s}</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>商机不存在或不在您的权限范围内</source>
            <translation>The opportunity does not exist or is outside your permissions</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>输单需要填写原因</source>
            <translation>a lost opportunity needs a reason</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>赢单概率应在 0–100 之间</source>
            <translation>the win probability must be 0–100</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>商机已{s}，不能再变更阶段</source>
            <translation>the opportunity is {s} and cannot change stage</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>商机已处于该阶段</source>
            <translation>the opportunity is already at that stage</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>至少需要一名成员</source>
            <translation>at least one member is needed</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>未知成员角色 {r}</source>
            <translation>unknown member role {r}</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>分成比例格式无效</source>
            <translation>invalid credit share</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>分成比例应在 0–100% 之间</source>
            <translation>credit shares must be 0–100 %</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>分成比例精确到 1%</source>
            <translation>credit shares are whole percentages</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>同一成员不能重复出现</source>
            <translation>a member may appear only once</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>业绩分成合计应为 100%（当前 {t}%）</source>
            <translation>credit shares must add up to 100 % (now {t} %)</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>应有且仅有一名主办</source>
            <translation>there must be exactly one lead</translation>
        </message>
        <message>
            <location filename="../../services/pipeline.py" />
            <source>查看团队商机汇总</source>
            <translation>view the team's pipeline roll-up</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <location filename="../../services/proposals.py" />
            <source>年利率 {r}%</source>
            <translation>Interest {r}% p.a.</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <location filename="../../services/proposals.py" />
            <source>年化 {r}%</source>
            <translation>Yield {r}% p.a.</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <source>{n} 个月</source>
            <translation>{n} months</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <source>不定期</source>
            <translation>Open-ended</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <source>查看产品</source>
            <translation>view products</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <source>未知产品类型</source>
            <translation>Unknown product type</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <source>未知风险等级</source>
            <translation>Unknown risk level</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <source>未知客户类型</source>
            <translation>Unknown client kind</translation>
        </message>
        <message>
            <location filename="../../services/products.py" />
            <source>产品不存在</source>
            <translation>The product does not exist</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>金额必须大于零</source>
            <translation>The amount must be greater than zero</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>创建或修改方案</source>
            <translation>create or change proposals</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>方案不存在</source>
            <translation>No such proposal</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>方案至少需要一个产品</source>
            <translation>A proposal needs at least one product</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>未知产品：{p}</source>
            <translation>Unknown product: {p}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>未知产品代码：{c}</source>
            <translation>Unknown product code: {c}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>大客户调研表 {d}</source>
            <translation>Key-account questionnaire {d}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>拜访反馈</source>
            <translation>Visit feedback</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>拜访纪要 {d}</source>
            <translation>Visit notes {d}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>「{n}」{a} 元将于 {d} 到期，建议到期续作，保持资金收益连续</source>
            <translation>"{n}" of CNY {a} matures on {d}; renewing at maturity keeps the returns continuous</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>回应客户{t}：{d}</source>
            <translation>Answers the client's {t}: {d}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>已有同类产品，建议加深合作</source>
            <translation>Already holds a product of this kind; deepen the relationship</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>客户尚未持有此类产品</source>
            <translation>The client does not hold a product of this kind yet</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>与客户风险承受能力匹配的基础配置</source>
            <translation>A core allocation matching the client's risk tolerance</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>{n}综合金融服务方案</source>
            <translation>Integrated financial services proposal for {n}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>初稿</source>
            <translation>First draft</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>请说明本版修改内容</source>
            <translation>Say what changed in this version</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>「{n}」金额低于起点金额 {m:,.2f} 元</source>
            <translation>"{n}": the amount is below the minimum of CNY {m:,.2f}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>「{n}」金额超过上限 {m:,.2f} 元</source>
            <translation>"{n}": the amount exceeds the maximum of CNY {m:,.2f}</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>「{n}」缺少风险揭示内容</source>
            <translation>"{n}": the risk disclosure is missing</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>出具方案</source>
            <translation>issue proposals</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>方案未通过出具前检查：</source>
            <translation>The proposal failed the pre-issue checks:</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>只有草稿可以出具（当前状态：{s}）</source>
            <translation>Only a draft can be issued (current status: {s})</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>状态只能是 accepted 或 rejected</source>
            <translation>The status must be accepted or rejected</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>只有已出具的方案可以记录客户结果</source>
            <translation>A client outcome can be recorded only for an issued proposal</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>所属行业</source>
            <translation>Industry</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>所在城市</source>
            <translation>City</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <location filename="../../ui/labels.py" />
            <source>证件号码</source>
            <translation>ID number</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <location filename="../../ui/labels.py" />
            <source>联系电话</source>
            <translation>Phone</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>个人净资产</source>
            <translation>Personal net worth</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>在我行金融资产</source>
            <translation>Financial assets with us</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/client_model.py" />
            <location filename="../../ui/screens/clients.py" />
            <location filename="../../ui/screens/dashboard.py" />
            <location filename="../../ui/screens/today.py" />
            <source>客户经理</source>
            <translation>RM</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>未知用途</source>
            <translation>Unknown purpose</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>预览不写文件：保存 PDF 请使用导出（将记入审计）</source>
            <translation>Preview writes no file: to save a PDF use Export (audited)</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>打印或导出方案</source>
            <translation>print or export proposals</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>查看方案</source>
            <translation>view proposals</translation>
        </message>
        <message>
            <location filename="../../services/proposals.py" />
            <source>未知方案状态</source>
            <translation>Unknown proposal status</translation>
        </message>
        <message>
            <location filename="../../services/reasons.py" />
            <source>请填写原因（至少 {n} 个字，将记入审计日志）</source>
            <translation>Please give a reason (at least {n} characters; kept in the audit log)</translation>
        </message>
        <message>
            <location filename="../../services/reasons.py" />
            <source>原因太长（最多 {n} 个字）</source>
            <translation>The reason is too long (at most {n} characters)</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/labels.py" />
            <source>待处理</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/labels.py" />
            <source>处理中</source>
            <translation>In progress</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/labels.py" />
            <source>已升级</source>
            <translation>Escalated</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/labels.py" />
            <source>已解决</source>
            <translation>Resolved</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/labels.py" />
            <source>已关闭</source>
            <translation>Closed</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/client360.py" />
            <source>正常</source>
            <translation>On time</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/client360.py" />
            <source>即将超时</source>
            <translation>Due soon</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/client360.py" />
            <source>已超时</source>
            <translation>Breached</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>处理服务请求</source>
            <translation>handle service requests</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>服务请求不存在或不在您的权限范围内</source>
            <translation>The service request does not exist or is outside your permissions</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>登记服务请求</source>
            <translation>register service requests</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>请填写请求标题</source>
            <translation>give the request a title</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>未知类别「{c}」，可选：{a}</source>
            <translation>unknown category "{c}"; choose from: {a}</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>类型应为 request 或 complaint</source>
            <translation>the kind must be request or complaint</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>优先级无效</source>
            <translation>invalid priority</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>渠道无效</source>
            <translation>invalid channel</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>{k}登记：{c}</source>
            <translation>{k} registered: {c}</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <source>投诉</source>
            <translation>Complaint</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <source>请求</source>
            <translation>Request</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>请求已{s}，不能再指派</source>
            <translation>the request is {s} and cannot be assigned</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>处理人不存在</source>
            <translation>the assignee does not exist</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>升级服务请求</source>
            <translation>escalate service requests</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>请求已{s}，不能升级</source>
            <translation>the request is {s} and cannot be escalated</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>人工升级至 {n} 级</source>
            <translation>escalated by hand to level {n}</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>超出时限 {h:.0f} 小时，自动升级至 {n} 级</source>
            <translation>{h:.0f} hours past the deadline: escalated automatically to level {n}</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>备注不能为空</source>
            <translation>the note cannot be empty</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>请求已关闭</source>
            <translation>the request is closed</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>请填写处理结果</source>
            <translation>give the resolution</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>满意度应为 1–5 分</source>
            <translation>satisfaction must be 1–5</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>请求已{s}</source>
            <translation>the request is {s}</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>请先解决后再关闭</source>
            <translation>resolve the request before closing it</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <location filename="../../ui/labels.py" />
            <source>系统</source>
            <translation>System</translation>
        </message>
        <message>
            <location filename="../../services/requests.py" />
            <source>未知状态 {s}</source>
            <translation>unknown status {s}</translation>
        </message>
        <message>
            <location filename="../../services/scope.py" />
            <source>当前角色不能查看客户数据</source>
            <translation>Your role cannot view client data</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>对公客户</source>
            <translation>corporate clients</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>个人客户</source>
            <translation>individual clients</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>产品「{n}」仅面向{w}</source>
            <translation>product "{n}" is only for {w}</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>客户尚未完成风险承受能力评估，请先评估</source>
            <translation>the client has no risk tolerance assessment: assess first</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>客户风险评估已于 {d} 过期，请重新评估</source>
            <translation>the client's risk assessment expired on {d}: reassess</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>产品风险等级 {r} 高于客户风险承受能力 {c}（最高可购买 {m}）</source>
            <translation>product risk level {r} is above the client's risk tolerance {c} (at most {m})</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>产品风险等级 {r} 与客户风险承受能力 {c} 匹配</source>
            <translation>product risk level {r} matches the client's risk tolerance {c}</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>产品不存在：{n} 个</source>
            <translation>products not found: {n}</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>；例外申请已获批准</source>
            <translation>; exception approved</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>；例外申请待审批</source>
            <translation>; exception request pending</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>适当性例外申请</source>
            <translation>Suitability exception request</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>该产品与客户风险承受能力匹配，无需例外审批</source>
            <translation>the product matches the client's risk tolerance: no override needed</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>此项不能例外放行：{r}</source>
            <translation>this cannot be overridden: {r}</translation>
        </message>
        <message>
            <location filename="../../services/suitability.py" />
            <source>适当性例外审批：产品「{p}」（{code}）风险等级 {r} 高于客户风险承受能力 {t}。客户经理{req}申请，原因：{why}。{who}于 {when} 批准，审批意见：{note}。</source>
            <translation>Suitability exception: product "{p}" ({code}) has risk level {r}, above the client's risk tolerance {t}. Requested by relationship manager {req}, reason: {why}. Approved by {who} on {when}, comment: {note}.</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <location filename="../../ui/screens/tasks.py" />
            <source>待办</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <location filename="../../services/visits.py" />
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/tasks.py" />
            <source>已完成</source>
            <translation>Done</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <location filename="../../services/visits.py" />
            <location filename="../../ui/labels.py" />
            <source>已取消</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <location filename="../../ui/labels.py" />
            <source>手工</source>
            <translation>Manual</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>拜访跟进</source>
            <translation>Visit follow-up</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <location filename="../../ui/labels.py" />
            <source>日程</source>
            <translation>Agenda</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>查看任务</source>
            <translation>view tasks</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>修改任务</source>
            <translation>change tasks</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>请填写任务内容</source>
            <translation>Enter what the task is</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>任务内容不能超过 {n} 个字</source>
            <translation>A task may have at most {n} characters</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>任务不存在或不在您的权限范围内</source>
            <translation>The task does not exist or is outside your book</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>未知任务状态 {s}</source>
            <translation>Unknown task status {s}</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>已取消的任务不能标记完成</source>
            <translation>A cancelled task cannot be marked done</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>只能改期待办中的任务</source>
            <translation>Only an open task can be rescheduled</translation>
        </message>
        <message>
            <location filename="../../services/tasks.py" />
            <source>已完成的任务不能取消</source>
            <translation>A completed task cannot be cancelled</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <location filename="../../ui/labels.py" />
            <source>上门拜访</source>
            <translation>On-site visit</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <location filename="../../ui/labels.py" />
            <source>电话沟通</source>
            <translation>Phone call</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <location filename="../../ui/labels.py" />
            <source>行内会谈</source>
            <translation>Meeting at the bank</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <location filename="../../ui/labels.py" />
            <source>客户活动</source>
            <translation>Client event</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/visits.py" />
            <source>计划中</source>
            <translation>Planned</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>查看拜访</source>
            <translation>view visits</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>记录拜访</source>
            <translation>record visits</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>拜访记录不存在或不在您的权限范围内</source>
            <translation>The visit does not exist or is outside your book</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>参加人员姓名过长</source>
            <translation>An attendee's name is too long</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>参加人员不能超过 30 人</source>
            <translation>At most 30 attendees</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>请选择拜访时间</source>
            <translation>Choose the visit time</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>未知的拜访方式 {k}</source>
            <translation>Unknown visit type {k}</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>拜访时长应在 5 分钟到 12 小时之间</source>
            <translation>The duration must be between 5 minutes and 12 hours</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>地点不能超过 200 个字</source>
            <translation>The place may have at most 200 characters</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/today.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>计划拜访</source>
            <translation>Plan a visit</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>未知拜访状态 {s}</source>
            <translation>Unknown visit status {s}</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>纪要过长（超过 {n} 字），请分次记录</source>
            <translation>The notes are too long (over {n} characters); split them</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>拜访已取消，不能再记录纪要</source>
            <translation>The visit was cancelled; notes can no longer be taken</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>只能取消计划中的拜访</source>
            <translation>Only a planned visit can be cancelled</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>取消原因：{r}</source>
            <translation>Cancelled: {r}</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <location filename="../../ui/visits/finish.py" />
            <source>请填写拜访成果</source>
            <translation>Enter the outcome of the visit</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>拜访已取消，不能结束</source>
            <translation>The visit was cancelled and cannot be finished</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>拜访已经结束</source>
            <translation>The visit is already finished</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>没有适用于此类客户的调研表模板</source>
            <translation>No questionnaire template for this kind of client</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>调研表中没有这个问题（{k}）</source>
            <translation>The questionnaire has no such question ({k})</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>提交前请回答“{q}”</source>
            <translation>Answer "{q}" before submitting</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>“{q}”应填写数字</source>
            <translation>"{q}" needs a number</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>“{q}”不能为负数</source>
            <translation>"{q}" cannot be negative</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>“{q}”只能从给定选项中选择</source>
            <translation>"{q}" must be one of the given options</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>“{q}”应为多选（选项列表）</source>
            <translation>"{q}" takes several options (a list)</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>“{q}”含有不在选项中的值</source>
            <translation>"{q}" has a value that is not one of the options</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>“{q}”应填写日期（如 2026-12-05）</source>
            <translation>"{q}" needs a date (e.g. 2026-12-05)</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>“{q}”的回答不能超过 {n} 个字</source>
            <translation>The answer to "{q}" may have at most {n} characters</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>填写调研表</source>
            <translation>fill in questionnaires</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>调研表模板不存在</source>
            <translation>The questionnaire template does not exist</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>此调研表模板不适用于该类客户</source>
            <translation>This questionnaire template is not for this kind of client</translation>
        </message>
        <message>
            <location filename="../../services/visits.py" />
            <source>拜访与客户不一致</source>
            <translation>The visit belongs to another client</translation>
        </message>
        <message>
            <location filename="../../sync/engine.py" />
            <source>无法连接同步服务器：请检查网络或稍后再试。本地修改已保存，联网后会自动同步。</source>
            <translation>Cannot reach the sync server: check the network or try later. Local changes are saved and will sync when online.</translation>
        </message>
        <message>
            <location filename="../../sync/engine.py" />
            <source>需要重新登录同步服务器（输入口令）。</source>
            <translation>Sign in to the sync server again (password needed).</translation>
        </message>
        <message>
            <location filename="../../sync/engine.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>同步已取消；已完成的部分已保存，下次同步会从中断处继续。</source>
            <translation>Sync cancelled; what was done is saved and the next sync resumes from there.</translation>
        </message>
        <message>
            <location filename="../../sync/engine.py" />
            <source>此设备已被管理员吊销：本地客户文件及其密钥已清除。</source>
            <translation>This device was revoked by an administrator: the local client file and its keys have been erased.</translation>
        </message>
        <message>
            <location filename="../../sync/engine.py" />
            <source>拒绝以明文 HTTP 连接服务器 {u}：请使用 HTTPS（仅本机地址允许 HTTP）。</source>
            <translation>Refusing plain HTTP to {u}: use HTTPS (HTTP is allowed to this machine only).</translation>
        </message>
        <message>
            <location filename="../../sync/engine.py" />
            <source>尚未配置同步服务器地址。</source>
            <translation>No sync server is configured.</translation>
        </message>
        <message>
            <location filename="../../sync/engine.py" />
            <source>此客户文件属于其他用户，不能用 {u} 同步。</source>
            <translation>This client file belongs to another user; it cannot sync as {u}.</translation>
        </message>
        <message>
            <location filename="../../sync/enrol.py" />
            <source>服务器拒绝了注册（HTTP {s}）。</source>
            <translation>The server refused the enrolment (HTTP {s}).</translation>
        </message>
        <message>
            <location filename="../../ui/about.py" />
            <location filename="../../ui/actions.py" />
            <source>关于 KAMDesk</source>
            <translation>About KAMDesk</translation>
        </message>
        <message>
            <location filename="../../ui/about.py" />
            <source>KAMDesk 大客户经理工作台</source>
            <translation>KAMDesk Key Account Workstation</translation>
        </message>
        <message>
            <location filename="../../ui/about.py" />
            <source>面向商业银行客户经理的大客户工作台：离线加密客户文件、客户全景、拜访、方案与同步。</source>
            <translation>A key-account workstation for commercial-bank relationship managers: an encrypted offline client file, client 360, visits, proposals and sync.</translation>
        </message>
        <message>
            <location filename="../../ui/about.py" />
            <source>组件</source>
            <translation>Component</translation>
        </message>
        <message>
            <location filename="../../ui/about.py" />
            <source>许可证</source>
            <translation>Licence</translation>
        </message>
        <message>
            <location filename="../../ui/about.py" />
            <source>第三方组件及其许可证：</source>
            <translation>Third-party components and their licences:</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>搜索客户</source>
            <translation>Search clients</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>跳到客户搜索框</source>
            <translation>Jump to the client search box</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>锁定工作台</source>
            <translation>Lock workstation</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>隐藏所有客户信息，需输入口令解锁</source>
            <translation>Hide all client data; the passphrase unlocks</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>刷新</source>
            <translation>Refresh</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>设置…</source>
            <translation>Settings…</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>界面语言、本机口令、在此设备上记住口令</source>
            <translation>Interface language, passphrase on this device, remember on this device</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <location filename="../../ui/firstrun.py" />
            <source>退出</source>
            <translation>Quit</translation>
        </message>
        <message>
            <location filename="../../ui/actions.py" />
            <source>简体中文</source>
            <translation>简体中文 (Chinese)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>查看明文需要填写原因，并记入审计日志</source>
            <translation>Revealing the plain value needs a reason and is recorded in the audit log</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/visits/questionnaire.py" />
            <location filename="../../ui/visits/workspace.py" />
            <source>（未填写）</source>
            <translation>(not filled in)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>（无权查看）</source>
            <translation>(not permitted)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>（主要）</source>
            <translation> (primary)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>姓名</source>
            <translation>Name</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>职务</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无联系人。</source>
            <translation>No contacts yet.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>查看电话明文</source>
            <translation>Show phone</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>显示的电话明文将在 {n} 秒后重新脱敏</source>
            <translation>The phone shown in plain is masked again in {n} s</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>当前角色无权查看联系人电话明文</source>
            <translation>Your role may not see contacts' phone numbers in plain</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>所选联系人没有登记电话</source>
            <translation>The selected contact has no phone number on record</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>查看所选联系人的电话明文需要填写原因，并记入审计日志</source>
            <translation>Showing the selected contact's phone needs a reason and is recorded in the audit log</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/sync.py" />
            <location filename="../../ui/screens/visits.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>时间</source>
            <translation>Time</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>人员</source>
            <translation>By</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>其他设备</source>
            <translation>Another device</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>字段/动作</source>
            <translation>Field / action</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>变更</source>
            <translation>Change</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/screens/tasks.py" />
            <source>来源</source>
            <translation>Source</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>加载更多</source>
            <translation>Load more</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>显示 {n} 条（本机修改、同步到达的修改及审计事件，最新在前）</source>
            <translation>Showing {n} entries (changes made here, changes received by sync and audit events; newest first)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>金额合计（万元）</source>
            <translation>Total (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无方案。点击右上角「新建方案」为该客户制作方案。</source>
            <translation>No proposals yet. Click "New proposal" at the top right to prepare one for this client.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>客户全景</source>
            <translation>Client 360</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>正在加载…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>编辑资料</source>
            <translation>Edit profile</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/screens/proposals.py" />
            <source>新建方案</source>
            <translation>New proposal</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>当前角色无权计划拜访</source>
            <translation>Your role may not plan visits</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>无法打开客户</source>
            <translation>Cannot open the client</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>客户全景 — {name}</source>
            <translation>Client 360 — {name}</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>{t}客户</source>
            <translation>{t} client</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>客户经理：{n}</source>
            <translation>RM: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>概况</source>
            <translation>Overview</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>持仓与到期</source>
            <translation>Holdings and maturities</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>历史</source>
            <translation>History</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>基本信息</source>
            <translation>Basic information</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/editclient.py" />
            <location filename="../../ui/screens/client_model.py" />
            <location filename="../../ui/screens/clients.py" />
            <source>生命周期</source>
            <translation>Lifecycle stage</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>客户层级</source>
            <translation>Client tier</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>分行</source>
            <translation>Branch</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>合规与风险</source>
            <translation>Compliance and risk</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>出生日期</source>
            <translation>Date of birth</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>成立日期</source>
            <translation>Founded on</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/client_model.py" />
            <source>管理资产（万元）</source>
            <translation>AUM (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/client_model.py" />
            <source>最近联系</source>
            <translation>Last contact</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>敏感信息（按角色脱敏显示，查看明文将记入审计）</source>
            <translation>Sensitive data (masked for your role; revealing is audited)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>该客户不属于任何集团。</source>
            <translation>This client does not belong to a group.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>集团：{g}    可见成员 {n} 家    持仓合计 {h} 万元    贷款合计 {l} 万元</source>
            <translation>Group: {g}    visible members {n}    holdings {h} (10k CNY)    loans {l} (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>另有 {n} 家成员不在您的权限范围内，未显示也未计入合计。</source>
            <translation>{n} more members are outside your scope: not shown and not included in the totals.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>成员</source>
            <translation>Member</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/client_model.py" />
            <location filename="../../ui/screens/clients.py" />
            <location filename="../../ui/screens/today.py" />
            <source>层级</source>
            <translation>Tier</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>持仓（万元）</source>
            <translation>Holdings (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>贷款（万元）</source>
            <translation>Loans (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>业绩分成</source>
            <translation>Credit share</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无关系团队成员。</source>
            <translation>No relationship team members yet.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/products.py" />
            <source>产品名称</source>
            <translation>Product</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/products.py" />
            <source>代码</source>
            <translation>Code</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/screens/products.py" />
            <source>风险等级</source>
            <translation>Risk level</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/dashboard.py" />
            <location filename="../../ui/screens/today.py" />
            <source>金额（万元）</source>
            <translation>Amount (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>利率</source>
            <translation>Rate</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>起始日</source>
            <translation>Start</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>到期日</source>
            <translation>Maturity</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>剩余天数</source>
            <translation>Days left</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无持仓。</source>
            <translation>No holdings.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>近 12 个月贡献合计 {t} 万元（存款 {d}，贷款 {l}，中间业务 {f}）</source>
            <translation>Contribution over the last 12 months: {t} (10k CNY) (deposits {d}, loans {l}, fees {f})</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>存款收益</source>
            <translation>Deposit income</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>贷款收益</source>
            <translation>Loan income</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>中间业务收入</source>
            <translation>Fee income</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/dashboard.py" />
            <source>万元</source>
            <translation>10k CNY</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/visits.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>方式</source>
            <translation>Channel</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无拜访记录。</source>
            <translation>No visits yet.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/today.py" />
            <source>已逾期</source>
            <translation>Overdue</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/today.py" />
            <source>待办任务</source>
            <translation>Open tasks</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无待办任务。</source>
            <translation>No open tasks.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>预计成交</source>
            <translation>Expected close</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无商机。</source>
            <translation>No opportunities.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>类别</source>
            <translation>Category</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <source>受理时间</source>
            <translation>Opened</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <source>时限</source>
            <translation>SLA due</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/screens/requests.py" />
            <source>时限状态</source>
            <translation>SLA state</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>暂无服务请求。</source>
            <translation>No service requests.</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>请填写查看「{f}」明文的原因（将记入审计日志）：</source>
            <translation>Why do you need the plain value of "{f}"? (recorded in the audit log):</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <source>查看</source>
            <translation>Reveal</translation>
        </message>
        <message>
            <location filename="../../ui/client360.py" />
            <location filename="../../ui/dialogs.py" />
            <location filename="../../ui/ops.py" />
            <location filename="../../ui/proposals/preview.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/unlock.py" />
            <source>取消</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>编辑客户资料 — {n}</source>
            <translation>Edit client profile — {n}</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>（未评估）</source>
            <translation>(not assessed)</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <location filename="../../ui/proposals/wizard.py" />
            <source>保存</source>
            <translation>Save</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>清除</source>
            <translation>Clear</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>保存时清除已登记的{f}</source>
            <translation>Clear the stored {f} on save</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>保存时将清除</source>
            <translation>Will be cleared on save</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>不修改请留空（当前：{m}）</source>
            <translation>Leave empty to keep (now: {m})</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>未填写</source>
            <translation>Not filled in</translation>
        </message>
        <message>
            <location filename="../../ui/editclient.py" />
            <source>{f}：{m}</source>
            <translation>{f}: {m}</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" />
            <source>发生内部错误（{t}），详细信息已写入日志文件。</source>
            <translation>An internal error occurred ({t}); the details are in the log file.</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" />
            <source>权限不足</source>
            <translation>Permission denied</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" />
            <source>输入有误</source>
            <translation>Invalid input</translation>
        </message>
        <message>
            <location filename="../../ui/errors.py" />
            <source>操作未完成</source>
            <translation>Not completed</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>欢迎使用 KAMDesk 大客户经理工作台</source>
            <translation>Welcome to KAMDesk, the key-account workstation</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>此设备上还没有客户文件。您可以先打开演示客户簿熟悉功能，或连接银行服务器下载您的客户。</source>
            <translation>There is no client file on this device yet. Open the demo book to get to know the app, or connect to your bank's server to download your clients.</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>打开演示客户簿（{n} 户虚构客户）</source>
            <translation>Open the demo book ({n} fictitious clients)</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>连接银行服务器…</source>
            <translation>Connect to the bank's server…</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>连接本机演示服务器（以 {n} 身份登录，可同步）</source>
            <translation>Connect to the local demo server (sign in as {n}; sync works)</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>客户文件位置：{p}</source>
            <translation>Client file: {p}</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>6 位动态验证码（如已启用）</source>
            <translation>6-digit one-time code (if enabled)</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>至少 8 个字符，用于保护本机客户文件</source>
            <translation>At least 8 characters; protects the client file on this device</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>服务器地址：</source>
            <translation>Server URL:</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <location filename="../../ui/password.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>用户名：</source>
            <translation>User name:</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>密码：</source>
            <translation>Password:</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>动态验证码：</source>
            <translation>One-time code:</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>本机文件口令：</source>
            <translation>File passphrase:</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>再次输入口令：</source>
            <translation>Passphrase again:</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>此版本尚未包含与服务器同步的功能，暂时无法连接服务器。请先使用演示客户簿。</source>
            <translation>Server sync is not available in this build yet, so you cannot connect to a server. Please use the demo book for now.</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>连接并下载</source>
            <translation>Connect and download</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>使用注册码设置口令…</source>
            <translation>Set a password with an enrolment secret…</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>返回</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>本机演示服务器：{u}。本机文件口令为 {p}（仅用于演示）。</source>
            <translation>Local demo server: {u}. The file passphrase on this device is {p} (demo only).</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>正在生成演示客户簿：{s}（{d}/{t}）</source>
            <translation>Building the demo book: {s} ({d}/{t})</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>正在生成演示客户簿…</source>
            <translation>Building the demo book…</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>演示客户簿已就绪</source>
            <translation>The demo book is ready</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>演示客户簿的口令是：

{pw}

请记下它：下次打开时需要输入。此口令只显示这一次。</source>
            <translation>The demo book's passphrase is:

{pw}

Write it down: you need it to open the book next time. It is shown only this once.</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>请先填写服务器地址。</source>
            <translation>Enter the server address first.</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>同步口令已设置：请输入新口令，再连接并下载。</source>
            <translation>Your sync password is set: enter it, then connect and download.</translation>
        </message>
        <message>
            <location filename="../../ui/firstrun.py" />
            <source>正在连接服务器并下载客户…</source>
            <translation>Connecting to the server and downloading clients…</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>决策人</source>
            <translation>Decision maker</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>财务负责人</source>
            <translation>Finance lead</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>经办人</source>
            <translation>Operations</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>其他</source>
            <translation>Other</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>存款</source>
            <translation>Deposit</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>理财</source>
            <translation>Wealth management</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>基金</source>
            <translation>Fund</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>债券</source>
            <translation>Bond</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>保险</source>
            <translation>Insurance</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>贷款</source>
            <translation>Loan</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>贸易融资</source>
            <translation>Trade finance</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>外汇</source>
            <translation>FX</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>现金管理</source>
            <translation>Cash management</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>结算</source>
            <translation>Settlement</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>低</source>
            <translation>Low</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>普通</source>
            <translation>Normal</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>高</source>
            <translation>High</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <location filename="../../ui/screens/today.py" />
            <source>紧急</source>
            <translation>Urgent</translation>
        </message>
        <message>
            <location filename="../../ui/labels.py" />
            <source>结算账号</source>
            <translation>Settlement account</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" />
            <source>工作台已锁定

客户信息已隐藏。请输入口令解锁（Ctrl+L 可随时锁定）。</source>
            <translation>Workstation locked

Client data is hidden. Enter the passphrase to unlock (Ctrl+L locks at any time).</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" />
            <source>KAMDesk 大客户经理工作台 — {name}</source>
            <translation>KAMDesk key-account workstation — {name}</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" />
            <source>文件</source>
            <translation>File</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" />
            <source>视图</source>
            <translation>View</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" />
            <source>界面语言</source>
            <translation>Language</translation>
        </message>
        <message>
            <location filename="../../ui/mainwindow.py" />
            <source>帮助</source>
            <translation>Help</translation>
        </message>
        <message>
            <location filename="../../ui/ops.py" />
            <source>操作已取消。</source>
            <translation>Cancelled.</translation>
        </message>
        <message>
            <location filename="../../ui/ops.py" />
            <source>请稍候</source>
            <translation>Please wait</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>管理员已重置您的同步口令。请设置您自己的新口令：在此之前，同步照常进行，但服务器不会下发新的加密密钥（证件号、财务数据等加密字段可能无法读取）。</source>
            <translation>Your administrator reset your sync password. Please choose your own: until then sync goes on as usual, but the server sends no new encryption keys (encrypted fields such as ID numbers and financial data may be unreadable).</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>当前口令：</source>
            <translation>Current password:</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>新口令：</source>
            <translation>New password:</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>再次输入新口令：</source>
            <translation>New password again:</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>口令要求：</source>
            <translation>Password rules:</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <location filename="../../ui/screens/sync.py" />
            <source>修改口令</source>
            <translation>Change password</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>正在修改口令…</source>
            <translation>Changing the password…</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>修改同步口令</source>
            <translation>Change sync password</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>服务器要求您先设置自己的新口令，然后才能获取加密字段（证件号、财务数据）的密钥。</source>
            <translation>The server asks you to set your own new password before it hands out the keys of the encrypted fields (ID numbers, financial data).</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>修改登录同步服务器所用的口令。本机客户文件的口令不受影响。</source>
            <translation>Change the password you sign in to the sync server with. The passphrase of the client file on this device stays as it is.</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>使用注册码设置同步口令</source>
            <translation>Set your sync password with an enrolment secret</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>新账户或口令被重置后，管理员会当面交给您一次性注册码。输入它并设置您自己的同步口令：管理员不会知道这个口令。设置后请用新口令登录。</source>
            <translation>For a new account, or after a reset, an administrator hands you a one-time enrolment secret in person. Enter it and set your own sync password: the administrator never learns it. Then sign in with the new password.</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>注册码：</source>
            <translation>Enrolment secret:</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>设置口令</source>
            <translation>Set password</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>修改本机口令</source>
            <translation>Change passphrase on this device</translation>
        </message>
        <message>
            <location filename="../../ui/password.py" />
            <source>修改打开本机客户文件所用的口令：只重新加密文件密钥，客户数据不变。当前口令输错会计入解锁失败次数。同步口令不受影响。</source>
            <translation>Change the passphrase that opens the client file on this device: only the file key is re-encrypted, the client data stays as it is. A wrong current passphrase counts as a failed unlock. The sync password is not affected.</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>设置</source>
            <translation>Settings</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source> 毫秒</source>
            <translation> ms</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>界面</source>
            <translation>Interface</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>界面语言：</source>
            <translation>Interface language:</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>解锁后显示：</source>
            <translation>Screen after unlocking:</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>边输边搜的等待时间：</source>
            <translation>Search-as-you-type delay:</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>修改本机口令…</source>
            <translation>Change passphrase on this device…</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>在此设备上记住口令（保存在系统密钥环中）</source>
            <translation>Remember the passphrase on this device (in the system keyring)</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <location filename="../../ui/unlock.py" />
            <source>此设备没有可用的系统密钥环，“在此设备上记住”不可用。每次打开都需要输入口令。</source>
            <translation>This device has no system keyring, so "Remember on this device" is unavailable. Enter the passphrase each time.</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>无操作 {m:g} 分钟后自动锁定（银行安全策略设定）；Ctrl+L 随时锁定。</source>
            <translation>Locks after {m:g} minutes without input (set by the bank's security policy); Ctrl+L locks at any time.</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>客户文件与安全</source>
            <translation>Client file and security</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <location filename="../../ui/proposals/dialogs.py" />
            <location filename="../../ui/screens/tasks.py" />
            <source>确定</source>
            <translation>OK</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>本机口令已修改，下次打开请使用新口令。</source>
            <translation>Passphrase changed: use the new one next time you open the file.</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>已在此设备上记住口令：下次打开无需输入。</source>
            <translation>Remembered on this device: no passphrase needed next time.</translation>
        </message>
        <message>
            <location filename="../../ui/preferences.py" />
            <source>已从此设备的系统密钥环中删除口令：下次打开需要输入口令。</source>
            <translation>Removed from this device's system keyring: the passphrase is needed next time.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/dialogs.py" />
            <source>申请适当性例外审批</source>
            <translation>Request a suitability exception</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/dialogs.py" />
            <source>{p}
{r}

仅在客户书面确认后申请；经团队负责人批准后方案才能出具。请填写例外原因（将记入审计日志）：</source>
            <translation>{p}
{r}

Request only after the client confirmed in writing; the proposal can be issued once a team lead approves. Reason for the exception (kept in the audit log):</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/dialogs.py" />
            <location filename="../../ui/screens/proposals.py" />
            <source>新版本</source>
            <translation>New version</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/dialogs.py" />
            <location filename="../../ui/screens/proposals.py" />
            <source>请说明本版修改内容：</source>
            <translation>Describe what changed in this version:</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/output.py" />
            <source>打印方案</source>
            <translation>Print proposal</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/output.py" />
            <location filename="../../ui/screens/proposals.py" />
            <source>另存为 PDF</source>
            <translation>Save as PDF</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/output.py" />
            <source>PDF 文件 (*.pdf)</source>
            <translation>PDF files (*.pdf)</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/output.py" />
            <source>无法连接打印机</source>
            <translation>Cannot connect to the printer</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/output.py" />
            <source>正在打印…</source>
            <translation>Printing…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/output.py" />
            <source>正在导出 PDF…</source>
            <translation>Exporting PDF…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>缩小</source>
            <translation>Zoom out</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>放大</source>
            <translation>Zoom in</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>正在生成预览…</source>
            <translation>Rendering the preview…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>正在排版页面…</source>
            <translation>Laying out pages…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>已取消预览</source>
            <translation>Preview cancelled</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>正在排版第 {i} / {n} 页…</source>
            <translation>Laying out page {i} of {n}…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>共 {n} 页</source>
            <translation>{n} pages</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>预览失败</source>
            <translation>Preview failed</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/preview.py" />
            <source>第 {i} 页</source>
            <translation>Page {i}</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>选择客户</source>
            <translation>Choose client</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>输入客户名称、简称或拼音首字母查找客户。</source>
            <translation>Type a client's name, short name or pinyin initials.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>例如：中石化、zsh</source>
            <translation>e.g. Sinopec, zsh</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>已选客户：{n}</source>
            <translation>Selected client: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>客户需求</source>
            <translation>Client needs</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>来自大客户调研表和近期拜访纪要，可修改、补充或删除。</source>
            <translation>From the key-account questionnaire and recent visit notes; edit, add or remove.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>需求</source>
            <translation>Need</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>添加需求</source>
            <translation>Add need</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>删除需求</source>
            <translation>Remove need</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>新需求</source>
            <translation>New need</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>客户经理补充</source>
            <translation>Added by the RM</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>新版本沿用原方案的需求分析。</source>
            <translation>A new version keeps the needs analysis of the proposal it revises.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>正在读取需求…</source>
            <translation>Reading needs…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>暂无记录的需求，可手工添加。</source>
            <translation>No recorded needs; add them by hand.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>推荐产品</source>
            <translation>Recommended products</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>已按客户需求、持仓到期和适当性预填推荐产品；可调整金额与理由，或从产品货架添加。</source>
            <translation>Recommended from the client's needs, maturing holdings and suitability; adjust amounts and reasons, or add products from the shelf.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>金额（元）</source>
            <translation>Amount (CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>推荐理由</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>适当性</source>
            <translation>Suitability</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>添加产品</source>
            <translation>Add product</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>移除产品</source>
            <translation>Remove product</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>必填：说明本版修改内容，例如“调整贷款金额”</source>
            <translation>Required: what changed in this version, e.g. "loan amount adjusted"</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>本版修改内容：</source>
            <translation>What changed:</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>产品货架：</source>
            <translation>Product shelf:</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>正在生成推荐…</source>
            <translation>Preparing recommendations…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>未评估</source>
            <translation>not assessed</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>有效</source>
            <translation>valid</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>已过期或未评估</source>
            <translation>expired or not assessed</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>客户风险承受能力：{t}　评估有效期至：{d}（{s}）</source>
            <translation>Client risk tolerance: {t}   Assessment valid until: {d} ({s})</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>未检查</source>
            <translation>Not checked</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>适合：</source>
            <translation>Suitable: </translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>例外已审批：</source>
            <translation>Exception approved: </translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>例外待审批：</source>
            <translation>Exception pending: </translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>不适合：</source>
            <translation>Not suitable: </translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>该产品已在方案中</source>
            <translation>This product is already in the proposal</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>出具前检查</source>
            <translation>Pre-issue check</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>检查适当性、金额起点与上限和风险揭示。高于客户风险承受能力的产品须经例外审批。</source>
            <translation>Checks suitability, minimum and maximum amounts and risk disclosures. A product above the client's risk tolerance needs an approved exception.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>申请例外审批…</source>
            <translation>Request exception…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>正在保存草稿并检查…</source>
            <translation>Saving the draft and checking…</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>检查未完成</source>
            <translation>Check not completed</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>草稿已保存，需求分析已固定；如需修改需求，请新建方案。</source>
            <translation>The draft is saved and its needs analysis is fixed; to change the needs, start a new proposal.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>草稿已保存：{t}（第 {v} 版）</source>
            <translation>Draft saved: {t} (version {v})</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>（可申请例外审批）</source>
            <translation> (an exception may be approved)</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>检查通过，方案可以出具。</source>
            <translation>Check passed: the proposal can be issued.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>发现 {n} 项问题：解决前方案不能出具，但可以预览和保存草稿。</source>
            <translation>{n} problem(s) found: the proposal cannot be issued until they are resolved, but it can be previewed and saved as a draft.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <location filename="../../ui/screens/proposals.py" />
            <source>预览</source>
            <translation>Preview</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>方案书预览（带水印）。正式打印或导出请在保存后进行，均会记入审计日志。</source>
            <translation>Preview of the proposal (watermarked). Print or export it after saving; both are recorded in the audit log.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>方案已保存为草稿。检查通过的方案可以立即出具。</source>
            <translation>The proposal is saved as a draft. A proposal that passed the check can be issued now.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>立即出具（状态改为“已出具”）</source>
            <translation>Issue now (status becomes "Issued")</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>客户：{c}
方案：{t}（第 {v} 版，草稿）
产品：{n} 个，合计 {a} 元
有效期至：{u}</source>
            <translation>Client: {c}
Proposal: {t} (version {v}, draft)
Products: {n}, total {a} CNY
Valid until: {u}</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>出具前检查尚有问题，本次只保存草稿；处理后可在“方案”页面出具。</source>
            <translation>The pre-issue check found problems, so only the draft is saved; issue it from the Proposals screen once they are resolved.</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>新版本 — {t}（当前第 {v} 版）</source>
            <translation>New version — {t} (now version {v})</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>上一步</source>
            <translation>Back</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>下一步</source>
            <translation>Next</translation>
        </message>
        <message>
            <location filename="../../ui/proposals/wizard.py" />
            <source>调整推荐产品与金额</source>
            <translation>Adjusted products and amounts</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>申请人</source>
            <translation>Requester</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>申请时间</source>
            <translation>Requested</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>申请原因</source>
            <translation>Reason</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>审批人</source>
            <translation>Decided by</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>审批意见</source>
            <translation>Decision comment</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <location filename="../../ui/screens/requests.py" />
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/screens/visits.py" />
            <source>全部</source>
            <translation>All</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>批准…</source>
            <translation>Approve…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>驳回…</source>
            <translation>Reject…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>导出明文…</source>
            <translation>Export in clear…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>已批准的明文导出申请：写出加密的 Excel 文件，密码只显示一次</source>
            <translation>An approved clear-text export request: writes an encrypted Excel file; the password is shown once</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>共 {n} 项，其中待我审批 {k} 项</source>
            <translation>Requests: {n}, awaiting your decision: {k}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>批准申请</source>
            <translation>Approve request</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>驳回申请</source>
            <translation>Reject request</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>{k}：{s}
申请人：{who}；原因：{why}

请填写审批意见（将记入审计日志）：</source>
            <translation>{k}: {s}
Requester: {who}; reason: {why}

Your decision comment (kept in the audit log):</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>导出明文客户名单</source>
            <translation>Export clients in clear</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>Excel 文件 (*.xlsx)</source>
            <translation>Excel files (*.xlsx)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>已导出加密文件</source>
            <translation>Encrypted file exported</translation>
        </message>
        <message>
            <location filename="../../ui/screens/approvals.py" />
            <source>已导出 {n} 位客户到 {p}。

文件密码（只显示这一次，请妥善保管）：
{pw}</source>
            <translation>Exported {n} clients to {p}.

File password (shown only this once, keep it safe):
{pw}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/client_model.py" />
            <source>风险承受</source>
            <translation>Risk tol.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>打开客户全景</source>
            <translation>Open client 360</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>复制客户名称</source>
            <translation>Copy client name</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>搜索客户：名称、简称、拼音首字母（如 zgsy）、联系人或证件号码 (Ctrl+F)</source>
            <translation>Search clients: name, short name, pinyin initials (e.g. zgsy), contact or ID number (Ctrl+F)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>全部{t}</source>
            <translation>All: {t}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>保存视图</source>
            <translation>Save view</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>删除视图</source>
            <translation>Delete view</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>视图：</source>
            <translation>View:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>正在查找…</source>
            <translation>Searching…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>共 {n} 户</source>
            <translation>{n} clients</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>（未保存）</source>
            <translation>(unsaved)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/clients.py" />
            <source>视图名称：</source>
            <translation>View name:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>正在计算…</source>
            <translation>Calculating…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>客户 {n} 户 · 前 20% 客户贡献 {p:.0%} 的收益</source>
            <translation>{n} clients · the top 20% bring {p:.0%} of the contribution</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>团队成员</source>
            <translation>Team members</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>在谈（笔）</source>
            <translation>Open (count)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>加权（万元）</source>
            <translation>Weighted (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>赢单（万元）</source>
            <translation>Won (10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>未来 {n} 天到期持仓</source>
            <translation>Holdings maturing in the next {n} days</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>笔数</source>
            <translation>Count</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>客户层级分布</source>
            <translation>Book by tier</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>贡献度帕累托曲线</source>
            <translation>Pareto curve of contribution</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>客户占比（%）</source>
            <translation>Share of clients (%)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>累计贡献占比（%）</source>
            <translation>Cumulative share of contribution (%)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>商机漏斗（金额，万元）</source>
            <translation>Pipeline funnel (amount, 10k CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>未来 {n} 天到期持仓（按周，{u}）</source>
            <translation>Holdings maturing in the next {n} days (by week, {u})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>周起始日（共 {n} 笔，合计 {a} {u}）</source>
            <translation>Week starting ({n} holdings, total {a} in {u})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/dashboard.py" />
            <source>亿元</source>
            <translation>100m CNY</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>推进到下一阶段</source>
            <translation>Move to next stage</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <location filename="../../ui/screens/proposals.py" />
            <location filename="../../ui/screens/requests.py" />
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/screens/today.py" />
            <location filename="../../ui/screens/visits.py" />
            <location filename="../../ui/visits/workspace.py" />
            <source>打开客户</source>
            <translation>Open client</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>拖动卡片到其他阶段即可变更阶段；输单需填写原因。</source>
            <translation>Drag a card to another stage to move it; a lost deal needs a reason.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>在谈商机 {a} 万元 · 加权 {w} 万元</source>
            <translation>Open pipeline {a} (10k CNY) · weighted {w}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>&lt;b&gt;{t}&lt;/b&gt;（{n}）&lt;br&gt;{a} 万元 · 加权 {w}</source>
            <translation>&lt;b&gt;{t}&lt;/b&gt; ({n})&lt;br&gt;{a} (10k CNY) · weighted {w}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>{name}
{client}
{a} 万元 · {p}%</source>
            <translation>{name}
{client}
{a} (10k CNY) · {p}%</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>客户经理：{o}
预计成交：{d}</source>
            <translation>RM: {o}
Expected close: {d}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>输单原因</source>
            <translation>Reason for the loss</translation>
        </message>
        <message>
            <location filename="../../ui/screens/pipeline.py" />
            <source>请填写输单原因：</source>
            <translation>Why was the deal lost?</translation>
        </message>
        <message>
            <location filename="../../ui/screens/placeholder.py" />
            <source>此页面正在建设中，将在后续版本中提供。届时这里将包括：</source>
            <translation>This screen is under construction and comes in a later version. It will include:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>所有客户</source>
            <translation>All clients</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>期限</source>
            <translation>Term</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>利率/费率</source>
            <translation>Rate / fee</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>起点金额（元）</source>
            <translation>Minimum (CNY)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>适用客户</source>
            <translation>For</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>在售</source>
            <translation>On sale</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>已下架</source>
            <translation>Withdrawn</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>产品详情</source>
            <translation>Product details</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>起点金额</source>
            <translation>Minimum amount</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>金额上限</source>
            <translation>Maximum amount</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>币种</source>
            <translation>Currency</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>产品说明</source>
            <translation>Description</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>风险揭示</source>
            <translation>Risk disclosure</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source> 元</source>
            <translation> CNY</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>（无）</source>
            <translation>(none)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>（缺少风险揭示内容）</source>
            <translation>(risk disclosure missing)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>产品代码或名称</source>
            <translation>Product code or name</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>全部类型</source>
            <translation>All types</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>全部风险等级</source>
            <translation>All risk levels</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>全部客户类型</source>
            <translation>All client kinds</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>适用对公客户</source>
            <translation>For corporate clients</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>适用个人客户</source>
            <translation>For individual clients</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>含已下架</source>
            <translation>Include withdrawn</translation>
        </message>
        <message>
            <location filename="../../ui/screens/products.py" />
            <source>共 {n} 个产品</source>
            <translation>{n} products</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <location filename="../../ui/visits/questionnaire.py" />
            <source>草稿</source>
            <translation>Draft</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>已出具</source>
            <translation>Issued</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>客户已接受</source>
            <translation>Accepted by client</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>客户已拒绝</source>
            <translation>Rejected by client</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/screens/visits.py" />
            <source>客户</source>
            <comment>column</comment>
            <translation>Client</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>方案标题</source>
            <translation>Title</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>有效期至</source>
            <translation>Valid until</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>出具时间</source>
            <translation>Issued at</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>本版说明</source>
            <translation>What changed</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>方案预览 — {t}（第 {v} 版）</source>
            <translation>Proposal preview — {t} (version {v})</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>按客户查找（名称、简称或拼音首字母）</source>
            <translation>Find by client (name, short name or pinyin initials)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>全部状态</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>仅最新版本</source>
            <translation>Latest versions only</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>出具</source>
            <translation>Issue</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>客户接受</source>
            <translation>Client accepted</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>客户拒绝</source>
            <translation>Client rejected</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>打印</source>
            <translation>Print</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>没有符合条件的方案。点击「新建方案」为客户制作方案。</source>
            <translation>No proposals match. Click "New proposal" to make one for a client.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>当前角色不能查看方案</source>
            <translation>Your role cannot view proposals</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>共 {n} 份方案</source>
            <translation>{n} proposals</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>产品 {n} 个（{c}），合计 {a} 元</source>
            <translation>{n} products ({c}), total {a} CNY</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>最近一次打印或导出的 PDF SHA-256：{h}</source>
            <translation>SHA-256 of the last printed or exported PDF: {h}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>方案未通过出具前检查</source>
            <translation>The proposal did not pass the pre-issue check</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>适当性例外申请待审批，批准后才能出具：</source>
            <translation>Suitability exception requests are pending; the proposal can be issued once they are approved: </translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>已提交例外申请</source>
            <translation>Exception requested</translation>
        </message>
        <message>
            <location filename="../../ui/screens/proposals.py" />
            <source>已提交适当性例外申请，待团队负责人审批后即可出具方案。</source>
            <translation>Suitability exception requested; the proposal can be issued once a team lead approves it.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>今日</source>
            <translation>Today</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>服务日程：产品到期、客户及联系人生日、证照与 KYC 到期、逾期跟进、服务请求超时、应联系客户</source>
            <translation>Service agenda: product maturities, client and contact birthdays, licence and KYC expiries, overdue follow-ups, SLA breaches, clients due for contact</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>每一项都可打开对应客户，并可标记完成、延后或忽略</source>
            <translation>Each item opens its client and can be marked done, snoozed or dismissed</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>计划拜访：客户、时间、地点、参加人员、议程</source>
            <translation>Plan visits: client, time, place, attendees, agenda</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>拜访中记录纪要，每隔几秒自动加密保存，断电也不丢失</source>
            <translation>Take notes during a visit, autosaved and encrypted every few seconds so a power cut loses nothing</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>填写大客户调研表，拜访结束后记录成果并生成跟进任务</source>
            <translation>Fill in the key-account questionnaire; record outcomes and create follow-up tasks after the visit</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>按到期日排列的任务清单</source>
            <translation>Tasks ordered by due date</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>逾期任务醒目标示，一键完成或改期</source>
            <translation>Overdue tasks highlighted; complete or reschedule in one click</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>按阶段分列的商机看板，支持拖放移动</source>
            <translation>Pipeline board by stage with drag-and-drop</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>各阶段金额与加权金额合计</source>
            <translation>Amount and weighted amount per stage</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>客户服务请求与投诉清单</source>
            <translation>Client service requests and complaints</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>按服务时限（SLA）显示颜色，超时可升级处理</source>
            <translation>Coloured by SLA; breached items can be escalated</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>为客户编制综合金融服务方案</source>
            <translation>Build comprehensive financial-service proposals for clients</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>适当性检查：产品风险等级不得超过客户风险承受能力</source>
            <translation>Suitability check: a product's risk level may not exceed the client's risk tolerance</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>生成带水印的 PDF 方案书</source>
            <translation>Produce watermarked PDF proposals</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>本行产品目录：类型、风险等级、期限、利率或费率、起购金额</source>
            <translation>The bank's product catalogue: type, risk level, term, rate or fee, minimum amount</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>按客户类型筛选适用产品</source>
            <translation>Filter the products suitable for a client type</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>仪表盘</source>
            <translation>Dashboard</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>客户层级分布、贡献度帕累托曲线、商机漏斗、未来 90 天到期金额</source>
            <translation>Book by tier, Pareto curve of contribution, pipeline funnel, maturities over the next 90 days</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>团队负责人可按团队成员查看</source>
            <translation>Team leads can view the same per team member</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>审批</source>
            <translation>Approvals</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>适当性例外与明文批量导出的双人复核：团队负责人审批，申请人查看进度</source>
            <translation>Maker-checker for suitability exceptions and clear-text bulk exports: team leads decide, requesters follow the state</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>离线也可审批，联网后自动同步</source>
            <translation>Decisions work offline and sync when online</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>在后台与银行服务器同步，显示进度并可取消</source>
            <translation>Sync with the bank's server in the background, with progress and cancel</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>查看待上传更改、同步错误和冲突收件箱</source>
            <translation>See pending changes, sync errors and the conflict inbox</translation>
        </message>
        <message>
            <location filename="../../ui/screens/registry.py" />
            <source>冲突并排显示双方取值，由您选择或合并</source>
            <translation>Conflicts show both values side by side; you pick or merge</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>升级</source>
            <translation>Escalation</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>处理人</source>
            <translation>Assignee</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>未办结</source>
            <translation>Not finished</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>请求与投诉</source>
            <translation>Requests and complaints</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>仅请求</source>
            <translation>Requests only</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>仅投诉</source>
            <translation>Complaints only</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>升级处理</source>
            <translation>Escalate</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>没有符合条件的服务请求或投诉。</source>
            <translation>No service requests or complaints match.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>共 {n} 件，其中已超时 {b} 件</source>
            <translation>{n} items, {b} past their SLA</translation>
        </message>
        <message>
            <location filename="../../ui/screens/requests.py" />
            <source>升级说明：</source>
            <translation>Escalation note:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>正在上传本地更改</source>
            <translation>Uploading local changes</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>正在下载服务器更改</source>
            <translation>Downloading server changes</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>正在核对数据</source>
            <translation>Verifying data</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>正在获取密钥</source>
            <translation>Fetching keys</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>登录同步服务器</source>
            <translation>Sign in to the sync server</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>登录并同步</source>
            <translation>Sign in and sync</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>记录</source>
            <translation>Record</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>修改的字段</source>
            <translation>Changed fields</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>字段</source>
            <translation>Field</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>本机取值</source>
            <translation>This device</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>服务器取值</source>
            <translation>Server</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>同步状态</source>
            <translation>Sync status</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>服务器：</source>
            <translation>Server:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>待上传更改：</source>
            <translation>Pending changes:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>上次同步：</source>
            <translation>Last sync:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>冲突：</source>
            <translation>Conflicts:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>隔离记录：</source>
            <translation>Quarantined:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>立即同步</source>
            <translation>Sync now</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>取消同步</source>
            <translation>Cancel sync</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>本地修改随时保存在加密客户文件中；联网后点击“立即同步”与银行服务器交换更改。</source>
            <translation>Local changes are always saved in the encrypted client file; when online, click "Sync now" to exchange changes with the bank's server.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>修改同步口令…</source>
            <translation>Change sync password…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>修改登录同步服务器所用的口令</source>
            <translation>Change the password you sign in to the sync server with</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>待上传更改（最近 200 条）</source>
            <translation>Pending changes (latest 200)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>没有待上传的更改：本机的修改都已同步到服务器。</source>
            <translation>No changes waiting: every change made here has been synced to the server.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>冲突收件箱</source>
            <translation>Conflict inbox</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>同一字段在本机和服务器上都被修改时，双方的取值都会保留在这里，等待您选择，不会被静默覆盖。您的选择本身也会同步到服务器。</source>
            <translation>When the same field was changed both here and on the server, both values wait here for your choice; nothing is silently overwritten. Your choice syncs to the server too.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>没有待处理的冲突。</source>
            <translation>No conflicts to resolve.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>保留本机取值</source>
            <translation>Keep this device's value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>采用服务器取值</source>
            <translation>Take the server's value</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>合并编辑…</source>
            <translation>Merge…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>输入合并后的取值（仅限客户资料中的普通字段；敏感字段只能二选一）</source>
            <translation>Type the merged value (ordinary client fields only; for a sensitive field choose one side)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>合并编辑</source>
            <translation>Merge</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>「{f}」本机：{a}；服务器：{b}。请输入合并后的取值：</source>
            <translation>"{f}" here: {a}; server: {b}. Enter the merged value:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>冲突已处理；您的选择会在下次同步时上传到服务器。</source>
            <translation>Conflict resolved; your choice is uploaded to the server at the next sync.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>「{f}」：{r}。冲突仍未处理，数据没有改动。</source>
            <translation>“{f}”: {r}. The conflict is still open; nothing was changed.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>未连接服务器（演示客户簿或单机使用）</source>
            <translation>Not connected to a server (demo book or stand-alone use)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>{t}：上传 {p} 条，下载 {d} 条</source>
            <translation>{t}: {p} uploaded, {d} downloaded</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <location filename="../../ui/statusbar.py" />
            <source>尚未同步</source>
            <translation>Not synced yet</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>{n} 个待处理冲突（冲突双方的取值均已保留，不会丢失）</source>
            <translation>{n} open conflicts (both values are kept; nothing is lost)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>{n} 条下载的记录含无法应用的取值，已隔离；其余数据照常同步。</source>
            <translation>{n} downloaded record(s) hold values that cannot be applied and are quarantined; everything else syncs as usual.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>正在连接服务器…</source>
            <translation>Connecting to the server…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>正在取消…</source>
            <translation>Cancelling…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>同步完成：上传 {p} 条，下载 {d} 条，冲突 {c} 个，被拒绝 {r} 条。</source>
            <translation>Sync complete: {p} uploaded, {d} downloaded, {c} conflicts, {r} rejected.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/sync.py" />
            <source>同步口令已修改，已获取 {n} 把密钥；下次登录请使用新口令。</source>
            <translation>Sync password changed; {n} keys received. Sign in with the new password from now on.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>任务</source>
            <comment>column</comment>
            <translation>Task</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>负责人</source>
            <translation>Owner</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/visits/finish.py" />
            <location filename="../../ui/visits/workspace.py" />
            <source>无期限</source>
            <translation>No due date</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>{d}（逾期）</source>
            <translation>{d} (overdue)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>{d}（今天）</source>
            <translation>{d} (today)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>任务内容</source>
            <translation>Task</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>只看我的任务</source>
            <translation>Only my tasks</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>新建任务…</source>
            <translation>New task…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>新建任务（Ctrl+N）</source>
            <translation>New task (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>标记所选任务完成（Ctrl+Enter）</source>
            <translation>Mark the selected task done (Ctrl+Enter)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>改期…</source>
            <translation>Reschedule…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>取消任务</source>
            <translation>Cancel task</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>重新打开</source>
            <translation>Reopen</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>把已完成或已取消的任务改回待办</source>
            <translation>Set a done or cancelled task back to open</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <location filename="../../ui/screens/visits.py" />
            <source>显示</source>
            <translation>Show</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>共 {n} 项</source>
            <translation>{n} tasks</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>，逾期 {o} 项，今天到期 {t} 项</source>
            <translation>, {o} overdue, {t} due today</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>没有任务。结束拜访时记录的跟进事项会出现在这里。</source>
            <translation>No tasks. Follow-ups recorded when you finish a visit appear here.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>改期 — {t}</source>
            <translation>Reschedule — {t}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/tasks.py" />
            <source>新建任务</source>
            <translation>New task</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>产品到期</source>
            <translation>Maturity</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>成立周年</source>
            <translation>Anniversary</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>KYC 到期</source>
            <translation>KYC due</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>风险评估到期</source>
            <translation>Risk assessment due</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>服务时限</source>
            <translation>SLA</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>定期回顾</source>
            <translation>Periodic review</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>久未联系</source>
            <translation>No recent contact</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>到期</source>
            <translation>Maturities</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>证件</source>
            <translation>KYC</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>风评</source>
            <translation>Risk assessments</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>接触计划</source>
            <translation>Contact plan</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>本周（7 天内）</source>
            <translation>This week (7 days)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>稍后</source>
            <translation>Later</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>重要</source>
            <translation>Important</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>到期时间</source>
            <translation>Due</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>紧急程度</source>
            <translation>Urgency</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>事项</source>
            <translation>Item</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>逾期 {n} 天</source>
            <translation>{n} days overdue</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>明天</source>
            <translation>Tomorrow</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>{d}（{n} 天后）</source>
            <translation>{d} (in {n} days)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>{g} · {n} 项</source>
            <translation>{g} · {n}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>未来 7 天</source>
            <translation>Next 7 days</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>未来 30 天</source>
            <translation>Next 30 days</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>未来 90 天</source>
            <translation>Next 90 days</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>显示整个团队</source>
            <translation>Whole team</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>不勾选时只显示我的客户</source>
            <translation>Unticked: only my clients</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>按客户名称筛选</source>
            <translation>Filter by client name</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>推迟</source>
            <translation>Snooze</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>推迟到明天</source>
            <translation>Snooze until tomorrow</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>推迟 3 天</source>
            <translation>Snooze 3 days</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>推迟一周</source>
            <translation>Snooze a week</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>忽略</source>
            <translation>Dismiss</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>太好了，近期没有需要处理的事项。</source>
            <translation>All clear: nothing needs your attention soon.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>类型：</source>
            <translation>Kind:</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>今日服务日程 · {d}</source>
            <translation>Today's service agenda · {d}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>全部 {n}</source>
            <translation>All {n}</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>今日服务日程 · {d} · 共 {n} 项</source>
            <translation>Today's service agenda · {d} · {n} items</translation>
        </message>
        <message>
            <location filename="../../ui/screens/today.py" />
            <source>已选 {n} 项</source>
            <translation>{n} selected</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>已结束</source>
            <translation>Past</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <location filename="../../ui/visits/plan.py" />
            <source>参加人员</source>
            <translation>Attendees</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>待记录</source>
            <translation>To record</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>计划拜访…</source>
            <translation>Plan a visit…</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>计划拜访（Ctrl+N）</source>
            <translation>Plan a visit (Ctrl+N)</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>打开拜访工作区</source>
            <translation>Open the visit workspace</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>没有符合条件的拜访。点击「计划拜访」安排一次拜访。</source>
            <translation>No visits match. Click "Plan a visit" to schedule one.</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>，{k} 次已过时间待记录</source>
            <translation>, {k} past their time and not yet recorded</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>&lt;p style='color:gray'&gt;没有拜访记录。点击“计划拜访…”安排一次拜访。&lt;/p&gt;</source>
            <translation>&lt;p style='color:gray'&gt;No visits. Click "Plan a visit…" to arrange one.&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>&lt;p&gt;{kind} · {t}（{m} 分钟）&lt;br&gt;地点：{p}&lt;br&gt;参加人员：{a}&lt;br&gt;状态：{s}&lt;/p&gt;</source>
            <translation>&lt;p&gt;{kind} · {t} ({m} min)&lt;br&gt;Place: {p}&lt;br&gt;Attendees: {a}&lt;br&gt;Status: {s}&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>&lt;p&gt;&lt;b&gt;议程&lt;/b&gt;&lt;br&gt;{a}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;Agenda&lt;/b&gt;&lt;br&gt;{a}&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>&lt;p&gt;&lt;b&gt;成果&lt;/b&gt;&lt;br&gt;{o}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;Outcome&lt;/b&gt;&lt;br&gt;{o}&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/screens/visits.py" />
            <source>&lt;p&gt;&lt;b&gt;纪要&lt;/b&gt;&lt;br&gt;{n}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;Notes&lt;/b&gt;&lt;br&gt;{n}&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/statusbar.py" />
            <source>{name} · {role}</source>
            <translation>{name} · {role}</translation>
        </message>
        <message>
            <location filename="../../ui/statusbar.py" />
            <source>离线</source>
            <translation>Offline</translation>
        </message>
        <message>
            <location filename="../../ui/statusbar.py" />
            <source>需修改同步口令</source>
            <translation>Sync password change needed</translation>
        </message>
        <message>
            <location filename="../../ui/statusbar.py" />
            <source>在线</source>
            <translation>Online</translation>
        </message>
        <message>
            <location filename="../../ui/statusbar.py" />
            <source>离线（未连接服务器）</source>
            <translation>Offline (no server connected)</translation>
        </message>
        <message>
            <location filename="../../ui/statusbar.py" />
            <source>待上传更改：{n}</source>
            <translation>Pending changes: {n}</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>已锁定 — KAMDesk</source>
            <translation>Locked — KAMDesk</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>打开客户文件 — KAMDesk</source>
            <translation>Open client file — KAMDesk</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>工作台已锁定，请输入口令继续。</source>
            <translation>The workstation is locked. Enter your passphrase to continue.</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>请输入客户文件的口令。</source>
            <translation>Enter the passphrase of the client file.</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>用户：{u}</source>
            <translation>User: {u}</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>口令</source>
            <translation>Passphrase</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>在此设备上记住</source>
            <translation>Remember on this device</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>正在检查系统密钥环…</source>
            <translation>Checking the system keyring…</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>从备份恢复</source>
            <translation>Restore from backup</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>解锁</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>打开</source>
            <translation>Open</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>退出程序</source>
            <translation>Quit KAMDesk</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>文件：</source>
            <translation>File:</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>口令：</source>
            <translation>Passphrase:</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>口令保护的密钥将保存在系统密钥环中，下次无需输入口令。</source>
            <translation>The file key will be kept in the system keyring so you need not type the passphrase next time.</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>{s} 秒后可重试</source>
            <translation>Retry in {s} s</translation>
        </message>
        <message>
            <location filename="../../ui/unlock.py" />
            <source>已从备份恢复，损坏的文件已另存。请输入口令打开。</source>
            <translation>Restored from the backup; the damaged file was kept aside. Enter the passphrase to open it.</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>结束拜访 — {c}</source>
            <translation>Finish visit — {c}</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>本次拜访的成果：客户需求、达成的共识、存在的问题</source>
            <translation>The outcome: the client's needs, what was agreed, open issues</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>跟进任务</source>
            <translation>Follow-up tasks</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>添加任务</source>
            <translation>Add task</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>删除所选</source>
            <translation>Remove selected</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>已按纪要中“跟进：”“待办：”等行预填，可修改；到期日可留空。</source>
            <translation>Pre-filled from the notes' follow-up lines; edit freely. The due date may stay empty.</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>结束拜访并创建任务</source>
            <translation>Finish visit and create tasks</translation>
        </message>
        <message>
            <location filename="../../ui/visits/finish.py" />
            <source>拜访成果</source>
            <translation>Outcome</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>在此记录拜访纪要。每行以“跟进：”“待办：”或“- [ ]”开头的内容，结束拜访时会建议为跟进任务，可写明期限，如“跟进：11月30日前提供授信方案”。</source>
            <translation>Take the visit notes here. Lines starting with "TODO" or "- [ ]" (or the Chinese follow-up markers) are suggested as follow-up tasks when you finish the visit; add a deadline, e.g. "TODO 2026-11-30 send the credit proposal".</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>尚未保存</source>
            <translation>Not saved yet</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>上次保存 {t}</source>
            <translation>Last saved {t}</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>正在输入…</source>
            <translation>Typing…</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>正在保存…</source>
            <translation>Saving…</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>已自动保存 {t}</source>
            <translation>Autosaved {t}</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>拜访纪要未能保存</source>
            <translation>The visit notes could not be saved</translation>
        </message>
        <message>
            <location filename="../../ui/visits/notes.py" />
            <source>自动保存失败：{m}</source>
            <translation>Autosave failed: {m}</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>输入客户名称、简称或拼音首字母</source>
            <translation>Type a client's name, short name or pinyin initials</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>尚未选择客户</source>
            <translation>No client chosen yet</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source> 分钟</source>
            <translation> min</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>如：客户办公室、我行贵宾室</source>
            <translation>e.g. the client's office, our VIP room</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>多人用逗号或顿号分隔</source>
            <translation>Separate names with commas</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>本次拜访要谈的事项</source>
            <translation>What this visit is to discuss</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>时长</source>
            <translation>Duration</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>保存计划</source>
            <translation>Save plan</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>请先搜索并选择客户</source>
            <translation>Search for and choose a client first</translation>
        </message>
        <message>
            <location filename="../../ui/visits/plan.py" />
            <source>拜访时间不能早于一年前</source>
            <translation>The visit cannot be more than a year ago</translation>
        </message>
        <message>
            <location filename="../../ui/visits/questionnaire.py" />
            <source>正在载入调研表…</source>
            <translation>Loading the questionnaire…</translation>
        </message>
        <message>
            <location filename="../../ui/visits/questionnaire.py" />
            <source>保存草稿</source>
            <translation>Save draft</translation>
        </message>
        <message>
            <location filename="../../ui/visits/questionnaire.py" />
            <source>提交调研表</source>
            <translation>Submit questionnaire</translation>
        </message>
        <message>
            <location filename="../../ui/visits/questionnaire.py" />
            <source>{name}（第 {v} 版）</source>
            <translation>{name} (version {v})</translation>
        </message>
        <message>
            <location filename="../../ui/visits/questionnaire.py" />
            <source>尚未填写</source>
            <translation>Not filled in yet</translation>
        </message>
        <message>
            <location filename="../../ui/visits/questionnaire.py" />
            <source>已提交 {t}</source>
            <translation>Submitted {t}</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>拜访工作区</source>
            <translation>Visit workspace</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>正在载入拜访…</source>
            <translation>Loading the visit…</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>拜访纪要</source>
            <translation>Notes</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>大客户调研表</source>
            <translation>Needs questionnaire</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>结束拜访…</source>
            <translation>Finish visit…</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>取消拜访</source>
            <translation>Cancel visit</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>&lt;h4&gt;本客户待办任务&lt;/h4&gt;</source>
            <translation>&lt;h4&gt;Open tasks for this client&lt;/h4&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>&lt;p style='color:gray'&gt;没有待办任务&lt;/p&gt;</source>
            <translation>&lt;p style='color:gray'&gt;No open tasks&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>&lt;h4&gt;最近拜访&lt;/h4&gt;</source>
            <translation>&lt;h4&gt;Recent visits&lt;/h4&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>&lt;p&gt;&lt;b&gt;{d}&lt;/b&gt; {k}&lt;br&gt;{o}&lt;/p&gt;</source>
            <translation>&lt;p&gt;&lt;b&gt;{d}&lt;/b&gt; {k}&lt;br&gt;{o}&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>（未记录成果）</source>
            <translation>(no outcome recorded)</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>&lt;p style='color:gray'&gt;这是与该客户的第一次拜访&lt;/p&gt;</source>
            <translation>&lt;p style='color:gray'&gt;The first visit to this client&lt;/p&gt;</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>拜访工作区 — {c}</source>
            <translation>Visit workspace — {c}</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>&lt;b style='font-size:14pt'&gt;{c}&lt;/b&gt;&lt;br&gt;{kind} · {start}–{end} · {place}&lt;br&gt;参加人员：{people}&lt;br&gt;议程：{agenda}</source>
            <translation>&lt;b style='font-size:14pt'&gt;{c}&lt;/b&gt;&lt;br&gt;{kind} · {start}–{end} · {place}&lt;br&gt;Attendees: {people}&lt;br&gt;Agenda: {agenda}</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>地点未定</source>
            <translation>Place not set</translation>
        </message>
        <message>
            <location filename="../../ui/visits/workspace.py" />
            <source>取消原因（可不填）：</source>
            <translation>Reason for cancelling (optional):</translation>
        </message>
        <message>
            <source>KAMDesk 大客户经理工作台 {v}

面向商业银行客户经理的大客户工作台。
界面基于 Qt for Python (PySide6, LGPL-3.0)；中文字体：文泉驿微米黑 (Apache-2.0)。</source>
            <translation>KAMDesk key-account workstation {v}

A workstation for commercial-bank relationship managers.
UI built with Qt for Python (PySide6, LGPL-3.0); Chinese font: WenQuanYi Micro Hei (Apache-2.0).</translation>
        </message>
        <message>
            <source>KYC到期日</source>
            <translation>KYC due</translation>
        </message>
        <message>
            <source>KYC复核日期</source>
            <translation>KYC reviewed on</translation>
        </message>
        <message>
            <source>{d} 起</source>
            <translation>from {d}</translation>
        </message>
        <message>
            <source>{p}
{r}

仅在客户书面确认并经审批后办理。请填写例外原因（将记入审计日志）：</source>
            <translation>{p}
{r}

Only with the client's written confirmation and an approval. Enter the reason for the exception (it is recorded in the audit log):</translation>
        </message>
        <message>
            <source>主要联系人</source>
            <translation>Primary contact</translation>
        </message>
        <message>
            <source>产品代码</source>
            <translation>Product code</translation>
        </message>
        <message>
            <source>产品覆盖</source>
            <translation>Product depth</translation>
        </message>
        <message>
            <source>例外审批…</source>
            <translation>Approve exception…</translation>
        </message>
        <message>
            <source>再次输入: </source>
            <translation>Again: </translation>
        </message>
        <message>
            <source>口令已重置。</source>
            <translation>Password reset.</translation>
        </message>
        <message>
            <source>团队成员商机</source>
            <translation>Pipeline by team member</translation>
        </message>
        <message>
            <source>外汇与避险</source>
            <translation>FX and hedging</translation>
        </message>
        <message>
            <source>客户</source>
            <comment>screen</comment>
            <translation>Clients</translation>
        </message>
        <message>
            <source>客户分级</source>
            <translation>Tier</translation>
        </message>
        <message>
            <source>客户简称</source>
            <translation>Short name</translation>
        </message>
        <message>
            <source>客户规模</source>
            <translation>Size</translation>
        </message>
        <message>
            <source>客户身份证号</source>
            <translation>Client's ID number</translation>
        </message>
        <message>
            <source>已添加用户 {u}（{r}）</source>
            <translation>User {u} added ({r})</translation>
        </message>
        <message>
            <source>当前口令不正确：请输入管理员告知的临时口令（或您现在使用的口令）。</source>
            <translation>The current password is wrong: enter the temporary password your administrator gave you (or the password you use now).</translation>
        </message>
        <message>
            <source>必须填写查看原因。</source>
            <translation>A reason is required.</translation>
        </message>
        <message>
            <source>成长潜力</source>
            <translation>Growth potential</translation>
        </message>
        <message>
            <source>所属分行</source>
            <translation>Branch</translation>
        </message>
        <message>
            <source>按服务计划安排拜访：{n}</source>
            <translation>Plan a visit per the service plan: {n}</translation>
        </message>
        <message>
            <source>未来 {n} 天到期持仓（按周，笔数）</source>
            <translation>Holdings maturing in the next {n} days (per week, count)</translation>
        </message>
        <message>
            <source>此设备已登记给其他用户。</source>
            <translation>This device is registered to another user.</translation>
        </message>
        <message>
            <source>注册尝试过于频繁，请稍后再试。</source>
            <translation>Too many enrolment attempts; try again later.</translation>
        </message>
        <message>
            <source>登录失败次数过多，账户已锁定，请在 {m} 分钟后重试。</source>
            <translation>Too many failed sign-ins: the account is locked; try again in {m} minutes.</translation>
        </message>
        <message>
            <source>登录尝试过于频繁，请稍后再试。</source>
            <translation>Too many sign-in attempts; try again later.</translation>
        </message>
        <message>
            <source>管理员重置了您的口令。请输入管理员告知的临时口令，再设置您自己的新口令；设置后才能获取加密字段（证件号、财务数据）的密钥。</source>
            <translation>Your administrator reset your password. Enter the temporary password you were given, then choose your own; only then does the server send the keys for encrypted fields (ID numbers, financial data).</translation>
        </message>
        <message>
            <source>结算与代发</source>
            <translation>Settlement and payroll</translation>
        </message>
        <message>
            <source>综合贡献</source>
            <translation>Contribution</translation>
        </message>
        <message>
            <source>请填写例外原因</source>
            <translation>give a reason for the override</translation>
        </message>
        <message>
            <source>账户已停用。</source>
            <translation>Account disabled.</translation>
        </message>
        <message>
            <source>输入合并后的取值（仅限客户资料中的普通字段）</source>
            <translation>Type the merged value (plain client profile fields only)</translation>
        </message>
        <message>
            <source>适当性例外审批</source>
            <translation>suitability override</translation>
        </message>
        <message>
            <source>适当性例外审批：{d}</source>
            <translation>Suitability exception approval: {d}</translation>
        </message>
        <message>
            <source>适当性例外批准</source>
            <translation>Suitability override approved</translation>
        </message>
        <message>
            <source>长期未联系：{n}</source>
            <translation>No contact for too long: {n}</translation>
        </message>
        <message>
            <source>（加密数据）</source>
            <translation>(encrypted)</translation>
        </message>
        <message>
            <source>；已有例外审批记录</source>
            <translation>; an override is on record</translation>
        </message>
    </context>
</TS>
