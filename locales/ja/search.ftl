### 検索語についての拒否

# A search term shorter than the index can find.
# $term: the word given; $min: a number of characters.
search_term_too_short = 検索語は{ $min }文字以上で入力してください（「{ $term }」が短すぎます）

search_term_count = 検索語は{ $max }語までです
