### 監督（事案・監督措置・委員会・報告徴収への回答）についての拒否

no_meeting = 第{ $number }回の委員会は記録されていません

before_meeting = 決定した第{ $number }回委員会（{ $held_on }）より前にできません

ends_in_future = 完了した措置の終了日は未来にできません

# Only a report collection (報告徴収) is answered.
not_a_report_collection = 回答できるのは報告徴収だけです

# The collection was completed: the entity's answers end there.
collection_completed = この報告徴収は { $ended_on } に完了しています。委員会事務局にお問い合わせください

staff_set_submitted_on = 提出日は、書面で受け付けた回答を職員が記録するときだけ指定できます

not_case_entity = 組織 { $organization } は事案 { $case } の関係者ではありません。先に事案に加えてください

incident_not_in_case = 事態 { $incident } は事案 { $case } に含まれていません

compliance_not_recorded = 履行の有無を記録するのは勧告と命令だけです

# $kind, $regime: the power and the regime, as the API spells them (English) or their labels (Japanese).
# $public_sector: "true" or "false".
no_such_power = { $regime }では、委員会に{ $kind }の権限はありません{ $public_sector ->
        [true] { "" }
       *[false] （違反の公表は個人情報保護法（民間部門）だけにあります）
    }

# $kind: the kind of action, as the API spells it (English) or its label (Japanese).
meeting_required = { $kind }を決定した委員会の回を指定してください

not_delegable = 事業所管大臣に委任されるのは、民間部門の報告徴収と立入検査だけです（法第150条）

imminent_harm_required = 民間部門の命令には、個人の重大な権利利益の侵害が切迫しているとの認定が必要です（法第148条第2項）

due_date_only_for_collection = 期限があるのは報告徴収だけです

entity_in_case = 組織 { $organization } はすでに事案 { $case } の関係者です

incident_in_case = 事態 { $reference } はすでに事案 { $case } に含まれています

meeting_exists = 第{ $number }回の委員会はすでに記録されています

# $unheeded_candidate: the id of an earlier recommendation to mark as not complied with first, or "none" when there is none.
order_needs_recommendation = { $unheeded_candidate ->
        [none] 命令には、同じ相手への先行する勧告が必要です（法第148条第2項、番号法第34条第2項）
       *[other] 命令には、履行されなかった先行する勧告が必要です。先に勧告 { $unheeded_candidate } を不履行として記録してください
    }
