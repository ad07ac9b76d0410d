mod answer;
mod budget;
mod client;
mod error;
mod gate;
mod key;
mod modify;
mod outcome;
mod prompt;
mod prompt_input;
mod record;
pub mod stub;
mod wire;

pub use answer::{
    AnswerEntryKind, AnswerVerdict, MODIFY_FIELDS, ModelAnswer, ModifyAnswer, parse_answer,
};
pub use budget::Budget;
pub use client::{CallReply, ChatClient};
pub use error::{GateError, SetupError};
pub use gate::AiGate;
pub use key::{ApiKey, OPENAI_API_KEY_ENV, REDACTED};
pub use modify::to_modification;
pub use outcome::{AiDec, GateOutcome, GateVerdict};
pub use prompt::{ENTRY_GATE_VERSION, PromptSet, RenderedPrompt};
pub use prompt_input::{GateContext, PLACEHOLDERS, PromptFacts};
pub use record::AiGateRecord;
pub use wire::{
    AssistantMessage, ChatCompletion, ChatMessage, ChatRequest, CompletionChoice, JsonSchemaSpec,
    ResponseFormat, Usage,
};
