//! The law and the counting rules: pure types and functions, no I/O. Each rule lives in one file
//! here with unit tests that cite it; HTTP handlers and SQL only call into this layer.

pub mod access;
pub mod activity;
pub mod activity_report;
pub mod agenda;
pub mod attachment;
pub mod calendar;
pub mod case;
pub mod corporate_number;
pub mod deadlines;
pub mod hotline;
pub mod indicators;
pub mod labels;
pub mod organization;
pub mod oversight;
pub mod periodic;
pub mod periods;
pub mod pia;
pub mod powers;
pub mod prefecture;
pub mod reference;
pub mod registers;
pub mod report;
pub mod reportability;
pub mod review;
pub mod search;
pub mod text;
pub mod work;

/// A stored code that names no variant of the enum it should decode to.
#[derive(Debug, thiserror::Error)]
#[error("unknown {kind} code {code:?}")]
pub struct UnknownCode {
    pub kind: &'static str,
    pub code: String,
}

/// An enum stored as its code in a TEXT column and written as that code in JSON.
macro_rules! text_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$variant_meta:meta])* $variant:ident => $code:tt ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(
            Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
            utoipa::ToSchema,
        )]
        $vis enum $name {
            $( $(#[$variant_meta])* #[serde(rename = $code)] $variant ),+
        }

        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)+ _ => None }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::domain::UnknownCode;

            fn try_from(code: String) -> Result<Self, Self::Error> {
                Self::parse(&code).ok_or($crate::domain::UnknownCode { kind: stringify!($name), code })
            }
        }
    };
}
pub(crate) use text_enum;
