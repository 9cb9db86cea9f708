# 公表する届出・認定等の名簿: オプトアウト届出、認定個人情報保護団体、匿名加工情報の作成等の公表。

# $since: 改正法の施行日
required_from_amended_act = { $since } 以後に提出する届出では必須です（改正後の法第27条第2項）

# $withdrawn_on: 廃止の日
notification_withdrawn = この届出は廃止の届出がされています（{ $withdrawn_on } 廃止）。これ以上の届出はできません

amend_accepted_notification = 受理済みの届出です。補正ではなく変更届を提出してください

change_needs_acceptance = 変更届は、受理され審査中でない届出についてだけ提出できます

# $revoked_on: 認定を取り消した日
accreditation_revoked = この団体の認定は { $revoked_on } に取り消されています

# $status: 審査の状況
not_awaiting_review = この届出は審査待ちではありません（{ $status }）。審査は届出・補正・変更届の後に行います

# $revoked_on: 認定を取り消した日
after_revocation = 認定の取消しの日（{ $revoked_on }）より後の日付は指定できません

not_asked = この調査では、この届出の確認を求めていません

# $answered_on: 回答した日; $outcome: 回答の内容
already_answered = { $answered_on } に回答済みです（{ $outcome }）

# $version: 指針の版; $published_on: その版の公表日
guideline_version_held = この団体には版「{ $version }」の指針がすでにあります（{ $published_on } 公表）。別の版の名称を指定してください
