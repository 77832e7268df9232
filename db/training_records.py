"""The training records: every attempt at an exercise, in a small database of their own
beside the sandbox, so that resetting the sandbox keeps everyone's scores."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, Text, select
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker

from db.engine import create_db_engine, session_factory


class RecordsBase(DeclarativeBase):
    pass


class AttemptRow(RecordsBase):
    __tablename__ = "training_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    till_id: Mapped[str] = mapped_column(String(32))
    username: Mapped[str] = mapped_column(String(32), index=True)
    display_name: Mapped[str] = mapped_column(String(64))
    exercise_id: Mapped[str] = mapped_column(String(64), index=True)
    started_at: Mapped[datetime] = mapped_column(DateTime)
    seconds: Mapped[int] = mapped_column(Integer)
    mistakes: Mapped[str] = mapped_column(Text, default="")
    """Mistake codes, one per line (a code repeats when made twice)."""
    score: Mapped[int] = mapped_column(Integer)
    completed: Mapped[int] = mapped_column(Integer)
    passed: Mapped[int] = mapped_column(Integer)


def open_records(url: str) -> sessionmaker[Session]:
    engine = create_db_engine(url)
    RecordsBase.metadata.create_all(engine)
    return session_factory(engine)


def all_attempts(session: Session) -> list[AttemptRow]:
    return list(session.scalars(select(AttemptRow).order_by(AttemptRow.id)))
