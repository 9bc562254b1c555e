"""The JSON API's moving in: another tracker's CSV file added to the home, or first a dry run
(`followup import --from`, and the Import page)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse
from pydantic import Field

from followup.domain.spreadsheet import MOST_COLUMNS
from followup.entrypoints.web import api_models as m
from followup.entrypoints.web import api_shapes as s
from followup.entrypoints.web.deps import services
from followup.services import moving_in
from followup.services.context import Deps
from followup.services.transfer import LARGEST

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


@router.post("/imports", response_model=s.shape(moving_in.MoveIn))
def import_from(deps: Services, body: ImportIn) -> JSONResponse:
    """Add another tracker's applications (Huntr's export, any spreadsheet) to the home:
    every row is checked, then all are written or none; rows already recorded are passed
    over (`followup import --from`)."""
    moved = moving_in.move_in(deps, body.csv.encode("utf-8"), body.from_, body.map,
                              body.dry_run, "the file")
    return s.out(moved)
