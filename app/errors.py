"""The error contract: an `AppError` family and the one set of handlers rendering RFC 9457 problem+json."""

import logging
from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any, ClassVar

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import compile_path

from app.schemas import FieldError, Problem

PROBLEM_TYPE_BASE = "https://newsapi.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"
REQUEST_ID_HEADER = "x-request-id"
RANGE_ERRORS = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}

logger = logging.getLogger(__name__)


class AppError(Exception):
    """An error the API answers with a problem document; subclasses fix the status, code and title."""

    status: ClassVar[int] = 500
    code: ClassVar[str] = "internal_error"
    title: ClassVar[str] = "Internal error"

    def __init__(
        self, detail: str, *, errors: Sequence[FieldError] | None = None, headers: Mapping[str, str] | None = None
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        self.errors = list(errors) if errors else None
        self.headers = dict(headers or {})


class NotFound(AppError):
    status, code, title = 404, "not_found", "Not found"


class InvalidParameter(AppError):
    status, code, title = 422, "invalid_parameter", "Invalid parameter"

    @classmethod
    def of(cls, param: str, message: str) -> "InvalidParameter":
        """The error about one parameter: detail '<param> <message>', and that parameter in `errors`."""
        return cls(f"{param} {message}", errors=[FieldError(param=param, message=message)])


class InvalidCursor(AppError):
    status, code, title = 400, "invalid_cursor", "Invalid cursor"


class QuerySyntaxError(AppError):
    status, code, title = 400, "query_syntax_error", "Query syntax error"


class Unauthorized(AppError):
    status, code, title = 401, "unauthorized", "Unauthorized"


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Forbidden"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class PayloadTooLarge(AppError):
    status, code, title = 413, "payload_too_large", "Payload too large"


class UnsupportedMediaType(AppError):
    status, code, title = 415, "unsupported_media_type", "Unsupported media type"


class ServiceUnavailable(AppError):
    status, code, title = 503, "service_unavailable", "Service unavailable"


# What a bare HTTP status from the framework (a 404 for an unknown route, a 405...) is answered as.
BY_STATUS: dict[int, type[AppError]] = {
    cls.status: cls
    for cls in (AppError, NotFound, Unauthorized, Forbidden, Conflict, PayloadTooLarge, UnsupportedMediaType,
                ServiceUnavailable)
}  # fmt: skip


class ProblemResponse(JSONResponse):
    media_type = PROBLEM_MEDIA_TYPE


def problem_type(code: str) -> str:
    """The `type` URI of a problem code: `invalid_cursor` -> `…/problems/invalid-cursor`."""
    return PROBLEM_TYPE_BASE + code.replace("_", "-")


def problem_response(
    *, status: int, code: str, title: str, detail: str, errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
) -> ProblemResponse:  # fmt: skip
    """Renders a problem document as an `application/problem+json` response."""
    problem = Problem(type=problem_type(code), title=title, status=status, detail=detail, code=code, errors=errors)
    return ProblemResponse(problem.model_dump(mode="json", exclude_none=True), status, dict(headers or {}) or None)


def render(error: AppError) -> ProblemResponse:
    """The response an AppError answers with."""
    return problem_response(status=error.status, code=error.code, title=error.title, detail=error.detail,
                            errors=error.errors, headers=error.headers)  # fmt: skip


async def _app_error(_request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, AppError)
    return render(exc)


async def _http_error(request: Request, exc: Exception) -> ProblemResponse:
    """A framework HTTP error (404 for an unknown route, 405...) as a problem, with a readable detail."""
    assert isinstance(exc, StarletteHTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    detail = exc.detail if exc.detail != phrase else f"{phrase}: {request.method} {request.url.path}"
    headers = exc.headers
    if exc.status_code == 405:
        headers = {"Allow": _allowed_methods(request, (exc.headers or {}).get("Allow", ""))}
    known = BY_STATUS.get(exc.status_code)
    if known is not None:
        return render(known(detail, headers=headers))
    code = phrase.lower().replace(" ", "_").replace("-", "_")
    return problem_response(status=exc.status_code, code=code, title=phrase.capitalize(), detail=detail,
                            headers=headers)  # fmt: skip


def _allowed_methods(request: Request, fallback: str) -> str:
    """Every method some operation answers on this path (the router's 405 names only the first route's)."""
    path = request.scope["path"]
    paths = request.app.openapi()["paths"]
    methods = {m.upper() for template, item in paths.items() if compile_path(template)[0].match(path) for m in item}
    return ", ".join(sorted(methods)) or fallback


async def _validation_error(request: Request, exc: Exception) -> ProblemResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [FieldError(param=_param(e["loc"]), message=_message(request, e)) for e in exc.errors()]
    detail = "; ".join(f"{e.param} {e.message}" for e in errors)
    return render(InvalidParameter(detail, errors=errors))


def _param(loc: Sequence[int | str]) -> str:
    """`('query', 'limit')` -> `limit`; `('body', 'items', 0, 'name')` -> `items[0].name`."""
    parts = loc[1:] if len(loc) > 1 else loc
    name = str(parts[0])
    for part in parts[1:]:
        name += f"[{part}]" if isinstance(part, int) else f".{part}"
    return name


def _message(request: Request, error: Mapping[str, Any]) -> str:
    """A message that reads after the parameter name: `limit` + `must be between 1 and 100`."""
    bounds = _bounds(request, str(error["loc"][-1])) if error["type"] in RANGE_ERRORS else None
    if bounds is not None:
        return f"must be between {bounds[0]} and {bounds[1]}"
    if error["type"] == "missing":
        return "is required"
    message = str(error["msg"]).removeprefix("Value error, ")
    return message.replace("Input should be", "must be", 1) if message.startswith("Input") else message


def _bounds(request: Request, name: str) -> tuple[Any, Any] | None:
    """Both inclusive bounds of a query or path parameter of the matched route, when it declares them."""
    # A validation error names only the bound it broke; the route's declaration has both.
    field = _declared_field(getattr(request.scope.get("route"), "dependant", None), name)
    metadata = field.field_info.metadata if field is not None else []
    low = next((m.ge for m in metadata if hasattr(m, "ge")), None)
    high = next((m.le for m in metadata if hasattr(m, "le")), None)
    return (low, high) if low is not None and high is not None else None


def _declared_field(dependant: Any, name: str) -> Any:
    if dependant is None:
        return None
    for field in [*dependant.query_params, *dependant.path_params]:
        if field.alias == name:
            return field
    return next((f for sub in dependant.dependencies if (f := _declared_field(sub, name)) is not None), None)


async def _internal_error(request: Request, exc: Exception) -> ProblemResponse:
    """Logs the error with the request id; the answer names neither the error nor any SQL."""
    request_id = getattr(request.state, "request_id", None) or request.headers.get(REQUEST_ID_HEADER, "-")
    logger.error("unhandled error on %s %s (request id %s)", request.method, request.url.path, request_id,
                 exc_info=exc)  # fmt: skip
    detail = "The server could not answer this request; the error has been logged."
    return render(AppError(detail, headers={"X-Request-ID": request_id}))


def add_error_handlers(app: FastAPI) -> None:
    """Installs the one set of handlers: every error leaves as a problem document."""
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _internal_error)
