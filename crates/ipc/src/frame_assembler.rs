use std::ops::Range;

use tokio::io::{AsyncRead, AsyncReadExt};

use crate::error::IpcError;
use crate::frame::{FRAME_HEADER_BYTES, FrameLimits, peer_went_away};

const READ_CHUNK_BYTES: usize = 16 * 1024;

#[derive(Debug)]
pub(crate) struct FrameAssembler {
    buffer: Vec<u8>,
    consumed: usize,
    limits: FrameLimits,
}

impl FrameAssembler {
    pub(crate) fn new(limits: FrameLimits) -> Self {
        Self {
            buffer: Vec::new(),
            consumed: 0,
            limits,
        }
    }

    fn unread(&self) -> &[u8] {
        self.buffer.get(self.consumed..).unwrap_or_default()
    }

    fn announced_length(&self) -> Result<Option<usize>, IpcError> {
        let Some(header) = self.unread().first_chunk::<FRAME_HEADER_BYTES>() else {
            return Ok(None);
        };
        let length = u32::from_le_bytes(*header);
        if length > self.limits.max_frame_bytes {
            return Err(IpcError::FrameTooLarge {
                length: u64::from(length),
                max: self.limits.max_frame_bytes,
            });
        }
        Ok(Some(usize::try_from(length).unwrap_or(usize::MAX)))
    }

    fn take_frame(&mut self) -> Result<Option<Range<usize>>, IpcError> {
        let Some(length) = self.announced_length()? else {
            return Ok(None);
        };
        let total = FRAME_HEADER_BYTES.saturating_add(length);
        if self.unread().len() < total {
            return Ok(None);
        }
        let body = self.consumed + FRAME_HEADER_BYTES..self.consumed + total;
        self.consumed += total;
        Ok(Some(body))
    }

    fn torn_or_clean_close<T>(&self) -> Result<Option<T>, IpcError> {
        let held = self.unread().len();
        if held == 0 {
            return Ok(None);
        }
        let (expected, received) = match self.announced_length() {
            Ok(Some(length)) => (length, held - FRAME_HEADER_BYTES),
            _ => (FRAME_HEADER_BYTES, held),
        };
        Err(IpcError::TornFrame { expected, received })
    }

    fn reserve_for_next_read(&mut self) {
        self.buffer.drain(..self.consumed);
        self.consumed = 0;
        let max_frame = usize::try_from(self.limits.max_frame_bytes).unwrap_or(usize::MAX);
        let chunk = READ_CHUNK_BYTES.min(max_frame / 2).max(FRAME_HEADER_BYTES);
        self.buffer.reserve(chunk);
    }

    #[cfg(test)]
    pub(crate) async fn next_frame<R>(
        &mut self,
        reader: &mut R,
    ) -> Result<Option<Vec<u8>>, IpcError>
    where
        R: AsyncRead + Unpin,
    {
        Ok(self.next_frame_body(reader).await?.map(<[u8]>::to_vec))
    }

    pub(crate) fn buffered_frame_body(&mut self) -> Result<Option<&[u8]>, IpcError> {
        Ok(self.take_frame()?.and_then(|body| self.buffer.get(body)))
    }

    pub(crate) async fn next_frame_body<R>(
        &mut self,
        reader: &mut R,
    ) -> Result<Option<&[u8]>, IpcError>
    where
        R: AsyncRead + Unpin,
    {
        loop {
            if let Some(body) = self.take_frame()? {
                return Ok(self.buffer.get(body));
            }
            self.reserve_for_next_read();
            match reader.read_buf(&mut self.buffer).await {
                Ok(0) => return self.torn_or_clean_close(),
                Ok(_) => {}
                Err(error) if peer_went_away(&error) => return self.torn_or_clean_close(),
                Err(error) => return Err(IpcError::from_read(&error)),
            }
        }
    }
}

#[cfg(test)]
#[path = "frame_assembler_tests.rs"]
mod tests;
