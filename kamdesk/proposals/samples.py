"""Sample proposals for demos, tests and benchmarks (invented companies and figures)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from kamdesk.proposals.document import (
    ClientKind,
    ClientSummary,
    Need,
    ProductLine,
    ProposalDoc,
    ProposalStatus,
    RMContact,
    SummaryField,
    Watermark,
)

__all__ = ["LONG_CLIENT_NAME", "SENSITIVE_FIELDS", "sample_products", "sample_proposal"]

LONG_CLIENT_NAME = (
    "华东新能源汽车零部件与智能制造装备研发生产销售及进出口贸易综合服务集团股份有限公司"
    "上海浦东新区张江高科技园区第二分公司研发中心"
)

SENSITIVE_FIELDS = (
    SummaryField("统一社会信用代码", "91310115MA1K4Q7X2R", True, "91310115**********"),
    SummaryField("基本存款账号", "6222021001123456789", True, "622202*********6789"),
    SummaryField("财务联系人手机", "13917765432", True, "139****5432"),
    SummaryField("上年营业收入", "32.6 亿元", True, "10–50 亿元"),
)


def _line(code: str, name: str, kind: str, risk: str, amount: str, term: int | None, rate: str,
          yield_: str | None, cost: str | None, reason: str, disclosure: str) -> ProductLine:
    return ProductLine(
        code=code, name=name, product_type=kind, risk_level=risk, amount=Decimal(amount),
        term_months=term, rate_or_fee=rate,
        expected_annual_yield=Decimal(yield_) if yield_ is not None else None,
        annual_cost=Decimal(cost) if cost is not None else None,
        reason=reason, disclosure=disclosure,
    )


_PRODUCTS = (
    _line("DCD-2026-036", "单位大额存单 2026 年第 36 期（三年期）", "存款", "R1", "30000000", 36, "年化 2.15%",
          "645000.00", None, "锁定中长期利率，保障闲置资金的安全性与收益稳定。",
          "大额存单为存款产品，纳入存款保险基金管理条例保障范围。提前支取按支取日活期存款利率计息，可能影响预期收益。"),
    _line("SD-USD-2611", "挂钩欧元兑美元汇率两层区间型单位结构性存款（91 天）", "结构性存款", "R2",
          "20000000", 3, "年化 1.30%–2.60%", "260000.00", None, "保本浮动收益，匹配季度回款节奏，兼顾流动性。",
          "结构性存款不同于一般性存款，具有投资风险。产品收益取决于挂钩标的表现，最低可能仅获得保底收益率 1.30%（年化）。"),
    _line("WM-GS-1208", "“稳盈添利”固定收益类封闭式净值型理财产品 2026 年第 128 期（机构专属）", "理财产品", "R2",
          "15000000", 12, "业绩比较基准 2.90%–3.30%", "465000.00", None, "配置高等级债券，波动小于权益类产品，适合稳健的资金增值需求。",
          "本理财产品为净值型产品，不保证本金和收益。业绩比较基准不代表实际收益，产品净值可能因利率、信用等因素波动。"),
    _line("LN-WC-0001", "流动资金贷款（一年期，信用+应收账款质押）", "贷款", "R1", "50000000", 12,
          "LPR 3.10% 减 15BP", None, "1475000.00", "补充旺季原材料采购资金，按订单回款分期还本。",
          "贷款利率随贷款市场报价利率（LPR）调整。借款人应按期还本付息，逾期将产生罚息并影响征信记录。"),
    _line("CM-POOL-01", "票据池及供应链票据综合服务", "结算与现金管理", "R1", "8000000", None,
          "服务费 0.05%/年", None, "4000.00", "集中管理集团内票据，盘活存量票据、降低付款成本。",
          "票据池质押融资额度随入池票据变化；票据到期托收、承兑人信用状况变化可能影响可用额度。"),
    _line("FX-FWD-12", "远期结售汇（美元/人民币，十二个月）", "外汇衍生品", "R3", "6500000", 12,
          "远期点数以成交时报价为准", None, "9750.00", "锁定出口收汇的汇率，降低汇率波动对利润的影响。",
          "远期结售汇锁定汇率后，如到期即期汇率更为有利，客户无法获得该部分收益；违约交割可能产生损失。"),
    _line("WM-HH-0707", "“睿远”混合类开放式净值型理财产品（季开）", "理财产品", "R3", "10000000", 3,
          "业绩比较基准 3.20%–4.50%", "385000.00", None, "在可承受的波动范围内增加收益弹性。",
          "混合类产品投资于债券与权益类资产，净值可能出现较大波动，极端情况下可能损失部分本金。"),
    _line("TR-XB-0300", "跨境人民币结算及资金池服务", "国际业务", "R1", "5000000", None,
          "手续费按笔收取", None, "6000.00", "统一境内外资金调拨，节省汇兑成本。",
          "跨境资金池业务须符合外汇及跨境人民币管理规定，政策调整可能影响资金调拨额度与时效。"),
    _line("EQ-ZZ-0500", "“智选”权益类证券投资基金定制专户（三年封闭）", "权益类产品", "R4", "5000000", 36,
          "管理费 1.20%/年", "400000.00", "60000.00", "满足集团对长期权益资产配置的需求。",
          "权益类产品主要投资于股票市场，净值波动大，可能损失较大比例的本金；封闭期内不可赎回。"),
    _line("DEP-TZ-07", "七天通知存款", "存款", "R1", "12000000", None, "年化 1.00%", "120000.00", None,
          "保留日常备付资金的灵活性，收益高于活期存款。",
          "通知存款支取须提前七天通知，未按约定通知支取的部分按活期利率计息。"),
)


def sample_products(count: int = 10) -> tuple[ProductLine, ...]:
    """The first `count` (1..10) sample product lines."""
    if not 1 <= count <= len(_PRODUCTS):
        raise ValueError(f"count must be 1..{len(_PRODUCTS)}")
    return _PRODUCTS[:count]


def sample_proposal(
    *,
    client_name: str = "浙江华东智能装备制造集团股份有限公司",
    products: int = 10,
    rendered_at: datetime = datetime(2026, 11, 28, 15, 4),
) -> ProposalDoc:
    """A complete corporate proposal with `products` recommended lines."""
    lines = sample_products(products)
    over_tolerance = [p for p in lines if p.risk_level > "R3"]
    return ProposalDoc(
        proposal_id="P-2026-000123",
        version=2,
        status=ProposalStatus.ISSUED,
        title="综合金融服务方案（2027 年度）",
        created_at=datetime(2026, 11, 20, 9, 30),
        valid_until=date(2027, 2, 28),
        client=ClientSummary(
            client_name=client_name,
            client_kind=ClientKind.CORPORATE,
            tier="战略客户（AAA）",
            risk_tolerance="C3",
            assessment_date=date(2026, 9, 15),
            fields=(
                SummaryField("法定代表人", "王建国"),
                SummaryField("所属行业", "通用设备制造业"),
                SummaryField("注册资本", "人民币 5.8 亿元"),
                SummaryField("合作年限", "11 年"),
                *SENSITIVE_FIELDS,
            ),
        ),
        rm=RMContact("李晓雯", "高级客户经理", "KAMDesk 示范银行杭州分行公司业务部", "0571-8888 6621",
                     "li.xiaowen@kamdesk-bank.example"),
        needs=(
            Need("季节性流动资金需求", "每年三至五月为原材料集中采购期，资金缺口约 4,000–5,000 万元，希望获得随借随还、成本可控的融资安排。",
                 "拜访纪要 2026-11-02"),
            Need("闲置资金保值增值", "集团账面常备资金约 1 亿元，其中六成以上一年内无使用计划，希望在保证安全的前提下提高收益。",
                 "大客户调研表"),
            Need("出口收汇汇率风险管理", "年出口收汇约 1,500 万美元，汇率波动对利润影响明显，希望锁定部分收汇汇率。",
                 "财务总监访谈 2026-10-18"),
        ),
        products=lines,
        general_disclosures=("市场有风险，投资需谨慎。客户应根据自身风险承受能力审慎决策。",),
        terms=("本方案第 2 版替代 2026 年 11 月 5 日出具的第 1 版。",),
        suitability_notes=tuple(
            f"{p.name}（{p.risk_level}）高于客户风险承受能力（C3），客户书面申请配置，已经分行团队负责人审批同意（审批号 SA-2026-0457）。"
            for p in over_tolerance
        ),
        watermark=Watermark("李晓雯", rendered_at, "P-2026-000123"),
    )
