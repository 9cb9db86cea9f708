# The staff's work: assignment and notes (API.md "Work").

# $id: a user's id.
not_staff = ID { $id } は有効な監視・監督担当者または管理者ではありません

# $email: an e-mail address.
not_staff_email = { $email } は有効な監視・監督担当者または管理者ではありません

# $id: a note's id.
not_this_records_note = メモ { $id } はこの記録のメモではありません

record-note = メモ
