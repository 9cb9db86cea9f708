### 漏えい等報告とその審査・補正についての拒否

data_item_count = １行に１項目ずつ、{ $min }〜{ $max }項目を入力してください

data_item_text = 各項目は、空欄や制御文字を含まない文字で入力してください

data_item_too_long = 各項目は{ $max }文字以内で入力してください

no_report_of_organization = この組織には ID { $id } の報告はありません

# No incident has this reference.
no_such_reference = 受付番号 { $reference } の漏えい等事案はありません（例：LR-2026-000123）

occurred_after_awareness = 発生日は、事態を知った日より後にできません

received_before_awareness = 受付日は、事態を知った日より前にできません

before_preliminary = 速報の受付日（{ $received_on }）より前にできません

revision_needs_comment = 補正依頼には、補正してほしい内容をコメントに書いてください

due_only_for_revision = 期限は補正依頼にだけ指定できます

not_amendable = 補正では変更できません。新しい報告として提出してください

nothing_amended = 報告の内容が何も変わっていません

aware_after_receipt = 報告の受付日（{ $received_on }）より後の日付にはできません

staff_set_received_on = 受付日は職員だけが指定できます（過去の記録の入力用）

staff_record_delegated = 事業所管大臣経由の受付は職員だけが記録できます

delegated_only_appi = 事業所管大臣を経由するのは個人情報保護法（民間部門）の報告だけです（法第150条）

business_under_appi_public = 事業者は個人情報保護法（民間部門）で報告します

national_agency_under_appi = 国の行政機関は個人情報保護法（公的部門）で報告します

ordinance_sensitive_misplaced = 条例要配慮個人情報は、公的部門で報告する地方公共団体だけに当てはまります

network_system_misplaced = 番号法の報告だけに当てはまります

publicly_viewable_misplaced = 番号法の要件です。個人情報保護法の報告では概要に書いてください

contractor_is_reporter = 報告する組織とは別の組織を指定してください

preliminary_names_none = 速報を指定するのは確報だけです

report_is_final = 報告 { $id } は確報です

# $regime: the regime, as the API spells it (English) or its label (Japanese).
regime_of_preliminary = 確報の法令は速報と同じ{ $regime }にしてください

override_needs_reason = 判定を変更する理由を入力してください

reason_without_override = 理由は判定を変更するときだけ入力します（変更を取り消すときは不要です）

incident_complete = 事態 { $reference } にはすでに確報（報告 { $final_report }）があります

filed_concurrently = この事態を完結させる報告が同時に提出されました
