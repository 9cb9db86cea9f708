"""A client generated from /openapi.json by openapi-python-client, used as an integrator would
use it, without editing the generated code: it registers an organization, files a preliminary
and a final report for it, reads both back, lists them, and gets a typed 422 for a bad body.
Run by .ci/contract with the generated package `leakdesk_client` on PYTHONPATH and
LEAKDESK_URL, LEAKDESK_TOKEN (staff), LEAKDESK_REPORTER_TOKEN set."""

import datetime
import os

from leakdesk_client import AuthenticatedClient
from leakdesk_client.api.organizations import create_organization
from leakdesk_client.api.reports import file_report, list_reports, read_report
from leakdesk_client.models import (
    Cause,
    ErrorBody,
    NewOrganization,
    NewReport,
    OrganizationKind,
    OrganizationView,
    Regime,
    ReportView,
    Stage,
)
from leakdesk_client.models.new_organization_prefecture_type_0 import (
    NewOrganizationPrefectureType0,
)


def client(token):
    # Undocumented statuses raise: the document must name every answer.
    return AuthenticatedClient(
        base_url=os.environ["LEAKDESK_URL"], token=token, raise_on_unexpected_status=True
    )


staff = client(os.environ["LEAKDESK_TOKEN"])
today = datetime.date.today()

organization = create_organization.sync(
    client=staff,
    body=NewOrganization(
        name="株式会社生成クライアント",
        kind=OrganizationKind.BUSINESS,
        prefecture=NewOrganizationPrefectureType0("大阪府"),
        contact_email="dpo@client.example.jp",
    ),
)
assert isinstance(organization, OrganizationView), organization
assert organization.created_at.tzinfo is not None, "created_at carries its offset"


def report(stage, **changes):
    fields = dict(
        organization_id=organization.id,
        regime=Regime.APPI,
        stage=stage,
        aware_on=today - datetime.timedelta(days=3),
        summary="ランサムウェアによる顧客情報の暗号化",
        data_items=["氏名", "住所", "電話番号"],
        persons_affected=1200,
        cause=Cause.UNAUTHORIZED_ACCESS,
        sensitive_data=False,
        financial_damage_risk=False,
        unlawful_purpose=True,
    )
    fields.update(changes)
    return NewReport(**fields)


preliminary = file_report.sync(client=staff, body=report(Stage.PRELIMINARY))
assert isinstance(preliminary, ReportView), preliminary
assert preliminary.mandatory, "an unlawful purpose makes an APPI report mandatory"
final = file_report.sync(
    client=staff,
    body=report(
        Stage.FINAL,
        preliminary_report_id=preliminary.id,
        prevention_measures="多要素認証の導入",
    ),
)
assert isinstance(final, ReportView), final
assert final.incident_id == preliminary.incident_id and final.reference == preliminary.reference

for filed in (preliminary, final):
    again = read_report.sync(client=staff, id=filed.id)
    assert isinstance(again, ReportView), again
    assert (again.id, again.stage, again.created_at) == (filed.id, filed.stage, filed.created_at)

listed = list_reports.sync(client=staff, organization_id=organization.id, per_page=10)
assert [item.id for item in listed.items] == [preliminary.id, final.id], listed
assert listed.total == 2 and listed.page == 1 and listed.per_page == 10, listed

# A reporter of another organization finds nothing of this one.
reporter = client(os.environ["LEAKDESK_REPORTER_TOKEN"])
foreign = list_reports.sync(client=reporter, organization_id=organization.id)
assert foreign.total == 0 and foreign.items == [], foreign

refused = file_report.sync_detailed(
    client=staff, body=report(Stage.PRELIMINARY, summary=" ", data_items=[])
)
assert refused.status_code == 422, refused
body = refused.parsed
assert isinstance(body, ErrorBody), body
assert body.error.code == "validation_failed", body
fields = body.error.fields.to_dict()
assert set(fields) == {"summary", "data_items"}, fields

print(
    f"client: organization {organization.id}, reports {preliminary.reference} "
    f"({preliminary.id}, {final.id}) filed, read and listed; a bad body refused with {sorted(fields)}"
)
