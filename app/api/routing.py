"""The route class of every API router: parameters read by a plan worked out once, and a single-valued query
parameter given twice is a 422 (`?q=a&q=b` would otherwise be read as its last value, silently).

On every request, FastAPI works out again for each parameter how to read it (a list or not, its alias, its
default): about a third of a page's time. A route whose endpoint answers its own `Response`, and whose
dependencies are plain `async def` functions of path and query parameters, the request and the response, gets a
`Plan` instead: each request reads its parameters, validates each with FastAPI's own field (same errors), and
calls the dependencies in FastAPI's order, each once. Other routes, and every route while
`app.dependency_overrides` is set, run FastAPI's handler.
"""

from collections.abc import Callable, Coroutine, Mapping
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from fastapi import params
from fastapi._compat import ModelField, lenient_issubclass
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import (
    field_annotation_is_sequence,
    get_flat_params,
    get_missing_field_error,
    get_typed_return_annotation,
)
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, Json
from starlette.datastructures import QueryParams
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from app.errors import InvalidParameter

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
Values = dict[str, Any]
Errors = list[Any]
UNSOLVED = object()
IMMUTABLE = (type(None), bool, int, float, str, bytes, tuple, frozenset)


class ApiRoute(APIRoute):
    plan: "Plan | None"
    handle_request: Handler

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.plan is not None:
            self.app = self.planned_app(self.app)

    def get_route_handler(self) -> Handler:
        framework = super().get_route_handler()
        single = frozenset(field.alias for field in get_flat_params(self.dependant) if is_single_query(field))
        self.plan = plan = (
            Plan.of(self.dependant) if answers_itself(self.endpoint) and Plan.fits(self.dependant) else None
        )

        async def handle(request: Request) -> Response:
            query = request.query_params
            if single and len(query.multi_items()) > len(query):
                reject_repeated(query, single)
            if plan is None or self.overridden():
                return await framework(request)
            return await plan.run(request, query)

        self.handle_request = handle
        return handle

    def overridden(self) -> bool:
        return bool(getattr(self.dependency_overrides_provider, "dependency_overrides", None))

    def planned_app(self, framework: ASGIApp) -> ASGIApp:
        """The ASGI app of a planned route: its answer, without FastAPI's two exit stacks per request (nothing of a
        plan enters them) nor a second exception handler around the route (the app's catches what it raises, with
        the same handlers). With dependency overrides set, FastAPI's app, which they may need."""
        handle = self.handle_request

        async def app(scope: Scope, receive: Receive, send: Send) -> None:
            if self.overridden():
                await framework(scope, receive, send)
                return
            response = await handle(Request(scope, receive, send))
            await response(scope, receive, send)

        return app


def answers_itself(endpoint: Callable[..., Any]) -> bool:
    """Whether the endpoint is declared to return a `Response` (FastAPI then neither validates nor encodes it)."""
    annotation = get_typed_return_annotation(endpoint)
    return isinstance(annotation, type) and issubclass(annotation, Response)


def is_single_query(field: ModelField) -> bool:
    """Whether the parameter is read from the query string and takes one value."""
    return isinstance(field.field_info, params.Query) and not field_annotation_is_sequence(field.field_info.annotation)  # type: ignore[arg-type]


def reject_repeated(query: QueryParams, single: frozenset[str]) -> None:
    seen: set[str] = set()
    for name, _value in query.multi_items():
        if name in single and name in seen:
            raise InvalidParameter.of(name, "must be given once")
        seen.add(name)


@dataclass(frozen=True, slots=True)
class Param:
    """How one path or query parameter is read: as FastAPI reads it, worked out once."""

    name: str
    alias: str
    loc: tuple[str, str]
    many: bool
    required: bool
    default: Any
    absent: Any  # the value when it is not given, validated once; UNSOLVED when it must be made per request
    field: ModelField

    @classmethod
    def of(cls, field: ModelField) -> "Param":
        info = field.field_info
        assert isinstance(info, params.Param)
        alias = getattr(field, "validation_alias", None) or field.alias
        many = field_annotation_is_sequence(info.annotation) and isinstance(info, params.Query)  # type: ignore[arg-type]
        loc = (info.in_.value, alias)
        return cls(field.name, alias, loc, many, info.is_required(), field.default, absent_value(field, loc), field)

    @staticmethod
    def fits(field: ModelField) -> bool:
        """Whether the parameter is one value or a list of them: not a model of several, nor JSON."""
        info = field.field_info
        return not (lenient_issubclass(info.annotation, BaseModel) or any(type(m) is Json for m in info.metadata))

    def read(self, given: Mapping[str, Any], values: Values, errors: Errors, query: QueryParams | None = None) -> None:
        """Reads the parameter into `values`, or its errors into `errors`; a default not None is validated too.
        `given` maps each name to its last value (a plain dict: a `QueryParams` raises and catches a KeyError for
        each parameter not given); a list parameter is read from `query`."""
        raw = query.getlist(self.alias) if self.many and query is not None else given.get(self.alias)
        if raw is None or (self.many and not raw):
            if self.required:
                errors.append(get_missing_field_error(self.loc))
                return
            if self.absent is not UNSOLVED:
                values[self.name] = self.absent
                return
            raw = deepcopy(self.default)
        value, found = self.field.validate(raw, values, loc=self.loc)
        if found:
            errors.extend(found)
        else:
            values[self.name] = value


def absent_value(field: ModelField, loc: tuple[str, str]) -> Any:
    """The value of a parameter not given, when it is the same on every request: None, or a default that is
    immutable and valid; else UNSOLVED (a copy of the default is validated on each request, as FastAPI does)."""
    if field.field_info.is_required():
        return UNSOLVED
    if field.default is None:
        return None
    if not isinstance(field.default, IMMUTABLE):
        return UNSOLVED
    value, found = field.validate(field.default, {}, loc=loc)
    return value if not found and isinstance(value, IMMUTABLE) else UNSOLVED


@dataclass(frozen=True, slots=True)
class Plan:
    """A dependant (the endpoint or one of its dependencies): what it takes, and the plans of what it depends on."""

    call: Callable[..., Coroutine[Any, Any, Any]]
    name: str | None
    cache_key: Any
    subs: tuple["Plan", ...]
    path: tuple[Param, ...]
    query: tuple[Param, ...]
    request_name: str | None
    response_name: str | None

    @classmethod
    def fits(cls, dependant: Dependant) -> bool:
        """Whether the dependant, and all it depends on, takes only what a plan reads, and is solved once per
        request (`use_cache`, FastAPI's default)."""
        plain = not (dependant.header_params or dependant.cookie_params or dependant.body_params
                     or dependant.websocket_param_name or dependant.http_connection_param_name
                     or dependant.background_tasks_param_name or dependant.security_scopes_param_name)  # fmt: skip
        return (plain and dependant.is_coroutine_callable and dependant.use_cache
                and all(map(Param.fits, [*dependant.path_params, *dependant.query_params]))
                and all(cls.fits(sub) for sub in dependant.dependencies))  # fmt: skip

    @classmethod
    def of(cls, dependant: Dependant) -> "Plan":
        assert dependant.call is not None
        return cls(dependant.call, dependant.name, dependant.cache_key,
                   tuple(cls.of(sub) for sub in dependant.dependencies), tuple(map(Param.of, dependant.path_params)),
                   tuple(map(Param.of, dependant.query_params)), dependant.request_param_name,
                   dependant.response_param_name)  # fmt: skip

    async def run(self, request: Request, query: QueryParams) -> Response:
        values, errors = await self.solve(request, query, dict(query.multi_items()), Response(), {})
        if errors:
            raise RequestValidationError(errors)
        response: Response = await self.call(**values)
        return response

    async def solve(
        self, request: Request, query: QueryParams, last: Values, response: Response, cache: Values
    ) -> tuple[Values, Errors]:
        """The arguments of this dependant's call, or the errors of the parameters it was given (`last`: the last
        value of each query parameter)."""
        values: Values = {}
        errors: Errors = []
        for sub in self.subs:
            solved = cache.get(sub.cache_key, UNSOLVED)
            if solved is UNSOLVED:
                sub_values, sub_errors = await sub.solve(request, query, last, response, cache)
                if sub_errors:
                    errors.extend(sub_errors)
                    continue
                solved = cache[sub.cache_key] = await sub.call(**sub_values)
            if sub.name is not None:
                values[sub.name] = solved
        for param in self.path:
            param.read(request.path_params, values, errors)
        for param in self.query:
            param.read(last, values, errors, query)
        if self.request_name is not None:
            values[self.request_name] = request
        if self.response_name is not None:
            values[self.response_name] = response
        return values, errors
