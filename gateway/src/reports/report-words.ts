/**
 * The report's words in English and Simplified Chinese. The hashed content holds figures
 * only, so both languages render the same report, with the same hash. Typology and
 * department names come from the dashboards' vocabulary (monitor-ui/src/i18n), so screen and
 * paper name things alike. Each sentence is whole in its language; parameters fill it.
 */
import { TYPOLOGY_NAMES } from '../../../monitor-ui/src/i18n/typology-names.js';
import { DEPARTMENTS as DEPARTMENT_LABELS } from '../../../monitor-ui/src/i18n/vocabulary.js';

export type ReportLocale = 'en' | 'zh-CN';
export const REPORT_LOCALES: readonly ReportLocale[] = ['en', 'zh-CN'];

export function isReportLocale(value: unknown): value is ReportLocale {
  return value === 'en' || value === 'zh-CN';
}

const EN = {
  lang: 'en',
  title: 'Quarterly Joint Supervision Report',
  banner: 'Restricted — for the members of the joint supervision network',
  org: 'PBOC · NFRA · SAMR · CAC · SAFE — Joint Supervision Meeting',
  quarterLabel: (q: string) => q.replace('Q', ' Q'),
  period: (from: string, to: string) => `${from} – ${to} (China Standard Time)`,
  longDate: (y: string, m: number, d: number) => `${d} ${['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'][m - 1] ?? m} ${y}`,
  month: (y: string, m: number) => `${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1] ?? m} ${y}`,
  outcome: { confirmed: 'Confirmed', dismissed: 'Dismissed', escalated: 'Escalated', open: 'Open' } as Record<string, string>,
  agendaReason: {
    disagreement: 'Departments disagree', deadline_passed: 'No joint decision by the deadline',
    overdue_at_cut_off: "Open past its deadline at the report's cut-off",
  } as Record<string, string>,
  suppressed: 'suppressed&#8225;',
  suppressedTitle: 'fewer than 5 accounts',
  // Document control
  anchorBy: (dept: string, at: string) => ` by ${dept}, ${at}`,
  notAnchored: 'Not yet anchored: the first sign-off anchors it.',
  anchoredSame: (by: string) => `Anchored with this hash${by}`,
  anchoredOther: (by: string, hash: string) => `<strong>Another hash is anchored</strong>${by}: ${hash} (the data changed since; departments that signed it signed that version)`,
  signedOff: 'Signed off',
  signedOther: 'Signed another version',
  departmentIdentity: '(department identity)',
  pending: 'Pending',
  versionCurrent: (at: string) => `Generated from the current data, ${at}`,
  versionSigned: (at: string, same: boolean, hash: string) => `The version signed on the ledger, generated ${at}. ${same ? 'The current data give the same hash.' : `The data have changed since; regenerated now the hash would be ${hash}.`}`,
  reportHash: 'Report hash (SHA-256 of the canonical figures)',
  version: 'Version',
  ledgerAnchor: 'Ledger anchor',
  signOffHeading: 'Sign-off by the departments',
  colDepartment: 'Department', colStatus: 'Status', colReviewer: 'Reviewer', colSigned: 'Signed', colLedgerTx: 'Ledger transaction',
  // Key figures
  keyFigures: '1. Key figures',
  documentControl: 'Document control',
  kpiAlerts: 'Alerts', kpiAmount: 'Amount involved', kpiConfirmed: 'Confirmed cases', kpiEscalated: 'Escalated',
  changeAgainst: (delta: string, prevQuarter: string, prev: number) => `${delta} against ${prevQuarter} (${prev})`,
  prevSuppressed: (prevQuarter: string) => `${prevQuarter}: suppressed or none`,
  basisRecords: (n: string) => `${n} records reported for the quarter`,
  basisSuppressed: 'records: suppressed',
  allSuppressed: (min: number) => `<p>The quarter's alerts describe fewer than ${min} accounts: every figure is suppressed.</p>`,
  millionsCny: (v: string) => `${v} m`,
  cny: (v: string) => `CNY ${v}`,
  outcomeLine: (dismissed: string, open: string) => `dismissed: ${dismissed} · open: ${open}`,
  onAgenda: (n: number) => `${n} case(s) on the agenda`,
  summary: (q: string, alerts: number, amount: string, accounts: number, basis: string, confirmed: string, dismissed: string, escalated: string, open: string) =>
    `<p>In ${q} the detection network raised <strong>${alerts}</strong> alerts involving <strong>CNY ${amount}</strong> across <strong>${accounts}</strong> accounts, on the basis of ${basis}. Confirmed cases: ${confirmed}; dismissed: ${dismissed}; escalated: ${escalated}; still open: ${open}. Section 4 lists the cases for the joint meeting.</p>`,
  methodologyHeading: '5. Methodology and disclosure control',
  methodology: (a: { tz: string; from: string; to: string; min: number; format: string }) => `<li><strong>Quarter.</strong> An alert belongs to the quarter in which its earliest evidence record took place (the alert's <em>first event time</em>, <code>firstTs</code>), not the quarter in which it was raised or reviewed; late-reported records therefore land in the quarter of the underlying conduct. Quarters are calendar quarters in China Standard Time (${a.tz}, UTC+08:00): ${a.from} inclusive to ${a.to} exclusive.</li>
<li><strong>Sources.</strong> Alerts, amounts, departments and institutions come from the shared analytics store; case outcomes, opinions and their times from the supervision ledger at the time of generation. The amount of an alert is its amount at risk; amounts are summed exactly in CNY.</li>
<li><strong>Cases.</strong> Each alert opens one joint-review case. Outcomes are the case status on the ledger. Time to decision runs from the case's opening on the ledger to the department's first confirm or dismiss (a request for information is not a decision); percentiles interpolate linearly between ranks.</li>
<li><strong>Disclosure control.</strong> No figure describing fewer than ${a.min} distinct accounts is shown; such cells read <em>suppressed&#8225;</em>. Where a table's total is published, further cells are suppressed (smallest first) until the suppressed cells together describe at least ${a.min} accounts, so that no suppressed figure can be recovered by subtraction. Accounts appear only as pseudonyms and are not listed in this report.</li>
<li><strong>Integrity.</strong> The report hash is the SHA-256 of the canonical JSON of the figures (format <code>${a.format}</code>: keys sorted, fixed number formats, no generation time). Regenerating the report from the same data gives the same hash. The hash is anchored on the supervision ledger and each department's reviewer signs that hash off in a ledger transaction; this page and its sign-off table are renderings around the hashed figures.</li>`,
  // Sections 2–4
  alertsHeading: '2. Alerts raised in the quarter',
  chartTypology: 'Alerts by typology, this quarter and the previous one',
  fig1: (q: string, p: string, omitted: boolean) => `Figure 1. Alerts by typology, ${q} against ${p}${omitted ? '; typologies without alerts in either quarter are omitted' : ''}.`,
  byTypologyHeading: 'By typology, against the previous quarter',
  colTypology: 'Typology', colAlertsIn: (q: string) => `Alerts ${q}`, colChange: 'Change', colAmountIn: (q: string) => `Amount ${q}`, colAccountsIn: (q: string) => `Accounts ${q}`,
  allTypologies: 'All typologies',
  chartMonth: 'Alerts by month', fig2: 'Figure 2. Alerts by month of first event.',
  chartMonthAmount: 'Amount involved by month, CNY million', fig3: 'Figure 3. Amount involved by month (CNY million).',
  byMonthHeading: 'By month of first event', colMonth: 'Month',
  byDepartmentHeading: 'By department the alerts were routed to',
  byDepartmentNote: 'An alert routed to several departments counts once for each of them.',
  byInstitutionHeading: 'By reporting institution', colInstitution: 'Institution',
  byInstitutionNote: 'An alert resting on records of several institutions counts once for each of them.',
  colAlerts: 'Alerts', colAmountCny: 'Amount involved (CNY)', colAccounts: 'Accounts',
  reviewHeading: '3. Joint review of cases',
  chartOutcome: 'Cases by outcome', fig4: "Figure 4. Cases of the quarter's alerts by outcome on the ledger.",
  colOutcome: 'Outcome', colCases: 'Cases',
  decisionHeading: 'Time to decision per department',
  chartDecision: "Time from case opening to the department's first decision",
  fig5: "Figure 5. Time from a case's opening to the department's first confirm or dismiss: median and 90th percentile.",
  colDecisions: 'Decisions', colMedian: 'Median', colP90: '90th percentile',
  noDecisions: 'no decisions', suppressedNote: 'suppressed (<5 accounts)',
  topHeading: 'Institutions with the most confirmed cases', colRank: 'Rank', colConfirmedCases: 'Confirmed cases',
  topNone: 'No institution has confirmed cases describing at least 5 accounts.',
  topMore: (n: number) => `${n} further institution(s) with confirmed cases are not listed (outside the top 10, or fewer than 5 accounts).`,
  agendaHeading: '4. Agenda of the joint meeting',
  agendaNone: 'No case of this quarter is escalated or overdue.',
  agendaLead: "Cases of the quarter's alerts that the routed departments could not close: escalated on the ledger (disagreement or no joint decision by the deadline), or still open past their deadline at the report's cut-off (the quarter's end, or the time of generation for a quarter still running). Ordered by severity, then by opening date.",
  colCase: 'Case', colWhy: 'Why on the agenda', colOpinions: 'Opinions', colInstitutions: 'Institutions', colOpenedDeadline: 'Opened<br>Deadline', colAmount: 'Amount (CNY)',
  none: '<em>none</em>',
  severity: { critical: 'critical', high: 'high', medium: 'medium', low: 'low' } as Record<string, string>,
  decision: { confirm: 'confirm', dismiss: 'dismiss', request_info: 'request_info' } as Record<string, string>,
  footer: (at: string, min: number) => `Generated ${at} from the platform's shared data. Generation time and sign-offs are outside the hashed figures. &#8225; suppressed: the figure would describe fewer than ${min} accounts.`,
};

export type ReportWords = typeof EN & { typology: (id: string) => string; department: (code: string) => string };

const ZH: typeof EN = {
  lang: 'zh-CN',
  title: '季度联合监管报告',
  banner: '内部资料 — 仅限联合监管网络成员',
  org: '人民银行 · 金融监管总局 · 市场监管总局 · 网信办 · 外汇局 — 联合监管会议',
  quarterLabel: (q: string) => `${q.slice(0, 4)}年第${q.slice(5)}季度`,
  period: (from: string, to: string) => `${from} 至 ${to}（北京时间）`,
  longDate: (y: string, m: number, d: number) => `${y}年${m}月${d}日`,
  month: (y: string, m: number) => `${y}年${m}月`,
  outcome: { confirmed: '已确认', dismissed: '已排除', escalated: '已升级', open: '审议中' },
  agendaReason: { disagreement: '各部门意见不一致', deadline_passed: '截止时间前未形成联合决定', overdue_at_cut_off: '截至报告截止时点已逾期仍未结案' },
  suppressed: '已隐去&#8225;',
  suppressedTitle: '涉及账户少于 5 个',
  anchorBy: (dept, at) => `，由 ${dept} 于 ${at}`,
  notAnchored: '尚未锚定：首个签署时一并锚定。',
  anchoredSame: (by) => `已以此哈希锚定${by}`,
  anchoredOther: (by, hash) => `<strong>账本上锚定的是另一哈希</strong>${by}：${hash}（此后数据有变；已签署的部门签署的是该版本）`,
  signedOff: '已签署',
  signedOther: '签署的是另一版本',
  departmentIdentity: '（部门身份）',
  pending: '待签署',
  versionCurrent: (at) => `依据当前数据生成，${at}`,
  versionSigned: (at, same, hash) => `账本上已签署的版本，生成于 ${at}。${same ? '当前数据生成的哈希与之相同。' : `此后数据有变；现在重新生成的哈希为 ${hash}。`}`,
  reportHash: '报告哈希（规范化数据的 SHA-256）',
  version: '版本',
  ledgerAnchor: '账本锚定',
  signOffHeading: '各部门签署',
  colDepartment: '部门', colStatus: '状态', colReviewer: '审核员', colSigned: '签署时间', colLedgerTx: '账本交易',
  keyFigures: '一、主要数据',
  documentControl: '文档控制',
  kpiAlerts: '预警', kpiAmount: '涉及金额', kpiConfirmed: '已确认案件', kpiEscalated: '已升级',
  changeAgainst: (delta, prevQuarter, prev) => `较 ${prevQuarter}（${prev}）${delta}`,
  prevSuppressed: (prevQuarter) => `${prevQuarter}：已隐去或无`,
  basisRecords: (n) => `本季度报送的 ${n} 笔交易记录`,
  basisSuppressed: '交易记录数：已隐去',
  allSuppressed: (min) => `<p>本季度预警涉及的账户少于 ${min} 个：全部数据均已隐去。</p>`,
  millionsCny: (v) => `${v} 百万元`,
  cny: (v) => `人民币 ${v} 元`,
  outcomeLine: (dismissed, open) => `已排除：${dismissed} · 审议中：${open}`,
  onAgenda: (n) => `${n} 件案件列入议程`,
  summary: (q, alerts, amount, accounts, basis, confirmed, dismissed, escalated, open) =>
    `<p>${q}，监测网络依据${basis}共产生 <strong>${alerts}</strong> 条预警，涉及金额<strong>人民币 ${amount} 元</strong>，涉及账户 <strong>${accounts}</strong> 个。已确认案件：${confirmed}；已排除：${dismissed}；已升级：${escalated}；仍在审议：${open}。第四部分列出联合会议议程。</p>`,
  methodologyHeading: '五、方法与披露控制',
  methodology: (a) => `<li><strong>季度归属。</strong>预警归入其最早证据交易发生的季度（预警的<em>首笔交易时间</em>，<code>firstTs</code>），而非预警产生或审议的季度；因此迟报的交易计入相关行为发生的季度。季度为北京时间（${a.tz}，UTC+08:00）的自然季度：自 ${a.from}（含）至 ${a.to}（不含）。</li>
<li><strong>数据来源。</strong>预警、金额、部门与报送机构取自共享分析库；案件结果、各部门意见及其时间取自生成时的监管账本。预警金额为其涉险金额，以人民币精确加总。</li>
<li><strong>案件。</strong>每条预警开立一件联合审议案件。结果为账本上的案件状态。决定用时自案件在账本上立案起，至该部门首次作出确认或排除止（要求补充信息不计为决定）；百分位数在名次之间线性插值。</li>
<li><strong>披露控制。</strong>涉及不同账户少于 ${a.min} 个的数据一律不予显示，相应单元格标为<em>已隐去&#8225;</em>。表格公布合计时，另按从小到大隐去其他单元格，直至被隐去单元格合计涉及至少 ${a.min} 个账户，以免通过相减推知被隐去的数据。账户仅以化名出现，本报告不列示任何账户。</li>
<li><strong>完整性。</strong>报告哈希为各项数据规范化 JSON 的 SHA-256（格式 <code>${a.format}</code>：键排序、数字格式固定、不含生成时间）。以相同数据重新生成报告，哈希相同。该哈希锚定在监管账本上，各部门审核员以账本交易签署该哈希；本页及其签署表是围绕已哈希数据的呈现。</li>`,
  alertsHeading: '二、本季度产生的预警',
  chartTypology: '按类型统计的预警：本季度与上季度',
  fig1: (q, p, omitted) => `图 1　按类型统计的预警，${q} 与 ${p} 对比${omitted ? '；两个季度均无预警的类型未列入' : ''}。`,
  byTypologyHeading: '按类型，与上季度对比',
  colTypology: '类型', colAlertsIn: (q) => `${q} 预警数`, colChange: '变化', colAmountIn: (q) => `${q} 金额`, colAccountsIn: (q) => `${q} 账户数`,
  allTypologies: '全部类型',
  chartMonth: '按月统计的预警', fig2: '图 2　按首笔交易月份统计的预警。',
  chartMonthAmount: '按月统计的涉及金额（百万元）', fig3: '图 3　按月统计的涉及金额（百万元）。',
  byMonthHeading: '按首笔交易月份', colMonth: '月份',
  byDepartmentHeading: '按预警推送部门',
  byDepartmentNote: '推送至多个部门的预警在每个部门各计一次。',
  byInstitutionHeading: '按报送机构', colInstitution: '报送机构',
  byInstitutionNote: '涉及多家机构交易记录的预警在每家机构各计一次。',
  colAlerts: '预警数', colAmountCny: '涉及金额（元）', colAccounts: '账户数',
  reviewHeading: '三、案件联合审议',
  chartOutcome: '按结果统计的案件', fig4: '图 4　本季度预警对应案件在账本上的结果。',
  colOutcome: '结果', colCases: '案件数',
  decisionHeading: '各部门决定用时',
  chartDecision: '自立案至部门首次决定的用时',
  fig5: '图 5　自案件立案至该部门首次确认或排除的用时：中位数与第 90 百分位数。',
  colDecisions: '决定数', colMedian: '中位数', colP90: '第 90 百分位数',
  noDecisions: '无决定', suppressedNote: '已隐去（账户少于 5 个）',
  topHeading: '已确认案件最多的报送机构', colRank: '排名', colConfirmedCases: '已确认案件',
  topNone: '没有报送机构的已确认案件涉及至少 5 个账户。',
  topMore: (n) => `另有 ${n} 家有已确认案件的机构未列出（不在前 10 名，或涉及账户少于 5 个）。`,
  agendaHeading: '四、联合会议议程',
  agendaNone: '本季度没有已升级或逾期的案件。',
  agendaLead: '本季度预警对应、各相关部门未能结案的案件：已在账本上升级（意见不一致或截止时间前未形成联合决定），或截至报告截止时点（季度末；季度尚未结束的，为生成时间）已逾期仍未结案。按等级、再按立案日期排序。',
  colCase: '案件', colWhy: '列入议程原因', colOpinions: '各部门意见', colInstitutions: '报送机构', colOpenedDeadline: '立案<br>截止', colAmount: '金额（元）',
  none: '<em>无</em>',
  severity: { critical: '严重', high: '高', medium: '中', low: '低' },
  decision: { confirm: '确认', dismiss: '排除', request_info: '要求补充信息' },
  footer: (at, min) => `依据平台共享数据生成于 ${at}。生成时间与签署信息不计入报告哈希。&#8225; 已隐去：该数据涉及的账户将少于 ${min} 个。`,
};

/** The words of a locale. */
export function reportWords(locale: ReportLocale = 'en'): ReportWords {
  const base = locale === 'zh-CN' ? ZH : EN;
  return {
    ...base,
    typology: (id) => TYPOLOGY_NAMES[id]?.[locale] ?? id,
    department: (code) => DEPARTMENT_LABELS[code]?.[locale] ?? code,
  };
}
