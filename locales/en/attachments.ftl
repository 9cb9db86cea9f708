### Refusals of attached files.

empty_file = the file is empty (0 bytes)

# Not a type the service accepts, judged from the content.
file_type = is not an accepted type (PDF, PNG, JPEG, DOCX, XLSX, PPTX, or text/CSV in UTF-8 or Shift_JIS), judged from its content

# $limit: a number of bytes; MIB($limit) writes it as whole MiB.
file_too_large = is larger than { $limit } bytes

too_many_files = at most { $limit } files a request

# A request past every file at its limit: reading stopped there.
# $limit: a number of bytes; MIB($limit) writes it as whole MiB.
request_too_large = the request is larger than { $limit } bytes; reading stopped there

# A `file` part without a file name.
not_a_file = must be a file with a name
