# The public registers: opt-out notifications, accredited bodies, anonymised-data publishers.

# $since: the day the amended Act took effect.
required_from_amended_act = is required of a notification submitted on or after { $since } (Act Article 27(2) as amended)

# $withdrawn_on: the day the withdrawal takes effect.
notification_withdrawn = the notification's withdrawal was filed (effective { $withdrawn_on }); it takes no further filing

amend_accepted_notification = the notification is accepted: file a change (POST …/changes) instead of an amendment

change_needs_acceptance = a change is filed for a notification that is accepted and not under review

# $revoked_on: the day the accreditation was revoked.
accreditation_revoked = the accreditation was revoked on { $revoked_on }

# $status: where the review stands.
not_awaiting_review = the filing is not awaiting a decision (it is { $status }); a decision follows a filing or an amendment

# $revoked_on: the day the accreditation was revoked.
after_revocation = must not be after the revocation ({ $revoked_on })

not_asked = this campaign did not ask the notification to confirm its contents

# $answered_on: the day of the answer; $outcome: what was answered.
already_answered = answered already on { $answered_on } ({ $outcome })

# $version: the guideline's version; $published_on: the day that version was published
guideline_version_held = the body has a guideline of version “{ $version }” already (published on { $published_on }); name the new version differently
