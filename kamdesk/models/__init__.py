"""Typed SQLAlchemy 2.0 models of the local client file, one module per concept."""
from kamdesk.models.approval import APPROVAL_KINDS, APPROVAL_STATUSES, Approval
from kamdesk.models.base import SENSITIVE, Base, Sensitive, SensitiveSpec, Syncable, syncable_tables, utcnow
from kamdesk.models.client import (CLIENT_KINDS, LIFECYCLE_STAGES, RISK_TOLERANCES, TIERS, Client, Contact,
                                   Contribution, RelationshipMember, RiskNote)
from kamdesk.models.local import AuditEvent, ChangeLog, Conflict, DomainKeyRecord, Meta, Outbox
from kamdesk.models.org import Team, User
from kamdesk.models.product import PRODUCT_TYPES, RISK_LEVELS, Holding, Product
from kamdesk.models.visit import QuestionnaireResponse, QuestionnaireTemplate, Visit
from kamdesk.models.work import (OPPORTUNITY_STAGES, REQUEST_STATUSES, AgendaState, Opportunity, OpportunityMember,
                                 OpportunityStage, Proposal, ServiceRequest, ServiceRequestEvent, Task)

__all__ = [
    "APPROVAL_KINDS", "APPROVAL_STATUSES", "Approval",
    "SENSITIVE", "Base", "Sensitive", "SensitiveSpec", "Syncable", "syncable_tables", "utcnow",
    "CLIENT_KINDS", "LIFECYCLE_STAGES", "RISK_TOLERANCES", "TIERS", "Client", "Contact", "Contribution",
    "RelationshipMember", "RiskNote", "AuditEvent", "ChangeLog", "Conflict", "DomainKeyRecord", "Meta", "Outbox", "Team", "User",
    "PRODUCT_TYPES", "RISK_LEVELS", "Holding", "Product", "QuestionnaireResponse", "QuestionnaireTemplate", "Visit",
    "OPPORTUNITY_STAGES", "REQUEST_STATUSES", "AgendaState", "Opportunity", "OpportunityMember", "OpportunityStage",
    "Proposal", "ServiceRequest", "ServiceRequestEvent", "Task",
]
