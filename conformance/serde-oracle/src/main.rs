//! serde-oracle: reads JSON lines `{"id":"…","frames":["…",…]}` on stdin and writes for each
//! `{"id":"…","answers":["…",…]}`: answer i is the exact text the Rust supervisor would send in
//! reply to frame i, timestamps as "<timestamp>". Each line is a fresh server with one connection,
//! every frame handled at the server's start time.

mod handler;
mod messages;

use handler::{Connection, Server};
use serde::{Deserialize, Serialize};
use std::io::{self, BufRead, Write};

const TOKEN: &str = "dev-token-12345";

#[derive(Deserialize)]
struct Case {
    id: String,
    frames: Vec<String>,
}

#[derive(Serialize)]
struct Answers<'a> {
    id: &'a str,
    answers: Vec<String>,
}

#[derive(Serialize)]
struct Refused {
    id: Option<String>,
    error: String,
}

fn answer(case: &Case) -> String {
    let mut server = Server::new(TOKEN, 0);
    let mut conn = Connection::default();
    let answers = case
        .frames
        .iter()
        .map(|frame| {
            let reply = server.handle(&mut conn, frame, 0);
            serde_json::to_string(&reply).expect("a reply always serializes")
        })
        .collect();
    serde_json::to_string(&Answers { id: &case.id, answers }).expect("answers always serialize")
}

fn main() -> io::Result<()> {
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let mut line = Vec::new();
    loop {
        line.clear();
        if input.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let reply = match serde_json::from_slice::<Case>(&line) {
            Ok(case) => answer(&case),
            // Never a crash: say what was wrong with the line and go on with the next.
            Err(e) => serde_json::to_string(&Refused {
                id: serde_json::from_slice::<serde_json::Value>(&line)
                    .ok()
                    .and_then(|v| v.get("id").and_then(|id| id.as_str()).map(str::to_string)),
                error: format!("not a case line: {}", e),
            })
            .expect("a refusal always serializes"),
        };
        out.write_all(reply.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
}
