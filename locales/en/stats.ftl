### Refusals of the publication of statistics.

# $table: the statistics table, as the API spells it (English) or its label (Japanese); $period: e.g. FY2019-H1.
already_published = the { $table } figures of { $period } are already published

# $table: the table, as the API spells it (English) or its label (Japanese).
not_published = the { $table } of { $period } is not published: correct it by computing it again

erratum_unchanged = must differ from the value published
