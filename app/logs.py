"""Logging: the `app` loggers write one JSON object per line to stderr, at the configured level."""

import logging
import sys
from datetime import UTC, datetime
from typing import Any, TextIO

import orjson

# The attributes every LogRecord has; anything else on a record came in through `extra=` and is logged.
STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JSONFormatter(logging.Formatter):
    """Renders a record as a JSON object: time, level, logger, message, the `extra` fields, the error."""

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname, "logger": record.name, "message": record.getMessage(),
        }  # fmt: skip
        fields |= {key: value for key, value in vars(record).items() if key not in STANDARD_ATTRIBUTES}
        if record.exc_info:
            fields["error"] = self.formatException(record.exc_info)
        return orjson.dumps(fields, default=str).decode()


class StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is at the time of the record (test runners swap it)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return sys.stderr


def configure_logging(level: str) -> None:
    """Sets the level of the `app` loggers and gives them the JSON handler, once."""
    logger = logging.getLogger("app")
    logger.setLevel(level.upper())
    if not any(isinstance(handler, StderrHandler) for handler in logger.handlers):
        handler = StderrHandler()
        handler.setFormatter(JSONFormatter())
        logger.addHandler(handler)
