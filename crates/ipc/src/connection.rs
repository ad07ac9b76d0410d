use interprocess::local_socket::tokio::Stream;
use livespot_domain::{CorrelationIds, ProcessRole, Validate};

use crate::envelope::{Envelope, system_now_ms};
use crate::error::IpcError;
use crate::frame::{FrameLimits, append_frame, checked_length, write_frame, write_frames};
use crate::frame_assembler::FrameAssembler;
use crate::payload::Payload;
use crate::shared_stream::SharedStream;

#[derive(Debug)]
pub struct EnvelopeReader {
    inner: SharedStream,
    frames: FrameAssembler,
    peer: ProcessRole,
    last_seq: Option<u64>,
    broken: Option<IpcError>,
}

impl EnvelopeReader {
    pub fn peer(&self) -> ProcessRole {
        self.peer
    }

    pub async fn read_envelope(&mut self) -> Result<Option<Envelope>, IpcError> {
        if let Some(error) = &self.broken {
            return Err(error.clone());
        }
        let outcome = self.read_checked().await;
        if let Err(error) = &outcome
            && !error.connection_still_aligned()
        {
            self.broken = Some(error.clone());
        }
        outcome
    }

    pub fn read_buffered_envelope(&mut self) -> Option<Result<Envelope, IpcError>> {
        if let Some(error) = &self.broken {
            return Some(Err(error.clone()));
        }
        let outcome = match self.frames.buffered_frame_body() {
            Ok(None) => return None,
            Ok(Some(body)) => Envelope::decode(body).and_then(|envelope| self.checked(envelope)),
            Err(error) => Err(error),
        };
        if let Err(error) = &outcome
            && !error.connection_still_aligned()
        {
            self.broken = Some(error.clone());
        }
        Some(outcome)
    }

    async fn read_checked(&mut self) -> Result<Option<Envelope>, IpcError> {
        let Some(body) = self.frames.next_frame_body(&mut self.inner).await? else {
            return Ok(None);
        };
        let envelope = Envelope::decode(body)?;
        self.checked(envelope).map(Some)
    }

    fn checked(&mut self, envelope: Envelope) -> Result<Envelope, IpcError> {
        if envelope.sender != self.peer {
            return Err(IpcError::SenderMismatch {
                authenticated: self.peer,
                claimed: envelope.sender,
            });
        }
        if self.last_seq.is_some_and(|last| envelope.seq <= last) {
            return Err(IpcError::SequenceRegressed {
                last: self.last_seq.unwrap_or_default(),
                received: envelope.seq,
            });
        }
        self.last_seq = Some(envelope.seq);
        envelope.validate()?;
        Ok(envelope)
    }
}

#[derive(Debug)]
pub struct EnvelopeWriter {
    inner: SharedStream,
    role: ProcessRole,
    next_seq: u64,
    limits: FrameLimits,
    unfinished_write: bool,
}

impl EnvelopeWriter {
    pub fn role(&self) -> ProcessRole {
        self.role
    }

    pub async fn write_envelope(&mut self, envelope: &Envelope) -> Result<(), IpcError> {
        let body = envelope.encode()?;
        checked_length(body.len(), self.limits)?;
        if self.unfinished_write {
            return Err(IpcError::WriteFailed(
                "an earlier frame was not fully written; the link is unusable".to_owned(),
            ));
        }
        self.unfinished_write = true;
        write_frame(&mut self.inner, &body, self.limits).await?;
        self.unfinished_write = false;
        Ok(())
    }

    pub async fn send(
        &mut self,
        correlation: CorrelationIds,
        payload: Payload,
    ) -> Result<u64, IpcError> {
        let seq = self.next_seq;
        let envelope = Envelope::new(self.role, seq, system_now_ms(), correlation, payload);
        self.write_envelope(&envelope).await?;
        self.next_seq = seq.saturating_add(1);
        Ok(seq)
    }

    pub async fn send_many(
        &mut self,
        items: Vec<(CorrelationIds, Payload)>,
    ) -> Result<u64, IpcError> {
        if self.unfinished_write {
            return Err(IpcError::WriteFailed(
                "an earlier frame was not fully written; the link is unusable".to_owned(),
            ));
        }
        let mut frames = Vec::new();
        let mut encoded: u64 = 0;
        let mut refused = None;
        for (correlation, payload) in items {
            let seq = self.next_seq.saturating_add(encoded);
            let envelope = Envelope::new(self.role, seq, system_now_ms(), correlation, payload);
            let appended = envelope
                .encode()
                .and_then(|body| append_frame(&mut frames, &body, self.limits));
            if let Err(error) = appended {
                refused = Some(error);
                break;
            }
            encoded += 1;
        }
        if !frames.is_empty() {
            self.unfinished_write = true;
            write_frames(&mut self.inner, &frames).await?;
            self.unfinished_write = false;
            self.next_seq = self.next_seq.saturating_add(encoded);
        }
        refused.map_or(Ok(encoded), Err)
    }
}

#[derive(Debug)]
pub struct Connection {
    reader: EnvelopeReader,
    writer: EnvelopeWriter,
}

impl Connection {
    pub(crate) fn new(
        stream: Stream,
        role: ProcessRole,
        peer: ProcessRole,
        limits: FrameLimits,
    ) -> Self {
        let shared = SharedStream::new(stream);
        Self {
            reader: EnvelopeReader {
                inner: shared.clone(),
                frames: FrameAssembler::new(limits),
                peer,
                last_seq: None,
                broken: None,
            },
            writer: EnvelopeWriter {
                inner: shared,
                role,
                next_seq: 1,
                unfinished_write: false,
                limits,
            },
        }
    }

    pub fn peer(&self) -> ProcessRole {
        self.reader.peer
    }

    pub fn role(&self) -> ProcessRole {
        self.writer.role
    }

    pub async fn read_envelope(&mut self) -> Result<Option<Envelope>, IpcError> {
        self.reader.read_envelope().await
    }

    pub async fn write_envelope(&mut self, envelope: &Envelope) -> Result<(), IpcError> {
        self.writer.write_envelope(envelope).await
    }

    pub async fn send(
        &mut self,
        correlation: CorrelationIds,
        payload: Payload,
    ) -> Result<u64, IpcError> {
        self.writer.send(correlation, payload).await
    }

    pub fn into_split(self) -> (EnvelopeReader, EnvelopeWriter) {
        (self.reader, self.writer)
    }
}
