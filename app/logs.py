"""Logging: the `app` loggers write one JSON object per line to stderr, at the configured level."""

import logging
import math
import sys
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any, TextIO

import orjson

# The attributes every LogRecord has; anything else on a record came in through `extra=` and is logged.
STANDARD_ATTRIBUTES = frozenset(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JSONFormatter(logging.Formatter):
    """Renders a record as a JSON object: time, level, logger, message, the `extra` fields, the error."""

    def format(self, record: logging.LogRecord) -> str:
        extra = {key: value for key, value in vars(record).items() if key not in STANDARD_ATTRIBUTES}
        if record.exc_info:
            extra["error"] = self.formatException(record.exc_info)
        return line(record.created, record.levelname, record.name, record.getMessage(), extra)


def line(created: float, level: str, logger: str, message: str, extra: dict[str, Any]) -> str:
    """One record as a JSON line (without its newline)."""
    fields = {"time": timestamp(created), "level": level, "logger": logger, "message": message} | extra
    return orjson.dumps(fields, default=str).decode()


def timestamp(created: float) -> str:
    """ISO 8601 in UTC to the millisecond, as `isoformat(timespec="milliseconds")` writes it; the part up to the
    second is worked out once a second (an access-log line is written for every request)."""
    fraction, whole = math.modf(created)
    micro = round(fraction * 1e6)  # as `datetime.fromtimestamp` rounds, a second carried
    second, micro = (int(whole) + 1, micro - 1_000_000) if micro >= 1_000_000 else (int(whole), micro)
    return f"{_second(second)}.{micro // 1000:03d}+00:00"


@lru_cache(maxsize=2)
def _second(second: int) -> str:
    return datetime.fromtimestamp(second, UTC).strftime("%Y-%m-%dT%H:%M:%S")


class StderrHandler(logging.StreamHandler[TextIO]):
    """Writes to whatever `sys.stderr` is at the time of the record (test runners swap it)."""

    def __init__(self) -> None:
        logging.Handler.__init__(self)

    @property
    def stream(self) -> TextIO:  # type: ignore[override]
        return sys.stderr

    def write(self, text: str) -> None:
        """Writes a line formatted already, as `emit` writes a record's (a failure is reported as logging does)."""
        try:
            with self.lock:  # type: ignore[union-attr]
                stream = sys.stderr
                stream.write(text + self.terminator)
                stream.flush()
        except Exception:
            self.handleError(logging.makeLogRecord({"msg": text}))


def only_json_handler(logger: logging.Logger) -> StderrHandler | None:
    """The app's JSON handler when every INFO record of `logger` goes there and nowhere else (no filter, no other
    handler on the way up), else None: a line written straight to it is then what logging would write."""
    found: StderrHandler | None = None
    current: logging.Logger | None = logger
    while current is not None:
        if current.filters:
            return None
        for handler in current.handlers:
            if found is not None or not isinstance(handler, StderrHandler) or handler.filters:
                return None
            if handler.level > logging.INFO or not isinstance(handler.formatter, JSONFormatter):
                return None
            found = handler
        current = current.parent if current.propagate else None
    return found


def configure_logging(level: str) -> None:
    """Sets the level of the `app` loggers and gives them the JSON handler, once."""
    logger = logging.getLogger("app")
    logger.setLevel(level.upper())
    if not any(isinstance(handler, StderrHandler) for handler in logger.handlers):
        handler = StderrHandler()
        handler.setFormatter(JSONFormatter())
        logger.addHandler(handler)
