"""Label Studio round trip: export documents as tasks, import annotated tasks back.

Label Studio's NER template (``<Labels name="label" toName="text">`` over a
``<Text name="text" value="$text"/>``, plus ``<Relations>`` for links) stores a
span as a ``"labels"`` result with ``start``/``end`` offsets into the task
text, and a link as a ``"relation"`` result with ``from_id``/``to_id``.
:data:`LABEL_CONFIG` is such a template for this schema; paste it into a
project's *Labeling Interface*.

Exported tasks carry the document id in ``data.id`` and existing entities as
``predictions`` (pre-annotations to correct). Imported tasks take the latest
``annotations`` entry (or the predictions when a task has no annotation yet).

Example:
    >>> from vnparty_ie.types import Extraction, Relation, make_entity
    >>> text = "Bí thư Quận ủy"
    >>> a, b = make_entity(text, 0, 6, "POSITION"), make_entity(text, 7, 14, "ORG")
    >>> doc = Extraction(text, (a, b), (Relation(a, b, "organization"),), id="d1")
    >>> back = from_labelstudio(to_labelstudio([doc]))[0]
    >>> [(e.label, e.text) for e in back.entities], back.relations[0].label
    ([('POSITION', 'Bí thư'), ('ORG', 'Quận ủy')], 'organization')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import AnnotationError
from ..schema import DEFAULT_SCHEMA, Schema
from ..types import Entity, Extraction, Relation

__all__ = ["LABEL_CONFIG", "from_labelstudio", "label_config", "to_labelstudio"]

_FROM, _TO = "label", "text"


def label_config(schema: Schema = DEFAULT_SCHEMA) -> str:
    """A Label Studio labeling-interface XML for ``schema``."""
    labels = "\n".join(f'    <Label value="{label}"/>' for label in schema.entity_labels)
    relations = "\n".join(f'    <Relation value="{label}"/>' for label in schema.relation_labels)
    return (
        "<View>\n"
        f'  <Relations>\n{relations}\n  </Relations>\n'
        f'  <Labels name="{_FROM}" toName="{_TO}">\n{labels}\n  </Labels>\n'
        f'  <Text name="{_TO}" value="$text"/>\n'
        "</View>\n"
    )


LABEL_CONFIG = label_config()


def _results(doc: Extraction) -> list[dict[str, Any]]:
    ids = doc.entity_ids()
    out: list[dict[str, Any]] = []
    for ent in doc.entities:
        out.append(
            {
                "id": ids[ent],
                "from_name": _FROM,
                "to_name": _TO,
                "type": "labels",
                "value": {"start": ent.start, "end": ent.end, "text": ent.text, "labels": [ent.label]},
            }
        )
    for rel in doc.relations:
        out.append(
            {"type": "relation", "from_id": ids[rel.head], "to_id": ids[rel.tail], "direction": "right",
             "labels": [rel.label]}
        )
    return out


def to_labelstudio(docs: Iterable[Extraction], model_version: str = "vnparty-ie") -> list[dict[str, Any]]:
    """Label Studio tasks (JSON-ready) with the documents' entities as pre-annotations."""
    tasks = []
    for doc in docs:
        task: dict[str, Any] = {"data": {"text": doc.text, "id": doc.id}}
        if doc.entities:
            task["predictions"] = [{"model_version": model_version, "result": _results(doc)}]
        tasks.append(task)
    return tasks


def _parse_results(text: str, results: Sequence[dict[str, Any]], doc_id: str | None) -> tuple[list, list]:
    entities: dict[str, Entity] = {}
    links: list[tuple[str, str, str]] = []
    for i, res in enumerate(results):
        kind = res.get("type")
        if kind == "labels":
            value = res.get("value") or {}
            labels = value.get("labels") if isinstance(value, dict) else None
            if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
                raise AnnotationError(f"span needs exactly one label, has {labels}", field=f"result[{i}]", doc_id=doc_id)
            start, end = value.get("start"), value.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                raise AnnotationError(f"bad offsets {start}-{end}", field=f"result[{i}]", doc_id=doc_id)
            rid = str(res.get("id", f"r{i}"))
            entities[rid] = Entity(start, end, labels[0], text[start:end], id=None)
        elif kind == "relation":
            labels = res.get("labels")
            if not isinstance(labels, list) or len(labels) != 1 or not isinstance(labels[0], str):
                raise AnnotationError(
                    f"relation needs exactly one label, has {labels}", field=f"result[{i}]", doc_id=doc_id
                )
            links.append((str(res.get("from_id")), str(res.get("to_id")), labels[0]))
    ordered = sorted(entities.items(), key=lambda kv: (kv[1].start, kv[1].end))
    relations = []
    for head, tail, label in links:
        if head not in entities or tail not in entities:
            raise AnnotationError(f"relation {head}->{tail} points to a missing span", field="result", doc_id=doc_id)
        relations.append(Relation(entities[head], entities[tail], label))
    return [e for _, e in ordered], relations


def _objects(value: Any, field: str, doc_id: str | None) -> list[dict[str, Any]]:
    """A list of JSON objects (``None`` is an empty list), or a typed error naming the field."""
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise AnnotationError("expected a list of objects", field=field, doc_id=doc_id)
    return value


def from_labelstudio(tasks: Iterable[dict[str, Any]]) -> list[Extraction]:
    """Documents from exported Label Studio tasks (JSON export).

    Raises:
        AnnotationError: On a span without exactly one label, offsets outside the
            text, or a relation to a missing span (naming the task).
    """
    docs = []
    for n, task in enumerate(tasks):
        if not isinstance(task, dict) or not isinstance(task.get("data") or {}, dict):
            raise AnnotationError(f"task [{n}] is not a Label Studio task object (with a 'data' object)", field=f"[{n}]")
        data = task.get("data") or {}
        text = data.get("text")
        doc_id = data.get("id") or task.get("id")
        doc_id = None if doc_id is None else str(doc_id)
        if not isinstance(text, str):
            raise AnnotationError("task has no data.text string", field=f"tasks[{n}].data.text", doc_id=doc_id)
        annotations = _objects(task.get("annotations"), f"tasks[{n}].annotations", doc_id)
        predictions = _objects(task.get("predictions"), f"tasks[{n}].predictions", doc_id)
        sources = [a for a in annotations if not a.get("was_cancelled")]
        chosen = sources[-1] if sources else (predictions[-1] if predictions else {})
        results = _objects(chosen.get("result"), f"tasks[{n}].result", doc_id)
        entities, relations = _parse_results(text, results, doc_id)
        docs.append(Extraction(text=text, entities=tuple(entities), relations=tuple(relations), id=doc_id))
    return docs
