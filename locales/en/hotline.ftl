### Refusals of the hotline: consultations, desk categories and mediation.

category_count = must list at most { $max } categories

category_code = must be 1 to 64 characters of a-z, 0-9 and _

before_complaint = must not be before the complaint was received ({ $received_on })

step_outside_mediation = must lie between the start ({ $started_on }) and today

consultation_not_referred = only a consultation passed to supervision (referred_to_supervision) joins a case

category_twice = { $category } is listed twice

# $desk: the desk, as the API spells it (English) or its label (Japanese).
category_of_other_desk = { $category } is not a category of the { $desk } desk

# $class: the class of consultation, as the API spells it (English) or its label (Japanese).
category_needed = a { $class } names at least one category of its desk

# $class: the class of consultation, as the API spells it (English) or its label (Japanese).
mediation_needs_complaint = mediation arises from a complaint; consultation { $consultation } is a { $class }

one_mediation_change = give exactly one of started_on, declined_on (with reason) or closed_on (with outcome)

decline_reason = say why the mediation is declined

outcome_required = is required: resolved, unresolved or withdrawn

reason_only_when_declined = goes with declined_on

outcome_only_when_closed = goes with closed_on

# $desk: the desk, as the API spells it (English) or its label (Japanese).
category_exists = the { $desk } desk already has a category { $category } or { $label }

mediation_exists = consultation { $consultation } already has a mediation application

# $current, $next: statuses of a mediation, as the API spells them (English) or their labels (Japanese).
mediation_state = a mediation that is { $current } cannot become { $next }

# $status: the mediation's status, as the API spells it (English) or its label (Japanese).
mediation_not_running = steps are recorded while a mediation runs; this one is { $status }

# $reasons: a list of the reasons as the domain writes them (English with the Japanese in parentheses), the same in both languages.
mediation_not_eligible = mediation cannot start: { JOIN($reasons, separator: "; ") }

# $desk: the desk, as the API spells it (English) or its label (Japanese).
desk_closed = the { $desk } desk was not open on { $day }

# $class, $desk: as the API spells them (English) or their labels (Japanese).
class_not_at_desk = the { $desk } desk takes no { $class } consultations

# $desk: the desk, as the API spells it (English) or its label (Japanese).
category_not_on = { $category } was not a category of the { $desk } desk on { $day }

category_validity = a category runs within one structure of desks: its last day is on or after its first, and a category before 2022-04-01 ends by 2022-03-31
