"""The body of an article write: its media type (415), its size (413), the article it holds (422)."""

import re
from typing import TYPE_CHECKING, Annotated, Any

from fastapi import Depends, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from app.errors import InvalidParameter, PayloadTooLarge, UnsupportedMediaType
from app.schemas import FieldError
from app.schemas_writes import SEED_FILE, ArticleCreate

if TYPE_CHECKING:
    from app.ingest.reader import RawArticle

TEXT, JSON = "text/plain", "application/json"
SEED_FORMAT = re.compile(SEED_FILE)
NOT_SEED_FORMAT = "not in the seed-file format (optional front matter, a title line, a blank line, the body)"
SEED_EXAMPLE = (
    "---\npublished_at: 2025-06-23\nlanguage: fr\nsource: AFP\n---\n"
    'Reçu par Poutine, le chef de la junte malienne dit vouloir "renforcer" les liens avec Moscou\n\n'
    "Le président russe Vladimir Poutine et le chef de la junte malienne Assimi Goita lors de leur rencontre à "
    "Moscou le 23 juin 2025\n\n"
    "Le chef de la junte au Mali, le général Assimi Goïta, en visite officielle en Russie, a déclaré lundi vouloir "
    '"renforcer" les liens avec Moscou, lors d\'une rencontre avec le président russe Vladimir Poutine au Kremlin.\n'
)
REQUEST_BODY: dict[str, Any] = {
    "required": True,
    "description": "The article, as a seed file (`text/plain`, UTF-8) or as JSON (`ArticleCreate`).",
    "content": {
        TEXT: {"schema": {"type": "string", "pattern": SEED_FILE, "example": SEED_EXAMPLE}},
        JSON: {"schema": ArticleCreate.model_json_schema()},
    },
}


def media_type(request: Request) -> str:
    """The request's media type, or 415 when it is neither `text/plain` nor `application/json`."""
    found = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    if found not in (TEXT, JSON):
        raise UnsupportedMediaType(f"Send the article as {TEXT} (the seed-file format) or {JSON}, "
                                   f"not {found or 'a body without Content-Type'}.")  # fmt: skip
    return found


async def read_limited(request: Request) -> bytes:
    """The body, or 413 as soon as `Content-Length` or the bytes streamed so far pass `max_body_bytes`."""
    limit: int = request.app.state.settings.max_body_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(limit)
    data = bytearray()
    async for chunk in request.stream():
        data += chunk
        if len(data) > limit:
            raise too_large(limit)
    return bytes(data)


def too_large(limit: int) -> PayloadTooLarge:
    return PayloadTooLarge(f"The body is larger than this server accepts ({limit} bytes).")


async def article_body(request: Request) -> "RawArticle":
    """Reads the article a write sends, by its media type; an unreadable one answers 422 with the reason."""
    from app.ingest.reader import ReadError, build_article, read_article  # the read-only path never loads ingest

    kind, data = media_type(request), await read_limited(request)
    try:
        raw = read_article(data) if kind == TEXT else build_article(**as_fields(data))
        # The reader accepts a little more than the documented format; the API holds to the document.
        if kind == TEXT and not SEED_FORMAT.match(data.decode()):
            raise ReadError(NOT_SEED_FORMAT)
    except ReadError as exc:
        raise InvalidParameter(f"The article cannot be read: {exc}.",
                               errors=[FieldError(param="body", message=str(exc))]) from None  # fmt: skip
    return raw


def as_fields(data: bytes) -> dict[str, Any]:
    """The JSON body validated as `ArticleCreate`, as `build_article` arguments."""
    try:
        article = ArticleCreate.model_validate_json(data)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from None
    meta = article.model_dump(include={"published_at", "language", "source"}, exclude_none=True, mode="json")
    return {"title": article.title, "caption": article.caption, "body": article.body, **meta}


ArticleBody = Annotated["RawArticle", Depends(article_body)]
