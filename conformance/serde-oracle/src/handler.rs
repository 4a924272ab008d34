//! The Rust supervisor's message handler, answer for answer, for one server with its connections.

use crate::messages::{Priority, ServerMessage, SupervisorMessage};

/// Stands in for every `Utc::now().to_rfc3339()`: the oracle's output is compared timestamps aside.
pub const TIMESTAMP: &str = "<timestamp>";

const RATE_LIMIT_MS: u64 = 2000;
const MAX_QUEUE: usize = 5;
/// What the real server's TTS engine fails with: the MOSHI TTS model is not integrated.
const TTS_ERROR: &str = "TTS model not yet integrated - requires separate MOSHI TTS model";
const CLAUDE_CODE_OFF: &str = "Claude Code integration not enabled";
const SCHEDULER_PENDING: &str = "Scheduler integration pending - will be implemented in Rust module";
const CALENDAR_PENDING: &str = "Calendar retrieval pending - will be implemented via server client";

/// State shared by all connections of one server.
pub struct Server {
    token: String,
    /// Starts at server start, as the real `Instant::now()` in `SupervisorServer::new`.
    last_injection_ms: u64,
    /// Nothing drains the suggestion queue when MOSHI is not running.
    queue_len: usize,
}

/// One WebSocket connection's state.
#[derive(Default)]
pub struct Connection {
    authenticated: bool,
}

impl Server {
    pub fn new(token: &str, start_ms: u64) -> Self {
        Server { token: token.to_string(), last_injection_ms: start_ms, queue_len: 0 }
    }

    /// The reply to one text frame received at `now_ms` (same time base as `start_ms`).
    pub fn handle(&mut self, conn: &mut Connection, text: &str, now_ms: u64) -> ServerMessage {
        let message = match serde_json::from_str::<SupervisorMessage>(text) {
            Ok(message) => message,
            Err(e) => return error(format!("Invalid message format: {}", e)),
        };
        match message {
            SupervisorMessage::Auth { token } => {
                // A failed auth overwrites the flag, even after a success.
                conn.authenticated = token == self.token;
                ServerMessage::AuthResult {
                    success: conn.authenticated,
                    message: if conn.authenticated {
                        "Authenticated successfully"
                    } else {
                        "Invalid authentication token"
                    }
                    .to_string(),
                }
            }
            SupervisorMessage::Ping => ServerMessage::Pong,
            _ if !conn.authenticated => error("Not authenticated".to_string()),
            SupervisorMessage::InjectSuggestion { text, priority } => self.inject(text, priority, now_ms),
            SupervisorMessage::SynthesizeText { text, .. } => ServerMessage::SynthesisFailed {
                text,
                error: TTS_ERROR.to_string(),
                timestamp: TIMESTAMP.to_string(),
            },
            SupervisorMessage::SmsReceived { user, .. } => acknowledged("sms", user),
            SupervisorMessage::EmailReceived { user, .. } => acknowledged("email", user),
            SupervisorMessage::ClaudeCodeConnect { .. }
            | SupervisorMessage::ClaudeCodeMessage { .. }
            | SupervisorMessage::ClaudeCodeDisconnect { .. } => error(CLAUDE_CODE_OFF.to_string()),
            SupervisorMessage::ScheduleAppointment { .. } | SupervisorMessage::ScheduleReminder { .. } => {
                error(SCHEDULER_PENDING.to_string())
            }
            SupervisorMessage::GetCalendar { .. } => error(CALENDAR_PENDING.to_string()),
        }
    }

    fn inject(&mut self, text: String, priority: Priority, now_ms: u64) -> ServerMessage {
        let elapsed = now_ms.saturating_sub(self.last_injection_ms);
        if priority != Priority::High && elapsed < RATE_LIMIT_MS {
            return ServerMessage::SuggestionRejected {
                reason: format!("Rate limited. Wait {} ms between suggestions.", RATE_LIMIT_MS),
            };
        }
        // The real server restarts the rate-limit clock before it looks at the queue, so a
        // suggestion refused for a full queue still counts as the last one.
        self.last_injection_ms = now_ms;
        if self.queue_len >= MAX_QUEUE {
            return ServerMessage::SuggestionRejected {
                reason: format!("Queue full ({}/{})", self.queue_len, MAX_QUEUE),
            };
        }
        self.queue_len += 1;
        ServerMessage::SuggestionApplied { text, timestamp: TIMESTAMP.to_string() }
    }
}

fn error(message: String) -> ServerMessage {
    ServerMessage::Error { message }
}

fn acknowledged(message_type: &str, user: String) -> ServerMessage {
    ServerMessage::MessageAcknowledged {
        message_type: message_type.to_string(),
        user,
        timestamp: TIMESTAMP.to_string(),
    }
}
