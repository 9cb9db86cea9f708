# My Number oversight: inspections by type, outreach events.

inspection_type_only_for_my_number = an inspection type is recorded only on an on-site inspection under the My Number Act

# $kind: the inspected body's kind
regular_inspection_of_administrative_organs = a regular inspection is of the heads of administrative organs (番号利用法第29条の3第1項); record a comprehensive or review inspection (第35条第1項) of a { $kind }

safety_seminar_under_my_number = a safety-measures seminar (特定個人情報安全管理措置セミナー) is held under the My Number Act (my_number)

body_or_kind = name either the body to inspect (an organization) or a kind of body, not both

plan_only_for_my_number_inspection = a plan is named only by an on-site inspection under the My Number Act

# $line: the line's number; $written: the line; $part: the part that could not be read
plan_line = line { $line } ("{ $written }") cannot be read: { $part ->
    [type] the type is one of regular, comprehensive or review
    [quarter] the quarter is 1 to 4
    [target] the target is an organization's number or a kind of body
    [question] write "number: question"
    [record] a record is "kind:number" (case, action, pia_evaluation, inspection_plan)
   *[parts] write "type, quarter, target"
}

# Periodic reports (定期的な報告), assessments (特定個人情報保護評価), agendas.

question_code = an item's number is 1 to 20 letters, digits, "-", "_" or "."

# $code: the repeated number
question_code_repeated = another item is numbered “{ $code }” already

# $codes: the numbers answered that the questionnaire does not ask
unknown_questions = the questionnaire has no item { $codes }

# $codes: the items left unanswered
unanswered = a submitted report answers every item; unanswered: { $codes } (save it as a draft to finish later)

# $fiscal_year, $questionnaire
questionnaire_exists = fiscal year { $fiscal_year } has its questionnaire already (no. { $questionnaire })

# $report: the body's report
periodic_report_exists = the body has answered this questionnaire already (report no. { $report }); amend that report

# $submitted_on
already_submitted = the report was submitted on { $submitted_on }; amend it instead

not_submitted = the report is a draft; it is reviewed once submitted

amend_accepted = the report has been accepted and takes no amendment

# $level: the assessment's level
approval_of_full_assessment = the Commission approves full assessments (全項目評価書) only; this one is a { $level }

# $kind: the body's kind
approval_of_administrative_organs = the Commission approves the assessments of national organs and incorporated administrative agencies (番号利用法第28条第2項); a { $kind }'s is examined by a third party

# $by: the newer assessment
superseded = a newer assessment of the same task (no. { $by }) has superseded this one

# $on
already_recorded = this was recorded already, on { $on }

# $kind, $id
no_such_agenda_record = there is no { $kind } no. { $id }

# $id
no_such_agenda_item = the meeting's agenda has no item no. { $id }

# $kind: the body's kind
not_periodic_reporter = periodic reports are made by national organs, incorporated administrative agencies and local governments (番号利用法第29条の3第2項), not by a { $kind }

# $written: the cell
answers_cell = “{ $written }” cannot be read as answers: write each item's number and answer, “1=yes|2=no|3=na” (はい／いいえ／該当なし also read)

# A hearing (ヒアリング) without whom it heard.
hearing_heard_whom = a hearing counts the bodies or persons it heard: give `bodies`, `persons` or both
