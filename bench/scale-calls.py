"""The calls of bench/scale: every GET operation of the server's OpenAPI document, for staff, a
reporter and anyone, with the path's ids taken from the data, and once more per query filter the
operation declares (a deep page, each filter with a value people use). Prints `WHO NAME PATH` a
line; what a reporter may not open (403/404) and what has no record in the data are listed on
stderr as not timed. Usage: scale-calls.py OPENAPI_JSON DATA_FILE ADDRESS STAFF_TOKEN STAFF_COOKIE REPORTER_TOKEN
REPORTER_COOKIE
"""

import json
import re
import sys
import urllib.error
import urllib.parse
import urllib.request

document_file, data_file, address = sys.argv[1:4]
staff_token, staff_cookie, reporter_token, reporter_cookie = sys.argv[4:8]
document = json.load(open(document_file))
data = dict(re.findall(r"(\w+)=(\S+)", open(data_file).read().split("BENCHDATA", 1)[1]))

# Downloads of whole lists and files are exports, not pages (left to the export benchmark);
# the login, logout and enrolment pages are not lists or records.
NOT_PAGES = re.compile(
    r"(^/$|/csv$|/xlsx$|\.svg$|^/openapi\.json$|^/health$|^/assets/|^/login|^/logout|^/account/totp"
    r"|^/admin/|^/(api/v1/)?attachments/|/attachments$)"
)
IDS = {
    "reports": data["report"],
    "incidents": data["incident"],
    "cases": data["case"],
    "actions": data["action"],
    "consultations": data["consultation"],
    "mediations": data["mediation"],
    "organizations": data["organization"],
}
PERIODS = {"activity": "FY2024-H1", "consultations": "FY2024-Q1"}


def period_for(path):
    return PERIODS["consultations" if "consultations" in path else "activity"]


def fill(path, ids):
    """The path with its parameters filled, or None when the data has no such record."""
    parts = path.split("/")
    for i, part in enumerate(parts):
        if part == "{period}":
            parts[i] = period_for(path)
        elif part.startswith("{"):
            collection = parts[i - 1]
            if collection not in ids:
                return None
            parts[i] = ids[collection]
    return "/".join(parts)


def value_for(name, schema, path):
    """A value people give the filter `name`, or None to leave it out."""
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), None)
    if name in ("format",):
        return None
    if name == "page":
        return "2000"
    if name == "per_page":
        return "500"
    if name == "period":
        return period_for(path)
    if name == "q":
        return "usb 紛失"
    if name == "corporate_number":
        return "7000012050002"
    if "enum" in schema:
        return schema["enum"][0]
    if kind == "boolean":
        return "true"
    if name.endswith("_from") or name == "from":
        return "2024-04-01"
    if name.endswith("_to") or name == "to":
        return "2024-09-30"
    if name == "organization_id" and "/entities" in path:
        return data["entity"]
    if name.endswith("_id"):
        return IDS.get(name[: -len("_id")] + "s", "1")
    if kind == "integer":
        return "1"
    if kind == "string":
        return {"reference": "2024-1", "kind": None}.get(name, "サンプル")
    return None


def resolve(schema):
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    for key in ("oneOf", "anyOf", "allOf"):
        if key in schema:
            options = [resolve(s) for s in schema[key] if resolve(s).get("type") != "null"]
            if options:
                return options[0]
    return schema


def get(path, token=None, cookie=None):
    """The status and body of a GET."""
    request = urllib.request.Request(address + path)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if cookie:
        request.add_header("Cookie", "leakdesk_session=" + cookie)
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, b""


def reporter_ids():
    """The reporter's own records: the newest of each list it may read."""
    ids = {"organizations": data["organization"]}
    for collection in IDS:
        code, body = get(f"/api/v1/{collection}?per_page=1", token=reporter_token)
        items = json.loads(body).get("items", []) if code == 200 else []
        if items:
            ids[collection] = str(items[0]["id"])
    return ids


REPORTER_IDS = reporter_ids()


def variants(who, path, operation, filled):
    """The calls of one operation for one audience: as it is, then once per optional filter.
    A page's filters are those of the API's lists (its other query fields are notices shown
    after a form), valued as the API declares them."""
    params = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
    if not path.startswith("/api/"):
        twin = API_FILTERS.get("/api/v1" + path, {})
        known = lambda name: twin.get(name) or API_FILTERS["*"].get(name)
        params = [dict(p, schema=known(p["name"])) for p in params if known(p["name"])]
    required = {}
    for p in params:
        # A summary's period is needed, though `from`/`to` may stand in for it.
        if p.get("required") or p["name"] == "period" or (
            p["name"] == "organization_id" and "/entities/" in path
        ):
            required[p["name"]] = value_for(p["name"], resolve(p.get("schema", {})), path)
    base = filled + ("?" + urllib.parse.urlencode(required) if required else "")
    named = [(path, base)]
    for p in params:
        # `from` and `to` stand instead of a period, not beside it.
        if p["name"] in required or ("period" in required and p["name"] in ("from", "to")):
            continue
        value = value_for(p["name"], resolve(p.get("schema", {})), path)
        if value is None:
            continue
        query = dict(required, **{p["name"]: value})
        named.append((f"{path}?{p['name']}", filled + "?" + urllib.parse.urlencode(query)))
    calls = []
    for name, url in named:
        # What this audience may not open is not timed (a reporter's 404: another's record);
        # anything else the bench's timing refuses.
        api = url.startswith("/api/")
        if who == "reporter":
            code, _ = get(url, reporter_token if api else None, None if api else reporter_cookie)
        elif who == "staff":
            code, _ = get(url, staff_token if api else None, None if api else staff_cookie)
        else:
            code = 200
        if code == 403 or (code == 404 and who == "reporter"):
            print(f"not timed: {who} {url} (HTTP {code})", file=sys.stderr)
            continue
        calls.append(f"{who} {name} {url}")
    return calls


# The API lists' filters with their schemas (enums included): by list, and under "*" those
# that are alike wherever they appear (paging, dates, ids).
API_FILTERS = {"*": {}}
for path, item in document["paths"].items():
    if path.startswith("/api/") and "get" in item:
        for p in item["get"].get("parameters", []):
            if p.get("in") == "query" and not p.get("required"):
                schema = resolve(p.get("schema", {}))
                API_FILTERS.setdefault(path, {})[p["name"]] = schema
                if "enum" not in schema:
                    API_FILTERS["*"][p["name"]] = schema

calls = []
for path, item in sorted(document["paths"].items()):
    operation = item.get("get")
    if operation is None or NOT_PAGES.search(path):
        continue
    public = re.match(r"^/(api/v1/)?public", path) is not None
    for who in ["anyone"] if public else ["staff", "reporter"]:
        filled = fill(path, REPORTER_IDS if who == "reporter" else IDS)
        if filled is None:
            print(f"not timed: {who} {path} (no such record in the data)", file=sys.stderr)
            continue
        calls.extend(variants(who, path, operation, filled))
print("\n".join(calls))
