"""Lists a page at a time, the same way everywhere: `?page=&page_size=` in, `{items, total, page,
page_size}` out, ordered by the query given (intake's applications list set the shape)."""
from __future__ import annotations

from marshmallow import Schema, fields, validate
from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

MAX_PAGE_SIZE = 100


class PageQuery(Schema):
    """Add to a list's query schema (as a base class)."""
    page = fields.Integer(load_default=1, validate=validate.Range(min=1))
    page_size = fields.Integer(load_default=20, validate=validate.Range(min=1, max=MAX_PAGE_SIZE))


def page_schema(item: type[Schema]) -> type[Schema]:
    """The schema of one page of `item`s (named after it in the OpenAPI document)."""
    return Schema.from_dict({"items": fields.List(fields.Nested(item)), "total": fields.Integer(),
                             "page": fields.Integer(), "page_size": fields.Integer()},
                            name=item.__name__.removesuffix("Schema") + "Page")


def paged(session: Session, statement: Select, page: int = 1, page_size: int = 20) -> dict:
    """One page of `statement`'s rows, with the total matching it."""
    total = session.scalar(select(func.count()).select_from(statement.order_by(None).subquery()))
    items = session.scalars(statement.offset((page - 1) * page_size).limit(page_size)).all()
    return {"items": items, "total": total, "page": page, "page_size": page_size}


def split(query: dict) -> tuple[dict, dict]:
    """A loaded query as (its filters, its page and page_size)."""
    paging = {name: query.pop(name) for name in ("page", "page_size") if name in query}
    return query, paging
