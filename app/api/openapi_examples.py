"""Examples in the OpenAPI document, drawn from the seed article, for what the models cannot carry themselves:
query parameters, the generic `Page[T]` envelopes and enumerations."""

from typing import Any

from app.schemas import ARTICLE_REF, PageLinks, PageMeta

# One value per query parameter name, whichever route declares it. `cursor` has none on purpose: a valid one is
# minted by the server for one list (an example would be refused, 400 `invalid_cursor`).
PARAMETER_EXAMPLES: dict[str, Any] = {
    "limit": 20, "q": "Poutine Moscou", "person": "vladimir-poutine",
    "place": "moscou", "organisation": "etat-islamique", "lang": "fr", "from": "2025-06-01", "to": "2025-06-30",
    "country": "RU", "kind": "city", "type": "person", "id": ARTICLE_REF["slug"],
}  # fmt: skip


def add_examples(document: dict[str, Any]) -> None:
    """Gives every parameter and every schema without an example one (idempotent)."""
    schemas = document.get("components", {}).get("schemas", {})
    for path in document.get("paths", {}).values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                _parameter_example(parameter, schemas)
    for name, schema in schemas.items():
        if "examples" not in schema and "example" not in schema:
            example = _page_example(schema, schemas) if name.startswith("Page_") else _enum_example(schema)
            if example is not None:
                schema["examples"] = [example]


def _parameter_example(parameter: dict[str, Any], schemas: dict[str, Any]) -> None:
    schema = parameter.get("schema", {})
    if "example" in parameter or "examples" in parameter or "examples" in schema:
        return
    if parameter["name"] == "cursor":
        return
    example = PARAMETER_EXAMPLES.get(parameter["name"])
    choice = _first_choice(schema)
    if example is None:
        example = _enum_example(_resolve(choice, schemas))
    if example is not None:
        parameter["example"] = [example] if choice.get("type") == "array" else example


def _page_example(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any] | None:
    item = _resolve(schema.get("properties", {}).get("data", {}).get("items", {}), schemas)
    if not item.get("examples"):
        return None
    meta = PageMeta.model_config.get("json_schema_extra", {})["examples"][0]  # type: ignore[index]
    links = PageLinks.model_config.get("json_schema_extra", {})["examples"][0]  # type: ignore[index]
    return {"data": [item["examples"][0]], "meta": meta, "links": links}


def _enum_example(schema: dict[str, Any]) -> Any:
    return schema["enum"][0] if schema.get("enum") else None


def _first_choice(schema: dict[str, Any]) -> dict[str, Any]:
    """The first non-null choice of an `anyOf` (an optional parameter), else the schema itself."""
    choices = [s for s in schema.get("anyOf", []) if s.get("type") != "null"]
    return choices[0] if choices else schema


def _resolve(schema: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref", "")
    return schemas.get(ref.rsplit("/", 1)[-1], {}) if ref else schema
