-- pgbench: the raw transaction equivalent to one POST /api/v1/reports as leakdesk writes it on
-- PostgreSQL: the token lookup, the organization read, then in one transaction the incident,
-- the report, its search index row, its audit row and its receipt in the outbox, with the same
-- contents leakdesk writes for bench/intake.lua's report (the audit row's changes, the
-- receipt's full text, the index row's text).
-- Variables: :token_hash, :org.
SELECT u.id, u.role, u.organization_id FROM api_tokens t JOIN users u ON u.id = t.user_id
 WHERE t.token_hash = :token_hash AND t.kind = 'api' AND t.revoked_at IS NULL
   AND (t.expires_at IS NULL OR t.expires_at > now()) AND u.disabled_at IS NULL;
BEGIN;
SELECT kind, contact_email, name FROM organizations WHERE id = :org;
INSERT INTO incidents (organization_id, regime, first_received_on, received_via, aware_on,
  computed_mandatory, mandatory, serious, grounds, preliminary_due_on, final_due_on,
  created_at, updated_at)
VALUES (:org, 'appi', current_date, 'direct', '2026-11-02', true, true, false, 'headcount',
  '2026-11-06', '2026-12-01', now(), now())
RETURNING id AS incident_id \gset
INSERT INTO reports (incident_id, organization_id, regime, stage, aware_on, received_on, summary,
  data_items, persons_affected, persons_estimated, cause, sensitive_data, financial_damage_risk,
  unlawful_purpose, ordinance_sensitive, network_system, publicly_viewable, strongly_encrypted,
  received_via, grounds, filed_by_user_id, created_at)
VALUES (:incident_id, :org, 'appi', 'preliminary', '2026-11-02', current_date,
  '顧客名簿を記録したUSBメモリを紛失した。', '["氏名","住所","電話番号"]', 1500, false, 'loss',
  false, false, false, false, false, false, false, 'direct', 'headcount', 1, now())
RETURNING id AS report_id \gset
INSERT INTO search_entries (kind, record_id, organization_id, title, exact_key, content, folded)
VALUES ('report', :report_id, :org,
  'LR-2026-' || lpad(CAST(:incident_id AS text), 6, '0'),
  'lr-2026-' || lpad(CAST(:incident_id AS text), 6, '0'),
  'LR-2026-' || lpad(CAST(:incident_id AS text), 6, '0')
    || E'\n顧客名簿を記録したUSBメモリを紛失した。\n氏名、住所、電話番号',
  'lr-2026-' || lpad(CAST(:incident_id AS text), 6, '0')
    || E'\n顧客名簿を記録したusbメモリを紛失した。\n氏名、住所、電話番号')
RETURNING id AS entry_id \gset
INSERT INTO audit_log (occurred_at, actor_user_id, actor, request_id, action, entity_type,
  entity_id, changes)
VALUES (now(), 1, 'user:1 bench@example.jp', '492dd5c9-a97a-41f0-8b12-1640cd59e166', 'file',
  'report', :report_id,
  json_build_object('incident_id', CAST(:incident_id AS bigint),
    'organization_id', CAST(:org AS bigint), 'regime', 'appi', 'stage', 'preliminary',
    'received_on', current_date, 'received_via', 'direct', 'persons_affected', 1500,
    'grounds', 'headcount', 'incident', json_build_object('opened', json_build_object(
      'id', CAST(:incident_id AS bigint), 'first_received_on', current_date,
      'mandatory', true, 'serious', false, 'preliminary_due_on', '2026-11-06',
      'final_due_on', '2026-12-01'))));
INSERT INTO outbox (kind, recipient, subject, body, entity_type, entity_id, status, attempts,
  next_attempt_at, created_at)
VALUES ('receipt', 'dpo@bench.example.jp',
  '【個人情報保護委員会】漏えい等報告（速報）を受け付けました（LR-2026-' || lpad(CAST(:incident_id AS text), 6, '0') || '）',
  '株式会社ベンチ ご担当者様

個人情報保護委員会は、次のとおり漏えい等報告を受け付けました。

  受付番号：LR-2026-' || lpad(CAST(:incident_id AS text), 6, '0') || '
  報告の種別：速報
  法令：個人情報保護法（民間部門）
  受付日：' || current_date || '
  報告義務：あり
  確報の提出期限：2026-12-01

お問い合わせの際は受付番号をお知らせください。

---
Your leak report (preliminary) was received on ' || current_date || ' under reference LR-2026-' || lpad(CAST(:incident_id AS text), 6, '0') || '.
The final report is due on 2026-12-01.
Please quote the reference in any correspondence.',
  'report', :report_id, 'pending', 0, now(), now());
COMMIT;
