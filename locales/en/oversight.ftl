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
   *[parts] write "type, quarter, target"
}
