### 取り込むファイル（文字コード・シート・列・セル）と試行についての拒否

import_refused = 受け付けられない行がありました

# A dry run's rows were all accepted, and rolled back as a dry run is.
dry_run = 試行のため、何も書き込んでいません

# The file's bytes are not text in the encoding named.
not_in_encoding = { $line }行目が { $encoding } ではありません。UTF-8 か Shift_JIS（CP932）で保存するか、文字コードを指定してください

# The file's bytes are neither UTF-8 nor Shift_JIS.
neither_encoding = { $line }行目が UTF-8 でも Shift_JIS（CP932）でもありません。文字コードを指定してください

# A sheet was named for a file that is a CSV.
sheet_of_csv = シート名は Excel ブック（XLSX）に指定するものです。このファイルは CSV です

# The file cannot be read as a CSV or a workbook (the reader's words).
# $detail: the reader's English words.
unreadable_file = ファイルを読み取れません（{ $detail }）

# $mib, $most_mib: sizes in MiB.
workbook_too_large = ブックを展開すると { $mib } MiB になり、上限の { $most_mib } MiB を超えます

# $sheets: the list of the workbook's sheet names.
no_such_sheet = ブックにシート「{ $wanted }」がありません。シート：{ JOIN($sheets, separator: "、") }

no_sheet = ブックにシートがありません

# $columns: the list of headings not understood.
unknown_columns = 見出し「{ JOIN($columns, separator: "」「") }」は項目名として読めません。見出しには項目名か画面の項目の名前を使ってください

column_twice = 項目 { $column } の列が二つあります

no_rows = 見出しの行のほかに行がありません

# A row the CSV reader could not read (the reader's words).
# $detail: the reader's English words.
unreadable_row = 行を読み取れません（{ $detail }）

# A cell that holds a formula: never evaluated, and its saved value not taken.
formula_cell = 数式（={ $formula }）は読み込みません。値を入力してください

# A cell that holds an error value (`#N/A`).
error_cell = セルがエラー値（{ $error }）です

# A cell that is not a date as offices write one.
not_a_date_cell = 「{ $cell }」は日付として読めません（2025-04-01、2025/04/01、令和7年4月1日、R7.4.1 の形で入力してください）

# A file's date cell written in an era the day is not in (`平成31年5月1日`): the day, and how
# the era in force on it writes it (`令和元年５月１日`).
# $day: the day, written 2019-05-01; $label: how the era in force on it writes it. The Japanese text leaves out $day.
date_outside_era = 「{ $cell }」はその元号にない日付です（その日は{ $label }です）

# A file to import that is neither a CSV nor an XLSX workbook (judged from its content).
not_a_sheet = CSV ファイルか Excel ブック（.xlsx）を選んでください（種類は内容から判定します）

# A final report's `preliminary_row` that is not an earlier row accepted.
not_an_earlier_row = { $cell } は、受け付けられたこれより前の行の番号ではありません

# A file's cell naming an organization by a name no organization has.
no_organization_named = 「{ $name }」という名称の事業者等は登録されていません。番号か、登録されている名称を入力してください

# A file's cell naming an organization by a name several organizations have.
organization_name_shared = 「{ $name }」という名称の事業者等が複数あります。番号で指定してください

# A final report of a downloaded file whose preliminary report is neither in the file nor here.
preliminary_not_in_file = 受付番号 { $reference } の速報がファイルにありません。速報を含むファイルを取り込んでください
