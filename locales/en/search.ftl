### Refusals of search terms.

# A search term shorter than the index can find.
# $term: the word given; $min: a number of characters.
search_term_too_short = each word must be at least { $min } characters long ("{ $term }" is shorter)

search_term_count = may hold at most { $max } words
