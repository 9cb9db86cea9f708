//! Where mail goes: an SMTP server (lettre; STARTTLS or TLS as the URL says, with credentials),
//! or — the embedded default without SMTP configured — `.eml` files in a directory.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::config::MailConfig;

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>),
}

impl Transport {
    pub fn from_config(config: &MailConfig) -> Result<Self, String> {
        let url = config.smtp_url.trim();
        if url.is_empty() {
            std::fs::create_dir_all(&config.dir)
                .map_err(|e| format!("cannot create the mail directory {}: {e}", config.dir))?;
            return Ok(Self::Files(AsyncFileTransport::new(&config.dir)));
        }
        // The URL may carry a password: errors name the problem, never the URL.
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("LEAKDESK_SMTP_URL is not a valid SMTP URL: {e}"))?
            .timeout(Some(Duration::from_secs(20)))
            .build();
        Ok(Self::Smtp(transport))
    }

    /// For the log: the kind of transport, without credentials.
    pub fn describe(&self) -> &'static str {
        match self {
            Self::Smtp(_) => "smtp",
            Self::Files(_) => "eml files",
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Self::Smtp(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Self::Files(transport) => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
        }
    }
}

/// A plain-text UTF-8 message with a Message-ID derived from its outbox row, so a receiver can
/// recognise the same message should a crash make the worker send it again.
pub fn build(
    from: &Mailbox,
    outbox_id: i64,
    recipient: &str,
    subject: &str,
    body: &str,
) -> Result<Message, String> {
    let to: Mailbox = recipient
        .parse()
        .map_err(|e| format!("recipient {recipient:?} is not an address: {e}"))?;
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(subject)
        .message_id(Some(format!("<outbox-{outbox_id}@leakdesk>")))
        .header(ContentType::TEXT_PLAIN)
        .body(body.to_owned())
        .map_err(|e| e.to_string())
}
