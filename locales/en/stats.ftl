### Refusals of the publication of statistics.

# $table: the statistics table, as the API spells it (English) or its label (Japanese); $period: e.g. FY2019-H1.
already_published = the { $table } figures of { $period } are already published
