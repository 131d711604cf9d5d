"""Proposals (方案/建议书): a Qt-free document model and its reportlab PDF renderer.

The services layer builds a `ProposalDoc` from the database; `render_proposal` turns it
into PDF bytes. Templates (bank wording, colours, logo) live in folders of JSON; see
`template.py`. Money helpers for 元/万元/亿元 and 大写金额 are in `money.py`.
"""
from kamdesk.proposals.document import (
    BankBlock,
    ClientKind,
    ClientSummary,
    Need,
    ProductLine,
    ProposalDoc,
    ProposalStatus,
    RMContact,
    SummaryField,
    Watermark,
    risk_exceeds_tolerance,
)
from kamdesk.proposals.money import AmountUnit, amount_in_words, choose_unit, format_amount, format_number
from kamdesk.proposals.render import render_proposal
from kamdesk.proposals.template import Template, TemplateError, default_template, load_template

__all__ = [
    "AmountUnit",
    "BankBlock",
    "ClientKind",
    "ClientSummary",
    "Need",
    "ProductLine",
    "ProposalDoc",
    "ProposalStatus",
    "RMContact",
    "SummaryField",
    "Template",
    "TemplateError",
    "Watermark",
    "amount_in_words",
    "choose_unit",
    "default_template",
    "format_amount",
    "format_number",
    "load_template",
    "render_proposal",
    "risk_exceeds_tolerance",
]
