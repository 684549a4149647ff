"""/quality: the quality report (queries/quality-*.rq): what could not be resolved or conflicts, with quotes."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from api.deps import StoreDep
from queries.quality import as_json, quality_report

router = APIRouter(tags=["quality"])


class Passage(BaseModel):
    """A passage that shows the finding: the document, the sentence, its offsets and the rule that read the fact."""

    document: str = Field(description="Id of the document (see /letters/{id}).")
    file: str = Field(description="Name of the file the document was ingested from.")
    quote: str
    start: int
    end: int
    rule: str


class Finding(BaseModel):
    subject: str = Field(description="What the finding is about: a citation, an amount, a surname, a Kamerstuk.")
    problem: str = Field(description="What could not be resolved or what conflicts.")
    quotes: list[Passage]


class Section(BaseModel):
    name: str = Field(
        description="garbled-references, incomplete-funding, ambiguous-persons or conflicting-claims."
    )
    title: str
    summary: str
    findings: list[Finding]


class QualityReport(BaseModel):
    """Every section of the report and the number of findings in all."""

    sections: list[Section]
    total: int


@router.get(
    "/quality",
    operation_id="quality",
    summary="Quality report",
    description=(
        "What the store could not resolve or finds contradictory: citations that are no valid Kamerstuk id, amounts "
        "without currency or recipient, persons who share a surname under different ids, and Kamerstukken cited "
        "with conflicting submitters or numbers across documents; each finding with the passages that show it."
    ),
)
async def quality(store: StoreDep) -> QualityReport:
    report = await run_in_threadpool(quality_report, store)
    return QualityReport.model_validate(as_json(report))
