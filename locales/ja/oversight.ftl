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
   *[parts] 「種類, 四半期, 対象」の3つを書いてください
}
