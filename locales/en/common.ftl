### Refusals of the shape of a request (fields, lengths, ranges, dates, periods, ids), and the messages of errors, denials and records not found.

required = is required

unknown_field = is not a known field

duplicate_field = is given more than once

# A value of the wrong JSON type (serde's words for both sides).
# $unexpected and $expected are serde's English words; the Japanese text leaves them out.
wrong_type = invalid type: { $unexpected }, expected { $expected }

# A value of the right type that is not one the field takes.
# $unexpected and $expected are serde's English words; the Japanese text leaves them out.
wrong_value = invalid value: { $unexpected }, expected { $expected }

# $expected: the list of values the field takes. The Japanese text leaves out $given.
unknown_variant = unknown variant `{ $given }`, expected one of `{ JOIN($expected, separator: "`, `") }`

# A value its type's own parser refused (a date that is not one), in that parser's words.
# $detail: the parser's English words; the Japanese text leaves it out.
# When $detail is empty the code asks for unreadable-empty instead (a select cannot test for an empty string).
unreadable = { $detail }

# Unreadable with an empty $detail (in Japanese, the same sentence as unreadable).
unreadable-empty = is not readable

not_an_object = must be a JSON object

not_a_number = must be a whole number

not_a_date = must be a date written as YYYY-MM-DD

# $min, $max: numbers of characters, or "none" when there is no bound.
length = { $min ->
        [none] { $max ->
                [none] has an invalid length
               *[other] must be at most { $max } characters long
            }
       *[other] { $max ->
                [none] must be at least { $min } characters long
               *[other] must be { $min } to { $max } characters long
            }
    }

# $min, $max: the bounds as JSON writes them, or "none" when there is no bound.
range = { $min ->
        [none] { $max ->
                [none] is out of range
               *[other] must be at most { $max }
            }
       *[other] { $max ->
                [none] must be at least { $min }
               *[other] must be between { $min } and { $max }
            }
    }

email = must be an e-mail address

blank = must not be blank

control_characters = must not contain control characters

too_large = is too large

idempotency_key = must be 1 to 255 visible ASCII characters

period_format = must be FY<year>, FY<year>-H1/H2 or FY<year>-Q1…Q4 (e.g. FY2019-H1)

period_years = the period must lie within fiscal years 1989 to 2200

period_order = `to` must not be before `from`

period_required = is required (e.g. FY2019-H1), or give from and to

period_or_range = give period, or from and to, not both

required_with = is required with { $other }

# Exactly one of this field and $other must be given.
one_of = give either this or { $other }, not both

# No record of this kind has this id (or it is another entity's).
# $record: the kind of record, already in this language (record-* below).
no_such_record = no { $record } has id { $id }

in_future = must not be in the future

# $today: a date written 2019-05-01.
in_future_of = must not be in the future (today is { $today })

before_the_act = must not be before { $earliest }, when the Act took full effect

before_field = must not be before { $other }

before_date = must not be before { $date }

already_exists = a record with the same unique value already exists

missing_reference = the change refers to a record that does not exist

idempotency_key_reused = this Idempotency-Key was used for a different request; use a new key

## The kind of record a refusal or a 404 names (Missing).

record-accredited_body = accredited body

record-anonymised_publication = publication of anonymised information

record-optout_campaign = opt-out campaign

record-optout_notification = opt-out notification

record-activity = activity

record-action = action

record-attachment = attachment

record-case = case

record-consultation = consultation

record-agenda_item = agenda item

record-meeting = meeting

record-periodic_questionnaire = periodic report questionnaire

record-periodic_report = periodic report

record-pia_evaluation = assessment (PIA)

record-event = event

record-guideline = personal information protection guideline

record-incident = incident

record-inspection_plan = inspection plan

record-mediation = mediation

record-organization = organization

record-outbox_message = outbox message

record-page = page

record-pending_import = file awaiting import

record-record = record

record-report = report

record-resource = resource

record-response = answer

record-statistics = published statistics

## Errors of a request as a whole.

# A 404; $record: the kind of record (record-*), in this language.
error-not_found = { $record } not found

error-malformed_body = the request body could not be read

# $detail: the JSON parser's words, in English; the Japanese text leaves it out.
error-malformed_json = the body is not valid JSON: { $detail }

# $detail: the multipart reader's words, in English; the Japanese text leaves it out.
error-malformed_multipart = the multipart body could not be read: { $detail }

error-validation = the request has invalid fields

# $limit: a number of bytes.
error-payload_too_large = the request body is larger than { $limit } bytes

error-unsupported_media_type = the request body must be JSON (Content-Type: application/json)

# Files over the limits (size, count).
error-files_too_large = files were refused: too large

# Files of a type the service does not accept, judged from their content.
error-file_types_refused = files were refused: not an accepted type

error-not_multipart = the request body must be multipart/form-data with a boundary

# $allow: the list of methods the path answers (the Allow header).
error-method_not_allowed = this path does not answer that method; it answers { JOIN($allow, separator: ", ") }

# The database could not be reached in time.
error-unavailable = the service is temporarily unavailable; try again

# A fault of the service; the cause is logged, not answered.
error-internal = an internal error occurred; it has been logged

## Why a request may not proceed: who is asking is unknown (401), or may not do this (403).

denial-no_token = send the API token as Authorization: Bearer TOKEN

denial-unreadable_authorization = the Authorization header is not readable text

denial-invalid_token = the token is unknown, expired or revoked

denial-staff_only = this call is for supervision staff

denial-admin_only = this call is for administrators

denial-own_organization_only = a reporter acts only for its own organization

denial-no_organization = a reporter must belong to an organization
