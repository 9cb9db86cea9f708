### Refusals of organizations: corporate numbers, prefectures, and conflicts between organizations.

corporate_number_digits = must be exactly 13 digits

# $expected: the check digit the number should have.
corporate_number_check_digit = check digit does not match (expected { $expected })

prefecture = must be one of the 47 prefectures, written as 東京都, 大阪府, 北海道, 青森県 …

corporate_number_taken = organization { $organization } already has corporate number { $number }
