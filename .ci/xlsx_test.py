"""The reports list downloaded as an Excel workbook, read by an independent reader (openpyxl),
as a member of staff would open it: signs in through the login page, downloads
/reports?format=xlsx, and checks the headings, that the day of receipt is a date cell, and
that a name beginning with "=" is text, not a formula. Run by .ci/contract with LEAKDESK_URL,
LEAKDESK_TOKEN (staff), LEAKDESK_EMAIL and LEAKDESK_PASSWORD (a staff web user) set."""

import datetime
import http.cookiejar
import io
import json
import os
import re
import urllib.parse
import urllib.request

import openpyxl

base = os.environ["LEAKDESK_URL"]


def api(path, body):
    request = urllib.request.Request(
        base + path,
        data=json.dumps(body).encode(),
        headers={
            "Authorization": "Bearer " + os.environ["LEAKDESK_TOKEN"],
            "Content-Type": "application/json",
        },
    )
    with urllib.request.urlopen(request) as answer:
        return json.load(answer)


organization = api("/api/v1/organizations", {"name": "=1+1", "kind": "business"})
received = datetime.date.today() - datetime.timedelta(days=1)
api(
    "/api/v1/reports",
    {
        "organization_id": organization["id"],
        "regime": "appi",
        "stage": "preliminary",
        "aware_on": received.isoformat(),
        "received_on": received.isoformat(),
        "summary": "表計算ソフトで開く報告",
        "data_items": ["氏名"],
        "persons_affected": 3,
        "cause": "loss",
        "sensitive_data": False,
        "financial_damage_risk": False,
        "unlawful_purpose": False,
    },
)

browser = urllib.request.build_opener(
    urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
)
with browser.open(base + "/login") as page:
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.read().decode()).group(1)
browser.open(
    base + "/login",
    urllib.parse.urlencode(
        {
            "csrf_token": csrf,
            "email": os.environ["LEAKDESK_EMAIL"],
            "password": os.environ["LEAKDESK_PASSWORD"],
        }
    ).encode(),
).close()
query = urllib.parse.urlencode({"organization_id": organization["id"], "format": "xlsx"})
with browser.open(base + "/reports?" + query) as download:
    assert download.headers["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    ), download.headers["Content-Type"]
    workbook = openpyxl.load_workbook(io.BytesIO(download.read()))

sheet = workbook.worksheets[0]
rows = list(sheet.iter_rows())
headings = [cell.value for cell in rows[0]]
assert headings == [
    "受付番号",
    "報告",
    "報告者",
    "法令",
    "受付日",
    "報告義務",
    "次の期限",
    "状況",
], headings
assert len(rows) == 2, [[cell.value for cell in row] for row in rows]
report = {heading: cell for heading, cell in zip(headings, rows[1])}
assert report["報告"].value == "速報", report["報告"].value
assert report["報告者"].data_type == "s" and report["報告者"].value == "=1+1", (
    report["報告者"].data_type,
    report["報告者"].value,
)
assert report["受付日"].is_date and report["受付日"].value.date() == received, report["受付日"].value
assert report["受付番号"].value.startswith("LR-"), report["受付番号"].value
print("xlsx: the reports list read by openpyxl", openpyxl.__version__)
