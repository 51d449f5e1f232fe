import logging
from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import orjson
import pytest
from fastapi.responses import StreamingResponse

from app.config import Settings
from app.logs import JSONFormatter, configure_logging, only_json_handler, timestamp
from app.main import create_app
from tests.api.apps import serve
from tests.conftest import BASE_URL

pytestmark = pytest.mark.anyio


def access_records(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "app.access"]


async def test_each_request_is_one_json_line_with_its_id(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="app.access")
    response = await client.get("/v1/people?limit=5", headers={"X-Request-ID": "req-7"})
    [record] = access_records(caplog)
    line = orjson.loads(JSONFormatter().format(record))
    assert response.headers["x-request-id"] == "req-7"
    assert {k: line[k] for k in ("level", "logger", "message", "method", "path", "status", "request_id")} == {
        "level": "INFO", "logger": "app.access", "message": "request", "method": "GET", "path": "/v1/people",
        "status": 200, "request_id": "req-7",
    }  # fmt: skip
    assert isinstance(line["duration_ms"], float) and set(line) == {
        "time", "level", "logger", "message", "method", "path", "status", "duration_ms", "request_id"}  # fmt: skip


@pytest.mark.parametrize("given", [None, "", "bad id with spaces", "x" * 129, "line\\nbreak"])
async def test_a_missing_or_unsafe_request_id_is_replaced(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, given: str | None
) -> None:
    caplog.set_level(logging.INFO, logger="app.access")
    response = await client.get("/healthz", headers={"X-Request-ID": given} if given is not None else {})
    [record] = access_records(caplog)
    assert len(response.headers["x-request-id"]) == 32 and response.headers["x-request-id"] != given
    assert record.request_id == response.headers["x-request-id"]  # type: ignore[attr-defined]


async def test_errors_are_logged_with_their_status(client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO, logger="app.access")
    await client.get("/v1/articles/nowhere")
    assert [r.status for r in access_records(caplog)] == [404]  # type: ignore[attr-defined]


async def test_an_answer_that_fails_after_its_start_is_logged_as_the_500_sent(
    database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = create_app(Settings(database_url=database_url))

    def failing() -> Iterator[bytes]:
        yield b"partie"
        raise RuntimeError("the stream broke")

    @app.get("/failing")
    def stream() -> StreamingResponse:
        return StreamingResponse(failing(), media_type="text/plain")

    caplog.set_level(logging.INFO, logger="app.access")
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with app.router.lifespan_context(app), httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        response = await client.get("/failing")
    assert response.status_code == 500
    assert [r.status for r in access_records(caplog)] == [500]  # type: ignore[attr-defined]


async def test_the_log_level_is_configurable(database_url: str, caplog: pytest.LogCaptureFixture) -> None:
    async with serve(Settings(database_url=database_url, log_level="WARNING")) as client:
        await client.get("/healthz")
    assert access_records(caplog) == []
    assert logging.getLogger("app").level == logging.WARNING


@pytest.mark.parametrize("created", [0.0, 1764144000.0, 1764144000.0005, 1764144000.9995, 1764144000.9999995,
                                     906241580.5999999, 1764147723.123456, 2e9 - 1e-6])  # fmt: skip
def test_log_times_are_written_as_isoformat_writes_them(created: float) -> None:
    assert timestamp(created) == datetime.fromtimestamp(created, UTC).isoformat(timespec="milliseconds")


async def test_as_served_the_line_is_written_straight_and_is_the_one_logging_writes(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    caplog.set_level(logging.INFO, logger="app.access")
    await client.get("/v1/people?limit=5", headers={"X-Request-ID": "through-logging"})
    [record] = access_records(caplog)
    through_logging = orjson.loads(JSONFormatter().format(record))
    capsys.readouterr()
    monkeypatch.setattr(logging.getLogger(), "handlers", [])  # as served: no test runner's handler on the root
    handled: list[logging.LogRecord] = []
    monkeypatch.setattr(logging.getLogger("app.access"), "handle", handled.append)
    await client.get("/v1/people?limit=5", headers={"X-Request-ID": "straight"})
    [straight] = [orjson.loads(line) for line in capsys.readouterr().err.splitlines()]
    assert handled == []  # no record made
    assert through_logging.pop("request_id") == "through-logging" and straight.pop("request_id") == "straight"
    assert {**straight, "time": None, "duration_ms": None} == {**through_logging, "time": None, "duration_ms": None}
    assert datetime.fromisoformat(straight["time"]) >= datetime.fromisoformat(through_logging["time"])


def test_a_line_goes_straight_only_where_logging_would_send_it_to_the_json_handler_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    configure_logging("INFO")
    access, app_logger, root = logging.getLogger("app.access"), logging.getLogger("app"), logging.getLogger()
    monkeypatch.setattr(root, "handlers", [])
    [handler] = app_logger.handlers
    assert only_json_handler(access) is handler
    for logger in (access, app_logger, root):
        monkeypatch.setattr(logger, "handlers", [*logger.handlers, logging.NullHandler()])
        assert only_json_handler(access) is None
        monkeypatch.undo()
        monkeypatch.setattr(root, "handlers", [])
    monkeypatch.setattr(access, "filters", [logging.Filter("elsewhere")])
    assert only_json_handler(access) is None
    monkeypatch.setattr(access, "filters", [])
    monkeypatch.setattr(handler, "level", logging.WARNING)
    assert only_json_handler(access) is None
    monkeypatch.setattr(handler, "level", logging.NOTSET)
    monkeypatch.setattr(access, "propagate", False)
    assert only_json_handler(access) is None
