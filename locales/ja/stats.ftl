### 統計の公表についての拒否

# $table: the statistics table, as the API spells it (English) or its label (Japanese); $period: e.g. FY2019-H1.
already_published = { $period } の{ $table }の数値はすでに公表されています
