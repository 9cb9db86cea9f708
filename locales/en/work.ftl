# The staff's work: assignment and notes (API.md "Work").

# $id: a user's id.
not_staff = user { $id } is not an enabled staff member or admin

# $email: an e-mail address.
not_staff_email = { $email } is not an enabled staff member or admin

# $id: a note's id.
not_this_records_note = note { $id } is not a note of this record

record-note = note
