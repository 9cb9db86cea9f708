### 相談窓口（相談・分類・あっせん）についての拒否

category_count = 分類は{ $max }件までです

category_code = 半角の英小文字・数字・_ で1〜64文字にしてください

before_complaint = 苦情の受付日（{ $received_on }）より前にできません

step_outside_mediation = あっせん開始日（{ $started_on }）から今日までの日付にしてください

consultation_not_referred = 事案に加えられるのは監督部門へ回付した相談だけです

category_twice = { $category } が重複しています

# $desk: the desk, as the API spells it (English) or its label (Japanese).
category_of_other_desk = { $category } は{ $desk }窓口の分類ではありません

# $class: the class of consultation, as the API spells it (English) or its label (Japanese).
category_needed = { $class }には窓口の分類を1つ以上指定してください

# $class: the class of consultation, as the API spells it (English) or its label (Japanese).
mediation_needs_complaint = あっせんは苦情から始まります（相談 { $consultation } は{ $class }）

one_mediation_change = 開始日、不実施の日（理由付き）、終了日（結果付き）のいずれか1つを指定してください

decline_reason = あっせんを実施しない理由を入力してください

outcome_required = 結果（解決・不調・取下げ）を指定してください

reason_only_when_declined = 理由は不実施のときだけ入力します

outcome_only_when_closed = 結果は終了のときだけ指定します

# $desk: the desk, as the API spells it (English) or its label (Japanese).
category_exists = { $desk }窓口には分類 { $category }（{ $label }）がすでにあります

mediation_exists = 相談 { $consultation } にはすでにあっせんの申出があります

# $current, $next: statuses of a mediation, as the API spells them (English) or their labels (Japanese).
mediation_state = { $current }のあっせんを{ $next }にはできません

# $status: the mediation's status, as the API spells it (English) or its label (Japanese).
mediation_not_running = 経過を記録できるのはあっせんの実施中だけです（現在: { $status }）

# $reasons: a list of the reasons as the domain writes them (English with the Japanese in parentheses), the same in both languages.
mediation_not_eligible = あっせんを開始できません：{ JOIN($reasons, separator: "、") }

# $desk: the desk, as the API spells it (English) or its label (Japanese).
desk_closed = { $desk }は{ $day }には設置されていません

# $class, $desk: as the API spells them (English) or their labels (Japanese).
class_not_at_desk = { $desk }は{ $class }を受け付けていません

# $desk: the desk, as the API spells it (English) or its label (Japanese).
category_not_on = { $category } は{ $day }時点の{ $desk }の分類ではありません

category_validity = 分類の期間が正しくありません（終了日は開始日以後で、2022年３月31日以前の分類は同日まで、2022年４月１日以後の分類はそれ以後の日にしてください）
