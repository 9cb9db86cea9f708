### 送信メッセージ（アウトボックス）についての拒否

outbox_status = pending、sending、sent、failed のいずれかです

# $status: the message's status as the API spells it (pending, sending, sent, failed).
outbox_state = メッセージ { $id } は { $status } です。再送できるのは送信待ちか失敗したものだけです
