### 添付ファイルについての拒否

empty_file = ファイルが空です（0 バイト）

# Not a type the service accepts, judged from the content.
file_type = 受け付けられない種類のファイルです（PDF、PNG、JPEG、Word・Excel・PowerPoint（.docx・.xlsx・.pptx）、UTF-8 かシフト JIS のテキスト・CSV に限ります。種類は内容から判定します）

# $limit: a number of bytes; MIB($limit) writes it as whole MiB.
file_too_large = ファイルが大きすぎます（1 ファイル { MIB($limit) } MiB まで）

too_many_files = 一度に添付できるのは { $limit } ファイルまでです

# A request past every file at its limit: reading stopped there.
# $limit: a number of bytes; MIB($limit) writes it as whole MiB.
request_too_large = 送信内容が大きすぎます（{ MIB($limit) } MiB まで）

# A `file` part without a file name.
not_a_file = ファイルを選んでください
