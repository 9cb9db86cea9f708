### 統計の公表についての拒否

# $table: the statistics table, as the API spells it (English) or its label (Japanese); $period: e.g. FY2019-H1.
already_published = { $period } の{ $table }の数値はすでに公表されています

# $table: the table, as the API spells it (English) or its label (Japanese).
not_published = { $period } の{ $table }は公表されていません（正誤表は公表したものに付けます）

erratum_unchanged = 公表した値と同じです（正しい値を入力してください）
