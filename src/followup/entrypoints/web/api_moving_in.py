"""The JSON API's moving in: another tracker's CSV file added to the home, or first a dry run
(`followup import --from`, and the Import page)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from pydantic import Field

from followup.domain.spreadsheet import MOST_COLUMNS
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import moving_in
from followup.services.context import Deps
from followup.services.transfer import LARGEST
from followup.services.views import Json, jsonable

router = APIRouter(tags=["moving in"], responses=s.ERRORS)
Services = Annotated[Deps, Depends(services)]
Source = Literal["huntr", "csv"]
"""`followup import --from`'s choices (domain.moving_in.SOURCES), as a test checks."""


class ImportIn(m.Body):
    model_config = m.example({"from": "csv", "dry_run": True,
                              "csv": "Company;Title;Status\nAcme;Analyst;Applied\n",
                              "map": {"company": "Company", "position": "Title"}})
    from_: Source = Field(alias="from", description="huntr: Huntr's CSV export; csv: any "
                                                    "spreadsheet saved as CSV.")
    csv: str = Field(max_length=LARGEST, description="The file's text (commas, semicolons or "
                                                     "tabs; a byte order mark is ignored).")
    map: dict[str, str] | None = Field(
        None, max_length=MOST_COLUMNS,
        description="With csv: the column of each target (company, position, status, url, "
                    "applied_at, interview_at, decision_by, contact, contact_email, notes); "
                    "without it, columns named plainly are used.")
    dry_run: bool = Field(False, description="Say what would be made; make nothing.")


class MadeOut(s.Shape):
    line: int
    company: str
    position: str
    status: str
    applied_at: str | None
    interview_at: str | None
    contact: str | None
    planned: int = Field(description="Steps planned from now on.")
    skipped: int = Field(description="Steps long past, recorded as skipped.")


class PassedOut(s.Shape):
    line: int
    company: str
    position: str
    reason: str


class ColumnsOut(s.Shape):
    columns: list[str]
    mapping: dict[str, str] = Field(description="The column of each target, by target.")
    delimiter: str


class MoveInOut(s.Shape):
    source: str
    dry_run: bool
    file: ColumnsOut
    applications: int
    interviews: int
    contacts: int
    steps_planned: int
    steps_skipped: int = Field(description="Steps whose deadline passed more than "
                                           "policy.import_history_days before the import, "
                                           "recorded as skipped ('imported history').")
    made: list[MadeOut]
    passed: list[PassedOut] = Field(description="Rows that made no application: a job not "
                                                "applied for yet, or one already recorded.")
    not_kept: list[str] = Field(description="What the file holds that has no place.")


@router.post("/imports", response_model=MoveInOut)
def import_from(deps: Services, body: ImportIn) -> Json:
    """Add another tracker's applications (Huntr's export, any spreadsheet) to the home:
    every row is checked, then all are written or none; rows already recorded are passed
    over (`followup import --from`)."""
    moved = moving_in.move_in(deps, body.csv.encode("utf-8"), body.from_, body.map,
                              body.dry_run, "the file")
    found: Json = jsonable(moved)
    return found
