### Refusals of supervision: cases, actions, Commission meetings, and answers to report collections.

no_meeting = no Commission meeting numbered { $number } is recorded

before_meeting = must not be before meeting { $number } that decided it ({ $held_on })

ends_in_future = a completed action cannot end in the future

# Only a report collection (報告徴収) is answered.
not_a_report_collection = only a report collection is answered

# The collection was completed: the entity's answers end there.
collection_completed = the report collection was completed on { $ended_on }; ask the Commission's staff

staff_set_submitted_on = only staff set submitted_on, to record an answer received on paper

not_case_entity = organization { $organization } is not an entity of case { $case }; add it to the case first

incident_not_in_case = incident { $incident } is not part of case { $case }

compliance_not_recorded = is recorded for recommendations and orders only

# $kind, $regime: the power and the regime, as the API spells them (English) or their labels (Japanese).
# $public_sector: "true" or "false".
no_such_power = the law gives the Commission no { $kind } power under { $regime } ({ $public_sector ->
        [true] the public sector has no order powers
       *[false] publication of non-compliance exists only under appi
    })

# $kind: the kind of action, as the API spells it (English) or its label (Japanese).
meeting_required = the { $kind } must name the Commission meeting that decided it

not_delegable = only appi report collections and on-site inspections are delegated to ministers (法第150条)

imminent_harm_required = an appi order needs the finding that serious harm to individuals' rights is imminent (法第148条第2項)

due_date_only_for_collection = only a report collection has a due date

entity_in_case = organization { $organization } is already an entity of case { $case }

incident_in_case = incident { $reference } is already part of case { $case }

meeting_exists = meeting { $number } is already recorded

# $unheeded_candidate: the id of an earlier recommendation to mark as not complied with first, or "none" when there is none.
order_needs_recommendation = { $unheeded_candidate ->
        [none] an order needs an earlier recommendation to the same entity (法第148条第2項; 番号法第34条第2項)
       *[other] an order needs an earlier recommendation that was not complied with; mark recommendation { $unheeded_candidate } complied: false first
    }
