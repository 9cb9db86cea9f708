### Refusals of reports of incidents, their review and their amendment.

data_item_count = must list { $min } to { $max } kinds of data

data_item_text = each item must be non-blank text without control characters

data_item_too_long = each item must be at most { $max } characters long

no_report_of_organization = this organization has no report with id { $id }

# No incident has this reference.
no_such_reference = no incident has the reference { $reference } (e.g. LR-2026-000123)

occurred_after_awareness = must not be after aware_on

received_before_awareness = must not be before aware_on: a report cannot precede awareness

before_preliminary = must not be before the preliminary report's ({ $received_on })

revision_needs_comment = a revision request says what to correct (comment)

due_only_for_revision = a due date goes with a revision request only

not_amendable = cannot be changed by an amendment; file a new report instead

nothing_amended = the amendment changes no field of the report

aware_after_receipt = must not be after the report was received ({ $received_on })

staff_set_received_on = only staff set received_on, to enter past records

staff_record_delegated = only staff record a report received through a delegated minister

delegated_only_appi = only appi reports reach the Commission through a delegated minister (法第150条)

business_under_appi_public = a business reports under appi (private sector), not appi_public

national_agency_under_appi = a national administrative organ reports under appi_public, not appi

ordinance_sensitive_misplaced = applies only to local governments reporting under appi_public

network_system_misplaced = applies only to my_number reports

publicly_viewable_misplaced = is a my_number ground; under appi, describe it in the summary

contractor_is_reporter = must be another organization than the one reporting

preliminary_names_none = only a final report names the preliminary report it completes

report_is_final = report { $id } is itself a final report

# $regime: the regime, as the API spells it (English) or its label (Japanese).
regime_of_preliminary = must be { $regime } like the preliminary report it completes

override_needs_reason = is required: say why the classification is overridden

reason_without_override = goes with an override; to clear one, send mandatory: null alone

incident_complete = incident { $reference } already has its final report (report { $final_report })

filed_concurrently = a report completing this incident was filed at the same moment
