"""The application: `create_app()` wires settings, the engine's lifespan, routers, middleware and error handlers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from app.api import article_writes, articles, explorer, health, organisations, people, places, search, stats
from app.api.openapi import problems, use_problem_media_type
from app.config import Settings, get_settings
from app.db import Database
from app.errors import add_error_handlers
from app.logs import configure_logging
from app.middleware import EdgeMiddleware
from app.services.article_writes import spacy_loader

if TYPE_CHECKING:
    from app.ingest.pipeline import ExtractorLoader

ROUTERS = (articles.router, article_writes.router, people.router, places.router, organisations.router, search.router,
           stats.router, health.router, explorer.router)  # fmt: skip
DESCRIPTION = (
    "French wire articles and the people, places and organisations they name, as JSON. "
    "Lists are keyset-paginated (`meta.next_cursor`); errors are `application/problem+json` (RFC 9457). "
    "Reads carry a strong `ETag` (send it back in `If-None-Match` for a 304) and `Cache-Control: public, max-age=60`. "
    "Writes need `Authorization: Bearer <key>` with a key from `API_KEYS`: a missing or wrong key is a 401 "
    "`unauthorized`; a server with no key configured is read-only and answers every write 403 `forbidden`."
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Opens the database when serving starts and closes it at shutdown."""
    settings = app.state.settings
    app.state.database = Database(settings.database_url, kept_rows=settings.kept_rows)
    yield
    app.state.database.close()


def operation_id(route: APIRoute) -> str:
    """Operation ids are the route functions' names in camelCase: `listArticles`, `getPerson`…"""
    head, *rest = route.name.split("_")
    return head + "".join(word.capitalize() for word in rest)


def create_app(settings: Settings | None = None, *, load_extractor: "ExtractorLoader | None" = None) -> FastAPI:
    """Builds the application; nothing connects to the database, nor loads spaCy, until it is needed."""
    app = FastAPI(
        title="News API", version=version("newsapi"), description=DESCRIPTION, lifespan=lifespan,
        docs_url="/docs", redoc_url="/redoc", openapi_url="/openapi.json", responses=problems(500),
        generate_unique_id_function=operation_id,
    )  # fmt: skip
    app.state.settings = settings = settings or get_settings()
    app.state.load_extractor = load_extractor or spacy_loader(settings.spacy_model)
    configure_logging(settings.log_level)
    # Gzip level 6 (zlib's default): a page of 20 is 8 bytes larger than at Starlette's 9, and gzipped 60 µs sooner.
    app.add_middleware(EdgeMiddleware, minimum_size=1000, compresslevel=6, cors_origins=settings.cors_origins,
                       cors_methods=["GET"], cors_headers=["If-None-Match", "X-Request-ID"],
                       cors_expose=["ETag", "Link"])  # fmt: skip
    add_error_handlers(app)
    for router in ROUTERS:
        summarise_from_docstrings(router.routes)
        app.include_router(router)
    use_problem_media_type(app)
    # The API's routes before the docs' four, which every request was matched against first (3 µs an article).
    app.router.routes.sort(key=lambda route: not isinstance(route, APIRoute))
    return app


def summarise_from_docstrings(routes: list[BaseRoute]) -> None:
    """Each operation's summary is its route's one-line docstring ('Lists articles…'), not its function name."""
    for route in routes:
        if isinstance(route, APIRoute) and route.summary is None and route.description:
            route.summary = route.description.strip().split("\n")[0].rstrip(".")


app = create_app()
