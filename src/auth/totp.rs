//! The second factor of a web login: time-based one-time passwords (RFC 6238 — HMAC-SHA-1, six
//! digits, 30-second steps, computed by `totp-rs`), the secret's `otpauth://` URI and its QR code
//! (SVG, drawn by `qrcode` on the server: no script, no outside service), and the recovery codes.
//!
//! A code is accepted for the current step or one either side (a phone's clock may be a little
//! off), and only for a step later than the last one accepted for that user: the same code, or
//! an older one, is never taken twice.

use qrcode::QrCode;
use qrcode::render::svg;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, TOTP};

use super::secrets::Secret;
use crate::error::AppError;

/// Seconds a code lasts.
pub const STEP_SECS: u64 = 30;
/// Digits of a code.
pub const DIGITS: usize = 6;
/// The issuer an authenticator app shows beside the account.
pub const ISSUER: &str = "leakdesk";
/// How many recovery codes a confirmation hands out.
pub const RECOVERY_CODES: usize = 10;

fn randomness(e: getrandom::Error) -> AppError {
    AppError::internal(format!("no randomness: {e}"))
}

/// A new secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32 without padding.
pub fn new_secret() -> Result<Secret, AppError> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(randomness)?;
    let totp = TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECS,
        bytes.to_vec(),
        None,
        String::new(),
    )
    .map_err(AppError::internal)?;
    Ok(Secret::new(totp.get_secret_base32()))
}

fn totp(secret: &Secret, account: &str) -> Result<TOTP, AppError> {
    let bytes = totp_rs::Secret::Encoded(secret.expose().to_owned())
        .to_bytes()
        .map_err(|e| AppError::internal(format!("stored TOTP secret: {e:?}")))?;
    // The account is shown by the app beside the issuer; a ':' is the one character the URI
    // format reserves there.
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECS,
        bytes,
        Some(ISSUER.to_owned()),
        account.replace(':', " "),
    )
    .map_err(AppError::internal)
}

/// The `otpauth://totp/…` URI an authenticator app reads (from the QR code or typed).
pub fn otpauth_uri(secret: &Secret, account: &str) -> Result<String, AppError> {
    Ok(totp(secret, account)?.get_url())
}

/// The QR code of a URI as an SVG document.
pub fn qr_svg(uri: &str) -> Result<String, AppError> {
    let code = QrCode::new(uri.as_bytes()).map_err(AppError::internal)?;
    Ok(code
        .render::<svg::Color<'_>>()
        .min_dimensions(220, 220)
        .quiet_zone(true)
        .build())
}

/// The step `now` (seconds since the epoch) falls in.
pub fn step_of(now: u64) -> i64 {
    i64::try_from(now / STEP_SECS).unwrap_or(i64::MAX)
}

/// The step a code was made for, if it matches the step of `now` or one either side and that step
/// is later than `last_used` (the last step accepted for this secret).
pub fn accepted_step(
    secret: &Secret,
    code: &str,
    now: u64,
    last_used: Option<i64>,
) -> Result<Option<i64>, AppError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let totp = totp(secret, "")?;
    let current = step_of(now);
    for step in [current - 1, current, current + 1] {
        if last_used.is_some_and(|last| step <= last) || step < 0 {
            continue;
        }
        let at = u64::try_from(step).unwrap_or(0) * STEP_SECS;
        if super::secrets::same_secret(&totp.generate(at), &code) {
            return Ok(Some(step));
        }
    }
    Ok(None)
}

/// The code an authenticator shows at `now` (for tests and the CLI's checks).
pub fn code_at(secret: &Secret, now: u64) -> Result<String, AppError> {
    Ok(totp(secret, "")?.generate(now))
}

/// New recovery codes: ten, each 60 random bits written as three groups of four characters of
/// base32 (`k7qd-m2xa-p9fs`), easy to copy from paper.
pub fn new_recovery_codes() -> Result<Vec<Secret>, AppError> {
    const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz234567";
    (0..RECOVERY_CODES)
        .map(|_| {
            let mut bytes = [0u8; 12];
            getrandom::fill(&mut bytes).map_err(randomness)?;
            let chars: Vec<char> = bytes
                .iter()
                .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
                .collect();
            Ok(Secret::new(format!(
                "{}-{}-{}",
                chars[0..4].iter().collect::<String>(),
                chars[4..8].iter().collect::<String>(),
                chars[8..12].iter().collect::<String>()
            )))
        })
        .collect()
}

/// What is stored of a recovery code: the SHA-256 of its letters, lower-cased, without spaces or
/// hyphens (60 random bits need no slow hash: they cannot be guessed offline in useful time
/// against a rate-limited login, and the hash is never shown).
pub fn recovery_hash(code: &str) -> String {
    let letters: String = code
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    hex::encode(Sha256::digest(format!("recovery:{letters}")))
}

/// Whether what was typed looks like a recovery code rather than a six-digit code.
pub fn is_recovery_code(code: &str) -> bool {
    code.chars().filter(char::is_ascii_alphanumeric).count() == 12
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 6238 Appendix B: the SHA-1 secret "12345678901234567890", eight digits, at 59 s is
    /// 94287082; six digits are its last six.
    #[test]
    fn codes_are_rfc_6238s() {
        let secret = Secret::new("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ".into());
        assert_eq!(code_at(&secret, 59).unwrap(), "287082");
        assert_eq!(code_at(&secret, 1_111_111_109).unwrap(), "081804");
        assert_eq!(code_at(&secret, 2_000_000_000).unwrap(), "279037");
    }

    #[test]
    fn a_code_is_taken_once_within_its_window() {
        let secret = new_secret().unwrap();
        let now = 1_800_000_015;
        let code = code_at(&secret, now).unwrap();
        let step = accepted_step(&secret, &code, now, None).unwrap();
        assert_eq!(step, Some(step_of(now)));
        // The same code again, once its step was used: refused.
        assert_eq!(accepted_step(&secret, &code, now, step).unwrap(), None);
        // The previous step's code is still good 30 s later, unless a later step was used.
        let earlier = code_at(&secret, now - 30).unwrap();
        assert!(
            accepted_step(&secret, &earlier, now, None)
                .unwrap()
                .is_some()
        );
        assert_eq!(accepted_step(&secret, &earlier, now, step).unwrap(), None);
        // Two steps away, or not six digits: refused.
        let old = code_at(&secret, now - 60).unwrap();
        assert_eq!(accepted_step(&secret, &old, now, None).unwrap(), None);
        assert_eq!(accepted_step(&secret, "12345", now, None).unwrap(), None);
        assert_eq!(accepted_step(&secret, "abcdef", now, None).unwrap(), None);
    }

    #[test]
    fn the_uri_and_the_qr_code_carry_the_secret() {
        let secret = new_secret().unwrap();
        assert_eq!(secret.expose().len(), 32);
        let uri = otpauth_uri(&secret, "kanshi@example.jp").unwrap();
        assert!(
            uri.starts_with("otpauth://totp/leakdesk:kanshi%40example.jp?"),
            "{uri}"
        );
        assert!(uri.contains(&format!("secret={}", secret.expose())));
        let svg = qr_svg(&uri).unwrap();
        assert!(svg.contains("<svg"));
    }

    #[test]
    fn recovery_codes_are_ten_distinct_and_read_loosely() {
        let codes = new_recovery_codes().unwrap();
        assert_eq!(codes.len(), 10);
        let distinct: std::collections::BTreeSet<_> = codes.iter().map(Secret::expose).collect();
        assert_eq!(distinct.len(), 10);
        let code = codes[0].expose();
        assert!(is_recovery_code(code));
        assert!(!is_recovery_code("123456"));
        assert_eq!(
            recovery_hash(code),
            recovery_hash(&code.replace('-', " ").to_uppercase())
        );
    }
}
