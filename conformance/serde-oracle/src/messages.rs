//! The wire types of the xswarm Rust supervisor, written from PROTOCOL.md: the same variant order,
//! field types and serde attributes, so serde_json accepts, refuses and words its errors the same way.

use serde::{Deserialize, Serialize};

/// What a client sends. The declaration order matters: serde lists it in `unknown variant` errors.
#[derive(Debug, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
#[allow(dead_code)] // the fields are parsed for their errors; the handler reads only a few
pub enum SupervisorMessage {
    Auth {
        token: String,
    },
    InjectSuggestion {
        text: String,
        #[serde(default)]
        priority: Priority,
    },
    SynthesizeText {
        text: String,
        #[serde(default)]
        stream_sid: Option<String>,
    },
    SmsReceived {
        from: String,
        to: String,
        message: String,
        user: String,
    },
    EmailReceived {
        from: String,
        to: String,
        subject: String,
        body: String,
        user: String,
    },
    ClaudeCodeConnect {
        session_id: String,
        project_path: String,
        user_id: String,
    },
    ClaudeCodeMessage {
        session_id: String,
        message: String,
        context: Option<serde_json::Value>,
    },
    ClaudeCodeDisconnect {
        session_id: String,
    },
    ScheduleAppointment {
        user_id: String,
        text: String,
    },
    ScheduleReminder {
        user_id: String,
        title: String,
        due_time: String,
        priority: Option<i32>,
    },
    GetCalendar {
        user_id: String,
        period: String,
    },
    Ping,
}

/// A suggestion's priority: a unit enum, lowercase on the wire.
#[derive(Debug, Default, Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    High,
    #[default]
    Normal,
    Low,
}

/// The replies this handler can give with no MOSHI TTS model, Claude Code or scheduler configured.
/// Fields in PROTOCOL.md's order: serde_json writes them in declaration order, after the tag.
#[derive(Debug, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMessage {
    AuthResult { success: bool, message: String },
    SuggestionApplied { text: String, timestamp: String },
    SuggestionRejected { reason: String },
    SynthesisFailed { text: String, error: String, timestamp: String },
    MessageAcknowledged { message_type: String, user: String, timestamp: String },
    Pong,
    Error { message: String },
}
