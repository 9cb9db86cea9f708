### リクエストの形（項目・長さ・範囲・日付・期間・ID）の拒否と、エラー・拒否・見つからない記録のメッセージ

required = 必須項目です

unknown_field = この項目は受け付けていません

duplicate_field = 同じ項目が複数回送信されています

# A value of the wrong JSON type (serde's words for both sides).
# $unexpected and $expected are serde's English words; the Japanese text leaves them out.
wrong_type = 形式が正しくありません

# A value of the right type that is not one the field takes.
# $unexpected and $expected are serde's English words; the Japanese text leaves them out.
wrong_value = 形式が正しくありません

# $expected: the list of values the field takes. The Japanese text leaves out $given.
unknown_variant = 次のいずれかを指定してください：{ JOIN($expected, separator: "、") }

# A value its type's own parser refused (a date that is not one), in that parser's words.
# $detail: the parser's English words; the Japanese text leaves it out.
# When $detail is empty the code asks for unreadable-empty instead (a select cannot test for an empty string).
unreadable = 形式が正しくありません

# Unreadable with an empty $detail (in Japanese, the same sentence as unreadable).
unreadable-empty = 形式が正しくありません

not_an_object = JSON のオブジェクトで送信してください

not_a_number = 数字（半角）で入力してください

not_a_date = 日付を 2025-04-01 の形式で入力してください

# $min, $max: numbers of characters, or "none" when there is no bound.
length = { $min ->
        [none] { $max ->
                [none] 長さが正しくありません
               *[other] { $max }文字以内で入力してください
            }
       *[other] { $max ->
                [none] { $min }文字以上で入力してください
               *[other] { $min }文字以上{ $max }文字以内で入力してください
            }
    }

# $min, $max: the bounds as JSON writes them, or "none" when there is no bound.
range = { $min ->
        [none] { $max ->
                [none] 値が範囲外です
               *[other] { $max }以下の値を指定してください
            }
       *[other] { $max ->
                [none] { $min }以上の値を指定してください
               *[other] { $min }から{ $max }までの値を指定してください
            }
    }

email = メールアドレスの形式で入力してください

blank = 空欄にはできません

control_characters = 制御文字は使えません

too_large = 大きすぎます

idempotency_key = 半角の英数字・記号で1〜255文字にしてください

period_format = 期間は FY2019、FY2019-H1、FY2019-Q1 のように指定してください

period_years = 期間は1989年度から2200年度までです

period_order = 終了は開始より前にできません

period_required = 期間（例: FY2019-H1）か、開始と終了を指定してください

period_or_range = 期間か、開始と終了か、どちらか一方を指定してください

required_with = { $other } と一緒に指定してください

# Exactly one of this field and $other must be given.
one_of = この欄と「{ $other }」のどちらか一方だけを入力してください

# No record of this kind has this id (or it is another entity's).
# $record: the kind of record, already in this language (record-* below).
no_such_record = ID { $id } の{ $record }はありません

in_future = 未来の日付は指定できません

# $today: a date written 2019-05-01.
in_future_of = 未来の日付は指定できません（今日は { $today }）

before_the_act = 法の全面施行日（{ $earliest }）より前の日付は指定できません

before_field = 日付の前後関係が正しくありません（{ $other } より前にできません）

before_date = { $date } より前の日付は指定できません

already_exists = 同じ値の記録がすでにあります

missing_reference = 存在しない記録を参照しています

idempotency_key_reused = この Idempotency-Key は別の送信に使われています。新しいキーを使ってください

## The kind of record a refusal or a 404 names (Missing).

record-accredited_body = 認定個人情報保護団体

record-anonymised_publication = 匿名加工情報の作成等の公表

record-optout_campaign = オプトアウト届出の実態調査

record-optout_notification = オプトアウト届出

record-activity = 活動の記録

record-action = 監督措置

record-attachment = 添付ファイル

record-case = 事案

record-consultation = 相談

record-agenda_item = 議題

record-meeting = 委員会

record-periodic_questionnaire = 定期的な報告の調査票

record-periodic_report = 定期的な報告

record-pia_evaluation = 特定個人情報保護評価書

record-event = 講演・セミナー

record-guideline = 個人情報保護指針

record-incident = 事態

record-inspection_plan = 検査計画

record-mediation = あっせん

record-organization = 組織

record-outbox_message = 送信メッセージ

record-page = ページ

record-pending_import = 取り込み待ちのファイル

record-record = 記録

record-report = 報告

record-resource = リソース

record-response = 回答

record-statistics = 公表された統計

## Errors of a request as a whole.

# A 404; $record: the kind of record (record-*), in this language.
error-not_found = { $record }が見つかりません

error-malformed_body = リクエストの本文を読み取れません

# $detail: the JSON parser's words, in English; the Japanese text leaves it out.
error-malformed_json = リクエストの本文を読み取れません

# $detail: the multipart reader's words, in English; the Japanese text leaves it out.
error-malformed_multipart = リクエストの本文を読み取れません

error-validation = 入力内容に誤りがあります

# $limit: a number of bytes.
error-payload_too_large = リクエストの本文が { $limit } バイトを超えています

error-unsupported_media_type = 本文は JSON で送ってください（Content-Type: application/json）

# Files over the limits (size, count).
error-files_too_large = ファイルが大きすぎるか、多すぎます

# Files of a type the service does not accept, judged from their content.
error-file_types_refused = 受け付けられない種類のファイルがあります

error-not_multipart = 本文は multipart/form-data で送ってください

# $allow: the list of methods the path answers (the Allow header).
error-method_not_allowed = このパスはそのメソッドを受け付けません（受け付けるのは { JOIN($allow, separator: ", ") }）

# The database could not be reached in time.
error-unavailable = ただいま混み合っています。しばらくしてから、もう一度お試しください

# A fault of the service; the cause is logged, not answered.
error-internal = システムエラーが発生しました。記録しました

## Why a request may not proceed: who is asking is unknown (401), or may not do this (403).

denial-no_token = API トークンを Authorization: Bearer TOKEN の形で送ってください

denial-unreadable_authorization = Authorization ヘッダーを読み取れません

denial-invalid_token = トークンが不明か、期限切れか、失効しています

denial-staff_only = 監督部門の職員だけが利用できます

denial-admin_only = 管理者だけが利用できます

denial-own_organization_only = 報告者は自らの組織についてだけ操作できます

denial-no_organization = 報告者はいずれかの組織に属する必要があります
