### Refusals of the outbox of messages.

outbox_status = must be pending, sending, sent or failed

# $status: the message's status as the API spells it (pending, sending, sent, failed).
outbox_state = message { $id } is { $status }; only waiting or failed messages are retried
