### Refusals of accounts: users, passwords and the second factor (TOTP).

no_user = no user has e-mail { $email }

reporter_needs_organization = a reporter must belong to an organization

organization_only_for_reporters = only reporters belong to an organization; staff and admins do not

password_too_short = must be at least { $min } characters long

# A password a guesser tries first (zxcvbn's estimate, which knows the common ones).
password_too_common = is too easy to guess (a common password, or close to one)

# The current password given to change it is not the user's.
password_wrong = is not your current password

# The new password and its confirmation differ.
passwords_differ = is not the same as the new password

# A second-factor code that is not the current one, or was used already.
totp_code_wrong = is not the code your authenticator shows now, or was used already

# Enrolment confirmed without having been started.
totp_not_started = no enrolment of a second factor was started

# Enrolment started again while a second factor is on.
totp_already_enabled = a second factor is on already; an admin resets it before another

# An admin disabling (or resetting) their own account.
not_on_yourself = an admin cannot do this to their own account

email_taken = a user with e-mail { $email } already exists
