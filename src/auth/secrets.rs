//! Secrets: API tokens (random, shown once, stored as SHA-256) and web passwords (argon2id).
//! Both travel in [`Secret`], which never prints its contents.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use sha2::{Digest, Sha256};

/// A string that must never reach a log or a debug print.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: String) -> Self {
        Self(value)
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// Prefix that makes a leaked token recognisable to secret scanners.
const TOKEN_PREFIX: &str = "ldk_";

/// A new API token: 32 random bytes from the operating system, hex-encoded.
pub fn generate_token() -> Result<Secret, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(Secret(format!("{TOKEN_PREFIX}{}", hex::encode(bytes))))
}

/// What is stored for a token: its SHA-256, hex. A 256-bit random token needs no slow hash.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// The CSRF token of a web session: derived from the session's secret cookie value, so a page
/// of another site can neither read nor compute it, and nothing more need be stored.
pub fn csrf_token(session_token: &Secret) -> String {
    hex::encode(Sha256::digest(format!("csrf:{}", session_token.expose())))
}

/// Whether two secrets are equal, compared in constant time.
pub fn same_secret(a: &str, b: &str) -> bool {
    use subtle::ConstantTimeEq;
    a.len() == b.len() && bool::from(a.as_bytes().ct_eq(b.as_bytes()))
}

/// A password made for someone (an admin's new user, a reset): 80 random bits as four groups of
/// four lower-case letters and digits (`k7qd-m2xa-p9fs-w3rt`), easy to read out and type.
pub fn generate_password() -> Result<Secret, getrandom::Error> {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    let chars: Vec<char> = bytes
        .iter()
        .map(|b| char::from(ALPHABET[usize::from(b % 32)]))
        .collect();
    let groups: Vec<String> = chars.chunks(4).map(|c| c.iter().collect()).collect();
    Ok(Secret(groups.join("-")))
}

/// Why a password someone chose is refused, if it is: too short, or easy to guess — zxcvbn's
/// estimate (which knows the common passwords, names, words and keyboard patterns, and the
/// user's own e-mail) below "safely unguessable" (10¹⁰ guesses).
pub fn password_refusal(password: &Secret, email: &str) -> Option<crate::error::Refusal> {
    use crate::error::Refusal;
    if password.expose().chars().count() < MIN_PASSWORD_CHARS {
        return Some(Refusal::PasswordTooShort {
            min: MIN_PASSWORD_CHARS as u64,
        });
    }
    let local = email.split('@').next().unwrap_or_default();
    let estimate = zxcvbn::zxcvbn(password.expose(), &[email, local, "leakdesk"]);
    (estimate.score() < zxcvbn::Score::Three).then_some(Refusal::PasswordTooCommon)
}

/// The shortest web password accepted.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// Argon2id with 7 MiB of memory, five passes, one lane: one of the configurations OWASP's
/// password storage cheat sheet lists as giving the same defence as 19 MiB with two passes
/// (argon2's default), chosen because a login's memory is the server's largest single
/// allocation (docs/performance.md, "Peak RSS").
const MEMORY_KIB: u32 = 7 * 1024;
const PASSES: u32 = 5;

fn hasher() -> Argon2<'static> {
    let params = Params::new(MEMORY_KIB, PASSES, 1, None).expect("argon2 parameters in range");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &Secret) -> Result<String, argon2::password_hash::Error> {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| argon2::password_hash::Error::Crypto)?;
    let salt = SaltString::encode_b64(&salt)?;
    Ok(hasher()
        .hash_password(password.expose().as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` is the one `stored` was made from, checked with the parameters written in
/// `stored` (a hash made under other parameters still verifies).
pub fn verify_password(password: &Secret, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        hasher()
            .verify_password(password.expose().as_bytes(), &hash)
            .is_ok()
    })
}

/// Whether `stored` was made under other parameters than [`hash_password`]'s (it is then made
/// again at the next successful login).
pub fn needs_rehash(stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        hash.algorithm != Algorithm::Argon2id.ident()
            || hash.version != Some(Version::V0x13.into())
            || Params::try_from(&hash).is_ok_and(|params| {
                (params.m_cost(), params.t_cost(), params.p_cost()) != (MEMORY_KIB, PASSES, 1)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_and_short_passwords_are_refused() {
        let refused = |p: &str| password_refusal(&Secret::new(p.into()), "kanshi@example.jp");
        assert!(matches!(
            refused("short"),
            Some(crate::error::Refusal::PasswordTooShort { .. })
        ));
        for common in [
            "password1234",
            "qwertyuiop123",
            "kanshi@example.jp",
            "111111111111",
        ] {
            assert_eq!(
                refused(common),
                Some(crate::error::Refusal::PasswordTooCommon),
                "{common}"
            );
        }
        assert_eq!(refused("umbrella tiger kettle 1987 moss"), None);
        let made = generate_password().unwrap();
        assert_eq!(made.expose().len(), 19);
        assert_eq!(password_refusal(&made, "kanshi@example.jp"), None);
    }

    #[test]
    fn tokens_are_random_prefixed_and_hashed_stably() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert_ne!(a, b);
        assert!(a.expose().starts_with("ldk_") && a.expose().len() == 4 + 64);
        assert_eq!(token_hash(a.expose()), token_hash(a.expose()));
        assert_ne!(token_hash(a.expose()), token_hash(b.expose()));
    }

    #[test]
    fn csrf_tokens_follow_their_session_and_compare_exactly() {
        let a = generate_token().unwrap();
        let b = generate_token().unwrap();
        assert_eq!(csrf_token(&a), csrf_token(&a));
        assert_ne!(csrf_token(&a), csrf_token(&b));
        assert!(same_secret(&csrf_token(&a), &csrf_token(&a)));
        assert!(!same_secret(&csrf_token(&a), &csrf_token(&b)));
        assert!(!same_secret(&csrf_token(&a), ""));
    }

    #[test]
    fn secrets_do_not_print() {
        let secret = Secret::new("hunter2hunter2".into());
        assert_eq!(format!("{secret:?}"), "Secret(***)");
    }

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let password = Secret::new("correct horse battery".into());
        let stored = hash_password(&password).unwrap();
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify_password(&password, &stored));
        assert!(!verify_password(&Secret::new("wrong".into()), &stored));
        assert!(!verify_password(&password, "not a hash"));
        assert!(stored.contains("m=7168,t=5,p=1"));
        assert!(!needs_rehash(&stored));
        // A hash made under argon2's default (19 MiB, two passes) still verifies, and is due
        // to be made again.
        let salt = SaltString::encode_b64(b"sixteen byte salt").unwrap();
        let older = Argon2::default()
            .hash_password(password.expose().as_bytes(), &salt)
            .unwrap()
            .to_string();
        assert!(older.contains("m=19456,t=2,p=1"));
        assert!(verify_password(&password, &older));
        assert!(!verify_password(&Secret::new("wrong".into()), &older));
        assert!(needs_rehash(&older));
    }
}
