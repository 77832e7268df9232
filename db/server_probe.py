"""``SELECT 1`` on the till's engine, under the same timeouts as its other statements."""

from __future__ import annotations

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

from app.domain.storage import StorageUnavailable
from db.storage_errors import storage_error


class SqlServerProbe:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def ping(self) -> None:
        try:
            with self._engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError as error:
            mapped = storage_error(error)
            raise (mapped or StorageUnavailable(str(error))) from error
