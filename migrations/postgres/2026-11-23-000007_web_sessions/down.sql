DROP TABLE login_attempts;
DELETE FROM api_tokens WHERE kind = 'session';
ALTER TABLE api_tokens DROP COLUMN kind;
