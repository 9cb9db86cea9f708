### アカウント（利用者・パスワード・二要素認証）についての拒否

no_user = メールアドレス { $email } の利用者はいません

reporter_needs_organization = 報告者はいずれかの組織に属します

organization_only_for_reporters = 組織に属するのは報告者だけです（職員・管理者は属しません）

password_too_short = { $min }文字以上にしてください

# A password a guesser tries first (zxcvbn's estimate, which knows the common ones).
password_too_common = 推測されやすいパスワードです（よく使われるパスワード又はそれに近いもの）

# The current password given to change it is not the user's.
password_wrong = 現在のパスワードが正しくありません

# The new password and its confirmation differ.
passwords_differ = 新しいパスワードと一致しません

# A second-factor code that is not the current one, or was used already.
totp_code_wrong = 確認コードが正しくないか、すでに使われています。認証アプリに表示されている最新のコードを入力してください

# Enrolment confirmed without having been started.
totp_not_started = 二要素認証の登録が開始されていません

# Enrolment started again while a second factor is on.
totp_already_enabled = 二要素認証はすでに有効です。登録し直すには管理者によるリセットが必要です

# An admin disabling (or resetting) their own account.
not_on_yourself = 自分自身のアカウントに対しては行えません

email_taken = メールアドレス { $email } の利用者はすでにいます
