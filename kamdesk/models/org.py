"""The bank's organisation as this device knows it: users, teams, devices."""
from __future__ import annotations

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from kamdesk.models.base import Base, Syncable


class Team(Syncable, Base):
    __tablename__ = "teams"
    name: Mapped[str] = mapped_column(String(100))
    branch: Mapped[str] = mapped_column(String(100), default="")
    lead_id: Mapped[str | None] = mapped_column(String(36))


class User(Syncable, Base):
    __tablename__ = "users"
    username: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(32))
    team_id: Mapped[str | None] = mapped_column(String(36), index=True)
    branch: Mapped[str] = mapped_column(String(100), default="")
    title: Mapped[str] = mapped_column(String(64), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")  # the RM's work phone (printed on proposals)
    email: Mapped[str] = mapped_column(String(128), default="")
    active: Mapped[bool] = mapped_column(default=True)
