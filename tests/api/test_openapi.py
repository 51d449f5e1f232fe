"""The OpenAPI document teaches: every operation summarised, described, tagged and named; every parameter
described with an example; every schema with an example; the docs pages render it."""

import re
from typing import Any

import httpx
import pytest

pytestmark = pytest.mark.anyio
CAMEL_CASE = re.compile(r"[a-z]+(?:[A-Z][a-z]+)*")


@pytest.fixture
async def document(client: httpx.AsyncClient) -> dict[str, Any]:
    response = await client.get("/openapi.json")
    assert response.status_code == 200
    body: dict[str, Any] = response.json()
    return body


def operations(document: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{method.upper()} {path}", op) for path, item in document["paths"].items() for method, op in item.items()]


async def test_every_operation_has_a_summary_description_tag_and_camel_case_id(document: dict[str, Any]) -> None:
    for label, op in operations(document):
        assert op["summary"] and op["description"] and op["tags"], label
        assert CAMEL_CASE.fullmatch(op["operationId"]), label
    assert len({op["operationId"] for _, op in operations(document)}) == len(operations(document))


async def test_every_parameter_is_described_with_an_example(document: dict[str, Any]) -> None:
    for label, op in operations(document):
        for parameter in op.get("parameters", []):
            examples = parameter.get("example") or parameter["schema"].get("examples")
            opaque = parameter["name"] == "cursor"  # minted by the server: no example could be valid
            assert parameter.get("description") and (examples is not None or opaque), (label, parameter["name"])


async def test_every_schema_has_an_example(document: dict[str, Any]) -> None:
    missing = [name for name, schema in document["components"]["schemas"].items() if not schema.get("examples")]
    assert missing == []


async def test_writes_document_both_bodies_and_the_key(document: dict[str, Any]) -> None:
    create = document["paths"]["/v1/articles"]["post"]
    assert set(create["requestBody"]["content"]) == {"text/plain", "application/json"}
    assert create["security"] == [{"apiKey": []}]
    assert document["components"]["securitySchemes"]["apiKey"]["scheme"] == "bearer"
    assert create["responses"]["201"]["headers"]["Location"]["required"] is True


@pytest.mark.parametrize(("path", "marker"), [("/docs", "swagger-ui"), ("/redoc", "redoc")])
async def test_docs_pages_render_the_document(client: httpx.AsyncClient, path: str, marker: str) -> None:
    response = await client.get(path)
    assert response.status_code == 200 and marker in response.text and "/openapi.json" in response.text
