# 番号利用法の監視・監督: 立入検査の種類、講演・セミナー。

inspection_type_only_for_my_number = 検査の種類は、番号利用法の立入検査にだけ記録します

# $kind: 検査を受ける組織の種類
regular_inspection_of_administrative_organs = 定期的な立入検査は行政機関の長等に対するものです（番号利用法第29条の3第1項）。{ $kind }には総合的な立入検査又はレビュー検査（第35条第1項）を記録してください

safety_seminar_under_my_number = 特定個人情報安全管理措置セミナーは番号利用法（my_number）の行事です
