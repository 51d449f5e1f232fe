"""The application: `create_app()` wires settings, the engine's lifespan, routers, middleware and error handlers."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.metadata import version

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.middleware.gzip import GZipMiddleware
from fastapi.routing import APIRoute

from app.api import articles, health, organisations, people, places
from app.api.openapi import problems, use_problem_media_type
from app.config import Settings, get_settings
from app.db import make_engine
from app.errors import add_error_handlers

ROUTERS = (articles.router, people.router, places.router, organisations.router, health.router)
DESCRIPTION = (
    "French wire articles and the people, places and organisations they name, as JSON. "
    "Lists are keyset-paginated (`meta.next_cursor`); errors are `application/problem+json` (RFC 9457)."
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Creates the engine when serving starts and disposes of it at shutdown."""
    app.state.engine = make_engine(app.state.settings.database_url)
    yield
    app.state.engine.dispose()


def operation_id(route: APIRoute) -> str:
    """Operation ids are the route functions' names: `list_articles`, `get_person`…"""
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    """Builds the application; nothing connects to the database until the lifespan starts."""
    app = FastAPI(
        title="News API", version=version("newsapi"), description=DESCRIPTION, lifespan=lifespan,
        docs_url="/docs", redoc_url="/redoc", openapi_url="/openapi.json", responses=problems(500),
        generate_unique_id_function=operation_id,
    )  # fmt: skip
    app.state.settings = settings or get_settings()
    app.add_middleware(GZipMiddleware, minimum_size=1000)
    app.add_middleware(CORSMiddleware, allow_origins=app.state.settings.cors_origins, allow_methods=["GET"],
                       expose_headers=["ETag", "Link"])  # fmt: skip
    add_error_handlers(app)
    for router in ROUTERS:
        app.include_router(router)
    use_problem_media_type(app)
    return app


app = create_app()
