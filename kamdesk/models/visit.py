"""Visits (拜访) and the needs questionnaire (大客户调研表): templates and answers."""
from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kamdesk.models.base import Base, Syncable


VISIT_KINDS = ("visit", "call", "meeting", "event")
VISIT_STATUSES = ("planned", "done", "cancelled")


class Visit(Syncable, Base):
    __tablename__ = "visits"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    owner_id: Mapped[str] = mapped_column(String(36), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="visit")  # visit/call/meeting/event
    planned_at: Mapped[dt.datetime] = mapped_column(index=True)
    duration_minutes: Mapped[int] = mapped_column(default=60)
    place: Mapped[str] = mapped_column(String(200), default="")
    attendees: Mapped[list[Any]] = mapped_column(default=list)
    agenda: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    notes_saved_at: Mapped[dt.datetime | None]
    outcome: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(16), default="planned")  # planned/done/cancelled


class QuestionnaireTemplate(Syncable, Base):
    __tablename__ = "questionnaire_templates"
    code: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    version: Mapped[int] = mapped_column(default=1)
    for_kind: Mapped[str] = mapped_column(String(16), default="corporate")
    # [{"key": "...", "text": "...", "type": "text|choice|multi|number|date", "options": [...]}]
    questions: Mapped[list[Any]] = mapped_column(default=list)


class QuestionnaireResponse(Syncable, Base):
    __tablename__ = "questionnaire_responses"
    client_id: Mapped[str] = mapped_column(String(36), index=True)
    template_id: Mapped[str] = mapped_column(String(36))
    visit_id: Mapped[str | None] = mapped_column(String(36))
    answers: Mapped[dict[str, Any]] = mapped_column(default=dict)
    completed_at: Mapped[dt.datetime | None]
