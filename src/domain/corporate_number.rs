//! 法人番号 (corporate number): thirteen digits whose first is a check digit over the other twelve
//! (法人番号の指定等に関する省令 第2条): with P(n) the n-th digit counted from the right of the
//! twelve and Q(n) = 1 for odd n, 2 for even n, the check digit is 9 − (Σ P(n)·Q(n) mod 9).

#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum CorporateNumberError {
    #[error("must be exactly 13 digits")]
    Format,
    #[error("check digit does not match (expected {expected})")]
    CheckDigit { expected: u32 },
}

impl CorporateNumberError {
    pub fn refusal(&self) -> crate::error::Refusal {
        match *self {
            Self::Format => crate::error::Refusal::CorporateNumberDigits,
            Self::CheckDigit { expected } => {
                crate::error::Refusal::CorporateNumberCheckDigit { expected }
            }
        }
    }
}

/// The shape of a corporate number as a regular expression (13 digits; the check digit, which
/// is 9 − a sum mod 9, is never 0). The check digit itself is beyond a pattern.
pub const CORPORATE_NUMBER_PATTERN: &str = "^[1-9][0-9]{12}$";

pub fn check_corporate_number(number: &str) -> Result<(), CorporateNumberError> {
    if number.len() != 13 || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(CorporateNumberError::Format);
    }
    let digits: Vec<u32> = number.bytes().map(|b| u32::from(b - b'0')).collect();
    let expected = check_digit(&digits[1..]);
    if digits[0] == expected {
        Ok(())
    } else {
        Err(CorporateNumberError::CheckDigit { expected })
    }
}

fn check_digit(base: &[u32]) -> u32 {
    let sum: u32 = base
        .iter()
        .rev()
        .enumerate()
        .map(|(i, digit)| digit * if i % 2 == 0 { 1 } else { 2 })
        .sum();
    9 - sum % 9
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_numbers_pass_the_ordinance_check() {
        // Numbers as published by the National Tax Agency's corporate-number site.
        assert_eq!(check_corporate_number("1180301018771"), Ok(()));
        assert_eq!(check_corporate_number("7010001008844"), Ok(()));
    }

    #[test]
    fn a_wrong_check_digit_names_the_right_one() {
        assert_eq!(
            check_corporate_number("2180301018771"),
            Err(CorporateNumberError::CheckDigit { expected: 1 })
        );
    }

    #[test]
    fn anything_but_thirteen_ascii_digits_is_refused() {
        for bad in [
            "",
            "118030101877",
            "11803010187710",
            "1180-30101877",
            "１180301018771",
        ] {
            assert_eq!(
                check_corporate_number(bad),
                Err(CorporateNumberError::Format),
                "{bad}"
            );
        }
    }
}
