//! A small SMTP server for the tests, speaking real SMTP over TCP on loopback: it accepts every
//! message and keeps it, so a test can see what arrived, where, and how many times.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Clone, Debug)]
pub struct Received {
    pub recipients: Vec<String>,
    pub subject: String,
    pub body: String,
    pub message_id: String,
}

pub struct SmtpServer {
    pub port: u16,
    received: Arc<Mutex<Vec<Received>>>,
}

impl SmtpServer {
    pub fn start() -> Self {
        Self::on(TcpListener::bind("127.0.0.1:0").expect("a free port"))
    }

    /// A server on a port chosen earlier (to come up after an outage).
    pub fn start_on(port: u16) -> Self {
        Self::on(TcpListener::bind(("127.0.0.1", port)).expect("the reserved port"))
    }

    /// A port on which nothing listens yet.
    pub fn unused_port() -> u16 {
        TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port()
    }

    fn on(listener: TcpListener) -> Self {
        let port = listener.local_addr().unwrap().port();
        let received = Arc::new(Mutex::new(Vec::new()));
        let store = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let store = store.clone();
                std::thread::spawn(move || {
                    let _ = session(stream, &store);
                });
            }
        });
        Self { port, received }
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    pub fn messages(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }

    /// Waits (at most `limit`) until at least `count` messages arrived.
    pub fn wait_for(&self, count: usize, limit: Duration) -> Vec<Received> {
        let start = Instant::now();
        while self.messages().len() < count && start.elapsed() < limit {
            std::thread::sleep(Duration::from_millis(50));
        }
        self.messages()
    }
}

fn session(stream: TcpStream, store: &Mutex<Vec<Received>>) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut writer = stream.try_clone()?;
    let mut reader = BufReader::new(stream);
    writer.write_all(b"220 leakdesk-test ESMTP\r\n")?;
    let mut recipients = Vec::new();
    let mut line = String::new();
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        if command.starts_with("EHLO") || command.starts_with("HELO") {
            writer.write_all(b"250-leakdesk-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n")?;
        } else if command.starts_with("MAIL FROM") {
            recipients.clear();
            writer.write_all(b"250 OK\r\n")?;
        } else if command.starts_with("RCPT TO") {
            let address = line.trim_end()[8..]
                .trim()
                .trim_matches(['<', '>'])
                .to_owned();
            recipients.push(address);
            writer.write_all(b"250 OK\r\n")?;
        } else if command == "DATA" {
            writer.write_all(b"354 end with <CRLF>.<CRLF>\r\n")?;
            let mut data = Vec::new();
            loop {
                let mut chunk = String::new();
                if reader.read_line(&mut chunk)? == 0 || chunk == ".\r\n" {
                    break;
                }
                let chunk = chunk.strip_prefix('.').unwrap_or(&chunk);
                data.extend_from_slice(chunk.as_bytes());
            }
            let parsed = mail_parser::MessageParser::default().parse(&data);
            let (subject, body, message_id) = parsed.map_or_else(Default::default, |m| {
                (
                    m.subject().unwrap_or_default().to_owned(),
                    m.body_text(0).map(|b| b.into_owned()).unwrap_or_default(),
                    m.message_id().unwrap_or_default().to_owned(),
                )
            });
            store.lock().unwrap().push(Received {
                recipients: std::mem::take(&mut recipients),
                subject,
                body,
                message_id,
            });
            writer.write_all(b"250 OK queued\r\n")?;
        } else if command == "QUIT" {
            writer.write_all(b"221 bye\r\n")?;
            return Ok(());
        } else if command == "RSET" || command == "NOOP" {
            writer.write_all(b"250 OK\r\n")?;
        } else {
            writer.write_all(b"502 not implemented\r\n")?;
        }
    }
}
