### Refusals of a file to import: its encoding, sheets, columns and cells, and the dry run.

import_refused = rows were refused

# A dry run's rows were all accepted, and rolled back as a dry run is.
dry_run = a dry run writes nothing

# The file's bytes are not text in the encoding named.
not_in_encoding = line { $line } is not { $encoding }; save the file as UTF-8 or Shift_JIS (CP932), or name its encoding

# The file's bytes are neither UTF-8 nor Shift_JIS.
neither_encoding = line { $line } is neither UTF-8 nor Shift_JIS (CP932); name the file's encoding

# A sheet was named for a file that is a CSV.
sheet_of_csv = a sheet is named for an XLSX workbook; this file is a CSV

# The file cannot be read as a CSV or a workbook (the reader's words).
# $detail: the reader's English words.
unreadable_file = the file cannot be read: { $detail }

# $mib, $most_mib: sizes in MiB.
workbook_too_large = the workbook expands to { $mib } MiB, more than the { $most_mib } MiB a workbook may hold

# $sheets: the list of the workbook's sheet names.
no_such_sheet = the workbook has no sheet { $wanted }; its sheets: { JOIN($sheets, separator: ", ") }

no_sheet = the workbook has no sheet

# $columns: the list of headings not understood.
unknown_columns = unknown column(s): { JOIN($columns, separator: ", ") }; the columns are the record's field names, the short labels of its page or the labels of its form

column_twice = column { $column } appears twice

no_rows = the file has a header but no rows

# A row the CSV reader could not read (the reader's words).
# $detail: the reader's English words.
unreadable_row = unreadable: { $detail }

# A cell that holds a formula: never evaluated, and its saved value not taken.
formula_cell = a formula (={ $formula }) is not read; enter its value

# A cell that holds an error value (`#N/A`).
error_cell = the cell holds an error ({ $error })

# A cell that is not a date as offices write one.
not_a_date_cell = { $cell } is not a date (YYYY-MM-DD, YYYY/MM/DD, 令和元年10月1日 or R1.10.1)

# A file's date cell written in an era the day is not in (`平成31年5月1日`): the day, and how
# the era in force on it writes it (`令和元年５月１日`).
# $day: the day, written 2019-05-01; $label: how the era in force on it writes it. The Japanese text leaves out $day.
date_outside_era = { $cell } is not a day of its era: that day ({ $day }) is { $label }

# A file to import that is neither a CSV nor an XLSX workbook (judged from its content).
not_a_sheet = is not a CSV file or an XLSX workbook (judged from its content)

# A final report's `preliminary_row` that is not an earlier row accepted.
not_an_earlier_row = { $cell } is not an earlier row that was accepted

# A file's cell naming an organization by a name no organization has.
no_organization_named = no organization is registered as { $name }; give its number or its name as registered

# A file's cell naming an organization by a name several organizations have.
organization_name_shared = more than one organization is registered as { $name }; give its number

# A final report of a downloaded file whose preliminary report is neither in the file nor here.
preliminary_not_in_file = the preliminary report of incident { $reference } is not in the file; import the file with it
