### 組織（法人番号・都道府県・組織の重複）についての拒否

corporate_number_digits = 法人番号は13桁の数字です

# $expected: the check digit the number should have.
corporate_number_check_digit = 法人番号のチェックデジットが一致しません（正しくは { $expected }）

prefecture = 47都道府県のいずれかを「東京都」「大阪府」「北海道」「青森県」のように入力してください

corporate_number_taken = 法人番号 { $number } はすでに組織 { $organization } にあります
