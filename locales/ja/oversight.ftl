# 番号利用法の監視・監督: 立入検査の種類、講演・セミナー。

inspection_type_only_for_my_number = 検査の種類は、番号利用法の立入検査にだけ記録します

# $kind: 検査を受ける組織の種類
regular_inspection_of_administrative_organs = 定期的な立入検査は行政機関の長等に対するものです（番号利用法第29条の3第1項）。{ $kind }には総合的な立入検査又はレビュー検査（第35条第1項）を記録してください

safety_seminar_under_my_number = 特定個人情報安全管理措置セミナーは番号利用法（my_number）の行事です

body_or_kind = 検査する機関（組織の番号）か機関の種類の、どちらか一方を指定してください

plan_only_for_my_number_inspection = 検査計画は、番号利用法の立入検査にだけ指定できます（計画の実施に数えるのは、種類を記録したものです）

# $line: 行の番号; $written: 書かれた行; $part: 読めなかった部分
plan_line = { $line }行目「{ $written }」を読めません。{ $part ->
    [type] 種類は定期的な立入検査・総合的な立入検査・レビュー検査のどれかです
    [quarter] 四半期は1～4です
    [target] 対象は組織の番号か種類（国の行政機関、独立行政法人等、地方公共団体、事業者）です
    [question] 「番号：質問」の形で書いてください
    [record] 記録は「種類:番号」の形で書いてください（case, action, pia_evaluation, inspection_plan）
   *[parts] 「種類, 四半期, 対象」の3つを書いてください
}

# 定期的な報告、特定個人情報保護評価、議題。

question_code = 項目の番号は、英数字と「-」「_」「.」の1～20文字です

# $code: 重複した番号
question_code_repeated = 番号「{ $code }」の項目がすでにあります

# $codes: 調査票にない項目の番号
unknown_questions = 調査票に項目 { $codes } はありません

# $codes: 回答のない項目
unanswered = 提出する報告はすべての項目に回答します。未回答：{ $codes }（続きは下書きとして保存できます）

# $fiscal_year, $questionnaire
questionnaire_exists = { $fiscal_year }年度の調査票はすでにあります（番号 { $questionnaire }）

# $report: その機関の報告
periodic_report_exists = この機関はこの調査票にすでに回答しています（報告番号 { $report }）。その報告を補正してください

# $submitted_on
already_submitted = この報告は { $submitted_on } に提出済みです。補正してください

not_submitted = この報告は下書きです。審査は提出後に行います

amend_accepted = この報告は受理済みのため、補正できません

# $level: 評価の種類
approval_of_full_assessment = 委員会が承認するのは全項目評価書です（この評価書は{ $level }）

# $kind: 機関の種類
approval_of_administrative_organs = 委員会の承認は行政機関の長等（国の行政機関・独立行政法人等）の評価書に対するものです（番号利用法第28条第2項）。{ $kind }の評価書は第三者点検を受けます

# $by: 新しい評価書
superseded = 同じ事務の新しい評価書（番号 { $by }）があるため、この評価書は変更できません

# $on
already_recorded = すでに { $on } に記録されています

# $kind, $id
no_such_agenda_record = { $kind }（番号 { $id }）はありません

# $id
no_such_agenda_item = この会議の議題に番号 { $id } の項目はありません

# $kind: 組織の種類
not_periodic_reporter = 定期的な報告は、国の行政機関・独立行政法人等・地方公共団体が行うものです（番号利用法第29条の3第2項）。{ $kind }は報告しません

# $written: セル
answers_cell = 「{ $written }」を回答として読めません。「1=はい|2=いいえ|3=該当なし」のように、項目の番号と回答を書いてください（yes／no／na も可）

# 誰から聴いたかのないヒアリング。
hearing_heard_whom = ヒアリングは聴取した機関数又は人数を記録します（機関数・人数のどちらか又は両方）
